#!/usr/bin/env bash
# Load test of the publications' pages: 32 concurrent clients on the dashboard (the target: p99 under 100 ms)
# and on the search API, against a release `hublot serve` on a store holding the real PubMed update file of
# ../shared/data, classified. wrk comes from Debian's packages. Prints wrk's latency distribution.
#   bench/web-load.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20}"
pubmed=../shared/data/pubmed/pubmed21n1298.xml.gz
[ -f "$pubmed" ] || { echo "needs $pubmed (../shared beside the clone)" >&2; exit 2; }
if ! command -v wrk >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
scripts/system-deps.sh
swift build -c release --product hublot >/dev/null
hublot="$(swift build -c release --show-bin-path)/hublot"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
export HUBLOT_STORE="$work/hublot.sqlite"
"$hublot" publications ingest pubmed "$pubmed" >/dev/null
"$hublot" classify run >/dev/null
port=$((20000 + RANDOM % 20000))
"$hublot" serve --port "$port" >/dev/null &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
# The first request opens the search index; the load measures the server after that.
curl -sf "http://127.0.0.1:$port/dashboard" >/dev/null
for path in "/dashboard" "/dashboard?year=2020..2021" "/api/search?q=cancer+risk" "/search?q=hospital&sort=date"; do
    echo "== GET $path, 32 connections, ${duration}s"
    wrk -t2 -c32 -d"${duration}s" --latency "http://127.0.0.1:$port$path" | sed -n '/Latency Distribution/,/Requests\/sec/p'
done
