"""Daily values from wearables' exports (one row per person, date and source) and the source a baseline uses.

Revision ID: 0007
Revises: 0006

New tables only: existing data are untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _owner(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
    )


def upgrade() -> None:
    """Create the daily values and the baseline's source choice."""
    op.create_table(
        "daily_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("device", sa.String(length=200), nullable=False),
        sa.Column("source_format", sa.String(length=40), nullable=False),
        sa.Column("source_name", sa.String(length=255), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("resting_hr_bpm", sa.Float(), nullable=True),
        sa.Column("resting_hr_method", sa.String(length=200), nullable=False),
        sa.Column("hrv_ms", sa.Float(), nullable=True),
        sa.Column("hrv_metric", sa.String(length=8), nullable=False),
        sa.Column("hrv_method", sa.String(length=200), nullable=False),
        *(
            sa.Column(name, sa.Float(), nullable=True)
            for name in ("sleep_minutes", "deep_minutes", "light_minutes", "rem_minutes", "awake_minutes")
        ),
        sa.Column("sleep_start_utc", sa.DateTime(), nullable=True),
        sa.Column("sleep_end_utc", sa.DateTime(), nullable=True),
        *(
            sa.Column(name, sa.Float(), nullable=True)
            for name in ("night_hr_avg_bpm", "night_hr_min_bpm", "steps", "active_minutes")
        ),
        sa.Column("readiness", sa.String(length=40), nullable=False),
        sa.Column("readiness_text", sa.Text(), nullable=False),
        sa.Column("baseline_days", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        _owner("daily_values"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_values")),
        sa.UniqueConstraint("user_id", "day", "source", name=op.f("uq_daily_values_user_id")),
    )
    op.create_index("ix_daily_values_user_day", "daily_values", ["user_id", "day"], unique=False)
    op.create_table(
        "daily_source_choice",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _owner("daily_source_choice"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_daily_source_choice")),
    )


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("daily_source_choice")
    op.drop_index("ix_daily_values_user_day", table_name="daily_values")
    op.drop_table("daily_values")
