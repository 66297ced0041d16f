"""The metric registry: what every HRV number fibrokit reports is, in which unit, and from how much data.

Every metric a result can hold is registered here once. Column names, API keys, report tables, chart labels
and ``docs/metrics.md`` all come from this table, and a test fails when a computed metric is not registered.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from fibrokit.evidence import fact

Domain = Literal["time", "frequency", "nonlinear", "stress"]


@dataclass(frozen=True)
class MetricInfo:
    """Metadata of one metric.

    Parameters
    ----------
    symbol : str
        Key used everywhere (results, tables, API), ending in its unit: ``rmssd_ms``, ``lf_welch_ms2``.
    name : str
        Display name.
    unit : str
        Unit as displayed (``"ms"``, ``"ms²"``, ``"%"``, ``"bpm"``, ``""`` for dimensionless).
    domain : {"time", "frequency", "nonlinear", "stress"}
        Family of the metric.
    definition : str
        What is computed, precisely enough to re-implement it.
    min_beats : int
        Fewest NN intervals (or NN differences, for difference-based metrics) below which the value is NaN.
    min_duration_s : float
        Shortest NN span below which the value is NaN (0 when only the count matters).
    aggregation : {"mean", "none"}
        How values of many windows may be combined in a summary (``"none"`` for ratios and indices that
        must be recomputed rather than averaged).
    references : tuple of str
        Source keys of the evidence registry.
    """

    symbol: str
    name: str
    unit: str
    domain: Domain
    definition: str
    min_beats: int
    min_duration_s: float = 0.0
    aggregation: Literal["mean", "none"] = "mean"
    references: tuple[str, ...] = ()


_TF = ("task_force_1996",)


def _seconds(key: str) -> float:
    return fact(key).scalar()


def _dfa_min_beats(scales_key: str) -> int:
    return int(fact(scales_key).pair()[1] * fact("hrv.dfa.min_boxes").scalar())


def _time_metrics() -> list[MetricInfo]:
    return [
        MetricInfo("mean_nn_ms", "Mean NN", "ms", "time", "Mean of the NN intervals.", 2, references=_TF),
        MetricInfo(
            "sdnn_ms",
            "SDNN",
            "ms",
            "time",
            "Sample standard deviation (ddof = 1) of the NN intervals.",
            2,
            references=_TF,
        ),
        MetricInfo(
            "sdann_ms",
            "SDANN",
            "ms",
            "time",
            "Sample standard deviation (ddof = 1) of the means of consecutive 5-minute segments; a "
            "segment counts when it holds at least one NN interval.",
            2,
            2 * _seconds("hrv.segment_s"),
            references=_TF,
        ),
        MetricInfo(
            "sdnn_index_ms",
            "SDNN index",
            "ms",
            "time",
            "Mean of the sample standard deviations (ddof = 1) of consecutive 5-minute segments.",
            2,
            2 * _seconds("hrv.segment_s"),
            references=_TF,
        ),
        MetricInfo(
            "rmssd_ms",
            "RMSSD",
            "ms",
            "time",
            "Root mean square of the successive differences between adjacent NN intervals.",
            2,
            references=_TF,
        ),
        MetricInfo(
            "ln_rmssd",
            "ln RMSSD",
            "ln(ms)",
            "time",
            "Natural logarithm of RMSSD in ms, the usual scale for day-to-day tracking.",
            2,
            references=_TF,
        ),
        MetricInfo(
            "sdsd_ms",
            "SDSD",
            "ms",
            "time",
            "Sample standard deviation (ddof = 1) of the successive NN differences.",
            2,
            references=_TF,
        ),
        MetricInfo(
            "nn50_count",
            "NN50",
            "",
            "time",
            "Number of successive NN differences larger than 50 ms in absolute value.",
            2,
            references=("ewing_1984", "task_force_1996"),
        ),
        MetricInfo(
            "pnn50_pct",
            "pNN50",
            "%",
            "time",
            "NN50 divided by the number of NN intervals, in percent (the Task Force denominator).",
            2,
            references=("ewing_1984", "task_force_1996"),
        ),
        MetricInfo(
            "pnn20_pct",
            "pNN20",
            "%",
            "time",
            "Successive NN differences larger than 20 ms, divided by the number of NN intervals, in percent.",
            2,
            references=("mietus_2002",),
        ),
        MetricInfo(
            "mean_hr_bpm",
            "Mean HR",
            "bpm",
            "time",
            "60 000 divided by the mean NN interval in ms.",
            2,
            references=_TF,
        ),
        MetricInfo(
            "min_hr_bpm",
            "Min HR",
            "bpm",
            "time",
            "60 000 divided by the longest NN interval.",
            2,
            references=_TF,
        ),
        MetricInfo(
            "max_hr_bpm",
            "Max HR",
            "bpm",
            "time",
            "60 000 divided by the shortest NN interval.",
            2,
            references=_TF,
        ),
        MetricInfo(
            "triangular_index",
            "HRV triangular index",
            "",
            "time",
            "Number of NN intervals divided by the height of their histogram with 1/128-s bins "
            "(bins anchored at 0 ms).",
            20,
            _seconds("hrv.min_duration.geometric_s"),
            aggregation="none",
            references=_TF,
        ),
        MetricInfo(
            "tinn_ms",
            "TINN",
            "ms",
            "time",
            "Base width M - N of the triangle that best fits the 1/128-s NN histogram in the least-squares "
            "sense, the triangle being zero outside [N, M] and peaking at the histogram mode.",
            20,
            _seconds("hrv.min_duration.geometric_s"),
            references=_TF,
        ),
    ]


def _frequency_metrics(method: str, label: str) -> list[MetricInfo]:
    refs = (
        ("task_force_1996", "welch_1967")
        if method == "welch"
        else ("task_force_1996", "lomb_1976", "scargle_1982")
    )
    how = {
        "welch": "Welch periodogram of the cubic-spline resampled NN series",
        "lomb": "Lomb-Scargle periodogram of the NN intervals at their beat times",
    }[method]
    metrics = []
    for band, band_name in (("ulf", "ULF"), ("vlf", "VLF"), ("lf", "LF"), ("hf", "HF")):
        min_s = _seconds(f"hrv.min_duration.{band}_s")
        metrics += [
            MetricInfo(
                f"{band}_{method}_ms2",
                f"{band_name} power ({label})",
                "ms²",
                "frequency",
                f"Power in the {band_name} band of the {how}, integrated over the band.",
                8,
                min_s,
                references=refs,
            ),
            MetricInfo(
                f"{band}_{method}_log",
                f"ln {band_name} ({label})",
                "ln(ms²)",
                "frequency",
                f"Natural logarithm of the {band_name} power.",
                8,
                min_s,
                references=refs,
            ),
            MetricInfo(
                f"{band}_{method}_pct",
                f"{band_name} relative ({label})",
                "%",
                "frequency",
                f"{band_name} power as a percentage of the total power.",
                8,
                min_s,
                references=refs,
            ),
            MetricInfo(
                f"{band}_{method}_peak_hz",
                f"{band_name} peak ({label})",
                "Hz",
                "frequency",
                f"Frequency of the highest spectral value inside the {band_name} band.",
                8,
                min_s,
                aggregation="none",
                references=refs,
            ),
        ]
    metrics += [
        MetricInfo(
            f"total_{method}_ms2",
            f"Total power ({label})",
            "ms²",
            "frequency",
            "Power from 0 Hz to the upper edge of the HF band.",
            8,
            _seconds("hrv.min_duration.hf_s"),
            references=refs,
        ),
        MetricInfo(
            f"lf_{method}_nu",
            f"LF n.u. ({label})",
            "n.u.",
            "frequency",
            "LF / (LF + HF) × 100.",
            8,
            _seconds("hrv.min_duration.lf_s"),
            aggregation="none",
            references=refs,
        ),
        MetricInfo(
            f"hf_{method}_nu",
            f"HF n.u. ({label})",
            "n.u.",
            "frequency",
            "HF / (LF + HF) × 100.",
            8,
            _seconds("hrv.min_duration.lf_s"),
            aggregation="none",
            references=refs,
        ),
        MetricInfo(
            f"lf_hf_{method}_ratio",
            f"LF/HF ({label})",
            "",
            "frequency",
            "LF power / HF power.",
            8,
            _seconds("hrv.min_duration.lf_s"),
            aggregation="none",
            references=refs,
        ),
    ]
    return metrics


def _nonlinear_metrics() -> list[MetricInfo]:
    _ENTROPY_MIN = int(fact("hrv.entropy.min_beats").scalar())  # noqa: N806 - a constant within this table
    poincare = ("brennan_2001",)
    return [
        MetricInfo(
            "sd1_ms",
            "SD1",
            "ms",
            "nonlinear",
            "Standard deviation (ddof = 1) of the Poincaré points perpendicular to the line of identity: "
            "std(RR[n+1] - RR[n]) / √2 over adjacent NN pairs.",
            2,
            references=poincare,
        ),
        MetricInfo(
            "sd2_ms",
            "SD2",
            "ms",
            "nonlinear",
            "Standard deviation (ddof = 1) along the line of identity: std(RR[n+1] + RR[n]) / √2 over "
            "adjacent NN pairs.",
            2,
            references=poincare,
        ),
        MetricInfo(
            "sd1_sd2_ratio",
            "SD1/SD2",
            "",
            "nonlinear",
            "SD1 divided by SD2.",
            2,
            aggregation="none",
            references=poincare,
        ),
        MetricInfo(
            "sampen",
            "Sample entropy",
            "",
            "nonlinear",
            "−ln(A/B): B counts pairs of length-m templates within tolerance r (Chebyshev distance, self "
            "matches excluded), A pairs of length m+1, both over the first N−m templates; r = 0.2 × SD of "
            "the NN intervals.",
            _ENTROPY_MIN,
            aggregation="none",
            references=("richman_2000",),
        ),
        MetricInfo(
            "apen",
            "Approximate entropy",
            "",
            "nonlinear",
            "Φm − Φm+1 where Φ averages the log share of templates within r of each template, self "
            "matches included; r = 0.2 × SD.",
            _ENTROPY_MIN,
            aggregation="none",
            references=("pincus_1991",),
        ),
        MetricInfo(
            "dfa_alpha1",
            "DFA α1",
            "",
            "nonlinear",
            "Slope of log F(n) against log n for box sizes 4-16 beats, F from linear detrending of the "
            "integrated NN series in non-overlapping boxes.",
            _dfa_min_beats("hrv.dfa.alpha1_beats"),
            aggregation="none",
            references=("peng_1995",),
        ),
        MetricInfo(
            "dfa_alpha2",
            "DFA α2",
            "",
            "nonlinear",
            "As α1 for box sizes 16-64 beats.",
            _dfa_min_beats("hrv.dfa.alpha2_beats"),
            aggregation="none",
            references=("peng_1995",),
        ),
    ]


def _stress_metrics() -> list[MetricInfo]:
    nn_mean, nn_sd = fact("hrv.norm.short_term.mean_nn_ms").pair()
    rmssd_mean, rmssd_sd = fact("hrv.norm.short_term.rmssd_ms").pair()
    return [
        MetricInfo(
            "stress_index",
            "Baevsky stress index",
            "",
            "stress",
            "AMo / (2 · Mo · MxDMn): AMo the percentage of NN intervals in the modal 50-ms bin (bins "
            "anchored at 0 ms), Mo the centre of that bin in s, MxDMn the range of the NN intervals in s.",
            20,
            aggregation="none",
            references=("baevsky_2017",),
        ),
        MetricInfo(
            "stress_index_sqrt",
            "Stress index (square root)",
            "",
            "stress",
            "Square root of the Baevsky stress index, the scale Kubios reports.",
            20,
            aggregation="none",
            references=("baevsky_2017",),
        ),
        MetricInfo(
            "pns_style_index",
            "PNS-style index (approximation)",
            "z",
            "stress",
            "Mean of two z-scores against short-term norms of healthy adults (Nunan et al. 2010): "
            f"(mean NN − {nn_mean:g}) / {nn_sd:g} and (RMSSD − {rmssd_mean:g}) / {rmssd_sd:g}. An approximation in the style of Kubios's PNS "
            "index, whose exact inputs and weights are not public; 0 is the population mean, positive "
            "means more vagal (parasympathetic) activity than average. Not a diagnostic value.",
            2,
            aggregation="none",
            references=("nunan_2010",),
        ),
    ]


def _all_metrics() -> Mapping[str, MetricInfo]:
    metrics = _time_metrics() + _frequency_metrics("welch", "Welch") + _frequency_metrics("lomb", "Lomb")
    metrics += _nonlinear_metrics() + _stress_metrics()
    table = {m.symbol: m for m in metrics}
    if len(table) != len(metrics):
        raise RuntimeError("duplicate metric symbols in the HRV registry")
    return MappingProxyType(table)


METRICS: Mapping[str, MetricInfo] = _all_metrics()
