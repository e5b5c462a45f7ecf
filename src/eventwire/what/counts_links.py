"""Which predicate a nominal is counted by: "killed 15 people" -> fatalities of "killed".

The links from a victim phrase to the field it fills, read off the dependency parse: object of an
active count verb, subject of a passive one or of "died", complements ("shot dead", "taken into
custody"), count nouns ("the arrest of 17"), running totals ("the death toll rose to 20"), and a
bare noun for one person ("a policeman was killed") or none ("no one was hurt"). The words live
in ``data/numbers.yaml``; :mod:`eventwire.what.counts` adds up and scopes what is found here.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from .. import knowledge
from .actors_names import is_person_word
from .counts_amounts import lexicon

VERB_POS = ("VERB", "AUX")
NOMINAL_POS = ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "DET", "X")


@knowledge.per_language
def tables() -> dict[str, Any]:
    lx = lexicon()
    by_lemma = {}
    for fld, words in lx["transitive_verbs"].items():
        for w in words:
            by_lemma[w] = fld
    intrans = {w: f for f, ws in lx["intransitive_verbs"].items() for w in (ws or [])}
    count_nouns = {w: f for f, ws in lx["count_nouns"].items() for w in ws}
    not_counted = {w for ws in lx["not_counted"].values() for w in ws}
    # every plain word list of the file as a set, under its own name in the file
    out: dict[str, Any] = {k: set(v) for k, v in lx.items() if isinstance(v, list)}
    out.update({
        "trans": by_lemma,
        "intrans": intrans,
        "compl": {k: dict(v) for k, v in lx["verb_complements"].items()},
        "count_nouns": count_nouns,
        "not_counted": not_counted,
        "vague_words": {str(k) for k in lx["vague"] if " " not in str(k)},
    })
    return out


def lemma(t: Token) -> str:
    return t.lemma_.lower()


def _singulars(word: str) -> tuple[str, ...]:
    """The singular forms a plural may have ("corpses" -> "corpse", "injuries" -> "injury")."""
    out: list[str] = []
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 2:
        out.append(word[:-1])
    return tuple(out)


def count_noun(t: Token) -> str | None:
    """The field of a count noun ("20 deaths", "26 corpses"): matched on the lemma, and on the word
    as written and its singular, as the lemmatiser may miss a plural ("corpses" -> "corps"); a verb
    only on its lemma ("injured" the participle is not "the injured")."""
    nouns = tables()["count_nouns"]
    forms = (lemma(t),) if t.pos_ in VERB_POS else (lemma(t), t.lower_, *_singulars(t.lower_))
    for w in forms:
        if w in nouns:
            return nouns[w]
    return None


def is_count_noun(t: Token) -> bool:
    return count_noun(t) is not None


def complement_field(v: Token) -> str | None:
    """"shot dead", "beaten to death", "left three dead", "taken into custody", "lost their lives"."""
    comp = tables()["compl"].get(lemma(v))
    if not comp:
        return None
    for c in v.children:
        for w in (c, *[g for g in c.children if c.dep_ == "prep" and g.dep_ in ("pobj", "pcomp")]):
            if lemma(w) in comp or w.lower_ in comp:
                return comp.get(lemma(w)) or comp.get(w.lower_)
        if c.dep_ in ("dobj", "obj"):
            # "shot dead two teachers": the complement right after the verb, parsed as the object's adjective
            for w in c.children:
                if w.dep_ == "amod" and w.i == v.i + 1 and (lemma(w) in comp or w.lower_ in comp):
                    return comp.get(lemma(w)) or comp.get(w.lower_)
    return None


def verb_field(v: Token, role: str, noun: Token) -> str | None:
    """The field counted by ``noun`` standing as ``role`` ("obj", "subjpass", "subj") of verb v."""
    lx = tables()
    if v.pos_ not in VERB_POS and v.tag_ not in ("VBN", "VBD", "VBG"):
        return None
    comp = complement_field(v)
    lem = lemma(v)
    if role == "subj":
        if lem in lx["intrans"]:
            return lx["intrans"][lem]
        if comp and lem in lx["subject_complement_verbs"]:
            return comp
        has_obj = any(c.dep_ in ("dobj", "obj") for c in v.children)
        # "three soldiers seriously wounded": a degree of harm and no object, no auxiliary -- a
        # reduced passive however the tagger reads the verb
        harmed = v.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in v.children) and any(
            c.dep_ == "advmod" and c.lower_ in lx["harm_degrees"] for c in v.children)
        if (v.tag_ == "VBN" or harmed) and not has_obj and (comp or lem in lx["trans"]):
            return comp or lx["trans"][lem]  # reduced passive: "40 wounded"
        return None
    if comp and lem not in lx["subject_complement_verbs"]:
        return comp
    fld = lx["trans"].get(lem)
    if fld and lem in lx["person_object_verbs"] and (noun.ent_type_ in ("GPE", "LOC", "FAC", "ORG")):
        return None
    return fld


def first_conjunct(n: Token) -> Token:
    while n.dep_ == "conj" and n.head.pos_ in NOMINAL_POS and n.head.i != n.i:
        n = n.head
    return n


def relation(n: Token) -> tuple[str, Token] | None:
    """(field, predicate) when nominal ``n`` is what a count predicate counts."""
    lx = tables()
    n0 = first_conjunct(n)
    dep, h = n0.dep_, n0.head
    for c in n0.children:  # "30 others injured", "At least 15 people killed in ..." (headlines)
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > n0.i and not any(
                g.dep_ in ("dobj", "obj") for g in c.children):
            f = verb_field(c, "subjpass", n0)
            if f:
                return f, c
    if dep in ("dobj", "obj"):
        f = verb_field(h, "obj", n0)
        return (f, h) if f else None
    if dep == "nsubjpass":
        f = verb_field(h, "subjpass", n0)
        if f:
            return f, h
        # "Two men were shot and killed": the passive subject is the later verb's too
        for v in (c for c in h.conjuncts if c.i > h.i):
            if v.pos_ in VERB_POS and not any(c.dep_ in ("nsubjpass", "nsubj") for c in v.children):
                f = verb_field(v, "subjpass", n0)
                if f:
                    return f, v
        return None
    if dep == "nsubj":
        f = verb_field(h, "subj", n0)
        if f:
            return f, h
        # "Two cops have sustained injuries" parsed with "sustained" as an adjective of "injuries"
        # (and "have" as its auxiliary, or as the verb whose object "injuries" is)
        misread = [h.head] if h.dep_ == "aux" else []
        if lemma(h) == "have":
            misread += [a for o in h.children if o.dep_ in ("dobj", "obj") for a in o.children if a.dep_ == "amod"]
        for v in misread:
            if v.dep_ == "amod" and lemma(v) in lx["subject_complement_verbs"]:
                comp = lx["compl"].get(lemma(v), {})
                f = comp.get(lemma(v.head)) or comp.get(v.head.lower_)
                if f:
                    return f, v
        # a subject shared with a later verb of its own ("One man, not thought to be part of it, was
        # hurt"; "Five people fled and were wounded"): the count verb has no subject of its own
        later = [c for c in h.conjuncts if c.i > h.i]
        if h.dep_ in ("advcl", "parataxis") and h.head.i > h.i:
            later.append(h.head)
        for v in later:
            if v.pos_ not in VERB_POS or any(c.dep_ in ("nsubjpass", "nsubj") for c in v.children):
                continue
            role = "subjpass" if any(c.dep_ == "auxpass" for c in v.children) else "subj"
            f = verb_field(v, role, n0)
            if f:
                return f, v
        return None
    if dep == "pobj" and h.lower_ in lx["qualifier_prepositions"] and h.head.pos_ in VERB_POS:
        # a qualifier parsed as a preposition: "arrested between 10 and 15 suspects", "over 30 died"
        v = h.head
        passive = any(c.dep_ == "auxpass" for c in v.children)
        role = "obj" if n0.i > v.i else ("subjpass" if passive else "subj")
        f = verb_field(v, role, n0)
        return (f, v) if f else None
    if dep == "pobj" and lemma(h) in lx["count_prepositions"]:
        x = h.head
        if (f := count_noun(x)) is not None:  # "the arrest of 17", "a death toll of 20"
            # an act noun ("the massacre of 150") is its own predicate, not its clause's
            acts = lx["act_nouns"]
            return f, x if (lemma(x) in acts or x.lower_ in acts or any(w in acts for w in _singulars(x.lower_))) \
                else governor(x)
        if x.pos_ in VERB_POS:
            f = tally_field(x)
            return (f, x) if f else None  # "the toll rose to 20", "the number of dead rose to 45"
        return None
    if dep == "attr":
        f = tally_field(h)
        return (f, h) if f else None  # "the death toll is 20"
    return None


def tally_field(v: Token) -> str | None:
    """The field of a running total that verb v reports: "the (death) toll" -> fatalities; "the number of
    injured / of people arrested" -> the field of what is numbered."""
    lx = tables()
    for c in v.children:
        if c.dep_ not in ("nsubj", "nsubjpass", "dobj", "obj"):
            continue
        lem = lemma(c)
        if lem in lx["toll_nouns"] and not any(lemma(g) in lx["toll_other_fields"] for g in c.lefts):
            return None if _war_long(c, v) else "fatalities"
        if lem in lx["tally_nouns"]:
            for p in (g for prep in c.children if prep.dep_ == "prep" and prep.lower_ == "of"
                      for g in prep.children if g.dep_ == "pobj"):
                if (f := count_noun(p)) is not None:
                    return f
                for a in p.children:
                    if a.dep_ == "acl" and a.tag_ == "VBN":
                        f = verb_field(a, "subjpass", p)
                        if f:
                            return f
    return None


