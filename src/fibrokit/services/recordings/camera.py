"""Store a morning reading taken with the phone's camera on the camera page.

The browser sends only the mean red and green level of each frame with its time. The reading is scored by the
core (:func:`fibrokit.protocols.ppg_reading`), which refuses it in one sentence when the signal is not clean
enough; a usable reading is stored like any imported morning reading (recording, beats, results, day summary,
baseline and readiness), labelled with its source ("phone camera") and its quality, and the frame series is
kept as its original file (a CSV) so it can be exported and analysed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from fibrokit.beats import ppg_beats
from fibrokit.errors import InputError
from fibrokit.evidence import fact
from fibrokit.protocols import ppg_reading
from fibrokit.records import Channel, Recording
from fibrokit.services.accounts.people import age_for
from fibrokit.services.imports.file import store_original
from fibrokit.services.recordings import queries
from fibrokit.services.recordings.actions import save_recording
from fibrokit.services.recordings.after_store import after_recording_stored
from fibrokit.services.recordings.analysis import analyse
from fibrokit.services.recordings.queries import Session
from fibrokit.store.tables import RecordingRow

SOURCE_FORMAT = "camera-ppg"
DEVICE = "phone camera"
MAX_FRAMES = 60 * 60 * 15  # a quarter of an hour at 60 frames per second


@dataclass(frozen=True)
class CameraFrames:
    """What the camera page sends: frame times (s), mean red and green, and when the reading began."""

    times_s: npt.NDArray[np.float64]
    red: npt.NDArray[np.float64]
    green: npt.NDArray[np.float64]
    started: dt.datetime

    @classmethod
    def from_json(cls, body: object) -> CameraFrames:
        """Validate the page's JSON; raises :class:`InputError` with one sentence when it is malformed."""
        if not isinstance(body, dict):
            raise InputError("the camera reading was not sent as a JSON object")
        try:
            times, red, green = (np.asarray(body[k], dtype=np.float64) for k in ("t", "r", "g"))
            offset = dt.timedelta(minutes=int(body.get("tz_offset_min", 0)))
            started = dt.datetime.fromisoformat(str(body["started"]).replace("Z", "+00:00"))
        except (KeyError, TypeError, ValueError):
            raise InputError("the camera reading lacks frame times, colours or its start time") from None
        if times.ndim != 1 or times.size > MAX_FRAMES:
            raise InputError(f"a camera reading holds at most {MAX_FRAMES} frames")
        if started.tzinfo is None:
            started = started.replace(tzinfo=dt.UTC)
        return cls(times, red, green, started.astimezone(dt.timezone(offset)))


def minimum_seconds() -> float:
    """Shortest reading the page offers: the clean minute HRV needs plus room for pulses set aside."""
    return fact("ppg.reading_min_s").scalar()


def save_camera_reading(session: Session, user_id: int, frames: CameraFrames) -> RecordingRow:
    """Score a camera reading and add it to the session as a morning reading (no commit).

    Raises
    ------
    InsufficientData
        When the reading is refused (no finger, overexposed, movement, too few clean pulses): one sentence
        saying what to do.
    InputError
        When the frame series is malformed.
    """
    name = f"Camera reading {frames.started.strftime('%Y-%m-%d %H:%M')}"
    result = ppg_reading(frames.times_s, frames.red, frames.green, source_name=name)
    found = ppg_beats(frames.times_s, frames.red, frames.green)
    original = _frames_csv(frames)
    sha256 = hashlib.sha256(original).hexdigest()
    existing = queries.recording_by_sha(session, user_id, sha256)
    if existing is not None:
        return existing
    times = frames.times_s - frames.times_s.min()
    recording = Recording(
        start=frames.started,
        channels={
            "camera_red": Channel("camera_red", "level", frames.red, times),
            "camera_green": Channel("camera_green", "level", frames.green, times),
        },
        beats=found.beats,
        device=DEVICE,
        source_format=SOURCE_FORMAT,
        source_name=name,
        source_sha256=sha256,
        metadata={
            "source": "camera",
            "quality": result.settings.get("quality", ""),
            "frame_rate_hz": f"{found.frame_rate_hz:.1f}",
        },
    )
    analysis = analyse(
        recording, kind_hint="morning-reading", age=age_for(session, user_id, frames.started, {})
    )
    analysis = analysis.with_note(
        f"Taken with the phone's camera: {100 * found.clean_share:.0f} % of pulse intervals were clean "
        f"({found.frame_rate_hz:.0f} frames per second)."
    )
    source = store_original(session, user_id, f"{name}.csv", original, sha256)
    row = save_recording(session, user_id, recording, analysis, source_file_id=source.id)
    after_recording_stored(session, row)
    return row


def _frames_csv(frames: CameraFrames) -> bytes:
    lines = ["time_s,red,green"]
    lines += [
        f"{t:.4f},{r:.3f},{g:.3f}" for t, r, g in zip(frames.times_s, frames.red, frames.green, strict=True)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
