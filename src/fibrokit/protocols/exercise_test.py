"""The exercise test: resting and peak heart rate, chronotropic reserve and heart-rate recovery."""

from __future__ import annotations

import math

import numpy as np

from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.choices import HrmaxFormula
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols import _exercise_guards as _guards
from fibrokit.protocols import _hr, _shape
from fibrokit.protocols._recovery_norms import (
    COOL_DOWN_TEXT,
    CoolDown,
    TestKind,
    effort_kind,
    recovery_caveat,
    recovery_finding,
)
from fibrokit.protocols._result import Finding, Norm, ProtocolResult
from fibrokit.protocols.hrmax_predicted import hrmax_key, hrmax_label, hrmax_predicted
from fibrokit.records import BeatSeries, Recording

RECOVERY_MARKS_S = tuple(int(mark) for mark in fact("protocols.recovery_marks_s").value)  # type: ignore[union-attr]


def exercise_test(
    recording: Recording,
    *,
    age: float,
    hrmax_formula: HrmaxFormula = "fox",
    cool_down: CoolDown | None = None,
    beta_blocker: bool = False,
    peak_effort: bool | None = None,
    exercise_start_s: float | None = None,
    exercise_end_s: float | None = None,
    rest_start_s: float | None = None,
    recovery_end_s: float | None = None,
    artifact_method: ArtifactMethod = "lipponen2019",
) -> ProtocolResult:
    """Score an exercise test with recovery.

    The phases come from the recording's markers (``exercise`` and ``recovery``, as laps or a simulated
    test provide them), from ``exercise_start_s``/``exercise_end_s``, or are found on the heart-rate curve (the
    end of exercise at the peak, its start where heart rate left its resting level). Beats are checked for
    artefacts first (Lipponen & Tarvainen 2019), so a missed or extra beat cannot fake a peak.

    Guards: a flagged or implausible beat never enters a heart rate, so it cannot make the peak or the resting
    value; a resting value is refused when a speed, cadence or power channel shows movement or heart rate
    wandered by more than ``protocols.rest_steady_bpm``; each recovery lag is reported only while recovery
    lasts, and a lag whose recovery is more than ``protocols.hrr_fall_tolerance_bpm`` lower than at a shorter
    lag is withheld with the later ones.

    Parameters
    ----------
    recording : Recording
        With beat-to-beat intervals, or else a ``heart_rate`` channel (the device's heart-rate samples).
    age : float
        Years; needed for the predicted maximum.
    hrmax_formula : {"fox", "gellish", "tanaka", "fibromyalgia"}
        220 − age (Fox, Naughton & Haskell 1971; used by the fibromyalgia study), 207 − 0.7 × age (Gellish
        2007), 208 − 0.7 × age (Tanaka 2001), or 209 − 0.85 × age (one of the equations that fitted women with
        fibromyalgia in Villafaina 2022).
    cool_down : {"active", "seated", "supine", "none", "unknown"}, optional
        What the person did right after stopping: walked or pedalled easily, sat down, lay down, stopped with
        no cool-down (posture not recorded), or not known. Each recovery lag is compared only with a cut-off
        published for the same posture and protocol; where none is published, none is shown. Default: the
        recording's ``cool_down`` metadata, else ``"unknown"``.
    beta_blocker : bool
        β-blockers blunt both the rise and the recovery; the norms then do not apply.
    peak_effort : bool, optional
        Whether the person stopped because they could not go on (a symptom-limited test) or stopped at a set
        submaximal level (False). Chronotropic reserve assumes a maximal effort; without confirmation it is
        reported with a caveat, and recovery cut-offs, which differ between the two, are not applied. Default:
        the recording's ``peak_effort`` metadata (``"true"``/``"false"``, as a guided test stores the person's
        answer), else not known.
    exercise_start_s, exercise_end_s : float, optional
        Phase times, overriding markers and detection.
    rest_start_s, recovery_end_s : float, optional
        Where the rest begins (default: a minute before the exercise) and where the recovery ends (default: the
        end of the recording, or where heart rate climbs again by ``protocols.shape.renewed_effort_bpm``).
    artifact_method : str
        How beats are checked for artefacts; ``"none"`` keeps the flags they carry.

    Returns
    -------
    ProtocolResult
        Findings ``resting_hr_bpm``, ``peak_hr_bpm``, ``hrmax_predicted_bpm``, ``chronotropic_reserve_pct``
        and ``hrr_{n}s_bpm`` for 30, 60, 120, 180, 300 and 600 s as far as the recording lasts.

    Raises
    ------
    InsufficientData
        When there are no beats, no rest before the exercise, or no exercise (heart rate rising less than
        30 bpm above rest), or no recovery recorded after it.

    References
    ----------
    da Cunha Ribeiro RP et al. Cardiac autonomic impairment and chronotropic incompetence in fibromyalgia.
    Arthritis Res Ther 2011;13:R190. Cole CR et al. N Engl J Med 1999;341:1351-1357.

    Examples
    --------
    >>> from fibrokit.protocols import exercise_test
    >>> from fibrokit.simulate import simulate_exercise_test, typical
    >>> result = exercise_test(simulate_exercise_test(typical(), seed=1).recording, age=41)
    >>> round(result["chronotropic_reserve_pct"]) > 80
    True
    """
    youngest, oldest = fact("protocols.plausible_age_years").pair()
    if not math.isfinite(age) or not youngest <= age <= oldest:
        raise ValueError(f"`age` must be a plausible age in years, not {age}")
    hrmax_key(hrmax_formula)  # refuses an unknown equation, naming the allowed ones
    chosen_cool_down: CoolDown = cool_down or _metadata_cool_down(recording)
    if peak_effort is None:
        peak_effort = {"true": True, "false": False}.get(str(recording.metadata.get("peak_effort", "")))
    beats, heart_rate_input = _hr.rate_series(recording, "an exercise test", artifact_method)
    _refuse_flat_recording(recording, beats)
    start, end, source = _phases(recording, beats, exercise_start_s, exercise_end_s)
    rest_from = (
        rest_start_s
        if rest_start_s is not None
        else max(float(beats.times_s[0]), start - fact("protocols.rest_window_s").scalar())
    )
    least_rest = fact("protocols.min_rest_before_exercise_s").scalar()
    if start - rest_from < least_rest:
        raise InsufficientData(
            f"{recording.source_name}: the exercise starts {start:.0f} s into the recording; "
            f"at least {least_rest:.0f} s of rest before it are needed for a resting heart rate"
        )
    _guards.refuse_moving_rest(recording, beats, rest_from, start)
    rest = _hr.mean_hr(beats, rest_from, start)
    times, smooth = _hr.smoothed(beats)
    during = (times >= start) & (times <= end + 1.0)
    peak = float(np.max(smooth[during])) if during.any() else float("nan")
    _refuse_without_exercise(recording, rest, peak)
    predicted = hrmax_predicted(age, hrmax_formula)
    reserve = 100.0 * (peak - rest) / (predicted - rest)
    until = (
        recovery_end_s if recovery_end_s is not None else _shape.recovery_end(*_shape.grid_curve(beats), end)
    )
    recovery, withheld = _guards.recovery_lags(beats, peak, end, until, RECOVERY_MARKS_S)
    if not recovery:
        raise InsufficientData(
            f"{recording.source_name}: less than {RECOVERY_MARKS_S[0]} s of recovery without renewed effort "
            "follow the exercise; heart-rate recovery cannot be measured"
        )
    kind = effort_kind(peak_effort)
    findings = [
        Finding("resting_hr_bpm", "Resting heart rate", rest, "bpm"),
        Finding("peak_hr_bpm", "Peak heart rate", peak, "bpm"),
        Finding(
            "hrmax_predicted_bpm",
            f"Predicted maximum ({hrmax_label(hrmax_formula)})",
            predicted,
            "bpm",
            norms=(Norm(hrmax_label(hrmax_formula), (hrmax_key(hrmax_formula),)),),
        ),
        _reserve_finding(reserve),
        *(recovery_finding(mark, value, chosen_cool_down, kind) for mark, value in recovery.items()),
    ]
    caveats = _caveats(source, chosen_cool_down, kind, beta_blocker, peak_effort) + _guards.input_caveats(
        heart_rate_input, withheld
    )
    spans = [("rest", rest_from, start), ("exercise", start, end), ("recovery", end, until)]
    return ProtocolResult(
        "exercise-test",
        tuple(findings),
        _hr.phase_markers(spans, source),
        caveats,
        _summary(rest, peak, reserve, recovery, hrmax_formula, age),
        {
            "hrmax_formula": hrmax_formula,
            "cool_down": chosen_cool_down,
            "test_kind": kind,
            "artifact_method": artifact_method if heart_rate_input == "beats" else "plausible range",
            "heart_rate_input": heart_rate_input,
            "beta_blocker": str(beta_blocker).lower(),
            "peak_effort": str(peak_effort).lower(),
        },
        curve=_hr.curve_1hz(beats),
    )


