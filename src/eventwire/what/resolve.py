"""Parse-based checks that retype a trigger from its context.

A trigger entry in triggers.yaml may name a resolver (``resolve: target``...). Each resolver reads
the trigger's participants from the dependency parse -- the agent (subject, "by" phrase,
possessor) and the patient (object, passive subject, "on/against/at" phrase, the noun a participle
modifies) -- classifies their head nouns with the cue lists of data/what/context.yaml, and applies
the rules of that file. A resolver returns ``(sub_event_type, score)`` or None to drop the mention.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span, Token

from .. import knowledge
from .lexicon import INHERENT, Lexicon, TriggerEntry

KIND_ORDER = ("protesters", "rioters", "non_state", "state_forces", "civilians")
# English (ClearNLP) labels and their Universal Dependencies counterparts (the French model's)
AGENT_DEPS = {"nsubj", "csubj"}
PATIENT_DEPS = {"dobj", "nsubjpass", "dative", "attr", "oprd", "obj", "nsubj:pass"}
UD_AGENT_DEPS = {"obl:agent"}  # "tués par des séparatistes": the noun itself, its "par" a case child
UD_OBLIQUE_DEPS = {"obl", "obl:arg", "obl:mod", "nmod"}  # a noun whose preposition is a case child
PATIENT_PREPS = {"on", "against", "at", "upon", "of", "targeting", "into", "toward", "towards", "in"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
NP_MODS = {"compound", "amod", "nmod", "poss", "nummod", "det", "quantmod"}
Participants = tuple[list[Token], list[Token]]


def _expand(tokens: Iterable[Token]) -> list[Token]:
    """Add coordinated nouns ("soldiers and police") and of-heads ("members of the army")."""
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        out.extend(c for c in t.conjuncts if c not in out)
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


@knowledge.per_language
def _target_preps() -> frozenset[str]:
    """The prepositions of an attack's target in the current language (actors.yaml target_preps)."""
    return frozenset(str(w).lower() for w in knowledge.load("actors.yaml")["target_preps"])


def participants(span: Span) -> Participants:
    """(agents, patients) of a trigger span, from the parse."""
    root = span.root
    agents: list[Token] = []
    patients: list[Token] = []
    tokens = list(span)
    for tok in tokens:
        for c in tok.children:
            if c in span:
                continue
            if c.dep_ in AGENT_DEPS:
                agents.append(c)
            elif c.dep_ in PATIENT_DEPS:
                patients.append(c)
            elif c.dep_ == "agent":
                agents.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ in UD_AGENT_DEPS:
                agents.append(c)
            elif c.dep_ in UD_OBLIQUE_DEPS and any(
                    k.dep_ == "case" and k.lower_ in _target_preps() for k in c.children):
                patients.append(c)  # "une attaque contre l'armée"
            elif c.dep_ in ("poss", "compound") and root.pos_ in ("NOUN", "PROPN"):
                agents.append(c)
            elif c.dep_ == "prep":
                objs = [p for p in c.children if p.dep_ == "pobj"]
                if c.lower_ == "by" or c.lower_ in ("between", "with"):
                    agents.extend(objs)
                elif c.lower_ in PATIENT_PREPS and c.lower_ != "in":
                    patients.extend(objs)
        if tok.lower_ in ("on", "against", "at") and tok in span:  # phrase ends in a preposition
            patients.extend(p for p in tok.children if p.dep_ == "pobj")
    # "clashes erupted between A and B": the verb a noun trigger is the subject of holds its parties
    if root.dep_ == "nsubj" and root.pos_ in ("NOUN", "PROPN") and not agents:
        for c in root.head.children:
            if c.dep_ == "prep" and c.lower_ in ("between", "with"):
                agents.extend(p for p in c.children if p.dep_ == "pobj")
    # "militants who captured the town": the relative pronoun stands for the noun it modifies
    if root.dep_ == "relcl":
        agents = [root.head if a.lower_ in RELATIVE_PRONOUNS else a for a in agents]
        # "the report which was picked up", "the men who were killed": so does a passive subject
        patients = [root.head if p.lower_ in RELATIVE_PRONOUNS else p for p in patients]
    # a coordinated verb shares the subject of the first ("stormed the village and killed five")
    own_subject = any(c.dep_ in AGENT_DEPS for c in root.children)  # not a "with"-phrase's stones
    # "thousands rallied ... and two demonstrators were shot dead": a passive with a subject of
    # its own does not share the first verb's (its doer is unsaid)
    passive_subject = any(c.dep_ == "nsubjpass" for c in root.children)
    if root.dep_ == "conj" and not own_subject and not passive_subject and root.head.pos_ in ("VERB", "AUX"):
        agents.extend(c for c in root.head.children if c.dep_ in AGENT_DEPS)
    # "five soldiers killed in ..." / "the villagers attacked by ...": the modified noun
    if root.dep_ in ("acl", "amod") and root.head.pos_ in ("NOUN", "PROPN", "PRON"):
        if root.tag_ == "VBN":
            patients.append(root.head)
        elif root.tag_ != "VB":  # an infinitive ("an offensive to retake") says nothing of its agent
            agents.append(root.head)
    # "militants attacking a base" as relative clause
    if root.dep_ == "relcl" and not agents:
        agents.append(root.head)
    # "an attack on ... by" / xcomp: "tried to kill" takes the subject of the governing verb
    if root.dep_ == "xcomp" and not own_subject:
        agents.extend(c for c in root.head.children if c.dep_ in AGENT_DEPS)
    return _expand(agents), _expand(patients)


