#!/usr/bin/env python3
"""Write the sample USPTO weekly feeds of Samples/ from Samples/source/filings*.json.

Every filing in filings*.json is INVENTED (see Samples/README.md). This script only turns
that data into files shaped like the USPTO's weekly bulk files, for two weeks in a row:

  Samples/ipa261126.xml  weekly application feed (us-patent-application v4.6 documents)
  Samples/ipg261124.xml  weekly grant feed (us-patent-grant v4.7 documents + one sequence-cwu)
  Samples/ipa261126.zip, Samples/ipg261124.zip  the same files zipped as the USPTO ships them
  Samples/ipa261203.*, Samples/ipg261201.*  the week after, from filings-261203.json: it
      follows up filings of the first week (see `based_on` below)

Python 3 standard library only; the output is byte-for-byte reproducible.
Run from anywhere:  python3 Samples/source/make_samples.py

Text conventions in filings.json
  * titles, abstracts, claims and description paragraphs are XML fragments, written exactly
    as they appear in the feed (numeric character references such as &#x2014;, <b>, <i>,
    <sub>, <sup>, processing instructions for in-line formulae, MathML, tables);
  * two shorthands are expanded: {FIG. 1} -> <figref idref="DRAWINGS">FIG. 1</figref>
    and {102} (digits with an optional letter) -> <b>102</b> (a reference numeral);
  * in claims, the first "claim N" of a dependent claim becomes
    <claim-ref idref="CLM-0000N">claim N</claim-ref>;
  * names, cities and organisations are plain text; this script escapes them (& -> &amp;),
    except agent organisations, which the USPTO writes with &#x26; (as in the real files);
  * a filing of a later week may say "based_on": "<number>" to start from a filing of an
    earlier week (the same application published again, or granted) and give only what
    differs; null removes a key.
"""

import hashlib
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)



class Week:
    """One publishing week of samples: its filings and the dates its files carry."""

    def __init__(self, filings, app, grant, app_produced, grant_produced):
        self.filings = filings
        self.app = app                        # Thursday: applications
        self.grant = grant                    # Tuesday: grants
        self.app_produced = app_produced
        self.grant_produced = grant_produced


WEEKS = [
    Week("filings.json", app="20261126", grant="20261124", app_produced="20261111", grant_produced="20261109"),
    Week("filings-261203.json", app="20261203", grant="20261201", app_produced="20261118",
         grant_produced="20261116"),
]

APP_DOCTYPE = '<!DOCTYPE us-patent-application SYSTEM "us-patent-application-v46-2022-02-17.dtd" [ ]>'
GRANT_DOCTYPE = '<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v47-2022-02-17.dtd" [ ]>'
SEQ_DOCTYPE = '<!DOCTYPE sequence-cwu SYSTEM "us-sequence-listing-2004-03-09.dtd" [ ]>'
XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>'


# ---------------------------------------------------------------------------- helpers

def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_agent(text):
    return text.replace("&", "&#x26;").replace("<", "&lt;").replace(">", "&gt;")


FIG_RE = re.compile(r"\{(FIGS?\. [^{}]+)\}")
NUM_RE = re.compile(r"\{(\d+[a-z]?)\}")


def expand(fragment):
    fragment = FIG_RE.sub(r'<figref idref="DRAWINGS">\1</figref>', fragment)
    return NUM_RE.sub(r"<b>\1</b>", fragment)


def stable_int(*parts):
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()
    return int(digest[:12], 16)


class Ids:
    """Running counters for p-, h- and invention-title ids inside one document."""

    def __init__(self):
        self.p = 0
        self.num = 0
        self.h = 0

    def para(self, body, numbered=True):
        self.p += 1
        if numbered:
            self.num += 1
            num = "%04d" % self.num
        else:
            num = "0000"
        return '<p id="p-%04d" num="%s">%s</p>' % (self.p, num, body)

    def heading(self, text):
        self.h += 1
        return '<heading id="h-%04d" level="1">%s</heading>' % (self.h, text)


def parse_symbol(symbol):
    """'G06F 3/011' -> ('G', '06', 'F', '3', '011')."""
    m = re.match(r"^([A-HY])(\d\d)([A-Z]) *(\d+)/(\d+)$", symbol)
    if not m:
        raise ValueError("bad classification symbol %r" % symbol)
    return m.groups()


def cpc_block(symbol, position, value, action_date, version="20130101"):
    s, c, sc, mg, sg = parse_symbol(symbol)
    return "\n".join([
        "<classification-cpc>",
        "<cpc-version-indicator><date>%s</date></cpc-version-indicator>" % version,
        "<section>%s</section>" % s,
        "<class>%s</class>" % c,
        "<subclass>%s</subclass>" % sc,
        "<main-group>%s</main-group>" % mg,
        "<subgroup>%s</subgroup>" % sg,
        "<symbol-position>%s</symbol-position>" % position,
        "<classification-value>%s</classification-value>" % value,
        "<action-date><date>%s</date></action-date>" % action_date,
        "<generating-office><country>US</country></generating-office>",
        "<classification-status>B</classification-status>",
        "<classification-data-source>H</classification-data-source>",
        "<scheme-origination-code>C</scheme-origination-code>",
        "</classification-cpc>",
    ])


