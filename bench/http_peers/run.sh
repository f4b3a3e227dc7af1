#!/usr/bin/env bash
# HTTP library bake-off for `storyline serve`: libmicrohttpd vs cpp-httplib vs
# Boost.Beast, each serving the same 2048-byte JSON on GET /api/stories/1.
#
#   bench/http_peers/run.sh            # full run (~4 min on 2 cores)
#   DURATION=5s PEERS="mhd beast" bench/http_peers/run.sh
#
# Builds into a temp dir (never into the repo). Pinning: none. With 2 cores
# the server (2 worker threads where configurable) and wrk (-t2) have to share
# both cores, so every peer pays the same load-generator tax; numbers are
# comparable with each other, not absolute server capacity.
#
# Per peer, each phase on a freshly started server:
#   idle  : python asyncio probe opens 200 keep-alive connections, one GET on
#           each, holds them idle HOLD s (samples server threads + VmRSS while
#           held), then sends a second GET on each; counts how many got both.
#   c50   : wrk -t2 -c50  -d$DURATION --latency
#   c200  : wrk -t2 -c200 -d$DURATION --latency (server threads sampled mid-run)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DURATION="${DURATION:-15s}"
HOLD="${HOLD:-10}"
IDLE_CONNS="${IDLE_CONNS:-200}"
PEERS="${PEERS:-mhd httplib httplib-tuned httplib-tuned256 beast}"
PORT_BASE="${PORT_BASE:-18100}"
CXX="${CXX:-g++}"

for tool in "$CXX" wrk python3 curl taskset; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

WORK="$(mktemp -d /tmp/http_peers.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "== work dir: $WORK"
echo "== $(nproc) cores; $(uname -r); $("$CXX" --version | head -1)"
echo "== cpp-httplib $(dpkg-query -W -f='${Version}' libcpp-httplib-dev 2>/dev/null || echo '?')," \
     "libmicrohttpd $(dpkg-query -W -f='${Version}' libmicrohttpd-dev 2>/dev/null || echo '?')," \
     "boost $(dpkg-query -W -f='${Version}' libboost1.74-dev 2>/dev/null || echo 'not installed')"

# ---------------------------------------------------------------- build
CXXFLAGS=(-O2 -std=c++20 -Wall -pthread)
build() {  # name src libs...
  local name="$1" src="$2"; shift 2
  echo "== build $name"
  "$CXX" "${CXXFLAGS[@]}" "$HERE/$src" -o "$WORK/$name" "$@"
}
want() { [[ " $PEERS " == *" $1 "* ]]; }
want mhd && build mhd mhd_server.cc -lmicrohttpd
{ want httplib || want httplib-tuned || want httplib-tuned256; } && build httplib httplib_server.cc -lcpp-httplib
if want beast; then
  if [[ -f /usr/include/boost/beast.hpp ]]; then
    build beast beast_server.cc
  else
    echo "== skip beast: /usr/include/boost/beast.hpp missing (apt-get install -y libboost1.74-dev)"
    PEERS="${PEERS//beast/}"
  fi
fi

# ---------------------------------------------------------------- helpers
cmd_for() {  # peer -> server command line (port appended by caller)
  case "$1" in
    mhd) echo "$WORK/mhd" ;;
    httplib) echo "$WORK/httplib" ;;
    httplib-tuned) echo "$WORK/httplib" ;;
    httplib-tuned256) echo "$WORK/httplib" ;;
    beast) echo "$WORK/beast" ;;
  esac
}
extra_for() {
  case "$1" in
    httplib-tuned) echo tuned ;;
    httplib-tuned256) echo tuned256 ;;
  esac
}

PORT=$PORT_BASE
start_server() {  # peer
  PORT=$((PORT + 1))
  # shellcheck disable=SC2046
  $(cmd_for "$1") "$PORT" $(extra_for "$1") 2>>"$WORK/$1.server.log" &
  SERVER_PID=$!
  for _ in $(seq 100); do
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/api/stories/1"; then return 0; fi
    sleep 0.05
  done
  echo "server $1 did not come up" >&2; exit 1
}
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  sleep 1  # let the loopback settle (FIN/TIME_WAIT) before the next phase
}
threads_of() { ls "/proc/$1/task" | wc -l; }
rss_kb_of() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

cat >"$WORK/idle_probe.py" <<'PY'
"""Hold N idle keep-alive connections, sample the server, re-use them."""
import asyncio, json, sys, time

