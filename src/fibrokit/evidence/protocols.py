"""Facts behind the autonomic tests: predicted maxima, cut-offs, norms, and the fibromyalgia group figures."""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

SOURCES: tuple[Source, ...] = (
    Source(
        "fox_1971",
        "Fox SM III, Naughton JP, Haskell WL. Physical activity and the prevention of coronary heart disease. "
        "Ann Clin Res 1971;3(6):404-432 (the origin of 220 − age, a line drawn through about ten earlier studies "
        "of mostly men under 55, as traced by Gellish et al. 2007 and Robergs & Landwehr 2002; fibrokit did not "
        "read the 1971 text, and its volume and pages are given from memory, unchecked).",
        url="https://journals.lww.com/acsm-msse/Fulltext/2007/05000/"
        "Longitudinal_Modeling_of_the_Relationship_between.11.aspx",
        found="Not a study of its own: a rough rule fitted by eye to published maximal heart rates.",
    ),
    Source(
        "gellish_2007",
        "Gellish RL, Goslin BR, Olson RE, McDonald A, Russi GD, Moudgil VK. Longitudinal modeling of the "
        "relationship between age and maximal heart rate. Med Sci Sports Exerc 2007;39(5):822-829.",
        doi="10.1097/mss.0b013e31803349c6",
        found="132 adults of both sexes with 908 maximal graded exercise tests over 25 years: maximal heart rate "
        "fell as 207 − 0.7 × age, appreciably different from 220 − age.",
    ),
    Source(
        "watanabe_2001",
        "Watanabe J, Thamilarasan M, Blackstone EH, Thomas JD, Lauer MS. Heart rate recovery immediately after "
        "treadmill exercise and left ventricular systolic dysfunction as predictors of mortality: the case of "
        "stress echocardiography. Circulation 2001;104(16):1911-1916.",
        pmid="11602493",
        found="5438 patients lying on their left side straight after a treadmill test (no cool-down), followed "
        "3 years: recovery at 1 minute of 18 bpm or less predicted death (adjusted hazard ratio 2.09).",
    ),
    Source(
        "da_cunha_ribeiro_2011",
        "da Cunha Ribeiro RP, Roschel H, Artioli GG, Dassouki T, Perandini LA, Calich AL, Pinto AL, Lima FR, "
        "Bonfá E, Gualano B. Cardiac autonomic impairment and chronotropic incompetence in fibromyalgia. "
        "Arthritis Res Ther 2011;13(6):R190.",
        doi="10.1186/ar3519",
        pmid="22087583",
        found="14 women with fibromyalgia vs 14 age- and BMI-matched controls, maximal treadmill test (mean ± "
        "SE): VO2max 22 ± 1 vs 32 ± 2 ml/kg/min; chronotropic reserve 72.5 ± 5 vs 106.1 ± 6 % (p < 0.001), "
        "chronotropic incompetence in 57.1 % of the fibromyalgia group; recovery at 2 minutes 34.3 ± 4 vs "
        "50.8 ± 3 bpm (p = 0.002), at 1 minute 24.5 ± 3 vs 32.6 ± 2 bpm (p = 0.059, not significant). The "
        "groups were not matched for fitness.",
    ),
    Source(
        "schamne_2021",
        "Schamne JC, et al. Impaired cardiac autonomic control in women with fibromyalgia is independent of "
        "their physical fitness. J Clin Rheumatol 2021;27(Suppl 2):S278-S283 (first author and pages from the "
        "exercise article's reference list; the co-authors were not in fibrokit's sources).",
        url="https://www.physiciansweekly.com/impaired-cardiac-autonomic-control-in-women-with-fibromyalgia-is-"
        "independent-of-their-physical-fitness/",
        found="23 women with fibromyalgia vs 17 healthy women, maximal incremental cycling, with a fitness-"
        "matched subgroup of 14 vs 14 (peak power 128.6 ± 16.2 vs 131.9 ± 15.9 W): vagal HRV at rest, "
        "chronotropic reserve and heart-rate recovery at 30, 120, 180, 300 and 600 s were lower in "
        "fibromyalgia, in the matched subgroup too.",
    ),
    Source(
        "tanaka_2001",
        "Tanaka H, Monahan KD, Seals DR. Age-predicted maximal heart rate revisited. J Am Coll Cardiol "
        "2001;37(1):153-156.",
        doi="10.1016/S0735-1097(00)01054-8",
        pmid="11153730",
    ),
    Source(
        "villafaina_2022",
        "Villafaina S, et al. Biology (Basel) 2022;11(5):704 (agreement of age-based heart-rate equations with "
        "heart rate at the first ventilatory threshold in 17 women with fibromyalgia).",
        doi="10.3390/biology11050704",
        pmid="35625432",
    ),
    Source(
        "cole_1999",
        "Cole CR, Blackstone EH, Pashkow FJ, Snader CE, Lauer MS. Heart-rate recovery immediately after exercise "
        "as a predictor of mortality. N Engl J Med 1999;341(18):1351-1357.",
        doi="10.1056/NEJM199910283411804",
        pmid="10536127",
    ),
    Source(
        "cole_2000",
        "Cole CR, Foody JM, Blackstone EH, Lauer MS. Heart rate recovery after submaximal exercise testing as a "
        "predictor of mortality in a cardiovascularly healthy cohort. Ann Intern Med 2000;132(7):552-555.",
        doi="10.7326/0003-4819-132-7-200004040-00007",
        pmid="10744592",
    ),
    Source(
        "shetler_2001",
        "Shetler K, Marcus R, Froelicher VF, Vora S, Kalisetti D, Prakash M, Do D, Myers J. Heart rate recovery: "
        "validation and methodologic issues. J Am Coll Cardiol 2001;38(7):1980-1987.",
        doi="10.1016/S0735-1097(01)01652-7",
        pmid="11738304",
    ),
    Source(
        "ewing_1985",
        "Ewing DJ, Martyn CN, Young RJ, Clarke BF. The value of cardiovascular autonomic function tests: 10 years "
        "experience in diabetes. Diabetes Care 1985;8(5):491-498.",
        doi="10.2337/diacare.8.5.491",
        pmid="4053936",
    ),
    Source(
        "wjd_2015_ei_table",
        "World J Diabetes 2015;6(1):80-91, table of age-specific lower limits of the expiration/inspiration "
        "ratio of deep breathing.",
        url="https://www.wjgnet.com/1948-9358/tables/v6/i1/80.htm",
    ),
    Source(
        "freeman_2011",
        "Freeman R, Wieling W, Axelrod FB, et al. Consensus statement on the definition of orthostatic "
        "hypotension, neurally mediated syncope and the postural tachycardia syndrome. Clin Auton Res "
        "2011;21(2):69-72.",
        doi="10.1007/s10286-011-0119-5",
        pmid="21431947",
    ),
    Source(
        "sheldon_2015",
        "Sheldon RS, Grubb BP, Olshansky B, et al. 2015 Heart Rhythm Society expert consensus statement on the "
        "diagnosis and treatment of postural tachycardia syndrome, inappropriate sinus tachycardia, and "
        "vasovagal syncope. Heart Rhythm 2015;12(6):e41-e63.",
        doi="10.1016/j.hrthm.2015.03.029",
        pmid="25980576",
    ),
    Source(
        "villafaina_2023",
        "Villafaina S, …, Parraca JA. Biomedicines 2023;11:132 (quadriceps near-infrared spectroscopy at rest "
        "and during a fatiguing knee-extension protocol, 18 women with fibromyalgia and 13 controls).",
        url="https://rdpc.uevora.pt/handle/10174/34080",
        found="Quadriceps SmO2 56.03 ± 21.36 vs 77.41 ± 10.82 % at rest (p = 0.036) and 48.54 ± 19.96 vs "
        "58.87 ± 19.72 % during the fatigue protocol (p = 0.038) in fibromyalgia vs controls; O2Hb lower and "
        "HHb higher at rest.",
    ),
)

