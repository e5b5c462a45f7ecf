"""Assembly: merge the mentions of one article into events, fill each Event, order them.

    assemble(mentions, adoc, keep_unasserted=False) -> list[Event]

Mentions of the same real-world event are clustered by :mod:`eventwire.what.cluster` (within a
sentence, then across sentences, then split per named place, then fragments placed in a region
around another's town or only by a dateline joined to it). The highest-scoring mention of a
cluster names the sub-type; counts are voted per field; the main event (the
one the article is about) comes first, the rest in text order.
"""

from __future__ import annotations

from collections import Counter

from .record import AnnotatedDoc, Count, Event, Evidence, Mention, make_event_id
from .what.actors_names import category_of_name, country_in
from .what.cluster import (
    Cluster,
    background,
    merge_article,
    merge_nested,
    merge_sentence,
    span_in_background,
    split_by_place,
)
from .what.lexicon import Lexicon, load_lexicon


def _vote(counts: list[Count]) -> Count | None:
    """The best-supported count of one field: most distinct spans stating it, then the larger."""
    seen: dict[tuple[int, int], Count] = {}
    for c in counts:
        seen.setdefault((c.start, c.end), c)
    if not seen:
        return None
    values = Counter(c.value for c in seen.values() if c.value is not None)
    if not values:
        return next(iter(seen.values()))
    best_value = max(values, key=lambda v: (values[v], v))
    return next(c for c in seen.values() if c.value == best_value)


def _qualifier(c: Count | None) -> str | None:
    if c is None or c.qualifier == "exact":
        return None
    return c.qualifier


def _evidence(c: Cluster) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[tuple[str, int, int]] = set()
    for m in sorted(c.mentions, key=lambda m: (m is not c.best, m.start)):
        for e in m.evidence:
            key = (e.field, e.start, e.end)
            if key not in seen:
                seen.add(key)
                out.append(e)
    return out


def _actors(c: Cluster) -> tuple[str | None, str | None]:
    ranked = sorted(c.mentions, key=lambda m: (m is not c.best, -m.score, m.start))
    a1 = next((m.actor1.name for m in ranked if m.actor1 is not None), None)
    a2 = next((m.actor2.name for m in ranked if m.actor2 is not None and m.actor2.name != a1), None)
    return a1, a2


def _police_country(m: Mention, adoc: AnnotatedDoc) -> str | None:
    """The country the police or authorities acting are named by ("Moroccan authorities" -> MA);
    None for other actors (an army may arrest abroad)."""
    a = m.actor1
    if a is None or a.kind != "state" or not a.text or category_of_name(a.name) != "police":
        return None
    span = adoc.doc.char_span(a.start, a.end, alignment_mode="expand")
    return country_in(list(span), adoc) if span is not None else None


def _domestic_places(mentions: list[Mention], adoc: AnnotatedDoc, lex: Lexicon) -> None:
    """Police arrest at home: a foreign place in the sentence of "Moroccan authorities
    arrested ..." is not where it happened (taxonomy.yaml ``domestic``), nor where the other
    event words of that sentence happened ("a cell recruiting fighters for Syria"); those mentions
    are then placed by the story like mentions without a place."""
    home: dict[int, str] = {}  # sentence -> the country whose police act in it
    for m in mentions:
        if m.sub_event_type not in lex.taxonomy.domestic:
            continue
        iso = _police_country(m, adoc)
        if iso is not None:
            home.setdefault(m.sent_index, iso)
    for m in mentions:
        if m.place is not None and m.place.country and home.get(m.sent_index, m.place.country) != m.place.country:
            m.place, m.geo_precision = None, None
            m.evidence = [e for e in m.evidence if e.field != "location"]


def _background_count(adoc: AnnotatedDoc, count: Count, c: Cluster) -> bool:
    return span_in_background(adoc, count.start, count.end, c.lex)


