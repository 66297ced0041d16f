"""Facts behind the fingertip-camera pulse (photoplethysmography, PPG) and its published validations.

How a frame series becomes pulse intervals, when a reading is refused, and what validations against ECG found.

The processing constants are fibrokit's own conventions, each with its reasoning; the validations are what the
documentation's accuracy statements rest on, beside fibrokit's own measurement on synthetic videos.
"""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

SOURCES: tuple[Source, ...] = (
    Source(
        "plews_2017",
        "Plews DJ, Scott B, Altini M, Wood M, Kilding AE, Laursen PB. Comparison of heart-rate-variability "
        "recording with smartphone photoplethysmography, Polar H7 chest strap, and electrocardiography. "
        "Int J Sports Physiol Perform 2017;12(10):1324-1328.",
        doi="10.1123/ijspp.2016-0668",
        pmid="28290720",
    ),
    Source(
        "liu_2020",
        "Liu I, Ni S, Peng K. Enhancing the robustness of smartphone photoplethysmography: a signal quality "
        "index approach. Sensors (Basel) 2020;20(7):1923.",
        doi="10.3390/s20071923",
        pmid="32235543",
    ),
    Source(
        "peralta_2019",
        "Peralta E, Lázaro J, Bailón R, Marozas V, Gil E. Optimal fiducial points for pulse rate variability "
        "analysis from forehead and finger photoplethysmographic signals. Physiol Meas 2019;40(2):025007.",
        doi="10.1088/1361-6579/ab009b",
    ),
    Source(
        "beres_2021",
        "Béres S, Hejjel L. The minimal sampling frequency of the photoplethysmogram for accurate pulse rate "
        "variability parameters in healthy volunteers. Biomed Signal Process Control 2021;68:102589.",
        doi="10.1016/j.bspc.2021.102589",
    ),
    Source(
        "choi_2017",
        "Choi A, Shin H. Photoplethysmography sampling frequency: pilot assessment of how low can we go to "
        "analyze pulse rate variability with reliability? Physiol Meas 2017;38(3):586-600.",
        doi="10.1088/1361-6579/aa5efa",
    ),
    Source(
        "orphanidou_2015",
        "Orphanidou C, Bonnici T, Charlton P, Clifton D, Vallance D, Tarassenko L. Signal-quality indices for "
        "the electrocardiogram and photoplethysmogram: derivation and applications to wireless monitoring. "
        "IEEE J Biomed Health Inform 2015;19(3):832-838.",
        doi="10.1109/JBHI.2014.2338351",
    ),
)

