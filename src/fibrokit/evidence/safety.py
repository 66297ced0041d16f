"""Safety before a guided exercise test or Valsalva manoeuvre, in fibrokit's own words with their sources.

Who should not do the test, when to stop, and what a phone cannot measure.

Each :class:`Caution` is shown before the test starts, and the person confirms they have read them. fibrokit
informs and does not prescribe: every list ends by asking the person to check with their doctor when unsure.
"""

from __future__ import annotations

from fibrokit.evidence._types import Caution, Fact, Source

_LISTS_NOTE = (
    "fibrokit read these lists as reproduced in secondary tables that follow the ACC/AHA guideline (a review "
    "in J Am Board Fam Med and a trial protocol in Trials), not in the guideline's own full text"
)

SOURCES: tuple[Source, ...] = (
    Source(
        "gibbons_2002",
        "Gibbons RJ, Balady GJ, Bricker JT, Chaitman BR, Fletcher GF, Froelicher VF, Mark DB, McCallister BD, "
        "Mooss AN, O'Reilly MG, Winters WL Jr. ACC/AHA 2002 guideline update for exercise testing: summary "
        "article. A report of the American College of Cardiology/American Heart Association Task Force on "
        "Practice Guidelines. Circulation 2002;106(14):1883-1892 (the issue of 1 October 2002, as the full "
        "guideline announced; the pages and DOI were not checked against the journal, and fibrokit read the "
        "guideline's lists as reproduced in secondary tables).",
        doi="10.1161/01.CIR.0000034670.06526.15",
        found="The guideline lists when an exercise test must not be done (for example in the first days after a "
        "heart attack, with unstable angina, uncontrolled arrhythmia or heart failure, symptomatic severe "
        "aortic stenosis, acute pulmonary embolism, myocarditis, pericarditis or aortic dissection), when only "
        "if the benefit outweighs the risk, and the signs for which a test is stopped, the person's wish to "
        "stop among them.",
    ),
    Source(
        "fletcher_2013",
        "Fletcher GF, Ades PA, Kligfield P, Arena R, Balady GJ, Bittner VA, Coke LA, Fleg JL, Forman DE, Gerber "
        "TC, Gulati M, Madan K, Rhodes J, Thompson PD, Williams MA. Exercise standards for testing and training: "
        "a scientific statement from the American Heart Association. Circulation 2013;128(8):873-934.",
        doi="10.1161/CIR.0b013e31829b5b44",
        found="The American Heart Association's standards for exercise testing, written for the professionals "
        "who run ECG-monitored tests: contraindications, reasons to stop a test, and how the heart rate, blood "
        "pressure and ECG are watched throughout.",
    ),
    Source(
        "thornton_2016",
        "Thornton HS, Elwan MH, Reynolds JA, Coats TJ. Valsalva using a syringe: pressure and variation. "
        "Emerg Med J 2016 (published online 22 July 2016).",
        doi="10.1136/emermed-2016-205869",
        found="One syringe in five stuck and needed a high pressure to move; among the rest a 20 mL syringe came "
        "closest to 40 mmHg. The authors conclude that no syringe size can be recommended when a consistent "
        "pressure is needed.",
    ),
    Source(
        "sun_2020",
        "Sun L, Chen W, Chen Z, Xiang Y, Guo J, Hu T, Xu Q, Zhang H, Wang J. Dual effect of the Valsalva "
        "maneuver on autonomic nervous system activity, intraocular pressure, Schlemm's canal, and iridocorneal "
        "angle morphology. BMC Ophthalmol 2020;20(1).",
        doi="10.1186/s12886-019-1275-y",
        found="In 29 healthy young adults the pressure inside the eye rose during the Valsalva strain (15.1 ± 2.7 "
        "to 18.8 ± 3.5 mmHg) and fell below its resting level after release.",
    ),
    Source(
        "eifrig_valsalva_retinopathy",
        "Eifrig CW. Valsalva retinopathy. Medscape (eMedicine) clinical reference, updated 2023 (overview, "
        "differential diagnosis and treatment pages of its article 1228106).",
        url="https://emedicine.medscape.com/article/1228106-overview",
        found="A sudden rise of pressure in the chest against a closed airway (straining, lifting, coughing) "
        "raises the pressure in the veins of the eye and can burst small retinal vessels, seen as a sudden "
        "painless dark spot in the vision; diabetes, high blood pressure and blood disorders are among the "
        "conditions that make retinal vessels bleed more easily.",
    ),
)

_EXERCISE = "exercise-test"
_VALSALVA = "valsalva"
_STAND = ("gibbons_2002", "fletcher_2013")

