"""WHO: actor1 (who acted) and actor2 (the target or the other side) of an event mention.

:func:`find_actors` reads the roles off the dependency parse of the trigger's sentence (subject of
an active trigger, "by" agent of a passive one, the group that "claimed responsibility"; object,
"on/against" target, passive subject, the other side "with" whom one clashed) and names each phrase
with :mod:`eventwire.what.actors_names`. :func:`name_actors` runs once ``where/`` has placed the
mention: it fills the country of state forces, crowds, civilians and unidentified armed groups,
adds the event type's default actors, and records the actors' evidence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..record import Actor, AnnotatedDoc, Mention
from .actors_names import (
    category_matches,
    category_of,
    country_in,
    find_group,
    kind_of,
    lexicon,
    render,
)

__all__ = ["find_actors", "name_actors", "normalise"]

_CORE_DEPS = ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "advmod", "npadvmod", "case")
_QUANTITY_HEADS = ("dozens", "hundreds", "thousands", "scores", "tens", "number", "lot", "dozen", "hundred",
                   "thousand", "group", "crowd", "handful", "several", "many", "some", "most", "all")
_CIVILIAN_TARGET_TYPES = ("Explosions/Remote violence", "Violence against civilians", "Riots")
_MILITARY_TARGETS = ("position", "base", "outpost", "post", "checkpoint", "trench", "line", "convoy", "column",
                     "garrison", "barracks", "camp", "depot")
_ARMED_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_REPRESENTATIVES = ("negotiator", "delegation", "representative", "envoy", "delegate")
_SAME_EVENT_MARKS = ("when", "as", "after", "while")
_GENERIC_HEADS = ("position", "base", "compound", "camp", "hideout", "stronghold", "negotiator", "delegation",
                  "representative", "envoy", "delegate", "leader", "commander", "fighter", "member", "militant", "suspect", "supporter", "man", "people", "cell",
                  "loyalist", "operative", "affiliate", "jihadist", "insurgent", "rebel", "gunman", "unit")


def _core(head: Token) -> list[Token]:
    """The head with its left modifiers ("three Georgian soldiers", "the Moroccan security services")."""
    left = [t for t in head.lefts if t.dep_ in _CORE_DEPS]
    if not left:
        toks = [head]
    else:
        start = min(min(t.left_edge.i for t in left), head.i)
        toks = [t for t in head.doc[start:head.i + 1]]
    # flat proper names continue to the right ("Islamic State West Africa Province (ISWAP)")
    right = [t for t in head.rights if t.dep_ in ("compound", "flat", "appos") and t.pos_ == "PROPN"]
    for r in right:
        toks.extend(x for x in head.doc[head.i + 1:r.right_edge.i + 1] if x not in toks)
    while toks and toks[0].dep_ in ("det", "punct", "case") and toks[0].pos_ in ("DET", "PUNCT", "PART"):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks or [head]


def _event_key(event_type: str, sub_event_type: str) -> str:
    return sub_event_type if sub_event_type in ("Arrests",) else event_type


def normalise(head: Token, event_type: str, sub_event_type: str, adoc: AnnotatedDoc | None,
              country: str | None = None, search_subtree: bool = True, role: str = "any") -> Actor | None:
    """Name the phrase headed by ``head`` the ACLED way; None when it is no actor (a bomb, a statement).

    ``country`` is the country to use when the phrase names none itself; ``role`` "agent" drops
    voices ("officials said") that name no force.
    """
    lx = lexicon()
    if head.pos_ == "NUM" or head.lower_ in _QUANTITY_HEADS:  # "thousands of protesters", "dozens of police"
        of = _pobj(head, {"of"})
        if of is not None:
            head = of
    if head.lemma_.lower() in _REPRESENTATIVES:  # "negotiators from the government"
        of = _pobj(head, {"of", "from"})
        if of is not None:
            head = of
    core = _core(head)
    grp = find_group(core)
    if grp is None and search_subtree and (head.lemma_.lower() in _GENERIC_HEADS or head.pos_ == "NUM"
                                           or head.lemma_.lower() in lx.singles):
        skip = {d.i for c in head.children if c.dep_ in ("conj", "cc") for d in c.subtree}
        sub = [t for t in head.subtree if t.i > head.i and t.i not in skip]
        grp = find_group(sub)
    if grp is not None:
        g, a, b = grp
        doc = head.doc
        if head.lemma_.lower() in lx.not_actors:
            return None
        span = doc[a:b] if not (a <= head.i < b) else doc[min(a, core[0].i):max(b, core[-1].i + 1)]
        return Actor(g.name, span.text, span.start_char, span.end_char, g.kind)
    if head.lower_ in lx.not_actors or head.lemma_.lower() in lx.not_actors:
        return None
    cat = category_of(core, head)
    if role == "agent" and (head.lower_ in lx.speakers or head.lemma_.lower() in lx.speakers) \
            and cat not in ("police", "military", "security", "government", "militia"):
        return None  # "officials said": a voice, no actor
    explicit = country_in(core, adoc)
    if cat == "civilian_places" and event_type not in _CIVILIAN_TARGET_TYPES:
        cat = None  # a village taken in a battle is territory, not its people
    if cat is None:
        if explicit and event_type in _ARMED_TYPES and (
                len(core) == 1 or head.lemma_.lower() in _MILITARY_TARGETS):
            # "Russia attacked", "Israeli shelling", "shelled Russian positions"
            cat = "military"
        elif head.ent_type_ in ("ORG", "NORP") and head.pos_ == "PROPN":
            return Actor(_text(core), _text(core), core[0].idx, core[-1].idx + len(core[-1]), "other")
        elif head.ent_type_ == "PERSON" or (head.pos_ == "PRON" and head.lower_ not in lx.not_actors):
            cat = "civilians" if head.pos_ != "PRON" else None
        if cat is None:
            return None
    if cat == "crowd":
        cat = lx.crowd_by_type.get(event_type, "civilians")
    elif cat == "protesters" and event_type == "Riots":
        cat = "rioters"  # demonstrators who clash are rioters in ACLED's terms
    elif cat == "civilians" and event_type in lx.crowd_by_type and head.lemma_.lower() in lx.crowd:
        cat = lx.crowd_by_type[event_type]
    iso = explicit or country
    ev = _event_key(event_type, sub_event_type)
    name = render(cat, iso, ev if ev in ("Arrests",) else event_type)
    if cat == "security" and sub_event_type in ("Arrests", "Disrupted weapons use"):
        name = render("police", iso)
    if cat == "military_means" and explicit is None:
        name = render(cat, None)  # "warplanes struck": whose is not said
    kind = kind_of(cat)
    a, b = core[0].idx, core[-1].idx + len(core[-1])
    return Actor(name, head.doc.text[a:b], a, b, kind)


def _text(toks: list[Token]) -> str:
    return toks[0].doc.text[toks[0].idx: toks[-1].idx + len(toks[-1])]


def _child(t: Token, *deps: str) -> Token | None:
    return next((c for c in t.children if c.dep_ in deps), None)


def _pobj(t: Token, preps: set[str]) -> Token | None:
    for c in t.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            p = _child(c, "pobj")
            if p is not None:
                return p
    return None


def _resolve_pronoun(p: Token) -> Token | None:
    """"Moroccan authorities said they had arrested" -> authorities; "gunmen who killed" -> gunmen."""
    if p.lower_ in ("who", "which", "that") and p.head.dep_ == "relcl":
        return p.head.head
    x = p.head
    while x.head.i != x.i:
        x = x.head
        s = _child(x, "nsubj")
        if s is not None and s.pos_ != "PRON":
            return s
    return None


def _agent_head(t: Token) -> Token | None:
    """The token naming who did what trigger ``t`` says."""
    lx = lexicon()
    prev = t.doc[t.i - 1] if t.i > t.sent.start else None
    if (t.pos_ == "NOUN" or t.tag_ == "VBG") and prev is not None and prev.pos_ in ("ADJ", "PROPN") \
            and country_in([prev]):
        return prev  # "a Russian shelling", even when the parse hangs it the other way round
    if t.pos_ in ("VERB", "AUX"):
        passive = any(c.dep_ == "auxpass" for c in t.children) or (
            t.tag_ == "VBN" and t.dep_ in ("acl", "relcl") and not _child(t, "nsubj"))
        if passive:
            by = _pobj(t, {"by"})
            if by is not None:
                return by
            # "five people were killed when gunmen opened fire": the agent of the "when" clause
            clauses = [t, *t.conjuncts]
            for c in (c for v in clauses for c in v.children):
                if c.dep_ == "advcl" and any(m.dep_ in ("advmod", "mark") and m.lower_ in _SAME_EVENT_MARKS
                                             for m in c.children):
                    s = _child(c, "nsubj") or _pobj(c, {"by"})
                    if s is not None:
                        return s
            return None
        x = t
        for _ in range(4):
            s = _child(x, "nsubj")
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
    for c in t.lefts:
        if c.dep_ not in ("poss", "compound", "amod", "nmod") or c.lemma_.lower() in lx.not_actors:
            continue
        if c.pos_ in ("NOUN", "PROPN") and (find_group(_core(c)) or category_of(_core(c), c)) \
                or country_in([c]):
            return c
    by = _pobj(t, {"by"})
    if by is not None:
        return by
    h = t.head
    if t.dep_ in ("dobj", "obj") and h.lemma_.lower() in lx.light_verbs:
        return _agent_head(h)
    if t.dep_ == "nsubj" and t.lemma_.lower() in lexicon().singles:
        return t  # "a suicide bomber"
    return None


def _weapon_agent(w: Token) -> Token | None:
    """"a bomb likely planted by the Taliban" -> Taliban."""
    for d in w.subtree:
        if d.dep_ == "agent":
            p = _child(d, "pobj")
            if p is not None:
                return p
    return None


def _target_heads(t: Token, event_type: str) -> list[Token]:
    """Candidates for the target / other side, best first."""
    lx = lexicon()
    preps = set(lx.target_preps) | (lx.side_preps if event_type in ("Battles", "Riots", "Protests") else set())
    out: list[Token | None] = []
    if t.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == "auxpass" for c in t.children):
            out.append(_child(t, "nsubjpass"))
        o = _child(t, "dobj", "obj")
        out.append(o)
        out.append(_pobj(t, preps))
        if o is not None:
            out.append(_pobj(o, preps))  # "opened fire on protesters"
            for c in o.children:  # "recaptured a town seized last week by jihadists": its holder
                if c.dep_ in ("acl", "relcl"):
                    out.append(_pobj(c, {"by"}))
        for c in t.children:  # "engaged in a pitched battle with the police"
            if c.dep_ == "prep" and c.lower_ not in preps:
                p = _child(c, "pobj")
                if p is not None:
                    out.append(_pobj(p, preps))
    else:
        out.append(_pobj(t, preps))
        if t.dep_ in ("dobj", "obj"):
            out.append(_pobj(t.head, preps))
    return [x for x in out if x is not None]


def _claimant(sent: Span) -> Token | None:
    lx = lexicon()
    for t in sent:
        if t.lemma_.lower() in lx.claim_verbs and t.pos_ == "VERB":
            o = _child(t, "dobj", "obj")
            if o is not None and o.lemma_.lower() in lx.claim_objects:
                return _child(t, "nsubj")
    return None


def _victim_heads(sent: Span, trigger: Token) -> list[Token]:
    """Objects of killing/wounding in the sentence, nearest the trigger first."""
    from .counts_amounts import lexicon as numbers_lexicon

    nl = numbers_lexicon()
    verbs = {w for ws in nl["transitive_verbs"].values() for w in ws}
    intrans = {w for ws in nl["intransitive_verbs"].values() for w in (ws or [])}
    out = []
    for t in sent:
        lem = t.head.lemma_.lower()
        if (t.dep_ in ("dobj", "nsubjpass") and lem in verbs) or (t.dep_ == "nsubj" and lem in intrans):
            out.append(t)
    return sorted(out, key=lambda t: abs(t.i - trigger.i))


def _resolve(head: Token | None) -> Token | None:
    if head is not None and head.pos_ == "PRON":
        return _resolve_pronoun(head) or head
    return head


def find_actors(sent: Span, trigger: Token, event_type: str, sub_event_type: str,
                adoc: AnnotatedDoc) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) of the event whose trigger is ``trigger``, named the ACLED way.

    The country of state forces and crowds is the one the phrase names, else adoc.countries[0];
    :func:`name_actors` corrects it once the event is placed.
    """
    country = adoc.countries[0] if adoc.countries else None

    def norm(h: Token | None, role: str = "any") -> Actor | None:
        return normalise(h, event_type, sub_event_type, adoc, country, role=role) if h is not None else None

    a1_head = _resolve(_agent_head(trigger))
    if a1_head is not None and a1_head.lemma_.lower() in lexicon().not_actors:
        a1_head = _weapon_agent(a1_head)
    actor1 = norm(a1_head, "agent")
    if actor1 is None:  # "their truck hit a mine planted by X": whoever laid the weapon
        for t in sent:
            if t.pos_ == "NOUN" and t.lemma_.lower() in lexicon().not_actors:
                actor1 = norm(_weapon_agent(t))
                if actor1 is not None:
                    break
    if actor1 is not None and actor1.kind == "civilians":
        actor1 = None  # a person named as the doer is no ACLED actor; civilians are not attackers
    claim = _claimant(sent)
    if claim is not None and (actor1 is None or actor1.kind == "unidentified"):
        actor1 = norm(_resolve(claim), "agent") or actor1
    actor2 = None
    for cand in _target_heads(trigger, event_type):
        actor2 = norm(_resolve(cand))
        if actor2 is not None:
            break
    if actor2 is None and event_type in ("Explosions/Remote violence", "Violence against civilians", "Battles"):
        for v in _victim_heads(sent, trigger):
            actor2 = norm(v)
            if actor2 is not None:
                break
    if actor2 is None and actor1 is not None and event_type in ("Battles", "Strategic developments"):
        h = adoc.doc.char_span(actor1.start, actor1.end, alignment_mode="expand")
        if h is not None:  # "the government and the rebels signed", "X and Y clashed"
            for c in h.root.conjuncts:
                actor2 = norm(c)
                if actor2 is not None:
                    break
    if sub_event_type == "Arrests":
        actor1, actor2 = _arrest_roles(sent, actor1, actor2, adoc, country)
    elif event_type in ("Protests", "Riots"):
        actor1, actor2 = _crowd_roles(event_type, sub_event_type, actor1, actor2)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name \
            and actor1.start == actor2.start:
        actor2 = None
    return actor1, actor2