def _to_event(c: Cluster, adoc: AnnotatedDoc) -> Event:
    art = adoc.article
    best = c.best
    event_type, sub_event_type = c.sub_event_type()
    dm = c.date_mention()
    pm = c.place_mention()
    place = c.place()
    # counts stated in a background phrase ("after a boy died in custody") belong to another event
    fore = [m for m in c.mentions if id(m) not in c.background] or c.mentions
    counts = {f: _vote([m.counts[f] for m in fore if f in m.counts
                        and (id(m) in c.background or not _background_count(adoc, m.counts[f], c))])
              for f in ("fatalities", "injured", "arrested")}
    main_field = "arrested" if sub_event_type == "Arrests" else next(
        (f for f in ("fatalities", "injured", "arrested") if counts[f] is not None), None)
    a1, a2 = _actors(c)
    country = place.country if place and place.country else (adoc.countries[0] if adoc.countries else None)
    names: list[str] = []
    if place is not None:
        for n in [place.name, *place.alt_names]:
            if n and n not in names:
                names.append(n)
    confidence = min(1.0, 0.6 * best.score + 0.1 * min(3, len(c.mentions) - 1) / 3
                     + 0.1 * (place is not None) + 0.1 * (dm is not None) + 0.1 * any(counts.values()))
    location = (place.text or place.name) if place else None
    return Event(
        event_id=make_event_id(art.id, event_type, sub_event_type, dm.date if dm else None,
                               location, place.geonameid if place else None, best.start),
        article_id=art.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=dm.date if dm else None,
        date_precision=dm.date_precision if dm else "unknown",
        historical=best.historical,
        country=country,
        admin1=place.admin1 if place else None,
        location=location,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geonameid=place.geonameid if place else None,
        place_level=place.place_level if place else None,
        geo_precision=pm.geo_precision if pm else None,
        actor1=a1,
        actor2=a2,
        fatalities=counts["fatalities"].value if counts["fatalities"] else None,
        fatalities_qualifier=counts["fatalities"].qualifier if counts["fatalities"] else None,
        injured=counts["injured"].value if counts["injured"] else None,
        injured_qualifier=counts["injured"].qualifier if counts["injured"] else None,
        arrested=counts["arrested"].value if counts["arrested"] else None,
        arrested_qualifier=counts["arrested"].qualifier if counts["arrested"] else None,
        count_qualifier=_qualifier(counts[main_field]) if main_field else None,
        confidence=round(confidence, 3),
        evidence=_evidence(c),
        modality=best.modality,
        date_note=dm.date_note if dm else None,
        location_names=names,
        title=art.title,
        url=art.url,
        published=art.published.isoformat() if art.published else None,
        source=art.source,
    )


def _salience(c: Cluster, adoc: AnnotatedDoc) -> float:
    """How much the article is about this event (the main event has the highest)."""
    best = c.best
    s_bg = -0.8 if all(id(m) in c.background for m in c.mentions) else 0.0
    title = (adoc.article.title or "").lower()
    text = adoc.article.text
    s = best.score + 0.15 * min(len(c.mentions), 4) + s_bg
    in_title = False
    if title:
        title_at_top = text.lstrip().lower().startswith(title[:40])
        for m in c.mentions:
            if (title_at_top and m.start < len(title)) or m.trigger.lower() in title:
                in_title = True
    first_sent = min(c.sents)
    s += 1.5 * in_title + (1.0 if first_sent == 0 else 0.6 if first_sent <= 2 else 0.0)
    s += 0.4 * any(m.counts for m in c.mentions)
    if best.historical:
        s -= 5
    if best.modality != "asserted":
        s -= 3
    if c.vague:
        s -= 1
    return s


def assemble(mentions: list[Mention], adoc: AnnotatedDoc, keep_unasserted: bool = False) -> list[Event]:
    """Merge an article's mentions into events; the main event first, then the rest in text order.

    Unasserted mentions (negated, hypothetical, planned, threatened, denied) are dropped unless
    ``keep_unasserted``, in which case they form events of their own with that modality.
    Historical events are kept with ``historical=True``.
    """
    lex = load_lexicon()
    kept = [m for m in mentions if keep_unasserted or m.modality == "asserted"]
    if not kept:
        return []
    _domestic_places(kept, adoc, lex)
    by_sent: dict[int, list[Mention]] = {}
    for m in sorted(kept, key=lambda m: m.start):
        by_sent.setdefault(m.sent_index, []).append(m)
    bg = {id(m) for m in kept if background(adoc, m, lex)}
    clusters: list[Cluster] = []
    for ms in by_sent.values():
        clusters.extend(merge_sentence(ms, adoc, lex, bg))
    clusters = merge_article(clusters, lex)
    # a lone vague mention with nothing counted is not an event ("the attacks", "the violence"),
    # unless the article says nothing more specific: then its most salient one is the event
    specific = [c for c in clusters if not c.vague or any(m.counts for m in c.mentions)]
    if not specific:
        vague = [c for c in clusters if not c.best.historical and not all(m.generic for m in c.mentions)
                 and any(lex.text_has("conflict", m.sentence) or lex.text_has("violence_context", m.sentence)
                         for m in c.mentions)]
        specific = [max(vague, key=lambda c: (_salience(c, adoc), -c.first))] if vague else []
    clusters = specific
    if not clusters:
        return []
    clusters = [part for c in clusters for part in split_by_place(c, adoc)]
    clusters = merge_nested(clusters, adoc, lex)
    clusters.sort(key=lambda c: c.first)
    main = max(clusters, key=lambda c: (_salience(c, adoc), -c.first))
    ordered = [main] + [c for c in clusters if c is not main]
    return [_to_event(c, adoc) for c in ordered]