port, pid, n, hold = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
REQ = b"GET /api/stories/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
PHASE_TIMEOUT = 10.0

async def one_request(reader, writer):
    writer.write(REQ)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v)
    await reader.readexactly(length)
    return status == 200

async def first(i):
    try:
        r, w = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return None
    try:
        ok = await one_request(r, w)
        return (r, w) if ok else None
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        return None

async def second(conn):
    r, w = conn
    try:
        return await one_request(r, w)
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        return False

def sample():
    try:
        import os
        threads = len(os.listdir(f"/proc/{pid}/task"))
        rss = 0
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        return threads, rss
    except OSError:
        return -1, -1

async def with_deadline(coros):
    tasks = [asyncio.ensure_future(c) for c in coros]
    done, pending = await asyncio.wait(tasks, timeout=PHASE_TIMEOUT)
    for t in pending:
        t.cancel()
    return [t.result() if t in done else None for t in tasks]

async def main():
    t0 = time.monotonic()
    conns = await with_deadline(first(i) for i in range(n))
    t_first = time.monotonic() - t0
    alive = [c for c in conns if c]
    # Sample while every connection is idle: right away and mid-hold.
    samples = [sample()]
    await asyncio.sleep(hold / 2)
    samples.append(sample())
    await asyncio.sleep(hold / 2)
    res = await with_deadline(second(c) for c in alive)
    both = sum(1 for x in res if x)
    threads = max(s[0] for s in samples)
    rss = max(s[1] for s in samples)
    for c in conns:
        if c:
            c[1].close()
    print(json.dumps({"first_ok": len(alive), "both_ok": both, "n": n,
                      "first_phase_s": round(t_first, 2),
                      "idle_threads": threads, "idle_rss_kb": rss}))

asyncio.run(main())
PY

cat >"$WORK/parse_wrk.py" <<'PY'
import json, re, sys
txt = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", v)
    x, u = float(m.group(1)), m.group(2)
    return x * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[u]
out = {"rps": 0.0, "p50_ms": None, "p99_ms": None,
       "connect": 0, "read": 0, "write": 0, "timeout": 0, "non2xx": 0}
m = re.search(r"Requests/sec:\s+([\d.]+)", txt)
if m: out["rps"] = float(m.group(1))
for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
    m = re.search(r"^\s+%s%%\s+(\S+)" % pct, txt, re.M)
    if m: out[key] = round(ms(m.group(1)), 2)
m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", txt)
if m: out.update(connect=int(m.group(1)), read=int(m.group(2)),
                 write=int(m.group(3)), timeout=int(m.group(4)))
m = re.search(r"Non-2xx or 3xx responses: (\d+)", txt)
if m: out["non2xx"] = int(m.group(1))
print(json.dumps(out))
PY

