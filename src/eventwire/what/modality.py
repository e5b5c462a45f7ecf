"""Is an event mention asserted, or negated, hypothetical, planned, threatened, denied?

Read from the dependency parse around the trigger, with the word lists of
data/what/modality.yaml: a negation on the trigger or its clause verb, a negative subject or
object ("no one was hurt"), a modal auxiliary ("could attack"), a conditional clause ("if ..."), a question,
a modifier ("planned protest"), or a governing word up the tree ("threatened to attack",
"denied carrying out the attack", "foiled a plot to bomb"). Mentions that only refer to an event
(a trial, an anniversary) get the pseudo-modality ``"reference"`` and are dropped by detect.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import Lexicon

REFERENCE = "reference"
PRESUPPOSED = "presupposed"  # _governed: a word above takes the event as given (no modality climbs past it)
# arcs a modality may be inherited through, from dependent to head
CLIMB_DEPS = {"dobj", "pobj", "prep", "xcomp", "ccomp", "acl", "relcl", "compound", "nsubjpass", "amod", "acomp",
              "pcomp", "conj", "dative", "oprd", "attr"}
MAX_CLIMB = 5


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause the trigger sits in (the trigger itself when it is a verb)."""
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        t = t.head
    return t


def _purpose(tok: Token, aim_verbs: frozenset[str] = frozenset()) -> bool:
    """An infinitive clause of purpose: advcl/acl with "to" ("an operation to retake the town"),
    the complement of a verb of trying (``aim_verbs``: "stepped in to broker a truce") or of a
    copula (a goal: "the aim is to retake the town"), or a verb conjoined to one ("to create cells
    and recruit fighters")."""
    while tok.dep_ == "conj" and tok.tag_ == "VB" and tok.head.i != tok.i:
        tok = tok.head
    if tok.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ in ("xcomp", "ccomp", "attr") and tok.head.lemma_.lower() == "be":
        return True  # a goal stated: "the aim is to retake the town", "victory can only be to achieve a surrender"
    return tok.dep_ in ("advcl", "acl") or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in aim_verbs)


