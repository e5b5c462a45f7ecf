"""Figures of speech and other senses of event words: no event, whatever the word.

    figurative_reason(span, lex, generic=False) -> str | None   (a figure of speech)
    other_sense(span, lex) -> str | None                          (another sense of the word)

News borrows the words of violence for sport, markets, politics and medicine ("shares bombed", "the
match exploded into life", "a clash of titans", "a scathing attack on the budget", "died of a heart
attack") and uses some event words in another sense ("this demonstrates that", "lodged a formal
protest with the embassy"). Read from the parse with the ``figurative`` section and the cue lists
of data/what/context.yaml; eventwire.what.nonevent asks these checks with its own.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import Lexicon
from .resolve import kind_of, participants


def in_list(lex: Lexicon, name: str, tok: Token) -> bool:
    """Is the token (its form or its lemma) in the cue list ``name``?"""
    return lex.in_list(name, tok.lower_) or lex.in_list(name, tok.lemma_.lower())


def words_of(tok: Token) -> set[str]:
    """The token's form and lemma, lower-cased."""
    return {tok.lower_, tok.lemma_.lower()}


def _fig(lex: Lexicon, key: str):
    return (lex.context.get("figurative") or {}).get(key) or {}


def _keyed(lex: Lexicon, key: str, span: Span) -> frozenset[str]:
    """The words of figurative[key] listed for this trigger (by its phrase or its head's lemma)."""
    table = _fig(lex, key)
    out: set[str] = set()
    for k in (span.text.lower(), span.root.lemma_.lower(), span.root.lower_):
        out.update(str(w).lower() for w in table.get(k) or ())
    return frozenset(out)


# ---------------------------------------------------------------- figures of speech


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of the token's prepositions among ``preps`` ("died of a heart attack" -> attack)."""
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children
            if p.dep_ == "pobj"]


def agents_of(root: Token) -> list[Token]:
    """Subjects and by-agents of a trigger, and the noun a participle modifies ("shares bombed")."""
    out = [c for c in root.children if c.dep_ in ("nsubj", "csubj")]
    out += [p for c in root.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if not out and root.dep_ in ("acl", "amod") and root.head.pos_ in ("NOUN", "PROPN"):
        out.append(root.head)
    if not out and root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX"):
        out = [c for c in root.head.children if c.dep_ == "nsubj"]
    return out


def _figurative_noun(tok: Token, lex: Lexicon) -> bool:
    """A noun with its figurative modifier ("heart attack", "cyber attack")."""
    mods = {str(w).lower() for w in (_fig(lex, "modifiers").get(tok.lemma_.lower()) or ())}
    return any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in mods for c in tok.children)


def _natural_death(root: Token, lex: Lexicon) -> bool:
    """"died of a heart attack", "killed in the floods", "died from cancer", "crashed, killing"."""
    if root.dep_ in ("conj", "advcl", "xcomp") and in_list(lex, "accident_verbs", root.head):
        return True  # "the plane crashed, killing all aboard", "the ferry capsized and 40 died"
    return any(in_list(lex, "natural_causes", p) or _figurative_noun(p, lex)
               for p in prep_objects(root, ("of", "from", "in", "during")))


def _of_figure(root: Token, lex: Lexicon) -> bool:
    """The event noun of a figure: "a storm of protest" (the protest is criticism)."""
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    head = root.head.head
    table = _fig(lex, "of_nouns")
    listed = {str(w).lower() for k in (head.lemma_.lower(), head.lower_) for w in table.get(k) or ()}
    return bool(words_of(root) & listed)


def _against_objects(root: Token) -> list[Token]:
    """What the trigger (or the noun it takes as object: "fight the battle against ...") is against
    or on, with the nouns compounded to it ("drug trafficking")."""
    heads = [root, *(c for c in root.children if c.dep_ == "dobj")]
    objs = [p for h in heads for p in prep_objects(h, ("against", "on"))]
    return [w for p in objs for w in (p, *(c for c in p.children if c.dep_ in ("compound", "amod")))]


