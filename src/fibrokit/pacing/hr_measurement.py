"""Parse the Bluetooth Heart Rate Measurement characteristic (0x2A37) that chest straps send.

Layout (Bluetooth SIG, Heart Rate Service 1.0, Heart Rate Measurement characteristic), little-endian:

======  =========================  ==========================================================================
byte(s) field                      meaning
======  =========================  ==========================================================================
0       flags                      bit 0: heart rate is UINT16 (else UINT8); bits 1-2: sensor contact status
                                   (bit 2 = feature supported, bit 1 = contact detected); bit 3: energy
                                   expended present; bit 4: RR intervals present; bits 5-7 reserved (ignored)
1 or    heart rate                 beats per minute, UINT8 or UINT16
1-2
next 2  energy expended            kilojoules since the last reset, UINT16, only when bit 3 is set
rest    RR intervals               one or more UINT16 in units of 1/1024 s, only when bit 4 is set
======  =========================  ==========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

from fibrokit.errors import InputError

_HR_UINT16 = 0x01
_CONTACT_DETECTED = 0x02
_CONTACT_SUPPORTED = 0x04
_ENERGY_PRESENT = 0x08
_RR_PRESENT = 0x10
RR_UNITS_PER_S = 1024  # the characteristic's RR resolution: 1/1024 s


@dataclass(frozen=True)
class HrMeasurement:
    """One Heart Rate Measurement notification.

    Attributes
    ----------
    hr_bpm : int
        Heart rate the sensor reports (its own averaging), beats per minute.
    sensor_contact : bool or None
        Whether the sensor has skin contact; None when the sensor does not report contact.
    energy_expended_kj : int or None
        Accumulated energy expended in kilojoules, when present.
    rr_1024 : tuple of int
        RR intervals as sent, in units of 1/1024 s (oldest first).
    flags : int
        The flags byte as received.
    """

    hr_bpm: int
    sensor_contact: bool | None
    energy_expended_kj: int | None
    rr_1024: tuple[int, ...]
    flags: int

    @property
    def rr_ms(self) -> tuple[float, ...]:
        """RR intervals in milliseconds (exact: n × 1000 / 1024)."""
        return tuple(value * 1000.0 / RR_UNITS_PER_S for value in self.rr_1024)


def hr_measurement(data: bytes | bytearray) -> HrMeasurement:
    """Decode the bytes of one Heart Rate Measurement (0x2A37) notification.

    Parameters
    ----------
    data : bytes
        The characteristic value as received.

    Returns
    -------
    HrMeasurement
        Heart rate, sensor contact, energy expended and the RR intervals.

    Raises
    ------
    InputError
        When the value is shorter than its flags say, or the RR field holds an odd number of bytes.

    References
    ----------
    Bluetooth SIG. Heart Rate Service Specification 1.0 (2011) and the GATT Specification Supplement,
    Heart Rate Measurement characteristic (0x2A37).

    Examples
    --------
    >>> m = hr_measurement(bytes([0x16, 72, 0x00, 0x04]))  # UINT8 HR, contact detected, one RR of 1024/1024 s
    >>> m.hr_bpm, m.sensor_contact, m.rr_ms
    (72, True, (1000.0,))
    """
    value = bytes(data)
    if not value:
        raise InputError("a heart-rate measurement needs at least a flags byte")
    flags = value[0]
    position = 1
    hr_size = 2 if flags & _HR_UINT16 else 1
    hr = _uint(value, position, hr_size, "heart rate")
    position += hr_size
    energy = None
    if flags & _ENERGY_PRESENT:
        energy = _uint(value, position, 2, "energy expended")
        position += 2
    rr: tuple[int, ...] = ()
    if flags & _RR_PRESENT:
        rest = value[position:]
        if len(rest) % 2:
            raise InputError(
                f"the RR field of a heart-rate measurement has an odd number of bytes ({len(rest)})"
            )
        rr = tuple(int.from_bytes(rest[i : i + 2], "little") for i in range(0, len(rest), 2))
    contact = bool(flags & _CONTACT_DETECTED) if flags & _CONTACT_SUPPORTED else None
    return HrMeasurement(hr, contact, energy, rr, flags)


def _uint(value: bytes, position: int, size: int, name: str) -> int:
    if len(value) < position + size:
        raise InputError(
            f"heart-rate measurement too short: {len(value)} bytes, the {name} field needs {position + size}"
        )
    return int.from_bytes(value[position : position + size], "little")
