"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

    articles  one row per stored article; unique URL and unique normalised-text hash make a
              second ingest of the same article a no-op (and concurrent ingests safe)
    events    the merged real-world event: canonical fields, n_sources, first/last report,
              per-field values with their sources, UCDP-style low/best/high counts and the
              fields on which the sources disagree
    mentions  one row per extracted :class:`~eventwire.record.Event` record (its JSON, evidence
              and offsets included), pointing at its article and at the event it was merged into
    article_versions  the earlier texts of an article whose page changed (same URL, new text)
    audit     every change a person (or a re-code) made to an event: who, when, what, before,
              after, why (see :mod:`.review`)
    kept_apart  pairs of events a reviewer split: the machine never merges them again

Review state lives on the event: ``status`` (unreviewed | accepted | rejected), ``pins`` (the
fields a reviewer corrected, which re-coding and later reports keep) and ``version`` (raised by
every change; a reviewer's edit names the version it was made on, and a stale one is refused).

Migrations (``store/migrations``) create exactly these tables; a test compares the two.
Dates are ISO strings (``YYYY-MM-DD``), which sort and compare the same on both back ends.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
NullableJSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")  # None -> SQL NULL

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_key", sa.String(300), nullable=False),  # Article.id as read
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

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("uid", sa.String(40), nullable=False),
    sa.Column("block", sa.String(80), nullable=False),  # "violence|NG": merge block + country
    sa.Column("span", sa.String(1), nullable=False),  # "d": date interval <= 9 days, "w": wider
    sa.Column("date_lo", sa.String(10), nullable=True),
    sa.Column("date_hi", sa.String(10), nullable=True),
    sa.Column("event_type", sa.String(80), nullable=False),
    sa.Column("sub_event_type", sa.String(80), nullable=False),
    sa.Column("date", sa.String(10), nullable=True),
    sa.Column("date_precision", sa.String(10), nullable=False),
    sa.Column("date_source", sa.String(20), nullable=True),  # record.DATE_SOURCES (null: stored before 0003)
    sa.Column("historical", sa.Boolean, nullable=False),
    sa.Column("country", sa.String(2), nullable=True),
    sa.Column("admin1", sa.String(200), nullable=True),
    sa.Column("location", sa.String(300), nullable=True),
    sa.Column("latitude", sa.Float, nullable=True),
    sa.Column("longitude", sa.Float, nullable=True),
    sa.Column("place_level", sa.String(20), nullable=True),
    sa.Column("place_source", sa.String(20), nullable=True),  # record.PLACE_SOURCES
    sa.Column("geonameid", sa.Integer, nullable=True),
    sa.Column("actor1", sa.String(300), nullable=True),
    sa.Column("actor2", sa.String(300), nullable=True),
    sa.Column("fatalities_low", sa.Integer, nullable=True),
    sa.Column("fatalities_best", sa.Integer, nullable=True),
    sa.Column("fatalities_high", sa.Integer, nullable=True),
    sa.Column("injured_low", sa.Integer, nullable=True),
    sa.Column("injured_best", sa.Integer, nullable=True),
    sa.Column("injured_high", sa.Integer, nullable=True),
    sa.Column("arrested_low", sa.Integer, nullable=True),
    sa.Column("arrested_best", sa.Integer, nullable=True),
    sa.Column("arrested_high", sa.Integer, nullable=True),
    sa.Column("disputed", sa.String(200), nullable=False, server_default=""),  # "fatalities,date"
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("n_mentions", sa.Integer, nullable=False),
    sa.Column("first_report", sa.String(10), nullable=True),
    sa.Column("last_report", sa.String(10), nullable=True),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("record", JSONType, nullable=False),  # the canonical Event record + reconciliation
    sa.Column("keywords", sa.Text, nullable=False, server_default=""),  # for the pairwise score
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(12), nullable=False, server_default="unreviewed"),
    sa.Column("pins", NullableJSON, nullable=True),  # {field: value} set by reviewers (null: none)
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.UniqueConstraint("uid", name="uq_events_uid"),
)
sa.Index("ix_events_block", events.c.block, events.c.span, events.c.date_lo)
sa.Index("ix_events_date", events.c.date_lo)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
    sa.Column("record_id", sa.String(40), nullable=False),  # Event.event_id of the extractor
    sa.Column("ordinal", sa.Integer, nullable=False),  # position in the article's output
    sa.Column("link_score", sa.Float, nullable=True),  # null: it founded its event
    sa.Column("record", JSONType, nullable=False),  # Event.to_dict(), evidence and offsets included
    sa.UniqueConstraint("article_id", "ordinal", name="uq_mentions_article_ordinal"),
)
sa.Index("ix_mentions_event", mentions.c.event_id)

article_versions = sa.Table(
    "article_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("text_hash", sa.String(64), nullable=False),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("published", sa.String(10), nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
)
sa.Index("ix_article_versions_article", article_versions.c.article_id)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_uid", sa.String(40), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),  # review.ACTIONS
    sa.Column("field", sa.String(40), nullable=True),
    sa.Column("before", JSONType, nullable=True),
    sa.Column("after", JSONType, nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("who", sa.String(100), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)
sa.Index("ix_audit_event", audit.c.event_uid, audit.c.id)

kept_apart = sa.Table(
    "kept_apart",
    metadata,
    sa.Column("uid_a", sa.String(40), nullable=False),  # the smaller uid of the pair
    sa.Column("uid_b", sa.String(40), nullable=False),
    sa.PrimaryKeyConstraint("uid_a", "uid_b", name="pk_kept_apart"),
)
