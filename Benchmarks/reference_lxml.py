#!/usr/bin/env python3
"""The reference a data team would write: a USPTO weekly feed to ndjson with lxml.

    python3 Benchmarks/reference_lxml.py ipa261126.xml > ipa261126.ndjson

The file is read in 1 MB blocks and split on "<?xml" (each document of a weekly
file has its own XML declaration; there is no wrapping root). Each document is
parsed with lxml.etree.fromstring, safely (no entity expansion, no network, no
DTD), and the fields that `patent-digest parse --format ndjson` writes are
pulled out with find/findall/xpath. Sequence listings (<sequence-cwu>) carry no
bibliographic record and are skipped. A document that does not parse is
reported on stderr and skipped; the exit code is then 1.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator

from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
DECLARATION = b"<?xml"


def documents(path: str, block: int = 1 << 20) -> Iterator[bytes]:
    """Yield each document of a concatenated feed, split on the raw bytes of "<?xml"."""
    with open(path, "rb") as f:
        pending = b""
        while True:
            data = f.read(block)
            if not data:
                break
            # Search only the new bytes, plus enough old ones for a declaration
            # that straddles two blocks.
            search = max(1, len(pending) - len(DECLARATION) + 1)
            pending += data
            start = 0
            while True:
                nxt = pending.find(DECLARATION, search)
                if nxt < 0:
                    break
                if pending[start:nxt].strip():
                    yield pending[start:nxt]
                start, search = nxt, nxt + 1
            pending = pending[start:]
        if pending.strip():
            yield pending


def text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return " ".join("".join(el.itertext()).split())


def iso_date(value: str | None) -> str | None:
    if not value or len(value) != 8 or not value.isdigit():
        return value or None
    return f"{value[:4]}-{value[4:6]}-{value[6:]}"


def text_without_tables(el: etree._Element | None) -> str | None:
    """Text of an element, leaving out <tables> (and <table>) with their content."""
    if el is None:
        return None
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag not in ("tables", "table") and isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def party(el: etree._Element) -> dict[str, str | None]:
    book = el.find("addressbook")
    if book is None:
        book = el
    name = book.findtext("orgname")
    if not name:
        first, last = book.findtext("first-name"), book.findtext("last-name")
        name = " ".join(x for x in (first, last) if x)
    address = book.find("address")
    if address is None:
        address = el.find("address")

    def part(tag: str) -> str | None:
        return address.findtext(tag) if address is not None else None

    return {"name": " ".join(name.split()) if name else None,
            "city": part("city"), "state": part("state"), "country": part("country")}


def classification(el: etree._Element) -> str:
    """"G02B 27/0172" from the section/class/subclass/main-group/subgroup parts."""
    get = el.findtext
    return f"{get('section', '')}{get('class', '')}{get('subclass', '')} {get('main-group', '').strip()}/{get('subgroup', '').strip()}"


def record(root: etree._Element, source: str) -> dict[str, object]:
    biblio = root.find("us-bibliographic-data-application")
    kind_of_doc = "application"
    if biblio is None:
        biblio = root.find("us-bibliographic-data-grant")
        kind_of_doc = "grant"
    if biblio is None:
        raise ValueError(f"no bibliographic data in <{root.tag}>")

    pub = biblio.find("publication-reference/document-id")
    app_ref = biblio.find("application-reference")
    app = app_ref.find("document-id") if app_ref is not None else None
    pub_country = pub.findtext("country", "") if pub is not None else ""
    pub_number = pub.findtext("doc-number", "") if pub is not None else ""
    kind = pub.findtext("kind") if pub is not None else None

    # Parties: v4.2+ nests them in <us-parties>, older DTDs in <parties>.
    parties = biblio.find("us-parties")
    if parties is None:
        parties = biblio.find("parties")
    applicant_els: list[etree._Element] = []
    inventor_els: list[etree._Element] = []
    if parties is not None:
        applicant_els = parties.xpath("us-applicants/us-applicant | applicants/applicant")
        inventor_els = parties.xpath("inventors/inventor")
        if not inventor_els:  # v4.0/v4.1: inventors are applicants "applicant-inventor"
            inventor_els = [a for a in applicant_els if a.get("app-type") == "applicant-inventor"]
    assignee_els = biblio.findall("assignees/assignee")
    if not assignee_els:
        assignee_els = [a for a in applicant_els if a.get("applicant-authority-category") == "assignee"]

    cpc = [classification(c) for c in biblio.xpath(
        "classifications-cpc/main-cpc/classification-cpc | classifications-cpc/further-cpc/classification-cpc")]
    ipc = [classification(c) for c in biblio.findall("classifications-ipcr/classification-ipcr")]
    if not ipc:
        ipc = [" ".join(c.text.split()) for c in biblio.xpath(
            "classification-ipc/main-classification | classification-ipc/further-classification") if c.text]

    claims = root.findall("claims/claim")
    return {
        "type": kind_of_doc,
        "publicationNumber": f"{pub_country}{pub_number}{kind or ''}",
        "kind": kind,
        "publicationDate": iso_date(pub.findtext("date") if pub is not None else None),
        "filingDate": iso_date(app.findtext("date") if app is not None else None),
        "applicationNumber": app.findtext("doc-number") if app is not None else None,
        "applicationType": app_ref.get("appl-type") if app_ref is not None else None,
        "title": text(biblio.find("invention-title")),
        "abstract": text_without_tables(root.find("abstract")),
        "assignees": [party(a) for a in assignee_els],
        "applicants": [party(a) for a in applicant_els],
        "inventors": [party(i) for i in inventor_els],
        "cpc": cpc,
        "ipc": ipc,
        "claimCount": len(claims),
        "firstClaim": text(claims[0]) if claims else None,
        "dtdVersion": root.get("dtd-version"),
        "source": source,
    }


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: reference_lxml.py FEED.xml...", file=sys.stderr)
        return 2
    out = sys.stdout
    failures = 0
    for path in argv[1:]:
        name = os.path.basename(path)
        for index, doc in enumerate(documents(path), start=1):
            try:
                root = etree.fromstring(doc, PARSER)
                if root.tag == "sequence-cwu":
                    continue
                rec = record(root, f"{name}#{index}")
            except (etree.XMLSyntaxError, ValueError) as error:
                failures += 1
                print(f"{name}: document {index}: {error}", file=sys.stderr)
                continue
            out.write(json.dumps(rec, ensure_ascii=False))
            out.write("\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
