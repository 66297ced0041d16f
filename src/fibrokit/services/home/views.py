"""The home page's models (the dashboard): the latest morning reading against the baseline, tests and trends.

A morning without a reading is judged from the night of the person's wearable when they imported one (the
baseline's source, :mod:`fibrokit.services.nightly.values`), and says which device it came from; the last week of
nights from every device is listed beside it.

Everything is read from daily summaries and recording rows; no beat is opened, and the morning's judgement
against the baseline was made when the reading was stored (:mod:`fibrokit.services.home.daily`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import fmean

from fibrokit.readers.daily_records import RMSSD
from fibrokit.services import nightly
from fibrokit.services.home import daily, queries
from fibrokit.services.home.kept import kept
from fibrokit.services.home.queries import Session
from fibrokit.services.nightly import associations as nightly_diary
from fibrokit.services.pacing import views as pacing_views
from fibrokit.services.recordings import queries as recording_queries
from fibrokit.services.recordings.kinds import ACTIVITY, KINDS
from fibrokit.store.tables import DailySummary, DailyValueRow, RecordingRow

TEST_KINDS = tuple(kind for kind in KINDS if kind != ACTIVITY)


@dataclass(frozen=True)
class Morning:
    """The latest morning reading and how it compares with the person's own recent mornings."""

    day: dt.date
    resting_hr_bpm: float | None
    ln_rmssd: float | None
    rmssd_ms: float | None
    level: str
    explanation: str
    baseline_days: int
    source: str = ""  # set when the morning is judged from a device's night, naming the device
    hrv_text: str = ""


@dataclass(frozen=True)
class Average:
    """Mean resting heart rate and ln RMSSD over a week or a month, from its days with a reading."""

    start: dt.date
    resting_hr_bpm: float | None
    ln_rmssd: float | None
    readings: int


@dataclass(frozen=True)
class Dashboard:
    """What the home page shows."""

    morning: Morning | None
    recent_tests: list[RecordingRow]
    recent_activity: list[RecordingRow]
    weeks: list[Average]
    recent_mornings: list[RecordingRow] = field(default_factory=list)
    nights: tuple[DailyValueRow, ...] = ()
    sources: tuple[nightly.SourceSummary, ...] = ()
    baseline_source: str = ""
    associations: tuple[nightly_diary.DeviceAssociation, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing stored yet: the page says what to do first instead of drawing empty charts."""
        stored = (self.recent_tests, self.recent_activity, self.weeks, self.recent_mornings, self.nights)
        return self.morning is None and not any(stored)


def dashboard_panels(
    session: Session, user_id: int, today: dt.date, *, with_pacing: bool
) -> tuple[Dashboard, pacing_views.PacingCard | None]:
    """The dashboard and (``with_pacing``, once data exist) its pacing panel, built once per change of the data.

    Kept under the person's data version and the day (:mod:`fibrokit.services.home.kept`): a visit after nothing
    changed reads one number from the database instead of building both again.
    """

    def build() -> tuple[Dashboard, pacing_views.PacingCard | None]:
        board = dashboard(session, user_id)
        card = pacing_views.pacing_card(session, user_id, today) if with_pacing and not board.empty else None
        return board, card

    return kept(session, user_id, "dashboard", (today, with_pacing), build)


def dashboard(session: Session, user_id: int) -> Dashboard:
    """Build the dashboard of one person from stored rows only."""
    last = queries.last_day(session, user_id)
    weeks = weekly(queries.days(session, user_id, last - dt.timedelta(weeks=8))) if last else []
    latest = daily.latest_morning(session, user_id)
    morning = (
        Morning(
            latest.day,
            latest.resting_hr_bpm,
            latest.ln_rmssd,
            latest.rmssd_ms,
            latest.readiness or "not judged yet",
            latest.readiness_text,
            latest.baseline_days,
        )
        if latest is not None
        else None
    )
    night = nightly.latest_judged(session, user_id)
    if night is not None and (latest is None or night.day > latest.day):
        morning = _night_morning(night)
    tests = [kind for kind in TEST_KINDS if kind != "morning-reading"]
    found = nightly.sources(session, user_id)
    newest = max((s.last for s in found), default=None)
    return Dashboard(
        morning=morning,
        recent_tests=recording_queries.latest_of_kind(session, user_id, tests, 8),
        recent_activity=recording_queries.latest_of_kind(session, user_id, (ACTIVITY,), 5),
        weeks=weeks[-8:],
        recent_mornings=recording_queries.latest_of_kind(session, user_id, ("morning-reading",), 3),
        nights=tuple(reversed(nightly.nights(session, user_id, newest - _NIGHTS, newest))) if newest else (),
        sources=tuple(found),
        baseline_source=nightly.chosen_source(session, user_id) if found else "",
        associations=tuple(nightly_diary.recent_associations(session, user_id)) if newest else (),
    )


_NIGHTS = dt.timedelta(days=6)


def _night_morning(night: DailyValueRow) -> Morning:
    """A morning without a reading, judged from the baseline source's night (named)."""
    rmssd = night.hrv_ms if night.hrv_metric == RMSSD else None
    hrv_text = ""
    if night.hrv_ms is not None and rmssd is None:
        hrv_text = (
            f"HRV {night.hrv_ms:.0f} ms is {night.hrv_metric.upper()}, not RMSSD: it is shown, not judged "
            "against an RMSSD baseline."
        )
    return Morning(
        night.day,
        night.resting_hr_bpm,
        math.log(rmssd) if rmssd else None,
        rmssd,
        night.readiness,
        night.readiness_text,
        night.baseline_days,
        source=nightly.label(night),
        hrv_text=hrv_text,
    )


def weekly(days: list[DailySummary]) -> list[Average]:
    """Mean resting heart rate and ln RMSSD per ISO week (Monday first), weeks with a reading only."""
    return _grouped(days, lambda day: day - dt.timedelta(days=day.weekday()))


def monthly(days: list[DailySummary]) -> list[Average]:
    """The same per calendar month."""
    return _grouped(days, lambda day: day.replace(day=1))


def _grouped(days: list[DailySummary], start_of: Callable[[dt.date], dt.date]) -> list[Average]:
    groups: dict[dt.date, list[DailySummary]] = {}
    for day in days:
        if day.ln_rmssd is not None or day.resting_hr_bpm is not None:
            groups.setdefault(start_of(day.day), []).append(day)
    out = []
    for start, members in sorted(groups.items()):
        hr = [d.resting_hr_bpm for d in members if d.resting_hr_bpm is not None]
        ln = [d.ln_rmssd for d in members if d.ln_rmssd is not None]
        out.append(
            Average(
                start,
                round(fmean(hr), 1) if hr else None,
                round(fmean(ln), 3) if ln else None,
                len(members),
            )
        )
    return out
