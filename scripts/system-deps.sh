#!/usr/bin/env bash
# The C libraries the build links against, installed from Debian's packages when missing: libxml2 (the PubMed
# and JATS readers stream through it), zlib (gzip-compressed JSON Lines), and xmllint, which the ingest
# benchmark times as its reference. Sourced by the README's commands; does nothing when all are there.
# With --tests, also what only the tests need: Chromium, which loads the pages headless and screenshots them.
set -euo pipefail
missing=()
pkg-config --version >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists libxml-2.0 2>/dev/null || missing+=(libxml2-dev)
pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ "${1:-}" = "--tests" ]; then
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
if ((${#missing[@]})); then
    echo "installing ${missing[*]} (apt-get)" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
