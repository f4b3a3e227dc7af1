#!/usr/bin/env python3
"""Story-clustering report: `storyline run` on the human-labelled clustering sets in ../shared/data.

Command, from the repository root:

    python3 eval/cluster_eval.py [--cli PATH] [--sets NAME,...] [--json OUT] [storyline run flags...]

Each set is written to a temporary JSON Lines file (id, title, date, source, url, text; fields the
data lacks are left out), streamed in date order (ties and undated documents by id, since the
clusterer is online), clustered in its own `storyline run` and scored against the gold clusters
with B-cubed and pairwise precision/recall/F1 (the scoring code of eval/cluster_b3.py). Every run
uses the default options; arguments this script does not know are passed unchanged to every
`storyline run`, so that options can be tried, e.g. `eval/cluster_eval.py --join-threshold 0.2`.

Sets ("tuning" sets may be used to choose options, "eval" sets only to report them):

    ecb-train, ecb-dev  tuning  ECB+ train / dev split, gold = event (topic x ecb|ecbplus); no dates
    ecb-test            eval    ECB+ test split (210 docs, 20 events)
    duc2004             eval    DUC 2004 task 2, 50 TDT event clusters; the files are bare text
                                bodies (no headline, date or document id), so no dates are sent
    duc2006, duc2007    tuning  NIST topic clusters (duc-tac-clusters), topics spanning years
    tac2009             tuning  TAC 2009 update task, docset A
    tac2010+2011        eval    TAC 2010 and 2011 guided summarization, docset A, in ONE run
    tac2010, tac2011    eval    the same two, each in a run of its own
    telegram            eval    Telegram contest gold pairs: each pair is a 2-article run, "same
                                story" iff both articles get one story; reported per language

Documents with empty text are skipped (and counted). A DUC/TAC document id that NIST put in more
than one cluster is kept once per cluster, as its own article with the id DOC@CLUSTER.

Exit status: 0 after the report (it is a report, not a test); 1 when the CLI is missing, a
`storyline run` fails or its output lacks an input article; 2 on a bad command line.
"""
import argparse
import collections
import concurrent.futures
import dataclasses
import datetime
import functools
import json
import os
import subprocess
import sys
import tempfile
import time

from cluster_b3 import ROOT, SHARED, pair_scores, scores

ECB_DOCS = os.path.join(SHARED, "ecbplus-event-clusters", "docs.jsonl")
DUC2004_DIR = os.path.join(SHARED, "duc2004-task2")
DUC_TAC_DOCS = os.path.join(SHARED, "duc-tac-clusters", "docs.jsonl")
TELEGRAM_PAIRS = os.path.join(SHARED, "same-story-pairs", "telegram-toloka-gold", "pairs.jsonl")

# Comparison B³-F1 figures; the letters refer to ANCHOR_NOTES.
ANCHORS = {
    "ecb-test": "0.968 [a], 0.875 [b], 0.821 [c]",
    "duc2004": "0.846 [b]",
    "duc2006": "0.810 [c]",
    "duc2007": "0.850 [c]",
    "tac2010+2011": "0.895 [b]",
}
ANCHOR_NOTES = (
    "[a] Barhom et al. 2019: TF-IDF K-means given the oracle k (ecbplus-event-clusters README)",
    "[b] agglomerative TF-IDF clustering, threshold tuned on the same data",
    "[c] single-pass TF-IDF centroid clustering, threshold tuned on the same data (data README)",
)
B3_F1_TARGETS = {"ecb-test": 0.968, "duc2004": 0.95, "tac2010+2011": 0.93}
TELEGRAM_ACCURACY_TARGETS = {"en": 0.90}

# Layouts of the DUC `date_time` field; a time is used only when its date agrees with the doc id's.
DUC_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S")


class EvalError(Exception):
    """A failure that makes the report meaningless (missing CLI, failed run, lost articles)."""


@dataclasses.dataclass
class Doc:
    id: str
    gold: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None

    def record(self):
        """The `storyline run` input object; fields without a value are left out."""
        fields = ("id", "title", "date", "source", "url", "text")
        return {k: getattr(self, k) for k in fields if getattr(self, k)}


@dataclasses.dataclass
class ClusterSet:
    name: str
    role: str
    docs: list
    notes: list


# ---------------------------------------------------------------- loading the sets


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def stream_order(docs):
    """Date order (date-only values sort before timestamps of the same day), then id; undated last."""
    return sorted(docs, key=lambda d: (d.date is None, d.date or "", d.id))


