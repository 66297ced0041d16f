"""Measure recognition on the labelled corpus and write its confusion matrix into docs/protocols.md.

Run from the project root: ``PYTHONPATH=src python scripts/recognition_matrix.py``. The test
tests/protocols/test_recognition_matrix.py checks the page shows what this measures. With ``--held-out`` it only
prints the matrix of the held-out seeds (people and recordings never used while choosing the thresholds); with
``--seeds PEOPLE FIRST [PER_GROUP]`` that of the simulated recordings of any other seeds.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    # Loaded by path: an installed package named "tests" would shadow the project's test folder.
    spec = importlib.util.spec_from_file_location(
        "recognition_corpus", ROOT / "tests/protocols/recognition_corpus.py"
    )
    assert spec is not None
    assert spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    sys.modules["recognition_corpus"] = corpus
    spec.loader.exec_module(corpus)
    args = sys.argv[1:]
    # --seeds PEOPLE FIRST [PER_GROUP]: print the matrix of any other set, e.g. 71 90000 40.
    if "--seeds" in args:
        values = [int(v) for v in args[args.index("--seeds") + 1 :]]
        per_group = values[2] if len(values) > 2 else 20
        print(corpus.matrix_markdown(corpus.confusion(corpus.simulated(per_group, values[0], values[1]))))
        return 0
    if "--held-out" in args:
        print(
            corpus.matrix_markdown(
                corpus.full_table(ROOT.parent / "shared" / "data", seeds=corpus.HELD_OUT_SEEDS)
            )
        )
        return 0
    page = ROOT / "docs" / "protocols.md"
    text = page.read_text(encoding="utf-8")
    before, rest = text.split(corpus.MARK_START)
    _, after = rest.split(corpus.MARK_END)
    table = corpus.matrix_markdown(corpus.full_table(ROOT.parent / "shared" / "data"))
    page.write_text(f"{before}{corpus.MARK_START}\n{table}\n{corpus.MARK_END}{after}", encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
