"""FIT decoding against golden CSVs (python-fitparse's test exports) and against garmin-fit-sdk."""

from __future__ import annotations

import csv
import datetime as dt
import math

import numpy as np
import pytest
from garmin_fit_sdk import Decoder, Stream
from tests.conftest import shared_file

from fibrokit import read_fit
from fibrokit.records import Channel, Recording

_GOLDEN = (
    "garmin-fenix-5-run",
    "garmin-fenix-5-walk",
    "garmin-fenix-5-bike",
    "garmin-edge-820-bike",
    "garmin-edge-500-activity",
    "compressed-speed-distance",
)
# CSV column -> (channel, factor from the CSV's unit to the channel's unit)
_COLUMNS = {
    "heart_rate": ("heart_rate", 1.0),
    "Heart Rate [bpm]": ("heart_rate", 1.0),
    "cadence": ("cadence", 1.0),
    "Cadence [rpm]": ("cadence", 1.0),
    "speed": ("speed", 1.0),
    "Speed [m/s]": ("speed", 1.0),
    "distance": ("distance", 1.0),
    "Distance [m]": ("distance", 1.0),
    "position_lat": ("latitude", 180.0 / 2**31),
    "position_long": ("longitude", 180.0 / 2**31),
    "altitude": ("altitude", 1.0),
    "temperature": ("temperature", 1.0),
}
_ZONES = {"PDT": -7, "PST": -8}


def _csv_time(text: str) -> float:
    """Seconds since the Unix epoch of a golden timestamp: 'Sun Jun 11 07:34:09 PDT 2017' or FIT seconds."""
    if text.strip().isdigit():
        return float(text) + 631_065_600
    _, month, day, clock, zone, year = text.split()
    local = dt.datetime.strptime(f"{year} {month} {day} {clock}", "%Y %b %d %H:%M:%S")
    return local.replace(tzinfo=dt.timezone(dt.timedelta(hours=_ZONES[zone]))).timestamp()


def _decimals(cell: str) -> int:
    return len(cell.split(".")[1]) if "." in cell else 0


def _record_times(recording: Recording) -> np.ndarray:
    channel = next(iter(recording.channels.values()))
    base = recording.start.timestamp() if recording.start else 631_065_600.0
    return base + channel.times_s


@pytest.mark.parametrize("stem", _GOLDEN)
def test_every_golden_field_matches_to_the_csvs_precision(stem: str) -> None:
    recording = read_fit(shared_file(f"fit/{stem}.fit"))
    with shared_file(f"fit/{stem}-records.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle, skipinitialspace=True))
    times = _record_times(recording)
    compared = [ch for col, (ch, _) in _COLUMNS.items() if col in rows[0] and ch in recording.channels]
    # The CSV leaves out record messages that hold none of its fields (a bare timestamp).
    used = np.any([np.isfinite(recording.channels[ch].values) for ch in compared], axis=0)
    recording = _only(recording, used)
    times = times[used]
    assert len(times) == len(rows)
    if recording.start is None:  # relative clock: compare the FIT seconds themselves
        times = times - times[0] + _csv_time(rows[0]["Timestamp"])
    time_column = "timestamp" if "timestamp" in rows[0] else "Timestamp"
    np.testing.assert_array_equal(times, [_csv_time(row[time_column]) for row in rows])
    carried: set[tuple[str, int]] = set()
    checked = 0
    for column, (channel, factor) in _COLUMNS.items():
        if column not in rows[0]:
            continue
        ours = recording.channels[channel].values if channel in recording.channels else None
        last = math.nan
        for i, row in enumerate(rows):
            cell = row[column].strip()
            if cell in ("", "null", "None"):
                assert ours is None or math.isnan(ours[i]), (column, i)
                continue
            assert ours is not None, column
            value = ours[i]
            if math.isnan(value):
                # The golden CSV repeats the last value where a record lacks the field; checked just below.
                carried.add((column, i))
                value = last
            last = value
            tolerance = 0.5 * 10.0 ** -_decimals(cell) * factor + 1e-9 * abs(float(cell) * factor)
            assert abs(value - float(cell) * factor) <= tolerance, (column, i, value, cell)
            checked += 1
    assert checked > 0
    if carried:
        sdk = _sdk_messages(str(shared_file(f"fit/{stem}.fit")))["record_mesgs"]
        names = {"position_lat", "position_long", "cadence", "heart_rate", "altitude", "speed", "distance"}
        missing = {(c, i) for i, m in enumerate(sdk) for c in names & set(rows[0]) if c not in m}
        assert carried == missing


def _only(recording: Recording, keep: np.ndarray) -> Recording:
    channels = {
        name: Channel(name, ch.unit, ch.values[keep], ch.times_s[keep])
        for name, ch in recording.channels.items()
    }
    return Recording(start=recording.start, channels=channels)


def _sdk_messages(path: str) -> dict[str, list[dict[str, object]]]:
    messages, errors = Decoder(Stream.from_file(path)).read()
    assert not errors
    return messages


@pytest.mark.parametrize("stem", ["garmin-fenix-5-run", "garmin-fenix-5-walk", "garmin-edge-820-bike"])
def test_hrv_rr_values_equal_the_sdks(stem: str) -> None:
    path = shared_file(f"fit/{stem}.fit")
    sdk = [v for m in _sdk_messages(str(path))["hrv_mesgs"] for v in m["time"] if v is not None]
    recording = read_fit(path)
    assert recording.beats is not None
    assert len(sdk) > 40
    assert (recording.beats.rr_ms / 1000.0).tolist() == sdk
