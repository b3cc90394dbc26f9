#!/usr/bin/env bash
# Draws sample diagrams of the embedded corpus, to look at (docs/diagrams.md
# says what to check): a crime type's neighbourhood, the paths between a
# State and a crime type, and a recommendation, in every format; and the
# crime type's neighbourhood with every layout engine, in SVG and PNG.
#
# Usage: scripts/diagram-samples.sh [DIR]   (default out/samples)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-out/samples}
mkdir -p "$dir"
tmp=$(mktemp -d /tmp/crimegraph-samples.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/crimegraph" ./cmd/crimegraph
cg() { "$tmp/crimegraph" "$@" --data "$tmp/data" --log-level warn; }
cg ingest --embedded >/dev/null
views=(
	"crimetype|--focus|trafficking in persons|--depth|1"
	"paths|--from|HTI|--to|trafficking in persons"
	"recommendation|--focus|recommendation:S/2025/85#61(d)|--depth|1"
)
for v in "${views[@]}"; do
	IFS='|' read -r -a a <<<"$v"
	for f in svg png pdf dot; do
		cg export "${a[@]:1}" --format "$f" -o "$dir/${a[0]}.$f"
	done
done
for e in dot neato fdp sfdp circo; do
	for f in svg png; do
		cg export --focus "trafficking in persons" --depth 1 --layout "$e" --format "$f" -o "$dir/crimetype-$e.$f"
	done
done
ls -1 "$dir"
