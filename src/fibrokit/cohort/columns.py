"""The columns of a cohort table, in the order the table shows them.

Who and what (participant, group, covariates, the file and its hash), how (analysis, fibrokit version,
settings), whether it worked (status, error, warnings), the quality of the data (window, beats, share of normal
and of flagged beats, the longest irregular run, whether HRV is reliable), then the metrics, and last the timing columns, the only ones that may differ between two runs of the
same cohort on different executors.
"""

from __future__ import annotations

from collections.abc import Iterable

from fibrokit.cohort.analyse_file import TIMING_COLUMNS
from fibrokit.cohort.analyses import ANALYSES, metric_order

PERSON = ("participant", "group", "age", "sex", "medication")
FILE = ("path", "file", "sha256", "format")
RUN = ("analysis", "fibrokit_version", "settings")
STATUS = ("status", "error", "warnings")
QUALITY = (
    "window",
    "window_start_s",
    "window_end_s",
    "heart_rate_input",
    "beats",
    "normal_share",
    "flagged_share",
    "irregular_beats",
    "hrv_reliable",
    "duration_s",
)
PROTOCOL = ("caveats", "protocol_settings")
FIXED = (*PERSON, *FILE, *RUN, *STATUS, *QUALITY, *PROTOCOL, *TIMING_COLUMNS)

# Manifest columns may not take these names: the table needs them for itself.
RESERVED_COLUMNS = frozenset(FIXED) | {symbol for a in ANALYSES.values() for symbol in a.metrics}


def ordered_columns(names: Iterable[str], analysis: str, covariates: Iterable[str]) -> list[str]:
    """Every column of a table in its canonical order; extra covariates follow the person's columns.

    Examples
    --------
    >>> from fibrokit.cohort.columns import ordered_columns
    >>> ordered_columns(["worker", "rmssd_ms", "site", "participant", "sdnn_ms"], "hrv", ["site"])
    ['participant', 'site', 'sdnn_ms', 'rmssd_ms', 'worker']
    """
    present = list(dict.fromkeys(names))
    extra = [name for name in covariates if name in present and name not in FIXED]
    leading = [name for name in PERSON if name in present] + extra
    middle = [name for name in FIXED[len(PERSON) : -len(TIMING_COLUMNS)] if name in present]
    metrics = metric_order(analysis, [n for n in present if n not in FIXED and n not in extra])
    timing = [name for name in TIMING_COLUMNS if name in present]
    return leading + middle + metrics + timing


def metric_columns(names: Iterable[str], covariates: Iterable[str]) -> list[str]:
    """The metric columns among ``names``: everything that is neither fixed nor a covariate."""
    skip = set(FIXED) | set(covariates)
    return [name for name in names if name not in skip]
