"""Give an event mention the place that governs it, and ACLED's geo_precision.

Order of preference:
1. a place in the trigger's sentence (same line): the nearer in the parse tree the better;
   "in/at/near X", "set fire to X" and the trigger's object ("attacked Kutunku village") first,
   the more specific (town > district > region > country) on a tie, the first of a list ("active
   in A, B and C"); not the reference point of an offset ("20 km north of X", "36 km from X")
   when another place is named, not a topic ("chanting about Ferguson"), never a place inside an
   organisation's name ("Assam Rifles") or a continent; a name the gazetteer lacks only when the
   text places the event there ("in X", "X village"). When the choice is a region or district,
   a place of the sentence inside it wins ("another town, center of Nawa district, also in
   Helmand");
2. "the village" / "the town" in the sentence: the last such place named before it;
3. the most specific place of the nearest earlier sentences, across paragraph breaks, unless the
   sentence opens a new topic ("Separately, ...") (see :mod:`.context`);
   a region or district from 1-3 then gives way to a more specific place inside it named in the
   next sentences of the story ("in Oruzgan province. ... the province's Dihrawud district");
4. the article's dominant place: the most mentioned place of the body; a dateline ("BAGHDAD
   (AP) --", "PESHAWAR:") only when the body names no place;
5. the dateline or an aside in brackets of the trigger's own sentence; else the main country.
A sentence that names only a country takes the story's own place there.

geo_precision: 1 the named town (or its outskirts), 2 near a town ("20 km north of X",
"near X"), a district, or a place the gazetteer lacks located by the area around it, 3 a region
or a country only.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..what.lexicon import load_lexicon
from ..when.framing import framing
from . import lexicon
from .accept import SITE
from .context import (
    affiliation,
    care,
    dominant,
    eligible,
    following,
    locates_another,
    modifier,
    new_topic,
    note,
    offset_reference,
    origin,
    previous,
    rank,
    refuge,
    speaker,
    specificity,
    topical,
    typed,
    within,
)
from .gazetteer import Gazetteer

SPECIFIC_MARGIN = 3.0  # how much less linked to the trigger a place inside the chosen region may be

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ..record import AnnotatedDoc, Mention, Place



def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _path_len(a: Token, b: Token) -> int:
    """Number of arcs between two tokens of one sentence."""
    up_a = {a.i: 0}
    for d, t in enumerate(a.ancestors, 1):
        up_a[t.i] = d
    if b.i in up_a:
        return up_a[b.i]
    for d, t in enumerate(b.ancestors, 1):
        if t.i in up_a:
            return d + up_a[t.i]
    return 20


def _prep_of(tok: Token) -> str | None:
    """'in' for the X of 'in X' (also through compounds and appositions); 'object' for the X of
    'set fire to X', 'laid siege to X' (the target, not a direction)."""
    prep = _prep_token(tok)
    if prep is None:
        return None
    if prep.i > 0 and prep.doc[prep.i - 1].lower_ in lexicon.cues().object_nouns:
        return "object"
    return prep.lower_


def _prep_token(tok: Token) -> Token | None:
    t = tok
    nouns = lexicon.cues().type_nouns
    for _ in range(4):
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in nouns:
            t = t.head.head  # "in the city of X" -> "in"
            continue
        if t.dep_ == "pobj" and t.head.pos_ == "ADP":
            return t.head
        if t.dep_ in ("compound", "appos", "conj", "amod", "nmod", "poss") and t.head is not t:
            t = t.head
            continue
        break
    return None


def _same_line(adoc: AnnotatedDoc, a: int, b: int) -> bool:
    """No line break between two offsets (a headline and a dateline are not the body's clause)."""
    lo, hi = min(a, b), max(a, b)
    return "\n" not in adoc.doc_text[lo:hi]


def _in_sentence(places: list[Place], sent: Span, trigger: Token | None, adoc: AnnotatedDoc,
                 m_start: int, locate=None) -> tuple[Place | None, Place | None]:
    """The best place of the trigger's sentence, and a last resort (a dateline, a place in
    brackets) to use only when nothing else in the article places the event."""
    doc = adoc.doc
    cues = lexicon.cues()
    best: tuple[float, int] | None = None
    choice = None
    resort: tuple[float, int] | None = None
    resort_choice = None
    here = [p for p in places if sent.start_char <= p.start < sent.end_char and _same_line(adoc, p.start, m_start)
            and not note(p, adoc, "embedded") and not topical(p, doc) and not modifier(p, doc)
            and not affiliation(p, doc) and not origin(p, doc)]
    scored: list[tuple[float, Place]] = []  # candidates that may stand for a coarser place
    for p in here:
        tok = _token_at(doc, p.start, p.end)
        s = 0.5 * specificity(p)
        # where the story was filed, or an aside "(IS, banned in Russia)": not where it happened
        aside = (bool(note(p, adoc, "dateline")) or p.feature_code == "CONT" or speaker(p, doc) == "itself"
                 or care(p, doc) or refuge(p, doc)
                 or (_parenthetical(adoc, p.start) and not _parenthetical(adoc, m_start))
                 or (tok is not None and trigger is not None and (_in_relative_clause(tok, trigger)
                                                                  or _in_other_time_clause(tok, trigger)
                                                                  or _in_other_background(tok, trigger))))
        prep = _prep_of(tok) if tok is not None else None
        if p.geonameid is None and prep not in cues.locative_preps and prep != "object" and not typed(p, adoc):
            continue  # a name the gazetteer lacks governs only when the text places the event there
        if tok is not None and trigger is not None:
            s -= 0.5 * _path_len(trigger, tok)
            if prep in cues.locative_preps or prep == "object":  # "set fire to the X police station"
                s += 2.0
            if _object_of(tok, trigger):
                s += 1.5  # "attacked Kutunku village", "seized Marte"
            if offset_reference(p, doc) or locates_another(p, doc):
                s -= 1.0
                if prep in cues.locative_preps:
                    s -= 2.0  # "a settlement near X": X says where the settlement is, no more  # "southeast of Idlib city, near the village of Sarmin": Sarmin is the place
            elif prep in ("from", "to"):
                s -= 0.5
            if tok.dep_ in ("nsubj", "nsubjpass") and p.place_level == "country":
                s -= 1.0
            if tok.dep_ == "poss":
                s -= 1.0  # "Nigeria's army"
        key = (s, -p.start)
        if aside:
            if resort is None or key > resort:
                resort, resort_choice = key, p
            continue
        if not offset_reference(p, doc) and not locates_another(p, doc) and prep not in ("from", "to"):
            scored.append((s, p))
        if best is None or key > best:
            best, choice = key, p
    if choice is not None and best is not None and choice.place_level in ("region", "district"):
        # "another town, center of Nawa district, also in Helmand": the place inside the region
        inner = [(s, p) for s, p in scored if p is not choice and s >= best[0] - SPECIFIC_MARGIN
                 and within(p, choice, adoc, locate)]
        if inner:
            choice = max(inner, key=lambda sp: (rank(sp[1], adoc), sp[0]))[1]
    elif choice is not None and note(choice, adoc, "anaphor"):
        # "in Uttara and Badda in the capital": the districts the text names in the capital
        inner = [p for _, p in scored if p is not choice and p.country == choice.country
                 and (p.geonameid is None or (p.admin1 is not None and p.admin1 == choice.admin1))]
        if inner:
            choice = min(inner, key=lambda p: p.start)
    return choice, resort_choice


def _countrywide(p: Place, doc: Doc) -> bool:
    """Is the country named as the event's extent ("protests across Haiti", "cities in Haiti",
    "nationwide protests in Sudan")?"""
    cues = lexicon.cues()
    tok = _token_at(doc, p.start, p.end)
    if tok is not None and tok.dep_ == "poss" and tok.head.lower_ in cues.spread_nouns:
        return True  # "closed in Haiti's northern and southern regions"
    prep = tok.head if tok is not None and tok.dep_ == "pobj" else None
    if prep is None:
        return False
    two = f"{doc[prep.i - 1].lower_} {prep.lower_}" if prep.i > 0 else ""
    return prep.lower_ in cues.spread_preps or two in cues.spread_preps or prep.head.lower_ in cues.spread_nouns \
        or any(c.dep_ == "amod" and c.lower_ in cues.spread_adjectives for c in prep.head.children)


def _in_relative_clause(tok: Token, trigger: Token) -> bool:
    """Is the place inside a relative clause about a person that the trigger is not in ("killed
    X, who was indicted in the U.S."): it tells of another act. ("The bomb that exploded in X
    killed five" is the event's own place.)"""
    for t in (tok, *tok.ancestors):
        if t.dep_ == "relcl":
            return (t != trigger and t not in trigger.ancestors
                    and any(c.lower_ in ("who", "whom", "whose") for c in t.subtree))
    return False


def _in_other_background(tok: Token, trigger: Token) -> bool:
    """Is the place inside a phrase of another, earlier or causing event that the trigger is not
    in ("the incident comes two weeks after the massacre at a school in X": X is the massacre's
    place; what/context.yaml background_preps)?"""
    lex = load_lexicon()
    preps = lex.cue_words.get("background_preps", frozenset())
    sequence = lex.cue_words.get("sequence_verbs", frozenset())
    for t in (tok, *tok.ancestors):
        if t.i == trigger.i:
            return False  # the trigger's own phrase
        if t.dep_ == "prep" and t.lower_ in preps:
            return trigger not in t.subtree
        if t.pos_ == "VERB" and t.lemma_.lower() in sequence:
            # "Today's attack followed bombings in X": the trigger is the subject, X the other's
            return any(trigger in c.subtree for c in t.children if c.dep_ in ("nsubj", "nsubjpass"))
    return False


def _in_other_time_clause(tok: Token, trigger: Token) -> bool:
    """Is the place inside a clause of another time that the trigger is not in ("the toll rose to
    214 since the United States invaded Afghanistan"): it tells of another act (framing.yaml
    other_time_marks: since, until)."""
    marks = framing().other_time
    for t in (tok, *tok.ancestors):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in t.children):
            return t != trigger and t not in trigger.ancestors and trigger not in t.subtree
    return False


