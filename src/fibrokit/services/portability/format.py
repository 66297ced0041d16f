"""The export format: its name and version, member names, and how each column type is written in JSON.

Every value is written so that reading it back gives the same value and type: integers and text as they are,
floats as JSON numbers (the non-finite ones as the strings ``"NaN"``, ``"Infinity"``, ``"-Infinity"``), dates
as ``YYYY-MM-DD``, timestamps in ISO 8601 with their zone (the store keeps UTC), JSON columns as JSON, and
binary columns as a member of the zip named in the row (``{"file": ...}`` or ``{"blob": ...}``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import uuid
import zlib
from collections.abc import Callable
from typing import Any, Final, TypedDict

from fibrokit.errors import FibrokitError

FORMAT: Final = "fibrokit-export"
FORMAT_VERSION: Final = 1
MANIFEST, ACCOUNT, README = "manifest.json", "account.json", "README.txt"
# Binary columns holding a person's original files, with the column saying how each is compressed in the store
# and the column with its name: exported decompressed under files/, byte for byte as uploaded.
ORIGINAL_FILES: Final = {"source_files": ("data", "codec", "name")}


class Member(TypedDict):
    """What the manifest says of one member of the zip: its SHA-256 (hex) and size in bytes."""

    sha256: str
    size: int


class Manifest(TypedDict):
    """``manifest.json``: the format and its version, where it came from, rows per table, and every member."""

    format: str
    format_version: int
    fibrokit_version: str
    schema_revision: str | None
    exported_at: str
    rows: dict[str, int]
    files: int
    members: dict[str, Member]


class ExportError(FibrokitError):
    """An export could not be written or read; the message names the file and the problem in one sentence."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


def original_from_store(codec: str, data: bytes, source: str) -> bytes:
    """An original file's bytes as uploaded, from the store's ``codec`` (``zlib`` or ``raw``) and bytes."""
    if codec == "raw":
        return data
    if codec == "zlib":
        try:
            return zlib.decompress(data)
        except zlib.error:
            raise ExportError(source, "an original file in the database is damaged") from None
    raise ExportError(source, f"an original file is stored as {codec!r}, which this fibrokit does not know")


def original_to_store(codec: str, data: bytes, source: str) -> bytes:
    """An original file's bytes as the store keeps them under ``codec`` (as ``importing.store_original`` does)."""
    if codec == "raw":
        return data
    if codec == "zlib":
        return zlib.compress(data, 6)
    raise ExportError(source, f"an original file is marked as {codec!r}, which this fibrokit does not know")


def table_member(table: str) -> str:
    """The zip member holding a table's rows.

    Examples
    --------
    >>> table_member("recordings")
    'tables/recordings.json'
    """
    return f"tables/{table}.json"


def blob_member(table: str, row: int, column: str, codec: str | None = None) -> str:
    """The zip member holding a binary value, by the row's position in its table (counted from 1).

    Examples
    --------
    >>> blob_member("recording_blobs", 7, "data", "npz")
    'blobs/recording_blobs/000007-data.npz'
    """
    extension = codec if codec and codec.isalnum() and len(codec) <= 8 else "bin"
    return f"blobs/{table}/{row:06d}-{column}.{extension}"


_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def encode(kind: str, value: Any) -> Any:
    """A stored value as JSON (binary values are not: the caller writes them as members of the zip).

    Examples
    --------
    >>> import datetime as dt
    >>> encode("datetime", dt.datetime(2024, 3, 1, 7, 0)), encode("float", float("nan"))
    ('2024-03-01T07:00:00+00:00', 'NaN')
    """
    if value is None or kind in ("integer", "boolean", "text", "json"):
        return value
    if kind == "float":
        number = float(value)
        return (
            number if math.isfinite(number) else str(number).replace("nan", "NaN").replace("inf", "Infinity")
        )
    if kind == "datetime":
        moment: dt.datetime = value
        return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).isoformat()
    if kind in ("date", "time", "decimal", "uuid"):
        return value.isoformat() if kind in ("date", "time") else str(value)
    raise ValueError(f"no encoding for kind {kind!r}")


def decode(kind: str, value: Any, *, aware: bool = False) -> Any:
    """A JSON value back as the column stores it (``aware``: the column keeps time zones).

    Raises
    ------
    ValueError, TypeError
        When the value does not have the column's type.

    Examples
    --------
    >>> decode("datetime", "2024-03-01T08:00:00+01:00")
    datetime.datetime(2024, 3, 1, 7, 0)
    """
    if value is None or kind == "json":
        return value
    if kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "boolean" and isinstance(value, bool):
        return value
    if kind == "text" and isinstance(value, str):
        return value
    if kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind == "float" and value in _NON_FINITE:
        return _NON_FINITE[value]
    if not isinstance(value, str):
        raise TypeError(f"a {kind} value must not be {type(value).__name__}")
    if kind == "datetime":
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("a timestamp without its time zone")
        return moment if aware else moment.astimezone(dt.UTC).replace(tzinfo=None)
    simple: dict[str, Callable[[str], object]] = {
        "date": dt.date.fromisoformat,
        "time": dt.time.fromisoformat,
        "decimal": decimal.Decimal,
        "uuid": uuid.UUID,
    }
    if kind not in simple:
        raise TypeError(f"a {kind} value must not be text")
    return simple[kind](value)
