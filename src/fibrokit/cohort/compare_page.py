"""Writing a comparison: a CSV table, and one self-contained HTML page with its figures inline as SVG."""

from __future__ import annotations

import csv
import html
import io
import json
import math
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from fibrokit._atomic import write_text_atomic
from fibrokit.cohort.cohort_compare import Comparison
from fibrokit.evidence import source

_CITED = ("holm_1979", "benjamini_hochberg_1995", "hedges_1981", "cliff_1993", "cohen_1988")
_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#222;line-height:1.45}
table{border-collapse:collapse;font-size:.85rem}td,th{border-bottom:1px solid #ddd;padding:.2rem .5rem;
text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}
.figures{display:flex;flex-wrap:wrap;gap:1rem}.figures figure{margin:0;width:22rem}svg{max-width:100%;height:auto}
.sig{font-weight:bold}pre{white-space:pre-wrap;font-size:.8rem;background:#f7f7f7;padding:.5rem}
"""
_SHOWN = (
    ("name", "metric"),
    ("unit", "unit"),
    ("group", "group"),
    ("n", "n"),
    ("median", "median"),
    ("n_reference", "n (ref.)"),
    ("median_reference", "median (ref.)"),
    ("hedges_g", "Hedges' g"),
    ("hedges_g_low", "g low"),
    ("hedges_g_high", "g high"),
    ("magnitude", "size"),
    ("cliff_delta", "Cliff's δ"),
    ("p", "p"),
    ("p_adjusted", "p adjusted"),
)


def write_comparison(
    comparison: Comparison, table: str | Path, page: str | Path, *, figures: int = 12
) -> None:
    """Write the comparison's rows as CSV to ``table`` and its HTML page to ``page`` (both atomically)."""
    write_text_atomic(table, comparison_csv(comparison))
    write_text_atomic(page, comparison_html(comparison, figures=figures))


def comparison_csv(comparison: Comparison) -> str:
    """Every row of the comparison as CSV text, every column."""
    if not comparison.rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(comparison.rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(comparison.rows)
    return buffer.getvalue()


def comparison_html(comparison: Comparison, *, figures: int = 12) -> str:
    """The comparison as one HTML page: what was compared and how, the table, figures of the top metrics."""
    about = comparison.about
    groups = ", ".join(f"{html.escape(g)} ({n} participants)" for g, n in comparison.groups)
    settings = json.dumps(json.loads(str(about.get("settings", "{}"))), indent=1, sort_keys=True)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Cohort comparison by {html.escape(comparison.by)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Cohort comparison by {html.escape(comparison.by)}</h1>",
        f"<p>Analysis <b>{html.escape(str(about.get('analysis', '')))}</b>; groups: {groups}; every group is "
        f"compared with <b>{html.escape(comparison.reference)}</b>.</p>",
        _methods(comparison),
        f"<details><summary>Settings of the analysis</summary><pre>{html.escape(settings)}</pre></details>",
        "<h2>Results</h2>",
        _table(comparison),
        "<h2>Figures</h2><p>Each point is one participant (the median of their recordings or windows); boxes show "
        "the quartiles. Metrics with the smallest p-values first.</p>",
        _figures(comparison, figures),
        "<p><i>fibrokit informs; it does not diagnose. A group difference is not a diagnosis for anyone in it.</i>"
        "</p></body></html>",
    ]
    return "\n".join(parts)


def _methods(comparison: Comparison) -> str:
    correction = {"holm": "Holm's method", "bh": "the Benjamini-Hochberg method", "none": "no correction"}
    # Links as plain text: the page makes no request of any kind, even when clicked by accident.
    references = "".join(
        f"<li>{html.escape(source(key).citation)} {html.escape(source(key).link)}</li>" for key in _CITED
    )
    return (
        "<h2>Methods</h2><p>Rows that were analysed without error are reduced to one value per participant "
        "(the median of their rows). Each metric is tested across the groups with the Mann-Whitney U test (two "
        "groups) or the Kruskal-Wallis H test (more), and the p-values of all metrics are adjusted by "
        f"{correction[comparison.correction]}; p adjusted below {comparison.alpha:g} is shown in bold. Effect "
        "sizes compare each group with the reference: Hedges' g (difference of means over the pooled SD, "
        "small-sample corrected) and Cliff's δ (how often a group value exceeds a reference value minus how "
        "often it falls below), with 95 % confidence intervals; g is labelled by Cohen's conventions.</p>"
        f"<ul>{references}</ul>"
    )


def _cell(value: object) -> str:
    if isinstance(value, float):
        return "–" if not math.isfinite(value) else f"{value:.3g}"
    return html.escape(str(value))


def _table(comparison: Comparison) -> str:
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in _SHOWN)
    body = []
    for row in comparison.rows:
        marked = " class='sig'" if row.get("significant") else ""
        cells = "".join(f"<td>{_cell(row.get(key))}</td>" for key, _ in _SHOWN)
        body.append(f"<tr{marked}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figures(comparison: Comparison, count: int) -> str:
    ranked = sorted(
        {str(r["metric"]): float(r["p"]) for r in comparison.rows}.items(),  # type: ignore[arg-type]
        key=lambda item: (not math.isfinite(item[1]), item[1]),
    )
    names = {str(r["metric"]): (str(r["name"]), str(r["unit"])) for r in comparison.rows}
    shown = [
        f"<figure>{_svg(_figure(comparison.values[metric], *names[metric]))}</figure>"
        for metric, _ in ranked[:count]
    ]
    return f"<div class='figures'>{''.join(shown)}</div>"


def _figure(samples: dict[str, np.ndarray], name: str, unit: str) -> Figure:
    figure = Figure(figsize=(4.2, 3.0))
    axes = figure.add_subplot()
    labels = list(samples)
    data = [samples[g] for g in labels]
    axes.boxplot([d if d.size else np.array([np.nan]) for d in data], showfliers=False, widths=0.5)
    spread = np.random.default_rng(0)  # fixed jitter, so the same table always draws the same page
    for position, values in enumerate(data, start=1):
        axes.plot(position + spread.uniform(-0.12, 0.12, values.size), values, "o", ms=3, alpha=0.6)
    axes.set_xticks(range(1, len(labels) + 1), labels)
    axes.set_title(name, fontsize=10)
    axes.set_ylabel(unit)
    figure.tight_layout()
    return figure


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]
