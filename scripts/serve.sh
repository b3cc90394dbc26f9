# Sourced by the load scripts (scripts/loadtest.sh, scripts/load-mix.sh):
# serve ADDR DATA LOG [FLAG...] checks for wrk, builds crimegraph into a
# temporary folder, serves DATA on ADDR (logging to LOG) and waits until
# it is ready. On exit the server and every process in $pids stop, and
# every path in $cleanup is removed.
pids=()
cleanup=()
on_exit() {
  for p in ${server:-} "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  [ ${#cleanup[@]} -eq 0 ] || rm -rf "${cleanup[@]}"
}
trap on_exit EXIT

serve() {
  local addr=$1 data=$2 log=$3
  shift 3
  command -v wrk >/dev/null || { echo "wrk is not installed (scripts/deps.sh load, or apt-get install wrk)" >&2; exit 1; }
  local bin
  bin=$(mktemp -d /tmp/crimegraph-serve-bin.XXXXXX)
  cleanup+=("$bin")
  go build -o "$bin/crimegraph" ./cmd/crimegraph
  "$bin/crimegraph" serve --data "$data" --addr "$addr" --log-level warn "$@" >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -fs "http://$addr/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  { echo "server did not start:"; cat "$log"; } >&2
  exit 1
}
