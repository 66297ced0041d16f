"""What to expect from an LDN trial, said when planning: the odds, the largest trial, and how long to wait."""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.evidence import fact
from fibrokit.evidence.cite import numbers
from fibrokit.treatments.plan import DoseSchedule


@dataclass(frozen=True)
class Expectation:
    """One thing to expect, in plain words, with the evidence keys behind its numbers."""

    text: str
    evidence: tuple[str, ...]


def trial_expectations(schedule: DoseSchedule) -> tuple[Expectation, ...]:
    """The honest odds and timings of a trial on ``schedule``, for the plan (before the first dose).

    About 3 in 10 improved in the small trial (Younger 2013, as the AFSA article reports it; the paper's own
    responder rate was 32 % on LDN and 11 % on placebo); the largest trial (FINAL) found no clear pain benefit;
    people took about a month to notice anything; the verdict waits for 12 weeks at the target dose, and some
    people respond only after three months (McKenzie-Brown 2023).

    Parameters
    ----------
    schedule : DoseSchedule

    Returns
    -------
    tuple of Expectation

    Examples
    --------
    >>> from fibrokit.treatments import ldn_schedule
    >>> [e.text.split(":")[0] for e in trial_expectations(ldn_schedule("rise_0_5"))][:2]
    ['The odds', 'The largest trial']
    """
    if not schedule.is_ldn:
        weeks = int(fact("trial.other_duration_weeks").scalar())
        final_week = -(-(schedule.titration_days + 7 * weeks) // 7)
        return (
            Expectation(
                f"The odds: fibrokit holds no trial results for {schedule.treatment}; ask your clinician what is "
                "known, and judge it by your own diary.",
                (),
            ),
            Expectation(
                f"When to judge: after {weeks} weeks at the target amount of {schedule.target_mg:g} "
                f"{schedule.unit}, which on this schedule is week {final_week}; every earlier view is interim.",
                ("trial.other_duration_weeks",),
            ),
        )
    improved = fact("ldn.article.improved_in_10").scalar()
    on_ldn, on_placebo = numbers("ldn.younger_2013.responders_pct")
    final_ldn, final_placebo, difference = numbers("ldn.final.pain_change_points")
    onset = int(fact("ldn.onset_weeks").scalar())
    weeks = int(fact("trial.duration_weeks").scalar())
    late = fact("ldn.late_responders_pct").scalar()
    final_week = -(-(schedule.titration_days + 7 * weeks) // 7)
    return (
        Expectation(
            f"The odds: in the small trial (Younger 2013, about 30 women) about {improved:g} in 10 people "
            f"improved their pain by 30 % or more, as the AFSA article reports it; by the paper's stricter "
            f"definition {on_ldn:g} % responded on LDN and {on_placebo:g} % on placebo.",
            ("ldn.article.improved_in_10", "ldn.younger_2013.responders_pct"),
        ),
        Expectation(
            f"The largest trial: in FINAL (Bruun 2024, 99 women, 6 mg for 12 weeks) pain fell {-final_ldn:g} "
            f"points on LDN and {-final_placebo:g} on placebo, a difference of {-difference:g} points that could "
            "be chance: no clear pain benefit.",
            ("ldn.final.pain_change_points",),
        ),
        Expectation(
            f"Patience: people in the trial took about {onset} weeks (a month) to notice any change.",
            ("ldn.onset_weeks",),
        ),
        Expectation(
            f"When to judge: after {weeks} weeks at the target dose of {schedule.target_mg:g} mg, which on this "
            f"schedule is week {final_week}; every earlier view is interim. At one pain clinic {late:g} % of "
            "patients got no pain relief until after three months (McKenzie-Brown 2023).",
            ("trial.duration_weeks", "ldn.late_responders_pct"),
        ),
    )