def _arrest_roles(sent: Span, a1: Actor | None, a2: Actor | None, adoc: AnnotatedDoc,
                  country: str | None) -> tuple[Actor | None, Actor | None]:
    """Arrests: actor1 the arresting forces; actor2 the group of those arrested, when named."""
    if a1 is None or a1.kind != "state":
        a1 = None
        # "..., the interior ministry said": the forces named anywhere in the sentence
        for cat, a, b in category_matches(list(sent)):
            if cat in ("police", "security", "military"):
                span = sent.doc[a:b]
                iso = country_in(_core(span.root) + list(span), adoc) or country
                a1 = Actor(render("police", iso), span.text, span.start_char, span.end_char, "state")
                break
    grp = find_group(t for t in sent if a1 is None or not (a1.start <= t.idx < a1.end))
    if grp is not None:
        g, a, b = grp
        span = sent.doc[a:b]
        a2 = Actor(g.name, span.text, span.start_char, span.end_char, g.kind)
    elif a2 is not None and a2.kind not in ("rebel", "political_militia", "identity_militia", "external"):
        a2 = None
    return a1, a2


def _crowd_roles(event_type: str, sub_event_type: str, a1: Actor | None,
                 a2: Actor | None) -> tuple[Actor | None, Actor | None]:
    """Protests and riots: the crowd is actor1, except when force is used against protesters.

    A crowd role left empty here is filled by :func:`name_actors` ("Protesters (Country)").
    """
    crowd = "protesters" if event_type == "Protests" else "rioters"
    if sub_event_type == "Excessive force against protesters":
        if a1 is not None and a1.kind == crowd:
            a1, a2 = a2, a1
        if a2 is not None and a2.kind != crowd:
            a2 = None
        return a1, a2
    if a2 is not None and a2.kind == crowd and (a1 is None or a1.kind != crowd):
        a1, a2 = a2, a1
    if event_type == "Protests" and a1 is not None and a1.kind == "state" and a2 is None:
        a1, a2 = None, a1  # "police watched as thousands marched": the crowd is actor1
    if a1 is not None and a1.kind in ("civilians", "other", "unidentified") and event_type == "Protests":
        a1 = None
    if a1 is not None and a1.kind in ("civilians", "other") and event_type == "Riots":
        a1 = None
    return a1, a2


