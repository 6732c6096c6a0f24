#!/usr/bin/env bash
# Enrichment of the real PubMed update file of ../shared/data (20,783 publications) against the ROR extract and
# the RNSR, in release: the time of each step, the peak memory of `enrich run` (the target: under 30 s), and
# what it matched. A second `enrich run` shows the incremental rerun (nothing new: nothing matched again).
#   bench/enrich.sh
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
pubmed=$data/pubmed/pubmed21n1298.xml.gz
for file in "$pubmed" "$data/organisations/ror-partial-v2.json" "$data/organisations/rnsr-structures-actives-2022-02-nopersons.csv"; do
    [ -f "$file" ] || { echo "needs $file (../shared beside the clone)" >&2; exit 2; }
done
. bench/release-tools.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HUBLOT_STORE="$work/hublot.sqlite"
step() {
    local name="$1"; shift
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$@" > "$work/out"
    end=$(date +%s.%N)
    printf '%-28s %6.1f s  peak %5d MB\n' "$name" "$(echo "$end - $start" | bc)" "$(( $(cat "$work/rss") / 1024 ))"
}
step "publications ingest" "$hublot" publications ingest pubmed "$pubmed" --no-enrich
step "organisations import ror" "$hublot" organisations import ror "$data/organisations/ror-partial-v2.json"
step "organisations import rnsr" "$hublot" organisations import rnsr "$data/organisations/rnsr-structures-actives-2022-02-nopersons.csv"
step "organisations import links" "$hublot" organisations import links "$data/organisations/rnsr-grid-ror-2022-02.csv"
step "enrich run" "$hublot" enrich run
cat "$work/out"
step "enrich run (again)" "$hublot" enrich run
cat "$work/out"
"$hublot" enrich stats
