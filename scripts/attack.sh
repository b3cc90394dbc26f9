#!/usr/bin/env bash
# The attack mix of docs/reliability.md ("Attacks") against a fresh
# `crimegraph serve` on loopback (the embedded corpus, or CORPUS's files
# ingested first), for DURATION: fragment bombs, clients that leave, made-up
# methods, deep neighbourhoods with their sources, distinct 60 KB queries,
# HEAD/aliases/oversized/deep requests, heavy and small diagrams, and an
# analyst's ordinary pages beside them. scripts/attack/main.go probes
# /healthz, samples the server's RSS, checks the bounds and exits 1 when
# one fails.
#
# Usage: scripts/attack.sh [DURATION]   (default 60s)
# Env:   CORPUS=dir ingests dir/*.pdf first; ATTACK_FLAGS passes more flags
#        (e.g. -diagrams=false); CRIMEGRAPH_BIN attacks that binary rather
#        than one built from this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60s}
mkdir -p out/attack
tmp=$(mktemp -d /tmp/crimegraph-attack.XXXXXX)
# CRIMEGRAPH_BIN attacks a binary built elsewhere (to compare two builds).
if [ -n "${CRIMEGRAPH_BIN:-}" ]; then cp "$CRIMEGRAPH_BIN" "$tmp/crimegraph"; else go build -o "$tmp/crimegraph" ./cmd/crimegraph; fi
go build -o "$tmp/attack" ./scripts/attack
data="$tmp/data"
if [ -n "${CORPUS:-}" ]; then
  # A document that does not read as a report is refused; the rest are served.
  "$tmp/crimegraph" ingest --data "$data" "$CORPUS"/*.pdf >out/attack/ingest.log 2>&1 || tail -1 out/attack/ingest.log >&2
fi
# Port 0: the kernel picks a free port, read back from the "serving" log
# line, so the attack never reaches another process's server.
"$tmp/crimegraph" serve --data "$data" --addr 127.0.0.1:0 --log-level info --log-format json >out/attack/server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
addr=""
for _ in $(seq 1 600); do
  kill -0 $server 2>/dev/null || { echo "the server exited:" >&2; cat out/attack/server.log >&2; exit 1; }
  addr=$(sed -n 's|.*"url":"http://\([^/]*\)/".*|\1|p' out/attack/server.log | head -1)
  [ -n "$addr" ] && curl -fs "http://$addr/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
[ -n "$addr" ] || { echo "the server did not start" >&2; exit 1; }
echo "== machine: $(nproc) cores, $(go version | cut -d' ' -f3); attack for $duration; corpus: ${CORPUS:-embedded}"
# shellcheck disable=SC2086
# The load runs niced, as if from another machine; the probe (healthz, a
# fragment bomb every 250 ms, RSS, idle CPU) at normal priority, so that
# what it measures is the server's latency, not the load generator's
# own wait for the two cores it shares with the server.
"$tmp/attack" -role probe -wait-for "$tmp/load-done" -addr "$addr" -pid "$server" -duration "$duration" ${ATTACK_FLAGS:-} >out/attack/probe.txt &
probe=$!
load_ok=0
nice -n 10 "$tmp/attack" -role load -addr "$addr" -pid "$server" -duration "$duration" ${ATTACK_FLAGS:-} || load_ok=$?
touch "$tmp/load-done"
probe_ok=0
wait $probe || probe_ok=$?
cat out/attack/probe.txt
[ "$load_ok" = 0 ] && [ "$probe_ok" = 0 ]