def _np_words(tok: Token) -> list[str]:
    words = [tok.lower_, tok.lemma_.lower()]
    for c in tok.children:
        if c.dep_ in NP_MODS:
            words += [c.lower_, c.lemma_.lower()]
    if tok.ent_type_:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            words.append(ent.text.lower())
    return words


CROWD_KINDS = ("protesters", "rioters")  # kinds a head noun names whatever modifies it


def kind_of(tok: Token, lex: Lexicon) -> str | None:
    """protesters | rioters | non_state | state_forces | civilians | None for a participant head."""
    words = _np_words(tok)
    phrase = " ".join(w for w in words[::2])
    # a crowd noun says it itself: "anti-government protesters" are protesters, not rebels
    for kind in CROWD_KINDS:
        if any(lex.in_list(kind, w) for w in (tok.lower_, tok.lemma_.lower())):
            return kind
    # the modifier says whose the people are: "police operatives", "rebel soldiers"
    mods = [w for c in tok.children if c.dep_ in ("compound", "amod") for w in (c.lower_, c.lemma_.lower())]
    for kind in KIND_ORDER:
        if kind != "civilians" and any(lex.in_list(kind, w) for w in mods):
            return kind
    for kind in KIND_ORDER:
        if any(lex.in_list(kind, w) for w in words) or lex.text_has(kind, phrase):
            return kind
    if tok.ent_type_ in ("PERSON", "NORP"):
        return "civilians"
    return None


def _kinds(tokens: list[Token], lex: Lexicon) -> set[str]:
    return {k for k in (kind_of(t, lex) for t in tokens) if k}


def _is_mob(tokens: list[Token], lex: Lexicon) -> bool:
    return any(lex.in_list("mob", t.lower_) or lex.in_list("mob", t.lemma_.lower()) for t in tokens)


