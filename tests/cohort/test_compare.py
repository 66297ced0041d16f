"""``compare`` on a simulated cohort shows the published group differences; its statistics are right."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from fibrokit.cohort import Executor, cohort_compare, cohort_run, cohort_simulate, comparison_html
from fibrokit.cohort._stats import adjust, cliff_delta, hedges_g, magnitude
from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.report import external_references


@pytest.fixture(scope="module")
def exercise_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exercise")
    # 20 people a group: with fewer, one-minute recovery (p = 0.059 in the study, with 14) is not always clear.
    manifest = cohort_simulate(folder, scenario="exercise", typical_count=20, fibromyalgia_count=20, seed=0)
    run = cohort_run(manifest, folder / "results.parquet", analysis="exercise", executor=Executor(workers=2))
    assert (run.rows, run.failed) == (40, 0)
    return run.table


def test_fibromyalgia_like_people_have_lower_chronotropic_reserve_and_recovery(exercise_table: Path) -> None:
    comparison = cohort_compare(exercise_table, by="group", reference="typical")
    rows = {row["metric"]: row for row in comparison.rows}
    assert comparison.groups == (("typical", 20), ("fibromyalgia-like", 20))
    fm_reserve, control_reserve = (
        fact(f"{g}.exercise.chronotropic_reserve_pct").pair()[0] for g in ("fm", "control")
    )
    for metric in ("chronotropic_reserve_pct", "hrr_120s_bpm"):
        row = rows[metric]
        # Lower in the fibromyalgia-like group, by a large effect whose whole interval is below zero.
        assert row["median"] < row["median_reference"], metric
        assert row["magnitude"] == "large", (metric, row["hedges_g"])
        assert row["hedges_g_high"] < 0, metric
        assert row["cliff_delta"] < -0.5, metric
        assert row["significant"], metric  # after Holm's correction over every metric
    # One-minute recovery is lower too, but the study's own difference was not significant (p = 0.059), and with
    # the published spread (SD = SE × √14) its effect is about 0.85: at least a medium effect is asked for.
    one_minute = rows["hrr_60s_bpm"]
    assert one_minute["median"] < one_minute["median_reference"]
    assert one_minute["hedges_g"] < -0.5, one_minute["hedges_g"]
    # Rough size as in da Cunha Ribeiro 2011: reserve about 72 % against 106 %.
    assert rows["chronotropic_reserve_pct"]["median"] == pytest.approx(fm_reserve, abs=12)
    assert rows["chronotropic_reserve_pct"]["median_reference"] == pytest.approx(control_reserve, abs=12)
    # Higher at rest, as the simulator's profile says (by about 7 bpm; the studies give no resting heart rate to
    # calibrate its size against, and the people spread as widely as the published groups do).
    assert rows["resting_hr_bpm"]["hedges_g"] > 0.5


def test_the_page_is_self_contained_and_has_figures(exercise_table: Path) -> None:
    page = comparison_html(cohort_compare(exercise_table, reference="typical", correction="bh"), figures=3)
    assert external_references(page) == []
    assert page.count("<svg") == 3
    assert "Benjamini" in page
    assert "chronotropic reserve" in page


def test_compare_refuses_clearly(exercise_table: Path, tmp_path: Path) -> None:
    with pytest.raises(
        InputError, match="has no column clinic; group by one of: group, sex, medication, scenario"
    ):
        cohort_compare(exercise_table, by="clinic")
    with pytest.raises(InputError, match="holds 1 group"):
        cohort_compare(exercise_table, by="scenario")
    with pytest.raises(InputError, match="no group 'controls'"):
        cohort_compare(exercise_table, reference="controls")
    (tmp_path / "x.parquet").write_bytes(b"not parquet")
    with pytest.raises(InputError, match="not a readable Parquet table"):
        cohort_compare(tmp_path / "x.parquet")


def _cliff_by_matrix(x: np.ndarray, y: np.ndarray, z: float) -> tuple[float, float, float]:
    """Cliff's delta and interval from the full dominance matrix (Cliff 1993), the slow way."""
    d_ij = np.sign(x[:, None] - y[None, :])
    n1, n2 = d_ij.shape
    d = d_ij.mean()
    rows, columns = ((d_ij.mean(1) - d) ** 2).sum(), ((d_ij.mean(0) - d) ** 2).sum()
    s2 = (n2 * n2 * rows + n1 * n1 * columns - ((d_ij - d) ** 2).sum()) / (n1 * n2 * (n1 - 1) * (n2 - 1))
    s2 = max(s2, (1 - d * d) / (n1 * n2 - 1))
    spread = z * math.sqrt(s2) * math.sqrt((1 - d * d) ** 2 + z * z * s2)
    return d, (d - d**3 - spread) / (1 - d * d + z * z * s2), (d - d**3 + spread) / (1 - d * d + z * z * s2)


def test_cliff_delta_from_sorted_values_equals_the_dominance_matrix() -> None:
    rng = np.random.default_rng(7)
    z = stats.norm.ppf(0.975)
    for n1, n2 in ((5, 7), (30, 12), (60, 61)):
        x = rng.integers(0, 12, n1).astype(float)  # many ties
        y = rng.integers(2, 14, n2).astype(float)
        assert cliff_delta(x, y, 0.95) == pytest.approx(_cliff_by_matrix(x, y, z), abs=1e-12)
    # No overlap at all: δ is exactly 1 and the interval stays finite and inside [-1, 1].
    delta, low, high = cliff_delta(np.array([5.0, 6, 7]), np.array([1.0, 2, 3]), 0.95)
    assert delta == 1.0
    assert 0 < low < high <= 1.0


def test_hedges_g_matches_its_definition_and_labels() -> None:
    rng = np.random.default_rng(1)
    x, y = rng.normal(1.0, 1.0, 25), rng.normal(0.0, 1.0, 30)
    pooled = math.sqrt((24 * x.var(ddof=1) + 29 * y.var(ddof=1)) / 53)
    g, low, high = hedges_g(x, y, 0.95)
    assert g == pytest.approx((1 - 3 / (4 * 55 - 9)) * (x.mean() - y.mean()) / pooled)
    assert (high - low) / 2 == pytest.approx(1.959964 * math.sqrt(55 / 750 + g * g / 110), rel=1e-6)
    assert [magnitude(v) for v in (0.1, -0.3, 0.6, -0.81, math.nan)] == [
        "negligible",
        "small",
        "medium",
        "large",
        "",
    ]
    assert math.isnan(hedges_g(np.array([1.0]), y, 0.95)[0])


def test_corrections_agree_with_scipy_and_by_hand() -> None:
    p = np.array([0.04, 0.001, 0.03, np.nan, 0.2, 0.01])
    finite = np.isfinite(p)
    assert adjust(p, "bh")[finite] == pytest.approx(stats.false_discovery_control(p[finite], method="bh"))
    assert adjust(p, "holm")[finite].tolist() == pytest.approx([0.09, 0.005, 0.09, 0.2, 0.04])
    assert np.isnan(adjust(p, "holm")[3])
    assert adjust(p, "none")[0] == 0.04
    with pytest.raises(ValueError, match="`correction` must be one of holm, bh, none"):
        adjust(p, "bonferroni")  # type: ignore[arg-type]
