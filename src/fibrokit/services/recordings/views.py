"""What the recording and test pages show: stored results, with metric names and the sources of every norm.

Names, units and citations come from the registries (``hrv.registry``, ``evidence``); values come from the
stored results, read back as the core's result types (:class:`~fibrokit.protocols.ProtocolResult`,
:class:`~fibrokit.hrv.HrvResult`). Every page model is frozen. Nothing here computes physiology.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from fibrokit.evidence import fact, source
from fibrokit.hrv import METRICS
from fibrokit.protocols import PROTOCOLS, ProtocolResult
from fibrokit.services.home.kept import kept
from fibrokit.services.recordings import queries
from fibrokit.services.recordings.guided_steps import POSTURES
from fibrokit.services.recordings.queries import Session
from fibrokit.services.recordings.results import StoredHrv, protocol_from_json
from fibrokit.store.tables import RecordingRow

# The HRV values a recording page lists, in this order (the full set is in the stored result).
SHOWN_METRICS = (
    "mean_hr_bpm",
    "mean_nn_ms",
    "sdnn_ms",
    "rmssd_ms",
    "ln_rmssd",
    "pnn50_pct",
    "lf_welch_ms2",
    "hf_welch_ms2",
    "lf_hf_welch_ratio",
    "sd1_ms",
    "sd2_ms",
    "sampen",
    "dfa_alpha1",
)


@dataclass(frozen=True)
class Citation:
    """An evidence key with what it states and where it comes from."""

    key: str
    statement: str
    citation: str
    link: str


@dataclass(frozen=True)
class Computed:
    """What a recording's stored results were computed with: fibrokit's version, when, the artefact method."""

    version: str
    at: dt.datetime
    artifact_method: str


@dataclass(frozen=True)
class RecordingPage:
    """A recording, its stored results, HRV values with their registry names, and citations."""

    row: RecordingRow
    protocol: ProtocolResult | None
    hrv: StoredHrv | None
    metrics: tuple[tuple[str, str, float, str], ...]
    flag_counts: Mapping[str, int]
    citations: tuple[Citation, ...]
    computed: Computed | None = None
    channels: tuple[str, ...] = ()

    @property
    def date_note(self) -> str:
        """Where the date came from, when not from the file's content ("date from the file name")."""
        source = str((self.row.details or {}).get("metadata", {}).get("date_source", ""))
        notes = {"file name": "date from the file name", "given by the person": "date set by hand"}
        return notes.get(source, "") if self.row.local_day is not None else ""

    @property
    def guided_note(self) -> str:
        """For a guided test, how it was recorded and whether it was stopped early ("" otherwise)."""
        return guided_note(self.row.details)

    @property
    def has_heart_rate(self) -> bool:
        """Whether there is a heart rate to chart (beats or a heart-rate channel)."""
        return bool(self.row.beat_count) or "heart_rate" in self.channels

    @property
    def has_muscle_oxygen(self) -> bool:
        """Whether a muscle-oxygen (SmO2) channel is stored."""
        return any(name == "smo2" or name.startswith("smo2_") for name in self.channels)


def guided_note(details: Mapping[str, Any] | None) -> str:
    """The sentence a recording's page shows for a guided test ("" for any other recording)."""
    guided = (details or {}).get("guided")
    if not guided:
        return ""
    name = PROTOCOLS[guided["kind"]].name.lower()
    stopped = guided.get("stopped_at_s")
    gaps = guided.get("dropouts") or []
    lost = (
        f" The strap dropped out {len(gaps)} time(s), for {sum(b - a for a, b in gaps):.0f} s in all: the beats of "
        "that time were never received and are missing, not filled in."
        if gaps
        else ""
    )
    lost += (
        _exercise_choices((details or {}).get("metadata", {})) if guided["kind"] == "exercise-test" else ""
    )
    if str((details or {}).get("metadata", {}).get("strain_pressure", "")).startswith("not measured"):
        lost += (
            " The pressure of the strain was not measured (a phone cannot), so a low ratio may mean a soft strain "
            "rather than a problem; a clinic's gauge settles it."
        )
    if stopped is None:
        return f"Recorded as a guided {name}: its phases were marked as they happened.{lost}"
    return (
        f"A guided {name} stopped early, at {_clock(float(stopped))}: the phase under way ends at the stop, "
        f"and results from a shortened test are less reliable than from a full one.{lost}"
    )


def _exercise_choices(metadata: Mapping[str, Any]) -> str:
    """What the person chose before a guided exercise test and said after it, in one or two sentences."""
    posture = POSTURES.get(str(metadata.get("cool_down", "")))
    said = {
        "true": "You stopped because you could not go on (a symptom-limited test).",
        "false": "You stopped at a level you chose (a submaximal test).",
    }.get(
        str(metadata.get("peak_effort", "")),
        "You did not say why you stopped, so no recovery cut-off is applied.",
    )
    return (f" Recovery chosen beforehand: {posture[0].lower()}." if posture else "") + f" {said}"


