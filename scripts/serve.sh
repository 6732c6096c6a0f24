#!/usr/bin/env bash
# The main job: the web application on the embedded store (./hublot.sqlite unless --store or HUBLOT_STORE),
# built in release mode after the system libraries are checked. Extra arguments go to `hublot serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-deps.sh
exec swift run -c release hublot serve "$@"
