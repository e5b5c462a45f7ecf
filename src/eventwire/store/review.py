"""What analysts do to stored events, each in one transaction, each written to the audit trail.

    accept(store, uid, who=..., version=...)              a person vouches for the event
    reject(store, uid, who=..., version=..., reason=...)  not an event (stays rejected when its
                                                          reports come again)
    reopen(store, uid, ...)                               back to unreviewed
    edit(store, uid, {"actor1": ...}, unpin=[...], ...)   correct fields: they are *pinned*
    merge(store, uid, other_uid, ...)                     two records of one event become one
    split(store, uid, [article ids], ...)                 reports wrongly merged go to an event of
                                                          their own, never merged back
    history(store, uid)                                   the audit rows and the reports, in order

A pinned field is a fact: re-coding, updated articles and later reports recompute the machine's
value (kept beside it in the record's ``machine``) but never replace it (:func:`.reconcile.apply_pins`).
Every write names the ``version`` of the event it was made on; when the event changed since (another
reviewer, a new report), :class:`Stale` is raised and nothing is written. The same code runs on
SQLite and PostgreSQL (where the event rows are locked ``FOR UPDATE``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from ..errors import EventwireError
from ..record import COUNT_FIELDS, DATE_PRECISIONS, PLACE_LEVELS, QUALIFIERS, REVIEW_STATUSES
from .audit import ACTIONS, brief, changed_fields, log
from .reconcile import _neg_date, event_uid
from .schema import articles, audit, events, kept_apart, mentions

STATUSES = REVIEW_STATUSES
# the fields a reviewer may correct; a place is corrected as a whole (PLACE_GROUP)
PLACE_GROUP = ("location", "admin1", "country", "latitude", "longitude", "geonameid", "place_level")
EDITABLE = ("event_type", "sub_event_type", "date", "date_precision", *PLACE_GROUP, "actor1", "actor2",
            *COUNT_FIELDS, *(f"{f}_qualifier" for f in COUNT_FIELDS), "historical")
MAX_REASON = 2000


class ReviewError(EventwireError):
    """A review action that cannot be done as asked (a bad value, an unknown event): one line."""

    status = 422


class NotFound(ReviewError):
    status = 404


class Stale(ReviewError):
    """The event changed since the version the reviewer saw (409): reload it and redo the edit."""

    status = 409

    def __init__(self, uid: str, given: int, current: int) -> None:
        super().__init__(f"event {uid} is at version {current}, not {given}: it changed since it was "
                         "loaded (another reviewer or a new report); reload it and edit again")
        self.current = current


@dataclass
class Done:
    """What a review action left: the event's id and its new version (and a new event's, on split)."""

    uid: str
    version: int
    status: str
    new_uid: str | None = None


# -- validation -------------------------------------------------------------------------------
def _taxonomy() -> Any:
    from .dedup import _taxonomy as tax

    return tax()


def validate(changes: dict[str, Any]) -> dict[str, Any]:
    """The pins a set of changes makes, checked: values the taxonomy, the calendar, the country
    table and the count rules accept (else :class:`ReviewError` naming the field)."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ReviewError(f"cannot edit {', '.join(unknown)}: editable fields are {', '.join(EDITABLE)}")
    out: dict[str, Any] = {}
    tax = _taxonomy()
    if "sub_event_type" in changes or "event_type" in changes:
        sub = changes.get("sub_event_type")
        if sub not in tax.sub_to_type:
            raise ReviewError(f"sub_event_type {sub!r} is not an ACLED sub-event type")
        typ = tax.sub_to_type[sub]
        if changes.get("event_type") not in (None, typ):
            raise ReviewError(f"sub_event_type {sub!r} belongs to {typ!r}, not {changes['event_type']!r}")
        out["event_type"], out["sub_event_type"] = typ, sub
    if "date" in changes or "date_precision" in changes:
        prec = changes.get("date_precision") or "day"
        if prec not in DATE_PRECISIONS:
            raise ReviewError(f"date_precision {prec!r}: one of {', '.join(DATE_PRECISIONS)}")
        out["date"], out["date_precision"] = _date(changes.get("date"), prec), prec
    if any(k in changes for k in PLACE_GROUP):
        out.update(_place({k: changes.get(k) for k in PLACE_GROUP}))
    for k in ("actor1", "actor2"):
        if k in changes:
            v = changes[k]
            if v is not None and (not isinstance(v, str) or not v.strip() or len(v) > 300):
                raise ReviewError(f"{k}: a name of 1-300 characters, or null")
            out[k] = v.strip() if isinstance(v, str) else None
    for f in COUNT_FIELDS:
        if f in changes:
            v = changes[f]
            if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
                raise ReviewError(f"{f}: a whole number >= 0 (0: none), or null (not reported)")
            out[f] = v
        q = f"{f}_qualifier"
        if q in changes:
            if changes[q] is not None and changes[q] not in QUALIFIERS:
                raise ReviewError(f"{q} {changes[q]!r}: one of {', '.join(QUALIFIERS)}, or null")
            out[q] = changes[q]
    if "historical" in changes:
        if not isinstance(changes["historical"], bool):
            raise ReviewError("historical: true or false")
        out["historical"] = changes["historical"]
    return out


