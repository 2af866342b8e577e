# The two commands a new user runs: `make demo` and `make test`. Both set up what is missing first.
SWIFT ?= swift
BINARY = .build/debug/patent-digest
SAMPLES = Samples/ipa261126.zip Samples/ipg261124.zip
# The sample week after (applications 2026-12-03, grants 2026-12-01): it follows up the first.
SAMPLES_NEXT = Samples/ipa261203.zip Samples/ipg261201.zip
# Where `make demo` publishes the first sample week and keeps its history, afresh on every run.
DEMO = .build/demo

.PHONY: setup build demo demo-weeks test bench bench-copy bench-preview bench-out bench-legacy bench-fetch bench-history bench-history-scale release lint clean

setup:
	@scripts/ensure-system-packages

build: setup
	@$(SWIFT) build --quiet

# Two sample weeks (invented filings) with a history: publishes the first week's draft and
# records it in a new history, then shows the Markdown draft of the week after, which uses it
# (a featured filing is not featured again; grants of featured applications are followed up).
demo: build
	@$(MAKE) --no-print-directory demo-weeks

# The demo without building first (the tests run it with BINARY=... DEMO=...).
demo-weeks:
	@rm -rf $(DEMO)/history.sqlite $(DEMO)/history.sqlite-wal $(DEMO)/history.sqlite-shm $(DEMO)/2026-11-22
	@mkdir -p $(DEMO)
	@echo "== week 1: patent-digest build --out $(DEMO)/2026-11-22 --history $(DEMO)/history.sqlite $(SAMPLES)" >&2
	@$(BINARY) build --quiet --out $(DEMO)/2026-11-22 --history $(DEMO)/history.sqlite $(SAMPLES)
	@echo "== week 1 published to $(DEMO)/2026-11-22/ (draft.md and the rest) and recorded in $(DEMO)/history.sqlite" >&2
	@echo "== week 2, with that history: patent-digest build --history $(DEMO)/history.sqlite $(SAMPLES_NEXT)" >&2
	@$(BINARY) build --quiet --history $(DEMO)/history.sqlite $(SAMPLES_NEXT)

test: setup
	$(SWIFT) build
	$(SWIFT) test

# Release builds link the Swift runtime and Foundation into the binary: it runs on a server
# without a Swift toolchain (it needs libxml2, zlib, ISA-L, SQLite and libstdc++), starts with
# about 2 MB less resident and parses about a tenth faster (no calls through the shared
# libraries' tables). Every benchmark measures this build.
RELEASE = -c release --static-swift-stdlib

release: setup
	$(SWIFT) build $(RELEASE)

# The benchmark on a week-sized generated feed (about 0.9 GB): parse, classify and build against
# their references (see Benchmarks/README.md).
bench: setup
	python3 Benchmarks/run_parse_benchmark.py

# The column's copy on the development set (../shared/corpus/bigtech): ColumnLint hits and the
# copy's figures, this tree against aad5675 (BEFORE=REV or BEFORE_BINARY=PATH to change it).
BEFORE ?= aad5675
bench-copy: setup
	python3 Benchmarks/run_copy_benchmark.py $(if $(BEFORE_BINARY),--before-binary $(BEFORE_BINARY),--before-commit $(BEFORE)) --examples $(or $(EXAMPLES),10)

# The preview against a static file server, and how soon an edit on disk shows (sample week).
bench-preview: release
	python3 Benchmarks/measure_preview.py .build/release/patent-digest $(SAMPLES)

# Pre-2005 back files (the shared corpus's pap and ST.32 documents) against the weekly format.
bench-legacy: release
	python3 Benchmarks/measure_legacy.py .build/release/patent-digest

# What `build --out DIR` costs against `build` to /dev/null (sample week).
bench-out: release
	python3 Benchmarks/measure_build_out.py .build/release/patent-digest $(SAMPLES)

# What `fetch` adds over curl from the local fake portal, and its peak memory, on a week-sized
# and a small generated zip (see Benchmarks/README.md).
bench-fetch: release
	python3 Benchmarks/measure_fetch.py

# What recording a week in the history costs against parse, bytes a document, and 52 weeks.
bench-history: release
	python3 Benchmarks/measure_history.py --year .build/release/patent-digest

# Ten years of generated weeks (4 million documents) through the history's recording API, then
# the draft's queries on them, cold and warm, and the file's size (see Benchmarks/README.md).
# REUSE=1 measures the database of the last run again instead of generating it.
bench-history-scale: setup
	$(SWIFT) build $(RELEASE) --product history-scale
	.build/release/history-scale --database Benchmarks/.out/history-scale.sqlite $(if $(REUSE),--reuse)

lint:
	@# Also run after scripts/embed-defaults; it formats what it generates.
	$(SWIFT) format lint --recursive Sources Tests Package.swift

clean:
	rm -rf .build