def _metadata_cool_down(recording: Recording) -> CoolDown:
    value = recording.metadata.get("cool_down", "unknown")
    return value if value in COOL_DOWN_TEXT else "unknown"  # type: ignore[return-value]


def _phases(
    recording: Recording, beats: BeatSeries, start: float | None, end: float | None
) -> tuple[float, float, str]:
    """Exercise start and end: given, from markers, or detected; and where they came from."""
    if start is not None and end is not None:
        return start, end, "given"
    marked_start = _hr.marker_start(recording, ("exercise",))
    marked_end = _hr.marker_start(recording, ("recovery", "cool-down", "cooldown"))
    if marked_start is not None and marked_end is not None:
        return marked_start, marked_end, "markers"
    times, smooth = _hr.smoothed(beats)
    # Stopping exercise makes heart rate fall faster than anything else in a test: the largest drop from the
    # 20 s before a moment to 20-40 s after it marks the stop (at the peak for a maximal test, at the end of
    # a plateau for a steady one); a two-line fit then places it to the second.
    near, far = fact("protocols.detect.stop_windows_s").pair()
    fall = _window_mean(times, smooth, -near, 0.0) - _window_mean(times, smooth, near, far)
    stop_guess = float(times[int(np.nanargmax(fall))])
    detected_end = _knee(times, smooth, stop_guess)
    before = times < detected_end
    baseline = float(np.median(smooth[times <= times[0] + fact("protocols.rest_window_s").scalar()]))
    span = float(np.max(smooth[before])) - baseline
    # Exercise is clearly under way once heart rate stays above a share of its rise for a while (1-s samples);
    # it began where heart rate last sat at its resting level before that.
    share, hold_s, rest_share = fact("protocols.detect.onset").value  # type: ignore[misc]
    hold = int(hold_s) + 1
    above = np.convolve((smooth > baseline + share * span).astype(float), np.ones(hold), "valid") / hold
    sustained = np.flatnonzero((above >= 1.0) & before[: above.size])
    onset = int(sustained[0]) if sustained.size else int(np.argmax(smooth * before))
    at_rest = np.flatnonzero(smooth[: onset + 1] <= baseline + rest_share * span)
    detected_start = float(times[at_rest[-1]]) if at_rest.size else float(times[0])
    return (
        start if start is not None else detected_start,
        end if end is not None else detected_end,
        "detected",
    )


