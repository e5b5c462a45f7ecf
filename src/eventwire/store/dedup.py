"""De-duplication: which stored event (if any) a new mention describes.

The questions are those of :mod:`eventwire.compare` (when, where, what, who, how many), asked
with the store's thresholds and answered with a relation; this module weighs the relations
(``data/compare.yaml``, section ``store``: ``weights``, ``threshold``; word lists in
``data/store/words.yaml``, see :mod:`.merge_data`). A relation that cannot be one event (dates
apart, sub-types apart, towns of one country too far apart, another country whose place neither
report's article names) rules a candidate out; otherwise a mention joins the best candidate whose
parts sum to at least ``threshold``, each part listed in ``why``.

Blocking: an event lives in one *block*, ``"<group>|<country>"`` (group: ``violence`` for battles,
explosions and violence against civilians, ``demonstration`` for protests and riots,
``strategic``; ``blocks`` in compare.yaml), and has a date interval ``[date_lo, date_hi]``: its
date at its precision, and for a date that is only the day of a report or of publication
(``date_source``), the ``report_window_days`` before it too. The candidates of a mention are the
events of its block whose interval comes near the mention's (index ``(block, span, date_lo)``),
and -- a wrong country in one report must not keep it from joining (a homonym abroad, an outlet's
dateline) -- the events of the same group elsewhere dated within a few days with a sub-type that
may be the same event (index ``date_lo``); those need each article to name the other's place
(``named``, found by the caller). The work per mention depends on how many events a block holds
in a few days, not on the size of the store.

Two records of one article never join one event: assembly already made one record per event of
an article (:func:`assign` matches them one to one). Historical mentions ("the 2011 Marrakesh
bombing") search the same way: a year-precision date is a wide interval, so they find the
day-precision event they recall.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from .. import compare
from .merge_data import MergeSettings, settings
from .reconcile import is_named


@cache
def _taxonomy():  # -> eventwire.what.lexicon.Taxonomy
    from ..what.lexicon import load_taxonomy

    return load_taxonomy()


@cache
def _what(a: str, b: str) -> str:
    """compare.what, remembered (it reads the taxonomy on every call; this runs per candidate)."""
    return compare.what(a, b)


@cache
def family_of(event_type: str, sub_event_type: str) -> str:
    """The merge group of a sub-type (or of its event type when the sub-type is unknown)."""
    tax = _taxonomy()
    if sub_event_type in tax.sub_to_type:
        return compare.family(sub_event_type)
    return tax.merge_group.get(event_type, event_type.lower())


def group_of(event_type: str, sub_event_type: str) -> str:
    fam = family_of(event_type, sub_event_type)
    return settings().blocks.get(fam, fam)


def block_of(event_type: str, sub_event_type: str, country: str | None) -> str:
    return f"{group_of(event_type, sub_event_type)}|{country or '-'}"


def keywords(texts: list[str]) -> set[str]:
    """The words of the event sentences, for the overlap of two reports (stop words dropped)."""
    stop = settings().stop
    words: set[str] = set()
    for t in texts:
        for w in re.findall(r"[a-zà-ÿ]+", t.lower()):
            if len(w) > 2 and w not in stop:
                words.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return words


def event_words(rec: dict[str, Any]) -> set[str]:
    """The words of a record's evidence sentences, and ``@SITE`` for each site (data/store/words.yaml)
    its event sentences name: a hospital or a ministry in the sentence of the toll is not where it
    happened."""
    ev = rec.get("evidence") or []
    words = keywords(sorted({e.get("sentence", "") for e in ev}))
    sites = keywords(sorted({e.get("sentence", "") for e in ev if e.get("field") == "event"})) & settings().sites
    return words | {f"@{w}" for w in sites}


@dataclass
class Sketch:
    """What the score looks at, for a mention or a stored event."""

    sub: str
    family: str
    block: str
    when: compare.When
    where: compare.Where
    actors: set[str]
    fatalities: int | None
    words: set[str] = field(default_factory=set)
    historical: bool = False
    arrested: int | None = None
    reported: tuple[str | None, str | None] = (None, None)  # first and last report (ISO days)

    @property
    def group(self) -> str:
        return self.block.split("|", 1)[0]

    @property
    def country(self) -> str:
        return self.block.split("|", 1)[1]

    @property
    def lo(self) -> date | None:
        s = self.when.span(settings().rules)
        return s[0] if s else None

    @property
    def hi(self) -> date | None:
        s = self.when.span(settings().rules)
        return s[1] if s else None

    @property
    def arrests(self) -> bool:
        """Does the record report arrests (a count, or an arrest word in its sentences)?"""
        return bool(self.arrested) or bool(self.words & settings().arrest)

    @property
    def sites(self) -> set[str]:
        """The sites named in the event sentences (``@market``; see :func:`event_words`)."""
        return {w[1:] for w in self.words if w.startswith("@")}

    @property
    def span(self) -> str:
        lo, hi = self.lo, self.hi
        if lo is None or hi is None:
            return "w"
        return "d" if (hi - lo).days <= settings().narrow_days else "w"


def _where(rec: dict[str, Any]) -> compare.Where:
    return compare.Where(rec.get("location"), rec.get("geonameid"), rec.get("latitude"), rec.get("longitude"),
                         rec.get("place_level"), rec.get("admin1"), rec.get("country"),
                         rec.get("place_source") or "stated")


def sketch(rec: dict[str, Any], published: str | None = None, words: set[str] | None = None,
           title: str | None = None) -> Sketch:
    """The sketch of an Event record (a mention's, or a merged event's canonical one).

    ``published``: the day of its report (to tell a toll revised upwards in a later report).
    ``title`` is accepted for callers of the old signature and not used: how a date was found is
    the record's ``date_source``, and one article's records are never merged."""
    if words is None:
        words = event_words(rec)
    return Sketch(
        sub=rec["sub_event_type"], family=family_of(rec["event_type"], rec["sub_event_type"]),
        block=block_of(rec["event_type"], rec["sub_event_type"], rec.get("country")),
        when=compare.When.of(rec.get("date"), rec.get("date_precision"), rec.get("date_source")),
        where=_where(rec), actors={a for a in (rec.get("actor1"), rec.get("actor2")) if is_named(a)},
        fatalities=rec.get("fatalities"), words=words, historical=bool(rec.get("historical")),
        arrested=rec.get("arrested"), reported=(published and published[:10], published and published[:10]),
    )


def sketch_of_row(row: Any) -> Sketch:
    """The sketch of a stored event from its columns (no JSON to parse: this runs per candidate)."""
    rec = {"location": row.location, "geonameid": row.geonameid, "latitude": row.latitude,
           "longitude": row.longitude, "place_level": row.place_level, "admin1": row.admin1,
           "country": row.country, "place_source": row.place_source}
    return Sketch(
        sub=row.sub_event_type, family=family_of(row.event_type, row.sub_event_type), block=row.block,
        when=compare.When.of(row.date, row.date_precision, row.date_source), where=_where(rec),
        actors={a for a in (row.actor1, row.actor2) if is_named(a)}, fatalities=row.fatalities_best,
        words=set(row.keywords.split()), historical=bool(row.historical), arrested=row.arrested_best,
        reported=(row.first_report, row.last_report),
    )


def what(m: Sketch, e: Sketch, s: MergeSettings | None = None) -> str:
    """compare.what within one block, and the store's ``alike`` pairs: same, family, absorbs,
    alike or apart."""
    s = s or settings()
    if m.group != e.group:
        return "apart"
    if frozenset({m.sub, e.sub}) in s.alike:
        # across articles only when the report of the seizure tells of arrests too: one raid
        # seizes weapons, another report of the area's arrests may be of other people
        other = m if m.sub != "Arrests" else e
        return "alike" if other.arrests else "apart"
    return _what(m.sub, e.sub)


def place(m: Sketch, e: Sketch, named: bool, s: MergeSettings) -> tuple[float | None, str]:
    """The place part of the score (None: two places of one event cannot be this far apart)."""
    a, b = m.where, e.where
    weak = a.source in s.weak_places or b.source in s.weak_places
    rel = compare.where(a, b, s.rules)
    if rel == "same":
        return (s.w("where_weak"), "same place (weak)") if weak else (s.w("where_same"), "same place")
    if rel == "near":
        return s.w("where_near"), "towns nearby"
    if rel == "inside":
        return s.w("where_inside"), "one place holds the other"
    if rel == "unknown":
        return 0.0, "no place"
    if not a.country or not b.country or a.country != b.country:
        if named:
            return s.w("where_named"), "another country, but the article names the place"
        return None, "another country"
    if weak:
        return 0.0, "places differ (one weak)"
    d = compare.km(a.lat, a.lon, b.lat, b.lon)
    if d is not None and a.rank <= 1 and b.rank <= 1:
        if d <= s.rules.near_km:
            return s.w("where_near"), f"places {d:.0f} km apart"
        if d <= s.rules.region_km and (not a.admin1 or not b.admin1 or a.admin1 == b.admin1):
            if named:  # one is the city the news came from, the other where it happened
                return s.w("where_named"), f"places {d:.0f} km apart in one region, each article naming both"
            return s.w("where_region"), f"places {d:.0f} km apart in one region"
        return None, f"places {d:.0f} km apart"
    if d is not None and max(a.rank, b.rank) < 3 and d > s.rules.region_km:
        return None, f"places {d:.0f} km apart"
    return 0.0, "places differ"


def score(m: Sketch, e: Sketch, named: bool = False) -> tuple[float, list[str]]:
    """How likely mention ``m`` and event ``e`` are one real-world event (-inf: impossible).

    ``named``: each report's article names the other's place (a cross-country candidate needs it).
    """
    s = settings()
    why: list[str] = []
    total = 0.0

    def add(key: str, text: str, times: float = 1.0) -> None:
        nonlocal total
        v = round(s.w(key) * times, 3)
        total += v
        why.append(f"{text} {v:+g}")

    rel = what(m, e, s)
    if rel == "apart":
        return -math.inf, [f"sub-types apart ({m.sub} / {e.sub})"]
    add(f"what_{rel}", {"same": "same sub-type", "family": "same family", "absorbs": "one absorbs the other",
                        "alike": "arrests and the seizure they were made in"}[rel])
    rw = compare.when(m.when, e.when, s.rules)
    if rw == "apart":
        return -math.inf, ["dates apart"]
    if rw == "same":
        add("when_same", "same day")
    elif rw == "overlap":
        precs = {m.when.precision, e.when.precision}
        if m.when.precision == e.when.precision == "day" and not (m.when.bound or e.when.bound):
            add("when_slack", "days within the slack")
        elif precs & {"month", "year"}:
            add("when_wide", "dates overlap (month or year)")
        else:
            add("when_week", "dates overlap (week or report date)")
        gap = compare.bound_gap(m.when, e.when)
        if rel == "family" and gap is not None and gap > s.rules["family_bound_days"]:
            # another sub-type of the family (a riot, a march) days before an undated report
            add("when_bound_family", f"another sub-type {gap} days before the report")
    else:
        why.append("no date")
    pv, ptext = place(m, e, named, s)
    if pv is None:
        return -math.inf, [ptext]
    total += pv
    why.append(f"{ptext} {pv:+g}")
    rwho = compare.who(m.actors, e.actors)
    if rwho == "same":
        add("who_same", "shared actor")
    elif rwho == "apart":
        add("who_apart", "different named actors")
    rt = compare.toll(m.fatalities, e.fatalities)
    if rt == "agree":
        add("toll_agree", "fatalities agree")
    elif rt == "differ" and rising(m, e):
        why.append("toll revised upwards in a later report +0")
    elif rt == "differ":
        add("toll_differ", "fatalities far apart")
    ms, es = m.sites, e.sites
    if ms and es and not (ms & es):
        add("sites_differ", f"different sites ({','.join(sorted(ms))} / {','.join(sorted(es))})")
    if m.words and e.words:
        add("words", "shared words", len(m.words & e.words) / len(m.words | e.words))
    return total, why


def rising(m: Sketch, e: Sketch) -> bool:
    """Is the higher of two tolls from a later report (tolls are revised upwards as bodies are
    found; the same toll falling in a later report, or two tolls of one day, are two events)?"""
    if not m.fatalities or not e.fatalities or not m.reported[0]:
        return False
    if m.fatalities > e.fatalities:
        return bool(e.reported[0]) and m.reported[0] > e.reported[0]  # type: ignore[operator]
    return bool(e.reported[1]) and m.reported[0] < e.reported[1]  # type: ignore[operator]


def abroad_subs(m: Sketch) -> list[str]:
    """The sub-types an event elsewhere may have and still be ``m`` (see :func:`what`)."""
    return list(_abroad_subs(m.sub, m.group))


@cache
def _abroad_subs(sub: str, group: str) -> tuple[str, ...]:
    s = settings()
    return tuple(other for other, typ in sorted(_taxonomy().sub_to_type.items())
                 if group_of(typ, other) == group
                 and (_what(sub, other) != "apart" or frozenset({sub, other}) in s.alike))


@dataclass
class Link:
    """Where one mention of an article goes: an event in the store, or a new event (None)."""

    event: int | None = None
    score: float | None = None
    why: list[str] = field(default_factory=list)


def assign(mentions: list[Sketch], candidates: dict[int, Sketch],
           named: set[tuple[int, int]] | None = None) -> list[Link]:
    """For each mention of one article: the stored event it joins, or none (a new event).

    Pairs reaching the threshold are matched greedily, best first, so that no two mentions of the
    article share an event. ``named``: the (mention index, event id) pairs whose places each
    report's article names (needed by a candidate in another country)."""
    threshold = settings().threshold
    named = named or set()
    links = [Link() for _ in mentions]
    pairs: list[tuple[float, int, int, list[str]]] = []
    for i, m in enumerate(mentions):
        for eid, e in candidates.items():
            sc, why = score(m, e, (i, eid) in named)
            if sc >= threshold:
                pairs.append((sc, i, eid, why))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used: set[int] = set()
    for sc, i, eid, why in pairs:
        if links[i].event is None and eid not in used:
            links[i].event, links[i].score, links[i].why = eid, sc, why
            used.add(eid)
    return links
