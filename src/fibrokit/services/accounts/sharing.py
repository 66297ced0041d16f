"""Who may see whose health data: the owner, the accounts they shared areas with, and holders of their links.

Every health-data page asks :func:`grant_for` (through the web app's access dependency) and, when someone other
than the owner looks, writes one entry of the access log
(:func:`~fibrokit.services.accounts.actions.log_access`): who, whose data, which area and page, when. The log
holds no health data. Shares and links are per area (``AREAS``) and revocable at any time; granting and
revoking them are :mod:`~fibrokit.services.accounts.actions`, this module only reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fibrokit.errors import FibrokitError
from fibrokit.services.accounts import queries
from fibrokit.services.accounts.queries import Session
from fibrokit.store.tables import AREAS, AccessLog, Share, ShareLink, User

AREA_NAMES = {
    "tests": "Tests and recordings",
    "diary": "Symptom diary",
    "treatments": "Treatments and trials",
    "pacing": "Pacing",
}


class SharingError(FibrokitError):
    """A sharing action was refused; the message says why in one sentence."""


def parse_areas(chosen: Iterable[str]) -> tuple[str, ...]:
    """The chosen areas in the usual order; at least one, each a known area."""
    picked = set(chosen)
    unknown = picked - set(AREAS)
    if unknown:
        raise SharingError(f"unknown area {sorted(unknown)[0]!r}: choose from {', '.join(AREAS)}")
    if not picked:
        raise SharingError("choose at least one area to share")
    return tuple(area for area in AREAS if area in picked)


def areas_of(text: str) -> tuple[str, ...]:
    """Areas stored as comma-separated text."""
    return tuple(area for area in text.split(",") if area in AREAS)


def can_view(session: Session, viewer: User, owner_id: int, area: str) -> bool:
    """True when ``viewer`` owns the data or holds an active share of ``area`` from its owner."""
    if area not in AREAS:
        raise ValueError(f"`area` must be one of {AREAS}, not {area!r}")
    if viewer.id == owner_id:
        return True
    return area in _share_areas(session, viewer.id, owner_id)


def _share_areas(session: Session, viewer_id: int, owner_id: int) -> tuple[str, ...]:
    share = queries.active_share(session, owner_id, viewer_id)
    return areas_of(share.areas) if share is not None else ()


def owned_share(session: Session, owner_id: int, share_id: int) -> Share:
    """One of the owner's active shares, or :class:`SharingError`."""
    share = queries.get_share(session, share_id)
    if share is None or share.owner_id != owner_id or share.revoked_at is not None:
        raise SharingError("there is no such share (it may have been revoked already)")
    return share


def shared_with(session: Session, viewer_id: int) -> list[User]:
    """The owners who currently share something with ``viewer_id``."""
    return [user for user, _ in patients_of(session, viewer_id)]


def has_patients(session: Session, viewer_id: int) -> bool:
    """True when at least one person currently shares something with ``viewer_id``."""
    return queries.has_patients(session, viewer_id)


def patients_of(session: Session, viewer_id: int) -> list[tuple[User, tuple[str, ...]]]:
    """The owners who currently share with ``viewer_id``, each with the areas shared."""
    return [(user, areas_of(areas)) for user, areas in queries.patients_of(session, viewer_id)]


def shares_of(session: Session, owner_id: int) -> list[tuple[Share, User]]:
    """The owner's active shares with the accounts they go to."""
    return queries.shares_of(session, owner_id)


@dataclass(frozen=True)
class Grant:
    """What one visitor may see of one person's data, and through what."""

    owner_id: int
    viewer: User | None
    link: ShareLink | None
    areas: frozenset[str]

    @property
    def is_owner(self) -> bool:
        """The visitor is the owner."""
        return self.viewer is not None and self.viewer.id == self.owner_id

    @property
    def who(self) -> str:
        """The visitor as the access log names them."""
        if self.viewer is not None:
            return self.viewer.email
        assert self.link is not None
        return f"link {self.link.id}" + (f" ({self.link.label})" if self.link.label else "")


def grant_for(session: Session, viewer: User | None, owner_id: int, link: ShareLink | None) -> Grant | None:
    """The areas ``viewer`` (or the holder of a valid ``link``) may see of ``owner_id``'s data; None for none."""
    if viewer is not None and viewer.id == owner_id:
        return Grant(owner_id, viewer, None, frozenset(AREAS))
    areas = set(_share_areas(session, viewer.id, owner_id)) if viewer is not None else set()
    usable = link if link is not None and link.owner_id == owner_id else None
    if usable is not None:
        areas |= set(areas_of(usable.areas))
    if not areas:
        return None
    return Grant(owner_id, viewer, usable, frozenset(areas))


def access_log(
    session: Session, owner_id: int, *, limit: int, offset: int = 0
) -> tuple[list[AccessLog], int]:
    """Entries of the owner's access log, newest first; and how many there are.

    The chart data a page fetches for itself (``….json``) are not listed apart from the page that showed them.
    """
    return queries.access_log_page(session, owner_id, limit=limit, offset=offset)


SUMMARY_PATH = "/"  # a clinician's home, where each patient's shared areas are summed up in a line
_PAGES = (
    ("", "viewed your dashboard"),
    ("recordings", "viewed your list of recordings"),
    ("recordings/*", "viewed one of your recordings"),
    ("tests/*", "viewed your results of one kind of test"),
    ("diary", "viewed your diary"),
    ("diary/*", "viewed part of your diary"),
    ("trials", "viewed your treatment trials"),
    ("trials/*", "viewed one of your treatment trials"),
    ("pacing", "viewed your pacing"),
    ("pacing/activities", "viewed your activities' pacing"),
    ("pacing/activities/*", "viewed the pacing of one activity"),
    ("pacing/*", "viewed part of your pacing"),
)


def access_words(owner_id: int, area: str, path: str) -> str:
    """What someone did, in words, from a logged page address: "viewed your diary".

    Examples
    --------
    >>> access_words(2, "diary", "/p/2/diary"), access_words(2, "tests", "/p/2/recordings/17")
    ('viewed your diary', 'viewed one of your recordings')
    >>> access_words(2, "pacing", "/p/2/elsewhere")
    'viewed a page of your pacing'
    """
    if path == SUMMARY_PATH:
        return (
            f"saw the one-line summary of your {AREA_NAMES.get(area, area).lower()} on their list of patients"
        )
    rest = path.removeprefix(f"/p/{owner_id}").strip("/")
    for pattern, words in _PAGES:
        if rest.startswith(pattern[:-1]) if pattern.endswith("/*") else rest == pattern:
            return words
    return f"viewed a page of your {AREA_NAMES.get(area, area).lower()}"
