"""A self-paced progression plan: sessions that grow slowly, hold on low-readiness weeks, step back after flares.

fibrokit does not prescribe exercise: the plan is a self-paced draft to discuss with a clinician or
physiotherapist. Regular exercise is the one strongly recommended treatment in the EULAR 2017 recommendations
for fibromyalgia (Macfarlane et al., Ann Rheum Dis 2017;76:318-328); how fast to progress is not set by any
trial, so the growth and step-back factors are fibrokit's cautious conventions, to be adjusted together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fibrokit.choices import PlanActivity
from fibrokit.evidence import fact

Activity = PlanActivity  # the activities are named in fibrokit.choices
ACTIVITIES: dict[str, str] = {
    "walking": "walking on level ground at a pace that lets you talk",
    "cycling": "cycling (a stationary bike is easiest to pace) at a light, even effort",
    "warm_water": "exercise in a warm pool: walking in water, gentle movements",
}
PLAN_EVIDENCE = (
    "pacing.plan.growth",
    "pacing.plan.step_back",
    "pacing.plan.low_days_hold",
    "pacing.plan.weeks",
)
WARMTH_TIP = (
    "If starting is hard, warm water or a hot shower or bath just before a session may help: that is the advice "
    "of an article for people with fibromyalgia, not a trial result. Tick 'warm water or heat before exercise' "
    "in your diary, and after enough days with and without it the diary shows how your days compared."
)
CAUTION = (
    "This is a self-paced plan to discuss with your clinician or physiotherapist, not a prescription. Stay under "
    "your ceiling, stop on chest pain, faintness or unusual breathlessness, and go by how you feel the next day."
)


@dataclass(frozen=True)
class WeekOutcome:
    """How a finished week went: flare days logged and mornings flagged by readiness."""

    flare_days: int = 0
    low_readiness_days: int = 0


@dataclass(frozen=True)
class PlanWeek:
    """One week of the plan."""

    week: int
    minutes: int
    sessions: int
    action: str
    reason: str


@dataclass(frozen=True)
class ProgressionPlan:
    """The plan, week by week, with its rules and the caution."""

    activity: str
    weeks: tuple[PlanWeek, ...]
    caution: str = CAUTION
    evidence: tuple[str, ...] = PLAN_EVIDENCE

    @property
    def tip(self) -> str:
        """A suggestion for land exercise (warm water or heat before it); empty for the warm-pool plan."""
        return "" if self.activity == "warm_water" else WARMTH_TIP

    def lines(self) -> list[str]:
        """The plan as printable lines."""
        out = [f"Self-paced plan: {ACTIVITIES[self.activity]}.", ""]
        out += [
            f"Week {w.week:2d}: {w.sessions} × {w.minutes} min  ({w.action}: {w.reason})" for w in self.weeks
        ]
        return [*out, "", *([self.tip] if self.tip else []), self.caution]


def pace_plan(
    activity: Activity,
    start_minutes: float,
    *,
    sessions_per_week: int = 3,
    weeks: int = 10,
    history: Sequence[WeekOutcome] = (),
) -> ProgressionPlan:
    """Draft a self-paced plan of 8-12 weeks, adjusted by the weeks already done.

    Week 1 uses ``start_minutes`` (what you can do on an ordinary day without paying for it next day). After a
    week that went well the next grows by 10 %; after 2 or more flagged mornings it holds; after a flare it
    steps back to 80 %. Weeks beyond ``history`` are projected as if they go well, and change as they happen.

    Parameters
    ----------
    activity : {"walking", "cycling", "warm_water"}
    start_minutes : float
        Session length in week 1.
    sessions_per_week : int
        Sessions a week (your choice with your physiotherapist; the default of 3 is a starting point only).
    weeks : int
        Plan length, 8 to 12.
    history : sequence of WeekOutcome
        How the weeks done so far went, in order.

    Examples
    --------
    >>> plan = pace_plan("walking", 10, history=[WeekOutcome(), WeekOutcome(flare_days=1)])
    >>> [(w.minutes, w.action) for w in plan.weeks[:4]]
    [(10, 'start'), (11, 'grow'), (9, 'step back'), (10, 'grow')]
    """
    if activity not in ACTIVITIES:
        raise ValueError(f"`activity` must be one of {', '.join(ACTIVITIES)}; got {activity!r}")
    shortest, longest = (int(v) for v in fact("pacing.plan.weeks").pair())
    if not shortest <= weeks <= longest:
        raise ValueError(f"`weeks` must be between {shortest} and {longest}; got {weeks}")
    if start_minutes <= 0 or sessions_per_week < 1:
        raise ValueError("`start_minutes` and `sessions_per_week` must be positive")
    growth = fact("pacing.plan.growth").scalar()
    step_back = fact("pacing.plan.step_back").scalar()
    hold_at = int(fact("pacing.plan.low_days_hold").scalar())
    minutes = float(start_minutes)
    plan = [PlanWeek(1, round(minutes), sessions_per_week, "start", "your starting length")]
    for week in range(2, weeks + 1):
        done = history[week - 2] if week - 2 < len(history) else None
        if done is not None and done.flare_days:
            minutes *= step_back
            action, reason = "step back", f"{done.flare_days} flare day(s) logged in week {week - 1}"
        elif done is not None and done.low_readiness_days >= hold_at:
            action, reason = "hold", f"{done.low_readiness_days} flagged mornings in week {week - 1}"
        else:
            minutes *= 1.0 + growth
            action = "grow"
            reason = f"week {week - 1} went well" if done is not None else "if the week before goes well"
        plan.append(PlanWeek(week, round(minutes), sessions_per_week, action, reason))
    return ProgressionPlan(activity, tuple(plan))
