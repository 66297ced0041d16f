"""Readiness queue: the people whose mornings are to be judged again after a diary change, and which.

Revision ID: 0006
Revises: 0005

A new table only: existing data are untouched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the readiness queue."""
    op.create_table(
        "readiness_queue",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_readiness_queue_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_readiness_queue")),
    )


def downgrade() -> None:
    """Drop the readiness queue."""
    op.drop_table("readiness_queue")
