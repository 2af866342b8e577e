#!/usr/bin/env python3
"""What `patent-digest fetch` adds over the raw transfer, and its peak memory, against the local
fake portal (`fake-portal`, Benchmarks/FakePortal): issue 13's "under 5 % over curl to the same
server" and "flat, under 64 MB, whatever the file's size".

    python3 Benchmarks/measure_fetch.py [--rounds 5] [--throttle-mbit 100] [--skip-throttled]
    make bench-fetch          # the same, after a release build of patent-digest and fake-portal

For a week-sized grant file (ipg261124.zip, 0.9 GB of XML) and a small application file
(ipa261126.zip, 0.1 GB of XML), both made by make_week_feed.py into Benchmarks/.out/fetch/, it
runs `--rounds` rounds (order alternating from one round to the next) of:

  a  curl: the file's address from the listing with the key (302), then the signed address on
     the download host without it, to a file, as the tool does
  b  a, then a CRC check of the file: every entry inflated and its CRC-32 compared (Python's
     zipfile, zlib; --check unzip for `unzip -tq`), as the tool checks while it downloads
  e  b, then fsync of the file: all the tool does with a download (it also fsyncs, then renames)
  c  patent-digest fetch --week 2026-11-25 --product grants|applications --into EMPTY_DIR -q
  d  the same fetch again into the folder that now holds the file (the "already here" no-op)

each under /usr/bin/time for its peak RSS, into folders under Benchmarks/.out/fetch/work (the
same file system for all). Then, unless --skip-throttled, a and c again for both files from a
second fake portal whose download host paces what it sends (fake-portal --rate-mbps, from
--throttle-mbit, default 100), as a link to the real portal would: the same pace for curl and
fetch.
Prints a table and PASS/FAIL lines, and writes Benchmarks/.out/fetch/result.json.

Exit status: 0 all targets met, 1 a target missed, 2 could not run (no curl, no /usr/bin/time,
no binaries, a command failing).
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import shlex
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, ".out", "fetch")
WORK = os.path.join(OUT, "work")
GENERATOR = os.path.join(HERE, "make_week_feed.py")
SAMPLES = os.path.join(ROOT, "Samples", "*.xml")
PYTHON = sys.executable or "python3"
KEY = "bench-fetch-key"
WEEK = "2026-11-25"  # Sunday 22 to Saturday 28 November 2026: ipg261124 and ipa261126.

FEEDS = [
    # name, product, documents, target XML bytes
    ("ipg261124", "grants", 7500, 900_000_000),
    ("ipa261126", "applications", 830, 100_000_000),
]
PORTAL_PRODUCT = {"grants": "PTGRXML", "applications": "APPXML"}

# The CRC check of b and e: every entry inflated and its CRC-32 compared, as fetch does.
CHECKS = {
    "python": [PYTHON, "-c", "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)"],
    "unzip": ["unzip", "-tq"],
}

FETCH_OVER_CURL = 1.05
RSS_LIMIT_MB = 64
RSS_FLAT = 1.20  # peak RSS for the big file within 20 % of the small file's


class CannotRun(Exception):
    pass


def say(*args):
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# The feeds


def inputs_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(glob.glob(SAMPLES)) + [GENERATOR]:
        h.update(os.path.basename(path).encode())
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def zip_facts(path: str) -> dict:
    with zipfile.ZipFile(path) as z:
        entries = z.infolist()
    return {"zip_bytes": os.path.getsize(path), "xml_bytes": sum(e.file_size for e in entries),
            "entries": len(entries)}


def ensure_zip(name: str, documents: int, target_bytes: int, seed: int, keep_xml: bool) -> dict:
    """OUT/name.zip made by make_week_feed.py, rebuilt only when missing or made otherwise
    (a stamp beside it records the options and a digest of the samples and the generator)."""
    xml, zip_path, stamp = (os.path.join(OUT, f"{name}.{ext}") for ext in ("xml", "zip", "stamp.json"))
    wanted = {"documents": documents, "target_bytes": target_bytes, "seed": seed, "inputs": inputs_digest()}
    have = None
    if os.path.exists(stamp):
        with open(stamp) as f:
            have = json.load(f)
    if have is None or not os.path.exists(zip_path) or {k: have.get(k) for k in wanted} != wanted:
        say(f"building {os.path.relpath(zip_path, ROOT)} ({documents} documents, {target_bytes / 1e9:.1f} GB of XML) ...")
        started = time.monotonic()
        command = [PYTHON, GENERATOR, xml, "--documents", str(documents), "--target-bytes", str(target_bytes),
                   "--seed", str(seed), "--zip", "--quiet"]
        if subprocess.run(command).returncode != 0:
            raise CannotRun(f"make_week_feed.py failed for {name}")
        say(f"  built in {time.monotonic() - started:.0f} s")
        have = write_stamp(name, wanted)
    if not keep_xml and os.path.exists(xml):
        os.unlink(xml)  # Only the zip is served; the XML's size is in the zip's directory.
    return have


def write_stamp(name: str, wanted: dict) -> dict:
    have = dict(wanted, **zip_facts(os.path.join(OUT, f"{name}.zip")))
    with open(os.path.join(OUT, f"{name}.stamp.json"), "w") as f:
        json.dump(have, f, indent=2)
    return have


# ---------------------------------------------------------------------------
# Running and timing


def timed(command: list[str], label: str, env: dict | None = None) -> dict:
    """Runs `command` under /usr/bin/time; wall seconds (measured here), peak RSS in MB and
    user + system CPU seconds (all of the command's processes).
    /usr/bin/time is a small process: the child it forks does not inherit this harness's
    high-water mark, as a child forked straight from Python would (Linux keeps it across exec)."""
    rss_file = os.path.join(WORK, "rss.txt")
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file] + command, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise CannotRun(f"{label} failed (status {done.returncode}): {' '.join(command)}\n"
                        + done.stderr.decode(errors="replace")[-2000:])
    with open(rss_file) as f:
        rss_kb, user, system = f.read().split()[-3:]
    return {"seconds": wall, "rss_mb": int(rss_kb) / 1024, "cpu_seconds": float(user) + float(system)}


def fresh_dir(tag: str) -> str:
    path = os.path.join(WORK, tag)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def redirect_of(address: str) -> str:
    """The signed address the portal's file address redirects to (curl, with the key)."""
    done = subprocess.run(["curl", "-sS", "-f", "-o", "/dev/null", "-w", "%{redirect_url}",
                           "-H", f"X-API-KEY: {KEY}", address], capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.startswith("http"):
        raise CannotRun(f"curl {address}: no redirect ({done.returncode}): {done.stderr.strip()}")
    return done.stdout.strip()


class Case:
    def __init__(self, name: str, product: str, address: str, api_base: str, check: list[str]):
        self.name, self.product, self.address, self.api_base, self.check = name, product, address, api_base, check
        self.fetch_env = dict(os.environ, USPTO_API_KEY=KEY)

    def curl(self, target: str) -> list[str]:
        # Two requests as the tool makes them: the portal's address with the key (it answers
        # 302), then the signed address on the download host without the key; curl -L would
        # send the key there too, which the download host refuses. A small shell script keeps it
        # one timed process, like the tool.
        return ["sh", "-c",
                'u=$(curl -sS -f -o /dev/null -w "%{redirect_url}" -H "X-API-KEY: $1" "$2") && '
                'curl -sS -f -o "$3" "$u"',
                "curl", KEY, self.address, target]

    def run_a(self) -> dict:
        folder = fresh_dir("a")
        return timed(self.curl(os.path.join(folder, self.name + ".zip")), "curl")

    def run_b(self) -> dict:
        folder = fresh_dir("b")
        path = os.path.join(folder, self.name + ".zip")
        script = self.curl(path)
        script[2] += ' && ' + shlex.join(self.check) + ' "$3"'
        return timed(script, "curl + check")

    def run_e(self) -> dict:
        folder = fresh_dir("e")
        path = os.path.join(folder, self.name + ".zip")
        script = self.curl(path)
        script[2] += (' && ' + shlex.join(self.check) + ' "$3" && '
                      + shlex.join([PYTHON, "-c", "import os, sys; os.fsync(os.open(sys.argv[1], os.O_RDONLY))"]) + ' "$3"')
        return timed(script, "curl + check + fsync")

    def fetch_command(self, folder: str, binary: str) -> list[str]:
        return [binary, "fetch", "--week", WEEK, "--product", self.product, "--into", folder,
                "--api-base", self.api_base, "-q"]

    def run_c(self, binary: str) -> dict:
        folder = fresh_dir("c")
        result = timed(self.fetch_command(folder, binary), "fetch", env=self.fetch_env)
        if not os.path.exists(os.path.join(folder, self.name + ".zip")):
            raise CannotRun(f"fetch left no {self.name}.zip in {folder}")
        return result

    def run_d(self, binary: str) -> dict:
        folder = os.path.join(WORK, "c")  # holds the file from run_c
        if not os.path.exists(os.path.join(folder, self.name + ".zip")):
            self.run_c(binary)
        return timed(self.fetch_command(folder, binary), "fetch (already here)", env=self.fetch_env)


def start_portal(binary: str, files: list[str], rate_mbps: float | None = None) -> tuple[subprocess.Popen, str]:
    """fake-portal serving `files`; with `rate_mbps` (MB/s), its download host paces what it sends."""
    pacing = ["--rate-mbps", f"{rate_mbps:g}"] if rate_mbps else []
    process = subprocess.Popen([binary] + pacing + [KEY] + files, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    line = process.stdout.readline().strip()
    if not line.startswith("http"):
        process.kill()
        raise CannotRun(f"fake-portal printed no address: {line!r} {process.stderr.read()[-1000:]}")
    return process, line


def listing_address(api_base: str, name: str, product: str) -> str:
    """The file's fileDownloadURI from the portal's listing."""
    url = (f"{api_base}/api/v1/datasets/products/{PORTAL_PRODUCT[product]}"
           "?fileDataFromDate=2026-11-22&fileDataToDate=2026-11-28&includeFiles=true")
    done = subprocess.run(["curl", "-sS", "-f", "-H", f"X-API-KEY: {KEY}", url], capture_output=True, text=True)
    if done.returncode != 0:
        raise CannotRun(f"curl {url}: {done.stderr.strip()}")
    for product_entry in json.loads(done.stdout)["bulkDataProductBag"]:
        for entry in product_entry["productFileBag"]["fileDataBag"]:
            if entry["fileName"] == f"{name}.zip":
                return entry["fileDownloadURI"]
    raise CannotRun(f"the listing has no {name}.zip")


# ---------------------------------------------------------------------------


def median(runs: list[dict], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in runs)


def measure(case: Case, binary: str, rounds: int, kinds: str) -> dict[str, list[dict]]:
    runners = {"a": case.run_a, "b": case.run_b, "e": case.run_e,
               "c": lambda: case.run_c(binary), "d": lambda: case.run_d(binary)}
    results: dict[str, list[dict]] = {k: [] for k in kinds}
    say(f"  warm-up (untimed): {', '.join(kinds)}")
    for k in kinds:
        runners[k]()
    for round_index in range(rounds):
        order = kinds if round_index % 2 == 0 else kinds[::-1]
        # d needs c's folder: it follows c in either order.
        order = order.replace("d", "").replace("c", "cd") if "d" in kinds else order
        for k in order:
            results[k].append(runners[k]())
        say(f"  round {round_index + 1}/{rounds}: "
            + "  ".join(f"{k} {results[k][-1]['seconds']:.3f}s" for k in kinds))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per file (default 5)")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "patent-digest"))
    parser.add_argument("--portal", default=os.path.join(ROOT, ".build", "release", "fake-portal"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep-xml", action="store_true", help="keep the generated XML beside the zips")
    parser.add_argument("--throttle-mbit", type=float, default=100.0,
                        help="link speed of the throttled runs, in Mbit/s (default 100)")
    parser.add_argument("--skip-throttled", action="store_true", help="no throttled runs")
    parser.add_argument("--check", choices=sorted(CHECKS), default="python",
                        help="how b and e check the zip's CRCs: Python's zipfile (zlib; the default, the faster "
                             "here) or unzip -tq")
    parser.add_argument("--small-only", action="store_true", help="only the small file (to try the harness)")
    args = parser.parse_args()

    portal = None
    slow_portal = None
    try:
        for tool in ("curl", "/usr/bin/time"):
            if shutil.which(tool) is None:
                raise CannotRun(f"{tool} is missing: install it (apt-get install curl time)")
        if args.check == "unzip" and shutil.which("unzip") is None:
            raise CannotRun("unzip is missing: install it, or use --check python")
        check = CHECKS[args.check]
        for binary, target in ((args.binary, "patent-digest"), (args.portal, "fake-portal")):
            if not os.access(binary, os.X_OK):
                raise CannotRun(f"{binary} is missing: swift build -c release --product {target}")
        os.makedirs(WORK, exist_ok=True)
        feeds = FEEDS[1:] if args.small_only else FEEDS
        facts = {name: ensure_zip(name, docs, size, args.seed, args.keep_xml) for name, _, docs, size in feeds}
        zips = [os.path.join(OUT, f"{name}.zip") for name, *_ in feeds]
        for path in zips:  # Into the page cache: the portal sends them from memory in every run.
            with open(path, "rb") as f:
                while f.read(8 << 20):
                    pass
        portal, api_base = start_portal(args.portal, zips)
        say(f"fake portal at {api_base}; check: {args.check}")

        results: dict[str, dict] = {}
        for name, product, _, _ in feeds:
            address = listing_address(api_base, name, product)
            say(f"{name}.zip ({facts[name]['zip_bytes'] / 1e6:.0f} MB zip, {facts[name]['xml_bytes'] / 1e6:.0f} MB XML), "
                f"{args.rounds} rounds:")
            case = Case(name, product, address, api_base, check)
            results[name] = measure(case, args.binary, args.rounds, "abecd")

        throttled: dict[str, dict] = {}
        throttle_note = None
        if args.skip_throttled:
            throttle_note = "skipped (--skip-throttled)"
        else:
            slow_portal, slow_base = start_portal(args.portal, zips, rate_mbps=args.throttle_mbit / 8)
            for name, product, _, _ in feeds:
                say(f"{name}.zip from a fake portal paced at {args.throttle_mbit:g} Mbit/s, {args.rounds} rounds:")
                case = Case(name, product, listing_address(slow_base, name, product), slow_base, check)
                throttled[name] = measure(case, args.binary, args.rounds, "ac")

        return report(results, facts, feeds, throttled, throttle_note, args, check)
    except CannotRun as problem:
        say(f"measure_fetch: cannot run: {problem}")
        return 2
    finally:
        for process in (portal, slow_portal):
            if process is not None:
                process.kill()
                process.wait()
        shutil.rmtree(WORK, ignore_errors=True)


def report(results, facts, feeds, throttled, throttle_note, args, check) -> int:
    rows = []
    summary: dict[str, dict] = {}
    labels = {"a": "curl", "b": "curl + check", "e": "curl + check + fsync", "c": "fetch", "d": "fetch, already here"}
    print(f"\npatent-digest fetch against the local fake portal (median of {args.rounds}; check = {args.check})\n")
    print(f"{'file':<14} {'run':<22} {'wall s':>8} {'CPU s':>7} {'peak RSS MB':>12} {'MB/s (zip)':>11}")
    for name, *_ in feeds:
        zip_mb = facts[name]["zip_bytes"] / 1e6
        entry = {"zip_bytes": facts[name]["zip_bytes"], "xml_bytes": facts[name]["xml_bytes"]}
        for k in "abecd":
            runs = results[name][k]
            seconds, rss, cpu = median(runs), max(r["rss_mb"] for r in runs), median(runs, "cpu_seconds")
            entry[k] = {"label": labels[k], "median_seconds": seconds, "median_cpu_seconds": cpu,
                        "peak_rss_mb": rss, "runs": runs}
            rate = f"{zip_mb / seconds:11.0f}" if k != "d" else f"{'':>11}"
            print(f"{name + '.zip':<14} {k + ' ' + labels[k]:<22} {seconds:8.3f} {cpu:7.2f} {rss:12.1f} {rate}")
        entry["fetch_over_curl"] = entry["c"]["median_seconds"] / entry["a"]["median_seconds"]
        entry["fetch_over_curl_check"] = entry["c"]["median_seconds"] / entry["b"]["median_seconds"]
        entry["fetch_over_curl_check_fsync"] = entry["c"]["median_seconds"] / entry["e"]["median_seconds"]
        # Paired ratios: each round's c over the same round's a, b, e.
        for other, key in (("a", "paired_fetch_over_curl"), ("b", "paired_fetch_over_curl_check"),
                           ("e", "paired_fetch_over_curl_check_fsync")):
            entry[key] = statistics.median(c["seconds"] / o["seconds"]
                                           for c, o in zip(results[name]["c"], results[name][other]))
        summary[name] = entry
        rows.append(name)
    print()
    print(f"{'file':<14} {'zip MB':>8} {'XML MB':>8} {'c/a':>7} {'c/b':>7} {'c/e':>7}   (ratios of medians; paired medians in JSON)")
    for name in rows:
        e = summary[name]
        print(f"{name + '.zip':<14} {e['zip_bytes'] / 1e6:8.1f} {e['xml_bytes'] / 1e6:8.1f} "
              f"{e['fetch_over_curl']:7.3f} {e['fetch_over_curl_check']:7.3f} {e['fetch_over_curl_check_fsync']:7.3f}")

    throttled_summary = {}
    if throttled:
        print(f"\nthrottled to {args.throttle_mbit:g} Mbit/s (from a fake portal whose download host sends at "
              f"that pace, for curl and fetch alike):")
        print(f"{'file':<14} {'a curl s':>9} {'c fetch s':>10} {'c/a':>7} {'paired c/a':>11} {'fetch RSS MB':>13}")
        for name, runs in throttled.items():
            a, c = median(runs["a"]), median(runs["c"])
            paired = statistics.median(x["seconds"] / y["seconds"] for x, y in zip(runs["c"], runs["a"]))
            rss = max(r["rss_mb"] for r in runs["c"])
            throttled_summary[name] = {"mbit": args.throttle_mbit, "curl_seconds": a, "fetch_seconds": c,
                                       "fetch_over_curl": c / a, "paired_fetch_over_curl": paired,
                                       "fetch_peak_rss_mb": rss, "runs": runs}
            print(f"{name + '.zip':<14} {a:9.3f} {c:10.3f} {c / a:7.3f} {paired:11.3f} {rss:13.1f}")
    else:
        print(f"\nthrottled runs: {throttle_note}")

    big, small = feeds[0][0], feeds[-1][0]
    checks = []
    ratio = summary[big]["fetch_over_curl"]
    checks.append((f"fetch <= {FETCH_OVER_CURL} x curl ({big}.zip, loopback): c/a = {ratio:.3f}", ratio <= FETCH_OVER_CURL))
    rss_big, rss_small = summary[big]["c"]["peak_rss_mb"], summary[small]["c"]["peak_rss_mb"]
    checks.append((f"peak RSS < {RSS_LIMIT_MB} MB on both sizes: {rss_small:.1f} MB ({small}), {rss_big:.1f} MB ({big})",
                   max(rss_big, rss_small) < RSS_LIMIT_MB))
    if big != small:
        checks.append((f"peak RSS flat: {big} within {RSS_FLAT - 1:.0%} of {small} ({rss_big / rss_small:.3f})",
                       rss_big <= rss_small * RSS_FLAT))
    print()
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    other = summary[big]["fetch_over_curl_check"]
    print(f"{'pass' if other <= FETCH_OVER_CURL else 'fail'}  (for comparison) fetch <= {FETCH_OVER_CURL} x curl + check: "
          f"c/b = {other:.3f}; c/e (curl + check + fsync) = {summary[big]['fetch_over_curl_check_fsync']:.3f}")
    if ratio > FETCH_OVER_CURL:
        print(f"note: bare curl only moves bytes; fetch also inflates every entry to check its CRC "
              f"({summary[big]['xml_bytes'] / 1e6:.0f} MB of XML for {big}) and fsyncs the file before renaming it. "
              f"On loopback the transfer is so fast that the check is most of fetch's time: compare with b "
              f"(curl + the same check) and e (+ fsync)"
              + (", and with the throttled runs, where the check runs while the bytes arrive." if throttled_summary else "."))
    with open(os.path.join(OUT, "result.json"), "w") as f:
        revision = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True, text=True)
        json.dump({"revision": revision.stdout.strip(), "binary": args.binary, "rounds": args.rounds, "check": check, "files": summary, "throttled": throttled_summary,
                   "throttled_note": throttle_note,
                   "targets": [{"text": t, "pass": ok} for t, ok in checks]}, f, indent=2)
    print(f"\nwrote {os.path.relpath(os.path.join(OUT, 'result.json'), ROOT)}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
