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
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from .. import compare
from ..record import Article, Event
from . import dedup
from .reconcile import StoredMention, event_uid, reconcile
from .schema import articles, events, kept_apart, mentions

MAX_KEYWORDS = 120
CANDIDATE_COLUMNS = [events.c[n] for n in (
    "id", "block", "date_lo", "date_hi", "date_precision", "event_type", "sub_event_type", "latitude",
    "longitude", "place_level", "admin1", "location", "actor1", "actor2", "fatalities_best", "arrested_best",
    "keywords", "historical", "date", "date_source", "place_source", "geonameid", "country", "first_report",
    "last_report", "uid", "status", "pins")]
_INSERT_EVENT = events.insert().returning(events.c.id)
# every change raises the version a reviewer's edit is checked against (see .review)
_UPDATE_EVENT = events.update().where(events.c.id == sa.bindparam("event_pk")).values(version=events.c.version + 1)


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

    # -- updated articles and re-coding --------------------------------------------------------
    def article_state(self, article: Article) -> tuple[str, int | None]:
        """``("same", id)`` when this text (or this URL with this text) is stored, ``("changed",
        id)`` when its URL is stored with another text (the page was updated), else ``("new", None)``."""
        with self.read() as conn:
            same = conn.execute(sa.select(articles.c.id).where(articles.c.text_hash == text_hash(article.text))
                                .limit(1)).scalar()
            if same is not None:
                return "same", int(same)
            if article.url:
                old = conn.execute(sa.select(articles.c.id).where(articles.c.url == article.url)).scalar()
                if old is not None:
                    return "changed", int(old)
        return "new", None

    def recode(self, article_pk: int, evs: list[Event], article: Article | None = None,
               who: str = "eventwire") -> Added:
        """Replace the records of stored article ``article_pk`` with ``evs``: a re-code of the same
        text, or (``article`` given) the coding of a new version of its page, whose old text goes
        to ``article_versions``. Each new record takes the event of its counterpart among the old
        records (the one :func:`.dedup.assign` pairs it with), so events keep their ids, their
        review state and their pinned fields; the others are linked as in :meth:`add`. An event
        left without reports is dropped. Changes to events' values are audited."""
        from .db import retrying

        return retrying(lambda: self._recode(article_pk, evs, article, who))

    def _recode(self, pk: int, evs: list[Event], article: Article | None, who: str) -> Added:
        from . import audit
        from .schema import article_versions

        with self.engine.begin() as conn:
            a = conn.execute(sa.select(articles).where(articles.c.id == pk)).first()
            if a is None:
                raise KeyError(f"no stored article {pk}")
            now = datetime.now(UTC)
            text = a.text
            if article is not None:
                conn.execute(article_versions.insert(), {
                    "article_id": pk, "text_hash": a.text_hash, "title": a.title, "published": a.published,
                    "text": a.text, "ingested_at": a.ingested_at, "replaced_at": now})
                text = article.text
                conn.execute(articles.update().where(articles.c.id == pk).values(
                    text=text, text_hash=text_hash(text), title=article.title if article.title else a.title,
                    published=article.published.isoformat() if article.published else a.published,
                    source=article.source or a.source, ingested_at=now))
            conn.execute(articles.update().where(articles.c.id == pk).values(n_mentions=len(evs)))
            published = conn.execute(sa.select(articles.c.published).where(articles.c.id == pk)).scalar()
            recs = [ev.to_dict() for ev in evs]
            sks = [dedup.sketch(r, published) for r in recs]
            m = mentions.c
            old = list(conn.execute(sa.select(m.id, m.event_id, m.record).where(m.article_id == pk).order_by(m.ordinal)))
            old_events = {o.event_id for o in old}
            if self.dialect == "postgresql":
                blocks = {s.block for s in sks} | {dedup.sketch(o.record, a.published).block for o in old}
                for b in sorted(blocks):
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _lock_key(b)})
            before = {r.id: (r.uid, r.record) for r in conn.execute(
                sa.select(events.c.id, events.c.uid, events.c.record).where(events.c.id.in_(old_events)))}
            # a new version revises its tolls: the counterpart is found with the tolls set aside
            counterparts = dedup.assign([replace(sk, fatalities=None) for sk in sks],
                                        {i: replace(dedup.sketch(o.record, a.published), fatalities=None)
                                         for i, o in enumerate(old)})
            event_of: list[int | None] = [old[lk.event].event_id if lk.event is not None else None
                                          for lk in counterparts]
            conn.execute(mentions.delete().where(m.article_id == pk))
            rest = [i for i, e in enumerate(event_of) if e is None]
            new_events = 0
            if rest:
                cands, named = self._candidates(conn, [sks[i] for i in rest], [recs[i] for i in rest], text)
                for e in {e for e in event_of if e is not None}:
                    cands.pop(e, None)
                links = dedup.assign([sks[i] for i in rest], cands, named)
                for j, i in enumerate(rest):
                    if links[j].event is not None:
                        event_of[i] = links[j].event
                        continue
                    seed = f"{text_hash(text)}:{recs[i]['event_id']}"
                    while conn.execute(sa.select(events.c.id).where(events.c.uid == event_uid(seed))).first():
                        seed += "+"
                    event_of[i] = self._insert_event(conn, recs[i], sks[i], seed, now)
                    new_events += 1
            for i, rec in enumerate(recs):
                conn.execute(mentions.insert(), {"article_id": pk, "event_id": event_of[i], "record_id": rec["event_id"],
                                                 "ordinal": i, "link_score": None, "record": rec})
            action = "article-updated" if article is not None else "recode"
            note = f"article {a.article_key}" + (" (new version of its page)" if article is not None else
                                                 " re-coded")
            for eid in sorted(old_events | {e for e in event_of if e is not None}):
                left = conn.execute(sa.select(m.id).where(m.event_id == eid).limit(1)).first()
                uid, old_rec = before.get(eid, (None, None))
                if article is not None and uid is not None:  # the page changed: said once per event
                    audit.log(conn, uid, action, who, before={"title": a.title, "text_hash": a.text_hash},
                                after={"title": article.title or a.title, "text_hash": text_hash(text)},
                                reason=note, at=now)
                if left is None:
                    conn.execute(events.delete().where(events.c.id == eid))
                    audit.log(conn, uid, "dropped", who, before=audit.brief(old_rec), reason=note, at=now)
                    continue
                rec = reconcile_event(conn, eid, now)
                if uid is not None:
                    for f, (b, v) in audit.changed_fields(old_rec, rec).items():
                        audit.log(conn, uid, action, who, field=f, before=b, after=v, reason=note, at=now)
            self._remerge(conn, {e for e in event_of if e is not None}, now)
            return Added(pk, len(recs), new_events, len(recs) - new_events)

    def _remerge(self, conn: sa.Connection, eids: set[int], now: datetime) -> int:
        """Events that a new report made into one: an event this article joined, seen anew with
        its new sources, may now be the same event as another stored one (a first report that named
        a suburb and a low toll, and a later one that named the city; the report that told both
        ways came after them). The two merge when they reach the threshold of :func:`dedup.score`
        and share no article (one article's records are never one event). Events a person reviewed
        are never merged by the machine, nor two a reviewer split (``kept_apart``). Returns how
        many merged."""
        threshold = dedup.settings().threshold
        done = 0
        todo = sorted(eids)
        while todo:
            eid = todo.pop(0)
            row = conn.execute(sa.select(*CANDIDATE_COLUMNS).where(events.c.id == eid)).first()
            if row is None or _reviewed(row):
                continue
            sk = dedup.sketch_of_row(row)
            cands, _ = self._candidates(conn, [sk], [{"location": row.location}], "")
            cands.pop(eid, None)
            cands = {cid: c for cid, c in cands.items() if cid not in reviewed_ids(conn, list(cands))}
            apart = kept_apart_of(conn, row.uid)
            if apart:
                uids = dict(conn.execute(sa.select(events.c.id, events.c.uid)
                                         .where(events.c.id.in_(sa.bindparam("ids", expanding=True))),
                                         {"ids": list(cands)}).all())
                cands = {cid: c for cid, c in cands.items() if uids.get(cid) not in apart}
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

    def _reconcile(self, conn: sa.Connection, eid: int, now: datetime) -> dict[str, Any]:
        return reconcile_event(conn, eid, now)