def ecb_set(split):
    docs = [Doc(id=d["doc_id"], gold=d["event_cluster"], title=d["title"], url=d.get("url"),
                text=" ".join(d["sentences"]))
            for d in read_jsonl(ECB_DOCS) if d["split"] == split]
    with_url = sum(1 for d in docs if d.url)
    return docs, [f"no dates in ECB+ (streamed in id order); url given for {with_url} docs"]


def duc2004_set():
    docs, empty = [], 0
    with open(os.path.join(DUC2004_DIR, "clusters.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    for cluster, doc_file, _ in rows:
        with open(os.path.join(DUC2004_DIR, "docs", cluster, doc_file), encoding="utf-8") as f:
            text = f.read().strip()
        if text:
            docs.append(Doc(id=f"{cluster}/{doc_file}", gold=cluster, text=text))
        else:
            empty += 1
    return docs, [f"{empty} empty files skipped; files are bare text bodies (no headline, date or "
                  "doc id), so no title or date is sent and documents stream in id order"]


@functools.cache
def duc_tac_rows():
    return read_jsonl(DUC_TAC_DOCS)


def duc_timestamp(row):
    """ISO timestamp from `date_time` when it parses and falls on `date` (the doc id's day), else None.

    Some DUC headers swap day and month (1998-30-06) or give the previous day (time zones)."""
    for fmt in DUC_TIME_FORMATS:
        try:
            stamp = datetime.datetime.strptime(row.get("date_time") or "", fmt)
        except ValueError:
            continue
        return stamp.isoformat() if stamp.date().isoformat() == row["date"] else None
    return None


def duc_tac_set(datasets):
    rows = [r for r in duc_tac_rows() if r["dataset"] in datasets]
    empty = [r for r in rows if not r["text"].strip()]
    rows = [r for r in rows if r["text"].strip()]
    per_id = collections.Counter(r["doc_id"] for r in rows)
    docs, timestamps = [], 0
    for r in rows:
        stamp = duc_timestamp(r)
        timestamps += stamp is not None
        doc_id = r["doc_id"] if per_id[r["doc_id"]] == 1 else f"{r['doc_id']}@{r['cluster_id']}"
        docs.append(Doc(id=doc_id, gold=r["cluster_id"], title=r["headline"] or None,
                        date=stamp or r["date"], source=r["source"], text=r["text"]))
    notes = [f"{len(empty)} docs with empty text skipped"] if empty else []
    shared = [n for n in per_id.values() if n > 1]
    if shared:
        notes.append(f"{len(shared)} doc ids in more than one cluster, kept once per cluster as "
                     f"{sum(shared)} articles with the id DOC@CLUSTER")
    notes.append(f"dates: {timestamps} full timestamps, {len(docs) - timestamps} days from the doc id")
    return docs, notes


SETS = {  # name: (role, loader)
    "ecb-train": ("tuning", lambda: ecb_set("train")),
    "ecb-dev": ("tuning", lambda: ecb_set("dev")),
    "ecb-test": ("eval", lambda: ecb_set("test")),
    "duc2004": ("eval", duc2004_set),
    "duc2006": ("tuning", lambda: duc_tac_set({"duc2006"})),
    "duc2007": ("tuning", lambda: duc_tac_set({"duc2007"})),
    "tac2009": ("tuning", lambda: duc_tac_set({"tac2009"})),
    "tac2010+2011": ("eval", lambda: duc_tac_set({"tac2010", "tac2011"})),
    "tac2010": ("eval", lambda: duc_tac_set({"tac2010"})),
    "tac2011": ("eval", lambda: duc_tac_set({"tac2011"})),
}
TELEGRAM = "telegram"


def load_set(name):
    role, loader = SETS[name]
    docs, notes = loader()
    return ClusterSet(name, role, stream_order(docs), notes)


# ---------------------------------------------------------------- running storyline


def run_storyline(cli, records, extra, workdir):
    """Clusters `records` in one `storyline run`; returns ({input id: story}, wall seconds)."""
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        raise EvalError(f"duplicate input ids in {workdir}")
    os.makedirs(workdir)
    path = os.path.join(workdir, "input.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = os.path.join(workdir, "out")
    start = time.monotonic()
    proc = subprocess.run([cli, "run", path, "-o", out, "-q", *extra],
                          capture_output=True, text=True)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        raise EvalError(f"`storyline run` exited {proc.returncode}:\n{proc.stderr.strip()}")
    return read_stories(os.path.join(out, "articles.jsonl"), ids), seconds


def read_stories(path, ids):
    """{id: story} from articles.jsonl, failing unless it holds exactly the input ids.

    The pipeline renames repeated ids (a, a~2) and skips unusable records, so anything but an
    exact match means the mapping to the gold labels would be wrong."""
    stories = {}
    for d in read_jsonl(path):
        if d["id"] in stories:
            raise EvalError(f"{path}: id {d['id']!r} appears twice")
        stories[d["id"]] = d["story"]
    missing = [i for i in ids if i not in stories]
    unexpected = sorted(set(stories) - set(ids))
    if missing or unexpected:
        raise EvalError(f"{path}: {len(missing)} input articles missing (e.g. {missing[:5]}), "
                        f"{len(unexpected)} unexpected ids (e.g. {unexpected[:5]})")
    return stories


def evaluate_set(cli, cset, extra, tmp):
    stories, seconds = run_storyline(cli, [d.record() for d in cset.docs], extra,
                                     os.path.join(tmp, cset.name))
    gold = {d.id: d.gold for d in cset.docs}
    b3_p, b3_r, b3_f, _, predicted, gold_clusters = scores(gold, stories)
    pair_p, pair_r, pair_f = pair_scores(gold, stories)
    return {"set": cset.name, "role": cset.role, "docs": len(cset.docs),
            "gold_clusters": gold_clusters, "predicted_clusters": predicted,
            "b3": {"p": b3_p, "r": b3_r, "f1": b3_f},
            "pairwise": {"p": pair_p, "r": pair_r, "f1": pair_f},
            "seconds": seconds, "anchor_b3_f1": ANCHORS.get(cset.name),
            "target_b3_f1": B3_F1_TARGETS.get(cset.name), "notes": cset.notes}


# ---------------------------------------------------------------- Telegram pairs


def pair_records(pair):
    return [{"id": side, "title": pair[f"{side}_title"], "text": pair[f"{side}_text"]}
            for side in ("first", "second")]


def judge_pairs(cli, pairs, extra, tmp):
    """[(pair, predicted same story)] and total wall seconds, two runs at a time."""
    def judge(index):
        stories, _ = run_storyline(cli, pair_records(pairs[index]), extra,
                                   os.path.join(tmp, f"{TELEGRAM}-{index}"))
        return stories["first"] == stories["second"]

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        same = list(pool.map(judge, range(len(pairs))))
    return list(zip(pairs, same)), time.monotonic() - start


def binary_scores(judged):
    """Accuracy and precision/recall/F1 of the positive class ("same story")."""
    tp = sum(1 for p, same in judged if same and p["label"] == 1)
    fp = sum(1 for p, same in judged if same and p["label"] == 0)
    fn = sum(1 for p, same in judged if not same and p["label"] == 1)
    correct = sum(1 for p, same in judged if same == (p["label"] == 1))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": len(judged), "positives": tp + fn, "predicted_positives": tp + fp,
            "accuracy": correct / len(judged), "p": precision, "r": recall, "f1": f1}


def evaluate_telegram(cli, extra, tmp):
    pairs = read_jsonl(TELEGRAM_PAIRS)
    judged, seconds = judge_pairs(cli, pairs, extra, tmp)
    rows = []
    for lang in ("en", "ru", "all"):
        subset = [j for j in judged if lang in ("all", j[0]["lang"])]
        rows.append({"lang": lang, **binary_scores(subset),
                     "target_accuracy": TELEGRAM_ACCURACY_TARGETS.get(lang)})
    repeated = len(pairs) - len({(p["first_url"], p["second_url"]) for p in pairs})
    return {"rows": rows, "seconds": seconds, "repeated_pairs": repeated}


# ---------------------------------------------------------------- report


def command_output(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def environment(cli, extra):
    commit = command_output(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]) or "unknown"
    if command_output(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"]):
        commit += " + uncommitted changes"
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"storyline": command_output([cli, "--version"]) or "unknown", "cli": cli,
            "commit": commit, "nproc": len(os.sched_getaffinity(0)), "cpu": cpu,
            "run_flags": extra, "date": datetime.datetime.now().isoformat(timespec="seconds")}


def target_cell(value, target):
    if target is None:
        return ""
    return f"≥ {target:.3f} {'met' if value >= target else 'missed'}"


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def print_header(env):
    print("# Story clustering — eval/cluster_eval.py\n")
    print(f"- {env['storyline']} ({env['cli']}), commit {env['commit']}")
    print(f"- machine: {env['nproc']} CPUs, {env['cpu']}")
    flags = " ".join(env["run_flags"]) or "none (defaults)"
    print(f"- extra `storyline run` flags: {flags}; input streamed in date order, then id\n")


def print_cluster_table(results):
    header = ["set", "role", "docs", "gold", "pred", "B³-P", "B³-R", "B³-F1",
              "pair-P", "pair-R", "pair-F1", "run s", "anchor B³-F1", "target B³-F1"]
    rows = [[r["set"], r["role"], r["docs"], r["gold_clusters"], r["predicted_clusters"],
             *(f"{r[k][m]:.3f}" for k in ("b3", "pairwise") for m in ("p", "r", "f1")),
             f"{r['seconds']:.2f}", r["anchor_b3_f1"] or "",
             target_cell(r["b3"]["f1"], r["target_b3_f1"])] for r in results]
    print(markdown_table(header, rows))
    print()
    shown = " ".join(r["anchor_b3_f1"] or "" for r in results)
    notes = [note for note in ANCHOR_NOTES if note.split()[0] in shown]
    if notes:
        print("  \n".join(notes) + "\n")
    for r in results:
        print(f"- {r['set']}: {'; '.join(r['notes'])}")
    print()


def print_telegram_table(telegram):
    header = ["lang", "pairs", "same story", "predicted same", "accuracy", "P", "R", "F1",
              "target accuracy"]
    rows = [[r["lang"], r["pairs"], r["positives"], r["predicted_positives"],
             *(f"{r[k]:.3f}" for k in ("accuracy", "p", "r", "f1")),
             target_cell(r["accuracy"], r["target_accuracy"])] for r in telegram["rows"]]
    print("Telegram gold pairs (telegram-toloka-gold; one 2-article run per pair, title + text, "
          "no dates):\n")
    print(markdown_table(header, rows))
    pairs = telegram["rows"][-1]["pairs"]
    print(f"\n{pairs} runs in {telegram['seconds']:.1f} s (2 at a time); "
          f"{telegram['repeated_pairs']} URL pairs occur twice in the data and count twice\n")


# ---------------------------------------------------------------- main


def dump_sets(names, out_dir):
    """Writes the inputs with their gold labels, for the trainer; skips the Telegram pairs."""
    os.makedirs(out_dir, exist_ok=True)
    for name in names:
        if name == TELEGRAM:
            continue
        cset = load_set(name)
        path = os.path.join(out_dir, f"{name}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in cset.docs:
                f.write(json.dumps({**d.record(), "gold": d.gold}, ensure_ascii=False) + "\n")
        print(f"{path}: {len(cset.docs)} docs ({cset.role})")
    return 0


def parse_args():
    ap = argparse.ArgumentParser(
        description="B-cubed / pairwise scores of `storyline run` on the shared clustering sets.",
        epilog="Unrecognised arguments are passed to every `storyline run`.", allow_abbrev=False)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "cli", "storyline"),
                    help="storyline binary (default: build/cli/storyline)")
    names = [*SETS, TELEGRAM]
    ap.add_argument("--sets", default=",".join(names),
                    help="comma-separated sets to run (default: all): " + ", ".join(names))
    ap.add_argument("--json", metavar="OUT", help="also write all figures to this JSON file")
    ap.add_argument("--dump", metavar="DIR",
                    help="write each selected clustering set's input, in stream order and with "
                         "its gold label in a `gold` field, to DIR/<set>.jsonl (for "
                         "eval/cluster_train) and run nothing")
    args, extra = ap.parse_known_args()
    args.sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in args.sets if s not in names]
    if unknown:
        ap.error(f"unknown sets {unknown}; choose from {names}")
    return args, extra


def main():
    args, extra = parse_args()
    if not (os.path.isfile(args.cli) and os.access(args.cli, os.X_OK)):
        print(f"error: storyline CLI not found at {args.cli} (build it: scripts/build.sh)",
              file=sys.stderr)
        return 1
    if args.dump:
        return dump_sets(args.sets, args.dump)
    env = environment(args.cli, extra)
    print_header(env)
    start = time.monotonic()
    results, telegram = [], None
    try:
        with tempfile.TemporaryDirectory(prefix="cluster_eval_") as tmp:
            for name in args.sets:
                if name == TELEGRAM:
                    telegram = evaluate_telegram(args.cli, extra, tmp)
                else:
                    results.append(evaluate_set(args.cli, load_set(name), extra, tmp))
    except EvalError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if results:
        print_cluster_table(results)
    if telegram:
        print_telegram_table(telegram)
    total = time.monotonic() - start
    print(f"total {total:.1f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"environment": env, "sets": results, "telegram": telegram,
                       "seconds": total}, f, indent=2, ensure_ascii=False)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
