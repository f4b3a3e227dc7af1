#!/usr/bin/env python3
"""Load test of `storyline serve` on loopback (issue 15), with a writer POSTing meanwhile.

    python3 bench/serve_load.py [--db STORE] [--duration 30] [--connections 200]

The store: --db, else the 100k-article store bench/store_bench builds
(/tmp/storyline_store_bench_99999.db; built first when missing, ~3 minutes). The server runs on
a copy, so the writer's articles never change the source store.

Phases, each on the same running server (`storyline serve`, default threads):
  rest      the server's memory after start and one request of each kind;
  writer    the writer alone for 10 s: POSTs of 10 new articles each, back to back, over one
            keep-alive connection (the baseline for "ingest not stalled by readers");
  story     200 keep-alive connections (build/bench/http_load, closed loop) for --duration s,
            GET /api/stories/{id} over every live story id, while the writer keeps POSTing;
  mix       the same, each connection taking in turn 70 % story pages, 20 % story lists (first
            pages, by outlet, by date) and 10 % searches (a seeded sample of title words), while
            the writer keeps POSTing (so the cache, valid for one state of the store, rarely holds);
  mix, no writer   the mix on a store that does not change (cached answers hold);
  mix, no cache    the mix with the writer, on a server started with --cache-entries 0.
Prints per phase and class of request: requests/s, p50/p90/p99 latency, errors (non-2xx, broken
connections, no answer in 10 s), then the writer's articles/s and slowest POST, and the server's
RSS at rest and its peak under load. Exits 1 when any request failed.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "build", "cli", "storyline")
LOAD = os.path.join(ROOT, "build", "bench", "http_load")
# store_bench names its store by the article count it holds (100k requested: 99,999 generated).
BENCH_STORE = "/tmp/storyline_store_bench_99999.db"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class Writer(threading.Thread):
    """POSTs batches of new articles back to back until stopped; records each POST."""

    def __init__(self, port, token, words, seed):
        super().__init__(daemon=True)
        self.port, self.token, self.words = port, token, words
        self.rng = random.Random(seed)
        self.stop_at = None
        self.lock = threading.Lock()
        self.posts = []  # (start, seconds, added)
        self.errors = 0
        self.n = 0
        self.running = threading.Event()
        self.running.set()

    def article(self):
        self.n += 1
        sentences = []
        for _ in range(self.rng.randint(8, 16)):
            ws = [self.rng.choice(self.words) for _ in range(self.rng.randint(8, 20))]
            sentences.append(" ".join(ws).capitalize() + ".")
        tag = f"{os.getpid()}-{id(self)}-{self.n}"
        return {"id": f"load-{tag}", "url": f"https://load.example/{tag}",
                "source": f"Load Outlet {self.n % 17}", "title": " ".join(self.rng.choice(self.words) for _ in range(6)).title(),
                "date": "2026-12-08T10:00:00Z", "text": " ".join(sentences)}

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while self.running.is_set():
            body = "\n".join(json.dumps(self.article()) for _ in range(10))
            t0 = time.monotonic()
            try:
                conn.request("POST", "/api/articles", body=body.encode(),
                             headers={"Authorization": "Bearer " + self.token,
                                      "Content-Type": "application/x-ndjson"})
                resp = conn.getresponse()
                data = resp.read()
                ok = resp.status == 200
                added = json.loads(data).get("added", 0) if ok else 0
            except Exception:
                ok, added = False, 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            with self.lock:
                if ok:
                    self.posts.append((t0, time.monotonic() - t0, added))
                else:
                    self.errors += 1

    def window(self, t0, t1):
        with self.lock:
            ps = [p for p in self.posts if t0 <= p[0] < t1]
            return sum(p[2] for p in ps) / max(t1 - t0, 1e-9), max((p[1] for p in ps), default=0.0), len(ps)


def run_load(port, paths, seconds, connections, work):
    """paths: (class, path) pairs. Returns http_load's JSON."""
    path_file = os.path.join(work, "paths.txt")
    with open(path_file, "w") as f:
        f.write("".join(f"{c} {p}\n" for c, p in paths))
    out = subprocess.run([LOAD, str(port), str(connections), str(seconds), path_file],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=BENCH_STORE)
    ap.add_argument("--duration", type=int, default=30)
    ap.add_argument("--connections", type=int, default=200)
    ap.add_argument("--threads", type=int, default=0, help="serve --threads (0: its default)")
    ap.add_argument("--serve-arg", action="append", default=[], help="an extra argument for storyline serve")
    ap.add_argument("--phases", default="story,mix,mix_no_writer,mix_no_cache",
                    help="comma-separated subset of: story, mix, mix_no_writer, mix_no_cache")
    args = ap.parse_args()
    if not os.path.exists(LOAD):
        sys.exit("serve_load: build first (ninja -C build): no " + LOAD)
    if not os.path.exists(args.db):
        if args.db != BENCH_STORE:
            sys.exit(f"serve_load: no store at {args.db}")
        print("serve_load: building the 100k store with bench/store_bench (~3 minutes)", flush=True)
        subprocess.run([os.path.join(ROOT, "build", "bench", "store_bench"), "--benchmark_filter=BM_AddBatch"],
                       env=dict(os.environ, STORYLINE_BENCH_STORE_SIZES="100000"), check=True,
                       stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="serve_load.")
    db = os.path.join(work, "store.db")
    src = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    shutil.copy(args.db, db)
    if os.path.exists(args.db + "-wal"):
        shutil.copy(args.db + "-wal", db + "-wal")
    articles = src.execute("SELECT count(*) FROM articles").fetchone()[0]
    ids = [r[0] for r in src.execute("SELECT id FROM stories WHERE merged_into IS NULL AND json IS NOT NULL")]
    titles = [r[0] for r in src.execute("SELECT title FROM articles WHERE title IS NOT NULL ORDER BY seq LIMIT 2000")]
    outlets = [r[0] for r in src.execute("SELECT outlet FROM story_outlets GROUP BY outlet ORDER BY count(*) DESC LIMIT 20")]
    src.close()
    rng = random.Random(15)
    words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-z]{5,}", t)})
    query_words = rng.sample(words, min(500, len(words)))
    story_paths = [("story", f"/api/stories/{i}") for i in ids]
    rng.shuffle(story_paths)
    lists = [("list", p) for p in ["/api/stories", "/api/stories?limit=50"] +
             [f"/api/stories?outlet={o.replace(' ', '+')}" for o in outlets] +
             [f"/api/stories?since=2026-{m:02d}-01" for m in range(1, 13)]]
    searches = [("search", f"/api/search?q={w}") for w in query_words]
    mix = []
    for k in range(20000):
        r = rng.random()
        mix.append(rng.choice(story_paths) if r < 0.7 else rng.choice(lists) if r < 0.9 else rng.choice(searches))

    token = "load-token"
    results = {}
    alone = None
    rest_kb = hwm = 0
    writer_errors = 0
    # The server as deployed (answers cached while the store is unchanged), then without the
    # cache: every search ranked again.
    wanted = args.phases.split(",")
    for config, phases, extra in (("cache", (("story", story_paths), ("mix", mix), ("mix, no writer", mix)), []),
                                  ("no cache", (("mix, no cache", mix),), ["--cache-entries", "0"])):
        if not any(n.replace(", ", "_").replace(" ", "_") in wanted for n, _ in phases):
            continue
        port = free_port()
        cmd = [CLI, "serve", "--db", db, "--port", str(port), "--write-token", token] + extra + args.serve_arg
        if args.threads:
            cmd += ["--threads", str(args.threads)]
        server = subprocess.Popen(cmd, stderr=open(os.path.join(work, "serve.log"), "a"))
        try:
            for _ in range(300):
                try:
                    http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                    break
                except OSError:
                    time.sleep(0.1)
            for _, p in (story_paths[0], lists[0], searches[0]):
                c = http.client.HTTPConnection("127.0.0.1", port)
                c.request("GET", p)
                assert c.getresponse().status == 200, p
            writer = Writer(port, token, words, len(results) + 1)
            writer.start()
            if alone is None:
                rest_kb = rss_kb(server.pid)
                t0 = time.monotonic()
                time.sleep(10)
                alone = writer.window(t0, time.monotonic())
            for name, paths in phases:
                if name.replace(", ", "_").replace(" ", "_") not in args.phases.split(","):
                    continue
                if name.endswith("no writer"):
                    writer.running.clear()
                    writer.join(timeout=60)
                sampling = threading.Event()
                peaks = []

                def sample():
                    while not sampling.is_set():
                        peaks.append(rss_kb(server.pid))
                        time.sleep(0.2)
                sampler = threading.Thread(target=sample, daemon=True)
                sampler.start()
                t0 = time.monotonic()
                r = run_load(port, paths, args.duration, args.connections, work)
                r["writer"] = writer.window(t0, time.monotonic())
                sampling.set()
                sampler.join()
                r["rss_peak_kb"] = max(peaks + [0])
                results[name] = r
            writer.running.clear()
            writer.join(timeout=60)
            writer_errors += writer.errors
            if config == "cache":
                hwm = rss_kb(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"store: {articles:,} articles, {len(ids):,} live stories; {args.connections} keep-alive connections, "
          f"{args.duration} s per phase; machine: {os.cpu_count()} cores")
    print(f"writer alone: {alone[0]:.0f} articles/s ({alone[2]} POSTs of 10), slowest POST {alone[1] * 1000:.0f} ms")
    print("| phase | class | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | writer articles/s | slowest POST ms | server RSS peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        w = r["writer"]
        rows = list(r["classes"].items())
        total = sum(c["rps"] for _, c in rows)
        for k, (cls, c) in enumerate(rows):
            tail = f"{w[0]:.0f} | {w[1] * 1000:.0f} | {r['rss_peak_kb'] / 1024:.0f}" if k == 0 else " | | "
            print(f"| {name} | {cls} | {c['rps']:,.0f} | {c['p50_ms']:.2f} | {c['p90_ms']:.2f} | {c['p99_ms']:.2f} | "
                  f"{c['max_ms']:.0f} | {c['errors']} | {tail} |")
        if len(rows) > 1:
            print(f"| {name} | all | {total:,.0f} | | | | | {r['errors'] + r['connect_errors']} | | | |")
    print(f"server RSS at rest {rest_kb / 1024:.0f} MB, peak (VmHWM, cached server) {hwm / 1024:.0f} MB; "
          f"writer errors {writer_errors}")
    shutil.rmtree(work, ignore_errors=True)
    failed = writer_errors + sum(r["errors"] + r["connect_errors"] for r in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
