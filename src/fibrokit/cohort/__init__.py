"""Cohorts at research scale: the same analyses over thousands of recordings, into one tidy table.

``cohort_run`` takes a manifest (or a folder), runs one analysis over every file on a local process pool or a
Dask cluster, and writes a Parquet table with a row per recording (or per window) carrying every metric, its
quality, the settings, the fibrokit version and the file's hash. ``cohort_compare`` summarises a table by group
with effect sizes and corrected tests; ``cohort_simulate`` writes a simulated cohort to try it all on.

This package composes the readers, beats, hrv and protocols; no science lives here.
"""

from fibrokit._lazy import keep_functions as _keep_functions
from fibrokit.cohort.analyse_file import TIMING_COLUMNS, analyse_file
from fibrokit.cohort.analyses import ANALYSES, Analysis
from fibrokit.cohort.cohort_compare import Comparison, cohort_compare
from fibrokit.cohort.cohort_run import RunSummary, cohort_run
from fibrokit.cohort.cohort_simulate import SCENARIOS, cohort_simulate
from fibrokit.cohort.compare_page import comparison_csv, comparison_html, write_comparison
from fibrokit.cohort.executors import Executor
from fibrokit.cohort.manifest import Entry, read_manifest
from fibrokit.cohort.settings import CohortSettings

__all__ = [
    "ANALYSES",
    "SCENARIOS",
    "TIMING_COLUMNS",
    "Analysis",
    "CohortSettings",
    "Comparison",
    "Entry",
    "Executor",
    "RunSummary",
    "analyse_file",
    "cohort_compare",
    "cohort_run",
    "cohort_simulate",
    "comparison_csv",
    "comparison_html",
    "read_manifest",
    "write_comparison",
]

# ``analyse_file`` and others are both a module and the function it defines: the package keeps the function.
_keep_functions(__name__, frozenset(__all__))
