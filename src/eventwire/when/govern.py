"""Which dated expression governs an event word (the rules are listed in attach.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .framing import framing, is_old
from .index import Index, Item, bisect

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

DEFINITE = frozenset({"the", "that", "those", "these", "this"})
LOOKAHEAD = 2  # sentences a story's first undated event may look ahead for its date


@dataclass
class Choice:
    item: Item
    how: str  # "own" | "clause" | "sub" | "report" | "paragraph" | "complement"


def _clause_head(tok: Token) -> Token:
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


def _chain(trig: Token, stop: frozenset[str]) -> list[Token]:
    """The trigger and its ancestors, up to (not across) a framing word."""
    out = [trig]
    t = trig
    while t.head.i != t.i:
        t = t.head
        if t.lemma_.lower() in stop:
            break
        out.append(t)
    return out


def _reports(it: Item, trig: Token, reporting: frozenset[str]) -> bool:
    """True when ``it`` dates a verb of reporting, not the event ``trig``."""
    a = it.attach
    if a.lemma_.lower() in reporting and a.i != trig.i:
        return True
    # "said on Friday they had arrested": the parse may hang the date on the reported verb;
    # between the reporting verb and the reported clause's subject it still dates the report
    if a.dep_ == "ccomp" and a.head.lemma_.lower() in reporting and a.head.i < it.lo:
        subj = next((c for c in a.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and it.hi <= subj.left_edge.i
    return False


def _describes(chain: list[Token], k: int) -> bool:
    """True when the trigger is the noun at chain[k] or sits in a clause describing it
    ("the 2011 bombing which killed 17": the date of the bombing dates the killing)."""
    return k == 0 or (k >= 1 and chain[k - 1].dep_ in ("relcl", "acl"))


def govern(trig: Token, items: list[Item]) -> Choice | None:
    """The date that governs ``trig`` among the dated expressions of its sentence."""
    if not items:
        return None
    fr = framing()
    reporting, stop = fr.reporting, fr.ancestors
    chain = _chain(trig, stop)
    pos = {t.i: k for k, t in enumerate(chain)}

    def is_report(it: Item) -> bool:
        return not it.covers(trig) and _reports(it, trig, reporting)

    best: list[tuple[float, int, Item]] = []
    for it in items:
        hops = None
        for tok_i in range(it.lo, it.hi):  # the trigger hangs off the date ("2003, when ... killed")
            if tok_i in pos and tok_i != trig.i:
                hops = pos[tok_i] - 0.5
                break
        if hops is None and it.attach.i in pos and (not it.nominal or _describes(chain, pos[it.attach.i])):
            hops = pos[it.attach.i]
        if hops is None and it.nominal and it.attach.dep_ == "pobj" and it.attach.head.lower_ in fr.through:
            up = it.attach.head.head  # "attacks since a 2011 bombing"
            hops = pos.get(up.i)
        if hops is not None:
            best.append((hops + (100 if is_report(it) else 0), abs(it.root.i - trig.i), it))
    own = min(best, key=lambda b: (b[0], b[1])) if best else None
    conj = next((k for k, t in enumerate(chain) if t.dep_ == "conj"), None)
    if conj is not None and (own is None or own[0] > conj):
        # "captured Mosul in January ... and launched an attack on Feb. 19": a conjunct verb
        # with a date of its own is not dated by what modifies the first verb
        top = chain[conj]
        inner = [it for it in items if top.left_edge.i <= it.attach.i <= top.right_edge.i
                 and not it.nominal and not is_report(it)]
        if inner:
            return Choice(min(inner, key=lambda it: abs(it.root.i - trig.i)), "clause")
    if own and own[0] < 100:
        return Choice(own[2], "own")
    if chain[-1].head.i != chain[-1].i:  # a framing word stopped the chain: look only below it
        top = chain[-1]
        items = [it for it in items if top.left_edge.i <= it.attach.i <= top.right_edge.i]
    clause = _clause_head(trig)
    same = [it for it in items if not it.nominal and not is_report(it) and it.attach.pos_ != "NOUN"
            and _clause_head(it.attach).i == clause.i]
    if same:
        return Choice(min(same, key=lambda it: abs(it.root.i - trig.i)), "clause")
    sub = [it for it in items if not it.nominal and not is_report(it) and clause.left_edge.i <= it.attach.i <= clause.right_edge.i
           and _under_framing(it, trig, stop) is False]
    if sub:
        return Choice(min(sub, key=lambda it: abs(it.root.i - trig.i)), "sub")
    doc = trig.doc
    after = [it for it in items if it.lo > trig.i and not it.nominal and not is_report(it)
             and it.attach.pos_ in ("NOUN", "PROPN")
             and not any(doc[j].pos_ in ("VERB", "AUX") for j in range(trig.i + 1, it.lo))]
    if after:  # a date hung on a nearby noun, with no other verb between: "opened fire on a mob
        return Choice(after[0], "clause")  # near X, a district of Y on Friday" (a misparse)
    if own:
        return Choice(own[2], "report")
    rep = [it for it in items if is_report(it)]
    if rep:
        return Choice(min(rep, key=lambda it: abs(it.root.i - trig.i)), "report")
    return None


def _under_framing(it: Item, trig: Token, stop: frozenset[str]) -> bool:
    """True when a framing word lies between the trigger and the clause it shares with ``it``."""
    t = trig
    while t.head.i != t.i:
        if t.lemma_.lower() in stop:
            return True
        if t.i == it.attach.i:
            return False
        t = t.head
    return False


def earlier(idx: Index, si: int, now: date | None) -> Choice | None:
    """The reference time of the text around sentence ``si``: the date of the nearest earlier
    sentence that has one. Within the paragraph any date carries over; across paragraphs only a
    date inside the news window does (a background paragraph does not date what follows it).
    At the start of a story (no earlier date at all: a headline, a lead that gives the day in
    its second sentence) the next sentences' first date inside the window is taken."""
    seen = False
    for k in range(si - 1, -1, -1):
        c = sentence_date(idx, k)
        if c is None:
            continue
        seen = True
        if idx.para[k] == idx.para[si]:
            return Choice(c.item, "paragraph")
        if not is_old(c.item.te.value, now):
            return Choice(c.item, "earlier")
    if seen:
        return None
    for k in range(si + 1, min(si + 1 + LOOKAHEAD, len(idx.sents))):
        c = sentence_date(idx, k)
        if c is not None:
            return Choice(c.item, "following") if not is_old(c.item.te.value, now) else None
    return None


