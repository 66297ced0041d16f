"""The seesaw model: phases set targets for the two drives, the drives set heart rate, beats come from IPFM.

* **Drives.** Within each phase, vagal drive V and sympathetic drive S approach the phase's targets as
  first-order responses, each with its own time constants for going up and going down (vagal withdrawal is
  fast, reactivation slower; sympathetic drive rises in tens of seconds and decays over minutes).
* **Rhythms.** Breathing modulates vagal drive (respiratory sinus arrhythmia), more at slow breathing; a
  ~0.1 Hz Mayer wave modulates sympathetic drive; slow random drift gives very-low-frequency variability.
* **Node.** Both branches act on the sinus node multiplicatively (Rosenblueth & Simeone 1934):
  HR = IHR · (1 + Gs·S) / (1 + Gv·V), IHR being the intrinsic rate for age and sex (Jose & Collison 1970).
* **Beats.** An integral pulse-frequency-modulation (IPFM) generator integrates HR/60 and fires a beat each
  time the integral passes a whole number (Rompelman et al. 1977), so the timing follows the changing rate.

Everything is vectorised: a phase's drive trajectory is closed form, rhythms and drift are array operations,
and beat times are found by interpolating the integral at whole numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fibrokit.evidence import fact
from fibrokit.simulate.profiles import Profile

FloatArray = npt.NDArray[np.float64]

STEP_S = 0.05  # model time step: 20 Hz resolves breathing and the fastest drive changes
_RSA_CORNER_HZ = 0.12  # above this breathing frequency the vagal modulation reaching the node falls off
_BAROREFLEX_VAGAL_SHARE = 0.3  # part of the Mayer wave that reaches the node through vagal drive


@dataclass(frozen=True)
class Phase:
    """A stretch of the scenario: from ``start_s`` the drives head for these targets.

    ``vagal`` and ``sympathetic`` are targets in drive units; ``breathing_hz`` the breathing rate;
    ``rsa_scale`` multiplies the respiratory modulation (deep breaths); ``label`` names the phase.
    ``vagal_tau_s`` and ``sympathetic_tau_s`` override the profile's time constants for reflexes faster than
    the usual responses (the baroreflex after standing up or after a Valsalva strain).
    """

    start_s: float
    vagal: float
    sympathetic: float
    breathing_hz: float
    label: str
    rsa_scale: float = 1.0
    vagal_tau_s: float | None = None
    sympathetic_tau_s: float | None = None


@dataclass(frozen=True)
class Trajectory:
    """The model's state over time: drives, heart rate and beat times."""

    times_s: FloatArray
    vagal: FloatArray
    sympathetic: FloatArray
    hr_bpm: FloatArray
    beat_times_s: FloatArray


def run_model(
    profile: Profile,
    phases: list[Phase],
    duration_s: float,
    rng: np.random.Generator,
    *,
    breath_origin_s: float | None = None,
) -> Trajectory:
    """Simulate the drives through ``phases`` for ``duration_s`` seconds and generate beats.

    ``breath_origin_s`` starts a breath (inspiration) at that moment, as a paced-breathing metronome does;
    otherwise breathing starts at a random point of its cycle.
    """
    times = np.arange(0.0, duration_s, STEP_S)
    vagal = _drive(times, phases, profile.vagal_rest, "vagal", profile)
    sympathetic = _drive(times, phases, profile.sympathetic_rest, "sympathetic", profile)
    vagal_factor, sympathetic_offset = _rhythms(times, phases, profile, rng, breath_origin_s)
    v = np.clip(vagal * vagal_factor, 0.0, None)
    s = np.clip(sympathetic + sympathetic_offset * _headroom(sympathetic, profile), 0.0, None)
    hr = (
        profile.intrinsic_hr_bpm
        * (1.0 + profile.cardiac_sympathetic_gain * s)
        / (1.0 + profile.vagal_gain * v)
    )
    return Trajectory(times, v, s, hr, _ipfm(times, hr, rng))


def _drive(times: FloatArray, phases: list[Phase], start: float, branch: str, profile: Profile) -> FloatArray:
    """Piecewise first-order approach to each phase's target, with direction-dependent time constants."""
    if branch == "vagal":
        up, down = profile.vagal_reactivation_s, profile.vagal_withdrawal_s
    else:
        up, down = profile.sympathetic_rise_s, profile.sympathetic_decay_s
    out = np.empty_like(times)
    level = start
    edges = [p.start_s for p in phases[1:]] + [np.inf]
    for phase, end in zip(phases, edges, strict=True):
        first, last = np.searchsorted(times, [phase.start_s, end], side="left")
        target = phase.vagal if branch == "vagal" else phase.sympathetic
        override = phase.vagal_tau_s if branch == "vagal" else phase.sympathetic_tau_s
        tau = override if override is not None else (up if target > level else down)
        elapsed = times[first:last] - phase.start_s
        out[first:last] = target + (level - target) * np.exp(-elapsed / tau)
        level = target + (level - target) * np.exp(-(min(end, times[-1] + STEP_S) - phase.start_s) / tau)
    return out


