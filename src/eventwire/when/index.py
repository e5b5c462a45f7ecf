"""Per-document tables for dating mentions: sentences, paragraphs, and each resolved date
with its place in the dependency parse. Built once per document, on the first attach."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .. import docstate
from ..record import TIMES, AnnotatedDoc, Mention, TimeExpr, headline_end
from .annotate import COMPLEMENTS, annotate, span_root
from .framing import framing, is_old
from .resolve import parse_value

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_NOMINAL_HEADS = ("NOUN", "PROPN", "PRON", "NUM")


@dataclass
class Item:
    """A resolved date of the document with its place in the parse."""

    te: TimeExpr
    sent: int
    root: Token  # the expression's own root token
    attach: Token  # the word it modifies (through its preposition)
    lo: int  # token range of the expression
    hi: int
    nominal: bool  # modifies a noun ("the 2011 bombing")

    def covers(self, tok: Token) -> bool:
        return self.lo <= tok.i < self.hi


@dataclass
class Index:
    """Per-document lookup tables, built once per document on the first attach."""

    def old(self, value: str | None) -> bool:
        """True when ``value`` is before the news window (see framing.is_old)."""
        return is_old(value, self.now, whole=not self.now_is_pub)

    def ahead(self, value: str | None) -> bool:
        """True when ``value`` begins after the publication day (a vote "expected on 20 June")."""
        if not value or self.now is None or not self.now_is_pub:
            return False
        try:
            start = date.fromisoformat((value + "-01-01")[:10] if len(value) == 4 else
                                       (value + "-01")[:10] if len(value) == 7 else value[:10])
        except ValueError:
            return False
        return start > self.now

    sents: list[Span]
    starts: list[int]  # start character of each sentence
    para: list[int]  # paragraph number of each sentence
    items: dict[int, list[Item]]  # sentence -> its date expressions (value None: unresolved)
    by_noun: dict[str, list[Item]]  # noun lemma -> the dates that modify such a noun, in order
    now: date | None  # the news day: publication, else the start of the latest explicit date
    now_is_pub: bool
    title_end: int  # characters of the headline at the start of the text (0: none)
    sent_dates: dict = field(default_factory=dict)  # sentence -> its main date (govern.sentence_date)
    lead: list = field(default_factory=list)  # [(sentence, Choice) of the story's first date, or None] once known
    late: list = field(default_factory=list)  # [the TimeExpr of a late report's event (govern.late_report), or None]


INDEX = docstate.declare("when.index", owner="when.index", cache=True, built_on=(TIMES, COMPLEMENTS),
                         doc="the Index of adoc.times (build): sentences, paragraphs, dates by sentence")


def build(adoc: AnnotatedDoc) -> Index:
    """The tables of ``adoc`` (cached on the document; when.annotate runs first if it has not)."""
    if adoc.has(INDEX):
        return adoc.get(INDEX)
    if not adoc.has(COMPLEMENTS):
        annotate(adoc)
    nominal_deps = framing().nominal_deps
    doc, text = adoc.doc, adoc.article.text
    sents = adoc.sentences
    para, p = [], 0
    for k, s in enumerate(sents):
        if k and "\n" in text[sents[k - 1].end_char - 1 : s.start_char + 1]:
            p += 1
        para.append(p)
    starts = adoc.sentence_starts
    items: dict[int, list[Item]] = {}
    for te in adoc.times:
        if te.kind != "date":
            continue
        span = doc.char_span(te.start, te.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span_root(span)
        at = root.head
        if at.pos_ == "ADP" and at.head.i != at.i and not (span.start <= at.i < span.end):
            at = at.head
        if root.dep_ == "prep" and at.pos_ in ("NOUN", "PROPN") and span.end <= at.i:
            # "In 2011 a blast ... killed": an English noun takes its prepositional phrases after
            # it, so one before it (misparsed onto the noun) modifies the clause
            while at.pos_ not in ("VERB", "AUX") and at.head.i != at.i:
                at = at.head
        nominal = root.dep_.lower() in nominal_deps and at.pos_ in _NOMINAL_HEADS
        si = bisect(starts, span.start_char)
        items.setdefault(si, []).append(Item(te, si, root, at, span.start, span.end, nominal))
    by_noun: dict[str, list[Item]] = {}
    for si in sorted(items):
        for it in items[si]:
            if it.attach.pos_ == "NOUN" and it.te.value is not None:
                by_noun.setdefault(it.attach.lemma_.lower(), []).append(it)
    now = adoc.article.published
    if now is None:  # no publication date: the latest explicit date stands in for it
        explicit = [d for t in adoc.times
                    if t.kind == "date" and not t.relative and (d := parse_value(t.value)) is not None]
        now = max(explicit) if explicit else None
    idx = Index(sents, starts, para, items, by_noun, now, adoc.article.published is not None,
                headline_end(adoc.article))
    adoc.put(INDEX, idx)
    return idx


def bisect(starts: list[int], char: int) -> int:
    lo, hi = 0, len(starts)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if starts[mid] <= char:
            lo = mid
        else:
            hi = mid
    return lo


def trigger(adoc: AnnotatedDoc, m: Mention) -> Token | None:
    """The head token of the mention's trigger."""
    span = adoc.doc.char_span(m.start, max(m.end, m.start + 1), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span_root(span)