def _window_mean(times: np.ndarray, values: np.ndarray, after: float, until: float) -> np.ndarray:
    """Mean of ``values`` from ``after`` to ``until`` seconds relative to every sample.

    NaN where that window leaves the recording.
    """
    total = np.concatenate(([0.0], np.cumsum(values)))
    lo = np.searchsorted(times, times + after, side="left")
    hi = np.searchsorted(times, times + until, side="left")
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (total[hi] - total[lo]) / (hi - lo)
    inside = (times + after >= times[0]) & (times + until <= times[-1]) & (hi > lo)
    return np.where(inside, mean, np.nan)


def _knee(times: np.ndarray, smooth: np.ndarray, peak_s: float) -> float:
    """The moment exercise stopped: the break between the rise and the fall around the peak.

    Near its maximum heart rate wanders by a few beats a minute, so the highest point can come seconds before
    the stop. Two straight lines joined at a break — heart rate still climbing, then falling — are fitted to
    the minute around the peak; the break that fits best is taken as the end of exercise.
    """
    reach = fact("protocols.detect.knee_s").scalar()
    window = (times >= peak_s - 2 * reach) & (times <= peak_s + 2 * reach)
    t, y = times[window], smooth[window]
    best, best_error = peak_s, np.inf
    for candidate in np.arange(peak_s - reach, peak_s + reach, 0.5):
        offset = t - candidate
        design = np.column_stack([np.ones_like(t), np.minimum(offset, 0.0), np.maximum(offset, 0.0)])
        coefficients, *_ = np.linalg.lstsq(design, y, rcond=None)
        error = float(np.sum((design @ coefficients - y) ** 2))
        if error < best_error and coefficients[2] < 0:
            best, best_error = float(candidate), error
    return best


