#!/usr/bin/env python3
"""Score `storyline extract` on the trafilatura evaluation set (990 pages, snippet metric).

Data: ../shared/data/trafilatura-eval (evaldata.json + html/<file>.gz), see its README.md.
Metric (upstream tests/eval_common.py, count_item + ConfusionMatrix): whitespace-normalise
(collapse \\s+ to one space, strip) the output and every snippet; per document tp = "with"
snippets found as substrings, fn = the others, fp = "without" snippets found, tn = the others.
A crash, error or empty output finds nothing, so all "with" are fn and all "without" are tn.
Counts are summed over all documents; P = tp/(tp+fp), R = tp/(tp+fn),
Accuracy = (tp+tn)/all, F1 = 2PR/(P+R) (each 0 when its denominator is 0, as upstream).

Metadata, on documents whose gold field is non-empty:
  title  exact after whitespace normalisation; "lenient" additionally ignores case
  date   same YYYY-MM-DD prefix (gold '2022-11-1' is read as 2022-11-01)
  author case-insensitive equality or containment either way, after whitespace normalisation
         (list-valued gold: any name)

The pages are gunzipped (names kept) into a temporary directory and the extractor runs once
over that directory; its lines are matched to documents via `input`.

Usage:
  eval/extract_trafilatura.py                         # build/cli/storyline extract
  eval/extract_trafilatura.py --limit 50              # quick run on the first 50 documents
  eval/extract_trafilatura.py --extractor-cmd "python3 other.py" --json per_doc.json
"""
import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import extract_common as ec  # noqa: E402

DATA = os.path.join(ec.SHARED, "trafilatura-eval")

# trafilatura docs/evaluation.rst (2026-08-04, 990 docs), as listed in the data README.
PUBLISHED = [
    ("trafilatura 2.2.0 (standard)", 0.906, 0.943, 0.923, 0.924),
    ("trafilatura 2.2.0 (precision)", 0.925, 0.915, 0.921, 0.920),
    ("trafilatura 2.2.0 (fast)", 0.907, 0.930, 0.917, 0.918),
    ("magic-html 0.1.8", 0.887, 0.891, 0.889, 0.889),
    ("justext 3.0.2 (custom)", 0.864, 0.859, 0.862, 0.862),
    ("news-please 1.6.16", 0.932, 0.758, 0.852, 0.836),
    ("readability-lxml 0.8.4.1", 0.898, 0.764, 0.839, 0.826),
    ("baseline (text markup)", 0.767, 0.869, 0.803, 0.815),
    ("resiliparse 1.0.9", 0.705, 0.955, 0.778, 0.811),
    ("goose3 3.1.22", 0.936, 0.714, 0.833, 0.810),
    ("boilerpy3 1.0.7 (article)", 0.818, 0.796, 0.810, 0.807),
    ("newspaper4k 0.9.6", 0.878, 0.736, 0.817, 0.801),
    ("inscriptis 2.7.4", 0.534, 0.991, 0.564, 0.694),
    ("raw HTML", 0.528, 0.906, 0.549, 0.667),
]


def count_item(item, result):
    """(tp, fp, fn, tn) for one document; result None = crash/error (finds nothing)."""
    if isinstance(result, str):
        resn = ec.norm_ws(result)
        found_with = [w for w in item["with"] if ec.norm_ws(w) in resn]
        found_without = [w for w in item["without"] if ec.norm_ws(w) in resn]
    else:
        found_with, found_without = [], []
    tp, fp = len(found_with), len(found_without)
    return (tp, fp, len(item["with"]) - tp, len(item["without"]) - fp), found_with, found_without


