"""Facts behind treatment trials: LDN schedules, trial design, evaluation method, evidence context and prices."""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

_GUIDE_NOTE = (
    "as quoted in fibrokit issue 5 from the patient guide; the guide itself was not available to check. The "
    "price table is editable data: replace these figures with current quotes"
)
_FINAL_STEPS_NOTE = (
    "the 6 mg target and the 4-week titration are confirmed by the trial registration; the registration text "
    "read was cut off before the individual steps, so the weekly 1.5 mg steps are fibrokit's reading and must "
    "be checked against the protocol before use"
)

SOURCES: tuple[Source, ...] = (
    Source(
        "younger_2013",
        "Younger J, Noor N, McCue R, Mackey S. Low-dose naltrexone for the treatment of fibromyalgia: findings of "
        "a small, randomized, double-blind, placebo-controlled, counterbalanced, crossover trial assessing daily "
        "pain levels. Arthritis Rheum 2013;65(2):529-538.",
        doi="10.1002/art.37734",
        pmid="23359310",
        found="31 women, 4.5 mg a day against placebo in a crossover: pain fell 28.8 % on LDN vs 18.0 % on "
        "placebo (p = 0.016); satisfaction with life and mood improved, fatigue and sleep did not; 32 % vs 11 % "
        "were responders (less pain plus less fatigue or sleep problems, p = 0.05).",
    ),
    Source(
        "younger_2009",
        "Younger J, Mackey S. Fibromyalgia symptoms are reduced by low-dose naltrexone: a pilot study. Pain Med "
        "2009;10(4):663-672.",
        doi="10.1111/j.1526-4637.2009.00613.x",
        pmid="19453963",
        found="A single-blind pilot in 10 women: symptoms fell by more than 30 % over placebo, and the baseline "
        "erythrocyte sedimentation rate explained over 80 % of the variation in response.",
    ),
    Source(
        "bruun_2024",
        "Bruun KD, Christensen R, Amris K, et al. Naltrexone 6 mg once daily versus placebo in women with "
        "fibromyalgia: a randomised, double-blind, placebo-controlled trial (FINAL). Lancet Rheumatol "
        "2024;6(1):e31-e39.",
        doi="10.1016/S2665-9913(23)00278-3",
        found="99 women, 6 mg or placebo for 12 weeks: pain fell 1.3 vs 0.9 points, a difference of −0.34 "
        "(95 % CI −0.95 to 0.27, p = 0.27): negative for pain, with a possible benefit for memory.",
    ),
    Source(
        "nct04270877",
        "Odense University Hospital. Fibromyalgia and Naltrexone: The FINAL Study. ClinicalTrials.gov "
        "NCT04270877 (record updated 28 December 2022).",
        url="https://clinicaltrials.gov/study/NCT04270877",
    ),
    Source(
        "lavendersky_ldn",
        "Lavender Sky Health. Rx summaries: naltrexone (low-dose naltrexone dosing and warnings; web page, read "
        "as stored in 2025, undated).",
        url="https://lavenderskyhealth.com/rx-summaries/naltrexone",
    ),
    Source(
        "droracle_ldn",
        "Dr. Oracle. What are the directions for initiating and adjusting low-dose naltrexone? (clinical summary "
        "web page, read as stored in 2025, undated).",
        url="https://www.droracle.ai/articles/298966/what-are-the-directions-for-initiating-and-adjusting-low",
    ),
    Source(
        "ldn_patient_guide_2023",
        "Patient guide to low-dose naltrexone with pharmacy prices (Care First Specialty Pharmacy, Avrio "
        "Pharmacy, local compounding pharmacies), published 2023 or later; figures as quoted in fibrokit "
        "issue 5. Title, author and web address not available to check: supply them when the guide is found.",
        url="docs/trials.md#costs-ldn_price_table-trial_cost",
    ),
    Source(
        "hall_1995",
        "Hall P, Horowitz JL, Jing BY. On blocking rules for the bootstrap with dependent data. Biometrika "
        "1995;82(3):561-574.",
        doi="10.1093/biomet/82.3.561",
    ),
)

