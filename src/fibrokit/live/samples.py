"""What a source (a strap or a replay) hands the pipeline: a beat, or a heart rate without beats."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """One beat (``rr_ms`` set) or one reported heart rate (``hr_bpm`` set), at ``time_s`` from session start."""

    time_s: float
    rr_ms: float | None = None
    hr_bpm: float | None = None
