"""The work behind ``fibrokit pace … --user``: pacing on the app's database, as its pacing pages show it.

Reviews waiting to be redone (after a settings change) are redone first, so the numbers printed are those of
the lines in force. Each function returns printable lines; ``pace.py`` prints them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from fibrokit.cli import _appdb
from fibrokit.evidence import fact

if TYPE_CHECKING:  # the app's storage is an extra: imported only when --user is given
    from fibrokit.store.db import Session


def show(
    user: str,
    data_dir: Path | None,
    database_url: str | None,
    build: Callable[[Session, int], list[str]],
    *,
    change: Callable[[Session, int], None] | None = None,
) -> list[str]:
    """Open the database (migrated), find the account, redo stale reviews, apply ``change``, then ``build``.

    Each step is its own transaction, so a refused change leaves nothing behind.
    """
    from fibrokit.services.home import actions as home_actions
    from fibrokit.services.home import daily
    from fibrokit.services.imports.cli import resolve_account
    from fibrokit.services.pacing import actions as pacing_actions
    from fibrokit.store.db import transaction

    with _appdb.open_database(_appdb.settings(data_dir, database_url)) as (_, factory):
        user_id = resolve_account(factory, user)
        while True:
            with transaction(factory) as session:
                if pacing_actions.refresh_stale(session, user_id, limit=50) < 50:
                    break
        with transaction(factory) as session:  # mornings a check-in in the app left to be judged again
            home_actions.settle(session, daily.judge_queue(session, user_id))
        if change is not None:
            with transaction(factory) as session:
                change(session, user_id)
        with transaction(factory) as session:
            return build(session, user_id)


def _sources(keys: list[str]) -> str:
    return "sources: " + ", ".join(sorted({fact(key).source for key in keys}))


def thresholds_lines(session: Session, user_id: int, day: dt.date) -> list[str]:
    """The lines of ``day`` from the stored settings, with where each number came from."""
    from fibrokit.services.pacing import lines as pacing

    lines = pacing.lines_for(session, user_id, day)
    if lines.thresholds is None:
        return [lines.problem]
    t = lines.thresholds
    out = [t.threshold.explanation, t.ceiling.explanation, t.why]
    if lines.resting_note:
        out.append(lines.resting_note)
    if lines.test is not None:
        out.append(f"Exercise test of {lines.test.day.isoformat()} (recording {lines.test.recording_id}).")
    out += [f"Caution: {c}" for c in t.cautions]
    return [*out, _sources(lines.evidence)]


def today_lines(session: Session, user_id: int, day: dt.date) -> list[str]:
    """Readiness, lines, load used and budget of ``day``."""
    from fibrokit.pacing.pace_readiness import READINESS_EVIDENCE
    from fibrokit.services import nightly
    from fibrokit.services.pacing import views as pacing_views

    today = pacing_views.today_view(session, user_id, day)
    out = [f"{day.isoformat()}"]
    morning = today.morning
    night = nightly.latest_judged(session, user_id)
    if night is not None and (morning is None or night.day > morning.day):
        which = "" if night.day == day else f" (this is {night.day.isoformat()}'s)"
        out.append(f"Readiness: {night.readiness}{which}. {night.readiness_text}")
    elif morning is None:
        out.append("Readiness: no morning reading yet.")
    else:
        which = (
            "" if today.morning_is_today else f" (no reading that day; this is {morning.day.isoformat()}'s)"
        )
        level = morning.readiness or "not judged yet"
        out.append(f"Readiness: {level}{which}. {morning.readiness_text}".strip())
    out.append(_sources(list(READINESS_EVIDENCE)))
    if today.lines.thresholds is not None:
        t = today.lines.thresholds
        out.append(f"Lines: exertion threshold {t.threshold.bpm:.0f} bpm, ceiling {t.ceiling.bpm:.0f} bpm.")
    else:
        out.append(today.lines.problem)
    budget = today.budget
    counted = f"from {today.recordings_today} recording(s) of that day"
    if budget.points is not None and today.left is not None:
        state = f"{today.left:.0f} left" if today.left >= 0 else f"{-today.left:.0f} over"
        used = f"Load: {today.used:.0f} of {budget.points:.0f} points ({state}), {counted}."
    else:
        used = f"Load: {today.used:.0f} points, {counted}."
    out += [used, budget.explanation, budget.diary_note, pacing_views.NOT_A_PRESCRIPTION]
    return out


def week_lines(session: Session, user_id: int, day: dt.date, weeks: int) -> list[str]:
    """Load per week (Monday to Sunday) up to ``day``, against the budget."""
    from fibrokit.pacing import pace_week
    from fibrokit.services.pacing import lines as pacing
    from fibrokit.services.pacing import views as pacing_views

    budget = pacing_views.budget_view(session, user_id, pacing.settings_of(session, user_id), day)
    monday = day - dt.timedelta(days=day.weekday(), weeks=weeks - 1)
    loads = pacing_views.day_loads(session, user_id, monday, day)
    rows = pace_week(loads, budget.points)
    shown = f"{budget.points:.0f} points" if budget.points is not None else "none yet"
    out = [f"Budget: {shown}. {budget.explanation}", "week of      days  total  mean  highest  over budget"]
    out += [
        f"{w.monday.isoformat()}  {w.days:4d}  {w.total:5.0f}  {w.mean:4.0f}  {w.highest:7.0f}  {w.days_over_budget:11d}"
        for w in rows
    ]
    if not rows:
        out.append("(no recorded activity in these weeks)")
    return out


def plan_lines(session: Session, user_id: int, day: dt.date) -> list[str]:
    """The stored plan, with this week's target, or how to make one."""
    from fibrokit.services.pacing import lines as pacing
    from fibrokit.services.pacing import views as pacing_views

    view = pacing_views.plan_view(session, user_id, pacing.settings_of(session, user_id), day)
    if view is None:
        return [
            "No plan is stored: make one on the Pacing settings page, or here with --save and --activity, "
            "--start, --sessions, --weeks."
        ]
    out = [view.status]
    if view.target is not None:
        target = view.target
        out.append(f"This week: {target.sessions} × {target.minutes} min ({target.action}: {target.reason}).")
    out += ["", *view.plan.lines(), pacing_views.PLAN_FLARES]
    return out


