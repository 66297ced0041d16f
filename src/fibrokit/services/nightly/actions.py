"""What changes the nightly values: an export's days stored, the baseline's source chosen, the nights judged.

Every function takes the caller's session and never commits: the import, the route or the command that calls
it owns the transaction. Judging the nights again follows each change inside the area (a new export, a new
choice); a changed diary day asks for it through :func:`judge_if_any`, called by the step that refolds readiness
(:func:`fibrokit.services.home.actions.diary_changed`). The statements themselves are in ``queries.py``.
"""

from __future__ import annotations

import datetime as dt

from fibrokit.readers.daily_records import DailyExport, DailyValues
from fibrokit.services.nightly import queries
from fibrokit.services.nightly.queries import Session
from fibrokit.services.nightly.readiness import judge_nights, label
from fibrokit.services.nightly.values import Stored, chosen_source, sources
from fibrokit.services.pacing import symptoms as pacing_diary
from fibrokit.store.tables import DailySourceChoice, DailyValueRow, utcnow

_COPIED = (
    "device",
    "resting_hr_bpm",
    "resting_hr_method",
    "hrv_ms",
    "hrv_metric",
    "hrv_method",
    "sleep_minutes",
    "deep_minutes",
    "light_minutes",
    "rem_minutes",
    "awake_minutes",
    "night_hr_avg_bpm",
    "night_hr_min_bpm",
    "steps",
    "active_minutes",
)


def store_export(session: Session, user_id: int, export: DailyExport) -> Stored:
    """Add the export's days the person does not have yet (per source and date); never double or overwrite one.

    A date a source already has only gains the values it lacked (a vendor that writes resting heart rate and
    sleep in separate files fills one date from both); a value already stored is never replaced.
    """
    if not export.days:
        return Stored(0, 0, 0, None, None)
    sources = {d.source for d in export.days}
    have = {
        (row.day, row.source): row
        for row in queries.stored_between(session, user_id, sources, export.days[0].day, export.days[-1].day)
    }
    added: list[DailyValues] = []
    filled = 0
    for values in export.days:
        row = have.get((values.day, values.source))
        if row is None:
            queries.add(session, _row(user_id, export, values), flush=False)
            added.append(values)
        elif _fill(row, values):
            filled += 1
    queries.flush(session)
    first, last = (added[0].day, added[-1].day) if added else (None, None)
    return Stored(len(added), filled, len(export.days) - len(added) - filled, first, last)


def _fill(row: DailyValueRow, values: DailyValues) -> bool:
    """Set the row's empty values from ``values``; True when any was set."""
    changed = False
    incoming = {name: getattr(values, name) for name in _COPIED}
    incoming |= {"sleep_start_utc": _utc(values.sleep_start), "sleep_end_utc": _utc(values.sleep_end)}
    for name, value in incoming.items():
        if value not in (None, "") and getattr(row, name) in (None, ""):
            setattr(row, name, value[:200] if isinstance(value, str) else value)
            changed = True
    return changed


def _row(user_id: int, export: DailyExport, values: DailyValues) -> DailyValueRow:
    row = DailyValueRow(
        user_id=user_id,
        day=values.day,
        source=values.source,
        source_format=export.source_format[:40],
        source_name=export.source_name[:255],
        source_sha256=export.source_sha256,
        sleep_start_utc=_utc(values.sleep_start),
        sleep_end_utc=_utc(values.sleep_end),
    )
    for name in _COPIED:
        value = getattr(values, name)
        setattr(row, name, value[:200] if isinstance(value, str) else value)
    return row


def _utc(when: dt.datetime | None) -> dt.datetime | None:
    if when is None or when.tzinfo is None:
        return None
    return when.astimezone(dt.UTC).replace(tzinfo=None)


def choose_source(session: Session, user_id: int, source: str) -> None:
    """Make ``source`` the baseline's source ('' for the most complete) and judge every night again."""
    choice = queries.source_choice(session, user_id)
    if not source:
        if choice is not None:
            queries.delete(session, choice)
    elif source not in {s.source for s in sources(session, user_id)}:
        raise ValueError(f"`source` must be one of the person's sources, not {source!r}")
    elif choice is None:
        queries.add(session, DailySourceChoice(user_id=user_id, source=source), flush=False)
    else:
        choice.source, choice.updated_at = source, utcnow()
    queries.flush(session)
    judge(session, user_id)


def judge_if_any(session: Session, user_id: int) -> None:
    """Judge the person's nights again after a diary change, when they have any (one cheap query when not)."""
    if queries.has_nights(session, user_id):
        judge(session, user_id)


def judge(session: Session, user_id: int) -> int:
    """Judge the readiness of every night of the baseline's source on a morning without a reading.

    Returns how many mornings were judged. Verdicts on other sources' rows are cleared.
    """
    queries.clear_verdicts(session, user_id)
    source = chosen_source(session, user_id)
    if not source:
        return 0
    rows = queries.judgeable_nights(session, user_id, source)
    if not rows:
        return 0
    readings = queries.reading_days(session, user_id)
    symptoms = pacing_diary.diary_symptoms(session, user_id, rows[0].day - dt.timedelta(days=1), rows[-1].day)
    judged = 0
    for segment, verdicts, baselines in judge_nights(rows, symptoms):
        for row, verdict, baseline in zip(segment, verdicts.days, baselines, strict=True):
            if row.day in readings:
                continue  # a morning reading of that day is judged on its own scale
            row.readiness, row.baseline_days = verdict.level, baseline
            row.readiness_text = f"{label(row)}: {verdict.explanation}"
            judged += 1
    return judged
