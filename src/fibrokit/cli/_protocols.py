"""The tests as the command line names them, and running one through the analysis pipeline.

Shared by ``analyze`` and ``demo``; the choice of protocol itself is the core's (:func:`fibrokit.analyse_recording`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fibrokit.cli._choices import KIND_OF
from fibrokit.errors import InputError

if TYPE_CHECKING:
    from fibrokit.pipeline import Person, RecordingAnalysis
    from fibrokit.protocols import ProtocolResult
    from fibrokit.records import Recording


def run_pipeline(
    recording: Recording,
    protocol: str,
    person: Person,
    *,
    phases: str | None = None,
    hrmax: str = "fox",
    cool_down: str | None = None,
    beta_blocker: bool = False,
    peak_effort: bool | None = None,
    artifact_method: str = "lipponen2019",
) -> RecordingAnalysis:
    """Analyse a recording with the options of the command line; a test the person named must be scored."""
    from fibrokit.pipeline import AnalysisSettings, analyse_recording, parse_phases

    kind = KIND_OF[protocol]  # a value of --protocol (fibrokit.cli._choices.PROTOCOLS)
    given = parse_phases(phases, None if kind in ("auto", "activity") else kind) if phases else {}
    settings = AnalysisSettings(
        kind=kind,
        phases=dict(given),
        artifact_method=artifact_method,  # type: ignore[arg-type]  # the command line offers only valid names
        hrmax_formula=hrmax,
        cool_down=cool_down,
        beta_blocker=beta_blocker,
        peak_effort=peak_effort,
    )
    done = analyse_recording(recording, person, settings)
    if (kind not in ("auto", "activity") or given) and done.protocol is None:
        raise InputError(done.reason.replace("give your age to score it", "give your age with --age"))
    return done


def score(
    recording: Recording,
    protocol: str,
    *,
    age: float | None,
    cool_down: str | None = None,
    peak_effort: bool | None = None,
) -> ProtocolResult:
    """The scored test of a recording the person named (the demo's simulated sessions)."""
    from fibrokit.pipeline import Person

    done = run_pipeline(recording, protocol, Person(age=age), cool_down=cool_down, peak_effort=peak_effort)
    assert done.protocol is not None  # run_pipeline refuses a named test it could not score
    return done.protocol
