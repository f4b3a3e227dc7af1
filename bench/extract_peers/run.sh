#!/usr/bin/env bash
# One-core extraction speed: storyline extract vs readability-lxml vs Mozilla Readability (jsdom).
#
# Corpus: the 257 WCXB test article pages (../shared/data/wcxb-articles/test/html/*.html.gz),
# gunzipped once into a temp dir (not timed). Every tool runs pinned to CPU 0 (taskset -c 0):
#   storyline            whole CLI run over the directory (process start + reading + output included)
#   readability-lxml     one /usr/bin/python3 process looping over the files (Debian python3-readability);
#                        timed loop = read + parse + Document.summary() + summary HTML -> text
#   Mozilla Readability  one node process looping over the files; timed loop =
#                        read + new JSDOM(bytes) + Readability.parse() + textContent
# Peers are timed inside their process (interpreter start-up and module loading excluded, which
# flatters them slightly). MB/s = uncompressed HTML bytes / 1e6 / seconds. "non-empty" counts pages
# for which the tool produced some text (sanity check).
#
# Each tool runs --runs times (default 3); the fastest run is reported (this VM is noisy).
#
# Usage: bench/extract_peers/run.sh [--cli PATH] [--storyline-cmd "CMD"] [--runs N]
#   --cli PATH            storyline binary (default: build/cli/storyline); runs `PATH extract DIR`
#   --storyline-cmd CMD   time CMD DIR instead (any command speaking the `storyline extract` protocol)
#   --runs N              repetitions per tool, best kept (default 3)
# Installs missing deps itself: apt-get install -y python3-readability; npm ci (node_modules).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${WCXB_DIR:-$ROOT/../shared/data/wcxb-articles}/test/html"
CLI="$ROOT/build/cli/storyline"
STORYLINE_CMD=""
RUNS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cli) CLI="$2"; shift 2 ;;
    --storyline-cmd) STORYLINE_CMD="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

# ---- dependencies ------------------------------------------------------------------------------
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
if ! dpkg -s python3-readability >/dev/null 2>&1; then
  echo "installing python3-readability (apt)..." >&2
  $SUDO apt-get install -y python3-readability >&2 || { $SUDO apt-get update >&2 && $SUDO apt-get install -y python3-readability >&2; }
fi
if [[ ! -f "$HERE/node_modules/jsdom/package.json" || ! -f "$HERE/node_modules/@mozilla/readability/package.json" ]]; then
  echo "installing node deps (npm ci)..." >&2
  (cd "$HERE" && npm ci --no-audit --no-fund >&2)
fi
command -v taskset >/dev/null || { echo "taskset not found (util-linux)" >&2; exit 1; }

