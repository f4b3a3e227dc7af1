#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to stories: installs the dependencies, builds, and
# runs the pipeline on the bundled example corpus (examples/corpus.jsonl), writing out/example/
# (stories.jsonl, articles.jsonl and the HTML report report.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/cli/storyline run examples/corpus.jsonl -o out/example --html out/example/report.html
