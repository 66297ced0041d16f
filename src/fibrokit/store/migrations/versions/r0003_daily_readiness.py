"""Daily readiness: each morning's judgement against the person's baseline, kept with the day's summary.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the readiness columns; existing days get theirs when their summaries are next refreshed."""
    with op.batch_alter_table("daily_summaries") as batch:
        batch.add_column(sa.Column("readiness", sa.String(length=40), nullable=False, server_default=""))
        batch.add_column(sa.Column("readiness_text", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("baseline_days", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    """Drop the readiness columns."""
    with op.batch_alter_table("daily_summaries") as batch:
        batch.drop_column("baseline_days")
        batch.drop_column("readiness_text")
        batch.drop_column("readiness")
