"""Replay a recording through the live pipeline at real or accelerated speed."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Awaitable, Callable

from fibrokit.errors import InsufficientData
from fibrokit.live.samples import Sample
from fibrokit.records import Recording


async def replay_samples(
    recording: Recording,
    *,
    speed: float = 1.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> AsyncIterator[Sample]:
    """Yield a recording's beats (or, without beats, its heart-rate channel) paced like a live strap.

    Parameters
    ----------
    recording : Recording
        Any recording :func:`fibrokit.read` returns, or a simulated one.
    speed : float
        1 is real time, 20 twenty times faster; ``math.inf`` replays without waiting.
    sleep : callable
        The coroutine used to wait (``asyncio.sleep``); tests may pass their own.

    Raises
    ------
    InsufficientData
        When the recording has neither beats nor a heart-rate channel.
    """
    if not speed > 0:
        raise ValueError(f"`speed` must be positive; got {speed}")
    samples = _samples(recording)
    previous = 0.0
    for sample in samples:
        wait = (sample.time_s - previous) / speed
        if wait > 0 and math.isfinite(wait):
            await sleep(wait)
        previous = sample.time_s
        yield sample


def _samples(recording: Recording) -> list[Sample]:
    beats = recording.beats
    if beats is not None and len(beats):
        # Flags are not passed on: a live strap sends no flags, and the pipeline cleans beats itself.
        return [Sample(float(t), rr_ms=float(rr)) for t, rr in zip(beats.times_s, beats.rr_ms, strict=True)]
    channel = recording.channels.get("heart_rate")
    if channel is not None and channel.values.size:
        return [
            Sample(float(t), hr_bpm=float(v))
            for t, v in zip(channel.times_s, channel.values, strict=True)
            if math.isfinite(v)
        ]
    raise InsufficientData(f"{recording.source_name or 'the recording'} has no beats or heart rate to replay")