# ---------------------------------------------------------------------------------------------
def _mention_country(m: Mention, adoc: AnnotatedDoc) -> str | None:
    if m.place is not None and m.place.country:
        return m.place.country
    sent = adoc.sentence_of(m.start)
    if sent is not None:
        iso = country_in(list(sent), adoc) if adoc.places else None
        if iso is None:
            for p in adoc.places:
                if p.country and sent.start_char <= p.start < sent.end_char:
                    iso = p.country
                    break
        if iso is not None:
            return iso
    return adoc.countries[0] if adoc.countries else None


def _rename(actor: Actor, m: Mention, adoc: AnnotatedDoc, iso: str | None) -> Actor:
    if actor.kind not in ("state", "protesters", "rioters", "civilians", "unidentified", "political_militia") \
            or not actor.text:
        return actor
    span = adoc.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return actor
    again = normalise(span.root, m.event_type, m.sub_event_type, adoc, iso, search_subtree=False)
    if again is None or again.kind != actor.kind:
        return actor
    return Actor(again.name, actor.text, actor.start, actor.end, actor.kind)


def _default(role: str, m: Mention, iso: str | None) -> Actor | None:
    d = lexicon().defaults.get(role, {})
    cat = d.get(m.sub_event_type) or d.get(m.event_type)
    if cat is None:
        return None
    if cat == "military_means":
        iso = None  # "air strikes" say nothing of whose
    return Actor(render(cat, iso, m.event_type), "", m.start, m.end, kind_of(cat))


def name_actors(m: Mention, adoc: AnnotatedDoc) -> None:
    """Final naming once where/ has set m.place: countries, defaults, and the actors' evidence."""
    iso = _mention_country(m, adoc)
    for role in ("actor1", "actor2"):
        actor = getattr(m, role)
        if actor is None:
            actor = _default(role, m, iso)
            if actor is not None and role == "actor2" and m.actor1 is not None and actor.name == m.actor1.name:
                actor = None
        else:
            actor = _rename(actor, m, adoc, iso)
        setattr(m, role, actor)
        if actor is None:
            continue
        if actor.text:
            if not any(e.field == role and e.start == actor.start and e.end == actor.end for e in m.evidence):
                m.add_evidence(role, actor.text, actor.start, actor.end)
        elif not any(e.field == role for e in m.evidence):
            m.add_evidence(role, m.trigger, m.start, m.end, note=f"default {role} for {m.sub_event_type}")
