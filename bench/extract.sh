#!/usr/bin/env bash
# An extraction over a synthetic DCIR on each engine: the sample (PEOPLE people, 10 claim lines each on average
# over 2019-2020: 10 M lines of ER_PRS_F for a million people) is loaded, then bench/extract-dcir.yaml runs
# through `hublot extract run` and, as the reference, the very SQL `hublot extract plan` prints, run by the
# engine's own client (sqlite3, psql; for Spark, PySpark's Connect client when it can be installed, else
# `hublot engine sql`). Prints load and run times, rows, and Hublot's overhead over the reference.
#   bench/extract.sh [PEOPLE] [ENGINES]      (default: 1000000 "sqlite postgres spark")
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-1000000}
engines=${2:-sqlite postgres spark}
. bench/release-tools.sh
work="$(mktemp -d)"
started=()
cleanup() {
    for server in "${started[@]}"; do scripts/"$server".sh stop >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT
export HUBLOT_STORE="$work/hublot.sqlite"
spec=bench/extract-dcir.yaml
seconds() { local start=$1; echo "$(date +%s.%N) - $start" | bc; }

# On SQLite the plan indexes the keys it joins on, once (CREATE INDEX IF NOT EXISTS): every timed run starts
# without those indexes, so that each pays for building them, as a first extraction on a new file does.
drop_plan_indexes() {
    local engine=$1 url=$2
    [ "$engine" = sqlite ] || return 0
    sqlite3 "${url#sqlite://}" "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'hublot!_%' ESCAPE '!'" |
        while read -r index; do sqlite3 "${url#sqlite://}" "DROP INDEX \"$index\""; done
}

reference() {
    local engine=$1 url=$2
    case "$engine" in
        sqlite) sqlite3 -bail "${url#sqlite://}" < "$work/plan.sql" > /dev/null ;;
        postgres) psql -q -v ON_ERROR_STOP=1 "$url" -f "$work/plan.sql" > /dev/null ;;
        spark)
            if python3 -c "import pyspark.sql.connect.session, pandas, pyarrow, grpc" 2>/dev/null; then
                python3 - "$url" "$work/plan.sql" <<'PY'
import sys
from pyspark.sql import SparkSession
spark = SparkSession.builder.remote(sys.argv[1]).getOrCreate()
for statement in open(sys.argv[2]).read().split(";\n"):
    lines = [line for line in statement.splitlines() if not line.startswith("--")]
    if "".join(lines).strip():
        spark.sql("\n".join(lines)).collect()
PY
            else
                "$hublot" engine sql "$url" --file "$work/plan.sql" 2> /dev/null
            fi
            ;;
    esac
}

for engine in $engines; do
    case "$engine" in
        sqlite) url="sqlite://$work/dcir.sqlite" ;;
        postgres | spark)
            # A server already running (a test session's) is left running.
            port=5432; [ "$engine" = spark ] && port=15002
            (echo > "/dev/tcp/127.0.0.1/$port") 2> /dev/null || started+=("$engine")
            url=$(scripts/"$engine".sh start | tail -n 1) || { echo "$engine: could not start, skipped" >&2; continue; }
            ;;
        *) echo "unknown engine $engine" >&2; exit 2 ;;
    esac
    start=$(date +%s.%N)
    "$hublot" extract sample --engine "$url" --people "$people" --claims-per-person 10 > "$work/load.txt"
    load=$(seconds "$start")
    claims=$(grep '^ER_PRS_F:' "$work/load.txt" | awk '{print $2}')
    "$hublot" extract plan "$spec" --engine "$url" > "$work/plan.sql"
    drop_plan_indexes "$engine" "$url"
    start=$(date +%s.%N); reference "$engine" "$url"; first=$(seconds "$start")
    drop_plan_indexes "$engine" "$url"
    start=$(date +%s.%N)
    "$hublot" extract run "$spec" --engine "$url" --actor bench --format json > "$work/lineage.json" 2> /dev/null
    run=$(seconds "$start")
    drop_plan_indexes "$engine" "$url"
    start=$(date +%s.%N); reference "$engine" "$url"; second=$(seconds "$start")
    best=$(echo "if ($first < $second) $first else $second" | bc)
    extracted=$(grep -o '"rows" *: *[0-9]*' "$work/lineage.json" | tail -n 1 | grep -o '[0-9]*$')
    population=$(grep -o '"people" *: *[0-9]*' "$work/lineage.json" | head -n 1 | grep -o '[0-9]*$')
    printf '%-8s sample: %d claim lines (%d people) loaded in %.1f s\n' "$engine" "$claims" "$people" "$load"
    printf '%-8s extraction: %d people, %d claim lines; hublot %.1f s, same SQL by the engine client %.1f s and %.1f s: overhead %+.1f%%\n' \
        "$engine" "$population" "$extracted" "$run" "$first" "$second" "$(echo "($run - $best) * 100 / $best" | bc -l)"
    [ "$engine" = sqlite ] && rm -f "$work/dcir.sqlite"*
done
