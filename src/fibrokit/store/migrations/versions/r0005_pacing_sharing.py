"""Pacing and sharing: pacing settings and per-recording reviews; share invitations, links and the access log.

Revision ID: 0005
Revises: 0004

Only new tables, so existing data are untouched; reviews of stored recordings are made by the importer's idle
loop (or ``fibrokit pace``) as the person's lines become known.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _owner(table: str, column: str = "owner_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete="CASCADE"
    )


def upgrade() -> None:
    """Create the pacing and sharing tables."""
    op.create_table(
        "pacing_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=20), nullable=False),
        sa.Column("ceiling_rule", sa.String(length=20), nullable=False),
        sa.Column("hrmax_rule", sa.String(length=20), nullable=False),
        sa.Column("resting_hr_bpm", sa.Float(), nullable=True),
        sa.Column("threshold_bpm", sa.Float(), nullable=True),
        sa.Column("ceiling_bpm", sa.Float(), nullable=True),
        sa.Column("vt1_hr_bpm", sa.Float(), nullable=True),
        sa.Column("use_exercise_test", sa.Boolean(), nullable=False),
        sa.Column("budget_points", sa.Float(), nullable=True),
        sa.Column("plan_activity", sa.String(length=20), nullable=False),
        sa.Column("plan_start", sa.Date(), nullable=True),
        sa.Column("plan_minutes", sa.Float(), nullable=True),
        sa.Column("plan_sessions", sa.Integer(), nullable=True),
        sa.Column("plan_weeks", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _owner("pacing_settings", "user_id"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_pacing_settings")),
    )
    op.create_table(
        "share_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("areas", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("grantee_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["grantee_id"],
            ["users.id"],
            name=op.f("fk_share_invitations_grantee_id_users"),
            ondelete="SET NULL",
        ),
        _owner("share_invitations"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_invitations")),
        sa.UniqueConstraint("key", name=op.f("uq_share_invitations_key")),
    )
    op.create_index(op.f("ix_share_invitations_owner_id"), "share_invitations", ["owner_id"], unique=False)
    op.create_table(
        "share_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("areas", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        _owner("share_links"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_links")),
        sa.UniqueConstraint("key", name=op.f("uq_share_links_key")),
    )
    op.create_index(op.f("ix_share_links_owner_id"), "share_links", ["owner_id"], unique=False)
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("viewer_id", sa.Integer(), nullable=True),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("who", sa.String(length=320), nullable=False),
        sa.Column("area", sa.String(length=20), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["share_links.id"],
            name=op.f("fk_access_log_link_id_share_links"),
            ondelete="SET NULL",
        ),
        _owner("access_log"),
        sa.ForeignKeyConstraint(
            ["viewer_id"], ["users.id"], name=op.f("fk_access_log_viewer_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index("ix_access_log_owner_at", "access_log", ["owner_id", "at"], unique=False)
    op.create_table(
        "pacing_reviews",
        sa.Column("recording_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("lines_key", sa.String(length=32), nullable=False),
        sa.Column("threshold_bpm", sa.Float(), nullable=True),
        sa.Column("ceiling_bpm", sa.Float(), nullable=True),
        sa.Column("points", sa.Float(), nullable=True),
        sa.Column("rest_s", sa.Float(), nullable=True),
        sa.Column("activity_s", sa.Float(), nullable=True),
        sa.Column("over_s", sa.Float(), nullable=True),
        sa.Column("longest_over_s", sa.Float(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recording_id"],
            ["recordings.id"],
            name=op.f("fk_pacing_reviews_recording_id_recordings"),
            ondelete="CASCADE",
        ),
        _owner("pacing_reviews", "user_id"),
        sa.PrimaryKeyConstraint("recording_id", name=op.f("pk_pacing_reviews")),
    )
    op.create_index(op.f("ix_pacing_reviews_stale"), "pacing_reviews", ["stale"], unique=False)
    op.create_index("ix_pacing_reviews_user_day", "pacing_reviews", ["user_id", "day"], unique=False)


def downgrade() -> None:
    """Drop the pacing and sharing tables."""
    op.drop_index("ix_pacing_reviews_user_day", table_name="pacing_reviews")
    op.drop_index(op.f("ix_pacing_reviews_stale"), table_name="pacing_reviews")
    op.drop_table("pacing_reviews")
    op.drop_index("ix_access_log_owner_at", table_name="access_log")
    op.drop_table("access_log")
    op.drop_index(op.f("ix_share_links_owner_id"), table_name="share_links")
    op.drop_table("share_links")
    op.drop_index(op.f("ix_share_invitations_owner_id"), table_name="share_invitations")
    op.drop_table("share_invitations")
    op.drop_table("pacing_settings")
