"""The symptom diary: the person's remembered items, saving and removing check-ins, and each day's summary.

The science stays in :mod:`fibrokit.diary`: a check-in is validated by :class:`~fibrokit.diary.CheckIn`, the
next check-in's items come from :func:`~fibrokit.diary.checkin_template`, and a day is folded by
:func:`~fibrokit.diary.diary_daily` when one of its check-ins is saved or removed, so history pages only read
``diary_days`` (through :mod:`fibrokit.services.diary.rows`). Functions taking a ``Session`` never commit: the
caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fibrokit.diary import (
    DEFAULT_ITEMS,
    CheckIn,
    CheckInTemplate,
    DiaryItem,
    checkin_template,
    diary_daily,
)
from fibrokit.errors import InputError
from fibrokit.services.home import actions as home_actions
from fibrokit.store.tables import CheckInRow, DiaryDay, DiaryItemRow, User, utcnow

MAX_NOTE = 4000
KINDS = ("symptom", "trigger", "exposure")


def sentence(error: Exception) -> str:
    """A core error's message as a sentence for a person (no code quoting)."""
    text = str(error).replace("`", "")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def stored_items(session: Session, user_id: int) -> list[DiaryItemRow]:
    """Every item the person has tracked, active or removed, in the order they were added."""
    rows = session.scalars(
        select(DiaryItemRow).where(DiaryItemRow.user_id == user_id).order_by(DiaryItemRow.position)
    ).all()
    return list(rows)


def current_items(session: Session, user_id: int) -> tuple[DiaryItem, ...]:
    """The items the person's check-ins offer now (the defaults until they change anything)."""
    return active_items(stored_items(session, user_id))


def active_items(rows: Sequence[DiaryItemRow]) -> tuple[DiaryItem, ...]:
    """The items offered, from the person's stored items (the defaults when there are none)."""
    return tuple(_item(row) for row in rows if row.active) if rows else DEFAULT_ITEMS


def labels(session: Session, user_id: int) -> dict[str, str]:
    """A label for every key the person ever used (removed items keep theirs), defaults included."""
    return labels_of(stored_items(session, user_id))


def labels_of(rows: Sequence[DiaryItemRow]) -> dict[str, str]:
    """Labels of the defaults and of the person's stored items."""
    found = {item.key: item.label for item in DEFAULT_ITEMS}
    found.update({row.key: row.label for row in rows})
    return found


def latest_row(session: Session, user_id: int) -> CheckInRow | None:
    """The person's most recent check-in."""
    return session.scalar(
        select(CheckInRow)
        .where(CheckInRow.user_id == user_id)
        .order_by(CheckInRow.at_local.desc(), CheckInRow.id.desc())
        .limit(1)
    )


def template(session: Session, user_id: int) -> CheckInTemplate:
    """What the next check-in offers: the remembered items, and the factors still going on pre-ticked."""
    return next_template(current_items(session, user_id), latest_row(session, user_id))


def next_template(items: tuple[DiaryItem, ...], last: CheckInRow | None) -> CheckInTemplate:
    """The core's template for the next check-in, from the items offered now and the latest check-in."""
    if last is None:
        return CheckInTemplate(items)
    previous, gone = _with_items(last, items)
    return checkin_template(previous, remove=gone)


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
    """Validate and store one check-in, then refold its day.

    ``ratings`` maps item keys to what was typed or tapped ("" for not rated); ``factors`` and ``ongoing`` are
    factor keys; an ongoing factor counts as present. Raises :class:`InputError` with one sentence. With
    ``rejudge`` False the mornings the day bears on are left for the caller to judge again
    (:func:`fibrokit.services.home.actions.queue_diary_change`), outside a write turn.
    """
    items = current_items(session, user_id)
    # ``at`` is the person's wall clock and the server does not know their time zone: only a time later than
    # it is anywhere on Earth now (UTC+14) is certainly in the future.
    latest = (now or utcnow()) + dt.timedelta(hours=14, minutes=5)
    if at.replace(tzinfo=None) > latest:
        raise InputError("That time is in the future: a check-in records how things are or were.")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InputError(f"The note is too long ({len(note)} characters; at most {MAX_NOTE}).")
    values = {key: _rating(key, text, items) for key, text in ratings.items() if text.strip()}
    present = set(factors) | set(ongoing)
    if not values and not present and not note:
        raise InputError("Nothing to save: rate a symptom, tick a factor or write a note.")
    try:
        checkin = CheckIn(at, values, dict.fromkeys(sorted(present)), frozenset(ongoing), note, items=items)
    except ValueError as error:
        raise InputError(sentence(error)) from None
    lock_person(session, user_id)
    _remember(session, user_id, items)
    row = CheckInRow(
        user_id=user_id,
        at_local=at.replace(second=0, microsecond=0, tzinfo=None),
        local_day=checkin.day,
        ratings=dict(checkin.ratings),
        factors=dict(checkin.factors),
        ongoing=sorted(checkin.ongoing),
        note=checkin.note,
    )
    session.add(row)
    session.flush()
    refresh_day(session, user_id, checkin.day, rejudge=rejudge)
    return row


def delete_checkin(session: Session, user_id: int, checkin_id: int) -> bool:
    """Remove one of the person's check-ins and refold its day; False when there is no such check-in."""
    row = session.scalar(select(CheckInRow).where(CheckInRow.id == checkin_id, CheckInRow.user_id == user_id))
    if row is None:
        return False
    day = row.local_day
    session.delete(row)
    session.flush()
    refresh_day(session, user_id, day)
    return True


