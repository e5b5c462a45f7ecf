"""Non-event uses of event words: a weapon named or owned, a figure of speech, another sense.

    nonevent_reason(span, sub_event_type, lex, covered, generic=False) -> str | None
    is_month(doc, i, lex) -> bool

News names weapons without anyone using them ("men carrying assault rifles", "a missile pact",
"bomb-sniffing dogs", "a grenade launcher was displayed"), borrows the words of violence for
sport, markets, politics and medicine ("shares bombed", "the match exploded into life", "a clash of
titans", "a scathing attack on the budget", "died of a heart attack"), and uses some event words in
another sense ("this demonstrates that", "lodged a formal protest with the embassy", "19 March").
None of these reports an event; detect drops such mentions. Read from the parse with the cue
lists of data/what/context.yaml. The weapon and state checks are here; figures of speech and other
senses are asked of eventwire.what.figurative.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .figurative import figurative_reason, in_list, other_sense, prep_objects
from .lexicon import Lexicon
from .resolve import participants

MOD_DEPS = ("compound", "nmod")
# a head noun in one of these roles is a noun indeed (upper-case wire copy tags verbs as nouns:
# "A BOMB EXPLODED" parses "BOMB" as a compound of "EXPLODED")
NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "dative", "oprd", "npadvmod",
                "compound", "nmod")
CLIMB = 4  # arcs climbed from a weapon word to the verb that owns or trades it
DISRUPTED = "Disrupted weapons use"
SUICIDE = "Suicide bomb"  # a suicide vest carried is a vest used


# ---------------------------------------------------------------- weapons named, owned, traded


def _instrument(tok: Token, lex: Lexicon) -> bool:
    """A weapon noun (not the verb "rounded up", "shelled")."""
    return tok.pos_ in ("NOUN", "PROPN") and in_list(lex, "instrument_nouns", tok)


def _possessed(tok: Token, lex: Lexicon) -> bool:
    """Is this weapon word the object of owning, trading, making or showing ("carrying rifles",
    "bought 40 missiles", "a shipment of shells", "armed with grenades", "was displayed")?"""
    t = tok
    for _ in range(CLIMB):
        via_prep = t.dep_ in ("pobj", "prep") and (t.lower_ in ("of", "with") or t.head.lower_ in ("of", "with"))
        if t.dep_ not in ("dobj", "nsubjpass", "conj", "compound", "appos", "nmod") and not via_prep:
            return False
        t = t.head
        if t.pos_ != "AUX" and in_list(lex, "possession_verbs", t) and not any(c.dep_ == "prt" for c in t.children):
            return True  # (a phrasal verb is another verb: "carried out with grenades")
    return False


def _inert(tok: Token, lex: Lexicon) -> bool:
    """"spent shells", "a fake bomb": no weapon in use."""
    return any(c.dep_ in ("amod", "compound") and in_list(lex, "inert_modifiers", c) for c in tok.children)


def _weapon_reason(span: Span, sub: str, lex: Lexicon, covered: set[int]) -> str | None:
    root = span.root
    head = root.head
    if root.dep_ == "npadvmod" and head.tag_ in ("VBG", "JJ") and head not in span:
        return "modifier: part of a compound adjective"  # "bomb-sniffing dogs", "unrest-prone"
    if root.dep_ == "npadvmod" and head.tag_ == "VBN" and head.dep_ == "amod" and head not in span:
        return "modifier: part of a compound adjective"  # "an unrest-plagued region"
    instrument = _instrument(root, lex)
    target = root  # the weapon word whose verb decides
    if root.dep_ in MOD_DEPS and head not in span and head.pos_ in ("NOUN", "PROPN") and head.dep_ in NOMINAL_DEPS:
        if _instrument(head, lex):
            # "rocket launchers", "assault rifles", "teargas shells": the modifier names a kind of
            # weapon, and the weapon noun's verb decides (carried, bought -- or fired)
            target = head
        elif instrument and head.i not in covered and not in_list(lex, "instrument_event_heads", head):
            return "modifier: a weapon naming something else"  # "missile pact", "bomb shelter"
    if not instrument and target is root:
        return None
    if _inert(root, lex) or (target is not root and _inert(target, lex)):
        return "weapon: inert"
    if sub not in (DISRUPTED, SUICIDE) and _possessed(target, lex):
        return "weapon: owned, traded or shown" if target is root else "modifier: names a weapon owned or shown"
    return None


def _disrupted_inert(span: Span, lex: Lexicon) -> bool:
    """A find or seizure whose only weapons are casings ("found spent shells at the scene")."""
    _, patients = participants(span)
    weapons = [p for p in patients if _instrument(p, lex) or in_list(lex, "weapons", p)]
    return bool(weapons) and all(_inert(p, lex) for p in weapons)


AGREEMENT = "Agreement"
ARRESTS = "Arrests"


def _standing_agreement(span: Span, lex: Lexicon) -> bool:
    """An agreement already in force, not one reached: "observing a truce", "violated the
    ceasefire", "under the agreement", "the accord stipulates", "as agreed", "agreed to hold talks"."""
    root = span.root
    if root.lemma_.lower() == "agree":
        if any(c.dep_ == "mark" and c.lower_ == "as" for c in root.children):
            return True  # "the peace plan as agreed"
        return any(c.dep_ == "xcomp" and in_list(lex, "talk_verbs", c) for c in root.children)
    if root.pos_ not in ("NOUN", "PROPN"):
        return False
    if root.dep_ in ("dobj", "nsubjpass", "nsubj") and in_list(lex, "agreement_state_verbs", root.head):
        return True
    if root.dep_ == "pobj" and in_list(lex, "agreement_state_preps", root.head):
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "of" and in_list(lex, "agreement_state_verbs", root.head.head)


