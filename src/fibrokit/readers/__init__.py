"""Readers: each turns one file format into a :class:`~fibrokit.records.Recording` and computes nothing.

Daily and nightly summaries of wearables are read by :func:`read_daily` into a :class:`DailyExport`.

A file is opened once: :func:`open_file` reads and hashes it, and every reader, :func:`read`, :func:`iter_read`
and :func:`read_daily` take the :class:`OpenedFile` in place of its path.

Importing this package imports no reader: each name below is imported on first use (PEP 562), and :func:`read`
imports only the reader whose format it recognised, so reading a FIT file does not load the XML, EDF or
Apple Health readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fibrokit._lazy import lazy_exports

if TYPE_CHECKING:
    from fibrokit.readers._source import OpenedFile, open_file
    from fibrokit.readers.apple_health import read_apple_health
    from fibrokit.readers.camera_frames import read_camera_frames
    from fibrokit.readers.daily_records import DailyExport, DailyValues
    from fibrokit.readers.daily_registry import DAILY_READERS, DailyReaderInfo, read_daily
    from fibrokit.readers.edf import read_edf
    from fibrokit.readers.fit import read_fit
    from fibrokit.readers.mit_annotations import read_mit_annotations
    from fibrokit.readers.nirs import read_moxy, read_train_red
    from fibrokit.readers.polar_exercise import read_polar_exercise
    from fibrokit.readers.polar_hrm import read_polar_hrm
    from fibrokit.readers.registry import READERS, ReaderInfo, iter_read, read, supported_formats
    from fibrokit.readers.rr_column import RrColumn, rr_column
    from fibrokit.readers.rr_text import read_rr_text
    from fibrokit.readers.tcx import read_gpx, read_tcx
    from fibrokit.readers.wfdb import read_wfdb

# Every public name and the module that defines it (imported on first use).
_PUBLIC: dict[str, str] = {
    "DAILY_READERS": "fibrokit.readers.daily_registry",
    "READERS": "fibrokit.readers.registry",
    "DailyExport": "fibrokit.readers.daily_records",
    "DailyReaderInfo": "fibrokit.readers.daily_registry",
    "DailyValues": "fibrokit.readers.daily_records",
    "OpenedFile": "fibrokit.readers._source",
    "ReaderInfo": "fibrokit.readers.registry",
    "RrColumn": "fibrokit.readers.rr_column",
    "iter_read": "fibrokit.readers.registry",
    "open_file": "fibrokit.readers._source",
    "read": "fibrokit.readers.registry",
    "read_apple_health": "fibrokit.readers.apple_health",
    "read_camera_frames": "fibrokit.readers.camera_frames",
    "read_daily": "fibrokit.readers.daily_registry",
    "read_edf": "fibrokit.readers.edf",
    "read_fit": "fibrokit.readers.fit",
    "read_gpx": "fibrokit.readers.tcx",
    "read_mit_annotations": "fibrokit.readers.mit_annotations",
    "read_moxy": "fibrokit.readers.nirs",
    "read_polar_exercise": "fibrokit.readers.polar_exercise",
    "read_polar_hrm": "fibrokit.readers.polar_hrm",
    "read_rr_text": "fibrokit.readers.rr_text",
    "read_tcx": "fibrokit.readers.tcx",
    "read_train_red": "fibrokit.readers.nirs",
    "read_wfdb": "fibrokit.readers.wfdb",
    "rr_column": "fibrokit.readers.rr_column",
    "supported_formats": "fibrokit.readers.registry",
}

__all__ = [
    "DAILY_READERS",
    "READERS",
    "DailyExport",
    "DailyReaderInfo",
    "DailyValues",
    "OpenedFile",
    "ReaderInfo",
    "RrColumn",
    "iter_read",
    "open_file",
    "read",
    "read_apple_health",
    "read_camera_frames",
    "read_daily",
    "read_edf",
    "read_fit",
    "read_gpx",
    "read_mit_annotations",
    "read_moxy",
    "read_polar_exercise",
    "read_polar_hrm",
    "read_rr_text",
    "read_tcx",
    "read_train_red",
    "read_wfdb",
    "rr_column",
    "supported_formats",
]


__getattr__, __dir__ = lazy_exports(__name__, _PUBLIC)
