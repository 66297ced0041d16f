"""A labelled corpus for recognition: simulated tests of every kind, simulated non-tests, and real files.

Every simulated recording has its markers removed (recognition must work from the curve alone), device-like
artefacts added, and varied durations, stage lengths and profiles. The non-tests are what must never be scored
as a test: steady walks, interval sessions, stretches of a free-living day, exercise tests abandoned halfway
(the watch stopped, or the person walked on), and real rides, runs and walks.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from fibrokit import read
from fibrokit.pipeline import AnalysisSettings, Person, analyse_recording
from fibrokit.records import BeatSeries, Channel, Recording
from fibrokit.simulate import (
    fibromyalgia_like,
    sample_population,
    simulate_artefacts,
    simulate_day,
    simulate_deep_breathing,
    simulate_exercise_test,
    simulate_intervals,
    simulate_rest,
    simulate_stand,
    simulate_valsalva,
    simulate_walk,
    typical,
)
from fibrokit.simulate.profiles import Profile

TEST_KINDS = ("exercise-test", "morning-reading", "active-stand", "valsalva", "deep-breathing")
ACTIVITY = "activity"
Entry = tuple[str, str, Recording]  # group, true label, recording
Maker = Callable[[Profile, np.random.Generator, int], Recording]


def _unmarked(recording: Recording, rng: np.random.Generator, seed: int, most: float = 0.03) -> Recording:
    spoiled = simulate_artefacts(recording, share=float(rng.uniform(0.0, most)), seed=seed)
    return dataclasses.replace(spoiled, markers=())


def _heart_rate_only(recording: Recording) -> Recording:
    return dataclasses.replace(recording, beats=None)


def _crop(recording: Recording, start_s: float, end_s: float) -> Recording:
    beats = recording.beats
    assert beats is not None
    keep = (beats.times_s >= start_s) & (beats.times_s < end_s)
    channels = {}
    for name, channel in recording.channels.items():
        inside = (channel.times_s >= start_s) & (channel.times_s < end_s)
        channels[name] = Channel(name, channel.unit, channel.values[inside], channel.times_s[inside])
    cropped = BeatSeries(beats.times_s[keep], beats.rr_ms[keep], beats.flags[keep])
    return dataclasses.replace(recording, beats=cropped, channels=channels, markers=())


def _exercise(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    simulation = simulate_exercise_test(
        p,
        rest_s=float(rng.choice([60, 120, 180])),
        stages=int(rng.integers(6, 13)),
        stage_s=float(rng.choice([45, 60, 90])),
        recovery_s=float(rng.choice([120, 300, 600])),
        cool_down=str(rng.choice(["none", "active"])),  # type: ignore[arg-type]
        seed=seed,
    )
    return _unmarked(simulation.recording, rng, seed)


def _morning(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    duration = float(rng.choice([120, 300, 600]))
    breathing = float(rng.uniform(8, 15))
    return _unmarked(
        simulate_rest(p, duration_s=duration, breaths_per_min=breathing, seed=seed).recording, rng, seed
    )


def _stand(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    supine, standing = float(rng.choice([120, 180, 300])), float(rng.choice([200, 400, 600]))
    return _unmarked(simulate_stand(p, supine_s=supine, standing_s=standing, seed=seed).recording, rng, seed)


def _valsalva(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    rest, strain = float(rng.choice([30, 60])), float(rng.choice([10, 15, 20]))
    return _unmarked(simulate_valsalva(p, rest_s=rest, strain_s=strain, seed=seed).recording, rng, seed)


def _breathing(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    rest = float(rng.choice([30, 60, 120]))
    return _unmarked(simulate_deep_breathing(p, rest_s=rest, seed=seed).recording, rng, seed)


def _walk(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    simulation = simulate_walk(
        p,
        before_s=float(rng.choice([60, 120, 300])),
        walk_s=float(rng.choice([600, 1200, 1800])),
        workload=float(rng.uniform(0.2, 0.7)),
        after_s=float(rng.choice([0, 300, 600])),
        seed=seed,
    )
    return _unmarked(simulation.recording, rng, seed)


def _short_walk(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    """A short walk recorded with beats only, stopped while still walking (no rest after it)."""
    simulation = simulate_walk(
        p,
        before_s=float(rng.choice([60, 120, 180, 300])),
        walk_s=float(rng.choice([150, 240, 400, 600, 900])),
        workload=float(rng.uniform(0.15, 0.7)),
        after_s=0.0,
        seed=seed,
    )
    return _unmarked(simulation.recording, rng, seed)


def _intervals(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    simulation = simulate_intervals(
        p,
        rest_s=float(rng.choice([60, 120, 300])),
        warm_up_s=float(rng.choice([0, 300, 600])) or 1.0,
        repeats=int(rng.integers(2, 9)),
        work_s=float(rng.choice([60, 120, 180, 300])),
        easy_s=float(rng.choice([60, 120, 180])),
        work_load=float(rng.uniform(0.7, 1.0)),
        cool_down_s=float(rng.choice([120, 300, 600])),
        seed=seed,
    )
    return _unmarked(simulation.recording, rng, seed)


def _free_living(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    day = simulate_day(p, seed=seed).recording
    start = float(rng.uniform(8 * 3600, 20 * 3600))
    # Over 20 minutes: a still stretch of 20 minutes or less is, by its heart rate, a resting reading.
    length = float(rng.choice([1500, 3600, 6600]))
    return _unmarked(_crop(day, start, start + length), rng, seed)


def _abandoned(p: Profile, rng: np.random.Generator, seed: int) -> Recording:
    stages, stage_s, rest = 10, 60.0, 120.0
    if rng.random() < 0.5:  # the watch was stopped halfway through the effort
        recording = simulate_exercise_test(
            p, rest_s=rest, stages=stages, stage_s=stage_s, seed=seed
        ).recording
        return _unmarked(
            _crop(recording, 0.0, rest + stages * stage_s * float(rng.uniform(0.3, 0.6))), rng, seed
        )
    # stopped halfway, sat a moment, then walked on home
    simulation = simulate_intervals(
        p,
        rest_s=rest,
        warm_up_s=1.0,
        repeats=1,
        work_s=300.0,
        easy_s=60.0,
        work_load=0.6,
        easy_load=0.45,
        cool_down_s=900.0,
        seed=seed,
    )
    return _unmarked(simulation.recording, rng, seed)


SIMULATED: dict[str, tuple[str, Maker]] = {
    "exercise test": ("exercise-test", _exercise),
    "exercise test, heart-rate samples only": (
        "exercise-test",
        lambda p, r, s: _heart_rate_only(_exercise(p, r, s)),
    ),
    "morning reading": ("morning-reading", _morning),
    "active stand": ("active-stand", _stand),
    "Valsalva manoeuvre": ("valsalva", _valsalva),
    "deep breathing": ("deep-breathing", _breathing),
    "steady walk": (ACTIVITY, _walk),
    "steady walk, heart-rate samples only": (ACTIVITY, lambda p, r, s: _heart_rate_only(_walk(p, r, s))),
    "interval session": (ACTIVITY, _intervals),
    "interval session, heart-rate samples only": (
        ACTIVITY,
        lambda p, r, s: _heart_rate_only(_intervals(p, r, s)),
    ),
    "free-living stretch": (ACTIVITY, _free_living),
    "abandoned exercise test": (ACTIVITY, _abandoned),
    "short walk stopped while walking": (ACTIVITY, _short_walk),
}

# Real files: (path under ../shared/data, label, start and end of a crop in seconds or None).
REAL: tuple[tuple[str, str, tuple[float, float] | None], ...] = (
    ("polar/rest_rri.txt", "morning-reading", None),
    ("polar/noisy_rri.hrm", ACTIVITY, None),
    # A 30-minute steady bout at about 105 bpm with a recovery: not a graded test (see docs/protocols.md).
    ("polar/exercise_rri.hrm", ACTIVITY, None),
    ("fit/garmin-fenix-5-run.fit", ACTIVITY, None),
    ("fit/garmin-fenix-5-walk.fit", ACTIVITY, None),
    ("fit/garmin-fenix-5-bike.fit", ACTIVITY, None),
    ("fit/garmin-edge-820-bike.fit", ACTIVITY, None),
    ("fit/compressed-speed-distance.fit", ACTIVITY, None),
    ("fit/developer-types-sample.fit", ACTIVITY, None),
    ("fit/garmin-edge-500-activity.fit", ACTIVITY, None),
    ("fit/coros-pace-2-cycling-misaligned-fields.fit", ACTIVITY, None),
    ("fit/activity-large-fenxi2-multisport.fit", ACTIVITY, None),
    # The interval rides cut under 2 hours, so that their shape, not their length, must refuse them.
    ("fit/coros-pace-2-cycling-misaligned-fields.fit", ACTIVITY, (0.0, 6000.0)),
    ("fit/coros-pace-2-cycling-misaligned-fields.fit", ACTIVITY, (1500.0, 4500.0)),
    ("fit/garmin-edge-500-activity.fit", ACTIVITY, (0.0, 6000.0)),
    ("fit/activity-large-fenxi2-multisport.fit", ACTIVITY, (0.0, 3000.0)),
)


# The seeds the docs' matrix and its test use, and a held-out set never looked at while choosing thresholds.
MATRIX_SEEDS = (13, 0)
HELD_OUT_SEEDS = (29, 50_000)


def simulated(per_group: int, seed: int = MATRIX_SEEDS[0], first: int = MATRIX_SEEDS[1]) -> Iterator[Entry]:
    """``per_group`` recordings of each simulated group, half typical and half fibromyalgia-like people.

    ``seed`` draws the people; recording ``index`` of group ``offset`` is simulated with seed
    ``first + 1000 * offset + index``.
    """
    people = sample_population(typical, per_group, seed=seed) + sample_population(
        fibromyalgia_like, per_group, seed=seed + 1
    )
    for offset, (group, (label, make)) in enumerate(SIMULATED.items()):
        for index in range(per_group):
            person = people[index if index % 2 == 0 else per_group + index]
            number = first + 1000 * offset + index
            yield group, label, make(person, np.random.default_rng(number), number)


def real(data: Path) -> Iterator[Entry]:
    """The real files with their labels (cropped ones carry the crop in their group name)."""
    for relative, label, span in REAL:
        recording = read(data / relative)
        group = f"real: {relative}"
        if span is not None:
            recording = _crop_any(recording, *span)
            group += f" ({span[0] / 60:.0f}-{span[1] / 60:.0f} min)"
        yield group, label, recording


def _crop_any(recording: Recording, start_s: float, end_s: float) -> Recording:
    if recording.beats is not None:
        return _crop(recording, start_s, end_s)
    channels = {}
    for name, channel in recording.channels.items():
        inside = (channel.times_s >= start_s) & (channel.times_s < end_s)
        channels[name] = Channel(name, channel.unit, channel.values[inside], channel.times_s[inside])
    return dataclasses.replace(recording, channels=channels, markers=())


def predict(recording: Recording) -> str:
    """What fibrokit scores the recording as, with no markers and no phases given (a 45-year-old)."""
    return analyse_recording(recording, Person(age=45.0, resting_hr_bpm=65.0), AnalysisSettings()).kind


def confusion(entries: Iterator[Entry]) -> dict[str, Counter[str]]:
    """Counts of predicted kinds for every group."""
    table: dict[str, Counter[str]] = {}
    for group, label, recording in entries:
        table.setdefault(f"{group}|{label}", Counter())[predict(recording)] += 1
    return table


COLUMNS = (*TEST_KINDS, ACTIVITY)
MARK_START, MARK_END = "<!-- recognition-matrix:start -->", "<!-- recognition-matrix:end -->"


def matrix_markdown(table: dict[str, Counter[str]]) -> str:
    """The confusion matrix as a Markdown table: one row per group, one column per kind fibrokit gave."""
    head = "| recording (true kind) | n | " + " | ".join(COLUMNS) + " | recall / correctly not scored |"
    lines = [head, "|" + "---|" * (len(COLUMNS) + 3)]
    for key, counts in table.items():
        group, label = key.split("|")
        total = sum(counts.values())
        cells = " | ".join(str(counts.get(kind, 0)) for kind in COLUMNS)
        lines.append(f"| {group} ({label}) | {total} | {cells} | {counts.get(label, 0) / total:.0%} |")
    return "\n".join(lines)


def full_table(
    data: Path, per_group: int = 20, seeds: tuple[int, int] = MATRIX_SEEDS
) -> dict[str, Counter[str]]:
    """The corpus the docs show: ``per_group`` simulated recordings per group, then every real file."""
    return confusion(simulated(per_group, *seeds)) | confusion(real(data))
