"""The registry of daily-summary formats: how each is recognised from its content, and :func:`read_daily`.

Daily summaries are not recordings: a file of them yields a :class:`~fibrokit.readers.daily_records.DailyExport`.
An Apple Health export is both: its samples are a recording (:func:`fibrokit.read`) and its days a daily export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fibrokit._lazy import lazy_function
from fibrokit.errors import ReaderError, UnsupportedFormat
from fibrokit.readers._source import FileInput, OpenedFile, path_of

if TYPE_CHECKING:
    from fibrokit.readers.daily_records import DailyExport


def _lazy(module: str, name: str) -> Callable[[FileInput], DailyExport]:
    """A stand-in for ``module.name`` that imports the module on its first call, so only the reader used loads."""
    return lazy_function("fibrokit.readers", module, name)


read_apple_health_daily = _lazy("daily_apple", "read_apple_health_daily")
read_fitbit_daily = _lazy("daily_fitbit", "read_fitbit_daily")
read_fitbit_hrv = _lazy("daily_fitbit", "read_fitbit_hrv")
read_garmin_daily = _lazy("daily_garmin", "read_garmin_daily")
read_google_fit_daily = _lazy("daily_google_fit", "read_google_fit_daily")
read_oura_sleep_json = _lazy("daily_oura", "read_oura_sleep_json")
read_oura_trends = _lazy("daily_oura", "read_oura_trends")
read_polar_daily = _lazy("daily_polar", "read_polar_daily")
read_whoop_cycles = _lazy("daily_whoop", "read_whoop_cycles")
read_withings_sleep = _lazy("daily_withings", "read_withings_sleep")


@dataclass(frozen=True)
class DailyReaderInfo:
    """One daily-summary format: its name, a plain description, ``sniff(head, suffix)`` and ``read(path)``.

    ``read`` takes a path or a file already opened with :func:`~fibrokit.readers.open_file`.
    """

    name: str
    description: str
    sniff: Callable[[bytes, str], bool]
    read: Callable[[FileInput], DailyExport]


def _first_line(head: bytes) -> str:
    if b"\x00" in head[:4096]:
        return ""
    text = head[:4096].decode("utf-8-sig", "ignore").lstrip()
    return text.splitlines()[0].replace('"', "").strip() if text else ""


def _json(head: bytes) -> str:
    text = head[:4096].decode("utf-8-sig", "ignore").lstrip()
    return text if text[:1] in {"{", "["} else ""


def _columns(*names: str) -> Callable[[bytes, str], bool]:
    def sniff(head: bytes, suffix: str) -> bool:
        line = _first_line(head)
        return all(name in line.split(",") or name in line for name in names)

    return sniff


def _apple(head: bytes, suffix: str) -> bool:
    if head.startswith(b"PK\x03\x04"):
        return b"apple_health_export" in head or b"export.xml" in head
    return b"<HealthData" in head[:4096] and head.lstrip().startswith(b"<")


def _oura_sleep(head: bytes, suffix: str) -> bool:
    text = _json(head)
    return bool(text) and (
        "usercollection/sleep" in text or ('"average_hrv"' in text and '"bedtime_' in text)
    )


def _polar_daily(head: bytes, suffix: str) -> bool:
    text = _json(head)
    polar = "polaraccesslink" in text or "polar_user" in text or "polar-user" in text
    return polar and '"sample_type"' not in text and '"samples"' not in text


def _fitbit(head: bytes, suffix: str) -> bool:
    text = _json(head)
    return text.startswith("[") and (
        ('"dateTime"' in text and '"value"' in text and '"bpm"' not in text) or '"dateOfSleep"' in text
    )


def _garmin(head: bytes, suffix: str) -> bool:
    text = _json(head)
    return bool(text) and ('"calendarDate"' in text or '"sleepStartTimestampGMT"' in text)


DAILY_READERS: tuple[DailyReaderInfo, ...] = (
    DailyReaderInfo(
        "oura-trends",
        "Oura trends CSV (readiness, HRV, resting heart rate, sleep per day)",
        _columns("date", "Average HRV", "Total Sleep Duration"),
        read_oura_trends,
    ),
    DailyReaderInfo("oura-api", "Oura API v2 sleep documents (JSON)", _oura_sleep, read_oura_sleep_json),
    DailyReaderInfo(
        "whoop-cycles",
        "Whoop physiological_cycles.csv",
        _columns("Cycle start time", "Heart rate variability (ms)"),
        read_whoop_cycles,
    ),
    DailyReaderInfo(
        "withings-sleep",
        "Withings Health Mate sleep.csv",
        _columns("from", "to", "light (s)"),
        read_withings_sleep,
    ),
    DailyReaderInfo(
        "google-fit-daily",
        "Google Fit (Takeout) Daily activity metrics.csv",
        _columns("Date", "Move Minutes count", "Step count"),
        read_google_fit_daily,
    ),
    DailyReaderInfo(
        "polar-daily",
        "Polar AccessLink nightly recharge, sleep, continuous heart rate and daily activity (JSON)",
        _polar_daily,
        read_polar_daily,
    ),
    DailyReaderInfo(
        "apple-health-daily",
        "Apple Health export.zip or export.xml (daily values)",
        _apple,
        read_apple_health_daily,
    ),
    DailyReaderInfo(
        "fitbit-daily", "Fitbit Takeout resting heart rate and sleep (JSON)", _fitbit, read_fitbit_daily
    ),
    DailyReaderInfo(
        "fitbit-hrv",
        "Fitbit Takeout Heart Rate Variability Summary CSV",
        _columns("timestamp", "rmssd", "nremhr"),
        read_fitbit_hrv,
    ),
    DailyReaderInfo(
        "garmin-daily", "Garmin Connect export daily summaries and sleep (JSON)", _garmin, read_garmin_daily
    ),
)


def daily_reader_for(path: FileInput) -> DailyReaderInfo | None:
    """The daily format a file is in, or None when it is not a daily summary fibrokit reads.

    A file already opened with :func:`~fibrokit.readers.open_file` is recognised from its bytes.
    """
    file = path_of(path)
    if isinstance(path, OpenedFile):
        return daily_reader_sniffed(path.head(), file.suffix)
    try:
        with file.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    return daily_reader_sniffed(head, file.suffix)


def daily_reader_sniffed(head: bytes, suffix: str) -> DailyReaderInfo | None:
    """The daily format of a file whose first 4 KiB and name suffix are given (a zip member, say), or None."""
    return next((r for r in DAILY_READERS if head and r.sniff(head, suffix.lower())), None)


def read_daily(path: FileInput) -> DailyExport:
    """Read a file of daily or nightly summaries from a consumer wearable, recognising it from its content.

    Raises
    ------
    UnsupportedFormat
        When the file is not a daily-summary format fibrokit reads.
    ReaderError
        When the file cannot be read.

    Examples
    --------
    A Fitbit ``resting_heart_rate`` file of two days:

    >>> import json, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "resting_heart_rate-2024-03-01.json"
    >>> days = [("03/01/24", 54.0), ("03/02/24", 55.1)]
    >>> _ = path.write_text(
    ...     json.dumps(
    ...         [{"dateTime": f"{d} 00:00:00", "value": {"date": d, "value": v, "error": 6.8}} for d, v in days]
    ...     )
    ... )
    >>> from fibrokit.readers.daily_registry import read_daily
    >>> export = read_daily(path)
    >>> export.source_format, [(str(d.day), round(d.resting_hr_bpm, 1)) for d in export.days]
    ('fitbit-resting-hr', [('2024-03-01', 54.0), ('2024-03-02', 55.1)])
    """
    file = path_of(path)
    if not isinstance(path, OpenedFile) and not file.exists():
        raise ReaderError(file.name, "no such file")
    reader = daily_reader_for(path)
    if reader is None:
        raise UnsupportedFormat(file.name, f"is not a daily summary fibrokit reads ({daily_formats()})")
    return reader.read(path)


def daily_formats() -> str:
    """The daily-summary formats fibrokit reads, as one line for messages."""
    return "; ".join(r.description for r in DAILY_READERS)
