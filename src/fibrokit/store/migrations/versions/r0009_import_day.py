"""An upload can carry the day its recordings were made, used for a file that states none.

Revision ID: 0009
Revises: 0008

Existing import jobs have no day (null): their files were dated from their content or name, or asked for later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the optional day of an import job."""
    with op.batch_alter_table("import_jobs") as batch:
        batch.add_column(sa.Column("day", sa.Date(), nullable=True))


def downgrade() -> None:
    """Drop the day of an import job."""
    with op.batch_alter_table("import_jobs") as batch:
        batch.drop_column("day")