def _date(value: Any, precision: str) -> str | None:
    if value is None:
        if precision != "unknown":
            raise ReviewError("date: give a date, or precision 'unknown'")
        return None
    s = str(value)
    pattern = {"month": r"\d{4}-\d{2}", "year": r"\d{4}"}.get(precision, r"\d{4}-\d{2}-\d{2}")
    try:
        if not re.fullmatch(pattern, s):
            raise ValueError
        date.fromisoformat((s + "-01-01")[:10] if precision in ("month", "year") else s)
    except ValueError:
        raise ReviewError(f"date {s!r} is not an ISO date of precision {precision!r}") from None
    return s


def _place(p: dict[str, Any]) -> dict[str, Any]:
    from ..countries import lookup

    if p.get("country") is not None:
        code = lookup(str(p["country"]))
        if code is None:
            raise ReviewError(f"country {p['country']!r} is not a country name or code")
        p["country"] = code
    for k, lo, hi in (("latitude", -90, 90), ("longitude", -180, 180)):
        v = p.get(k)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float) or not lo <= v <= hi):
            raise ReviewError(f"{k}: a number from {lo} to {hi}, or null")
    if (p.get("latitude") is None) != (p.get("longitude") is None):
        raise ReviewError("latitude and longitude: both or neither")
    if p.get("place_level") is not None and p["place_level"] not in PLACE_LEVELS:
        raise ReviewError(f"place_level {p['place_level']!r}: one of {', '.join(PLACE_LEVELS)}")
    for k in ("location", "admin1"):
        if p.get(k) is not None and (not isinstance(p[k], str) or len(p[k]) > 300):
            raise ReviewError(f"{k}: a name of at most 300 characters, or null")
    if p.get("geonameid") is not None and (isinstance(p["geonameid"], bool) or not isinstance(p["geonameid"], int)):
        raise ReviewError("geonameid: a GeoNames id (integer), or null")
    return p


def _reason(reason: str | None, required: bool = False) -> str | None:
    reason = (reason or "").strip() or None
    if required and not reason:
        raise ReviewError("a reason is required")
    if reason and len(reason) > MAX_REASON:
        raise ReviewError(f"reason: at most {MAX_REASON} characters")
    return reason


# -- the transaction and the audit rows -------------------------------------------------------
def _row(conn: sa.Connection, uid: str, dialect: str) -> Any:
    q = sa.select(events.c.id, events.c.uid, events.c.status, events.c.pins, events.c.version,
                  events.c.record).where(events.c.uid == uid)
    if dialect == "postgresql":
        q = q.with_for_update()
    row = conn.execute(q).first()
    if row is None:
        raise NotFound(f"no event {uid!r} in this store")
    return row


def _check(row: Any, version: int | None) -> None:
    if version is not None and int(version) != int(row.version):
        raise Stale(row.uid, int(version), int(row.version))


def _bump(conn: sa.Connection, eid: int, **values: Any) -> int:
    """Write ``values`` on event ``eid`` and raise its version; the new version."""
    conn.execute(events.update().where(events.c.id == eid)
                 .values(version=events.c.version + 1, updated_at=datetime.now(UTC), **values))
    return int(conn.execute(sa.select(events.c.version).where(events.c.id == eid)).scalar_one())


def _run(store: Any, fn: Any) -> Any:
    from .db import retrying

    def attempt() -> Any:
        with store.engine.begin() as conn:
            return fn(conn)

    return retrying(attempt)


