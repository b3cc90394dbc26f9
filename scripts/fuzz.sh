#!/usr/bin/env bash
# Runs every fuzz target for FUZZTIME each (default 10m), one after the
# other. The corpus a run grows stays in Go's fuzz cache (GOCACHE/fuzz),
# where the next run on this machine starts from it; it is not committed.
# A failing input is minimised and written by Go itself to the package's
# testdata/fuzz/FuzzX/, which every `go test` replays: the script names
# it, so that it is committed with the fix. Committed there are only the
# hand-written seeds and such inputs.
# Usage: scripts/fuzz.sh [FUZZTIME]
set -uo pipefail
cd "$(dirname "$0")/.."
t=${1:-10m}
failed=0
targets=(
  "internal/report FuzzFromMarkdown"
  "internal/report FuzzParse"
  "internal/pdftext FuzzAssemble"
  "internal/render FuzzBuildDOT"
  "internal/server FuzzGraphQLHandler"
  "internal/gazetteer FuzzText"
)
for tg in "${targets[@]}"; do
  set -- $tg
  pkg=$1 fn=$2
  log="/tmp/crimegraph-fuzz-$fn.log"
  echo "== $pkg $fn for $t"
  if ! go test "./$pkg" -run '^$' -fuzz "^$fn\$" -fuzztime "$t" >"$log" 2>&1; then
    failed=1
    echo "   FAILED (log in $log); new failing inputs, to commit with the fix:"
    git status --porcelain --untracked-files=all -- "$pkg/testdata/fuzz/$fn" | sed 's/^?? /     /'
  fi
  tail -3 "$log"
done
exit $failed
