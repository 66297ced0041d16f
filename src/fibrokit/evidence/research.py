"""What the three source articles say, beside what the papers they cite found.

The articles (a patient-facing review of exercise difficulties in fibromyalgia, a guide to trying low-dose
naltrexone, and a report on the autoimmune hypothesis) are in ``../shared/source/``; what the cited papers found
is taken from the primary texts or abstracts listed in ``../shared/reference/evidence-and-anchors.md`` (§0 and
§3). Every reference the articles list is a :class:`Source` here or in the domain module that uses it; where only
the article's reference list was available, the citation says so and the link is a PubMed search for it rather
than an identifier fibrokit could not check.

Tags follow the reference's §0: ``C`` confirmed in the cited source, ``U`` not supported by the sources read,
``C/U`` partly, and ``A`` for advice or a clinician's practice that the article reports, which is not a study
result.
"""

from __future__ import annotations

from fibrokit.evidence._types import Fact, ResearchFinding, Source

EXERCISE = "Exercise difficulties in fibromyalgia (article 1)"
LDN = "Giving LDN your best shot (article 2)"
AUTOIMMUNE = "Is fibro an autoimmune disease? (article 3)"

_ONLY_LISTED = "only the article's reference list was available to fibrokit; identifiers not checked"


def _search(terms: str) -> str:
    return "https://pubmed.ncbi.nlm.nih.gov/?term=" + terms.replace(" ", "+")


