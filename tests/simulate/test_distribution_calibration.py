"""Simulated people spread as the published groups do, not only on average.

da Cunha Ribeiro et al. 2011 report mean ± SE for 14 women with fibromyalgia and 14 controls; the
between-person SD is therefore SE × √14 (the paper's SDs are not in fibrokit's sources, so they are derived,
and the docs say so). Over 200 simulated women per profile, drawn in four seeds of 50 and measured by the same
protocol code a person's file goes through (active cool-down), this test asks:

* chronotropic incompetence (reserve below 80 %) within ±10 points of the published 57.1 % in the
  fibromyalgia-like group, and at most 10 % in the typical group (the article reports none of the controls);
* every SD within a factor of 1.5 of the derived published SD;
* every mean within one published SE of the published mean.

The recovery is slower in the fibromyalgia-like profile for the reasons the studies propose (a blunted answer
of the heart to sympathetic drive and less vagal drive to return to), never because sympathetic drive decays
faster than in the typical profile.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from fibrokit.evidence import fact
from fibrokit.protocols import exercise_test
from fibrokit.simulate import fibromyalgia_like, sample_population, simulate_exercise_test, typical

GROUPS = {"fm": (fibromyalgia_like, 46.0), "control": (typical, 41.0)}
MEASURES = {
    "cr": ("chronotropic_reserve_pct", "exercise.chronotropic_reserve_pct"),
    "hrr60": ("hrr_60s_bpm", "exercise.hrr60_bpm"),
    "hrr120": ("hrr_120s_bpm", "exercise.hrr120_bpm"),
}
SEEDS = (11, 12, 13, 14)
PER_SEED = 50
PUBLISHED_N = 14
SD_FACTOR = 1.5


def simulated_group(name: str, seeds: tuple[int, ...] = SEEDS) -> dict[str, np.ndarray]:
    """The three measures of 200 simulated women of one group (four seeds of 50)."""
    factory, age = GROUPS[name]
    values: dict[str, list[float]] = {measure: [] for measure in MEASURES}
    for seed in seeds:
        people = sample_population(factory, PER_SEED, age_range=(age - 3, age + 3), seed=seed)
        for index, person in enumerate(people):
            simulation = simulate_exercise_test(
                person, cool_down="active", rest_s=120, recovery_s=130, seed=1000 * seed + index
            )
            test = exercise_test(simulation.recording, age=person.age)
            for measure, (symbol, _) in MEASURES.items():
                values[measure].append(test[symbol])
    return {measure: np.asarray(v) for measure, v in values.items()}


@pytest.fixture(scope="module")
def groups() -> dict[str, dict[str, np.ndarray]]:
    return {name: simulated_group(name) for name in GROUPS}


@pytest.mark.slow
def test_chronotropic_incompetence_is_as_common_as_published(groups: dict) -> None:
    threshold = fact("protocols.chronotropic_incompetence_pct").scalar()
    fm_share = 100 * float(np.mean(groups["fm"]["cr"] < threshold))
    control_share = 100 * float(np.mean(groups["control"]["cr"] < threshold))
    assert abs(fm_share - fact("fm.exercise.chronotropic_incompetence_share_pct").scalar()) <= 10, fm_share
    assert control_share <= 10, control_share


@pytest.mark.slow
@pytest.mark.parametrize("group", list(GROUPS))
@pytest.mark.parametrize("measure", list(MEASURES))
def test_spread_and_mean_match_the_paper(groups: dict, group: str, measure: str) -> None:
    mean, standard_error = fact(f"{group}.{MEASURES[measure][1]}").pair()
    values = groups[group][measure]
    assert values.size >= 200
    published_sd = standard_error * math.sqrt(PUBLISHED_N)
    ratio = float(np.std(values, ddof=1)) / published_sd
    assert 1 / SD_FACTOR <= ratio <= SD_FACTOR, (group, measure, ratio)
    assert abs(float(np.mean(values)) - mean) <= standard_error, (group, measure, float(np.mean(values)))


def test_slower_recovery_comes_from_the_heart_and_vagal_drive_not_faster_sympathetic_decay() -> None:
    fm, control = fibromyalgia_like(), typical()
    assert fm.sympathetic_decay_s >= control.sympathetic_decay_s
    assert fm.vagal_reactivation_s >= control.vagal_reactivation_s
    assert fm.vagal_rest < control.vagal_rest
    assert fm.cardiac_sympathetic_gain < control.cardiac_sympathetic_gain
