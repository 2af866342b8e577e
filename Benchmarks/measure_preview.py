#!/usr/bin/env python3
"""How fast the preview answers, from a second process over loopback, against a reference in the
same run: `patent-digest preview` serving the page and the week's HTML draft, interleaved with
Python's own static file server (`python3 -m http.server`) serving the same bytes from disk. Then
how soon an edit made on disk shows: the time from writing the edits file to the server's next
version, to which the open page adds at most its own poll (300 ms) and one fetch.

    python3 Benchmarks/measure_preview.py [--rounds N] [--edits N] BINARY FEED...
    python3 Benchmarks/measure_preview.py .build/release/patent-digest Samples/ipa261126.zip Samples/ipg261124.zip

Exits 1 when a load fails, or when the median load or the slowest edit misses the promise of
issue 5 (a page under 100 ms after the first load; a change on disk on the page within a second).
"""
import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

# The page asks the server for news this often (Sources/PatentDigestPreview/PreviewAssets.swift).
PAGE_POLL_SECONDS = 0.3
PATHS = ["/", "/draft?format=html"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path):
    """One request on a new connection, as a browser tab's first load makes it; the body's bytes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path} on port {port}: status {response.status}")
        return body
    finally:
        connection.close()


def timed_load(port, paths):
    started = time.perf_counter()
    for path in paths:
        get(port, path)
    return time.perf_counter() - started


def wait_until_listening(port, process, what):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"{what} did not listen on port {port} within 30 s")


def version(port):
    return json.loads(get(port, "/status"))["version"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="page loads from each server (default 200)")
    parser.add_argument("--edits", type=int, default=40, help="edits on disk to time (default 40)")
    parser.add_argument("binary")
    parser.add_argument("feeds", nargs="+")
    options = parser.parse_args()

    work = tempfile.mkdtemp(prefix="patent-digest-preview-bench-")
    edits_path = os.path.join(work, "edits.yaml")
    preview_port, static_port = free_port(), free_port()
    preview = subprocess.Popen(
        [options.binary, "preview", "-q", "--port", str(preview_port), "--edits", edits_path] + options.feeds,
        stdout=subprocess.DEVNULL,
    )
    static = None
    try:
        wait_until_listening(preview_port, preview, "patent-digest preview")
        # The reference serves, as files, the very bytes the preview answers with.
        static_root = os.path.join(work, "static")
        os.mkdir(static_root)
        static_paths = []
        for index, path in enumerate(PATHS):
            name = f"load-{index}.html"
            with open(os.path.join(static_root, name), "wb") as file:
                file.write(get(preview_port, path))
            static_paths.append("/" + name)
        static = subprocess.Popen(
            [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", static_root, str(static_port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_listening(static_port, static, "python3 -m http.server")
        for _ in range(10):  # the first loads of each, not measured
            timed_load(preview_port, PATHS)
            timed_load(static_port, static_paths)

        preview_loads, static_loads, ratios = [], [], []
        for _ in range(options.rounds):
            ours = timed_load(preview_port, PATHS)
            reference = timed_load(static_port, static_paths)
            preview_loads.append(ours)
            static_loads.append(reference)
            ratios.append(ours / reference)
        load_median = statistics.median(preview_loads)
        quantiles = statistics.quantiles(preview_loads, n=20)
        print(
            f"page + draft per load: preview median {load_median * 1000:.2f} ms (95th percentile "
            f"{quantiles[-1] * 1000:.2f} ms); static file server median {statistics.median(static_loads) * 1000:.2f} ms; "
            f"ratio preview/static median {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}) "
            f"over {options.rounds} rounds"
        )

        latencies = []
        for step in range(options.edits):
            before = version(preview_port)
            with open(edits_path, "w") as file:
                file.write(f'headline: "Measured edit {step}"\n')
            written = time.perf_counter()
            while version(preview_port) == before:
                if time.perf_counter() - written > 10:
                    raise RuntimeError("an edit on disk did not reach the server within 10 s")
                time.sleep(0.005)
            latencies.append(time.perf_counter() - written)
            # A random pause, so the writes do not fall at the same point of the server's 200 ms poll
            # each time (and the next write gets a new modification time).
            time.sleep(random.uniform(0.05, 0.3))
        slowest = max(latencies) + PAGE_POLL_SECONDS + max(preview_loads)
        print(
            f"edit on disk to new version on the server: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"slowest {max(latencies) * 1000:.0f} ms over {options.edits} edits; on the page at the latest "
            f"{slowest * 1000:.0f} ms (slowest + the page's {PAGE_POLL_SECONDS * 1000:.0f} ms poll + the slowest load)"
        )
        missed = []
        if load_median >= 0.1:
            missed.append("the median page load is not under 100 ms")
        if slowest >= 1:
            missed.append("an edit can take a second or more to reach the page")
        for line in missed:
            print(f"measure_preview: {line}", file=sys.stderr)
        return 1 if missed else 0
    finally:
        for process in (preview, static):
            if process is not None:
                process.terminate()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
