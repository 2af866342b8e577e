#!/usr/bin/env python3
"""Build a week-sized USPTO feed for the parse benchmark.

A real weekly file (ipaYYMMDD.xml / ipgYYMMDD.xml) is one XML document after
another, ~7,500 of them and ~0.9 GB, most of each document's bytes being its
<description>. This script builds such a file from the documents in the
project's Samples/*.xml (each file split on "<?xml"), cycling through them and
varying each copy:

  * publication and application numbers, invention title, organisation names,
    CPC and IPC symbols;
  * the description is grown with invented paragraphs (<p id num>, headings,
    <b>, <i>, <sub>, <sup>, <figref>, lists, occasional <tables> and <maths>,
    in-line formulae processing instructions, character references) until the
    whole file reaches --target-bytes.

Sequence listings (<sequence-cwu>) are copied with a new number only.

The output is deterministic for a given --seed and set of samples, every
document stays well-formed, and it is written as a stream: memory stays flat
whatever the target size. --zip also writes OUT.zip (deflate, one entry named
like OUT's file name), as the USPTO ships the weekly files.

    python3 Benchmarks/make_week_feed.py .out/week.xml --zip
    python3 Benchmarks/make_week_feed.py .out/small.xml --documents 830 --target-bytes 100000000
"""

from __future__ import annotations

import argparse
import glob
import math
import os
import random
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_SAMPLES = os.path.join(REPO, "Samples", "*.xml")

# ---------------------------------------------------------------------------
# Reading the samples


def split_documents(data: bytes) -> list[bytes]:
    """Split a concatenated feed on the raw bytes of the XML declaration."""
    parts = data.split(b"<?xml")
    return [b"<?xml" + p for p in parts[1:] if p.strip()]


def load_templates(patterns: list[str]) -> tuple[list[str], list[str]]:
    files: list[str] = []
    for pattern in patterns:
        if os.path.isdir(pattern):
            pattern = os.path.join(pattern, "*.xml")
        files.extend(sorted(glob.glob(pattern)))
    templates: list[str] = []
    for path in files:
        with open(path, "rb") as f:
            for doc in split_documents(f.read()):
                templates.append(doc.decode("utf-8"))
    return files, templates


# ---------------------------------------------------------------------------
# Invented text

WORDS = (
    "apparatus assembly controller signal housing member portion surface layer "
    "substrate electrode circuit module sensor processor memory interface channel "
    "frame shaft bearing valve chamber fluid composition compound polymer resin "
    "fiber coating film device unit element region segment edge wall opening "
    "terminal node network packet request response server client display image "
    "pixel lens optical beam source emitter receiver antenna frequency voltage "
    "current battery cell anode cathode electrolyte catalyst reaction temperature "
    "pressure flow rate concentration solution mixture particle dose patient tissue "
    "implant catheter stent protein antibody sequence vector expression plant seed"
).split()
VERBS = (
    "includes comprises receives transmits determines generates couples extends "
    "rotates engages supports controls measures adjusts stores provides reduces "
    "increases defines forms encloses connects detects converts"
).split()
ADJS = (
    "first second third upper lower inner outer lateral distal proximal flexible "
    "rigid conductive transparent annular planar elongated hollow porous thermal "
    "wireless adjacent predetermined respective corresponding exemplary"
).split()
ENTITIES = ["&#x2014;", "&#x201c;", "&#x201d;", "&#xb0;", "&#x3bc;", "&#xb1;",
            "&#x2032;", "&#x2212;", "&lt;", "&gt;", "&amp;", "&#x26;"]
UNITS = ["mm", "&#x3bc;m", "nm", "&#xb0; C.", "wt %", "kPa", "Hz", "mA", "ms"]

