"""Find and resolve every time expression of a document: ``adoc.times``.

The grammar (grammar.py, data/time/patterns.yaml) proposes candidates over the raw text; the
spaCy parse then vets them (a bare "2011" must be a DATE, not a count; "May" must not be the
modal verb) and tells the tense (a date modified by "will" looks forward). Candidates are
resolved in text order so that "the next day" or "three days after" counts from the date
before it (the discourse reference time: the last date of an event, not of a report).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import docstate
from ..record import AnnotatedDoc, TimeExpr
from . import grammar
from .framing import framing
from .lexicon import lexicon
from .resolve import RESOLVERS, Context, Resolution, amount, shift, unit_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_NOT_A_YEAR = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}
_NAMES = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "NORP", "GPE", "LOC"}


@dataclass
class Complement:
    """The date of the clause after "one day after" when it differs from the main clause's."""

    head: int  # token index of the complement's head
    res: Resolution


COMPLEMENTS = docstate.declare(
    "when.complements", owner="when.annotate",
    doc="TimeExpr.start -> Complement: the date of the clause after 'one day after X' when it differs")


def span_root(span: Span) -> Token:
    """The token of ``span`` whose head lies outside it (the span's own root)."""
    for t in span:
        if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i:
            return t
    return span.root


def _clause_verb(tok: Token, hops: int = 4) -> Token | None:
    """The verb (or a participle like "due", "scheduled") a word belongs to, a few heads up."""
    participles = lexicon().future_participles
    t = tok
    for _ in range(hops):
        if t.pos_ in ("VERB", "AUX") or t.tag_ == "VBN" or (t.tag_ == "JJ" and t.lemma_.lower() in participles):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def is_future(span: Span) -> bool:
    """True when the verb a date belongs to is in the future ("will vote on Sunday")."""
    lx = lexicon()
    v = _clause_verb(span_root(span).head)
    if v is None:
        return False
    for c in v.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in lx.future_aux:
            return True
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ == "VBD" for c in v.children):
        return False  # "had been planned since September": a past perfect tells of the past
    if v.tag_ in ("VBN", "JJ") and v.lemma_.lower() in lx.future_participles:
        return True  # "scheduled for October 15", "due on Monday"
    if any(c.dep_ == "mark" and c.lower_ in lx.future_marks for c in v.children) and (
            v.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")
                                            for c in v.children)):
        return True  # "if he is elected on 27 May": a condition in the present looks forward
    return v.dep_ == "xcomp" and v.head.lemma_.lower() in lx.future_verbs  # "plans to vote on Sunday"


def _year_is_date(c: grammar.Candidate, span: Span) -> bool:
    """A bare four-digit number is a year only if the parse agrees."""
    tok = next((t for t in span if t.text == c.groups.get("year")), None)
    if tok is None:
        return True
    if tok.ent_type_ in _NOT_A_YEAR:
        return False
    head = tok.head
    before = tok.nbor(-1) if tok.i > 0 else None
    if (tok.dep_ == "nummod" and head.tag_ == "NNS" and head.i == tok.i + 1
            and (before is None or before.dep_ != "det")):
        return False  # "2000 soldiers" is a count; "the 2011 bombings" is a year
    if c.groups.get("prep") or c.groups.get("mod") or "year" in span.text.lower():
        return True
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return tok.ent_type_ == "DATE" or (nxt is not None and nxt.text in ("'s", "’s"))


def _in_embed(text: str, pos: int) -> bool:
    """Is ``pos`` on a line of an embedded post (framing.yaml embed_markers before it on its line)?"""
    line = text[text.rfind("\n", 0, pos) + 1:pos].lower()
    return any(mark in line for mark in framing().embeds)


def _dates_a_report(span: Span) -> bool:
    """True when the date modifies a verb of reporting ("officials said on Thursday")."""
    head = span_root(span).head
    if head.pos_ == "ADP":
        head = head.head
    fr = framing()
    if head.dep_ == "acl" and head.head.lemma_.lower() in fr.reporting | fr.report_nouns:
        return True  # "a police report seen Thursday by AFP", "a statement issued on Friday"
    return head.lemma_.lower() in fr.reporting


