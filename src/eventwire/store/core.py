"""The store: open it, add one article with its events in one transaction, read events back.

``Store.add(article, events)`` is the whole write path (the CLI's ingest and the benchmark's
synthetic inserts both go through it). In ONE transaction it inserts the article (a no-op that
returns None when its URL or normalised text is already stored: ``ON CONFLICT DO NOTHING``),
takes the merge lock of every block it touches (``pg_advisory_xact_lock`` on PostgreSQL;
SQLite's ``BEGIN IMMEDIATE`` already serialises writers), finds candidate events (see
:mod:`.dedup`), inserts the mentions, creates or updates their events and reconciles them (see
:mod:`.reconcile`); an event the article joined may then be one with another stored event
(``_remerge``: the report that bridges two earlier ones). A crash at any point leaves either the
whole article or nothing; a transaction that meets a concurrent writer's conflict is rolled back
and run again (:func:`.db.retrying`). An event's public id is derived from the text hash of the
article that founded it and the founding record's id, not from a row number, so a run that was
killed and resumed gives its events the ids a clean run gives them (on PostgreSQL a killed
transaction still uses up sequence numbers).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from .. import compare
from ..record import Article, Event
from . import dedup
from .reconcile import StoredMention, event_uid, reconcile
from .schema import articles, events, mentions

MAX_KEYWORDS = 120
CANDIDATE_COLUMNS = [events.c[n] for n in (
    "id", "block", "date_lo", "date_hi", "date_precision", "event_type", "sub_event_type", "latitude",
    "longitude", "place_level", "admin1", "location", "actor1", "actor2", "fatalities_best", "arrested_best",
    "keywords", "historical", "date", "date_source", "place_source", "geonameid", "country", "first_report",
    "last_report")]
_INSERT_EVENT = events.insert().returning(events.c.id)
_UPDATE_EVENT = events.update().where(events.c.id == sa.bindparam("event_pk"))


def normalise_text(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed: what "the same text" means for de-duplication."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass
class Added:
    """What storing one article did."""

    article_id: int
    n_mentions: int
    new_events: int
    merged: int  # mentions that joined an event already in the store


def _lock_key(block: str) -> int:
    return zlib.crc32(block.encode("utf-8")) - 2**31


def _iso(d: date) -> str:
    return d.isoformat()


class Store:
    """An event store on SQLite or PostgreSQL (see :func:`open_store`)."""

    def __init__(self, engine: Any):
        self.engine = engine
        self.dialect = engine.dialect.name
        self.n_added = 0  # articles stored by this Store object, and the candidate events
        self.n_candidates = 0  # their mentions were scored against (the blocking's work)
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        # statements built once, parameters bound per call (SQLAlchemy caches their compilation)
        self._insert_article_stmt = insert(articles).on_conflict_do_nothing().returning(articles.c.id)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A read-only connection (on SQLite a deferred transaction: it does not block writers)."""
        with self.engine.connect() as conn:
            conn.execution_options(eventwire_readonly=True)
            yield conn

    # -- articles -----------------------------------------------------------------------------
    def has_article(self, article: Article) -> bool:
        """Is this article (same URL or same normalised text) stored already?"""
        cond = articles.c.text_hash == text_hash(article.text)
        if article.url:
            cond = sa.or_(cond, articles.c.url == article.url)
        with self.read() as conn:
            return conn.execute(sa.select(articles.c.id).where(cond).limit(1)).first() is not None

    def _insert_article(self, conn: sa.Connection, a: Article, n: int) -> int | None:
        values = {
            "article_key": a.id[:300], "url": a.url, "text_hash": text_hash(a.text), "title": a.title,
            "source": a.source, "published": a.published.isoformat() if a.published else None,
            "origin": (a.origin or "")[:1000] or None, "text": a.text, "n_mentions": n,
            "ingested_at": datetime.now(UTC),
        }
        return conn.execute(self._insert_article_stmt, values).scalar()

    # -- the write path -----------------------------------------------------------------------
    def add(self, article: Article, evs: list[Event]) -> Added | None:
        """Store one article and its events, merged into the store's events; None if already stored."""
        from .db import retrying

        n_added, n_candidates = self.n_added, self.n_candidates

        def attempt() -> Added | None:
            self.n_added, self.n_candidates = n_added, n_candidates  # a retried attempt counts once
            return self._add(article, evs)

        return retrying(attempt)

    def _add(self, article: Article, evs: list[Event]) -> Added | None:
        """:meth:`add` in one transaction."""
        with self.engine.begin() as conn:
            aid = self._insert_article(conn, article, len(evs))
            if aid is None:
                return None
            published = article.published.isoformat() if article.published else None
            recs = [ev.to_dict() for ev in evs]
            sks = [dedup.sketch(r, published) for r in recs]
            if self.dialect == "postgresql":
                for b in sorted({s.block for s in sks}):
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key(b)})
            cands, named = self._candidates(conn, sks, recs, article.text)
            self.n_added += 1
            self.n_candidates += len(cands)
            links = dedup.assign(sks, cands, named)
            now = datetime.now(UTC)
            new_events = merged = 0
            event_of: list[int] = []
            for i, link in enumerate(links):
                if link.event is None:
                    seed = f"{text_hash(article.text)}:{recs[i]['event_id']}"
                    event_of.append(self._insert_event(conn, recs[i], sks[i], seed, now))
                    new_events += 1
                else:
                    event_of.append(link.event)
                    merged += 1
            for i, (rec, link) in enumerate(zip(recs, links, strict=True)):
                conn.execute(mentions.insert(), {
                    "article_id": aid, "event_id": event_of[i], "record_id": rec["event_id"], "ordinal": i,
                    "link_score": link.score, "record": rec})
            for eid in sorted(set(event_of)):
                self._reconcile(conn, eid, now)
            self._remerge(conn, {link.event for link in links if link.event is not None}, now)
            return Added(aid, len(recs), new_events, merged)

    def _remerge(self, conn: sa.Connection, eids: set[int], now: datetime) -> int:
        """Events that a new report made into one: an event this article joined, seen anew with
        its new sources, may now be the same event as another stored one (a first report that named
        a suburb and a low toll, and a later one that named the city; the report that told both
        ways came after them). The two merge when they reach the threshold of :func:`dedup.score`
        and share no article (one article's records are never one event). Returns how many merged."""
        threshold = dedup.settings().threshold
        done = 0
        todo = sorted(eids)
        while todo:
            eid = todo.pop(0)
            row = conn.execute(sa.select(*CANDIDATE_COLUMNS).where(events.c.id == eid)).first()
            if row is None:
                continue
            sk = dedup.sketch_of_row(row)
            cands, _ = self._candidates(conn, [sk], [{"location": row.location}], "")
            cands.pop(eid, None)
            if not cands:
                continue
            arts = _articles_of(conn, [eid, *cands])
            scored = [(dedup.score(sk, c)[0], cid) for cid, c in cands.items()
                      if not arts.get(cid, set()) & arts.get(eid, set())]
            best = max((x for x in scored if x[0] >= threshold), default=None)
            if best is None:
                continue
            other = best[1]
            conn.execute(mentions.update().where(mentions.c.event_id == other).values(event_id=eid))
            conn.execute(events.delete().where(events.c.id == other))
            self._reconcile(conn, eid, now)
            todo.insert(0, eid)  # the merged event may now reach another
            done += 1
        return done

    def _candidates(self, conn: sa.Connection, sks: list[dedup.Sketch], recs: list[dict[str, Any]],
                    text: str) -> tuple[dict[int, dedup.Sketch], set[tuple[int, int]]]:
        """The events each mention may join (the events of the mention's block near its dates, and
        the events of its group elsewhere dated within the slack with a sub-type it may be), and
        the (mention, event) pairs of different places that each report's article names."""
        out: dict[int, dedup.Sketch] = {}
        found: dict[int, set[int]] = {}  # event id -> the mentions that found it
        e = events.c
        st = dedup.settings()
        slack = timedelta(days=st.rules.day_slack + st.rules.context_slack)
        for i, sk in enumerate(sks):
            if sk.lo is None or sk.hi is None:
                continue
            lo2, hi2 = _iso(sk.lo - slack), _iso(sk.hi + slack)
            narrow_from = _iso(sk.lo - timedelta(days=st.narrow_days) - slack)
            wide_from = _iso(sk.lo - timedelta(days=st.wide_days) - slack)
            q = sa.select(*CANDIDATE_COLUMNS).where(
                e.block == sk.block,
                sa.or_(sa.and_(e.span == "d", e.date_lo.between(narrow_from, hi2)),
                       sa.and_(e.span == "w", e.date_lo.between(wide_from, hi2))),
                e.date_hi >= lo2,
            )
            rows = list(conn.execute(q))
            if sk.span == "d":  # a month or a year is too vague to look for its event abroad
                q = sa.select(*CANDIDATE_COLUMNS).where(
                    e.date_lo.between(narrow_from, hi2), e.span == "d", e.date_hi >= lo2, e.block != sk.block,
                    e.sub_event_type.in_(dedup.abroad_subs(sk)))
                rows += [r for r in conn.execute(q) if r.block.split("|", 1)[0] == sk.group]
            for row in rows:
                if row.id not in out:
                    out[row.id] = dedup.sketch_of_row(row)
                found.setdefault(row.id, set()).add(i)
        # places that differ: does each article name the other's place? (the text of this
        # article first; the stored articles' texts only for the events that pass)
        here = f" {compare.fold(text)} "
        maybe = {(i, eid) for eid, idx in found.items() for i in idx
                 if compare.fold(out[eid].where.name) != compare.fold(sks[i].where.name)
                 and _names(out[eid].where.name, here)}
        named: set[tuple[int, int]] = set()
        if maybe:
            there = _event_texts(conn, sorted({eid for _, eid in maybe}))
            named = {(i, eid) for i, eid in maybe if _names(recs[i].get("location"), there.get(eid, ""))}
        return out, named

    def _insert_event(self, conn: sa.Connection, rec: dict[str, Any], sk: dedup.Sketch, seed: str,
                      now: datetime) -> int:
        cols = _event_columns(rec, now)
        cols.update(uid=event_uid(seed), keywords=" ".join(sorted(sk.words))[:4000])
        return int(conn.execute(_INSERT_EVENT, cols).scalar_one())

    def _reconcile(self, conn: sa.Connection, eid: int, now: datetime) -> None:
        uid = conn.execute(sa.select(events.c.uid).where(events.c.id == eid)).scalar_one()
        ms = load_mentions(conn, eid)
        rec = reconcile(ms, uid)
        words: set[str] = set()
        for m in ms:
            words |= dedup.sketch(m.record).words
        cols = _event_columns(rec, now)
        cols["keywords"] = " ".join(sorted(words)[:MAX_KEYWORDS]) if len(words) > MAX_KEYWORDS \
            else " ".join(sorted(words))
        conn.execute(_UPDATE_EVENT, {**cols, "event_pk": eid})


