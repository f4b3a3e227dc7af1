#!/usr/bin/env python3
"""Score `storyline extract` on the WCXB article pages (dev 711 / test 257, word-multiset F1).

Data: ../shared/data/wcxb-articles (<split>/html/<id>.html.gz, <split>/ground-truth/<id>.json),
see its README.md. The .html.gz files are passed to the extractor directly, one run per split.

Metric (upstream evaluate.py, word_f1 + evaluate_results), per page:
  tokens = re.findall(r"\\w+", text.lower())  (Python re, Unicode \\w)
  overlap = size of the multiset intersection (Counter & Counter)
  P = overlap/|pred|, R = overlap/|gold|, F1 = 2PR/(P+R) (0 when P+R = 0)
  empty gold & empty pred      -> P = R = F1 = 1
  empty gold & non-empty pred  -> P = R = F1 = 0   (as upstream evaluate.py: `(1,1,1) if not
                                                    pred_tokens else (0,0,0)`)
  empty pred, non-empty gold   -> 0; a crash/error/missing page is an empty prediction
                                  (upstream: predictions.get(file_id, ''))
Reported P, R, F1 are means over pages, dev and test separately. Also upstream's snippet rates:
share of `with` / `without` snippets found as case-insensitive substrings (no whitespace
normalisation), averaged over pages.

Metadata, on pages whose ground truth has the field: title exact match after whitespace
normalisation (plus a case-insensitive "lenient" figure); date correct = same YYYY-MM-DD as
publish_date.

Usage:
  eval/extract_wcxb.py                          # dev and test with build/cli/storyline
  eval/extract_wcxb.py --split test --limit 40
  eval/extract_wcxb.py --extractor-cmd "python3 other.py" --json per_page.json
"""
import argparse
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract_common as ec  # noqa: E402

DATA = os.path.join(ec.SHARED, "wcxb-articles")

# Upstream README, as listed in the data README: (system, dev F1 all 1,497 pages,
# dev F1 article type, test F1 all 511 pages). None = not published.
PUBLISHED = [
    ("rs-trafilatura", 0.859, 0.932, 0.893),
    ("MinerU-HTML (0.6B LLM)", 0.827, 0.928, None),
    ("Trafilatura", 0.791, 0.926, 0.833),
    ("dom-smoothie", 0.762, 0.908, 0.808),
    ("Newspaper4k", 0.720, None, None),
    ("jusText", 0.707, None, None),
    ("BoilerPy3", 0.687, None, None),
    ("Readability", 0.675, 0.825, 0.726),
    ("Goose3", 0.652, None, None),
]

_WORD = re.compile(r"\w+")


def tokenize(text):
    return _WORD.findall(text.lower()) if text else []


def word_f1(pred, gold):
    p_tok, g_tok = tokenize(pred), tokenize(gold)
    if not g_tok:
        return (1.0, 1.0, 1.0) if not p_tok else (0.0, 0.0, 0.0)
    if not p_tok:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(p_tok) & Counter(g_tok)).values())
    p, r = overlap / len(p_tok), overlap / len(g_tok)
    return p, r, (2 * p * r / (p + r) if p + r > 0 else 0.0)


def snippet_rate(text, snippets):
    if not snippets:
        return 1.0
    low = text.lower()
    return sum(1 for s in snippets if s.lower() in low) / len(snippets)


def load_split(data, split, limit):
    gdir = os.path.join(data, split, "ground-truth")
    ids = sorted(f[:-5] for f in os.listdir(gdir) if f.endswith(".json"))
    if limit:
        ids = ids[:limit]
    gold = {}
    for i in ids:
        with open(os.path.join(gdir, i + ".json"), encoding="utf-8") as f:
            g = json.load(f).get("ground_truth") or {}
        gold[i] = {"main_content": g.get("main_content") or "", "with": g.get("with") or [],
                   "without": g.get("without") or [], "title": g.get("title"),
                   "publish_date": g.get("publish_date")}
    return gold