def _headroom(sympathetic: FloatArray, profile: Profile) -> FloatArray:
    """How much of the resting sympathetic swing is left as drive approaches its maximum (1 at rest, 0 at 1).

    Slow oscillations of heart rate fade as effort grows and are near gone at maximal effort and early in the
    recovery from it; without this, a swing of fixed size in drive would move the fast post-exercise heart rate
    by several bpm over a minute, a renewed rise a resting person's recovery does not show.
    """
    room = np.clip((1.0 - sympathetic) / max(1.0 - profile.sympathetic_rest, 0.05), 0.0, 1.0)
    return np.asarray(room, dtype=np.float64)


def _rhythms(
    times: FloatArray,
    phases: list[Phase],
    profile: Profile,
    rng: np.random.Generator,
    breath_origin_s: float | None,
) -> tuple[FloatArray, FloatArray]:
    """Modulation of each drive: a factor on vagal drive, an offset on sympathetic drive.

    Breathing modulates vagal drive in proportion to it (so respiratory sinus arrhythmia fades as vagal drive is
    withdrawn in exercise); the ~0.1 Hz Mayer wave and slow drift add a small, fixed-size swing to sympathetic
    drive (so they do not grow with effort), and the baroreflex passes the Mayer wave to vagal drive as well.
    """
    starts = np.array([p.start_s for p in phases])
    index = np.clip(np.searchsorted(starts, times, side="right") - 1, 0, len(phases) - 1)
    breathing = np.array([p.breathing_hz for p in phases])[index]
    depth = np.array([p.rsa_scale for p in phases])[index] * profile.rsa_depth
    depth = depth / np.sqrt(1.0 + (breathing / _RSA_CORNER_HZ) ** 2) * np.sqrt(2.0)
    breath_phase = 2 * np.pi * np.cumsum(breathing) * STEP_S
    if breath_origin_s is None:
        breath_phase += rng.uniform(0, 2 * np.pi)
    else:
        breath_phase -= breath_phase[min(round(breath_origin_s / STEP_S), times.size - 1)]
    wave = _mayer_wave(times, rng)
    # Inspiration (rising phase of the breath) withdraws vagal drive: heart rate rises as we breathe in.
    vagal_factor = (1.0 - depth * np.sin(breath_phase)) * (1.0 + _drift(times.size, 40.0, profile.drift, rng))
    vagal_factor *= 1.0 - _BAROREFLEX_VAGAL_SHARE * profile.mayer_depth * wave
    swing = profile.sympathetic_rest * (
        profile.mayer_depth * wave + _drift(times.size, 90.0, 2 * profile.drift, rng)
    )
    return vagal_factor, swing


def _mayer_wave(times: FloatArray, rng: np.random.Generator) -> FloatArray:
    """The slow (Mayer) wave: narrow-band noise around ~0.1 Hz whose size and phase wander, not a pure sine.

    White noise is shaped in the frequency domain by a Gaussian peak (``simulate.mayer_hz``, width
    ``simulate.mayer_width_hz``), the spectral model of McSharry et al. 2003, and scaled so that its expected
    power is that of a unit sine; so a wave grows and fades over tens of seconds and drifts in phase, as in real
    resting recordings, where a sine at 0.1 Hz never explains most of a minute of heart rate. It draws from its
    own stream seeded by two numbers of ``rng``, so the rest of the model's randomness is unchanged.
    """
    key = rng.uniform(size=2)
    own = np.random.default_rng([int(k * 2**53) for k in key])
    centre, width = fact("simulate.mayer_hz").scalar(), fact("simulate.mayer_width_hz").scalar()
    freqs = np.fft.rfftfreq(times.size, STEP_S)
    gain = np.exp(-0.5 * ((freqs - centre) / width) ** 2)
    wave = np.fft.irfft(np.fft.rfft(own.normal(size=times.size)) * gain, n=times.size)
    # irfft of white noise shaped by ``gain`` has variance about 2·Σgain²/n; a unit sine has variance 1/2.
    expected = 2.0 * float(np.sum(gain**2)) / times.size
    return np.asarray(wave / np.sqrt(2.0 * max(expected, 1e-12)), dtype=np.float64)


def _drift(n: int, tau_s: float, size: float, rng: np.random.Generator) -> FloatArray:
    """An Ornstein-Uhlenbeck process with time constant ``tau_s`` and standard deviation ``size``."""
    a = np.exp(-STEP_S / tau_s)
    noise = rng.normal(0.0, size * np.sqrt(1 - a * a), n)
    noise[0] = rng.normal(0.0, size)
    from scipy.signal import lfilter  # imported on use: SciPy costs start-up time

    return np.asarray(lfilter([1.0], [1.0, -a], noise), dtype=np.float64)


def _ipfm(times: FloatArray, hr_bpm: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Beat times from the integral of the heart rate (integral pulse frequency modulation)."""
    integral = np.concatenate(([0.0], np.cumsum(hr_bpm[:-1] / 60.0 * STEP_S)))
    offset = rng.uniform(0.0, 1.0)  # where in the cardiac cycle the recording starts
    crossings = np.arange(1.0, integral[-1] + offset) - offset
    crossings = crossings[crossings > 0]
    return np.interp(crossings, integral, times)
