"""Roles read off the parse: who acted (agent) and who was targeted, for an event trigger.

Subject of an active trigger, "by" agent of a passive one (or of the "when" clause that tells how
the victims died), the modifiers of a noun trigger ("a Taliban attack", "a U.S. drone strike"),
the subject of a light verb ("militants launched an attack"), whoever "claimed responsibility" or
planted the weapon; the object, the "on/against" target, the passive subject, the other side
"with" whom one clashed, and the victims of a killing. :mod:`eventwire.what.actors` names them.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .actors_names import Group, category_of, core_phrase, country_in, find_group, find_groups, lexicon


def child(t: Token, *deps: str) -> Token | None:
    return next((c for c in t.children if c.dep_ in deps), None)


UD_OBLIQUE_DEPS = ("obl", "obl:arg", "obl:mod", "nmod")  # "une attaque contre l'armée"


def pobj(t: Token, preps: set[str]) -> Token | None:
    if "by" in preps:  # a passive's doer, in the language's words (actors.yaml agent_preps)
        preps = preps | lexicon().agent_preps
    for c in t.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            p = child(c, "pobj")
            if p is not None:
                return p
        # Universal Dependencies (the French parse): the noun itself, its preposition a case child
        if c.dep_ == "obl:agent" and "by" in preps:
            return c
        if c.dep_ in UD_OBLIQUE_DEPS and any(k.dep_ == "case" and k.lower_ in preps for k in c.children):
            return c
    return None


def resolve_pronoun(p: Token) -> Token | None:
    """"Moroccan authorities said they had arrested" -> authorities; "gunmen who killed" -> gunmen."""
    if p.lower_ in ("who", "which", "that") and p.head.dep_ == "relcl":
        return p.head.head
    x = p.head
    while x.head.i != x.i:
        x = x.head
        s = child(x, "nsubj")
        if s is not None and s.pos_ != "PRON":
            return s
    return None


def agent_head(t: Token) -> Token | None:
    """The token naming who did what trigger ``t`` says."""
    lx = lexicon()
    prev = t.doc[t.i - 1] if t.i > t.sent.start else None
    if (t.pos_ == "NOUN" or t.tag_ == "VBG") and prev is not None and prev.pos_ in ("ADJ", "PROPN") \
            and country_in([prev]):
        return prev  # "a Russian shelling", even when the parse hangs it the other way round
    if t.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ == "auxpass" for c in t.children) or (
            t.tag_ == "VBN" and t.dep_ in ("acl", "relcl") and not child(t, "nsubj"))
        if passive:
            by = pobj(t, {"by"})
            if by is not None:
                return by
            # "five people were killed when gunmen opened fire": the agent of the "when" clause
            clauses = [t, *t.conjuncts]
            for c in (c for v in clauses for c in v.children):
                if c.dep_ == "advcl" and any(m.dep_ in ("advmod", "mark") and m.lower_ in lx.same_event_marks
                                             for m in c.children):
                    s = child(c, "nsubj") or pobj(c, {"by"})
                    if s is not None:
                        return s
            return None
        x = t
        for _ in range(4):
            s = child(x, "nsubj")
            if s is not None:
                return s
            if x.dep_ == "relcl" and x.pos_ in ("VERB", "AUX"):
                return x.head
            if x.dep_ in ("conj", "advcl", "xcomp") and x.head.pos_ in ("VERB", "AUX"):
                x = x.head
                continue
            break
        return None
    # a noun trigger: "Taliban attack", "attack by gunmen", "militants launched an attack"
    if t.pos_ in ("NOUN", "PROPN") and category_of([t], t) in ("police", "military", "security"):
        return t  # the trigger names its doer: "killed in police firing" (parsed police <- firing)
    if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.i > t.i:
        return agent_head(t.head)  # "signed a ceasefire deal": the deal's signatories
    for c in t.lefts:
        if c.dep_ not in ("poss", "compound", "amod", "nmod") or c.lemma_.lower() in lx.not_actors:
            continue
        if c.pos_ in ("NOUN", "PROPN") and (find_group(core_phrase(c)) or category_of(core_phrase(c), c)) \
                or country_in([c]):
            return c
        if c.pos_ == "ADJ" and category_of([c], c) in ("police", "military", "security"):
            return c  # "a military operation", "a police raid"
    by = pobj(t, {"by"})
    if by is not None:
        return by
    h = t.head
    if t.dep_ in ("dobj", "obj") and h.lemma_.lower() in lx.light_verbs:
        return agent_head(h)
    if t.dep_ == "nsubjpass" and h.lemma_.lower() in lx.light_verbs:
        return pobj(h, {"by"})  # "the attack was carried out by Al-Shabaab militants"
    if t.dep_ == "nsubj" and t.lemma_.lower() in lexicon().singles:
        return t  # "a suicide bomber"
    return None


def weapon_agent(w: Token) -> Token | None:
    """"a bomb likely planted by the Taliban" -> Taliban; "missiles fired from a drone" -> drone."""
    for d in w.subtree:
        if d.dep_ == "agent":
            p = child(d, "pobj")
            if p is not None:
                return p
    launchers = [a for a in w.children if a.dep_ == "acl" and a.tag_ == "VBN"]
    if w.dep_ in ("nsubj", "nsubjpass"):
        launchers.append(w.head)  # the same, parsed as a clause: "missiles fired from a drone hit ..."
    for a in launchers:
        p = pobj(a, {"from"})
        if p is not None:
            return p
    return None


def target_heads(t: Token, event_type: str, sub_event_type: str = "") -> list[Token]:
    """Candidates for the target / other side, best first (the side that loses a place: "recaptured
    the town from the rebels")."""
    lx = lexicon()
    preps = set(lx.target_preps) | (lx.side_preps if event_type in lx.roles["other_side_event_types"] else set())
    if sub_event_type in lx.territory_sub_event_types:
        preps |= lx.loser_preps
    out: list[Token | None] = []
    if t.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == "auxpass" for c in t.children):
            out.append(child(t, "nsubjpass"))
        o = child(t, "dobj", "obj")
        out.append(o)
        out.append(pobj(t, preps))
        if o is not None:
            out.append(pobj(o, preps))  # "opened fire on protesters"
            for c in o.subtree:  # "recaptured a town (in the north) seized last week by jihadists"
                if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN":
                    out.append(pobj(c, {"by"}))
        for c in t.children:  # the same when the parse hangs "seized ... by X" on the verb
            if c.dep_ == "advcl" and c.tag_ == "VBN" and c.i > t.i:
                out.append(pobj(c, {"by"}))
        for c in t.children:  # "engaged in a pitched battle with the police"
            if c.dep_ == "prep" and c.lower_ not in preps:
                p = child(c, "pobj")
                if p is not None:
                    out.append(pobj(p, preps))
    else:
        out.append(pobj(t, preps))
        if t.dep_ in ("dobj", "obj"):
            out.append(pobj(t.head, preps))
        if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.i > t.i:
            out.extend(target_heads(t.head, event_type, sub_event_type))  # "a drone strike on X": strike's target
    return [x for x in out if x is not None]


