#!/usr/bin/env python3
"""Stable stories across batching (issue 13, item 2): the DUC/TAC clusters ingested into a store
in one batch and in ten, in date order; the two partitions' B-cubed F1 (target >= 0.99), the share
of stories found both ways that got the same id, and each way's B-cubed F1 against the gold
clusters.

    python3 eval/store_batching.py [--cli build/cli/storyline] [--sets tac2010+2011,...,all]
                                   [--warmup N]

"all" is every set in one date-ordered stream (3,681 documents), so that the store outgrows its
warm-up (1,000 articles by default; --warmup 0 measures the incremental regime alone).

Data: ../shared/data/duc-tac-clusters, dumped in stream order by eval/cluster_eval.py --dump.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "eval"))
from cluster_b3 import scores  # noqa: E402


def b3f1(gold, pred):
    return scores(dict(enumerate(gold)), dict(enumerate(pred)))[2]


def ingest(cli, db, path, batches, warmup):
    docs = [line for line in open(path, encoding="utf-8") if line.strip()]
    size = (len(docs) + batches - 1) // batches
    with tempfile.TemporaryDirectory() as tmp:
        for b in range(batches):
            part = os.path.join(tmp, f"part{b}.jsonl")
            with open(part, "w", encoding="utf-8") as f:
                f.writelines(docs[b * size:(b + 1) * size])
            subprocess.run([cli, "ingest", "-q", "--db", db, part, "--batch", "0", "--warmup",
                            str(warmup)], check=True)
        out = os.path.join(tmp, "export")
        subprocess.run([cli, "export", "--db", db, "-o", out], check=True)
        stories = {}
        for line in open(os.path.join(out, "articles.jsonl"), encoding="utf-8"):
            a = json.loads(line)
            stories[a["id"]] = a["story"]
    gold = {}
    for line in docs:
        d = json.loads(line)
        gold[d["id"]] = d["gold"]
    return stories, gold


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "cli", "storyline"))
    ap.add_argument("--sets", default="tac2009,tac2010+2011,duc2006,duc2007,all")
    ap.add_argument("--warmup", type=int, default=1000,
                    help="the store's warm-up (articles clustered again with each batch)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        names = [n for n in args.sets.split(",") if n != "all"]
        subprocess.run([sys.executable, os.path.join(ROOT, "eval", "cluster_eval.py"), "--dump",
                        tmp, "--sets", ",".join(names)], check=True, stdout=subprocess.DEVNULL)
        if "all" in args.sets.split(","):
            # Every set in one date-ordered stream: a store that outgrows its warm-up.
            docs = []
            for n in names:
                for line in open(os.path.join(tmp, n + ".jsonl"), encoding="utf-8"):
                    if line.strip():
                        d = json.loads(line)
                        d["id"] = n + "/" + d["id"]
                        d["gold"] = n + "/" + str(d["gold"])
                        docs.append(d)
            docs.sort(key=lambda d: d.get("date") or "")
            with open(os.path.join(tmp, "all.jsonl"), "w", encoding="utf-8") as f:
                for d in docs:
                    f.write(json.dumps(d) + "\n")
        print("| set | docs | stories (1 / 10 batches) | B3-F1 1 vs 10 | same id | "
              "B3-F1 vs gold (1 / 10) |")
        print("|---|---|---|---|---|---|")
        worst = 1.0
        for name in args.sets.split(","):
            path = os.path.join(tmp, name + ".jsonl")
            one, gold = ingest(args.cli, os.path.join(tmp, name + "-1.db"), path, 1, args.warmup)
            ten, _ = ingest(args.cli, os.path.join(tmp, name + "-10.db"), path, 10, args.warmup)
            ids = sorted(one)
            f = b3f1([one[i] for i in ids], [ten[i] for i in ids])
            worst = min(worst, f)
            # A story found both ways: the same members; did it keep its id?
            members_one, members_ten = {}, {}
            for i in ids:
                members_one.setdefault(one[i], set()).add(i)
                members_ten.setdefault(ten[i], set()).add(i)
            both = [s for s, m in members_one.items() if members_ten.get(ten[next(iter(m))]) == m]
            same = sum(1 for s in both if ten[next(iter(members_one[s]))] == s)
            g = [gold[i] for i in ids]
            print(f"| {name} | {len(ids)} | {len(members_one)} / {len(members_ten)} | {f:.4f} | "
                  f"{same}/{len(both)} | {b3f1(g, [one[i] for i in ids]):.3f} / "
                  f"{b3f1(g, [ten[i] for i in ids]):.3f} |")
        print(f"\nworst B3-F1 between one batch and ten: {worst:.4f} (target >= 0.99)")


if __name__ == "__main__":
    main()