def _parenthetical(adoc: AnnotatedDoc, pos: int) -> bool:
    """Is the offset inside brackets (within its sentence's line)?"""
    text = adoc.doc_text
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("(") > before.count(")")


def _object_of(tok: Token, trigger: Token) -> bool:
    """Is the place (or the 'village'/'town' it names) the object of the trigger or of its verb?"""
    t = tok
    if t.dep_ == "compound" and t.head.lower_ in lexicon.cues().type_nouns:
        t = t.head
    if t.dep_ not in ("dobj", "nsubjpass", "attr"):
        return False
    return t.head == trigger or t.head == trigger.head or (trigger.dep_ in ("dobj", "nsubj") and t.head == trigger.head)


def _anchor(p: Place, places: list[Place], adoc: AnnotatedDoc, sent: Span | None,
            gaz: Gazetteer | None = None) -> Place | None:
    """The known place that locates a name the gazetteer lacks: the most specific one in its
    sentence, else in the sentences before, else the article's dominant place or country."""
    known = [q for q in places if q.geonameid is not None and q is not p
             and (p.country is None or q.country == p.country)]
    if sent is not None:
        here = [q for q in known if sent.start_char <= q.start < sent.end_char]
        if here:
            # a dateline or the reference point of an offset ("35 miles south of X") is not
            # the area the place lies in
            return max(here, key=lambda q: (not note(q, adoc, "dateline"), not offset_reference(q, adoc.doc),
                                            specificity(q), -abs(q.start - p.start)))
        before = previous(known, adoc, sent)
        if before is not None:
            return before
    dom = dominant(adoc)
    if dom is not None and dom.geonameid is not None and (p.country is None or dom.country == p.country):
        return dom
    country = next((q for q in known if q.place_level == "country"), None)
    if country is None and p.country and gaz is not None:
        e = gaz.country(p.country)
        if e is not None:
            from .places import place_from_entry

            country = place_from_entry(e, p.start, p.end, p.text)
    return country


