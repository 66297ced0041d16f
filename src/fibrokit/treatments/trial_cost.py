"""What a trial would cost at each pharmacy in the price table, for a person's state and schedule."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from itertools import product as pairs

from fibrokit.evidence import fact
from fibrokit.treatments.plan import Product, TrialPlan
from fibrokit.treatments.prices import STATE_CODES, PriceEntry, PriceTable
from fibrokit.treatments.trial_guard import trial_guard

_Need = tuple[tuple[float, int], ...]  # (mg, days) to cover


@dataclass(frozen=True)
class PharmacyQuote:
    """The cheapest way found to cover the trial at one pharmacy.

    Attributes
    ----------
    pharmacy : str
    items : tuple of str
        What to buy, e.g. ``"2 × 90 of 1.5 mg scored tablets at $46.95"``.
    medicine_usd, shipping_usd, total_usd : float
    evidence : tuple of str
        Evidence keys of the prices used.
    """

    pharmacy: str
    items: tuple[str, ...]
    medicine_usd: float
    shipping_usd: float
    total_usd: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class CostComparison:
    """Quotes for one person's state and schedule, cheapest first, and how old the prices are.

    Attributes
    ----------
    quotes : tuple of PharmacyQuote
    unavailable : tuple of (str, str)
        Pharmacies left out and why (no shipping to the state, no product for a dose).
    state : str
    days_covered : int
        Days of medicine priced: the titration plus the supply of the target dose.
    age_text : str
        When the prices were published, relative to ``today``.
    source : str
        Source of the price table.
    """

    quotes: tuple[PharmacyQuote, ...]
    unavailable: tuple[tuple[str, str], ...]
    state: str
    days_covered: int
    age_text: str
    source: str


def trial_cost(
    plan: TrialPlan, table: PriceTable, state: str, today: dt.date, *, supply_days: int | None = None
) -> CostComparison:
    """Compare what the schedule (titration plus ``supply_days`` of the target dose) costs at each pharmacy.

    For each pharmacy every product that can make the doses is tried, alone or as a titration product plus a
    maintenance product, and the cheapest is quoted: whole packs, halves and quarters of scored tablets where
    the form allows, shipping once per order.

    Parameters
    ----------
    plan : TrialPlan
    table : PriceTable
        E.g. :func:`ldn_price_table`, or current quotes.
    state : str
        Two-letter code of a US state, DC or the US Virgin Islands (VI), for shipping restrictions.
    today : date
        Used only to say how old the prices are.
    supply_days : int, optional
        Days of the target dose (90 by default).

    Returns
    -------
    CostComparison

    Raises
    ------
    TrialStopped
        When opioid use is recorded without a clinician's confirmation.

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.treatments import TrialPlan, ldn_price_table, ldn_schedule
    >>> plan = TrialPlan(ldn_schedule("fixed_4_5"), dt.date(2025, 3, 3))
    >>> c = trial_cost(plan, ldn_price_table(), "NJ", dt.date(2025, 3, 1))
    >>> c.quotes[0].pharmacy, c.quotes[0].total_usd, c.unavailable[0]
    ('Care First Specialty Pharmacy', 50.9, ('Avrio Pharmacy', 'does not ship to NJ'))
    """
    trial_guard(plan)
    code = state.strip().upper()
    if code not in STATE_CODES:
        raise ValueError(
            f"{state!r} is not a code the price comparison knows: give one of the 50 US states, DC or VI."
        )
    state = code
    days = int(fact("ldn.supply_days").scalar()) if supply_days is None else supply_days
    titration: _Need = tuple((s.mg, s.days) for s in plan.schedule.titration if s.days is not None)
    maintenance: _Need = ((plan.schedule.target_mg, days),)
    quotes, unavailable = [], []
    for pharmacy in dict.fromkeys(entry.pharmacy for entry in table.entries):
        entries = [entry for entry in table.entries if entry.pharmacy == pharmacy]
        if any(state in entry.no_ship_states for entry in entries):
            unavailable.append((pharmacy, f"does not ship to {state}"))
            continue
        if any(entry.ship_states is not None and state not in entry.ship_states for entry in entries):
            unavailable.append(
                (pharmacy, f"shipping to {state} is not stated by the source; ask the pharmacy")
            )
            continue
        quote = _best(pharmacy, entries, titration, maintenance)
        if quote is None:
            unavailable.append((pharmacy, "no listed product makes every dose of this schedule"))
        else:
            quotes.append(quote)
    quotes.sort(key=lambda q: q.total_usd)
    days_covered = sum(d for _, d in titration) + days
    return CostComparison(
        tuple(quotes), tuple(unavailable), state, days_covered, _age(table, today), table.source
    )


def _candidates(entry: PriceEntry, doses: set[float]) -> list[tuple[PriceEntry, Product | None]]:
    if entry.strength_mg is None:  # compounded to order: one capsule of the exact dose each day
        return [(entry, None)]
    low, high = entry.strength_mg
    strengths = {low, high} | {mg for mg in doses if low <= mg <= high}
    return [(entry, Product(s, entry.form)) for s in sorted(strengths)]


def _units(option: tuple[PriceEntry, Product | None], need: _Need) -> float | None:
    _, product = option
    total = 0.0
    for mg, days in need:
        units = 1.0 if product is None else product.units_for(mg)
        if units is None:
            return None
        total += units * days
    return total


def _best(
    pharmacy: str, entries: list[PriceEntry], titration: _Need, maintenance: _Need
) -> PharmacyQuote | None:
    doses = {mg for mg, _ in titration + maintenance}
    options = [c for entry in entries for c in _candidates(entry, doses)]
    plans: list[list[tuple[tuple[PriceEntry, Product | None], float]]] = []
    for option in options:
        units = _units(option, titration + maintenance)
        if units is not None:
            plans.append([(option, units)])
    if titration:
        for first, second in pairs(options, options):
            units_a, units_b = _units(first, titration), _units(second, maintenance)
            if units_a is not None and units_b is not None and first != second:
                plans.append([(first, units_a), (second, units_b)])
    if not plans:
        return None
    return min((_quote(pharmacy, plan) for plan in plans), key=lambda q: q.total_usd)


def _quote(pharmacy: str, plan: list[tuple[tuple[PriceEntry, Product | None], float]]) -> PharmacyQuote:
    items, medicine = [], 0.0
    for (entry, product), units in plan:
        packs = math.ceil(units / entry.count - 1e-9)
        medicine += packs * entry.price_usd
        what = product.describe() if product is not None else "capsules compounded to each dose"
        items.append(f"{packs} × {entry.count} of {what} at ${entry.price_usd:.2f} ({units:g} needed)")
    shipping = max(entry.shipping_usd for (entry, _), _ in plan)
    evidence = tuple(dict.fromkeys(entry.evidence for (entry, _), _ in plan if entry.evidence))
    return PharmacyQuote(
        pharmacy, tuple(items), round(medicine, 2), shipping, round(medicine + shipping, 2), evidence
    )


def _age(table: PriceTable, today: dt.date) -> str:
    oldest = (today - table.published).days
    if table.precision == "year":
        newest = (today - dt.date(table.published.year, 12, 31)).days
    elif table.precision == "month":
        newest = oldest - 30
    else:
        newest = oldest
    span = (
        f"about {oldest // 30} months"
        if newest == oldest
        else f"between {max(newest, 0) // 30} and {oldest // 30} months"
    )
    return (
        f"These prices were published in {table.published_text()}{_by(table)}, {span} before "
        f"{today.isoformat()}. Prices change: check them with the pharmacy before ordering."
    )


def _by(table: PriceTable) -> str:
    return f" in {table.source_title}" if table.source_title else ""
