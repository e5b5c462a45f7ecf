"""HOW MANY: fatalities, injured and arrested stated in a sentence, read off the dependency parse.

A count is an amount (see :mod:`eventwire.what.counts_amounts`) standing in a counting relation
to a predicate: the object of an active "kill"/"arrest", the subject of a passive "were killed" or
of "died", a "3 dead"/"seven arrests" noun, the object of "death toll rose to 20". Coordinated
victims are added ("two soldiers and a civilian" -> 3); sub-counts are not ("15 people including
10 foreigners" -> 15). Among the counts of one field, the one whose predicate is nearest the
event's trigger in the tree wins; a clause placed at a distance in time ("two days after ...")
belongs to another event. The words live in ``data/numbers.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .. import docstate
from ..record import COUNT_FIELDS, AnnotatedDoc, Count
from .actors_names import is_person_word
from .counts_amounts import NumberPhrase, conservative_value, find_number_phrases
from .counts_amounts import lexicon as numbers
from .counts_links import (
    NOMINAL_POS,
    VERB_POS,
    bare_person,
    count_noun,
    either_or,
    governor,
    lemma,
    relation,
    singular_value,
    tables,
    under_subcount,
    verb_field,
)
from .lexicon import load_lexicon
from .resolve import kind_of

__all__ = ["find_counts", "conservative_value"]


@dataclass
class _Cand:
    field: str
    pred: Token  # the predicate the count hangs on (for scoping to the trigger)
    value: int | None
    qualifier: str
    high: int | None
    start: int  # char offsets
    end: int
    inferred: bool = False  # one person or none, read from a bare noun ("a policeman", "no one")
    parts: tuple[tuple[int, str], ...] = ()  # (value, victim kind) of each group a sum adds up


class _Amounts:
    """Number phrases of a sentence indexed by the token they attach through."""

    def __init__(self, phrases: list[NumberPhrase]):
        self.by_anchor = {p.anchor.i: p for p in phrases}
        self.by_modified: dict[int, NumberPhrase] = {}
        for p in phrases:
            a = p.anchor
            if a.dep_ in ("nummod", "quantmod", "amod", "compound", "det") and a.head.i not in self.by_anchor:
                self.by_modified.setdefault(a.head.i, p)

    def of(self, n: Token) -> NumberPhrase | None:
        ph = self.by_anchor.get(n.i) or self.by_modified.get(n.i)
        if ph is None and lemma(n) in tables()["quantity_heads"]:  # "a total of 56 people"
            for prep in n.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for p in prep.children:
                        if p.dep_ == "pobj":
                            return self.by_anchor.get(p.i) or self.by_modified.get(p.i)
        return ph


def _member_value(n: Token, amounts: _Amounts) -> tuple[int | None, str, int | None, int, int] | None:
    if lemma(n) in tables()["not_counted"]:
        return None  # "234 pistols and 17,000 bullets were captured"
    ph = amounts.of(n)
    doc = n.doc
    if ph is not None:
        a, b = ph.char_span(doc)
        return ph.value, ph.qualifier, ph.high, a, b
    sv = singular_value(n)
    if sv is not None:
        return sv[0], "exact", None, sv[1], sv[2]
    return None


def victim_kind(tok: Token) -> str:
    """The kind of a victim group (resolve.kind_of), "" when the word does not say."""
    return kind_of(tok, load_lexicon()) or ""


def _group(n0: Token, amounts: _Amounts, fld: str) -> _Cand | None:
    """Add up coordinated victims: "two soldiers and a civilian" -> 3."""
    members = [n0, *[c for c in n0.conjuncts if c.i > n0.i and c.pos_ in NOMINAL_POS]]
    for a in n0.children:  # "two village heads, the chairman of X and two other persons" (a list
        # parsed as an apposition): count it when a later member says "other"
        if a.dep_ == "appos" and any(
                amounts.of(n0) is None or any(lemma(g) == "other" for g in c.subtree)
                for c in a.conjuncts if c.i > a.i):
            members += [a, *[c for c in a.conjuncts if c.i > a.i]]
    vals = []
    whose: list[Token] = []  # the member of each value
    last = n0
    for m in members:
        mv = _member_value(m, amounts)
        if mv is None and m is not n0 and len(members) > 1 and bare_person(m):
            mv = 1, "exact", None, m.idx, m.idx + len(m)  # "two heads, chairman of X and two others"
        if mv is None and m is not n0 and (not is_person_word(m) or lemma(m) in tables()["collective_nouns"]):
            continue  # "killed four people and police ...": a misparse, not a victim
        if mv is None and m is n0:
            return None
        vals.append(mv)
        whose.append(m)
        if mv is not None:
            last = m
    known = [v for v in vals if v is not None]
    if len(known) == 1 and len(vals) == 1:
        value, qual, high, a, b = known[0]
        return _Cand(fld, n0, value, qual, high, a, b, inferred=amounts.of(n0) is None)
    nums = [v for v in known if v[0] is not None]
    if not nums:
        value, qual, high, a, b = known[0]
        return _Cand(fld, n0, None, "vague", None, a, known[-1][4])
    total = sum(v[0] for v in nums)
    high = sum((v[2] if v[2] is not None else v[0]) for v in nums) if any(v[2] for v in nums) else None
    quals = {v[1] for v in known}
    if len(nums) < len(vals):
        qual = "at least"
    elif quals == {"exact"}:
        qual = "exact"
    elif high is not None:
        qual = "range"
    else:
        qual = next(q for q in ("at least", "more than", "about", "nearly", "up to") if q in quals) \
            if quals - {"exact"} else "exact"
    parts = tuple((v[0], victim_kind(m)) for v, m in zip(vals, whose, strict=True) if v is not None and v[0] is not None)
    return _Cand(fld, n0, total, qual, high, known[0][3], max(known[-1][4], last.idx + len(last)), parts=parts)


def _additive(pred: Token, cand: _Cand, amounts: _Amounts) -> _Cand:
    """"He was killed along with two other militants" -> 1 + 2."""
    for c in pred.children:
        if c.dep_ == "prep" and lemma(c) in tables()["additive_markers"] and any(
                s.lower_ == "along" or s.lower_ == "together" for s in pred.children if s.i == c.i - 1):
            for p in c.children:
                ph = amounts.of(p) if p.dep_ == "pobj" else None
                if ph is not None and ph.value is not None and cand.value is not None:
                    b = p.idx + len(p)
                    return _Cand(cand.field, cand.pred, cand.value + ph.value, cand.qualifier,
                                 None, cand.start, max(cand.end, b))
    return cand


LAST_CANDIDATES = docstate.declare(
    "what.count_candidates", owner="what.counts", cache=True,
    doc="((sent.start, sent.end, len(adoc.times)), candidates): the count candidates of the last sentence asked")


def _sentence_candidates(sent: Span, adoc: AnnotatedDoc) -> list[_Cand]:
    """The candidates of a sentence, reused while the mentions of one sentence ask in turn."""
    key = (sent.start, sent.end, len(adoc.times))
    if adoc.has(LAST_CANDIDATES):
        last_key, last = adoc.get(LAST_CANDIDATES)
        if last_key == key:
            return last
    cands = _candidates(sent, adoc)
    adoc.put(LAST_CANDIDATES, (key, cands))
    return cands


def _beside_bodies(noun: Token) -> bool:
    """A count noun told as where something lies ("a wound visible on one body", "a note beside
    two corpses"): the object of a preposition of place hung on a word that is no verb (a copula
    is none: "was visible on")."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in tables()["position_preps"] and prep.head.pos_ != "VERB"


