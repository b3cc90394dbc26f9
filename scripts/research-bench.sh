#!/usr/bin/env bash
# research-bench.sh DIR... — ingest the documents of DIR... into a data
# folder (RESEARCH_DATA, default out/research-bench/data) and time the
# research pages over it: each page's GraphQL request and its rendering in
# headless Chromium (ui/research_bench_test.go). Figures: docs/research.md.
# Some documents of a year's stream do not parse yet; ingest reports them
# and stores the rest, which is what the pages are timed on.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 DIR..." >&2; exit 2; }
data=${RESEARCH_DATA:-out/research-bench/data}
mkdir -p "$data"
go build -o bin/crimegraph ./cmd/crimegraph
bin/crimegraph ingest --data "$data" "$@" 2>&1 | grep -v '^error: ' || true
bin/crimegraph stats --data "$data" | sed -n 1p
CRIMEGRAPH_BENCH_DATA=$(realpath "$data") go test ./ui -run '^$' -bench BenchmarkResearch -benchtime "${BENCHTIME:-10x}" -v \
	| grep -E '^(Benchmark|ok|FAIL|PASS)|research_bench_test'
