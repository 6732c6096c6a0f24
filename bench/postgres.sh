#!/usr/bin/env bash
# The PostgreSQL engine against psql on the same server (started by scripts/postgres.sh), in release:
#   load:   a CSV of ROWS rows x 3 columns through `hublot engine load` (CSV parsing + COPY FROM STDIN into a
#           staging table renamed at the end), against psql's `\copy ... FROM` of the same file;
#   stream: ROWS rows x 3 columns (BIGINT, TEXT, NUMERIC) through `hublot engine dump --sql ... --to /dev/null`
#           (rows streamed and written as CSV), against `psql -c "COPY (same query) TO STDOUT" > /dev/null`.
# Each figure is the best of RUNS runs; Hublot's overhead is its time over psql's, the target under 10% for
# the stream.
#   bench/postgres.sh [ROWS] [RUNS]      (default: 1000000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
runs="${2:-3}"
. bench/release-tools.sh
url="$(scripts/postgres.sh start | tail -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
psql_hublot() { PGPASSWORD="$(echo "$url" | sed -E 's#^[a-z]+://[^:]+:([^@]*)@.*#\1#')" psql --no-psqlrc -X -q -h 127.0.0.1 -U hublot -d hublot_test "$@"; }

# The best wall time of `runs` runs of a command, in seconds.
best() {
    local best=""
    for _ in $(seq 1 "$runs"); do
        local start end seconds
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        seconds=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$seconds < $best" | bc -l)" = 1 ]; then best=$seconds; fi
    done
    echo "$best"
}

report() {
    local what=$1 hublot_seconds=$2 psql_seconds=$3
    printf '%-7s %9d rows: hublot %6.2f s (%9.0f rows/s), psql %6.2f s (%9.0f rows/s), hublot overhead %+5.1f%%\n' \
        "$what" "$rows" "$hublot_seconds" "$(echo "$rows / $hublot_seconds" | bc -l)" "$psql_seconds" "$(echo "$rows / $psql_seconds" | bc -l)" \
        "$(echo "($hublot_seconds / $psql_seconds - 1) * 100" | bc -l)"
}

echo "server: $(psql_hublot -At -c 'SHOW server_version'), $rows rows, best of $runs runs"

# Load: the same CSV file both ways.
awk -v n="$rows" 'BEGIN { print "id;label;amount"; for (i = 1; i <= n; i++) printf "%d;label number %d;%d.%02d\n", i, i, i % 100000, i % 100 }' \
    > "$work/rows.csv"
psql_hublot -c "DROP TABLE IF EXISTS bench_psql_load; CREATE TABLE bench_psql_load (id TEXT, label TEXT, amount TEXT)"
load_hublot=$(best "$hublot" engine load "$work/rows.csv" --table bench_load --out "$url")
load_psql=$(best psql_hublot -c "TRUNCATE bench_psql_load" -c "\\copy bench_psql_load FROM '$work/rows.csv' WITH (FORMAT csv, DELIMITER ';', HEADER true)")
loaded=$(psql_hublot -At -c "SELECT COUNT(*) FROM bench_load")
[ "$loaded" = "$rows" ] || { echo "hublot loaded $loaded rows, not $rows" >&2; exit 1; }
report load "$load_hublot" "$load_psql"

# Stream: a typed table made by the server, read back by the same query both ways.
psql_hublot -c "DROP TABLE IF EXISTS bench_read" \
    -c "CREATE TABLE bench_read AS SELECT i::bigint AS id, 'label number ' || i AS label, ((i % 100000) / 100.0)::numeric(10,2) AS amount FROM generate_series(1, $rows) i" \
    -c "VACUUM ANALYZE bench_read"
query="SELECT id, label, amount FROM bench_read"
stream_hublot=$(best "$hublot" engine dump "$url" --sql "$query" --to /dev/null)
stream_psql=$(best psql_hublot -c "COPY ($query) TO STDOUT")
report stream "$stream_hublot" "$stream_psql"
psql_hublot -c "DROP TABLE bench_load, bench_psql_load, bench_read"
