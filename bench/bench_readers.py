"""Readers: FIT decoding against garmin-fit-sdk, and Apple Health streaming against bare lxml iterparse."""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIT_FILE = ROOT.parent / "shared" / "data" / "fit" / "activity-large-fenxi2-multisport.fit"

_OURS = """
import json, resource, sys, time
from fibrokit.readers import read_apple_health
t = time.perf_counter()
recording = read_apple_health(sys.argv[1])
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "heart_rates": int(recording.channels["heart_rate"].values.size),
                  "beats": len(recording.beats) if recording.beats is not None else 0}))
"""
_LXML = """
import json, resource, sys, time
from lxml import etree
t = time.perf_counter()
for _, element in etree.iterparse(sys.argv[1], events=("end",)):
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


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


def _run(code: str, path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _apple_section(quick: bool) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _apple_export import write_export

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        size = write_export(path, int(0.2e9 if quick else 2.1e9))
        _run(_OURS, path)  # warm the page cache so both readers start from the same state
        ours = _run(_OURS, path)
        lxml = _run(_LXML, path)
    mb = size / 1e6
    return (
        "### Apple Health streaming\n\n"
        f"A generated `export.xml` of {mb / 1000:.2f} GB that follows the export's DTD, records grouped by type "
        f"as the Health app writes them ({ours['heart_rates']:,} heart-rate samples, {ours['beats']:,} beats in "
        "HRV readings, steps, energy and distance records that are skipped). Each reader runs in its own "
        "process; peak memory is that process's maximum resident set size.\n\n"
        "| reader | MB/s of XML | peak memory (MB) |\n|---|---|---|\n"
        f"| lxml `iterparse`, elements cleared, nothing extracted | {mb / lxml['seconds']:.0f} | "
        f"{lxml['peak_mb']:.0f} |\n"
        f"| fibrokit `read_apple_health` (everything extracted) | {mb / ours['seconds']:.0f} | "
        f"{ours['peak_mb']:.0f} |\n\n"
        f"fibrokit reads at {mb / ours['seconds'] / (mb / lxml['seconds']):.1f}× the speed of bare lxml parsing.\n"
    )


def run(quick: bool) -> str:
    return "## Readers\n\n" + _fit_section(quick) + "\n" + _apple_section(quick)
