"""The analyses a cohort can run: each composes the readers' recording with beats, hrv and protocols.

No science lives here. An analysis takes one recording, the person's covariates and the run's settings, calls
the same functions a single-file analysis calls, and lays the result out as rows: quality columns, then one
column per metric (registry symbols for HRV, finding symbols for the autonomic tests).
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from fibrokit.beats import rr_flag_artifacts
from fibrokit.cohort.settings import CohortSettings
from fibrokit.errors import CorruptFile, InputError
from fibrokit.evidence import fact
from fibrokit.hrv import METRICS, hrv, hrv_windows
from fibrokit.pipeline import (
    AnalysisSettings,
    Person,
    RecordingAnalysis,
    analyse_recording,
    heart_rate_summary,
)
from fibrokit.protocols import PROTOCOLS
from fibrokit.records import BeatSeries, Recording

Row = dict[str, object]
Covariates = Mapping[str, object]


@dataclass(frozen=True)
class Analysis:
    """One analysis a cohort run offers.

    Parameters
    ----------
    name : str
        Name on the command line (``--analysis``).
    description : str
        What it computes, in plain words.
    run : callable
        ``run(recording, covariates, settings)`` returning the rows of one recording.
    metrics : tuple of str
        Symbols of the metric columns it produces, in the order the table shows them (a test checks them
        against what the protocols return).
    """

    name: str
    description: str
    run: Callable[[Recording, Covariates, CohortSettings], list[Row]]
    metrics: tuple[str, ...]


def _beats(recording: Recording) -> BeatSeries:
    if recording.beats is None or len(recording.beats) < 2:
        raise CorruptFile(recording.source_name, "holds no beat-to-beat intervals")
    return recording.beats


def _hrv(recording: Recording, covariates: Covariates, settings: CohortSettings) -> list[Row]:
    beats = rr_flag_artifacts(_beats(recording), settings.artifact_method)
    result = hrv(beats, settings=settings.hrv_settings(), artifact_method=settings.artifact_method)
    flagged = 1.0 - beats.normal_share
    irregular = heart_rate_summary(dataclasses.replace(recording, beats=beats)).irregular_beats
    reliable = flagged <= fact("quality.max_flagged_share").scalar() and irregular == 0
    quality: Row = {
        "beats": result.beats,
        "normal_share": result.normal_share,
        "flagged_share": flagged,
        "irregular_beats": irregular,
        "hrv_reliable": reliable,
    }
    return [quality | {"duration_s": beats.duration_s} | dict(result.values)]


def _windows(recording: Recording, covariates: Covariates, settings: CohortSettings) -> list[Row]:
    beats = rr_flag_artifacts(_beats(recording), settings.artifact_method)
    table = hrv_windows(
        beats,
        window_s=settings.window_s,
        step_s=settings.step,
        settings=settings.hrv_settings(),
        artifact_method=settings.artifact_method,
    )
    # Columns first, then rows: the lists are built once per column, not once per window and metric.
    columns: dict[str, list[object]] = {
        "window": list(range(len(table))),
        "window_start_s": table.start_s.tolist(),
        "window_end_s": table.end_s.tolist(),
        "beats": [int(b) for b in table.beats],
        "normal_share": table.normal_share.tolist(),
    }
    columns |= {symbol: values.tolist() for symbol, values in table.columns.items()}
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _age(covariates: Covariates, what: str) -> float:
    age = covariates.get("age")
    if not isinstance(age, float) or not math.isfinite(age):
        raise InputError(
            f"{what} is compared with age-specific norms: give the person's age in an age column"
        )
    return age


def _protocol(kind: str) -> Callable[[Recording, Covariates, CohortSettings], list[Row]]:
    """The cohort analysis of one registered test: the same pipeline a single file goes through."""
    spec = PROTOCOLS[kind]

    def run(recording: Recording, covariates: Covariates, settings: CohortSettings) -> list[Row]:
        age = _age(covariates, spec.noun) if spec.needs_age else None
        done = analyse_recording(
            recording,
            Person(age=age),
            AnalysisSettings(
                kind=kind,
                artifact_method=settings.artifact_method,
                hrmax_formula=settings.hrmax_formula,
                cool_down=settings.cool_down,
            ),
        )
        if done.protocol is None:
            raise InputError(done.reason)
        row: Row = _quality(done)
        row["caveats"] = " | ".join(done.protocol.caveats)
        row["protocol_settings"] = json.dumps(dict(done.protocol.settings), sort_keys=True)
        row |= {finding.symbol: float(finding.value) for finding in done.protocol.findings}
        return [row]

    return run


def _quality(done: RecordingAnalysis) -> Row:
    """The quality columns: what the protocol analysed, and whether its HRV could be trusted."""
    quality = done.quality
    row: Row = {"duration_s": quality.duration_s, "heart_rate_input": quality.heart_rate_input}
    if quality.heart_rate_input == "beats":
        row |= {"beats": quality.beats, "normal_share": 1.0 - quality.flagged_share}
    row["flagged_share"] = quality.flagged_share
    if quality.heart_rate_input == "beats":
        row["irregular_beats"] = quality.irregular_beats
    row["hrv_reliable"] = quality.hrv_reliable
    return row


_HRR = tuple(f"hrr_{mark}s_bpm" for mark in (30, 60, 120, 180, 300, 600))
_RISES = tuple(f"hr_rise_min{k}_bpm" for k in range(1, 11))
_PRESSURE = ("sbp_fall_mmhg", "dbp_fall_mmhg", "sbp_fall_2min_mmhg")

ANALYSES: Mapping[str, Analysis] = {
    a.name: a
    for a in (
        Analysis("hrv", "HRV of the whole recording (every registry metric)", _hrv, tuple(METRICS)),
        Analysis("windows", "HRV in windows (one row per window)", _windows, tuple(METRICS)),
        Analysis(
            "exercise",
            "exercise test: rest, peak, chronotropic reserve, heart-rate recovery",
            _protocol("exercise-test"),
            ("resting_hr_bpm", "peak_hr_bpm", "hrmax_predicted_bpm", "chronotropic_reserve_pct", *_HRR),
        ),
        Analysis(
            "stand",
            "active stand: rise on standing, 30:15 ratio",
            _protocol("active-stand"),
            ("supine_hr_bpm", *_RISES, "max_rise_bpm", "ratio_30_15", *_PRESSURE),
        ),
        Analysis(
            "breathing",
            "deep breathing: max-min heart rate, E/I ratio",
            _protocol("deep-breathing"),
            ("max_min_hr_bpm", "ei_ratio"),
        ),
        Analysis("valsalva", "Valsalva ratio", _protocol("valsalva"), ("valsalva_ratio",)),
        Analysis(
            "morning",
            "morning reading: resting heart rate, RMSSD, SDNN",
            _protocol("morning-reading"),
            ("resting_hr_bpm", "rmssd_ms", "ln_rmssd", "sdnn_ms"),
        ),
        Analysis(
            "oxygen",
            "muscle oxygen (SmO2) across rest, exercise and recovery",
            _protocol("muscle-oxygen"),
            ("smo2_rest_pct", "smo2_exercise_mean_pct", "smo2_nadir_pct", "smo2_recovery_half_time_s"),
        ),
    )
}


def metric_order(analysis: str, columns: list[str]) -> list[str]:
    """Metric columns in the analysis's own order, then any others alphabetically (stable across runs)."""
    known = {symbol: i for i, symbol in enumerate(ANALYSES[analysis].metrics)}
    return sorted(columns, key=lambda c: (known.get(c, len(known)), c))
