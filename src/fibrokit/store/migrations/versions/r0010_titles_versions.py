"""Recordings can carry a title the person chose; each account has a data version that every write bumps.

Revision ID: 0010
Revises: 0009

Existing recordings get an empty title, which means "the default": "Walk, Tue 3 Dec, 35 min". The data version
starts at 0 and becomes a new random number at each write; pages keep what they computed from a person's data until it changes (``store.versions``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the title and data-version columns."""
    with op.batch_alter_table("recordings") as batch:
        batch.add_column(sa.Column("title", sa.String(length=200), nullable=False, server_default=""))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("data_version", sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    """Drop the added columns."""
    with op.batch_alter_table("users") as batch:
        batch.drop_column("data_version")
    with op.batch_alter_table("recordings") as batch:
        batch.drop_column("title")
