"""Treatment trials judged honestly.

n-of-1 plans, LDN schedules as data, a dose calendar, a prescription request, costs, side-effect questions, the
opioid hard stop, and the evaluation and verdict.
"""

from fibrokit.treatments.dose_calendar import DoseDay, dose_calendar
from fibrokit.treatments.ldn_price_table import ldn_price_table
from fibrokit.treatments.ldn_schedule import LDN_SCHEDULES, ldn_schedule
from fibrokit.treatments.ldn_schedules_offered import ldn_schedules_offered
from fibrokit.treatments.own_schedule import own_schedule
from fibrokit.treatments.plan import (
    ClinicianConfirmation,
    DoseSchedule,
    DoseStep,
    DoseTaken,
    OpioidUse,
    Product,
    SideEffectReport,
    TrialPlan,
    TrialStopped,
)
from fibrokit.treatments.prescription_request import (
    PrescriptionLine,
    PrescriptionRequest,
    prescription_request,
)
from fibrokit.treatments.prices import PriceEntry, PriceTable
from fibrokit.treatments.side_effect_questions import ClinicianQuestion, side_effect_questions
from fibrokit.treatments.trial_cost import CostComparison, PharmacyQuote, trial_cost
from fibrokit.treatments.trial_evaluation import (
    ChangeAt,
    OutcomeEvaluation,
    TrialEvaluation,
    trial_evaluation,
)
from fibrokit.treatments.trial_expectations import Expectation, trial_expectations
from fibrokit.treatments.trial_guard import trial_guard
from fibrokit.treatments.trial_verdict import Verdict, trial_verdict

__all__ = [
    "LDN_SCHEDULES",
    "ChangeAt",
    "ClinicianConfirmation",
    "ClinicianQuestion",
    "CostComparison",
    "DoseDay",
    "DoseSchedule",
    "DoseStep",
    "DoseTaken",
    "Expectation",
    "OpioidUse",
    "OutcomeEvaluation",
    "PharmacyQuote",
    "PrescriptionLine",
    "PrescriptionRequest",
    "PriceEntry",
    "PriceTable",
    "Product",
    "SideEffectReport",
    "TrialEvaluation",
    "TrialPlan",
    "TrialStopped",
    "Verdict",
    "dose_calendar",
    "ldn_price_table",
    "ldn_schedule",
    "ldn_schedules_offered",
    "own_schedule",
    "prescription_request",
    "side_effect_questions",
    "trial_cost",
    "trial_evaluation",
    "trial_expectations",
    "trial_guard",
    "trial_verdict",
]
