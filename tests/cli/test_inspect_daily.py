"""``fibrokit inspect`` on every consumer export: each file read, its nights counted per value."""

from __future__ import annotations

import pytest
from tests.conftest import SHARED_DATA
from typer.testing import CliRunner

from fibrokit.cli import app as cli
from fibrokit.cli._app import out as out_console


def test_inspect_reads_every_consumer_file_and_counts_the_nights(monkeypatch: pytest.MonkeyPatch) -> None:
    # The console's width is fixed when it is first made (possibly by an earlier test): widen it for this table.
    monkeypatch.setattr(out_console, "width", 250)
    files = [
        str(f)
        for f in sorted((SHARED_DATA / "consumer").rglob("*"))
        if f.is_file() and not f.name.startswith("LICENSE") and f.suffix != ".md"
    ]
    result = CliRunner(env={"COLUMNS": "250"}).invoke(cli, ["inspect", *files])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Daily and nightly values" in out
    for line in (
        "physiological_cycles.csv",
        "whoop-cycles",
        "32: 2026-06-20 to 2026-07-22",
        "32 nights (RMSSD)",
        "oura-trends",
        "54 nights (RMSSD)",
        "withings-sleep",
        "1 nights (SDNN)",
        "951 days",
        "polar-exercise",
        "oura-heartrate",
    ):
        assert line in out, line
    assert "sleep.csv: 1 night(s) had two sessions" in out
    assert "could not be read" not in out
