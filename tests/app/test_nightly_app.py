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
