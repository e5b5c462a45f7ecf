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
    branch,
    category_matches,
    category_of,
    category_of_name,
    core_phrase,
    country_in,
    find_group,
    find_groups,
    find_insurgencies,
    kind_of,
    lexicon,
    render,
)
from .actors_roles import (
    agent_head,
    antecedent,
    claimant,
    claimed_group,
    pobj,
    target_heads,
    victim_heads,
    weapon_agent,
)
from .lexicon import load_lexicon

__all__ = ["find_actors", "name_actors", "normalise", "recast"]


def normalise(head: Token, event_type: str, sub_event_type: str, adoc: AnnotatedDoc | None,
              country: str | None = None, search_subtree: bool = True, role: str = "any") -> Actor | None:
    """Name the phrase headed by ``head`` the ACLED way; None when it is no actor (a bomb, a statement).

    ``country`` is the country to use when the phrase names none itself; ``role`` "agent" drops
    voices ("officials said") that name no force.
    """
    lx = lexicon()
    if head.pos_ == "NUM" or head.lower_ in lx.heads["quantity"]:  # "thousands of protesters", "dozens of police"
        of = pobj(head, {"of"})
        if of is not None:
            head = of
    if head.lemma_.lower() in lx.heads["representatives"]:  # "negotiators from the government"
        of = pobj(head, lx.member_preps)
        if of is not None:
            head = of
    core = core_phrase(head)
    grp = find_group(core)
    if grp is None and head.pos_ == "PROPN":
        # a name that goes on with "of": "the Revolutionary Armed Forces of Colombia", "Army of National
        # Liberation" -- a group whose name holds the head, never "the armed forces" of a country
        of = [t for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
        got = find_group(sorted([*core, *of], key=lambda t: t.i)) if of else None
        if got is not None and got[1] <= head.i < got[2]:
            grp = got
    if grp is None and search_subtree and (head.lemma_.lower() in lx.heads["affiliation"] or head.pos_ == "NUM"
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
    if head.lemma_.lower() in lx.heads["affiliation"] and cat in (None, "civilians", "crowd"):
        # "five members of a pro-government militia": the force they belong to names them
        of = pobj(head, lx.member_preps)
        inner = category_of(core_phrase(of), of) if of is not None else None
        if inner in ("police", "military", "security", "militia", "unidentified"):
            cat = inner
            core = core + [t for t in core_phrase(of) if t.i > core[-1].i]
    if role == "agent" and (head.lower_ in lx.speakers or head.lemma_.lower() in lx.speakers) \
            and cat not in ("police", "military", "security", "government", "militia"):
        return None  # "officials said": a voice, no actor
    explicit = country_in(core, adoc)
    if cat == "civilian_places" and event_type not in lx.civilian_target_types:
        cat = None  # a village taken in a battle is territory, not its people
    if cat is None:
        if explicit and event_type in lx.armed_types and (
                len(core) == 1 or head.lemma_.lower() in lx.heads["military_targets"]):
            # "Russia attacked", "Israeli shelling", "shelled Russian positions"
            cat = "military"
        elif head.ent_type_ in ("ORG", "NORP") and head.pos_ == "PROPN":
            if any(t.tag_ == "PRP$" for t in core):
                return None  # "our Fighters" in a statement: the speaker's side, not a group's name
            if any(p.role == "place" and p.start <= head.idx < p.end for p in adoc.places):
                return None  # "stormed Jacarezinho": a place the parser calls an organisation is no actor
            what = load_lexicon()
            if any(what.in_list("weapons", t.lemma_.lower()) or what.in_list("weapons", t.lower_) for t in core):
                return None  # "the Improvised Explosive Device strapped to her body": a weapon, no actor
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
    if cat == "unidentified":
        ins = find_insurgencies(core, iso)  # "the separatists" of a country's insurgency
        if ins:
            a, b = core[0].idx, core[-1].idx + len(core[-1])
            return Actor(ins[0][0].name, _text(core), a, b, ins[0][0].kind)
    name = render(cat, iso, event_type, sub_event_type)
    if cat == "military_means" and explicit is None:
        name = render(cat, None)  # "warplanes struck": whose is not said
    kind = kind_of(cat)
    a, b = core[0].idx, core[-1].idx + len(core[-1])
    return Actor(name, _text(core), a, b, kind)


def _text(toks: list[Token]) -> str:
    """The text from the first token to the last (a span's own text: spaCy rebuilds ``doc.text``
    from every token of the document on each read)."""
    return toks[0].doc[toks[0].i: toks[-1].i + 1].text


def find_actors(sent: Span, trigger: Token, event_type: str, sub_event_type: str,
                adoc: AnnotatedDoc) -> tuple[Actor | None, Actor | None]:
    """(actor1, actor2) of the event whose trigger is ``trigger``, named the ACLED way.

    The country of state forces and crowds is the one the phrase names, else adoc.countries[0];
    :func:`name_actors` corrects it once the event is placed.
    """
    country = adoc.countries[0] if adoc.countries else None

    def norm(h: Token | None, role: str = "any") -> Actor | None:
        return normalise(h, event_type, sub_event_type, adoc, country, role=role) if h is not None else None

    a1_head = antecedent(agent_head(trigger))
    if a1_head is None and trigger.lemma_.lower() in lexicon().not_actors:
        a1_head = trigger  # the trigger is the weapon: "missiles fired from a drone hit ..."
    if a1_head is not None and a1_head.lemma_.lower() in lexicon().not_actors:
        a1_head = weapon_agent(a1_head)
    actor1 = norm(a1_head, "agent")
    if actor1 is None:  # "their truck hit a mine planted by X": whoever laid the weapon
        for t in sent:
            if t.pos_ == "NOUN" and t.lemma_.lower() in lexicon().not_actors:
                actor1 = norm(weapon_agent(t))
                if actor1 is not None:
                    break
    if actor1 is None:
        actor1 = _subject_by_position(trigger, norm)
    if actor1 is not None and actor1.kind == "civilians":
        actor1 = None  # a person named as the doer is no ACLED actor; civilians are not attackers
    claim = claimant(sent)
    if claim is not None and (actor1 is None or actor1.kind in ("unidentified", "other")):
        got = claimed_group(sent)
        if got is not None:
            g, a, b = got
            span = sent.doc[a:b]
            actor1 = Actor(g.name, span.text, span.start_char, span.end_char, g.kind)
        else:
            actor1 = norm(antecedent(claim), "agent") or actor1
    actor2 = None
    for cand in target_heads(trigger, event_type, sub_event_type):
        actor2 = norm(antecedent(cand))
        if actor2 is not None:
            break
    roles = lexicon().roles
    if actor2 is None and event_type in roles["victim_side_event_types"]:
        for v in victim_heads(sent, trigger):
            actor2 = norm(v)
            if actor2 is not None:
                break
    if actor2 is None and actor1 is not None and event_type in roles["two_sided_event_types"]:
        h = adoc.doc.char_span(actor1.start, actor1.end, alignment_mode="expand")
        if h is not None:  # "the government and the rebels signed", "X and Y clashed"
            for c in (c for tok in h for c in tok.conjuncts if not (h.start <= c.i < h.end)):
                actor2 = norm(c)
                if actor2 is not None:
                    break
    if event_type in roles["two_sided_event_types"] and actor2 is None and (actor1 is None or actor1.kind == "unidentified"):
        # "the clashes were between two armed groups: the X force and the Y brigade": the two groups
        # the sentence names are the sides
        sides: dict[str, Actor] = {}
        for g, a, b in find_groups(sent):
            span = sent.doc[a:b]
            sides.setdefault(g.name, Actor(g.name, span.text, span.start_char, span.end_char, g.kind))
        if len(sides) == 2:
            actor1, actor2 = sides.values()
    if sub_event_type in roles["handover_sub_event_types"] and trigger.lemma_.lower() in roles["leaving_verbs"] \
            and trigger.dep_ == "advcl" and trigger.head.pos_ == "VERB":
        # "government forces recaptured the village after the militants withdrew": the side that
        # takes the place over is actor1, the side that left actor2
        taker = norm(antecedent(agent_head(trigger.head)), "agent")
        if taker is not None and (actor1 is None or taker.name != actor1.name):
            actor1, actor2 = taker, actor1
    if sub_event_type in roles["arrest_sub_event_types"]:
        actor1, actor2 = _arrest_roles(sent, actor1, actor2, adoc, country)
    elif event_type in lexicon().crowd_by_type:
        actor1, actor2 = _crowd_roles(event_type, sub_event_type, actor1, actor2)
    if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
        actor2 = None  # one side named twice ("Afghan and coalition forces")
    return actor1, actor2


def _subject_by_position(trigger: Token, norm) -> Actor | None:
    """The armed actor written just before a verb trigger when the parse found no subject
    ("Attack in Gao\n\nGunmen killed four traders": a headline glued to the sentence)."""
    if trigger.pos_ != "VERB" or trigger.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in trigger.children):
        return None  # before a passive verb stands its patient ("two police jeeps were vandalised")
    k = trigger.i - 1
    while k >= trigger.sent.start and trigger.doc[k].pos_ in ("ADV", "AUX", "PART"):
        k -= 1
    if k < trigger.sent.start or trigger.doc[k].pos_ not in ("NOUN", "PROPN"):
        return None
    a = norm(trigger.doc[k], "agent")
    return a if a is not None and a.kind not in ("civilians", "other") else None


def _arrest_roles(sent: Span, a1: Actor | None, a2: Actor | None, adoc: AnnotatedDoc,
                  country: str | None) -> tuple[Actor | None, Actor | None]:
    """Arrests: actor1 the arresting forces; actor2 the group of those arrested, when named."""
    if a1 is None or a1.kind != "state":
        a1 = None
        # "..., the interior ministry said": the forces named anywhere in the sentence, by their own
        # name first ("the Asayish announced the arrest")
        for g, a, b in find_groups(sent):
            if g.kind == "state":
                span = sent.doc[a:b]
                return _arrested_side(sent, Actor(g.name, span.text, span.start_char, span.end_char, g.kind), a2)
        for cat, a, b in category_matches(list(sent)):
            if cat in ("police", "security", "military"):
                span = sent.doc[a:b]
                iso = country_in(core_phrase(span.root) + list(span), adoc) or country
                force = "military" if cat == "military" else "police"
                a1 = Actor(render(force, iso), span.text, span.start_char, span.end_char, "state")
                break
    return _arrested_side(sent, a1, a2)


def _arrested_side(sent: Span, a1: Actor | None, a2: Actor | None) -> tuple[Actor | None, Actor | None]:
    grp = find_group(t for t in sent if a1 is None or not (a1.start <= t.idx < a1.end))
    if grp is not None:
        g, a, b = grp
        span = sent.doc[a:b]
        a2 = Actor(g.name, span.text, span.start_char, span.end_char, g.kind)
    elif a2 is not None and a2.kind not in ("rebel", "political_militia", "identity_militia", "external",
                                            "protesters", "rioters"):
        a2 = None  # arrested people are named only by the group or the crowd they belong to
    return a1, a2


def _crowd_roles(event_type: str, sub_event_type: str, a1: Actor | None,
                 a2: Actor | None) -> tuple[Actor | None, Actor | None]:
    """Protests and riots: the crowd is actor1, except when force is used against protesters.

    A crowd role left empty here is filled by :func:`name_actors` ("Protesters (Country)").
    """
    lx = lexicon()
    crowd = lx.crowd_by_type[event_type]
    if sub_event_type in lx.roles["crowd_target_sub_event_types"]:
        if a1 is not None and a1.kind == crowd:
            a1, a2 = a2, a1
        if a2 is not None and a2.kind != crowd:
            a2 = None
        return a1, a2
    if a2 is not None and a2.kind == crowd and (a1 is None or a1.kind != crowd):
        a1, a2 = a2, a1
    if event_type in lx.roles["state_alone_other_side_event_types"] and a1 is not None and a1.kind == "state" \
            and a2 is None:
        a1, a2 = None, a1  # "police watched as thousands marched": the crowd is actor1
    if a1 is not None and a1.kind in lx.not_crowd_actor1.get(event_type, ()):
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
    got = branch(actor.name, iso)
    if got is not None:  # "Islamic State fighters" in Mali: its Sahel branch
        return Actor(got.name, actor.text, actor.start, actor.end, got.kind)
    if actor.kind == "unidentified" and actor.text:
        named = _group_referred_to(adoc, actor, iso)
        if named is not None:  # "... from Islamic State fighters. The militants had seized ...": that group
            return named
    if actor.kind not in ("state", "protesters", "rioters", "civilians", "unidentified", "political_militia") \
            or not actor.text:
        return actor
    span = adoc.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return actor
    tops = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    head = max(tops, key=lambda t: t.i) if tops else span.root  # "interior ministry": ministry
    if actor.kind == "state" and country_in(core_phrase(head) + list(span), adoc) is None:
        cat = category_of_name(actor.name)  # "Israeli troops killed seven ... the military said": Israel's
        iso = (_force_named_before(adoc, span.start, cat) if cat in _COREFERRING_FORCES else None) or iso
    again = normalise(head, m.event_type, m.sub_event_type, adoc, iso, search_subtree=False)
    if again is not None and again.kind == actor.kind:
        return Actor(again.name, actor.text, actor.start, actor.end, actor.kind)
    cat = category_of_name(actor.name)  # "..., the interior ministry said" -> Police Forces of {country}
    if cat is None or country_in(list(span), adoc) is not None:
        return actor
    return Actor(render(cat, iso, m.event_type, m.sub_event_type), actor.text, actor.start, actor.end, actor.kind)


_COREFERRING_FORCES = ("military", "police")
REFERRING_SENTENCES = 1  # a definite "the militants" refers back this many sentences at most


def _group_referred_to(adoc: AnnotatedDoc, actor: Actor, iso: str | None) -> Actor | None:
    """The one armed group named in the sentences just before a definite "the militants" / "the
    rebels" (unidentified armed men written with "the"): the men the text goes on telling of. None
    when the phrase is not definite, calls them unknown, or the sentences before name no group or
    more than one."""
    words = actor.text.lower().split()
    if not words or any(w in lexicon().roles["unknown_doer_words"] for w in words):
        return None
    span = adoc.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in span.root.children) \
            and not (span.start > 0 and adoc.doc[span.start - 1].lower_ == "the"):
        return None
    sents = [s for s in adoc.doc.sents if s.end <= span.sent.start][-REFERRING_SENTENCES:]
    kinds = lexicon().roles["article_doer_kinds"]
    stative = lexicon().roles["stative_verbs"]
    found: dict[str, tuple[str, str]] = {}
    for sent in sents:
        for g, a, b in find_groups(sent):
            root = adoc.doc[a:b].root
            while root.dep_ == "compound" and root.head.i > root.i:  # "Islamic State fighters": the fighters
                root = root.head
            if g.kind not in kinds or (root.i >= b and category_of([root], root) != "unidentified"):
                continue  # named on something else than its men ("Taliban insurgent activity")
            if root.head.lemma_.lower() in stative:
                continue  # "where al-Qaida remains active": said to exist, not to act
            g = branch(g.name, iso) or g
            found.setdefault(g.name, (g.kind, adoc.doc[a:b].text))
    if len(found) != 1:
        return None
    name, (kind, _) = next(iter(found.items()))
    return Actor(name, actor.text, actor.start, actor.end, kind)


