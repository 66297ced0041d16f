"""``fibrokit diary`` and ``fibrokit trial`` on the app's store (SQLite and PostgreSQL), with the opioid stop."""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner, Result

from fibrokit.cli import app as cli
from fibrokit.errors import FibrokitError
from fibrokit.store.db import make_engine, session_factory, transaction
from fibrokit.store.tables import CheckInRow, DiaryDay, TrialDoseRow

TODAY = dt.date.today()


@pytest.fixture
def env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("FIBROKIT_DATABASE_URL", database_url)
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    for email in ("me@example.org", "you@example.org"):
        added = runner.invoke(cli, ["user", "add", email, "--password-stdin"], input="a long password\n")
        assert added.exit_code == 0, added.output
    return database_url


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--user", "me@example.org"])


def _count(url: str, table: type) -> int:
    engine = make_engine(url)
    with transaction(session_factory(engine)) as session:
        found = session.scalar(select(func.count()).select_from(table)) or 0
    engine.dispose()
    return found


def test_check_ins_and_history_from_the_command_line(env: str) -> None:
    day = (TODAY - dt.timedelta(days=1)).isoformat()
    for at, pain in ((f"{day}T08:00", "4"), (f"{day}T20:00", "8")):
        saved = _run("diary", "checkin", "-r", f"pain={pain}", "-r", "fatigue=5", "-f", "stress", "--at", at)
        assert saved.exit_code == 0, saved.output
        assert f"check-in saved for {day}" in saved.output
    table = _run("diary", "history", "--days", "30", "--format", "csv")
    assert table.exit_code == 0
    assert f"{day},2,6.00,5.00,stress" in table.output.splitlines()
    assert _count(env, DiaryDay) == 1
    bad = _run("diary", "checkin", "-r", "pain=12")
    assert isinstance(bad.exception, FibrokitError)
    assert "between 0 and 10" in str(bad.exception)
    assert _run("diary", "checkin", "-r", "pain").exit_code == 1
    assert _count(env, CheckInRow) == 2
    nobody = CliRunner().invoke(cli, ["diary", "checkin", "-r", "pain=3"])  # two accounts: --user is needed
    assert "--user" in str(nobody.exception)
    items = _run("diary", "items", "--add", "Jaw pain")
    assert "jaw_pain" in items.output


def test_questionnaires_from_the_command_line(env: str) -> None:
    fiqr = _run(
        "diary",
        "fiqr",
        "--function",
        "5,5,5,5,5,5,5,5,-",
        "--overall",
        "5,5",
        "--symptoms",
        ",".join(["5"] * 10),
    )
    assert fiqr.exit_code == 0, fiqr.output
    assert "50.0 of 100: moderate" in fiqr.output
    assert "moderate: 41–63 (yours)" in fiqr.output
    areas = [
        "left shoulder",
        "right shoulder",
        "neck",
        "upper back",
        "lower back",
        "LOWER_LEG_LEFT",
        "right thigh",
    ]
    acr = _run(
        "diary", "acr", "--fatigue", "2", "--waking", "2", "--cognitive", "1", "--three-months", "yes",
        *[x for a in areas for x in ("-a", a)],
    )  # fmt: skip
    assert acr.exit_code == 0, acr.output
    assert "These answers meet the criteria of ACR 2016" in acr.output
    assert "not a diagnosis" in acr.output
    wrong = _run(
        "diary",
        "acr",
        "--fatigue",
        "2",
        "--waking",
        "2",
        "--cognitive",
        "1",
        "--three-months",
        "yes",
        "-a",
        "elbow",
    )
    assert "is not one of the 19 areas" in str(wrong.exception)
    pgic = _run("diary", "pgic", "1")
    assert "very much improved" in pgic.output.lower()
    listed = _run("diary", "scores")
    assert listed.output.count("\n") >= 3


