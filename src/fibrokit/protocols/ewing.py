"""An Ewing-style composite of the cardiovascular reflex tests that were done."""

from __future__ import annotations

from fibrokit.errors import InsufficientData
from fibrokit.evidence import fact
from fibrokit.protocols._result import Finding, Norm, ProtocolResult

_HR_TESTS = {"deep-breathing": "max_min_hr_bpm", "valsalva": "valsalva_ratio", "active-stand": "ratio_30_15"}
_BP_TESTS = {"active-stand": "sbp_fall_2min_mmhg"}


def ewing(*results: ProtocolResult) -> ProtocolResult:
    """Combine the heart-rate (and any blood-pressure) tests present into Ewing's categories.

    Ewing's scoring of the battery: all tests normal, or one borderline — *normal*; one of the three heart-rate
    tests abnormal, or two borderline — *early* involvement; two or more heart-rate tests abnormal — *definite*;
    definite plus an abnormal blood-pressure test — *severe*; any other combination — *atypical*. With fewer
    than three heart-rate tests the category is given as provisional. The categories come from diabetes
    care; in fibromyalgia they describe the autonomic tests, they do not diagnose a neuropathy.

    Returns
    -------
    ProtocolResult
        Finding ``ewing_abnormal_hr_tests`` (count) with the category in the summary and settings.

    Examples
    --------
    >>> from fibrokit.protocols import deep_breathing, ewing, valsalva
    >>> from fibrokit.simulate import simulate_deep_breathing, simulate_valsalva, typical
    >>> db = deep_breathing(simulate_deep_breathing(typical(), seed=3).recording, age=41)
    >>> va = valsalva(simulate_valsalva(typical(), seed=4).recording)
    >>> ewing(db, va).settings["category"]
    'normal (provisional: 2 of 3 heart-rate tests)'
    """
    categories = {}
    for result in results:
        symbol = _HR_TESTS.get(result.protocol)
        if symbol is not None and result.finding(symbol).category is not None:
            categories[result.protocol] = result.finding(symbol).category
    if not categories:
        raise InsufficientData(
            "the Ewing composite needs at least one of deep breathing, Valsalva or active stand"
        )
    bp_abnormal = any(
        f.category == "abnormal" for r in results for f in r.findings if f.symbol in _BP_TESTS.values()
    )
    abnormal = sum(c == "abnormal" for c in categories.values())
    borderline = sum(c == "borderline" for c in categories.values())
    category = _category(abnormal, borderline, bp_abnormal)
    if len(categories) < len(_HR_TESTS):
        category += f" (provisional: {len(categories)} of {len(_HR_TESTS)} heart-rate tests)"
    evidence = (
        "protocols.ewing.deep_breathing_bpm",
        "protocols.ewing.valsalva_ratio",
        "protocols.ewing.ratio_30_15",
    )
    finding = Finding(
        "ewing_abnormal_hr_tests",
        "Abnormal heart-rate tests",
        float(abnormal),
        "",
        "context",
        (Norm("Ewing scoring of the cardiovascular reflex battery", evidence),),
    )
    summary = (
        "Tests included: " + ", ".join(f"{name} ({cat})" for name, cat in categories.items()) + ".",
        f"By Ewing's scoring this pattern is '{category}'. The scoring was made for diabetes; here it only "
        "summarises the tests and is not a diagnosis.",
    )
    return ProtocolResult("ewing", (finding,), summary=summary, settings={"category": category})


def _category(abnormal: int, borderline: int, bp_abnormal: bool) -> str:
    two = fact("protocols.ewing.definite_count").scalar()
    if abnormal >= two:
        return "severe" if bp_abnormal else "definite"
    if abnormal == 1 or borderline >= two:
        return "early" if abnormal + borderline <= two else "atypical"
    return "normal" if not bp_abnormal else "atypical"
