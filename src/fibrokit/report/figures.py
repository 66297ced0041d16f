"""Figures for reports: pure functions from results (and beats) to matplotlib figures."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from fibrokit.errors import FibrokitError
from fibrokit.evidence import fact
from fibrokit.hrv import hrv_spectrum
from fibrokit.protocols import ProtocolResult
from fibrokit.records import BeatSeries, Recording

_PHASE_COLOURS = {
    "rest": "#e8f1fb",
    "lying": "#e8f1fb",
    "exercise": "#fde8e1",
    "standing": "#fdf3dc",
    "recovery": "#e6f5e9",
    "deep breathing": "#efe6f7",
    "strain": "#fde8e1",
    "release": "#e6f5e9",
}


def figure_hr_curve(result: ProtocolResult, *, predicted_max: float | None = None) -> Figure:
    """Heart rate over the test with its phases shaded (and the predicted maximum, for exercise)."""
    times, hr = (np.asarray(v, dtype=float) for v in result.curve)
    figure = Figure(figsize=(7.5, 3.0))
    axes = figure.subplots()
    for phase in result.phases:
        colour = _PHASE_COLOURS.get(phase.label, "#f2f2f2")
        axes.axvspan(
            (phase.time_s - times[0]) / 60, ((phase.end_s or phase.time_s) - times[0]) / 60, color=colour
        )
        axes.text(
            (phase.time_s - times[0]) / 60,
            1.0,
            f" {phase.label}",
            transform=axes.get_xaxis_transform(),
            va="top",
            fontsize=8,
            color="#444444",
        )
    unit = "%" if result.protocol == "muscle-oxygen" else "bpm"
    axes.plot((times - times[0]) / 60, hr, color="#b03a2e" if unit == "bpm" else "#1f618d", lw=1.2)
    if predicted_max is not None:
        axes.axhline(predicted_max, color="#555555", ls="--", lw=0.8)
        axes.text(
            (times[-1] - times[0]) / 60,
            predicted_max,
            "predicted maximum ",
            va="bottom",
            ha="right",
            fontsize=8,
            color="#555555",
        )
    axes.set_xlabel("minutes")
    axes.set_ylabel("SmO2 (%)" if unit == "%" else "heart rate (bpm)")
    axes.margins(x=0)
    figure.tight_layout()
    return figure


def figure_recovery(result: ProtocolResult) -> Figure:
    """Heart-rate recovery after exercise, with the study groups' values at 1 and 2 minutes."""
    marks, values = [], []
    for finding in result.findings:
        if finding.symbol.startswith("hrr_") and np.isfinite(finding.value):
            marks.append(int(finding.symbol.split("_")[1].rstrip("s")))
            values.append(finding.value)
    figure = Figure(figsize=(7.5, 3.0))
    axes = figure.subplots()
    axes.plot(marks, values, "o-", color="#b03a2e", label="this test")
    for finding in result.findings:
        if finding.symbol in ("hrr_60s_bpm", "hrr_120s_bpm"):
            for norm in finding.norms:
                if norm.label.startswith("study groups"):
                    _group_points(axes, int(finding.symbol.split("_")[1].rstrip("s")), norm.evidence)
    axes.set_xlabel("seconds after stopping")
    axes.set_ylabel("fall from peak (bpm)")
    axes.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    return figure


def _group_points(axes: Axes, mark: int, keys: tuple[str, ...]) -> None:
    for key, colour, label in zip(
        keys, ("#7d3c98", "#1e8449"), ("fibromyalgia group", "control group"), strict=False
    ):
        mean, spread = fact(key).pair()
        axes.errorbar(
            [mark],
            [mean],
            yerr=[spread],
            fmt="s",
            color=colour,
            capsize=3,
            label=label if mark == 60 else None,
        )


def figure_poincare(beats: BeatSeries) -> Figure:
    """Each normal interval against the next (Poincaré plot)."""
    pairs = beats.normal[1:] & beats.normal[:-1]
    x, y = beats.rr_ms[:-1][pairs], beats.rr_ms[1:][pairs]
    figure = Figure(figsize=(3.6, 3.6))
    axes = figure.subplots()
    axes.scatter(x, y, s=4, alpha=0.5, color="#1f618d")
    low, high = float(min(x.min(), y.min())), float(max(x.max(), y.max()))
    axes.plot([low, high], [low, high], color="#999999", lw=0.8)
    axes.set_xlabel("RR n (ms)")
    axes.set_ylabel("RR n+1 (ms)")
    axes.set_aspect("equal")
    figure.tight_layout()
    return figure


def figure_spectrum(beats: BeatSeries) -> Figure:
    """Welch spectrum of the NN intervals with the LF and HF bands."""
    spectrum = hrv_spectrum(beats)
    keep = spectrum.frequencies_hz <= 0.5
    figure = Figure(figsize=(3.8, 3.6))
    axes = figure.subplots()
    axes.plot(spectrum.frequencies_hz[keep], spectrum.density_ms2_hz[keep], color="#333333", lw=1)
    for name, (low, high), colour in (
        ("LF", spectrum.bands.lf, "#f5b7b1"),
        ("HF", spectrum.bands.hf, "#aed6f1"),
    ):
        axes.axvspan(low, high, color=colour, alpha=0.6, label=name)
    axes.set_xlabel("frequency (Hz)")
    axes.set_ylabel("power (ms²/Hz)")
    axes.legend(fontsize=8)
    figure.tight_layout()
    return figure


