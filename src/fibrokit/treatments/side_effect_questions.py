"""Side effects turned into questions for the clinician — never instructions."""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.evidence import fact
from fibrokit.evidence.cite import numbers
from fibrokit.treatments.plan import SideEffectReport, TrialPlan, TrialStopped
from fibrokit.treatments.trial_guard import trial_guard

_ARTICLE = "afsa_ldn_article"


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
    """Turn the side-effect log and the opioid record into questions for the clinician.

    Rules, as the AFSA article "Giving LDN Your Best Shot" reports its physicians' advice: vivid dreams or
    nightmares → ask about taking the dose in the morning; headache, nausea or anxiety that persist (reported
    on at least 3 days spanning at least 7) → ask about dropping to 3 mg (or, at 3 mg or less, what to do);
    anything severe → contact the clinician promptly. Opioid use comes first: before the clinician's
    confirmation it is the trial's hard stop; after it, intermittent daytime use brings the two outcomes the
    article names and its warning of more stomach and bowel side effects, around-the-clock use the question of
    how the very-low-dose start goes on. Works on a stopped plan too, so the questions can still be printed.

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
    questions = list(_opioid_questions(plan))
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
    if not plan.schedule.is_ldn:
        return tuple(sorted(questions + _own_questions(plan, reports), key=lambda q: not q.urgent))
    if any(r.effect == "vivid_dreams" for r in reports):
        questions.append(
            ClinicianQuestion(
                "vivid_dreams",
                "I have had vivid dreams since starting. Could I take the dose in the morning instead of at bedtime?",
                False,
                (_ARTICLE,),
            )
        )
    lower = fact("ldn.side_effects.drop_to_mg").scalar()
    for effect in ("headache", "nausea", "anxiety"):
        found = [r for r in reports if r.effect == effect]
        if _persistent(found):
            mg = plan.schedule.mg_on((max(r.on for r in found) - plan.first_dose).days)
            ask = (
                f"Could I drop to {lower:g} mg, where such side effects usually go away?"
                if mg > lower + 1e-9
                else "What would you suggest?"
            )
            questions.append(
                ClinicianQuestion(
                    effect,
                    f"My {effect} has gone on for over a week on {mg:g} mg. {ask}",
                    False,
                    ("trial.side_effect_persistent", "ldn.side_effects.drop_to_mg"),
                )
            )
    return tuple(sorted(questions, key=lambda q: not q.urgent))


def _own_questions(plan: TrialPlan, reports: tuple[SideEffectReport, ...]) -> list[ClinicianQuestion]:
    """Any other treatment: a persistent side effect becomes an open question (no treatment-specific advice)."""
    questions = []
    for effect in dict.fromkeys(r.effect for r in sorted(reports, key=lambda r: r.on)):
        if _persistent([r for r in reports if r.effect == effect]):
            questions.append(
                ClinicianQuestion(
                    effect,
                    f"My {effect.replace('_', ' ')} has gone on for over a week since starting "
                    f"{plan.schedule.treatment}. Could it come from it, and what should I do?",
                    False,
                    ("trial.side_effect_persistent",),
                )
            )
    return questions


def _opioid_questions(plan: TrialPlan) -> tuple[ClinicianQuestion, ...]:
    if not plan.opioid_use or not plan.schedule.is_ldn:
        return ()
    try:
        trial_guard(plan)
    except TrialStopped:
        confirmation = plan.opioid_confirmation
        if confirmation is not None and confirmation.on >= max(use.on for use in plan.opioid_use):
            limit = fact("ldn.opioid.very_low_max_mg").scalar()
            return (
                ClinicianQuestion(
                    "opioids",
                    f"I take an opioid around the clock and this plan starts at {plan.schedule.first_mg:g} mg. "
                    f"The article reports only a very-low-dose start ({limit:g} mg or less) in that case: which "
                    "start do you choose for me?",
                    True,
                    ("ldn.opioid.very_low_max_mg", _ARTICLE),
                ),
            )
        return (
            ClinicianQuestion(
                "opioids",
                "I have taken an opioid while planning or taking low-dose naltrexone. Naltrexone blocks opioids: "
                "is it safe to go on, and how? (fibrokit has stopped the trial until you confirm in writing.)",
                True,
                ("trial.opioid_free_weeks_final",),
            ),
        )
    if any(use.around_the_clock for use in plan.opioid_use):
        return (
            ClinicianQuestion(
                "opioids",
                f"I take an opioid around the clock and start at {plan.schedule.first_mg:g} mg, a very-low-dose "
                "start. When and how should the dose change, and what should I watch for?",
                False,
                ("ldn.opioid.very_low_max_mg", _ARTICLE),
            ),
        )
    return (
        ClinicianQuestion(
            "opioids",
            "I take an opioid now and then in the daytime and LDN at night. The article reports two possible "
            "outcomes: the opioid works as before, or it works less well because of the naltrexone; and more "
            "stomach and bowel side effects in the first few weeks. What "
            "should I watch for, and when should I call you?",
            False,
            (_ARTICLE,),
        ),
    )


def _persistent(reports: list[SideEffectReport]) -> bool:
    if not reports:
        return False
    count, span = numbers("trial.side_effect_persistent")
    days = sorted({r.on for r in reports})
    return len(days) >= count and (days[-1] - days[0]).days + 1 >= span
