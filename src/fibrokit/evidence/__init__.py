"""The evidence registry: every clinical or methodological number fibrokit uses, with its source.

Code never writes such a number inline; it asks the registry::

    >>> from fibrokit.evidence import fact
    >>> fact("hrv.band.hf_hz").pair()
    (0.15, 0.4)
    >>> fact("hrv.band.hf_hz").source
    'task_force_1996'

:func:`fact` returns the :class:`Fact`; :func:`source` the :class:`Source` it cites. ``FACTS`` and ``SOURCES`` are
the whole registry, from which ``docs/evidence.md`` is generated; ``RESEARCH`` sets each finding of the source
articles beside what the cited paper found (``docs/research.md``); ``CAUTIONS`` holds the sourced safety
statements shown before a guided exercise test or Valsalva.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TypeVar

from fibrokit.evidence import analysis as _analysis
from fibrokit.evidence import cohort as _cohort
from fibrokit.evidence import diary as _diary
from fibrokit.evidence import hrv as _hrv
from fibrokit.evidence import pacing as _pacing
from fibrokit.evidence import ppg as _ppg
from fibrokit.evidence import protocols as _protocols
from fibrokit.evidence import readers as _readers
from fibrokit.evidence import research as _research
from fibrokit.evidence import safety as _safety
from fibrokit.evidence import simulate as _simulate
from fibrokit.evidence import sources as _sources
from fibrokit.evidence import treatments as _treatments
from fibrokit.evidence._types import Caution, Fact, ResearchFinding, Source

__all__ = [
    "CAUTIONS",
    "FACTS",
    "RESEARCH",
    "SOURCES",
    "Caution",
    "Fact",
    "ResearchFinding",
    "Source",
    "fact",
    "source",
]

_Item = TypeVar("_Item", Fact, Source)


def _index(items: tuple[_Item, ...], kind: str) -> Mapping[str, _Item]:
    table: dict[str, _Item] = {}
    for item in items:
        if item.key in table:
            raise RuntimeError(f"duplicate {kind} key {item.key!r} in the evidence registry")
        table[item.key] = item
    return MappingProxyType(table)


# One module per domain; each defines FACTS and may define SOURCES of its own. Add a domain's module here.
_DOMAINS = (
    _hrv,
    _readers,
    _simulate,
    _protocols,
    _pacing,
    _diary,
    _treatments,
    _cohort,
    _ppg,
    _analysis,
    _research,
    _safety,
)

SOURCES: Mapping[str, Source] = _index(
    _sources.SOURCES + tuple(s for module in _DOMAINS for s in getattr(module, "SOURCES", ())), "source"
)
FACTS: Mapping[str, Fact] = _index(tuple(f for module in _DOMAINS for f in module.FACTS), "fact")
RESEARCH: tuple[ResearchFinding, ...] = _research.RESEARCH
"""The findings of the three source articles beside what the cited papers found (docs/research.md)."""
CAUTIONS: tuple[Caution, ...] = _safety.CAUTIONS
"""Who should not do a guided exercise test or Valsalva, when to stop, what a phone cannot measure (sourced)."""


def fact(key: str) -> Fact:
    """Return the fact registered under ``key``.

    Raises
    ------
    KeyError
        When no fact has that key (a programming error: every number must be registered).
    """
    try:
        return FACTS[key]
    except KeyError:
        raise KeyError(f"no evidence registered under {key!r}") from None


def source(key: str) -> Source:
    """Return the source registered under ``key``."""
    try:
        return SOURCES[key]
    except KeyError:
        raise KeyError(f"no source registered under {key!r}") from None
