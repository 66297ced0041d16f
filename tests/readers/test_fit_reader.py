"""The FIT reader on every file in shared/data/fit, on damaged files, and on synthetic cases."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from garmin_fit_sdk import Decoder, Stream
from garmin_fit_sdk.profile import Profile
from tests.conftest import SHARED_DATA, shared_file
from tests.readers._fit_builder import START, fit_with_dropout

from fibrokit import BeatFlag, CorruptFile, UnsupportedFormat, read, read_fit
from fibrokit.readers.fit._channels import RECORD_CHANNELS
from fibrokit.readers.fit._profile import MESSAGES

_GOOD = (
    "garmin-fenix-5-run.fit",
    "garmin-fenix-5-walk.fit",
    "garmin-fenix-5-bike.fit",
    "garmin-edge-820-bike.fit",
    "garmin-edge-500-activity.fit",
    "compressed-speed-distance.fit",
    "activity-large-fenxi2-multisport.fit",
    "developer-types-sample.fit",
    "elemnt-bolt-no-application-id-inside-developer-data-id.fit",
    "coros-pace-2-cycling-misaligned-fields.fit",
    "MonitoringFile.fit",
)
_DAMAGED = {
    "activity-unexpected-eof.fit": "truncated",
    "activity-settings-corruptheader.fit": "corrupt header",
    "activity-filecrc.fit": "checksum",
    # The header states more data than the file holds, and a message at byte 7451 is one byte short, so the
    # next header byte names a local type never defined (garmin-fit-sdk stops there too).
    "strava-android-app-201.10-b1218918.fit": "never defined",
}


def test_every_fit_file_in_shared_data_is_covered() -> None:
    names = {p.name for p in (SHARED_DATA / "fit").glob("*.fit")}
    assert names == set(_GOOD) | set(_DAMAGED)


@pytest.mark.parametrize("name", _GOOD)
def test_good_files_read_through_the_registry(name: str) -> None:
    recording = read(shared_file(f"fit/{name}"))
    assert recording.source_format == "fit"
    assert recording.source_name == name
    assert recording.channels
    assert "partial" not in recording.metadata
    assert recording.device


@pytest.mark.parametrize(("name", "problem"), _DAMAGED.items())
def test_damaged_files_give_a_clear_error_or_a_flagged_partial_recording(name: str, problem: str) -> None:
    with pytest.raises(CorruptFile, match=problem) as caught:
        read_fit(shared_file(f"fit/{name}"))
    assert str(caught.value).startswith(f"{name}: ")
    partial = read_fit(shared_file(f"fit/{name}"), partial=True)
    assert partial.metadata["partial"] == "true"
    assert partial.warnings[0].startswith("partial recording:")
    assert len(next(iter(partial.channels.values())).values) > 10


def _sdk(path: Path) -> dict[str, list[dict[str, object]]]:
    messages, _ = Decoder(Stream.from_file(str(path))).read()
    return messages


@pytest.mark.parametrize(
    "name", ["developer-types-sample.fit", "elemnt-bolt-no-application-id-inside-developer-data-id.fit"]
)
def test_record_values_equal_the_sdks_bit_for_bit(name: str) -> None:
    path = shared_file(f"fit/{name}")
    sdk = _sdk(path)["record_mesgs"]
    recording = read_fit(path)
    compared = 0
    for channel, _, fields in RECORD_CHANNELS:
        if channel not in recording.channels:
            continue
        ours = recording.channels[channel].values
        for i, message in enumerate(sdk):
            value = next((message[f] for f in fields if f in message), None)
            if channel in ("latitude", "longitude") and value is not None:
                value = float(value) * (180.0 / 2**31)  # type: ignore[arg-type]
            if value is None:
                assert math.isnan(ours[i]), (channel, i)
            else:
                assert ours[i] == value, (channel, i, ours[i], value)
                compared += 1
    assert compared > 100


def test_developer_fields_are_channels_named_after_their_description() -> None:
    recording = read_fit(shared_file("fit/developer-types-sample.fit"))
    assert recording.channels["form_power"].unit == "Watts"
    assert recording.channels["leg_spring_stiffness"].unit == "KN/m"
    sdk = _sdk(shared_file("fit/developer-types-sample.fit"))["record_mesgs"]
    assert recording.channels["form_power"].values[1] == sdk[1]["developer_fields"][0]  # type: ignore[index]


def test_the_profile_subset_agrees_with_the_sdks_profile() -> None:
    for number, (name, fields) in MESSAGES.items():
        theirs = Profile["messages"][number]
        assert theirs["name"] == name
        for field_number, (field_name, scale, offset, units) in fields.items():
            field = theirs["fields"][field_number]
            their_units = field["units"][0] if isinstance(field["units"], list) else field["units"]
            assert (field["name"], field["scale"][0], field["offset"][0], their_units) == (
                field_name,
                scale,
                offset,
                units,
            )


def test_monitoring_files_give_all_day_channels() -> None:
    recording = read_fit(shared_file("fit/MonitoringFile.fit"))
    assert recording.metadata["file_type"] == "monitoring_b"
    assert {"active_calories", "cycles"} <= set(recording.channels)


def test_chained_files_are_read_whole(tmp_path: Path) -> None:
    one = shared_file("fit/garmin-fenix-5-run.fit").read_bytes()
    chained = tmp_path / "chained.fit"
    chained.write_bytes(one + one)
    single = read_fit(shared_file("fit/garmin-fenix-5-run.fit"))
    both = read_fit(chained)
    assert both.metadata["fit_files"] == "2"
    assert len(both.channels["heart_rate"].values) == 2 * len(single.channels["heart_rate"].values)


def test_hrv_dropouts_are_found_against_record_times_and_later_beats_keep_their_time(tmp_path: Path) -> None:
    path = tmp_path / "dropout.fit"
    path.write_bytes(fit_with_dropout(seconds=120, rr_ms=1000, dropout=(50, 62)))
    recording = read_fit(path)
    beats = recording.beats
    assert beats is not None
    assert recording.start == START
    # Beats 1-50 s and 63-120 s exist; without re-alignment beat 63 would sit at 51 s.
    expected = np.concatenate([np.arange(1, 51), np.arange(63, 121)]).astype(float)
    np.testing.assert_allclose(beats.times_s, expected)
    assert beats.flags[50] == BeatFlag.GAP
    assert np.count_nonzero(beats.flags == BeatFlag.GAP) == 1
    assert any("dropout" in warning for warning in recording.warnings)


def test_nirs_developer_fields_stored_10_or_100_times_too_large_are_rescaled(tmp_path: Path) -> None:
    path = tmp_path / "moxy.fit"
    path.write_bytes(fit_with_dropout(seconds=30))
    recording = read_fit(path)
    assert recording.channels["smo2"].unit == "%"
    np.testing.assert_allclose(recording.channels["smo2"].values[:3], [65.1, 65.2, 65.3])
    np.testing.assert_allclose(recording.channels["thb"].values[:3], 12.5)
    assert sum("times too large" in w for w in recording.warnings) == 2


def test_a_file_that_is_not_fit_is_refused_as_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "fake.fit"
    path.write_bytes(b"hello, this is not a FIT file at all")
    with pytest.raises(UnsupportedFormat, match="not a FIT file"):
        read_fit(path)