def reconcile_event(conn: sa.Connection, eid: int, now: datetime) -> dict[str, Any]:
    """Recompute event ``eid`` from its mentions and its pinned corrections; its new record."""
    uid, pins = conn.execute(sa.select(events.c.uid, events.c.pins).where(events.c.id == eid)).one()
    ms = load_mentions(conn, eid)
    rec = reconcile(ms, uid, pins)
    words: set[str] = set()
    for m in ms:
        words |= dedup.sketch(m.record).words
    cols = _event_columns(rec, now)
    cols["keywords"] = " ".join(sorted(words)[:MAX_KEYWORDS]) if len(words) > MAX_KEYWORDS \
        else " ".join(sorted(words))
    conn.execute(_UPDATE_EVENT, {**cols, "event_pk": eid})
    return rec


def _reviewed(row: Any) -> bool:
    """Has a person decided this event (accepted, rejected or corrected it)?"""
    return (row.status or "unreviewed") != "unreviewed"  # a correction accepts the event too


def reviewed_ids(conn: sa.Connection, eids: list[int]) -> set[int]:
    """The events of ``eids`` a person reviewed."""
    if not eids:
        return set()
    e = events.c
    q = sa.select(e.id).where(e.id.in_(sa.bindparam("ids", expanding=True)), e.status != "unreviewed")
    return {r.id for r in conn.execute(q, {"ids": eids})}


def kept_apart_of(conn: sa.Connection, uid: str) -> set[str]:
    """The events a reviewer split from event ``uid`` (never merged with it again)."""
    k = kept_apart.c
    rows = conn.execute(sa.select(k.uid_a, k.uid_b).where(sa.or_(k.uid_a == uid, k.uid_b == uid)))
    return {b if a == uid else a for a, b in rows}


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
