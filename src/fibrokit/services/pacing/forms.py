"""The pacing settings forms as typed (or given on the command line): each field read and checked.

Every field is checked before anything changes, and a bad one is refused with one sentence naming it
(:class:`PacingInputError`). Saving is :mod:`fibrokit.services.pacing.actions`; this module only reads forms and
names the choices they offer (rules with their numbers, activities, plan defaults).
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from collections.abc import Mapping

from fibrokit.choices import CEILING_RULES, HRMAX_FORMULAS, THRESHOLD_RULES
from fibrokit.errors import FibrokitError
from fibrokit.evidence import fact
from fibrokit.pacing import pace_plan
from fibrokit.pacing.pace_plan import ACTIVITIES
from fibrokit.protocols.hrmax_predicted import hrmax_equation

LINE_FIELDS = (
    "rule",
    "ceiling_rule",
    "hrmax_rule",
    "resting_hr_bpm",
    "threshold_bpm",
    "ceiling_bpm",
    "vt1_hr_bpm",
    "use_exercise_test",
)
PLAN_FIELDS = ("plan_activity", "plan_start", "plan_minutes", "plan_sessions", "plan_weeks")
_BPM_NAMES = {
    "resting_hr_bpm": "the resting heart rate",
    "threshold_bpm": "the exertion threshold",
    "ceiling_bpm": "the ceiling",
    "vt1_hr_bpm": "the heart rate at VT1",
}


class PacingInputError(FibrokitError):
    """A pacing setting was refused; the message says which and why in one sentence."""


def plan_defaults() -> dict[str, int]:
    """Sessions a week and plan length the core proposes when the person gives none."""
    parameters = inspect.signature(pace_plan).parameters
    return {"sessions": parameters["sessions_per_week"].default, "weeks": parameters["weeks"].default}


def _choice(form: Mapping[str, str], name: str, allowed: tuple[str, ...], default: str) -> str:
    value = form.get(name, "").strip() or default
    if value not in allowed:
        raise PacingInputError(f"{name.replace('_', ' ')} must be one of {', '.join(allowed)}")
    return value


def _bpm(form: Mapping[str, str], name: str) -> float | None:
    text = form.get(name, "").strip()
    if not text:
        return None
    low, high = fact("pacing.hr.plausible_bpm").pair()
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise PacingInputError(
            f"{_BPM_NAMES[name]} must be a heart rate between {low:.0f} and {high:.0f} bpm (or left empty)"
        )
    return value


def lines_fields(form: Mapping[str, str]) -> dict[str, object]:
    """The rules and numbers behind the lines, read from a form, by settings column."""
    return {
        "rule": _choice(form, "rule", THRESHOLD_RULES, THRESHOLD_RULES[0]),
        "ceiling_rule": _choice(form, "ceiling_rule", CEILING_RULES, CEILING_RULES[0]),
        "hrmax_rule": _choice(form, "hrmax_rule", HRMAX_FORMULAS, HRMAX_FORMULAS[0]),
        **{name: _bpm(form, name) for name in _BPM_NAMES},
        "use_exercise_test": form.get("use_exercise_test", "") in ("true", "on", "1"),
    }


def budget_points(text: str) -> float | None:
    """A daily budget set by hand in load points, or None (empty: learn it from past days)."""
    text = text.strip()
    if not text:
        return None
    try:
        budget = float(text.replace(",", "."))
    except ValueError:
        budget = float("nan")
    if not (budget > 0 and math.isfinite(budget)):
        raise PacingInputError("the budget must be a positive number of load points (or left empty)")
    return budget


def plan_fields(form: Mapping[str, str], today: dt.date) -> dict[str, object]:
    """A progression plan read from a form, by settings column (an empty activity: no plan)."""
    activity = form.get("plan_activity", "").strip()
    if not activity:
        return {**dict.fromkeys(PLAN_FIELDS), "plan_activity": ""}
    defaults = plan_defaults()
    try:
        minutes = float(form.get("plan_minutes", "").strip().replace(",", "."))
        sessions = int(form.get("plan_sessions", "").strip() or defaults["sessions"])
        weeks = int(form.get("plan_weeks", "").strip() or defaults["weeks"])
        start_text = form.get("plan_start", "").strip()
        start = dt.date.fromisoformat(start_text) if start_text else today
        if not math.isfinite(minutes):
            raise ValueError(minutes)
    except ValueError:
        raise PacingInputError(
            "the plan needs minutes a session as a number, whole numbers of sessions and weeks, and a start "
            "date as YYYY-MM-DD"
        ) from None
    try:
        pace_plan(activity, minutes, sessions_per_week=sessions, weeks=weeks)  # type: ignore[arg-type]
    except ValueError as error:
        raise PacingInputError(f"this plan cannot be made: {error}") from None
    return {
        "plan_activity": activity,
        "plan_start": start - dt.timedelta(days=start.weekday()),  # plans run Monday to Sunday
        "plan_minutes": minutes,
        "plan_sessions": sessions,
        "plan_weeks": weeks,
    }


def rule_labels() -> dict[str, str]:
    """Plain-language labels of every rule, with the numbers from the evidence registry."""
    factor = fact("pacing.threshold.rest_factor").scalar()
    plus = fact("pacing.threshold.rest_plus_bpm").scalar()
    share = fact("pacing.at.hrr_fraction").pair()[0]
    f55 = fact("pacing.ceiling.hrmax_fraction").scalar()
    f76 = fact("pacing.vt1.hrmax_fraction").scalar()
    labels = {
        "rest_x1.15": f"resting heart rate × {factor:g} (Visible, citing the Workwell Foundation)",
        "rest_plus15": f"resting heart rate + {plus:g} bpm (University of the Pacific / Workwell researchers)",
        "auto": "the best evidence you have: a clinician's VT1, then your exercise test, then your age",
        "clinician_vt1": "the heart rate at VT1 your clinician measured",
        "exercise_test": f"resting heart rate + {share:.0%} of the reserve up to your exercise test's peak "
        "(Lemos 2010)",
        "age_0.55": f"{f55:g} × age-predicted maximum (the Workwell Foundation, as Visible applies it)",
        "age_vt1": f"{f76:.0%} of age-predicted maximum (fibromyalgia VT1 estimate, Villafaina 2022)",
    }
    for formula in HRMAX_FORMULAS:
        labels[formula] = hrmax_equation(formula)
    return labels


def activity_names() -> dict[str, str]:
    """The activities a plan can be made for, with their descriptions."""
    return dict(ACTIVITIES)