CPC_SYMBOLS = [
    ("G", "06", "F", "3", "011"), ("G", "02", "B", "27", "0172"),
    ("H", "04", "L", "9", "3247"), ("H", "04", "W", "72", "23"),
    ("A", "61", "K", "31", "4745"), ("A", "61", "B", "5", "0002"),
    ("H", "01", "L", "29", "7869"), ("H", "01", "M", "10", "0525"),
    ("G", "06", "N", "20", "00"), ("G", "06", "Q", "30", "0201"),
    ("B", "60", "W", "30", "09"), ("C", "07", "D", "401", "14"),
    ("A", "01", "C", "7", "046"), ("F", "16", "H", "57", "04"),
    ("C", "12", "N", "15", "113"), ("G", "01", "N", "33", "5308"),
    ("H", "04", "N", "19", "176"), ("B", "65", "D", "81", "32"),
    ("G", "06", "T", "7", "70"), ("H", "02", "J", "7", "00"),
]
COMPANY_A = ("Acme Orion Vector Northwind Helix Quantum Meridian Summit Apex Blue "
             "Cobalt Falcon Granite Harbor Iris Juniper Kestrel Lumen Nimbus Polar").split()
COMPANY_B = ("Technologies Systems Devices Labs Robotics Medical Semiconductor Energy "
             "Networks Instruments Materials Pharmaceuticals Optics Motors").split()
COMPANY_C = ["Inc.", "LLC", "Corporation", "Co., Ltd.", "GmbH", "AG", "Limited", "S.A."]


