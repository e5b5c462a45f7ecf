"""Per-feed polling state kept in the store (tables ``feeds`` and ``feed_pages``, migration 0002).

    states = FeedStates(store)
    states.ensure(["https://example.org/rss"])
    states.record_success(url, now, etag=..., last_modified=..., articles=2, events=5)
    states.record_error(url, now, "timed out", next_retry=now + timedelta(minutes=2))
    states.all()  -> [FeedState, ...]       what ``eventwire watch --status`` prints

``feeds`` holds one row per feed: its validators (ETag, Last-Modified) for conditional requests,
last success, last error, consecutive failures, next retry, and the articles stored and events
found from it. ``feed_pages`` holds only the article pages that *failed* (with their back-off, or
``gave_up`` for a page that will never work: not HTML, too big, disallowed); a page that was
stored is in ``articles`` and is found there by URL. Times are UTC.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..store.core import Store
from ..store.schema import articles

metadata = sa.MetaData()

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("etag", sa.String(1000), nullable=True),
    sa.Column("last_modified", sa.String(200), nullable=True),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_polled", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_success", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_retry", sa.DateTime(timezone=True), nullable=True),
    sa.Column("articles_seen", sa.Integer, nullable=False, server_default="0"),
    sa.Column("events_found", sa.Integer, nullable=False, server_default="0"),
    sa.UniqueConstraint("url", name="uq_feeds_url"),
)

feed_pages = sa.Table(
    "feed_pages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("feed_url", sa.String(2000), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("last_attempt", sa.DateTime(timezone=True), nullable=False),
    sa.Column("next_retry", sa.DateTime(timezone=True), nullable=True),
    sa.Column("gave_up", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.UniqueConstraint("url", name="uq_feed_pages_url"),
)


def utc(t: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back: they were written as UTC."""
    if t is None:
        return None
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


@dataclass
class FeedState:
    """One feed's row of ``feeds``."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    failures: int = 0
    next_retry: datetime | None = None
    articles_seen: int = 0
    events_found: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (ISO times): what ``watch --status --json`` prints and an API can serve."""
        d = asdict(self)
        for k, v in d.items():
            if isinstance(v, datetime):
                d[k] = v.isoformat()
        return d

    @classmethod
    def from_row(cls, row: Any) -> FeedState:
        return cls(url=row.url, title=row.title, etag=row.etag, last_modified=row.last_modified,
                   last_polled=utc(row.last_polled), last_success=utc(row.last_success),
                   last_error=row.last_error, last_error_at=utc(row.last_error_at), failures=row.failures,
                   next_retry=utc(row.next_retry), articles_seen=row.articles_seen,
                   events_found=row.events_found)


