"""Shared parts of the ACR fibromyalgia criteria: the 19 pain areas in 5 regions and the symptom ratings.

The area names are fibrokit's own plain words for the areas of the Widespread Pain Index (Wolfe 2010, 2016).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from fibrokit.evidence import fact
from fibrokit.evidence.cite import numbers


class Region(Enum):
    """The five body regions of the 2016 generalised-pain rule."""

    LEFT_UPPER = "left upper"
    RIGHT_UPPER = "right upper"
    LEFT_LOWER = "left lower"
    RIGHT_LOWER = "right lower"
    AXIAL = "axial"


class PainArea(Enum):
    """The 19 areas of the Widespread Pain Index; pain in the past week counts one point each."""

    JAW_LEFT = "left jaw"
    SHOULDER_LEFT = "left shoulder"
    UPPER_ARM_LEFT = "left upper arm"
    LOWER_ARM_LEFT = "left forearm"
    JAW_RIGHT = "right jaw"
    SHOULDER_RIGHT = "right shoulder"
    UPPER_ARM_RIGHT = "right upper arm"
    LOWER_ARM_RIGHT = "right forearm"
    HIP_LEFT = "left hip or buttock"
    UPPER_LEG_LEFT = "left thigh"
    LOWER_LEG_LEFT = "left lower leg"
    HIP_RIGHT = "right hip or buttock"
    UPPER_LEG_RIGHT = "right thigh"
    LOWER_LEG_RIGHT = "right lower leg"
    NECK = "neck"
    UPPER_BACK = "upper back"
    LOWER_BACK = "lower back"
    CHEST = "chest"
    ABDOMEN = "belly"

    @property
    def region(self) -> Region:
        """The region the area belongs to."""
        return _REGION[self]


_A = PainArea
_REGION = {
    **dict.fromkeys((_A.JAW_LEFT, _A.SHOULDER_LEFT, _A.UPPER_ARM_LEFT, _A.LOWER_ARM_LEFT), Region.LEFT_UPPER),
    **dict.fromkeys(
        (_A.JAW_RIGHT, _A.SHOULDER_RIGHT, _A.UPPER_ARM_RIGHT, _A.LOWER_ARM_RIGHT), Region.RIGHT_UPPER
    ),
    **dict.fromkeys((_A.HIP_LEFT, _A.UPPER_LEG_LEFT, _A.LOWER_LEG_LEFT), Region.LEFT_LOWER),
    **dict.fromkeys((_A.HIP_RIGHT, _A.UPPER_LEG_RIGHT, _A.LOWER_LEG_RIGHT), Region.RIGHT_LOWER),
    **dict.fromkeys((_A.NECK, _A.UPPER_BACK, _A.LOWER_BACK, _A.CHEST, _A.ABDOMEN), Region.AXIAL),
}

# Wolfe 2016: jaw, chest and abdominal pain do not count toward the generalised-pain (regional) rule.
NOT_REGIONAL: frozenset[PainArea] = frozenset({_A.JAW_LEFT, _A.JAW_RIGHT, _A.CHEST, _A.ABDOMEN})


@dataclass(frozen=True)
class AcrSymptoms:
    """Part A of the Symptom Severity Scale: each rated 0-3 for the past week.

    0 no problem, 1 slight or mild (often intermittent), 2 moderate (often present), 3 severe (continuous,
    life-disturbing).
    """

    fatigue: int
    waking_unrefreshed: int
    cognitive: int

    def __post_init__(self) -> None:
        low, high = (int(v) for v in fact("acr.sss_item_range").pair())
        for name in ("fatigue", "waking_unrefreshed", "cognitive"):
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise ValueError(f"`{name}` must be a whole number from {low} to {high}, not {value!r}")

    @property
    def total(self) -> int:
        """Sum of the three ratings (0-9)."""
        return self.fatigue + self.waking_unrefreshed + self.cognitive


@dataclass(frozen=True)
class SomaticSymptoms:
    """Part B of the 2011 and 2016 Symptom Severity Scale: present in the past 6 months, one point each."""

    headaches: bool
    lower_belly_pain_or_cramps: bool
    depression: bool

    @property
    def total(self) -> int:
        """Number present (0-3)."""
        return int(self.headaches) + int(self.lower_belly_pain_or_cramps) + int(self.depression)


@dataclass(frozen=True)
class AcrResult:
    """Whether answers meet one version of the ACR fibromyalgia criteria.

    Attributes
    ----------
    version : str
        ``"ACR 2010"``, ``"ACR 2011"`` or ``"ACR 2016"``.
    meets : bool
        True when every condition of that version is met.
    wpi, sss : int
        Widespread Pain Index (0-19) and Symptom Severity Scale (0-12).
    conditions : tuple of (str, bool)
        Each condition of the version in plain words and whether it is met.
    statement : str
        Plain-language summary, always with "not a diagnosis".
    evidence : tuple of str
        Evidence keys of every threshold used.
    regions : int
        Regions with pain counted for generalised pain (2016 only; 0 otherwise).
    fs_at_least_13 : bool or None
        2011 only: whether WPI + SSS reaches 13.
    """

    version: str
    meets: bool
    wpi: int
    sss: int
    conditions: tuple[tuple[str, bool], ...]
    statement: str
    evidence: tuple[str, ...]
    regions: int = 0
    fs_at_least_13: bool | None = None


def wpi(areas: frozenset[PainArea]) -> int:
    """Widespread Pain Index: the number of areas with pain in the past week (0-19)."""
    return len(areas)


@dataclass(frozen=True)
class AcrVersion:
    """What sets one version of the criteria apart; :func:`judge` applies it.

    Every version asks for the two-arm severity rule and symptoms of at least 3 months (Wolfe 2010, 2011,
    2016); they differ in the middle arm (``mid_key``: WPI 3-6 in 2010 and 2011, 4-6 in 2016), in whether
    another disorder explaining the pain rules fibromyalgia out (2010, 2011), in the generalised-pain rule
    (2016) and in the fibromyalgia-symptom-score cut-off reported beside the result (2011).
    """

    name: str
    mid_key: str
    excludes_other_disorders: bool = False
    generalised_pain: bool = False
    fs_cutoff: bool = False
    note: str = ""


def judge(
    version: AcrVersion,
    areas: frozenset[PainArea],
    sss_value: int,
    *,
    symptoms_three_months: bool,
    other_disorder_explains_pain: bool = False,
) -> AcrResult:
    """Check the WPI of ``areas`` and the SSS against one version: each condition in plain words, and the result.

    Examples
    --------
    >>> r = judge(AcrVersion("ACR 2010", "acr.2010.rule_mid"), frozenset(list(PainArea)[:7]), 5,
    ...           symptoms_three_months=True)
    >>> r.meets, [text for text, met in r.conditions if not met]
    (True, [])
    """
    w = wpi(areas)
    months = int(fact("acr.min_duration_months").scalar())
    regions, need = 0, int(fact("acr.2016.min_regions").scalar())
    conditions = [
        severity_arm(w, sss_value, version.mid_key),
        (f"symptoms at a similar level for at least {months} months", symptoms_three_months),
    ]
    evidence = ["acr.wpi_range", "acr.sss_range", "acr.rule_high", version.mid_key, "acr.min_duration_months"]
    if version.generalised_pain:
        regions = len({area.region for area in areas - NOT_REGIONAL})
        text = f"generalised pain: at least {need} of 5 regions (jaw, chest and belly not counted)"
        conditions.insert(0, (text, regions >= need))
        evidence.insert(4, "acr.2016.min_regions")
    if version.excludes_other_disorders:
        conditions.append(("no other disorder that would explain the pain", not other_disorder_explains_pain))
    fs = None
    if version.fs_cutoff:
        fs = w + sss_value >= fact("acr.2011.fs_cutoff").scalar()
        evidence.append("acr.2011.fs_cutoff")
    meets = all(met for _, met in conditions)
    text = statement(version.name, meets) + version.note
    return AcrResult(version.name, meets, w, sss_value, tuple(conditions), text, tuple(evidence), regions, fs)


def severity_arm(wpi_value: int, sss_value: int, mid_key: str) -> tuple[str, bool]:
    """The two-arm severity condition with the version's middle arm (``mid_key``: 3-6 or 4-6)."""
    high_wpi, high_sss = (int(v) for v in fact("acr.rule_high").pair())
    low, high, mid_sss = (int(v) for v in numbers(mid_key))
    met = (wpi_value >= high_wpi and sss_value >= high_sss) or (
        low <= wpi_value <= high and sss_value >= mid_sss
    )
    text = f"WPI ≥ {high_wpi} and SSS ≥ {high_sss}, or WPI {low}-{high} and SSS ≥ {mid_sss}"
    return text, met


def statement(version: str, meets: bool) -> str:
    """Plain summary; criteria are for classification and never a diagnosis on their own."""
    verb = "meet" if meets else "do not meet"
    return (
        f"These answers {verb} the criteria of {version}. This is not a diagnosis: only a clinician who has "
        "examined you can make one."
    )