FACTS: tuple[Fact, ...] = (
    Fact(
        "ppg.validation.plews_2017_tee_cv_pct",
        6.35,
        "%",
        "plews_2017",
        "In 29 healthy adults at rest (5 minutes, guided and normal breathing), RMSSD from a smartphone's "
        "fingertip camera differed from ECG by a technical error of estimate of 6.35 % (90 % CI 5.13-8.5 %); "
        "all differences were 'trivial' and the correlation with ECG was almost perfect (r = 1.00).",
        "Abstract, Results",
    ),
    Fact(
        "ppg.validation.plews_2017_n",
        29.0,
        "people",
        "plews_2017",
        "Number of healthy adults in the smartphone-camera versus ECG comparison (measured lying still at rest).",
        "Abstract, Methods",
    ),
    Fact(
        "ppg.validation.liu_2020_n",
        226.0,
        "people",
        "liu_2020",
        "Participants (1343 recordings) in whom filtering smartphone-camera recordings by a signal quality index "
        "improved their HRV agreement with a simultaneous ECG: the camera's HRV is trustworthy only for clean "
        "signal, which is why fibrokit refuses unclean readings.",
        "Abstract",
    ),
    Fact(
        "ppg.min_frame_rate_hz",
        20.0,
        "Hz",
        "beres_2021",
        "Slowest camera frame rate accepted. With interpolation of the pulse wave, RMSSD stayed accurate (relative "
        "error under 5 %) down to a 50 ms sampling interval; without interpolation 20 ms was needed. fibrokit "
        "always interpolates, and refuses a reading whose median frame interval exceeds 50 ms.",
        "Abstract, Results",
    ),
    Fact(
        "ppg.validation.choi_2017_min_fs_hz",
        25.0,
        "Hz",
        "choi_2017",
        "Pulse rate variability from a down-sampled PPG was as reliable as HRV from the ECG when the PPG was "
        "sampled at 25 Hz or more (no interpolation); a phone camera at 30 frames per second is above it.",
        "Abstract",
    ),
    Fact(
        "ppg.resample_hz",
        200.0,
        "Hz",
        "beres_2021",
        "The frame series is interpolated (cubic spline over the real, uneven frame times) onto an even grid "
        "at this rate (5 ms), so each pulse is timed between frames; interpolation restored RMSSD accuracy from "
        "coarsely sampled pulse waves.",
        "Methods (cubic spline interpolation back to 1 ms resolution)",
    ),
    Fact(
        "ppg.band_hz",
        (0.5, 8.0),
        "Hz",
        "fibrokit",
        "Zero-phase band-pass applied to the pulse wave: 0.5 Hz (30 per minute) removes the slow drift of "
        "exposure and finger pressure; 8 Hz keeps the steep systolic upstroke the fiducial point is read on, "
        "below the Nyquist frequency of a 20 Hz camera. fibrokit's own measurement on synthetic pulses: with a "
        "5 Hz edge the blurred upstroke let the previous pulse's falling diastolic wave shift the next pulse's "
        "timing when pulses crowd, shrinking alternating 550/650 ms intervals' successive differences by 17 %; "
        "with 8 Hz by 10 %, and by 2 % at 650/750 ms.",
        convention=True,
    ),
    Fact(
        "ppg.pulse_rate_span_bpm",
        (30.0, 200.0),
        "bpm",
        "fibrokit",
        "Pulse rates the detector looks for: no two pulses closer than 60/200 s, and the band-pass starts at "
        "30 per minute.",
        convention=True,
    ),
    Fact(
        "ppg.fiducial_fraction",
        0.5,
        "",
        "peralta_2019",
        "Each pulse is timed where its upstroke crosses half-way between the foot and the peak (the "
        "middle-amplitude point), which agreed best with the ECG's RR intervals among the five fiducial points "
        "compared on finger and forehead PPG.",
        "Abstract, Main results",
    ),
    Fact(
        "ppg.template_min_corr",
        0.9,
        "",
        "orphanidou_2015",
        "A pulse is clean when its shape correlates with the reading's median pulse (template matching, as in "
        "Orphanidou et al.) at least this well; the threshold is fibrokit's own, set on synthetic fingertip "
        "videos with motion so that distorted pulses are set aside.",
        "Section on PPG signal quality (template matching)",
    ),
    Fact(
        "ppg.amplitude_ratio_span",
        (0.4, 2.5),
        "",
        "fibrokit",
        "A pulse whose height is outside this multiple of the median pulse height (a pressed or lifted finger, a "
        "motion spike) is set aside.",
        convention=True,
    ),
    Fact(
        "ppg.motion_envelope_ratio",
        3.0,
        "",
        "fibrokit",
        "Stretches where the filtered signal swings more than this multiple of its usual height are movement; "
        "no pulse within a second of them is used, nor any interval across them.",
        convention=True,
    ),
    Fact(
        "ppg.finger_red_share",
        0.6,
        "",
        "fibrokit",
        "A fingertip lit through by the torch or by daylight passes mostly red light (haemoglobin absorbs green "
        "and blue strongly), so red makes well over half of red plus green. A median share below this means no "
        "finger covers the lens.",
        convention=True,
    ),
    Fact(
        "ppg.finger_min_red",
        30.0,
        "levels of 255",
        "fibrokit",
        "Median red level below which the image is too dark to carry a pulse (lens covered without light).",
        convention=True,
    ),
    Fact(
        "ppg.saturation_level",
        250.0,
        "levels of 255",
        "fibrokit",
        "A frame whose mean red is at or above this level is clipped at white and carries no pulse.",
        convention=True,
    ),
    Fact(
        "ppg.max_saturated_share",
        0.1,
        "",
        "fibrokit",
        "A reading with more than this share of clipped frames is refused (too bright: finger too light on the "
        "lens or torch too strong).",
        convention=True,
    ),
    Fact(
        "ppg.min_clean_share",
        0.9,
        "",
        "fibrokit",
        "Share of the detected pulse intervals that must be clean (both pulses pass the quality checks and no "
        "movement between them) for a camera reading to be scored; below it the reading is refused and a "
        "repeat asked for.",
        convention=True,
    ),
    Fact(
        "ppg.max_timing_noise_ln_rmssd",
        0.08,
        "ln(ms)",
        "fibrokit",
        "Largest change of ln RMSSD the pulse timing's own noise may plausibly cause (its bias plus "
        "ppg.timing_noise_z spreads of its random part) before a camera reading is refused. Each pulse's timing "
        "error is measured by timing the pulses again with the frames' own noise added once more; independent "
        "errors of sd s add 6 s² to the squared RMSSD. The 0.1 accuracy (about 10 % RMSSD) the camera reading "
        "aims for, less 0.02 for the other errors (fibrokit's own measurement on synthetic videos: median "
        "ln RMSSD error 0.007 on clean videos, same beats on both sides).",
        convention=True,
    ),
    Fact(
        "ppg.timing_noise_z",
        3.0,
        "",
        "fibrokit",
        "How many standard deviations of the random part of the timing noise's effect on RMSSD are allowed for "
        "when deciding whether a camera reading's timing is precise enough (3: about 99.9 % one-sided; 2 let "
        "through a reading 0.11 off in fibrokit's own measurement on synthetic videos with three times the "
        "sensor noise, because the uncertainty is itself estimated).",
        convention=True,
    ),
    Fact(
        "ppg.min_clean_run_intervals",
        2.0,
        "intervals",
        "fibrokit",
        "A run of this many kept pulse intervals or fewer, with set-aside intervals (movement, distorted pulses) "
        "on both sides, is set aside too: pulses that pass the shape checks for a moment inside movement can "
        "still be mistimed (fibrokit's own measurement on a synthetic video with two movement bursts: one such "
        "interval was 33 ms off).",
        convention=True,
    ),
    Fact(
        "ppg.max_hole_hr_bias_bpm",
        0.5,
        "bpm",
        "fibrokit",
        "Largest change of heart rate that the stretches a camera reading set aside (movement, distorted "
        "pulses) could cause before the reading is refused. Each stretch is taken to beat at the pace of the "
        "kept intervals on either side of it (ppg.hole_edge_beats), as a chest strap would have counted it; "
        "half the 1 bpm the camera reading aims for, set from that bound and not tuned (fibrokit's own "
        "measurement on synthetic videos, see docs/camera-reading.md: it refused a held-out reading 1.9 bpm off "
        "whose movement fell on a 7-second rise of heart rate).",
        convention=True,
    ),
    Fact(
        "ppg.hole_edge_beats",
        3.0,
        "intervals",
        "fibrokit",
        "How many kept intervals on each side of a set-aside stretch give its likely pace (about three seconds: "
        "close enough to follow a rise in heart rate, enough not to hang on one beat).",
        convention=True,
    ),
    Fact(
        "ppg.max_reading_uncertainty_ln_rmssd",
        0.1,
        "ln(ms)",
        "fibrokit",
        "Largest plausible distance of a camera reading's ln RMSSD from a chest strap's reading of the same two "
        "minutes before the reading is refused: the expected error plus ppg.timing_noise_z spreads, from the "
        "pulse timing's own noise and from intervals near a threshold of the artefact classification, which a "
        "strap could classify otherwise (their share found by re-timing the pulses ppg.classification_draws "
        "times). The timing noise's spread is computed from the order of the reading's own beat-to-beat "
        "changes (alternating changes, as breathing makes them, scatter RMSSD up to 1.6 times more than the "
        "same changes in random order; arithmetic of independent timing errors, checked by drawing them). The "
        "bound the camera reading is held to (ln RMSSD within 0.1, about 10 % RMSSD, of the truth), taken as "
        "it is, not tuned.",
        convention=True,
    ),
    Fact(
        "ppg.max_reading_uncertainty_hr_bpm",
        1.0,
        "bpm",
        "fibrokit",
        "Largest plausible distance of a camera reading's heart rate from a chest strap's before the reading is "
        "refused: what the stretches set aside could hide (see ppg.max_hole_hr_bias_bpm) plus the expected "
        "effect and ppg.timing_noise_z spreads of the intervals near a classification threshold. The bound the "
        "camera reading is held to (mean heart rate within 1 bpm of the truth), taken as it is, not tuned.",
        convention=True,
    ),
    Fact(
        "ppg.classification_draws",
        40.0,
        "copies",
        "fibrokit",
        "How many re-timed copies of a camera reading's pulses (each pulse moved by a fresh error of the measured "
        "timing uncertainty) are classified again to find the intervals near a classification threshold and "
        "how often each changes class: shares are then resolved to 2.5 %; a fixed seed makes the answer the same "
        "for the same frames. A computing choice (about 0.3 s per reading), not a clinical number.",
        convention=True,
    ),
    Fact(
        "ppg.reading_default_s",
        120.0,
        "s",
        "fibrokit",
        "Default length of a camera reading in the app: two minutes, twice the 1-minute minimum for HF power, "
        "so that some pulses can be set aside and a minute of clean pulses still remains.",
        convention=True,
    ),
    Fact(
        "ppg.reading_min_s",
        75.0,
        "s",
        "fibrokit",
        "Shortest camera reading the app offers: the minute of clean pulse that HRV needs, plus 15 s for the "
        "first pulses (while the camera settles its exposure) and for pulses set aside.",
        convention=True,
    ),
)
