"""Store a recording with its analysis, rebuild it from the store, and recompute results that went stale.

Raw data are kept as compressed array bundles beside the recording row: ``beats`` (times, intervals and the
reader's flags), one ``channel:<name>`` per sampled channel, and the analysis outputs ``flags`` (artefact flag
per beat) and ``curve`` (the protocol's 1-Hz heart rate). Headline numbers go into the row and daily summaries
into their table, so no page has to open the data to list or trend it. Each recording with beats is also
reviewed for pacing with the lines of its day (:func:`fibrokit.services.pacing.actions.review_stored`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from fibrokit._version import __version__
from fibrokit.errors import InputError
from fibrokit.pipeline import heart_rate_series, parse_phases
from fibrokit.records import BeatSeries, Channel, Marker, Recording
from fibrokit.services.accounts.people import age_for
from fibrokit.services.home import actions as home_actions
from fibrokit.services.pacing import actions as pacing_actions
from fibrokit.services.recordings.analysis import Analysis, analyse, analysis_settings, settings_key
from fibrokit.services.recordings.guided_steps import POSTURES, STOP_REASONS
from fibrokit.store import queries
from fibrokit.store.blobs import CODEC, pack, unpack
from fibrokit.store.tables import RecordingRow, ResultRow, utcnow


def recording_hash(recording: Recording) -> str:
    """The source file's hash, or for a recording without a file (simulated) a hash of its beats."""
    if recording.source_sha256:
        return recording.source_sha256
    digest = hashlib.sha256(recording.source_name.encode())
    if recording.beats is not None:
        digest.update(recording.beats.rr_ms.tobytes())
    digest.update(str(recording.start).encode())
    return digest.hexdigest()


def _when(recording: Recording) -> tuple[dt.datetime | None, dt.date | None]:
    start = recording.start
    if start is None:
        return None, None
    if start.tzinfo is not None:
        # The day is the person's own calendar day where the recording was made.
        return start.astimezone(dt.UTC).replace(tzinfo=None), start.date()
    return start, start.date()


def save_recording(
    session: Session,
    user_id: int,
    recording: Recording,
    analysis: Analysis,
    *,
    source_file_id: int | None = None,
) -> RecordingRow:
    """Add a recording, its data bundles, results and day summary to the session (no commit)."""
    start_utc, day = _when(recording)
    row = RecordingRow(
        user_id=user_id,
        source_file_id=source_file_id,
        sha256=recording_hash(recording),
        source_name=recording.source_name[:255],
        source_format=recording.source_format,
        device=recording.device[:200],
        kind=analysis.kind,
        start_utc=start_utc,
        local_day=day,
        duration_s=recording.duration_s,
        beat_count=len(recording.beats) if recording.beats is not None else 0,
        details={
            "markers": [[m.time_s, m.label, m.kind, m.end_s] for m in recording.markers],
            "metadata": dict(recording.metadata),
            "warnings": list(recording.warnings),
        },
    )
    session.add(row)
    session.flush()
    if recording.beats is not None:
        beats = recording.beats
        queries.put_blob(
            session,
            row.id,
            "beats",
            CODEC,
            pack({"times_s": beats.times_s, "rr_ms": beats.rr_ms, "flags": beats.flags}),
        )
    for name, channel in recording.channels.items():
        arrays = {"values": channel.values, "times_s": channel.times_s, "unit": np.array(channel.unit)}
        if channel.fs_hz is not None:
            arrays["fs_hz"] = np.array(channel.fs_hz)
        queries.put_blob(session, row.id, f"channel:{name}", CODEC, pack(arrays))
    store_analysis(session, row, analysis)
    _review(session, row, recording, analysis)
    return row


def _review(session: Session, row: RecordingRow, recording: Recording, analysis: Analysis) -> None:
    beats = recording.beats
    flagged = (
        BeatSeries(beats.times_s, beats.rr_ms, analysis.flags)
        if beats is not None and analysis.flags is not None
        else heart_rate_series(dataclasses.replace(recording, beats=None))
    )
    pacing_actions.review_stored(session, row, flagged)


def store_analysis(session: Session, row: RecordingRow, analysis: Analysis) -> None:
    """Write an analysis's results, flags, curve and headline numbers, and refresh the day's summary."""
    settings = analysis_settings()
    key = settings_key(settings)
    row.kind = analysis.kind
    row.note = "\n".join(analysis.notes)
    row.mean_hr_bpm = analysis.headline("mean_hr_bpm") or analysis.mean_hr_bpm
    reliable = (analysis.hrv or {}).get("reliable", True)
    row.rmssd_ms = analysis.headline("rmssd_ms") if reliable else None
    row.ln_rmssd = analysis.headline("ln_rmssd") if reliable else None
    row.normal_share = (analysis.hrv or {}).get("normal_share")
    if analysis.flags is not None:
        queries.put_blob(session, row.id, "flags", CODEC, pack({"flags": analysis.flags}))
    if analysis.curve is not None:
        queries.put_blob(
            session, row.id, "curve", CODEC, pack({"times_s": analysis.curve[0], "hr_bpm": analysis.curve[1]})
        )
    payloads: dict[str, dict[str, Any] | None] = {
        "hrv": analysis.hrv,
        "windows": analysis.windows,
        "protocol": analysis.protocol,
        # Always present, so every recording has a result that records what it was computed with.
        "analysis": {
            "kind": analysis.kind,
            "notes": analysis.notes,
            "flagged_share": analysis.flagged_share,
            "phases": analysis.phases,
        },
    }
    for kind, data in payloads.items():
        if data is None:
            continue
        queries.put_result(
            session,
            ResultRow(
                recording_id=row.id,
                user_id=row.user_id,
                kind=kind,
                settings_key=key,
                settings=settings,
                version=__version__,
                source_sha256=row.sha256,
                data=data,
                computed_at=utcnow(),
            ),
        )
    if row.local_day is not None:
        home_actions.refresh_day_summary(session, row.user_id, row.local_day)


