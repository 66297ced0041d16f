"""What a check-in offers and how one is read: the person's items, their labels, the next template, ratings.

The science stays in :mod:`fibrokit.diary`: a check-in is validated by :class:`~fibrokit.diary.CheckIn` and
the next check-in's items come from :func:`~fibrokit.diary.checkin_template`. Saving and removing check-ins
(and folding their day) are in :mod:`fibrokit.services.diary.actions`; the statements in
:mod:`fibrokit.services.diary.queries`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from fibrokit.choices import ITEM_KINDS
from fibrokit.diary import DEFAULT_ITEMS, CheckIn, CheckInTemplate, DiaryItem, checkin_template
from fibrokit.errors import InputError
from fibrokit.services.diary import queries
from fibrokit.services.diary.queries import Session
from fibrokit.store.tables import CheckInRow, DiaryItemRow, utcnow

MAX_NOTE = 4000
KINDS = ITEM_KINDS  # named once, in fibrokit.choices


def sentence(error: Exception) -> str:
    """A core error's message as a sentence for a person (no code quoting)."""
    text = str(error).replace("`", "")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def current_items(session: Session, user_id: int) -> tuple[DiaryItem, ...]:
    """The items the person's check-ins offer now (the defaults until they change anything)."""
    return active_items(queries.stored_items(session, user_id))


def active_items(rows: Sequence[DiaryItemRow]) -> tuple[DiaryItem, ...]:
    """The items offered, from the person's stored items (the defaults when there are none)."""
    return tuple(_item(row) for row in rows if row.active) if rows else DEFAULT_ITEMS


def labels(session: Session, user_id: int) -> dict[str, str]:
    """A label for every key the person ever used (removed items keep theirs), defaults included."""
    return labels_of(queries.stored_items(session, user_id))


def labels_of(rows: Sequence[DiaryItemRow]) -> dict[str, str]:
    """Labels of the defaults and of the person's stored items."""
    found = {item.key: item.label for item in DEFAULT_ITEMS}
    found.update({row.key: row.label for row in rows})
    return found


def template(session: Session, user_id: int) -> CheckInTemplate:
    """What the next check-in offers: the remembered items, and the factors still going on pre-ticked."""
    return next_template(current_items(session, user_id), queries.latest_row(session, user_id))


def next_template(items: tuple[DiaryItem, ...], last: CheckInRow | None) -> CheckInTemplate:
    """The core's template for the next check-in, from the items offered now and the latest check-in."""
    if last is None:
        return CheckInTemplate(items)
    previous, gone = _with_items(last, items)
    return checkin_template(previous, remove=gone)


@dataclass(frozen=True)
class NewCheckIn:
    """A check-in validated against the person's items, to be stored with ``actions.store_checkin``."""

    checkin: CheckIn
    items: tuple[DiaryItem, ...]
    first: bool  # the person had no stored items: the defaults it was made with are stored with it


def checked_checkin(
    session: Session,
    user_id: int,
    at: dt.datetime,
    ratings: Mapping[str, str],
    factors: Iterable[str],
    ongoing: Iterable[str] = (),
    note: str = "",
    *,
    now: dt.datetime | None = None,
) -> NewCheckIn:
    """Validate a check-in against the person's items; raises :class:`InputError` with one sentence.

    ``ratings`` maps item keys to what was typed or tapped ("" for not rated); ``factors`` and ``ongoing`` are
    factor keys; an ongoing factor counts as present. It only reads, so the web app does it before taking its
    turn to write.
    """
    stored = queries.stored_items(session, user_id)
    items = active_items(stored)
    # ``at`` is the person's wall clock and the server does not know their time zone: only a time later than
    # it is anywhere on Earth now (UTC+14) is certainly in the future.
    latest = (now or utcnow()) + dt.timedelta(hours=14, minutes=5)
    if at.replace(tzinfo=None) > latest:
        raise InputError("That time is in the future: a check-in records how things are or were.")
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InputError(f"The note is too long ({len(note)} characters; at most {MAX_NOTE}).")
    values = {key: rating(key, text, items) for key, text in ratings.items() if text.strip()}
    present = set(factors) | set(ongoing)
    if not values and not present and not note:
        raise InputError("Nothing to save: rate a symptom, tick a factor or write a note.")
    try:
        checkin = CheckIn(at, values, dict.fromkeys(sorted(present)), frozenset(ongoing), note, items=items)
    except ValueError as error:
        raise InputError(sentence(error)) from None
    return NewCheckIn(checkin, items, not stored)


def rating(key: str, text: str, items: tuple[DiaryItem, ...]) -> float:
    """A rating as typed or tapped, as a number (one sentence naming the item when it is not one)."""
    label = next((item.label for item in items if item.key == key), key)
    name = label.split(" (")[0]
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(f"{name}: give a number from 0 to 10, not {text.strip()!r}.") from None
    if not math.isfinite(value):
        raise InputError(f"{name}: give a number from 0 to 10.")
    return value


def item_key(label: str) -> str:
    """The key of an item of the person's own, made from its name."""
    key = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    if not key or not key[0].isalpha():
        key = "my_" + key
    return key[:40].rstrip("_")


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
