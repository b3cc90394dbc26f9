#!/usr/bin/env bash
# Mixed load against `crimegraph serve` on loopback: entity pages, searches,
# recommendation filters and diagrams (scripts/mixload.lua), with wrk.
# Prints latency, throughput, errors, and the server's RSS and goroutines
# before and after (from /metrics).
#
# Usage: scripts/load-mix.sh [DURATION] [CONNECTIONS]   (default 60s 64)
# Env:   DELAY_MS paces each connection (scripts/soak.sh sets it),
#        SAMPLE_EVERY seconds between /metrics samples written to out/load/metrics.tsv
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60s}
conns=${2:-64}
addr=${ADDR:-127.0.0.1:18090}
every=${SAMPLE_EVERY:-10}
mkdir -p out/load
. scripts/serve.sh
data=$(mktemp -d /tmp/crimegraph-mix.XXXXXX)
cleanup+=("$data")
serve "$addr" "$data" out/load/server.log --log-format json

metric() { curl -fs "http://$addr/metrics" | awk -v m="$1" '$1 == m { printf "%.0f", $2 }'; }
sample() { printf "%s\t%s\t%s\n" "$(date +%s)" "$(metric process_resident_memory_bytes)" "$(metric go_goroutines)"; }

# Warm up: caches, the WebAssembly Graphviz module, parsed queries.
wrk -t2 -c4 -d3s -s scripts/mixload.lua "http://$addr" >/dev/null 2>&1 || true
printf "time\trss_bytes\tgoroutines\n" >out/load/metrics.tsv
sample >>out/load/metrics.tsv
( while sleep "$every"; do sample >>out/load/metrics.tsv; done ) &
sampler=$!
pids+=("$sampler")
before=$(sample)
echo "== machine: $(nproc) cores, $(go version | cut -d' ' -f3); $conns connections for $duration; DELAY_MS=${DELAY_MS:-0}"
wrk -t2 -c"$conns" -d"$duration" --timeout 30s -s scripts/mixload.lua "http://$addr"
after=$(sample)
kill $sampler 2>/dev/null || true
echo "RSS before $(echo "$before" | cut -f2 | awk '{printf "%.0f MB", $1/1048576}'), after $(echo "$after" | cut -f2 | awk '{printf "%.0f MB", $1/1048576}'), max $(awk 'NR>1 && $2>m {m=$2} END {printf "%.0f MB", m/1048576}' out/load/metrics.tsv)"
echo "goroutines before $(echo "$before" | cut -f3), after $(echo "$after" | cut -f3), max $(awk 'NR>1 && $3>m {m=$3} END {print m}' out/load/metrics.tsv)"
echo "samples: out/load/metrics.tsv"
