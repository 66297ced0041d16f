"""The symptom diary and treatment trials.

Check-ins, the remembered items, diary days, questionnaires, trial plans, doses, side effects, opioid records
and clinicians' confirmations. Every table carries the owner's ``user_id`` (child tables of a trial too), like the other health tables.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _id() -> sa.Column[Any]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _user_id() -> sa.Column[Any]:
    return sa.Column("user_id", sa.Integer(), nullable=False)


def _created() -> sa.Column[Any]:
    return sa.Column("created_at", sa.DateTime(), nullable=False)


def _owner(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
    )


def _trial(table: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["trial_id"], ["trials.id"], name=op.f(f"fk_{table}_trial_id_trials"), ondelete=ondelete
    )


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    """Create the diary and trial tables."""
    _diary()
    _trials()


def _diary() -> None:
    op.create_table(
        "diary_checkins",
        _id(),
        _user_id(),
        sa.Column("at_local", sa.DateTime(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("factors", sa.JSON(), nullable=False),
        sa.Column("ongoing", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _created(),
        _owner("diary_checkins"),
        _pk("diary_checkins"),
    )
    op.create_index(
        "ix_diary_checkins_user_day", "diary_checkins", ["user_id", "local_day", "at_local"], unique=False
    )
    op.create_table(
        "diary_days",
        _user_id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("checkins", sa.Integer(), nullable=False),
        sa.Column("symptoms", sa.JSON(), nullable=False),
        sa.Column("factors", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _owner("diary_days"),
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_diary_days")),
    )
    op.create_table(
        "diary_items",
        _id(),
        _user_id(),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("custom", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _created(),
        _owner("diary_items"),
        _pk("diary_items"),
        sa.UniqueConstraint("user_id", "key", name=op.f("uq_diary_items_user_id")),
    )
    op.create_table(
        "opioid_records",
        _id(),
        _user_id(),
        sa.Column("used_on", sa.Date(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        _created(),
        _owner("opioid_records"),
        _pk("opioid_records"),
    )
    _index("opioid_records", "user_id")


def _trials() -> None:
    op.create_table(
        "trials",
        _id(),
        _user_id(),
        sa.Column("treatment", sa.String(length=80), nullable=False),
        sa.Column("schedule_key", sa.String(length=40), nullable=False),
        sa.Column("first_dose", sa.Date(), nullable=False),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("primary_outcome", sa.String(length=40), nullable=False),
        sa.Column("titration_mg", sa.Float(), nullable=False),
        sa.Column("titration_form", sa.String(length=16), nullable=False),
        sa.Column("maintenance_mg", sa.Float(), nullable=False),
        sa.Column("maintenance_form", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        _created(),
        _owner("trials"),
        _pk("trials"),
    )
    _index("trials", "user_id")
    op.create_table(
        "clinician_confirmations",
        _id(),
        sa.Column("trial_id", sa.Integer(), nullable=False),
        _user_id(),
        sa.Column("clinician", sa.String(length=200), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        _created(),
        _trial("clinician_confirmations"),
        _owner("clinician_confirmations"),
        _pk("clinician_confirmations"),
    )
    _index("clinician_confirmations", "trial_id")
    _index("clinician_confirmations", "user_id")
    op.create_table(
        "instrument_results",
        _id(),
        _user_id(),
        sa.Column("instrument", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("trial_id", sa.Integer(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("fibrokit_version", sa.String(length=40), nullable=False),
        _created(),
        _trial("instrument_results", ondelete="SET NULL"),
        _owner("instrument_results"),
        _pk("instrument_results"),
    )
    op.create_index(
        "ix_instrument_results_user_taken",
        "instrument_results",
        ["user_id", "instrument", "taken_on"],
        unique=False,
    )
    op.create_table(
        "trial_doses",
        _id(),
        sa.Column("trial_id", sa.Integer(), nullable=False),
        _user_id(),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("mg", sa.Float(), nullable=False),
        sa.Column("time_of_day", sa.String(length=16), nullable=False),
        _created(),
        _trial("trial_doses"),
        _owner("trial_doses"),
        _pk("trial_doses"),
        sa.UniqueConstraint("trial_id", "taken_on", name=op.f("uq_trial_doses_trial_id")),
    )
    _index("trial_doses", "user_id")
    op.create_table(
        "trial_side_effects",
        _id(),
        sa.Column("trial_id", sa.Integer(), nullable=False),
        _user_id(),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("effect", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _created(),
        _trial("trial_side_effects"),
        _owner("trial_side_effects"),
        _pk("trial_side_effects"),
    )
    _index("trial_side_effects", "trial_id")
    _index("trial_side_effects", "user_id")


def downgrade() -> None:
    """Drop the diary and trial tables (children first)."""
    for table, indexes in (
        ("trial_side_effects", ("ix_trial_side_effects_user_id", "ix_trial_side_effects_trial_id")),
        ("trial_doses", ("ix_trial_doses_user_id",)),
        ("instrument_results", ("ix_instrument_results_user_taken",)),
        (
            "clinician_confirmations",
            ("ix_clinician_confirmations_user_id", "ix_clinician_confirmations_trial_id"),
        ),
        ("trials", ("ix_trials_user_id",)),
        ("opioid_records", ("ix_opioid_records_user_id",)),
        ("diary_items", ()),
        ("diary_days", ()),
        ("diary_checkins", ("ix_diary_checkins_user_day",)),
    ):
        for name in indexes:
            op.drop_index(op.f(name), table_name=table)
        op.drop_table(table)
