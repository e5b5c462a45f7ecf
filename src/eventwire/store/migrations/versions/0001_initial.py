"""The first store schema: articles, events, mentions.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def _counts() -> list[sa.Column]:
    return [sa.Column(f"{f}_{k}", sa.Integer, nullable=True)
            for f in ("fatalities", "injured", "arrested") for k in ("low", "best", "high")]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_key", sa.String(300), nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("source", sa.String(300), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("origin", sa.String(1000), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("n_mentions", sa.Integer, nullable=False, server_default="0"),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("url", name="uq_articles_url"),
        sa.UniqueConstraint("text_hash", name="uq_articles_text_hash"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(40), nullable=False),
        sa.Column("block", sa.String(80), nullable=False),
        sa.Column("span", sa.String(1), nullable=False),
        sa.Column("date_lo", sa.String(10), nullable=True),
        sa.Column("date_hi", sa.String(10), nullable=True),
        sa.Column("event_type", sa.String(80), nullable=False),
        sa.Column("sub_event_type", sa.String(80), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("date_precision", sa.String(10), nullable=False),
        sa.Column("historical", sa.Boolean, nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("admin1", sa.String(200), nullable=True),
        sa.Column("location", sa.String(300), nullable=True),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("place_level", sa.String(20), nullable=True),
        sa.Column("actor1", sa.String(300), nullable=True),
        sa.Column("actor2", sa.String(300), nullable=True),
        *_counts(),
        sa.Column("disputed", sa.String(200), nullable=False, server_default=""),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("n_mentions", sa.Integer, nullable=False),
        sa.Column("first_report", sa.String(10), nullable=True),
        sa.Column("last_report", sa.String(10), nullable=True),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("record", JSONType, nullable=False),
        sa.Column("keywords", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("uid", name="uq_events_uid"),
    )
    op.create_index("ix_events_block", "events", ["block", "span", "date_lo"])
    op.create_index("ix_events_date", "events", ["date_lo"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("record_id", sa.String(40), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("link_score", sa.Float, nullable=True),
        sa.Column("record", JSONType, nullable=False),
        sa.UniqueConstraint("article_id", "ordinal", name="uq_mentions_article_ordinal"),
    )
    op.create_index("ix_mentions_event", "mentions", ["event_id"])


def downgrade() -> None:
    op.drop_table("mentions")
    op.drop_table("events")
    op.drop_table("articles")