_EWING_NOTE = (
    "as tabulated in World J Diabetes reviews of the Ewing battery; the 1985 paper was not available"
)
_GUALANO = "mean ± SE as reported in the abstract (14 women with fibromyalgia, 14 controls, treadmill test)"

FACTS: tuple[Fact, ...] = (
    # -- Predicted maximal heart rate: named formulas (intercept, slope per year) ------------------------------
    Fact(
        "protocols.hrmax.fox",
        (220.0, 1.0),
        "bpm, bpm/year",
        "fox_1971",
        "Age-predicted maximal heart rate 220 − age (Fox, Naughton & Haskell 1971); the fibromyalgia exercise "
        "study of da Cunha Ribeiro et al. 2011 used it.",
        note="origin as traced by Gellish 2007; the 1971 text was not read",
    ),
    Fact(
        "protocols.hrmax.gellish",
        (207.0, 0.7),
        "bpm, bpm/year",
        "gellish_2007",
        "Age-predicted maximal heart rate 207 − 0.7 × age from repeated maximal tests of the same adults.",
        "Abstract, results",
    ),
    Fact(
        "protocols.hrmax.tanaka",
        (208.0, 0.7),
        "bpm, bpm/year",
        "tanaka_2001",
        "Age-predicted maximal heart rate 208 − 0.7 × age from a meta-analysis of healthy adults.",
    ),
    Fact(
        "protocols.hrmax.fibromyalgia",
        (209.0, 0.85),
        "bpm, bpm/year",
        "villafaina_2022",
        "Age-predicted maximal heart rate 209 − 0.85 × age, one of the equations that agreed with measured "
        "heart rate at the first ventilatory threshold in women with fibromyalgia.",
        note="the equation's original derivation is not in fibrokit's sources",
    ),
    # -- Chronotropic response ---------------------------------------------------------------------------------
    Fact(
        "protocols.chronotropic_incompetence_pct",
        80.0,
        "%",
        "da_cunha_ribeiro_2011",
        "Chronotropic incompetence: failure to use at least 80 % of the heart-rate reserve at peak exercise.",
        note="the fibromyalgia study follows the definition of Lauer et al.",
    ),
    # -- Heart-rate recovery cut-offs, each with its protocol ---------------------------------------------------
    Fact(
        "protocols.hrr60.cole_1999",
        12.0,
        "bpm",
        "cole_1999",
        "Heart-rate recovery at 1 minute of 12 bpm or less is abnormal after a symptom-limited test with a "
        "2-minute walking cool-down.",
    ),
    Fact(
        "protocols.hrr60.watanabe_2001",
        18.0,
        "bpm",
        "watanabe_2001",
        "Heart-rate recovery at 1 minute of 18 bpm or less is abnormal when the person lies down straight after "
        "a symptom-limited treadmill test, with no cool-down.",
        "Abstract, methods",
    ),
    Fact(
        "protocols.hrr120.cole_2000",
        42.0,
        "bpm",
        "cole_2000",
        "Heart-rate recovery at 2 minutes of 42 bpm or less is abnormal after a submaximal test (to 85 % of "
        "the predicted maximum) with no cool-down.",
    ),
    Fact(
        "protocols.hrr120.shetler_2001",
        22.0,
        "bpm",
        "shetler_2001",
        "Heart-rate recovery at 2 minutes of 22 bpm or less is abnormal after a symptom-limited ramp test with "
        "no cool-down; the best predictor in that study.",
    ),
    # -- Fibromyalgia group figures (context, never a cut-off) -------------------------------------------------
    Fact(
        "fm.exercise.chronotropic_reserve_pct",
        (72.5, 5.0),
        "%",
        "da_cunha_ribeiro_2011",
        "Chronotropic reserve in women with fibromyalgia.",
        note=_GUALANO,
    ),
    Fact(
        "control.exercise.chronotropic_reserve_pct",
        (106.1, 6.0),
        "%",
        "da_cunha_ribeiro_2011",
        "Chronotropic reserve in age- and BMI-matched controls.",
        note=_GUALANO,
    ),
    Fact(
        "fm.exercise.hrr60_bpm",
        (24.5, 3.0),
        "bpm",
        "da_cunha_ribeiro_2011",
        "Heart-rate recovery at 1 minute in women with fibromyalgia.",
        note=_GUALANO,
    ),
    Fact(
        "control.exercise.hrr60_bpm",
        (32.6, 2.0),
        "bpm",
        "da_cunha_ribeiro_2011",
        "Heart-rate recovery at 1 minute in controls (difference not significant, p = 0.059).",
        note=_GUALANO,
    ),
    Fact(
        "fm.exercise.hrr120_bpm",
        (34.3, 4.0),
        "bpm",
        "da_cunha_ribeiro_2011",
        "Heart-rate recovery at 2 minutes in women with fibromyalgia.",
        note=_GUALANO,
    ),
    Fact(
        "control.exercise.hrr120_bpm",
        (50.8, 3.0),
        "bpm",
        "da_cunha_ribeiro_2011",
        "Heart-rate recovery at 2 minutes in controls (p = 0.002).",
        note=_GUALANO,
    ),
    Fact(
        "protocols.recovery_marks_s",
        (30.0, 60.0, 120.0, 180.0, 300.0, 600.0),
        "s",
        "schamne_2021",
        "Heart-rate recovery is read at these times after exercise; in the fitness-matched fibromyalgia study "
        "recovery at 30, 120, 180, 300 and 600 s was lower in fibromyalgia (1 minute comes from Cole 1999).",
    ),
    Fact(
        "fm.exercise.chronotropic_incompetence_share_pct",
        57.1,
        "%",
        "da_cunha_ribeiro_2011",
        "Share of women with fibromyalgia who met the chronotropic incompetence criterion.",
    ),
    # -- Ewing battery bands: (normal at or above, abnormal at or below) ---------------------------------------
    Fact(
        "protocols.ewing.deep_breathing_bpm",
        (15.0, 10.0),
        "bpm",
        "ewing_1985",
        "Heart-rate difference of deep breathing (maximum − minimum): 15 bpm or more normal, 11-14 borderline, "
        "10 or less abnormal.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.ewing.valsalva_ratio",
        (1.21, 1.10),
        "",
        "ewing_1985",
        "Valsalva ratio: 1.21 or more normal, 1.11-1.20 borderline, 1.10 or less abnormal.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.ewing.ratio_30_15",
        (1.04, 1.00),
        "",
        "ewing_1985",
        "30:15 ratio on standing: 1.04 or more normal, 1.01-1.03 borderline, 1.00 or less abnormal.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.ewing.sbp_fall_mmhg",
        (10.0, 30.0),
        "mmHg",
        "ewing_1985",
        "Systolic pressure fall at 2 minutes standing: 10 mmHg or less normal, 11-29 borderline, 30 or more "
        "abnormal.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.ewing.handgrip_dbp_rise_mmhg",
        (16.0, 10.0),
        "mmHg",
        "ewing_1985",
        "Diastolic pressure rise during sustained handgrip: 16 mmHg or more normal, 11-15 borderline, 10 or "
        "less abnormal.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.ewing.beats_15",
        (5.0, 25.0),
        "beats",
        "ewing_1985",
        "The 30:15 ratio takes the shortest RR interval among beats 5-25 after standing ...",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.ewing.beats_30",
        (20.0, 40.0),
        "beats",
        "ewing_1985",
        "... and the longest RR interval among beats 20-40.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.deep_breathing.rate_per_min",
        6.0,
        "breaths/min",
        "ewing_1985",
        "Deep breathing is paced at six breaths a minute.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.ei_ratio.lower_limit_by_age",
        (
            20.0,
            1.17,
            25.0,
            1.15,
            30.0,
            1.13,
            35.0,
            1.12,
            40.0,
            1.10,
            45.0,
            1.08,
            50.0,
            1.07,
            55.0,
            1.06,
            60.0,
            1.04,
            65.0,
            1.03,
            70.0,
            1.02,
        ),
        "age, ratio",
        "wjd_2015_ei_table",
        "Lower limit of normal of the E/I ratio by age band (band start, limit): 20-24 years 1.17 … 70-75 years "
        "1.02.",
        note="a secondary table; its primary source was not checked",
    ),
    Fact(
        "protocols.valsalva.after_release_s",
        30.0,
        "s",
        "ewing_1985",
        "The longest RR interval of the Valsalva ratio is taken within about 30 s after release.",
        note=_EWING_NOTE,
    ),
    # -- Orthostatic criteria -----------------------------------------------------------------------------------
    Fact(
        "protocols.orthostatic_hypotension_mmhg",
        (20.0, 10.0),
        "mmHg",
        "freeman_2011",
        "Orthostatic hypotension: a sustained fall of systolic pressure of at least 20 mmHg or diastolic of at "
        "least 10 mmHg within 3 minutes of standing.",
    ),
    Fact(
        "protocols.orthostatic_hypotension_within_s",
        180.0,
        "s",
        "freeman_2011",
        "The orthostatic-hypotension fall counts within 3 minutes of standing.",
    ),
    Fact(
        "protocols.pots.hr_rise_bpm",
        (30.0, 40.0),
        "bpm",
        "sheldon_2015",
        "Postural tachycardia heart-rate criterion: a sustained rise of at least 30 bpm within 10 minutes of "
        "standing (at least 40 bpm at ages 12-19); the criterion alone is not the syndrome.",
    ),
    Fact(
        "protocols.pots.adolescent_age",
        (12.0, 19.0),
        "years",
        "sheldon_2015",
        "Ages for which the 40-bpm criterion applies.",
    ),
    Fact(
        "protocols.valsalva.strain_s",
        15.0,
        "s",
        "ewing_1985",
        "The Valsalva strain: blowing against 40 mmHg for 15 s.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.valsalva.strain_mmhg",
        40.0,
        "mmHg",
        "ewing_1985",
        "The Valsalva strain is held at 40 mmHg.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.pots.within_s",
        600.0,
        "s",
        "freeman_2011",
        "The postural tachycardia rise counts within 10 minutes of standing.",
    ),
    # -- Muscle oxygen (context) -------------------------------------------------------------------------------
    Fact(
        "fm.nirs.smo2_rest_pct",
        (56.03, 21.36),
        "%",
        "villafaina_2023",
        "Quadriceps SmO2 at rest in women with fibromyalgia (mean, SD).",
    ),
    Fact(
        "control.nirs.smo2_rest_pct",
        (77.41, 10.82),
        "%",
        "villafaina_2023",
        "Quadriceps SmO2 at rest in healthy women (mean, SD).",
    ),
    # -- Conventions of fibrokit -------------------------------------------------------------------------------
    Fact(
        "protocols.hr_window_s",
        5.0,
        "s",
        "fibrokit",
        "Heart rate 'at a moment' is the mean beat rate over 5 s centred on it: long enough to smooth breathing, "
        "short enough to follow recovery.",
        convention=True,
    ),
    Fact(
        "protocols.rest_window_s",
        60.0,
        "s",
        "fibrokit",
        "Resting heart rate before a test is the mean over its last minute.",
        convention=True,
    ),
    Fact(
        "protocols.min_exercise_rise_bpm",
        30.0,
        "bpm",
        "fibrokit",
        "A recording counts as holding exercise only if heart rate rises at least 30 bpm above rest; less is "
        "refused as an exercise test rather than scored.",
        convention=True,
    ),
    Fact(
        "protocols.longest_resting_reading_s",
        1200.0,
        "s",
        "fibrokit",
        "A recording without test markers is recognised as a short test (an active stand, a Valsalva manoeuvre) "
        "only if it lasts at most 20 minutes; anything longer is everyday activity (a walk, a day).",
        convention=True,
    ),
    Fact(
        "protocols.longest_exercise_test_s",
        7200.0,
        "s",
        "fibrokit",
        "A recording without test markers that lasts over 2 hours is everyday activity (a day, a long outing), "
        "not an exercise test, however high heart rate went in it.",
        convention=True,
    ),
    Fact(
        "protocols.min_stand_s",
        180.0,
        "s",
        "fibrokit",
        "An active stand needs at least 3 minutes standing (the orthostatic-hypotension window) to be scored.",
        convention=True,
    ),
    Fact(
        "protocols.ewing.definite_count",
        2.0,
        "tests",
        "ewing_1985",
        "Ewing's scoring counts tests in twos: two or more abnormal heart-rate tests make the pattern definite, "
        "two borderline ones early.",
        note=_EWING_NOTE + "; the scoring itself is tagged 'to check' in fibrokit's reference",
    ),
    Fact(
        "protocols.deep_breathing.cycles",
        3.0,
        "cycles",
        "ewing_1985",
        "Deep-breathing heart-rate difference is the mean over three breathing cycles.",
        note=_EWING_NOTE,
    ),
    Fact(
        "protocols.ewing.sbp_reading_window_s",
        (90.0, 150.0),
        "s",
        "fibrokit",
        "The Ewing systolic fall 'at 2 minutes' takes a blood-pressure reading made 90-150 s after standing "
        "(a cuff reading takes about half a minute).",
        convention=True,
    ),
    Fact(
        "protocols.min_beats",
        10.0,
        "beats",
        "fibrokit",
        "A test needs at least 10 beat-to-beat intervals before anything is computed; a recording without them "
        "needs at least 10 heart-rate samples to be read for heart rate instead.",
        convention=True,
    ),
    Fact(
        "protocols.plausible_age_years",
        (5.0, 110.0),
        "years",
        "fibrokit",
        "Ages outside 5-110 years are refused as a mistake in the input, not scored.",
        convention=True,
    ),
    Fact(
        "protocols.min_rest_before_exercise_s",
        20.0,
        "s",
        "fibrokit",
        "At least 20 s of rest before exercise are needed for a resting heart rate.",
        convention=True,
    ),
    Fact(
        "protocols.detect.stop_windows_s",
        (20.0, 40.0),
        "s",
        "fibrokit",
        "The end of exercise is searched where heart rate falls most from the 20 s before a moment to 20-40 s "
        "after it.",
        convention=True,
    ),
    Fact(
        "protocols.detect.knee_s",
        30.0,
        "s",
        "fibrokit",
        "The end of exercise is then placed by a two-line fit (rise, then fall), trying breaks within 30 s "
        "either side of that moment over twice that span around it.",
        convention=True,
    ),
    Fact(
        "protocols.detect.onset",
        (0.5, 30.0, 0.05),
        "share, s, share",
        "fibrokit",
        "Exercise counts as under way once heart rate stays above half its rise for 30 s, and began where it last "
        "sat within 5 % of the rise above rest.",
        convention=True,
    ),
    Fact(
        "protocols.detect.stand_rise_s",
        15.0,
        "s",
        "fibrokit",
        "Without a marker, standing up is placed at the steepest 15-s rise of heart rate.",
        convention=True,
    ),
    Fact(
        "protocols.valsalva.min_beats_after_release",
        5.0,
        "beats",
        "fibrokit",
        "The Valsalva ratio needs at least 5 clean beats in the window after release.",
        convention=True,
    ),
    Fact(
        "protocols.nirs.smoothing_s",
        5.0,
        "s",
        "fibrokit",
        "SmO2 is read as 5-s means: sensors sample at 0.5-2 Hz and step by whole percent.",
        convention=True,
    ),
    Fact(
        "protocols.nirs.end_window_s",
        10.0,
        "s",
        "fibrokit",
        "SmO2 at the end of exercise is the mean of its last 10 s.",
        convention=True,
    ),
    Fact(
        "protocols.guided.lying_s",
        300.0,
        "s",
        "fibrokit",
        "A guided active stand starts with 5 minutes lying still, so heart rate has settled before the last "
        "minute that gives the lying heart rate.",
        convention=True,
    ),
    Fact(
        "protocols.guided.breathing_cycles",
        6.0,
        "cycles",
        "fibrokit",
        "A guided deep-breathing test paces six cycles (one minute at six breaths a minute), so at least the "
        "three cycles the norm averages are complete even if some beats are lost.",
        convention=True,
    ),
    Fact(
        "protocols.guided.exercise_rest_s",
        180.0,
        "s",
        "fibrokit",
        "A guided exercise test starts with 3 minutes still in the posture you will exercise in, so heart rate "
        "has settled before the last minute that gives the resting heart rate.",
        convention=True,
    ),
    Fact(
        "protocols.guided.recovery_s",
        300.0,
        "s",
        "fibrokit",
        "A guided exercise test records 5 minutes of recovery after you stop: enough for the recovery marks up "
        "to 5 minutes, short enough to stay still through; the 10-minute mark needs a longer recording.",
        convention=True,
    ),
    Fact(
        "protocols.reading_quality_min_normal",
        0.95,
        "",
        "fibrokit",
        "A reading with fewer than 95 % normal beats is flagged and a repeat suggested (a common HRV practice).",
        convention=True,
    ),
)
