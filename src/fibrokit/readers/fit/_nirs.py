"""Muscle-oxygen (NIRS) developer fields: recognise SmO2 and THb, and undo the known scaling faults.

Moxy and other NIRS sensors reach FIT files through Connect IQ data fields whose ``field_description`` may or
may not state a scale; values 10 or 100 times too large have been reported (GoldenCheetah issues #2183 and
#2072). After the declared scale is applied, a median outside the plausible span of the quantity
(``readers.nirs.*`` in the evidence registry) is divided by 10 or 100, whichever brings it inside, and the
recording's warnings say so.
"""

from __future__ import annotations

import re

import numpy as np

from fibrokit.evidence import fact
from fibrokit.readers.fit._tables import FloatArray

_SMO2 = re.compile(r"smo2|saturated_h(a)?emoglobin|muscle_oxygen")
_THB = re.compile(r"(^|_)thb|total_h(a)?emoglobin|h(a)?emoglobin_conc")


def nirs_kind(name: str) -> str:
    """``"smo2"``, ``"thb"`` or ``""`` for a snake-case developer field name."""
    if _SMO2.search(name):
        return "smo2"
    if _THB.search(name):
        return "thb"
    return ""


def nirs_scaled(name: str, values: FloatArray, units: str) -> tuple[FloatArray, str, str]:
    """Values in physical units, their unit, and a note when a scaling fault was corrected."""
    kind = nirs_kind(name)
    if not kind:
        return values, units, ""
    key, unit = (
        ("readers.nirs.smo2_range_pct", "%") if kind == "smo2" else ("readers.nirs.thb_range_g_dl", "g/dL")
    )
    low, high = fact(key).pair()
    finite = values[np.isfinite(values)]
    median = float(np.median(finite)) if finite.size else float("nan")
    if not finite.size or low <= median <= high:
        return values, unit, ""
    for divisor in (10.0, 100.0):
        if low <= median / divisor <= high:
            note = (
                f"developer field {name!r} ({kind}) had a median of {median:g}, outside {low:g}-{high:g} {unit}; "
                f"it was stored {divisor:g} times too large and was divided by {divisor:g}"
            )
            return values / divisor, unit, note
    return (
        values,
        unit,
        f"developer field {name!r} ({kind}) has implausible values (median {median:g} {unit})",
    )