def _standing_arrest(span: Span, lex: Lexicon) -> bool:
    """"is under arrest", "currently under house arrest": a state, not an arrest (unless
    someone placed them there)."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "under":
        return False
    return not in_list(lex, "placing_verbs", root.head.head)


def _in_organisation_name(span: Span, lex: Lexicon) -> bool:
    """"the Army of National Liberation", "the Front for the Liberation of ...": the event word is
    part of a name (upper-case copy hides it from the entity tagger)."""
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or not in_list(lex, "name_nouns", root):
        return False
    nxt = root.doc[span.end] if span.end < len(root.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and in_list(lex, "organisation_heads", nxt) \
            and nxt.text[:1].isupper() and root.text[:1].isupper():
        return True  # "National Liberation Front", "LIBERATION FRONT COMMANDER": a capitalised name
    # "the Army of National Liberation guerrillas" (the name as a modifier of its members) is as named
    word = root.head if root.dep_ == "compound" and root.head.i > root.i else root
    if word.dep_ != "pobj" or word.head.lower_ not in ("of", "for"):
        return False
    head = word.head.head
    return head.pos_ in ("NOUN", "PROPN") and in_list(lex, "organisation_heads", head) and any(
        t.text[:1].isupper() for t in (head, root))


def _doers_seen(span: Span, lex: Lexicon) -> bool:
    """"Gunmen were spotted near the school": the doers are seen, nothing is done; "the attackers
    planned to issue a proclamation": they speak or plan."""
    root = span.root
    if not in_list(lex, "doer_nouns", root):
        return False
    if root.dep_ in ("nsubjpass", "dobj") and in_list(lex, "perception_verbs", root.head):
        return True
    head = root.head
    words = {str(w).lower() for w in lex.modality.get("speech_verbs") or []}
    return root.dep_ == "nsubj" and (head.lemma_.lower() in words or head.lemma_.lower() in lex.governors)


def _control_state(span: Span, lex: Lexicon) -> bool:
    """"an area under the control of the army", "the town remains under rebel control": who holds a
    place, not a change of hands."""
    first = span[0]
    if first.lower_ != "under" or first.head in span:
        return False
    head = first.head
    return head.pos_ in ("NOUN", "PROPN", "PRON") or head.lemma_.lower() in lex.cue_words.get("state_verbs", ())


def _characterising(span: Span, lex: Lexicon) -> bool:
    """"this unjustifiable massacre": a demonstrative and a judgement point back to an event told
    elsewhere, characterising it."""
    root = span.root
    if root.pos_ != "NOUN":
        return False
    kids = list(root.children)
    return any(c.dep_ in ("det", "predet", "amod") and in_list(lex, "demonstratives", c) for c in kids) and any(
        c.dep_ in ("amod", "compound") and in_list(lex, "evaluative_words", c) for c in kids)


AIR_STRIKE = "Air/drone strike"


def _aircraft_moving(span: Span, sub: str, lex: Lexicon) -> bool:
    """"Air force helicopters flew over the area": an aircraft (or its force) that only moves or is
    heard is no air strike (one that also bombs is: "jets flew over and bombed the town")."""
    if sub != AIR_STRIKE:
        return False
    t = span.root
    for _ in range(3):  # "air force" -> "helicopters" -> "flew"; "noise of helicopters" -> "heard"
        if t.dep_ in ("nsubj", "nsubjpass") and in_list(lex, "motion_verbs", t.head):
            verb = t.head
            strikes = lex.cue_words.get("strike_words", frozenset())
            return not any(c.dep_ == "conj" and c.lower_ in strikes for c in verb.children)
        if t.dep_ not in ("compound", "pobj", "prep", "conj"):
            return False
        t = t.head
    return False


def _background_participle(span: Span, lex: Lexicon) -> bool:
    """"previously liberated territories": a participle that describes its noun by its past."""
    root = span.root
    return root.tag_ == "VBN" and root.dep_ in ("amod", "acl") and any(
        c.dep_ == "advmod" and in_list(lex, "past_adverbs", c) for c in root.children)


