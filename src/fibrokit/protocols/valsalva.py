"""The Valsalva manoeuvre: the ratio of the longest interval after release to the shortest during the strain."""

from __future__ import annotations

import numpy as np

from fibrokit.beats import rr_flag_artifacts
from fibrokit.beats.rr_flag_artifacts import ArtifactMethod
from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols import _hr
from fibrokit.protocols._result import Finding, Norm, ProtocolResult, banded
from fibrokit.records import BeatSeries, Recording


def valsalva(
    recording: Recording,
    *,
    strain_start_s: float | None = None,
    release_s: float | None = None,
    artifact_method: ArtifactMethod = "lipponen2019",
) -> ProtocolResult:
    """Score a Valsalva manoeuvre.

    The strain and the release come from ``strain`` and ``release`` markers, from the arguments, or from the
    heart-rate curve (the release at the fastest heart rate, the strain the 15 s before it). The ratio is the
    longest RR interval within 30 s after release over the shortest during the strain (Ewing battery).
    ``artifact_method`` says how beats are checked for artefacts (``"none"`` keeps the flags they carry).

    Returns
    -------
    ProtocolResult
        Finding ``valsalva_ratio`` with the Ewing bands.

    Examples
    --------
    >>> from fibrokit.protocols import valsalva
    >>> from fibrokit.simulate import simulate_valsalva, typical
    >>> valsalva(simulate_valsalva(typical(), seed=4).recording).finding("valsalva_ratio").category
    'normal'
    """
    beats = rr_flag_artifacts(_hr.usable_beats(recording, "a Valsalva manoeuvre"), artifact_method)
    strain, release, source = _phases(recording, beats, strain_start_s, release_s)
    window = fact("protocols.valsalva.after_release_s").scalar()
    times, rr, normal = beats.times_s, beats.rr_ms, _hr.usable_mask(beats)
    during = (times >= strain) & (times < release) & normal
    after = (times >= release) & (times < release + window) & normal
    if not during.any() or after.sum() < fact("protocols.valsalva.min_beats_after_release").scalar():
        raise InsufficientData(
            f"{recording.source_name}: the recording does not cover the strain and the 30 s after release"
        )
    ratio = float(rr[after].max() / rr[during].min())
    normal_at, abnormal_at = fact("protocols.ewing.valsalva_ratio").pair()
    norm = Norm(
        f"≥ {normal_at:g} normal, ≤ {abnormal_at:g} abnormal (Ewing battery)",
        ("protocols.ewing.valsalva_ratio",),
    )
    finding = Finding(
        "valsalva_ratio", "Valsalva ratio", ratio, "", banded(ratio, normal_at, abnormal_at), (norm,)
    )
    caveats = ("The strain was found on the heart-rate curve.",) if source == "detected" else ()
    summary = (
        f"During the strain heart rate rose (shortest interval {rr[during].min():.0f} ms); after release it "
        f"slowed (longest interval {rr[after].max():.0f} ms): a ratio of {ratio:.2f}.",
        "Run the manoeuvre three times and keep the highest ratio; stop if you feel faint. This describes "
        "the test; it is not a diagnosis.",
    )
    spans = [("strain", strain, release), ("release", release, release + window)]
    return ProtocolResult(
        "valsalva",
        (finding,),
        _hr.phase_markers(spans, source),
        caveats,
        summary,
        {"artifact_method": artifact_method},
        curve=_hr.curve_1hz(beats),
    )


def _phases(
    recording: Recording, beats: BeatSeries, strain: float | None, release: float | None
) -> tuple[float, float, str]:
    if strain is not None and release is not None:
        return strain, release, "given"
    marked_strain = _hr.marker_start(recording, ("strain", "valsalva"))
    marked_release = _hr.marker_start(recording, ("release",))
    if marked_strain is not None and marked_release is not None:
        return marked_strain, marked_release, "markers"
    times, smooth = _hr.smoothed(beats)
    peak = float(times[int(np.argmax(smooth))])
    return peak - fact("protocols.valsalva.strain_s").scalar(), peak, "detected"
