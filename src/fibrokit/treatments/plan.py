"""The types of a treatment trial: schedule, product, plan, logs, the opioid stop and its clinician override.

A plan is frozen: recording something new (an opioid, a clinician's confirmation) makes a new plan with
:func:`dataclasses.replace`, so an older plan can never be changed behind a result's back.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Literal

from fibrokit.errors import FibrokitError
from fibrokit.evidence import fact

DoseForm = Literal["capsule", "tablet", "scored_tablet", "quad_tablet"]

# How finely each form can be split: a scored tablet in halves, a double-scored ("quad") tablet in quarters.
_DIVISIONS: dict[str, int] = {"capsule": 1, "tablet": 1, "scored_tablet": 2, "quad_tablet": 4}

DEFAULT_OUTCOMES = ("pain", "fatigue", "sleep_quality", "brain_fog", "mood", "stiffness")
LDN = "low-dose naltrexone"


class TrialStopped(FibrokitError):
    """The trial cannot go on: opioid use is recorded without a clinician's explicit confirmation."""


@dataclass(frozen=True)
class Product:
    """A strength and form a pharmacy supplies: ``Product(1.5, "capsule")``, ``Product(3.0, "scored_tablet")``."""

    strength_mg: float
    form: DoseForm

    def __post_init__(self) -> None:
        if self.form not in _DIVISIONS:
            raise ValueError(f"`form` must be one of {sorted(_DIVISIONS)}, not {self.form!r}")
        if not (math.isfinite(self.strength_mg) and self.strength_mg > 0):
            raise ValueError(f"`strength_mg` must be positive, not {self.strength_mg!r}")

    def units_for(self, mg: float) -> float | None:
        """Capsules or tablets (in halves or quarters where the form allows) giving ``mg``, or None."""
        parts = mg / self.strength_mg * _DIVISIONS[self.form]
        whole = round(parts)
        return whole / _DIVISIONS[self.form] if whole >= 1 and abs(parts - whole) < 1e-9 else None

    def describe(self) -> str:
        """E.g. ``"1.5 mg capsules"``."""
        return f"{self.strength_mg:g} mg {self.form.replace('_', ' ')}s"


@dataclass(frozen=True)
class DoseStep:
    """One step of a schedule: a daily dose in mg, for ``days`` days (None: from then on)."""

    mg: float
    days: int | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.mg) and self.mg > 0):
            raise ValueError(f"`mg` must be a positive number, not {self.mg!r}")
        if self.days is not None and self.days < 1:
            raise ValueError(f"`days` must be at least 1 or None, not {self.days!r}")


@dataclass(frozen=True)
class DoseSchedule:
    """A dosing schedule as data.

    Attributes
    ----------
    key, name : str
        Identifier and plain-language name.
    treatment : str
        What is taken (``"low-dose naltrexone"``).
    steps : tuple of DoseStep
        Titration steps with their days, ending with one open-ended step (the target dose).
    evidence : tuple of str
        Evidence keys of every dose and duration in the schedule.
    caveat : str
        Anything about the schedule's sourcing that a clinician should know.
    kind : str
        ``"physician practice"`` (one physician's practice as reported), ``"trial protocol"`` (a published
        trial's dosing) or ``"own schedule"`` (entered by the person and their clinician).
    credit : str
        Whose practice or which trial, in words.
    titration_product, maintenance_product : Product or None
        Default capsules or tablets that can make every titration dose and the target dose (overridable).
    opioid_start : bool
        True for the very-low-dose starts, the only schedules offered with around-the-clock opioid use.
    unit : str
        What a step's amount counts: ``"mg"`` for LDN; for other treatments what the person and clinician set
        (``"mg"``, ``"sessions"``, ``"minutes"`` …).
    """

    key: str
    name: str
    treatment: str
    steps: tuple[DoseStep, ...]
    evidence: tuple[str, ...]
    caveat: str = ""
    kind: str = "own schedule"
    credit: str = ""
    titration_product: Product | None = None
    maintenance_product: Product | None = None
    opioid_start: bool = False
    unit: str = "mg"

    def __post_init__(self) -> None:
        if not self.steps or self.steps[-1].days is not None:
            raise ValueError("`steps` must end with an open-ended step (days=None): the target dose")
        if any(step.days is None for step in self.steps[:-1]):
            raise ValueError("only the last step of `steps` may be open-ended")

    @property
    def titration(self) -> tuple[DoseStep, ...]:
        """The steps before the target dose."""
        return self.steps[:-1]

    @property
    def is_ldn(self) -> bool:
        """True for low-dose naltrexone, the treatment with the opioid rules and the article's advice."""
        return self.treatment == LDN

    @property
    def titration_days(self) -> int:
        """Days before the target dose is reached."""
        return sum(step.days or 0 for step in self.titration)

    @property
    def first_mg(self) -> float:
        """The first dose."""
        return self.steps[0].mg

    @property
    def target_mg(self) -> float:
        """The dose taken from the end of titration on."""
        return self.steps[-1].mg

    def mg_on(self, day: int) -> float:
        """Dose on day ``day`` (0 = the first dose)."""
        for step in self.titration:
            assert step.days is not None  # guaranteed by __post_init__
            if day < step.days:
                return step.mg
            day -= step.days
        return self.target_mg


