"""No clinical number is written inline in the protocol modules: they all come from the evidence registry.

The test reads every protocol module's tokens and fails on any numeric literal outside a short allow-list of
mathematical ones (zero, one, two and a half, a quarter of a cycle, seconds or milliseconds per minute,
milliseconds per second, per cent). Numbers in docstrings and comments are text, not tokens, and are not
counted. Recognition of which test a recording holds (``recognise_protocol.py``) is dispatch, not scoring, and is
left out here.
"""

from __future__ import annotations

import tokenize
from pathlib import Path

import fibrokit.protocols

MATHEMATICAL = {
    0.0: "zero",
    1.0: "one (a count, a 1-s step)",
    2.0: "two (halves, pairs)",
    0.5: "a half (half-time, a 0.5-s search step)",
    4.0: "a quarter of a breathing cycle as a search step",
    60.0: "seconds per minute",
    60_000.0: "milliseconds per minute",
    1000.0: "milliseconds per second",
    100.0: "per cent",
}
NOT_SCORING = {"recognise_protocol.py"}


def _literals(path: Path) -> list[tuple[int, str]]:
    with path.open("rb") as handle:
        return [
            (token.start[0], token.string)
            for token in tokenize.tokenize(handle.readline)
            if token.type == tokenize.NUMBER
        ]


def test_protocol_modules_hold_no_numeric_literal_outside_the_allow_list() -> None:
    folder = Path(fibrokit.protocols.__file__).parent
    modules = sorted(p for p in folder.glob("*.py") if p.name not in NOT_SCORING)
    assert len(modules) >= 10
    found = [
        f"{path.name}:{line}: {text}"
        for path in modules
        for line, text in _literals(path)
        if float(text.replace("_", "")) not in MATHEMATICAL
    ]
    assert not found, "inline numbers; move them to fibrokit.evidence:\n" + "\n".join(found)


def test_the_check_catches_an_inline_number(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text('"""Heart rate above 120 bpm."""\nLIMIT = 120  # bpm\nHALF = 0.5\n', encoding="utf-8")
    assert _literals(module) == [(2, "120"), (3, "0.5")]
