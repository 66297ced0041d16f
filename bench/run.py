"""Run benchmarks side by side with their peers and write the results into docs/benchmarks.md.

Each ``bench/bench_<topic>.py`` module has ``run(quick: bool) -> str`` returning a Markdown section; this script
replaces that topic's section in docs/benchmarks.md (between ``<!-- bench:<topic> -->`` markers), so topics
can be re-measured one at a time:

    .venv/bin/python bench/run.py hrv          # one topic
    .venv/bin/python bench/run.py              # all topics
"""

from __future__ import annotations

import argparse
import importlib
import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "benchmarks.md"
TOPICS = ("startup", "hrv", "neurokit", "readers", "cohort", "app", "export")

_INTRO = """# Benchmarks

Speed goals and how fibrokit compares with its peers on the same input, reported as ratios. Regenerate a topic
with `.venv/bin/python bench/run.py TOPIC`. Timings are medians of repeated runs on the machine named in each
section; tests never assert on time. Memory is always the measured process's own peak: each side runs in a fresh
process under `/usr/bin/time` (`bench/_measure.py`), because on Linux a child started from the benchmark inherits
the benchmark's peak in `ru_maxrss` (a test shows the method used here does not). Sections measured while other
work shared the machine say so; their ratios compare sides measured in turn in the same run.
"""


def _machine() -> str:
    import os

    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("topics", nargs="*", default=list(TOPICS))
    parser.add_argument("--quick", action="store_true", help="smaller samples (for a smoke run)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    page = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else _INTRO
    for topic in args.topics:
        module = importlib.import_module(f"bench_{topic}")
        body = module.run(quick=args.quick).strip() + f"\n\n*Machine: {_machine()}.*\n"
        section = f"<!-- bench:{topic} -->\n{body}<!-- /bench:{topic} -->"
        pattern = re.compile(rf"<!-- bench:{topic} -->.*?<!-- /bench:{topic} -->", re.DOTALL)
        if pattern.search(page):
            page = pattern.sub(lambda _match, text=section: text, page)
        else:
            page = page.rstrip() + "\n\n" + section + "\n"
        print(body)
    PAGE.write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
