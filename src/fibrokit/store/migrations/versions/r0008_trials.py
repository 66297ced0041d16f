"""Opioid records say how the opioid is taken; trials can be of any treatment, with their own steps and unit.

Revision ID: 0008
Revises: 0007

Existing opioid records become "not_said", which fibrokit handles as around-the-clock use (the safer reading).
Existing trials are LDN trials: no own steps, unit mg.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the pattern column and the own-schedule columns."""
    with op.batch_alter_table("opioid_records") as batch:
        batch.add_column(
            sa.Column("pattern", sa.String(length=20), nullable=False, server_default="not_said")
        )
    with op.batch_alter_table("trials") as batch:
        batch.add_column(sa.Column("own_steps", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("dose_unit", sa.String(length=20), nullable=False, server_default="mg"))


def downgrade() -> None:
    """Drop the added columns."""
    with op.batch_alter_table("trials") as batch:
        batch.drop_column("dose_unit")
        batch.drop_column("own_steps")
    with op.batch_alter_table("opioid_records") as batch:
        batch.drop_column("pattern")
