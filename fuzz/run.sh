#!/usr/bin/env bash
# Runs the libFuzzer targets and folds what they find into the committed seed corpus.
#
#   fuzz/run.sh [--seconds N | --runs N] [--jobs J] [--ubsan-only] [TARGET...]
#
# TARGET is any of ingest text extract dedup pipeline (default: all), run one after another for
# N seconds (default 60) or N executions each. Builds build-fuzz/ (clang, ASan + UBSan) when it
# is missing; --ubsan-only uses build-fuzz-ubsan/ instead (UBSan alone: several times faster
# where ASan's allocator dominates, as in fuzz_dedup, at the price of no memory checks). Every run uses the target's dictionary, a 1 s timeout and a 512 MB memory limit, so
# slow and fat inputs are findings like crashes; findings land in build-fuzz/findings/TARGET/.
# New corpus entries are minimised into fuzz/corpus/TARGET/ (-merge=1), and each run's figures
# are appended to build-fuzz/fuzz-stats.tsv (target, executions, seconds, exit status), the
# cumulative record that bench/RESULTS.md quotes. Exit status: non-zero when a target failed.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build-fuzz
SANITIZERS=address,undefined
seconds=60 runs="" jobs=1 targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --ubsan-only) BUILD=build-fuzz-ubsan; SANITIZERS=undefined; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(ingest text extract dedup pipeline server)

if [[ ! -f "$BUILD/build.ninja" ]]; then
  CXX=clang++ CC=clang cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTORYLINE_BUILD_FUZZERS=ON -DSTORYLINE_DEVELOPER_MODE=OFF \
    -DSTORYLINE_FUZZ_SANITIZERS="$SANITIZERS" \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,$SANITIZERS -fno-sanitize-recover=undefined"
fi
ninja -C "$BUILD" $(printf 'fuzz_%s ' "${targets[@]}")

# Smaller ASan quarantine: the 512 MB limit is for what an input costs, not for the sanitizer.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16:malloc_context_size=8}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for t in "${targets[@]}"; do
  case "$t" in
    ingest) dict="fuzz/dict/json.dict fuzz/dict/warc.dict"; max_len=16384 ;;
    text) dict=""; max_len=16384 ;;
    extract) dict="fuzz/dict/html.dict"; max_len=262144 ;;
    dedup|pipeline) dict=""; max_len=8192 ;;
    server) dict="fuzz/dict/http.dict fuzz/dict/json.dict"; max_len=16384 ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  work="$BUILD/work/$t" findings="$BUILD/findings/$t"
  mkdir -p "$work" "$findings"
  dict_file="$BUILD/work/$t.dict"
  : > "$dict_file"
  for d in $dict; do cat "$d" >> "$dict_file"; done
  args=(-timeout=1 -rss_limit_mb=512 -malloc_limit_mb=512 -max_len="$max_len"
        -artifact_prefix="$findings/" -print_final_stats=1)
  [[ -s "$dict_file" ]] && args+=(-dict="$dict_file")
  if [[ -n "$runs" ]]; then args+=(-runs="$runs"); else args+=(-max_total_time="$seconds"); fi
  [[ "$jobs" -gt 1 ]] && args+=(-fork="$jobs" -ignore_crashes=0)
  log="$BUILD/work/$t.log"
  start=$(date +%s)
  rc=0
  "$BUILD/fuzz/fuzz_$t" "${args[@]}" "$work" "fuzz/corpus/$t" > "$log" 2>&1 || rc=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{s += $2} END {print s + 0}')
  if [[ "$execs" -eq 0 ]]; then  # fork mode prints no final stats: the last status line counts
    execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${execs:-0}" "$elapsed" "$rc" \
    "$SANITIZERS" >> "$BUILD/fuzz-stats.tsv"
  echo "fuzz_$t: ${execs:-0} executions in ${elapsed} s, exit $rc (log $log)"
  [[ $rc -eq 0 ]] || { status=1; tail -30 "$log" >&2; }
  # Minimise: keep only the new inputs that add coverage to the committed corpus.
  "$BUILD/fuzz/fuzz_$t" -merge=1 -timeout=5 -rss_limit_mb=2048 -max_len="$max_len" \
    "fuzz/corpus/$t" "$work" > "$BUILD/work/$t.merge.log" 2>&1 || true
done
# Cumulative executions per target over every recorded run.
awk -F'\t' '{e[$2] += $3; s[$2] += $4} END {for (t in e) printf "total fuzz_%s: %d executions, %d s\n", t, e[t], s[t]}' \
  "$BUILD/fuzz-stats.tsv"
exit $status