def sentence_date(idx: Index, k: int) -> Choice | None:
    """The date of sentence ``k``'s main event: the one governing its root, or, when the root
    reports ("police said on Friday that gunmen had attacked ... on Wednesday"), its complement."""
    items = idx.items.get(k, [])
    if not items:
        return None
    root = idx.sents[k].root
    if root.lemma_.lower() in framing().reporting:
        comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
        c = govern(comp, items) if comp is not None else None
        if c is not None and c.how != "report":
            return c
    return govern(root, items)


def headline(idx: Index, trig: Token, now: date | None) -> Choice | None:
    """A headline's event word takes the date the body gives the same word ("Cell arrested in
    Morocco" -> "said on Friday they had arrested"), the first one inside the news window."""
    if trig.idx >= idx.title_end:
        return None
    lemma = trig.lemma_.lower()
    for tok in trig.doc:
        if tok.idx < idx.title_end or tok.lemma_.lower() != lemma:
            continue
        k = bisect(idx.starts, tok.idx)
        c = govern(tok, idx.items.get(k, []))
        if c is not None and not is_old(c.item.te.value, now):
            return Choice(c.item, "headline")
    return None


def anaphora(idx: Index, trig: Token) -> Choice | None:
    """"the truck bombings that killed 224": a definite event noun takes the date an earlier
    mention of the same noun had ("the 1998 bombings")."""
    t = trig
    while t.pos_ != "NOUN" and t.dep_ in ("relcl", "acl") and t.head.i != t.i:
        t = t.head
    if t.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in t.children):
        return None
    before = [it for it in idx.by_noun.get(t.lemma_.lower(), []) if it.hi <= t.i and it.attach.i != t.i]
    return Choice(before[-1], "anaphora") if before else None


