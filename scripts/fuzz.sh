#!/usr/bin/env bash
# Runs every fuzz target for FUZZTIME each (default 10m), one after the
# other, then copies what each found interesting from Go's fuzz cache into
# the package's testdata/fuzz, so the corpus is committed and replayed by
# every `go test`.
# Usage: scripts/fuzz.sh [FUZZTIME]
set -uo pipefail
cd "$(dirname "$0")/.."
t=${1:-10m}
failed=0
cache=$(go env GOCACHE)/fuzz/github.com/crimegraph/crimegraph
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
  echo "== $pkg $fn for $t"
  if ! go test "./$pkg" -run '^$' -fuzz "^$fn\$" -fuzztime "$t" >"/tmp/crimegraph-fuzz-$fn.log" 2>&1; then
    failed=1
    echo "   FAILED: the input is in $pkg/testdata/fuzz/$fn; log in /tmp/crimegraph-fuzz-$fn.log"
  fi
  tail -3 "/tmp/crimegraph-fuzz-$fn.log"
  if [ -d "$cache/$pkg/$fn" ]; then
    mkdir -p "$pkg/testdata/fuzz/$fn"
    cp -n "$cache/$pkg/$fn"/* "$pkg/testdata/fuzz/$fn/" 2>/dev/null || true
    echo "   corpus: $(ls "$pkg/testdata/fuzz/$fn" | wc -l) inputs in $pkg/testdata/fuzz/$fn"
  fi
done
exit $failed
