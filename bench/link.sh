#!/usr/bin/env bash
# Linkage benchmark on generated populations (hublot link population), in release:
#   1. a FEBRL4-like link job: 5,000 x 5,000 records, 5,000 true pairs (target: end to end under 1 s, F1 >= 0.999);
#   2. a deduplication job: about 1,000,000 records of 500,000 people (target: under 60 s on 2 cores, under 4 GB).
# Each step (generation, train, predict, evaluate) runs under /usr/bin/time -v; the script prints its wall
# time and peak memory, the generator's records/s, and the evaluation's precision, recall and F1.
#   bench/link.sh [--keep DIR]     (--keep: write the data there and leave it; default: a temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
work=""
if [ "${1:-}" = "--keep" ] && [ -n "${2:-}" ]; then
    work="$2"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi
. bench/release-tools.sh

# Runs a command under /usr/bin/time -v, its standard output in $work/out.txt, and prints one line:
# LABEL, wall seconds, peak resident memory.
measure() {
    local label="$1"
    shift
    if ! /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt"; then
        echo "$label: failed: $*" >&2
        cat "$work/err.txt" >&2
        return 1
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ { print int($2 / 1024) }' "$work/time.txt")
    printf '%-34s %8.2f s   peak %6d MB\n' "$label" "$wall" "$rss"
    last_wall="$wall"
}

# The JSON number of KEY in $work/out.txt (the first one).
json_number() {
    grep -o "\"$1\" *: *[0-9.eE+-]*" "$work/out.txt" | head -1 | sed 's/.*: *//'
}

# A spec of bench/ copied beside the generated files it names (relative paths are read against its folder;
# the model is saved beside it).
spec() {
    cp "$root/bench/$1" "$2/$1"
    echo "$2/$1"
}

# Trains, predicts into a SQLite file and evaluates against the truth; prints the figures.
link_job() {
    local name="$1" spec="$2" truth="$3"
    local total=0
    measure "$name: train" "$hublot" link train "$spec"
    total=$(echo "$total + $last_wall" | bc)
    measure "$name: predict" "$hublot" link predict "$spec" --out "sqlite://$work/$name-links.sqlite"
    total=$(echo "$total + $last_wall" | bc)
    printf '%-34s %8.2f s\n' "$name: train + predict" "$total"
    measure "$name: evaluate" "$hublot" link evaluate "$spec" --labels "$truth" --format json
    printf '%-34s precision %s  recall %s  F1 %s  pairs %s\n' "$name: quality" \
        "$(json_number precision)" "$(json_number recall)" "$(json_number f1)" "$(json_number pairs)"
}

echo "hublot: $hublot"
echo "== generation"
# FEBRL4's kinds of damage (typos, swapped fields, missing values, nicknames), and then the French default
# (also marriages, moves, twins, shifted care dates): harder than what Splink's FEBRL4 figure is measured on.
measure "febrl-like 5,000 x 5,000" "$hublot" link population --shape link --people 5000 --seed 1 \
    --corruption none,typo=0.1,swap=0.02,missing=0.05,nickname=0.05 --out "$work/febrl" --format json
echo "                                   $(json_number records) records, $(json_number true_pairs) true pairs, $(json_number records_per_second | cut -d. -f1) records/s"
measure "french 5,000 x 5,000" "$hublot" link population --shape link --people 5000 --seed 1 --out "$work/french" --format json
measure "dedupe 500,000 people" "$hublot" link population --shape deduplicate --people 500000 --duplicates 1=0.4,2=0.3,3=0.2,4=0.1 \
    --seed 1 --out "$work/dedupe" --format json
echo "                                   $(json_number records) records, $(json_number true_pairs) true pairs, $(json_number records_per_second | cut -d. -f1) records/s"
printf '                                   files: %s MB\n' "$(du -sm "$work/dedupe" | cut -f1)"

echo "== febrl-like link (targets: under 1 s end to end, F1 >= 0.999)"
link_job febrl "$(spec link-febrl.yaml "$work/febrl")" "$work/febrl/truth.csv"
echo "== the same spec on the French default damage"
link_job french "$(spec link-febrl.yaml "$work/french")" "$work/french/truth.csv"
echo "== deduplication of 1,000,000 records (targets: under 60 s, under 4 GB)"
link_job dedupe "$(spec link-dedupe.yaml "$work/dedupe")" "$work/dedupe/truth.csv"
