"""Analysts in the loop: review state on events (status, pinned corrections, version), the audit
trail, earlier versions of updated articles, and the pairs of events a reviewer split.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.add_column("events", sa.Column("status", sa.String(12), nullable=False, server_default="unreviewed"))
    op.add_column("events", sa.Column("pins", JSONType, nullable=True))
    op.add_column("events", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_article_versions_article", "article_versions", ["article_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_uid", sa.String(40), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("field", sa.String(40), nullable=True),
        sa.Column("before", JSONType, nullable=True),
        sa.Column("after", JSONType, nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("who", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_audit_event", "audit", ["event_uid", "id"])
    op.create_table(
        "kept_apart",
        sa.Column("uid_a", sa.String(40), nullable=False),
        sa.Column("uid_b", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("uid_a", "uid_b", name="pk_kept_apart"),
    )


def downgrade() -> None:
    op.drop_table("kept_apart")
    op.drop_index("ix_audit_event", "audit")
    op.drop_table("audit")
    op.drop_index("ix_article_versions_article", "article_versions")
    op.drop_table("article_versions")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("version")
        batch.drop_column("pins")
        batch.drop_column("status")
