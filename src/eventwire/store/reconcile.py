"""Reconciliation: the mentions merged into one event -> its canonical record.

Per field the event keeps every value reported with its sources (``values``), and picks a
canonical value by a rule that is written down, never by averaging:

* an event has at most one mention per article (assembly made one record per event of an
  article; the store never merges two of them).
* type: the sub-type with the largest summed confidence (historical mentions count half);
  date: the most precise precision (:mod:`eventwire.compare`'s order; a date that is only the
  day of a report or of publication -- ``date_source`` -- counts as a week), then the value most
  sources give, then the earliest; place: a place the text states before a dateline or the
  article's country, then the most specific level (town > district > region > country), then the
  name most sources give at any level; actors: named actors before "Unidentified ..." ones, then the most sources.
* counts (fatalities, injured, arrested), UCDP style: ``low`` the smallest figure reported,
  ``high`` the largest, ``best`` the figure most sources give,
  ties going to the latest report (tolls are revised upwards as bodies are found). Different
  figures put the field in ``disputed``; so do different day-precision dates and different towns.
* a field a reviewer corrected (``pins``, see :mod:`.review`) beats every source: the record
  carries the pinned value and, in ``machine``, what the sources alone give beside it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import compare
from ..record import COUNT_FIELDS

GENERIC_ACTOR_PREFIXES = ("Unidentified", "Civilians", "Protesters", "Rioters")
PLACE_KEYS = ("location", "admin1", "country", "latitude", "longitude", "geonameid", "place_level",
              "geo_precision", "location_names", "place_source")
DATE_KEYS = ("date", "date_precision", "date_note", "date_source")


@dataclass
class StoredMention:
    """A mention as reconciliation sees it: the extractor's record and where it came from."""

    mention_id: int
    article_id: int  # store id of the article
    record: dict[str, Any]  # Event.to_dict()
    published: str | None
    source: str | None
    title: str | None
    url: str | None
    article_key: str
    ingested: str | None = None

    @property
    def report_date(self) -> str | None:
        return self.published or self.ingested


def event_uid(first_record_id: str) -> str:
    """The public id of a merged event: stable for the mention that founded it."""
    return "evt-" + hashlib.sha1(first_record_id.encode("utf-8")).hexdigest()[:12]


def date_rank(rec: dict[str, Any]) -> int:
    """How precise a record's date is (0 best, :data:`eventwire.compare.DATE_PRECISION_ORDER`); the
    day of a report or of publication (``date_source``) only bounds the event's day: a week."""
    if rec.get("date") and rec.get("date_source") in compare.BOUND_DATES:
        return compare.date_rank("week")
    return compare.date_rank(rec.get("date_precision"))


def place_rank(rec: dict[str, Any]) -> tuple[int, int]:
    """How specific a record's place is (lower is better): a place the text states before a
    dateline or the article's country (weak places of compare.yaml ``store``), then the level."""
    from .merge_data import settings

    weak = rec.get("place_source") in settings().weak_places
    return int(weak), compare.level_rank(rec.get("place_level"))


def is_named(actor: str | None) -> bool:
    return bool(actor) and not str(actor).startswith(GENERIC_ACTOR_PREFIXES)


def _evidence(rec: dict[str, Any], fld: str) -> dict[str, Any] | None:
    for e in rec.get("evidence") or []:
        if e.get("field") == fld:
            return {k: e.get(k) for k in ("text", "start", "end", "sentence", "sentence_start")}
    return None


def _value_entry(m: StoredMention, value: Any, fld: str, **extra: Any) -> dict[str, Any]:
    d = {"value": value, "mention": m.mention_id, "article": m.article_key, "source": m.source,
         "published": m.published, "evidence": _evidence(m.record, fld)}
    d.update({k: v for k, v in extra.items() if v is not None})
    return d


def _most_common(items: list[tuple[Any, StoredMention]], tie: Any) -> tuple[Any, StoredMention]:
    """The (value, mention) whose value most distinct articles give; ``tie`` sorts equals."""
    arts: dict[Any, set[int]] = {}
    for v, m in items:
        arts.setdefault(_hashable(v), set()).add(m.article_id)
    return min(items, key=lambda vm: (-len(arts[_hashable(vm[0])]), tie(vm)))