class TextMaker:
    """Pools of sentences and paragraph pieces, built once from the seed."""

    def __init__(self, rng: random.Random, pool_size: int = 4000) -> None:
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(pool_size)]
        self.tables = [self._table(n) for n in range(40)]
        self.maths = [self._math() for _ in range(40)]

    def _ref(self) -> str:
        r = self.rng
        n = r.randint(10, 420)
        if r.random() < 0.3:
            return f"(<b>{n}</b><i>{r.choice('abc')}</i>)"
        return f"(<b>{n}</b>)"

    def _sentence(self) -> str:
        r = self.rng
        parts = []
        for _ in range(r.randint(10, 28)):
            x = r.random()
            if x < 0.55:
                parts.append(r.choice(WORDS))
            elif x < 0.70:
                parts.append(r.choice(ADJS))
            elif x < 0.80:
                parts.append(r.choice(VERBS))
            elif x < 0.88:
                parts.append(r.choice(WORDS) + " " + self._ref())
            elif x < 0.91:
                parts.append(f"<figref idref=\"DRAWINGS\">FIG. {r.randint(1, 14)}{r.choice(['', 'A', 'B'])}</figref>")
            elif x < 0.94:
                parts.append(f"{r.randint(1, 999)}{r.choice(['', '.5'])} {r.choice(UNITS)}")
            elif x < 0.96:
                parts.append(f"H<sub>2</sub>O or CO<sub>{r.randint(2, 3)}</sub>")
            elif x < 0.98:
                parts.append(f"10<sup>{r.randint(-9, 9)}</sup>")
            else:
                parts.append(r.choice(ENTITIES))
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def _table(self, n: int) -> str:
        r = self.rng
        cols = r.randint(2, 6)
        rows = r.randint(3, 18)
        out = [f'<tables id="TABLE-US-{n:05d}" num="{n:05d}">\n'
               '<table frame="none" colsep="0" rowsep="0">\n'
               f'<tgroup align="left" colsep="0" rowsep="0" cols="{cols}">\n']
        for c in range(cols):
            out.append(f'<colspec colname="{c}" colwidth="{r.randint(28, 140)}pt" align="center"/>\n')
        out.append("<thead>\n<row>\n")
        out.append(f'<entry namest="0" nameend="{cols - 1}" rowsep="1">TABLE {n + 1}</entry>\n</row>\n<row>\n')
        for _ in range(cols):
            out.append(f"<entry>{r.choice(WORDS).title()}</entry>\n")
        out.append('</row>\n</thead>\n<tbody valign="top">\n')
        for _ in range(rows):
            out.append("<row>\n")
            for _ in range(cols):
                out.append(f"<entry>{r.randint(0, 9999) / 100:.2f}</entry>\n")
            out.append("</row>\n")
        out.append("</tbody>\n</tgroup>\n</table>\n</tables>\n")
        return "".join(out)

    def _math(self) -> str:
        r = self.rng
        a, b = r.choice("xyzEPV"), r.choice("abknt")
        return ('<math overflow="scroll">\n<mrow>\n'
                f"<mi>{a}</mi>\n<mo>=</mo>\n<mrow>\n<mfrac>\n<mn>{r.randint(1, 9)}</mn>\n"
                f"<msup>\n<mi>{b}</mi>\n<mn>{r.randint(2, 4)}</mn>\n</msup>\n</mfrac>\n"
                f"<mo>+</mo>\n<msqrt>\n<mi>{b}</mi>\n</msqrt>\n</mrow>\n</mrow>\n</math>\n")

    def title(self) -> str:
        r = self.rng
        words = [r.choice(ADJS)] if r.random() < 0.5 else []
        words += [r.choice(WORDS) for _ in range(r.randint(2, 6))]
        words += [r.choice(["AND", "FOR", "WITH", "OF"]), r.choice(WORDS)]
        t = " ".join(words)
        t = t.upper() if r.random() < 0.3 else t.title()
        if r.random() < 0.1:
            t += " &#x2014; " + r.choice(WORDS)
        return t

    def company(self) -> str:
        r = self.rng
        name = f"{r.choice(COMPANY_A)} {r.choice(COMPANY_B)}"
        if r.random() < 0.1:
            name += f" &#x26; {r.choice(COMPANY_B)}"
        return f"{name} {r.choice(COMPANY_C)}"

    def description_fill(self, budget: int, first_p: int) -> str:
        """Invented description content of about `budget` bytes."""
        r = self.rng
        sentences = self.sentences
        out: list[str] = []
        size = 0
        p = first_p
        heading = 1000
        while size < budget:
            x = r.random()
            if x < 0.06:
                heading += 1
                s = f'<heading id="h-{heading:04d}" level="1">{r.choice(ADJS).upper()} {r.choice(WORDS).upper()}</heading>\n'
            elif x < 0.065:
                s = (f'<p id="p-{p:04d}" num="0000">\n{r.choice(self.tables)}</p>\n')
                p += 1
            elif x < 0.070:
                n = r.randint(1, 99)
                s = (f'<p id="p-{p:04d}" num="{p:04d}">\n<maths id="MATH-US-{n:05d}" num="{n:05d}">\n'
                     f"{r.choice(self.maths)}</maths>\n</p>\n")
                p += 1
            elif x < 0.085:
                s = (f'<p id="p-{p:04d}" num="{p:04d}">{r.choice(sentences)}\n'
                     '<?in-line-formulae description="In-line Formulae" end="lead"?>'
                     f"<i>{r.choice('xyzE')}</i>=<i>{r.choice('abk')}</i><sup>2</sup>+{r.randint(1, 9)}"
                     '<?in-line-formulae description="In-line Formulae" end="tail"?>\n'
                     f"{r.choice(sentences)}</p>\n")
                p += 1
            elif x < 0.095:
                items = "".join(f'<li>{r.choice(sentences)}</li>\n' for _ in range(r.randint(2, 6)))
                s = (f'<p id="p-{p:04d}" num="{p:04d}">\n<ul id="ul{p:04d}" list-style="none">\n'
                     f"{items}</ul>\n</p>\n")
                p += 1
            else:
                body = " ".join(r.choices(sentences, k=r.randint(2, 9)))
                s = f'<p id="p-{p:04d}" num="{p:04d}">{body}</p>\n'
                p += 1
            out.append(s)
            size += len(s)
        return "".join(out)


# ---------------------------------------------------------------------------
# Varying one document