def stored_plan(
    user: str, save: Mapping[str, str] | None, day: dt.date, data_dir: Path | None, database_url: str | None
) -> list[str]:
    """The account's plan as of ``day``, after storing the plan ``save`` describes (starting that week)."""

    def store(session: Session, user_id: int) -> None:
        from fibrokit.services.pacing import actions as pacing_actions

        assert save is not None
        pacing_actions.save_plan(session, user_id, {**save, "plan_start": day.isoformat()}, day)

    change = store if save is not None else None
    return show(user, data_dir, database_url, lambda s, u: plan_lines(s, u, day), change=change)


def nights_lines(session: Session, user_id: int) -> list[str]:
    """Each source of nights, what it holds, the one the baseline uses; then the diary after unusual nights."""
    from fibrokit.services import nightly
    from fibrokit.services.nightly import associations as nightly_diary

    found = nightly.sources(session, user_id)
    if not found:
        return ["No nights imported yet: import a watch's, ring's or app's export with fibrokit import."]
    chosen = nightly.chosen_source(session, user_id)
    out = []
    for s in found:
        metric = f", HRV as {s.hrv_metric.upper()}" if s.hrv_metric else ", no HRV"
        mark = "  <- your baseline uses these nights" if s.source == chosen else ""
        devices = ", ".join(d for d in s.devices if d) or s.name
        out.append(f"{s.source}: {devices}, {s.days} days from {s.first} to {s.last}{metric}{mark}")
    out.append(
        "Choose with --use SOURCE (or --use auto for the most complete); a new device starts a new baseline."
    )
    said = nightly_diary.described(nightly_diary.recent_associations(session, user_id))
    if said is None:
        return [*out, "", "No diary check-ins beside your nights yet: add them with fibrokit diary checkin."]
    return [*out, "", f"{nightly_diary.HEADING}:", *(f"  {line}" for line in said.lines), said.note]


def choose_nights(session: Session, user_id: int, source: str) -> None:
    """Make the baseline use ``source``'s nights, refusing a source the person has no nights from."""
    from fibrokit.errors import FibrokitError
    from fibrokit.services import nightly

    try:
        nightly.choose_source(session, user_id, source)
    except ValueError:
        raise FibrokitError(f"you have no nights from {source!r}: see fibrokit pace nights") from None