CAUTIONS: tuple[Caution, ...] = (
    Caution(
        "safety.exercise.heart_attack_angina",
        _EXERCISE,
        "not_for",
        "Do not do an exercise test in the first days after a heart attack, or while you have chest pain or "
        "pressure (angina) that is new, getting worse, or comes on at rest.",
        _STAND,
        _LISTS_NOTE,
    ),
    Caution(
        "safety.exercise.uncontrolled_heart",
        _EXERCISE,
        "not_for",
        "Do not do it with a heart rhythm problem or heart failure that is not under control, or with a "
        "narrowed aortic valve that gives you symptoms (breathlessness, chest pain or fainting on effort).",
        _STAND,
        _LISTS_NOTE,
    ),
    Caution(
        "safety.exercise.acute_illness",
        _EXERCISE,
        "not_for",
        "Do not do it with a blood clot in the lungs, an inflamed heart muscle or heart lining (myocarditis, "
        "pericarditis), an infection of the heart (endocarditis), or a tear in the main artery (aortic "
        "dissection).",
        _STAND,
        _LISTS_NOTE,
    ),
    Caution(
        "safety.exercise.ask_first",
        _EXERCISE,
        "not_for",
        "Do it only if your doctor agrees when you have very high blood pressure at rest, a known narrowing of "
        "a heart valve or of the main heart artery, a thickened heart muscle (hypertrophic cardiomyopathy), a "
        "heart block or a very fast or very slow heart rhythm, a blood salt imbalance such as low potassium, or "
        "a condition that makes exercising to your limit unsafe. If you are not sure whether any of this "
        "applies to you, ask your doctor before the test.",
        _STAND,
        _LISTS_NOTE,
    ),
    Caution(
        "safety.exercise.stop_signs",
        _EXERCISE,
        "stop",
        "Stop at once and sit or lie down if you feel chest pain or pressure, feel faint, dizzy or unsteady, "
        "become confused, turn pale or grey, or feel your heartbeat go irregular. If it does not pass within a "
        "few minutes, call for medical help.",
        _STAND,
        _LISTS_NOTE,
    ),
    Caution(
        "safety.exercise.your_choice",
        _EXERCISE,
        "stop",
        "Stop whenever you want to: in a clinic the person's wish to stop ends the test, and fibrokit never asks "
        "you to go on. Leg cramps, wheezing or breathlessness out of proportion are reasons to stop too.",
        _STAND,
        _LISTS_NOTE,
    ),
    Caution(
        "safety.exercise.not_a_stress_test",
        _EXERCISE,
        "measure",
        "A clinic's exercise test also watches your ECG and blood pressure throughout; a heart-rate strap "
        "cannot. This guided test measures how your heart rate rises and recovers. It is not a medical stress "
        "test and cannot tell you whether exercise is safe for your heart.",
        ("fletcher_2013",),
    ),
    Caution(
        "safety.valsalva.retina",
        _VALSALVA,
        "not_for",
        "Do not do a Valsalva manoeuvre if you have diabetic eye disease with new, fragile vessels "
        "(proliferative retinopathy) or another disease of the blood vessels of the retina, unless your eye "
        "doctor agrees: straining raises the pressure in the veins of the eye and can burst small vessels "
        "there.",
        ("eifrig_valsalva_retinopathy", "sun_2020"),
    ),
    Caution(
        "safety.valsalva.eye_surgery",
        _VALSALVA,
        "not_for",
        "If you have had eye surgery recently (for example a cataract operation with a lens implant) or have "
        "glaucoma, ask your eye doctor first: the strain raises the pressure inside the eye.",
        ("sun_2020",),
        "the study measured healthy eyes; fibrokit found no source it could read that says how long after eye "
        "surgery the manoeuvre is safe, so it asks the person to check with their eye doctor",
    ),
    Caution(
        "safety.valsalva.ask_first",
        _VALSALVA,
        "not_for",
        "The strain makes blood pressure fall and then overshoot. If you have a heart condition, faint easily "
        "or are not sure whether the test is right for you, ask your doctor before doing it.",
        ("sun_2020",),
    ),
    Caution(
        "safety.valsalva.stop_signs",
        _VALSALVA,
        "stop",
        "Stop straining at once and breathe normally if you feel faint or dizzy, or see a dark spot or shadow "
        "in your vision. A dark spot or shadow that stays after the test needs an eye doctor the same day.",
        ("eifrig_valsalva_retinopathy",),
    ),
    Caution(
        "safety.valsalva.pressure_unknown",
        _VALSALVA,
        "measure",
        "In a clinic the strain is held at a set pressure, read on a gauge you blow into. A phone cannot "
        "measure that pressure. Without a gauge, blow through a closed tube or tightly pursed lips hard enough "
        "to feel a firm, steady strain in your chest, as when blowing up a stiff balloon, and keep it steady. "
        "Blowing into a syringe has been used as a stand-in, but syringes differ too much to give a known "
        "pressure. So the strain of your test is not known: a weaker strain gives a smaller ratio, and a low "
        "ratio from a guided test may mean the strain was soft rather than a problem.",
        ("ewing_1985", "thornton_2016"),
    ),
)

FACTS: tuple[Fact, ...] = ()
