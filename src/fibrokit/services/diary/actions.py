"""What changes the diary: check-ins saved and removed (their day folded again), items tracked, questionnaires.

Every function takes the caller's session and never commits: the route, the command, the worker or the test
that calls it owns the transaction (and rolls back on a refusal). A day is folded by the core
(:func:`~fibrokit.diary.diary_daily`) whenever one of its check-ins is saved or removed, so history pages only
read ``diary_days``. The one effect outside the area — the stored readiness of the mornings a changed day bears
on — is the explicit step :func:`refresh_day` names (``rejudge``), which the web app leaves to the background
worker. The statements themselves are in ``queries.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from fibrokit._version import __version__
from fibrokit.diary import CheckIn, DiaryItem, checkin_template, diary_daily
from fibrokit.errors import InputError
from fibrokit.services.diary import queries
from fibrokit.services.diary.checkins import (
    KINDS,
    NewCheckIn,
    checked_checkin,
    current_items,
    item_key,
    sentence,
)
from fibrokit.services.diary.instrument_forms import (
    AcrAnswers,
    Scored,
    scored_acr,
    scored_fiqr,
    scored_pgic,
)
from fibrokit.services.diary.queries import Session
from fibrokit.services.diary.rows import as_checkin
from fibrokit.services.home import actions as home_actions
from fibrokit.services.trials import queries as trial_queries
from fibrokit.store.tables import CheckInRow, DiaryDay, DiaryItemRow, InstrumentRow, utcnow


def save_checkin(
    session: Session,
    user_id: int,
    at: dt.datetime,
    ratings: Mapping[str, str],
    factors: Iterable[str],
    ongoing: Iterable[str] = (),
    note: str = "",
    *,
    now: dt.datetime | None = None,
    rejudge: bool = True,
) -> CheckInRow:
    """Validate and store one check-in, then refold its day (:func:`~.checkins.checked_checkin`, :func:`store_checkin`).

    ``ratings`` maps item keys to what was typed or tapped ("" for not rated); ``factors`` and ``ongoing`` are
    factor keys; an ongoing factor counts as present. Raises :class:`InputError` with one sentence. With
    ``rejudge`` False the mornings the day bears on are left for the caller to have judged again
    (:func:`fibrokit.services.home.actions.queue_diary_change`).
    """
    new = checked_checkin(session, user_id, at, ratings, factors, ongoing, note, now=now)
    return store_checkin(session, user_id, new, rejudge=rejudge)


def store_checkin(session: Session, user_id: int, new: NewCheckIn, *, rejudge: bool = True) -> CheckInRow:
    """Store a validated check-in and fold its day again, written in one flush (so one data-version bump).

    The person is locked first (:func:`~fibrokit.services.diary.queries.lock_person`), so the day's check-ins
    read here cannot change before the transaction ends, and two check-ins saved at once are both folded.
    """
    queries.lock_person(session, user_id)
    if new.first:  # store the defaults it was made with (unless a check-in saved meanwhile did)
        _remember(session, user_id, new.items)
    checkin = new.checkin
    earlier = _day_rows(session, user_id, checkin.day)
    row = CheckInRow(
        user_id=user_id,
        at_local=checkin.at.replace(second=0, microsecond=0, tzinfo=None),
        local_day=checkin.day,
        ratings=dict(checkin.ratings),
        factors=dict(checkin.factors),
        ongoing=sorted(checkin.ongoing),
        note=checkin.note,
    )
    queries.add(session, row, flush=False)
    with session.no_autoflush:  # the new row and its day are flushed together, by whatever reads next
        _fold_day(session, user_id, checkin.day, [*earlier, row])
    if rejudge:
        home_actions.diary_changed(session, user_id, checkin.day)
    return row


def delete_checkin(session: Session, user_id: int, checkin_id: int) -> bool:
    """Remove one of the person's check-ins and refold its day; False when there is no such check-in."""
    row = queries.checkin(session, user_id, checkin_id)
    if row is None:
        return False
    day = row.local_day
    queries.delete(session, row)
    queries.flush(session)
    refresh_day(session, user_id, day)
    return True


def refresh_day(session: Session, user_id: int, day: dt.date, *, rejudge: bool = True) -> DiaryDay | None:
    """Fold the day's check-ins into its ``diary_days`` row (removed when the day has none left).

    The person is locked first (:func:`~fibrokit.services.diary.queries.lock_person`), so two check-ins saved
    at once are folded one after the other and neither is lost from the day. The stored readiness of the
    mornings the day bears on (its own, the next, and those whose baseline holds them) is then judged again
    with it (:func:`fibrokit.services.home.actions.diary_changed`).
    """
    queries.lock_person(session, user_id)
    stored = _fold_day(session, user_id, day, _day_rows(session, user_id, day))
    if rejudge:
        home_actions.diary_changed(session, user_id, day)
    return stored


def _day_rows(session: Session, user_id: int, day: dt.date) -> list[CheckInRow]:
    """The day's stored check-ins (read after the person is locked, so no other writer changes them)."""
    return queries.checkins_on(session, user_id, day)