def eval_split(args, argv, split):
    gold = load_split(args.data, split, args.limit)
    paths = {i: os.path.join(args.data, split, "html", i + ".html.gz") for i in gold}
    recs, info = ec.run_extractor(argv, list(paths.values()), list(paths.values()), timeout=args.timeout)
    res = {"split": split, "pages": len(gold), "run": info}
    sums = Counter()
    n_err = n_empty = 0
    meta = {k: [0, 0] for k in ("title", "title_lenient", "date")}
    per_page = []
    for i, g in gold.items():
        rec = recs[paths[i]]
        text = ec.page_text(rec)
        if text is None:
            n_err += 1
        elif not text.strip():
            n_empty += 1
        text = text or ""
        p, r, f1 = word_f1(text, g["main_content"])
        w, wo = snippet_rate(text, g["with"]), snippet_rate(text, g["without"])
        sums.update({"p": p, "r": r, "f1": f1, "with": w, "without": wo})
        page = {"id": i, "precision": p, "recall": r, "f1": f1, "with_rate": w, "without_rate": wo,
                "error": rec.get("error"), "text_chars": len(text)}
        if ec.has_gold(g["title"]):
            for name, fn in (("title", ec.title_exact), ("title_lenient", ec.title_lenient)):
                ok = fn(rec.get("title"), g["title"])
                meta[name][0] += 1
                meta[name][1] += ok
            page["title"] = {"gold": g["title"], "pred": rec.get("title")}
        if ec.norm_date(g["publish_date"]):
            ok = ec.date_ok(rec.get("date"), g["publish_date"])
            meta["date"][0] += 1
            meta["date"][1] += ok
            page["date"] = {"gold": g["publish_date"], "pred": rec.get("date")}
        per_page.append(page)
    n = len(gold) or 1
    res.update({k: sums[k] / n for k in ("p", "r", "f1", "with", "without")})
    res.update({"errors": n_err, "empty": n_empty, "metadata": meta, "per_page": per_page})
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ec.add_common_args(ap)
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--data", default=DATA, help="wcxb-articles directory (default: %(default)s)")
    args = ap.parse_args()
    out = sys.stderr if args.json == "-" else sys.stdout
    argv = ec.extractor_argv(args)
    label = ec.label_of(args)
    splits = ["dev", "test"] if args.split == "both" else [args.split]

    results = {}
    for split in splits:
        r = eval_split(args, argv, split)
        results[split] = r
        info = r["run"]
        print(f"[{split}] {r['pages']} article pages; extractor: {' '.join(argv)}  (run {info['seconds']:.1f} s, "
              f"exit {info['returncode']}, errors/no output {r['errors']}, empty text {r['empty']}, "
              f"retried {info['retried']})", file=out)
        if info["stderr_tail"] and info["returncode"] != 0:
            print(f"  stderr: {info['stderr_tail']}", file=out)

    def fmt(x):
        return "-" if x is None else f"{x:.3f}"

    for split in splits:
        r = results[split]
        col = {"dev": 2, "test": 3}[split]
        print(f"\n== WCXB {split} (article pages: {r['pages']}) ==", file=out)
        rows = [(f">> {label}", fmt(r["p"]), fmt(r["r"]), fmt(r["f1"]),
                 f"{100 * r['with']:.1f}", f"{100 * r['without']:.1f}", "(this run)")]
        if split == "dev":
            pub = [(s[0], "", "", fmt(s[2]), "", "", f"all types {fmt(s[1])}") for s in PUBLISHED if s[2] is not None]
        else:
            pub = [(s[0], "", "", fmt(s[3]), "", "", "all 511 test pages") for s in PUBLISHED if s[3] is not None]
        rows += pub
        rows.sort(key=lambda x: -float(x[3]))
        ec.print_table(["system", "P", "R", "F1", "with%", "without%", "note"], rows, out)
        if split == "dev":
            print("published F1: upstream dev article type (upstream counts 793 article pages; this set has 711)",
                  file=out)
        else:
            print("published F1: upstream test split, ALL page types (511 pages) - only indicative for articles",
                  file=out)
        if args.limit:
            print(f"note: --limit {args.limit}: not comparable to published scores", file=out)
        m = r["metadata"]
        mrows = []
        for name, desc in (("title", "title exact (ws-normalised)"), ("title_lenient", "title (case-insensitive)"),
                           ("date", "date (same YYYY-MM-DD)")):
            n, ok = m[name]
            mrows.append((desc, n, ok, f"{100.0 * ok / n:.1f}" if n else "-"))
        print("", file=out)
        ec.print_table(["metadata", "n gold", "n correct", "%"], mrows, out)

    if args.json:
        ec.dump_json(args.json, {"label": label, "command": argv, "splits": {
            s: {"pages": r["pages"], "precision": r["p"], "recall": r["r"], "f1": r["f1"],
                "with_rate": r["with"], "without_rate": r["without"], "errors": r["errors"],
                "empty": r["empty"], "run": r["run"],
                "metadata": {k: {"n_gold": v[0], "n_correct": v[1]} for k, v in r["metadata"].items()},
                "per_page": r["per_page"]} for s, r in results.items()}})


if __name__ == "__main__":
    main()
