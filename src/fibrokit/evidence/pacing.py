"""Facts behind pacing: heart-rate thresholds, zones, the exertion-load model, readiness and plans.

The resting-based thresholds come from ME/CFS pacing practice and are applied to fibromyalgia by analogy; the
fibromyalgia-specific numbers (Villafaina 2022, Lemos 2010) come from small studies of women. Everything marked
*convention* is a modelling choice of fibrokit's own, stated with its reasoning.
"""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

SOURCES: tuple[Source, ...] = (
    Source(
        "visible_hr_zones",
        "Visible Health. Heart rate zones: exertion threshold and over-exertion threshold (web page, based on "
        "advice from the Workwell Foundation).",
        url="https://www.makevisible.com/heartratezones",
    ),
    Source(
        "cfsselfhelp_pacing",
        "CFS/Fibromyalgia Self-Help. Pacing by the numbers: using your heart rate to stay inside the energy "
        "envelope (web page quoting the University of the Pacific / Workwell Foundation researchers).",
        url="https://www.cfsselfhelp.org/library/pacing-numbers-using-your-heart-rate-to-stay-inside-energy-envelope",
    ),
    Source(
        "lemos_2010",
        "Lemos MCD, Valim V, Zandonade E, Natour J. Intensity level for exercise training in fibromyalgia by "
        "using mathematical models. BMC Musculoskelet Disord 2010;11:54.",
        doi="10.1186/1471-2474-11-54",
        pmid="20307323",
    ),
    Source(
        "morton_1990",
        "Morton RH, Fitz-Clarke JR, Banister EW. Modeling human performance in running. J Appl Physiol "
        "1990;69(3):1171-1177.",
        doi="10.1152/jappl.1990.69.3.1171",
        pmid="2246166",
    ),
    Source(
        "hrv4training_normal_values",
        "Altini M. The importance of normal values. HRV4Training blog, 2022 (normal values built from the past "
        "60 days of data, based on the smallest worthwhile change).",
        url="https://www.hrv4training.com/blog2/the-importance-of-normal-values",
    ),
    Source(
        "hrv4training_swc",
        "HRV4Training. Custom 'desirable range' / SWC in HRV4Training Coach. HRV4Training blog, 2017 (baseline "
        "= 7-day moving average; desirable range half a standard deviation or wider).",
        url="https://www.hrv4training.com/blog2/custom-desirable-range-swc-in-hrv4training-coach",
    ),
    Source(
        "elite_hrv_baseline",
        "Elite HRV. How is Morning Readiness determined? Help centre article (the first week of readings "
        "builds the baseline; large swings in either direction score low).",
        url="https://help.elitehrv.com/article/56-how-is-morning-readiness-determined",
    ),
    Source(
        "van_campen_2020",
        "van Campen CLMC, Rowe PC, Visser FC. Heart rate thresholds to limit activity in myalgic "
        "encephalomyelitis/chronic fatigue syndrome patients (pacing): comparison of heart rate formulae and "
        "measurements of the heart rate at the lactic acidosis threshold during cardiopulmonary exercise "
        "testing. Adv Phys Educ 2020;10:138-154.",
        url="http://scirp.org/journal/paperinformation.aspx?paperid=100333",
    ),
)

_MEDIUM_NOTE = (
    "read on the app maker's public page, as summarised in shared/reference/evidence-and-anchors.md §1.1"
)