def _names(place: str | None, folded_text: str) -> bool:
    """Does a text (folded, padded with spaces) name ``place`` (four letters at least)?"""
    name = compare.fold(place)
    return len(name) >= 4 and f" {name} " in folded_text


def _articles_of(conn: sa.Connection, eids: list[int]) -> dict[int, set[int]]:
    """The articles whose mentions make each event of ``eids``."""
    m = mentions.c
    out: dict[int, set[int]] = {}
    q = sa.select(m.event_id, m.article_id).where(m.event_id.in_(sa.bindparam("ids", expanding=True)))
    for r in conn.execute(q, {"ids": eids}):
        out.setdefault(r.event_id, set()).add(r.article_id)
    return out


def _event_texts(conn: sa.Connection, eids: list[int]) -> dict[int, str]:
    """The folded texts of the articles of events ``eids``, one padded string per event."""
    m, a = mentions.c, articles.c
    out: dict[int, list[str]] = {}
    q = sa.select(m.event_id, a.text).join(articles, a.id == m.article_id) \
        .where(m.event_id.in_(sa.bindparam("ids", expanding=True)))
    for r in conn.execute(q, {"ids": eids}):
        out.setdefault(r.event_id, []).append(compare.fold(r.text))
    return {k: " " + "  ".join(v) + " " for k, v in out.items()}