def resolve_target(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Attack-like words: the kinds of attacker and target decide the sub-type."""
    agents, patients = participants(span)
    if not _kinds(patients, lex):
        # "launched attacks, killing 40 soldiers"; "two fighters were killed in an attack on a
        # road": the victims of the killing, when the attack's own object is no one
        kills = [t for t in span.sent
                 if lex.in_list("victim_verbs", t.lemma_.lower()) and not span.start <= t.i < span.end]
        patients = patients + [p for t in kills for p in participants(span.doc[t.i:t.i + 1])[1]]
        # "four soldiers died in an attack": the subjects of a verb of dying
        deaths = [t for t in span.sent if t.pos_ == "VERB" and not span.start <= t.i < span.end
                  and lex.in_list("plain_death_words", t.lemma_.lower())]
        patients = patients + [a for t in deaths for a in participants(span.doc[t.i:t.i + 1])[0]]
    a_kinds, p_kinds = _kinds(agents, lex), _kinds(patients, lex)
    for rule in lex.context.get("target_rules") or []:
        role, kind = rule["role"], rule.get("kind")
        if rule.get("from") and entry.sub_event_type not in rule["from"]:
            continue
        if role == "no_armed":  # nobody armed takes part, and the sentence speaks of demonstrators
            armed = (a_kinds | p_kinds) & {"state_forces", "non_state"}
            sent = span.sent.text
            hit = not armed and lex.text_has(rule["cues"], sent) and not lex.text_has("forces", sent)
        elif kind == "mob":
            hit = role == "agent" and _is_mob(agents, lex) and not (a_kinds & {"state_forces", "non_state"})
        elif role == "any":
            hit = kind in a_kinds or kind in p_kinds
        elif role == "agent":
            hit = kind in a_kinds and (not rule.get("then_patient") or rule["then_patient"] in p_kinds)
        else:
            hit = kind in p_kinds and (not rule.get("agent_kind") or rule["agent_kind"] in a_kinds) and (
                not rule.get("agent_named_not") or (bool(agents) and rule["agent_named_not"] not in a_kinds))
        if hit:
            sub = rule["sub"]
            if sub == entry.sub_event_type:
                return sub, entry.score
            if rule.get("named_doer_specific") and agents and _kinds(agents, lex):
                # "police attacked the rally": with its doer named too, the word is no longer vague
                return sub, min(0.84, max(0.5, entry.score + 0.04))
            # a vague word stays vague (absorbable) even when its context types it
            return sub, min(0.84, entry.score + (0.1 if entry.score >= 0.5 else 0.04))
    return entry.sub_event_type, entry.score


def _victims(span: Span, lex: Lexicon) -> list[Token]:
    agents, patients = participants(span)
    root = span.root
    if (root.pos_ in ("VERB", "AUX") and lex.in_list("plain_death_words", root.lemma_.lower())) \
            or root.pos_ in ("ADJ", "NOUN"):
        # "five soldiers died", "three civilians were dead", "the deaths of two policemen"
        return patients + agents + [c for c in root.head.children if c.dep_ == "nsubj" and root.dep_ == "acomp"]
    return patients


def resolve_victims(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Generic deaths/injuries: whose they are decides the sub-type of a lone generic mention."""
    kinds = _kinds(_victims(span, lex), lex)
    for rule in lex.context.get("victim_rules") or []:
        if rule["kind"] in kinds:
            return rule["sub"], entry.score
    return entry.sub_event_type, entry.score


def _object_kind(tok: Token, lex: Lexicon) -> str | None:
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return "place"
    w = (tok.lower_, tok.lemma_.lower())
    if any(lex.in_list("place_nouns", x) for x in w):
        return "place"
    if any(lex.in_list("weapons", x) for x in w):
        return "weapons"
    if tok.ent_type_ == "PERSON" or any(lex.in_list("persons", x) or lex.in_list("civilians", x) for x in w):
        return "person"
    if tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS"):
        return "person"  # "took dozens of Palestinians": people named by nationality or faith
    if tok.ent_type_ in ("ORG", "NORP") or tok.pos_ == "PROPN":
        return "place?"
    return None


def resolve_territory(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Capture words: the object says territory/person/weapons, the agent says state or not."""
    cfg = lex.context.get("territory") or {}
    agents, patients = participants(span)
    # "gained ground against the militants": the opponent, not the place taken
    patients = [p for p in patients if not (p.dep_ == "pobj" and p.head.lower_ == "against")]
    root = span.root
    text = span.text.lower()
    if root.dep_ == "amod" and root.i < root.head.i and lex.in_list("standing_states", root.lower_):
        return None  # "the occupied territories": a standing state, not a capture told
    # "the town fell to the rebels": the subject is the place, the to-phrase the new holder
    if root.lemma_ == "fall" or text.startswith(("fell", "fall")):
        patients = agents
        agents = [p for t in span for p in t.children if p.dep_ == "pobj"]
    # "under rebel control" / "back under army control"
    if "control" in text and "under" in text:
        agents = [c for t in span for c in t.children if c.dep_ in ("poss", "compound", "amod")]
        patients = [root.head] if root.head not in span else []
    if "control" in text:  # "took control of the town"
        patients += [p for t in span for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"]
    okinds = [k for k in (_object_kind(p, lex) for p in patients) if k]
    a_kinds = _kinds(agents, lex)
    inherent = lex.text_has(INHERENT, text)
    if "state_forces" in a_kinds and "non_state" not in a_kinds:
        holder = "government"
    elif "non_state" in a_kinds:
        holder = "non_state"
    else:
        holder = None
    if "person" in okinds and "place" not in okinds and not inherent:  # "gained ground against the militants"
        if holder == "non_state":
            return cfg.get("person_by_non_state", "Abduction/forced disappearance"), 0.8
        return cfg.get("person_by_state", "Arrests"), 0.8
    if "weapons" in okinds and "place" not in okinds:
        return cfg.get("weapons", "Disrupted weapons use"), float(cfg.get("weapons_score", 0.8))
    if not ({"place", "place?"} & set(okinds)) and (not inherent or patients):
        return None  # no place taken ("took control of five positions" is fighting, not territory)
    # a personal pronoun ("they took the villages") says nothing of who the taker is
    named = [a for a in agents if a.tag_ != "PRP"]
    if holder is None and named and all(a.pos_ in ("NOUN", "PRON") and not a.ent_type_ for a in named):
        return None  # someone took it who is not an armed actor ("the compassion that took over the city")
    if holder is None:
        # nobody known took it: keep a named or clearly territorial place, drop the rest
        # ("took over the company", "the mayor took over the festival")
        if "place" not in okinds and not inherent:
            return None
        return entry.sub_event_type, entry.score - 0.05
    return cfg.get(holder, entry.sub_event_type), entry.score + 0.02


def resolve_captives(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Plain taking words ("forces took dozens of villagers"): people as the object make an arrest
    (by state forces) or an abduction (by a non-state group); anything else is no event."""
    cfg = lex.context.get("territory") or {}
    # "took the wounded to hospital", "took the children to safety": carried somewhere, not held
    # (unless the place is one of custody: "taken to a police station")
    for c in span.root.children:
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            dest = " ".join(t.lower_ for t in c.subtree)
            if not lex.text_has("custody_places", dest):
                return None
    agents, patients = participants(span)
    if not patients or not all(_object_kind(p, lex) in ("person", None) for p in patients):
        return None
    if "person" not in {_object_kind(p, lex) for p in patients}:
        return None
    a_kinds = _kinds(agents, lex)
    if "state_forces" in a_kinds and "non_state" not in a_kinds:
        return cfg.get("person_by_state", "Arrests"), entry.score
    if "non_state" in a_kinds:
        return cfg.get("person_by_non_state", "Abduction/forced disappearance"), entry.score
    return None


def resolve_withdrawal(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """A withdrawal forced by violence ("withdrew following intensive bombardment", "pulled out
    after heavy fighting") is a loss in a battle, not a place handed over without a fight: no
    non-violent transfer of its own (the capture it allowed is the event)."""
    root = span.root
    for c in root.children:
        if c.dep_ in ("prep", "advcl") and lex.in_list("forced_by_preps", c.lower_) and \
                lex.text_has("fighting_words", " ".join(t.lower_ for t in c.subtree)):
            return None
    return entry.sub_event_type, entry.score


def resolve_detainees(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Arrests of demonstrators are an intervention in their protest (ACLED)."""
    agents, patients = participants(span)
    if span.root.dep_ in ("acl", "amod", "relcl"):
        patients = [*patients, span.root.head]
    a_kinds = _kinds(agents, lex)
    if "non_state" in a_kinds and "state_forces" not in a_kinds:  # "bandits rounded up villagers"
        cfg = lex.context.get("territory") or {}
        return cfg.get("person_by_non_state", "Abduction/forced disappearance"), entry.score
    kinds = _kinds(patients, lex)
    for rule in lex.context.get("detainee_rules") or []:
        if rule["kind"] in kinds:
            return rule["sub"], float(rule.get("score", entry.score))
    return entry.sub_event_type, entry.score


def resolve_expel(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Expelling words ("drove the militants out of"): the agent alone says who gained the place."""
    cfg = lex.context.get("territory") or {}
    agents, patients = participants(span)
    a_kinds, p_kinds = _kinds(agents, lex), _kinds(patients, lex)
    if "non_state" in a_kinds or ("state_forces" in p_kinds and "state_forces" not in a_kinds):
        return cfg.get("non_state", "Non-state actor overtakes territory"), entry.score
    if "state_forces" in a_kinds or "non_state" in p_kinds:
        return cfg.get("government", entry.sub_event_type), entry.score
    return None


def resolve_object(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Keep the mention only if its object (or passive subject) is a word of ``entry.objects``."""
    _, patients = participants(span)
    head = span.root.head if span.root.dep_ in ("acl", "amod") else None
    if head is not None:
        patients = [*patients, head]
    name = entry.objects or ""
    for p in patients:
        words = {p.lower_, p.lemma_.lower(), *(c.lower_ for c in p.children if c.dep_ == "compound")}
        if any(lex.in_list(name, w) for w in words):
            return entry.sub_event_type, entry.score
        # the noun a participle modifies is judged by its own words: its phrase holds the participle's
        # own clause ("a message signed by ... asking to begin peace talks")
        if (head is None or p.i != head.i) and lex.text_has(name, " ".join(t.lower_ for t in p.subtree)):
            return entry.sub_event_type, entry.score
    return None


def resolve_object_if_any(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Like ``object``, but a trigger with no object at all stays ("present at the signing"): only
    an object outside ``entry.objects`` drops it ("signed a letter", "a message signed by")."""
    _, patients = participants(span)
    if span.root.dep_ in ("acl", "amod", "relcl"):
        patients = [*patients, span.root.head]
    patients = [p for p in patients if p.lower_ not in RELATIVE_PRONOUNS]
    if not patients:
        return entry.sub_event_type, entry.score
    return resolve_object(entry, span, lex)


def resolve_movers(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Like ``object``; a verb with no object of its own is judged by its subject ("troops are
    redeploying", "the militia mobilised")."""
    root = span.root
    if root.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubjpass") for c in root.children):
        name = entry.objects or ""
        for a in (c for c in root.children if c.dep_ == "nsubj"):
            words = {a.lower_, a.lemma_.lower(), *(c.lower_ for c in a.children if c.dep_ in ("compound", "amod"))}
            if any(lex.in_list(name, w) for w in words):
                return entry.sub_event_type, entry.score
    return resolve_object(entry, span, lex)


def resolve_object_head(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Keep the mention only if an object's own head noun (or a modifier of it) is a word of
    ``entry.objects`` -- never a word further down its phrase ("created an opportunity for the
    armed forces" forms no force)."""
    _, patients = participants(span)
    name = entry.objects or ""
    for p in patients:
        words = {p.lower_, p.lemma_.lower(), *(c.lower_ for c in p.children if c.dep_ in ("compound", "amod"))}
        if any(lex.in_list(name, w) for w in words):
            return entry.sub_event_type, entry.score
    return None


def resolve_not_by_state(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Demonstrators' acts that the forces of order may do too: none when state forces are the doer
    ("police tore down the protest camp")."""
    agents, _ = participants(span)
    if "state_forces" in _kinds(agents, lex):
        return None
    return entry.sub_event_type, entry.score


def resolve_self(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """"Police dispersed the crowd" is an intervention; "the protesters dispersed" (no object,
    the demonstrators as subject) is demonstrators going home: a peaceful protest, vaguely.
    "Dispersed groups" (an adjective before its noun) are scattered, not dispersed by anyone."""
    root = span.root
    if root.dep_ == "amod" and root.i < root.head.i:
        return None
    if root.pos_ == "VERB" and not any(c.dep_ in ("dobj", "auxpass", "agent") for c in root.children):
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is not None and kind_of(subj, lex) == "protesters":
            return "Peaceful protest", 0.45
    return entry.sub_event_type, entry.score


RESOLVERS: dict[str, Callable[[TriggerEntry, Span, Lexicon], tuple[str, float] | None]] = {
    "target": resolve_target,
    "victims": resolve_victims,
    "territory": resolve_territory,
    "detainees": resolve_detainees,
    "captives": resolve_captives,
    "withdrawal": resolve_withdrawal,
    "expel": resolve_expel,
    "object": resolve_object,
    "object_if_any": resolve_object_if_any,
    "movers": resolve_movers,
    "not_by_state": resolve_not_by_state,
    "object_head": resolve_object_head,
    "self": resolve_self,
}


def _doer_retype(sub: str, score: float, span: Span, lex: Lexicon) -> tuple[str, float]:
    """A doer that is itself a way of striking retypes a plain violence word: "the air force
    destroyed a convoy", "drones hit the base" are air strikes (context.yaml ``doer_retypes``)."""
    rules = lex.context.get("doer_retypes") or []
    if not rules:
        return sub, score
    agents, _ = participants(span)
    phrases = [" ".join(t.lower_ for t in a.subtree) for a in agents]
    for rule in rules:
        if sub in rule["from"] and any(lex.text_has(rule["cues"], p) for p in phrases):
            return rule["sub"], max(score, float(rule.get("score", score)))
    return sub, score


def resolve(entry: TriggerEntry, span: Span, lex: Lexicon) -> tuple[str, float] | None:
    """Apply the entry's resolver, if any: (sub_event_type, score) or None to drop the mention;
    then the doer retypes (an air force as the doer makes an air strike)."""
    if not entry.resolve:
        return _doer_retype(entry.sub_event_type, entry.score, span, lex)
    fn = RESOLVERS.get(entry.resolve)
    if fn is None:
        raise ValueError(f"triggers.yaml: unknown resolver {entry.resolve!r}")
    out = fn(entry, span, lex)
    return None if out is None else _doer_retype(*out, span, lex)