def ipcr_block(symbol, position, value, action_date, version="20060101"):
    s, c, sc, mg, sg = parse_symbol(symbol)
    return "\n".join([
        "<classification-ipcr>",
        "<ipc-version-indicator><date>%s</date></ipc-version-indicator>" % version,
        "<classification-level>A</classification-level>",
        "<section>%s</section>" % s,
        "<class>%s</class>" % c,
        "<subclass>%s</subclass>" % sc,
        "<main-group>%s</main-group>" % mg,
        "<subgroup>%s</subgroup>" % sg,
        "<symbol-position>%s</symbol-position>" % position,
        "<classification-value>%s</classification-value>" % value,
        "<action-date><date>%s</date></action-date>" % action_date,
        "<generating-office><country>US</country></generating-office>",
        "<classification-status>B</classification-status>",
        "<classification-data-source>H</classification-data-source>",
        "</classification-ipcr>",
    ])


def classifications(f, action_date):
    out = []
    ipc = f.get("ipc", [])
    if ipc:
        out.append("<classifications-ipcr>")
        for i, sym in enumerate(ipc):
            version = "20060101"
            if isinstance(sym, list):
                sym, version = sym
            out.append(ipcr_block(sym, "F" if i == 0 else "L", "I", action_date, version))
        out.append("</classifications-ipcr>")
    cpc = f.get("cpc")
    if cpc:
        out.append("<classifications-cpc>")
        out.append("<main-cpc>")
        out.append(cpc_block(cpc["main"], "F", "I", action_date))
        out.append("</main-cpc>")
        further = cpc.get("further", [])
        additional = set(cpc.get("additional", []))
        if further:
            out.append("<further-cpc>")
            for sym in further:
                version = "20130101"
                if sym in cpc.get("versions", {}):
                    version = cpc["versions"][sym]
                out.append(cpc_block(sym, "L", "A" if sym in additional else "I", action_date, version))
            out.append("</further-cpc>")
        out.append("</classifications-cpc>")
    return out


def address(p, with_state=True):
    lines = ["<address>"]
    if p.get("city"):
        lines.append("<city>%s</city>" % esc(p["city"]))
    if with_state and p.get("state"):
        lines.append("<state>%s</state>" % esc(p["state"]))
    lines.append("<country>%s</country>" % p["country"])
    lines.append("</address>")
    return lines


def person_name(p):
    out = ["<last-name>%s</last-name>" % esc(p["last"])]
    if p.get("first"):
        out.append("<first-name>%s</first-name>" % esc(p["first"]))
    if p.get("suffix"):
        out.append("<suffix>%s</suffix>" % esc(p["suffix"]))
    return out


def document_id(country, number, kind=None, date=None):
    out = ["<document-id>", "<country>%s</country>" % country, "<doc-number>%s</doc-number>" % number]
    if kind:
        out.append("<kind>%s</kind>" % kind)
    if date:
        out.append("<date>%s</date>" % date)
    out.append("</document-id>")
    return out


def seqfmt(n, grant):
    return ("%03d" if grant else "%02d") % n


def us_parties(f, grant):
    out = ["<us-parties>", "<us-applicants>"]
    for i, a in enumerate(f["applicants"], start=1 if grant else 0):
        attrs = 'sequence="%s" app-type="%s" designation="%s"' % (
            seqfmt(i, grant), a.get("app_type", "applicant"), a.get("designation", "us-only"))
        if a.get("category"):
            attrs += ' applicant-authority-category="%s"' % a["category"]
        out.append("<us-applicant %s>" % attrs)
        out.append("<addressbook>")
        if a.get("org"):
            out.append("<orgname>%s</orgname>" % esc(a["org"]))
        else:
            out.extend(person_name(a))
        out.extend(address(a))
        out.append("</addressbook>")
        out.append("<residence>")
        out.append("<country>%s</country>" % a.get("residence", a["country"]))
        out.append("</residence>")
        out.append("</us-applicant>")
    out.append("</us-applicants>")
    out.append("<inventors>")
    for i, p in enumerate(f["inventors"], start=1 if grant else 0):
        out.append('<inventor sequence="%s" designation="us-only">' % seqfmt(i, grant))
        out.append("<addressbook>")
        out.extend(person_name(p))
        out.extend(address(p))
        out.append("</addressbook>")
        out.append("</inventor>")
    out.append("</inventors>")
    if f.get("agents"):
        out.append("<agents>")
        for i, ag in enumerate(f["agents"], start=1):
            out.append('<agent sequence="%02d" rep-type="%s">' % (i, ag.get("rep_type", "attorney")))
            out.append("<addressbook>")
            if ag.get("org"):
                out.append("<orgname>%s</orgname>" % esc_agent(ag["org"]))
            else:
                out.extend(person_name(ag))
            out.append("<address>")
            out.append("<country>unknown</country>")
            out.append("</address>")
            out.append("</addressbook>")
            out.append("</agent>")
        out.append("</agents>")
    out.append("</us-parties>")
    return out