# ---------------------------------------------------------------- sanity: same bytes everywhere
echo "== body check"
REF=""
for peer in $PEERS; do
  start_server "$peer"
  sum=$(curl -s "http://127.0.0.1:$PORT/api/stories/1" | sha256sum | cut -c1-16)
  ctype=$(curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$PORT/api/stories/1")
  echo "   $peer: sha256 $sum  content-type $ctype"
  [[ -z "$REF" ]] && REF="$sum"
  [[ "$sum" == "$REF" ]] || { echo "body mismatch for $peer" >&2; exit 1; }
  stop_server
done

# ---------------------------------------------------------------- measure
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"
for peer in $PEERS; do
  echo "== $peer: idle probe ($IDLE_CONNS conns, hold ${HOLD}s)"
  start_server "$peer"
  base_threads=$(threads_of "$SERVER_PID"); base_rss=$(rss_kb_of "$SERVER_PID")
  idle=$(python3 "$WORK/idle_probe.py" "$PORT" "$SERVER_PID" "$IDLE_CONNS" "$HOLD")
  echo "   $idle"
  stop_server

  for c in 50 200; do
    echo "== $peer: wrk -t2 -c$c -d$DURATION"
    start_server "$peer"
    # Mid-run: server thread count, and how many server-side connections have
    # not sent a single byte yet ("unserved": wrk never reports starved
    # connections as errors, it only sees the requests that complete).
    ( sleep "$(( ${DURATION%s} / 2 ))"
      threads_of "$SERVER_PID" >"$WORK/$peer.c$c.threads"
      ss -tnHi state established "( sport = :$PORT )" |
        awk '/^[^ \t]/ {n++} /bytes_sent:[1-9]/ {s++} END {print n - s + 0}' \
        >"$WORK/$peer.c$c.unserved" ) &
    sampler=$!
    wrk -t2 -c"$c" -d"$DURATION" --latency "http://127.0.0.1:$PORT/api/stories/1" \
      >"$WORK/$peer.c$c.wrk" 2>&1 || true
    wait "$sampler" || true
    grep -E 'Requests/sec|Socket errors|Non-2xx|^ +(50|99)%' "$WORK/$peer.c$c.wrk" | sed 's/^/   /'
    echo "   unserved connections mid-run: $(cat "$WORK/$peer.c$c.unserved" 2>/dev/null || echo '?')"
    stop_server
  done

  python3 - "$peer" "$base_threads" "$base_rss" "$idle" \
      "$(python3 "$WORK/parse_wrk.py" "$WORK/$peer.c50.wrk")" \
      "$(python3 "$WORK/parse_wrk.py" "$WORK/$peer.c200.wrk")" \
      "$(cat "$WORK/$peer.c200.threads" 2>/dev/null || echo -1)" \
      "$(cat "$WORK/$peer.c50.unserved" 2>/dev/null || echo -1)" \
      "$(cat "$WORK/$peer.c200.unserved" 2>/dev/null || echo -1)" >>"$RESULTS" <<'PY'
import json, sys
peer, bt, br, idle, c50, c200, lt, u50, u200 = sys.argv[1:]
c50, c200 = json.loads(c50), json.loads(c200)
c50["unserved"], c200["unserved"] = int(u50), int(u200)
print(json.dumps({"peer": peer, "base_threads": int(bt), "base_rss_kb": int(br),
                  "idle": json.loads(idle), "c50": c50,
                  "c200": c200, "load_threads": int(lt)}))
PY
done

# ---------------------------------------------------------------- table
echo
echo "== results (DURATION=$DURATION, wrk -t2, server unpinned; raw output in $WORK)"
python3 - "$RESULTS" "$IDLE_CONNS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
n = sys.argv[2]
def errs(w):
    e = w["connect"] + w["read"] + w["write"] + w["timeout"] + w["non2xx"]
    if not e:
        return "0"
    parts = [f"{k[0]}{w[k]}" for k in ("connect", "read", "write", "timeout", "non2xx") if w[k]]
    return f"{e} (" + " ".join(parts) + ")"
def f(x):
    return "-" if x is None else f"{x:.2f}"
hdr = ["peer", "thr base", f"thr @{n} idle", "RSS MB @idle", f"idle both/{n}",
       "c50 req/s", "c50 p50", "c50 p99", "c50 err", "c50 unserved",
       "c200 req/s", "c200 p50", "c200 p99", "c200 err", "c200 unserved",
       "thr @c200", "target"]
out = []
for r in rows:
    i, a, b = r["idle"], r["c50"], r["c200"]
    total_err = sum(b[k] for k in ("connect", "read", "write", "timeout", "non2xx"))
    meets = (b["rps"] >= 5000 and b["p99_ms"] is not None and b["p99_ms"] <= 50
             and total_err == 0 and b["unserved"] == 0 and i["both_ok"] == i["n"])
    out.append([r["peer"], str(r["base_threads"]), str(i["idle_threads"]),
                f"{i['idle_rss_kb']/1024:.1f}", f"{i['both_ok']} (1st {i['first_ok']})",
                f"{a['rps']:.0f}", f(a["p50_ms"]), f(a["p99_ms"]), errs(a), str(a["unserved"]),
                f"{b['rps']:.0f}", f(b["p50_ms"]), f(b["p99_ms"]), errs(b), str(b["unserved"]),
                str(r["load_threads"]), "PASS" if meets else "fail"])
w = [max(len(h), *(len(o[k]) for o in out)) for k, h in enumerate(hdr)]
line = lambda cells: "| " + " | ".join(c.ljust(w[k]) for k, c in enumerate(cells)) + " |"
print(line(hdr))
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for o in out:
    print(line(o))
print("latency in ms; err = wrk socket errors c=connect r=read w=write t=timeout n=non-2xx;")
print("unserved = server-side connections that had sent 0 bytes at mid-run (starved; invisible to wrk)")
print("target = c200 >= 5000 req/s, p99 <= 50 ms, 0 errors, 0 unserved, all idle conns answered twice")
PY
