"""A dated, editable price table of pharmacy offers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fibrokit.treatments.plan import DoseForm

STATES_50 = frozenset(
    [
        "AK",
        "AL",
        "AR",
        "AZ",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "IA",
        "ID",
        "IL",
        "IN",
        "KS",
        "KY",
        "LA",
        "MA",
        "MD",
        "ME",
        "MI",
        "MN",
        "MO",
        "MS",
        "MT",
        "NC",
        "ND",
        "NE",
        "NH",
        "NJ",
        "NM",
        "NV",
        "NY",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VA",
        "VT",
        "WA",
        "WI",
        "WV",
        "WY",
    ]
)
# The codes a price comparison accepts: the 50 states, the District of Columbia and the US Virgin Islands.
STATE_CODES = STATES_50 | {"DC", "VI"}


@dataclass(frozen=True)
class PriceEntry:
    """One offer: a pack of a form in a range of strengths, its price, shipping and where it does not ship.

    Attributes
    ----------
    pharmacy : str
    form : {"capsule", "tablet", "scored_tablet", "quad_tablet"}
    strength_mg : tuple of (float, float) or None
        Lowest and highest strength the price applies to (equal for a single strength); None when each
        capsule is compounded to the exact dose prescribed.
    count : int
        Capsules or tablets per pack (1 for a per-capsule price).
    price_usd, shipping_usd : float
        Pack price and shipping per order.
    no_ship_states : frozenset of str
        Two-letter US state codes the pharmacy does not ship to.
    ship_states : frozenset of str or None
        The codes it is known to ship to (None: anywhere); a code in neither set is "not stated".
    evidence : str
        Evidence key of the price, or ``""`` for an entry the person typed in.
    """

    pharmacy: str
    form: DoseForm
    strength_mg: tuple[float, float] | None
    count: int
    price_usd: float
    shipping_usd: float = 0.0
    no_ship_states: frozenset[str] = frozenset()
    evidence: str = ""
    ship_states: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.strength_mg is not None and not 0 < self.strength_mg[0] <= self.strength_mg[1]:
            raise ValueError(
                f"`strength_mg` must be (low, high) with 0 < low <= high, not {self.strength_mg}"
            )
        if self.count < 1 or self.price_usd < 0 or self.shipping_usd < 0:
            raise ValueError("`count` must be at least 1 and prices must not be negative")


@dataclass(frozen=True)
class PriceTable:
    """Price entries with the date they were published or checked.

    Attributes
    ----------
    entries : tuple of PriceEntry
    published : date
        Earliest date the prices can date from (so their age is never understated).
    precision : {"day", "month", "year"}
        How precisely ``published`` is known.
    source : str
        Source key of the evidence registry, or a description for prices typed in by the person.
    source_title : str
        Where the prices were printed, in words (e.g. the article's title).
    """

    entries: tuple[PriceEntry, ...]
    published: dt.date
    precision: str = "day"
    source: str = ""
    source_title: str = ""

    def __post_init__(self) -> None:
        if self.precision not in ("day", "month", "year"):
            raise ValueError(f"`precision` must be 'day', 'month' or 'year', not {self.precision!r}")

    def published_text(self) -> str:
        """The publication date at its known precision."""
        if self.precision == "year":
            return str(self.published.year)
        if self.precision == "month":
            return self.published.strftime("%B %Y")
        return self.published.isoformat()
