"""A person with a little of everything, for the export, import and deletion tests."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker
from tests.app.conftest import PASSWORD
from tests.conftest import shared_file

from fibrokit.services import diary, trials
from fibrokit.services.accounts import actions as accounts
from fibrokit.services.demo.simulated_diary import DiaryPlan, store_diary
from fibrokit.services.demo.simulated_history import Plan, store_history
from fibrokit.services.imports.file import import_file
from fibrokit.services.pacing import actions as pacing_actions
from fibrokit.store.db import transaction

FILES = ("polar/rest_rri.txt", "fit/garmin-fenix-5-walk.fit", "polar/exercise_rri.hrm")


def person_with_data(factory: sessionmaker[Session], email: str, *, files: tuple[str, ...] = FILES) -> int:
    """An account with a profile, real files imported and a few simulated days with walks and two tests."""
    with transaction(factory) as session:
        user = accounts.create_user(session, email, PASSWORD, name="Robin Example")
        user.birth_year, user.sex = 1979, "f"
        user_id = user.id
    for name in files:
        with transaction(factory) as session:
            outcome = import_file(session, user_id, shared_file(name))
            assert outcome.status == "imported", outcome
    plan = Plan(days=4, walk_every=2, walk_s=600.0, tests=2, reading_s=300.0, seed=11)
    store_history(factory, user_id, plan, end=END, age=45.0)
    store_diary(factory, user_id, DiaryPlan(days=40, seed=5), end=END)
    with transaction(factory) as session:
        _questionnaires_trial_and_pacing(session, user_id)
    return user_id


END = dt.date(2024, 3, 4)


def _questionnaires_trial_and_pacing(session: Session, user_id: int) -> None:
    """A FIQR, an LDN trial with doses, a side effect, opioid use and its confirmation, a PGIC and pacing."""
    answers = {"function": ["4"] * 9, "overall": ["5", "5"], "symptoms": ["6"] * 10}
    diary.save_fiqr(session, user_id, answers, taken_on="2024-02-18", today=END)
    form = trials.PlanForm("weekly_1_5", "2024-02-20", "1.5", "capsule", "4.5", "capsule", "no", state="NJ")
    trial = trials.plan_trial(session, user_id, form, END).id
    trials.log_doses(session, user_id, trial, on="2024-02-20", until="2024-03-01", today=END)
    trials.report_side_effect(
        session, user_id, trial, effect="vivid_dreams", severity="mild", on="2024-02-23", today=END
    )
    trials.record_opioid(
        session, user_id, "2024-03-02", "one tramadol for a tooth\nafter the dentist", END, "intermittent"
    )
    statement = "Go on: a single dose, two days before the next LDN dose."
    trials.confirm(
        session, user_id, trial, clinician="Dr A. Lee", on="2024-03-03", statement=statement, today=END
    )
    diary.save_pgic(session, user_id, "3", trial_id=trial, taken_on="2024-03-04", today=END)
    pacing_actions.save_plan(session, user_id, {"plan_activity": "walking", "plan_minutes": "15"}, END)
    pacing_actions.save_budget(session, user_id, "40")


def manifest(path: Path) -> dict[str, Any]:
    """The manifest of an export."""
    with zipfile.ZipFile(path) as archive:
        data: dict[str, Any] = json.loads(archive.read("manifest.json"))
    return data


def rewrite(
    source: Path, target: Path, change: dict[str, bytes | None], *, fix_manifest: bool = True
) -> Path:
    """A copy of an export with members replaced (None: removed); ``fix_manifest``: checksums made to match."""
    import hashlib

    with zipfile.ZipFile(source) as old:
        members = {name: old.read(name) for name in old.namelist()}
    for name, data in change.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
    if fix_manifest:
        listing = json.loads(members["manifest.json"])
        listing["members"] = {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in sorted(members.items())
            if name != "manifest.json"
        }
        members["manifest.json"] = json.dumps(listing).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
    return target
