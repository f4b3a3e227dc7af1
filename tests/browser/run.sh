#!/usr/bin/env bash
# The web app in headless Chromium against a real `storyline serve`: builds a store from the
# example corpus, serves it on a free loopback port, runs app_test.mjs (screenshots into OUT),
# stops the server. Fails, saying why, when Node's packages or Chromium are missing.
# Usage: tests/browser/run.sh STORYLINE_BINARY OUT_DIR
set -euo pipefail
cli="$1"
out="$2"
here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here/../.." && pwd)"
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
  echo "browser test: puppeteer-core is not installed: run scripts/install-deps.sh (it runs npm ci in tests/browser)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
db="$out/example.db"
"$cli" ingest --quiet --db "$db" "$src/examples/corpus.jsonl" > "$out/ingest.log" 2>&1
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
token="browser-$$"
"$cli" serve --db "$db" --port "$port" --write-token "$token" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=1)" 2>/dev/null; then
    break
  fi
  if ! kill -0 $server 2>/dev/null; then
    echo "browser test: the server did not start:" >&2
    cat "$out/serve.log" >&2
    exit 1
  fi
  sleep 0.1
done
node "$here/app_test.mjs" --base "http://127.0.0.1:$port" --token "$token" --out "$out/screenshots"
