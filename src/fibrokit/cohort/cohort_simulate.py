"""A simulated cohort on disk: typical and fibromyalgia-like people, one RR file each, and a manifest.

For teaching and for testing the whole pipeline: the files are chest-strap style CSVs (beat time, RR interval),
read back like anyone's own files, so every step after the simulation is the one real files take. The
simulated people are not patients; their group differences are those the simulator was calibrated to.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from fibrokit._atomic import write_text_atomic
from fibrokit.choices import CohortScenario
from fibrokit.simulate import (
    Profile,
    Simulation,
    fibromyalgia_like,
    sample_population,
    simulate_day,
    simulate_deep_breathing,
    simulate_exercise_test,
    simulate_rest,
    simulate_stand,
    simulate_valsalva,
    typical,
)

Scenario = CohortScenario  # named in fibrokit.choices
_SCENARIOS: dict[str, Callable[[Profile, int], Simulation]] = {
    "exercise": lambda person, seed: simulate_exercise_test(person, cool_down="none", seed=seed),
    "stand": lambda person, seed: simulate_stand(person, seed=seed),
    "rest": lambda person, seed: simulate_rest(person, seed=seed),
    "day": lambda person, seed: simulate_day(person, seed=seed),
    "breathing": lambda person, seed: simulate_deep_breathing(person, seed=seed),
    "valsalva": lambda person, seed: simulate_valsalva(person, seed=seed),
}
SCENARIOS = tuple(_SCENARIOS)
GROUPS = ("typical", "fibromyalgia-like")


def cohort_simulate(
    out_dir: str | Path,
    *,
    scenario: Scenario = "exercise",
    typical_count: int = 20,
    fibromyalgia_count: int = 20,
    seed: int = 0,
) -> Path:
    """Write a simulated cohort (RR files and ``manifest.csv``) and return the manifest's path.

    Parameters
    ----------
    out_dir : str or Path
        Folder to write to; the recordings go to ``recordings/`` inside it.
    scenario : {"exercise", "stand", "rest", "day", "breathing", "valsalva"}
        What everyone does: an exercise test to exhaustion with recovery sitting still, an active stand, a
        5-minute resting reading, a 24-hour day, deep breathing or a Valsalva manoeuvre.
    typical_count, fibromyalgia_count : int
        People in the ``typical`` and ``fibromyalgia-like`` groups (each drawn with their own age and
        parameters, see :func:`fibrokit.simulate.sample_population`).
    seed : int
        The same seed writes the same cohort.

    Examples
    --------
    >>> import tempfile
    >>> from fibrokit.cohort import cohort_simulate, read_manifest
    >>> manifest = cohort_simulate(tempfile.mkdtemp(), scenario="rest", typical_count=2, fibromyalgia_count=1)
    >>> [(e.participant, e.group, e.relative) for e in read_manifest(manifest)]  # doctest: +NORMALIZE_WHITESPACE
    [('T001', 'typical', 'recordings/typical-001.csv'), ('T002', 'typical', 'recordings/typical-002.csv'),
     ('F001', 'fibromyalgia-like', 'recordings/fibromyalgia-like-001.csv')]
    """
    if scenario not in _SCENARIOS:
        raise ValueError(f"`scenario` must be one of {', '.join(SCENARIOS)}, not {scenario!r}")
    if typical_count < 0 or fibromyalgia_count < 0 or typical_count + fibromyalgia_count < 1:
        raise ValueError("the group sizes must not be negative, and at least one person is needed")
    folder = Path(out_dir)
    lines = io.StringIO()
    manifest = csv.writer(lines, lineterminator="\n")
    manifest.writerow(["file", "participant", "group", "age", "sex", "medication", "scenario"])
    plan = (
        (GROUPS[0], "T", typical, typical_count, seed),
        (GROUPS[1], "F", fibromyalgia_like, fibromyalgia_count, seed + 1),
    )
    for group, letter, family, count, group_seed in plan:
        if count == 0:
            continue
        for number, person in enumerate(sample_population(family, count, seed=group_seed), start=1):
            relative = f"recordings/{group}-{number:03d}.csv"
            simulation = _SCENARIOS[scenario](person, 1000 * group_seed + number)
            write_text_atomic(folder / relative, _rr_csv(simulation))
            row = [relative, f"{letter}{number:03d}", group, f"{person.age:.1f}", person.sex, "", scenario]
            manifest.writerow(row)
    return write_text_atomic(folder / "manifest.csv", lines.getvalue())


def _rr_csv(simulation: Simulation) -> str:
    beats = simulation.recording.beats
    assert beats is not None  # every scenario simulates beats
    rows = "\n".join(f"{t:.3f},{rr:.0f}" for t, rr in zip(beats.times_s, beats.rr_ms, strict=True))
    return "time_s,rr_ms\n" + rows + "\n"
