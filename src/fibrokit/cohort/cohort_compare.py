"""Group comparison of a cohort table: per-metric summaries, effect sizes, corrected tests.

Rows are first reduced to one value per participant (the median of their recordings or windows), so that a
person with many windows counts once; then every metric is compared between the groups.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from fibrokit.choices import CORRECTIONS, Correction
from fibrokit.cohort._stats import (
    FloatArray,
    adjust,
    cliff_delta,
    group_test,
    hedges_g,
)
from fibrokit.cohort._stats import magnitude as size_word
from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.hrv import METRICS

_UNITS = (("_ms2", "ms²"), ("_ms", "ms"), ("_bpm", "bpm"), ("_pct", "%"), ("_s", "s"), ("_hz", "Hz"))


@dataclass(frozen=True)
class Comparison:
    """The comparison of a cohort table by one column.

    Attributes
    ----------
    by : str
        The column the groups come from.
    groups : tuple of (str, int)
        Each group with its number of participants, the reference first.
    reference : str
        The group every other group is compared with.
    correction : str
        ``"holm"``, ``"bh"`` or ``"none"``.
    alpha : float
        The level adjusted p-values are marked against.
    rows : tuple of dict
        One per metric and compared group (see :func:`cohort_compare`).
    about : dict
        The table's own description: analysis, settings, fibrokit version.
    values : dict
        Per metric, the participants' values of each group (for figures).
    """

    by: str
    groups: tuple[tuple[str, int], ...]
    reference: str
    correction: str
    alpha: float
    rows: tuple[dict[str, object], ...]
    about: dict[str, object]
    values: dict[str, dict[str, FloatArray]]


def cohort_compare(
    table: str | Path, *, by: str = "group", reference: str | None = None, correction: Correction = "holm"
) -> Comparison:
    """Compare every metric of a cohort table between the groups of column ``by``.

    For each metric: per-group summaries (participants, median and quartiles, mean and SD), Hedges' g and
    Cliff's δ of each group against the reference with 95 % confidence intervals, and one test across the
    groups (Mann-Whitney U for two, Kruskal-Wallis H for more) whose p-values are adjusted over all metrics
    by Holm's method (``correction="holm"``, the default), Benjamini-Hochberg (``"bh"``) or not at all.

    Parameters
    ----------
    table : str or Path
        A table written by :func:`cohort_run`.
    by : str
        The column holding the groups (``group``, ``sex``, ``medication`` or any manifest column).
    reference : str, optional
        The group others are compared with; default the first in alphabetical order.
    correction : {"holm", "bh", "none"}
        Multiple-comparison correction.

    Returns
    -------
    Comparison
        Rows with ``metric``, ``name``, ``unit``, ``group``, ``reference``, ``n``, ``n_reference``,
        ``median``, ``q1``, ``q3``, ``mean``, ``sd`` (and the same with ``_reference``), ``hedges_g`` with
        ``hedges_g_low``/``_high`` and ``magnitude``, ``cliff_delta`` with its interval, ``test``,
        ``statistic``, ``p``, ``p_adjusted`` and ``significant``.

    Raises
    ------
    InputError
        When the file is not a cohort table, has no such column, fewer than two groups, or no such reference.
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"`correction` must be one of {', '.join(CORRECTIONS)}, not {correction!r}")
    data, about = _load(Path(table), by)
    metrics = [m for m in about["metrics"] if m in data.column_names]  # type: ignore[attr-defined]
    people, columns = _participants(data, by, metrics)
    groups = sorted(set(people))
    if len(groups) < 2:
        raise InputError(
            f"the column {by} holds {len(groups)} group(s) among analysed rows; comparing needs two"
        )
    chosen = reference if reference is not None else groups[0]
    if chosen not in groups:
        raise InputError(
            f"there is no group {chosen!r} in the column {by}; the groups are {', '.join(groups)}"
        )
    ordered = [chosen, *(g for g in groups if g != chosen)]
    labels = np.asarray(people, dtype=object)
    confidence = fact("cohort.confidence_level").scalar()
    rows, values = [], {}
    for metric, column in columns.items():
        samples = {g: column[(labels == g) & np.isfinite(column)] for g in ordered}
        values[metric] = samples
        test, statistic, p = group_test(list(samples.values()))
        for group in ordered[1:]:
            rows.append(_row(metric, group, chosen, samples, confidence) | _test(test, statistic, p))
    alpha = fact("cohort.alpha.bh" if correction == "bh" else "cohort.alpha.holm").scalar()
    adjusted = adjust(np.array([float(r["p"]) for r in rows]), correction)  # type: ignore[arg-type]
    for row, p_adjusted in zip(rows, adjusted, strict=True):
        row |= {
            "p_adjusted": float(p_adjusted),
            "significant": bool(p_adjusted < alpha),
            "correction": correction,
        }
    counts = tuple((g, int(np.sum(labels == g))) for g in ordered)
    return Comparison(by, counts, chosen, correction, alpha, tuple(rows), about, values)


