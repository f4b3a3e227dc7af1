#!/usr/bin/env python3
"""Issue 14's reproductions of hostile input, through the release CLI on one core.

    python3 bench/hostile_repro.py [--cli build/cli/storyline] [--quick]

Generates each input in a temporary directory (our own bytes: nested <div>s and <table>s, a long
<h1>, gzip bombs, out-of-range dates, a flood of exact copies) and prints wall time and peak RSS
per run (GNU time), with what the run wrote where it matters (a date, the report's length).
--quick skips the largest sizes. Figures go to bench/RESULTS.md ("hostile input").
"""
import argparse
import gzip
import json
import os
import subprocess
import tempfile
import zlib

PARA = "<p>The paragraph of text inside the deep nest of elements, long enough to count.</p>"


def timed(cmd, cwd):
    """Runs cmd under GNU time on CPU 0; returns (seconds, peak MB, stdout)."""
    full = ["taskset", "-c", "0", "/usr/bin/time", "-f", "%e %M"] + cmd
    p = subprocess.run(full, cwd=cwd, capture_output=True, text=True)
    last = p.stderr.strip().splitlines()[-1].split()
    return float(last[0]), int(last[1]) / 1024.0, p.stdout


def gzip_stream(path, unit, total):
    """Writes `total` bytes of `unit` repeated, gzip level 9, without holding them."""
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = unit * max(1, (1 << 24) // len(unit))
    with open(path, "wb") as f:
        written = 0
        while written < total:
            piece = block[: total - written]
            f.write(c.compress(piece))
            written += len(piece)
        f.write(c.flush())
    return os.path.getsize(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=os.path.join(os.path.dirname(__file__), "..", "build", "cli",
                                                  "storyline"))
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    cli = os.path.abspath(args.cli)
    rows = []
    with tempfile.TemporaryDirectory() as d:
        def extract(name, html):
            path = os.path.join(d, name)
            with open(path, "w") as f:
                f.write(html)
            s, mb, out = timed([cli, "extract", "--threads", "1", path], d)
            title = json.loads(out.splitlines()[0]).get("title", "")
            rows.append((name, f"{len(html) / 1e6:.2f} MB", s, mb, f"title {len(title)} B"))

        sizes = [12500, 25000, 50000, 100000, 200000] + ([] if args.quick else [1000000])
        for n in sizes:
            extract(f"div{n}.html", "<html><body>" + "<div>" * n + PARA + "</div>" * n)
        for n in sizes:
            extract(f"table{n}.html", "<html><body>" + "<table><tr><td>" * n + PARA)
        for kb in [100, 200, 412] + ([] if args.quick else [4096]):
            words = "Headline word " * (kb * 1024 // 14)
            extract(f"h1_{kb}k.html", "<html><head><title>Headline word</title></head><body><h1>" +
                    words + "</h1>" + PARA)
        extract("h1_unclosed.html", "<html><body><h1>" + "Unclosed heading " * 4000)

        # Gzip bombs through run and dedup (the page and record limits stop the inflation).
        bomb = os.path.join(d, "bomb.html.gz")
        size = gzip_stream(bomb, b"<p>" + b" " * 4093, 4 << 30)
        for sub in ["run", "dedup"]:
            out = ["-o", os.path.join(d, "out")] if sub == "run" else []
            s, mb, _ = timed([cli, sub, "-q"] + out + [bomb], d)
            rows.append((f"{sub} bomb.html.gz", f"{size / 1e6:.1f} MB -> 4 GB", s, mb, ""))
        jbomb = os.path.join(d, "bomb.jsonl.gz")
        size = gzip_stream(jbomb, b"{\"text\":\"" + b"x" * 4086 + b"\"}", 4 << 30)
        s, mb, _ = timed([cli, "run", "-q", "-o", os.path.join(d, "out"), jbomb], d)
        rows.append(("run bomb.jsonl.gz (one 4 GB line)", f"{size / 1e6:.1f} MB -> 4 GB", s, mb, ""))

        # Dates outside 0001-9999 and unreadable ones, and a relative date past 9999.
        recs = [{"id": "a", "date": "0000-01-01T00:00:00+00:01", "text": "First story text here."},
                {"id": "b", "date": "9999-99-99", "text": "Second story text here."},
                {"id": "c", "date": "2026-03-01T10:00:00+25:00", "text": "Third story here."},
                {"id": "d", "date": "9999-12-31",
                 "text": "The summit opens tomorrow in the capital, officials said on Friday."}]
        dates = os.path.join(d, "dates.jsonl")
        with open(dates, "w") as f:
            f.write("".join(json.dumps(r) + "\n" for r in recs))
        s, mb, _ = timed([cli, "run", "-q", "-o", os.path.join(d, "dates"), dates], d)
        with open(os.path.join(d, "dates", "stories.jsonl")) as f:
            stories = [json.loads(line) for line in f]
        with open(os.path.join(d, "dates", "articles.jsonl")) as f:
            written = [json.loads(line).get("date") for line in f]
        days = sorted({e.get("date") for st in stories for e in st.get("timeline", [])})
        firsts = sorted({st.get("first_date") for st in stories if st.get("first_date")})
        rows.append(("pathological dates", "4 records", s, mb,
                     f"dates {written}, first_date {firsts}, timeline {days}"))

        # 50,000 exact copies: the report folds them.
        flood = os.path.join(d, "flood.jsonl")
        with open(flood, "w") as f:
            for i in range(50000):
                f.write(json.dumps({"id": f"c{i}", "text": "The river burst its banks on Monday "
                                    "night and flooded the lower town, officials said."}) + "\n")
        s, mb, out = timed([cli, "run", "-o", os.path.join(d, "flood"), flood], d)
        rows.append(("50k exact copies: run report", "50,000 records", s, mb,
                     f"{len(out.splitlines())} lines, {len(out)} bytes"))

    print(f"{'input':36} {'size':>16} {'seconds':>8} {'peak MB':>8}  notes")
    for name, size, s, mb, note in rows:
        print(f"{name:36} {size:>16} {s:8.2f} {mb:8.1f}  {note}")


if __name__ == "__main__":
    main()