PUB_RE = re.compile(r"(<publication-reference>\s*<document-id>\s*<country>[^<]*</country>\s*<doc-number>)([^<]*)(</doc-number>)")
APP_RE = re.compile(r"(<application-reference[^>]*>\s*<document-id>\s*<country>[^<]*</country>\s*<doc-number>)([^<]*)(</doc-number>)")
TITLE_RE = re.compile(r"(<invention-title[^>]*>)(.*?)(</invention-title>)", re.S)
ORG_RE = re.compile(r"<orgname>([^<]*)</orgname>")
CLASS_RE = re.compile(
    r"<section>[^<]*</section>(\s*)<class>[^<]*</class>(\s*)<subclass>[^<]*</subclass>(\s*)"
    r"<main-group>[^<]*</main-group>(\s*)<subgroup>[^<]*</subgroup>")
CPC_BLOCK_RE = re.compile(r"<classifications-(?:cpc|ipcr)>.*?</classifications-(?:cpc|ipcr)>", re.S)
P_ID_RE = re.compile(r'<p id="p-(\d+)"')


class Varier:
    def __init__(self, text: TextMaker, rng: random.Random) -> None:
        self.text = text
        self.rng = rng

    def _symbol(self, m: re.Match[str]) -> str:
        s, c, sc, mg, sg = self.rng.choice(CPC_SYMBOLS)
        return (f"<section>{s}</section>{m.group(1)}<class>{c}</class>{m.group(2)}"
                f"<subclass>{sc}</subclass>{m.group(3)}<main-group>{mg}</main-group>{m.group(4)}"
                f"<subgroup>{sg}</subgroup>")

    def head(self, doc_head: str, ordinal: int) -> str:
        """Vary the bibliographic data (what comes before the abstract or description)."""
        r = self.rng
        ends = [i for i in (doc_head.find("<abstract"), doc_head.find("<description")) if i >= 0]
        cut = min(ends) if ends else len(doc_head)
        head, rest = doc_head[:cut], doc_head[cut:]

        def pub(m: re.Match[str]) -> str:
            old = m.group(2)
            prefix = re.match(r"\D*", old).group(0)
            width = max(len(old) - len(prefix), 7)
            if head.find("<us-patent-application") >= 0 or head.find("<patent-application") >= 0:
                number = f"2026{(ordinal * 7 + 1000003) % 10 ** (width - 4):0{width - 4}d}"
            else:
                number = f"{(12000000 + ordinal) % 10 ** width:0{width}d}"
            return m.group(1) + prefix + number + m.group(3)

        head = PUB_RE.sub(pub, head, count=1)
        head = APP_RE.sub(lambda m: m.group(1) + f"{r.choice((16, 17, 18, 19))}{r.randint(0, 999999):06d}" + m.group(3),
                          head, count=1)
        head = TITLE_RE.sub(lambda m: m.group(1) + self.text.title() + m.group(3), head, count=1)
        names: dict[str, str] = {}

        # About one document in seven keeps the sample's real company names, so that the week has
        # watched companies in about the share a real week has (the classify step is measured too).
        keep_names = r.random() < 0.15

        def org(m: re.Match[str]) -> str:
            if m.group(1) not in names:
                names[m.group(1)] = m.group(1) if keep_names else self.text.company()
            return f"<orgname>{names[m.group(1)]}</orgname>"

        head = ORG_RE.sub(org, head)
        head = CPC_BLOCK_RE.sub(lambda b: CLASS_RE.sub(self._symbol, b.group(0)), head)
        return head + rest


# ---------------------------------------------------------------------------
# Writing


