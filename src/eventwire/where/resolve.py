"""Choose, for each place mention, the gazetteer entry the article means.

Each entry a name could be is scored from:
- its prominence (population, capital, country or first-level region);
- how the name matched (the entry's own name, an alias, or an alternate name);
- the article's countries: countries named, demonyms ("Moroccan authorities"), and places whose
  country is not in doubt, weighted by how often each comes up;
- words around the mention: "the city of X" wants a town, "X province" an area, "the Iraqi city
  of X" a place in Iraq;
- the other places resolved in the article: the same first-level region ("Orange County" next to
  "California") or a place nearby.

The mention's score is the chosen entry's share of the candidates' softmax (0..1).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .detect import Candidate
from .gazetteer import ALIAS, ALTERNATE, PRIMARY, Entry, km
from .lexicon import fold

# weights of the scoring terms (tuned on development data; see the module docstring)
W_POP = 0.6
W_COUNTRY_NAME = 3.0
W_CONTINENT = 2.0
W_ADM1 = -0.3
W_CAPITAL = 1.5
W_PRIMARY = 0.5
W_ALIAS = 1.5
W_EXACT = 0.3
W_DOC_COUNTRY_SHARE = 4.0
W_DOC_COUNTRY_ANY = 1.0
W_TYPE_CLASS = 2.5
W_TYPE_CODE = 1.0
W_TYPE_MISMATCH = -2.0
W_CUE_COUNTRY = 5.0
W_SAME_ADMIN1 = 3.0
W_SAME_REGION = 2.0
W_NEAR_200 = 1.5
W_NEAR_50 = 1.0
W_CITY_NAMED_LIKE_REGION = 1.0
DOMINANT = 20  # a name's biggest place this many times bigger than every namesake abroad
W_LIST_COUNTRY = 3.0  # "Danli, San Marcos and Tegucigalpa": the country every other name of the list is in
LIST_SURE = 0.6  # a list mate resolved at least this surely tells the list's country
W_CONTAINS = 3.0  # "Tacoma, Washington": the state that holds a Tacoma, a Tacoma in that state
LEAD_CHARS = 250  # mentions this close to the start of the story count double for its country
NEAR_KM = 300.0  # a place this close to another the article names is not out of place
SMALL_ABROAD = 50_000  # below this, a place in a country the article never names is doubtful
NAMESAKE_SHARE = 0.5  # the article's country holds at least this share of the evidence ...
NAMESAKE_WEIGHT = 2.0  # ... and this much of it, for a namesake abroad to be doubted
NAMESAKE_SCORE = 0.7  # the resolver was no surer than this of the namesake it chose
NAMESAKES = 3  # a name the gazetteer gives at least this many places is a common one
NAMESAKE_RIVAL = 0.34  # the namesake's country has at most this fraction of the article's country's evidence
NAMESAKE_BIG = 1_500_000  # a place this big is what its name means wherever the article is


@dataclass
class Resolved:
    """A candidate with the entry chosen for it."""

    cand: Candidate
    entry: Entry
    score: float




def country_evidence(cands: list[Candidate]) -> Counter:
    """How strongly the article points at each country, before any disambiguation."""
    w: Counter = Counter()
    for c in cands:
        if c.abroad:
            continue  # "US troops", "the US-led coalition": who acts, not where the places are
        if c.role == "demonym":
            for e, _ in c.entries:
                if e.country:
                    w[e.country] += 1.0
            continue
        countries = [e for e, k in c.entries if e.is_country and k != 1]
        if countries:
            # "Georgia" is a country and a US state: alone, it points at neither
            if not any(e.feature_code == "ADM1" and k == PRIMARY and e.country != countries[0].country
                       for e, k in c.entries):
                w[countries[0].country] += 1.5
            continue
        codes = {e.country for e, _ in c.entries if e.country}
        if len(codes) == 1:
            w[codes.pop()] += 1.0
            continue
        # "San Salvador": the capital and the department of that name are both in one country, and
        # every namesake abroad is far smaller: the name points at that country
        # (by the places' own names: "San Salvador" as another town's alternate name is a trace)
        own = [e for e, k in c.entries if k != ALTERNATE] or [e for e, _ in c.entries]
        top = max(own, key=lambda e: e.population)
        abroad = max((e.population for e in own if e.country != top.country), default=0)
        if top.country and top.population > DOMINANT * max(abroad, 1):
            w[top.country] += 0.5
    return w


def contains(outer: Entry, inner: Entry) -> bool:
    """Is ``inner`` inside ``outer`` (its country, its first-level division, or the place itself)?"""
    if outer.geonameid == inner.geonameid:
        return True
    if inner.is_country or not inner.country or outer.country != inner.country:
        return False
    return outer.is_country or (outer.is_admin and bool(outer.admin1) and outer.admin1 == inner.admin1
                                and not (inner.is_admin and inner.feature_code == "ADM1"))


def _pair_bonus(e: Entry, c: Candidate, after: Candidate | None) -> float:
    """W_CONTAINS when the name's entry fits the name written beside it ("Tacoma, Washington")."""
    if c.within is not None and any(contains(e, inner) for inner, _ in c.within.entries):
        return W_CONTAINS
    if after is not None and any(contains(outer, e) for outer, _ in after.entries if outer.geonameid != e.geonameid
                                 or outer.feature_class == "P"):
        return W_CONTAINS
    return 0.0