def _candidates(sent: Span, adoc: AnnotatedDoc) -> list[_Cand]:
    lx = tables()
    phrases = find_number_phrases(sent, adoc)
    amounts = _Amounts(phrases)
    out: list[_Cand] = []
    seen: set[int] = set()
    doc = sent.doc
    # 1. amounts on a count noun: "20 deaths", "3 dead", "seven arrests", "no injuries"
    for ph in phrases:
        a = ph.anchor
        target = a.head if a.dep_ in ("nummod", "quantmod", "amod", "compound") else None
        fld = count_noun(target) if target is not None and lemma(target) not in lx["toll_nouns"] else None
        if target is not None and fld is not None and _beside_bodies(target):
            continue  # "a wound was visible on one body": where something is, not a toll
        if target is not None and fld is not None:
            a0, b0 = ph.char_span(doc)
            out.append(_Cand(fld, governor(target), ph.value, ph.qualifier, ph.high, a0, b0))
            seen.add(ph.anchor.i)
            continue
        # "there were 25 dead": the count word parsed as an adjective of the number
        post = next((c for c in a.children if c.dep_ in ("amod", "acomp") and c.i > a.i
                     and count_noun(c) is not None and lemma(c) not in lx["toll_nouns"]), None)
        if post is not None and ph.value is not None:
            a0, b0 = ph.char_span(doc)
            out.append(_Cand(count_noun(post) or "", governor(a), ph.value, ph.qualifier, ph.high, a0, b0))
            seen.add(ph.anchor.i)
    for t in sent:
        if count_noun(t) is not None and lemma(t) not in lx["toll_nouns"] and t.pos_ == "NOUN" and any(
                c.lower_ == "no" for c in t.children if c.dep_ == "det"):
            det = next(c for c in t.children if c.lower_ == "no")
            out.append(_Cand(count_noun(t) or "", governor(t), 0, "exact", None, det.idx,
                             t.idx + len(t)))
    # 2. nominals standing in a counting relation (amounts, "a policeman", "he", conjoined groups)
    for t in sent:
        if t.i in seen or t.pos_ not in NOMINAL_POS or (t.dep_ == "conj" and t.head.pos_ in NOMINAL_POS):
            continue
        rel = relation(t)
        if rel is None:
            continue
        fld, pred = rel
        if (count_noun(t) or fld) != fld:
            continue  # "26 bodies and 55 wounded were admitted": bodies are never the wounded
        if t.dep_ == "pobj" and t.head.lower_ not in lx["qualifier_prepositions"]:
            # "the arrest of 17", "the toll rose to 20": the amount is t itself
            ph = amounts.of(t)
            part = amounts.by_anchor.get(t.head.head.i) if t.head.lower_ == "of" and t.head.i > 0 else None
            if ph is None and part is not None and part.value is not None and t.i > part.anchor.i \
                    and not amounts.of(t.head.head.head):
                # "one of the suspects arrested in X": that one, at least, is the count the clause tells
                a0, _ = part.char_span(doc)
                out.append(_Cand(fld, pred, part.value, "at least", None, a0, t.idx + len(t)))
                continue
            if ph is None:
                continue
            a0, b0 = ph.char_span(doc)
            out.append(_Cand(fld, pred, ph.value, ph.qualifier, ph.high, a0, b0))
            continue
        if under_subcount(t, pred):
            continue
        cand = _group(t, amounts, fld)
        if cand is None:
            continue
        if either_or(pred):
            continue  # "killed or wounded 26": which is not said
        cand.pred = pred
        cand = _additive(pred, cand, amounts)
        out.append(cand)
        out.extend(_shared(cand, pred))
    return out


