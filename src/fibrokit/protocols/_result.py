"""The result of an autonomic test: findings with their norms and sources, phases, caveats and a summary."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from fibrokit._version import __version__
from fibrokit.hrv import HrvResult
from fibrokit.records import Marker


@dataclass(frozen=True)
class Norm:
    """A published reference a finding is compared with.

    Parameters
    ----------
    label : str
        The reference in plain words, e.g. "HRR at 1 min ≤ 12 bpm is abnormal after a 2-minute walking cool-down".
    evidence : tuple of str
        Keys of the facts in the evidence registry it comes from.
    """

    label: str
    evidence: tuple[str, ...]


# What each category means, in the words a patient reads (the category keys stay stable for storage).
CATEGORY_LABELS = {
    "normal": "in the usual range",
    "borderline": "borderline",
    "abnormal": "outside the usual range: a finding",
    "meets criterion": "below the usual range: a finding",
    "does not meet criterion": "in the usual range",
    "context": "",
}
# Where "meets criterion" has a direction, the words say which.
_MEETS = {
    "chronotropic_reserve_pct": "below the usual range: a finding",
    "max_rise_bpm": "above the usual range: a finding",
    "sbp_fall_mmhg": "a larger fall than usual: a finding",
    "dbp_fall_mmhg": "a larger fall than usual: a finding",
}


def category_label(category: str | None, symbol: str = "") -> str:
    """The plain words for a finding's category ("" for none or for context); an unknown key is shown as is."""
    if not category:
        return ""
    if category == "meets criterion":
        return _MEETS.get(symbol, "meets the published criterion: a finding")
    return CATEGORY_LABELS.get(category, category)


@dataclass(frozen=True)
class Finding:
    """One measured quantity of a test.

    Parameters
    ----------
    symbol : str
        Key, ending in its unit (``"hrr_60s_bpm"``, ``"ratio_30_15"``).
    name : str
        Display name.
    value : float
        The value; NaN when it could not be measured.
    unit : str
        Unit as displayed.
    category : str or None
        Where the value falls against its norms: ``"normal"``, ``"borderline"``, ``"abnormal"``, ``"meets
        criterion"``, ``"does not meet criterion"``, or ``"context"`` (shown beside group figures only); None
        when no norm applies.
    norms : tuple of Norm
        The references it is compared with (or shown beside, for group figures from studies).
    """

    symbol: str
    name: str
    value: float
    unit: str
    category: str | None = None
    norms: tuple[Norm, ...] = ()

    @property
    def category_label(self) -> str:
        """What the category means, in plain words (e.g. "below the usual range: a finding")."""
        return category_label(self.category, self.symbol)

    def __str__(self) -> str:
        shown = f"{self.value:.3g}" if math.isfinite(self.value) else "not measured"
        unit = f" {self.unit}" if self.unit and math.isfinite(self.value) else ""
        return f"{self.name}: {shown}{unit}" + (f" ({self.category_label})" if self.category else "")


@dataclass(frozen=True, eq=False)
class ProtocolResult:
    """A scored autonomic test.

    Attributes
    ----------
    protocol : str
        ``"exercise-test"``, ``"active-stand"``, ``"deep-breathing"``, ``"valsalva"``, ``"morning-reading"``,
        ``"muscle-oxygen"`` or ``"ewing"``.
    findings : tuple of Finding
        The measured quantities, each with its norms.
    phases : tuple of Marker
        The phases the analysis used, and whether they came from the recording or were detected.
    caveats : tuple of str
        What limits the result (effort not confirmed, β-blocker, phases detected automatically, poor quality).
    summary : tuple of str
        Plain-language sentences explaining the result; they describe, they do not diagnose.
    settings : mapping of str to str
        Choices made (HRmax formula, cool-down type, …).
    hrv : HrvResult or None
        Heart-rate variability of the resting part, when the test has one.
    curve : tuple of (times, heart rates)
        The 1-Hz heart-rate curve the findings were read from, for figures.
    """

    protocol: str
    findings: tuple[Finding, ...]
    phases: tuple[Marker, ...] = ()
    caveats: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    settings: Mapping[str, str] = field(default_factory=dict)
    hrv: HrvResult | None = None
    curve: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())
    version: str = __version__

    def __getitem__(self, symbol: str) -> float:
        return self.finding(symbol).value

    def finding(self, symbol: str) -> Finding:
        """The finding named ``symbol``."""
        for finding in self.findings:
            if finding.symbol == symbol:
                return finding
        raise KeyError(f"{self.protocol} has no finding {symbol!r}")

    def evidence_keys(self) -> tuple[str, ...]:
        """Every evidence key behind this result's norms, in order of first use."""
        keys = [key for finding in self.findings for norm in finding.norms for key in norm.evidence]
        return tuple(dict.fromkeys(keys))


def banded(value: float, normal_at: float, abnormal_at: float) -> str | None:
    """Category of a value against Ewing-style bands where higher is better (normal ≥ a, abnormal ≤ b)."""
    if not math.isfinite(value):
        return None
    if value >= normal_at:
        return "normal"
    if value <= abnormal_at:
        return "abnormal"
    return "borderline"
