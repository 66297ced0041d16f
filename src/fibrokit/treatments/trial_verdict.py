"""The plain-language verdict: the person's result beside the trials and the placebo response."""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.evidence import fact
from fibrokit.evidence.cite import numbers
from fibrokit.treatments.trial_evaluation import TrialEvaluation


@dataclass(frozen=True)
class Verdict:
    """The verdict on a trial.

    Attributes
    ----------
    judged : bool
        False when fibrokit declines to judge (before 12 weeks at the target dose, or too few ratings); every
        view before then is interim.
    response : str
        ``"meaningful"``, ``"not meaningful"``, ``"unclear"`` or ``"not judged"``.
    text : str
        The verdict in plain words, with the evidence context.
    reasons : tuple of str
        Why it was not judged, when it was not.
    evidence : tuple of str
    """

    judged: bool
    response: str
    text: str
    reasons: tuple[str, ...]
    evidence: tuple[str, ...]


_EVIDENCE = (
    "trial.duration_weeks",
    "immpact.pain_reduction_pct",
    "ldn.younger_2013.pain_change_pct",
    "ldn.final.pain_change_points",
    "ldn.late_responders_pct",
    "pgic.immpact",
)


def trial_verdict(evaluation: TrialEvaluation) -> Verdict:
    """Say, in plain words, what the trial showed — or why it is too early to say.

    Refuses to judge before 12 weeks at the target dose, whatever the titration (the AFSA article's three
    months at the target dose), or when the primary outcome lacks the baseline or final ratings it needs. A
    judged verdict puts the final change beside Younger 2013 (pain −28.8 % on 4.5 mg LDN, −18.0 % on placebo),
    FINAL (Bruun 2024: −1.3 vs −0.9 points on 6 mg, no pain benefit), the late responders McKenzie-Brown 2023
    reports, and names what a trial on one's own cannot separate: placebo, natural ups and downs and
    regression to the mean.

    Parameters
    ----------
    evaluation : TrialEvaluation

    Returns
    -------
    Verdict

    Examples
    --------
    >>> import datetime as dt
    >>> from fibrokit.treatments import TrialEvaluation, TrialPlan, ldn_schedule
    >>> plan = TrialPlan(ldn_schedule("fixed_4_5"), dt.date(2025, 3, 1))
    >>> early = TrialEvaluation(plan, dt.date(2025, 3, 22), 3, 12, (), None, "", ())
    >>> v = trial_verdict(early)
    >>> v.judged, v.reasons[0]
    (False, 'Interim: 3 of 12 weeks so far. The verdict comes after 12 weeks at the target dose, in week 12.')
    """
    weeks = int(fact("trial.duration_weeks").scalar())
    final = evaluation.final_week
    plan = evaluation.plan
    reasons: list[str] = []
    if evaluation.weeks_done < final:
        reasons.append(
            f"Interim: {evaluation.weeks_done} of {final} weeks so far. The verdict comes after {weeks} weeks at "
            f"the target dose, in week {final}."
        )
    primary = next((o for o in evaluation.outcomes if o.outcome == plan.primary), None)
    end = primary.at(final) if primary is not None else None
    if not reasons and end is None:
        reasons.extend(primary.problems if primary is not None else (f"{plan.primary} was not evaluated",))
    if reasons or end is None or primary is None:
        text = (
            "Not judged yet. "
            + " ".join(reasons)
            + " Keep rating daily; the verdict needs the full trial."
            + (" " + _late_text() if plan.schedule.is_ldn else "")
        )
        return Verdict(False, "not judged", text, tuple(reasons), _EVIDENCE)
    lines = [_result_line(plan.primary, final, end.change_pct, end.interval_pct, end.category, end.response)]
    if primary.late_response:
        lines.append(
            f"The improvement came late: not yet 30 % four weeks earlier, but 30 % or more by week {final}."
            + (" " + _late_text() if plan.schedule.is_ldn else "")
        )
    for other in evaluation.outcomes:
        change = other.at(final)
        if other.outcome != plan.primary and change is not None:
            lines.append(f"{other.outcome}: {change.change_pct:+.0f} % ({_band(change.category)}).")
    if evaluation.pgic is not None:
        lines.append(
            f"You rated your overall change as '{evaluation.pgic.answer}' (IMMPACT: {evaluation.pgic.importance})."
        )
    lines.append(_context() if plan.schedule.is_ldn else _own_context(plan.schedule.treatment))
    return Verdict(True, end.response, " ".join(lines), (), _EVIDENCE)


def _own_context(treatment: str) -> str:
    return (
        f"fibrokit holds no trial results for {treatment} to set beside yours. A trial on your own, without a "
        "placebo phase, cannot separate the treatment from the placebo response, from natural ups and downs, from "
        "regression to the mean (a trial started in a bad spell tends to look better afterwards even with no "
        "effect), or from other changes in your life. This is information to discuss with your clinician, not a "
        "decision to continue or stop."
    )


def _late_text() -> str:
    late = fact("ldn.late_responders_pct").scalar()
    return (
        f"Some people respond late: at one pain clinic {late:g} % got no pain relief until after three months "
        "(McKenzie-Brown 2023, as reported by the AFSA article)."
    )


def _band(category: str) -> str:
    if category in ("no clear change", "worse"):
        return category
    return f"IMMPACT, at least: {category}"


def _result_line(
    outcome: str, week: int, pct: float, interval: tuple[float, float], category: str, response: str
) -> str:
    meaning = {
        "meaningful": "a reduction of at least 30 % — what IMMPACT calls moderately important — is likely",
        "not meaningful": "a reduction of 30 % or more is unlikely",
        "unclear": "the data cannot tell whether the reduction reached 30 %",
    }[response]
    return (
        f"In week {week}, after 12 weeks at the target dose, your average {outcome} changed by {pct:+.0f} % from "
        f"baseline (90 % interval {interval[0]:+.0f} to {interval[1]:+.0f} %; {_band(category)}); {meaning}."
    )


def _context() -> str:
    ldn, placebo = numbers("ldn.younger_2013.pain_change_pct")
    final_ldn, final_placebo, _ = numbers("ldn.final.pain_change_points")
    return (
        f"For comparison: in Younger 2013 average pain fell {-ldn:g} % on LDN and {-placebo:g} % on placebo; in the "
        f"larger FINAL trial (Bruun 2024) pain fell {-final_ldn:g} points on LDN and {-final_placebo:g} on placebo, "
        "and LDN showed no clear pain benefit. A trial on your own, without a placebo phase, cannot separate the "
        "medicine from the placebo response, from natural ups and downs, from regression to the mean (a trial "
        "started in a bad spell tends to look better afterwards even with no effect), or from other changes in "
        "your life. This is information to discuss with your clinician, not a decision to continue or stop."
    )