def _noun_infinitive(tok: Token) -> bool:
    """"the right to open fire", "an order to arrest", "nothing to protest against": a
    to-infinitive that completes a noun or a pronoun names an act, not one that happened."""
    return (tok.dep_ in ("acl", "relcl") and tok.tag_ == "VB" and tok.head.pos_ in ("NOUN", "PRON")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


def _negative(tok: Token, neg_words: set[str]) -> bool:
    if tok.lower_ in neg_words:
        return True
    return any(c.dep_ in ("det", "neg", "amod") and c.lower_ in neg_words for c in tok.children)


def modality_of(span: Span, lex: Lexicon, sub_event_type: str | None = None) -> str:
    """One of record.MODALITIES, or "reference" for mentions of an event that is not reported."""
    cfg = lex.modality
    neg_words = {str(w).lower() for w in cfg.get("negative_words") or []}
    aux = {str(w).lower(): m for m, ws in (cfg.get("modal_aux") or {}).items() for w in ws}
    cond = {str(w).lower() for w in cfg.get("conditional_marks") or []}
    root = span.root
    clause_verb = _clause_verb(root)
    # "did not comment on the arrests": the negation (or modal) of a verb of saying is the saying's;
    # its negative arguments still speak of the event ("no reports of injuries, police said")
    verb = root if clause_verb.i != root.i and _speech(clause_verb, lex) else clause_verb
    governed = _governed(root, lex, aux, cond)
    if governed == REFERENCE:  # a trial or an anniversary outranks everything else
        return governed
    if governed == PRESUPPOSED:
        # "will investigate the killing", "did not condemn the attack": the event is the object of
        # an inquiry, a condemnation, a regret; the tense, modal or negation above is not its own
        return _own_modifier(root, cfg) or ("negated" if _negative(root, neg_words) else "asserted")
    if _question(span, cfg):
        return "hypothetical"
    if _false_claim(root, cfg):
        return "denied"

    # 1. negation on the trigger or its clause
    for t in {root, verb}:
        if any(c.dep_ == "neg" for c in t.children):
            return "negated"
    if _negative(root, neg_words):
        return "negated"
    if root.dep_ == "pobj" and root.head.lower_ == "without" and root.head not in span:
        return "negated"
    # "No one was hurt in the explosion": a negative subject or object negates its clause's own
    # event, not an event noun that is the clause's circumstance (the explosion happened; its count is 0)
    # -- nor, as subject, an event noun whose object is the negative ("the blast caused no casualties")
    noun = root.pos_ in ("NOUN", "PROPN")
    circumstance = noun and root.dep_ == "pobj" and root.head.head.i == clause_verb.i
    doer = noun and root.dep_ in ("nsubj", "nsubjpass") and root.head.i == clause_verb.i
    for c in clause_verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "ccomp") and c.i != root.i and _negative(c, neg_words) \
                and not circumstance and not (doer and c.dep_ == "dobj"):
            return "negated"
    # 2. modifiers on a trigger noun ("planned protest", "foiled attack"), or on the noun it
    # counts out ("an expected wave of protests", "a planned series of strikes")
    mod = _own_modifier(root, cfg)
    if mod:
        return mod
    # 3. modal auxiliaries and conditional clauses
    for t in {root, verb}:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in aux:
                return aux[c.lower_]
            if c.dep_ == "mark" and c.lower_ in cond:
                return "hypothetical"
    # a future tense the verb itself inflects ("ils manifesteront", "sera attaqué": Tense=Fut in the
    # parse's morphology; English has no such form, its "will" is an auxiliary above)
    for t in {root, verb}:
        if t.pos_ in ("VERB", "AUX") and any(
                "Fut" in x.morph.get("Tense") for x in (t, *(c for c in t.children if c.dep_.startswith("aux")))):
            return "planned"
    # 4. a purpose clause ("launched an offensive to capture the town") has not happened yet
    purposive = sub_event_type in set(cfg.get("purpose_applies_to") or [])
    aims = frozenset(str(w).lower() for w in cfg.get("purpose_verbs") or [])
    if purposive and (_purpose(root, aims) or (verb.i != root.i and _purpose(verb, aims))):
        return "hypothetical"
    # 5. an infinitive that completes a noun ("no right to open fire", "the decision to arrest")
    if _noun_infinitive(root) or (verb.i != root.i and _noun_infinitive(verb)):
        return "hypothetical"
    # 6. a to-infinitive with no finite verb above it: a headline's future ("Army to attack rebels")
    if root.dep_ == "ROOT" and root.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
        return "planned"
    return governed or "asserted"


def _own_modifier(root: Token, cfg: dict) -> str | None:
    """The modality of a modifier on the trigger noun or on the noun it counts out, if any."""
    mods = {str(w).lower(): m for m, ws in (cfg.get("modifiers") or {}).items() for w in ws}
    nouns = [root]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        nouns.append(root.head.head)
    for n in nouns:
        for c in n.children:
            if c.dep_ in ("amod", "compound") and c.lower_ in mods:
                return mods[c.lower_]
    return None


def _presupposing(t: Token, lex: Lexicon, path: set[int]) -> bool:
    """Does ``t`` take the event below it as given: a word of modality.yaml's
    presupposing_governors ("investigate the killing", "responsibility for the bombing"), or a
    verb whose subject or object is one ("an inquiry will be opened into the murders", "expressed
    sorrow because of the killing")?"""
    words = lex.modality.get("presupposing_governors") or []
    given = {str(w).lower() for w in words}
    if t.lemma_.lower() in given or t.lower_ in given:
        return True
    return t.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i not in path and (c.lemma_.lower() in given or c.lower_ in given)
        for c in t.children)


WH_TAGS = ("WRB", "WP", "WP$", "WDT")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def _false_claim(root: Token, cfg: dict) -> bool:
    """Is the trigger inside the subject of a clause that calls it false ("the report that the
    guards were shot is unfounded", "claims of a massacre are lies")?"""
    words = {str(w).lower() for w in cfg.get("false_claim_words") or []}
    t = root
    for _ in range(MAX_CLIMB + 3):
        if t.dep_ in SUBJECT_DEPS and any(c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in words
                                          for c in t.head.children):
            return True
        if t.dep_ == "ROOT":
            return False
        t = t.head
    return False


