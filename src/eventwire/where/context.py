"""Places beyond the trigger's sentence: the sentences around it and the article as a whole.

- ``previous``: the most specific place of the nearest earlier sentences (across paragraph
  breaks: wire stories put one sentence in each paragraph), unless the sentence opens a new topic
  ("Separately, ...", "Meanwhile, ...");
- ``following``: a more specific place inside a coarse one, named in the next sentences of the
  same story ("... in Oruzgan province. The vehicle hit the device in the province's Dihrawud
  district"): ACLED codes the most specific place the article gives for the event;
- ``within``: is one place inside another (same first-level division, or located by it);
- ``dominant``: the article's main place; a dateline ("BAGHDAD (AP) --") is where the story was
  filed, so it counts only when the body names no place.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from . import lexicon
from .accept import APPOSITION_MARKS, type_noun
from .candidate import NOTES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ..record import AnnotatedDoc, Place

LOOKBACK_SENTENCES = 3  # how far back a sentence without a place looks for one
LOOKAHEAD_SENTENCES = 2  # how far ahead a coarse place looks for a more specific one inside it


def note(p: Place, adoc: AnnotatedDoc, what: str) -> Any:
    """What where.annotate noted about the mention ``p`` (``what``: a key of candidate.NOTE_KEYS)."""
    return adoc.get(NOTES).get((p.start, p.end), {}).get(what)


def specificity(p: Place) -> int:
    return lexicon.levels().specificity.get(p.place_level or "", 0)


def rank(p: Place, adoc: AnnotatedDoc) -> float:
    """How specific the place is as the text words it: a name the gazetteer lacks that the text
    calls an "area" ("old Muri area") is vaguer than a village or community named beside it."""
    vague = p.geonameid is None and note(p, adoc, "type_word") in lexicon.cues().vague_nouns
    return specificity(p) - (0.5 if vague else 0.0)


def typed(p: Place, adoc: AnnotatedDoc) -> bool:
    """Did the text call this name a village, town, district...?"""
    return bool(note(p, adoc, "type_word"))


def topical(p: Place, doc: Doc) -> bool:
    """Is the place what something is about ("chanting about Ferguson, Mo."), not where it happens?"""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    preps = lexicon.cues().topic_preps
    t = span.root
    for _ in range(3):  # "about Ferguson, Mo.": through appositions and lists
        if t.dep_ == "pobj":
            return t.head.lower_ in preps
        if t.dep_ not in ("appos", "conj", "compound") or t.head is t:
            break
        t = t.head
    k = span.start - 1
    while k > 0 and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    return doc[k].lower_ in preps


def offset_reference(p: Place, doc: Doc) -> bool:
    """Is ``p`` the reference point of a compass offset ("20 km north of X", "southeast of X")?"""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or span.start < 2 or doc[span.start - 1].lower_ not in ("of", "from"):
        return False
    before = doc[span.start - 2].lower_
    cues = lexicon.cues()
    return before in cues.directions or before.replace("-", "") in cues.directions or before in cues.units


def locates_another(p: Place, doc: Doc) -> bool:
    """Is ``p`` named only to say where another place lies ("Awasse -- a small settlement near X",
    "Kutunku, a village outside X", "a hamlet in X district, Y")? The prepositional phrase hangs on
    a type noun ("settlement", "village") set in apposition to a name: X locates that name, the
    event is at the name."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    t = span.root
    while t.dep_ in ("compound", "conj", "appos") and t.head.i != t.i and t.head.pos_ == "PROPN":
        t = t.head
    cues = lexicon.cues()
    if t.dep_ != "pobj" or t.head.dep_ != "prep" or t.head.lower_ not in cues.locative_preps | cues.approximate:
        return False  # "the twin city of X" names X
    noun = t.head.head
    if noun.pos_ != "NOUN" or type_noun(noun.lower_, cues) is None:
        return False
    if noun.dep_ == "appos" and noun.head.i != noun.i and noun.head.pos_ in ("PROPN", "NOUN"):
        return True
    # the parse may hang the description elsewhere ("regain control of X -- a settlement near Y")
    first = noun.left_edge.i
    return first >= 2 and doc[first - 1].text in APPOSITION_MARKS and doc[first - 2].pos_ == "PROPN"


def possessor(p: Place, doc: Doc) -> bool:
    """Is the place named as the possessor of a noun ("the capital Khartoum's twin city")?"""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    t = span.root
    return t.dep_ == "poss" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i > t.i


