"""Find R peaks in a raw ECG, with the validated detector of the SleepECG package."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from fibrokit.errors import InputError


def ecg_rpeaks(ecg: npt.ArrayLike, fs_hz: float) -> npt.NDArray[np.int64]:
    """Sample indices of the R peaks of a single-lead ECG.

    Uses ``sleepecg.detect_heartbeats`` (Brunner & Hofer's modified Pan-Tompkins detector: zero-phase 5-30 Hz
    band-pass, centred moving integration, adaptive thresholds with repeated search-back), which its authors
    validated on the MIT-BIH Arrhythmia, GUDB, LTST and MIT-BIH NSR databases with sensitivity and positive
    predictivity above 99 % (SleepECG documentation, "Heartbeat detection"; Pan & Tompkins 1985,
    doi:10.1109/TBME.1985.325532). Install it with the ``ecg`` extra: ``pip install fibrokit[ecg]``.

    Parameters
    ----------
    ecg : array_like
        The ECG samples (any unit); NaN samples are set to the median before detection.
    fs_hz : float
        Sampling rate in Hz (100 Hz or more recommended).

    Returns
    -------
    array of int
        Increasing sample indices of the detected beats.

    Raises
    ------
    InputError
        When the signal is empty, not one-dimensional, or shorter than two seconds.

    Examples
    --------
    >>> import numpy as np
    >>> fs = 250.0
    >>> t = np.arange(int(20 * fs)) / fs
    >>> ecg = np.exp(-(((t % 0.8) - 0.4) ** 2) / (2 * 0.01**2))  # a beat every 0.8 s
    >>> peaks = ecg_rpeaks(ecg, fs)
    >>> bool(np.allclose(np.diff(peaks) / fs, 0.8, atol=0.01))
    True
    """
    signal = np.asarray(ecg, dtype=np.float64)
    if signal.ndim != 1 or fs_hz <= 0:
        raise InputError("the ECG must be a single lead (one-dimensional) with a positive sampling rate")
    if signal.size < 2 * fs_hz:
        raise InputError(f"the ECG holds {signal.size / fs_hz:.2f} s; R-peak detection needs at least 2 s")
    finite = np.isfinite(signal)
    if not finite.any():
        raise InputError("the ECG holds no finite sample")
    if not finite.all():
        signal = np.where(finite, signal, np.median(signal[finite]))
    try:
        from sleepecg.heartbeats import detect_heartbeats
    except ImportError:  # pragma: no cover - depends on the installation
        raise InputError(
            "R-peak detection needs the optional package sleepecg: pip install 'fibrokit[ecg]'"
        ) from None
    peaks = detect_heartbeats(np.ascontiguousarray(signal), float(fs_hz))
    return np.asarray(peaks, dtype=np.int64)
