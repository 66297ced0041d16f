"""The symptom diary and fibromyalgia instruments.

Check-ins (:class:`CheckIn`, :func:`checkin_template`), daily summaries (:func:`diary_daily`), one factor's
association with an outcome (:func:`diary_correlation`), and the instruments: FIQR (:func:`fiqr_score`), the ACR
criteria of 2010, 2011 and 2016 as separate rules (:func:`acr_2010`, :func:`acr_2011`, :func:`acr_2016`), the
polysymptomatic distress scale (:func:`psd_score`) and the PGIC (:func:`pgic_score`).
"""

from fibrokit.diary.acr_2010 import acr_2010
from fibrokit.diary.acr_2011 import acr_2011
from fibrokit.diary.acr_2016 import acr_2016
from fibrokit.diary.acr_body import AcrResult, AcrSymptoms, PainArea, Region, SomaticSymptoms
from fibrokit.diary.checkin import CheckIn
from fibrokit.diary.checkin_template import CheckInTemplate, checkin_template
from fibrokit.diary.diary_correlation import DiaryCorrelation, diary_correlation
from fibrokit.diary.diary_daily import DailySummary, SymptomDay, diary_daily
from fibrokit.diary.fiqr_score import FIQR_ITEMS, FiqrAnswers, FiqrResult, fiqr_score
from fibrokit.diary.items import DEFAULT_FACTORS, DEFAULT_ITEMS, DEFAULT_SYMPTOMS, DiaryItem
from fibrokit.diary.pgic_score import PGIC_ANSWERS, PgicResult, pgic_score
from fibrokit.diary.psd_score import PsdResult, psd_score

__all__ = [
    "DEFAULT_FACTORS",
    "DEFAULT_ITEMS",
    "DEFAULT_SYMPTOMS",
    "FIQR_ITEMS",
    "PGIC_ANSWERS",
    "AcrResult",
    "AcrSymptoms",
    "CheckIn",
    "CheckInTemplate",
    "DailySummary",
    "DiaryCorrelation",
    "DiaryItem",
    "FiqrAnswers",
    "FiqrResult",
    "PainArea",
    "PgicResult",
    "PsdResult",
    "Region",
    "SomaticSymptoms",
    "SymptomDay",
    "acr_2010",
    "acr_2011",
    "acr_2016",
    "checkin_template",
    "diary_correlation",
    "diary_daily",
    "fiqr_score",
    "pgic_score",
    "psd_score",
]
