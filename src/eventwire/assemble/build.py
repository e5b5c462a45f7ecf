"""A unit becomes an Event: its fields, its counts, its evidence; the main event comes first.

* type: ACLED's precedence over the unit's specific mentions (:meth:`Unit.sub_event_type`);
* date and place: the unit's best-found ones (:meth:`Unit.date_mention`, :meth:`Unit.place`);
* counts: per field, the best-supported value (most distinct spans stating it, then the larger),
  from the unit's own mentions -- a count stated in a background phrase ("after a boy died in
  custody") belongs to another event, and a summary's total ("12 killed in the two attacks") to
  none of its parts;
* actors: those of the mention that names the event, else of the others by score; an actor1 left
  unidentified gives way to the armed actor another mention names (actors.yaml ``perpetrator_kinds``);
* actor pairs: a killing whose toll adds up victims of two kinds ("12 villagers and seven
  policemen") is two events, one per pair (ACLED): an armed clash with the forces and an attack
  on the civilians, each with its own dead (data/what/context.yaml ``victim_split``);
* salience: how much the article is about the event (the headline, the lead, counts).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..record import Actor, AnnotatedDoc, Count, Event, Evidence, Mention, make_event_id
from ..what.actors import recast
from ..what.actors_names import lexicon as actor_lexicon
from ..what.counts_amounts import lexicon as numbers_lexicon
from .sentence import span_in_background
from .unit import Unit, place_source


def vote(counts: list[Count], speakers: dict[tuple[int, int], str | None] | None = None) -> Count | None:
    """The best-supported count of one field: most distinct spans stating it, then the larger (a
    later report's higher toll) -- unless the figures so tied are given by different speakers ("IMN
    leaders said over 200 were arrested"; "115 were arrested, the police spokesperson said"): then
    the lower, as ACLED takes the most conservative of conflicting reports. ``speakers``: the
    speaker of each count's span, where one says it."""
    seen: dict[tuple[int, int], Count] = {}
    for c in counts:
        seen.setdefault((c.start, c.end), c)
    if not seen:
        return None
    values = Counter(c.value for c in seen.values() if c.value is not None)
    if not values:
        return next(iter(seen.values()))
    top = max(values.values())
    tied = [v for v in values if values[v] == top]
    said = {(speakers or {}).get(k) for k, c in seen.items() if c.value in tied} - {None}
    best_value = min(tied) if len(tied) > 1 and len(said) > 1 else max(tied)
    return next(c for c in seen.values() if c.value == best_value)


def _speaker(adoc: AnnotatedDoc, c: Count, verbs: frozenset[str]) -> str | None:
    """Who says the count ("IMN leaders said over 200 ..." -> "leader"): the subject of the verb of
    saying above it, or None. A pronoun ("..., he said") is the last speaker named before it; "we"
    or "I" inside a quote is the quote's speaker. Those killed at once ("two died instantly") are
    no source's toll: a part of any larger one (None)."""
    span = adoc.doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    instant = numbers_lexicon()["instant_words"]
    for t in span.root.ancestors:
        if c.field == "fatalities" and any(x.dep_ in ("advmod", "prep") and (x.lower_ in instant or " ".join(
                w.lower_ for w in x.subtree) in instant) for x in t.children):
            return None  # "two were killed instantly": those who died at once, a part of any later toll
        if t.pos_ == "VERB" and t.lemma_.lower() in verbs:
            subj = next((x for x in t.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return subj.lemma_.lower()
            if subj is not None and subj.lower_ in numbers_lexicon()["singular_person_pronouns"]:
                return _named_speaker_before(adoc, t.sent.start, verbs)
            if subj is not None and subj.lower_ in numbers_lexicon()["first_person_pronouns"]:
                continue  # "'we have confirmed 70 dead,' he said": who says the quote
            return None
    return None


def _named_speaker_before(adoc: AnnotatedDoc, before: int, verbs: frozenset[str]) -> str | None:
    """The last speaker named as the subject of a verb of saying before token ``before``."""
    for t in reversed(adoc.doc[:before]):
        if t.pos_ == "VERB" and t.lemma_.lower() in verbs:
            subj = next((x for x in t.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return subj.lemma_.lower()
    return None


def _qualifier(c: Count | None) -> str | None:
    if c is None or c.qualifier == "exact":
        return None
    return c.qualifier


def _evidence(u: Unit, chosen: dict[str, tuple[int, int] | None]) -> list[Evidence]:
    """The evidence of the event: every trigger of it (``event``), and for each field only the
    evidence of the value the record gives (``chosen``: field -> (start, end) of that value)."""
    out: list[Evidence] = []
    seen: set[tuple[str, int, int]] = set()
    best = u.best
    for m in sorted(u.mentions, key=lambda m: (m is not best, m.start)):
        for e in m.evidence:
            key = (e.field, e.start, e.end)
            if key in seen:
                continue
            if e.field != "event" and (e.field not in chosen or chosen[e.field] != (e.start, e.end)):
                continue
            seen.add(key)
            out.append(e)
    return out


PART_NOTE = "one of as many people as places named: one at each"


def _part_notes(evidence: list[Evidence], u: Unit) -> list[Evidence]:
    """The evidence of a count a split gave each place (Unit.part_counts) says so."""
    if not u.part_counts:
        return evidence
    return [replace(e, note=PART_NOTE) if e.field in u.part_counts else e for e in evidence]


def _span(m: Mention | None, fld: str) -> tuple[int, int] | None:
    """Offsets of mention ``m``'s evidence for ``fld`` (its date, its place)."""
    if m is None:
        return None
    e = next((e for e in m.evidence if e.field == fld), None)
    return (e.start, e.end) if e is not None else None


def unattributed(a: Actor | None) -> bool:
    """No doer, an unidentified group, a default the text did not state ("air strikes"), or a
    force's means with no country ("a drone": Unidentified Military Forces)."""
    return a is None or a.kind == "unidentified" or (not a.text and a.kind == "state") \
        or a.name in actor_lexicon().unknown_names.values()


def about_other_events(m: Mention) -> bool:
    """A trigger marked as other events than the record's ("Boko Haram has carried out similar
    attacks"): its actor names no doer of the record."""
    before = m.sentence[:max(0, m.start - m.sentence_start)].split()
    return bool(before) and before[-1].lower() in actor_lexicon().roles["other_event_marks"]


def record_actors(u: Unit) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) of the unit's record."""
    best = u.best
    ranked = sorted(u.mentions, key=lambda m: (m is not best, u.in_headline(m), -m.score, m.start))
    a1 = next((m.actor1 for m in ranked if m.actor1 is not None), None)
    stated = a1 if a1 is not None and a1.text else None  # the doer as the text words it ("militants")
    if unattributed(a1):
        # "a bomb attack killed five" ... "the attack was carried out by the CODECO group": another
        # mention of the event names who did it (a default or an unidentified group gives way)
        alx = actor_lexicon()
        doers = alx.roles["perpetrator_kinds"]
        crowds = set(alx.crowd_by_type) - {best.event_type}  # a mob's or a crowd's doings are another act

        def other_side(a: Actor | None) -> bool:
            # the side the record's own mention names as hit ("overran the army's camp") is not its
            # doer, nor are forces of the same kind ("army helicopters then launched a counter-offensive")
            hit = best.actor2
            if a is not None and a.kind == "state" and stated is not None and stated.kind != "state":
                return True  # "the militants had overrun the camp": armed men the text names are no forces
            return a is not None and hit is not None and bool(hit.text) and (
                a.name == hit.name or (a.kind == hit.kind == "state"))

        def names_doer(m: Mention) -> bool:
            a = m.actor1
            # an armed group, or forces the trigger itself names ("police firing") or a nationality
            # written on it ("Russian shelling"; not "two soldiers died", the subject before a verb)
            # ... or forces written as the doer before a trigger of the event's own type ("army troops
            # killed nine peasants", told in a mention of a record whose best mention names nobody)
            named = a is not None and bool(a.text) and (a.kind in doers or (a.kind == "state" and (
                m.start <= a.start < m.end or (0 <= m.start - a.end <= 1 and " " not in a.text.strip())
                or (m.event_type == best.event_type and m.sentence_start <= a.start and a.end <= m.start))))
            acts = m.event_type == best.event_type or m.event_type in alx.roles["doer_event_types"]
            if about_other_events(m) or other_side(a):
                return False
            return named and acts and id(m) not in u.background and m.event_type not in crowds

        a1 = next((m.actor1 for m in ranked if names_doer(m)), a1)
    if u.doer is not None and unattributed(a1):
        a1 = u.doer  # the one doer the article names for its events of this type (doers.py)
    # a default the text did not state ("Civilians" for a toll's "dead") stands for its own mention's
    # type only: a record of another type takes a stated actor2, or a default of its own type
    # type only: a record of another type takes a stated actor2 (an actor, not a building or a
    # thing named as the target), or a default of its own type, before anything else
    def fits(a: Actor | None, m: Mention, level: int) -> bool:
        if a is None or (a1 is not None and a.name == a1.name):
            return False
        named = bool(a.text) and a.kind != "other"
        if level == 0:
            return named or (not a.text and m.event_type == best.event_type)
        return named or not a.text if level == 1 else True  # then a default of another type; then a name

    a2 = next((m.actor2 for level in (0, 1, 2) for m in ranked if fits(m.actor2, m, level)), None)
    return a1, a2


def _parts_over_totals(cs: list[Count], adoc: AnnotatedDoc) -> list[Count]:
    """A part of a total told for the event's own clause ("three died, two of them when police
    fired in X") replaces the total of its sentence: the record is that part."""
    pronouns = numbers_lexicon()["partitive_pronouns"]

    def partitive(c: Count) -> bool:
        words = c.text.lower().split()
        return len(words) >= 3 and words[-2] == "of" and words[-1] in pronouns

    parts = [c for c in cs if partitive(c)]
    if not parts:
        return cs
    sent = {id(c): adoc.sentence_of(c.start) for c in cs}
    return [c for c in cs if c in parts or not any(
        p.start >= c.end and sent[id(p)] is not None and sent[id(p)] == sent[id(c)] for p in parts)]


def _placed_over_unplaced(cs: list[Count], mentions: list[Mention], f: str, headline_end: int) -> list[Count]:
    """"Police arrested nine militants in three provinces ... One of them was arrested in X": a
    count told where the text places the event in its own sentence stands over the counts of
    body sentences before it that take their place from elsewhere (the story's total, told before
    its parts). A count told after it ("the toll later rose to 12") is the later report's."""
    stated = [m.counts[f].start for m in mentions if f in m.counts and place_source(m) == "stated"
              and m.counts[f].start >= headline_end and not m.generic]
    if not stated:
        return cs
    first = min(stated)
    unplaced = {(m.counts[f].start, m.counts[f].end) for m in mentions if f in m.counts
                and place_source(m) != "stated" and headline_end <= m.counts[f].start < first}
    return [c for c in cs if (c.start, c.end) not in unplaced] or cs


def _one_victim(c: Count) -> bool:
    """A count of one victim told by a noun or a pronoun, not by a number ("a policeman was killed",
    "he died", "this man was shot"): one of the dead, which a stated toll of the event includes."""
    if c.value != 1 or c.parts:
        return False
    lx = numbers_lexicon()
    words = set(c.text.lower().replace(",", " ").split())
    return not any(w.isdigit() or w in lx["units"] or w in lx["ordinals"] for w in words)


def _counts(u: Unit, adoc: AnnotatedDoc) -> dict[str, Count | None]:
    fore = [m for m in u.mentions if id(m) not in u.background] or u.mentions
    verbs = frozenset(str(w).lower() for w in [*(u.lex.modality.get("speech_verbs") or []),
                                                 *numbers_lexicon()["source_verbs"]])  # who says a count
    out: dict[str, Count | None] = {}
    # a toll told in a lead-up phrase of the record's own kind ("recaptured the town after two days of
    # clashes that left 17 soldiers dead"): the fighting is the record's, its toll too
    own = {(m.counts[f].start, m.counts[f].end) for m in u.mentions if id(m) in u.background
           and m.event_type == u.best.event_type and not m.generic for f in m.counts}
    for f in ("fatalities", "injured", "arrested"):
        if f in u.part_counts:  # one of as many people as places (assemble.places.split_by_place)
            out[f] = u.part_counts[f]
            continue
        cs = [m.counts[f] for m in fore if f in m.counts
              and (id(m) in u.background or (m.counts[f].start, m.counts[f].end) in own
                   or not span_in_background(adoc, m.counts[f].start, m.counts[f].end, u.lex))]
        cs = _parts_over_totals(cs, adoc)
        cs = _placed_over_unplaced(cs, fore, f, u.headline_end)
        body = [c for c in cs if c.start >= u.headline_end]
        if body and all(_one_victim(c) for c in body):
            # "Bomb kills at least four" ... "a senior officer was killed": the body tells one of the dead
            body += [c for c in cs if c.start < u.headline_end and not _one_victim(c) and (c.value or 0) > 1]
        pool = body or cs  # a headline's round figure gives way to the body's count
        out[f] = vote(pool, {(c.start, c.end): _speaker(adoc, c, verbs) for c in pool} if len(pool) > 1 else None)
    return out


def to_event(u: Unit, adoc: AnnotatedDoc) -> Event:
    art = adoc.article
    best = u.best
    event_type, sub_event_type = u.sub_event_type()
    dm = u.date_mention()
    pm = u.place_mention()
    place = u.place()
    counts = _counts(u, adoc)
    main_field = "arrested" if sub_event_type == "Arrests" else next(
        (f for f in ("fatalities", "injured", "arrested") if counts[f] is not None), None)
    iso = place.country if place and place.country else (adoc.countries[0] if adoc.countries else None)
    actor1, actor2 = recast(event_type, sub_event_type, *record_actors(u), iso, (best.start, best.end))
    a1, a2 = (actor1.name if actor1 else None), (actor2.name if actor2 else None)
    chosen: dict[str, tuple[int, int] | None] = {
        "date": _span(dm, "date"),
        "location": (u.place_override.start, u.place_override.end) if u.place_override is not None
        else _span(pm, "location"),
        "actor1": (actor1.start, actor1.end) if actor1 else None,
        "actor2": (actor2.start, actor2.end) if actor2 else None,
        **{f: (c.start, c.end) if c else None for f, c in counts.items()},
    }
    country = place.country if place and place.country else (adoc.countries[0] if adoc.countries else None)
    names: list[str] = []
    if place is not None:
        for n in [place.name, *place.alt_names]:
            if n and n not in names:
                names.append(n)
    confidence = min(1.0, 0.6 * best.score + 0.1 * min(3, len(u.mentions) - 1) / 3
                     + 0.1 * (place is not None) + 0.1 * (dm is not None) + 0.1 * any(counts.values()))
    # a place as written ("Kutunku village" -> "Kutunku"); a country by its name, never by the
    # demonym that named it ("Kenyan police" -> Kenya)
    location = (place.name if place.place_level == "country" and place.name else place.text or place.name) \
        if place else None
    w = u.where()
    return Event(
        event_id=make_event_id(art.id, event_type, sub_event_type, dm.date if dm else None,
                               location, place.geonameid if place else None, best.start),
        article_id=art.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=dm.date if dm else None,
        date_precision=dm.date_precision if dm else "unknown",
        historical=u.historical,
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
        evidence=_part_notes(_evidence(u, chosen), u),
        modality=best.modality,
        date_note=dm.date_note if dm else None,
        date_source=u.when().source,
        place_source=w.source if place is not None else "unknown",
        location_names=names,
        title=art.title,
        url=art.url,
        published=art.published.isoformat() if art.published else None,
        source=art.source,
        language=adoc.lang,
    )


def to_events(u: Unit, adoc: AnnotatedDoc) -> list[Event]:
    """The unit's events: one, or one per actor pair its dead belong to (see the docstring)."""
    ev = to_event(u, adoc)
    dead = _counts(u, adoc)["fatalities"]
    split = u.lex.context.get("victim_split") or {}
    if dead is None or len(dead.parts) < 2 or ev.sub_event_type not in set(split.get("subs") or ()):
        return [ev]
    by_kind = split.get("by_kind") or {}
    groups: dict[str, int] = {}
    for value, kind in dead.parts:
        sub = by_kind.get(kind or "other")
        if sub is None:
            return [ev]  # a group of a kind that does not say whose (protesters...): one event
        groups[sub] = groups.get(sub, 0) + value
    if len(groups) < 2:
        return [ev]
    types = u.lex.taxonomy.sub_to_type
    out = []
    for sub in sorted(groups, key=lambda s: s != ev.sub_event_type):  # the record's own type first
        out.append(replace(ev, sub_event_type=sub, event_type=types[sub], fatalities=groups[sub],
                           event_id=make_event_id(ev.article_id, types[sub], sub, ev.date, ev.location,
                                                  ev.geonameid, u.best.start)))
    return out


def salience(u: Unit, adoc: AnnotatedDoc) -> float:
    """How much the article is about this event (the main event has the highest)."""
    best = u.best
    s_bg = -0.8 if all(id(m) in u.background for m in u.mentions) else 0.0
    title = (adoc.article.title or "").lower()
    text = adoc.article.text
    s = best.score + 0.15 * min(len(u.mentions), 4) + s_bg
    in_title = False
    if title:
        title_at_top = text.lstrip().lower().startswith(title[:40])
        for m in u.mentions:
            if (title_at_top and m.start < len(title)) or m.trigger.lower() in title:
                in_title = True
    first_sent = min(u.sents)
    s += 1.5 * in_title + (1.0 if first_sent == 0 else 0.6 if first_sent <= 2 else 0.0)
    s += 0.4 * any(m.counts for m in u.mentions)
    if u.historical:
        s -= 5
    if best.modality != "asserted":
        s -= 3
    if u.vague:
        s -= 1
    return s


COUNT_FIELDS = ("fatalities", "injured", "arrested")


def share_totals(events: list[Event]) -> None:
    """A count the text gives once for events at several places ("12 suspects were arrested in
    Jakarta, Banten and Batam", split into one event per place) stays with the first place named;
    the others have no count of their own (ACLED does not repeat a joint toll). As many people as
    places ("two men were arrested in A and B") are one at each place."""
    for f in COUNT_FIELDS:
        by_span: dict[tuple[int, int, int], list[Event]] = {}
        for e in events:  # the same figure from the same words (a toll split by victim is no repeat)
            ev = next((x for x in e.evidence if x.field == f), None)
            if ev is not None and getattr(e, f) is not None and not e.historical and ev.note != PART_NOTE:
                by_span.setdefault((ev.start, ev.end, getattr(e, f)), []).append(e)
        for group in (g for g in by_span.values() if len(g) > 1):
            def first_named(e: Event) -> int:
                loc = next((x for x in e.evidence if x.field == "location"), None)
                return loc.start if loc is not None else 10**9

            if getattr(group[0], f) == len(group) and getattr(group[0], f"{f}_qualifier") == "exact":
                for e in group:  # "two men were arrested in A and B": one at each place
                    setattr(e, f, 1)
                continue
            keep = min(group, key=first_named)
            for e in group:
                if e is keep:
                    continue
                setattr(e, f, None)
                setattr(e, f"{f}_qualifier", None)
                e.evidence = [x for x in e.evidence if x.field != f]
                main = next((g for g in COUNT_FIELDS if getattr(e, g) is not None), None)
                e.count_qualifier = getattr(e, f"{main}_qualifier") if main else None
