"""Every SQLAlchemy statement of the trials area: the only module of ``services/trials`` that knows SQL.

Each function takes the caller's session and neither commits nor rolls back (the caller owns the transaction).
``tests/common/test_area_shape.py`` fails when another module of the area imports SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibrokit.store.tables import (
    ClinicianConfirmationRow,
    OpioidRecordRow,
    SideEffectRow,
    TrialDoseRow,
    TrialRow,
)

__all__ = [
    "Session",
    "add",
    "confirmations",
    "doses",
    "doses_between",
    "get_trial",
    "latest_begun",
    "latest_confirmation",
    "list_trials",
    "opioid_records",
    "side_effects",
]

Stored = TypeVar("Stored", TrialRow, OpioidRecordRow, SideEffectRow, ClinicianConfirmationRow, TrialDoseRow)


def add(session: Session, row: Stored) -> Stored:
    """Add a new or changed row to the session and flush it (so it has its id); no commit."""
    session.add(row)
    session.flush()
    return row


def get_trial(session: Session, user_id: int, trial_id: int) -> TrialRow | None:
    """One of the person's trials (None when it does not exist or is someone else's)."""
    return session.scalar(select(TrialRow).where(TrialRow.id == trial_id, TrialRow.user_id == user_id))


def latest_begun(session: Session, user_id: int, by: dt.date) -> TrialRow | None:
    """The person's trial with the latest first dose on or before ``by``."""
    return session.scalars(
        select(TrialRow)
        .where(TrialRow.user_id == user_id, TrialRow.first_dose <= by)
        .order_by(TrialRow.first_dose.desc(), TrialRow.id.desc())
        .limit(1)
    ).first()


def list_trials(session: Session, user_id: int) -> list[TrialRow]:
    """The person's trials, the most recently planned first."""
    rows = session.scalars(
        select(TrialRow).where(TrialRow.user_id == user_id).order_by(TrialRow.id.desc())
    ).all()
    return list(rows)


def latest_confirmation(session: Session, row: TrialRow) -> ClinicianConfirmationRow | None:
    """A trial's latest clinician confirmation."""
    return session.scalar(
        select(ClinicianConfirmationRow)
        .where(ClinicianConfirmationRow.trial_id == row.id, ClinicianConfirmationRow.user_id == row.user_id)
        .order_by(ClinicianConfirmationRow.confirmed_on.desc(), ClinicianConfirmationRow.id.desc())
        .limit(1)
    )


def confirmations(session: Session, trial_id: int) -> list[ClinicianConfirmationRow]:
    """A trial's clinician confirmations, oldest first."""
    rows = session.scalars(
        select(ClinicianConfirmationRow)
        .where(ClinicianConfirmationRow.trial_id == trial_id)
        .order_by(ClinicianConfirmationRow.confirmed_on)
    ).all()
    return list(rows)


def opioid_records(session: Session, user_id: int) -> list[OpioidRecordRow]:
    """The person's opioid records, oldest first."""
    rows = session.scalars(
        select(OpioidRecordRow)
        .where(OpioidRecordRow.user_id == user_id)
        .order_by(OpioidRecordRow.used_on, OpioidRecordRow.id)
    ).all()
    return list(rows)


def side_effects(session: Session, user_id: int, trial_id: int) -> list[SideEffectRow]:
    """A trial's side-effect reports, oldest first."""
    rows = session.scalars(
        select(SideEffectRow)
        .where(SideEffectRow.trial_id == trial_id, SideEffectRow.user_id == user_id)
        .order_by(SideEffectRow.reported_on, SideEffectRow.id)
    ).all()
    return list(rows)


def doses(session: Session, trial_id: int) -> list[TrialDoseRow]:
    """Every dose logged in a trial."""
    return list(session.scalars(select(TrialDoseRow).where(TrialDoseRow.trial_id == trial_id)))


def doses_between(
    session: Session, trial_id: int, start: dt.date, end: dt.date
) -> dict[dt.date, TrialDoseRow]:
    """The doses logged in a trial from ``start`` to ``end``, by day."""
    found = session.scalars(
        select(TrialDoseRow).where(
            TrialDoseRow.trial_id == trial_id, TrialDoseRow.taken_on >= start, TrialDoseRow.taken_on <= end
        )
    )
    return {dose.taken_on: dose for dose in found}
