"""Facts behind the analysis pipeline: when a recording counts as an exercise test, and when HRV is reliable."""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

SOURCES: tuple[Source, ...] = (
    Source(
        "hrv_corrected_share_practice",
        "Common practice in heart-rate variability analysis: report the share of corrected (artefact) beats and do "
        "not trust HRV when more than 5 % of beats needed correction. Recorded in fibrokit's clinical reference "
        "notes (evidence-and-anchors.md, section 4, item 2, marked as common practice rather than a single "
        "study); the same 5 % ceiling is the default maximum correction rate of the hrvester package's "
        "Kubios-style correction.",
        url="https://sims1253.github.io/hrvester/reference/correct_rr_cubic_spline.html",
    ),
)

FACTS: tuple[Fact, ...] = (
    Fact(
        "quality.max_flagged_share",
        0.05,
        "",
        "hrv_corrected_share_practice",
        "Above 5 % flagged beats, heart-rate variability is marked not reliable and withheld from summaries; a "
        "morning reading is to be repeated.",
        "reference notes §4.2; hrvester max_correction_rate default",
        note="Common practice, not a threshold validated in a clinical study.",
    ),
    Fact(
        "protocols.shape.smooth_s",
        15.0,
        "s",
        "fibrokit",
        "The shape of a recording is judged on heart rate averaged over 15 s: long enough that breathing and "
        "single odd beats cannot make a rise or a fall, short enough to keep a one-minute recovery.",
        convention=True,
    ),
    Fact(
        "protocols.shape.min_exercise_s",
        120.0,
        "s",
        "fibrokit",
        "An exercise test's effort lasts at least 2 minutes from rest to peak; a shorter rise (standing up, "
        "a strain) is not scored as one.",
        convention=True,
    ),
    Fact(
        "protocols.shape.dip_share",
        0.15,
        "",
        "fibrokit",
        "During a graded test's effort heart rate (15-s mean) may wander but does not fall back by more than "
        "15 % of its rise before the peak; a deeper fall means intervals or stops, and the recording is not "
        "scored as a test.",
        convention=True,
    ),
    Fact(
        "protocols.shape.late_peak_share",
        0.5,
        "",
        "fibrokit",
        "A graded test climbs to its peak: heart rate first comes near the peak only in the second half of the "
        "effort. A steady bout (a walk, a ride at one pace) or intervals get there early and are not recognised "
        "as a test; a person can mark the phases instead.",
        convention=True,
    ),
    Fact(
        "protocols.shape.near_peak_share",
        0.2,
        "",
        "fibrokit",
        "Near the peak means within 20 % of the rise below it (used to judge when the effort got there).",
        convention=True,
    ),
    Fact(
        "protocols.shape.graded_climb_s",
        45.0,
        "s",
        "fibrokit",
        "A graded exercise test raises the load stage by stage, so heart rate takes at least 45 s (about a stage) "
        "to climb from half its rise to near its peak (protocols.shape.near_peak_share); an interval sends it "
        "there within well under a minute. In fibrokit's simulated corpus graded tests took 54-306 s and "
        "intervals 10-37 s.",
        convention=True,
    ),
    Fact(
        "protocols.shape.min_recovery_s",
        60.0,
        "s",
        "fibrokit",
        "A recording is recognised as an exercise test only with at least a minute of recovery without renewed "
        "effort after the peak.",
        convention=True,
    ),
    Fact(
        "protocols.shape.renewed_effort_bpm",
        10.0,
        "bpm",
        "fibrokit",
        "Recovery ends where heart rate (15-s mean) climbs 10 bpm above the lowest it reached since the effort "
        "stopped and stays there (see protocols.shape.renewed_effort_s): effort has started again. Heart-rate "
        "recovery is reported only for the lags before that.",
        convention=True,
    ),
    Fact(
        "protocols.shape.renewed_effort_s",
        30.0,
        "s",
        "fibrokit",
        "A climb after exercise counts as renewed effort only when it holds for 30 s; shorter bumps (shifting "
        "in the chair, standing up briefly) do not end the recovery.",
        convention=True,
    ),
    Fact(
        "protocols.hrr_fall_tolerance_bpm",
        3.0,
        "bpm",
        "fibrokit",
        "Heart-rate recovery grows with the lag while a person rests. When it is more than 3 bpm lower at a "
        "longer lag than at a shorter one, effort or an artefact has intervened: that lag and the later ones "
        "are withheld.",
        convention=True,
    ),
    Fact(
        "protocols.rest_steady_bpm",
        20.0,
        "bpm",
        "fibrokit",
        "A resting heart rate is taken only from a stretch whose 15-s mean varies by at most 20 bpm; more means "
        "the person was moving, and the resting value is refused.",
        convention=True,
    ),
    Fact(
        "protocols.rest_step_bpm",
        5.0,
        "bpm",
        "fibrokit",
        "Without markers, a still recording is a resting reading only if its heart rate holds one level: the "
        "mean over any minute differs from the mean over the minute before by less than 5 bpm. A larger step "
        "held for a minute is a change of posture or activity (standing up, starting to walk). In the real "
        "shared resting readings the largest such step is 3.5 bpm.",
        convention=True,
    ),
    Fact(
        "protocols.rest_drift_bpm",
        10.0,
        "bpm",
        "fibrokit",
        "Without markers, a still recording is a resting reading only if its heart rate does not climb or fall "
        "steadily: its means over one minute span less than 10 bpm (a slow climb of a few bpm a minute, as at "
        "the start of an effort, passes the step test of protocols.rest_step_bpm). In the real shared resting "
        "readings they span at most 4.6 bpm.",
        convention=True,
    ),
    Fact(
        "protocols.rest_steady_min_s",
        5.0,
        "s",
        "fibrokit",
        "Whether a rest was steady (protocols.rest_steady_bpm) is judged only when the once-a-second heart-rate "
        "curve has at least 5 s of values in it: a shorter stretch cannot show the wandering of a person on "
        "the move, so it is not refused on that ground.",
        convention=True,
    ),
    Fact(
        "protocols.movement_min_samples",
        3.0,
        "samples",
        "fibrokit",
        "A speed, cadence or power channel shows that a person moved during a rest only when at least 3 of its "
        "samples lie in that rest and their median is above zero; one or two stray samples (a sensor waking "
        "up, a pedal nudged) do not refuse the rest.",
        convention=True,
    ),
    Fact(
        "protocols.shape.longest_valsalva_s",
        300.0,
        "s",
        "fibrokit",
        "A recording without markers is recognised as a Valsalva manoeuvre only if it lasts at most 5 minutes "
        "(a minute of rest, a 15-s strain and the minute after it).",
        convention=True,
    ),
    Fact(
        "protocols.shape.valsalva_surge_bpm",
        20.0,
        "bpm",
        "fibrokit",
        "The strain of a Valsalva manoeuvre drives heart rate (15-s mean) at least 20 bpm above rest, and it is "
        "back near rest within a minute of release; a short recording with that one surge is recognised as one.",
        convention=True,
    ),
    Fact(
        "protocols.shape.stand_step_bpm",
        6.0,
        "bpm",
        "fibrokit",
        "Standing up raises heart rate at once (at least twice this over the first 30 s) and keeps it at least "
        "6 bpm above the minute before for the next two minutes; a still recording with that step is "
        "recognised as an active stand.",
        convention=True,
    ),
    Fact(
        "protocols.shape.stand_overshoot_bpm",
        3.0,
        "bpm",
        "fibrokit",
        "Standing up makes heart rate peak within about 15 beats and then settle lower (the pattern the 30:15 "
        "ratio measures); a step without a peak at least 3 bpm above the settled level (as when starting to "
        "walk) is not recognised as an active stand.",
        convention=True,
    ),
    Fact(
        "protocols.shape.deep_breathing_swing_bpm",
        5.0,
        "bpm",
        "fibrokit",
        "A short still recording without markers is recognised as paced deep breathing only when, for at least a "
        "minute, heart rate swings at the paced rate (within 1 breath a minute) by at least 5 bpm from peak to "
        "trough, regularly (protocols.shape.deep_breathing_regularity) and far more than at rest "
        "(protocols.shape.deep_breathing_contrast). A smaller swing (a markedly abnormal test) is scored only when "
        "marked or named by the person.",
        convention=True,
    ),
    Fact(
        "protocols.shape.deep_breathing_regularity",
        0.7,
        "",
        "fibrokit",
        "The swing of paced deep breathing is regular: a sine at the paced rate explains at least 70 % of the "
        "variance of a minute's heart rate (a 3-beat running median, after removing its linear trend). In the "
        "real shared 21-hour healthy record and resting readings, cut into 132 stretches of 5 minutes, such a sine "
        "never explained more than 61 % of a minute with its widest slow wave; a Valsalva surge or a step does not "
        "fit either.",
        convention=True,
    ),
    Fact(
        "protocols.shape.deep_breathing_contrast",
        3.0,
        "",
        "fibrokit",
        "Paced breathing is told from the slow (~0.1 Hz) waves of rest by its size: its swing must be at least 3 "
        "times the widest swing at the same rate over any stretch of the recording's rest (up to a minute long, "
        "before or after the breathing). Slow resting waves wander in size, so a minute where one happens to be "
        "regular still stands no more than 2-3 times above the rest of a resting reading.",
        convention=True,
    ),
    Fact(
        "protocols.shape.deep_breathing_alone_swing_bpm",
        15.0,
        "bpm",
        "fibrokit",
        "A recording of paced breathing with no rest of its own to compare with (protocols.recognition."
        "breathing_rest_s) is recognised only when its regular swing reaches 15 bpm, the lower limit of a normal "
        "test (protocols.ewing.deep_breathing_bpm): a smaller one cannot be told from slow breathing at rest.",
        convention=True,
    ),
    Fact(
        "protocols.shape.stand_abrupt_share",
        1.0,
        "",
        "fibrokit",
        "Standing up withdraws vagal drive within a few beats, so heart rate (5-s mean) reaches all of the rise "
        "it then holds (from 40 s to 2.5 min after the step) within seconds of passing half of it (see protocols.shape.stand_abrupt_s); "
        "starting to walk gets half-way as fast but keeps climbing for minutes as sympathetic drive builds. A "
        "step this abrupt counts as standing up even without the peak-then-settle of the 30:15 pattern, which "
        "is small in many people with a large sustained rise.",
        convention=True,
    ),
    Fact(
        "protocols.shape.stand_abrupt_s",
        10.0,
        "s",
        "fibrokit",
        "The seconds within which heart rate must get from half to all of its held rise for a step to count "
        "as standing up (see protocols.shape.stand_abrupt_share).",
        convention=True,
    ),
    Fact(
        "quality.irregular_jump_share",
        0.15,
        "",
        "fibrokit",
        "Two successive normal beats jump when their intervals differ by 15 % of their mean or more. In a normal "
        "(sinus) rhythm heart rate changes smoothly from beat to beat, even with deep breathing; in the real "
        "shared recordings (a 24-hour healthy record, morning readings, exercise) at most 14 % of the pairs in "
        "any minute jump this far, while in an irregular rhythm such as atrial fibrillation most of them do.",
        convention=True,
    ),
    Fact(
        "quality.irregular_window_beats",
        60.0,
        "beats",
        "fibrokit",
        "Irregularity is judged over windows of 60 beats (about a minute): long enough that a few extra beats "
        "the artefact filter missed cannot make a window irregular.",
        convention=True,
    ),
    Fact(
        "quality.irregular_window_share",
        0.3,
        "",
        "fibrokit",
        "A 60-beat window is irregular when at least 30 % of its pairs of normal beats jump "
        "(quality.irregular_jump_share): over twice the most seen in any minute of the real sinus-rhythm "
        "recordings, and about half of what a simulated atrial-fibrillation-like rhythm shows.",
        convention=True,
    ),
    Fact(
        "quality.irregular_run_beats",
        120.0,
        "beats",
        "fibrokit",
        "A recording is flagged as holding a non-sinus-looking run only when irregular windows cover at least "
        "120 beats in a row (about 2 minutes); its heart-rate variability is then marked not reliable. The flag "
        "says the rhythm looks irregular; it is not a diagnosis of any arrhythmia.",
        convention=True,
    ),
    # -- Recognition of the short tests and of an exercise test's phases (protocols/_kinds.py, _shape.py) -------
    Fact(
        "protocols.recognition.short_test_min_s",
        90.0,
        "s",
        "fibrokit",
        "A recording is checked for the signature of a short test (a Valsalva manoeuvre, an active stand) only "
        "when its once-a-second heart-rate curve holds at least 90 s: less cannot show a rest, a response and "
        "what follows it.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.valsalva_rest_s",
        30.0,
        "s",
        "fibrokit",
        "The resting level a Valsalva surge is measured from is the median heart rate (15-s mean) over the "
        "recording's first 30 s, which lie in the rest before the strain.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.valsalva_back_share",
        0.25,
        "",
        "fibrokit",
        "Heart rate is 'back near rest' around a Valsalva surge when it comes within a quarter of the surge "
        "above the resting level, both in the minute after the peak and in the minute before it; a rise that "
        "stays up, or starts from an unsettled rest, is not recognised as a strain.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.stand_search_step_s",
        5.0,
        "s",
        "fibrokit",
        "Without a marker, the moment of standing up is searched every 5 s along the recording: finer than "
        "the windows compared around it, coarse enough to stay quick on a long recording.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.stand_before_gap_s",
        5.0,
        "s",
        "fibrokit",
        "The level before standing up is the mean heart rate over the minute that ends 5 s before the moment "
        "tried, so the first beats of the rise do not lift it.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.stand_rise_s",
        30.0,
        "s",
        "fibrokit",
        "The first 30 s after standing up: heart rate must rise over them by at least twice "
        "protocols.shape.stand_step_bpm, and the peak of the stand is sought within them.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.stand_held_until_s",
        150.0,
        "s",
        "fibrokit",
        "The step of standing up must hold from the end of the first 30 s to 150 s after standing (two "
        "minutes), as it does in a person who stays standing and not in one who stands for a moment.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.stand_peak_mean_s",
        5.0,
        "s",
        "fibrokit",
        "The peak after standing up is the highest 5-s mean heart rate: a few beats, so that one odd beat "
        "cannot make a peak while the brief peak of standing (within about 15 beats) is kept.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.stand_settled_s",
        (40.0, 120.0),
        "s",
        "fibrokit",
        "The level heart rate settles to after standing up is its mean from 40 to 120 s after standing, past "
        "the peak and its fall; the peak must stand above it by protocols.shape.stand_overshoot_bpm.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.first_minute_min_s",
        20.0,
        "s",
        "fibrokit",
        "The resting level a recording's rise is measured from is the median of its first minute, taken only "
        "when at least 20 s of that minute hold heart rate (a once-a-second 15-s mean); with less the "
        "recording is not recognised as an exercise test.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.rest_end_share",
        0.2,
        "",
        "fibrokit",
        "Without markers, the rest before an exercise test ends at the last moment, before heart rate stays "
        "above half its rise, when heart rate (15-s mean) sat within 20 % of the rise above the resting level.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.stop_share",
        0.1,
        "",
        "fibrokit",
        "Without markers, the effort of an exercise test ends at the last moment heart rate (15-s mean) stays "
        "within 10 % of the rise below its peak before falling away from it.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.breathing_min_beats",
        30.0,
        "beats",
        "fibrokit",
        "Paced deep breathing is looked for only in a recording of at least 30 beats and a minute: six paced "
        "breaths need that many beats to show their swing.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.breathing_median_beats",
        3.0,
        "beats",
        "fibrokit",
        "For recognising paced breathing, heart rate is first smoothed by a running median of 3 beats, so that a "
        "single missed or extra beat the artefact filter left cannot break the shape of a breath.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.breathing_rest_s",
        20.0,
        "s",
        "fibrokit",
        "Paced breathing is compared with the rest before or after it when that rest lasts at least 20 s (two "
        "slow waves).",
        convention=True,
    ),
    Fact(
        "protocols.recognition.breathing_grid_s",
        0.25,
        "s",
        "fibrokit",
        "For recognising paced breathing, heart rate is read on a 0.25-s grid (fine enough for a 10-s breath).",
        convention=True,
    ),
    Fact(
        "protocols.recognition.breathing_rate_step_per_min",
        0.25,
        "breaths/min",
        "fibrokit",
        "Breathing rates within 1 breath a minute of the paced rate are tried in steps of a quarter breath.",
        convention=True,
    ),
    Fact(
        "protocols.recognition.breathing_window_step_s",
        5.0,
        "s",
        "fibrokit",
        "Minute-long windows for recognising paced breathing start every 5 s (half a paced breath).",
        convention=True,
    ),
)