class FeedStates:
    """Reads and writes the feed tables through the store's engine (each write its own transaction)."""

    def __init__(self, store: Store):
        self.store = store
        self.engine = store.engine

    def _insert_ignore(self, table: sa.Table) -> Any:
        """INSERT ... ON CONFLICT DO NOTHING on either back end."""
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table).on_conflict_do_nothing()

    # -- feeds ----------------------------------------------------------------------------------
    def ensure(self, urls: list[str], now: datetime | None = None) -> None:
        """Add a row for each feed not yet known (existing rows are left alone)."""
        now = now or datetime.now(UTC)
        with self.engine.begin() as conn:
            known = {r.url for r in conn.execute(sa.select(feeds.c.url).where(
                feeds.c.url.in_(sa.bindparam("urls", expanding=True))), {"urls": list(urls)})}
            for url in dict.fromkeys(urls):
                if url not in known:  # another watcher may add it at the same moment: no error then
                    conn.execute(self._insert_ignore(feeds), {"url": url, "added_at": now})

    def get(self, url: str) -> FeedState | None:
        with self.store.read() as conn:
            row = conn.execute(sa.select(feeds).where(feeds.c.url == url)).first()
        return FeedState.from_row(row) if row is not None else None

    def all(self) -> list[FeedState]:
        with self.store.read() as conn:
            return [FeedState.from_row(r) for r in conn.execute(sa.select(feeds).order_by(feeds.c.id))]

    def record_success(self, url: str, now: datetime, *, etag: str | None, last_modified: str | None,
                       title: str | None = None) -> None:
        """The feed answered (200 or 304): keep its validators, clear the failure count."""
        values: dict[str, Any] = {"last_polled": now, "last_success": now, "failures": 0, "next_retry": None,
                                  "etag": etag, "last_modified": last_modified}
        if title:
            values["title"] = title[:1000]
        with self.engine.begin() as conn:
            conn.execute(feeds.update().where(feeds.c.url == url).values(**values))

    def record_error(self, url: str, now: datetime, reason: str, next_retry: datetime | None) -> int:
        """The feed failed: remember why, count the failure; returns the consecutive failures."""
        with self.engine.begin() as conn:
            conn.execute(feeds.update().where(feeds.c.url == url).values(
                last_polled=now, last_error=reason[:2000], last_error_at=now, failures=feeds.c.failures + 1,
                next_retry=next_retry))
            return int(conn.execute(sa.select(feeds.c.failures).where(feeds.c.url == url)).scalar_one())

    def add_counts(self, url: str, articles_seen: int, events_found: int) -> None:
        if not articles_seen and not events_found:
            return
        with self.engine.begin() as conn:
            conn.execute(feeds.update().where(feeds.c.url == url).values(
                articles_seen=feeds.c.articles_seen + articles_seen,
                events_found=feeds.c.events_found + events_found))

    # -- pages ----------------------------------------------------------------------------------
    def url_stored(self, url: str) -> bool:
        """Is an article with this URL in the store already? (then its page is never fetched)"""
        with self.store.read() as conn:
            return conn.execute(sa.select(articles.c.id).where(articles.c.url == url).limit(1)).first() is not None

    def page_blocked(self, url: str, now: datetime) -> str | None:
        """Why this page is not to be fetched now (it gave up, or waits for its retry), else None."""
        with self.store.read() as conn:
            row = conn.execute(sa.select(feed_pages).where(feed_pages.c.url == url)).first()
        if row is None:
            return None
        if row.gave_up:
            return f"gave up earlier: {row.last_error}"
        retry = utc(row.next_retry)
        if retry is not None and retry > now:
            return f"retry after {retry:%Y-%m-%d %H:%M:%S}Z ({row.last_error})"
        return None

    def page_attempts(self, url: str) -> int:
        with self.store.read() as conn:
            n = conn.execute(sa.select(feed_pages.c.attempts).where(feed_pages.c.url == url)).scalar()
        return int(n or 0)

    def record_page_error(self, url: str, feed_url: str, now: datetime, reason: str,
                          next_retry: datetime | None, gave_up: bool) -> None:
        with self.engine.begin() as conn:
            values = {"feed_url": feed_url, "last_error": reason[:2000], "last_attempt": now,
                      "next_retry": next_retry, "gave_up": gave_up}
            done = conn.execute(feed_pages.update().where(feed_pages.c.url == url).values(
                attempts=feed_pages.c.attempts + 1, **values))
            if done.rowcount == 0:
                conn.execute(self._insert_ignore(feed_pages), {"url": url, "attempts": 1, **values})

    def clear_page(self, url: str) -> None:
        """The page was stored after all: forget its failures."""
        with self.engine.begin() as conn:
            conn.execute(feed_pages.delete().where(feed_pages.c.url == url))

    def status(self) -> list[dict[str, Any]]:
        """Every feed's state as JSON-ready dicts (for ``watch --status --json`` and the API)."""
        return [s.to_dict() for s in self.all()]

    def failed_pages(self) -> list[Any]:
        with self.store.read() as conn:
            return list(conn.execute(sa.select(feed_pages).order_by(feed_pages.c.id)))
