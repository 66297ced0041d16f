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
    Source(
        "mcsharry_2003",
        "McSharry PE, Clifford GD, Tarassenko L, Smith LA. A dynamical model for generating synthetic "
        "electrocardiogram signals. IEEE Trans Biomed Eng 2003;50(3):289-294.",
        doi="10.1109/TBME.2003.808805",
        pmid="12669985",
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
    Fact(
        "simulate.mayer_width_hz",
        0.04,
        "Hz",
        "mcsharry_2003",
        "Width (standard deviation) of the Gaussian spectral peak of the slow (Mayer) waves in a model of the "
        "RR-interval spectrum: the waves are narrow-band noise around 0.1 Hz whose size and phase wander over "
        "tens of seconds, not a steady sine.",
        "RR-interval process (spectrum as a sum of two Gaussians)",
        note="the default width of the published model's low-frequency peak, as its reference implementation "
        "sets it; the article itself was not available to check",
    ),
)
