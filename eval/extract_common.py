"""Shared plumbing for the `storyline extract` evaluations (extract_trafilatura.py, extract_wcxb.py).

Standard library only. Runs an extractor that speaks the `storyline extract` JSON-lines protocol
(one object per page on stdout: input, title, date, author, site, url, lang, text, error) and
provides the metadata comparisons shared by both evaluations.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
DEFAULT_CLI = os.path.join(ROOT, "build", "cli", "storyline")


def add_common_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cli", default=DEFAULT_CLI,
                   help="storyline binary; runs `CLI extract PATH...` (default: build/cli/storyline)")
    p.add_argument("--extractor-cmd", metavar="CMD",
                   help="any other command speaking the same JSON-lines protocol; paths are appended "
                        "(e.g. \"python3 /tmp/standin.py\"); overrides --cli")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N documents (quick runs)")
    p.add_argument("--timeout", type=float, default=3600.0,
                   help="seconds allowed for one extractor run (default 3600)")
    p.add_argument("--label", help="name of our row in the tables (default: derived from the command)")
    p.add_argument("--json", metavar="FILE", help="write per-document results as JSON ('-' = stdout)")


def extractor_argv(args) -> list:
    if args.extractor_cmd:
        return shlex.split(args.extractor_cmd)
    if not os.path.exists(args.cli):
        sys.exit(f"error: {args.cli} not found (build it, or pass --cli / --extractor-cmd)")
    return [args.cli, "extract"]


def label_of(args) -> str:
    if args.label:
        return args.label
    if args.extractor_cmd:
        return os.path.basename(shlex.split(args.extractor_cmd)[-1])
    return "storyline extract"


def _key(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _run_once(argv, targets, timeout):
    """Run argv + targets; return (records by normalised input path, returncode, stderr tail, bad lines)."""
    recs, bad = {}, 0
    try:
        proc = subprocess.run(argv + list(targets), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
        out, err, rc = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as e:
        out, err, rc = e.stdout or b"", e.stderr or b"", "timeout"
    except OSError as e:
        return {}, f"cannot start: {e}", "", 0
    # JSON Lines records end at "\n" only: str.splitlines() would also split at U+0085 and
    # U+2028 inside strings.
    for line in out.decode("utf-8", "replace").split("\n"):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if isinstance(rec, dict) and isinstance(rec.get("input"), str):
            recs[_key(rec["input"])] = rec
        else:
            bad += 1
    tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
    return recs, rc, " | ".join(tail), bad


def run_extractor(argv, targets, expected, timeout=3600.0, retry_missing=True):
    """Run the extractor once over `targets` (dirs or files) and map its lines to `expected` files.

    Returns ({expected path: record}, info). Lines are matched on their `input` field (normalised
    absolute path, falling back to a unique basename). If the run dies part-way, files without a
    line are retried in smaller batches, then one by one, so one crashing page does not zero the
    rest; files that still produce nothing get a synthetic {"error": ...} record (= crash).
    """
    t0 = time.perf_counter()
    recs, rc, err, bad = _run_once(argv, targets, timeout)
    wall = time.perf_counter() - t0
    info = {"seconds": wall, "returncode": rc, "stderr_tail": err, "bad_lines": bad, "retried": 0}

    by_base = {}
    for k, r in recs.items():
        by_base.setdefault(os.path.basename(k), []).append(r)

    def lookup(path):
        r = recs.get(_key(path))
        if r is None:
            cands = by_base.get(os.path.basename(path), [])
            r = cands[0] if len(cands) == 1 else None
        return r

    result, missing = {}, []
    for path in expected:
        r = lookup(path)
        if r is None:
            missing.append(path)
        else:
            result[path] = r

    if missing and retry_missing:
        info["retried"] = len(missing)
        pending = missing
        hopeless = not recs  # nothing at all came out: retry only if a first batch works
        for size in (64, 1):
            still = []
            for i in range(0, len(pending), size):
                chunk = pending[i:i + size]
                more, _, _, _ = _run_once(argv, chunk, min(timeout, 120.0 * len(chunk)))
                if hopeless and not more:
                    still = pending  # the extractor produces nothing at all: give up
                    break
                hopeless = False
                for path in chunk:
                    r = more.get(_key(path))
                    if r is None:
                        still.append(path)
                    else:
                        result[path] = r
            pending = still
            if not pending or hopeless:
                break
        missing = pending
    for path in missing:
        result[path] = {"input": path, "error": "no output line (extractor crashed or skipped the file)"}
    info["missing"] = len(missing)
    return result, info


def page_text(rec):
    """Extracted text, or None when the page failed (error field / no text)."""
    if rec is None or rec.get("error"):
        return None
    t = rec.get("text")
    return t if isinstance(t, str) else None


# ---- metadata comparisons -------------------------------------------------------------------

def norm_ws(s) -> str:
    return re.sub(r"\s+", " ", s).strip() if isinstance(s, str) else ""


_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def norm_date(s):
    """YYYY-MM-DD prefix of an ISO-ish date string ('2022-11-1' -> '2022-11-01'), else None."""
    m = _DATE.match(s) if isinstance(s, str) else None
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def title_exact(pred, gold) -> bool:
    return bool(norm_ws(gold)) and norm_ws(pred) == norm_ws(gold)


def title_lenient(pred, gold) -> bool:
    return bool(norm_ws(gold)) and norm_ws(pred).casefold() == norm_ws(gold).casefold()


def date_ok(pred, gold) -> bool:
    g = norm_date(gold)
    return g is not None and norm_date(pred) == g


def author_ok(pred, gold) -> bool:
    """Case-insensitive equality or containment (either way) after whitespace normalisation.
    A list-valued gold counts as correct if any of its names matches."""
    golds = gold if isinstance(gold, list) else [gold]
    p = norm_ws(pred).casefold()
    if not p:
        return False
    for g in golds:
        g = norm_ws(g).casefold()
        if g and (p == g or g in p or p in g):
            return True
    return False


def has_gold(v) -> bool:
    if isinstance(v, list):
        return any(norm_ws(x) for x in v)
    return bool(norm_ws(v))


def print_table(headers, rows, out=sys.stdout):
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    fmt = "  ".join(("{:<%d}" if i == 0 else "{:>%d}") % w for i, w in enumerate(widths))
    print(fmt.format(*headers), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for r in cells:
        print(fmt.format(*r), file=out)


def dump_json(path, obj):
    if path == "-":
        json.dump(obj, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1)
        print(f"per-document results written to {path}", file=sys.stderr)
