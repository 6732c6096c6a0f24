#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting checked, then every test target.
# Tests that read ../shared/data skip cleanly when it is absent.
# The engine tests need a PostgreSQL and a Spark Connect server: both are installed when missing, started on
# loopback for the run and stopped at the end. When one cannot be installed or started, its tests are skipped
# and this says why; everything else still runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh --tests
swift format lint --strict --recursive Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks Benchmarks/Sources

started=()
stop_servers() {
    for server in "${started[@]}"; do scripts/"$server".sh stop >&2 || true; done
}
trap stop_servers EXIT
# Each script prints progress on standard error and the server's URL as the last line of standard output.
start_server() {
    local name=$1 variable=$2 output
    if output=$(scripts/"$name".sh start) && [ -n "$output" ]; then
        export "$variable=${output##*$'\n'}"
        started+=("$name")
        echo "$name: ${!variable} (engine tests run against it)" >&2
    else
        echo "$name could not be installed or started (see above): its engine tests are skipped" >&2
    fi
}
start_server postgres HUBLOT_TEST_POSTGRES
start_server spark HUBLOT_TEST_SPARK
swift test
