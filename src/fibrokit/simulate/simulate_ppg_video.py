"""Synthetic fingertip-camera recordings made from a known RR series, for validating the camera pulse analysis.

The model is deliberately plain and every part of it is a parameter: a pulse wave (a steep systolic upstroke
and a smaller diastolic wave) arrives a fixed transit time after each beat and dims the red light passing through
the fingertip by about 1.5 %; the camera's automatic exposure drifts; each frame's mean carries sensor noise; the
frames come at an uneven rate (jitter and the odd dropped frame, as in a phone browser); bursts of movement shift
the light for a second or more; a half-covered lens lets room light in and halves the pulse; and with no finger
the camera sees a dim room.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fibrokit.errors import InputError

FloatArray = npt.NDArray[np.float64]

_RED, _GREEN, _BLUE = (
    200.0,
    22.0,
    8.0,
)  # levels of a torch-lit fingertip (0-255), red glow, little green or blue
_PULSE_SHARE = 0.015  # share of the red light the pulse takes away at its peak (the camera's perfusion)
_TRANSIT_S = 0.22  # beat to pulse arrival at the fingertip
_EXPOSURE_S = 1.0 / 60.0  # each frame integrates the light over this long
_LAST_PULSE_S = 1.0  # after the last pulse's arrival: its whole wave, so that its shape can be checked too


@dataclass(frozen=True, eq=False)
class PpgVideo:
    """Mean colour per frame with its capture time, and the true beats it was made from.

    Attributes
    ----------
    times_s : array of float
        Capture time of each frame (uneven).
    red, green, blue : array of float
        Mean level of each colour in each frame, 0-255.
    beat_times_s : array of float
        True time of every heartbeat.
    rr_ms : array of float
        The RR series the video was made from.
    fps : float
        Nominal frame rate.
    """

    times_s: FloatArray
    red: FloatArray
    green: FloatArray
    blue: FloatArray
    beat_times_s: FloatArray
    rr_ms: FloatArray
    fps: float


def simulate_ppg_video(
    rr_ms: npt.ArrayLike,
    *,
    fps: float = 30.0,
    jitter_ms: float = 4.0,
    drop_share: float = 0.01,
    noise: float = 0.05,
    drift: float = 0.04,
    motion_bursts: int = 0,
    coverage: float = 1.0,
    finger: bool = True,
    seed: int = 0,
) -> PpgVideo:
    """Make the frame series a phone camera would see with a fingertip on the lens, from a given RR series.

    Parameters
    ----------
    rr_ms : array_like
        RR intervals in ms; the video lasts as long as they do, plus the time the last beat's pulse takes to
        reach the fingertip and rise (so that the last interval can be seen, as in a real video that does not
        stop on a heartbeat).
    fps : float
        Nominal frame rate.
    jitter_ms : float
        Standard deviation of each frame's timing error.
    drop_share : float
        Share of frames that are dropped (the browser skips them).
    noise : float
        Standard deviation of each frame's mean level, in levels of 255. A frame's mean averages thousands of
        pixels whose own noise is a few levels, so its noise is a few hundredths of a level; 0.05 leaves room for
        compression and rolling-shutter effects.
    drift : float
        Size of the slow exposure drift, as a share of the light.
    motion_bursts : int
        Number of 1-4 s bursts of movement, placed at random.
    coverage : float
        Share of the lens and flash the fingertip covers (1 = fully); the rest lets room light in.
    finger : bool
        False for a camera that sees a room and no finger.
    seed : int
        Seed of the random generator.

    Returns
    -------
    PpgVideo
        The frame series and the truth.

    Examples
    --------
    >>> video = simulate_ppg_video([1000.0] * 60, seed=2)
    >>> round(float(video.times_s[-1]), 1)  # 60 s of beats and the last pulse
    61.2
    >>> bool(video.red.mean() > 150)
    True
    """
    rr = np.asarray(rr_ms, dtype=np.float64)
    if rr.ndim != 1 or rr.size < 2 or not np.all(rr > 0):
        raise InputError("an RR series of positive intervals is needed to make a camera video")
    if not 0.0 < coverage <= 1.0:
        raise ValueError("`coverage` must be in (0, 1]")
    rng = np.random.default_rng(seed)
    beats = np.cumsum(rr) / 1000.0
    duration = float(beats[-1]) + _TRANSIT_S + _LAST_PULSE_S
    times = _frame_times(duration, fps, jitter_ms, drop_share, rng)
    offsets = np.linspace(-_EXPOSURE_S / 2, _EXPOSURE_S / 2, 4)
    volume = np.mean([_blood_volume(times + o, beats) for o in offsets], axis=0)
    exposure = 1.0 + drift * _slow(times, rng)
    if not finger:
        room = 95.0 * exposure
        return PpgVideo(
            times,
            room + rng.normal(0.0, 2 * noise, times.size),
            room * 0.95 + rng.normal(0.0, 2 * noise, times.size),
            room * 0.9 + rng.normal(0.0, 2 * noise, times.size),
            beats,
            rr,
            fps,
        )
    dim = 1.0 - _PULSE_SHARE * volume
    leak = 70.0 * (1.0 - coverage)
    shift = _motion(times, motion_bursts, rng)
    red = exposure * (_RED * coverage * dim + leak) * (1.0 + shift) + rng.normal(0.0, noise, times.size)
    green = exposure * (_GREEN * coverage * (1.0 - 2 * _PULSE_SHARE * volume) + leak) * (1.0 + shift)
    blue = exposure * (_BLUE * coverage + leak) * (1.0 + shift)
    return PpgVideo(
        times,
        np.clip(red, 0.0, 255.0),
        np.clip(green + rng.normal(0.0, noise, times.size), 0.0, 255.0),
        np.clip(blue + rng.normal(0.0, noise, times.size), 0.0, 255.0),
        beats,
        rr,
        fps,
    )


def _frame_times(
    duration: float, fps: float, jitter_ms: float, drop: float, rng: np.random.Generator
) -> FloatArray:
    nominal = np.arange(0.0, duration, 1.0 / fps)
    times = nominal + rng.normal(0.0, jitter_ms / 1000.0, nominal.size)
    kept = np.sort(times[rng.random(nominal.size) >= drop])
    keep = np.concatenate(([True], np.diff(kept) > 1e-4))
    return np.asarray(kept[keep], dtype=np.float64)


def _blood_volume(times: FloatArray, beats: FloatArray) -> FloatArray:
    """Pulse wave (peak 1): systolic wave rising fast and falling slowly, then a smaller diastolic wave."""
    volume = np.zeros(times.size)
    for beat in beats:
        since = times - (beat + _TRANSIT_S)
        near = (since > -0.3) & (since < 1.2)
        s = since[near]
        systolic = np.where(
            s < 0.12, np.exp(-0.5 * ((s - 0.12) / 0.05) ** 2), np.exp(-0.5 * ((s - 0.12) / 0.16) ** 2)
        )
        diastolic = 0.35 * np.exp(-0.5 * ((s - 0.42) / 0.08) ** 2)
        volume[near] += systolic + diastolic
    return volume


def _slow(times: FloatArray, rng: np.random.Generator) -> FloatArray:
    """A smooth wander between about -1 and 1 over tens of seconds (automatic exposure, finger pressure)."""
    phases = rng.uniform(0, 2 * np.pi, 3)
    periods = np.array([37.0, 61.0, 113.0])
    wander = sum(np.sin(2 * np.pi * times / p + f) for p, f in zip(periods, phases, strict=True))
    return np.asarray(wander / 3.0, dtype=np.float64)


def _motion(times: FloatArray, bursts: int, rng: np.random.Generator) -> FloatArray:
    """Relative change of the light during movement: a jerky shift of up to ±20 % for 1-4 s per burst."""
    shift = np.zeros(times.size)
    if times.size == 0:
        return shift
    for _ in range(bursts):
        start = rng.uniform(times[0], max(times[0], times[-1] - 4.0))
        length = rng.uniform(1.0, 4.0)
        inside = (times >= start) & (times < start + length)
        steps = rng.normal(0.0, 0.06, int(inside.sum()))
        shift[inside] += np.clip(np.cumsum(steps), -0.2, 0.2) * np.hanning(int(inside.sum()))
    return shift
