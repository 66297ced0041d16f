"""Write a large synthetic Apple Health export.xml that follows the export's DTD, grouped by type as the
Health app writes it (all step counts, then all heart rates, ...), with Apple Watch HRV readings that carry
instantaneous beats-per-minute lists."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

_DTD = (Path(__file__).resolve().parent.parent / "tests" / "readers" / "_apple_builder.py").read_text()
HEAD = _DTD.split('DTD = """', 1)[1].split('"""', 1)[0]
_WATCH = (
    "&lt;&lt;HKDevice: 0x283a1c0a0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, "
    "hardware:Watch6,1, software:10.1&gt;"
)
_PHONE = (
    "&lt;&lt;HKDevice: 0x283a1d1e0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, "
    "hardware:iPhone14,2, software:17.1&gt;"
)
# Share of the file per record type, roughly as in a few-year export from a phone and a watch.
_MIX = (
    ("HKQuantityTypeIdentifierStepCount", "count", 0.22, _PHONE, "iPhone"),
    ("HKQuantityTypeIdentifierHeartRate", "count/min", 0.34, _WATCH, "Apple Watch"),
    ("HKQuantityTypeIdentifierActiveEnergyBurned", "kcal", 0.22, _WATCH, "Apple Watch"),
    ("HKQuantityTypeIdentifierBasalEnergyBurned", "kcal", 0.14, _WATCH, "Apple Watch"),
    ("HKQuantityTypeIdentifierHeartRateVariabilitySDNN", "ms", 0.05, _WATCH, "Apple Watch"),
    ("HKQuantityTypeIdentifierRestingHeartRate", "count/min", 0.01, _WATCH, "Apple Watch"),
    ("HKQuantityTypeIdentifierDistanceWalkingRunning", "km", 0.02, _PHONE, "iPhone"),
)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S +0100")


def _record(kind: str, unit: str, device: str, source: str, moment: dt.datetime, rnd: random.Random) -> str:
    s = _stamp(moment)
    value = rnd.randint(50, 140) if unit == "count/min" else round(rnd.uniform(1, 90), 3)
    head = (
        f' <Record type="{kind}" sourceName="{source}" sourceVersion="10.1" device="{device}" unit="{unit}" '
        f'creationDate="{s}" startDate="{s}" endDate="{s}" value="{value}"'
    )
    if kind.endswith("SDNN"):
        beats = []
        t = moment
        for _ in range(60):
            t += dt.timedelta(milliseconds=rnd.randint(700, 1100))
            clock = (
                f"{t.hour % 12 or 12}:{t:%M:%S}.{t.microsecond // 10_000:02d} {'AM' if t.hour < 12 else 'PM'}"
            )
            beats.append(f'   <InstantaneousBeatsPerMinute bpm="{rnd.randint(55, 85)}" time="{clock}"/>\n')
        return f"{head}>\n  <HeartRateVariabilityMetadataList>\n{''.join(beats)}  </HeartRateVariabilityMetadataList>\n </Record>\n"
    if kind.endswith("HeartRate") and rnd.random() < 0.5:
        return (
            f'{head}>\n  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="1"/>\n </Record>\n'
        )
    return head + "/>\n"


def write_export(path: Path, target_bytes: int, seed: int = 7) -> int:
    """Write the export; returns its size in bytes."""
    rnd = random.Random(seed)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEAD)
        written += len(HEAD)
        for kind, unit, share, device, source in _MIX:
            moment = dt.datetime(2019, 1, 1, 0, 0, 0)
            goal = written + share * target_bytes
            while written < goal:
                parts = []
                for _ in range(2000):
                    # Watch HRV readings last about a minute and come hours apart; other records are frequent.
                    step = rnd.randint(3600, 14400) if kind.endswith("SDNN") else rnd.randint(30, 600)
                    moment += dt.timedelta(seconds=step)
                    parts.append(_record(kind, unit, device, source, moment, rnd))
                block = "".join(parts)
                handle.write(block)
                written += len(block)
        tail = "</HealthData>\n"
        handle.write(tail)
    return path.stat().st_size
