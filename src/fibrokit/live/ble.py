"""A standard Bluetooth heart-rate strap (Heart Rate service 0x180D, measurement 0x2A37) as a live source.

``bleak`` is imported only here, inside :func:`ble_samples`, so the rest of fibrokit (and every test) runs
without it. Install it with ``pip install 'fibrokit[live]'``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable

from fibrokit.errors import FibrokitError
from fibrokit.live.samples import Sample
from fibrokit.pacing.hr_measurement import HrMeasurement, hr_measurement

HEART_RATE_SERVICE = "0000180d-0000-1000-8000-00805f9b34fb"
HEART_RATE_MEASUREMENT = "00002a37-0000-1000-8000-00805f9b34fb"
# A beat clock that falls this far behind the notifications has missed packets: it jumps ahead to match.
_RESYNC_S = 2.0


class BeatClock:
    """Turn notifications into timed samples.

    RR intervals are contiguous, so beat times are their running sum; when packets were lost the running sum
    falls behind the time the notification arrived and is moved forward (the next beat then follows a gap,
    which the session file shows and :func:`fibrokit.read` flags). A strap that sends no RR gives heart-rate
    samples at the notification time.
    """

    def __init__(self) -> None:
        self.beat_time_s: float | None = None

    def samples(self, arrived_s: float, measurement: HrMeasurement) -> list[Sample]:
        """Samples for one notification that arrived ``arrived_s`` seconds after the session started."""
        rr = measurement.rr_ms
        if not rr:
            return [Sample(arrived_s, hr_bpm=float(measurement.hr_bpm))] if measurement.hr_bpm else []
        first_end = arrived_s - sum(rr[1:]) / 1000.0
        if self.beat_time_s is None or first_end - (self.beat_time_s + rr[0] / 1000.0) > _RESYNC_S:
            self.beat_time_s = first_end - rr[0] / 1000.0
        out = []
        for value in rr:
            self.beat_time_s += value / 1000.0
            out.append(Sample(self.beat_time_s, rr_ms=value))
        return out


async def ble_samples(
    address: str | None = None, *, scan_s: float = 10.0, clock: Callable[[], float] = time.monotonic
) -> AsyncIterator[Sample]:
    """Connect to a heart-rate strap and yield its beats until the connection ends.

    Parameters
    ----------
    address : str, optional
        The strap's Bluetooth address (or platform identifier); default the first device advertising the
        Heart Rate service.
    scan_s : float
        How long to look for a strap.
    clock : callable
        Monotonic clock in seconds.

    Raises
    ------
    FibrokitError
        When bleak is not installed, no strap is found, or the connection fails.
    """
    try:
        from bleak import BleakClient, BleakScanner
        from bleak.exc import BleakError
    except ImportError:
        raise FibrokitError(
            "the live monitor needs the bleak library for Bluetooth: pip install 'fibrokit[live]'"
        ) from None
    try:
        if address is None:
            device = await BleakScanner.find_device_by_filter(
                lambda _d, adv: HEART_RATE_SERVICE in [u.lower() for u in adv.service_uuids], timeout=scan_s
            )
        else:
            device = await BleakScanner.find_device_by_address(address, timeout=scan_s)
        if device is None:
            raise FibrokitError(
                "no heart-rate strap found: wear it (most straps wake on skin contact) and try again"
            )
        queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
        start = clock()
        async with BleakClient(device, disconnected_callback=lambda _c: queue.put_nowait(None)) as client:
            await client.start_notify(
                HEART_RATE_MEASUREMENT, lambda _ch, data: queue.put_nowait((clock() - start, bytes(data)))
            )
            beat_clock = BeatClock()
            while (item := await queue.get()) is not None:
                for sample in beat_clock.samples(item[0], hr_measurement(item[1])):
                    yield sample
    except BleakError as error:
        raise FibrokitError(f"Bluetooth: {error}") from None
