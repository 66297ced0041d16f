"""Synthetic FIT files written with garmin-fit-sdk's Encoder, for cases no real file in shared/data covers."""

from __future__ import annotations

import datetime as dt

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
