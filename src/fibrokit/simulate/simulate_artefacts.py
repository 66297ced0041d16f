"""Artefacts as real chest straps and watches make them: missed beats, extra beats and ectopic beats."""

from __future__ import annotations

import dataclasses

import numpy as np

from fibrokit.records import BeatSeries, Recording


def simulate_artefacts(recording: Recording, *, share: float = 0.02, seed: int = 0) -> Recording:
    """Spoil a share of a recording's beats the ways devices do, for testing what fibrokit does with them.

    Each spoiled beat is, at random, a missed beat (two intervals merged into one), an extra beat (an interval
    split in two unequal parts) or an ectopic beat (an early beat followed by a compensatory pause). The flags
    stay ``normal``: finding the artefacts is fibrokit's job. The heart-rate channel is left as it is.

    Parameters
    ----------
    recording : Recording
        With beats (as the simulator returns it).
    share : float
        Fraction of beats to spoil, from 0 to 0.5.
    seed : int
        Seed of the random choice.

    Returns
    -------
    Recording
        The same recording with spoiled beats; its metadata gains ``artefact_share``.

    Examples
    --------
    >>> from fibrokit.simulate import simulate_artefacts, simulate_rest, typical
    >>> clean = simulate_rest(typical(), seed=1).recording
    >>> spoiled = simulate_artefacts(clean, share=0.05, seed=1)
    >>> len(spoiled.beats) != len(clean.beats)
    True
    """
    if not 0.0 <= share <= 0.5:
        raise ValueError(f"`share` must be between 0 and 0.5, not {share}")
    if recording.beats is None or len(recording.beats) < 4:
        return recording
    rng = np.random.default_rng(seed)
    rr = [float(value) for value in recording.beats.rr_ms]
    chosen = set(rng.choice(np.arange(1, len(rr) - 2), size=round(share * len(rr)), replace=False).tolist())
    out: list[float] = []
    skip = False
    for index, value in enumerate(rr):
        if skip:
            skip = False
            continue
        if index not in chosen:
            out.append(value)
            continue
        kind = int(rng.integers(3))
        if kind == 0:  # missed: the strap did not see one beat
            out.append(value + rr[index + 1])
            skip = True
        elif kind == 1:  # extra: a spike counted as a beat
            cut = float(rng.uniform(0.2, 0.5))
            out.extend([value * cut, value * (1.0 - cut)])
        else:  # ectopic: early beat, compensatory pause
            early = float(rng.uniform(0.6, 0.75))
            out.extend([value * early, rr[index + 1] + value * (1.0 - early)])
            skip = True
    start = float(recording.beats.times_s[0] - recording.beats.rr_ms[0] / 1000.0)
    beats = BeatSeries.from_rr(np.round(out), start_s=start)
    metadata = {**recording.metadata, "artefact_share": f"{share:g}"}
    return dataclasses.replace(recording, beats=beats, metadata=metadata)