def _figurative_agent(tok: Token, words: frozenset[str], lex: Lexicon) -> bool:
    """A market, sport or disaster noun as the doer -- not "a team of gunmen"."""
    if not words_of(tok) & words:
        return False
    return not any(kind_of(p, lex) for p in prep_objects(tok, ("of",)))


def figurative_reason(span: Span, lex: Lexicon, generic: bool) -> str | None:
    root = span.root
    mods = _keyed(lex, "modifiers", span)
    if any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in mods and c not in span
           for t in span for c in t.children):
        return "figure: a figurative modifier"  # "heart attack", "ticking time bomb"
    of_nouns = _keyed(lex, "of_nouns", span)
    of_objects = [w for p in prep_objects(root, ("of",)) for w in (p, *(c for c in p.children if c.dep_ == "compound"))]
    if any(words_of(p) & of_nouns for p in of_objects):
        return "figure: of a figurative noun"  # "a clash of titans"
    if _of_figure(root, lex):
        return "figure: the noun of a figure"  # "a storm of protest"
    against = _keyed(lex, "against_nouns", span)
    if against and any(words_of(p) & against for p in _against_objects(root)):
        return "figure: a fight against an ill, not an enemy"  # "the battle against drug trafficking"
    into = frozenset(str(w).lower() for w in _fig(lex, "into_nouns") or ())
    if root.pos_ == "VERB" and any(words_of(p) & into for p in prep_objects(root, ("into",))):
        return "figure: into a figurative noun"  # "exploded into life"
    agents = frozenset(str(w).lower() for w in _fig(lex, "agents") or ())
    if any(_figurative_agent(a, agents, lex) or _figurative_noun(a, lex) for a in agents_of(root)):
        return "figure: a market, sport or disaster as the doer"  # "shares bombed", "floods killed"
    objects = _keyed(lex, "objects", span)
    if objects:
        _, patients = participants(span)
        if any(words_of(p) & objects for p in patients):
            return "figure: a figurative object"  # "executed its plan", "attacked the budget"
    units = frozenset(str(w).lower() for w in _fig(lex, "score_units") or ())
    if root.pos_ == "VERB" and any(words_of(p) & units for p in prep_objects(root, ("by", "in"))):
        return "figure: a sports score"  # "beat the hosts by 40 runs"
    if generic and _natural_death(root, lex):
        return "figure: a natural death"
    return None


# ---------------------------------------------------------------- other senses of event words


def other_sense(span: Span, lex: Lexicon) -> str | None:
    root = span.root
    if in_list(lex, "show_verbs", root) and root.pos_ == "VERB":
        # "this demonstrates that", "demonstrated great courage", "the courage demonstrated by"
        if any(c.dep_ in ("dobj", "ccomp", "nsubjpass") for c in root.children):
            return "sense: to show"
        if root.tag_ == "VBN" and root.dep_ in ("acl", "amod") and root.head.pos_ == "NOUN":
            return "sense: to show"
    nxt = root.doc[span.end] if span.end < len(root.doc) else None
    if in_list(lex, "signature_verbs", root) and nxt is not None and nxt.text == ":":
        return "sense: a signature"  # "Signed: J. Doe, spokesman"
    last = span[-1]
    if in_list(lex, "sit_verbs", root) and last.lower_ == "in" and any(c.dep_ == "pobj" for c in last.children):
        return "sense: sitting somewhere"  # "sitting in their offices", not a sit-in
    if root.lemma_.lower() == "deal" and root.pos_ == "VERB" and prep_objects(root, ("with",)):
        return "sense: to deal with"  # "the text deals with an end to hostilities"
    if root.lemma_.lower() == "protest" and root.lower_.startswith("protest") and len(span) == 1:
        # a protest lodged with a government: "lodged a formal protest", "summoned to protest to"
        if prep_objects(root, ("to",)):
            return "sense: a diplomatic protest"
        if root.dep_ == "dobj" and in_list(lex, "diplomatic_protest_verbs", root.head):
            return "sense: a diplomatic protest"
        if any(c.dep_ in ("amod", "compound") and in_list(lex, "diplomatic_protest_marks", c) for c in root.children):
            return "sense: a diplomatic protest"
    return None
