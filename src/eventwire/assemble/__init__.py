"""Assembly: the mentions of one article become one record per real-world event.

    assemble(mentions, adoc, keep_unasserted=False) -> list[Event]

ACLED's unit of record is one event per day, location and actor pair; an article tells each of
its events in several sentences, with several words and several types. In order:

1. ``places.domestic_places``: police acting at home are not placed abroad;
2. ``sentence.group_sentence``: the mentions of one sentence that describe one event;
3. ``article.link_units``: the units of the article merge unless the text keeps them apart
   (other days, other places named, types that cannot be one event); vague words join the event
   told nearby; the headline joins the body's event; a summary of several events is none;
4. a lone vague unit is no event unless the article says nothing more specific;
5. ``places.split_by_place``: one event per place the text puts it in ("hit A and B");
6. ``doers.carry_doers``: the one doer the article names for its violence of a type is the doer
   of that type's events it leaves unattributed;
7. ``build.to_event``: the Event's fields; the main event (the one the article is about) first,
   the others in text order.

Every "same event?" question is asked of :mod:`eventwire.compare`, with the thresholds of its
``assembly`` section (data/compare.yaml); the store asks the same questions across articles.
"""

from __future__ import annotations

from .. import compare
from ..record import AnnotatedDoc, Event, Mention, headline_end
from ..what import generic
from ..what.lexicon import Lexicon, load_lexicon
from ..where.context import new_topic
from .article import link_units, rejoin_parts
from .build import salience, share_totals, to_events
from .doers import carry_doers
from .places import domestic_places, split_by_place
from .sentence import aside, background_phrase, group_sentence, in_background, sites_of, token_of
from .unit import Unit, is_vague, place_source

__all__ = ["assemble", "Unit"]


def assemble(mentions: list[Mention], adoc: AnnotatedDoc, keep_unasserted: bool = False) -> list[Event]:
    """Merge an article's mentions into events; the main event first, then the rest in text order.

    Unasserted mentions (negated, hypothetical, planned, threatened, denied) are dropped unless
    ``keep_unasserted``, in which case they form events of their own with that modality.
    Historical events are kept with ``historical=True``.
    """
    lex = load_lexicon()
    rules = compare.rules("assembly")
    kept = [m for m in mentions if keep_unasserted or m.modality == "asserted"]
    if not kept:
        return []
    domestic_places(kept, adoc, lex)
    top = headline_end(adoc.article)
    by_sent: dict[int, list[Mention]] = {}
    for m in sorted(kept, key=lambda m: m.start):
        by_sent.setdefault(m.sent_index, []).append(m)
    bg = {id(m) for m in kept if in_background(adoc, m, lex)}
    side = {id(m) for m in kept if id(m) not in bg and aside(adoc, m, lex)}
    units: list[Unit] = []
    for si, ms in by_sent.items():
        here = group_sentence(ms, adoc, lex, bg, top, rules, side)
        if 0 <= si < len(adoc.sentences) and new_topic(adoc.sentences[si]):
            for u in here:
                u.new_story = True
        for u in here:
            u.sites = frozenset().union(*(sites_of(adoc, m, lex) for m in u.mentions
                                          if not m.generic and m.event_type in lex.taxonomy.violent))
        units.extend(here)
    verbal = frozenset(id(m) for m in kept if (t := token_of(adoc, m)) is not None and t.pos_ == "VERB")
    records = link_units(units, lex, rules, verbal)
    records = [r for r in records if not _cause_only(r, adoc, lex) and not _campaign_only(r)]
    records = _specific(records, adoc)
    if not records:
        return []
    records = rejoin_parts([part for r in records for part in split_by_place(r, adoc)], rules)
    carry_doers(records, adoc)
    records.sort(key=lambda r: r.first)
    main = max(records, key=lambda r: (salience(r, adoc), -r.first))
    ordered = [main] + [r for r in records if r is not main]
    events = [e for r in ordered for e in to_events(r, adoc)]
    share_totals(events)
    return events


def _cause_only(r: Unit, adoc: AnnotatedDoc, lex: Lexicon) -> bool:
    """A development told only as the cause or background of another event, with no date of
    its own ("protests ... after a military coup"): ACLED codes it where it is reported, not
    where it is referred to. Violence so told is kept (the bombing its suspects are held for)."""
    if r.best.event_type in lex.taxonomy.violent or r.best.event_type == "Protests":
        return False
    told = [m for m in r.mentions if not m.generic]  # a bare death word beside it names no development
    if not told or any(id(m) not in r.background for m in told):
        return False
    for m in told:
        phrase = background_phrase(adoc, m, lex)
        if phrase is None or (m.time is not None and phrase[0] <= m.time.start < phrase[1]):
            return False
    return True


def _campaign_only(r: Unit) -> bool:
    """A record told only by the name of a campaign ("the offensive, which began 12 days ago and has
    left 1,000 dead"; "since the rebels began a general offensive a week ago") that no sentence of
    its own places is the campaign, not one of its events: ACLED codes the clashes it is made of,
    where and when they are told (an offensive on a named town is one of them)."""
    war = generic.words().war
    named = [m for m in r.mentions if not is_vague(m)]
    return bool(named) and all(m.trigger.lower() in war for m in named) \
        and all(place_source(m) != "stated" for m in r.mentions)


ANCHOR_ENTS = ("DATE", "TIME", "GPE", "LOC", "FAC")


def _anchored(m: Mention, adoc: AnnotatedDoc) -> bool:
    """Does the mention's own sentence say when or where it happened (not only the article)?"""
    if m.date_source == "stated" or m.place_source == "stated":
        return True
    sent = adoc.sentence_of(m.start)
    return sent is not None and any(e.label_ in ANCHOR_ENTS for e in sent.ents)


def _opens_another_incident(r: Unit) -> bool:
    """"In another incident, bandits attacked commuters along the X road": a record whose sentence
    opens a new story and places it there is an event of its own, even told in vague words."""
    return r.new_story and not r.historical and r.where().source == "stated" \
        and any(place_source(m) == "stated" and not m.generic for m in r.mentions)


def _hits_a_site(r: Unit) -> bool:
    """"Guerrillas attacked the farm", "two ambulances were attacked": an attack told with the site it
    hit, in a sentence of its own, names an incident even in bare attack words -- not the forces' own
    raid of an operation told in other words ("police stormed a house ... arrested three")."""
    return bool(r.sites) and not r.historical and not any(
        m.actor1 is not None and m.actor1.text and m.actor1.kind == "state" for m in r.mentions)


def _specific(records: list[Unit], adoc: AnnotatedDoc) -> list[Unit]:
    """A lone vague record with nothing counted is no event ("the attacks", "the violence"),
    unless the article says nothing more specific: then its most salient one is the event."""
    lex = records[0].lex if records else None
    specific = [r for r in records if not r.vague or any(m.counts for m in r.mentions) or r.inherit is not None
                or r.vague_kept or _opens_another_incident(r) or _hits_a_site(r)]
    if specific or lex is None:
        return specific
    vague = [r for r in records if not r.best.historical and not all(m.generic for m in r.mentions)
             and any(_anchored(m, adoc) and (lex.text_has("conflict", m.sentence) or lex.text_has("violence_context", m.sentence))
                     for m in r.mentions)]
    return [max(vague, key=lambda r: (salience(r, adoc), -r.first))] if vague else []
