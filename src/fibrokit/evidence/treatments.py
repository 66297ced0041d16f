"""Facts behind treatment trials: LDN schedules, trial design, evaluation method, evidence context and prices."""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

_ARTICLE = "afsa_ldn_article"
_FINAL_STEPS_NOTE = (
    "the 6 mg target and the 4-week titration are confirmed by the trial registration; the registration text "
    "read was cut off before the individual steps, so the weekly 1.5 mg steps are fibrokit's reading and must "
    "be checked against the protocol before use"
)
_PRICE_NOTE = "prices as the article printed them; the article is undated, so their age is counted from 2023"

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
        _ARTICLE,
        "American Fibromyalgia Syndrome Association (AFSA). Giving LDN Your Best Shot. Treatment & Research News "
        "(patient-education article reporting the practice of Drs Sean Mackey, Nicholas Aitcheson, Anne Marie "
        "McKenzie-Brown and Michael Fishman, with prescriptions and pharmacy prices); undated, published 2023 or "
        "later (it cites papers of 2023). Its web address was not recorded with the copy fibrokit was given.",
        url="docs/trials.md#the-source-article",
    ),
    Source(
        "hall_1995",
        "Hall P, Horowitz JL, Jing BY. On blocking rules for the bootstrap with dependent data. Biometrika "
        "1995;82(3):561-574.",
        doi="10.1093/biomet/82.3.561",
    ),
)

