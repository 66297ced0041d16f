"""A stored questionnaire read back as the core's result type, so pages read attributes, not JSON keys.

The types are ``FiqrResult``, ``AcrResult`` with its ``PsdResult``, and ``PgicResult``. Each result was
stored as the core's dataclass turned into JSON
(:meth:`~fibrokit.services.diary.instrument_forms.Scored.result_json`); lists come back as tuples and
unknown keys (none today) are ignored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from fibrokit.diary import AcrResult, FiqrResult, PgicResult, PsdResult
from fibrokit.store.tables import InstrumentRow

Result = TypeVar("Result", FiqrResult, AcrResult, PgicResult, PsdResult)


def fiqr_result(row: InstrumentRow) -> FiqrResult:
    """A stored FIQR's result."""
    return _as(FiqrResult, row.result)


def acr_result(row: InstrumentRow) -> tuple[AcrResult, PsdResult | None]:
    """A stored ACR check's result and, for 2011 and 2016, the PSD stored beside it."""
    psd = row.result.get("psd")
    return _as(AcrResult, row.result), _as(PsdResult, psd) if isinstance(psd, Mapping) else None


def pgic_result(row: InstrumentRow) -> PgicResult:
    """A stored PGIC's result."""
    return _as(PgicResult, row.result)


def summary(row: InstrumentRow) -> str:
    """One line for lists of questionnaires: the FIQR's total and band, ACR criteria met or not, the PGIC."""
    if row.instrument == "fiqr":
        fiqr = fiqr_result(row)
        return f"{round(fiqr.total, 1)} ({fiqr.band})"
    if row.instrument == "acr":
        return ("meets" if acr_result(row)[0].meets else "does not meet") + " the criteria"
    return pgic_result(row).answer


def _as(kind: type[Result], stored: Mapping[str, Any]) -> Result:
    # The JSON column's values are untyped; the result's own constructor is where they become typed again.
    names = {f.name for f in dataclasses.fields(kind)}
    return kind(**{name: _frozen(value) for name, value in stored.items() if name in names})


def _frozen(value: Any) -> Any:
    """JSON lists as the tuples the core's frozen results hold (nested pairs included)."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value