FACTS: tuple[Fact, ...] = (
    # -- Thresholds --------------------------------------------------------------------------------------------
    Fact(
        "pacing.threshold.rest_factor",
        1.15,
        "× resting HR",
        "visible_hr_zones",
        "Exertion threshold 15 % above resting heart rate (Visible's default, citing the Workwell Foundation).",
        note=_MEDIUM_NOTE,
    ),
    Fact(
        "pacing.threshold.rest_plus_bpm",
        15.0,
        "bpm",
        "cfsselfhelp_pacing",
        "Exertion threshold 15 beats per minute above resting heart rate (University of the Pacific / Workwell "
        "researchers, for people without an exercise test).",
    ),
    Fact(
        "pacing.ceiling.hrmax_fraction",
        0.55,
        "× HRmax",
        "visible_hr_zones",
        "Over-exertion line at 55 % of age-predicted maximal heart rate, (220 − age) × 0.55 (Visible, citing "
        "the Workwell Foundation).",
        note=_MEDIUM_NOTE,
    ),
    Fact(
        "pacing.vt1.hrmax_fraction",
        0.76,
        "× HRmax",
        "villafaina_2022",
        "76 % of age-predicted maximal heart rate (220 − age or 209 − 0.85 × age) estimated the heart rate at "
        "the first ventilatory threshold (VT1) in women with fibromyalgia (Bland-Altman agreement, n = 17).",
        "Abstract",
    ),
    Fact(
        "pacing.at.hrr_fraction",
        (0.52, 0.60),
        "× HR reserve",
        "lemos_2010",
        "Heart rate at the anaerobic threshold of women with fibromyalgia lay at 52-60 % of heart-rate reserve "
        "(Karvonen, with the maximal heart rate reached in the test), which correlated best; fibrokit uses the "
        "lower end, 52 %.",
        "Abstract, Results and Conclusion",
    ),
    Fact(
        "pacing.caution.formula_bias_bpm",
        (-28.0, 19.0),
        "bpm",
        "van_campen_2020",
        "In 90 people with ME/CFS who had a cardiopulmonary exercise test, formula-predicted threshold heart "
        "rates differed from the measured ones by −28 to +19 bpm on average (by formula, in men), with "
        "unacceptably wide limits of agreement.",
        "Abstract",
        note="as summarised in shared/reference/evidence-and-anchors.md §2.5",
    ),
    # -- Zones and alerts --------------------------------------------------------------------------------------
    Fact(
        "pacing.zones.hysteresis_bpm",
        3.0,
        "bpm",
        "fibrokit",
        "A zone is entered at its threshold but left only when heart rate falls this far below it, so a heart "
        "rate hovering at a line (±1-2 bpm of beat-to-beat noise and breathing) does not flip the zone.",
        convention=True,
    ),
    Fact(
        "pacing.zones.dwell_s",
        20.0,
        "s",
        "fibrokit",
        "A new zone must hold this long before it is shown, and the over-ceiling alert fires after this long "
        "above the ceiling: long enough to ignore standing up or a cough, short enough to act on a long bout. "
        "Configurable.",
        convention=True,
    ),
    Fact(
        "pacing.hr.plausible_bpm",
        (30.0, 230.0),
        "bpm",
        "fibrokit",
        "Beat-to-beat heart rates outside this span are taken as artefacts and ignored by zones and load.",
        convention=True,
    ),
    # -- Exertion load -----------------------------------------------------------------------------------------
    Fact(
        "pacing.load.points_per_min",
        1.0,
        "points/min",
        "fibrokit",
        "Load accrues at 1 point a minute at the exertion threshold (nothing below it), so points read as "
        "'minutes at the threshold'.",
        convention=True,
    ),
    Fact(
        "pacing.load.ceiling_ratio",
        4.0,
        "×",
        "fibrokit",
        "At the ceiling, points accrue 4 times as fast as at the threshold, growing exponentially in between "
        "and beyond (an exponential weighting of relative heart rate, as in Banister's TRIMP; the factor echoes "
        "Visible's 'about 4 times faster' in its exertion zone).",
        convention=True,
    ),
    Fact(
        "pacing.load.doubling_s",
        600.0,
        "s",
        "fibrokit",
        "Points accrue twice as fast after 10 minutes continuously above the threshold (and 4 times after 20, "
        "the cap): a long bout costs more than the same minutes split by rests.",
        convention=True,
    ),
    Fact(
        "pacing.load.duration_cap",
        4.0,
        "×",
        "fibrokit",
        "The growth of the accrual rate with time above the threshold stops at 4 times.",
        convention=True,
    ),
    Fact(
        "pacing.trimp.f",
        (0.86, 1.67),
        "",
        "morton_1990",
        "Banister's training impulse for women: minutes × ΔHR × 0.86 × e^(1.67 × ΔHR), ΔHR = (HR − HRrest) / "
        "(HRmax − HRrest).",
        note="constants as given in the Kubios HRV user guide; the primary text was not available to check",
    ),
    Fact(
        "pacing.trimp.m",
        (0.64, 1.92),
        "",
        "morton_1990",
        "Banister's training impulse for men: minutes × ΔHR × 0.64 × e^(1.92 × ΔHR).",
        note="constants as given in the Kubios HRV user guide; the primary text was not available to check",
    ),
    Fact(
        "pacing.recovery_s",
        60.0,
        "s",
        "cole_1999",
        "Heart-rate recovery is read as the fall in heart rate in the first minute after the highest heart rate "
        "of an effort (HRR1).",
    ),
    # -- Resting heart rate for the lines ----------------------------------------------------------------------
    Fact(
        "pacing.resting.days",
        14.0,
        "days",
        "fibrokit",
        "The resting heart rate behind the resting-based lines is the median of the morning readings of the "
        "last 14 days: two weeks smooth out single odd mornings (a bad night, a cold) yet follow a real change "
        "within weeks; the median ignores the odd morning altogether.",
        convention=True,
    ),
    Fact(
        "pacing.resting.min_mornings",
        3.0,
        "mornings",
        "fibrokit",
        "A resting heart rate for the lines needs at least 3 morning readings in that window, so one morning "
        "alone never sets the lines.",
        convention=True,
    ),
    # -- Budget and flare link ---------------------------------------------------------------------------------
    Fact(
        "pacing.budget.min_days",
        14.0,
        "days",
        "fibrokit",
        "A daily budget is learned only from at least two weeks of days whose next day is known.",
        convention=True,
    ),
    Fact(
        "pacing.budget.quantile",
        0.75,
        "",
        "fibrokit",
        "The learned budget is the 75th percentile of load on days not followed by a flare: most good days fit "
        "inside it, the heaviest quarter of them do not.",
        convention=True,
    ),
    Fact(
        "pacing.budget.history_days",
        90.0,
        "days",
        "fibrokit",
        "The app learns the budget from the last 90 days, so that it follows the capacity a person has now "
        "rather than a year ago.",
        convention=True,
    ),
    Fact(
        "pacing.budget.flare_margin",
        0.9,
        "",
        "fibrokit",
        "When days followed by a flare have a lower median load than that percentile, the budget is set to "
        "90 % of that median instead: just below the loads that went badly, as Visible advises.",
        convention=True,
    ),
    Fact(
        "pacing.flare.worse_points",
        2.0,
        "points on 0-10",
        "farrar_2001",
        "A rise of 2 points on a 0-10 rating is the smallest clinically important change in pain intensity; "
        "fibrokit counts a next day 2 points worse than the personal median as a flare.",
        note="Farrar's figure is for change over a treatment course; fibrokit applies it to day-to-day ratings",
    ),
    Fact(
        "pacing.diary.overall_items",
        2.0,
        "items",
        "fibrokit",
        "The app reads a diary day's overall symptom severity (0-10), which the budget's flares and readiness "
        "use, as the mean of that day's pain and tiredness ratings (either alone when only one was rated). "
        "Reasoning: pain and fatigue are the two central symptoms of fibromyalgia and are default items every "
        "diary offers; the flare rule (pacing.flare.worse_points) is a pain-scale "
        "figure, so the severity stays on that scale. Other symptoms and a person's own items are left out.",
        convention=True,
    ),
    Fact(
        "pacing.flare.min_each",
        3.0,
        "days",
        "bearable_correlations",
        "A link between load and next-day symptoms is reported only with at least 3 high-load and 3 other days.",
    ),
    Fact(
        "pacing.flare.min_days",
        14.0,
        "days",
        "fibrokit",
        "The flare link needs at least two weeks of paired days (load, next-day symptoms).",
        convention=True,
    ),
    # -- Morning readiness -------------------------------------------------------------------------------------
    Fact(
        "pacing.readiness.baseline_days",
        60.0,
        "days",
        "hrv4training_normal_values",
        "The personal normal range is built from the mornings of the past 60 days.",
    ),
    Fact(
        "pacing.readiness.min_days",
        7.0,
        "mornings",
        "elite_hrv_baseline",
        "The first week of readings builds the baseline; no morning is judged before 7 are on record.",
        note=_MEDIUM_NOTE.replace("§1.1", "§1.7"),
    ),
    Fact(
        "pacing.readiness.trend_days",
        7.0,
        "days",
        "hrv4training_swc",
        "The trend is the 7-day moving average of the morning values.",
    ),
    Fact(
        "pacing.readiness.swc_sd",
        0.5,
        "SD",
        "hrv4training_swc",
        "Smallest worthwhile change: half the personal standard deviation around the normal mean; a 7-day "
        "average outside it is a real shift, not day-to-day noise.",
    ),
    Fact(
        "pacing.readiness.flag_sd",
        2.5,
        "SD",
        "fibrokit",
        "A single morning is flagged when a factor lies more than 2.5 personal standard deviations (robust: "
        "1.4826 × median absolute deviation) from the personal median: with two or more factors this keeps "
        "false flags near 1 in 40 normal mornings. A statistical choice, not a clinical cut-off.",
        convention=True,
    ),
    Fact(
        "pacing.readiness.sd_floor",
        (0.02, 1.0, 1.0),
        "ln units, bpm, points",
        "fibrokit",
        "Smallest personal standard deviation used for ln RMSSD, resting heart rate and 0-10 diary ratings: the "
        "resolution of each measure, so that a person whose values barely vary is not flagged for a change "
        "of one unit.",
        convention=True,
    ),
    Fact(
        "pacing.readiness.min_normal_share",
        0.95,
        "",
        "fibrokit",
        "A morning reading with fewer than 95 % normal beats is doubtful; fibrokit asks to repeat it.",
        convention=True,
    ),
    Fact(
        "pacing.readiness.min_duration_s",
        60.0,
        "s",
        "fibrokit",
        "A morning reading shorter than one minute is too short to trust; fibrokit asks to repeat it.",
        convention=True,
    ),
    # -- Progression plan --------------------------------------------------------------------------------------
    Fact(
        "pacing.plan.growth",
        0.10,
        "per week",
        "fibrokit",
        "A self-paced plan grows session length by at most 10 % a week after a week that went well. No trial "
        "set this number; it is a slow default to change with a physiotherapist.",
        convention=True,
    ),
    Fact(
        "pacing.plan.step_back",
        0.8,
        "×",
        "fibrokit",
        "After a week with a flare the next week's sessions are cut to 80 % of the last week's length.",
        convention=True,
    ),
    Fact(
        "pacing.plan.low_days_hold",
        2.0,
        "mornings",
        "fibrokit",
        "Two or more flagged mornings in a week hold the plan at the same length the next week.",
        convention=True,
    ),
    Fact(
        "pacing.plan.weeks",
        (8.0, 12.0),
        "weeks",
        "fibrokit",
        "A progression plan spans 8 to 12 weeks.",
        convention=True,
    ),
)