def _country_place(adoc: AnnotatedDoc, gaz: Gazetteer) -> Place | None:
    if not adoc.countries:
        return None
    cc = adoc.countries[0]
    for p in adoc.places:
        if p.country == cc and p.place_level == "country":
            return replace(p, role="place")
    e = gaz.country(cc)
    if e is None:
        return None
    # evidence: the demonym that named the country ("Moroccan authorities"), else its first place
    src = next((p for p in adoc.places if p.country == cc and p.role == "demonym"), None) \
        or next((p for p in adoc.places if p.country == cc), None)
    if src is None:
        return None
    from .places import place_from_entry

    # the evidence is the word that named the country, the location is the country's own name
    return place_from_entry(e, src.start, src.end, e.name, score=src.score)


def _anaphor(sent: Span, places: list[Place], adoc: AnnotatedDoc) -> Place | None:
    """'the village' / 'the town' in the sentence: the last such place named before it that can be
    an event's place (not a topic, not an affiliation)."""
    cues = lexicon.cues()
    for t in sent:
        spec = cues.type_nouns.get(t.lower_)
        if not spec or spec.get("class") != "P" or t.i == 0 or adoc.doc[t.i - 1].lower_ != "the":
            continue
        if t.i + 1 < len(adoc.doc) and adoc.doc[t.i + 1].lower_ == "of":
            continue  # "the village of X" names it
        before = [p for p in places if p.end <= t.idx and p.place_level == "town" and eligible(p, adoc)]
        named = [p for p in before if typed(p, adoc)]
        pool = named or before
        if pool:
            return max(pool, key=lambda p: p.start)
    return None


def precision(p: Place, doc: Doc) -> int:
    """ACLED geo_precision of an event placed at ``p`` as the text words it."""
    prec = lexicon.levels().precision.get(p.place_level or "", 3)
    if p.place_level != "town":
        return prec
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return prec
    cues = lexicon.cues()
    k = span.start - 1
    prev = doc[k]
    if prev.lower_ in cues.approximate or (prev.lower_ == "to" and k > 0 and doc[k - 1].lower_ in cues.approximate):
        return 2
    if prev.lower_ in ("of", "from") and k > 0:  # "20 km north of X", "36 km from X"
        before = doc[k - 1]
        if before.lower_ in cues.outskirts:
            return 1
        if before.lower_ in cues.directions or before.lower_.replace("-", "") in cues.directions:
            return 2
        if before.lower_ in cues.units or before.lower_ == "away":  # "30 km (19 miles) away from X"
            return 2
    return prec


