#!/usr/bin/env bash
# Spark Connect fetch benchmark: 1,000,000 rows x 3 columns (a bigint, a computed bigint, a string) from
# range(), through `hublot engine fetch` in release (target: under 1.2 s; a Python client does 0.9-1.0 s).
# Starts the loopback server with scripts/spark.sh when none answers, and stops it only if it started it.
#   bench/spark-fetch.sh [RUNS]    (default 5 runs after one warm-up)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
. bench/release-tools.sh

started=""
if ! (exec 3<> /dev/tcp/127.0.0.1/15002) 2> /dev/null; then
    scripts/spark.sh start > /dev/null
    started=yes
fi
trap '[ -n "$started" ] && scripts/spark.sh stop > /dev/null 2>&1 || true' EXIT

url="sc://127.0.0.1:15002"
query="SELECT id, id * 2 AS b, CAST(id AS STRING) AS c FROM range(1000000)"
echo "warm-up: $("$hublot" engine fetch "$url" "$query")"
for run in $(seq 1 "$runs"); do
    echo "run $run: $("$hublot" engine fetch "$url" "$query")"
done
