"""Synthetic FIT files written with garmin-fit-sdk's Encoder, for cases no real file in shared/data covers."""

from __future__ import annotations

import datetime as dt
import itertools

from garmin_fit_sdk import Encoder

START = dt.datetime(2024, 2, 1, 7, 0, 0, tzinfo=dt.UTC)
_DEV_ID = {"mesg_num": 207, "developer_data_index": 0, "application_id": [1] * 16}


def _descriptions() -> list[dict[str, object]]:
    # A Connect IQ muscle-oxygen field that stores SmO2 in 0.1 % and THb in 0.01 g/dL without saying so:
    # the scaling fault reported for Moxy data.
    return [
        {
            "mesg_num": 206,
            "developer_data_index": 0,
            "field_definition_number": 0,
            "fit_base_type_id": 0x84,
            "field_name": "SmO2",
            "units": "%",
        },
        {
            "mesg_num": 206,
            "developer_data_index": 0,
            "field_definition_number": 1,
            "fit_base_type_id": 0x84,
            "field_name": "THb",
            "units": "g/dl",
        },
    ]


def fit_with_dropout(seconds: int = 120, rr_ms: int = 1000, dropout: tuple[int, int] = (50, 62)) -> bytes:
    """One record per second and hrv messages of two beats each, with no beats during ``dropout``."""
    descriptions = _descriptions()
    encoder = Encoder()
    for description in descriptions:
        encoder.add_developer_field(int(description["field_definition_number"]), _DEV_ID, description)  # type: ignore[call-overload]
    encoder.write_mesg({"mesg_num": 0, "type": "activity", "manufacturer": "garmin", "time_created": START})
    encoder.write_mesg(_DEV_ID)
    for description in descriptions:
        encoder.write_mesg(description)
    encoder.write_mesg({"mesg_num": 21, "timestamp": START, "event": "timer", "event_type": "start"})
    beat_ms = 0
    for second in range(1, seconds + 1):
        encoder.write_mesg(
            {
                "mesg_num": 20,
                "timestamp": START + dt.timedelta(seconds=second),
                "heart_rate": 60,
                "developer_fields": {0: 650 + second % 10, 1: 1250},
            }
        )
        beats = []
        while beat_ms + rr_ms <= second * 1000:
            beat_ms += rr_ms
            if not dropout[0] * 1000 < beat_ms <= dropout[1] * 1000:
                beats.append(rr_ms / 1000)
        if beats:
            encoder.write_mesg({"mesg_num": 78, "time": beats + [65.535] * (5 - len(beats))})
    return encoder.close()


TWO_SENSORS = (
    ("SmO2 Sensor 1", "smo2", 1),
    ("THb Sensor 1", "thb", 1),
    ("SmO2 Sensor 2", "smo2", 2),
    ("THb Sensor 2", "thb", 2),
)


def fit_with_muscle_oxygen(
    fields: tuple[tuple[str, str, int], ...] = TWO_SENSORS,
    seconds: int = 600,
    laps: tuple[int, ...] = (120, 420),
) -> bytes:
    """A ride with no heart rate and Connect IQ muscle-oxygen ``fields`` (name, quantity, sensor), laps at ``laps``.

    Each field is a uint16 in the unit its description states (SmO2 in %, THb in g/dL, both scaled by 100 in
    the developer field description's ``scale``), as the FIT protocol's field_description message allows.
    SmO2 of sensor ``k`` falls from 70 to 40 - 5k % during the exercise lap and recovers afterwards.
    """
    encoder = Encoder()
    descriptions = [
        {
            "mesg_num": 206,
            "developer_data_index": 0,
            "field_definition_number": number,
            "fit_base_type_id": 0x84,
            "field_name": name,
            "units": "%" if kind == "smo2" else "g/dl",
            "scale": 100,
        }
        for number, (name, kind, _) in enumerate(fields)
    ]
    for description in descriptions:
        encoder.add_developer_field(int(description["field_definition_number"]), _DEV_ID, description)  # type: ignore[call-overload, arg-type]
    encoder.write_mesg({"mesg_num": 0, "type": "activity", "manufacturer": "garmin", "time_created": START})
    encoder.write_mesg(_DEV_ID)
    for description in descriptions:
        encoder.write_mesg(description)
    encoder.write_mesg({"mesg_num": 21, "timestamp": START, "event": "timer", "event_type": "start"})
    for second in range(seconds):
        values = {
            number: round(100 * (smo2_at(second, laps, sensor) if kind == "smo2" else 12.5 + 0.5 * sensor))
            for number, (_, kind, sensor) in enumerate(fields)
        }
        encoder.write_mesg(
            {"mesg_num": 20, "timestamp": START + dt.timedelta(seconds=second), "developer_fields": values}
        )
    edges = (0, *laps, seconds)
    for begin, end in itertools.pairwise(edges):
        encoder.write_mesg(
            {
                "mesg_num": 19,
                "timestamp": START + dt.timedelta(seconds=end),
                "start_time": START + dt.timedelta(seconds=begin),
            }
        )
    return encoder.close()


def smo2_at(second: float, laps: tuple[int, ...], sensor: int) -> float:
    """The SmO2 (%) :func:`fit_with_muscle_oxygen` writes for one sensor at a time."""
    start, end = laps
    low = 40.0 - 5.0 * sensor
    if second < start:
        return 70.0
    if second < end:
        return low
    return 70.0 - (70.0 - low) * 2.0 ** (-(second - end) / 30.0)