def load_recording(session: Session, row: RecordingRow) -> Recording:
    """Rebuild the :class:`Recording` a stored row was made from (beats, channels, markers, metadata)."""
    stored = queries.blobs(session, row.id)
    beats = None
    if "beats" in stored:
        arrays = unpack(stored["beats"])
        beats = BeatSeries(arrays["times_s"], arrays["rr_ms"], arrays["flags"])
    channels = {}
    for name, data in stored.items():
        if name.startswith("channel:"):
            arrays = unpack(data)
            fs = float(arrays["fs_hz"]) if "fs_hz" in arrays else None
            channel = name.removeprefix("channel:")
            channels[channel] = Channel(channel, str(arrays["unit"]), arrays["values"], arrays["times_s"], fs)
    details = row.details or {}
    markers = tuple(
        Marker(float(t), str(label), str(kind), end) for t, label, kind, end in details.get("markers", [])
    )
    start = row.start_utc.replace(tzinfo=dt.UTC) if row.start_utc is not None else None
    return Recording(
        start=start,
        channels=channels,
        beats=beats,
        markers=markers,
        device=row.device,
        source_format=row.source_format,
        source_name=row.source_name,
        source_sha256=row.sha256,
        warnings=tuple(details.get("warnings", [])),
        metadata=dict(details.get("metadata", {})),
    )


@dataclasses.dataclass(frozen=True)
class ExerciseSaid:
    """What the person says of an exercise test they mark by hand, as a guided test asks it.

    ``cool_down`` is the recovery posture (a key of :data:`~fibrokit.services.recordings.guided_steps.POSTURES`) and
    ``stopped_because`` is ``"limit"`` (they could not go on) or ``"chosen"`` (they stopped at a level they chose);
    ``""`` means not said, and the recording's own metadata (or "unknown") is used.
    """

    cool_down: str = ""
    stopped_because: str = ""

    def __post_init__(self) -> None:
        if self.cool_down and self.cool_down not in POSTURES:
            raise InputError(
                f"the recovery posture must be one of {', '.join(POSTURES)}, not {self.cool_down!r}"
            )
        if self.stopped_because not in STOP_REASONS:
            raise InputError(f"why you stopped must be 'limit' or 'chosen', not {self.stopped_because!r}")

    @classmethod
    def from_stored(cls, given: dict[str, Any]) -> ExerciseSaid:
        """What was kept with a recording's given phases (nothing said for older recordings)."""
        return cls(str(given.get("cool_down") or ""), str(given.get("stopped_because") or ""))

    def options(self) -> dict[str, Any]:
        """The exercise-test options of :func:`~fibrokit.services.recordings.analysis.analyse`."""
        effort = STOP_REASONS[self.stopped_because]
        return {
            "cool_down": self.cool_down or None,
            "peak_effort": {"true": True, "false": False}.get(effort),
        }

    def stored(self) -> dict[str, str]:
        """What to keep with the recording's given phases."""
        return {"cool_down": self.cool_down, "stopped_because": self.stopped_because}


def rescore_as_test(
    session: Session,
    row: RecordingRow,
    kind: str,
    phases_text: str,
    *,
    age: float | None,
    told: ExerciseSaid | None = None,
) -> str:
    """Score a stored recording again as the test ``kind``, with the phases the person typed.

    The phases, and what the person said of an exercise test (``told``), are kept with the recording, so later
    recomputations use them too. Returns "" when it was scored, else the one sentence that says why not
    (nothing stored is changed then).
    """
    try:
        phases = dict(parse_phases(phases_text, kind)) if phases_text.strip() else {}
    except InputError as error:
        return f"{row.source_name}: {error}"
    told = told or ExerciseSaid()
    recording = load_recording(session, row)
    analysis = analyse(recording, kind_hint=kind, age=age, phases=phases, **told.options())
    if analysis.kind != kind:
        return next((note for note in analysis.notes if note), f"{row.source_name}: not scored as {kind}")
    row.details = {
        **(row.details or {}),
        "given": {"kind": kind, "phases": {k: list(v) for k, v in phases.items()}, **told.stored()},
    }
    store_analysis(session, row, analysis)
    _review(session, row, recording, analysis)
    return ""


def given_phases(row: RecordingRow) -> dict[str, tuple[float, float]]:
    """The phases the person gave for a stored recording ("this was a test"), by phase name."""
    given = (row.details or {}).get("given") or {}
    return {name: (float(span[0]), float(span[1])) for name, span in (given.get("phases") or {}).items()}


def recompute(session: Session, row: RecordingRow, *, age: float | None = None) -> None:
    """Analyse a stored recording again with today's settings and version, replacing its results."""
    given = (row.details or {}).get("given") or {}
    hint = given.get("kind") or (row.kind if row.kind != "activity" else "auto")
    phases = given_phases(row)
    recording = load_recording(session, row)
    told = ExerciseSaid.from_stored(given)
    analysis = analyse(recording, kind_hint=hint, age=age, phases=phases, **told.options())
    store_analysis(session, row, analysis)
    _review(session, row, recording, analysis)


def recompute_stale(session: Session, *, limit: int = 100) -> int:
    """Recompute up to ``limit`` recordings whose results are stale; returns how many were done."""
    ids = queries.stale_recording_ids(session, settings_key(analysis_settings()), __version__, limit)
    for recording_id in ids:
        row = session.get(RecordingRow, recording_id)
        if row is not None:
            recompute(session, row, age=age_for(session, row.user_id, row.start_utc, {}))
    return len(ids)
