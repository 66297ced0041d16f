"""Facts behind the symptom diary and the fibromyalgia instruments: FIQR, ACR criteria, PSD, PGIC, correlations."""

from __future__ import annotations

from fibrokit.evidence._types import Fact, Source

_SALAFFI_NOTE = "read in the published abstract; the paper's tables were not available to check"
_REF_NOTE = (
    "as given in the project's reference notes (shared/reference/evidence-and-anchors.md §2.8), which cite "
    "copies of the criteria tables; the primary paper's full text was not available to check"
)

SOURCES: tuple[Source, ...] = (
    Source(
        "bennett_2009",
        "Bennett RM, Friend R, Jones KD, Ward R, Han BK, Ross RL. The Revised Fibromyalgia Impact Questionnaire "
        "(FIQR): validation and psychometric properties. Arthritis Res Ther 2009;11(4):R120.",
        doi="10.1186/ar2783",
        pmid="19664287",
    ),
    Source(
        "fiqr_scoring_page",
        "Bennett RM. Scoring the FIQR and SIQR (web page of the FIQR's authors, fiqr.info; read as stored in "
        "2025, undated).",
        url="http://www.fiqr.info/Scoring.htm",
    ),
    Source(
        "salaffi_2020",
        "Salaffi F, Di Carlo M, Bazzichi L, et al. Definition of fibromyalgia severity: findings from a "
        "cross-sectional survey of 2339 Italian patients. Rheumatology (Oxford) 2021;60(2):728-736 (online 2020).",
        doi="10.1093/rheumatology/keaa355",
    ),
    Source(
        "wolfe_2010",
        "Wolfe F, Clauw DJ, Fitzcharles MA, et al. The American College of Rheumatology preliminary diagnostic "
        "criteria for fibromyalgia and measurement of symptom severity. Arthritis Care Res 2010;62(5):600-610.",
        doi="10.1002/acr.20140",
        pmid="20461783",
    ),
    Source(
        "wolfe_2011",
        "Wolfe F, Clauw DJ, Fitzcharles MA, et al. Fibromyalgia criteria and severity scales for clinical and "
        "epidemiological studies: a modification of the ACR Preliminary Diagnostic Criteria for Fibromyalgia. "
        "J Rheumatol 2011;38(6):1113-1122.",
        doi="10.3899/jrheum.100594",
        pmid="21285161",
    ),
    Source(
        "wolfe_2016",
        "Wolfe F, Clauw DJ, Fitzcharles MA, et al. 2016 Revisions to the 2010/2011 fibromyalgia diagnostic "
        "criteria. Semin Arthritis Rheum 2016;46(3):319-329.",
        doi="10.1016/j.semarthrit.2016.08.012",
        pmid="27916278",
    ),
    Source(
        "wolfe_2015",
        "Wolfe F, Walitt BT, Rasker JJ, Katz RS, Häuser W. The use of polysymptomatic distress categories in the "
        "evaluation of fibromyalgia (FM) and FM severity. J Rheumatol 2015;42(8):1494-1501.",
        doi="10.3899/jrheum.141519",
        pmid="26077414",
    ),
    Source(
        "dworkin_2008",
        "Dworkin RH, Turk DC, Wyrwich KW, et al. Interpreting the clinical importance of treatment outcomes in "
        "chronic pain clinical trials: IMMPACT recommendations. J Pain 2008;9(2):105-121.",
        doi="10.1016/j.jpain.2007.09.005",
        pmid="18055266",
    ),
    Source(
        "farrar_2001",
        "Farrar JT, Young JP Jr, LaMoreaux L, Werth JL, Poole RM. Clinical importance of changes in chronic pain "
        "intensity measured on an 11-point numerical pain rating scale. Pain 2001;94(2):149-158.",
        doi="10.1016/S0304-3959(01)00349-9",
        pmid="11690728",
    ),
    Source(
        "bearable_correlations",
        "Bearable. How to find correlations (Factor Effect Reports; support page, read as stored in 2025).",
        url="https://bearable.app/support/howto/how-to-find-correlations/",
    ),
)

