"""De-duplication: which stored event (if any) a new mention describes.

Blocking: an event lives in one *block*, ``"<family>|<country>"`` (family: ``violence`` for
battles, explosions and violence against civilians, ``demonstration`` for protests and riots,
``strategic``), and has a date interval ``[date_lo, date_hi]`` from its date and precision. The
candidates for a mention are the events of its block whose interval comes within two days of the
mention's, found through the index ``(block, span, date_lo)``: an event of span ``d`` (interval of
at most :data:`NARROW_DAYS` days) must start within that many days of the mention, a wider one
(month, year) within :data:`WIDE_DAYS`. The work per mention depends on how many events a block
holds in a few days, not on the size of the store.

Score: a sum of explainable parts (:func:`score`), each listed in ``why``; a hard incompatibility
(dates more than a day apart at day precision, towns more than :data:`TOWN_KM` km apart,
different strategic sub-types, save arrests and the seizure they were made in) rules a candidate
out. A mention joins the best candidate scoring at least :data:`THRESHOLD`; two mentions of one
article never join the same event (the extractor already told them apart), except a *headline*
record, which summarises the article's main event: it follows the body record it fits best
(:func:`headline_fit`; its date, which when/ borrows from the body, is not compared). A date that
is only the day of the report (when/ fell back on the publication date) stands for that day and
the six before it. Historical mentions ("the 2011
Marrakesh bombing") search the same way: a year-precision date is a wide interval, so they find the day-precision event they recall.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .reconcile import LEVEL_RANK, is_headline, is_named, is_report_date

THRESHOLD = 2.0
NARROW_DAYS = 9
WIDE_DAYS = 400
TOWN_KM = 15.0
REGION_KM = 120.0

FAMILY_BLOCK = {"battles": "violence", "explosions": "violence", "civilians": "violence",
                "demonstration": "demonstration", "strategic": "strategic"}
# strategic sub-types that one real event may get from different reports: police who arrest
# suspects and seize their explosives ("Disrupted weapons use") made arrests ("Arrests")
STRATEGIC_ALIKE = frozenset({frozenset({"Arrests", "Disrupted weapons use"})})
ARREST_WORDS = frozenset({"arrest", "arrested", "detained", "detain", "detention", "custody", "apprehended"})
# a headline follows the body record it fits best when the fit reaches this (see headline_fit)
HEADLINE_FIT = 1.0


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# places inside a town: two reports naming different ones describe different attacks
SITE_WORDS = _wordset("""
market marketplace church mosque school university college checkpoint station bus hotel cafe café
restaurant hospital clinic stadium court courthouse embassy parliament convoy camp prison jail bank
airport port bridge border barracks base office headquarters shrine temple synagogue wedding funeral
village farm mine pipeline ministry square park
""")

STOP = _wordset("""
a an the and or but of in on at to for from by with as is are was were be been has have had it its
this that these those he she they them their his her who which said says told say after before
during while when where than then there also into over under about near outside inside killed
wounded injured people least more other some several police officials official according
""")


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    from ..what.lexicon import load_taxonomy

    t = load_taxonomy()
    return {sub: t.merge_group.get(typ, typ) for sub, typ in t.sub_to_type.items()} | {
        typ: t.merge_group.get(typ, typ) for typ in t.merge_group}


@lru_cache(maxsize=1)
def _distinct() -> frozenset[str]:
    from ..what.lexicon import load_taxonomy

    return load_taxonomy().distinct


def family_of(event_type: str, sub_event_type: str) -> str:
    f = _families()
    return f.get(sub_event_type) or f.get(event_type) or event_type.lower()


def block_of(event_type: str, sub_event_type: str, country: str | None) -> str:
    fam = family_of(event_type, sub_event_type)
    return f"{FAMILY_BLOCK.get(fam, fam)}|{country or '-'}"


def interval(d: str | None, precision: str | None, published: str | None = None) -> tuple[date, date] | None:
    """The days an ISO date at ``precision`` may stand for; an unknown date: the week before publication."""
    try:
        if d and precision in ("day", "week") and len(d) >= 10:
            lo = date.fromisoformat(d[:10])
            return lo, lo + timedelta(days=6 if precision == "week" else 0)
        if d and len(d) >= 7 and precision != "year":
            y, mo = int(d[:4]), int(d[5:7])
            nxt = date(y + (mo == 12), mo % 12 + 1, 1)
            return date(y, mo, 1), nxt - timedelta(days=1)
        if d and len(d) >= 4:
            return date(int(d[:4]), 1, 1), date(int(d[:4]), 12, 31)
        if published:
            p = date.fromisoformat(published[:10])
            return p - timedelta(days=7), p
    except ValueError:
        return None
    return None


def keywords(texts: list[str]) -> set[str]:
    words: set[str] = set()
    for t in texts:
        for w in re.findall(r"[a-zà-ÿ]+", t.lower()):
            if len(w) > 2 and w not in STOP:
                words.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return words


@dataclass
class Sketch:
    """What the score looks at, for a mention or a stored event."""

    sub: str
    family: str
    block: str
    lo: date | None
    hi: date | None
    precision: str
    lat: float | None
    lon: float | None
    level: str | None
    admin1: str | None
    location: str | None
    actors: set[str]
    fatalities: int | None
    words: set[str] = field(default_factory=set)
    historical: bool = False
    sentence: int | None = None  # start offset of the event sentence (mentions only)
    arrested: int | None = None
    headline: bool = False  # the record's event sentence is the article's headline (mentions only)

    @property
    def country(self) -> str:
        return self.block.split("|", 1)[1]

    @property
    def arrests(self) -> bool:
        """Does the record report arrests (a count, or an arrest word in its sentences)?"""
        return bool(self.arrested) or bool(self.words & ARREST_WORDS)

    @property
    def sites(self) -> set[str]:
        return self.words & SITE_WORDS

    @property
    def span(self) -> str:
        if self.lo is None or self.hi is None:
            return "w"
        return "d" if (self.hi - self.lo).days <= NARROW_DAYS else "w"


def sketch(rec: dict[str, Any], published: str | None = None, words: set[str] | None = None,
           title: str | None = None) -> Sketch:
    """The sketch of an Event record (a mention's, or a merged event's canonical one).

    ``title``: the article's title, to tell a headline record (see :func:`.reconcile.is_headline`).
    """
    precision = rec.get("date_precision") or "unknown"
    iv = interval(rec.get("date"), precision, published)
    if iv is not None and is_report_date(rec):  # the event happened on that day or in the week before
        iv, precision = (iv[0] - timedelta(days=6), iv[1]), "week"
    if words is None:
        words = keywords(sorted({e.get("sentence", "") for e in rec.get("evidence") or []}))
    return Sketch(
        sub=rec["sub_event_type"], family=family_of(rec["event_type"], rec["sub_event_type"]),
        block=block_of(rec["event_type"], rec["sub_event_type"], rec.get("country")),
        lo=iv[0] if iv else None, hi=iv[1] if iv else None,
        precision=precision,
        lat=rec.get("latitude"), lon=rec.get("longitude"), level=rec.get("place_level"),
        admin1=rec.get("admin1"), location=(rec.get("location") or "").lower() or None,
        actors={a for a in (rec.get("actor1"), rec.get("actor2")) if is_named(a)},
        fatalities=rec.get("fatalities"), words=words, historical=bool(rec.get("historical")),
        sentence=next((e.get("sentence_start") for e in rec.get("evidence") or [] if e.get("field") == "event"),
                      None),
        arrested=rec.get("arrested"), headline=is_headline(rec, title),
    )


def sketch_of_row(row: Any) -> Sketch:
    """The sketch of a stored event from its columns (no JSON to parse: this runs per candidate)."""
    lo = date.fromisoformat(row.date_lo) if row.date_lo else None
    hi = date.fromisoformat(row.date_hi) if row.date_hi else None
    precision = row.date_precision
    if precision == "day" and lo is not None and hi is not None and hi > lo:
        precision = "week"  # a report date (see sketch())
    return Sketch(
        sub=row.sub_event_type, family=family_of(row.event_type, row.sub_event_type), block=row.block,
        lo=lo, hi=hi, precision=precision, lat=row.latitude, lon=row.longitude, level=row.place_level,
        admin1=row.admin1, location=(row.location or "").lower() or None,
        actors={a for a in (row.actor1, row.actor2) if is_named(a)}, fatalities=row.fatalities_best,
        words=set(row.keywords.split()), historical=bool(row.historical), arrested=row.arrested_best,
    )


def km(a: Sketch, b: Sketch) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _gap(a: Sketch, b: Sketch) -> int | None:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return None
    return max(0, (b.lo - a.hi).days, (a.lo - b.hi).days)


def score(m: Sketch, e: Sketch) -> tuple[float, list[str]]:
    """How likely mention ``m`` and event ``e`` are one real-world event (-inf: impossible)."""
    why: list[str] = []
    if m.block != e.block:
        return -math.inf, ["different block"]
    s = 0.0
    # what
    if m.sub == e.sub:
        s += 1.0
        why.append("same sub-type +1")
    elif strategic_alike(m, e):
        s += 0.5
        why.append("arrests and the seizure they were made in +0.5")
    elif m.family == "strategic" or e.family == "strategic" or m.sub in _distinct() or e.sub in _distinct():
        return -math.inf, ["different sub-types that never merge"]
    elif m.family == e.family:
        s += 0.5
        why.append("same family +0.5")
    else:
        s += 0.1
        why.append("related family +0.1")
    # when
    gap = _gap(m, e)
    if gap is None:
        why.append("no date")
    else:
        exact = m.precision == "day" and e.precision == "day"
        if exact and gap == 0:
            s += 1.0
            why.append("same day +1")
        elif exact and gap == 1:
            s += 0.4
            why.append("a day apart +0.4")
        elif gap == 0:
            bonus = 0.5 if "week" in (m.precision, e.precision) and "year" not in (m.precision, e.precision) \
                and "month" not in (m.precision, e.precision) else 0.2
            s += bonus
            why.append(f"dates overlap (imprecise) +{bonus}")
        elif gap <= 1 and not exact:
            why.append("dates a day apart (imprecise) +0")
        else:
            return -math.inf, [f"dates {gap} days apart"]
    # where
    d = km(m, e)
    rank_m, rank_e = LEVEL_RANK.get(m.level, 4), LEVEL_RANK.get(e.level, 4)
    both_towns = rank_m <= 1 and rank_e <= 1
    if m.location and m.location == e.location and rank_m == rank_e:
        s += 1.0
        why.append("same place +1")
    elif d is not None and both_towns:
        if d > TOWN_KM:
            return -math.inf, [f"places {d:.0f} km apart"]
        s += 1.0 if d <= 3 else 0.6
        why.append(f"places {d:.0f} km apart +{1.0 if d <= 3 else 0.6}")
    elif (m.admin1 and m.admin1 == e.admin1) or (d is not None and d <= REGION_KM and min(rank_m, rank_e) < 3):
        s += 0.5
        why.append("place within the same region +0.5")
    elif d is not None and max(rank_m, rank_e) < 3 and d > REGION_KM:
        return -math.inf, [f"places {d:.0f} km apart"]
    # who
    if m.actors and e.actors:
        if m.actors & e.actors:
            s += 0.3
            why.append("shared actor +0.3")
        else:
            s -= 0.8
            why.append("different named actors -0.8")
    # how many
    if m.fatalities and e.fatalities:
        lo, hi = sorted((m.fatalities, e.fatalities))
        if hi - lo <= 3 or lo / hi >= 0.6:
            s += 0.2
            why.append("fatalities agree +0.2")
        elif lo / hi < 0.35 and hi - lo > 5:
            s -= 0.6
            why.append("fatalities far apart -0.6")
    # the text: sites named, shared words
    ms, es = m.sites, e.sites
    if ms and es and not (ms & es):
        s -= 1.5
        why.append(f"different sites ({','.join(sorted(ms))} / {','.join(sorted(es))}) -1.5")
    if m.words and e.words:
        j = len(m.words & e.words) / len(m.words | e.words)
        s += round(0.8 * j, 3)
        why.append(f"shared words +{0.8 * j:.2f}")
    return s, why


def strategic_alike(a: Sketch, b: Sketch) -> bool:
    """Different strategic sub-types that are one event: arrests, and a seizure in which arrests were made."""
    if frozenset({a.sub, b.sub}) not in STRATEGIC_ALIKE:
        return False
    return (a if a.sub != "Arrests" else b).arrests


def headline_fit(h: Sketch, b: Sketch) -> float:
    """How well headline record ``h`` summarises body record ``b`` of the same article (-inf: not at all).

    The date is not compared: a headline seldom dates its event, and when/ dates it from the body
    (sometimes from the wrong clause: "toll rises to 11, the ministry said on Tuesday"). What must agree:
    the country, the kind of event (a strategic development is not a clash), the place (the same town,
    towns at most :data:`TOWN_KM` apart -- or in one region and at most :data:`REGION_KM` apart, since a
    headline often names the better-known town nearby --, or a place inside the other's region) and
    the sites named.
    """
    if not h.headline or b.headline or h.country != b.country:
        return -math.inf
    if h.sub == b.sub:
        s = 1.0
    elif strategic_alike(h, b):
        s = 0.5
    elif "strategic" in (h.family, b.family):
        return -math.inf
    elif h.block == b.block:
        s = 0.5
    else:  # a clash with police in the headline, a riot in the body: the body has the context
        s = 0.2
    d = km(h, b)
    rank_h, rank_b = LEVEL_RANK.get(h.level, 4), LEVEL_RANK.get(b.level, 4)
    if h.location and h.location == b.location:
        s += 1.0
    elif d is not None and rank_h <= 1 and rank_b <= 1:
        if d <= TOWN_KM:
            s += 0.6
        elif d <= REGION_KM and h.admin1 and h.admin1 == b.admin1:
            s += 0.3  # "near Maiduguri" over a lead in Konduga: a headline names the better-known town
        else:
            return -math.inf
    elif h.location is None or b.location is None or (h.admin1 and h.admin1 == b.admin1) \
            or (d is not None and d <= REGION_KM):
        s += 0.5
    else:
        return -math.inf
    hs, bs = h.sites, b.sites
    if hs and bs and not (hs & bs):
        return -math.inf
    if h.words and b.words:
        s += 0.8 * len(h.words & b.words) / len(h.words | b.words)
    return s


def same_sentence(a: Sketch, b: Sketch) -> bool:
    """Two records of one article that the extractor drew from one sentence about one event."""
    if a.sentence is None or a.sentence != b.sentence or a.block != b.block:
        return False
    if a.location and b.location and a.location != b.location:
        d = km(a, b)
        return d is not None and d <= TOWN_KM
    return True


@dataclass
class Link:
    """Where one mention of an article goes: an event, a new event, or its leader's event."""

    event: int | None = None  # an event in the store
    score: float | None = None
    leader: int | None = None  # index of an earlier mention of the same article and sentence


def assign(mentions: list[Sketch], candidates: dict[int, Sketch]) -> list[Link]:
    """For each mention of one article: the stored event it joins, or none (a new event).

    Records drawn from one sentence about one place follow the first of them; a headline record
    follows the body record it fits best (:func:`headline_fit`), whichever comes first. A group is
    matched by its best-scoring record (its body records when it has any: a headline's date and place
    are the vaguer ones). The groups are matched greedily, best (group, event) pair first, so that no
    two of them share an event. A leader is always a mention that follows no other.
    """
    links = [Link() for _ in mentions]
    for j in range(len(mentions)):
        for i in range(j):
            if links[i].leader is None and same_sentence(mentions[i], mentions[j]):
                links[j].leader = i
                break
    for j, h in enumerate(mentions):
        if not h.headline or links[j].leader is not None:
            continue
        fits = [(headline_fit(h, b), -i, i) for i, b in enumerate(mentions) if i != j]
        best = max(fits, default=None)
        if best is None or best[0] < HEADLINE_FIT:
            continue
        root = best[2] if links[best[2]].leader is None else links[best[2]].leader
        assert root is not None
        for link in links:  # the headline's own followers follow its new leader
            if link.leader == j:
                link.leader = root
        links[j].leader = root
    groups: dict[int, list[Sketch]] = {}
    for j, link in enumerate(links):
        groups.setdefault(j if link.leader is None else link.leader, []).append(mentions[j])
    pairs: list[tuple[float, int, int]] = []
    for i, group in groups.items():
        body = [m for m in group if not m.headline] or group
        for eid, e in candidates.items():
            sc = max(score(m, e)[0] for m in body)  # a group is matched by its best record
            if sc >= THRESHOLD:
                pairs.append((sc, i, eid))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used: set[int] = set()
    for sc, i, eid in pairs:
        if links[i].event is None and eid not in used:
            links[i].event, links[i].score = eid, sc
            used.add(eid)
    return links