def test_a_trial_from_plan_to_evaluation_with_the_opioid_stop(env: str) -> None:
    first = TODAY - dt.timedelta(days=13)
    planned = _run(
        "trial",
        "plan",
        "--schedule",
        "weekly_1_5",
        "--first-dose",
        first.isoformat(),
        "--opioids",
        "no",
        "--state",
        "NJ",
    )
    assert planned.exit_code == 0, planned.output
    logged = _run("trial", "dose", "--on", first.isoformat(), "--until", TODAY.isoformat())
    assert "14 dose(s) logged" in logged.output
    shown = _run("trial", "show")
    assert "logged 7 of 7" in shown.output
    request = _run("trial", "prescription")
    assert "1.5 mg capsules, quantity 21" in request.output
    costs = _run("trial", "costs")
    assert "Avrio Pharmacy: does not ship to NJ" in costs.output
    assert "Not judged yet" in _run("trial", "evaluate").output
    opioid = (
        "trial",
        "opioid",
        "--on",
        TODAY.isoformat(),
        "--detail",
        "tramadol",
        "--pattern",
        "intermittent",
    )
    assert _run(*opioid).exit_code == 0
    for command in (["trial", "prescription"], ["trial", "costs"], ["trial", "evaluate"], ["trial", "dose"]):
        stopped = _run(*command)
        assert stopped.exit_code == 1, command
        assert "Opioid use is recorded" in str(stopped.exception), command
    assert _count(env, TrialDoseRow) == 14
    assert "STOPPED" in _run("trial", "show").output
    statement = "We discussed the tramadol; the naltrexone trial may go on as planned."
    confirmed = _run(
        "trial", "confirm", "--clinician", "Dr Lee", "--on", TODAY.isoformat(), "--statement", statement
    )
    assert confirmed.exit_code == 0, confirmed.output
    assert _run("trial", "prescription").exit_code == 0
    other = CliRunner().invoke(cli, ["trial", "show", "--user", "you@example.org"])
    assert "there is no trial yet" in str(other.exception)


def test_a_refusal_is_one_sentence_at_the_terminal(env: str) -> None:
    assert (
        _run(
            "trial", "plan", "--schedule", "fixed_4_5", "--first-dose", TODAY.isoformat(), "--opioids", "yes"
        ).exit_code
        == 0
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from fibrokit.cli import main; main()",
            "trial",
            "prescription",
            "--user",
            "me@example.org",
        ],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: Opioid use is recorded")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    done = _run(*args, "--format", "json")
    assert done.exit_code == 0, (args, done.output, done.exception)
    data = json.loads(done.output)
    assert isinstance(data, dict)
    return data


def test_every_trial_command_speaks_json(env: str) -> None:
    listed = CliRunner().invoke(cli, ["trial", "schedules", "--format", "json"])
    assert {s["schedule"]["key"] for s in json.loads(listed.output)["schedules"]} >= {
        "weekly_1_5",
        "rise_0_5",
    }
    first = TODAY - dt.timedelta(days=13)
    plan = _json(
        "trial", "plan", "--schedule", "weekly_1_5", "--first-dose", first.isoformat(), "--opioids", "no"
    )
    assert plan["verdict_week"] == 14
    assert plan["units"] == "1.5 mg capsules, then 4.5 mg capsules"
    assert any("no clear pain benefit" in e["text"] for e in plan["expectations"])
    assert (
        _json("trial", "dose", "--on", first.isoformat(), "--until", TODAY.isoformat())["doses_logged"] == 14
    )
    assert _json("trial", "show")["weeks"][0]["logged"] == 7
    side = _json("trial", "side-effect", "vivid_dreams")
    assert "morning" in side["questions"][0]["question"]
    lines = _json("trial", "prescription")["prescription"]["lines"]
    assert [(line["quantity"], line["arithmetic"]) for line in lines] == [
        (21, "7 days × 1 + 7 days × 2 = 21"),
        (90, "90 days × 1 = 90"),
    ]
    costs = _json("trial", "costs", "--state", "CA")
    assert costs["costs"]["source"] == "afsa_ldn_article"
    assert "price.published_year" in costs["evidence"]
    evaluation = _json("trial", "evaluate")
    assert evaluation["evaluation"]["final_week"] == 14
    assert evaluation["verdict"]["judged"] is False
    recorded = _json("trial", "opioid", "--on", TODAY.isoformat(), "--pattern", "around_the_clock")
    assert recorded["recorded"]["pattern"] == "around_the_clock"
    statement = "I have reviewed the oxycodone; start at a quarter of a milligram."
    confirm = (
        "trial",
        "confirm",
        "--clinician",
        "Dr Lee",
        "--on",
        TODAY.isoformat(),
        "--statement",
        statement,
    )
    refused = _run(*confirm)
    assert "very_low_0_5, very_low_0_25" in str(refused.exception)
    confirmed = _json(*confirm, "--schedule", "very_low_0_25")
    assert confirmed == {"trial": plan["trial"], "schedule": "very_low_0_25", "stopped": None}
    first_doses = {
        line["product"]["strength_mg"] for line in _json("trial", "prescription")["prescription"]["lines"]
    }
    assert first_doses == {0.5}