def _clock(seconds: float) -> str:
    whole = max(0, math.floor(seconds))
    hours, rest = divmod(whole, 3600)
    return (f"{hours}:{rest // 60:02d}" if hours else f"{rest // 60}") + f":{rest % 60:02d}"


def cite_keys(keys: list[str]) -> list[Citation]:
    """Citations for evidence keys, each once, in order."""
    out = []
    for key in dict.fromkeys(keys):
        item = fact(key)
        origin = source(item.source)
        out.append(Citation(key, item.statement, origin.citation, origin.link))
    return out


def recording_page(session: Session, user_id: int, recording_id: int) -> RecordingPage | None:
    """The page of one of the person's recordings (None when it is not theirs)."""
    row = queries.get_recording(session, user_id, recording_id)
    if row is None:
        return None
    stored = queries.results(session, recording_id)
    hrv = StoredHrv.from_json(stored["hrv"].data) if "hrv" in stored else None
    protocol = protocol_from_json(stored["protocol"].data) if "protocol" in stored else None
    # Above the flagged-beat limit HRV is withheld (the recording's notes say why).
    values = hrv.result.values if hrv is not None and hrv.reliable else {}
    metrics = tuple(
        (symbol, METRICS[symbol].name, values[symbol], METRICS[symbol].unit)
        for symbol in SHOWN_METRICS
        if symbol in values and symbol in METRICS
    )
    keys = protocol.evidence_keys() if protocol is not None else ()
    any_result = next(iter(stored.values()), None)
    computed = (
        Computed(
            any_result.version, any_result.computed_at, str(any_result.settings.get("artifact_method", ""))
        )
        if any_result
        else None
    )
    channels = tuple(
        name.removeprefix("channel:")
        for name in queries.blob_names(session, recording_id)
        if name.startswith("channel:")
    )
    counts = hrv.flag_counts if hrv is not None else MappingProxyType({})
    return RecordingPage(
        row, protocol, hrv, metrics, counts, tuple(cite_keys(list(keys))), computed, channels
    )


@dataclass(frozen=True)
class ProtocolPage:
    """Every scored test of one kind for a person, newest first, with the newest one's citations."""

    kind: str
    entries: tuple[tuple[RecordingRow, ProtocolResult], ...]
    citations: tuple[Citation, ...]


def protocol_page(session: Session, user_id: int, kind: str, limit: int = 100) -> ProtocolPage:
    """The person's results of one test kind."""
    stored = queries.protocol_results(session, user_id, kind, limit)
    entries = tuple((row, protocol_from_json(data)) for row, data in stored)
    keys = entries[0][1].evidence_keys() if entries else ()
    return ProtocolPage(kind, entries, tuple(cite_keys(list(keys))))


@dataclass(frozen=True)
class FindingSeries:
    """One finding of a test over time, for its chart: name, unit, when (ISO times) and values."""

    name: str
    unit: str
    x: tuple[str, ...]
    y: tuple[float, ...]


def finding_series(entries: tuple[tuple[RecordingRow, ProtocolResult], ...]) -> dict[str, FindingSeries]:
    """Each finding's values over time (oldest first), for the test page's chart; unmeasured values left out."""
    points: dict[str, list[tuple[str, float]]] = {}
    names: dict[str, tuple[str, str]] = {}
    for row, result in reversed(entries):
        when = (row.start_utc or row.created_at or dt.datetime.min).isoformat()
        for finding in result.findings:
            if not math.isfinite(finding.value) or not finding.unit:
                continue
            names.setdefault(finding.symbol, (finding.name, finding.unit))
            points.setdefault(finding.symbol, []).append((when, finding.value))
    return {
        symbol: FindingSeries(*names[symbol], tuple(x for x, _ in found), tuple(y for _, y in found))
        for symbol, found in points.items()
    }


def recording_list(
    session: Session,
    user_id: int,
    *,
    kinds: tuple[str, ...],
    source_format: str,
    since: dt.date | None,
    until: dt.date | None,
    limit: int,
    offset: int,
) -> tuple[list[RecordingRow], int, list[str]]:
    """One page of the person's recordings, how many match, and the formats in use; built once per change."""
    filters = (kinds, source_format, since, until, limit, offset)

    def build() -> tuple[list[RecordingRow], int, list[str]]:
        rows, total = queries.list_recordings(
            session,
            user_id,
            kinds=kinds,
            source_format=source_format,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )
        return list(rows), total, list(queries.formats_in_use(session, user_id))

    return kept(session, user_id, "recordings", filters, build)