def _fold_day(session: Session, user_id: int, day: dt.date, rows: Sequence[CheckInRow]) -> DiaryDay | None:
    """Store the core's fold of ``rows`` (all the day's check-ins) as the day's ``diary_days`` row."""
    stored = queries.diary_day(session, user_id, day)
    if not rows:
        if stored is not None:
            queries.delete(session, stored)
        return None
    (summary,) = diary_daily(tuple(as_checkin(row) for row in rows))
    if stored is None:
        stored = queries.add(session, DiaryDay(user_id=user_id, day=day), flush=False)
    stored.checkins = summary.checkins
    stored.symptoms = {
        key: {"mean": s.mean, "low": s.low, "high": s.high, "count": s.count}
        for key, s in summary.symptoms.items()
    }
    stored.factors = sorted(summary.factors)
    stored.updated_at = utcnow()
    return stored


def add_item(session: Session, user_id: int, label: str, kind: str) -> DiaryItem:
    """Track a new item of the person's own from now on (a removed one with that name comes back)."""
    label = " ".join(label.split())
    if kind not in KINDS:
        raise InputError(f"Choose what the item is: {', '.join(KINDS)}.")
    if not label or len(label) > 120:
        raise InputError("Give the item a name of 1 to 120 characters.")
    key = item_key(label)
    queries.lock_person(session, user_id)
    items = current_items(session, user_id)
    if any(item.key == key for item in items):
        raise InputError(f"You already track {label!r}.")
    try:
        item = DiaryItem(key, label, kind, custom=True)
        updated = checkin_template(CheckIn(dt.datetime.now(), items=items), add=(item,))
    except ValueError as error:
        raise InputError(sentence(error)) from None
    _remember(session, user_id, updated.items, replace=True)
    return item


def remove_item(session: Session, user_id: int, key: str) -> None:
    """Stop offering an item in new check-ins; earlier check-ins keep their ratings of it."""
    queries.lock_person(session, user_id)
    items = current_items(session, user_id)
    try:
        updated = checkin_template(CheckIn(dt.datetime.now(), items=items), remove=(key,))
    except ValueError:
        raise InputError("That item is not in your check-in.") from None
    if not any(item.kind == "symptom" for item in updated.items):
        raise InputError("Keep at least one symptom to rate.")
    _remember(session, user_id, updated.items, replace=True)


def _remember(session: Session, user_id: int, items: tuple[DiaryItem, ...], *, replace: bool = False) -> None:
    """Store the person's template (the first save stores the defaults; changes update every row)."""
    rows = {row.key: row for row in queries.stored_items(session, user_id)}
    if rows and not replace:
        return
    wanted = {item.key for item in items}
    for position, item in enumerate(items):
        row = rows.get(item.key) or DiaryItemRow(user_id=user_id, key=item.key)
        queries.add(session, row, flush=False)
        row.label, row.kind, row.custom, row.active, row.position = (
            item.label,
            item.kind,
            item.custom,
            True,
            position,
        )
    # Removed items stay (their label names earlier ratings), inactive, after the active ones.
    for offset, row in enumerate(r for r in rows.values() if r.key not in wanted):
        row.active, row.position = False, len(items) + offset
    queries.flush(session)


def save_fiqr(
    session: Session,
    user_id: int,
    answers: Mapping[str, Sequence[str]],
    *,
    taken_on: str = "",
    missing_rule: str = "authors_current",
    today: dt.date,
) -> InstrumentRow:
    """Score and store a FIQR; ``answers`` holds each domain's answers as typed ("" for blank)."""
    scored = scored_fiqr(answers, taken_on=taken_on, missing_rule=missing_rule, today=today)
    return _store(session, user_id, scored)


def save_acr(
    session: Session, user_id: int, form: AcrAnswers, *, taken_on: str = "", today: dt.date
) -> InstrumentRow:
    """Check answers against one version of the ACR criteria (and the PSD for 2011/2016), and store them."""
    return _store(session, user_id, scored_acr(form, taken_on=taken_on, today=today))


def save_pgic(
    session: Session,
    user_id: int,
    rating: str,
    *,
    taken_on: str = "",
    trial_id: int | None = None,
    today: dt.date,
) -> InstrumentRow:
    """Store a PGIC answer (1 very much improved … 7 very much worse), optionally about one trial."""
    scored = scored_pgic(rating, taken_on=taken_on, today=today)
    if trial_id is not None:
        trial = trial_queries.get_trial(session, user_id, trial_id)
        if trial is None:
            raise InputError("There is no such trial of yours.")
        if scored.taken_on < trial.first_dose:
            raise InputError("A trial's impression of change is given after its first dose.")
    return _store(session, user_id, scored, trial_id)


def _store(session: Session, user_id: int, scored: Scored, trial_id: int | None = None) -> InstrumentRow:
    row = InstrumentRow(
        user_id=user_id,
        instrument=scored.instrument,
        version=scored.version,
        taken_on=scored.taken_on,
        trial_id=trial_id,
        answers=scored.answers,
        result=scored.result_json(),
        fibrokit_version=__version__,
    )
    return queries.add(session, row)
