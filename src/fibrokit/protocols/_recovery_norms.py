"""Heart-rate recovery cut-offs, each kept with the posture and protocol it was published for.

Recovery depends on what the body does after the stop (walking on, sitting or lying down) and on whether the
test went to exhaustion, and each published cut-off was measured one way; it applies only to a recovery
measured the same way. The table maps
(cool-down, protocol, seconds) to the evidence key of a published cut-off; any other combination shows none,
a caveat says so.
"""

from __future__ import annotations

from typing import Literal

from fibrokit.choices import CoolDown as CoolDown
from fibrokit.evidence import FACTS, fact
from fibrokit.protocols._result import Finding, Norm

TestKind = Literal["symptom-limited", "submaximal", "unknown"]

COOL_DOWN_TEXT: dict[str, str] = {
    "active": "an active cool-down (walking or easy pedalling)",
    "seated": "sitting down straight after stopping",
    "supine": "lying down straight after stopping",
    "none": "stopping with no cool-down (posture not recorded)",
    "unknown": "an unrecorded cool-down",
}

# (cool-down, protocol) → evidence keys of the cut-offs published for it ("abnormal at or below"); the key names
# the lag it applies to (``hrr60`` = 60 s).
CUTOFFS: dict[tuple[str, str], tuple[str, ...]] = {
    ("active", "symptom-limited"): ("protocols.hrr60.cole_1999",),
    ("supine", "symptom-limited"): ("protocols.hrr60.watanabe_2001",),
    ("none", "symptom-limited"): ("protocols.hrr120.shetler_2001",),
    ("none", "submaximal"): ("protocols.hrr120.cole_2000",),
}


def effort_kind(peak_effort: bool | None) -> TestKind:
    """The protocol of the test as far as the cut-offs care: to exhaustion, submaximal, or not said."""
    if peak_effort is None:
        return "unknown"
    return "symptom-limited" if peak_effort else "submaximal"


def cutoff_mark_s(key: str) -> int:
    """The lag in seconds a cut-off applies to, read from its evidence key (``protocols.hrr60.…`` → 60)."""
    return int(key.split(".")[1].removeprefix("hrr"))


def recovery_caveat(cool_down: CoolDown, kind: TestKind) -> str | None:
    """One sentence when no published cut-off matches this posture and protocol; None when one does."""
    if cool_down == "unknown":
        return (
            "The cool-down is unknown, so heart-rate recovery is not compared with cut-offs, which depend on "
            "it; record whether you walked, sat or lay down after stopping."
        )
    if kind == "unknown":
        return (
            "Whether the test went to exhaustion was not recorded, so heart-rate recovery is not compared with "
            "cut-offs, which differ between maximal and submaximal tests."
        )
    if (cool_down, kind) not in CUTOFFS:
        return (
            f"No heart-rate recovery cut-off is published in fibrokit's sources for a {kind} test followed by "
            f"{COOL_DOWN_TEXT[cool_down]}, so recovery is shown without one."
        )
    return None


def recovery_finding(mark: int, value: float, cool_down: CoolDown, kind: TestKind) -> Finding:
    """A recovery value with the cut-off published for its posture and protocol, if there is one."""
    norms: list[Norm] = []
    category = None
    for key in CUTOFFS.get((cool_down, kind), ()):
        if cutoff_mark_s(key) != mark:
            continue
        limit = fact(key).scalar()
        norms.append(
            Norm(f"{limit:g} bpm or less is abnormal ({kind} test, {COOL_DOWN_TEXT[cool_down]})", (key,))
        )
        category = "abnormal" if value <= limit else "normal"
    group = (f"fm.exercise.hrr{mark}_bpm", f"control.exercise.hrr{mark}_bpm")
    if all(key in FACTS for key in group):
        fm, control = fact(group[0]).pair(), fact(group[1]).pair()
        norms.append(
            Norm(
                f"study groups: fibromyalgia {fm[0]:g} ± {fm[1]:g}, controls {control[0]:g} ± "
                f"{control[1]:g} bpm (mean ± SE, treadmill to exhaustion; recovery posture not stated in "
                "fibrokit's sources)",
                group,
            )
        )
    return Finding(
        f"hrr_{mark}s_bpm", f"Heart-rate recovery at {mark} s", value, "bpm", category, tuple(norms)
    )
