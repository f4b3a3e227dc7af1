#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a passing test suite: installs the dependencies,
# builds, and runs every CTest test (unit, end-to-end on ../shared/seeds and the example corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --parallel "$(nproc)" "$@"