# -- the actions ------------------------------------------------------------------------------
def _set_status(store: Any, uid: str, status: str, action: str, who: str, version: int | None,
                reason: str | None) -> Done:
    def tx(conn: sa.Connection) -> Done:
        row = _row(conn, uid, store.dialect)
        _check(row, version)
        if row.status == status:
            return Done(uid, int(row.version), status)
        v = _bump(conn, row.id, status=status)
        log(conn, uid, action, who, field="status", before=row.status, after=status, reason=reason)
        return Done(uid, v, status)

    return _run(store, tx)


def accept(store: Any, uid: str, *, who: str, version: int | None = None, reason: str | None = None) -> Done:
    """A person vouches for the event as it stands."""
    return _set_status(store, uid, "accepted", "accept", who, version, _reason(reason))


def reject(store: Any, uid: str, *, who: str, reason: str, version: int | None = None) -> Done:
    """Not an event (with the reason): hidden from listings and exports, and kept rejected when
    its reports come again or are re-coded."""
    return _set_status(store, uid, "rejected", "reject", who, version, _reason(reason, required=True))


def reopen(store: Any, uid: str, *, who: str, version: int | None = None, reason: str | None = None) -> Done:
    """Back to unreviewed (an accept or a reject undone; pinned fields stay pinned)."""
    return _set_status(store, uid, "unreviewed", "reopen", who, version, _reason(reason))


def edit(store: Any, uid: str, changes: dict[str, Any], *, who: str, version: int | None = None,
         unpin: Sequence[str] = (), reason: str | None = None) -> Done:
    """Correct fields (pinned from now on) and/or give fields back to the machine (``unpin``).
    An unreviewed event becomes accepted: the person vouched for what it now says."""
    pins_new = validate(changes)
    bad = sorted(set(unpin) - set(EDITABLE))
    if bad:
        raise ReviewError(f"cannot unpin {', '.join(bad)}: not an editable field")
    unpin_all = set(unpin)
    if unpin_all & set(PLACE_GROUP):
        unpin_all |= set(PLACE_GROUP)
    if unpin_all & {"event_type", "sub_event_type"}:
        unpin_all |= {"event_type", "sub_event_type"}
    if unpin_all & {"date", "date_precision"}:
        unpin_all |= {"date", "date_precision"}
    reason = _reason(reason)
    if not pins_new and not unpin_all:
        raise ReviewError("nothing to change: give fields to correct or fields to unpin")

    def tx(conn: sa.Connection) -> Done:
        from .core import reconcile_event

        row = _row(conn, uid, store.dialect)
        _check(row, version)
        rec = row.record or {}
        pins = dict(row.pins or {})
        now = datetime.now(UTC)
        for f in sorted(unpin_all & set(pins)):
            log(conn, uid, "unpin", who, field=f, before=pins.pop(f),
                 after=(rec.get("machine") or {}).get(f), reason=reason, at=now)
        for f, v in pins_new.items():
            before = rec.get(f)
            if f in pins and pins[f] == v:
                continue
            pins[f] = v
            if before != v:
                log(conn, uid, "edit", who, field=f, before=before, after=v, reason=reason, at=now)
        status = "accepted" if row.status == "unreviewed" else row.status
        conn.execute(events.update().where(events.c.id == row.id).values(pins=pins or None, status=status))
        reconcile_event(conn, row.id, now)  # raises the version
        v = int(conn.execute(sa.select(events.c.version).where(events.c.id == row.id)).scalar_one())
        return Done(uid, v, status)

    return _run(store, tx)