def _rehearsed(span: Span, lex: Lexicon) -> bool:
    """"the manoeuvres consisted of raids", "an exercise simulating an attack": violence acted out
    in a military exercise (the exercise itself may be its own trigger)."""
    t = span.root
    for _ in range(4):
        if t.head.i == t.i:
            break
        t = t.head
        if t in span:
            continue
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")] if t.pos_ in ("VERB", "AUX") else []
        if any(in_list(lex, "exercise_nouns", x) for x in (t, *subjects)):
            return True
    return False


CHANGE = "Change to group/activity"


def _routine_deployment(span: Span, sub: str, lex: Lexicon) -> bool:
    """"deployed 10,000 troops for the inauguration": security for an occasion of civic life is
    routine, no change in a group's activity."""
    if sub != CHANGE:
        return False
    t = span.root
    heads = [t, t.head] if t.dep_ in ("dobj", "nsubjpass") else [t]
    return any(in_list(lex, "routine_occasions", p) for h in heads for p in prep_objects(h, ("for", "during", "ahead")))


def _plain_death(span: Span, lex: Lexicon, generic: bool, covered: set[int]) -> bool:
    """A death word in a sentence with no word of violence and no other event word: "the room
    where the leader died"."""
    if not generic or not in_list(lex, "plain_death_words", span.root):
        return False
    sent = span.sent
    if any(i in covered for i in range(sent.start, sent.end) if not span.start <= i < span.end):
        return False  # "the bombing caused 12 deaths"
    doc = sent.doc  # the sentence around the span, from its own tokens (doc.text rebuilds the whole text)
    text = doc[sent.start:span.start].text_with_ws + " " + span[-1].whitespace_ + doc[span.end:sent.end].text
    return not any(lex.text_has(k, text) for k in ("violence_context", "conflict", "armed_or_mob"))


def _held_place(span: Span, sub: str, lex: Lexicon) -> bool:
    """"the occupied city of X", "Armenian-occupied districts": a participle that describes a
    place as held says who holds it, not that anyone took it."""
    cfg = lex.context.get("territory") or {}
    if sub not in (cfg.get("government"), cfg.get("non_state")):
        return False
    root = span.root
    return root.tag_ in ("VBN", "JJ") and root.dep_ in ("amod", "compound") and root.head.pos_ in ("NOUN", "PROPN")


def is_month(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Is the token at ``i`` a month name written as a trigger word ("on 19 March", "LAST MARCH")?

    Only a capitalised or upper-case form counts; the named-entity tagger misses months in
    upper-case wire copy."""
    tok = doc[i]
    if not lex.in_list("month_triggers", tok.lower_) or tok.text == tok.lower_:
        return False
    prev = next((doc[j] for j in range(i - 1, -1, -1) if not doc[j].is_space), None)  # wire copy breaks lines
    nxt = next((doc[j] for j in range(i + 1, len(doc)) if not doc[j].is_space), None)
    if (prev is not None and prev.like_num) or (nxt is not None and nxt.like_num):
        return True
    return prev is not None and lex.in_list("month_context", prev.lower_)


def nonevent_reason(span: Span, sub_event_type: str, lex: Lexicon, covered: set[int],
                    generic: bool = False) -> str | None:
    """Why the trigger at ``span`` reports no event, or None when it may report one.

    ``covered`` holds the token indices of all the document's triggers: a weapon word that
    modifies another trigger ("mortar attack") belongs to that event; ``generic`` marks the death
    and injury words (a natural death is no event)."""
    reason = _weapon_reason(span, sub_event_type, lex, covered)
    if reason:
        return reason
    if sub_event_type == DISRUPTED and not _instrument(span.root, lex) and _disrupted_inert(span, lex):
        return "weapon: only casings found"
    reason = figurative_reason(span, lex, generic) or other_sense(span, lex)
    if reason:
        return reason
    if sub_event_type == AGREEMENT and _standing_agreement(span, lex):
        return "state: an agreement already in force"
    if sub_event_type == ARRESTS and _standing_arrest(span, lex):
        return "state: under arrest"
    if _in_organisation_name(span, lex):
        return "name: part of an organisation's name"
    if _doers_seen(span, lex):
        return "doers: seen, speaking or planning, not acting"
    if _control_state(span, lex):
        return "state: a place under someone's control"
    if _characterising(span, lex):
        return "characterising: an event told elsewhere"
    if _background_participle(span, lex):
        return "background: a participle of the past"
    if _held_place(span, sub_event_type, lex):
        return "state: a place described as held"
    if _aircraft_moving(span, sub_event_type, lex):
        return "aircraft: moving or heard, not striking"
    if _routine_deployment(span, sub_event_type, lex):
        return "deployment: routine security for an occasion"
    if _rehearsed(span, lex):
        return "exercise: violence rehearsed"
    if _plain_death(span, lex, generic, covered):
        return "death: no violence said"
    return None
