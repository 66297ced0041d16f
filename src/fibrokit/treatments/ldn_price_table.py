"""The seeded LDN price table, built from the evidence registry."""

from __future__ import annotations

import datetime as dt

from fibrokit.evidence import fact
from fibrokit.treatments.plan import DoseForm
from fibrokit.treatments.prices import STATES_50, PriceEntry, PriceTable

# Avrio Pharmacy's list of states it does not ship to, as the article prints it; it names no other limits, so
# it is taken to ship to the other states (not DC or VI, which the article does not mention).
_AVRIO_NO_SHIP = frozenset({"AL", "AR", "IA", "LA", "MD", "MS", "NJ", "ND", "OK", "TN", "VT", "WV"})
# Care First is approved to ship to all 50 states and the US Virgin Islands (the article).
_CARE_FIRST_SHIPS = STATES_50 | {"VI"}


def _offers(
    pharmacy: tuple[str, DoseForm, str],
    packs: tuple[tuple[str, tuple[float, float]], ...],
    *,
    no_ship: frozenset[str] = frozenset(),
    ships: frozenset[str] | None = None,
) -> list[PriceEntry]:
    # One pharmacy's packs: ``pharmacy`` is its name, form and the registry key of its shipping; each pack's count
    # and price come from the registry, its strengths are given.
    name, form, shipping_key = pharmacy
    shipping = fact(shipping_key).scalar()
    offers = []
    for key, strengths in packs:
        count, price = fact(key).pair()
        offers.append(
            PriceEntry(
                name, form, strengths, int(count), price, shipping, no_ship, evidence=key, ship_states=ships
            )
        )
    return offers


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
    low, high = fact("price.care_first.strength_range_mg").pair()
    care_first = _offers(
        ("Care First Specialty Pharmacy", "scored_tablet", "price.care_first.shipping"),
        (
            ("price.care_first.tablets_0_5_to_4_5", (low, high)),
            ("price.care_first.tablets_5", (5.0, 5.0)),
            ("price.care_first.tablets_6", (6.0, 6.0)),
            ("price.care_first.tablets_3_x135", (3.0, 3.0)),
        ),
        ships=_CARE_FIRST_SHIPS,
    )
    avrio = _offers(
        ("Avrio Pharmacy", "quad_tablet", "price.avrio.shipping"),
        (
            ("price.avrio.quad_2_or_4_5", (2.0, 2.0)),
            ("price.avrio.quad_2_or_4_5", (4.5, 4.5)),
            ("price.avrio.quad_6", (6.0, 6.0)),
        ),
        no_ship=_AVRIO_NO_SHIP,
        ships=STATES_50 - _AVRIO_NO_SHIP,
    )
    entries = [*care_first, *avrio]
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