FACTS: tuple[Fact, ...] = (
    # -- LDN schedules: the article's physicians ----------------------------------------------------------------
    Fact(
        "ldn.mackey.dose_mg",
        4.5,
        "mg",
        _ARTICLE,
        "Dr Mackey's practice as the article reports it: 4.5 mg at night from the first dose, no titration.",
        "Dosing LDN for Fibromyalgia",
    ),
    Fact(
        "ldn.aitcheson.steps_mg",
        (1.5, 3.0, 4.5),
        "mg",
        _ARTICLE,
        "Dr Aitcheson's titration as the article reports it: 1.5 mg a day, then 3 mg, then a stable 4.5 mg, on "
        "1.5 mg compounded capsules while titrating.",
        "Dosing LDN for Fibromyalgia",
    ),
    Fact(
        "ldn.aitcheson.step_days",
        7.0,
        "days",
        _ARTICLE,
        "Each of Dr Aitcheson's titration steps lasts one week (4.5 mg from the third week).",
        "Dosing LDN for Fibromyalgia",
    ),
    Fact(
        "ldn.drug_sensitive.step_days",
        14.0,
        "days",
        _ARTICLE,
        "For drug-sensitive people the article's first prescription runs two weeks a step instead of one "
        "(quantity 42 instead of 21).",
        "Getting LDN for Fibro: Local Pharmacies",
    ),
    Fact(
        "ldn.mckenzie_brown.steps_mg",
        (1.5, 3.0, 4.5),
        "mg",
        _ARTICLE,
        "Dr McKenzie-Brown's practice as the article reports it: half a scored 3 mg tablet (1.5 mg), then 3 mg; "
        "stay at 3 mg when it helps, otherwise go up to 4.5 mg.",
        "Dosing LDN for Fibromyalgia",
    ),
    Fact(
        "ldn.mckenzie_brown.half_days",
        (7.0, 14.0),
        "days",
        _ARTICLE,
        "The half-tablet step lasts one to two weeks (a plan picks one).",
        "Dosing LDN for Fibromyalgia",
    ),
    Fact(
        "ldn.mckenzie_brown.step_3mg_days",
        7.0,
        "days",
        "fibrokit",
        "Days at 3 mg before the optional step to 4.5 mg. Reasoning: the article gives no length for this step; "
        "it calls the schedule similar to Dr Aitcheson's, whose steps last a week. The clinician decides.",
        convention=True,
    ),
    Fact(
        "ldn.fishman.start_mg",
        1.0,
        "mg",
        _ARTICLE,
        "Dr Fishman's standard schedule as the article reports it starts at 1 mg a day.",
        "LDN and Opioids",
    ),
    Fact(
        "ldn.fishman.step_mg",
        0.5,
        "mg",
        _ARTICLE,
        "Dr Fishman raises the dose by 0.5 mg each week.",
        "LDN and Opioids",
    ),
    Fact(
        "ldn.fishman.step_days",
        7.0,
        "days",
        _ARTICLE,
        "Dr Fishman's 0.5 mg rises come once a week.",
        "LDN and Opioids",
    ),
    Fact(
        "ldn.fishman.target_mg",
        4.5,
        "mg",
        _ARTICLE,
        "Dr Fishman's schedule rises until 4.5 mg a day is reached.",
        "LDN and Opioids",
    ),
    Fact(
        "ldn.opioid.very_low_max_mg",
        0.5,
        "mg",
        _ARTICLE,
        "For someone on an around-the-clock opioid, Dr Fishman may start very-low-dose naltrexone at 0.5 mg or "
        "less: one physician's practice reported by the article, not a trial result.",
        "LDN and Opioids",
        note="see ../shared/reference/evidence-and-anchors.md §0 row 6: trials excluded opioid users",
    ),
    Fact(
        "ldn.opioid.half_tablet_mg",
        0.25,
        "mg",
        _ARTICLE,
        "A scored 0.5 mg tablet halves to 0.25 mg, the strength the article suggests people on around-the-clock "
        "opioids discuss with their doctor.",
        "Care First Specialty Pharmacy",
    ),
    # -- LDN schedules: the published trials ---------------------------------------------------------------
    Fact(
        "ldn.younger_2013.dose_mg",
        4.5,
        "mg",
        "younger_2013",
        "Fixed 4.5 mg naltrexone daily from the first day of the drug phase (the article names this the dose of "
        "the fibromyalgia trial).",
        "Methods",
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
    # -- Prescriptions ---------------------------------------------------------------------------------------
    Fact(
        "ldn.supply_days",
        90.0,
        "days",
        _ARTICLE,
        "The target-dose prescription is for 90 days: quantity 90, one a day at bedtime (the article's second "
        "prescription, and the pharmacies' 90-count packs).",
        "Getting LDN for Fibro: Local Pharmacies",
    ),
    Fact(
        "ldn.script_quantities",
        (21.0, 42.0, 90.0, 135.0),
        "count",
        _ARTICLE,
        "Quantities the article prints: 21 capsules of 1.5 mg for the weekly titration, 42 for the two-week "
        "variant, 90 for the 4.5 mg target, and 135 scored 3 mg tablets for 90 days of 4.5 mg.",
        "Getting LDN for Fibro",
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
        _ARTICLE,
        "Judge a trial after three months at the target dose, whatever the titration before it (Drs Aitcheson "
        "and McKenzie-Brown, as the article reports); fibrokit counts 12 weeks, the treatment length of FINAL "
        "and of Younger 2013's drug phase.",
        "Be Patient",
    ),
    Fact(
        "trial.other_duration_weeks",
        12.0,
        "weeks",
        "fibrokit",
        "A trial of another treatment is judged after 12 weeks at its target dose. Reasoning: fibrokit holds no "
        "trial length for treatments other than LDN; the same window as LDN's keeps results comparable and is "
        "long enough to average out the ups and downs of a diary. The clinician may judge otherwise.",
        convention=True,
    ),
    Fact(
        "trial.timepoints_weeks",
        4.0,
        "weeks",
        "fibrokit",
        "Interim views every 4 weeks after the first dose, before the final time point (12 weeks at the target "
        "dose). Reasoning: the article's month before anything is noticed, and the 4-week steps of FINAL's "
        "titration; interim views are labelled as such and never give a verdict.",
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
    Fact(
        "ldn.article.improved_in_10",
        3.0,
        "people in 10",
        _ARTICLE,
        "About three in ten people in the small trial (Younger 2013, about 30 women) improved their pain by at "
        "least 30 %, as Dr Mackey is reported to say.",
        "Success Rate",
        note="the paper defines a responder differently (a significant fall in pain plus fatigue or sleep "
        "problems): 32 % on LDN and 11 % on placebo; see ldn.younger_2013.responders_pct",
    ),
    Fact(
        "ldn.onset_weeks",
        4.0,
        "weeks",
        _ARTICLE,
        "People in the fibromyalgia trial took about a month to notice any improvement.",
        "Be Patient",
    ),
    Fact(
        "ldn.late_responders_pct",
        12.0,
        "%",
        "mckenzie_brown_2023",
        "At Dr McKenzie-Brown's clinic 12 % of patients got no pain relief until after three months.",
        "as reported by the article",
        note="reported by the AFSA article ('Be Patient'); not checked against the paper itself",
    ),
    Fact(
        "ldn.side_effects.drop_to_mg",
        3.0,
        "mg",
        _ARTICLE,
        "Headache, nausea or anxiety that persist usually go away at 3 mg (reported with Dr Fishman's advice).",
        "Dosing LDN for Fibromyalgia",
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
        _ARTICLE,
        "Care First Specialty Pharmacy: 90 scored tablets of any strength from 0.5 to 4.5 mg for $46.95.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.care_first.strength_range_mg",
        (0.5, 4.5),
        "mg",
        _ARTICLE,
        "Strengths covered by Care First's $46.95 price.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.care_first.tablets_5",
        (90.0, 48.95),
        "count, USD",
        _ARTICLE,
        "Care First: 90 scored 5 mg tablets for $48.95.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.care_first.tablets_6",
        (90.0, 59.95),
        "count, USD",
        _ARTICLE,
        "Care First: 90 scored 6 mg tablets for $59.95.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.care_first.tablets_3_x135",
        (135.0, 67.5),
        "count, USD",
        _ARTICLE,
        "Care First: 135 scored 3 mg tablets for $67.50.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.care_first.shipping",
        3.95,
        "USD",
        _ARTICLE,
        "Care First standard shipping per order; it is approved to ship to all 50 states and the US Virgin "
        "Islands.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.avrio.quad_2_or_4_5",
        (90.0, 60.0),
        "count, USD",
        _ARTICLE,
        "Avrio Pharmacy: 90 double-scored ('quad') tablets of 2 mg or 4.5 mg for $60.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.avrio.quad_6",
        (90.0, 75.0),
        "count, USD",
        _ARTICLE,
        "Avrio Pharmacy: 90 double-scored 6 mg tablets for $75.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.avrio.shipping",
        8.0,
        "USD",
        _ARTICLE,
        "Avrio shipping per order (it does not ship to AL, AR, IA, LA, MD, MS, NJ, ND, OK, TN, VT or WV).",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.local.capsule",
        1.0,
        "USD",
        _ARTICLE,
        "A local compounding pharmacy: about $1 a capsule, compounded to the prescribed strength.",
        note=_PRICE_NOTE,
    ),
    Fact(
        "price.published_year",
        2023.0,
        "year",
        _ARTICLE,
        "Earliest year the article's prices can date from: it is undated and cites papers of 2023, so ages are "
        "counted from 2023 and never understated.",
        note=_PRICE_NOTE,
    ),
)
