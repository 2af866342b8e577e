#!/usr/bin/env python3
"""How fast pre-2005 back files read, against the weekly format in the same run: a feed of the
corpus's pap and ST.32 documents repeated to about 50 MB, and one of the sample week's ICE
documents repeated to the same size, parsed in turn by the same binary. Prints each format's
MB/s and the median ratio of legacy to ICE throughput.

    python3 Benchmarks/measure_legacy.py [--rounds N] [--corpus DIR] BINARY
    python3 Benchmarks/measure_legacy.py .build/release/patent-digest

The legacy documents come from ../shared/corpus/uspto/legacy (never copied into the project);
the feeds are written to a temporary folder and removed.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

TARGET_BYTES = 50 << 20


def repeated(sources, path):
    unit = b"".join(open(source, "rb").read() for source in sources)
    with open(path, "wb") as feed:
        for _ in range(TARGET_BYTES // len(unit) + 1):
            feed.write(unit)
    return os.path.getsize(path)


def megabytes_per_second(binary, path, size):
    started = time.perf_counter()
    subprocess.run([binary, "parse", "-q", path], stdout=subprocess.DEVNULL, check=True)
    return size / 1e6 / (time.perf_counter() - started)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus", "uspto", "legacy"))
    parser.add_argument("binary")
    options = parser.parse_args()
    legacy_sources = sorted(os.path.join(options.corpus, name) for name in os.listdir(options.corpus) if name.endswith(".xml"))
    ice_sources = [os.path.join(root, "Samples", name) for name in ("ipa261126.xml", "ipg261124.xml")]
    work = tempfile.mkdtemp(prefix="patent-digest-legacy-bench-")
    try:
        legacy, ice = os.path.join(work, "legacy.xml"), os.path.join(work, "ice.xml")
        legacy_size, ice_size = repeated(legacy_sources, legacy), repeated(ice_sources, ice)
        legacy_rates, ice_rates, ratios = [], [], []
        for _ in range(options.rounds):
            legacy_rate = megabytes_per_second(options.binary, legacy, legacy_size)
            ice_rate = megabytes_per_second(options.binary, ice, ice_size)
            legacy_rates.append(legacy_rate)
            ice_rates.append(ice_rate)
            ratios.append(legacy_rate / ice_rate)
        print(
            f"pre-2005 (pap + ST.32, {legacy_size / 1e6:.0f} MB): median {statistics.median(legacy_rates):.0f} MB/s; "
            f"ICE (sample week, {ice_size / 1e6:.0f} MB): median {statistics.median(ice_rates):.0f} MB/s; "
            f"ratio legacy/ICE median {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}) "
            f"over {options.rounds} rounds"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
