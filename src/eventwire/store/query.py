"""Selecting stored events: filters -> rows of the events table, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from .. import countries
from ..errors import EventwireError
from ..record import STATUS_FILTERS
from .core import Store
from .schema import articles, events, mentions


@dataclass
class Filters:
    """What ``eventwire events`` can filter on (all optional, combined with AND)."""

    type: str | None = None  # event type, sub-event type or family, case-insensitive substring
    country: str | None = None  # ISO alpha-2/alpha-3/numeric or a country name (eventwire.countries)
    since: str | None = None  # YYYY-MM-DD: events that may have happened on or after
    until: str | None = None  # YYYY-MM-DD: events that may have happened on or before
    actor: str | None = None
    place: str | None = None  # location or admin1 substring
    min_sources: int | None = None
    text: str | None = None  # in the text of an article reporting the event
    historical: bool = False  # include events known only from background mentions
    status: str | None = None  # review status (STATUS_FILTERS); None: every event not rejected
    limit: int | None = None



def country_code(value: str) -> str:
    """ISO alpha-2 for a country named or coded any way the exports write or people type ("NG", "NGA",
    "566", "Nigeria", "Türkiye", "Ivory Coast"): :func:`eventwire.countries.lookup`."""
    code = countries.lookup(value)
    if code is None:
        raise EventwireError(f"--country {value!r}: unknown country (use a name or ISO code)")
    return code


def _like(col: Any, value: str) -> Any:
    esc = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.func.lower(col).like(f"%{esc}%", escape="\\")


def statement(f: Filters) -> sa.Select:
    e = events.c
    q = sa.select(events)
    if f.type:
        q = q.where(sa.or_(_like(e.event_type, f.type), _like(e.sub_event_type, f.type),
                           _like(e.block, f.type)))
    if f.country:
        q = q.where(e.country == country_code(f.country))
    if f.since:
        q = q.where(e.date_hi >= f.since)
    if f.until:
        q = q.where(e.date_lo <= f.until)
    if f.actor:
        q = q.where(sa.or_(_like(e.actor1, f.actor), _like(e.actor2, f.actor)))
    if f.place:
        q = q.where(sa.or_(_like(e.location, f.place), _like(e.admin1, f.place)))
    if f.min_sources:
        q = q.where(e.n_sources >= f.min_sources)
    if f.text:
        sub = (sa.select(mentions.c.id).join(articles, articles.c.id == mentions.c.article_id)
               .where(mentions.c.event_id == e.id, _like(articles.c.text, f.text)))
        q = q.where(sub.exists())
    if not f.historical:
        q = q.where(e.historical == sa.false())
    if f.status is None:
        q = q.where(e.status != "rejected")  # a reviewer said it is not an event
    elif f.status == "reviewed":
        q = q.where(e.status != "unreviewed")
    elif f.status != "all":
        if f.status not in STATUS_FILTERS:
            raise EventwireError(f"--status {f.status!r}: one of {', '.join(STATUS_FILTERS)}")
        q = q.where(e.status == f.status)
    q = q.order_by(e.date_lo.desc().nulls_last(), e.id.desc())
    if f.limit:
        q = q.limit(f.limit)
    return q


def select(store: Store, f: Filters) -> Iterator[Any]:
    """The event rows matching ``f`` (streamed)."""
    with store.read() as conn:
        yield from conn.execute(statement(f))


def find(store: Store, event_id: str) -> Any:
    """The event row for a public id (``evt-...``) or a numeric store id; EventwireError if none."""
    key = event_id.strip()
    cond = events.c.uid == key
    if key.isdigit():
        cond = sa.or_(cond, events.c.id == int(key))
    with store.read() as conn:
        row = conn.execute(sa.select(events).where(cond)).first()
    if row is None:
        raise EventwireError(f"no event {event_id!r} in the store (see 'eventwire events')")
    return row
