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
    Source(
        "berger_1989",
        "Berger RD, Saul JP, Cohen RJ. Transfer function analysis of autonomic regulation. I. Canine atrial rate "
        "response. Am J Physiol 1989;256(1 Pt 2):H142-H152.",
        doi="10.1152/ajpheart.1989.256.1.H142",
        pmid="2912176",
    ),
    Source(
        "borst_1982",
        "Borst C, Wieling W, van Brederode JF, Hond A, de Rijk LG, Dunning AJ. Mechanisms of initial heart rate "
        "response to postural change. Am J Physiol 1982;243(5):H676-H681.",
        doi="10.1152/ajpheart.1982.243.5.H676",
        pmid="7137360",
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
    Fact(
        "simulate.stand_sympathetic_tau_s",
        10.0,
        "s",
        "berger_1989",
        "Time constant of the sympathetic drive to the sinus node after standing up: the baroreflex raises it "
        "within seconds, and the node answers sympathetic drive as a low-pass filter with a corner near "
        "0.015 Hz (a time constant of about 10 s), so standing heart rate settles within a minute instead of "
        "climbing for minutes as it does at the start of an effort.",
        note="the corner frequency as summarised from the abstract; the article itself was not available to check",
    ),
    Fact(
        "simulate.stand_vagal_relative",
        (0.55, 0.49),
        "share of resting vagal drive (typical, fibromyalgia-like)",
        "borst_1982",
        "Standing withdraws part of a person's own vagal drive: a drawn person's standing vagal drive is the "
        "profile's share of their own resting drive (with its own spread), so heart rate "
        "always rises on standing (immediately, within about 3 s, by withdrawal of vagal drive) and a person "
        "with a high resting vagal drive keeps more of it standing.",
        note="the shares are the profiles' standing over resting vagal drives (0.55 / 1.00 and 0.42 / 0.85); "
        "with them the simulated rise 2-3 minutes after standing spans 10-32 bpm (5th-95th percentile), near "
        "the 10-20 bpm that clinical reviews call usual (a secondary figure, not checked against a primary "
        "study) and mostly below the 30-bpm postural-tachycardia criterion (protocols.pots.hr_rise_bpm); the "
        "immediate rise within about 3 s and the largest rise at about 12 s are from the paper's abstract as "
        "quoted by secondary pages",
    ),
    Fact(
        "simulate.stand_sympathetic_relative",
        (1.83, 1.4),
        "times resting sympathetic drive (typical, fibromyalgia-like)",
        "borst_1982",
        "Standing raises a person's own sympathetic drive: a drawn person's standing sympathetic drive is the "
        "profile's multiple of their own resting drive (with its own spread), so that a person drawn with a "
        "high resting drive does not stand with a lower one and see heart rate fall back to or below lying.",
        note="the multiples are the profiles' standing over resting sympathetic drives (0.22 / 0.12 and "
        "0.42 / 0.30)",
    ),
)
