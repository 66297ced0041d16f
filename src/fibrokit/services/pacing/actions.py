"""What changes a person's pacing data: their settings, and the reviews of their recordings.

Every function takes the caller's session and never commits: the route, the command, the worker or the test
that calls it owns the transaction (and rolls back on a refusal). The statements are in ``queries.py``.

The step another area runs when a recording was stored is :func:`review_stored` (the recording's review, and
the later days whose lines a morning reading or exercise test changed); the importer's idle loop and the
``fibrokit pace`` commands redo stale reviews with :func:`refresh_stale`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from fibrokit._version import __version__
from fibrokit.evidence import fact
from fibrokit.records import BeatSeries
from fibrokit.services.pacing import forms, queries, reviews
from fibrokit.services.pacing.forms import PacingInputError
from fibrokit.services.pacing.lines import MORNING, Inputs, load_inputs, settings_of
from fibrokit.services.pacing.queries import Session
from fibrokit.store.tables import PacingReview, PacingSettings, RecordingRow, utcnow


def _copy(settings: PacingSettings, **changes: object) -> PacingSettings:
    values = {c.name: getattr(settings, c.name) for c in PacingSettings.__table__.columns}
    return PacingSettings(**{**values, **changes})


def _store(session: Session, user_id: int, values: dict[str, object]) -> PacingSettings:
    stored = queries.stored_settings(session, user_id)
    if stored is None:
        stored = queries.add(session, _copy(settings_of(session, user_id)))
    for name, value in values.items():
        setattr(stored, name, value)
    stored.updated_at = utcnow()
    session.flush()
    return stored


def save_lines(session: Session, user_id: int, form: Mapping[str, str], today: dt.date) -> PacingSettings:
    """Check and save the rules and numbers behind the lines; refuse settings that give no lines today.

    A change of the lines marks every review of the person stale (redone in the background).
    """
    values = forms.lines_fields(form)
    current = settings_of(session, user_id)
    inputs = load_inputs(session, user_id, today)
    probe = dataclasses.replace(inputs, settings=_copy(current, **values))
    lines = probe.lines_on(today)
    if lines.thresholds is None:
        raise PacingInputError(
            f"These settings give no heart-rate lines yet: {lines.problem} Add a resting heart rate, your year "
            "of birth on the Account page, or set the lines by hand."
        )
    changed = any(getattr(current, name) != values[name] for name in forms.LINE_FIELDS)
    stored = _store(session, user_id, values)
    if changed:
        mark_stale(session, user_id)
    return stored


def save_budget(session: Session, user_id: int, text: str) -> PacingSettings:
    """A daily budget set by hand in load points, or empty to learn it from past days."""
    return _store(session, user_id, {"budget_points": forms.budget_points(text)})


def save_plan(session: Session, user_id: int, form: Mapping[str, str], today: dt.date) -> PacingSettings:
    """Check and save a progression plan (an empty activity removes the plan)."""
    return _store(session, user_id, forms.plan_fields(form, today))


def review_recording(
    session: Session, row: RecordingRow, beats: BeatSeries | None, inputs: Inputs | None = None
) -> PacingReview | None:
    """Review one stored recording with the lines of its day, replacing its earlier review."""
    existing = queries.review(session, row.id)
    if beats is None or len(beats) < 10:
        if existing is not None:
            queries.remove(session, existing)
        return None
    day = reviews.review_day(row)
    lines = (inputs or load_inputs(session, row.user_id, day)).lines_on(day)
    review = existing or queries.add(session, PacingReview(recording_id=row.id, user_id=row.user_id))
    review.day, review.version, review.stale, review.computed_at = row.local_day, __version__, False, utcnow()
    review.lines_key = lines.key
    user = queries.person(session, row.user_id)
    reviews.fill(review, lines, beats, user.sex if user is not None else "")
    return review


def review_stored(session: Session, row: RecordingRow, beats: BeatSeries | None) -> None:
    """After a recording is stored: review it; a morning reading or exercise test may change later days' lines."""
    review_recording(session, row, beats)
    if row.local_day is None or row.kind not in (MORNING, "exercise-test"):
        return
    window = dt.timedelta(days=int(fact("pacing.resting.days").scalar()) - 1)
    until = row.local_day + window if row.kind == MORNING else None
    if recheck(session, row.user_id, row.local_day, until):
        refresh_stale(session, row.user_id)


def recheck(session: Session, user_id: int, since: dt.date, until: dt.date | None = None) -> int:
    """Mark stale the reviews of days from ``since`` (to ``until``) whose lines changed; returns how many."""
    session.flush()
    inputs = load_inputs(session, user_id)
    changed = [
        review.recording_id
        for review in queries.reviews_between(session, user_id, since, until)
        if review.day is not None and inputs.lines_on(review.day).key != review.lines_key
    ]
    if changed:
        queries.mark_stale(session, changed)
    return len(changed)


def mark_stale(session: Session, user_id: int) -> None:
    """Every review of the person is to be redone (their settings changed)."""
    queries.mark_stale_of(session, user_id)


def refresh_stale(session: Session, user_id: int | None = None, *, limit: int = 20) -> int:
    """Redo up to ``limit`` stale reviews (or ones made by another fibrokit); returns how many were redone."""
    ids = queries.stale_review_ids(session, __version__, user_id, limit)
    inputs: dict[int, Inputs] = {}
    for recording_id in ids:
        row = queries.recording(session, recording_id)
        if row is None:
            continue
        if row.user_id not in inputs:
            inputs[row.user_id] = load_inputs(session, row.user_id)
        review_recording(session, row, reviews.flagged_beats(session, row.id), inputs[row.user_id])
    session.flush()
    return len(ids)
