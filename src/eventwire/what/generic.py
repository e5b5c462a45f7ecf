"""Is an event mention generic: a habit, a kind, a trend or a war-long aggregate, not one event?

    generic_reason(span, adoc) -> str | None

News reports events, but also states what usually happens ("Washington has long used drone
strikes"), what a kind of event is like ("drone strikes are unpopular"), what an unspecified
part of a group underwent ("many of these cells were arrested") or what a whole war did ("2,000
Moroccans have fought in Syria's war", "the insurgency has killed 36,000 people"). Such mentions
are no events. Read from the parse with the word lists of data/what/generic.yaml; a specific time
in the sentence ("on Monday", "in March") anchors one occurrence and keeps the mention.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from spacy.tokens import Span, Token

from .. import knowledge
from ..record import AnnotatedDoc, Count, hard_wrapped, headline_end
from .lexicon import _data, load_lexicon

ARG_DEPS = ("nsubj", "nsubjpass", "dobj")
MAX_UP = 6  # arcs climbed from the trigger looking for a habitual adverb


@dataclass(frozen=True)
class GenericWords:
    habitual: frozenset[str]
    quantifiers: frozenset[str]
    copulas: frozenset[str]
    war: frozenset[str]
    unspecific: frozenset[str]
    long_units: frozenset[str]
    recent: frozenset[str]
    recent_units: frozenset[str]
    aggregates: frozenset[str] = frozenset()
    toll_verbs: frozenset[str] = frozenset()
    trend_verbs: frozenset[str] = frozenset()
    indefinite_dets: frozenset[str] = frozenset()
    summary_modifiers: frozenset[str] = frozenset()
    aggregate_toll: int = 0
    period_units: frozenset[str] = frozenset()
    habitual_modifiers: frozenset[str] = frozenset()
    record_quantifiers: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()


@knowledge.per_language
def words() -> GenericWords:
    """data/what/generic.yaml, read once."""
    raw = _data("what/generic.yaml") or {}

    def low(k: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(k) or ())

    return GenericWords(low("habitual_adverbs"), low("indefinite_quantifiers"), low("copulas"),
                        low("war_nouns"), low("unspecific_time_words"), low("long_span_units"),
                        low("recent_words"), low("recent_units"), low("aggregate_nouns"), low("toll_verbs"),
                        low("trend_verbs"), low("indefinite_determiners"), low("summary_modifiers"),
                        int(raw.get("aggregate_toll") or 0), low("period_units"),
                        low("habitual_modifiers"), low("record_quantifiers"),
                        low("first_person_singular"))


def aggregate_toll(counts: dict[str, Count]) -> bool:
    """Is a toll so large that it sums up a war, not one event ("70,000 deaths")?"""
    floor = words().aggregate_toll
    return floor > 0 and any(c.value is not None and c.value >= floor
                             for k, c in counts.items() if k in ("fatalities", "injured"))


def specific_time(adoc: AnnotatedDoc, sent: Span) -> bool:
    """Does the sentence name the time of one occurrence (a day or month; not a year, span, set or
    vague period)?"""
    w = words()
    for te in adoc.times:
        if not (sent.start_char <= te.start < sent.end_char) or te.kind != "date" or te.precision == "year":
            continue  # a year frames a period ("the uprising which started in 2009"), not one occurrence
        if te.vague or any(x in w.unspecific for x in te.text.lower().split()):
            continue
        return True
    return False


def _frequency(adoc: AnnotatedDoc, sent: Span, root: Token) -> bool:
    """A time expression of a set ("every week", "once every 28 hours") that modifies the
    trigger's clause (not "a crowd buying food for the daily meal", not "the Daily Sun")."""
    clause = {root.i, _clause_verb(root).i}
    for te in adoc.times:
        if te.kind != "set" or not (sent.start_char <= te.start < sent.end_char):
            continue
        span = adoc.doc.char_span(te.start, te.end, alignment_mode="expand")
        if span is None or span.root.ent_type_ in ("ORG", "WORK_OF_ART", "FAC", "PERSON"):
            continue
        t = span.root
        for _ in range(MAX_UP):
            if t.i in clause:
                return True
            if t.dep_ in ("relcl", "acl") or t.head.i == t.i:
                break
            t = t.head
    return False


