#!/usr/bin/env python3
"""Writes the repeated-sentence stress corpus of issue 16 as JSON Lines.

    python3 bench/make_repeated_sentences.py N [OUT.jsonl] [--seed S] [--words W]

Each of N texts is ~W words (480 by default, ~3 KB) of real sentences of 6 to 40 words drawn at
random from the WCXB ground-truth article texts in ../shared/data/wcxb-articles (84,029
sentences): unrelated texts that share whole sentences, each sentence recurring in about
N * 20 / 84,029 texts, so the number of text pairs sharing a sentence grows with N squared. No
two texts are copies and few share a passage of 40 words or more; a dedup index whose work per
text grows with the corpus shows it here (see bench/RESULTS.md, issue 16).
Deterministic for a given seed. Needs ../shared (exits with a message without it).
"""

import argparse
import glob
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WCXB = os.path.join(ROOT, "..", "shared", "data", "wcxb-articles")


def sentences():
    out = []
    for path in sorted(glob.glob(os.path.join(WCXB, "*", "ground-truth", "*.json"))):
        with open(path, encoding="utf-8") as f:
            text = (json.load(f).get("ground_truth") or {}).get("main_content") or ""
        for s in re.split(r"(?<=[.!?])\s+", text):
            if 6 <= len(s.split()) <= 40:
                out.append(s.strip())
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="texts to write")
    ap.add_argument("out", nargs="?", default="-", help="output file (default: stdout)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--words", type=int, default=480, help="words per text, at least")
    args = ap.parse_args()
    pool = sentences()
    if not pool:
        sys.exit(f"make_repeated_sentences: no WCXB ground truth under {WCXB}")
    rng = random.Random(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    for i in range(args.n):
        words, parts = 0, []
        while words < args.words:
            s = rng.choice(pool)
            parts.append(s)
            words += len(s.split())
        out.write(json.dumps({"id": f"r{i}", "text": " ".join(parts)}, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    print(f"make_repeated_sentences: {args.n} texts from {len(pool)} sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
