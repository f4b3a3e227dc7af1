#!/usr/bin/python3
"""readability-lxml peer: one process, loops over every file in DIR (sorted), parsing included.

For each page: read bytes, Document(bytes).summary() (readability parses and scores the page),
then turn the summary HTML into plain text with lxml (text_content). Prints one JSON summary
line: tool, pages, bytes, seconds (loop only, after imports), nonempty (pages with text).
Uses the Debian package python3-readability, so run it with /usr/bin/python3.
"""
import json
import os
import sys
import time

import lxml.html
import readability
from readability import Document


def main():
    d = sys.argv[1]
    files = sorted(os.path.join(d, f) for f in os.listdir(d))
    nonempty = nbytes = 0
    t0 = time.perf_counter()
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        nbytes += len(data)
        try:
            summary = Document(data).summary(html_partial=True)
            text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        except Exception:  # count as an empty output
            text = ""
        nonempty += bool(text.strip())
    secs = time.perf_counter() - t0
    try:
        from importlib.metadata import version
        ver = version("readability-lxml")
    except Exception:
        ver = getattr(readability, "__version__", "?")
    print(json.dumps({"tool": f"readability-lxml {ver} (CPython {sys.version.split()[0]})",
                      "pages": len(files), "bytes": nbytes, "seconds": secs, "nonempty": nonempty}))


if __name__ == "__main__":
    main()
