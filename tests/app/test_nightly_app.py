"""A person with only a ring's export: readiness and baseline in the app and the command line."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from tests.app.conftest import Personas, run_imports
from tests.conftest import shared_file
from typer.testing import CliRunner

from fibrokit.cli import app as cli

OURA = "consumer/oura/mohdasti__Wearable-comparative-analysis/oura_2026-05-22_2026-07-23_trends.csv"
WHOOP = "consumer/whoop/mohdasti__Wearable-comparative-analysis/physiological_cycles.csv"

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _upload(personas: Personas, *names: str) -> None:
    owner = personas.owner
    files = [("files", (Path(n).name, io.BytesIO(shared_file(n).read_bytes()))) for n in names]
    response = owner.client.post(f"/p/{owner.user_id}/imports", data={"csrf_token": owner.csrf}, files=files)
    assert response.status_code == 303


def test_a_ring_only_person_gets_a_readiness_from_the_rings_nights(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    _upload(personas, OURA)
    assert run_imports(app) == 1
    page = owner.client.get(f"/p/{owner.user_id}")
    assert page.status_code == 200
    assert "Latest morning, from your device" in page.text
    assert "From Oura Ring&#39;s night (RMSSD)" in page.text
    level = re.search(r'class="level level-[a-z-]+">([a-z ]+)<', page.text)
    assert level is not None
    assert level.group(1) in {"stable", "watch", "out of balance"}
    assert "2026-07-22" in page.text
    assert "Nights and days from your devices" in page.text


def test_the_person_chooses_the_baselines_source(app: FastAPI, personas: Personas) -> None:
    owner = personas.owner
    _upload(personas, OURA, WHOOP)
    assert run_imports(app) == 2
    before = owner.client.get(f"/p/{owner.user_id}").text
    assert '<option value="oura" selected>' in before
    chosen = owner.client.post(
        f"/p/{owner.user_id}/nightly-source", data={"csrf_token": owner.csrf, "source": "whoop"}
    )
    assert chosen.status_code == 303
    after = owner.client.get(f"/p/{owner.user_id}").text
    assert '<option value="whoop" selected>' in after
    assert "From WHOOP&#39;s night (RMSSD)" in after
    refused = owner.client.post(
        f"/p/{owner.user_id}/nightly-source", data={"csrf_token": owner.csrf, "source": "garmin"}
    )
    assert refused.status_code == 400
    stranger = personas.stranger.client.post(
        f"/p/{owner.user_id}/nightly-source", data={"csrf_token": personas.stranger.csrf, "source": "oura"}
    )
    assert stranger.status_code == 404


def test_the_command_line_judges_a_rings_export_and_the_stored_nights(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    from_file = runner.invoke(cli, ["pace", "readiness", str(shared_file(OURA))])
    assert from_file.exit_code == 0, from_file.output
    lines = [line for line in from_file.output.splitlines() if line.startswith("2026-")]
    assert len(lines) == 54
    assert "building baseline: From Oura Ring's night (RMSSD): " in lines[0]
    assert "From Oura Ring's night (RMSSD)" in lines[-1]
    mixed = runner.invoke(
        cli, ["pace", "readiness", str(shared_file(OURA)), str(shared_file("polar/rest_rri.txt"))]
    )
    assert mixed.exit_code != 0
    assert "not both" in str(mixed.exception)
    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "data"))
    runner.invoke(cli, ["user", "add", "ring@example.org", "--password-stdin"], input="a long password\n")
    assert runner.invoke(cli, ["import", str(shared_file(OURA))]).exit_code == 0
    today = runner.invoke(cli, ["pace", "today", "--date", "2026-07-22"])
    assert today.exit_code == 0, today.output
    assert "From Oura Ring's night (RMSSD)" in today.output
    assert runner.invoke(cli, ["import", str(shared_file(WHOOP))]).exit_code == 0
    listed = runner.invoke(cli, ["pace", "nights"])
    assert (
        "oura: Oura Ring, 58 days from 2026-05-26 to 2026-07-22, HRV as RMSSD  <- your baseline"
        in listed.output
    )
    switched = runner.invoke(cli, ["pace", "nights", "--use", "whoop"])
    assert (
        "whoop: WHOOP, 32 days from 2026-06-20 to 2026-07-22, HRV as RMSSD  <- your baseline"
        in switched.output
    )
    refused = runner.invoke(cli, ["pace", "nights", "--use", "garmin"])
    assert refused.exit_code != 0
    assert "no nights from 'garmin'" in str(refused.exception)


def test_the_report_shows_each_devices_nights_apart_with_the_device_named(
    app: FastAPI, personas: Personas
) -> None:
    owner = personas.owner
    _upload(personas, OURA, WHOOP)
    assert run_imports(app) == 2
    response = owner.client.get(
        f"/p/{owner.user_id}/report/file",
        params={"start": "2026-06-01", "end": "2026-07-31", "area": ["tests"], "format": "html"},
    )
    assert response.status_code == 200
    text = response.text
    assert text.index("Nights from Oura Ring") < text.index(
        "Nights from WHOOP"
    )  # the baseline's source first
    assert "HRV (RMSSD), mean" in text
    assert "Mornings judged from these nights" in text
    assert "These nights are your baseline&#39;s source." in text


def test_pace_nights_compares_the_diary_after_the_rings_unusual_nights(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ring's export and check-ins typed at the terminal: the dashboard's comparison, in its words."""
    import csv
    import datetime as dt
    import statistics

    from fibrokit.services.nightly import associations as nightly_diary

    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    runner.invoke(cli, ["user", "add", "ring@example.org", "--password-stdin"], input="a long password\n")
    assert runner.invoke(cli, ["import", str(shared_file(OURA))]).exit_code == 0
    alone = runner.invoke(cli, ["pace", "nights"])
    assert alone.exit_code == 0, alone.output
    assert "No diary check-ins beside your nights yet: add them with fibrokit diary checkin." in alone.output
    assert nightly_diary.HEADING not in alone.output

    with shared_file(OURA).open(encoding="utf-8-sig", newline="") as handle:
        raw = {r["date"]: r["Total Sleep Duration"] for r in csv.DictReader(handle)}
    sleep = {dt.date.fromisoformat(d): float(v) for d, v in raw.items() if v not in {"", "None"}}
    usual = statistics.median(sleep.values())  # every night of the export lies in the 90 days compared
    days = sorted(sleep)[-20:]
    short = {d for d in days if sleep[d] < usual}

    def checkin(day: dt.date) -> None:
        pain = "7" if day in short else "4"
        done = runner.invoke(cli, ["diary", "checkin", "-r", f"pain={pain}", "--at", f"{day}T20:00"])
        assert done.exit_code == 0, done.output

    for day in days[:2]:
        checkin(day)
    few = runner.invoke(cli, ["pace", "nights"])
    assert f"{nightly_diary.HEADING}:" in few.output
    assert nightly_diary.NOT_ENOUGH in few.output.replace("\n", " ")
    assert "points on days after" not in few.output

    for day in days[2:]:
        checkin(day)
    enough = runner.invoke(cli, ["pace", "nights"])
    assert enough.exit_code == 0, enough.output
    with_short = sum(d in short for d in days)
    assert (
        f"  Pain: +3.0 points on days after a night with less sleep than your usual ({with_short} days with, "
        f"{len(days) - with_short} without)." in enough.output
    )
    assert "not a cause" in enough.output
    assert nightly_diary.NOT_ENOUGH not in enough.output.replace("\n", " ")


