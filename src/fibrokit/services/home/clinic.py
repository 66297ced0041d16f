"""A clinician's home: each person who shares with them, and one line per shared area saying where things stand.

Every line is read from stored rows (daily summaries, diary days, trials, recording rows): the latest morning
reading against the person's own baseline and its flag, the pain trend of the diary, the trial's state and week,
the last activity. A line says plainly when there is nothing yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from statistics import fmean

from fibrokit.services import trials
from fibrokit.services.accounts import actions, sharing
from fibrokit.services.home import daily, queries
from fibrokit.services.home.kept import kept
from fibrokit.services.home.queries import Session
from fibrokit.services.recordings.kinds import ACTIVITY
from fibrokit.services.recordings.title import recording_title
from fibrokit.services.trials.views import trial_weeks
from fibrokit.store.tables import DiaryDay, User


@dataclass(frozen=True)
class AreaLine:
    """One shared area of one person: its name, the page it opens on, and where things stand."""

    area: str
    name: str
    summary: str


@dataclass(frozen=True)
class PatientCard:
    """A person who shares with the clinician, and a line per area shared."""

    person: User
    lines: tuple[AreaLine, ...]

    @property
    def shown_name(self) -> str:
        """The person's name, or their address when they gave none."""
        return self.person.name or self.person.email


def patient_cards(session: Session, viewer: User, today: dt.date) -> list[PatientCard]:
    """Everyone who shares with ``viewer``, each with a one-line summary per shared area (read only)."""
    cards = []
    for person, areas in sharing.patients_of(session, viewer.id):
        lines = kept(
            session, person.id, "clinic-lines", (areas, today), _lines(session, person, areas, today)
        )
        cards.append(PatientCard(person, lines))
    return cards


def _lines(
    session: Session, person: User, areas: tuple[str, ...], today: dt.date
) -> Callable[[], tuple[AreaLine, ...]]:
    """What builds the person's line for each area (kept once per change of their data and per day)."""

    def build() -> tuple[AreaLine, ...]:
        return tuple(
            AreaLine(area, sharing.AREA_NAMES[area], _SUMMARIES[area](session, person.id, today))
            for area in areas
        )

    return build


def log_cards(session: Session, viewer: User, cards: list[PatientCard]) -> None:
    """Write each summary shown to its person's access log (who, which area, "on the list of patients")."""
    for card in cards:
        grant = sharing.Grant(card.person.id, viewer, None, frozenset(line.area for line in card.lines))
        for line in card.lines:
            actions.log_access(session, grant, line.area, "GET", sharing.SUMMARY_PATH)


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _tests_line(session: Session, user_id: int, today: dt.date) -> str:
    """The latest morning reading against the person's baseline, with its flag."""
    latest = daily.latest_morning(session, user_id)
    if latest is None:
        row = queries.latest_not_of(session, user_id, ACTIVITY)
        latest_test = f"; latest test: {recording_title(row)}" if row is not None else ""
        return f"no dated morning reading yet{latest_test}"
    level = latest.readiness or "not judged yet"
    heart = (
        f"resting heart rate {latest.resting_hr_bpm:.0f} bpm" if latest.resting_hr_bpm else "no heart rate"
    )
    return f"morning reading {_day(latest.day)}: {heart}, against {latest.baseline_days} earlier mornings: {level}"


def _diary_line(session: Session, user_id: int, today: dt.date) -> str:
    """Pain over the last 7 days against the 7 before, from the days with a check-in."""
    rows = queries.diary_days_since(session, user_id, today - dt.timedelta(days=14))
    recent = [_pain(row) for row in rows if row.day > today - dt.timedelta(days=7)]
    before = [_pain(row) for row in rows if row.day <= today - dt.timedelta(days=7)]
    recent_values = [value for value in recent if value is not None]
    before_values = [value for value in before if value is not None]
    if not recent_values:
        return "no pain rated in the last 7 days"
    line = f"pain {fmean(recent_values):.1f}/10 on {len(recent_values)} of the last 7 days"
    if before_values:
        line += f" (the 7 days before: {fmean(before_values):.1f})"
    return line


def _pain(row: DiaryDay) -> float | None:
    value = (row.symptoms or {}).get("pain", {})
    mean = value.get("mean") if isinstance(value, dict) else None
    return float(mean) if isinstance(mean, int | float) else None


def _treatments_line(session: Session, user_id: int, today: dt.date) -> str:
    """The latest trial: planned, in which week, or over."""
    trial = trials.latest_trial(session, user_id)
    if trial is None:
        return "no treatment trial"
    name = trial.treatment.upper() if len(trial.treatment) <= 4 else trial.treatment
    if trial.first_dose > today:
        return f"{name} trial planned, first dose {_day(trial.first_dose)}"
    week = (today - trial.first_dose).days // 7 + 1
    weeks = trial_weeks()
    if week > weeks:
        return f"{name} trial began {_day(trial.first_dose)}; its {weeks} weeks are over"
    return f"{name} trial, week {week} of {weeks} (first dose {_day(trial.first_dose)})"


def _pacing_line(session: Session, user_id: int, today: dt.date) -> str:
    """The last activity recorded."""
    row = queries.latest_of(session, user_id, ACTIVITY)
    return f"last activity: {recording_title(row)}" if row is not None else "no activity recorded yet"


_SUMMARIES = {
    "tests": _tests_line,
    "diary": _diary_line,
    "treatments": _treatments_line,
    "pacing": _pacing_line,
}
