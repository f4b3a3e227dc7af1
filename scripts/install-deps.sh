#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12 packages. Idempotent: packages already
# present are skipped, and apt-get runs only when something is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libxxhash-dev        # XXH3 hashing (exact fingerprints, shingle and band hashes)
  libutf8proc-dev      # Unicode normalisation, case folding, character categories
  libstemmer-dev       # Snowball (Porter2) English stemmer for term vectors
  libsimdjson-dev      # JSON Lines parsing
  libcli11-dev         # command-line parsing for the storyline CLI
  libuchardet-dev      # charset sniffing of HTML pages without a declaration
  libicu-dev           # ICU converters: legacy HTML charsets to UTF-8
  zlib1g-dev           # gunzip of .html.gz pages
  libsqlite3-dev       # the story store (WAL, FTS5 search)
  libmicrohttpd-dev    # storyline serve: the HTTP server (epoll event loops)
  chromium             # the web app's browser test (headless), driven by puppeteer-core
  libmodest-dev        # MyHTML, the HTML5 parser behind extraction
  libgtest-dev libgmock-dev   # unit tests
  libbenchmark-dev     # bench/
  libabsl-dev          # bench/map_bench only: abseil's flat_hash_map against our FlatMap
  wordnet-base         # WordNet's exception lists, which ROUGE-1.5.5 applies before stemming (eval/)
  unzip                # eval/summary_eval unpacks the TAC 2010 reference summaries
)

# Node.js runs the browser test and npm installs its pinned packages: Debian's nodejs and npm,
# unless the machine already has a node and an npm (e.g. a newer Node.js that bundles npm).
command -v node > /dev/null || PACKAGES+=(nodejs)
command -v npm > /dev/null || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser test's npm packages (puppeteer-core, pinned by tests/browser/package-lock.json;
# it never downloads a browser: the test drives Debian's chromium). Only when the lock changed.
browser="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
if [ ! -f "$browser/node_modules/.package-lock.json" ] ||
   [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
  echo "install-deps: npm ci in tests/browser"
  (cd "$browser" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