def test_the_dashboard_says_the_diary_comparison_in_the_same_words(app: FastAPI, personas: Personas) -> None:
    import datetime as dt
    import html

    from fibrokit.services import diary
    from fibrokit.services.nightly import associations as nightly_diary
    from fibrokit.store.db import transaction

    owner = personas.owner
    _upload(personas, OURA)
    assert run_imports(app) == 1
    assert nightly_diary.HEADING not in owner.client.get(f"/p/{owner.user_id}").text  # no check-in yet
    factory = app.state.fibrokit.factory
    with transaction(factory) as session:
        for day in (dt.date(2026, 7, 21), dt.date(2026, 7, 22)):
            when = dt.datetime.combine(day, dt.time(20))
            diary.save_checkin(session, owner.user_id, when, {"pain": "5"}, (), rejudge=False)
    few = html.unescape(owner.client.get(f"/p/{owner.user_id}").text)
    assert nightly_diary.HEADING in few
    assert nightly_diary.NOT_ENOUGH in few
    with transaction(factory) as session:
        for offset in range(2, 20):
            when = dt.datetime.combine(dt.date(2026, 7, 22) - dt.timedelta(days=offset), dt.time(20))
            diary.save_checkin(session, owner.user_id, when, {"pain": str(3 + offset % 4)}, (), rejudge=False)
        said = nightly_diary.described(nightly_diary.recent_associations(session, owner.user_id))
    assert said is not None
    assert said.lines
    page = html.unescape(owner.client.get(f"/p/{owner.user_id}").text)
    assert 'data-testid="device-associations"' in page
    assert all(line in page for line in said.lines)
    assert said.note in page
    assert "not a cause" in said.note
    assert nightly_diary.NOT_ENOUGH not in page
