#!/usr/bin/env bash
# Synthetic sample of the real catalog (../shared/data/schema-snds): 10,000 then 100,000 people of the DCIR,
# the BENEFICIAIRE referential and the PMSI MCO into a fresh SQLite file each, in release. Prints the rows
# written, the time, rows/s, and the peak memory of each run (the targets: over 500,000 rows/s, and the same
# peak for 10,000 and 100,000 people).
#   bench/synth.sh [PATIENTS...]      (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
schema=../shared/data/schema-snds
[ -d "$schema/schemas" ] || { echo "needs $schema (../shared beside the clone)" >&2; exit 2; }
. bench/release-tools.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HUBLOT_STORE="$work/hublot.sqlite"
"$hublot" catalog import "$schema" --name snds >/dev/null
products="DCIR,BENEFICIAIRE,PMSI MCO"
echo "products: $products (catalog names: $("$hublot" catalog products --format json | grep -o '"name" *: *"[^"]*"' | cut -d'"' -f4 | paste -sd, -))"
for patients in "${@:-10000 100000}"; do
    for count in $patients; do
        out="$work/sample-$count.sqlite"
        start=$(date +%s.%N)
        /usr/bin/time -f "%M" -o "$work/rss" "$hublot" synth generate --catalog snds --products "$products" --patients "$count" \
            --out "sqlite://$out" --seed 1 > "$work/report.txt"
        end=$(date +%s.%N)
        summary=$(grep -E '^[0-9]+ tables, [0-9]+ rows' "$work/report.txt")
        rows=$(echo "$summary" | awk '{print $3}')
        seconds=$(echo "$end - $start" | bc)
        printf '%7d people: %9d rows in %6.1f s = %8.0f rows/s (whole command, catalog read included), peak %5d MB, file %5d MB\n' \
            "$count" "$rows" "$seconds" "$(echo "$rows / $seconds" | bc -l)" "$(( $(cat "$work/rss") / 1024 ))" "$(( $(stat -c %s "$out") / 1048576 ))"
        echo "         generator: $summary"
        rm -f "$out" "$out-wal" "$out-shm"
    done
done