def load_mentions(conn: sa.Connection, eid: int) -> list[StoredMention]:
    """The mentions of event ``eid`` with their articles' metadata.

    Two index lookups rather than a join: a join's plan depends on table statistics, and right
    after a bulk load PostgreSQL may not have any (it then hashes the whole articles table).
    """
    m, a = mentions.c, articles.c
    rows = list(conn.execute(sa.select(m.id, m.article_id, m.record).where(m.event_id == eid).order_by(m.id)))
    ids = sorted({r.article_id for r in rows})
    arts = {r.id: r for r in conn.execute(
        sa.select(a.id, a.published, a.source, a.title, a.url, a.article_key, a.ingested_at)
        .where(a.id.in_(sa.bindparam("ids", expanding=True))), {"ids": ids})}
    out = []
    for r in rows:
        x = arts[r.article_id]
        out.append(StoredMention(r.id, r.article_id, r.record, x.published, x.source, x.title, x.url,
                                 x.article_key, x.ingested_at.date().isoformat() if x.ingested_at else None))
    return out


def _event_columns(rec: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The events-table columns of a canonical (or single-mention) record."""
    sk = dedup.sketch(rec, words=set())
    counts = rec.get("counts") or {}
    cols: dict[str, Any] = {
        "block": sk.block, "span": sk.span,
        "date_lo": _iso(sk.lo) if sk.lo else None, "date_hi": _iso(sk.hi) if sk.hi else None,
        "event_type": rec["event_type"], "sub_event_type": rec["sub_event_type"], "date": rec.get("date"),
        "date_precision": rec.get("date_precision") or "unknown", "historical": bool(rec.get("historical")),
        "date_source": rec.get("date_source"), "place_source": rec.get("place_source"),
        "geonameid": rec.get("geonameid"),
        "country": rec.get("country"), "admin1": rec.get("admin1"), "location": rec.get("location"),
        "latitude": rec.get("latitude"), "longitude": rec.get("longitude"), "place_level": rec.get("place_level"),
        "actor1": rec.get("actor1"), "actor2": rec.get("actor2"),
        "disputed": ",".join(rec.get("disputed") or []),
        "n_sources": int(rec.get("n_sources") or 1), "n_mentions": int(rec.get("n_mentions") or 1),
        "first_report": rec.get("first_report") or rec.get("published"),
        "last_report": rec.get("last_report") or rec.get("published"),
        "confidence": float(rec.get("confidence") or 0.0), "record": rec, "updated_at": now,
    }
    for f in ("fatalities", "injured", "arrested"):
        c = counts.get(f) or {"low": rec.get(f), "best": rec.get(f), "high": rec.get(f)}
        for k in ("low", "best", "high"):
            cols[f"{f}_{k}"] = c.get(k)
    return cols


def open_store(db: str | None = None, create: bool = True) -> Store:
    """Open (and create or migrate) the store named by ``--db``: a path, or a postgresql:// URL.

    With ``create=False`` nothing is written: the store is opened read-only, and one that does not
    exist or has an older schema is an EventwireError (see :mod:`.db`).
    """
    from .db import create_engine_for

    engine = create_engine_for(db, create=create)
    return Store(engine)


__all__ = ["Store", "Added", "open_store", "normalise_text", "text_hash", "load_mentions"]