SOURCES: tuple[Source, ...] = (
    Source(
        "lerma_2011",
        "Lerma C, et al. Arthritis Res Ther 2011;13(6):R185 (nocturnal heart-rate variability from 24-hour "
        "Holter recordings, 22 women with fibromyalgia, 22 age-matched controls). The exercise article lists "
        "it as 'Arthritis Ther Res'.",
        url="http://www.arthritis-research.com/content/13/6/R185/abstract",
        found="A night-time (00:00-06:00) Holter study with no exercise. Nocturnal SDNN below 114 ms separated "
        "patients from controls best (odds ratio 13.6, 95 % CI 3.9-47.8); in patients lower nocturnal HRV went "
        "with more pain (SDSD r = −0.65), constipation (SDNN r = −0.53) and depression (mean NN r = −0.53).",
    ),
    Source(
        "cook_2012",
        "Cook DB, et al. Med Sci Sports Exerc 2012;44(6):1186-1193 (responses to 20 minutes of submaximal "
        "cycling in chronic fatigue syndrome with and without fibromyalgia).",
        url="https://journals.lww.com/acsm-msse/Fulltext/2012/06000/"
        "Responses_to_Exercise_Differ_for_Chronic_Fatigue.27.aspx",
        found="21 people with chronic fatigue syndrome (13 also with fibromyalgia) and 14 controls. The group "
        "with both had a higher stroke index, VE/VO2, VE/VCO2 and perceived exertion and a lower systolic "
        "pressure, but heart-rate responses similar to controls: it does not show a blunted heart-rate rise.",
    ),
    Source(
        "sochodolak_2022",
        "Sochodolak RC, et al. J Exerc Rehabil 2022;18(2):133-140 (PMC9081406).",
        url="https://pmc.ncbi.nlm.nih.gov/articles/PMC9081406",
        found="35 women with fibromyalgia (15 moderate, 20 severe by FIQ) and 17 healthy women: strength and "
        "6-minute walk were lower in both fibromyalgia groups and worse in the severe one, while parasympathetic "
        "HRV indices (10 minutes supine) were reduced about equally in moderate and severe fibromyalgia.",
    ),
    Source(
        "costa_2022",
        "Costa AR, …, Parraca JA, Villafaina S. Diagnostics (Basel) 2022;12:2220 (PMC9497903).",
        url="https://pmc.ncbi.nlm.nih.gov/articles/PMC9497903",
        found="21 women with fibromyalgia and 16 controls, before and after a knee-extension fatigue protocol: "
        "HRV differed between groups (stress index, LF, HF) and salivary amylase was higher in fibromyalgia; "
        "the fibromyalgia group's HRV did not change significantly with the exercise. A 50 % fall of saliva "
        "flow was not found in the parts of the paper fibrokit could read.",
    ),
    Source(
        "tiidus_2002",
        "Tiinus PM [as printed in the article], et al. J Sports Sci Med 2002;1(4):122-127. Listed as the "
        "exercise article's reference 8 without a marker in its text; " + _ONLY_LISTED + ".",
        url=_search("J Sports Sci Med 2002 1 122"),
        found="Not available to fibrokit: what the paper found could not be checked.",
    ),
    Source(
        "bruun_plesner_2020",
        "Bruun-Plesner K, et al. Pain Med 2020;21(10):2253-2261; " + _ONLY_LISTED + ".",
        url=_search("Bruun-Plesner Pain Med 2020 naltrexone"),
        found="Cited by the LDN article for the usual dose (4.5 mg a day) and range (1.5-9 mg); the paper itself "
        "was not available to check.",
    ),
    Source(
        "mckenzie_brown_2023",
        "McKenzie-Brown AM, et al. J Pain Res 2023;16:1993-1998; " + _ONLY_LISTED + ".",
        url=_search("McKenzie-Brown J Pain Res 2023 naltrexone"),
        found="As the LDN article reports it: a study of LDN use in the author's pain clinic, where about 12 % "
        "of patients had pain relief only after three months; the paper itself was not available to check.",
    ),
    Source(
        "kim_fishman_2020",
        "Kim PS, Fishman MA. Curr Pain Headache Rep 2020;24:64; " + _ONLY_LISTED + ".",
        url=_search("Kim Fishman Curr Pain Headache Rep 2020 naltrexone"),
        found="Cited by the LDN article for one pain specialist's practice (starting very low, at 0.5 mg or "
        "less, with around-the-clock opioids, and considering LDN early); a practice, not a trial result.",
    ),
    Source(
        "aitcheson_2023",
        "Aitcheson N, et al. Low-dose naltrexone in the treatment of fibromyalgia: a systematic review and "
        "narrative synthesis. Aust J Gen Pract 2023;52(4):189-195; " + _ONLY_LISTED + ".",
        url=_search("Aitcheson low-dose naltrexone fibromyalgia systematic review Aust J Gen Pract"),
        found="A systematic review the LDN article recommends to hesitant doctors; its conclusions were not "
        "available to check. The article's figure of 'about a third' of some 200 clinic patients doing well "
        "is the author's anecdote, not a trial result.",
    ),
    Source(
        "goebel_2021",
        "Goebel A, Krock E, Gentry C, et al. Passive transfer of fibromyalgia symptoms from patients to mice. "
        "J Clin Invest 2021;131(13):e144201.",
        pmid="34196305",
        found="IgG from people with fibromyalgia, injected into mice, caused hypersensitivity to noxious "
        "mechanical and cold stimuli, less movement, weaker grip and loss of skin nerve fibres; IgG-depleted "
        "fibromyalgia serum and IgG from healthy people had no effect. The IgG bound satellite glial cells and "
        "neurons in the dorsal root ganglia (not the spinal cord), and bound human ganglia too. A mouse study: "
        "it needs replication and is not a test or a treatment.",
    ),
)

