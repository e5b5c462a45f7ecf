"""Which dated expression governs an event word (the rules are listed in attach.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .framing import framing, is_old
from .index import Index, Item, bisect
from .lexicon import lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..record import TimeExpr

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


def _cause_prep(prep: Token, causes: frozenset[str]) -> bool:
    """Is ``prep`` (with the words of a multi-word preposition above it) a preposition of a cause or
    a past: "after", "over", "in connection with", "in response to"? Never after a verb of motion
    ("drove over a roadside bomb": where, not why)."""
    if prep.head.lemma_.lower() in framing().motion:
        return False
    if prep.lower_ in causes:
        return True
    noun, outer = prep.head, prep.head.head  # "with" <- "connection" <- "in"
    return outer.dep_ == "prep" and f"{outer.lower_} {noun.lower_} {prep.lower_}" in causes


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}  # a stated day beats "this year"


def _chain(trig: Token, stop: frozenset[str]) -> list[Token]:
    """The trigger and its ancestors, up to (not across) a framing word or a preposition of a
    cause or a past ("arrested on Saturday in connection with the assault": not the assault's day)."""
    out = [trig]
    t = trig
    causes = framing().causes
    while t.head.i != t.i:
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and _cause_prep(t.head, causes) \
                and _clause_head(t.head).i < t.head.i:
            # the chain ends at the preposition: the dates above are another event's (a phrase put
            # first, "In connection with the attack on 22 July, the front said ...", keeps its date)
            out.append(t.head)
            return out
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


def _nearest(items: list[Item], trig: Token) -> Item:
    return min(items, key=lambda it: abs(it.root.i - trig.i))


def _inside(i: int, top: Token) -> bool:
    return top.left_edge.i <= i <= top.right_edge.i


def _dominating(trig: Token, chain: list[Token], items: list[Item]) -> list[tuple[float, Item]]:
    """(hops, item) for each date that modifies the trigger or a word above it."""
    pos = {t.i: k for k, t in enumerate(chain)}
    through = framing().through
    out: list[tuple[float, Item]] = []
    for it in items:
        hops: float | None = None
        for tok_i in range(it.lo, it.hi):  # the trigger hangs off the date ("2003, when ... killed")
            if tok_i in pos and tok_i != trig.i:
                hops = pos[tok_i] - 0.5
                break
        if hops is None and it.attach.i in pos and (not it.nominal or _describes(chain, pos[it.attach.i])):
            hops = pos[it.attach.i]
        if hops is None and it.nominal and it.attach.dep_ == "pobj" and it.attach.head.lower_ in through:
            hops = pos.get(it.attach.head.head.i)  # "attacks since a 2011 bombing"
        if hops is not None:
            out.append((hops, it))
    return out


def govern(trig: Token, items: list[Item]) -> Choice | None:
    """The date that governs ``trig`` among the dated expressions of its sentence (rules 1-4
    of attach.py), or None."""
    if not items:
        return None
    fr = framing()
    chain = _chain(trig, fr.ancestors)

    def event_date(it: Item) -> bool:  # neither a noun's own date nor the report's
        return not it.nominal and (it.covers(trig) or not _reports(it, trig, fr.reporting))

    noun = trig.head if trig.dep_ == "compound" else trig
    if noun.pos_ in ("NOUN", "PROPN"):
        # "an accord signed on 24 June", "the attack carried out on Monday": a participle that
        # describes the event noun dates it
        parts = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        # "the killing of four nuns carried out on Tuesday", parsed with the participle on "nuns"
        parts += [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"
                  for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in fr.perpetration]
        inner = [it for it in items for c in parts if _inside(it.attach.i, c) and event_date(it)]
        if inner:
            return Choice(_nearest(inner, trig), "own")
    # at the same height, the more precise date first ("This year, gunmen killed four on Thursday")
    ranked = sorted(_dominating(trig, chain, items),
                    key=lambda h: (h[0], PRECISION_RANK.get(h[1].te.precision, 4), abs(h[1].root.i - trig.i)))
    # a date above the verb of saying that reports the trigger's clause dates something else (a
    # misparse of "Forces deployed last month ... said Sunday they had recaptured the port")
    said = next((k for k, t in enumerate(chain) if k and t.lemma_.lower() in fr.reporting), None)
    if said is not None:
        ranked = [(h, it) for h, it in ranked if h <= said]
    own = [(h, it) for h, it in ranked if event_date(it) or it.nominal]  # nominal: passed _describes
    reports = [it for _, it in ranked if not (event_date(it) or it.nominal)]
    conj = next((k for k, t in enumerate(chain) if t.dep_ == "conj"), None)
    if conj is not None and (not own or own[0][0] > conj):
        # "captured Mosul in January ... and launched an attack on Feb. 19": a conjunct verb
        # with a date of its own is not dated by what modifies the first verb
        inner = [it for it in items if _inside(it.attach.i, chain[conj]) and event_date(it)]
        if inner:
            return Choice(_nearest(inner, trig), "clause")
    if own:
        return Choice(own[0][1], "own")
    if chain[-1].head.i != chain[-1].i:  # a framing word stopped the chain: look only below it
        items = [it for it in items if _inside(it.attach.i, chain[-1])]
    clause = _clause_head(trig)
    same = [it for it in items if event_date(it) and it.attach.pos_ != "NOUN"
            and _clause_head(it.attach).i == clause.i]
    if same:
        return Choice(_nearest(same, trig), "clause")
    sub = [it for it in items if event_date(it) and _inside(it.attach.i, clause) and _adverbial(it.attach, clause, trig)
           and not _under_framing(it, trig, fr.ancestors)]
    if sub:
        return Choice(_nearest(sub, trig), "sub")
    told = [it for it in items if event_date(it) and _occurred(it.attach, trig, fr.occurrence)]
    if told:  # "a blast that occurred on Friday near a mosque"
        return Choice(_nearest(told, trig), "clause")
    doc = trig.doc
    after = [it for it in items if it.lo > trig.i and event_date(it) and it.attach.pos_ in ("NOUN", "PROPN")
             and not any(doc[j].pos_ in ("VERB", "AUX") for j in range(trig.i + 1, it.lo))]
    if after:  # a date hung on a nearby noun, with no other verb between: "opened fire on a mob
        return Choice(after[0], "clause")  # near X, a district of Y on Friday" (a misparse)
    # (a name has no date of its own: a date the parse hung on one is no noun's own date)
    before = [it for it in items if it.hi < trig.i and trig.pos_ == "VERB"
              and (event_date(it) or (it.nominal and it.attach.pos_ == "PROPN"))
              and it.attach.pos_ in ("NOUN", "PROPN") and not _reports(it, trig, fr.reporting)
              and not any(doc[j].pos_ in ("VERB", "AUX") for j in range(it.hi, trig.i))]
    if before:  # the clause's opening date, hung on its subject: "Yesterday morning at 0730,
        return Choice(before[-1], "clause")  # 20 terrorists machinegunned a bus" (a misparse)
    if reports:
        return Choice(reports[0], "report")
    rep = [it for it in items if not it.covers(trig) and _reports(it, trig, fr.reporting)]
    if rep:
        return Choice(_nearest(rep, trig), "report")
    return None


def _adverbial(tok: Token, clause: Token, trig: Token) -> bool:
    """True when ``tok`` modifies ``clause`` through adverbials ("killed when rebels ambushed
    them Sunday", "at 5 p.m. on Tuesday") or a participle of its subject before the verb
    ("soldiers backed by jets on Tuesday recaptured"), not through a clause that describes a
    noun ("arrested a man who fought in 2014", "the violence, which began in 2011, has killed")
    nor as a noun's own modifier ("arrested two men over an attack in March")."""
    if tok.pos_ == "NOUN" and tok.lower_ not in lexicon().time_nouns:
        return False
    marks = framing().other_time
    t = tok
    while t.i != clause.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "appos") or (t.dep_ == "acl" and tok.i > trig.i):
            return False
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in t.children):
            return False  # "... since he ousted the cabinet on Monday": another time
        if t.dep_ == "advcl" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i != clause.i:
            return False  # "- the group's first attack after Israel killed X this week": the noun's clause
        t = t.head
    return t.i == clause.i


