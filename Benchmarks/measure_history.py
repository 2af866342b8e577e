#!/usr/bin/env python3
"""What recording a week in the history costs: interleaved runs of `history import` (a new
database each time) against `parse` to /dev/null of the same generated week, on the same machine,
in the same run; the bytes per document of the database; and, with --year, the time to import 52
generated weeks (about 390,000 documents) into one database.

    python3 Benchmarks/measure_history.py [--rounds N] [--year] BINARY
    python3 Benchmarks/measure_history.py --year .build/release/patent-digest

The week is Benchmarks/.out/week.xml (7,500 documents, 0.9 GB, made by make_week_feed.py when
missing, as `make bench` makes it). The year is one 7,500-document week with short descriptions
(Benchmarks/.out/year-week.xml, 0.1 GB) recorded under 52 weekly names (ipg250107.zip...
ipg251230.zip, links in Benchmarks/.out/year/), so each name is a file of its own.
"""
import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, ".out")


def timed(arguments):
    started = time.perf_counter()
    with open(os.devnull, "wb") as null:
        subprocess.run(arguments, stdout=null, stderr=null, check=True)
    return time.perf_counter() - started


def feed(name, *options):
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        os.makedirs(OUT, exist_ok=True)
        print(f"making {path} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(HERE, "make_week_feed.py"), path, "--quiet", *options], check=True)
    return path


def documents_in(database):
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM document").fetchone()[0]


def timed_query(connection, sql, parameters_list):
    """Median milliseconds of `sql` over the parameter sets, and the rows of the last."""
    times, rows = [], []
    for parameters in parameters_list:
        started = time.perf_counter()
        rows = connection.execute(sql, parameters).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


def measure_queries(database):
    """The lookups the draft's history features will make, on the year's database."""
    with sqlite3.connect(database) as connection:
        # The 52 files repeat one week's documents, dates and all: spread them over the weeks
        # their names give (each ipg date is a Tuesday; a week is named by its Sunday).
        connection.execute(
            "UPDATE document SET week = (SELECT date(f.dataDate, '-2 days') FROM feedFile f WHERE f.id = document.fileId)")
        connection.commit()
        numbers = [row for row in connection.execute(
            "SELECT applicationNumber FROM document WHERE applicationNumber IS NOT NULL ORDER BY random() LIMIT 200")]
        took, _ = timed_query(connection, "SELECT id, week, type FROM document WHERE applicationNumber = ?", numbers)
        print(f"query: a filing's documents by application number      median {took:.3f} ms")
        names = [row for row in connection.execute(
            "SELECT id FROM partyName WHERE name LIKE 'Apple%' OR name LIKE 'Google%'")]
        ids = ",".join(str(row[0]) for row in names) or "0"
        took, rows = timed_query(connection, f"""
            SELECT d.week, count(DISTINCT d.id) FROM documentParty p JOIN document d ON d.id = p.documentId
            WHERE p.nameId IN ({ids}) AND d.week >= (SELECT date(max(week), '-364 days') FROM document)
            GROUP BY d.week""", [()] * 5)
        print(f"query: two companies' filings per week over a year       median {took:.1f} ms "
              f"({len(names)} names, {sum(count for _, count in rows)} filings)")
        took, _ = timed_query(connection, """
            SELECT week, count(*), sum(type = 'application'), sum(type = 'grant') FROM document
            WHERE week >= (SELECT date(max(week), '-77 days') FROM document) GROUP BY week""", [()] * 5)
        print(f"query: documents per week, last 12 weeks                 median {took:.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--year", action="store_true", help="also import 52 generated weeks into one database")
    parser.add_argument("binary")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    week = feed("week.xml")
    folder = tempfile.mkdtemp(prefix="history-bench-")
    database = os.path.join(folder, "history.sqlite")
    try:
        def record():
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(database + suffix):
                    os.remove(database + suffix)
            return timed([binary, "history", "import", "-q", "--history", database, week])

        def parse():
            return timed([binary, "parse", "-q", week])

        parse()  # warms the page cache
        record()
        parses, records, ratios = [], [], []
        for _ in range(arguments.rounds):
            parse_time, record_time = parse(), record()
            parses.append(parse_time)
            records.append(record_time)
            ratios.append(record_time / parse_time)
        documents = documents_in(database)
        size = os.path.getsize(database)
        print(f"week.xml: {documents} documents, {os.path.getsize(week) / 1e9:.2f} GB")
        print(f"parse to /dev/null        median {statistics.median(parses):.2f} s")
        print(f"history import (new db)   median {statistics.median(records):.2f} s")
        print(f"ratio import / parse      median {statistics.median(ratios):.2f} (per round: "
              + ", ".join(f"{r:.2f}" for r in ratios) + "; target <= 1.3)")
        print(f"database: {size / 1e6:.1f} MB, {size / documents:.0f} bytes a document "
              f"(4 million documents: {4e6 * size / documents / 1e9:.2f} GB; target < 5 GB)")

        if arguments.year:
            small = feed("year-week.xml", "--target-bytes", "100000000")
            names = os.path.join(OUT, "year")
            shutil.rmtree(names, ignore_errors=True)
            os.makedirs(names)
            links = []
            for number in range(52):
                day = time.gmtime(time.mktime((2025, 1, 7 + 7 * number, 12, 0, 0, 0, 0, 0)))
                link = os.path.join(names, time.strftime("ipg%y%m%d.zip", day))
                # A zip name on an XML file: the reader goes by the first bytes, the history by the name.
                os.symlink(small, link)
                links.append(link)
            year = os.path.join(folder, "year.sqlite")
            elapsed = timed([binary, "history", "import", "-q", "--history", year, *links])
            year_documents = documents_in(year)
            print(f"52 weeks: {year_documents} documents imported in {elapsed:.0f} s "
                  f"({year_documents / elapsed:.0f} documents/s), {os.path.getsize(year) / 1e6:.0f} MB "
                  f"({os.path.getsize(year) / year_documents:.0f} bytes a document)")
            measure_queries(year)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
