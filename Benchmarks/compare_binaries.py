#!/usr/bin/env python3
"""Two builds of patent-digest on one feed, run alternately: which is faster, as a ratio.

    python3 Benchmarks/compare_binaries.py OLD NEW FEED [ROUNDS]

Runs `parse -q`, `classify -q` and `build -q` on FEED with each binary in turn (the order swaps
every round, so drift on a shared machine falls on both), output to /dev/null, and prints for each
command the median wall time of each binary and the median of the per-round ratios new/old. A
ratio under 1 means the new build is faster. Made to show that a change keeps the speed it had:
build the old commit in a worktree (`git worktree add ../old REV && swift build -c release
--product patent-digest` there) and a feed with `Benchmarks/make_week_feed.py`.
"""
import statistics
import subprocess
import sys
import time


def timed(binary, command, feed):
    start = time.perf_counter()
    result = subprocess.run([binary, command, "-q", feed], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if result.returncode not in (0, 1):
        sys.exit(f"{binary} {command} {feed} exited {result.returncode}")
    return time.perf_counter() - start


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[2].strip())
    old, new, feed = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) == 5 else 7
    for command in ["parse", "classify", "build"]:
        times = {"old": [], "new": []}
        ratios = []
        for round_index in range(rounds):
            order = [("old", old), ("new", new)]
            if round_index % 2:
                order.reverse()
            this_round = {label: timed(binary, command, feed) for label, binary in order}
            for label in times:
                times[label].append(this_round[label])
            ratios.append(this_round["new"] / this_round["old"])
        print(
            f"{command}: old {statistics.median(times['old']):.3f} s, new {statistics.median(times['new']):.3f} s, "
            f"new/old {statistics.median(ratios):.3f} (rounds {min(ratios):.3f} to {max(ratios):.3f}, {rounds} paired)"
        )


if __name__ == "__main__":
    main()
