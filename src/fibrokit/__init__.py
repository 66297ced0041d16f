"""fibrokit: autonomic testing, heart-rate variability, pacing, diaries and treatment trials for fibromyalgia.

fibrokit informs; it does not diagnose or prescribe.

The public API, in the order data flows: read a file (:func:`read_rr_text`, :func:`read_mit_annotations`) or
build beats from values (:func:`rr_series`); flag artefacts (:func:`rr_flag_artifacts`); compute HRV over the
whole series (:func:`hrv` and its per-domain parts) or over windows (:func:`hrv_windows`). Score the autonomic
tests (:mod:`fibrokit.protocols`), pace activity with personal heart-rate lines (:func:`pace_thresholds`),
zones, load, readiness and plans (:mod:`fibrokit.pacing`), keep a symptom diary (:class:`CheckIn`,
:func:`diary_daily`), score instruments (:func:`fiqr_score`, :func:`acr_2016`, ...) and run a treatment trial
from plan to verdict (:class:`TrialPlan`, :func:`ldn_schedule`, :func:`trial_evaluation`, :func:`trial_verdict`).

Five subpackages are part of the API as namespaces, for what is not repeated at the top:
``fibrokit.protocols`` (each test's scorer, e.g. ``fibrokit.protocols.exercise_test``, its result types and the
protocol registry ``PROTOCOLS``), ``fibrokit.simulate`` (the seesaw simulator, e.g.
``fibrokit.simulate.simulate_rest(fibrokit.simulate.typical())``), ``fibrokit.pacing``, ``fibrokit.pipeline`` and
``fibrokit.readers`` (their result types and less common readers). ``evidence``, ``report``, ``cohort`` and
``live`` are imported by their own path (``from fibrokit.cohort import cohort_run``).
"""

from __future__ import annotations

from fibrokit._lazy import lazy_exports as _lazy_exports
from fibrokit._version import __version__ as __version__

