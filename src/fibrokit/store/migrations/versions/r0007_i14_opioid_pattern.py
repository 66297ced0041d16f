"""Opioid records say how the opioid is taken: intermittently in the daytime, around the clock, or not said.

Revision ID: 0007_i14
Revises: 0006

Existing records become "not_said", which fibrokit handles as around-the-clock use (the safer reading).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_i14"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the pattern column."""
    with op.batch_alter_table("opioid_records") as batch:
        batch.add_column(
            sa.Column("pattern", sa.String(length=20), nullable=False, server_default="not_said")
        )


def downgrade() -> None:
    """Drop the pattern column."""
    with op.batch_alter_table("opioid_records") as batch:
        batch.drop_column("pattern")