def _shared(cand: _Cand, pred: Token) -> list[_Cand]:
    """"Scores were killed and wounded", "killed and injured hundreds": one group, two fields.
    Not for "killed or wounded" (which of the two is not said)."""
    out: list[_Cand] = []
    verbs = [pred, *pred.conjuncts]
    if len(verbs) < 2 or any(c.dep_ == "cc" and c.lower_ != "and" for v in verbs for c in v.children):
        return out
    for v in verbs:
        if v.i == pred.i or v.pos_ not in VERB_POS:
            continue
        if any(c.dep_ in ("dobj", "obj", "nsubjpass") or (c.dep_ == "nsubj" and _counted_subject(c))
               for c in v.children):
            continue  # the other verb has its own victims ("11 were killed and 20 injured")
        fld = verb_field(v, "obj", v)
        if fld and fld != cand.field:
            out.append(_Cand(fld, v, cand.value, cand.qualifier, cand.high, cand.start, cand.end, cand.inferred, cand.parts))
    return out


def _counted_subject(t: Token) -> bool:
    """A subject that is itself an amount of people ("20", "hundreds", "several others", "two more")."""
    lx = tables()
    return t.pos_ == "NUM" or t.lower_ in lx["vague_words"] or lemma(t) in lx["additive_words"] \
        or any(c.dep_ == "nummod" for c in t.children)