def future_time(adoc: AnnotatedDoc, span: Span) -> bool:
    """Does a time expression of the trigger's clause lie after the publication date ("a protest
    march for next Monday", "teachers hold a protest on June 20" in a June 10 article)? Such an
    event has not happened yet."""
    pub = adoc.article.published
    if pub is None:
        return False
    # a day of slack: a dateline or a local date may run a day ahead of the publication date
    after = (pub + timedelta(days=1)).isoformat()
    sent = span.sent
    root = span.root
    clause = {root.i, _clause_verb(root).i}
    for te in adoc.times:
        if te.kind != "date" or not te.value or not (sent.start_char <= te.start < sent.end_char):
            continue
        if te.value <= (after if len(te.value) == 10 else pub.isoformat())[:len(te.value)]:
            continue
        tspan = adoc.doc.char_span(te.start, te.end, alignment_mode="expand")
        if tspan is None:
            continue
        t = tspan.root
        for _ in range(MAX_UP):
            if t.i in clause:
                return True
            if t.dep_ in ("relcl", "acl", "ccomp", "advcl") or t.head.i == t.i:
                break
            t = t.head
    return False


def _path(tok: Token) -> list[Token]:
    """The token and its heads up to the sentence root."""
    out = [tok]
    t = tok
    for _ in range(MAX_UP):
        if t.head.i == t.i:
            break
        t = t.head
        out.append(t)
    return out


def _clause_verb(tok: Token) -> Token:
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def _many(tok: Token, w: GenericWords) -> bool:
    """"many people", "numerous judges": an indefinite number of participants."""
    return any(c.dep_ in ("amod", "det", "quantmod") and c.lower_ in w.quantifiers for c in tok.children)


def _in_aggregate(tok: Token, w: GenericWords, sep: frozenset[str]) -> bool:
    """"following a series of assassinations", "amid a spate of kidnappings": one phrase for many
    events, in the background of the sentence (a series of strikes carried out is a report:
    "aircraft carried out a string of airstrikes")."""
    if not (tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in w.aggregates):
        return False
    series = tok.head.head
    if series.dep_ != "pobj":
        return False
    prep = series.head
    return prep.lower_ in sep


def _bare_plural(tok: Token) -> bool:
    """A plural noun with no determiner, number or possessive, or only an indefinite one: a kind
    ("drone strikes", "there are some bombings")."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return False
    dets = words().indefinite_dets
    return not any(c.dep_ in ("det", "nummod", "poss", "predet") and c.lower_ not in dets for c in tok.children)


def _over_a_period(tok: Token, w: GenericWords) -> bool:
    """"after six weeks of fierce clashes", "months of protests", "a six-week round of fighting": an
    event noun that fills a span of several days, weeks or months sums up what happened over it."""
    if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    unit = tok.head.head
    if unit.tag_ == "NNS" and unit.lemma_.lower() in w.period_units:
        return True
    # "a six-week round of fighting", "a three-month wave of kidnappings"
    return unit.pos_ == "NOUN" and any(c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in w.period_units
                                       and any(g.like_num or g.dep_ == "nummod" for g in c.subtree) for c in unit.children)


def _summed_up(tok: Token, w: GenericWords) -> bool:
    """"the recent attacks", "the latest killings": a plural event noun that sums up events told
    before (no number: "the last three attacks" counts them)."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NNS" and not any(c.dep_ == "nummod" for c in tok.children) and any(
        c.dep_ == "amod" and c.lower_ in w.summary_modifiers for c in tok.children)


def _comment(root: Token, verb: Token, w: GenericWords) -> bool:
    """"The attacks are in keeping with ...", "the bombing is a sign of ...": a present copula with
    the event noun as its subject judges an event told elsewhere."""
    return root.pos_ == "NOUN" and root.dep_ == "nsubj" and verb.i == root.head.i \
        and verb.lemma_.lower() in w.copulas and _present_simple(verb)


def _bare_mass(tok: Token) -> bool:
    """A singular noun with no determiner, number, possessive or modifier before it, as the object
    of a preposition: a kind of thing ("those who suffer from violence")."""
    return tok.tag_ == "NN" and tok.dep_ == "pobj" and not any(
        c.dep_ in ("det", "nummod", "poss", "predet", "amod", "compound") for c in tok.children)