def figure_seesaw(result: ProtocolResult) -> Figure:
    """The autonomic seesaw, tilted by the PNS-style index (vagal activity against healthy adults' norms).

    As on a playground seesaw, the heavier side sinks: an index above 0 (more vagal activity than the average
    healthy adult) puts the vagal end (left) lower, an index below 0 puts it higher, and a sentence under the
    picture says which. The beam is the figure's first line, drawn from its vagal end to its sympathetic end.
    """
    if result.hrv is None:
        raise FibrokitError("the seesaw needs a resting reading's HRV")
    z = float(np.clip(np.nan_to_num(result.hrv["pns_style_index"]), -2.5, 2.5))
    vagal_y, sympathetic_y = seesaw_ends(z)
    figure = Figure(figsize=(5.0, 2.8))
    axes = figure.subplots()
    axes.plot([-1.0, 1.0], [vagal_y, sympathetic_y], color="#444444", lw=4)
    axes.plot([-0.15, 0.0, 0.15, -0.15], [0.0, 0.3, 0.0, 0.0], color="#444444")
    axes.text(-1.0, vagal_y + 0.18, "vagal\n(rest and digest)", ha="center", fontsize=8, color="#1f618d")
    axes.text(
        1.0, sympathetic_y + 0.18, "sympathetic\n(fight or flight)", ha="center", fontsize=8, color="#b03a2e"
    )
    if z > 0:
        reading = "vagal side lower: more vagal activity than healthy adults' average"
    elif z < 0:
        reading = "vagal side higher: less vagal activity than healthy adults' average"
    else:
        reading = "level: vagal activity at healthy adults' average"
    axes.text(0.0, -0.3, f"The heavier side sinks. {reading}.", ha="center", fontsize=8)
    axes.text(
        0.0,
        -0.5,
        f"PNS-style index {z:+.1f} (0 = healthy adults' average; an approximation)",
        ha="center",
        fontsize=8,
    )
    axes.set_xlim(-1.5, 1.5)
    axes.set_ylim(-0.65, 1.4)
    axes.axis("off")
    figure.tight_layout()
    return figure


def figure_muscle_oxygen(recording: Recording) -> Figure:
    """SmO2 of every sensor of a recording (``smo2``, ``smo2_2`` ...), with its given or lap markers named."""
    figure = Figure(figsize=(7.5, 3.0))
    axes = figure.subplots()
    names = [n for n in recording.channels if n == "smo2" or (n.startswith("smo2_") and n[5:].isdigit())]
    for number, name in enumerate(sorted(names), start=1):
        channel = recording.channels[name]
        keep = np.isfinite(channel.values)
        label = f"sensor {number}" + (
            f" ({recording.metadata[f'sensor_{number}']})" if f"sensor_{number}" in recording.metadata else ""
        )
        axes.plot(channel.times_s[keep] / 60, channel.values[keep], lw=1.0, label=label)
    if len(names) > 1:
        axes.legend(fontsize=8, loc="lower left")
    axes.set_xlabel("minutes")
    axes.set_ylabel("SmO2 (%)")
    axes.margins(x=0)
    figure.tight_layout()
    return figure


def seesaw_ends(index: float) -> tuple[float, float]:
    """Heights of the beam's vagal and sympathetic ends for a PNS-style index: the vagal end sinks as it rises.

    Examples
    --------
    >>> vagal, sympathetic = seesaw_ends(1.0)
    >>> vagal < sympathetic
    True
    """
    tilt = np.sin(np.deg2rad(8.0 * index))  # 8° per unit of the index, at most 20° at the clipped ±2.5
    pivot = 0.3
    return pivot - float(tilt), pivot + float(tilt)


def section_figures(
    result: ProtocolResult, beats: BeatSeries | None
) -> tuple[tuple[str, Callable[[], Figure]], ...]:
    """The figures a report shows for one result: (caption, maker) pairs, drawn when rendered.

    Only figures with data are returned (an exercise test without a curve or without any recovery lag leaves
    that chart out).
    """
    if result.protocol == "exercise-test":
        predicted = result["hrmax_predicted_bpm"]
        figures: list[tuple[str, Callable[[], Figure]]] = []
        if result.curve[0]:
            figures.append(
                ("Heart rate through the test", lambda: figure_hr_curve(result, predicted_max=predicted))
            )
        if any(f.symbol.startswith("hrr_") and np.isfinite(f.value) for f in result.findings):
            figures.append(("Heart-rate recovery", lambda: figure_recovery(result)))
        return tuple(figures)
    if result.protocol == "morning-reading" and beats is not None and result.hrv is not None:
        return (
            ("Each interval against the next (Poincaré plot)", lambda: figure_poincare(beats)),
            ("Spectrum", lambda: figure_spectrum(beats)),
            ("Vagal activity against healthy adults", lambda: figure_seesaw(result)),
        )
    if result.curve[0]:
        caption = "Muscle oxygen through the test" if result.protocol == "muscle-oxygen" else "Heart rate"
        return ((caption, lambda: figure_hr_curve(result)),)
    return ()
