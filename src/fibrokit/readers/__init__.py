"""Readers: each turns one file format into a :class:`~fibrokit.records.Recording` and computes nothing.

Daily and nightly summaries of wearables are read by :func:`read_daily` into a :class:`DailyExport`.
"""

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
from fibrokit.readers.rr_text import read_rr_text
from fibrokit.readers.tcx import read_gpx, read_tcx
from fibrokit.readers.wfdb import read_wfdb

__all__ = [
    "DAILY_READERS",
    "READERS",
    "DailyExport",
    "DailyReaderInfo",
    "DailyValues",
    "ReaderInfo",
    "iter_read",
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
    "supported_formats",
]
