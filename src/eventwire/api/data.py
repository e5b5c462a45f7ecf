"""What the API reads from the store beyond ``store.query``: pages, counts, aggregates, facets, articles, detail.

Filtering is always :func:`eventwire.store.query.statement` (the CLI's ``events`` filters); this
module only wraps that statement (a count, an offset, a sort order, a map bounding box) and adds
what the query layer lacks: aggregate counts by period x type/country, facet counts (country,
event type, actor, month: each count is what a click on the value would list), the article
listing, and an event's mentions with their articles' text (SQLAlchemy Core on the store's tables).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

import sqlalchemy as sa

from ..errors import EventwireError
from ..output.plover import codes as plover_codes
from ..output.records import record
from ..store.core import Store
from ..store.query import Filters, statement
from ..store.schema import articles, events, mentions


def api_record(row: Any) -> dict[str, Any]:
    """The exported record of an events-table row, with its PLOVER and CAMEO codes."""
    rec = record(row)
    rec.update(plover_codes(rec))
    return rec


@dataclass
class BBox:
    """A map view: west, south, east, north in degrees (events without coordinates fall outside)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, value: str) -> BBox:
        """``"west,south,east,north"``; ValueError when malformed or out of range."""
        parts = [float(x) for x in value.split(",")]
        if len(parts) != 4:
            raise ValueError("bbox needs four numbers: west,south,east,north")
        w, s, e, n = parts
        if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
            raise ValueError("bbox must be west<=east in [-180,180] and south<=north in [-90,90]")
        return cls(w, s, e, n)


@cache
def type_names() -> frozenset[str]:
    """Every name ``type=`` can match (lower case): event types, sub-event types, their merge families."""
    from ..schema import taxonomy
    from ..store.dedup import family_of, group_of

    names: set[str] = set()
    for t, subs in taxonomy().items():
        names.add(t)
        for s in subs or [""]:
            names.update(x for x in (s, family_of(t, s), group_of(t, s)) if x)
    return frozenset(n.lower() for n in names)


def known_type(value: str) -> bool:
    """Whether the ``type`` filter can match anything: a substring of a known type name."""
    v = value.strip().lower()
    return any(v in n for n in type_names())


def filtered(f: Filters, bbox: BBox | None = None) -> sa.Select:
    """The query layer's statement for ``f``, restricted to ``bbox`` when given."""
    q = statement(f)
    if bbox is not None:
        q = q.where(events.c.longitude.between(bbox.west, bbox.east),
                    events.c.latitude.between(bbox.south, bbox.north))
    return q


# the columns /api/events can be sorted on (``sort=name`` ascending, ``sort=-name`` descending): the
# names of the record's fields, mapped to the stored column (text compared case-insensitively)
SORTS: dict[str, Any] = {
    "date": events.c.date_lo, "event_type": sa.func.lower(events.c.event_type),
    "sub_event_type": sa.func.lower(events.c.sub_event_type), "location": sa.func.lower(events.c.location),
    "country": events.c.country, "actor1": sa.func.lower(events.c.actor1),
    "actor2": sa.func.lower(events.c.actor2), "fatalities": events.c.fatalities_best,
    "n_sources": events.c.n_sources,
}


def sort_key(value: str) -> tuple[str, bool]:
    """``"-fatalities"`` -> ("fatalities", descending); ValueError, in words, for a name not in SORTS."""
    name = value.strip().removeprefix("-")
    if name not in SORTS:
        raise ValueError(f"sort {value!r}: not a sortable column (one of {', '.join(SORTS)}; "
                         "prefix '-' for descending)")
    return name, value.strip().startswith("-")


def ordered(q: sa.Select, sort: str | None) -> sa.Select:
    """``q`` sorted on a SORTS column (missing values last either way), ties newest first as unsorted."""
    if not sort:
        return q
    name, desc = sort_key(sort)
    col = SORTS[name]
    return q.order_by(None).order_by((col.desc() if desc else col.asc()).nulls_last(),
                                     events.c.date_lo.desc().nulls_last(), events.c.id.desc())


