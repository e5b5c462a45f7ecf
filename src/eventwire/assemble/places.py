"""Where, for assembly: one event per place the text puts it in, and police who arrest at home.

* ``split_by_place``: a unit the text places in several named places ("airstrikes hit A and B")
  becomes one unit per place (ACLED: one event per location);
* ``domestic_places``: police named by their country ("Moroccan authorities arrested ...") act
  at home (taxonomy.yaml ``domestic``): a foreign place in that sentence is not where it happened,
  nor where the other event words of the sentence happened ("a cell recruiting fighters for
  Syria"); those mentions are then placed by the story, like mentions without a place.
"""

from __future__ import annotations

from dataclasses import replace

from ..record import AnnotatedDoc, Mention, Place
from ..what.actors_names import category_of_name, country_in
from ..what.counts_amounts import parse_amount
from ..what.lexicon import Lexicon
from ..where.lexicon import cues
from .sentence import token_of
from .unit import LEVEL_RANK, Unit, is_vague


def _trigger_places(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> list[Place]:
    """Places the parse attaches to the trigger itself: "in A and B", "hit A and B" (conjoined)."""
    tok = token_of(adoc, m)
    if tok is None:
        return []
    by_char = {p.start: p for p in adoc.places if p.role == "place" and m.sentence_start <= p.start < m.sentence_end}
    if len(by_char) < 2:
        return []
    heads = [tok]
    t = tok
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("ADJ", "NOUN", "NUM", "PRON"):
        t = t.head.head  # "most of the arrests were made in A and B"
    if tok.pos_ not in ("VERB", "AUX") and t.dep_ in ("nsubj", "nsubjpass", "dobj"):
        heads.append(t.head)
    if tok.pos_ == "VERB" and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        heads.append(tok.head)  # "in A and B, cars were burned and stores raided": the place of both
    objs = _objects(heads, lex)
    found: list[Place] = []
    for o in objs:
        nouns = [o, *o.conjuncts]
        nouns += [p for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in (c, *c.children) if p.dep_ == "pobj"]
        nouns += [x for n in list(nouns) for x in n.conjuncts]
        # "attacks on A and B villages": the names listed before a plural noun of places
        nouns += [x for n in list(nouns) if n.tag_ == "NNS" for c in n.children
                  if c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" for x in (c, *c.conjuncts)]
        nouns += _listed_after(nouns, by_char)
        for n in nouns:
            for p in by_char.values():
                if not p.start <= n.idx < p.end or p in found:
                    continue
                if not any(q.geonameid is not None and q.geonameid == p.geonameid for q in found):
                    found.append(p)
    parts = cues().city_part_nouns
    doc = tok.doc
    for p in found:  # "clashes in A, B and C neighborhoods": parts of one city, one event there
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None and span.end < len(doc) and doc[span.end].lower_ in parts:
            return []
    return found


def _objects(heads: list, lex: Lexicon) -> list:
    """The nouns the parse places the trigger at: "in X", "hit X"."""
    objs = []
    for h in heads:
        # "further south in A and B, ...": the place hangs on the adverb of direction
        for c in [*h.children, *(g for a in h.children if a.pos_ == "ADV" for g in a.children)]:
            if c.dep_ == "prep" and lex.in_list("location_preps", c.lower_):
                objs.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "dobj" and lex.in_list("hit_verbs", h.lemma_.lower()):
                objs.append(c)
    return objs


def _places_referred_to(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> list[Place]:
    """"The Taliban captured the two towns", "attacked both villages": the last places of that
    many the story named before (two towns named, two events)."""
    tok = token_of(adoc, m)
    if tok is None:
        return []
    nouns = cues().type_nouns
    for o in _objects([tok], lex):
        if o.tag_ != "NNS" or o.lemma_.lower() not in nouns:
            continue
        dets = {c.lower_ for c in o.children if c.dep_ in ("det", "predet")}
        nums = [c for c in o.children if c.dep_ == "nummod"]
        n = 2 if lex.in_list("both_words", next(iter(dets), "")) else (
            parse_amount([nums[0]]) if nums and "the" in dets else None)
        if not n or n < 2:
            continue
        prior: list[Place] = []
        for p in sorted(adoc.places, key=lambda p: -p.start):
            if p.start >= m.sentence_start or p.role != "place" or p.place_level in ("country", "region"):
                continue
            if any((q.geonameid or q.name) == (p.geonameid or p.name) for q in prior):
                continue
            prior.append(p)
            if len(prior) == n:
                return sorted(prior, key=lambda p: p.start)
    return []


def _listed_after(nouns: list, by_char: dict[int, Place]) -> list:
    """Places that continue a written list after its last parsed member ("in A, B, and C" where
    the parser hung C elsewhere): only commas and "and"/"or" between them."""
    if not nouns:
        return []
    doc = nouns[0].doc
    starts = {p.start: p for p in by_char.values()}
    out: list = []
    last = max(nouns, key=lambda n: n.i)
    i = last.i + 1
    before = next((p for p in by_char.values() if p.start <= last.idx < p.end), None)
    while i < len(doc):
        j = i
        while j < len(doc) and (doc[j].text == "," or doc[j].lower_ in ("and", "or")):
            j += 1
        if j == i or j >= len(doc) or doc[j].idx not in starts:
            break
        here = starts[doc[j].idx]
        if before is not None and all(doc[k].text == "," for k in range(i, j)) \
                and LEVEL_RANK.get(here.place_level, 0) > LEVEL_RANK.get(before.place_level, 0):
            break  # "in Kerawa, Igabi LGA": the area the place is in, not another place
        out.append(doc[j])
        before = here
        end = starts[doc[j].idx].end
        i = j + 1
        while i < len(doc) and doc[i].idx < end:
            i += 1
    return out


def split_by_place(u: Unit, adoc: AnnotatedDoc) -> list[Unit]:
    """One unit per place when the text places the event in each ("airstrikes hit A and B"; "the
    protest ... Most of the arrests were made in A, B and C": a part of the event told place by
    place splits it too)."""
    source = u.best
    places = _trigger_places(adoc, u.best, u.lex)
    for m in u.mentions:
        if len(places) >= 2:
            break
        if m is not u.best and not is_vague(m) and not u.in_headline(m):
            source, places = m, _trigger_places(adoc, m, u.lex)
    if len(places) < 2 and not u.stated_place(adoc):
        source, places = u.best, _places_referred_to(adoc, u.best, u.lex)
    if len(places) < 2:
        return [u]
    # "the other two were arrested in A and B": as many people as places, one at each -- whatever
    # total the record's other sentences give
    each = {f: replace(c, value=1, qualifier="exact") for f, c in source.counts.items()
            if c.value == len(places) and c.qualifier == "exact" and not c.parts}
    parts = []
    for p in places:
        part = Unit(u.mentions, u.lex, u.headline_end, u.background, u.aside)
        part.place_override, part.inherit = p, u.inherit
        part.part_counts = dict(each)
        parts.append(part)
    return parts


def _police_country(m: Mention, adoc: AnnotatedDoc) -> str | None:
    """The country the police or authorities acting are named by ("Moroccan authorities" -> MA);
    None for other actors (an army may arrest abroad)."""
    a = m.actor1
    if a is None or a.kind != "state" or not a.text or category_of_name(a.name) != "police":
        return None
    span = adoc.doc.char_span(a.start, a.end, alignment_mode="expand")
    return country_in(list(span), adoc) if span is not None else None


def domestic_places(mentions: list[Mention], adoc: AnnotatedDoc, lex: Lexicon) -> None:
    """Unplace the mentions of a sentence in which a country's police act abroad (see above)."""
    home: dict[int, str] = {}  # sentence -> the country whose police act in it
    for m in mentions:
        if m.sub_event_type not in lex.taxonomy.domestic:
            continue
        iso = _police_country(m, adoc)
        if iso is not None:
            home.setdefault(m.sent_index, iso)
    for m in mentions:
        if m.place is not None and m.place.country and home.get(m.sent_index, m.place.country) != m.place.country:
            m.place, m.geo_precision, m.place_source = None, None, "unknown"
            m.evidence = [e for e in m.evidence if e.field != "location"]