def lock_person(session: Session, user_id: int) -> None:
    """Let one transaction at a time change this person's diary (until it ends).

    On PostgreSQL the account row is locked FOR NO KEY UPDATE, which the foreign keys of new rows do not
    conflict with; SQLite has one writer at a time anyway.
    """
    session.execute(select(User.id).where(User.id == user_id).with_for_update(key_share=True))


def refresh_day(session: Session, user_id: int, day: dt.date, *, rejudge: bool = True) -> DiaryDay | None:
    """Fold the day's check-ins into its ``diary_days`` row (removed when the day has none left).

    The person is locked first (:func:`lock_person`), so two check-ins saved at once are folded one after the
    other and neither is lost from the day. The stored readiness of the mornings the day bears on (its own,
    the next, and those whose baseline holds them) is then judged again with it
    (:func:`fibrokit.services.home.actions.diary_changed`).
    """
    lock_person(session, user_id)
    stored = _fold_day(session, user_id, day)
    if rejudge:
        home_actions.diary_changed(session, user_id, day)
    return stored


def _fold_day(session: Session, user_id: int, day: dt.date) -> DiaryDay | None:
    rows = session.scalars(
        select(CheckInRow).where(CheckInRow.user_id == user_id, CheckInRow.local_day == day)
    ).all()
    stored = session.get(DiaryDay, (user_id, day))
    if not rows:
        if stored is not None:
            session.delete(stored)
        return None
    (summary,) = diary_daily(tuple(as_checkin(row) for row in rows))
    if stored is None:
        stored = DiaryDay(user_id=user_id, day=day)
        session.add(stored)
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
    key = _key(label)
    lock_person(session, user_id)
    items = current_items(session, user_id)
    if any(item.key == key for item in items):
        raise InputError(f"You already track {label!r}.")
    try:
        item = DiaryItem(key, label, kind, custom=True)  # type: ignore[arg-type]
        updated = checkin_template(CheckIn(dt.datetime.now(), items=items), add=(item,))
    except ValueError as error:
        raise InputError(sentence(error)) from None
    _remember(session, user_id, updated.items, replace=True)
    return item


def remove_item(session: Session, user_id: int, key: str) -> None:
    """Stop offering an item in new check-ins; earlier check-ins keep their ratings of it."""
    lock_person(session, user_id)
    items = current_items(session, user_id)
    try:
        updated = checkin_template(CheckIn(dt.datetime.now(), items=items), remove=(key,))
    except ValueError:
        raise InputError("That item is not in your check-in.") from None
    if not any(item.kind == "symptom" for item in updated.items):
        raise InputError("Keep at least one symptom to rate.")
    _remember(session, user_id, updated.items, replace=True)


def as_checkin(row: CheckInRow) -> CheckIn:
    """A stored check-in as the core's :class:`CheckIn` (its items made from the keys it holds)."""
    items = (
        *(DiaryItem(key, key, "symptom") for key in row.ratings),
        *(DiaryItem(key, key, "trigger") for key in row.factors),
    )
    factors = {key: None if v is None else float(v) for key, v in row.factors.items()}
    return CheckIn(row.at_local, row.ratings, factors, frozenset(row.ongoing), row.note, items=items)


def count_checkins(session: Session, user_id: int) -> int:
    """How many check-ins the person has made."""
    found = session.scalar(select(func.count()).select_from(CheckInRow).where(CheckInRow.user_id == user_id))
    return int(found or 0)


def _item(row: DiaryItemRow) -> DiaryItem:
    return DiaryItem(row.key, row.label, row.kind, row.custom)  # type: ignore[arg-type]


def _with_items(row: CheckInRow, items: tuple[DiaryItem, ...]) -> tuple[CheckIn, tuple[str, ...]]:
    """The stored check-in with today's items, plus stand-ins for keys no longer tracked (to be removed)."""
    known = {item.key for item in items}
    gone = tuple(dict.fromkeys(k for k in (*row.ratings, *row.factors, *row.ongoing) if k not in known))
    stand_ins = tuple(DiaryItem(k, k, "symptom" if k in row.ratings else "trigger") for k in gone)
    factors = {key: None if v is None else float(v) for key, v in row.factors.items()}
    previous = CheckIn(
        row.at_local, row.ratings, factors, frozenset(row.ongoing), row.note, items=items + stand_ins
    )
    return previous, gone


def _rating(key: str, text: str, items: tuple[DiaryItem, ...]) -> float:
    label = next((item.label for item in items if item.key == key), key)
    name = label.split(" (")[0]
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(f"{name}: give a number from 0 to 10, not {text.strip()!r}.") from None
    if not math.isfinite(value):
        raise InputError(f"{name}: give a number from 0 to 10.")
    return value


def _key(label: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    if not key or not key[0].isalpha():
        key = "my_" + key
    return key[:40].rstrip("_")


def _remember(session: Session, user_id: int, items: tuple[DiaryItem, ...], *, replace: bool = False) -> None:
    """Store the person's template (the first save stores the defaults; changes update every row)."""
    rows = {row.key: row for row in stored_items(session, user_id)}
    if rows and not replace:
        return
    wanted = {item.key for item in items}
    for position, item in enumerate(items):
        row = rows.get(item.key) or DiaryItemRow(user_id=user_id, key=item.key)
        session.add(row)
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
    session.flush()
