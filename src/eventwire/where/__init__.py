"""WHERE: find place mentions, resolve them to gazetteer entries, and place each event.

Public API (called by the pipeline and the CLI):

    annotate(adoc)        fill adoc.places (sorted by start; role "place" or "demonym"; place names
                          the gazetteer lacks have geonameid None) and adoc.countries
    attach(m, adoc)       set m.place, m.geo_precision and the "location" evidence
    place_records(adoc)   the `eventwire places` JSON objects of adoc's place mentions (demonyms
                          included unless include_demonyms=False)
    gazetteer             default_path(), get(), build(), import_geonames(), info()

Knowledge (aliases, demonyms, feature levels, cue words) lives in ``eventwire/data/places/``.
"""

from __future__ import annotations

from typing import Any

from .. import countries
from ..record import AnnotatedDoc, Mention
from . import gazetteer, lexicon
from .attach import attach as _attach
from .candidate import NOTES
from .capital import capital_mentions
from .detect import find
from .lexicon import fold
from .places import place_from_entry, record, unresolved_place
from .resolve import country_evidence, foreign_namesake, implausible, misplaced, resolve, salient_countries

__all__ = ["annotate", "attach", "place_records", "gazetteer"]

def annotate(adoc: AnnotatedDoc) -> None:
    """Find and resolve every place mention of the document (see the package docstring)."""
    gaz = gazetteer.get()
    cands = find(adoc.doc, gaz, adoc.doc_text)
    live = [c for c in cands if not c.unresolved]
    resolved = resolve(live)
    weights = country_evidence(live)
    doubtful = [r for r in resolved if implausible(r, resolved) or foreign_namesake(r, weights)]
    # a common name that is the article's country's namesake at one mention is so at every one
    # ("in San Pedro" and "San Pedro's mayor" name one place, whichever namesake each matched)
    abroad = {fold(r.cand.text) for r in resolved if foreign_namesake(r, weights)}
    doubtful += [r for r in resolved if fold(r.cand.text) in abroad and not r.cand.dateline and r not in doubtful]
    # a name the text puts in a region its match is not in names another place at every mention
    namesakes = {(r.cand.text, r.entry.geonameid) for r in resolved if misplaced(r, resolved)}
    doubtful += [r for r in resolved if (r.cand.text, r.entry.geonameid) in namesakes and r not in doubtful]
    for r in doubtful:  # keep the name, drop the far-away match
        r.cand.unresolved, r.cand.entries = True, []
    resolved = [r for r in resolved if not r.cand.unresolved]
    places = []
    notes: dict[tuple[int, int], dict[str, Any]] = {}
    area_nouns = lexicon.levels().area_nouns  # feature_levels.yaml
    for r in resolved:
        c = r.cand
        p = place_from_entry(r.entry, c.start, c.end, c.text, score=r.score, role=c.role)
        if r.entry.feature_class == "P" and c.type_word in area_nouns:
            p.place_level = area_nouns[c.type_word]
        places.append(p)
        notes[(c.start, c.end)] = {"dateline": c.dateline, "type_word": c.type_word, "label": c.label,
                                   "embedded": c.embedded, "locative": c.locative}
    adoc.countries = salient_countries(resolved)
    if not adoc.countries:  # a story that names no country: the one its site is named after, if any
        home = countries.named_in_domain(adoc.article.url)
        adoc.countries = [home] if home else []
    for p in capital_mentions(adoc, places, gaz):  # "marched in the capital": an anaphor, not a toponym
        places.append(p)
        notes[(p.start, p.end)] = {"dateline": False, "type_word": "capital", "label": None,
                                   "embedded": False, "locative": False, "anaphor": True}
    for c in cands:
        if c.unresolved:
            country = c.cue_country or _nearby_country(c, resolved, adoc)
            places.append(unresolved_place(c, country))
            notes[(c.start, c.end)] = {"dateline": False, "type_word": c.type_word, "label": c.label,
                                       "embedded": c.embedded, "locative": c.locative}
    places.sort(key=lambda p: (p.start, p.end))
    adoc.places = places
    adoc.put(NOTES, notes)


def _nearby_country(c, resolved, adoc: AnnotatedDoc) -> str | None:
    """The country of the nearest place named in the same sentence, else the article's."""
    sent = adoc.sentence_of(c.start)
    if sent is not None:
        near = [r for r in resolved if sent.start_char <= r.cand.start < sent.end_char and r.entry.country
                and r.cand.role == "place" and not r.cand.modifier and not r.cand.embedded
                and not r.entry.is_country]
        if near:
            return min(near, key=lambda r: abs(r.cand.start - c.start)).entry.country
    return adoc.countries[0] if adoc.countries else None


def attach(m: Mention, adoc: AnnotatedDoc) -> None:
    """Place the event mention ``m`` (see :mod:`eventwire.where.attach`)."""
    _attach(m, adoc, gazetteer.get())


def place_records(adoc: AnnotatedDoc, include_demonyms: bool = True) -> list[dict[str, Any]]:
    """One JSON-ready dict per place mention, in text order.

    Place adjectives and demonyms ("Turkish forces", "Canadians") are toponyms in the geoparsing
    corpora (GeoWebNews, TR-News) and are listed too, resolved to their country, unless
    ``include_demonyms`` is False (then role "place" only).
    """
    notes = adoc.get(NOTES) if adoc.has(NOTES) else {}
    return [record(adoc.article.id, p) for p in adoc.places if p.geonameid is not None
            and (p.role == "place" or (include_demonyms and p.role == "demonym"))
            and not notes.get((p.start, p.end), {}).get("anaphor")]
