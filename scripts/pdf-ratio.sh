#!/usr/bin/env bash
# The ratio of a whole ingest of E/2025/28 (65 pages: PDF text, parse,
# extract, store, index) to `pdftotext` alone on the same file, measured
# N times interleaved (default 7) so that both see the same machine load;
# prints each run and the median. Target: within 2x.
# Usage: scripts/pdf-ratio.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/ingest.test" ./internal/ingest
go test -c -o "$tmp/pdftext.test" ./internal/pdftext
ratios=()
for i in $(seq 1 "$n"); do
  a=$(cd internal/ingest && "$tmp/ingest.test" -test.run '^$' -test.bench 'IngestE202528' -test.benchtime 10x | awk '/^Bench/{print $3}')
  b=$(cd internal/pdftext && "$tmp/pdftext.test" -test.run '^$' -test.bench 'Pdftotext/E' -test.benchtime 10x | awk '/^Bench/{print $3}')
  r=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", a/b}')
  printf "run %d: ingest %.0f ms, pdftotext %.0f ms, ratio %s\n" "$i" "$(awk -v a="$a" 'BEGIN{print a/1e6}')" "$(awk -v b="$b" 'BEGIN{print b/1e6}')" "$r"
  ratios+=("$r")
done
printf "%s\n" "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END{printf "median ratio %.2f over %d runs (min %.2f, max %.2f)\n", a[int((NR+1)/2)], NR, a[1], a[NR]}'
