#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting checked, then every test target.
# Tests that read ../shared/data skip cleanly when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh --tests
swift format lint --strict --recursive Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks Benchmarks/Sources
swift test
