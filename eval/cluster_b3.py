#!/usr/bin/env python3
"""B-cubed and pairwise F1 of `storyline run` story clustering.

Sets: the bundled example corpus (examples/truth.json) and DUC 2006 + DUC 2007 from
../shared/data/duc-tac-clusters (NIST topic clusters; the clustering issue allows tuning on them).
DUC topics span months or years, so the time window is disabled for them (--window-days 0).

Usage: eval/cluster_b3.py [--cli build/cli/storyline] [extra `storyline run` flags...]
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "data")


def pair_scores(gold, pred):
    """Pairwise precision, recall and F1 over the unordered pairs of items in one gold cluster
    (true) and in one predicted cluster (predicted); 0.0 where a count of pairs is 0."""
    both = collections.Counter((gold[i], pred[i]) for i in gold)
    tp = sum(n * (n - 1) / 2 for n in both.values())
    pp = sum(n * (n - 1) / 2 for n in collections.Counter(pred[i] for i in gold).values())
    gp = sum(n * (n - 1) / 2 for n in collections.Counter(gold.values()).values())
    return (tp / pp if pp else 0.0, tp / gp if gp else 0.0, 2 * tp / (pp + gp) if pp + gp else 0.0)


def scores(gold, pred):
    g = collections.defaultdict(set)
    p = collections.defaultdict(set)
    for i in gold:
        g[gold[i]].add(i)
        p[pred[i]].add(i)
    bp = br = 0.0
    for i in gold:
        inter = len(g[gold[i]] & p[pred[i]])
        bp += inter / len(p[pred[i]])
        br += inter / len(g[gold[i]])
    bp /= len(gold)
    br /= len(gold)
    return bp, br, 2 * bp * br / (bp + br), pair_scores(gold, pred)[2], len(p), len(g)


def run(cli, records, extra, tmp, name):
    path = os.path.join(tmp, name + ".jsonl")
    with open(path, "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    out = os.path.join(tmp, name + "_out")
    subprocess.run([cli, "run", path, "-o", out, "-q"] + extra, check=True)
    pred = {}
    with open(os.path.join(out, "articles.jsonl")) as f:
        for line in f:
            d = json.loads(line)
            pred[d["id"]] = d["story"]
    return pred


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "cli", "storyline"))
    args, extra = ap.parse_known_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        truth = json.load(open(os.path.join(ROOT, "examples", "truth.json")))["articles"]
        recs = [json.loads(l) for l in open(os.path.join(ROOT, "examples", "corpus.jsonl"))]
        gold = {r["id"]: truth[r["id"]]["story"] for r in recs}
        rows.append(("examples", scores(gold, run(args.cli, recs, extra, tmp, "examples"))))
        docs = os.path.join(SHARED, "duc-tac-clusters", "docs.jsonl")
        for ds in ("duc2006", "duc2007"):
            recs, gold = [], {}
            for line in open(docs):
                d = json.loads(line)
                if d["dataset"] != ds:
                    continue
                recs.append({"id": d["doc_id"], "title": d.get("headline") or "",
                             "date": d.get("date"), "source": d.get("source"), "text": d["text"]})
                gold[d["doc_id"]] = d["cluster_id"]
            pred = run(args.cli, recs, extra + ["--window-days", "0"], tmp, ds)
            rows.append((ds, scores(gold, pred)))
    print(f"{'set':10} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'pair-F1':>7} {'stories':>7} {'gold':>5}")
    for name, (p, r, f, pf, n, g) in rows:
        print(f"{name:10} {p:6.3f} {r:6.3f} {f:6.3f} {pf:7.3f} {n:7d} {g:5d}")


if __name__ == "__main__":
    sys.exit(main())
