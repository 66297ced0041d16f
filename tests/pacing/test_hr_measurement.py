"""The Heart Rate Measurement parser, byte for byte against the layouts of the Bluetooth specification."""

from __future__ import annotations

import pytest

from fibrokit.errors import InputError
from fibrokit.pacing import hr_measurement


def test_uint8_heart_rate_with_nothing_else() -> None:
    m = hr_measurement(bytes([0x00, 0x48]))
    assert (m.hr_bpm, m.sensor_contact, m.energy_expended_kj, m.rr_1024, m.flags) == (72, None, None, (), 0)


def test_uint16_heart_rate_is_little_endian() -> None:
    assert hr_measurement(bytes([0x01, 0x2C, 0x01])).hr_bpm == 300
    assert hr_measurement(bytes([0x01, 0x48, 0x00])).hr_bpm == 72


@pytest.mark.parametrize(
    ("flags", "contact"),
    [(0b000, None), (0b010, None), (0b100, False), (0b110, True)],
)
def test_sensor_contact_bits(flags: int, contact: bool | None) -> None:
    # Bit 2 says the feature is supported; only then does bit 1 (contact detected) mean anything.
    assert hr_measurement(bytes([flags, 60])).sensor_contact is contact


def test_energy_expended_follows_the_heart_rate() -> None:
    m = hr_measurement(bytes([0x08, 0x50, 0x34, 0x12]))
    assert (m.hr_bpm, m.energy_expended_kj, m.rr_1024) == (80, 0x1234, ())
    m16 = hr_measurement(bytes([0x09, 0x50, 0x00, 0xFF, 0xFF]))
    assert (m16.hr_bpm, m16.energy_expended_kj) == (80, 65535)


def test_one_rr_interval_in_1024ths_of_a_second() -> None:
    m = hr_measurement(bytes([0x10, 0x3C, 0x00, 0x04]))
    assert m.rr_1024 == (1024,)
    assert m.rr_ms == (1000.0,)


def test_many_rr_intervals_after_energy_and_uint16_rate() -> None:
    rr = [800, 1023, 65535, 1]
    payload = b"".join(v.to_bytes(2, "little") for v in rr)
    m = hr_measurement(bytes([0x1F, 0x5A, 0x00, 0x10, 0x00]) + payload)
    assert m.hr_bpm == 90
    assert m.sensor_contact is True
    assert m.energy_expended_kj == 16
    assert m.rr_1024 == tuple(rr)
    assert m.rr_ms == pytest.approx([v * 1000 / 1024 for v in rr])


def test_a_polar_style_packet() -> None:
    # A typical strap notification: flags 0x16 (UINT8 HR, contact supported and detected, RR present).
    m = hr_measurement(bytearray.fromhex("1648f0035403"))
    assert (m.hr_bpm, m.sensor_contact) == (72, True)
    assert m.rr_1024 == (0x03F0, 0x0354)
    assert m.rr_ms == pytest.approx((984.375, 832.03125))


def test_reserved_flag_bits_are_ignored() -> None:
    assert hr_measurement(bytes([0xE0, 70])).hr_bpm == 70


def test_rr_flag_without_values_gives_no_intervals() -> None:
    assert hr_measurement(bytes([0x10, 70])).rr_1024 == ()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "flags"),
        (bytes([0x00]), "heart rate"),
        (bytes([0x01, 0x48]), "heart rate"),
        (bytes([0x08, 0x48, 0x01]), "energy"),
        (bytes([0x10, 0x48, 0x00, 0x04, 0x01]), "odd"),
    ],
)
def test_truncated_values_are_refused_with_a_reason(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        hr_measurement(data)