def page(store: Store, f: Filters, bbox: BBox | None, offset: int, limit: int,
         sort: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """(number of matching events, the exported records of one page of them, sorted on ``sort``)."""
    q = ordered(filtered(f, bbox), sort)
    count = sa.select(sa.func.count()).select_from(q.order_by(None).subquery())
    with store.read() as conn:
        total = int(conn.execute(count).scalar_one())
        rows = conn.execute(q.offset(offset).limit(limit)).all()
    return total, [api_record(r) for r in rows]


def all_records(store: Store, f: Filters, bbox: BBox | None) -> list[dict[str, Any]]:
    """Every matching record (exports: CSV, GeoJSON)."""
    with store.read() as conn:
        return [api_record(r) for r in conn.execute(filtered(f, bbox))]


def period_of(day: str, interval: str) -> str | None:
    """The bucket of an ISO day: the day, the Monday of its week, or ``YYYY-MM``; None if not a day."""
    try:
        d = date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None
    if interval == "month":
        return d.isoformat()[:7]
    if interval == "week":
        return (d - timedelta(days=d.weekday())).isoformat()
    return d.isoformat()


def auto_interval(days: list[str]) -> str:
    """day for up to ~2 months of events, week for up to ~2 years, month beyond."""
    if not days:
        return "week"
    span = (date.fromisoformat(max(days)) - date.fromisoformat(min(days))).days
    return "day" if span <= 62 else "week" if span <= 730 else "month"


def stats(store: Store, f: Filters, bbox: BBox | None, interval: str, by: str) -> dict[str, Any]:
    """Events and best fatalities of the matching events per period and type (or country).

    An event is put on its canonical day, or on the first day of its date interval when its
    date is coarser than a day (a month-precision event counts on the 1st of its month).
    ``interval="auto"`` picks day, week or month from the span of the matching events.
    """
    sub = filtered(f, bbox).order_by(None).subquery()
    group_col = sub.c.event_type if by == "type" else sub.c.country
    q = sa.select(sub.c.date, sub.c.date_lo, group_col.label("grp"), sub.c.fatalities_best)
    dated: list[tuple[str, str, int]] = []
    total = undated = 0
    with store.read() as conn:
        for r in conn.execute(q):
            total += 1
            day = r.date if r.date and len(r.date) == 10 else r.date_lo
            if not day or period_of(day, "day") is None:
                undated += 1
                continue
            dated.append((day, r.grp or "?", r.fatalities_best or 0))
    if interval == "auto":
        interval = auto_interval([d for d, _, _ in dated])
    n_events: Counter[tuple[str, str]] = Counter()
    n_dead: Counter[tuple[str, str]] = Counter()
    for day, grp, dead in dated:
        key = (period_of(day, interval) or "", grp)
        n_events[key] += 1
        n_dead[key] += dead
    buckets = [{"period": p, "group": g, "events": n, "fatalities": n_dead[(p, g)]}
               for (p, g), n in sorted(n_events.items())]
    per_events: Counter[str] = Counter()
    per_dead: Counter[str] = Counter()
    for (p, _), n in n_events.items():
        per_events[p] += n
        per_dead[p] += n_dead[(p, _)]
    periods = [{"period": p, "events": per_events[p], "fatalities": per_dead[p]}
               for p in period_range(min(per_events, default=""), max(per_events, default=""), interval)]
    return {"interval": interval, "by": by, "total": total, "undated": undated, "buckets": buckets,
            "periods": periods}


def next_period(period: str, interval: str) -> str:
    """The period after ``period`` (a day, a week's Monday, or ``YYYY-MM``)."""
    if interval == "month":
        y, m = int(period[:4]), int(period[5:7])
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    step = 7 if interval == "week" else 1
    return (date.fromisoformat(period) + timedelta(days=step)).isoformat()


def period_range(first: str, last: str, interval: str) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive, those without events too (a time axis to scale)."""
    out: list[str] = []
    p = first
    while first and p <= last:
        out.append(p)
        p = next_period(p, interval)
    return out


def month_end(month: str) -> str:
    """The last day of ``YYYY-MM``."""
    return (date.fromisoformat(next_period(month, "month") + "-01") - timedelta(days=1)).isoformat()


# facet name -> the filter parameters a click on one of its values sets
FACETS = {"country": ("country",), "event_type": ("type",), "actor": ("actor",), "month": ("since", "until")}


def _where(f: Filters, bbox: BBox | None) -> Any:
    """The WHERE clause of the query layer's statement for ``f`` (true when it has none)."""
    w = filtered(f, bbox).whereclause
    return sa.true() if w is None else w


def _candidates(conn: Any, sub: Any, name: str) -> list[tuple[Any, int]]:
    """(value, events) of one facet over the filtered events ``sub``, most events first."""
    if name == "actor":
        pairs = sa.union(sa.select(sub.c.id, sub.c.actor1.label("v")),
                         sa.select(sub.c.id, sub.c.actor2.label("v"))).subquery()
        col = pairs.c.v
        q = sa.select(col, sa.func.count()).where(col.is_not(None), col != "").group_by(col)
    else:
        col = {"country": sub.c.country, "event_type": sub.c.event_type,
               "month": sa.func.substr(sub.c.date_lo, 1, 7)}[name]
        q = sa.select(col.label("v"), sa.func.count()).group_by(col)
    rows = [(v, int(n)) for v, n in conn.execute(q)]
    return sorted(rows, key=lambda r: (-r[1], r[0] is None, str(r[0] or "")))


def _click(name: str, value: Any) -> dict[str, str] | None:
    """The filter parameters a click on ``value`` sets (None: the value cannot be filtered on)."""
    if value is None or value == "":
        return None
    if name == "month":
        return {"since": f"{value}-01", "until": month_end(value)}
    return {FACETS[name][0]: str(value)}


def _label(name: str, value: Any) -> str:
    if value is None or value == "":
        return {"month": "undated", "country": "no country"}.get(name, "unknown")
    if name == "country":
        from .. import countries

        return countries.name(value) or str(value)  # ACLED's name, as the exports write it
    return str(value)


def facets(store: Store, f: Filters, bbox: BBox | None, size: int) -> dict[str, Any]:
    """Counts of the filtered events by country, event type, actor and month (the ``size`` largest of each).

    A value's count is the number of events a click on it lists: the current filters with the
    facet's own parameters replaced by the value's (``params``). For an actor that is every event
    whose actor1 or actor2 contains the name; for a month every event that may have happened in
    it (a year-precision event counts in each of its months' filters, as ``since``/``until`` do).
    """
    sub = filtered(f, bbox).order_by(None).subquery()
    out = []
    with store.read() as conn:
        total = int(conn.execute(sa.select(sa.func.count()).select_from(sub)).scalar_one())
        for name, own in FACETS.items():
            cands = _candidates(conn, sub, name)
            shown = [(v, n, _click(name, v)) for v, n in cands[:size]]
            conds = []
            for i, (v, _, params) in enumerate(shown):
                try:
                    cond = _where(Filters(historical=True, **(params or {})), None)
                except EventwireError:  # a stored value the filter cannot take (an unknown country code)
                    shown[i] = (v, shown[i][1], None)
                    continue
                if params:
                    conds.append((i, cond))
            clicked: dict[int, int] = {}
            if conds:
                base = _where(replace(f, **dict.fromkeys(own)), bbox)
                sums = [sa.func.sum(sa.case((c, 1), else_=0)) for _, c in conds]
                row = conn.execute(sa.select(*sums).select_from(events).where(base)).one()
                clicked = {i: int(n or 0) for (i, _), n in zip(conds, row, strict=True)}
            values = [{"value": v, "label": _label(name, v), "count": clicked.get(i, n), "params": params}
                      for i, (v, n, params) in enumerate(shown)]
            values.sort(key=lambda d: (-d["count"], d["params"] is None, d["label"]))
            out.append({"name": name, "params": list(own), "distinct": len(cands), "values": values})
    return {"total": total, "facets": out}


def _article_dict(r: Any, with_text: bool) -> dict[str, Any]:
    d = {"id": r.id, "key": r.article_key, "title": r.title, "url": r.url, "source": r.source,
         "published": r.published, "n_mentions": r.n_mentions}
    if with_text:
        d["text"] = r.text
    return d


SUMMARY_COLUMNS = [articles.c[n] for n in ("id", "article_key", "title", "url", "source", "published",
                                           "n_mentions")]


def article_page(store: Store, offset: int, limit: int, text: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Stored articles (without their text), newest publication first; ``text``: a words filter."""
    q = sa.select(*SUMMARY_COLUMNS)
    if text:
        esc = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        q = q.where(sa.func.lower(articles.c.text).like(f"%{esc}%", escape="\\"))
    count = sa.select(sa.func.count()).select_from(q.subquery())
    q = q.order_by(articles.c.published.desc().nulls_last(), articles.c.id.desc()).offset(offset).limit(limit)
    with store.read() as conn:
        total = int(conn.execute(count).scalar_one())
        return total, [_article_dict(r, False) for r in conn.execute(q)]


def article(store: Store, article_id: int) -> dict[str, Any] | None:
    """One stored article with its text, or None."""
    with store.read() as conn:
        r = conn.execute(sa.select(articles).where(articles.c.id == article_id)).first()
    return None if r is None else _article_dict(r, True)


def detail(store: Store, row: Any) -> dict[str, Any]:
    """An event row -> its record, the fields its sources disagree on and each mention with its article."""
    rec = api_record(row)
    m, a = mentions.c, articles.c
    with store.read() as conn:
        ms = conn.execute(sa.select(m.record_id, m.article_id, m.record).where(m.event_id == row.id)
                          .order_by(m.id)).all()
        ids = sorted({x.article_id for x in ms})
        arts = {r.id: _article_dict(r, True) for r in conn.execute(
            sa.select(articles).where(a.id.in_(sa.bindparam("ids", expanding=True))), {"ids": ids})}
    out = []
    for x in ms:
        r = x.record
        out.append({"record_id": x.record_id, "article": arts[x.article_id],
                    "sub_event_type": r.get("sub_event_type") or "", "date": r.get("date"),
                    "date_precision": r.get("date_precision"), "location": r.get("location"),
                    "fatalities": r.get("fatalities"), "injured": r.get("injured"), "arrested": r.get("arrested"),
                    "historical": bool(r.get("historical")), "evidence": r.get("evidence") or []})
    values = rec.get("values") or {}
    disputed = list(rec.get("disputed") or [])
    fields = disputed + [k for k, v in values.items()
                         if k not in disputed and len({str(e.get("value")) for e in v}) > 1]
    disagreements = [{"field": k, "values": values.get(k) or []} for k in fields]
    return {"event": rec, "disagreements": disagreements, "mentions": out}


def highlight_segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, list[str]]]:
    """``text`` cut at every evidence boundary: (piece, fields whose evidence covers it) in order.

    Overlapping spans are handled: a piece covered by two values lists both. Spans outside the
    text are ignored. The caller escapes each piece (the text is untrusted).
    """
    n = len(text)
    good = [(s, e, fld) for s, e, fld in spans if 0 <= s < e <= n]
    cuts = sorted({0, n, *(s for s, _, _ in good), *(e for _, e, _ in good)})
    out: list[tuple[str, list[str]]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        flds = sorted({fld for s, e, fld in good if s <= a and b <= e})
        if out and not flds and not out[-1][1]:
            out[-1] = (out[-1][0] + text[a:b], [])
        else:
            out.append((text[a:b], flds))
    return out


# -- choices for a reviewer's corrections ----------------------------------------------------------
def place_choices(text: str, country: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """Gazetteer places named ``text...`` (in ``country`` when given), as the fields of a corrected place."""
    from .. import countries
    from ..where import gazetteer
    from ..where.lexicon import levels

    code = countries.lookup(country) if country else None
    lv = levels()
    out = []
    for e in gazetteer.get().search(text, code, limit):
        out.append({"location": e.name, "admin1": None if e.is_country else e.admin1_name, "country": e.country,
                    "latitude": e.latitude, "longitude": e.longitude, "geonameid": e.geonameid,
                    "place_level": "country" if e.is_country else lv.level(e.feature_code, e.feature_class),
                    "population": e.population})
    return out


def actor_choices(store: Store, text: str, country: str | None = None, limit: int = 10) -> list[str]:
    """Actor names for ``text``: named groups of the alias table (by name or alias), the ACLED names
    of the actor categories for ``country``, and the names stored events carry; names starting with
    the text first."""
    from .. import countries
    from ..what import actors_names as an

    needle = text.strip().casefold()
    if not needle:
        return []
    lx = an.lexicon()
    found: set[str] = set()
    for entries in (*lx.groups.values(), *lx.insurgencies.values()):
        for entry in entries:  # (alias words, ..., group)
            grp = entry[-1]
            if needle in grp.name.casefold() or needle in " ".join(entry[0]).casefold():
                found.add(grp.name)
    iso = countries.lookup(country) if country else None
    for category in lx.templates:
        name = an.render(category, iso)
        if needle in name.casefold():
            found.add(name)
    e = events.c
    like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with store.read() as conn:
        for col in (e.actor1, e.actor2):
            q = sa.select(col).where(sa.func.lower(col).like(like, escape="\\")).distinct().limit(limit * 4)
            found.update(v for (v,) in conn.execute(q) if v)
    return sorted(found, key=lambda n: (not n.casefold().startswith(needle), len(n), n))[:limit]