def scores(tp, fp, fn, tn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fp + fn + tn
    acc = (tp + tn) / total if total else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0  # == 2PR/(P+R)
    return p, r, acc, f1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ec.add_common_args(ap)
    ap.add_argument("--data", default=DATA, help="trafilatura-eval directory (default: %(default)s)")
    args = ap.parse_args()
    out = sys.stderr if args.json == "-" else sys.stdout
    argv = ec.extractor_argv(args)

    with open(os.path.join(args.data, "evaldata.json"), encoding="utf-8") as f:
        evaldata = json.load(f)
    items = list(evaldata.items())
    if args.limit:
        items = items[:args.limit]

    tmp = tempfile.mkdtemp(prefix="storyline-trafeval-")
    try:
        paths = {}
        for url, item in items:
            dst = os.path.join(tmp, item["file"])
            with gzip.open(os.path.join(args.data, "html", item["file"] + ".gz"), "rb") as src, \
                    open(dst, "wb") as d:
                shutil.copyfileobj(src, d)
            paths[url] = dst
        recs, info = ec.run_extractor(argv, [tmp], list(paths.values()), timeout=args.timeout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    tot = [0, 0, 0, 0]
    n_err = n_empty = 0
    meta = {k: [0, 0] for k in ("title", "title_lenient", "date", "author")}  # [n gold, n correct]
    per_doc = []
    for url, item in items:
        rec = recs[paths[url]]
        text = ec.page_text(rec)
        if text is None:
            n_err += 1
        elif not text.strip():
            n_empty += 1
        counts, fw, fwo = count_item(item, text)
        for i in range(4):
            tot[i] += counts[i]
        doc = {"url": url, "file": item["file"], "tp": counts[0], "fp": counts[1], "fn": counts[2],
               "tn": counts[3], "missed_with": [w for w in item["with"] if w not in fw],
               "found_without": fwo, "error": rec.get("error"), "text_chars": len(text or "")}
        checks = [("title", ec.title_exact, "title"), ("title_lenient", ec.title_lenient, "title"),
                  ("date", ec.date_ok, "date"), ("author", ec.author_ok, "author")]
        for name, fn, field in checks:
            if ec.has_gold(item.get(field)):
                ok = fn(rec.get(field), item[field])
                meta[name][0] += 1
                meta[name][1] += ok
                doc[name + "_ok"] = ok
        for field in ("title", "date", "author"):
            if ec.has_gold(item.get(field)):
                doc[field] = {"gold": item[field], "pred": rec.get(field)}
        per_doc.append(doc)

    label = ec.label_of(args)
    tp, fp, fn, tn = tot
    p, r, acc, f1 = scores(*tot)
    print(f"trafilatura eval set: {len(items)} docs, {sum(len(i['with']) for _, i in items)} 'with' + "
          f"{sum(len(i['without']) for _, i in items)} 'without' snippets", file=out)
    print(f"extractor: {' '.join(argv)}   (run {info['seconds']:.1f} s, exit {info['returncode']}, "
          f"errors/no output {n_err}, empty text {n_empty}, retried {info['retried']})", file=out)
    if info["stderr_tail"] and info["returncode"] not in (0,):
        print(f"  stderr: {info['stderr_tail']}", file=out)
    print(f"tp {tp}  fp {fp}  fn {fn}  tn {tn}\n", file=out)
    rows = [(f">> {label}", f"{p:.3f}", f"{r:.3f}", f"{acc:.3f}", f"{f1:.3f}")]
    rows += [(n, f"{a:.3f}", f"{b:.3f}", f"{c:.3f}", f"{d:.3f}") for n, a, b, c, d in PUBLISHED]
    rows.sort(key=lambda x: -float(x[4]))
    ec.print_table(["system", "P", "R", "Acc", "F1"], rows, out)
    if len(items) != len(evaldata):
        print(f"\nnote: --limit {args.limit}: published scores are on all {len(evaldata)} docs, "
              "not comparable", file=out)
    else:
        print("\npublished: trafilatura docs/evaluation.rst, 2026-08-04, 990 docs", file=out)

    print("\nmetadata (documents with gold):", file=out)
    mrows = []
    for name, desc in (("title", "title (exact, ws-normalised)"), ("title_lenient", "title (case-insensitive)"),
                       ("date", "date (same YYYY-MM-DD)"), ("author", "author (ci match/containment)")):
        n, ok = meta[name]
        mrows.append((desc, n, ok, f"{100.0 * ok / n:.1f}" if n else "-"))
    ec.print_table(["field", "n gold", "n correct", "%"], mrows, out)

    if args.json:
        ec.dump_json(args.json, {"label": label, "command": argv, "docs": len(items),
                                 "counts": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
                                 "scores": {"precision": p, "recall": r, "accuracy": acc, "f1": f1},
                                 "metadata": {k: {"n_gold": v[0], "n_correct": v[1]} for k, v in meta.items()},
                                 "run": info, "per_doc": per_doc})


if __name__ == "__main__":
    main()
