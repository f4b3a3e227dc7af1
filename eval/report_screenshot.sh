#!/usr/bin/env bash
# Renders the HTML report of the bundled example corpus (and the seeds, when ../shared/seeds is
# there) in headless Chromium (Debian package `chromium`, installed on first use) and writes a
# full-page PNG to look at: eval/report_screenshot.sh [OUT.png] (default out/report.png).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/report.png}"
if ! command -v chromium >/dev/null; then
  SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get install -y -qq --no-install-recommends chromium
fi
inputs=(examples/corpus.jsonl)
if [ -d ../shared/seeds ]; then inputs+=(../shared/seeds); fi
mkdir -p out/report "$(dirname "$out")"
build/cli/storyline run "${inputs[@]}" -o out/report -q --html out/report/report.html --max-stories 0
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,9000 \
  --screenshot="$out" "file://$PWD/out/report/report.html" 2>/dev/null
echo "wrote $out (from out/report/report.html)"