FACTS: tuple[Fact, ...] = (
    Fact(
        "fm.rest.nocturnal_sdnn_ms",
        114.0,
        "ms",
        "lerma_2011",
        "Night-time SDNN (00:00-06:00, 24-hour Holter) below 114 ms best separated women with fibromyalgia "
        "from controls (odds ratio 13.6); a group finding of a night recording, never a cut-off for a short "
        "morning reading.",
    ),
    Fact(
        "fm.saliva.group_size",
        (21.0, 16.0),
        "people",
        "costa_2022",
        "Size of the saliva and HRV study: 21 women with fibromyalgia, 16 controls.",
    ),
    Fact(
        "fm.ldn.late_relief_share_pct",
        12.0,
        "%",
        "mckenzie_brown_2023",
        "Share of clinic patients on LDN whose pain relief came only after three months, as the LDN article "
        "reports the study.",
        note="as reported by the source article; the paper was not available",
    ),
    Fact(
        "ldn.late_response_week",
        12.0,
        "weeks",
        "mckenzie_brown_2023",
        "A late LDN response shows by about three months (12 weeks): some clinic patients found relief only "
        "then, and two of the article's clinicians ask for three months on 4.5 mg before judging.",
        note="as reported by the source article; the paper was not available",
    ),
    Fact(
        "ldn.late_response_compare_week",
        8.0,
        "weeks",
        "fibrokit",
        "A response counts as late when it was not yet moderate at week 8 but is at week 12: week 8 is the "
        "last planned check before three months.",
        convention=True,
    ),
)

