"""What the next check-in should offer: every item of the last one, plus what is still going on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from fibrokit.diary.checkin import CheckIn
from fibrokit.diary.items import DEFAULT_ITEMS, DiaryItem


@dataclass(frozen=True)
class CheckInTemplate:
    """The items to show in a new check-in and the factors to pre-fill.

    Attributes
    ----------
    items : tuple of DiaryItem
        Symptoms and factors to offer, in the order they were first added.
    prefilled : mapping of str to float or None
        Ongoing factors from the previous check-in, ticked in advance (the person can untick them).
    """

    items: tuple[DiaryItem, ...]
    prefilled: Mapping[str, float | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefilled", MappingProxyType(dict(self.prefilled)))


def checkin_template(
    previous: CheckIn | None,
    *,
    add: tuple[DiaryItem, ...] = (),
    remove: tuple[str, ...] = (),
) -> CheckInTemplate:
    """Build the next check-in from the previous one, so tracked items never have to be re-added.

    Parameters
    ----------
    previous : CheckIn or None
        The latest check-in; None for the first one, which offers the default items.
    add : tuple of DiaryItem
        New items to track from now on (custom symptoms, triggers, exposures).
    remove : tuple of str
        Keys of items to stop offering.

    Returns
    -------
    CheckInTemplate

    Notes
    -----
    Flaredown users reported that symptoms they had added did not reappear in the next check-in (issues #550,
    #551, #552, #572), so fibrokit carries every item forward until the person removes it.

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.diary import DiaryItem
    >>> jaw = DiaryItem("jaw_pain", "Jaw pain", "symptom", custom=True)
    >>> first = checkin_template(None, add=(jaw,))
    >>> c = CheckIn(dt.datetime(2025, 3, 1, 9), {"jaw_pain": 4}, {"menstruation": None},
    ...             ongoing=frozenset({"menstruation"}), items=first.items)
    >>> nxt = checkin_template(c)
    >>> "jaw_pain" in [i.key for i in nxt.items], dict(nxt.prefilled)
    (True, {'menstruation': None})
    """
    base = previous.items if previous is not None else DEFAULT_ITEMS
    keys = {item.key for item in base}
    clash = [item.key for item in add if item.key in keys]
    if clash:
        raise ValueError(f"`add` repeats items already tracked: {', '.join(clash)}")
    unknown = set(remove) - keys - {item.key for item in add}
    if unknown:
        raise ValueError(f"`remove` names items not tracked: {', '.join(sorted(unknown))}")
    items = tuple(item for item in (*base, *add) if item.key not in remove)
    prefilled: dict[str, float | None] = {}
    if previous is not None:
        prefilled = {key: previous.factors.get(key) for key in sorted(previous.ongoing) if key not in remove}
    return CheckInTemplate(items, prefilled)