def _quantified(tok: Token, w: GenericWords) -> bool:
    """"many of these cells", "most of them": an unspecified part of a group (a partitive)."""
    return tok.lower_ in w.quantifiers and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _part_of_event(quant: Token, root: Token) -> bool:
    """"Most of the arrests were made in X": the quantifier counts the events the trigger names,
    not participants of a kind."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.i == root.i for p in c.children)
               for c in quant.children)


def _arguments(verb: Token) -> list[Token]:
    """Subject and object of ``verb``; a conjoined verb shares its first conjunct's subject."""
    args = [c for c in verb.children if c.dep_ in ARG_DEPS]
    t = verb
    while t.dep_ == "conj" and t.head.i != t.i and not any(a.dep_.startswith("nsubj") for a in args):
        t = t.head
        args += [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    return args


def _war_noun(tok: Token, w: GenericWords) -> bool:
    return tok.lemma_.lower() in w.war or tok.lower_ in w.war


def _in_war(tok: Token, w: GenericWords) -> bool:
    """The token has an "in/during/throughout the war" modifier."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "during", "throughout")
               and any(p.dep_ == "pobj" and _war_noun(p, w) for p in c.children) for c in tok.children)


def _present_simple(v: Token) -> bool:
    return v.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "aux" and c.tag_ == "VBG" for c in v.children)


def _finite(tok: Token) -> Token | None:
    """The nearest finite verb at or above ``tok`` (the one that carries the tense)."""
    for t in _path(tok):
        if t.tag_ in ("VBZ", "VBP", "VBD", "MD") or (t.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in t.children)):
            return t
    return None


def _tense(v: Token) -> str:
    """"present", "perfect" (has/have + participle), "past" or "other" for a finite verb."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "perfect"
    if any(a.tag_ in ("VBD", "MD") for a in auxes) or v.tag_ in ("VBD", "MD"):
        return "past" if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) else "other"
    if any(a.tag_ == "VBG" or a.lower_ in ("going", "been") for a in auxes) or v.tag_ == "VBG":
        return "other"  # progressive: an event under way
    if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return "other"


def _in_headline(sent: Span, adoc: AnnotatedDoc) -> bool:
    """Headlines and leads tell past events in the present ("Gunmen kill 17"): tense says nothing
    there. The headline, when the text starts with it, and the first sentence after it count; so
    does a sentence that runs over a line break (a headline run into its paragraph), unless the
    whole text is hard-wrapped."""
    text = adoc.article.text
    if sent.start == 0:
        return True
    if "\n" in text[sent.start_char:sent.end_char].strip() and not hard_wrapped(text):
        return True
    top = headline_end(adoc.article)
    if sent.start_char < top:
        return True
    first = next((s for s in sent.doc.sents if s.start_char >= top), None)
    return first is not None and first.start == sent.start


def _recent_span(adoc: AnnotatedDoc, sent: Span, w: GenericWords) -> bool:
    """"in recent days", "over the past weeks": a recent period of several units."""
    for te in adoc.times:
        if sent.start_char <= te.start < sent.end_char:
            ws = set(te.text.lower().split())
            if ws & w.recent and ws & w.recent_units:
                return True
    return False


def _long_span(adoc: AnnotatedDoc, sent: Span, w: GenericWords) -> bool:
    """A span of years in the sentence: a duration ("for three years") or "for/over (the) years"."""
    if any(t.lower_ in w.long_units and t.dep_ == "pobj" and t.head.lower_ in ("for", "over") for t in sent):
        return True
    return any(te.kind == "duration" and sent.start_char <= te.start < sent.end_char
               and any(x in w.long_units for x in te.text.lower().split()) for te in adoc.times)


def _actor_activity(root: Token) -> bool:
    """"a visit to troops fighting the jihadists": a participle that says what an armed group
    does, describing the group, not reporting a fight (nothing counted in it)."""
    if root.dep_ != "acl" or root.tag_ != "VBG":
        return False
    lex = load_lexicon()
    head = root.head
    armed = any(lex.in_list(k, w) for k in ("state_forces", "non_state") for w in (head.lower_, head.lemma_.lower()))
    counted = any(t.like_num or t.dep_ == "nummod" for t in root.subtree)
    return armed and not counted


def _speakers_own_act(root: Token, w: GenericWords) -> bool:
    """"I fought beside the soldiers", "I, who fought beside the soldiers, never got rich": an act
    the speaker alone did (its verb's subject, or a relative clause on "I" the act is told in) is
    a life told in an interview or a speech, not a report (what was done to the speaker -- "I was
    shot" -- is)."""
    if root.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "nsubj" and c.tag_ == "PRP" and c.lower_ in w.first_person for c in root.children):
        return True
    t = root
    for _ in range(MAX_UP):  # a relative clause told of "I", maybe through another one ("I, who owe ... who fought")
        if t.head.i == t.i:
            return False
        if t.dep_ in ("ccomp", "xcomp", "advcl", "conj", "ROOT"):
            return False  # another clause: "I saw that soldiers fought" tells what others did
        t = t.head
        if t.tag_ == "PRP" and t.lower_ in w.first_person:
            return True
    return False