def _score(e: Entry, kind: int, c: Candidate, weights: Counter, total: float,
           admin1s: set[tuple[str | None, str | None]], near: list[Entry], after: Candidate | None = None,
           list_country: str | None = None) -> float:
    s = W_POP * math.log10(e.population + 1) + _pair_bonus(e, c, after)
    if list_country and e.country == list_country and not e.is_country:
        s += W_LIST_COUNTRY
    if e.is_country:
        s += W_COUNTRY_NAME
    elif e.feature_code == "CONT":
        s += W_CONTINENT
    elif e.feature_code == "ADM1":
        s += W_ADM1
    elif e.feature_code == "PPLC":
        s += W_CAPITAL
    s += W_PRIMARY if kind == PRIMARY else W_ALIAS if kind == ALIAS else 0.0
    if fold(c.text) == fold(e.name):
        s += W_EXACT
    if e.country and total:
        share = weights.get(e.country, 0.0) / total
        s += W_DOC_COUNTRY_SHARE * share + (W_DOC_COUNTRY_ANY if share else 0.0)
    cue = c.type_cue
    if cue:
        if e.feature_class == cue.get("class"):
            s += W_TYPE_CLASS
            if e.feature_code in (cue.get("codes") or ()):
                s += W_TYPE_CODE
        else:
            s += W_TYPE_MISMATCH
    if c.cue_country and e.country == c.cue_country:
        s += W_CUE_COUNTRY
    if not e.is_country and (e.country, e.admin1) in admin1s:
        # "Orange County" beside "California"; "Washington" beside "Wash." is that state
        s += W_SAME_ADMIN1 if e.feature_code != "ADM1" else W_SAME_REGION
    if near and not e.is_country:
        d = min(km(e, o) for o in near)
        if d < 200:
            s += W_NEAR_200 + (W_NEAR_50 if d < 50 else 0.0)
    return s


def _pick(c: Candidate, weights: Counter, admin1s: set, near: list[Entry], after: Candidate | None = None,
          list_country: str | None = None) -> Resolved:
    total = sum(weights.values())
    scored = [(_score(e, k, c, weights, total, admin1s, near, after, list_country), e) for e, k in c.entries]
    if not c.type_cue:
        # "New York", "Idlib": a big town named like the region it is in is what a bare name means
        regions = {(e.country, e.admin1) for _, e in scored if e.feature_code in ("ADM1", "ADM2")}
        scored = [(s + (W_CITY_NAMED_LIKE_REGION if e.feature_class == "P" and (e.country, e.admin1) in regions
                        and e.population >= 50_000 else 0.0), e) for s, e in scored]
    scored.sort(key=lambda se: (-se[0], -se[1].population, se[1].geonameid))
    best_s, best = scored[0]
    z = sum(math.exp(s - best_s) for s, _ in scored)
    return Resolved(c, best, round(1.0 / z, 3))


def resolve(cands: list[Candidate]) -> list[Resolved]:
    """One :class:`Resolved` per candidate, in the same order."""
    weights = country_evidence(cands)
    after = {id(c.within): c for c in cands if c.within is not None}
    first = [_pick(c, weights, set(), [], after.get(id(c))) for c in cands]
    plain = {fold(c.text) for c in cands if c.role == "place" and not c.embedded}
    by_start = {r.cand.i: r for r in first if r.cand.role == "place"}
    # second pass: the other places' regions and positions as context
    out: list[Resolved] = []
    for idx, c in enumerate(cands):
        if c.role == "demonym" or len(c.entries) == 1:
            out.append(first[idx])
            continue
        if c.embedded and c.label is None and fold(c.text) not in plain:
            # "the Washington Post", "the Seattle Seahawks": a name inside an organisation's that the
            # article never uses as a place is the best-known place so named, not a namesake near
            # the article's places (when it does, "the Allendale Woman's Club", it is that place)
            out.append(first[idx])
            continue
        others = [r for k, r in enumerate(first) if k != idx and r.cand.role == "place"
                  and fold(r.cand.text) != fold(c.text)]
        admin1s = {(r.entry.country, r.entry.admin1) for r in others if r.entry.feature_code == "ADM1"}
        near = [r.entry for r in others if not r.entry.is_country and r.entry.feature_code != "CONT"
                and r.score >= 0.6]
        out.append(_pick(c, weights, admin1s, near, after.get(id(c)), _list_country(c, by_start)))
    return out