def assignees(f):
    if not f.get("assignees"):
        return []
    out = ["<assignees>"]
    for a in f["assignees"]:
        out.append("<assignee>")
        out.append("<addressbook>")
        if a.get("org"):
            out.append("<orgname>%s</orgname>" % esc(a["org"]))
        else:
            out.extend(person_name(a))
        out.append("<role>%s</role>" % a["role"])
        out.extend(address(a))
        out.append("</addressbook>")
        out.append("</assignee>")
    out.append("</assignees>")
    return out


def priority_claims(f):
    if not f.get("priority"):
        return []
    out = ["<priority-claims>"]
    for i, pc in enumerate(f["priority"], start=1):
        out.append('<priority-claim sequence="%02d" kind="%s">' % (i, pc.get("kind", "national")))
        out.append("<country>%s</country>" % pc["country"])
        out.append("<doc-number>%s</doc-number>" % pc["number"])
        out.append("<date>%s</date>" % pc["date"])
        out.append("</priority-claim>")
    out.append("</priority-claims>")
    return out


def related_documents(f):
    rel = f.get("related")
    if not rel:
        return []
    out = ["<us-related-documents>"]
    for r in rel.get("relations", []):
        out.append("<%s>" % r["type"])
        out.append("<relation>")
        out.append("<parent-doc>")
        out.extend(document_id("US", r["parent"], r.get("parent_kind"), r["parent_date"]))
        if r.get("parent_status"):
            out.append("<parent-status>%s</parent-status>" % r["parent_status"])
        if r.get("parent_grant"):
            out.append("<parent-grant-document>")
            out.extend(document_id("US", r["parent_grant"], None, r.get("parent_grant_date")))
            out.append("</parent-grant-document>")
        out.append("</parent-doc>")
        out.append("<child-doc>")
        out.extend(document_id("US", r["child"]))
        out.append("</child-doc>")
        out.append("</relation>")
        out.append("</%s>" % r["type"])
    for prov in rel.get("provisional", []):
        out.append("<us-provisional-application>")
        out.extend(document_id("US", prov["number"], None, prov["date"]))
        out.append("</us-provisional-application>")
    if rel.get("publication"):
        pub = rel["publication"]
        out.append("<related-publication>")
        out.extend(document_id("US", pub["number"], pub["kind"], pub["date"]))
        out.append("</related-publication>")
    out.append("</us-related-documents>")
    return out


def pct_data(f):
    pct = f.get("pct")
    if not pct:
        return []
    out = ["<pct-or-regional-filing-data>"]
    out.extend(document_id("WO", pct["number"], "00", pct["date"]))
    out.append("<us-371c12-date><date>%s</date></us-371c12-date>" % pct["c371"])
    out.append("</pct-or-regional-filing-data>")
    if pct.get("pub_number"):
        out.append("<pct-or-regional-publishing-data>")
        out.extend(document_id("WO", pct["pub_number"], "A1", pct["pub_date"]))
        out.append("</pct-or-regional-publishing-data>")
    return out


def file_stem(f, week):
    """US20260381234A1-20261126 / US12470123-20261124 / USD1098765-20261124."""
    if f["doc"] == "application":
        return "US%s%s-%s" % (f["number"], f["kind"], week.app)
    return "US%s-%s" % (f["number"], week.grant)