def _path_up(t: Token) -> list[Token]:
    path = [t]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def _barrier(tok: Token, count_side: bool = False) -> bool:
    """A clause or phrase placed at another time: "(two days) after gunmen killed five", "since March,
    when 40 died". Counts on the far side of one belong to another event. On the count's side any
    "after"/"before" clause is one ("the device was defused after explosions killed 215"); on the
    trigger's side it is not ("two were killed after gunmen opened fire" is one event)."""
    lx = tables()

    def far(conn: Token, clause: Token) -> bool:
        lo, hi = sorted((conn.i, clause.i))
        if any(t.is_space and "\n" in t.text for t in conn.doc[lo:hi]):
            return False  # a headline glued to the first sentence by the parser
        if lemma(conn) in lx["always_other_event_connectors"] or (count_side and conn.dep_ == "mark"):
            return True
        before = [g for g in conn.subtree if g.i < conn.i]
        before += [d for d in clause.children if d.i < conn.i and d.dep_ in ("npadvmod", "advmod")]
        return any(lemma(g) in lx["other_event_units"] or g.ent_type_ == "DATE" for g in before)

    for c in tok.children:
        if c.dep_ in ("mark", "prep") and lemma(c) in lx["other_event_connectors"] and c.i < tok.i and far(c, tok):
            return True
    if tok.dep_ in ("pobj", "pcomp") and lemma(tok.head) in lx["other_event_connectors"]:
        return far(tok.head, tok.head.head)
    return tok.ent_type_ == "DATE" and tok.pos_ in ("PROPN", "NOUN")


TIME_DEPS = ("npadvmod", "advmod", "prep", "poss", "compound", "nmod")


def _dates(heads: list[Token], skip: set[int]) -> set[str]:
    """The date words ("last month", "Saturday's") hanging from ``heads`` outside the path ``skip``."""
    return {g.lower_ for h in heads for c in h.children if c.dep_ in TIME_DEPS and c.i not in skip
            for g in c.subtree if g.ent_type_ == "DATE" and not g.is_punct}


def _dated_apart(count_side: list[Token], trigger_side: list[Token], skip: set[int]) -> bool:
    """"Saturday's attack occurred in the market where a bomber killed 28 last month": the count's
    clause and the trigger's phrase each name a time, and not the same one -- another event."""
    clauses = [y for y in count_side if y.pos_ in VERB_POS]
    clauses += [c for y in clauses for c in y.conjuncts if c.pos_ in VERB_POS]  # "killed 28 and injured 72 last month"
    there = _dates(clauses, skip) if clauses else set()
    return bool(there) and bool(here := _dates(trigger_side, skip)) and not (there & here)


def _distance(pred: Token, trigger: Token) -> int | None:
    """Tree distance between the count's predicate and the trigger; None across a time barrier."""
    up_p, up_t = _path_up(pred), _path_up(trigger)
    idx_t = {t.i: k for k, t in enumerate(up_t)}
    for k, x in enumerate(up_p):
        if x.i in idx_t:
            kt = idx_t[x.i]
            if any(_barrier(y, True) for y in up_p[:k]) or any(_barrier(y) for y in up_t[:kt]):
                return None
            if k and _dated_apart(up_p[:k], up_t[:kt + 1], {t.i for t in up_p} | {t.i for t in up_t}):
                return None
            return k + kt
    return None


