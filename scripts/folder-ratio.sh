#!/usr/bin/env bash
# The ratio of ingesting a whole folder of PDFs (`crimegraph ingest`: PDF
# text, parse, extract, store, index) to `pdftotext` alone on the same
# files, one after the other, measured N times interleaved (default 3) so
# that both see the same machine load; prints each run, the stored and
# refused counts, and the median. Target (issue 14): within 2x.
# Usage: scripts/folder-ratio.sh FOLDER [N]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: scripts/folder-ratio.sh FOLDER [N]}
n=${2:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/crimegraph" ./cmd/crimegraph
shopt -s nullglob
pdfs=("$dir"/*.pdf)
ms() { echo $(( $(date +%s%N) / 1000000 )); }
ratios=()
for i in $(seq 1 "$n"); do
  t0=$(ms)
  for f in "${pdfs[@]}"; do pdftotext -q "$f" /dev/null || true; done
  t1=$(ms)
  rm -rf "$tmp/data"
  "$tmp/crimegraph" ingest --data "$tmp/data" --log-format text --log-level error "$dir" >"$tmp/out" 2>"$tmp/err" || true
  t2=$(ms)
  a=$((t2 - t1)) b=$((t1 - t0))
  r=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", a/b}')
  printf "run %d: %d PDFs, ingest %d ms, pdftotext %d ms, ratio %s\n" "$i" "${#pdfs[@]}" "$a" "$b" "$r"
  ratios+=("$r")
done
tail -n 3 "$tmp/out"
grep -c -i "error\|refused\|fail" "$tmp/err" | sed 's/^/error lines in the last run: /' || true
printf "%s\n" "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END{printf "median ratio %.2f over %d runs (min %.2f, max %.2f)\n", a[int((NR+1)/2)], NR, a[1], a[NR]}'
