"""The settings of a cohort run: which analysis, and every choice it makes, as one frozen value.

The settings travel to every worker with each file and are written, as JSON text, into every row of the table.
``--resume`` compares them too: a row computed with other settings is not the same result and is redone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from fibrokit.choices import ArtifactMethod, CoolDown, HrmaxFormula, HrvPreset
from fibrokit.hrv import HrvSettings

# Which settings each analysis depends on; only those go into its rows (and its resume key).
_HRV_KEYS = ("artifact_method", "preset")
ANALYSIS_SETTINGS: dict[str, tuple[str, ...]] = {
    "hrv": _HRV_KEYS,
    "windows": (*_HRV_KEYS, "window_s", "step_s"),
    "exercise": ("hrmax_formula", "cool_down"),
    "stand": (),
    "breathing": (),
    "valsalva": (),
    "morning": (),
    "oxygen": (),
}


@dataclass(frozen=True)
class CohortSettings:
    """Every choice of a cohort analysis (each analysis uses the ones that concern it).

    Parameters
    ----------
    artifact_method : str
        Artefact detection before HRV (see :func:`fibrokit.rr_flag_artifacts`).
    preset : {"fibrokit", "pcst"}
        HRV settings preset (see :class:`fibrokit.HrvSettings`).
    window_s : float
        Window length of the ``windows`` analysis, in seconds.
    step_s : float or None
        Step between windows; None means one window length (windows side by side, no overlap).
    hrmax_formula : {"fox", "gellish", "tanaka", "fibromyalgia"}
        Predicted maximum of the ``exercise`` analysis.
    cool_down : {"active", "seated", "supine", "none", "unknown"}
        What people did right after the exercise test (recovery is compared only with cut-offs for it).

    Examples
    --------
    >>> import json
    >>> from fibrokit.cohort import CohortSettings
    >>> chosen = json.loads(CohortSettings(window_s=300).as_json("windows"))
    >>> chosen["artifact_method"], chosen["step_s"], chosen["hrv"]["detrend"]
    ('lipponen2019', 300.0, 'constant')
    >>> CohortSettings().as_json("exercise")
    '{"cool_down": "unknown", "hrmax_formula": "fox"}'
    """

    artifact_method: ArtifactMethod = "lipponen2019"
    preset: HrvPreset = "fibrokit"
    window_s: float = 300.0
    step_s: float | None = None
    hrmax_formula: HrmaxFormula = "fox"
    cool_down: CoolDown = "unknown"

    def __post_init__(self) -> None:
        if not self.window_s > 0 or (self.step_s is not None and not self.step_s > 0):
            raise ValueError(
                f"`window_s` and `step_s` must be positive, not {self.window_s} and {self.step_s}"
            )
        # 300 and 300.0 are the same setting and must give the same JSON (and so the same resume key).
        object.__setattr__(self, "window_s", float(self.window_s))
        if self.step_s is not None:
            object.__setattr__(self, "step_s", float(self.step_s))

    @property
    def step(self) -> float:
        """The step between windows in seconds (the window length unless given)."""
        return self.window_s if self.step_s is None else self.step_s

    def hrv_settings(self) -> HrvSettings:
        """The HRV settings of the chosen preset."""
        return HrvSettings.preset_named(self.preset)

    def as_dict(self, analysis: str) -> dict[str, object]:
        """The settings ``analysis`` depends on, spelled out in full (every HRV setting, not just the preset)."""
        keys = analysis_keys(analysis)
        chosen: dict[str, object] = {}
        for key in keys:
            if key == "preset":
                chosen["hrv"] = self.hrv_settings().as_dict()
            elif key == "step_s":
                chosen["step_s"] = self.step
            else:
                chosen[key] = getattr(self, key)
        return chosen

    def as_json(self, analysis: str) -> str:
        """:meth:`as_dict` as JSON text with sorted keys, the same for the same settings on every machine."""
        return json.dumps(self.as_dict(analysis), sort_keys=True)


def analysis_keys(analysis: str) -> tuple[str, ...]:
    """The settings an analysis depends on; a clear error for an unknown analysis."""
    try:
        return ANALYSIS_SETTINGS[analysis]
    except KeyError:
        raise ValueError(
            f"`analysis` must be one of {', '.join(ANALYSIS_SETTINGS)}, not {analysis!r}"
        ) from None
