"""``--format json`` for the ``fibrokit trial`` commands: the core's results as plain JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from enum import StrEnum
from typing import Annotated

import typer


class TrialFormat(StrEnum):
    """How a trial command prints."""

    text = "text"
    json = "json"


FormatOption = Annotated[TrialFormat, typer.Option("--format", help="text or json.")]


def plain(value: object) -> object:
    """A result as JSON-ready data: dataclasses as objects, dates as YYYY-MM-DD, NaN as null."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [plain(v) for v in items]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def emit(data: dict[str, object]) -> None:
    """Print ``data`` as JSON on standard output (one document)."""
    typer.echo(json.dumps(plain(data), ensure_ascii=False, indent=2))