def _occurred(tok: Token, trig: Token, verbs: frozenset[str]) -> bool:
    """Is ``tok`` inside a relative clause of the trigger noun itself whose verb tells that it
    happened (framing.yaml ``occurrence_verbs``: "the blast that occurred on Friday", "an attack
    which took place on Monday")? Its date is the event's. (A clause about another noun, "a man
    who fought in 2014", or another act, "the attack, which IS claimed on Saturday", is not.)"""
    t = tok
    while t.head.i != t.i and t.i != trig.i:
        if t.dep_ in ("relcl", "acl") and t.head.i == trig.i:
            return t.lemma_.lower() in verbs
        t = t.head
    return False


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


def earlier(idx: Index, si: int) -> Choice | None:
    """The reference time of the text around sentence ``si``: the date of the nearest earlier
    sentence that has one. Within the paragraph any date carries over; across paragraphs only a
    date inside the news window does (a background paragraph does not date what follows it).
    At the start of a story (no earlier date at all: a headline, a lead that gives the day in
    its second sentence) the next sentences' first date inside the window is taken."""
    seen = False
    lead = _lead_day(idx, si)
    for k in range(si - 1, -1, -1):
        c = sentence_date(idx, k)
        if c is None or idx.ahead(c.item.te.value):
            continue  # a day still to come ("the vote is expected on 20 June") dates nothing told
        seen = True
        if c.how == "report":  # "..., the ministry said on Tuesday": the story so far was reported then
            return Choice(c.item, "report") if not idx.old(c.item.te.value) else None
        if idx.para[k] == idx.para[si]:
            return Choice(c.item, "paragraph")
        if lead is not None and _day(c) is not None and _day(c) < lead:
            # "Last Friday, the police banned the march." -- a paragraph that looks back to a day
            # before the story's own does not date the paragraphs after it: the story returns
            continue
        if not idx.old(c.item.te.value):
            return Choice(c.item, "earlier")
    if seen:
        return None
    for k in range(si + 1, min(si + 1 + LOOKAHEAD, len(idx.sents))):
        c = sentence_date(idx, k)
        if c is not None and idx.ahead(c.item.te.value):
            continue
        if c is not None:
            return Choice(c.item, "following") if not idx.old(c.item.te.value) else None
    return None


