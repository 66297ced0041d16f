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
        False when fibrokit declines to judge (before 12 weeks, or too few ratings).
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
    "pgic.immpact",
)


def trial_verdict(evaluation: TrialEvaluation) -> Verdict:
    """Say, in plain words, what the trial showed — or why it is too early to say.

    Refuses to judge before 12 weeks of treatment (the length of the trials) or when the primary outcome lacks
    the baseline or week-12 ratings it needs. A judged verdict puts the week-12 change beside Younger 2013
    (pain −28.8 % on 4.5 mg LDN, −18.0 % on placebo), FINAL (Bruun 2024: −1.3 vs −0.9 points on 6 mg, no pain
    benefit) and the placebo response, and says what it cannot separate.

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
    >>> early = TrialEvaluation(plan, dt.date(2025, 3, 22), 3, (), None, "", ())
    >>> v = trial_verdict(early)
    >>> v.judged, v.reasons[0]
    (False, 'Only 3 of 12 weeks of treatment so far: the trials judged LDN after 12 weeks.')
    """
    weeks = int(fact("trial.duration_weeks").scalar())
    plan = evaluation.plan
    reasons: list[str] = []
    if evaluation.weeks_done < weeks:
        reasons.append(
            f"Only {evaluation.weeks_done} of {weeks} weeks of treatment so far: the trials judged LDN after {weeks} weeks."
        )
    primary = next((o for o in evaluation.outcomes if o.outcome == plan.primary), None)
    end = primary.at(weeks) if primary is not None else None
    if not reasons and end is None:
        reasons.extend(primary.problems if primary is not None else (f"{plan.primary} was not evaluated",))
    if reasons or end is None or primary is None:
        text = (
            "Not judged yet. " + " ".join(reasons) + " Keep rating daily; the verdict needs the full trial."
        )
        return Verdict(False, "not judged", text, tuple(reasons), _EVIDENCE)
    lines = [_result_line(plan.primary, end.change_pct, end.interval_pct, end.category, end.response)]
    if primary.late_response:
        lines.append("The improvement came late: not yet 30 % at week 8, but 30 % or more by week 12.")
    for other in evaluation.outcomes:
        change = other.at(weeks)
        if other.outcome != plan.primary and change is not None:
            lines.append(f"{other.outcome}: {change.change_pct:+.0f} % ({change.category}).")
    if evaluation.pgic is not None:
        lines.append(
            f"You rated your overall change as '{evaluation.pgic.answer}' (IMMPACT: {evaluation.pgic.importance})."
        )
    lines.append(_context())
    return Verdict(True, end.response, " ".join(lines), (), _EVIDENCE)


def _result_line(
    outcome: str, pct: float, interval: tuple[float, float], category: str, response: str
) -> str:
    meaning = {
        "meaningful": "a reduction of at least 30 % — what IMMPACT calls moderately important — is likely",
        "not meaningful": "a reduction of 30 % or more is unlikely",
        "unclear": "the data cannot tell whether the reduction reached 30 %",
    }[response]
    return (
        f"After 12 weeks your average {outcome} changed by {pct:+.0f} % from baseline (90 % interval "
        f"{interval[0]:+.0f} to {interval[1]:+.0f} %; IMMPACT: {category}); {meaning}."
    )


def _context() -> str:
    ldn, placebo = numbers("ldn.younger_2013.pain_change_pct")
    final_ldn, final_placebo, _ = numbers("ldn.final.pain_change_points")
    return (
        f"For comparison: in Younger 2013 average pain fell {-ldn:g} % on LDN and {-placebo:g} % on placebo; in the "
        f"larger FINAL trial (Bruun 2024) pain fell {-final_ldn:g} points on LDN and {-final_placebo:g} on placebo, "
        "and LDN showed no clear pain benefit. A trial on your own, without a placebo phase, cannot separate the "
        "medicine from the placebo response, natural ups and downs, or other changes in your life. This is "
        "information to discuss with your clinician, not a decision to continue or stop."
    )