def _refuse_flat_recording(recording: Recording, beats: BeatSeries) -> None:
    """Refuse at once when heart rate never rises far above its first minute: there is no exercise to find."""
    times, smooth = _hr.smoothed(beats)
    baseline = float(np.median(smooth[times <= times[0] + fact("protocols.rest_window_s").scalar()]))
    _refuse_without_exercise(recording, baseline, float(np.max(smooth)))


def _refuse_without_exercise(recording: Recording, rest: float, peak: float) -> None:
    rise = peak - rest
    needed = fact("protocols.min_exercise_rise_bpm").scalar()
    if not math.isfinite(rise) or rise < needed:
        raise InsufficientData(
            f"{recording.source_name}: no exercise found — heart rate rose only {rise:.0f} bpm above rest "
            f"(an exercise test needs at least {needed:.0f} bpm); analyse it as a resting reading instead"
        )


def _reserve_finding(reserve: float) -> Finding:
    threshold = fact("protocols.chronotropic_incompetence_pct").scalar()
    norms = (
        Norm(
            f"below {threshold:g} % is called chronotropic incompetence",
            ("protocols.chronotropic_incompetence_pct",),
        ),
        Norm(
            "study groups: fibromyalgia 72.5 ± 5 %, controls 106.1 ± 6 % (treadmill, 220 − age)",
            ("fm.exercise.chronotropic_reserve_pct", "control.exercise.chronotropic_reserve_pct"),
        ),
    )
    category = "meets criterion" if reserve < threshold else "does not meet criterion"
    return Finding("chronotropic_reserve_pct", "Chronotropic reserve", reserve, "%", category, norms)


def _caveats(
    source: str, cool_down: CoolDown, kind: TestKind, beta_blocker: bool, peak_effort: bool | None
) -> tuple[str, ...]:
    caveats = []
    if source == "detected":
        caveats.append(
            "The exercise was found on the heart-rate curve (no laps or markers): its end is taken "
            "where the rise turned into the fall, which can be a few seconds off."
        )
    no_cutoff = recovery_caveat(cool_down, kind)
    if no_cutoff is not None:
        caveats.append(no_cutoff)
    if beta_blocker:
        caveats.append("β-blockers blunt the heart-rate rise and recovery: the norms do not apply.")
    if peak_effort is not True:
        caveats.append(
            "Peak effort was not confirmed: chronotropic reserve assumes the test ended at exhaustion."
        )
    return tuple(caveats)


def _summary(
    rest: float, peak: float, reserve: float, recovery: dict[int, float], formula: HrmaxFormula, age: float
) -> tuple[str, ...]:
    threshold = fact("protocols.chronotropic_incompetence_pct").scalar()
    lines = [
        f"Heart rate rose from {rest:.0f} bpm at rest to {peak:.0f} bpm at peak.",
        f"That used {reserve:.0f} % of the rise expected for age {age:g} ({hrmax_label(formula)}); exercise "
        f"testing calls less than {threshold:g} % chronotropic incompetence, which the fibromyalgia studies found "
        "in about half of their patients.",
    ]
    if 60 in recovery:
        lines.append(
            f"One minute after stopping, heart rate had fallen {recovery[60]:.0f} bpm from its peak."
        )
    lines.append(
        "These numbers describe this test; they are not a diagnosis. Discuss them with your clinician."
    )
    return tuple(lines)
