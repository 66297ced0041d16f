"""Side effects turned into questions for the clinician — never instructions."""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.evidence.cite import numbers
from fibrokit.treatments.plan import SideEffectReport, TrialPlan


@dataclass(frozen=True)
class ClinicianQuestion:
    """A question to take to the clinician.

    Attributes
    ----------
    topic : str
        What prompted it (a side-effect key, or ``"opioids"``).
    question : str
        The question, in the patient's words.
    urgent : bool
        True when it should not wait for the next visit.
    sources : tuple of str
        Source or evidence keys behind the rule.
    """

    topic: str
    question: str
    urgent: bool
    sources: tuple[str, ...]


def side_effect_questions(
    plan: TrialPlan, reports: tuple[SideEffectReport, ...]
) -> tuple[ClinicianQuestion, ...]:
    """Turn the side-effect log into questions for the clinician.

    Rules: vivid dreams or sleep trouble → ask about taking the dose in the morning; headache or nausea that
    persists (reported on at least 3 days spanning at least 7) → ask about a lower dose or a slower increase;
    anything severe → contact the clinician promptly. Recorded opioid use always comes first, as the trial's
    hard stop; fibrokit never suggests a dose change around it. This function works on a stopped plan too, so
    the questions can still be printed.

    Parameters
    ----------
    plan : TrialPlan
    reports : tuple of SideEffectReport

    Returns
    -------
    tuple of ClinicianQuestion
        Urgent questions first.

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.treatments import SideEffectReport, TrialPlan, ldn_schedule
    >>> plan = TrialPlan(ldn_schedule("weekly_1_5"), dt.date(2025, 3, 1))
    >>> q = side_effect_questions(plan, (SideEffectReport(dt.date(2025, 3, 2), "vivid_dreams"),))
    >>> q[0].question
    'I have had vivid dreams since starting. Could I take the dose in the morning instead of at bedtime?'
    """
    questions: list[ClinicianQuestion] = []
    if plan.opioid_use:
        questions.append(
            ClinicianQuestion(
                "opioids",
                "I have taken an opioid while planning or taking low-dose naltrexone. Naltrexone blocks opioids: "
                "is it safe to go on, and how? (fibrokit has stopped the trial until you confirm in writing.)",
                True,
                ("trial.opioid_free_weeks_final",),
            )
        )
    for report in sorted(reports, key=lambda r: r.on):
        if report.severity == "severe" and not any(q.topic == report.effect and q.urgent for q in questions):
            questions.append(
                ClinicianQuestion(
                    report.effect,
                    f"I had severe {report.effect.replace('_', ' ')} on {report.on.isoformat()}. What should I do?",
                    True,
                    (),
                )
            )
    effects = {r.effect for r in reports}
    if effects & {"vivid_dreams", "insomnia"}:
        what = "vivid dreams" if "vivid_dreams" in effects else "trouble sleeping"
        questions.append(
            ClinicianQuestion(
                "vivid_dreams" if "vivid_dreams" in effects else "insomnia",
                f"I have had {what} since starting. Could I take the dose in the morning instead of at bedtime?",
                False,
                ("lavendersky_ldn", "younger_2009"),
            )
        )
    for effect in ("headache", "nausea"):
        if _persistent([r for r in reports if r.effect == effect]):
            questions.append(
                ClinicianQuestion(
                    effect,
                    f"My {effect} has gone on for over a week. Would a lower dose, or a slower increase, help?",
                    False,
                    ("trial.side_effect_persistent", "lavendersky_ldn"),
                )
            )
    return tuple(sorted(questions, key=lambda q: not q.urgent))


def _persistent(reports: list[SideEffectReport]) -> bool:
    count, span = numbers("trial.side_effect_persistent")
    days = sorted({r.on for r in reports})
    return len(days) >= count and (days[-1] - days[0]).days + 1 >= span
