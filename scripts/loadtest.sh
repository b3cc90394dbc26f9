#!/usr/bin/env bash
# Load test of the GraphQL API: the explorer's entity-page query
# (graph/testdata/queries/entity-page.graphql, for Türkiye) against a local
# server over loopback, 64 concurrent connections, with wrk (Debian's
# `wrk`; a Lua script POSTs the body and checks every response).
#
# Two runs: "repeat" sends the identical request (what a page reload or a
# script re-run does: the response cache answers), "execute" adds a unique
# unused variable to each request, so that every one is executed.
#
# Usage: scripts/loadtest.sh [DURATION]     (default 20s)
# Env:   DATA (default: a fresh folder in /tmp with the embedded corpus),
#        ADDR (127.0.0.1:18080), CONNS (64), THREADS (2)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20s}
addr=${ADDR:-127.0.0.1:18080}
conns=${CONNS:-64}
threads=${THREADS:-2}
. scripts/serve.sh
serve "$addr" "${DATA:-$(mktemp -d /tmp/crimegraph-load.XXXXXX)}" /tmp/crimegraph-load.log

body=$(mktemp /tmp/crimegraph-load-body.XXXXXX.json)
cleanup+=("$body")
python3 - "$body" <<'PY'
import json, sys
q = open("graph/testdata/queries/entity-page.graphql").read()
v = json.load(open("graph/testdata/queries/entity-page.json"))
json.dump({"query": q, "variables": v}, open(sys.argv[1], "w"))
PY
# Warm up (loads the store's caches, builds the parsed-query cache).
BODY=$body NONCE=1 wrk -t1 -c4 -d2s -s scripts/loadtest.lua "http://$addr/graphql" >/dev/null

echo "== machine: $(nproc) cores, $(go version | cut -d' ' -f3), $(uname -sr)"
echo "== entity page, $conns connections, $duration, identical requests (response cache)"
BODY=$body wrk -t"$threads" -c"$conns" -d"$duration" -s scripts/loadtest.lua "http://$addr/graphql"
echo
echo "== entity page, $conns connections, $duration, every request executed (unique variable)"
BODY=$body NONCE=1 wrk -t"$threads" -c"$conns" -d"$duration" -s scripts/loadtest.lua "http://$addr/graphql"
echo
echo "== entity page, 1 connection, $duration, every request executed: the latency of one request"
BODY=$body NONCE=1 wrk -t1 -c1 -d"$duration" -s scripts/loadtest.lua "http://$addr/graphql"
