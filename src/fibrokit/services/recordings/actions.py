"""What changes a person's recordings: storing one with its analysis, scoring it again, its day, its name.

Every function takes the caller's session and never commits: the route, the command, the importer or the test
that calls it owns the transaction (and rolls back on a refusal). Headline numbers go into the recording's row
and results into their table, so no page has to open the data to list it. What else a stored recording
changes — the day's summary and readiness, the pacing reviews — is not done here: the caller runs
:func:`fibrokit.services.recordings.after_store.after_recording_stored` once the recording is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from fibrokit._version import __version__
from fibrokit.errors import FibrokitError, InputError
from fibrokit.pipeline import parse_phases
from fibrokit.readers._dates import DATE_SOURCE, FROM_PERSON
from fibrokit.records import Recording
from fibrokit.services.accounts.people import age_for
from fibrokit.services.recordings import queries
from fibrokit.services.recordings.analysis import Analysis, analyse, analysis_settings, settings_key
from fibrokit.services.recordings.queries import Session
from fibrokit.services.recordings.results import Json, clean, protocol_json
from fibrokit.services.recordings.stored import ExerciseSaid, given_phases, load_recording, recording_hash
from fibrokit.services.recordings.title import TITLE_MAX
from fibrokit.store.blobs import CODEC, pack
from fibrokit.store.tables import RecordingRow, ResultRow, utcnow


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
    """Add a recording, its data bundles and results to the session (no commit).

    The caller then runs :func:`~fibrokit.services.recordings.after_store.after_recording_stored`.
    """
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
    queries.add(session, row)
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
    return row


def store_analysis(session: Session, row: RecordingRow, analysis: Analysis) -> None:
    """Write an analysis's results, flags, curve and headline numbers."""
    settings = analysis_settings()
    key = settings_key(settings)
    row.kind = analysis.kind
    row.note = "\n".join(analysis.notes)
    row.mean_hr_bpm = analysis.headline("mean_hr_bpm") or analysis.mean_hr_bpm
    hrv = analysis.hrv
    reliable = hrv is None or hrv.reliable
    row.rmssd_ms = analysis.headline("rmssd_ms") if reliable else None
    row.ln_rmssd = analysis.headline("ln_rmssd") if reliable else None
    row.normal_share = clean(hrv.result.normal_share) if hrv is not None else None
    if analysis.flags is not None:
        queries.put_blob(session, row.id, "flags", CODEC, pack({"flags": analysis.flags}))
    if analysis.curve is not None:
        queries.put_blob(
            session, row.id, "curve", CODEC, pack({"times_s": analysis.curve[0], "hr_bpm": analysis.curve[1]})
        )
    payloads: dict[str, Json | None] = {
        "hrv": hrv.to_json() if hrv is not None else None,
        "windows": analysis.windows.to_json() if analysis.windows is not None else None,
        "protocol": protocol_json(analysis.protocol) if analysis.protocol is not None else None,
        # Always present, so every recording has a result that records what it was computed with.
        "analysis": {
            "kind": analysis.kind,
            "notes": list(analysis.notes),
            "flagged_share": analysis.flagged_share,
            "phases": analysis.phases_json(),
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
    (nothing stored is changed then). When scored, the caller runs
    :func:`~fibrokit.services.recordings.after_store.after_recording_stored`.
    """
    try:
        phases = dict(parse_phases(phases_text, kind)) if phases_text.strip() else {}
    except InputError as error:
        return f"{row.source_name}: {error}"
    told = told or ExerciseSaid()
    analysis = _analyse_stored(session, row, kind, age, phases, told)
    if analysis.kind != kind:
        return next((note for note in analysis.notes if note), f"{row.source_name}: not scored as {kind}")
    row.details = {
        **(row.details or {}),
        "given": {"kind": kind, "phases": {k: list(v) for k, v in phases.items()}, **told.stored()},
    }
    store_analysis(session, row, analysis)
    return ""


def recompute(session: Session, row: RecordingRow, *, age: float | None = None) -> None:
    """Analyse a stored recording again with today's settings and version, replacing its results.

    The caller then runs :func:`~fibrokit.services.recordings.after_store.after_recording_stored`.
    """
    given = (row.details or {}).get("given") or {}
    hint = given.get("kind") or (row.kind if row.kind != "activity" else "auto")
    analysis = _analyse_stored(session, row, hint, age, given_phases(row), ExerciseSaid.from_stored(given))
    store_analysis(session, row, analysis)


def _analyse_stored(
    session: Session,
    row: RecordingRow,
    kind_hint: str,
    age: float | None,
    phases: dict[str, tuple[float, float]],
    told: ExerciseSaid,
) -> Analysis:
    """Analyse a stored recording as read back, with the phases given and what the person said of it."""
    return analyse(
        load_recording(session, row),
        kind_hint=kind_hint,
        age=age,
        phases=phases,
        cool_down=told.cool_down_option,
        peak_effort=told.peak_effort_option,
    )


def recompute_stale(
    session: Session, *, limit: int = 100, then: Callable[[Session, RecordingRow], None] | None = None
) -> int:
    """Recompute up to ``limit`` recordings whose results are stale; returns how many were done.

    ``then`` is the step the caller runs after each recording is recomputed, in the same transaction (the
    importer and ``fibrokit db upgrade`` pass
    :func:`~fibrokit.services.recordings.after_store.after_recording_stored`).
    """
    ids = queries.stale_recording_ids(session, settings_key(analysis_settings()), __version__, limit)
    for recording_id in ids:
        row = queries.recording_by_id(session, recording_id)
        if row is not None:
            recompute(session, row, age=age_for(session, row.user_id, row.start_utc, {}))
            if then is not None:
                then(session, row)
    return len(ids)


def set_recording_day(
    session: Session, user_id: int, recording_id: int, text: str
) -> tuple[RecordingRow, dt.date | None] | None:
    """Move a person's recording to the day ``text`` (YYYY-MM-DD): the recording and the day it had before.

    A morning reading without a date cannot be anyone's morning: readiness, trends and pacing lines all go by
    day. The recording is analysed again for that day and its metadata says the date was given by the person;
    the caller then runs :func:`~fibrokit.services.recordings.after_store.after_recording_stored` with the old
    day (``moved_from``), whose summary is rebuilt too. None when the recording is not theirs.

    Raises
    ------
    FibrokitError
        When ``text`` is not a day, or is in the future (one sentence saying so).
    """
    row = queries.get_recording(session, user_id, recording_id)
    if row is None:
        return None
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FibrokitError(f"{text!r} is not a day: choose one, or write it as YYYY-MM-DD") from None
    if day > dt.date.today() + dt.timedelta(days=1):
        raise FibrokitError(f"{day.isoformat()} is in the future: choose the day the recording was made")
    old = row.local_day
    if row.start_utc is None or old is None:
        row.start_utc = dt.datetime.combine(day, dt.time())
    else:
        row.start_utc = row.start_utc + (day - old)
    row.local_day = day
    details = dict(row.details or {})
    metadata = dict(details.get("metadata", {}))
    metadata[DATE_SOURCE] = FROM_PERSON
    details["metadata"] = metadata
    row.details = details
    session.flush()
    recompute(
        session, row, age=age_for(session, user_id, row.start_utc, load_recording(session, row).metadata)
    )
    return row, old


def rename_recording(session: Session, user_id: int, recording_id: int, text: str) -> RecordingRow | None:
    """Give a person's recording the name ``text`` (empty: the default title); None when it is not theirs.

    Raises
    ------
    FibrokitError
        When the name is longer than ``TITLE_MAX`` characters (one sentence saying so).
    """
    row = queries.get_recording(session, user_id, recording_id)
    if row is None:
        return None
    name = " ".join("".join(c if c.isprintable() else " " for c in text).split())  # one line, no controls
    if len(name) > TITLE_MAX:
        raise FibrokitError(
            f"a recording's name has at most {TITLE_MAX} characters, and this one has {len(name)}: shorten it"
        )
    row.title = name
    return row
