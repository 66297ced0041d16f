"""Read Garmin Training Center (TCX) and GPS Exchange (GPX) files: track points with heart rate, laps.

* **TCX** (Garmin, TrainingCenterDatabase v2 schema): ``Activities/Activity`` (one per session, ``Sport``
  attribute) holding ``Lap`` elements (``StartTime`` attribute) holding ``Track/Trackpoint`` elements with
  ``Time``, ``Position``, ``AltitudeMeters``, ``DistanceMeters``, ``HeartRateBpm/Value``, ``Cadence`` and the
  ``TPX`` extension (``Speed``, ``Watts``); ``Creator/Name`` names the device.
* **GPX** (Topografix GPX 1.1 schema): ``trk/trkseg/trkpt`` (``lat``, ``lon``, ``ele``, ``time``) with
  Garmin's ``TrackPointExtension`` (``hr``, ``cad``, ``atemp``) in ``extensions``; ``creator`` attribute.

Elements are matched by local name, so files that use other namespace prefixes or versions still read. The
standard-library XML parser refuses external entities and, from Expat 2.4 on, entity-expansion bombs.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import numpy as np

from fibrokit.errors import CorruptFile, UnsupportedFormat
from fibrokit.readers._source import FileInput, Source, load
from fibrokit.records import Channel, Marker, Recording

# Local element name -> channel name and unit, for TCX trackpoints and GPX track points alike.
_POINT_FIELDS = {
    "AltitudeMeters": ("altitude", "m"),
    "ele": ("altitude", "m"),
    "DistanceMeters": ("distance", "m"),
    "Value": ("heart_rate", "bpm"),
    "hr": ("heart_rate", "bpm"),
    "Cadence": ("cadence", "rpm"),
    "RunCadence": ("cadence", "rpm"),
    "cad": ("cadence", "rpm"),
    "Speed": ("speed", "m/s"),
    "Watts": ("power", "W"),
    "power": ("power", "W"),
    "atemp": ("temperature", "°C"),
    "LatitudeDegrees": ("latitude", "deg"),
    "LongitudeDegrees": ("longitude", "deg"),
}


def read_tcx(path: FileInput) -> Recording:
    """Read a TCX file: channels from every trackpoint, laps and activities (sessions) as markers.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "run.tcx"
    >>> _ = path.write_text(
    ...     '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
    ...     '<Activities><Activity Sport="Running"><Id>2024-02-01T07:00:00Z</Id>'
    ...     '<Lap StartTime="2024-02-01T07:00:00Z"><Track>'
    ...     '<Trackpoint><Time>2024-02-01T07:00:00Z</Time><HeartRateBpm><Value>80</Value></HeartRateBpm></Trackpoint>'
    ...     '<Trackpoint><Time>2024-02-01T07:00:01Z</Time><HeartRateBpm><Value>82</Value></HeartRateBpm></Trackpoint>'
    ...     '</Track></Lap></Activity></Activities></TrainingCenterDatabase>')
    >>> read_tcx(path).channels["heart_rate"].values.tolist()
    [80.0, 82.0]
    """
    source, root = _parse(path, "TrainingCenterDatabase")
    points: list[tuple[float, dict[str, float]]] = []
    spans: list[tuple[str, str, float, float]] = []
    sports = []
    for number, activity in enumerate(_all(root, "Activity"), start=1):
        sports.append(activity.get("Sport", ""))
        first = len(points)
        for lap_number, lap in enumerate(_all(activity, "Lap"), start=1):
            lap_first = len(points)
            points += [p for p in map(_tcx_point, _all(lap, "Trackpoint")) if p is not None]
            if len(points) > lap_first:
                spans.append(("lap", f"lap {lap_number}", points[lap_first][0], points[-1][0]))
        if len(points) > first:
            label = f"session {number}: {sports[-1]}".rstrip(": ")
            spans.append(("session", label, points[first][0], points[-1][0]))
    creator = next((el.text or "" for el in _all(root, "Name") if _parent_is(root, el, "Creator")), "")
    return _recording(
        source, points, spans, creator.strip(), "tcx", {"sport": ", ".join(filter(None, sports))}
    )


def read_gpx(path: FileInput) -> Recording:
    """Read a GPX file: track points with heart rate, cadence and temperature; each track a session marker.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "walk.gpx"
    >>> _ = path.write_text(
    ...     '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
    ...     'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><trkseg>'
    ...     '<trkpt lat="52.1" lon="4.3"><time>2024-02-01T07:00:00Z</time><extensions>'
    ...     '<gpxtpx:TrackPointExtension><gpxtpx:hr>90</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>'
    ...     '<trkpt lat="52.2" lon="4.4"><time>2024-02-01T07:00:05Z</time><extensions>'
    ...     '<gpxtpx:TrackPointExtension><gpxtpx:hr>92</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>'
    ...     '</trkseg></trk></gpx>')
    >>> read_gpx(path).channels["heart_rate"].values.tolist()
    [90.0, 92.0]
    """
    source, root = _parse(path, "gpx")
    points: list[tuple[float, dict[str, float]]] = []
    spans: list[tuple[str, str, float, float]] = []
    for number, track in enumerate(_all(root, "trk"), start=1):
        first = len(points)
        for point in _all(track, "trkpt"):
            parsed = _gpx_point(point)
            if parsed is not None:
                points.append(parsed)
        if len(points) > first:
            spans.append(("session", f"track {number}", points[first][0], points[-1][0]))
    return _recording(source, points, spans, root.get("creator", ""), "gpx", {})


def _parse(path: FileInput, root_name: str) -> tuple[Source, ET.Element]:
    source = load(path)
    try:
        root = ET.fromstring(source.data)
    except ET.ParseError as error:
        if f"<{root_name}".encode() not in source.data[:4096]:
            raise UnsupportedFormat(source.name, f"is not a {root_name} file") from None
        raise CorruptFile(source.name, f"is not well-formed XML ({error})") from None
    if _local(root.tag) != root_name:
        raise UnsupportedFormat(source.name, f"is not a {root_name} file (its root is <{_local(root.tag)}>)")
    return source, root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _all(element: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in element.iter() if _local(el.tag) == name]


def _parent_is(root: ET.Element, child: ET.Element, name: str) -> bool:
    return any(child in list(parent) for parent in _all(root, name))


def _time(text: str | None) -> float | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).timestamp()


def _tcx_point(point: ET.Element) -> tuple[float, dict[str, float]] | None:
    when = None
    values: dict[str, float] = {}
    for element in point.iter():
        name = _local(element.tag)
        if name == "Time":
            when = _time(element.text)
        elif name in _POINT_FIELDS and element.text and element.text.strip():
            values[_POINT_FIELDS[name][0]] = _float(element.text)
    return (when, values) if when is not None else None


def _gpx_point(point: ET.Element) -> tuple[float, dict[str, float]] | None:
    values = {"latitude": _float(point.get("lat", "")), "longitude": _float(point.get("lon", ""))}
    when = None
    for element in point.iter():
        name = _local(element.tag)
        if name == "time":
            when = _time(element.text)
        elif name in _POINT_FIELDS and element.text and element.text.strip():
            values[_POINT_FIELDS[name][0]] = _float(element.text)
    return (when, values) if when is not None else None


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _recording(
    source: Source,
    points: list[tuple[float, dict[str, float]]],
    spans: list[tuple[str, str, float, float]],
    device: str,
    kind: str,
    metadata: dict[str, str],
) -> Recording:
    name = source.name
    if not points:
        raise CorruptFile(name, "holds no track point with a time")
    origin = min(p[0] for p in points)
    times = np.array([p[0] for p in points]) - origin
    units = dict(_POINT_FIELDS.values())
    present = sorted({key for _, values in points for key in values}, key=list(units).index)
    channels = {
        key: Channel(key, units[key], np.array([values.get(key, np.nan) for _, values in points]), times)
        for key in present
    }
    channels = {k: c for k, c in channels.items() if np.isfinite(c.values).any()}
    markers = tuple(Marker(a - origin, label, what, b - origin) for what, label, a, b in spans)
    return Recording(
        start=dt.datetime.fromtimestamp(origin, tz=dt.UTC),
        channels=channels,
        markers=tuple(sorted(markers, key=lambda m: m.time_s)),
        device=device,
        source_format=kind,
        source_name=name,
        source_sha256=source.sha256,
        metadata={k: v for k, v in metadata.items() if v},
    )
