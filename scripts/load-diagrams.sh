#!/usr/bin/env bash
# Diagram load against `crimegraph serve` on loopback (docs/diagrams.md,
# "Worker processes"): the bounds of issue 13 for diagrams.
#
#  1. memory: N distinct sfdp neighbourhood diagrams (default 120), 4 at a
#     time; the server's peak RSS (VmHWM) and the workers' RSS after;
#  2. convoy: 20 distinct heavy diagrams sent together, and while they are
#     queued, small diagrams one after the other, each timed, with
#     /healthz timed beside them;
#  3. a worker killed (kill -9) while it draws: the status of its request,
#     and the next diagram.
#
# Usage: scripts/load-diagrams.sh [N]
# Env:   WORKERS=2 (serve --render-workers; 0 draws in the server's process,
#        as before the workers, for comparison), ADDR=127.0.0.1:18091
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-120}
addr=${ADDR:-127.0.0.1:18091}
workers=${WORKERS:-2}
command -v curl >/dev/null || { echo "curl is not installed (apt-get install curl)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/crimegraph-diagrams.XXXXXX)
bin=$tmp/crimegraph
go build -o "$bin" ./cmd/crimegraph
"$bin" serve --data "$tmp/data" --addr "$addr" --render-workers "$workers" --log-level warn >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 600); do curl -fs "http://$addr/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
url="http://$addr"

kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$server/status"; }
mb() { awk -v b="$1" 'BEGIN {printf "%.0f MB", b/1048576}'; }
metric() { curl -fs "$url/metrics" | awk -v m="$1" '$1 == m { printf "%.0f", $2 }'; }

# Entities to centre on: states, organizations, instruments, crime types.
curl -fs "$url/export/csv-nodes" | python3 -c '
import csv, sys
for row in csv.DictReader(sys.stdin):
    if row["kind"] in ("State", "Organization", "Instrument", "CrimeType"):
        print(row["id:ID"])' >"$tmp/ids"
echo "== $(nproc) cores; render workers: $workers; $(wc -l <"$tmp/ids") entities to centre on"
echo "server RSS at start: $(( $(kib VmRSS) / 1024 )) MB"

# 1. Memory.
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
head -n "$n" "$tmp/ids" | while read -r id; do echo "$url/diagram/neighbourhood?depth=2&limit=120&layout=sfdp&id=$(enc "$id")"; done >"$tmp/urls"
start=$(date +%s.%N)
xargs -P 4 -n 1 curl -s -o /dev/null -w '%{http_code}\n' <"$tmp/urls" | sort | uniq -c | awk '{printf "  %s × %s\n", $2, $1}' >"$tmp/codes"
echo "1. $(wc -l <"$tmp/urls") distinct sfdp neighbourhoods (depth 2, up to 120 nodes), 4 at a time, in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f", e-s}') s; statuses:"
cat "$tmp/codes"
echo "   server RSS now $(( $(kib VmRSS) / 1024 )) MB, peak (VmHWM) $(( $(kib VmHWM) / 1024 )) MB; workers' RSS $(mb "$(metric crimegraph_render_workers_rss_bytes)"); diagram cache $(mb "$(metric 'crimegraph_cache_bytes{cache="diagram"}')")"

# 2. Convoy: 20 heavy diagrams not drawn before (depth 3 and PNG), then small ones.
tail -n 20 "$tmp/ids" | while read -r id; do echo "$url/diagram/neighbourhood?depth=3&limit=150&layout=sfdp&format=png&id=$(enc "$id")"; done >"$tmp/heavy"
xargs -P 20 -n 1 curl -s -o /dev/null -w '%{http_code} %{time_total}\n' <"$tmp/heavy" >"$tmp/heavy.out" &
heavy=$!
sleep 1
echo "2. 20 heavy diagrams sent together; meanwhile (queue: $(metric crimegraph_render_queue) waiting):"
for ref in "61(a)" "61(b)" "61(c)" "61(d)" "61(e)"; do
	small=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$url/diagram/recommendation?id=$(enc "recommendation:S/2025/85#$ref")")
	health=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$url/healthz")
	echo "   small diagram (recommendation $ref): $small s; /healthz: $health s"
done
wait $heavy
awk '{c[$1]++; if ($2 > m) m = $2} END {for (k in c) printf "   heavy: %s × %d", k, c[k]; printf "; slowest %.1f s\n", m}' "$tmp/heavy.out"

# 3. Workers killed while one draws: every worker of this server is
#    killed (kill -9) while a diagram not drawn before is being drawn.
if [ "$workers" -gt 0 ]; then
	curl -s -o "$tmp/killed" -w '%{http_code}' "$url/diagram/neighbourhood?depth=3&limit=150&layout=sfdp&id=state%3AHTI" >"$tmp/killed.code" &
	req=$!
	for _ in $(seq 1 200); do [ "$(metric crimegraph_render_workers_busy)" != 0 ] && break; sleep 0.02; done
	victims=$(pgrep -P "$server" -f render-worker | tr '\n' ' ')
	kill -9 $victims
	wait $req || true
	echo "3. killed workers $victims while one drew: status $(cat "$tmp/killed.code"), $(head -c 200 "$tmp/killed" | tr '\n' ' ')"
	echo "   next diagram: $(curl -s -o /dev/null -w '%{http_code} %{time_total} s' "$url/diagram/recommendation?id=$(enc "recommendation:S/2025/85#61(f)")"); workers now: $(pgrep -P "$server" -f render-worker | tr '\n' ' ')"
fi
echo "server RSS at the end $(( $(kib VmRSS) / 1024 )) MB, peak $(( $(kib VmHWM) / 1024 )) MB"
if grep -qi error "$tmp/server.log"; then
	echo "errors the server logged (first of each):"
	grep -i error "$tmp/server.log" | sed -E 's/"time":"[^"]*",//; s/^time=[^ ]+ //' | cut -c1-300 | sort | uniq -c | sort -rn | head -n 8
fi