def _load(path: Path, by: str) -> tuple[pa.Table, dict[str, object]]:
    try:
        data = pq.read_table(path)
    except (OSError, pa.ArrowInvalid):
        raise InputError(f"{path.name} is not a readable Parquet table") from None
    raw = (data.schema.metadata or {}).get(b"fibrokit")
    if raw is None:
        raise InputError(f"{path.name} is not a fibrokit cohort table (it lacks the table's description)")
    about: dict[str, object] = json.loads(raw)
    if by not in data.column_names:
        extra = about.get("covariates", [])
        covariates = ", ".join(["group", "sex", "medication", *(extra if isinstance(extra, list) else [])])
        raise InputError(f"{path.name} has no column {by}; group by one of: {covariates}")
    return data, about


def _participants(data: pa.Table, by: str, metrics: list[str]) -> tuple[list[str], dict[str, FloatArray]]:
    """The group of each participant, and each metric's value per participant: the median of their rows."""
    status = np.asarray(data["status"].to_pylist(), dtype=object)
    labels = np.asarray([("" if v is None else str(v)) for v in data[by].to_pylist()], dtype=object)
    keep = (status == "ok") & (labels != "")
    people = np.asarray(data["participant"].to_pylist(), dtype=object)[keep]
    matrix = np.column_stack(
        [np.asarray(data[m].to_pylist(), dtype=float)[keep] for m in metrics] or [np.empty(int(keep.sum()))]
    )
    keys = np.array([f"{g}\x00{p}" for g, p in zip(labels[keep], people, strict=True)], dtype=object)
    unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    if unique.size == keys.size:
        reduced = matrix[first]
    else:
        reduced = np.vstack([_median(matrix[inverse == i]) for i in range(unique.size)])
    return [str(g) for g in labels[keep][first]], {m: reduced[:, j] for j, m in enumerate(metrics)}


def _median(block: FloatArray) -> FloatArray:
    finite = np.isfinite(block)
    out = np.full(block.shape[1], np.nan)
    for j in np.flatnonzero(finite.any(axis=0)):
        out[j] = float(np.median(block[finite[:, j], j]))
    return out


def _summary(values: FloatArray, suffix: str) -> dict[str, object]:
    if not values.size:
        empty: dict[str, object] = {f"n{suffix}": 0}
        return empty | {f"{k}{suffix}": math.nan for k in ("median", "q1", "q3", "mean", "sd")}
    q1, median, q3 = np.percentile(values, [25, 50, 75])
    sd = float(values.std(ddof=1)) if values.size > 1 else math.nan
    return {
        f"n{suffix}": int(values.size),
        f"median{suffix}": float(median),
        f"q1{suffix}": float(q1),
        f"q3{suffix}": float(q3),
        f"mean{suffix}": float(values.mean()),
        f"sd{suffix}": sd,
    }


def _row(
    metric: str, group: str, reference: str, samples: dict[str, FloatArray], confidence: float
) -> dict[str, object]:
    name, unit = metric_label(metric)
    g, g_low, g_high = hedges_g(samples[group], samples[reference], confidence)
    delta, d_low, d_high = cliff_delta(samples[group], samples[reference], confidence)
    return (
        {"metric": metric, "name": name, "unit": unit, "group": group, "reference": reference}
        | _summary(samples[group], "")
        | _summary(samples[reference], "_reference")
        | {"hedges_g": g, "hedges_g_low": g_low, "hedges_g_high": g_high, "magnitude": size_word(g)}
        | {"cliff_delta": delta, "cliff_delta_low": d_low, "cliff_delta_high": d_high}
    )


def _test(test: str, statistic: float, p: float) -> dict[str, object]:
    return {"test": test, "statistic": statistic, "p": p}


def metric_label(symbol: str) -> tuple[str, str]:
    """Display name and unit of a metric column: from the metric registry, else read from its suffix."""
    if symbol in METRICS:
        return METRICS[symbol].name, METRICS[symbol].unit
    for suffix, unit in _UNITS:
        if symbol.endswith(suffix):
            return symbol[: -len(suffix)].replace("_", " "), unit
    return symbol.replace("_", " "), ""
