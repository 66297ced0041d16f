"""Readers: FIT decoding against garmin-fit-sdk, and Apple Health streaming against bare lxml iterparse."""

from __future__ import annotations

import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _measure import REPORT, START, load_note, measure, measure_in_turn, python

ROOT = Path(__file__).resolve().parent.parent
FIT_FILE = ROOT.parent / "shared" / "data" / "fit" / "activity-large-fenxi2-multisport.fit"

_OURS = (
    "import sys\nfrom fibrokit.readers import read_apple_health\n"
    + START
    + "recording = read_apple_health(sys.argv[1])\n"
    "EXTRA = {'heart_rates': float(recording.channels['heart_rate'].values.size),\n"
    "         'beats': float(len(recording.beats) if recording.beats is not None else 0)}\n" + REPORT
)
_LXML = (
    "import sys\nfrom lxml import etree\n"
    + START
    + "for _, element in etree.iterparse(sys.argv[1], events=('end',)):\n"
    "    element.clear()\n"
    "    while element.getprevious() is not None:\n"
    "        del element.getparent()[0]\n" + REPORT
)


def _median_time(function: object, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _check_identical(recording: object, sdk_records: list[dict[str, object]]) -> int:
    from fibrokit.readers.fit._channels import RECORD_CHANNELS

    channels = recording.channels  # type: ignore[attr-defined]
    compared = 0
    for channel, _, fields in RECORD_CHANNELS:
        if channel not in channels:
            continue
        ours = channels[channel].values
        assert ours.size == len(sdk_records)
        for i, message in enumerate(sdk_records):
            value = next((message[f] for f in fields if f in message), None)
            if value is not None and channel in ("latitude", "longitude"):
                value = float(value) * (180.0 / 2**31)  # type: ignore[arg-type]
            assert math.isnan(ours[i]) if value is None else ours[i] == value, (channel, i, ours[i], value)
            compared += value is not None
    return compared


def _fit_section(quick: bool) -> str:
    from garmin_fit_sdk import Decoder, Stream

    from fibrokit.readers import read_fit

    def sdk() -> dict[str, list[dict[str, object]]]:
        messages, errors = Decoder(Stream.from_file(str(FIT_FILE))).read()
        assert not errors
        return messages

    recording = read_fit(FIT_FILE)
    compared = _check_identical(recording, sdk()["record_mesgs"])
    ours = _median_time(lambda: read_fit(FIT_FILE), 3 if quick else 15)
    theirs = _median_time(sdk, 1 if quick else 5)
    return (
        "### FIT decoding\n\n"
        f"`{FIT_FILE.name}` ({FIT_FILE.stat().st_size / 1e6:.2f} MB, "
        f"{len(next(iter(recording.channels.values())).values):,} records), median of repeated runs in one "
        "process. fibrokit's time is the whole FIT → `Recording` path (CRC, decoding, channels, markers); the "
        "SDK's is `Decoder.read()` alone. Before timing, every record value fibrokit put in a channel was "
        f"asserted identical to the SDK's ({compared:,} values).\n\n"
        "| reader | time (ms) | ratio |\n|---|---|---|\n"
        f"| garmin-fit-sdk `Decoder.read()` | {theirs * 1000:.0f} | 1.0× |\n"
        f"| fibrokit `read_fit` | {ours * 1000:.1f} | **{theirs / ours:.1f}× faster** |\n"
    )


def _apple_section(quick: bool) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _apple_export import write_export

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        # 0.5 GB: enough to show streaming memory (flat in the size) while eight engineers share two cores.
        size = write_export(path, int(0.2e9 if quick else 0.5e9))
        measure(python(_OURS, str(path)), 1)  # warm the page cache so both readers start from the same state
        ours, lxml = measure_in_turn([python(_OURS, str(path)), python(_LXML, str(path))], 1 if quick else 3)
    mb = size / 1e6
    return (
        "### Apple Health streaming\n\n"
        f"A generated `export.xml` of {mb / 1000:.2f} GB that follows the export's DTD, records grouped by type "
        f"as the Health app writes them ({int(ours.report['heart_rates']):,} heart-rate samples, "
        f"{int(ours.report['beats']):,} beats in "
        "HRV readings, steps, energy and distance records that are skipped). Each reader runs in a fresh "
        "process, the two in turn; speed is megabytes per second of the reading's own CPU time, peak memory is "
        "the process's own "
        "(from `/usr/bin/time`). " + load_note() + "\n\n"
        "| reader | MB/s of XML | reading CPU (s) | peak memory (MiB) |\n|---|---|---|---|\n"
        f"| lxml `iterparse`, elements cleared, nothing extracted | {mb / lxml.work_cpu_s:.0f} | "
        f"{lxml.work_cpu_s:.1f} | {lxml.peak_mib:.0f} |\n"
        f"| fibrokit `read_apple_health` (everything extracted) | {mb / ours.work_cpu_s:.0f} | "
        f"{ours.work_cpu_s:.1f} | {ours.peak_mib:.0f} |\n\n"
        f"fibrokit reads at {lxml.work_cpu_s / ours.work_cpu_s:.1f}× the speed of bare lxml parsing.\n"
    )


def run(quick: bool) -> str:
    return "## Readers\n\n" + _fit_section(quick) + "\n" + _apple_section(quick)