def _force_named_before(adoc: AnnotatedDoc, before: int, cat: str) -> str | None:
    """The country of the nearest force of the category written with its nationality before token
    ``before`` ("Israeli troops ... the troops"): the force a bare "the army" goes on telling of."""
    for sent in reversed([s for s in adoc.doc.sents if s.start < before]):
        for c, a, b in reversed(category_matches([t for t in sent if t.i < before])):
            if c != cat:
                continue
            span = adoc.doc[a:b]
            iso = country_in(core_phrase(span.root) + list(span), adoc)
            if iso is not None:
                return iso
    return None


def _default(role: str, m: Mention, iso: str | None) -> Actor | None:
    return _default_for(role, m.event_type, m.sub_event_type, iso, m.start, m.end)


def _default_for(role: str, event_type: str, sub_event_type: str, iso: str | None, start: int,
                 end: int) -> Actor | None:
    d = lexicon().defaults.get(role, {})
    cat = d.get(sub_event_type) or d.get(event_type)
    if cat is None:
        return None
    if cat == "military_means":
        iso = None  # "air strikes" say nothing of whose
    return Actor(render(cat, iso, event_type, sub_event_type), "", start, end, kind_of(cat))


def recast(event_type: str, sub_event_type: str, a1: Actor | None, a2: Actor | None, iso: str | None,
           at: tuple[int, int]) -> tuple[Actor | None, Actor | None]:
    """The record's (actor1, actor2) cast for its own sub-type, once assembly has typed it: a
    protest that the story makes excessive force has the forces as actor1; a protest with
    intervention has the crowd as actor1 (its default, "Protesters (Country)", when unnamed); an
    agreement between a state and another party has the state as actor1."""
    if sub_event_type in lexicon().roles["state_first_sub_event_types"] and a2 is not None and a2.kind == "state" \
            and (a1 is None or a1.kind != "state"):
        a1, a2 = a2, a1  # "the rebels and the government signed a truce": the state is the first side
    if event_type not in lexicon().crowd_by_type:
        return a1, a2
    a1, a2 = _crowd_roles(event_type, sub_event_type, a1, a2)
    if a1 is not None and sub_event_type in lexicon().roles["crowd_target_sub_event_types"] and a1.kind != "state":
        a1 = None  # force used on a crowd is the state's (ACLED): no crowd or passer-by is its doer
    if a1 is None:
        a1 = _default_for("actor1", event_type, sub_event_type, iso, *at)
    if a2 is None:
        a2 = _default_for("actor2", event_type, sub_event_type, iso, *at)
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    return a1, a2


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