def _list_country(c: Candidate, by_start: dict[int, Resolved]) -> str | None:
    """The one country of the other names of the list ``c`` is in ("Trojes, Danli, San Marcos and
    Tegucigalpa": Honduras), when at least two of them are resolved surely and all agree."""
    found = [by_start[i] for i in c.mates if i in by_start]
    sure = {r.entry.country for r in found if r.score >= LIST_SURE and r.entry.country and not r.entry.is_country}
    n = sum(1 for r in found if r.score >= LIST_SURE and r.entry.country and not r.entry.is_country)
    return sure.pop() if len(sure) == 1 and n >= 2 else None


def salient_countries(resolved: list[Resolved]) -> list[str]:
    """ISO codes ordered by how much of the article is about them (mentions, earliest first)."""
    w: Counter = Counter()
    first: dict[str, int] = {}
    lead_end = LEAD_CHARS + min((r.cand.start for r in resolved if not r.cand.dateline), default=0)
    for r in resolved:
        cc = r.entry.country
        if not cc:
            continue
        c = r.cand
        weight = 0.25 if c.modifier else 0.5 if c.role == "demonym" else 1.0
        weight += 1.0 if c.locative else 0.0
        weight *= 0.3 if c.parenthetical else 2.0 if c.start < lead_end and not c.dateline else 1.0
        w[cc] += weight
        first.setdefault(cc, r.cand.start)
    return sorted(w, key=lambda cc: (-w[cc], first[cc]))


def misplaced(r: Resolved, resolved: list[Resolved]) -> bool:
    """The text puts the name in a region its match is not in ("Nyaung Kone village in Sagaing
    region" matched to a Nyaung Kone of another region): the match is a namesake, the place is the
    one the text describes, which the gazetteer lacks."""
    e = r.entry
    if e.is_country or e.feature_code == "ADM1" or r.cand.dateline:
        return False
    by_cand = {id(o.cand): o for o in resolved}
    outer, seen = r.cand.container, 0
    while outer is not None and seen < 4:  # "in Pale township in Sagaing region": the first region
        o = by_cand.get(id(outer))
        if o is not None and not outer.unresolved and o.entry.is_admin:  # a region: is the match in it?
            oe = o.entry
            return not oe.is_country and oe.country == e.country and bool(oe.admin1) and not contains(oe, e)
        outer, seen = outer.container, seen + 1
    return False


def foreign_namesake(r: Resolved, weights: Counter) -> bool:
    """A common name ("San Pedro", "Guadalupe") that the gazetteer knows in several countries but
    not in the one the article is plainly about: the place meant is that country's, which the
    gazetteer lacks, not the best-known namesake abroad."""
    e, c = r.entry, r.cand
    if (c.role != "place" or c.dateline or e.is_country or e.feature_code in ("CONT", "PPLC")
            or e.population >= NAMESAKE_BIG or r.score >= NAMESAKE_SCORE):
        return False
    total = sum(weights.values())
    if len(c.entries) < NAMESAKES or not total:
        return False
    home, w = weights.most_common(1)[0]
    return (w >= NAMESAKE_WEIGHT and w / total >= NAMESAKE_SHARE and all(x.country != home for x, _ in c.entries)
            and weights.get(e.country, 0.0) <= NAMESAKE_RIVAL * w)


def implausible(r: Resolved, resolved: list[Resolved]) -> bool:
    """A small place abroad that nothing else in the article points to, named where the article
    is about another country ("the Zhari district" of an Afghan story is not Zary in Poland)."""
    e, c = r.entry, r.cand
    if c.role != "place" or c.dateline or e.is_country or e.feature_code == "CONT" or e.population >= 4 * SMALL_ABROAD:
        return False
    others = Counter()
    for o in resolved:
        if o is not r and o.entry.country and o.cand.text != c.text:
            others[o.entry.country] += 1
    if not others or others.get(e.country, 0):
        return False
    if any(o is not r and o.cand.text != c.text and km(e, o.entry) < NEAR_KM for o in resolved):
        return False  # "Guam" and "Saipan": a neighbour named in the article vouches for it
    n = others.most_common(1)[0][1]
    if n >= 3 and others.most_common(1)[0][0] != e.country:
        return True  # the article is plainly about somewhere else
    mismatch = bool(c.type_cue) and e.feature_class != c.type_cue.get("class")
    return e.population < SMALL_ABROAD and n >= 2 and (mismatch or r.score < 0.9 or c.label is None)