def merge(store: Any, uid: str, other: str, *, who: str, version: int | None = None,
          other_version: int | None = None, reason: str | None = None) -> Done:
    """Event ``other`` is the same event as ``uid``: its reports join ``uid`` and it is gone (its
    id is kept in the audit trail, and ``history`` of it says where it went). Pins of ``uid``
    win; the other's fill the fields ``uid`` did not pin. The merged event is accepted (unless
    both were rejected)."""
    if uid == other:
        raise ReviewError("an event cannot be merged with itself")
    reason = _reason(reason)

    def tx(conn: sa.Connection) -> Done:
        from .core import reconcile_event

        a = _row(conn, uid, store.dialect)
        b = _row(conn, other, store.dialect)
        _check(a, version)
        _check(b, other_version)
        pins = {**(b.pins or {}), **(a.pins or {})}
        status = "rejected" if a.status == b.status == "rejected" else "accepted"  # a person vouched
        now = datetime.now(UTC)
        conn.execute(mentions.update().where(mentions.c.event_id == b.id).values(event_id=a.id))
        conn.execute(events.delete().where(events.c.id == b.id))
        k = kept_apart.c
        conn.execute(kept_apart.delete().where(sa.or_(sa.and_(k.uid_a == min(uid, other), k.uid_b == max(uid, other)))))
        conn.execute(events.update().where(events.c.id == a.id).values(pins=pins or None, status=status))
        reconcile_event(conn, a.id, now)
        log(conn, uid, "merge", who, before={"event": other, "record": brief(b.record)}, after={"event": uid},
             reason=reason, at=now)
        log(conn, other, "merged-into", who, before=brief(b.record), after={"event": uid}, reason=reason, at=now)
        v = int(conn.execute(sa.select(events.c.version).where(events.c.id == a.id)).scalar_one())
        return Done(uid, v, status)

    return _run(store, tx)


def split(store: Any, uid: str, article_ids: Iterable[int], *, who: str, version: int | None = None,
          reason: str | None = None) -> Done:
    """The reports of ``article_ids`` (store ids of articles) were wrongly merged into ``uid``:
    they become an event of their own, which the machine never merges with ``uid`` again."""
    ids = sorted({int(a) for a in article_ids})
    if not ids:
        raise ReviewError("name the reports (article ids) to split off")
    reason = _reason(reason)

    def tx(conn: sa.Connection) -> Done:
        from .core import _event_columns, reconcile_event

        row = _row(conn, uid, store.dialect)
        _check(row, version)
        m = mentions.c
        ms = list(conn.execute(sa.select(m.id, m.article_id, m.record).where(m.event_id == row.id).order_by(m.id)))
        moving = [x for x in ms if x.article_id in ids]
        missing = sorted(set(ids) - {x.article_id for x in ms})
        if missing:
            raise ReviewError(f"event {uid} has no report from article(s) {', '.join(map(str, missing))}")
        if len(moving) == len(ms):
            raise ReviewError("every report of the event would leave it: split off fewer reports")
        now = datetime.now(UTC)
        text_hash = conn.execute(sa.select(articles.c.text_hash).where(articles.c.id == moving[0].article_id)).scalar_one()
        new_uid = event_uid(f"{text_hash}:{moving[0].record.get('event_id')}:split-from:{uid}")
        cols = _event_columns(moving[0].record, now)
        from . import dedup

        cols.update(uid=new_uid, keywords=" ".join(sorted(dedup.sketch(moving[0].record).words))[:4000],
                    status="unreviewed")
        new_id = int(conn.execute(events.insert().returning(events.c.id), cols).scalar_one())
        conn.execute(mentions.update().where(m.id.in_([x.id for x in moving])).values(event_id=new_id))
        conn.execute(kept_apart.insert(), {"uid_a": min(uid, new_uid), "uid_b": max(uid, new_uid)})
        reconcile_event(conn, row.id, now)
        reconcile_event(conn, new_id, now)
        log(conn, uid, "split", who, before={"articles": ids}, after={"event": new_uid}, reason=reason, at=now)
        log(conn, new_uid, "split-from", who, before={"event": uid}, after={"articles": ids}, reason=reason, at=now)
        v = int(conn.execute(sa.select(events.c.version).where(events.c.id == row.id)).scalar_one())
        return Done(uid, v, row.status, new_uid=new_uid)

    return _run(store, tx)


# -- the queue --------------------------------------------------------------------------------
QUEUE_REASONS = ("low_confidence", "disputed", "single_source", "new_actor", "new_place")


@dataclass
class Queue:
    """The unreviewed events under a filter, what most needs a person first."""

    left: int  # unreviewed events under the filter
    reasons: dict[str, int]  # how many of them have each reason
    items: list[tuple[float, list[str], Any]]  # (need, reasons, event row), best first, at most limit


def _queue_settings() -> tuple[dict[str, float], float]:
    from .. import knowledge

    d = knowledge.load("store/review.yaml")
    return {k: float(v) for k, v in d["weights"].items()}, float(d["low_confidence_below"])


