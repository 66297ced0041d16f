"""Channels from FIT ``record`` and ``monitoring`` messages, and from developer fields."""

from __future__ import annotations

import re

import numpy as np

from fibrokit.readers.fit._nirs import nirs_channel_names, nirs_scaled
from fibrokit.readers.fit._tables import FloatArray, MessageTable
from fibrokit.records import Channel

# Channel name, unit, and the record fields it comes from in order of preference (an "enhanced" field holds the
# same quantity with more range, and is preferred per message where present).
RECORD_CHANNELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("heart_rate", "bpm", ("heart_rate",)),
    ("speed", "m/s", ("enhanced_speed", "speed")),
    ("distance", "m", ("distance",)),
    ("altitude", "m", ("enhanced_altitude", "altitude")),
    ("latitude", "deg", ("position_lat",)),
    ("longitude", "deg", ("position_long",)),
    ("power", "W", ("power",)),
    ("cadence", "rpm", ("cadence",)),
    ("fractional_cadence", "rpm", ("fractional_cadence",)),
    ("temperature", "°C", ("temperature",)),
    ("grade", "%", ("grade",)),
    ("vertical_speed", "m/s", ("vertical_speed",)),
    ("calories", "kcal", ("calories",)),
    ("vertical_oscillation", "mm", ("vertical_oscillation",)),
    ("stance_time", "ms", ("stance_time",)),
    ("stance_time_percent", "%", ("stance_time_percent",)),
    ("vertical_ratio", "%", ("vertical_ratio",)),
    ("step_length", "mm", ("step_length",)),
    ("smo2", "%", ("saturated_hemoglobin_percent",)),
    ("thb", "g/dL", ("total_hemoglobin_conc",)),
    ("respiration_rate", "breaths/min", ("enhanced_respiration_rate", "respiration_rate")),
    ("core_temperature", "°C", ("core_temperature",)),
    ("stress", "", ("current_stress",)),
)
_SEMICIRCLE_DEG = 180.0 / 2**31
_MONITORING_CHANNELS = (
    ("heart_rate", "bpm", "heart_rate"),
    ("intensity", "", "intensity"),
    ("active_calories", "kcal", "active_calories"),
    ("cycles", "cycles", "cycles"),
)


def record_channels(table: MessageTable, start: float) -> tuple[dict[str, Channel], list[str]]:
    """Channels of the ``record`` messages, times in seconds from ``start`` (FIT seconds)."""
    keep = np.isfinite(table.timestamp)
    times = table.timestamp[keep] - start
    channels: dict[str, Channel] = {}
    for name, unit, fields in RECORD_CHANNELS:
        values = _preferred(table, fields)
        if name in ("latitude", "longitude"):
            values = values * _SEMICIRCLE_DEG
        channels[name] = Channel(name, unit, values[keep], times)
    speed, distance = _compressed_speed_distance(table)
    if speed is not None and distance is not None:
        for name, unit, values in (("speed", "m/s", speed), ("distance", "m", distance)):
            merged = np.where(np.isfinite(channels[name].values), channels[name].values, values[keep])
            channels[name] = Channel(name, unit, merged, times)
    channels = {name: ch for name, ch in channels.items() if np.isfinite(ch.values).any()}
    warnings = _add_developer(channels, table, keep, times)
    return {name: _regular(ch) for name, ch in channels.items()}, warnings


def monitoring_channels(table: MessageTable, start: float) -> dict[str, Channel]:
    """Channels of all-day ``monitoring`` messages (heart rate, intensity, calories, cycles)."""
    stamps = _monitoring_times(table)
    keep = np.isfinite(stamps)
    channels = {}
    for name, unit, field in _MONITORING_CHANNELS:
        values = table.values(field)[keep]
        if np.isfinite(values).any():
            channels[name] = Channel(name, unit, values, stamps[keep] - start)
    return channels


def _preferred(table: MessageTable, fields: tuple[str, ...]) -> FloatArray:
    values = table.values(fields[0])
    for other in fields[1:]:
        values = np.where(np.isfinite(values), values, table.values(other))
    return values


def _compressed_speed_distance(table: MessageTable) -> tuple[FloatArray | None, FloatArray | None]:
    """Decode record field 8: speed (12 bits, 1/100 m/s) and a rolling 12-bit distance (1/16 m)."""
    raw = table.raw("compressed_speed_distance")
    if raw.shape[1] < 3 or not np.isfinite(raw[:, 0]).any():
        return None, None
    present = np.isfinite(raw[:, :3]).all(axis=1)
    b = np.nan_to_num(raw[:, :3]).astype(np.int64)
    speed = np.where(present, (b[:, 0] | (b[:, 1] & 0x0F) << 8) / 100.0, np.nan)
    rolling = (b[:, 1] >> 4 | b[:, 2] << 4)[present]
    # The distance is accumulated: each value adds its 12-bit difference from the previous one (FIT protocol,
    # "accumulated fields"), so that the total survives the rollover every 256 m.
    steps = np.diff(rolling, prepend=rolling[:1]) & 0xFFF
    distance = np.full(len(table), np.nan)
    distance[present] = (rolling[0] + np.cumsum(steps)) / 16.0 if rolling.size else np.nan
    return speed, distance


def _monitoring_times(table: MessageTable) -> FloatArray:
    """Full timestamps, with ``timestamp_16`` (low 16 bits of the time) counted on from the last full one."""
    stamps = table.timestamp.copy()
    short = table.values("timestamp_16")
    if not np.isfinite(short).any():
        return stamps
    last = np.nan
    for i in range(len(table)):
        if np.isfinite(stamps[i]):
            last = float(stamps[i])
        elif np.isfinite(short[i]) and last == last:
            last = last + ((int(short[i]) - int(last)) & 0xFFFF)
            stamps[i] = last
    return stamps


def _add_developer(
    channels: dict[str, Channel], table: MessageTable, keep: np.ndarray, times: FloatArray
) -> list[str]:
    """Developer fields as channels; muscle-oxygen fields under their canonical names (``smo2``, ``thb_2`` ...)."""
    warnings: list[str] = []
    columns = [c for c in table.developer.values() if c.texts is None and np.isfinite(c.values).any()]
    names = [re.sub(r"[^0-9a-z]+", "_", c.name.lower()).strip("_") or "developer_field" for c in columns]
    canonical = nirs_channel_names(names)
    for column, field in zip(columns, names, strict=True):
        values, unit, note = nirs_scaled(field, column.values, column.units)
        if note:
            warnings.append(note)
        name = canonical.get(field, field)
        if name in channels:
            name = f"developer_{field}"
        channels[name] = Channel(name, unit, values[keep], times)
    return warnings


def nirs_sources(table: MessageTable) -> dict[str, str]:
    """Metadata naming the developer field each muscle-oxygen channel came from (``smo2_field``: ``SmO2 1``)."""
    columns = [c for c in table.developer.values() if c.texts is None and np.isfinite(c.values).any()]
    names = [re.sub(r"[^0-9a-z]+", "_", c.name.lower()).strip("_") for c in columns]
    canonical = nirs_channel_names(names)
    return {
        f"{canonical[field]}_field": f"developer field {column.name!r}"
        for column, field in zip(columns, names, strict=True)
        if field in canonical
    }


def _regular(channel: Channel) -> Channel:
    """State the sampling rate when the samples are evenly spaced (1 Hz recording, for instance)."""
    steps = np.diff(channel.times_s)
    if steps.size and np.all(steps == steps[0]) and steps[0] > 0:
        return Channel(channel.name, channel.unit, channel.values, channel.times_s, float(1.0 / steps[0]))
    return channel
