"""Facts the simulator is built on and calibrated against."""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

SOURCES: tuple[Source, ...] = (
    Source(
        "jose_1970",
        "Jose AD, Collison D. The normal range and determinants of the intrinsic heart rate in man. "
        "Cardiovasc Res 1970;4(2):160-167.",
        doi="10.1093/cvr/4.2.160",
        pmid="4192616",
    ),
)

FACTS: tuple[Fact, ...] = (
    Fact(
        "simulate.intrinsic_hr.f",
        (119.0, 0.61),
        "bpm, bpm/year",
        "jose_1970",
        "Intrinsic heart rate of women (both branches blocked): 119 − 0.61 × age.",
        note="sex-specific equations as given by medicalalgorithms.com's summary of the paper",
    ),
    Fact(
        "simulate.intrinsic_hr.m",
        (118.0, 0.55),
        "bpm, bpm/year",
        "jose_1970",
        "Intrinsic heart rate of men (both branches blocked): 118 − 0.55 × age.",
        note="sex-specific equations as given by medicalalgorithms.com's summary of the paper",
    ),
    Fact(
        "simulate.mayer_hz",
        0.1,
        "Hz",
        "task_force_1996",
        "Frequency of the slow (Mayer) blood-pressure waves that carry low-frequency heart-rate variability.",
        "Frequency domain methods",
    ),
)