def claimant(sent: Span) -> Token | None:
    lx = lexicon()
    for t in sent:
        if t.lemma_.lower() in lx.claim_verbs and t.pos_ == "VERB":
            o = child(t, "dobj", "obj")
            if o is not None and o.lemma_.lower() in lx.claim_objects:
                return child(t, "nsubj")
    return None


def claim_denied(sent: Span) -> bool:
    """Whether the sentence says no one claimed the attack ("No group has claimed responsibility",
    "the attack was not claimed")."""
    c = claimant(sent)
    if c is None:
        return False
    no = lexicon().roles["no_claim_words"]
    return any(t.lower_ in no for t in (c, *c.children, *(k for k in c.head.children if k.dep_ == "neg")))


def claimed_group(sent: Span) -> tuple[Group, int, int] | None:
    """The named group that claims responsibility in the sentence: in the claimant's own words,
    else the group written last before the claim ("[Text] In a communique, the X movement today
    claimed ...", where the parse takes another word for the subject)."""
    c = claimant(sent)
    if c is None or claim_denied(sent):
        return None
    c = antecedent(c) or c
    before = find_groups(sent.doc[sent.start:c.head.i]) if c.head.i > sent.start else []
    return find_group(c.subtree) or (before[-1] if before else None)


def victim_heads(sent: Span, trigger: Token) -> list[Token]:
    """Objects of killing/wounding in the sentence, nearest the trigger first."""
    from .counts_amounts import lexicon as numbers_lexicon

    nl = numbers_lexicon()
    verbs = {w for ws in nl["transitive_verbs"].values() for w in ws}
    intrans = {w for ws in nl["intransitive_verbs"].values() for w in (ws or [])}
    out = []
    for t in sent:
        lem = t.head.lemma_.lower()
        if (t.dep_ in ("dobj", "nsubjpass", "obj", "nsubj:pass") and lem in verbs) or (t.dep_ == "nsubj" and lem in intrans):
            out.append(t)
    return sorted(out, key=lambda t: abs(t.i - trigger.i))


def antecedent(head: Token | None) -> Token | None:
    """A pronoun's antecedent ("they" -> "the militants"); any other word as it is."""
    if head is not None and head.pos_ == "PRON":
        return resolve_pronoun(head) or head
    return head