def _war_long(toll: Token, v: Token) -> bool:
    """"raised the death toll of soldiers in the conflict to 214 since the invasion": a toll of a
    whole war or of the years since a date, not of the event told (generic.yaml war_nouns)."""
    from .generic import words  # (generic reads counts' amounts; imported here, not at the top)

    war = words().war
    return any(lemma(t) in war for t in toll.subtree) or any(
        c.lower_ == "since" and c.dep_ in ("mark", "prep") for k in v.children if k.dep_ in ("advcl", "prep")
        for c in (k, *k.children))


def governor(t: Token) -> Token:
    """The nearest verb above t (or t itself at the root)."""
    x = t
    while x.head.i != x.i and x.pos_ not in VERB_POS:
        x = x.head
    return x


def under_subcount(n: Token, stop: Token) -> bool:
    """Whether n hangs under "including"/"among" before reaching ``stop``."""
    sub = tables()["subcount_markers"]
    x = n
    while x.i != stop.i and x.head.i != x.i:
        if lemma(x) in sub or x.lower_ in sub:
            return True
        x = x.head
    return False


def singular_value(n: Token) -> tuple[int, int, int] | None:
    """(value, start, end) for a bare nominal with no amount: 1 for one person, 0 for "no one"."""
    lx = tables()
    low = n.lower_
    dets = {c.lower_ for c in n.children if c.dep_ in ("det", "poss", "neg")}
    first = min([n, *[c for c in n.children if c.dep_ in ("det", "poss", "amod", "compound")]],
                key=lambda t: t.i)
    start, end = first.idx, n.idx + len(n)
    if low in lx["zero_words"] or "no" in dets or (low == "one" and "no" in dets):
        return 0, first.idx, end
    if lemma(n) in lx["not_counted"] or lemma(n) in lx["collective_nouns"] or low in lx["collective_nouns"]:
        return None
    if low in ("another", "one"):
        return 1, start, end
    if n.pos_ == "PRON":
        return (1, start, end) if low in lx["singular_person_pronouns"] else None
    if n.pos_ == "PROPN" and n.ent_type_ == "PERSON":
        ent = next((e for e in n.doc.ents if e.start <= n.i < e.end), None)
        return (1, ent.start_char, ent.end_char) if ent is not None else (1, start, end)
    if n.pos_ == "NOUN" and n.tag_ == "NN" and (dets & lx["singular_determiners"] or any(
            c.dep_ == "poss" for c in n.children)):
        if is_count_noun(n) or not is_person_word(n):
            return None
        return 1, start, end
    return None


def bare_person(n: Token) -> bool:
    """A singular common noun with no determiner, listed among counted victims."""
    lx = tables()
    lem = lemma(n)
    return n.tag_ == "NN" and lem not in lx["not_counted"] and lem not in lx["collective_nouns"] \
        and not is_count_noun(n) and is_person_word(n)


def either_or(pred: Token) -> bool:
    verbs = [pred, *pred.conjuncts]
    fields = {verb_field(v, "obj", v) for v in verbs if v.pos_ in VERB_POS} - {None}
    return len(fields) > 1 and any(c.dep_ == "cc" and c.lower_ == "or" for v in verbs for c in v.children)


