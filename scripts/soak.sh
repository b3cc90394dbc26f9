#!/usr/bin/env bash
# Soak test: a steady, paced mixed load for a long time (default 30 minutes),
# sampling the server's RSS and goroutines every 30 s into
# out/load/metrics.tsv; memory and goroutines must stay flat.
# Usage: scripts/soak.sh [DURATION]      (default 30m; 8 connections, one request per 50 ms each ≈ 150 req/s)
set -euo pipefail
cd "$(dirname "$0")/.."
DELAY_MS=${DELAY_MS:-50} SAMPLE_EVERY=${SAMPLE_EVERY:-30} exec scripts/load-mix.sh "${1:-30m}" "${CONNS:-8}"