def _locator(places: list[Place], adoc: AnnotatedDoc):
    """A function giving the known place that locates a name the gazetteer lacks."""
    def locate(q: Place) -> Place | None:
        return _anchor(q, places, adoc, adoc.sentence_of(q.start))
    return locate


def _refine(place: Place, places: list[Place], adoc: AnnotatedDoc, sent: Span, day: str | None = None) -> Place:
    """A region or district gives way to a more specific place inside it named in the next
    sentences of the story ("... in Oruzgan province. ... in the province's Dihrawud district")."""
    if place.place_level not in ("region", "district") or not eligible(place, adoc):
        return place
    finer = following(place, places, adoc, sent, _locator(places, adoc), day)
    return finer if finer is not None else place


def attach(m: Mention, adoc: AnnotatedDoc, gaz: Gazetteer) -> None:
    """Set ``m.place``, ``m.geo_precision`` and the location evidence."""
    places = [p for p in adoc.places if p.role == "place"]
    doc = adoc.doc
    sent = doc.char_span(m.sentence_start, m.sentence_end, alignment_mode="expand")
    if sent is None or len(sent) == 0:
        sent = adoc.sentence_of(m.start)
    trigger = _token_at(doc, m.start, m.end)
    place = last_resort = None
    source = "stated"  # how the place was found (record.PLACE_SOURCES)
    if sent is not None:
        place, last_resort = _in_sentence(places, sent, trigger, adoc, m.start, _locator(places, adoc))
        if place is not None and speaker(place, doc) == "seat":
            source = "context"  # "officials in X said": X may be the speaker's seat, not the event's place
        if place is not None and place.place_level == "country" and not _countrywide(place, doc):
            # "clashes in Syria": the story's own place there, if any
            finer = previous(places, adoc, sent) or dominant(adoc)
            if finer is not None and finer.country == place.country:
                place, source = finer, "context"
        if place is None:
            place, source = _anaphor(sent, places, adoc) or previous(places, adoc, sent), "context"
        if place is not None:
            place = _refine(place, places, adoc, sent, m.date)
    if place is None and not (sent is not None and new_topic(sent)):
        # ("Elsewhere, a convoy was struck": another story, not at the article's main place)
        place, source = dominant(adoc), "article"
    if place is None:
        if last_resort is not None:
            place, source = last_resort, "dateline"
        else:
            place, source = _country_place(adoc, gaz), "country"
    if place is None:
        return
    m.place_source = source
    if place.geonameid is None:
        anchor = _anchor(place, places, adoc, adoc.sentence_of(place.start), gaz)
        m.geo_precision = 2 if anchor is not None and anchor.place_level != "country" else 3
        if anchor is not None:
            own = adoc.sentence_of(place.start)
            told_in = own is not None and own.start_char <= anchor.start < own.end_char and anchor.place_level != "country"
            if told_in and locates_another(anchor, doc):
                tok = _token_at(doc, anchor.start, anchor.end)
                # "a settlement near X": beside X, another place (not a part of it)
                told_in = _prep_of(tok) not in lexicon.cues().approximate if tok is not None else True
            # a part of a city ("Jacarezinho, a favela in the city's north") or a site in it ("Tahrir
            # Square") is inside the article's city nearest it, of the region that locates it
            noun = note(place, adoc, "type_word")
            if noun == SITE or (lexicon.cues().type_nouns.get(noun or "") or {}).get("part_of_city"):
                towns = [p for p in places if p.geonameid is not None and p.role == "place" and p.place_level == "town"
                         and p.country == anchor.country and (anchor.admin1 is None or p.admin1 == anchor.admin1)]
                if towns:
                    anchor, told_in = min(towns, key=lambda p: abs(p.start - place.start)), True
            # "X, 35 miles south of Y": Y's province need not be X's
            admin1 = None if offset_reference(anchor, doc) else anchor.admin1
            place = replace(place, latitude=anchor.latitude, longitude=anchor.longitude, admin1=admin1,
                            country=place.country or anchor.country, within=anchor.geonameid if told_in else None)
        m.place = place
        m.evidence.append(adoc.evidence("location", place.start, place.end, note="not in the gazetteer; "
                                        f"point of {anchor.name if anchor else 'no known place'}"))
        return
    if not place.alt_names:
        place.alt_names = [n for n in gaz.names_of(place.geonameid) if n != place.name]
    m.place = place
    m.geo_precision = precision(place, doc)
    m.evidence.append(adoc.evidence("location", place.start, place.end))