def drawings(f, week):
    figs = f.get("figures", [])
    sheets = f.get("sheets") or max(1, (len(figs) + 1) // 2 + (1 if len(figs) > 3 else 0))
    out = ['<drawings id="DRAWINGS">']
    stem = file_stem(f, week)
    for i in range(sheets + 1):
        seed = stable_int(f["number"], str(i))
        he = 180 + seed % 8000 / 100.0
        wi = 120 + (seed // 8000) % 6000 / 100.0
        landscape = (seed // 48000000) % 5 == 0 and i > 0
        if i == 0:
            he, wi = 100 + seed % 9000 / 100.0, 140 + (seed // 9000) % 3000 / 100.0
        attrs = 'id="EMI-D%05d" he="%.2fmm" wi="%.2fmm"' % (i, he, wi)
        if landscape:
            attrs += ' orientation="landscape"'
        out.append('<figure id="Fig-EMI-D%05d" num="%05d">' % (i, i))
        out.append('<img %s file="%s-D%05d.TIF" alt="embedded image" img-content="drawing" img-format="tif"/>'
                   % (attrs, stem, i))
        out.append("</figure>")
    out.append("</drawings>")
    return out, sheets


# ---------------------------------------------------------------------------- claims

CLAIM_REF_RE = re.compile(r"\bclaim (\d+)\b")


def claim_text_block(node):
    """node: str or {"text": str, "parts": [node, ...]} -> list of lines."""
    if isinstance(node, str):
        return ["<claim-text>%s</claim-text>" % expand(node)]
    if not node.get("parts"):
        return ["<claim-text>%s</claim-text>" % expand(node["text"])]
    lines = ["<claim-text>%s" % expand(node["text"])]
    for part in node.get("parts", []):
        lines.extend(claim_text_block(part))
    lines.append("</claim-text>")
    return lines


def claims_xml(f, grant):
    out = ['<claims id="claims">']
    for n, claim in enumerate(f["claims"], start=1):
        prefix = ("%d. " % n) if grant else ("<b>%d</b>. " % n)
        if isinstance(claim, str):
            claim = {"text": claim}
        text = claim["text"]

        def ref(m):
            k = int(m.group(1))
            return '<claim-ref idref="CLM-%05d">claim %d</claim-ref>' % (k, k)

        text = CLAIM_REF_RE.sub(ref, text, count=1)
        node = dict(claim, text=prefix + text)
        out.append('<claim id="CLM-%05d" num="%05d">' % (n, n))
        out.extend(claim_text_block(node))
        out.append("</claim>")
    out.append("</claims>")
    return out


def flatten_claim(node):
    if isinstance(node, str):
        return node
    text = node["text"]
    for part in node.get("parts", []):
        text += " " + flatten_claim(part)
    return text


# ---------------------------------------------------------------------------- description

BOILERPLATE = {
    "software": [
        "The various illustrative logical blocks, modules, and operations described in connection with the embodiments disclosed herein may be implemented as electronic hardware, computer software executed by one or more processors, or combinations of both. To clearly illustrate this interchangeability, various components have been described above generally in terms of their functionality. Whether such functionality is implemented as hardware or software depends upon the particular application and design constraints imposed on the overall system.",
        "As used herein, the term &#x201c;computer-readable storage medium&#x201d; refers to any tangible, non-transitory medium that stores instructions for execution by a processor, including volatile and non-volatile memory, magnetic and optical storage devices, and solid-state drives. The term does not encompass transitory propagating signals per se.",
    ],
    "general": [
        "The terminology used in the description of the various described embodiments herein is for the purpose of describing particular embodiments only and is not intended to be limiting. As used in the description of the various described embodiments and the appended claims, the singular forms &#x201c;a,&#x201d; &#x201c;an,&#x201d; and &#x201c;the&#x201d; are intended to include the plural forms as well, unless the context clearly indicates otherwise. It will also be understood that the term &#x201c;and/or&#x201d; as used herein refers to and encompasses any and all possible combinations of one or more of the associated listed items.",
        "The foregoing description of the embodiments has been provided for purposes of illustration and description. It is not intended to be exhaustive or to limit the disclosure. Individual elements or features of a particular embodiment are generally not limited to that particular embodiment but, where applicable, are interchangeable and can be used in a selected embodiment, even if not specifically shown or described.",
    ],
    "apple_privacy": [
        "As described above, one aspect of the present technology is the gathering and use of data available from various sources to improve the delivery to users of content or features that may be of interest to them. The present disclosure contemplates that in some instances, this gathered data may include personal information data that uniquely identifies or can be used to contact or locate a specific person, such as health and fitness data, location-based data, or biometric readings.",
        "The present disclosure contemplates that the entities responsible for the collection, analysis, disclosure, transfer, storage, or other use of such personal information data will comply with well-established privacy policies and/or privacy practices. In particular, such entities should implement and consistently use privacy policies and practices that are generally recognized as meeting or exceeding industry or governmental requirements for maintaining personal information data private and secure. Users can selectively block the use of, or access to, personal information data, for example by opting out during registration for services or anytime thereafter.",
    ],
    "mechanical": [
        "Spatially relative terms, such as &#x201c;inner,&#x201d; &#x201c;outer,&#x201d; &#x201c;beneath,&#x201d; &#x201c;below,&#x201d; &#x201c;lower,&#x201d; &#x201c;above,&#x201d; &#x201c;upper,&#x201d; and the like, may be used herein for ease of description to describe one element or feature&#x2019;s relationship to another element or feature as illustrated in the figures. Such terms may encompass different orientations of the device in use or operation in addition to the orientation depicted in the figures.",
        "While the invention has been described with reference to exemplary embodiments, it will be understood by those skilled in the art that various changes may be made and equivalents may be substituted for elements thereof without departing from the scope of the invention. Therefore, it is intended that the invention not be limited to the particular embodiments disclosed, but that the invention will include all embodiments falling within the scope of the appended claims.",
    ],
    "chem": [
        "Unless otherwise indicated, all percentages, parts, and ratios are by weight of the total composition, and all measurements are made at 25&#xb0; C. and atmospheric pressure. Numerical ranges disclosed herein include the endpoints and all values between the endpoints, and any range may be combined with any other disclosed range.",
        "The examples given above are merely illustrative and are not meant to be an exhaustive list of all possible embodiments, applications, or modifications of the invention. Various modifications and variations of the described methods and compositions will be apparent to those skilled in the art without departing from the scope and spirit of the invention.",
    ],
    "semi": [
        "The foregoing outlines features of several embodiments so that those skilled in the art may better understand the aspects of the present disclosure. Those skilled in the art should appreciate that they may readily use the present disclosure as a basis for designing or modifying other processes and structures for carrying out the same purposes and/or achieving the same advantages of the embodiments introduced herein.",
        "As used herein, the term &#x201c;substrate&#x201d; refers to a surface, or portion of a surface, upon which a process acts. It will also be understood that a substrate may refer to only a portion of the substrate unless the context clearly indicates otherwise, and that reference to depositing on a substrate may mean both a bare substrate and a substrate with one or more films or features deposited or formed thereon.",
    ],
}

HEADINGS = {
    "related": "CROSS-REFERENCE TO RELATED APPLICATIONS",
    "field": "FIELD",
    "background": "BACKGROUND",
    "summary": "SUMMARY",
    "figures": "BRIEF DESCRIPTION OF THE DRAWINGS",
    "detailed": "DETAILED DESCRIPTION",
}


def month_day_year(d):
    months = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."]
    return "%s %d, %s" % (months[int(d[4:6]) - 1], int(d[6:8]), d[:4])


def serial(number):
    return "%s/%s,%s" % (number[:2], number[2:5], number[5:])


def related_paragraph(f):
    rel = f.get("related") or {}
    parts = []
    for r in rel.get("relations", []):
        if r["child"] != f["application"]["number"]:
            continue
        kind = {"continuation": "a continuation", "continuation-in-part": "a continuation-in-part",
                "division": "a divisional", "reissue": "a reissue application"}[r["type"]]
        s = "This application is %s of U.S. patent application Ser. No. %s, filed %s" % (
            kind, serial(r["parent"]), month_day_year(r["parent_date"]))
        if r.get("parent_grant"):
            g = r["parent_grant"]
            s += ", now U.S. Pat. No. %s" % "{:,}".format(int(g)) if g.isdigit() else ", now U.S. Pat. No. %s" % g
        parts.append(s)
    for prov in rel.get("provisional", []):
        parts.append("This application claims the benefit of U.S. Provisional Patent Application No. %s, filed %s"
                     % (serial(prov["number"]), month_day_year(prov["date"])))
    if not parts:
        return None
    return "; ".join(parts) + ", the entire contents of which are incorporated herein by reference for all purposes."


def summary_from_claims(f):
    """Real summaries restate the independent claims almost word for word."""
    out = []
    lead = ["In some embodiments, ", "In another aspect, ", "In yet another aspect, "]
    k = 0
    for claim in f["claims"]:
        node = claim if isinstance(claim, dict) else {"text": claim}
        flat = flatten_claim(node)
        if CLAIM_REF_RE.search(node["text"]):
            continue  # dependent claim
        if k >= len(lead):
            break
        body = flat[0].lower() + flat[1:]
        body = re.sub(r",?\s*(?:the \w+ )?comprising\b", " includes", body, count=1)
        out.append(lead[k] + body.rstrip(".") + ".")
        k += 1
    return out


def description(f, ids, grant):
    out = ['<description id="description">']
    head = dict(HEADINGS, **f.get("headings", {}))
    if grant:
        pi_rel, pi_sum, pi_det = "RELAPP", "BRFSUM", "DETDESC"
        d_rel, d_sum, d_det = "Other Patent Relations", "Brief Summary", "Detailed Description"
    else:
        pi_rel, pi_sum, pi_det = "cross-reference-to-related-applications", "summary-of-invention", "detailed-description"
        d_rel, d_sum, d_det = "Cross Reference To Related Applications", "Summary of Invention", "Detailed Description"

    if f.get("design"):
        out.append('<?brief-description-of-drawings description="Brief Description of Drawings" end="lead"?>')
        out.append("<description-of-drawings>")
        for label, text in f["figures"]:
            out.append(ids.para('<figref idref="DRAWINGS">FIG. %s</figref> %s' % (label, expand(text))))
        for extra in f.get("design_notes", []):
            out.append(ids.para(expand(extra)))
        out.append("</description-of-drawings>")
        out.append('<?brief-description-of-drawings description="Brief Description of Drawings" end="tail"?>')
        out.append("</description>")
        return out

    rel = f.get("related_text") or related_paragraph(f)
    if rel:
        out.append('<?%s description="%s" end="lead"?>' % (pi_rel, d_rel))
        out.append(ids.heading(head["related"]))
        out.append(ids.para(expand(rel)))
        out.append('<?%s description="%s" end="tail"?>' % (pi_rel, d_rel))

    if f.get("govint"):
        out.append('<?GOVINT description="Government Interest" end="lead"?>' if grant else
                   '<?federal-research-statement description="Federal Research Statement" end="lead"?>')
        out.append(ids.heading("STATEMENT OF GOVERNMENT SUPPORT"))
        out.append(ids.para(expand(f["govint"])))
        out.append('<?GOVINT description="Government Interest" end="tail"?>' if grant else
                   '<?federal-research-statement description="Federal Research Statement" end="tail"?>')

    out.append('<?%s description="%s" end="lead"?>' % (pi_sum, d_sum))
    if f.get("field"):
        out.append(ids.heading(head["field"]))
        out.append(ids.para(expand(f["field"])))
    if f.get("background"):
        out.append(ids.heading(head["background"]))
        for p in f["background"]:
            out.append(ids.para(expand(p)))
    out.append(ids.heading(head["summary"]))
    for p in f.get("summary", []):
        out.append(ids.para(expand(p)))
    if not f.get("plant"):
        for p in summary_from_claims(f):
            out.append(ids.para(expand(p)))
    out.append('<?%s description="%s" end="tail"?>' % (pi_sum, d_sum))

    if f.get("figures"):
        out.append('<?brief-description-of-drawings description="Brief Description of Drawings" end="lead"?>')
        out.append("<description-of-drawings>")
        out.append(ids.heading(head["figures"]))
        for label, text in f["figures"]:
            out.append(ids.para('<figref idref="DRAWINGS">FIG. %s</figref> %s' % (label, expand(text))))
        out.append("</description-of-drawings>")
        out.append('<?brief-description-of-drawings description="Brief Description of Drawings" end="tail"?>')

    out.append('<?%s description="%s" end="lead"?>' % (pi_det, d_det))
    out.append(ids.heading(head["detailed"]))
    for item in f.get("detailed", []):
        if isinstance(item, dict) and "h" in item:
            out.append(ids.heading(item["h"]))
        elif isinstance(item, dict) and "raw" in item:
            out.append(ids.para(expand(item["raw"]), numbered=item.get("numbered", False)))
        else:
            out.append(ids.para(expand(item)))
    for key in f.get("boilerplate", ["general"]):
        for p in BOILERPLATE[key]:
            out.append(ids.para(p))
    out.append('<?%s description="%s" end="tail"?>' % (pi_det, d_det))
    out.append("</description>")
    return out


def abstract(f, ids):
    if not f.get("abstract"):
        return []
    out = ['<abstract id="abstract">']
    for p in f["abstract"]:
        out.append(ids.para(expand(p), numbered=False))
    out.append("</abstract>")
    return out


# ---------------------------------------------------------------------------- documents

def application_doc(f, week):
    ids = Ids()
    pub = week.app
    lines = [XML_DECL, APP_DOCTYPE,
             '<us-patent-application lang="EN" dtd-version="v4.6 2022-02-17" file="%s.XML" status="PRODUCTION" '
             'id="us-patent-application" country="US" date-produced="%s" date-publ="%s">'
             % (file_stem(f, week), week.app_produced, pub),
             '<us-bibliographic-data-application lang="EN" country="US">',
             "<publication-reference>"]
    lines.extend(document_id("US", f["number"], f["kind"], pub))
    lines.append("</publication-reference>")
    app = f["application"]
    lines.append('<application-reference appl-type="%s">' % f.get("appl_type", "utility"))
    lines.extend(document_id("US", app["number"], None, app["date"]))
    lines.append("</application-reference>")
    lines.append("<us-application-series-code>%s</us-application-series-code>" % app["number"][:2])
    lines.extend(priority_claims(f))
    lines.extend(classifications(f, pub))
    lines.append('<invention-title id="d2e%d">%s</invention-title>' % (43 + 18 * len(f.get("priority", [])), f["title"]))
    lines.extend(related_documents(f))
    lines.extend(us_parties(f, grant=False))
    lines.extend(assignees(f))
    lines.extend(pct_data(f))
    lines.append("</us-bibliographic-data-application>")
    lines.extend(abstract(f, ids))
    draw, _ = drawings(f, week)
    lines.extend(draw)
    lines.extend(description(f, ids, grant=False))
    if f.get("claim_statement"):
        lines.append("<us-claim-statement>%s</us-claim-statement>" % f["claim_statement"])
    lines.extend(claims_xml(f, grant=False))
    lines.append("</us-patent-application>")
    return "\n".join(lines)


def references_cited(f):
    cites = f.get("citations", [])
    if not cites:
        return []
    out = ["<us-references-cited>"]
    for i, c in enumerate(cites, start=1):
        out.append("<us-citation>")
        if c.get("npl"):
            out.append('<nplcit num="%05d">' % i)
            out.append("<othercit>%s</othercit>" % c["npl"])
            out.append("</nplcit>")
        else:
            out.append('<patcit num="%05d">' % i)
            out.append("<document-id>")
            out.append("<country>%s</country>" % c.get("country", "US"))
            out.append("<doc-number>%s</doc-number>" % c["number"])
            out.append("<kind>%s</kind>" % c["kind"])
            if c.get("name"):
                out.append("<name>%s</name>" % esc(c["name"]))
            out.append("<date>%s</date>" % c["date"])
            out.append("</document-id>")
            out.append("</patcit>")
        out.append("<category>%s</category>" % c.get("category", "cited by applicant"))
        out.append("</us-citation>")
    out.append("</us-references-cited>")
    return out


def grant_doc(f, week):
    ids = Ids()
    pub = week.grant
    lines = [XML_DECL, GRANT_DOCTYPE,
             '<us-patent-grant lang="EN" dtd-version="v4.7 2022-02-17" file="%s.XML" status="PRODUCTION" '
             'id="us-patent-grant" country="US" date-produced="%s" date-publ="%s">'
             % (file_stem(f, week), week.grant_produced, pub),
             "<us-bibliographic-data-grant>",
             "<publication-reference>"]
    lines.extend(document_id("US", f["number"], f["kind"], pub))
    lines.append("</publication-reference>")
    app = f["application"]
    lines.append('<application-reference appl-type="%s">' % f.get("appl_type", "utility"))
    lines.extend(document_id("US", app["number"], None, app["date"]))
    lines.append("</application-reference>")
    lines.append("<us-application-series-code>%s</us-application-series-code>" % app["number"][:2])
    term = f.get("term")
    if term:
        lines.append("<us-term-of-grant>")
        if term.get("length"):
            lines.append("<length-of-grant>%s</length-of-grant>" % term["length"])
        if term.get("extension"):
            lines.append("<us-term-extension>%s</us-term-extension>" % term["extension"])
        if term.get("disclaimer"):
            lines.append("<disclaimer>")
            lines.append("<text>This patent is subject to a terminal disclaimer.</text>")
            lines.append("</disclaimer>")
        lines.append("</us-term-of-grant>")
    lines.extend(priority_claims(f))
    lines.extend(classifications(f, pub))
    if f.get("locarno"):
        lines.append("<classification-locarno>")
        lines.append("<edition>%s</edition>" % f["locarno"]["edition"])
        lines.append("<main-classification>%s</main-classification>" % f["locarno"]["main"])
        lines.append("</classification-locarno>")
    if f.get("national"):
        lines.append("<classification-national>")
        lines.append("<country>US</country>")
        lines.append("<main-classification>%s</main-classification>" % f["national"]["main"])
        for fc in f["national"].get("further", []):
            lines.append("<further-classification>%s</further-classification>" % fc)
        lines.append("</classification-national>")
    lines.append('<invention-title id="d2e%d">%s</invention-title>' % (43 + 18 * len(f.get("priority", [])), f["title"]))
    if f.get("botanic"):
        lines.append("<us-botanic>")
        lines.append("<latin-name>%s</latin-name>" % f["botanic"]["latin"])
        lines.append("<variety>%s</variety>" % f["botanic"]["variety"])
        lines.append("</us-botanic>")
    lines.extend(references_cited(f))
    lines.append("<number-of-claims>%d</number-of-claims>" % len(f["claims"]))
    lines.append("<us-exemplary-claim>%s</us-exemplary-claim>" % f.get("exemplary_claim", 1))
    lines.append("<us-field-of-classification-search>")
    for main in f.get("search", ["None"]):
        lines.append("<classification-national>")
        lines.append("<country>US</country>")
        lines.append("<main-classification>%s</main-classification>" % main)
        lines.append("</classification-national>")
    lines.append("</us-field-of-classification-search>")
    draw, sheets = drawings(f, week)
    lines.append("<figures>")
    lines.append("<number-of-drawing-sheets>%d</number-of-drawing-sheets>" % sheets)
    lines.append("<number-of-figures>%d</number-of-figures>" % len(f.get("figures", [])))
    lines.append("</figures>")
    lines.extend(related_documents(f))
    lines.extend(us_parties(f, grant=True))
    lines.extend(assignees(f))
    ex = f["examiners"]
    lines.append("<examiners>")
    lines.append("<primary-examiner>")
    lines.extend(person_name(ex["primary"]))
    lines.append("<department>%s</department>" % ex["department"])
    lines.append("</primary-examiner>")
    if ex.get("assistant"):
        lines.append("<assistant-examiner>")
        lines.extend(person_name(ex["assistant"]))
        lines.append("</assistant-examiner>")
    lines.append("</examiners>")
    lines.extend(pct_data(f))
    lines.append("</us-bibliographic-data-grant>")
    lines.extend(abstract(f, ids))
    lines.extend(draw)
    lines.extend(description(f, ids, grant=True))
    if f.get("sequence"):
        lines.append('<us-sequence-list-doc id="SEQLST-1">')
        lines.append('<sequence-list file="%s-S00001.XML" carriers="internal-electronic" seq-file-type="ST.25"/>'
                     % file_stem(f, week))
        lines.append("</us-sequence-list-doc>")
    lines.append("<us-claim-statement>%s</us-claim-statement>"
                 % f.get("claim_statement", "CLAIM" if f.get("design") else "What is claimed is:"))
    lines.extend(claims_xml(f, grant=True))
    lines.append("</us-patent-grant>")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- sequence listing

THREE = {"A": "Ala", "R": "Arg", "N": "Asn", "D": "Asp", "C": "Cys", "Q": "Gln", "E": "Glu", "G": "Gly",
         "H": "His", "I": "Ile", "L": "Leu", "K": "Lys", "M": "Met", "F": "Phe", "P": "Pro", "S": "Ser",
         "T": "Thr", "W": "Trp", "Y": "Tyr", "V": "Val"}


def dna_lines(seq):
    out = []
    for start in range(0, len(seq), 60):
        chunk = seq[start:start + 60]
        groups = " ".join(chunk[i:i + 10] for i in range(0, len(chunk), 10))
        out.append("%-66s%5d " % (groups, start + len(chunk)))
    return out


def protein_lines(seq):
    out = []
    for start in range(0, len(seq), 16):
        chunk = seq[start:start + 16]
        out.append(" ".join(THREE[a] for a in chunk) + " ")
        marks = [" "] * (4 * len(chunk))
        for i in range(len(chunk)):
            pos = start + i + 1
            if pos == 1 or pos % 5 == 0:
                label = str(pos)
                end = 4 * i + 3
                begin = end - len(label)
                for j, ch in enumerate(label):
                    if 0 <= begin + j < len(marks):
                        marks[begin + j] = ch
        out.append("".join(marks).rstrip() + " ")
    return out


def sequence_doc(grant, seq, week):
    lines = [XML_DECL, SEQ_DOCTYPE, '<sequence-cwu id="SEQLST-1">', "<publication-reference>"]
    lines.extend(document_id("US", grant["number"], grant["kind"], week.grant))
    lines.append("</publication-reference>")
    lines.append("<number>1</number>")
    lines.append("<sequence-list-new-rules>")
    lines.append("<s100>")
    lines.append("<s160>%d </s160>" % len(seq["entries"]))
    lines.append("</s100>")
    for n, e in enumerate(seq["entries"], start=1):
        residues = e["residues"]
        lines.append("<s200>")
        lines.append("<s210>%d </s210>" % n)
        lines.append("<s211>%d </s211>" % len(residues))
        lines.append("<s212>%s </s212>" % e["type"])
        lines.append("<s213>%s </s213>" % e["organism"])
        if e.get("feature"):
            lines.append("<s220>")
            lines.append("<s223>Description of Artificial Sequence: %s</s223>" % e["feature"])
            lines.append("</s220>")
        lines.append("</s200>")
        body = dna_lines(residues) if e["type"] == "DNA" else protein_lines(residues)
        lines.append("<s400> %d " % n)
        lines.extend(body)
        lines.append("</s400>")
    lines.append("</sequence-list-new-rules>")
    lines.append("</sequence-cwu>")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- output

def check_well_formed(path, root_names):
    data = open(path, "rb").read().decode("utf-8")
    pieces = ["<?xml" + p for p in data.split("<?xml")[1:]]
    counts = {}
    for i, piece in enumerate(pieces):
        try:
            root = ET.fromstring(piece.encode("utf-8"))
        except ET.ParseError as exc:
            raise SystemExit("%s: document %d is not well-formed: %s" % (path, i + 1, exc))
        if root.tag not in root_names:
            raise SystemExit("%s: document %d has unexpected root <%s>" % (path, i + 1, root.tag))
        counts[root.tag] = counts.get(root.tag, 0) + 1
    return counts


def write_zip(xml_path, zip_path, date_time):
    name = os.path.basename(xml_path)
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    with open(xml_path, "rb") as fh:
        payload = fh.read()
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr(info, payload, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def resolve(filing, earlier):
    """A filing with `based_on` is the earlier filing of that number with the given keys
    replaced (null removes one)."""
    base = filing.get("based_on")
    if base is None:
        return filing
    if base not in earlier:
        raise SystemExit("based_on %s: no earlier filing has that number" % base)
    merged = dict(earlier[base])
    for key, value in filing.items():
        if key == "based_on":
            continue
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def write_week(week, earlier):
    """Writes the week's two XML files and their zips; returns its filings by number."""
    with open(os.path.join(HERE, week.filings), encoding="utf-8") as fh:
        data = json.load(fh)

    apps = [resolve(f, earlier) for f in data["applications"]]
    grants = [resolve(f, earlier) for f in data["grants"]]
    numbers = [a["number"] for a in apps]
    assert numbers == sorted(numbers), "applications must be in publication-number order"
    chunks = []
    for f in apps:
        doc = application_doc(f, week)
        if f.get("declaration_mid_line") and chunks:
            # As in a few historical weekly files: the declaration follows the previous
            # document's closing tag on the same line.
            chunks[-1] = chunks[-1].rstrip("\n")
        chunks.append(doc + "\n")
    ipa = os.path.join(SAMPLES, "ipa%s.xml" % week.app[2:])
    with open(ipa, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(chunks))

    chunks = []
    for f in grants:
        chunks.append(grant_doc(f, week) + "\n")
        if f.get("sequence"):
            chunks.append(sequence_doc(f, f["sequence"], week) + "\n")
    ipg = os.path.join(SAMPLES, "ipg%s.xml" % week.grant[2:])
    with open(ipg, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(chunks))

    a = check_well_formed(ipa, {"us-patent-application"})
    g = check_well_formed(ipg, {"us-patent-grant", "sequence-cwu"})
    write_zip(ipa, ipa[:-4] + ".zip", tuple(int(x) for x in (week.app[:4], week.app[4:6], week.app[6:])) + (0, 0, 0))
    write_zip(ipg, ipg[:-4] + ".zip", tuple(int(x) for x in (week.grant[:4], week.grant[4:6], week.grant[6:])) + (0, 0, 0))
    for path, counts in ((ipa, a), (ipg, g)):
        print("%s: %s, %d bytes" % (os.path.relpath(path, SAMPLES), ", ".join(
            "%d %s" % (v, k) for k, v in sorted(counts.items())), os.path.getsize(path)))
    return {f["number"]: f for f in apps + grants}


def main():
    earlier = {}
    for week in WEEKS:
        earlier.update(write_week(week, earlier))


if __name__ == "__main__":
    sys.exit(main())