RESEARCH: tuple[ResearchFinding, ...] = (
    ResearchFinding(
        "seesaw",
        "The autonomic seesaw",
        EXERCISE,
        "Heart rate is set by two opposing branches, sympathetic and parasympathetic, like two children on a "
        "seesaw; a flexible, balanced system is what lets the heart follow a changing day.",
        "This is the textbook model, not a study finding. The studies below measure parts of it: resting "
        "vagal HRV, the rise of heart rate with effort and its fall afterwards.",
        "A",
        ("task_force_1996",),
        "morning-reading:rmssd_ms",
        "fibrokit's simulator is built on this model; your morning readings show your vagal index.",
    ),
    ResearchFinding(
        "blunted_rise",
        "Heart rate rises too little with effort",
        EXERCISE,
        "Over half the people with fibromyalgia in Gualano's study could not raise their heart rate enough on "
        "a treadmill, and none of the controls.",
        "Chronotropic incompetence in 57.1 % of 14 women with fibromyalgia; chronotropic reserve 72.5 ± 5 % "
        "vs 106.1 ± 6 % in controls (mean ± SE, p < 0.001). The fibromyalgia group was less fit (VO2max 22 vs "
        "32 ml/kg/min). The controls' prevalence is not in the parts of the paper fibrokit could read.",
        "C/U",
        ("da_cunha_ribeiro_2011",),
        "exercise-test:chronotropic_reserve_pct",
        "A maximal exercise test with a chest strap gives your chronotropic reserve.",
    ),
    ResearchFinding(
        "slow_recovery",
        "Heart rate falls slowly after effort",
        EXERCISE,
        "Heart rate came down more slowly in fibromyalgia during the two minutes after exercise.",
        "At 2 minutes recovery was 34.3 ± 4 vs 50.8 ± 3 bpm (p = 0.002); at 1 minute 24.5 ± 3 vs 32.6 ± 2 bpm, "
        "a difference that was not significant (p = 0.059). The recovery posture is not stated in fibrokit's "
        "sources.",
        "C",
        ("da_cunha_ribeiro_2011",),
        "exercise-test:hrr_120s_bpm",
        "Your exercise tests show recovery at 1 and 2 minutes, compared only with cut-offs for your cool-down.",
    ),
    ResearchFinding(
        "fitness_independent",
        "Not explained by fitness",
        EXERCISE,
        "A second team matched patients and controls for fitness and still found a smaller heart-rate response "
        "and slower recovery in fibromyalgia.",
        "23 women with fibromyalgia vs 17 healthy women on a cycle test, and a fitness-matched 14 vs 14 "
        "(peak power about 129 vs 132 W): vagal HRV, chronotropic reserve and recovery at 30, 120, 180, 300 "
        "and 600 s were all lower in fibromyalgia, also in the matched subgroup.",
        "C",
        ("schamne_2021",),
        "exercise-test:hrr_30s_bpm",
        "Your exercise tests report recovery at the same marks, 30 s to 10 minutes.",
    ),
    ResearchFinding(
        "severity_independent",
        "Not explained by severity",
        EXERCISE,
        "Split by symptom severity, the severe group was less fit, but the autonomic system was equally "
        "impaired in moderate and severe fibromyalgia.",
        "Parasympathetic HRV (10 minutes supine) was similarly reduced in moderate and severe fibromyalgia "
        "against controls, while strength and walking distance were worse in the severe group.",
        "C",
        ("sochodolak_2022",),
        "morning-reading:rmssd_ms",
        "Your morning readings track your vagal HRV against your own baseline.",
    ),
    ResearchFinding(
        "sympathetic_rest",
        "Sympathetic dominance at rest",
        EXERCISE,
        "People with fibromyalgia have too much sympathetic activity even when relaxing.",
        "The cited study recorded HRV at night (24-hour Holter, 22 vs 22 women), with no exercise: nocturnal "
        "SDNN below 114 ms separated the groups (odds ratio 13.6), and lower night-time HRV went with more "
        "pain. It shows less variability at night, not a measured sympathetic excess during a daytime rest.",
        "C/U",
        ("lerma_2011",),
        "morning-reading:rmssd_ms",
        "A morning reading is a short daytime rest, not a night Holter: it is compared with your own baseline.",
    ),
    ResearchFinding(
        "gentle_exercise",
        "An altered response to gentle exercise",
        EXERCISE,
        "Cook's team found that in mild exercise the heart pumps harder in fibromyalgia and the rest of the "
        "circulation does not keep up.",
        "The study was of chronic fatigue syndrome (13 of 21 also had fibromyalgia) in 20 minutes of "
        "submaximal cycling: a higher stroke index, ventilation and effort ratings and a lower systolic "
        "pressure, but heart-rate responses similar to controls.",
        "C",
        ("cook_2012",),
        "",
        "fibrokit does not measure stroke volume or blood pressure during exercise.",
    ),
    ResearchFinding(
        "muscle_oxygen",
        "Muscles short of oxygen",
        EXERCISE,
        "Parraca's team found less oxygen in the thigh muscle of people with fibromyalgia, even at rest, and "
        "little change during exercise.",
        "Quadriceps SmO2 56.03 ± 21.36 vs 77.41 ± 10.82 % at rest (p = 0.036) and 48.54 ± 19.96 vs "
        "58.87 ± 19.72 % during a knee-extension fatigue protocol (p = 0.038), 18 women with fibromyalgia vs "
        "13 controls.",
        "C",
        ("villafaina_2023",),
        "muscle-oxygen:smo2_rest_pct",
        "A near-infrared muscle-oxygen sensor file gives your SmO2 at rest and during effort.",
    ),
    ResearchFinding(
        "saliva",
        "Saliva and dry mouth",
        EXERCISE,
        "Saliva secretion drops by half during exercise in fibromyalgia, a sign of weak parasympathetic "
        "control that may explain dry mouth after exertion.",
        "The paper reports higher salivary amylase in fibromyalgia and HRV that did not change with exercise; "
        "the 50 % fall of saliva flow was not found in the parts fibrokit could read.",
        "U",
        ("costa_2022",),
        "",
        "A wearable cannot measure saliva; you can note dry mouth after exertion in your diary.",
    ),
    ResearchFinding(
        "self_paced",
        "Self-paced exercise",
        EXERCISE,
        "Move regularly at your own, slower pace; a self-paced programme on land or in water improved speed "
        "slowly over two to three months, and rushing sets you back.",
        "The article puts no reference marker here; its unmarked reference 8 (J Sports Sci Med 2002) may be the "
        "study, and it was not available to fibrokit. The pacing advice is the article's.",
        "A",
        ("tiidus_2002",),
        "pacing:zones",
        "Pacing zones and alerts keep effort inside your own limits.",
    ),
    ResearchFinding(
        "warm_water",
        "Warm water and heat before exercise",
        EXERCISE,
        "Warm water, or a hot shower or bath just before exercise, may help muscles get oxygen and ease pain.",
        "Advice of the article; it cites no study for it.",
        "A",
        (),
        "diary:warm_water",
        "Note warm water or heat before exercise in your diary; it shows, after enough days with and without, "
        "how your symptoms differed, without claiming cause.",
    ),
    ResearchFinding(
        "cold",
        "Cold and Raynaud-like symptoms",
        EXERCISE,
        "Cold exposure, like standing up, is a mild challenge that can bring symptoms such as painful spasms in "
        "hands and feet.",
        "Stated by the article without a study; the mouse study of the autoimmune article found sensitivity "
        "to cold in mice given fibromyalgia IgG, which is a different thing.",
        "A",
        ("goebel_2021",),
        "diary:cold",
        "Note cold exposure and Raynaud-like symptoms in your diary.",
    ),
    ResearchFinding(
        "ldn_response",
        "How often LDN helps",
        LDN,
        "In the trial, three in ten people had at least 30 % less pain; in one clinic about a third of some "
        "200 patients did well.",
        "Younger 2013 (31 women, crossover, 4.5 mg): pain fell 28.8 % on LDN vs 18.0 % on placebo (p = 0.016); "
        "32 % vs 11 % met its responder rule (p = 0.05). The largest trial, FINAL (99 women, 6 mg), was "
        "negative for pain (p = 0.27). The clinic third is an anecdote.",
        "C",
        ("younger_2013", "bruun_2024", "aitcheson_2023"),
        "treatments:evaluation",
        "An LDN trial plan judges your own response against your baseline, after the planned weeks.",
    ),
    ResearchFinding(
        "ldn_dosing",
        "LDN dosing and patience",
        LDN,
        "The usual dose is 4.5 mg at bedtime (range 1.5-9 mg), often reached in weekly steps; give it three "
        "months, since some people feel relief only later.",
        "4.5 mg was Younger's trial dose; the range is cited to Bruun-Plesner 2020 and the late relief (about "
        "12 % after three months) to a clinic study, neither available to check. Schedules are clinicians' "
        "practices.",
        "A",
        ("younger_2013", "bruun_plesner_2020", "mckenzie_brown_2023"),
        "treatments:plan",
        "A trial plan follows a named schedule your clinician chooses.",
    ),
    ResearchFinding(
        "ldn_opioids",
        "LDN and opioids",
        LDN,
        "With occasional opioids LDN may still be used; with around-the-clock opioids one specialist starts "
        "at 0.5 mg or less.",
        "One physician's practice, not a trial result; trials exclude opioid users (FINAL excluded them).",
        "A",
        ("kim_fishman_2020", "nct04270877"),
        "treatments:plan",
        "Opioid use stops a plan until a clinician confirms it.",
    ),
    ResearchFinding(
        "autoimmune",
        "The autoimmune hypothesis",
        AUTOIMMUNE,
        "Antibodies (IgG) from people with fibromyalgia passed fibromyalgia-like pain to mice, pointing to an "
        "autoimmune cause acting on satellite glial cells beside the sensory nerves.",
        "IgG from patients, not from healthy people, caused mechanical and cold hypersensitivity, less movement "
        "and weaker grip in mice, and bound satellite glial cells in the dorsal root ganglia. A mouse study "
        "that needs replication; no test for it exists.",
        "C",
        ("goebel_2021",),
        "",
        "No wearable or questionnaire can show antibodies; fibrokit has nothing to measure here.",
    ),
    ResearchFinding(
        "autoimmune_treatments",
        "Treatments the hypothesis points to",
        AUTOIMMUNE,
        "Removing the antibodies (a small trial of rozanolixizumab was under way) or calming the satellite "
        "glial cells, which the article says LDN does, might help.",
        "Hypotheses drawn from the mouse study; the article cites no result of these treatments in "
        "fibromyalgia.",
        "A",
        ("goebel_2021",),
        "",
        "Discuss any such treatment with your clinician; fibrokit can log and evaluate a trial you start.",
    ),
)
