#!/usr/bin/env python3
"""What the whole-folder switch of `build --out DIR` costs: interleaved runs of `build --out DIR`
(a version folder, an fsync per file and per folder, one rename of DIR/current) against `build`
to /dev/null, on the same feeds, on the same machine, in the same run. Prints the median of the
per-round ratios.

    python3 Benchmarks/measure_build_out.py [--rounds N] BINARY FEED...
    python3 Benchmarks/measure_build_out.py .build/release/patent-digest Samples/ipa261126.zip Samples/ipg261124.zip
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def timed(arguments):
    started = time.perf_counter()
    with open(os.devnull, "wb") as null:
        subprocess.run(arguments, stdout=null, check=True)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("binary")
    parser.add_argument("feeds", nargs="+")
    options = parser.parse_args()
    out = tempfile.mkdtemp(prefix="patent-digest-week-")
    try:
        to_stdout, to_folder, ratios = [], [], []
        for _ in range(options.rounds):
            plain = timed([options.binary, "build", "-q"] + options.feeds)
            folder = timed([options.binary, "build", "-q", "--out", out] + options.feeds)
            to_stdout.append(plain)
            to_folder.append(folder)
            ratios.append(folder / plain)
        kept = len(os.listdir(os.path.join(out, ".versions")))
        print(
            f"build to stdout: median {statistics.median(to_stdout) * 1000:.1f} ms; "
            f"build --out: median {statistics.median(to_folder) * 1000:.1f} ms; "
            f"ratio --out/stdout: median {statistics.median(ratios):.3f} "
            f"(min {min(ratios):.3f}, max {max(ratios):.3f}) over {options.rounds} rounds; "
            f"versions kept: {kept}"
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