FACTS: tuple[Fact, ...] = (
    # -- LDN schedules --------------------------------------------------------------------------------------
    Fact(
        "ldn.fixed_4_5.dose_mg",
        4.5,
        "mg",
        "younger_2013",
        "Fixed 4.5 mg naltrexone daily from the first day, as in Younger's trials.",
        "Methods",
    ),
    Fact(
        "ldn.weekly_1_5.steps_mg",
        (1.5, 3.0, 4.5),
        "mg",
        "lavendersky_ldn",
        "1.5 mg at bedtime, then 3 mg, then 4.5 mg thereafter.",
        "Common dosing",
    ),
    Fact(
        "ldn.weekly_1_5.step_days",
        7.0,
        "days",
        "lavendersky_ldn",
        "Each titration step lasts 7 days (the short end of the 7-14 days given).",
        "Common dosing",
    ),
    Fact(
        "ldn.slow_1_5.step_days",
        14.0,
        "days",
        "lavendersky_ldn",
        "Slower variant for drug-sensitive people: each step lasts 14 days (the long end of the 7-14 days given).",
        "Common dosing",
    ),
    Fact(
        "ldn.half_3mg.steps_mg",
        (1.5, 3.0, 4.5),
        "mg",
        "lavendersky_ldn",
        "Half of a scored 3 mg tablet (1.5 mg) for 1-2 weeks, then 3 mg; 4.5 mg (one and a half tablets) is "
        "optional. The doses are those of the common 1.5 → 3 → 4.5 mg schedule.",
        "Common dosing",
        note="the presentation as half and one-and-a-half scored 3 mg tablets is fibrokit's; the doses and "
        "7-14 day steps are the source's",
    ),
    Fact(
        "ldn.half_3mg.step_days",
        (7.0, 14.0),
        "days",
        "lavendersky_ldn",
        "The first (half-tablet) step lasts 7 to 14 days; the plan picks one.",
        "Common dosing",
    ),
    Fact(
        "ldn.rise_0_5.start_mg",
        1.0,
        "mg",
        "droracle_ldn",
        "Start at 1 mg (summaries give 1-1.5 mg).",
        "Titration",
        note="a secondary clinical summary, as recorded in the project's reference notes (§2.9)",
    ),
    Fact(
        "ldn.rise_0_5.step_mg",
        0.5,
        "mg",
        "droracle_ldn",
        "Rise by 0.5 mg (summaries give 0.5-1 mg) every week to 4.5 mg.",
        "Titration",
        note="a secondary clinical summary, as recorded in the project's reference notes (§2.9)",
    ),
    Fact(
        "ldn.rise_0_5.target_mg",
        4.5,
        "mg",
        "droracle_ldn",
        "Target dose of the 0.5 mg-a-week schedule (summaries give 3-4.5 mg).",
        "Titration",
        note="a secondary clinical summary, as recorded in the project's reference notes (§2.9)",
    ),
    Fact(
        "ldn.final_6mg.target_mg",
        6.0,
        "mg",
        "bruun_2024",
        "FINAL titrated to 6 mg once daily.",
        "Methods",
    ),
    Fact(
        "ldn.final_6mg.titration_weeks",
        4.0,
        "weeks",
        "nct04270877",
        "FINAL's 12 weeks of treatment included a 4-week titration phase.",
        "Arms and interventions",
    ),
    Fact(
        "ldn.final_6mg.steps_mg",
        (1.5, 3.0, 4.5, 6.0),
        "mg",
        "nct04270877",
        "Weekly steps to the 6 mg target over the 4-week titration.",
        "Arms and interventions",
        note=_FINAL_STEPS_NOTE,
    ),
    Fact(
        "ldn.supply_days",
        90.0,
        "days",
        "fibrokit",
        "Days of the target dose asked for after titration. Reasoning: covers the 12-week trial with room for "
        "the follow-up visit, and matches the 90-count packs in the price table.",
        convention=True,
    ),
    # -- Trial design -----------------------------------------------------------------------------------------
    Fact(
        "trial.baseline_min_days",
        14.0,
        "days",
        "younger_2009",
        "At least two weeks of daily ratings before the first dose (the pilot's 2-week baseline).",
        "Design",
    ),
    Fact(
        "trial.baseline_max_days",
        28.0,
        "days",
        "fibrokit",
        "The baseline is the rated days in the 28 days before the first dose. Reasoning: long enough to hold the "
        "14 required days with some missed, short enough to describe the state just before starting.",
        convention=True,
    ),
    Fact(
        "trial.duration_weeks",
        12.0,
        "weeks",
        "bruun_2024",
        "A trial is judged after 12 weeks of treatment, the length of FINAL (and of Younger 2013's drug phase).",
        "Methods",
    ),
    Fact(
        "trial.timepoints_weeks",
        (4.0, 8.0, 12.0),
        "weeks",
        "fibrokit",
        "Weeks after the first dose at which change is reported. Reasoning: the end of a 4-week titration, "
        "midway, and the 12-week end point used by FINAL.",
        convention=True,
    ),
    Fact(
        "trial.window_days",
        14.0,
        "days",
        "fibrokit",
        "Each time point compares the mean of the 14 days ending there with the baseline mean. Reasoning: the "
        "same length as the minimum baseline, both weekdays and weekends twice, and half the noise of one week.",
        convention=True,
    ),
    Fact(
        "trial.window_min_rated",
        10.0,
        "days",
        "fibrokit",
        "Fewest rated days in a 14-day window (and in the last 14 baseline days) for a result. Reasoning: the "
        "standard error is then at most about 20 % larger than with complete ratings.",
        convention=True,
    ),
    Fact(
        "trial.interval_level",
        0.9,
        "",
        "fibrokit",
        "Level of the uncertainty interval. Reasoning: a 90 % interval puts 5 % in each tail, so 'the whole "
        "interval is beyond 30 %' is a one-sided 95 % statement.",
        convention=True,
    ),
    Fact(
        "trial.bootstrap_replicates",
        2000.0,
        "",
        "fibrokit",
        "Bootstrap replicates per evaluation. Reasoning: percentile limits of a 90 % interval are stable to "
        "about ±1 % of the width at 2000 replicates, and the computation takes well under a second.",
        convention=True,
    ),
    Fact(
        "trial.max_autocorrelation",
        0.95,
        "",
        "fibrokit",
        "Upper limit on the estimated day-to-day autocorrelation. Reasoning: keeps the re-coloured bootstrap "
        "series stationary when a short diary gives an extreme estimate.",
        convention=True,
    ),
    Fact(
        "trial.side_effect_persistent",
        (3.0, 7.0),
        "reports, days",
        "fibrokit",
        "A side effect counts as persistent when reported on at least 3 days spanning at least 7 days. "
        "Reasoning: vivid dreams and sleep problems in the first days are common and usually pass (Younger 2009: "
        "'rare, minor and transient'); a week of repeated reports is worth raising.",
        convention=True,
    ),
    # -- Evidence context ---------------------------------------------------------------------------------------
    Fact(
        "ldn.younger_2013.pain_change_pct",
        (-28.8, -18.0),
        "%",
        "younger_2013",
        "Mean reduction in daily pain: 28.8 % on 4.5 mg LDN and 18.0 % on placebo (p = 0.016), 31 women.",
        "Abstract",
    ),
    Fact(
        "ldn.younger_2013.responders_pct",
        (32.0, 11.0),
        "%",
        "younger_2013",
        "Responders (significant fall in pain plus fatigue or sleep problems): 32 % on LDN, 11 % on placebo.",
        "Abstract",
    ),
    Fact(
        "ldn.final.pain_change_points",
        (-1.3, -0.9, -0.34),
        "points",
        "bruun_2024",
        "Change in pain (0-10) after 12 weeks: -1.3 on 6 mg LDN, -0.9 on placebo; difference -0.34 (95 % CI "
        "-0.95 to 0.27, p = 0.27) in 99 women: no pain benefit shown.",
        "Results",
    ),
    Fact(
        "trial.opioid_free_weeks_final",
        4.0,
        "weeks",
        "nct04270877",
        "FINAL excluded anyone who had used opioids (or NSAIDs) in the 4 weeks before entry.",
        "Exclusion criteria",
    ),
    # -- Evaluation method ----------------------------------------------------------------------------------
    Fact(
        "trial.bootstrap.block_exponent",
        1.0 / 3.0,
        "",
        "hall_1995",
        "Block length of the circular block bootstrap grows as n^(1/3) (n = number of innovations); fibrokit "
        "uses round(n^(1/3)).",
        "Section 2",
        note="the rate is Hall et al.'s for variance estimation; the constant 1 is fibrokit's choice",
    ),
    # -- Prices ---------------------------------------------------------------------------------------------
    Fact(
        "price.care_first.tablets_0_5_to_4_5",
        (90.0, 46.95),
        "count, USD",
        "ldn_patient_guide_2023",
        "Care First Specialty Pharmacy: 90 scored tablets of any strength from 0.5 to 4.5 mg for $46.95.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.care_first.strength_range_mg",
        (0.5, 4.5),
        "mg",
        "ldn_patient_guide_2023",
        "Strengths covered by Care First's $46.95 price.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.care_first.tablets_5",
        (90.0, 48.95),
        "count, USD",
        "ldn_patient_guide_2023",
        "Care First: 90 scored 5 mg tablets for $48.95.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.care_first.tablets_6",
        (90.0, 59.95),
        "count, USD",
        "ldn_patient_guide_2023",
        "Care First: 90 scored 6 mg tablets for $59.95.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.care_first.tablets_3_x135",
        (135.0, 67.5),
        "count, USD",
        "ldn_patient_guide_2023",
        "Care First: 135 scored 3 mg tablets for $67.50.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.care_first.shipping",
        3.95,
        "USD",
        "ldn_patient_guide_2023",
        "Care First shipping per order.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.avrio.quad_2_or_4_5",
        (90.0, 60.0),
        "count, USD",
        "ldn_patient_guide_2023",
        "Avrio Pharmacy: 90 double-scored ('quad') tablets of 2 mg or 4.5 mg for $60.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.avrio.quad_6",
        (90.0, 75.0),
        "count, USD",
        "ldn_patient_guide_2023",
        "Avrio Pharmacy: 90 double-scored 6 mg tablets for $75.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.avrio.shipping",
        8.0,
        "USD",
        "ldn_patient_guide_2023",
        "Avrio shipping per order (it does not ship to AL, AR, IA, LA, MD, MS, NJ, ND, OK, TN, VT or WV).",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.local.capsule",
        1.0,
        "USD",
        "ldn_patient_guide_2023",
        "A local compounding pharmacy: about $1 a capsule, compounded to the prescribed strength.",
        note=_GUIDE_NOTE,
    ),
    Fact(
        "price.published_year",
        2023.0,
        "year",
        "ldn_patient_guide_2023",
        "Year the seeded prices were published (2023 or later; the earliest year is used so ages are not "
        "understated).",
        note=_GUIDE_NOTE,
    ),
)
