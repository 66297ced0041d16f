"""Query functions behind pacing: morning resting heart rates, scored exercise tests, reviews and daily loads.

Like :mod:`fibrokit.store.queries` they take a Session, never commit, and filter every read on the owner's
``user_id``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from fibrokit.store.tables import DailySummary, DiaryDay, PacingReview, RecordingBlob, RecordingRow, ResultRow

MORNING = "morning-reading"


def morning_resting(
    session: Session, user_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> tuple[list[dt.date], list[float]]:
    """Days with a morning reading and its resting heart rate (from ``since`` to ``until``), oldest first."""
    where: list[Any] = [DailySummary.user_id == user_id, DailySummary.resting_hr_bpm.is_not(None)]
    if since is not None:
        where.append(DailySummary.day >= since)
    if until is not None:
        where.append(DailySummary.day <= until)
    rows = session.execute(
        select(DailySummary.day, DailySummary.resting_hr_bpm).where(*where).order_by(DailySummary.day)
    ).all()
    pairs = [(day, float(hr)) for day, hr in rows if hr is not None]
    return [day for day, _ in pairs], [hr for _, hr in pairs]


def exercise_tests(
    session: Session, user_id: int, newest_by: dt.date | None = None
) -> list[tuple[int, dt.date, float | None, float | None]]:
    """Scored exercise tests with a day: (recording id, day, peak HR, resting HR), oldest first.

    With ``newest_by``, only the newest scored test on or before that day.
    """
    query = (
        select(RecordingRow.id, RecordingRow.local_day, ResultRow.data)
        .join(ResultRow, ResultRow.recording_id == RecordingRow.id)
        .where(
            RecordingRow.user_id == user_id,
            RecordingRow.kind == "exercise-test",
            RecordingRow.local_day.is_not(None),
            ResultRow.kind == "protocol",
        )
    )
    if newest_by is not None:
        query = query.where(RecordingRow.local_day <= newest_by)
        query = query.order_by(RecordingRow.local_day.desc(), RecordingRow.id.desc()).limit(1)
    else:
        query = query.order_by(RecordingRow.local_day, RecordingRow.id)
    out = []
    for recording_id, day, data in session.execute(query).all():
        found = {f.get("symbol"): f.get("value") for f in data.get("findings", [])}
        if found.get("peak_hr_bpm") is not None:
            out.append((recording_id, day, found["peak_hr_bpm"], found.get("resting_hr_bpm")))
    return out


def beat_blobs(session: Session, recording_id: int) -> dict[str, bytes]:
    """The beats and artefact flags of a recording, and its heart-rate samples."""
    names = ("beats", "flags", "channel:heart_rate")
    query = select(RecordingBlob.name, RecordingBlob.data).where(
        RecordingBlob.recording_id == recording_id, RecordingBlob.name.in_(names)
    )
    return dict(session.execute(query).all())


def reviews_between(
    session: Session, user_id: int, since: dt.date, until: dt.date | None = None
) -> list[PacingReview]:
    """The person's reviews of days from ``since`` to ``until`` (open-ended when None)."""
    where: list[Any] = [PacingReview.user_id == user_id, PacingReview.day >= since]
    if until is not None:
        where.append(PacingReview.day <= until)
    return list(session.scalars(select(PacingReview).where(*where)))


def count_stale(session: Session, user_id: int, version: str) -> int:
    """How many of the person's reviews wait to be redone."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(PacingReview)
            .where(
                PacingReview.user_id == user_id,
                or_(PacingReview.stale.is_(True), PacingReview.version != version),
            )
        )
        or 0
    )


def day_totals(
    session: Session, user_id: int, since: dt.date, until: dt.date
) -> list[tuple[dt.date, float, int, int]]:
    """Per day with a review: (day, load points, recordings, recordings other than morning readings)."""
    active = func.sum(case((RecordingRow.kind != MORNING, 1), else_=0))
    rows = session.execute(
        select(PacingReview.day, func.coalesce(func.sum(PacingReview.points), 0.0), func.count(), active)
        .join(RecordingRow, RecordingRow.id == PacingReview.recording_id)
        .where(PacingReview.user_id == user_id, PacingReview.day >= since, PacingReview.day <= until)
        .group_by(PacingReview.day)
        .order_by(PacingReview.day)
    ).all()
    return [(day, float(points), int(count), int(other or 0)) for day, points, count, other in rows]


def day_loads(session: Session, user_id: int, since: dt.date, until: dt.date) -> list[tuple[dt.date, float]]:
    """Load points per day from ``since`` to ``until``, for days with a recording other than a morning reading.

    A day with only a morning reading has no known load (the day's activity was not recorded), so it is left
    out rather than counted as a day of rest.
    """
    return [(day, points) for day, points, _, other in day_totals(session, user_id, since, until) if other]


def reviewed(
    session: Session, user_id: int, *, limit: int, offset: int = 0
) -> tuple[list[tuple[RecordingRow, PacingReview]], int]:
    """The person's reviewed recordings other than morning readings, newest first; and how many in all."""
    where = [RecordingRow.user_id == user_id, RecordingRow.kind != MORNING]
    base = select(RecordingRow, PacingReview).join(PacingReview, PacingReview.recording_id == RecordingRow.id)
    total = session.scalar(
        select(func.count())
        .select_from(RecordingRow)
        .join(PacingReview, PacingReview.recording_id == RecordingRow.id)
        .where(*where)
    )
    rows = session.execute(
        base.where(*where)
        .order_by(RecordingRow.start_utc.desc(), RecordingRow.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return [(row, review) for row, review in rows], int(total or 0)


def flagged_days(session: Session, user_id: int, since: dt.date, until: dt.date) -> list[dt.date]:
    """Days from ``since`` to ``until`` whose morning readiness flagged at least one factor."""
    return list(
        session.scalars(
            select(DailySummary.day).where(
                DailySummary.user_id == user_id,
                DailySummary.day >= since,
                DailySummary.day <= until,
                DailySummary.readiness.in_(("watch", "out of balance")),
            )
        )
    )


def budget_inputs_version(session: Session, user_id: int) -> tuple[object, ...]:
    """A cheap summary of what a learned budget is made from (the reviews' loads and the diary days).

    Any review or diary day added, removed or recomputed changes it; two aggregate queries on indexed columns
    stand in for reading 90 days of both.
    """
    reviews = session.execute(
        select(func.count(), func.max(PacingReview.computed_at)).where(PacingReview.user_id == user_id)
    ).one()
    diary = session.execute(
        select(func.count(), func.max(DiaryDay.updated_at)).where(DiaryDay.user_id == user_id)
    ).one()
    return (*reviews, *diary)
