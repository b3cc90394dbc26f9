#!/usr/bin/env bash
# Installs the Debian packages crimegraph's runtime and tests need, only
# those missing. Usage: scripts/deps.sh run|test|load
#   run:  what `crimegraph` itself calls (PDF text, SVG → PNG/PDF, fonts)
#   test: run + the independent tools tests compare against (native
#         Graphviz, xmllint, rapper, networkx, Chromium)
#   load: wrk, for make load and make soak
set -euo pipefail
want=(poppler-utils librsvg2-bin fonts-dejavu-core)
[ "${1:-run}" = load ] && want=(wrk)
if [ "${1:-run}" = test ]; then
  # nodejs/npm run the graphql-js validation of the schema (graph/graphqljs_test.go).
  want+=(graphviz libxml2-utils raptor2-utils python3-networkx chromium)
  command -v node >/dev/null && command -v npm >/dev/null || want+=(nodejs npm)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