# Every public name and the module that defines it. ``import fibrokit`` imports none of them: a name is imported
# the first time it is used (PEP 562), so the command line and a script that needs one reader do not pay for
# SciPy. To add a public name, add one line here (``"name": "fibrokit.module",``); ``__all__`` follows.
_PUBLIC: dict[str, str] = {
    "PpgBeats": "fibrokit.beats",
    "ppg_beats": "fibrokit.beats",
    "classify_pulse_intervals": "fibrokit.beats",
    "AnalysisSettings": "fibrokit.pipeline",
    "RecordingAnalysis": "fibrokit.pipeline",
    "analyse_recording": "fibrokit.pipeline",
    "parse_phases": "fibrokit.pipeline",
    "DailyExport": "fibrokit.readers",
    "DailyValues": "fibrokit.readers",
    "read_daily": "fibrokit.readers",
    "Expectation": "fibrokit.treatments",
    "ldn_schedules_offered": "fibrokit.treatments",
    "own_schedule": "fibrokit.treatments",
    "trial_expectations": "fibrokit.treatments",
    "ARTIFACT_METHODS": "fibrokit.beats",
    "UnitDecision": "fibrokit.beats",
    "ecg_rpeaks": "fibrokit.beats",
    "rr_flag_artifacts": "fibrokit.beats",
    "rr_flag_stream": "fibrokit.beats",
    "rr_series": "fibrokit.beats",
    "rr_units": "fibrokit.beats",
    "DEFAULT_FACTORS": "fibrokit.diary",
    "DEFAULT_ITEMS": "fibrokit.diary",
    "DEFAULT_SYMPTOMS": "fibrokit.diary",
    "FIQR_ITEMS": "fibrokit.diary",
    "PGIC_ANSWERS": "fibrokit.diary",
    "AcrResult": "fibrokit.diary",
    "AcrSymptoms": "fibrokit.diary",
    "CheckIn": "fibrokit.diary",
    "CheckInTemplate": "fibrokit.diary",
    "DailySummary": "fibrokit.diary",
    "DiaryCorrelation": "fibrokit.diary",
    "DiaryItem": "fibrokit.diary",
    "FiqrAnswers": "fibrokit.diary",
    "FiqrResult": "fibrokit.diary",
    "PainArea": "fibrokit.diary",
    "PgicResult": "fibrokit.diary",
    "PsdResult": "fibrokit.diary",
    "Region": "fibrokit.diary",
    "SomaticSymptoms": "fibrokit.diary",
    "SymptomDay": "fibrokit.diary",
    "acr_2010": "fibrokit.diary",
    "acr_2011": "fibrokit.diary",
    "acr_2016": "fibrokit.diary",
    "checkin_template": "fibrokit.diary",
    "diary_correlation": "fibrokit.diary",
    "diary_daily": "fibrokit.diary",
    "fiqr_score": "fibrokit.diary",
    "pgic_score": "fibrokit.diary",
    "psd_score": "fibrokit.diary",
    "CorruptFile": "fibrokit.errors",
    "FibrokitError": "fibrokit.errors",
    "FibrokitWarning": "fibrokit.errors",
    "InputError": "fibrokit.errors",
    "InsufficientData": "fibrokit.errors",
    "ReaderError": "fibrokit.errors",
    "UnsupportedFormat": "fibrokit.errors",
    "METRICS": "fibrokit.hrv",
    "PRESETS": "fibrokit.hrv",
    "Bands": "fibrokit.hrv",
    "HrvResult": "fibrokit.hrv",
    "HrvSettings": "fibrokit.hrv",
    "HrvTable": "fibrokit.hrv",
    "MetricInfo": "fibrokit.hrv",
    "MetricValue": "fibrokit.hrv",
    "Spectrum": "fibrokit.hrv",
    "hrv": "fibrokit.hrv",
    "hrv_frequency": "fibrokit.hrv",
    "hrv_nonlinear": "fibrokit.hrv",
    "hrv_spectrum": "fibrokit.hrv",
    "hrv_stress": "fibrokit.hrv",
    "hrv_time": "fibrokit.hrv",
    "hrv_window_chunks": "fibrokit.hrv",
    "hrv_window_stream": "fibrokit.hrv",
    "StreamedWindows": "fibrokit.hrv",
    "hrv_windows": "fibrokit.hrv",
    "DayLoads": "fibrokit.pacing",
    "DaySymptoms": "fibrokit.pacing",
    "ExerciseTestValues": "fibrokit.pacing",
    "Mornings": "fibrokit.pacing",
    "PaceZone": "fibrokit.pacing",
    "PacingThresholds": "fibrokit.pacing",
    "WeekOutcome": "fibrokit.pacing",
    "hr_measurement": "fibrokit.pacing",
    "pace_budget": "fibrokit.pacing",
    "pace_flare_link": "fibrokit.pacing",
    "pace_load": "fibrokit.pacing",
    "pace_monitor": "fibrokit.pacing",
    "pace_morning": "fibrokit.pacing",
    "pace_plan": "fibrokit.pacing",
    "pace_readiness": "fibrokit.pacing",
    "pace_review": "fibrokit.pacing",
    "pace_thresholds": "fibrokit.pacing",
    "pace_week": "fibrokit.pacing",
    "pace_zones": "fibrokit.pacing",
    "READERS": "fibrokit.readers",
    "ReaderInfo": "fibrokit.readers",
    "iter_read": "fibrokit.readers",
    "read": "fibrokit.readers",
    "read_apple_health": "fibrokit.readers",
    "read_edf": "fibrokit.readers",
    "read_fit": "fibrokit.readers",
    "read_gpx": "fibrokit.readers",
    "read_mit_annotations": "fibrokit.readers",
    "read_moxy": "fibrokit.readers",
    "read_polar_hrm": "fibrokit.readers",
    "read_rr_text": "fibrokit.readers",
    "read_tcx": "fibrokit.readers",
    "read_train_red": "fibrokit.readers",
    "read_wfdb": "fibrokit.readers",
    "BeatFlag": "fibrokit.records",
    "BeatSeries": "fibrokit.records",
    "Channel": "fibrokit.records",
    "Marker": "fibrokit.records",
    "Recording": "fibrokit.records",
    "LDN_SCHEDULES": "fibrokit.treatments",
    "ChangeAt": "fibrokit.treatments",
    "ClinicianConfirmation": "fibrokit.treatments",
    "ClinicianQuestion": "fibrokit.treatments",
    "CostComparison": "fibrokit.treatments",
    "DoseDay": "fibrokit.treatments",
    "DoseSchedule": "fibrokit.treatments",
    "DoseStep": "fibrokit.treatments",
    "DoseTaken": "fibrokit.treatments",
    "OpioidUse": "fibrokit.treatments",
    "OutcomeEvaluation": "fibrokit.treatments",
    "PharmacyQuote": "fibrokit.treatments",
    "PrescriptionLine": "fibrokit.treatments",
    "PrescriptionRequest": "fibrokit.treatments",
    "PriceEntry": "fibrokit.treatments",
    "PriceTable": "fibrokit.treatments",
    "Product": "fibrokit.treatments",
    "SideEffectReport": "fibrokit.treatments",
    "TrialEvaluation": "fibrokit.treatments",
    "TrialPlan": "fibrokit.treatments",
    "TrialStopped": "fibrokit.treatments",
    "Verdict": "fibrokit.treatments",
    "dose_calendar": "fibrokit.treatments",
    "ldn_price_table": "fibrokit.treatments",
    "ldn_schedule": "fibrokit.treatments",
    "prescription_request": "fibrokit.treatments",
    "side_effect_questions": "fibrokit.treatments",
    "trial_cost": "fibrokit.treatments",
    "trial_evaluation": "fibrokit.treatments",
    "trial_guard": "fibrokit.treatments",
    "trial_verdict": "fibrokit.treatments",
}


def _sort_key(name: str) -> tuple[int, str]:
    # The order ruff keeps for __all__ (RUF022): CONSTANTS, then Classes, then functions and the rest.
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


# Subpackages that are part of the API as namespaces (``fibrokit.protocols.exercise_test``), imported on first use.
_NAMESPACES = ("pacing", "pipeline", "protocols", "readers", "simulate")

__all__ = sorted([*_PUBLIC, *_NAMESPACES, "__version__"], key=_sort_key)


__getattr__, __dir__ = _lazy_exports(__name__, _PUBLIC, _NAMESPACES)
