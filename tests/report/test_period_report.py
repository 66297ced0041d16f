"""Period reports over a simulated year: every chosen area appears with its figure, nothing outside the dates or
the areas leaks in, and the numbers match an independent count of the raw check-ins."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from fibrokit.diary import CheckIn, diary_daily
from fibrokit.pacing import DayLoads, Mornings, pace_readiness, pace_week
from fibrokit.protocols import morning_reading
from fibrokit.report import REPORT_AREAS, Item, Period, Person, period_content, report_html, write_content
from fibrokit.simulate import fibromyalgia_like, simulate_rest
from fibrokit.treatments import TrialPlan, ldn_schedule, trial_evaluation, trial_verdict

START = dt.date(2025, 11, 24)
DAYS = 365
FIRST_DOSE = START + dt.timedelta(days=180)


@dataclasses.dataclass(frozen=True)
class Year:
    checkins: tuple[CheckIn, ...]
    period: Period


@pytest.fixture(scope="module")
def year() -> Year:
    rng = np.random.default_rng(7)
    dates = [START + dt.timedelta(days=i) for i in range(DAYS)]
    checkins = tuple(
        CheckIn(
            dt.datetime.combine(day, dt.time(20, 0)),
            ratings={"pain": float(rng.integers(3, 9)), "fatigue": float(rng.integers(2, 10))},
            factors={"poor_sleep": 1.0} if rng.random() < 0.3 else {},
        )
        for day in dates
        if rng.random() < 0.9
    )
    mornings = Mornings(
        dates, rng.normal(3.4, 0.3, DAYS), rng.normal(68, 4, DAYS), ok=rng.random(DAYS) > 0.05
    )
    days = diary_daily(checkins)
    plan = TrialPlan(ldn_schedule("weekly_1_5"), FIRST_DOSE, outcomes=("pain",))
    trial = trial_evaluation(plan, days, START + dt.timedelta(days=DAYS - 1), replicates=200)
    tests = []
    for offset in (10, 200):
        simulation = simulate_rest(fibromyalgia_like(), seed=offset)
        started = dt.datetime.combine(START + dt.timedelta(days=offset), dt.time(7, 0))
        recording = dataclasses.replace(simulation.recording, start=started)
        tests.append(Item(recording, morning_reading(recording)))
    period = Period(
        START,
        START + dt.timedelta(days=DAYS - 1),
        frozenset(REPORT_AREAS),
        tests=tuple(tests),
        mornings=mornings,
        diary=days,
        trial=trial,
        verdict=trial_verdict(trial),
        weeks=pace_week(DayLoads(dates, rng.gamma(2.0, 20.0, DAYS))),
        readiness=pace_readiness(mornings),
    )
    return Year(checkins, period)


def test_a_year_renders_every_area_and_every_figure_to_pdf(year: Year, tmp_path: Path) -> None:
    content = period_content(year.period, Person(age=46, sex="f"), created=dt.date(2026, 11, 24))
    captions = [caption for section in content.sections for caption, _ in section.figures]
    assert {s.key for s in content.sections} >= {"trends", "diary", "treatments", "pacing"}
    assert len(captions) >= 5
    document = pymupdf.open(write_content(tmp_path / "year.pdf", content))
    text = " ".join(" ".join(page.get_text() for page in document).split())  # captions wrap over lines
    for caption in captions:
        assert caption in text, f"figure {caption!r} is missing from the PDF"
    for page in document:
        pixels = np.frombuffer(page.get_pixmap(dpi=40).samples, dtype=np.uint8)
        assert pixels.std() > 3, f"page {page.number + 1} looks blank"
    assert "fibrokit informs; it does not diagnose" in text


def test_the_html_draws_every_figure_and_cites_the_trial_norm(year: Year) -> None:
    content = period_content(year.period, Person(), created=dt.date(2026, 11, 24))
    html = report_html(content)
    figures = sum(len(section.figures) for section in content.sections)
    assert html.count("<svg") >= figures
    assert "Dworkin" in html


def test_only_the_chosen_dates_and_areas_appear(year: Year) -> None:
    spring = dataclasses.replace(
        year.period, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), areas=frozenset({"diary"})
    )
    content = period_content(spring, Person())
    assert [section.key for section in content.sections] == ["diary"]
    in_march = [c for c in year.checkins if c.at.date().month == 3 and c.at.year == 2026]
    rows = {row.name: row.value for row in content.sections[0].rows}
    assert rows["Days with a check-in"] == str(len(in_march))
    expected_pain = np.mean([c.ratings["pain"] for c in in_march])
    assert rows["Pain, mean (0-10)"] == f"{expected_pain:.1f}"
    assert rows["Days with 'poor sleep'"] == str(sum("poor_sleep" in c.factors for c in in_march))
    assert "2026-03-01 to 2026-03-31" in content.title


def test_tests_outside_the_period_are_left_out(year: Year) -> None:
    early = dataclasses.replace(year.period, end=START + dt.timedelta(days=100), areas=frozenset({"tests"}))
    content = period_content(early, Person())
    test_sections = [s for s in content.sections if s.key not in ("trends",)]
    assert len(test_sections) == 1
    trends = next(s for s in content.sections if s.key == "trends")
    usable, total = re.fullmatch(r"(\d+) of (\d+)", trends.rows[0].value).groups()  # type: ignore[union-attr]
    assert int(total) == 101
    assert int(usable) == int(year.period.mornings.ok[:101].sum())  # type: ignore[union-attr]


def test_unknown_areas_and_reversed_dates_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown: sleep"):
        Period(START, START, frozenset({"sleep"}))
    with pytest.raises(ValueError, match="end on or after"):
        Period(START, START - dt.timedelta(days=1), frozenset({"diary"}))


def test_an_area_without_data_says_which_chart_is_missing() -> None:
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 1, 31), frozenset({"diary"}))
    (section,) = period_content(period, Person()).sections
    assert section.figures == ()
    assert section.missing == ("No symptom chart: there are no check-ins in this period.",)
    assert "No symptom chart" in report_html(period_content(period, Person()))
