"""Beat series: validation, units, artefact detection, R peaks in ECG.

Each name is imported on first use (PEP 562), so reading a file that only needs :func:`rr_series` does not load
the ECG and pulse-wave detectors.
"""

from __future__ import annotations

import importlib as _importlib
import sys as _sys
import types as _types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fibrokit.beats.ecg_rpeaks import ecg_rpeaks
    from fibrokit.beats.ppg_beats import PpgBeats, classify_pulse_intervals, ppg_beats
    from fibrokit.beats.rr_flag_artifacts import ARTIFACT_METHODS, rr_flag_artifacts
    from fibrokit.beats.rr_series import rr_series
    from fibrokit.beats.rr_units import UnitDecision, rr_units

_PUBLIC: dict[str, str] = {
    "ARTIFACT_METHODS": "rr_flag_artifacts",
    "PpgBeats": "ppg_beats",
    "UnitDecision": "rr_units",
    "classify_pulse_intervals": "ppg_beats",
    "ecg_rpeaks": "ecg_rpeaks",
    "ppg_beats": "ppg_beats",
    "rr_flag_artifacts": "rr_flag_artifacts",
    "rr_series": "rr_series",
    "rr_units": "rr_units",
}

__all__ = [
    "ARTIFACT_METHODS",
    "PpgBeats",
    "UnitDecision",
    "classify_pulse_intervals",
    "ecg_rpeaks",
    "ppg_beats",
    "rr_flag_artifacts",
    "rr_series",
    "rr_units",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use and keep it."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'fibrokit.beats' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"fibrokit.beats.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(_types.ModuleType):
    """The package module, which keeps a function when its module of the same name is imported.

    Importing ``fibrokit.beats.rr_series`` (the module) sets ``fibrokit.beats.rr_series``; the name must stay
    the function :func:`rr_series`, as it was when this package imported every function eagerly.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, _types.ModuleType) and name in _PUBLIC:
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
