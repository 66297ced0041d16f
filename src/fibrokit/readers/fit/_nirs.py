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

# Field names seen for muscle oxygen, after snake-casing: Moxy's and other Connect IQ fields ("SmO2", "THb",
# "SmO2 Sensor 2", "Sat Hemo Percent", "Curr Hemo Conc"), Garmin's own names ("saturated_hemoglobin_percent",
# "total_hemoglobin_conc") and Train.Red's ("TSI", the tissue saturation index, is its SmO2).
_SMO2 = re.compile(
    r"smo2|sto2|(^|_)tsi($|_)|sat(urated)?_h(a)?emo(globin)?|muscle_oxygen|h(a)?emo(globin)?_perc"
)
_THB = re.compile(r"(^|_)thb|tot(al)?_h(a)?emo(globin)?|h(a)?emo(globin)?_conc")
# Lap, session or running aggregates of the same quantity are not the signal itself.
_AGGREGATE = re.compile(r"(^|_)(lap|avg|average|averaged|session|min|max|mean|prev|previous)(_|$)")
_SENSOR = re.compile(r"(?:sensor_?|_|^|[a-z])(\d)$")
_SIDES = {"left": 1, "right": 2}


def nirs_kind(name: str) -> str:
    """``"smo2"``, ``"thb"`` or ``""`` for a snake-case developer field name (aggregates are not the signal)."""
    if _AGGREGATE.search(name):
        return ""
    if _SMO2.search(name):
        return "smo2"
    if _THB.search(name):
        return "thb"
    return ""


def nirs_channel_names(names: list[str]) -> dict[str, str]:
    """Canonical channel names for the muscle-oxygen fields among snake-case field ``names``.

    The first sensor's fields become ``smo2`` and ``thb``, further sensors' ``smo2_2``, ``thb_2`` ... (as the
    Train.Red reader names them). A sensor is told by a number ending the name (``SmO2 2``, ``SmO2 Sensor 2``)
    or by a side (``left``, ``right``); otherwise by the order of the fields.

    Examples
    --------
    >>> nirs_channel_names(["smo2_sensor_1", "thb_sensor_1", "smo2_sensor_2", "thb_sensor_2", "power"])
    {'smo2_sensor_1': 'smo2', 'thb_sensor_1': 'thb', 'smo2_sensor_2': 'smo2_2', 'thb_sensor_2': 'thb_2'}
    >>> nirs_channel_names(["sat_hemo_percent", "lap_hemo_percent", "curr_hemo_conc"])
    {'sat_hemo_percent': 'smo2', 'curr_hemo_conc': 'thb'}
    """
    sensors: dict[str, int] = {}
    order: dict[str, int] = {"smo2": 0, "thb": 0}
    for name in names:
        kind = nirs_kind(name)
        if not kind:
            continue
        number = _SENSOR.search(name)
        side = next((n for word, n in _SIDES.items() if word in name.split("_")), None)
        if number is not None and not name.endswith("smo2"):
            sensors[name] = int(number[1])
        elif side is not None:
            sensors[name] = side
        else:
            order[kind] += 1
            sensors[name] = order[kind]
    firsts = {
        nirs_kind(n): min(v for m, v in sensors.items() if nirs_kind(m) == nirs_kind(n)) for n in sensors
    }
    named: dict[str, str] = {}
    for name, sensor in sensors.items():
        kind = nirs_kind(name)
        rank = sensor - firsts[kind] + 1  # sensors numbered from 0 or from 1 both start at the plain name
        channel = kind if rank == 1 else f"{kind}_{rank}"
        if channel in named.values():
            channel = f"{kind}_{len(named) + 1}"
        named[name] = channel
    return named


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