def _name_is_date(c: grammar.Candidate, span: Span) -> bool:
    """A month or weekday name is not a date as the modal "may", or inside a name ("the Sunday
    Times", "April Smith", "the 19 April Movement": a day and month that begin a capitalised
    name of lexicon.yaml's name_heads)."""
    if c.groups.get("month") and _begins_a_name(span):
        return False
    for key in ("month", "weekday"):
        name = (c.groups.get(key) or "").rstrip(".")
        if not name:
            continue
        tok = next((t for t in span if t.text.rstrip(".") == name), None)
        if tok is not None and (tok.tag_ == "MD" or tok.ent_type_ in _NAMES):
            return False
    return True


def _begins_a_name(span: Span) -> bool:
    """Is the expression the first words of a name: the next word a capitalised head of
    lexicon.yaml's name_heads ("the 19 April Movement", "6 October Square")?"""
    doc = span.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.is_title and nxt.lower_ in lexicon().name_heads


def _deictic_is_date(c: grammar.Candidate, span: Span) -> bool:
    """ "overnight" in "overnight raids" describes the raids (an adjective), it does not date them."""
    if c.resolve != "deictic":
        return True
    word = (c.groups.get("deictic") or "").split()
    tok = next((t for t in span if word and t.lower_ == word[-1].lower()), None)
    # ("yesterday morning": the noun it qualifies is the expression's own part of the day)
    return not (tok is not None and tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN"
                and not span.start <= tok.head.i < span.end)


def _complement(c: grammar.Candidate, span: Span, ref: Resolution, value: Resolution) -> Complement | None:
    """For "N days after X": which side of the offset the reference date belongs to.

    Given before new: when the expression comes before the verb it modifies ("Three days after
    the bombing, police ..."), X is the reference date and the main clause is counted from it
    (the default). When it follows its verb ("The attack took place one day after a bomber
    struck a convoy", "The incident comes two weeks after the massacre"), the main clause keeps
    the reference date and X is counted back. Either way X gets its own date (the Complement).
    """
    lx = lexicon()
    dir_word = " ".join(c.groups.get("dir", "").lower().split())
    if dir_word not in ("after", "before", "prior to") or ref.day is None:
        return None
    last = span[-1]
    if last.dep_ == "mark":
        head, verb = last.head, last.head.head
    else:
        head = next((k for k in last.children if k.dep_ in ("pobj", "pcomp", "advcl", "ccomp")), None)
        verb = span_root(span).head
    if head is None:
        return None
    if span.start < verb.i:  # before its verb: X is the reference
        return Complement(head.i, Resolution(ref.day, ref.precision, ref.relative, f"'{span.text}': the reference date"))
    sign = -1 if dir_word in lx.offset_before else 1
    n, _ = amount(c.groups, lx)
    d, prec = shift(ref.day, ref.precision, unit_of(c.groups, lx), -sign * n)
    value.day, value.precision = ref.day, ref.precision
    value.note = f"'{span.text}' after its verb: the main clause keeps {ref.value}"
    return Complement(head.i, Resolution(d, prec, ref.relative, f"'{span.text}' counted back from {ref.value}"))


def annotate(adoc: AnnotatedDoc) -> None:
    """Fill ``adoc.times`` with every time expression of the text, resolved, sorted by start."""
    text, doc, pub = adoc.article.text, adoc.doc, adoc.article.published
    complements: dict[int, Complement] = {}
    times: list[TimeExpr] = []
    ref: Resolution | None = None
    for c in grammar.find(text):
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        surface = text[c.start : c.end]
        if _in_embed(text, c.start):
            continue  # "— name (@handle) August 6, 2021": when a post was made, not a date of the story
        if c.kind != "date":
            times.append(TimeExpr(surface, c.start, c.end, None, "unknown", c.kind, False, f"{c.kind}: not a date"))
            continue
        if c.pattern in ("year", "month_year") and not _year_is_date(c, span):
            continue
        if not _name_is_date(c, span) or not _deictic_is_date(c, span):
            continue
        fn = RESOLVERS.get(c.resolve or "")
        if fn is None:
            continue
        res = fn(surface, c.groups, Context(pub, is_future(span), ref))
        if res is None:
            continue
        if c.resolve == "offset" and ref is not None:
            comp = _complement(c, span, ref, res)
            if comp is not None:
                complements[c.start] = comp
        times.append(TimeExpr(surface, c.start, c.end, res.value, res.precision, "date", res.relative, res.note,
                              vague=res.vague))
        if res.day is not None and c.resolve != "recent" and not _dates_a_report(span):
            ref = res  # the reference time moves with the story's events, not its reports
    times.sort(key=lambda t: t.start)
    adoc.times = times
    adoc.put(COMPLEMENTS, complements)