def generic_reason(span: Span, adoc: AnnotatedDoc, generic: bool = False) -> str | None:
    """Why the mention at ``span`` is not one event, or None when it may be one. ``generic``:
    the trigger only says people died or were hurt (a toll may well be judged in a copula)."""
    w = words()
    root = span.root
    sent = span.sent
    if _actor_activity(root):  # whatever the date of the sentence
        return "generic: what an armed group does"
    if specific_time(adoc, sent):
        return None
    if _speakers_own_act(root, w):
        return "biography: the speaker's own act"
    if _frequency(adoc, sent, root):
        return "habitual: a frequency"
    if root.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in w.habitual_modifiers for c in root.children):
        return "habitual: an adjective of habit"  # "the constant raids", "frequent attacks"
    path = _path(root)
    for t in path:
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "advmod" and c.lower_ in w.habitual for c in t.children):
            return "habitual: an adverb of habit"
    verb = _clause_verb(root)
    args = _arguments(verb)
    if root.pos_ in ("NOUN", "PROPN"):
        args.append(root)
    for a in args:
        if a.dep_.startswith("nsubj") and _quantified(a, w) and not _part_of_event(a, root):
            return "generic: an indefinite quantity of participants"
    if _in_war(root, w) or _in_war(verb, w):
        return "aggregate: over a whole war"
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and _war_noun(subj, w) and subj.i != root.i:
        return "aggregate: the toll of a whole war"
    if _in_aggregate(root, w, load_lexicon().cue_words.get("separating_preps", frozenset())):
        return "aggregate: a series of events"
    fin = _finite(root)
    tense = _tense(fin) if fin is not None else "other"
    if tense == "perfect" and not _in_headline(sent, adoc) and any(
            _many(a, w) for a in args if a.dep_ in ("dobj", "nsubjpass")):
        return "aggregate: many victims over time"  # "the murderers who have killed many judges"
    if tense == "perfect" and not _in_headline(sent, adoc) and root.pos_ == "NOUN" and root.tag_ == "NNS" \
            and root.dep_ == "dobj" and any(c.dep_ in ("amod", "det", "quantmod") and c.lower_ in w.record_quantifiers
                                            for c in root.children):
        return "aggregate: a group's record of events"  # "the group, which has staged several attacks"
    if not _in_headline(sent, adoc) and any(
            t.pos_ == "VERB" and t.lemma_.lower() in w.toll_verbs and _tense(t) == "perfect" for t in [root, *path]):
        return "aggregate: a running total of the dead"  # "has seen 180 of its members killed"
    head = root.head if root.dep_ == "compound" else root  # "protest demonstrations"
    if head.pos_ == "NOUN" and head.dep_ == "nsubj" and head.head.lemma_.lower() in w.trend_verbs \
            and (_bare_plural(head) or _bare_mass(head)) and not _in_headline(sent, adoc):
        return "aggregate: a trend of many events"  # "kidnappings are increasing"
    if _over_a_period(root, w) or (root.dep_ in ("relcl", "acl") and _over_a_period(root.head, w)):
        # "after six weeks of clashes (which killed 100)", in the lead too: no one day to code
        return "aggregate: what happened over weeks or months"
    if not _in_headline(sent, adoc) and _summed_up(root, w):
        return "aggregate: events told before, summed up"  # "as for the recent attacks"
    if not _in_headline(sent, adoc) and not generic and _comment(root, verb, w):
        return "generic: a comment on an event"  # "the attacks are in keeping with ..."
    if tense == "perfect" and _long_span(adoc, sent, w):
        return "habitual: a present perfect over years"
    if tense == "perfect" and fin is not None and fin.i != root.i and root.pos_ == "NOUN" \
            and _recent_span(adoc, sent, w):
        # "fighting ... has been causing casualties in recent days" (not "have detained 139 in the past
        # nine days": a count of one kind of act, which ACLED codes)
        return "aggregate: an event noun in a trend over recent days"
    if tense == "present" and not _in_headline(sent, adoc) and (root.pos_ in ("VERB", "AUX") or _bare_plural(root)
                                                                 or _bare_mass(root)):
        return "generic: the simple present"
    if root.pos_ == "NOUN" and root.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in w.copulas \
            and _present_simple(verb):
        of_obj = [p for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
        if _bare_plural(root) or any(_bare_plural(p) for p in of_obj):
            return "generic: a kind of event"
    return None