def modifier(p: Place, doc: Doc) -> bool:
    """Is a country named only as the modifier of a common noun ("the U.S. command", "a U.S.
    convoy", "a U.S. drone strike")? Actor context, never where the event happened. Not before a
    force that acts only at home (cues.yaml ``home_nouns``: "the X police fired tear gas")."""
    if p.place_level != "country":
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    t = span.root
    cues = lexicon.cues()
    # a common noun ("the U.S. command"; "the Chilean-U.S. cultural institute" of recased copy,
    # which the tagger may call a proper noun)
    common = t.head.pos_ == "NOUN" or (t.head.pos_ == "PROPN" and t.head.text.islower())
    return (t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i and common
            and t.head.lower_ not in cues.type_nouns and t.head.lemma_.lower() not in cues.home_nouns)


def affiliation(p: Place, doc: Doc) -> bool:
    """Is the place the first half of an affiliation adjective ("an Iran-backed group", "the
    US-led coalition")? It qualifies an actor; it is never a place of the event."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc):
        return False
    dash, word = doc[span.end], doc[span.end + 1]
    return dash.text in ("-", "‐", "–") and word.lower_ in lexicon.cues().affiliation_suffixes


def origin(p: Place, doc: Doc) -> bool:
    """Is the place where a named person comes from ("Paolo Bianchi of Turin", "the senator
    John Smith of Ohio")? It tells who the person is, not where the event happened."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    t = span.root
    while t.dep_ in ("conj", "appos") and t.head.i < t.i:  # "of Turin and Naples"
        t = t.head
    if t.dep_ != "pobj" or t.head.lower_ != "of":
        return False
    person = t.head.head
    return person.pos_ == "PROPN" and person.ent_type_ == "PERSON" and person.i < t.i


def speaker(p: Place, doc: Doc) -> str | None:
    """Does the place speak? ``"itself"`` when it is the subject of a verb of speech ("Washington
    condemned the attack", "X apologized": a government or a person, never a place of the event);
    ``"seat"`` when it is inside that subject ("the health ministry in X said", "City Hall in X
    said": where the speaker is, which may or may not be where it happened); else None."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verbs = lexicon.cues().speaker_verbs
    t = span.root
    for k in range(6):
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in verbs:
            return "itself" if k == 0 else "seat"
        if t.dep_ not in ("compound", "appos", "pobj", "prep", "amod", "nmod", "poss", "conj") or t.head is t:
            return None
        t = t.head
    return None


def abroad(p: Place, doc: Doc) -> bool:
    """Does the country or demonym qualify people a country sends abroad ("American soldiers")?"""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    t = span.root
    nouns = lexicon.cues().abroad_nouns  # cues.yaml
    while t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i:
        t = t.head
        if t.lemma_.lower() in nouns or t.lower_ in nouns:
            return True
    return False


def care(p: Place, doc: Doc) -> bool:
    """Is the place where victims were taken or treated ("taken to the hospital in X", "rushed to
    X for treatment", "treated at X General Hospital"), not where the event happened (cues.yaml
    care_nouns, transfer_verbs, treatment_verbs)? A hospital that is attacked is the place."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    cues = lexicon.cues()

    def cared(verb: Token) -> bool:  # a verb of taking someone to care, or of treating them
        v = verb.lemma_.lower()
        return v in cues.treatment_verbs or (v in cues.transfer_verbs and any(
            c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") and g.lemma_.lower() in cues.care_nouns
                                     for g in c.children) for c in verb.children))

    def verb_of(n: Token) -> Token | None:  # the verb a noun's prepositional phrase hangs on
        if n.dep_ == "pobj" and n.head.pos_ == "ADP" and n.head.head.pos_ in ("VERB", "AUX"):
            return n.head.head
        return None

    t = span.root
    for _ in range(3):  # "X General Hospital", "the X teaching hospital"
        if t.lemma_.lower() in cues.care_nouns or t.dep_ not in ("compound", "appos", "conj", "amod", "nmod") \
                or t.head is t:
            break
        t = t.head
    if t.lemma_.lower() in cues.care_nouns:
        v = verb_of(t)
        return v is not None and cared(v)  # "treated at X General Hospital"
    if t.dep_ != "pobj" or t.head.pos_ != "ADP":
        return False
    h = t.head.head
    if h.lemma_.lower() in cues.care_nouns:  # "taken to the hospital in X"
        v = verb_of(h)
        return v is not None and cared(v)
    if h.pos_ not in ("VERB", "AUX"):
        return False
    # "treated in X", "rushed to X for treatment" (not "taken hostage in X", nor "brought to the X
    # police station")
    return h.lemma_.lower() in cues.treatment_verbs or (t.head.lower_ == "to" and cared(h))


