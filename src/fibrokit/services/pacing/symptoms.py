"""The symptom diary as pacing's input: stored diary days turned into the pacing core's :class:`DaySymptoms`.

This is the one place where the app's diary meets pacing, used by the learned budget
(:mod:`fibrokit.services.pacing.views`) and by each morning's stored readiness
(:mod:`fibrokit.services.home.daily`). A day's overall severity is the mean of its pain and tiredness ratings
(``pacing.diary.overall_items``); last night's sleep comes from the "unrefreshing sleep" rating, turned round.
No flares are passed as logged (the diary has no flare item), so the core reads them from the severity.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from fibrokit.diary import DailySummary as CoreDay
from fibrokit.evidence import fact
from fibrokit.pacing import DaySymptoms
from fibrokit.services.diary import queries as diary_queries
from fibrokit.services.diary import rows as diary_rows
from fibrokit.services.pacing.queries import Session

# Named by ``pacing.diary.overall_items`` (a test checks the two agree).
OVERALL_ITEMS = ("pain", "fatigue")
# Rated 0 = woke rested .. 10 = woke exhausted, on the morning after the night it describes.
UNREFRESHING_SLEEP = "sleep_quality"


def diary_symptoms(session: Session, user_id: int, since: dt.date, until: dt.date) -> DaySymptoms | None:
    """The person's diary from ``since`` to ``until`` as pacing's daily symptoms (one query); None without entries."""
    return day_symptoms(diary_rows.core_days(diary_queries.diary_days(session, user_id, since, until)))


def day_symptoms(days: Sequence[CoreDay]) -> DaySymptoms | None:
    """Diary days (oldest first) as :class:`DaySymptoms`; None when there are none.

    Parameters
    ----------
    days : sequence of fibrokit.diary.DailySummary
        The days, as :func:`fibrokit.services.diary.rows.core_days` gives them.

    Returns
    -------
    DaySymptoms or None
        Overall severity and sleep per day (NaN where not rated), flares left for the core to read.
    """
    if not days:
        return None
    return DaySymptoms(
        [day.day for day in days], [_overall(day) for day in days], [_sleep(day) for day in days]
    )


def _overall(day: CoreDay) -> float:
    rated = [day.symptoms[key].mean for key in OVERALL_ITEMS if key in day.symptoms]
    return math.fsum(rated) / len(rated) if rated else math.nan


def _sleep(day: CoreDay) -> float:
    if UNREFRESHING_SLEEP not in day.symptoms:
        return math.nan
    # The diary asks how unrefreshing the night was (10 = woke exhausted); pacing wants its quality with
    # 10 = best. Both use the diary's 0-10 scale, so the rating is mirrored on it: quality = 10 - rating.
    low, high = fact("diary.rating_range").pair()
    return low + high - day.symptoms[UNREFRESHING_SLEEP].mean


NO_DIARY = "Without symptom-diary entries no day counts as followed by a flare."


def rated_days(symptoms: DaySymptoms | None) -> int:
    """How many days have an overall severity (pain or tiredness rated): the days that can show a flare."""
    if symptoms is None:
        return 0
    return sum(1 for value in symptoms.symptoms if math.isfinite(value))


def budget_note(rated: int, *, used: bool = True) -> str:
    """Whether, and how, the learned budget used the diary, in plain words.

    ``rated`` counts the diary's days with an overall severity (:func:`rated_days`); ``used`` is False when the
    diary paired too few active days with a rated next day, so the budget was learned without it.
    """
    if not rated:
        return NO_DIARY
    if not used:
        return (
            f"Your symptom diary has {rated} rated day{'s' if rated != 1 else ''}, too few of them the day after "
            "an activity to learn from yet; until there are enough, the budget is learned from your activity "
            "alone, as if no day was followed by a flare."
        )
    worse = fact("pacing.flare.worse_points").scalar()
    return (
        f"The learned budget used {rated} day{'s' if rated != 1 else ''} of your symptom diary: a day counts as "
        f"followed by a flare when the next day's pain and tiredness were {worse:.0f} points or more above your "
        "usual (their median), and days whose next day has no such rating are left out."
    )