def _question(span: Span, cfg: dict) -> bool:
    """Is the trigger's sentence a yes-no question ("have weapons been seized?")? A question with a
    wh-word takes the event as given ("where did the attack take place?", "..., in which ten were
    killed?")."""
    marks = {str(w) for w in cfg.get("question_marks") or []}
    if not marks:
        return False
    sent = span.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ('"', "'", ")", "]")), None)
    return last is not None and last.text in marks and not any(t.tag_ in WH_TAGS for t in sent)


def _past_perfect(verb: Token) -> bool:
    """"had been planned": a past perfect, told of a time before the event it governs."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ == "VBD" for c in verb.children)


def _speech(tok: Token, lex: Lexicon) -> bool:
    """A verb of saying or knowing ("say", "comment", "know")."""
    words = {str(w).lower() for w in lex.modality.get("speech_verbs") or []}
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in words


def _for_governor(prep: Token, lex: Lexicon) -> str | None:
    """The modality of a verb governing its "for" complement ("called for protests"), if any;
    what people protest against ("marched against the coup") is a reference, not a new event."""
    if prep.lower_ == "against":
        protest = {str(w).lower() for w in lex.modality.get("protest_governors") or []}
        head = prep.head
        # "rallies were held against the execution": a verb whose subject is the protest governs too
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if head.pos_ in ("VERB", "AUX") else []
        subjects += [p for s in subjects for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"]  # "thousands of demonstrators"
        governors = [head, *subjects]
        return REFERENCE if any(g.lemma_.lower() in protest or g.lower_ in protest for g in governors) else None
    if prep.lower_ != "for":
        return None
    table = lex.modality.get("for_governors") or {}
    lemma = prep.head.lemma_.lower()
    return next((m for m, ws in table.items() if lemma in {str(w).lower() for w in ws}), None)


def _governed(root: Token, lex: Lexicon, aux: dict[str, str], cond: set[str]) -> str | None:
    """The modality a word up the tree gives the trigger ("threatened to attack"), if any.

    The climb stops at a verb of saying ("did not say how many were arrested": the negation is
    the saying's)."""
    sep = lex.cue_words.get("separating_preps", frozenset())
    t = root
    came_by_conj = False
    separated = False  # past "after/over/for ...": only a trial or anniversary still governs
    path: set[int] = set()  # the tokens climbed through
    # a conjunct is a sibling, not a level up: "a suspension of its attacks and of its sabotage" climbs
    # from "sabotage" as far as from "attacks" (bounded all the same)
    climbed = 0
    for _ in range(2 * MAX_CLIMB):
        if climbed >= MAX_CLIMB or t.dep_ == "ROOT" or t.dep_ not in CLIMB_DEPS:
            break
        climbed += t.dep_ != "conj"
        prep = t if t.dep_ == "prep" else (t.head if t.dep_ == "pobj" else None)
        if prep is not None and not separated:
            m = _for_governor(prep, lex)
            if m:
                return m
        if (t.dep_ == "prep" and t.lower_ in sep) or (t.dep_ == "pobj" and t.head.lower_ in sep):
            separated = True
        came_by_conj = t.dep_ == "conj"
        subject = t.dep_ == "nsubjpass"
        # a clause with its own tense ("13 soldiers were hurt") asserts itself: a modal of the
        # clause above it ("..., thus the toll could rise") is not its modality
        own_tense = t.dep_ in ("ccomp", "conj") and _finite(t)
        path.add(t.i)
        t = t.head
        if not came_by_conj:
            m = lex.governors.get(t.lemma_.lower()) or lex.governors.get(t.lower_)
            if m != REFERENCE and _presupposing(t, lex, path):
                return PRESUPPOSED
            if m == "planned" and subject and _past_perfect(t):
                return None  # "the bombing had been planned for months": planned, then carried out
            if m == REFERENCE or (m and not separated):
                return m
            if _speech(t, lex):
                return None
            if separated:
                continue
            if any(c.dep_ == "neg" for c in t.children) and t.pos_ in ("VERB", "AUX"):
                return "negated"
            for c in t.children:
                if c.dep_ == "aux" and c.lower_ in aux and t.pos_ == "VERB" and not own_tense:
                    return aux[c.lower_]
                if c.dep_ == "mark" and c.lower_ in cond:
                    return "hypothetical"
    return None


FINITE_TAGS = ("VBD", "VBZ", "VBP")


def _finite(verb: Token) -> bool:
    """Does the verb carry its own tense ("were hurt", "killed", "has died")?"""
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)