class Sink:
    """The output file, and optionally the zip entry, written as one stream."""

    def __init__(self, path: str, make_zip: bool) -> None:
        self.file = open(path, "wb", buffering=1 << 20)
        self.zip = None
        self.entry = None
        self.size = 0
        if make_zip:
            zip_path = os.path.splitext(path)[0] + ".zip"
            self.zip = zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED)
            # A fixed timestamp keeps the zip byte-for-byte reproducible.
            info = zipfile.ZipInfo(os.path.basename(path), date_time=(2026, 11, 26, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            self.entry = self.zip.open(info, "w")
        self.pending: list[bytes] = []
        self.pending_size = 0

    def write(self, s: str) -> None:
        b = s.encode("utf-8")
        self.size += len(b)
        self.pending.append(b)
        self.pending_size += len(b)
        if self.pending_size >= 1 << 20:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        chunk = b"".join(self.pending)
        self.pending, self.pending_size = [], 0
        self.file.write(chunk)
        if self.entry is not None:
            self.entry.write(chunk)

    def close(self) -> None:
        self.flush()
        self.file.close()
        if self.entry is not None:
            self.entry.close()
            self.zip.close()


def build(out: str, documents: int, target_bytes: int, make_zip: bool, seed: int,
          samples: list[str], quiet: bool) -> int:
    files, templates = load_templates(samples)
    if not templates:
        print(f"make_week_feed: no documents found in {', '.join(samples)}", file=sys.stderr)
        return 2
    rng = random.Random(seed)
    text = TextMaker(random.Random(seed * 7919 + 1))
    varier = Varier(text, rng)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    sink = Sink(out, make_zip)
    sigma = 0.6
    base_mean = sum(len(t.encode("utf-8")) for t in templates) / len(templates)
    try:
        for i in range(documents):
            doc = templates[i % len(templates)]
            # Split where generated paragraphs go: just before </description>.
            cut = doc.rfind("</description>")
            if cut < 0:  # sequence listings, documents without description
                head, tail = doc, ""
            else:
                head, tail = doc[:cut], doc[cut:]
            if "<sequence-cwu" in head[:400]:
                head = PUB_RE.sub(lambda m: m.group(1) + f"{12000000 + i:08d}" + m.group(3), head, count=1)
                sink.write(head + tail)
                continue
            head = varier.head(head, i)
            # Fill so that the bytes still to come meet the target: the templates'
            # own bytes are spread evenly, the invented ones log-normally.
            remaining_docs = documents - i
            remaining_fill = target_bytes - sink.size - remaining_docs * base_mean
            if remaining_docs > 1:
                jitter = math.exp(rng.gauss(-sigma * sigma / 2, sigma))
                jitter = min(max(jitter, 0.1), 5.0)
            else:
                jitter = 1.0
            budget = int(remaining_fill / remaining_docs * jitter)
            fill = ""
            if budget > 0 and cut >= 0:
                ids = P_ID_RE.findall(head)
                first_p = (int(ids[-1]) + 1) if ids else 1
                fill = text.description_fill(budget, first_p)
            sink.write(head)
            sink.write(fill)
            sink.write(tail)
            if not quiet and i % 500 == 499:
                print(f"make_week_feed: {i + 1}/{documents} documents, {sink.size / 1e6:.0f} MB",
                      file=sys.stderr)
    finally:
        sink.close()
    if not quiet:
        print(f"make_week_feed: wrote {out}: {documents} documents, {sink.size} bytes "
              f"from {len(templates)} sample documents in {len(files)} files"
              + (f" (+ {os.path.splitext(out)[0]}.zip)" if make_zip else ""), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", metavar="OUT.xml")
    ap.add_argument("--documents", type=int, default=7500)
    ap.add_argument("--target-bytes", type=int, default=900_000_000)
    ap.add_argument("--zip", action="store_true", help="also write OUT.zip (one deflated entry)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--samples", action="append", metavar="GLOB",
                    help=f"sample feeds to build from (default {os.path.relpath(DEFAULT_SAMPLES)}); repeatable")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.documents < 1:
        ap.error("--documents must be at least 1")
    return build(args.out, args.documents, args.target_bytes, args.zip, args.seed,
                 args.samples or [DEFAULT_SAMPLES], args.quiet)


if __name__ == "__main__":
    sys.exit(main())