def refuge(p: Place, doc: Doc) -> bool:
    """Is the place where people fled to or sheltered ("fled to X", "sought refuge in the nearby
    town of X", "took shelter in X"), not where the event happened (cues.yaml refuge_nouns,
    flight_verbs, flight_preps)? The place fled from ("fled X", "fled from X") is the event's."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    cues = lexicon.cues()
    t = span.root
    for _ in range(4):  # "the nearby town of X", "X, a village": through type nouns and appositions
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in cues.type_nouns:
            t = t.head.head
        elif t.dep_ in ("compound", "appos", "conj") and t.head is not t:
            t = t.head
        else:
            break
    if t.dep_ != "pobj" or t.head.pos_ != "ADP":
        return False
    prep, head = t.head, t.head.head
    if head.lemma_.lower() in cues.refuge_nouns:  # "refuge in X"
        return True
    if head.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in cues.refuge_nouns for c in head.children):
        return True  # "sought refuge in X", "took shelter in X"
    return head.lemma_.lower() in cues.flight_verbs and prep.lower_ in cues.flight_preps  # "fled to X"


def eligible(p: Place, adoc: AnnotatedDoc) -> bool:
    """Can this mention be an event's place at all (not a country or a continent, not part of an
    organisation's name, not a topic, not an affiliation: "a Gaza-related rally", not a place of
    care or of refuge, not a person's home town)?"""
    return (p.place_level != "country" and p.feature_code != "CONT" and not note(p, adoc, "embedded")
            and not topical(p, adoc.doc) and not affiliation(p, adoc.doc) and not care(p, adoc.doc)
            and not refuge(p, adoc.doc) and not origin(p, adoc.doc))


def new_topic(sent: Span) -> bool:
    """Does the sentence open a new story ("Separately, ...", "In other violence, ...")?"""
    words = [t.lower_ for t in sent[:4] if not t.is_punct]
    markers = lexicon.cues().topic_shift
    return any(" ".join(words[:n]) in markers for n in (1, 2, 3, 4))


def _usable(p: Place, adoc: AnnotatedDoc) -> bool:
    return eligible(p, adoc) and (p.geonameid is not None or typed(p, adoc) or bool(note(p, adoc, "locative")))


def previous(places: list[Place], adoc: AnnotatedDoc, sent: Span) -> Place | None:
    """The most specific place of the nearest earlier sentence that names one (up to
    LOOKBACK_SENTENCES back), unless ``sent`` opens a new topic. Not past a sentence that names
    only countries (the story is elsewhere there), and only in the country that ``sent`` names
    ("Moroccan authorities said they had arrested 15 people")."""
    doc = adoc.doc
    if new_topic(sent):
        return None
    named = {p.country for p in adoc.places if sent.start_char <= p.start < sent.end_char
             and p.place_level == "country" and p.country and not note(p, adoc, "embedded")
             and not abroad(p, doc)}
    before = [s for s in adoc.sentences if s.end_char <= sent.start_char]
    for s in reversed(before[-LOOKBACK_SENTENCES:]):
        inside = [p for p in places if s.start_char <= p.start < s.end_char and _usable(p, adoc)
                  and not note(p, adoc, "dateline") and (not named or p.country in named)]
        if inside:
            # the reference point of an offset ("in Babil province south of Baghdad") is not the place
            # nor is a place named as the possessor of another ("Khartoum's twin city of Omdurman")
            return max(inside, key=lambda p: (not offset_reference(p, doc) and not locates_another(p, doc),
                                              not possessor(p, doc), rank(p, adoc),
                                              -p.start))
        if new_topic(s) or any(p.place_level == "country" and p.role == "place" and not note(p, adoc, "embedded")
                               and not modifier(p, doc)
                               for p in places if s.start_char <= p.start < s.end_char):
            break
    return None


