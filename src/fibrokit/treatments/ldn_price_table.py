"""The seeded LDN price table, built from the evidence registry."""

from __future__ import annotations

import datetime as dt

from fibrokit.evidence import fact
from fibrokit.treatments.prices import STATES_50, PriceEntry, PriceTable

# Avrio Pharmacy's list of states it does not ship to, as the article prints it; it names no other limits, so
# it is taken to ship to the other states (not DC or VI, which the article does not mention).
_AVRIO_NO_SHIP = frozenset({"AL", "AR", "IA", "LA", "MD", "MS", "NJ", "ND", "OK", "TN", "VT", "WV"})
# Care First is approved to ship to all 50 states and the US Virgin Islands (the article).
_CARE_FIRST_SHIPS = STATES_50 | {"VI"}


def _pack(key: str) -> tuple[int, float]:
    count, price = fact(key).pair()
    return int(count), price


def ldn_price_table() -> PriceTable:
    """The LDN prices printed in the AFSA article "Giving LDN Your Best Shot", as an editable starting point.

    Care First Specialty Pharmacy (scored tablets; $3.95 shipping; ships to the 50 states and the US Virgin
    Islands), Avrio Pharmacy (double-scored "quad" tablets; $8 shipping; does not ship to AL, AR, IA, LA, MD, MS,
    NJ, ND, OK, TN, VT, WV) and a local compounding pharmacy at about $1 a capsule. The article is undated; it
    cites papers of 2023, so the prices are dated 2023 at the earliest and their age is never understated. Prices change: build a new :class:`PriceTable` with current quotes, and
    always read the age that :func:`trial_cost` reports.

    Returns
    -------
    PriceTable

    Examples
    --------
    >>> t = ldn_price_table()
    >>> t.published_text(), len(t.entries)
    ('2023', 8)
    """
    care, avrio = "Care First Specialty Pharmacy", "Avrio Pharmacy"
    care_ship, avrio_ship = fact("price.care_first.shipping").scalar(), fact("price.avrio.shipping").scalar()
    low, high = fact("price.care_first.strength_range_mg").pair()
    entries = []
    for key, strengths in (
        ("price.care_first.tablets_0_5_to_4_5", (low, high)),
        ("price.care_first.tablets_5", (5.0, 5.0)),
        ("price.care_first.tablets_6", (6.0, 6.0)),
        ("price.care_first.tablets_3_x135", (3.0, 3.0)),
    ):
        count, price = _pack(key)
        entries.append(
            PriceEntry(
                care,
                "scored_tablet",
                strengths,
                count,
                price,
                care_ship,
                evidence=key,
                ship_states=_CARE_FIRST_SHIPS,
            )
        )
    for key, strengths in (
        ("price.avrio.quad_2_or_4_5", (2.0, 2.0)),
        ("price.avrio.quad_2_or_4_5", (4.5, 4.5)),
        ("price.avrio.quad_6", (6.0, 6.0)),
    ):
        count, price = _pack(key)
        entries.append(
            PriceEntry(
                avrio,
                "quad_tablet",
                strengths,
                count,
                price,
                avrio_ship,
                _AVRIO_NO_SHIP,
                evidence=key,
                ship_states=STATES_50 - _AVRIO_NO_SHIP,
            )
        )
    entries.append(
        PriceEntry(
            "Local compounding pharmacy",
            "capsule",
            None,
            1,
            fact("price.local.capsule").scalar(),
            evidence="price.local.capsule",
        )
    )
    year = int(fact("price.published_year").scalar())
    return PriceTable(
        tuple(entries),
        dt.date(year, 1, 1),
        "year",
        "afsa_ldn_article",
        'the AFSA article "Giving LDN Your Best Shot"',
    )