OpioidPattern = Literal["intermittent", "around_the_clock", "not_said"]
OPIOID_PATTERNS: tuple[str, ...] = ("intermittent", "around_the_clock", "not_said")


@dataclass(frozen=True)
class OpioidUse:
    """A record that an opioid was taken or prescribed (any dose, any route).

    ``pattern`` says how: ``"intermittent"`` (now and then in the daytime, e.g. on bad days),
    ``"around_the_clock"`` (regular doses day and night) or ``"not_said"``, which is handled as around the clock.
    """

    on: dt.date
    detail: str = ""
    pattern: OpioidPattern = "not_said"

    def __post_init__(self) -> None:
        if self.pattern not in OPIOID_PATTERNS:
            raise ValueError(f"`pattern` must be one of {list(OPIOID_PATTERNS)}, not {self.pattern!r}")

    @property
    def around_the_clock(self) -> bool:
        """True unless the use is recorded as intermittent."""
        return self.pattern != "intermittent"


@dataclass(frozen=True)
class ClinicianConfirmation:
    """A clinician's explicit, dated, written confirmation that the trial may go on despite opioid use.

    Parameters
    ----------
    clinician : str
        The clinician's name.
    on : date
        Date of the confirmation; it covers opioid records up to that date only.
    statement : str
        The clinician's own words (at least a sentence), e.g. how opioids and naltrexone will be handled.
    """

    clinician: str
    on: dt.date
    statement: str

    def __post_init__(self) -> None:
        if not self.clinician.strip():
            raise ValueError("`clinician` must name the clinician")
        if len(self.statement.split()) < 5:
            raise ValueError("`statement` must be the clinician's explicit statement (at least five words)")


@dataclass(frozen=True)
class TrialPlan:
    """An n-of-1 treatment trial.

    Attributes
    ----------
    schedule : DoseSchedule
    first_dose : date
        Day of the first dose; the baseline is the days before it.
    outcomes : tuple of str
        Diary symptom keys to evaluate; ``primary`` must be among them.
    primary : str
        The outcome the verdict is about (pain by default, as in the trials).
    opioid_use : tuple of OpioidUse
        Any opioid use recorded. Any record stops the trial (see :func:`trial_guard`).
    opioid_confirmation : ClinicianConfirmation or None
        A clinician's confirmation dated on or after the latest opioid record.
    """

    schedule: DoseSchedule
    first_dose: dt.date
    outcomes: tuple[str, ...] = DEFAULT_OUTCOMES
    primary: str = "pain"
    opioid_use: tuple[OpioidUse, ...] = ()
    opioid_confirmation: ClinicianConfirmation | None = None

    def __post_init__(self) -> None:
        if self.primary not in self.outcomes:
            raise ValueError(f"`primary` {self.primary!r} must be one of `outcomes`")

    def final_week(self, doses: tuple[DoseTaken, ...] = ()) -> int:
        """Week after the first dose in which 12 weeks at the target dose are complete: the verdict's week.

        A logged dose below the target after the scheduled titration moves it later.
        """
        target = self.schedule.target_mg
        reached = self.schedule.titration_days
        below = [
            (d.on - self.first_dose).days for d in doses if d.mg < target - 1e-9 and d.on >= self.first_dose
        ]
        if below:
            reached = max(reached, max(below) + 1)
        weeks = "trial.duration_weeks" if self.schedule.is_ldn else "trial.other_duration_weeks"
        return -(-(reached + 7 * int(fact(weeks).scalar())) // 7)


@dataclass(frozen=True)
class DoseTaken:
    """A dose log entry."""

    on: dt.date
    mg: float
    time: Literal["bedtime", "morning", "other"] = "bedtime"


SideEffect = Literal[
    "vivid_dreams", "insomnia", "headache", "nausea", "fatigue", "anxiety", "dizziness", "other"
]
SIDE_EFFECTS: tuple[str, ...] = (
    "vivid_dreams",
    "insomnia",
    "headache",
    "nausea",
    "fatigue",
    "anxiety",
    "dizziness",
    "other",
)


@dataclass(frozen=True)
class SideEffectReport:
    """A side-effect log entry."""

    on: dt.date
    effect: SideEffect
    severity: Literal["mild", "moderate", "severe"] = "mild"
    note: str = ""

    def __post_init__(self) -> None:
        if self.effect not in SIDE_EFFECTS:
            raise ValueError(f"`effect` must be one of {list(SIDE_EFFECTS)}, not {self.effect!r}")
        if self.severity not in ("mild", "moderate", "severe"):
            raise ValueError(f"`severity` must be 'mild', 'moderate' or 'severe', not {self.severity!r}")
