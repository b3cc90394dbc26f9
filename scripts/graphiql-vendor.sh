#!/usr/bin/env bash
# Vendors the GraphiQL explorer served at /graphiql into
# internal/server/graphiql/, from the npm registry, so that the server works
# offline and no page loads a script from a CDN.
#
# The versions and their registry integrity hashes are pinned here; the
# script refuses a tarball whose hash differs. GraphiQL 3 is the last
# major version with a self-contained UMD bundle (4 and 5 are ES modules
# that need a bundler); it runs on React 18, the last React with UMD builds.
# The bundle includes graphql-js and CodeMirror. Assets are stored gzipped
# (gzip -9n: reproducible) and served as-is to clients that accept gzip.
#
# Usage: scripts/graphiql-vendor.sh    (needs npm, tar, gzip, sha512sum)
set -euo pipefail
cd "$(dirname "$0")/.."
out=internal/server/graphiql
declare -A integrity=(
  [graphiql@3.8.3]="sha512-cuPDYtXVKV86Pu5PHBX642Odi/uVEE2y1Jxq5rGO/Qy1G2lRp7ZZ7a/T30RzxhuLSWo9zUbzq0P3U49//H0Ugw=="
  [react@18.3.1]="sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ=="
  [react-dom@18.3.1]="sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw=="
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for pkg in "${!integrity[@]}"; do
  (cd "$tmp" && npm pack --silent "$pkg" >/dev/null)
  name=${pkg%@*}
  tgz=$(ls "$tmp"/"$name"-[0-9]*.tgz)
  got="sha512-$(sha512sum "$tgz" | cut -d' ' -f1 | xxd -r -p | base64 -w0)"
  if [ "$got" != "${integrity[$pkg]}" ]; then
    echo "integrity mismatch for $pkg: got $got" >&2
    exit 1
  fi
  mkdir -p "$tmp/$name"
  tar xzf "$tgz" -C "$tmp/$name"
done
mkdir -p "$out"
# Source maps are not vendored; drop the comment that asks for one.
strip() { sed '/^\/\/# sourceMappingURL=/d; s#/\*\# sourceMappingURL=[^*]*\*/##'; }
strip <"$tmp/graphiql/package/graphiql.min.js" | gzip -9n >"$out/graphiql.min.js.gz"
strip <"$tmp/graphiql/package/graphiql.min.css" | gzip -9n >"$out/graphiql.min.css.gz"
strip <"$tmp/react/package/umd/react.production.min.js" | gzip -9n >"$out/react.production.min.js.gz"
strip <"$tmp/react-dom/package/umd/react-dom.production.min.js" | gzip -9n >"$out/react-dom.production.min.js.gz"
{
  echo "# Vendored GraphiQL"
  echo
  echo "Written by scripts/graphiql-vendor.sh from the npm registry; do not edit."
  echo
  for pkg in graphiql@3.8.3 react@18.3.1 react-dom@18.3.1; do
    echo "- $pkg, ${integrity[$pkg]}"
  done
  for name in graphiql react react-dom; do
    echo
    echo "## $name license"
    echo
    cat "$tmp/$name/package/LICENSE"
  done
} >"$out/VENDOR.md"
echo "vendored into $out:"
ls -l "$out"