def within(q: Place, p: Place, adoc: AnnotatedDoc, locate=None) -> bool:
    """Is ``q`` a more specific place inside ``p``? A place the gazetteer lacks stands for the
    known place that locates it (``locate(place)``, the nearest known place before it)."""
    if rank(q, adoc) <= rank(p, adoc) or (q.country and p.country and q.country != p.country):
        return False
    if p.place_level == "country":
        return True
    if p.place_level == "district" and q.geonameid is not None and lexicon.cues().type_nouns.get(
            note(q, adoc, "type_word") or "", {}).get("class") != "P":
        return False  # a known town beside a district may be anywhere in its province
    qk = locate(q) if q.geonameid is None and locate is not None else q
    pk = locate(p) if p.geonameid is None and locate is not None else p
    if qk is None or pk is None or qk.geonameid is None or pk.geonameid is None:
        return False
    if qk.geonameid == pk.geonameid:
        return True
    return pk.place_level != "town" and bool(pk.admin1) and qk.admin1 == pk.admin1


def other_time(s: Span, adoc: AnnotatedDoc, day: str | None) -> bool:
    """Does the sentence date itself to another time than the event's ``day`` ("70,000 people
    arrived between April 15 and May 15")? A day inside a month or year the other gives is one time."""
    if not day:
        return False
    return any(s.start_char <= t.start < s.end_char and t.kind == "date" and t.value and not t.vague
               and not (t.value.startswith(day) or day.startswith(t.value)) for t in adoc.times)


def following(p: Place, places: list[Place], adoc: AnnotatedDoc, sent: Span, locate=None,
              day: str | None = None) -> Place | None:
    """A more specific place inside ``p`` named in the next sentences of the same story; not past
    a sentence told of another time than the event's ``day``."""
    doc = adoc.doc
    after = [s for s in adoc.sentences if s.start_char >= sent.end_char][:LOOKAHEAD_SENTENCES]
    # a place the trigger's sentence names beside p is another place ("Thoubal, 36 km from Imphal")
    beside = {_name(q) for q in places if sent.start_char <= q.start < sent.end_char}
    for s in after:
        if new_topic(s) or other_time(s, adoc, day):
            break
        inside = [q for q in places if s.start_char <= q.start < s.end_char and _usable(q, adoc)
                  and not note(q, adoc, "dateline")]
        if any(_name(q) == _name(p) for q in inside):
            break  # the story goes on at p itself
        finer = [q for q in inside if _name(q) not in beside and not offset_reference(q, doc)
                 and within(q, p, adoc, locate)]
        if finer:
            return max(finer, key=lambda q: (rank(q, adoc), -q.start))
        if any(q.geonameid is not None and specificity(q) >= specificity(p) for q in inside):
            break  # the story has moved to another place
    return None


def _name(p: Place) -> str | int:
    return p.geonameid if p.geonameid is not None else lexicon.key(p.text)


def dominant(adoc: AnnotatedDoc) -> Place | None:
    """The article's main place below country level: the most mentioned place of the body (in
    the main country first); the dateline only when the body names none, or only wider areas."""
    doc = adoc.doc
    top = adoc.countries[0] if adoc.countries else None
    places = [p for p in adoc.places if p.role == "place" and eligible(p, adoc)
              and (p.geonameid is not None or typed(p, adoc))]  # "Udawa community" counts too
    body = [p for p in places if not note(p, adoc, "dateline")]
    # a reference point ("35 miles south of X") locates the event elsewhere
    body = [p for p in body if not offset_reference(p, doc)] or body
    datelines = [p for p in places if note(p, adoc, "dateline") and (top is None or p.country == top)]
    if not body:
        if datelines or not places:
            return datelines[0] if datelines else None
        # a dateline abroad ("BRASILIA - ... the embassy in Colombia") is where the story was filed
        # when the body places the story in its main country
        there = any(p.country == top and p.role == "place" and p.place_level == "country"
                    and note(p, adoc, "locative") for p in adoc.places)
        return None if there else places[0]
    filed = {p.geonameid for p in datelines if p.geonameid is not None}
    n = Counter(p.geonameid or p.text for p in body)
    best = max(body, key=lambda p: (n[p.geonameid or p.text] + (1.5 if p.country == top else 0.0)
                                    + (0.5 if p.geonameid in filed else 0.0), specificity(p), -p.start))
    if datelines and specificity(best) < specificity(datelines[0]):
        return datelines[0]  # the body names only wider areas ("MOSUL - ... in Anbar province")
    return best