def _day(c: Choice) -> str | None:
    te = c.item.te
    return te.value if te.value and te.precision == "day" else None


def _lead_day(idx: Index, si: int) -> str | None:
    """The day of the story: that of the first sentence (before ``si``) that dates its event,
    found once per document."""
    if not idx.lead:
        # a line with no verb ("Tempo - March 17, 2022") dates the page, not the story's event
        idx.lead.append(next(
            ((k, c) for k in range(len(idx.sents)) if (c := sentence_date(idx, k)) is not None
             and not idx.ahead(c.item.te.value) and c.how != "report"
             and any(t.pos_ in ("VERB", "AUX") for t in idx.sents[k])), None))
    lead = idx.lead[0]
    return _day(lead[1]) if lead is not None and lead[0] < si else None


def late_report(idx: Index) -> TimeExpr | None:
    """The date of a late report's event: the story's lead (its first body sentence with a verb)
    reports on the publication day ("the army reported today that guerrillas killed a mayor on
    2 May") an event its complement dates before the news window, but at most
    framing.yaml ``late_report_days`` before publication. That event is the story's news; None
    when the lead is no such report. Found once per document."""
    if not idx.late:
        idx.late.append(_late_report(idx))
    return idx.late[0]


def _late_report(idx: Index) -> TimeExpr | None:
    if idx.now is None or not idx.now_is_pub:
        return None
    k = next((k for k, s in enumerate(idx.sents) if s.start_char >= idx.title_end
              and any(t.pos_ in ("VERB", "AUX") for t in s)), None)
    if k is None or not (items := idx.items.get(k)):
        return None
    fr = framing()
    root = idx.sents[k].root
    if root.lemma_.lower() not in fr.reporting:
        return None
    comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
    said = govern(root, items)
    if comp is None or said is None or said.item.te.value != idx.now.isoformat():
        return None  # the report is not dated on the day of the story
    told = govern(comp, items)
    if told is None or told.how == "report" or told.item.nominal or told.item.te.precision != "day":
        return None
    value = told.item.te.value
    if not idx.old(value) or is_old(value, idx.now, fr.late):
        return None
    return told.item.te


def sentence_date(idx: Index, k: int) -> Choice | None:
    """The date of sentence ``k``'s main event: the one governing its root, or, when the root
    reports ("police said on Friday that gunmen had attacked ... on Wednesday"), its complement."""
    if k in idx.sent_dates:
        return idx.sent_dates[k]
    idx.sent_dates[k] = c = _sentence_date(idx, k)
    return c


def _sentence_date(idx: Index, k: int) -> Choice | None:
    items = idx.items.get(k, [])
    if not items:
        return None
    root = idx.sents[k].root
    if root.lemma_.lower() in framing().reporting:
        comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
        c = govern(comp, items) if comp is not None else None
        if c is not None and c.how != "report":
            return c
        c = govern(root, items)  # the date of the report itself
        return Choice(c.item, "report") if c is not None else None
    return govern(root, items)


def headline(idx: Index, trig: Token) -> Choice | None:
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
        if c is not None and not idx.old(c.item.te.value):
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
    plural = t.tag_ == "NNS"  # "the attacks" does not refer back to "Tuesday's attack"
    before = [it for it in idx.by_noun.get(t.lemma_.lower(), []) if it.hi <= t.i and it.attach.i != t.i
              and (it.attach.tag_ == "NNS") == plural]
    if before:
        return Choice(before[-1], "anaphora")
    if not plural or t.lemma_.lower() not in framing().generic_anaphors:
        return None  # "the attack" is the story's event; "the attacks", the ones just told
    # "... bombings in three towns over the weekend. The attacks killed six": the events just told
    si = bisect(idx.starts, t.idx)
    told = [it for k in (si - 1, si) if k >= 0 and idx.para[k] == idx.para[si]
            for it in idx.items.get(k, []) if it.te.value is not None and it.hi <= t.i]
    return Choice(told[-1], "anaphora") if told else None