def reasons_of(row: Any, actor_events: dict[str, int], low_below: float) -> list[str]:
    """Why an event needs a person (:data:`QUEUE_REASONS`), from its row and how many events name
    each actor."""
    from ..what.actors_names import kind_of_name

    out = []
    if float(row.confidence or 0) < low_below:
        out.append("low_confidence")
    if row.disputed:
        out.append("disputed")
    if int(row.n_sources or 1) <= 1:
        out.append("single_source")
    for a in (row.actor1, row.actor2):
        if a and kind_of_name(a)[0] == "other" and actor_events.get(a, 0) <= 1:
            out.append("new_actor")
            break
    if row.latitude is None or row.place_level in (None, "country"):
        out.append("new_place")
    return out


def queue(store: Any, filters: Any = None, limit: int = 50, offset: int = 0) -> Queue:
    """The review queue: unreviewed events matching ``filters`` (a :class:`.query.Filters`), ordered
    by need (the summed weights of their reasons, ``data/store/review.yaml``), then newest first."""
    from dataclasses import replace as _replace

    from .query import Filters, statement

    weights, low_below = _queue_settings()
    f = _replace(filters or Filters(), status="unreviewed", limit=None)
    e = events.c
    with store.read() as conn:
        rows = list(conn.execute(statement(f)))
        names = sa.union_all(sa.select(e.actor1.label("a")), sa.select(e.actor2.label("a"))).subquery()
        actor_events = {a: int(n) for a, n in conn.execute(
            sa.select(names.c.a, sa.func.count()).where(names.c.a.is_not(None)).group_by(names.c.a))}
    scored = []
    counts = dict.fromkeys(QUEUE_REASONS, 0)
    for r in rows:
        why = reasons_of(r, actor_events, low_below)
        for w in why:
            counts[w] += 1
        scored.append((round(sum(weights[w] for w in why), 3), why, r))
    scored.sort(key=lambda x: (-x[0], _neg_date(x[2].date_lo), -int(x[2].id)))
    return Queue(len(rows), counts, scored[offset:offset + limit])


# -- reading the trail ------------------------------------------------------------------------
@dataclass
class Entry:
    """One line of an event's history: a report that came in, or an audited change."""

    at: str  # ISO timestamp
    who: str
    action: str
    field: str | None = None
    before: Any = None
    after: Any = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"at": self.at, "who": self.who, "action": self.action, "field": self.field,
                "before": self.before, "after": self.after, "reason": self.reason}


def history(store: Any, uid: str) -> list[Entry]:
    """What happened to event ``uid``, oldest first: each report as it was stored (by eventwire)
    and every audited change (reviewers, updated articles, re-coding). An event merged into
    another still has its history (ending with where it went)."""
    with store.read() as conn:
        out: list[Entry] = []
        eid = conn.execute(sa.select(events.c.id).where(events.c.uid == uid)).scalar()
        if eid is not None:
            m, a = mentions.c, articles.c
            q = sa.select(a.id, a.article_key, a.url, a.title, a.source, a.ingested_at, m.record) \
                .join(articles, a.id == m.article_id).where(m.event_id == eid).order_by(a.ingested_at, m.id)
            for r in conn.execute(q):
                out.append(Entry(_ts(r.ingested_at), "eventwire", "report", after={
                    "article": r.article_key, "article_id": r.id, "url": r.url, "title": r.title,
                    "source": r.source, "record": brief(r.record)}))
        rows = list(conn.execute(sa.select(audit).where(audit.c.event_uid == uid).order_by(audit.c.id)))
        if eid is None and not rows:
            raise NotFound(f"no event {uid!r} in this store, and none in its audit trail")
        out += [Entry(_ts(r.at), r.who, r.action, r.field, r.before, r.after, r.reason) for r in rows]
    return sorted(out, key=lambda e: e.at)


def _ts(d: datetime | None) -> str:
    if d is None:
        return ""
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    return d.astimezone(UTC).isoformat(timespec="seconds")


__all__ = ["ACTIONS", "EDITABLE", "QUEUE_REASONS", "STATUSES", "Done", "Entry", "NotFound", "Queue", "ReviewError",
           "Stale", "accept", "changed_fields", "edit", "history", "merge", "queue", "reasons_of", "reject", "reopen",
           "split", "validate"]
