"""The feedback loop: the articles analysts reviewed, written as dev-gold, for ``eventwire eval``.

    for line in gold_lines(store): ...        # one JSON object per reviewed article

An article is *reviewed* when every new (not historical) event its reports went into has been
accepted or rejected (an edit accepts); background events need no review (the queue lists none). Its gold line holds the article (id, url, published, title, text) and:

* ``events``: the accepted events it reports that are new, with their fields as they stand now
  (pinned corrections included), in the dev-gold field names;
* ``historical``: the events it reports only as background (reviewed or not, unless rejected);
* rejected events are left out: a coder that reports them again scores a false positive;
* with ``partial=True`` articles with at least one reviewed event are written too, their
  unreviewed events as ``optional`` (matching one is neither right nor wrong).

Scoring the current coder against this file (``eventwire eval corrections.jsonl``) measures it
against the analysts' corrections.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from ..record import COUNT_FIELDS
from .core import Store
from .schema import articles, events, mentions

GOLD_FIELDS = ("event_type", "sub_event_type", "date", "date_precision", "country", "admin1", "location",
               *COUNT_FIELDS, "actor1", "actor2")


def gold_event(rec: dict[str, Any], evidence: str | None = None) -> dict[str, Any]:
    """The dev-gold form of an event record."""
    out = {k: rec.get(k) for k in GOLD_FIELDS}
    out["event_id"] = rec.get("event_id")
    if evidence:
        out["evidence"] = evidence
    return out


def gold_lines(store: Store, partial: bool = False) -> Iterator[dict[str, Any]]:
    """One dev-gold record per reviewed article, oldest article first."""
    m, e, a = mentions.c, events.c, articles.c
    with store.read() as conn:
        rows = list(conn.execute(sa.select(m.article_id, m.record.label("mention"), e.uid, e.status, e.record)
                                 .join(events, e.id == m.event_id).order_by(m.article_id, m.ordinal)))
        by_article: dict[int, list[Any]] = defaultdict(list)
        for r in rows:
            by_article[r.article_id].append(r)
        # background (historical) events need no review: the queue does not list them
        keep = [aid for aid, rs in by_article.items()
                if (any if partial else all)(r.status != "unreviewed" for r in rs if not r.record.get("historical"))
                and any(r.status != "unreviewed" for r in rs)]
        arts = {r.id: r for r in conn.execute(sa.select(a.id, a.article_key, a.url, a.published, a.title, a.text)
                                              .where(a.id.in_(sa.bindparam("ids", expanding=True))),
                                              {"ids": keep})} if keep else {}
    for aid in sorted(keep):
        art = arts[aid]
        line: dict[str, Any] = {"id": art.article_key, "url": art.url, "published": art.published,
                                "title": art.title, "text": art.text, "events": [], "historical": [],
                                "optional": []}
        seen: set[str] = set()
        for r in by_article[aid]:
            if r.uid in seen or r.status == "rejected":
                continue
            seen.add(r.uid)
            ev = next((x.get("sentence") for x in (r.mention or {}).get("evidence") or []
                       if x.get("field") == "event"), None)
            g = gold_event(dict(r.record, event_id=r.uid), ev)
            if r.record.get("historical"):
                line["historical"].append(g)
            elif r.status == "unreviewed":
                line["optional"].append(g)
            else:
                line["events"].append(g)
        yield line


def export(store: Store, out: Any, partial: bool = False) -> int:
    """Write :func:`gold_lines` to ``out`` (a text file); how many articles were written."""
    n = 0
    for line in gold_lines(store, partial):
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
    return n


__all__ = ["GOLD_FIELDS", "export", "gold_event", "gold_lines"]