def test_the_readme_trial_example_runs(env: str) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    line = next(text for text in readme.splitlines() if text.startswith("fibrokit trial plan"))
    args = shlex.split(line.split("#")[0])[1:]
    done = _run(*args)
    assert done.exit_code == 0, (line, done.output, done.exception)
    assert "planned: first dose" in done.output


def test_newest_trial_is_the_one_planned_last(env: str) -> None:
    later = TODAY - dt.timedelta(days=5)
    earlier = TODAY - dt.timedelta(days=40)
    for first in (later, earlier):  # the second plan has the older first dose
        assert (
            _run(
                "trial",
                "plan",
                "--schedule",
                "fixed_4_5",
                "--first-dose",
                first.isoformat(),
                "--opioids",
                "no",
            ).exit_code
            == 0
        )
    shown = _json("trial", "show")
    assert shown["first_dose"] == earlier.isoformat()
    # A fixed 4.5 mg plan's calendar speaks of 4.5 mg capsules only (no titration product).
    assert shown["units"] == "4.5 mg capsules"
    assert "then" not in _run("trial", "show").output.split("units: ")[1].split(";")[0]


def test_side_effect_before_the_first_dose_and_a_thin_baseline_are_refused(env: str) -> None:
    first = TODAY - dt.timedelta(days=3)
    assert (
        _run(
            "trial", "plan", "--schedule", "fixed_4_5", "--first-dose", first.isoformat(), "--opioids", "no"
        ).exit_code
        == 0
    )
    early = _run("trial", "side-effect", "headache", "--on", (first - dt.timedelta(days=1)).isoformat())
    assert "a side effect before it cannot come from the treatment" in str(early.exception)
    assert _run("diary", "checkin", "-r", "pain=5").exit_code == 0
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    thin = _run("trial", "plan", "--schedule", "weekly_1_5", "--first-dose", tomorrow, "--opioids", "no")
    assert "leaves room for only 1 of the 14 baseline days" in str(thin.exception)
    default = _json("trial", "plan", "--schedule", "weekly_1_5", "--opioids", "no")
    assert default["first_dose"] == (TODAY + dt.timedelta(days=14)).isoformat()


def test_a_magnesium_trial_from_the_command_line(env: str) -> None:
    first = TODAY - dt.timedelta(days=20)
    for offset in range(-28, 21):
        day = first + dt.timedelta(days=offset)
        assert _run("diary", "checkin", "-r", "pain=6", "--at", f"{day}T20:00").exit_code == 0
    plan = _json(
        "trial", "plan-other", "--treatment", "magnesium glycinate", "--steps", "150x7, 300",
        "--first-dose", first.isoformat(),
    )  # fmt: skip
    assert plan["schedule"]["kind"] == "own schedule"
    assert plan["verdict_week"] == 13
    assert (
        _json("trial", "dose", "--on", first.isoformat(), "--until", TODAY.isoformat())["doses_logged"] == 21
    )
    shown = _json("trial", "show")
    assert shown["weeks"][0]["mg"] == "150 mg"
    assert shown["weeks"][1]["mg"] == "300 mg"
    assert _run("trial", "opioid", "--on", TODAY.isoformat(), "--pattern", "around_the_clock").exit_code == 0
    assert _json("trial", "show")["stopped"] is None  # the opioid rules are naltrexone's
    evaluation = _json("trial", "evaluate")
    assert evaluation["verdict"]["judged"] is False
    assert evaluation["evaluation"]["final_week"] == 13
    refused = _run("trial", "prescription")
    assert "for LDN trials only" in str(refused.exception)
    bad = _run("trial", "plan-other", "--treatment", "naltrexone 4.5", "--steps", "4.5")
    assert "own planner" in str(bad.exception)
    assert "such as 300 or 150x7, 300" in str(
        _run("trial", "plan-other", "--treatment", "magnesium", "--steps", "lots").exception
    )
