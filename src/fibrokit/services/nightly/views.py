"""What the report shows of wearables' nights: a section per device, its values summarised, the device named.

Values of different devices are never pooled (each has its own method, and HRV may be RMSSD or SDNN), so each
device gets its own section; the mornings judged from the baseline's nights are counted by verdict.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from statistics import fmean

from fibrokit.report.content import Row, Section
from fibrokit.services.nightly import queries
from fibrokit.services.nightly.queries import Session
from fibrokit.services.nightly.values import SOURCE_NAMES, chosen_source
from fibrokit.store.tables import DailyValueRow


def device_sections(session: Session, user_id: int, start: dt.date, end: dt.date) -> tuple[Section, ...]:
    """A section per device with nights between ``start`` and ``end``, the baseline's source first."""
    rows = queries.nights(session, user_id, start, end)
    if not rows:
        return ()
    chosen = chosen_source(session, user_id)
    groups: dict[tuple[str, str], list[DailyValueRow]] = {}
    for row in rows:
        groups.setdefault((row.source, row.device), []).append(row)
    ordered = sorted(groups.items(), key=lambda item: (item[0][0] != chosen, item[0]))
    return tuple(_section(source, device, group, source == chosen) for (source, device), group in ordered)


def _section(source: str, device: str, rows: Sequence[DailyValueRow], baseline: bool) -> Section:
    name = device or SOURCE_NAMES.get(source, source)
    metric = next((r.hrv_metric.upper() for r in rows if r.hrv_metric), "")
    table = [
        Row("Days with values", str(len(rows)), "", "", ()),
        _mean("Resting heart rate, mean", [r.resting_hr_bpm for r in rows], "bpm", 0),
        _mean(f"HRV ({metric or 'none'}), mean", [r.hrv_ms for r in rows], "ms", 0),
        _mean("Sleep, mean", [r.sleep_minutes / 60 if r.sleep_minutes else None for r in rows], "h", 1),
        _mean("Steps, mean", [r.steps for r in rows], "", 0),
    ]
    verdicts = Counter(r.readiness for r in rows if r.readiness)
    if verdicts:
        text = ", ".join(f"{level} {count}" for level, count in verdicts.most_common())
        table.append(Row("Mornings judged from these nights", text, "", "", ()))
    methods = sorted(
        {r.resting_hr_method for r in rows if r.resting_hr_method}
        | {r.hrv_method for r in rows if r.hrv_method}
    )
    summary = (
        f"Nights and days measured by {name}, copied from its export as the vendor computed them.",
        "These nights are your baseline's source."
        if baseline
        else "Shown beside your baseline's source, not mixed with it.",
    )
    caveats = tuple(methods) + (
        ("SDNN is a different measure from RMSSD: compare it only with itself.",) if metric == "SDNN" else ()
    )
    return Section(
        f"device-{source}", f"Nights from {name}", f"{name} export", summary, tuple(table), caveats, ()
    )


def _mean(name: str, values: Sequence[float | None], unit: str, digits: int) -> Row:
    present = [v for v in values if v is not None]
    text = f"{fmean(present):.{digits}f} ({len(present)} days)" if present else "–"
    return Row(name, text, unit, "", ())
