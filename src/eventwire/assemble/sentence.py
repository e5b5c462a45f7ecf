"""The mentions of one sentence that describe one event.

Within a sentence, mentions form one unit when they are of one family or one takes the other as
a part (taxonomy.yaml ``absorbs``: arrests at a protest), when a vague word (a bare "attack",
generic deaths) sits beside a specific one, or when the parse links their triggers ("intercepted
a drone", "airstrikes destroyed homes") -- and their dates and places do not say otherwise. A
mention in a background phrase ("after the clashes", "in retaliation for") stays apart from one
that is not, and two mentions each dated by their own, different time expressions ("captured
the town in January and attacked it on Feb. 19") are two events.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import compare
from ..record import AnnotatedDoc, Mention
from ..what.lexicon import Lexicon
from ..what.resolve import participants
from .unit import Unit, kin

LINK_ARCS = 2  # parse distance within which two triggers of one sentence describe one event


def token_of(adoc: AnnotatedDoc, m: Mention) -> Token | None:
    span = adoc.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None else None


def sites_of(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> frozenset[str]:
    """The kinds of site the mention's trigger is told to hit (what/context.yaml ``site_targets``):
    its objects ("attacked the farm", "an attack on a bank"), the subject of a passive ("two
    ambulances were attacked") or of the copula it is told with ("the residence was the target of
    an attack")."""
    span = adoc.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return frozenset()
    patients = list(participants(span)[1])
    root = span.root
    if root.dep_ in ("attr", "oprd"):
        patients += [c for c in root.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    found: set[str] = set()
    for p in patients:
        for t in (p, *p.conjuncts):
            words = [t.lemma_.lower(), t.lower_]
            words += [f"{c.lower_} {t.lemma_.lower()}" for c in t.children if c.dep_ == "compound"]
            found.update(w for w in words if lex.in_list("site_targets", w))
    return frozenset(found)


def _background_token(tok: Token | None, lex: Lexicon, preps: str = "background_preps") -> Token | None:
    """The preposition or noun that opens the temporal/causal phrase ``tok`` sits in, or None
    (``preps``: the cue list of its prepositions)."""
    sep = lex.cue_words.get(preps, frozenset())
    background = preps == "background_preps"
    nouns = lex.cue_words.get("background_nouns", frozenset()) if background else frozenset()
    marks = lex.cue_words.get("cause_marks", frozenset()) if background else frozenset()
    while tok is not None and tok.head.i != tok.i:
        if (tok.dep_ == "prep" and tok.lower_ in sep and not _passive_gerund(tok) and not _amount(tok)) or \
                (tok.dep_ == "pobj" and tok.lemma_.lower() in nouns):
            return tok
        if tok.dep_ == "prep" and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() in nouns \
                and tok.doc[tok.i - 1].dep_ == "pobj":
            return tok  # "killed for his part in an arrest", the parse hanging "in" on the verb
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return tok  # "... because he was behind the arrest of our fighters": the reason, an earlier event
        tok = tok.head
    return None


def span_in_background(adoc: AnnotatedDoc, start: int, end: int, lex: Lexicon) -> bool:
    """Is the text at [start, end) inside a temporal/causal phrase ("after a boy died")?"""
    span = adoc.doc.char_span(start, end, alignment_mode="expand")
    return _background_token(span.root if span is not None else None, lex) is not None


def background_phrase(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> tuple[int, int] | None:
    """The characters of the temporal/causal phrase the mention sits in ("after a military
    coup"), or None."""
    tok = _background_token(token_of(adoc, m), lex)
    if tok is None:
        return None
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _amount(prep: Token) -> bool:
    """"injuring over 100": a preposition the parse gives a number as object says how many, it opens
    no phrase of another event."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.like_num or o.pos_ == "NUM" for o in objs)


def _passive_gerund(prep: Token) -> bool:
    """"died after being shot": what befell the same person, the same event."""
    return any(c.dep_ == "pcomp" and any(g.dep_ == "auxpass" and g.lower_ == "being" for g in c.children)
               for c in prep.children)


def aside(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> bool:
    """Is the mention in a phrase of the same time ("amid clashes", "during the offensive") or a
    clause of the same time ("... as border clashes entered their third day")?"""
    tok = token_of(adoc, m)
    return _background_token(tok, lex, "context_preps") is not None or _context_clause(tok, lex)


def _context_clause(tok: Token | None, lex: Lexicon) -> bool:
    """Is ``tok`` inside an adverbial clause opened by a conjunction of the same time ("as",
    "while": cue list context_marks) that hangs on another verb?"""
    marks = lex.cue_words.get("context_marks", frozenset())
    while tok is not None and tok.head.i != tok.i:
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return True
        tok = tok.head
    return False


def in_background(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> bool:
    """Is the mention inside a temporal/causal phrase ("after the unrest", "in retaliation for")?"""
    return span_in_background(adoc, m.start, m.end, lex)


def _up(tok: Token, sep: frozenset[str]) -> list[Token]:
    """Heads of ``tok`` up to LINK_ARCS arcs, stopping at a separating preposition."""
    out: list[Token] = []
    t = tok
    while t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.head.i != t.i:
        t = t.head  # "with guns and grenades": a conjoined noun hangs where its first conjunct does
    for _ in range(LINK_ARCS + 1):
        if t.head.i == t.i or (t.dep_ == "prep" and t.lower_ in sep) or t.dep_ == "conj":
            break
        t = t.head
        out.append(t)
        if t.dep_ == "prep" and t.lower_ in sep:
            break
    return out


def linked(adoc: AnnotatedDoc, a: Mention, b: Mention, lex: Lexicon) -> bool:
    """Are two triggers of one sentence within LINK_ARCS arcs of each other in the parse?"""
    ta, tb = token_of(adoc, a), token_of(adoc, b)
    if ta is None or tb is None:
        return False
    sep = lex.cue_words.get("separating_preps", frozenset())
    up_a, up_b = _up(ta, sep), _up(tb, sep)
    return tb in up_a[:LINK_ARCS] or ta in up_b[:LINK_ARCS]


def own_date(m: Mention) -> bool:
    """Is the mention dated by a time expression of its own sentence?"""
    return m.time is not None and m.sentence_start <= m.time.start < m.sentence_end


def own_dates_differ(a: Mention, b: Mention, r: compare.Rules) -> bool:
    """Two mentions of one sentence each dated by their own, different time expressions."""
    if not (own_date(a) and own_date(b)) or a.time is b.time:
        return False
    return compare.when(compare.When.of(a.date, a.date_precision), compare.When.of(b.date, b.date_precision),
                        r) == "apart"


def compatible(a: Unit, b: Unit, r: compare.Rules, places: bool = True) -> bool:
    """Nothing in their dates, places, historical flag or modality says they are two events."""
    if a.historical != b.historical or a.modality != b.modality:
        return False
    if compare.when(a.when(), b.when(), r) == "apart":
        return False
    return not places or compare.where(a.where(), b.where(), r) != "apart"


def group_sentence(ms: list[Mention], adoc: AnnotatedDoc, lex: Lexicon, bg: set[int], headline_end: int,
                   r: compare.Rules, side: set[int] | None = None) -> list[Unit]:
    """The units of one sentence's mentions (in text order); ``side``: the ids of mentions in a
    phrase of the same time (:func:`aside`)."""
    units = [Unit([m], lex, headline_end, bg, side) for m in ms]
    while len(units) > 1:
        pairs = [(i, j) for i in range(len(units)) for j in range(i + 1, len(units))
                 if _join(units[i], units[j], adoc, lex, bg, r)]
        if not pairs:
            break
        # a vague word joins the event on its side of a background phrase first ("rockets fired
        # in response to a strike that killed three": the three died in the strike)
        i, j = min(pairs, key=lambda p: ((id(units[p[0]].best) in bg) != (id(units[p[1]].best) in bg), p))
        units[i].absorb(units[j])
        del units[j]
    return units


def _join(a: Unit, b: Unit, adoc: AnnotatedDoc, lex: Lexicon, bg: set[int], r: compare.Rules) -> bool:
    in_bg_a, in_bg_b = id(a.best) in bg, id(b.best) in bg
    if a.vague and b.vague and a.historical != b.historical:
        return False  # "Saturday's attack ... where a bomber killed 28 in 2008"
    if a.vague or b.vague:
        # a vague word in the sentence of a specific one belongs to it, whatever date or place the
        # other stages gave each ("a 2011 bombing ... killed 17"), unless one sits in a background
        # phrase and their dates disagree ("the incident comes two weeks after the massacre")
        return (in_bg_a == in_bg_b or compatible(a, b, r, places=False)) \
            and not own_dates_differ(a.best, b.best, r)
    if not compatible(a, b, r):
        return False
    if in_bg_a != in_bg_b:
        return False  # "missiles ... in retaliation for a gas attack": two events
    return kin(a, b) or any(linked(adoc, x, y, lex) for x in a.mentions for y in b.mentions)
