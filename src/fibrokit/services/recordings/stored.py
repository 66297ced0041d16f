"""A stored recording read back: the :class:`Recording` it was made from, and what its owner said of it.

Raw data are kept as compressed array bundles beside the recording row: ``beats`` (times, intervals and the
reader's flags), one ``channel:<name>`` per sampled channel, and the analysis outputs ``flags`` (artefact flag
per beat) and ``curve`` (the protocol's 1-Hz heart rate). What is written is in
:mod:`fibrokit.services.recordings.actions`; the statements are in :mod:`fibrokit.services.recordings.queries`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping

from fibrokit.errors import InputError
from fibrokit.records import BeatSeries, Channel, Marker, Recording
from fibrokit.services.recordings import queries
from fibrokit.services.recordings.guided_steps import POSTURES, STOP_REASONS
from fibrokit.services.recordings.queries import Session
from fibrokit.store.blobs import unpack
from fibrokit.store.tables import RecordingRow


def recording_hash(recording: Recording) -> str:
    """The source file's hash, or for a recording without a file (simulated) a hash of its beats."""
    if recording.source_sha256:
        return recording.source_sha256
    digest = hashlib.sha256(recording.source_name.encode())
    if recording.beats is not None:
        digest.update(recording.beats.rr_ms.tobytes())
    digest.update(str(recording.start).encode())
    return digest.hexdigest()


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


def given_phases(row: RecordingRow) -> dict[str, tuple[float, float]]:
    """The phases the person gave for a stored recording ("this was a test"), by phase name."""
    given = (row.details or {}).get("given") or {}
    return {name: (float(span[0]), float(span[1])) for name, span in (given.get("phases") or {}).items()}


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
    def from_stored(cls, given: Mapping[str, object]) -> ExerciseSaid:
        """What was kept with a recording's given phases (nothing said for older recordings)."""
        return cls(str(given.get("cool_down") or ""), str(given.get("stopped_because") or ""))

    @property
    def cool_down_option(self) -> str | None:
        """The ``cool_down`` of :func:`~fibrokit.services.recordings.analysis.analyse` (None: not said)."""
        return self.cool_down or None

    @property
    def peak_effort_option(self) -> bool | None:
        """The ``peak_effort`` of :func:`~fibrokit.services.recordings.analysis.analyse` (None: not said)."""
        return {"true": True, "false": False}.get(STOP_REASONS[self.stopped_because])

    def stored(self) -> dict[str, str]:
        """What to keep with the recording's given phases."""
        return {"cool_down": self.cool_down, "stopped_because": self.stopped_because}
