"""The simulator reproduces the published group figures (calibration, shown in docs/simulator.md).

Groups of 14 + 14 women, as in da Cunha Ribeiro et al. 2011: every group mean of chronotropic reserve and
heart-rate recovery at 1 and 2 minutes must lie within one published SD of the paper's mean, measured by the
same protocol code a person's file goes through. The paper reports mean ± SE (VO2max 22 ± 1 ml/kg/min in 14
people can only be an SE), so its SD is SE × √14. The stronger check, over 200 simulated people per group (means
within one SE, spreads and the prevalence of chronotropic incompetence), is
``tests/simulate/test_distribution_calibration.py``. Resting vagal HRV must be lower in the fibromyalgia-like group, as
the studies found, by a rough size of a quarter to a half.
"""

from __future__ import annotations

import numpy as np
import pytest

from fibrokit.evidence import fact
from fibrokit.protocols import exercise_test, morning_reading
from fibrokit.simulate import (
    fibromyalgia_like,
    sample_population,
    simulate_exercise_test,
    simulate_rest,
    typical,
)

GROUPS = {"fm": (fibromyalgia_like, 46.0), "control": (typical, 41.0)}


def _group(name: str, size: int = 14) -> dict[str, float]:
    factory, age = GROUPS[name]
    people = sample_population(factory, size, age_range=(age - 3, age + 3), seed=7 if name == "fm" else 8)
    values: dict[str, list[float]] = {"cr": [], "hrr60": [], "hrr120": [], "rmssd": []}
    for index, person in enumerate(people):
        simulation = simulate_exercise_test(
            person, cool_down="active", rest_s=120, recovery_s=130, seed=index
        )
        test = exercise_test(simulation.recording, age=person.age)
        values["cr"].append(test["chronotropic_reserve_pct"])
        values["hrr60"].append(test["hrr_60s_bpm"])
        values["hrr120"].append(test["hrr_120s_bpm"])
        if size == 14:
            values["rmssd"].append(
                morning_reading(simulate_rest(person, seed=100 + index).recording)["rmssd_ms"]
            )
    return {key: float(np.mean(v)) for key, v in values.items() if v}


@pytest.fixture(scope="module")
def groups() -> dict[str, dict[str, float]]:
    return {name: _group(name) for name in GROUPS}


@pytest.mark.parametrize("group", list(GROUPS))
@pytest.mark.parametrize(
    ("measure", "key"),
    [
        ("cr", "exercise.chronotropic_reserve_pct"),
        ("hrr60", "exercise.hrr60_bpm"),
        ("hrr120", "exercise.hrr120_bpm"),
    ],
)
def test_group_means_lie_within_one_published_sd(groups: dict, group: str, measure: str, key: str) -> None:
    mean, standard_error = fact(f"{group}.{key}").pair()
    assert abs(groups[group][measure] - mean) <= standard_error * np.sqrt(14), (
        group,
        measure,
        groups[group][measure],
    )


def test_resting_vagal_hrv_is_lower_in_the_fibromyalgia_like_group(groups: dict) -> None:
    ratio = groups["fm"]["rmssd"] / groups["control"]["rmssd"]
    assert 0.5 <= ratio <= 0.85