def _hashable(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


def _pick_type(ms: Sequence[StoredMention]) -> StoredMention:
    weight: Counter[str] = Counter()
    for m in ms:
        r = m.record
        w = float(r.get("confidence") or 0.5) * (0.5 if r.get("historical") else 1.0)
        weight[r["sub_event_type"]] += w
    best = max(weight.values())
    subs = {s for s, w in weight.items() if w == best}
    cands = [m for m in ms if m.record["sub_event_type"] in subs]
    return max(cands, key=lambda m: (not m.record.get("historical"), m.record.get("confidence") or 0,
                                     -m.mention_id))


def _pick_date(ms: Sequence[StoredMention]) -> tuple[StoredMention | None, bool]:
    dated = [m for m in ms if m.record.get("date")]
    if not dated:
        return None, False
    top = min(date_rank(m.record) for m in dated)
    cands = [(m.record["date"], m) for m in dated if date_rank(m.record) == top]
    _, m = _most_common(cands, tie=lambda vm: (vm[0], vm[1].mention_id))
    disputed = top == 0 and len({v for v, _ in cands}) > 1
    return m, disputed


def _pick_place(ms: Sequence[StoredMention]) -> tuple[StoredMention | None, bool]:
    placed = [m for m in ms if m.record.get("location") or m.record.get("country")]
    if not placed:
        return None, False
    top = min(place_rank(m.record) for m in placed)
    cands = [(compare.fold(m.record.get("location")), m) for m in placed if place_rank(m.record) == top]
    # a name's sources: every article that names it, at any level (the district and the town of
    # one name are one place told less or more precisely; a dateline city is named once)
    arts: dict[str, set[int]] = {}
    for m in placed:
        arts.setdefault(compare.fold(m.record.get("location")), set()).add(m.article_id)
    _, m = min(cands, key=lambda vm: (-len(arts[vm[0]]), -(vm[1].record.get("confidence") or 0), vm[1].mention_id))
    disputed = top[1] == 0 and len({v for v, _ in cands}) > 1
    return m, disputed


def _pick_actor(ms: Sequence[StoredMention], fld: str) -> str | None:
    vals = [(m.record.get(fld), m) for m in ms if m.record.get(fld)]
    if not vals:
        return None
    named = [vm for vm in vals if is_named(vm[0])] or vals
    return _most_common(named, tie=lambda vm: (vm[0], vm[1].mention_id))[0]


def _counts(ms: Sequence[StoredMention], fld: str) -> dict[str, Any]:
    reps = [m for m in ms if m.record.get(fld) is not None]
    vague = [m for m in ms if m.record.get(fld) is None and m.record.get(f"{fld}_qualifier") == "vague"]
    if not reps:
        return {"low": None, "best": None, "high": None, "disputed": False,
                "qualifier": "vague" if vague else None}
    lows = [int(m.record[fld]) for m in reps]
    best_val, best_m = _most_common([(int(m.record[fld]), m) for m in reps],
                                    tie=lambda vm: (_neg_date(vm[1].report_date), -vm[0], vm[1].mention_id))
    return {"low": min(lows), "best": best_val, "high": max(lows), "disputed": len(set(lows)) > 1,
            "qualifier": best_m.record.get(f"{fld}_qualifier")}


def _neg_date(d: str | None) -> str:
    """A key that sorts later dates first (ISO strings)."""
    if not d:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in d)


def reconcile(ms: Sequence[StoredMention], uid: str, pins: dict[str, Any] | None = None) -> dict[str, Any]:
    """The canonical record of the event made of mentions ``ms`` (at least one), with the fields
    a reviewer pinned (``pins``) put over what the sources give.

    No two of them come from one article (:func:`.dedup.assign`), unless a reviewer merged them.
    """
    return apply_pins(_from_sources(ms, uid), pins)


def apply_pins(rec: dict[str, Any], pins: dict[str, Any] | None) -> dict[str, Any]:
    """``rec`` with every pinned field set to the reviewer's value; ``machine`` keeps the sources'."""
    rec.pop("machine", None)
    if not pins:
        return rec
    machine = {f: rec.get(f) for f in sorted(pins)}
    counts = rec.setdefault("counts", {})
    for f, v in pins.items():
        rec[f] = v
        if f in COUNT_FIELDS:
            counts[f] = {"low": v, "best": v, "high": v}
    rec["disputed"] = [d for d in rec.get("disputed") or [] if d not in pins]
    rec["machine"] = machine
    return rec


def _from_sources(ms: Sequence[StoredMention], uid: str) -> dict[str, Any]:
    if not ms:
        raise ValueError("an event needs at least one mention")
    ms = sorted(ms, key=lambda m: m.mention_id)
    picks = ms
    rep = _pick_type(picks)
    rec = dict(rep.record)
    rec["event_id"] = uid
    disputed: list[str] = []
    for name, pick, keys in (("date", _pick_date, DATE_KEYS), ("location", _pick_place, PLACE_KEYS)):
        chosen, contested = pick(picks)
        if chosen is not None:
            rec.update({k: chosen.record.get(k) for k in keys})
        if contested:
            disputed.append(name)
    rec["actor1"] = _pick_actor(picks, "actor1")
    rec["actor2"] = _pick_actor(picks, "actor2")
    counts: dict[str, dict[str, Any]] = {}
    for fld in COUNT_FIELDS:
        c = counts[fld] = _counts(ms, fld)
        rec[fld] = c["best"]
        rec[f"{fld}_qualifier"] = c["qualifier"]
        if c["disputed"]:
            disputed.append(fld)
    rec["historical"] = all(m.record.get("historical") for m in ms)
    rec["confidence"] = max(float(m.record.get("confidence") or 0) for m in ms)
    values: dict[str, list[dict[str, Any]]] = {}
    for m in ms:
        r = m.record
        for fld in ("sub_event_type", "date", "location", "actor1", "actor2", *COUNT_FIELDS):
            v = r.get(fld)
            if v is None:
                continue
            extra: dict[str, Any] = {}
            if fld == "date":
                extra = {"precision": r.get("date_precision"), "historical": r.get("historical") or None}
            elif fld == "location":
                extra = {"country": r.get("country"), "place_level": r.get("place_level")}
            elif fld in COUNT_FIELDS:
                extra = {"qualifier": r.get(f"{fld}_qualifier")}
            ev_field = "event" if fld == "sub_event_type" else fld
            values.setdefault(fld, []).append(_value_entry(m, v, ev_field, **extra))
    by_article: dict[int, StoredMention] = {}
    for m in ms:
        by_article.setdefault(m.article_id, m)
    sources = [{"article": m.article_key, "title": m.title, "source": m.source, "url": m.url,
                "published": m.published} for m in by_article.values()]
    reports = sorted(d for d in (m.report_date for m in ms) if d)
    rec.update({
        "n_sources": len(by_article),
        "n_mentions": len(ms),
        "sources": sources,
        "first_report": reports[0] if reports else None,
        "last_report": reports[-1] if reports else None,
        "counts": {f: {k: counts[f][k] for k in ("low", "best", "high")} for f in COUNT_FIELDS},
        "disputed": disputed,
        "values": values,
        "mentions": [m.record.get("event_id") for m in ms],
    })
    return rec
