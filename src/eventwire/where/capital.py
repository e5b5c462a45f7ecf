""""The capital": a country's capital city named by the common noun ("marched in the capital",
"the Libyan capital", "Iraq's capital"), as a place mention the events may be placed in.

Not when the text names it there ("the capital Maputo", "the capital, Kabul,", "the capital of
X": those names are places of their own), nor for other senses ("capital punishment", "capital
flight": no determiner, demonym or possessive before it). The country is the one the demonym or
the possessive names, else the article's main country (``adoc.countries[0]``). Such a mention is
an anaphor, not a toponym of the text: it is not listed by ``place_records``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon
from .places import place_from_entry

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..record import AnnotatedDoc, Place
    from .gazetteer import Gazetteer


def _named_after(t: Token, places: list[Place]) -> bool:
    """Does the text name the capital right after the noun ("the capital Maputo", "the capital,
    Kabul", "the capital of X")?"""
    doc = t.doc
    k = t.i + 1
    while k < len(doc) and doc[k].text in (",", "(", "-", "–", "—"):
        k += 1
    return k < len(doc) and (doc[k].lower_ == "of" or any(p.start <= doc[k].idx < p.end for p in places))


def _country_of(t: Token, places: list[Place], adoc: AnnotatedDoc) -> tuple[bool, str | None]:
    """(does the noun stand for a national capital, the country): every modifier must name the
    country ("the Libyan capital", "Iraq's capital", "the country's capital"); "the provincial
    capital", "the state capital" or "its capital" do not say which capital."""
    cues = lexicon.cues()
    country = None
    has_the = any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
    mods = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    for c in mods:
        named = [p for p in places if p.start <= c.idx < p.end and (p.place_level == "country" or p.role == "demonym")]
        if named and named[0].country:
            country = named[0].country
        elif not (c.dep_ == "poss" and c.lemma_.lower() in cues.country_nouns):
            return False, None
    if not (has_the or any(c.dep_ == "poss" for c in mods)):
        return False, None
    return True, country or (adoc.countries[0] if adoc.countries else None)


def capital_mentions(adoc: AnnotatedDoc, places: list[Place], gaz: Gazetteer) -> list[Place]:
    """A Place (the country's capital city) for each "the capital" that stands for it."""
    nouns = lexicon.cues().capital_nouns
    out: list[Place] = []
    for t in adoc.doc:
        if t.lower_ not in nouns or t.pos_ != "NOUN" or _named_after(t, places):
            continue
        if any(p.start <= t.idx < p.end for p in places):
            continue  # part of a name the gazetteer knows
        national, cc = _country_of(t, places, adoc)
        e = gaz.capital(cc) if national and cc else None
        if e is not None:
            out.append(place_from_entry(e, t.idx, t.idx + len(t), e.name))  # the evidence is the noun
    return out