# ---- corpus ------------------------------------------------------------------------------------
TMP="$(mktemp -d -t storyline-extract-bench.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
PAGES="$TMP/pages"; mkdir -p "$PAGES"
for f in "$DATA"/*.html.gz; do gunzip -c "$f" > "$PAGES/$(basename "$f" .gz)"; done
NPAGES=$(ls "$PAGES" | wc -l)
BYTES=$(cat "$PAGES"/* | wc -c)
echo "corpus: $NPAGES pages, $BYTES bytes of HTML (WCXB test articles)" >&2

# fastest of the JSON summary lines in $1, with the per-run seconds listed
best() {
  python3 -c 'import json,sys; rs=[json.loads(l) for l in open(sys.argv[1]) if l.strip()]; b=min(rs,key=lambda r:r["seconds"]); print(" ".join("%.2f" % r["seconds"] for r in rs), file=sys.stderr); print(json.dumps(b))' "$1"
}

# ---- storyline ---------------------------------------------------------------------------------
if [[ -n "$STORYLINE_CMD" ]]; then
  read -r -a SCMD <<< "$STORYLINE_CMD"; SLABEL="storyline stand-in: $STORYLINE_CMD"
else
  SCMD=("$CLI" extract --threads 1); SLABEL="storyline extract --threads 1"
fi
if [[ -n "$STORYLINE_CMD" || -x "$CLI" ]]; then
  for ((run = 1; run <= RUNS; run++)); do
  echo "timing: $SLABEL (run $run/$RUNS)" >&2
  t0=$EPOCHREALTIME
  rc=0; taskset -c 0 "${SCMD[@]}" "$PAGES" > "$TMP/storyline.jsonl" 2> "$TMP/storyline.err" || rc=$?
  t1=$EPOCHREALTIME
  python3 - "$TMP/storyline.jsonl" "$t0" "$t1" "$BYTES" "$SLABEL" "$rc" >> "$TMP/storyline.runs" <<'EOF'
import json, sys
path, t0, t1, nbytes, label, rc = sys.argv[1:]
pages = nonempty = 0
for line in open(path, encoding="utf-8", errors="replace"):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    pages += 1
    nonempty += bool((r.get("text") or "").strip()) and not r.get("error")
print(json.dumps({"tool": label + ("" if rc == "0" else f" [exit {rc}]"), "pages": pages,
                  "bytes": int(nbytes), "seconds": float(t1) - float(t0), "nonempty": nonempty}))
EOF
  if [[ $rc -ne 0 ]]; then echo "storyline exited $rc:" >&2; tail -3 "$TMP/storyline.err" >&2; fi
  done
  best "$TMP/storyline.runs" > "$TMP/storyline.json"
else
  echo "storyline binary $CLI not found: build it or pass --cli/--storyline-cmd" >&2
  echo '{"tool": "storyline extract (not built)", "pages": 0, "bytes": 0, "seconds": 0, "nonempty": 0}' > "$TMP/storyline.json"
fi

# ---- peers -------------------------------------------------------------------------------------
for ((run = 1; run <= RUNS; run++)); do
  echo "timing: readability-lxml (run $run/$RUNS)" >&2
  taskset -c 0 /usr/bin/python3 "$HERE/readability_lxml.py" "$PAGES" >> "$TMP/rlxml.runs"
done
best "$TMP/rlxml.runs" > "$TMP/rlxml.json"
for ((run = 1; run <= RUNS; run++)); do
  echo "timing: Mozilla Readability + jsdom (run $run/$RUNS)" >&2
  (cd "$HERE" && taskset -c 0 node mozilla_readability.mjs "$PAGES") >> "$TMP/mozilla.runs"
done
best "$TMP/mozilla.runs" > "$TMP/mozilla.json"

# ---- report ------------------------------------------------------------------------------------
MODEL="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
echo
echo "Extraction speed, one core (taskset -c 0), $NPAGES WCXB test article pages, $(awk "BEGIN{printf \"%.1f\", $BYTES/1e6}") MB HTML"
echo "machine: ${MODEL:-unknown CPU}, $(nproc) CPUs visible; date: $(date -u +%Y-%m-%d)"
python3 - "$TMP/storyline.json" "$TMP/rlxml.json" "$TMP/mozilla.json" <<'EOF'
import json, sys
rows = [json.load(open(p)) for p in sys.argv[1:]]
base = rows[0]["pages"] / rows[0]["seconds"] if rows[0]["seconds"] > 0 and rows[0]["pages"] else None
hdr = ("tool", "pages", "non-empty", "seconds", "pages/s", "MB/s", "vs storyline")
cells = []
for r in rows:
    s = r["seconds"]
    if s > 0 and r["pages"]:
        pps, mbs = f'{r["pages"] / s:.1f}', f'{r["bytes"] / 1e6 / s:.2f}'
        ratio = f'{r["pages"] / s / base:.3f}x' if base else "-"
    else:
        pps = mbs = ratio = "-"
    cells.append((r["tool"], str(r["pages"]), str(r["nonempty"]), f"{s:.2f}", pps, mbs, ratio))
w = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(hdr)]
line = lambda c: "  ".join(x.ljust(w[0]) if i == 0 else x.rjust(w[i]) for i, x in enumerate(c))
print(line(hdr)); print("  ".join("-" * x for x in w))
for c in cells:
    print(line(c))
print("ratio = tool pages/s / storyline pages/s (below 1 = slower than storyline)")
if rows[0]["pages"] and rows[0]["pages"] != rows[1]["pages"]:
    print(f'warning: storyline wrote {rows[0]["pages"]} lines for {rows[1]["pages"]} pages; MB/s uses all bytes')
EOF