def _plus_another(best: _Cand, same_field: list[_Cand]) -> _Cand:
    """"three died immediately, while another died later" -> 4: a linked clause whose victims are
    "another", "two more", "three others" adds to the count."""
    lx = tables()
    for c in same_field:
        if c is best or c.value is None or best.value is None or c.start < best.end:
            continue
        if c.pred.head.i != best.pred.i or c.pred.dep_ not in ("conj", "advcl"):
            continue
        doc = best.pred.doc
        words = {t.lower_ for t in doc.char_span(c.start, max(c.end, c.pred.idx), alignment_mode="expand") or []}
        if words & lx["additive_words"]:
            return _Cand(best.field, best.pred, best.value + c.value, best.qualifier, None, best.start, c.end)
    return _next_ordinal(best)


def _next_ordinal(best: _Cand) -> _Cand:
    """"Three were killed instantly and a fourth died later" -> 4: a linked clause whose subject is
    the next victim by its ordinal."""
    if best.value is None:
        return best
    ordinals = numbers()["ordinals"]
    for clause in best.pred.children:
        if clause.dep_ not in ("conj", "advcl"):
            continue
        subj = next((t for t in clause.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        k = ordinals.get(subj.lower_) if subj is not None else None
        if k is None and subj is not None:
            k = next((ordinals[t.lower_] for t in subj.children if t.dep_ == "amod" and t.lower_ in ordinals), None)
        if k == best.value + 1:
            return _Cand(best.field, best.pred, k, best.qualifier, None, best.start, subj.idx + len(subj))
    return best


def _partitive(sent: Span, adoc: AnnotatedDoc, trigger: Token) -> _Cand | None:
    """The part of a total that the trigger's clause tells ("At least three died on Monday, two of
    them when police opened fire in X": two for the shooting in X): an amount followed by "of
    them", with no comma between it and the trigger."""
    doc = sent.doc
    for ph in find_number_phrases(sent, adoc):
        k = ph.end
        if ph.value is None or k + 1 >= sent.end or doc[k].lower_ != "of" \
                or doc[k + 1].lower_ not in numbers()["partitive_pronouns"]:
            continue
        if k + 1 < trigger.i and not any(t.text in (",", ";") for t in doc[k + 2:trigger.i]):
            a0, _ = ph.char_span(doc)
            return _Cand("", trigger, ph.value, "exact", None, a0, doc[k + 1].idx + len(doc[k + 1]))
    return None


def find_counts(sent: Span, adoc: AnnotatedDoc, trigger: Token | None = None) -> dict[str, Count]:
    """The fatalities / injured / arrested this sentence states for the event of ``trigger``.

    Keys are record.COUNT_FIELDS present in the sentence; offsets index the article text.
    With no trigger, the count nearest the sentence root wins.
    """
    if trigger is not None and not (sent.start <= trigger.i < sent.end):
        trigger = None
    anchor = trigger if trigger is not None else sent.root
    best: dict[str, tuple[tuple[int, bool, int], _Cand]] = {}
    acts = tables()["act_nouns"]
    for c in _sentence_candidates(sent, adoc):
        if trigger is not None and c.field != "arrested" and c.pred.i != trigger.i and c.pred.pos_ == "NOUN" \
                and lemma(c.pred) in acts:
            # "demanding an inquiry into the killing of two civilians": the killing's toll (an arrest
            # noun's count stays the event's: "the clashes led to the arrest of 31")
            continue
        d = _distance(c.pred, anchor)
        if d is None:
            continue
        key = (d, c.inferred, c.start)
        if c.field not in best or key < best[c.field][0]:
            best[c.field] = (key, c)
    for fld, (key, c) in list(best.items()):
        best[fld] = (key, _plus_another(c, [x for x in _sentence_candidates(sent, adoc) if x.field == fld]))
    if trigger is not None:
        part = _partitive(sent, adoc, trigger)
        if part is not None:
            for fld, (key, c) in list(best.items()):
                if c.end <= part.start:  # "three died ..., two of them when police fired in X"
                    best[fld] = (key, _Cand(fld, c.pred, part.value, "exact", None, part.start, part.end))
    text = adoc.article.text
    out: dict[str, Count] = {}
    for fld in COUNT_FIELDS:
        if fld in best:
            c = best[fld][1]
            out[fld] = Count(fld, c.value, c.qualifier, text[c.start:c.end], c.start, c.end, c.high, c.parts)
    return out