FACTS: tuple[Fact, ...] = (
    # -- Diary ----------------------------------------------------------------------------------------------
    Fact(
        "diary.rating_range",
        (0.0, 10.0),
        "points",
        "dworkin_2008",
        "Symptoms are rated on a 0-10 numerical rating scale, the scale IMMPACT recommends for pain intensity; "
        "fibrokit uses it for every diary symptom so that all items read the same way (0 = none, 10 = worst).",
        "Table 1, pain intensity",
    ),
    Fact(
        "diary.correlation.min_days_each",
        3.0,
        "days",
        "bearable_correlations",
        "A factor's association with an outcome is shown only with at least 3 days with and 3 days without it.",
        "Factor Effect Reports",
    ),
    Fact(
        "diary.correlation.max_lag_days",
        7.0,
        "days",
        "fibrokit",
        "Longest lag accepted between a factor and an outcome. Reasoning: a week covers delayed flares after "
        "over-exertion while keeping enough day pairs in a month of diary.",
        convention=True,
    ),
    # -- FIQR -----------------------------------------------------------------------------------------------
    Fact(
        "fiqr.items.function", 9.0, "items", "bennett_2009", "Items in the FIQR function domain.", "Methods"
    ),
    Fact(
        "fiqr.items.overall",
        2.0,
        "items",
        "bennett_2009",
        "Items in the FIQR overall-impact domain.",
        "Methods",
    ),
    Fact(
        "fiqr.items.symptoms", 10.0, "items", "bennett_2009", "Items in the FIQR symptom domain.", "Methods"
    ),
    Fact(
        "fiqr.item_range",
        (0.0, 10.0),
        "points",
        "bennett_2009",
        "Each FIQR item is answered on an 11-box 0-10 scale.",
        "Methods",
    ),
    Fact(
        "fiqr.divisor.function",
        3.0,
        "",
        "fiqr_scoring_page",
        "The function domain sum (0-90) is divided by 3 (0-30).",
        "Step 2a",
    ),
    Fact(
        "fiqr.divisor.overall",
        1.0,
        "",
        "fiqr_scoring_page",
        "The overall-impact domain sum (0-20) is divided by 1 (unchanged).",
        "Step 2b",
    ),
    Fact(
        "fiqr.divisor.symptoms",
        2.0,
        "",
        "fiqr_scoring_page",
        "The symptom domain sum (0-100) is divided by 2 (0-50).",
        "Step 2c",
    ),
    Fact(
        "fiqr.max_missing.function",
        1.0,
        "items",
        "fiqr_scoring_page",
        "Under the authors' current rule the questionnaire is invalid when 2 or more function items, or any "
        "overall or symptom item, are missing; one missing function item is pro-rated by 9/8.",
        "Missing answers",
    ),
    Fact(
        "fiqr.band.salaffi_2020",
        (24.0, 41.0, 64.0, 83.0),
        "points",
        "salaffi_2020",
        "Lower edges of the FIQR severity states mild, moderate, severe and very severe (remission 0-23, mild "
        "24-40, moderate 41-63, severe 64-82, very severe 83 and above).",
        "Abstract, results",
        note=_SALAFFI_NOTE + "; the abstract writes '>83' for very severe, read here as 83 and above so that "
        "no total is left without a band",
    ),
    # -- ACR criteria ---------------------------------------------------------------------------------------
    Fact(
        "acr.wpi_range", (0.0, 19.0), "areas", "wolfe_2010", "Widespread Pain Index: 19 body areas.", "Fig. 1"
    ),
    Fact(
        "acr.sss_item_range",
        (0.0, 3.0),
        "points",
        "wolfe_2010",
        "Fatigue, waking unrefreshed and cognitive symptoms are each rated 0-3 over the past week.",
        "Fig. 1",
        note=_REF_NOTE,
    ),
    Fact(
        "acr.sss_range",
        (0.0, 12.0),
        "points",
        "wolfe_2010",
        "Symptom Severity Scale: three symptoms (0-3 each) plus somatic symptoms (0-3).",
        "Fig. 1",
        note=_REF_NOTE,
    ),
    Fact(
        "acr.rule_high",
        (7.0, 5.0),
        "",
        "wolfe_2010",
        "First arm of the criteria: WPI at least 7 and SSS at least 5 (the same in 2010, 2011 and 2016).",
        "Criteria, condition 1",
        note=_REF_NOTE,
    ),
    Fact(
        "acr.2010.rule_mid",
        (3.0, 6.0, 9.0),
        "",
        "wolfe_2010",
        "Second arm of the 2010 (and 2011) criteria: WPI 3-6 and SSS at least 9.",
        "Criteria, condition 1",
        note=_REF_NOTE,
    ),
    Fact(
        "acr.2016.rule_mid",
        (4.0, 6.0, 9.0),
        "",
        "wolfe_2016",
        "Second arm of the 2016 criteria: WPI 4-6 and SSS at least 9 (not 3-6, which belongs to 2010/2011).",
        "Table 1",
        note=_REF_NOTE,
    ),
    Fact(
        "acr.2016.min_regions",
        4.0,
        "regions",
        "wolfe_2016",
        "Generalised pain: pain in at least 4 of the 5 regions; jaw, chest and abdomen do not count toward it.",
        "Table 1",
        note=_REF_NOTE,
    ),
    Fact(
        "acr.min_duration_months",
        3.0,
        "months",
        "wolfe_2010",
        "Symptoms have been present at a similar level for at least 3 months.",
        "Criteria, condition 2",
        note=_REF_NOTE,
    ),
    Fact(
        "acr.somatic_lookback_months",
        6.0,
        "months",
        "wolfe_2011",
        "In the 2011 modification (and in 2016) the somatic part of the SSS counts headaches, pain or cramps in "
        "the lower abdomen, and depression occurring in the previous 6 months, one point each.",
        "Symptom Severity Scale, part B",
        note=_REF_NOTE,
    ),
    Fact(
        "acr.2011.fs_cutoff",
        13.0,
        "points",
        "wolfe_2011",
        "A fibromyalgia symptom score (WPI + SSS, 0-31) of 13 or more best separated criteria-positive from "
        "criteria-negative people (93 % correctly classified); reported beside the criteria, not instead.",
        "Abstract",
        note=_REF_NOTE,
    ),
    # -- Polysymptomatic distress ---------------------------------------------------------------------------
    Fact(
        "psd.band.wolfe_2015",
        (4.0, 8.0, 12.0, 20.0),
        "points",
        "wolfe_2015",
        "Lower edges of the PSD categories mild, moderate, severe and very severe (none 0-3, mild 4-7, moderate "
        "8-11, severe 12-19, very severe 20-31).",
        "Abstract",
        note=_REF_NOTE,
    ),
    Fact(
        "psd.band.salaffi_2020",
        (6.0, 16.0, 21.0, 26.0),
        "points",
        "salaffi_2020",
        "Lower edges of the PSD severity states mild, moderate, severe and very severe (remission 0-5, mild "
        "6-15, moderate 16-20, severe 21-25, very severe above 25).",
        "Abstract, results",
        note=_SALAFFI_NOTE,
    ),
    # -- PGIC and IMMPACT -----------------------------------------------------------------------------------
    Fact(
        "pgic.range",
        (1.0, 7.0),
        "",
        "farrar_2001",
        "The seven-point Patient Global Impression of Change: 1 very much improved, 2 much improved, 3 minimally "
        "improved, 4 no change, 5 minimally worse, 6 much worse, 7 very much worse.",
        "Methods",
    ),
    Fact(
        "pgic.immpact",
        (3.0, 2.0, 1.0),
        "",
        "dworkin_2008",
        "PGIC answers read as minimally (3, minimally improved), moderately (2, much improved) and substantially "
        "(1, very much improved) important improvement.",
        "Table 1",
        note="the Bandolier copy of Table 1 names the middle level 'moderately improved', which is not a PGIC "
        "answer; the seven-point answers of Farrar 2001 are used",
    ),
    Fact(
        "immpact.pain_reduction_pct",
        (10.0, 30.0, 50.0),
        "%",
        "dworkin_2008",
        "Pain-intensity reductions of at least 10 % (10-20 %: minimally important), 30 % (moderately important) "
        "and 50 % (substantial) on a 0-10 scale.",
        "Table 1",
    ),
)
