"""The knowledge of the WHAT stage, read once from YAML: the ACLED taxonomy, trigger phrases,
cue lists and modality words (src/eventwire/data/taxonomy.yaml, triggers.yaml, what/*.yaml).

Code elsewhere in ``eventwire.what`` holds the mechanism; this module only loads, checks and
indexes the data so that matching a document is a dictionary look-up per token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import knowledge

WILDCARD = "*"
MAX_GAP = 4  # words a "*" in a phrase may skip
INHERENT = "_inherently_territorial"  # cue list built from context.yaml territory.inherently_territorial


def _data(name: str) -> Any:
    return knowledge.load(name)


@dataclass(frozen=True)
class TriggerEntry:
    """One trigger phrase and what it signals."""

    phrase: tuple[str, ...]  # lowercase tokens, "*" = gap
    sub_event_type: str
    event_type: str
    score: float
    pos: frozenset[str] | None = None
    generic: bool = False
    resolve: str | None = None
    needs: str | tuple[str, ...] | None = None
    objects: str | None = None  # cue list the object must come from (resolve: object)
    unless: str | None = None  # cue list that, present in the sentence, cancels the trigger


@dataclass
class Taxonomy:
    """ACLED's event types and sub-event types with definitions."""

    sub_to_type: dict[str, str]
    definitions: dict[str, str]
    merge_group: dict[str, str]  # event type -> merge group
    merge_subtypes: dict[str, bool]  # event type -> may different sub-types merge across sentences
    distinct: frozenset[str]  # sub-types kept apart from the other sub-types of their group
    absorbs: dict[str, dict[str, str | None]]  # event type or sub-type -> {absorbed sub-type: upgrade}
    without_cues: list[dict[str, str]]  # [{sub, cues, becomes}]
    if_killed: dict[str, str]  # sub-type -> the sub-type it becomes when the event killed people
    violent: frozenset[str]  # event types (and sub-types) of violence (lend their type to lone death reports)
    upgrade_from: dict[str, str]  # event type -> the sub-type an absorbed mention upgrades
    same_sentence_only: frozenset[str]  # sub-types that absorb only within their own sentence
    domestic: frozenset[str] = frozenset()  # sub-types the police carry out only in their own country
    precedence: dict[str, int] = field(default_factory=dict)  # sub-type -> rank (0 names an event first)
    in_story: dict[str, dict[str, str]] = field(default_factory=dict)  # event type -> {sub-type: retyped as}
    # sub-types whose events take the vague words told of them ("the attack", "the attackers") when no
    # one was hurt (taxonomy.yaml takes_vague: an arson)
    takes_vague: frozenset[str] = frozenset()
    # event type -> sub-types it takes as parts only in one of its own sentences or when told in vague
    # words (taxonomy.yaml own_sentence: a killing of civilians told apart is no crossfire of a battle)
    own_sentence: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def sub_event_types(self) -> list[str]:
        return list(self.sub_to_type)


@dataclass
class Lexicon:
    """Everything detect/resolve/modality need, indexed."""

    taxonomy: Taxonomy
    by_first: dict[str, list[TriggerEntry]]
    cue_words: dict[str, frozenset[str]]  # single-word cues per list
    cue_res: dict[str, re.Pattern[str]]  # whole list (single and multi-word) as one regex
    context: dict[str, Any]
    modality: dict[str, Any]
    governors: dict[str, str] = field(default_factory=dict)  # lemma -> modality (or "reference")

    def in_list(self, name: str, word: str) -> bool:
        return word in self.cue_words.get(name, frozenset())

    def text_has(self, name: str, text: str) -> bool:
        """Does ``text`` (any case) contain a cue of list ``name``?"""
        rx = self.cue_res.get(name)
        return bool(rx and rx.search(text.lower()))


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a phrase the way spaCy's English tokenizer splits words ("car-bomb" -> car - bomb)."""
    out: list[str] = []
    for word in phrase.lower().split():
        if word == WILDCARD:
            out.append(word)
            continue
        out.extend(t for t in re.findall(r"'\w+|\w+|[^\w\s]", word) if t)
    return tuple(out)


def _compile_list(words: list[str]) -> re.Pattern[str]:
    alts = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\*", r"(?:\W+\w+){0,3}") for a in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """taxonomy.yaml, read and checked once per process."""
    raw = _data("taxonomy.yaml")
    groups = {name: (v or {}).get("merge_group", name) for name, v in raw["event_types"].items()}
    merge_sub = {name: bool((v or {}).get("merge_subtypes", True)) for name, v in raw["event_types"].items()}
    sub_to_type: dict[str, str] = {}
    defs: dict[str, str] = {}
    for s in raw["sub_event_types"]:
        if s["event_type"] not in groups:
            raise ValueError(f"taxonomy.yaml: unknown event type {s['event_type']!r} for {s['name']!r}")
        sub_to_type[s["name"]] = s["event_type"]
        defs[s["name"]] = " ".join(str(s.get("definition", "")).split())
    distinct = frozenset(s["name"] for s in raw["sub_event_types"] if s.get("distinct"))
    absorbs = {name: dict((v or {}).get("absorbs") or {}) for name, v in raw["event_types"].items()}
    absorbs.update({s["name"]: dict(s["absorbs"]) for s in raw["sub_event_types"] if s.get("absorbs")})
    without = [dict(v["without_cues"]) for v in raw["event_types"].values() if (v or {}).get("without_cues")]
    if_killed = {s["name"]: s["if_killed"] for s in raw["sub_event_types"] if s.get("if_killed")}
    violent = frozenset([n for n, v in raw["event_types"].items() if (v or {}).get("violent")]
                        + [s["name"] for s in raw["sub_event_types"] if s.get("violent")])
    upgrade = {n: v["upgrade_from"] for n, v in raw["event_types"].items() if (v or {}).get("upgrade_from")}
    same_only = frozenset(s["name"] for s in raw["sub_event_types"] if s.get("absorbs_in_sentence_only"))
    domestic = frozenset(s["name"] for s in raw["sub_event_types"] if s.get("domestic"))
    order = list(raw.get("precedence") or [])
    if sorted(order) != sorted(sub_to_type):
        missing = sorted(set(sub_to_type) - set(order)) or sorted(set(order) - set(sub_to_type))
        raise ValueError(f"taxonomy.yaml: precedence must list every sub-event type once ({missing})")
    for k, v in absorbs.items():
        for sub, upgrade in v.items():
            if sub not in sub_to_type or (upgrade is not None and upgrade not in sub_to_type):
                raise ValueError(f"taxonomy.yaml: {k}.absorbs: unknown sub-event type {sub!r} or {upgrade!r}")
    in_story = {n: dict(v["in_story"]) for n, v in raw["event_types"].items() if (v or {}).get("in_story")}
    for k, v in in_story.items():
        for sub, as_sub in v.items():
            if sub not in sub_to_type or as_sub not in sub_to_type or sub_to_type[as_sub] != k:
                raise ValueError(f"taxonomy.yaml: {k}.in_story: {sub!r} -> {as_sub!r} must name sub-types, "
                                 f"the second one of {k}")
    takes_vague = frozenset(s["name"] for s in raw["sub_event_types"] if s.get("takes_vague"))
    own_sentence = {n: frozenset(v["own_sentence"]) for n, v in raw["event_types"].items() if (v or {}).get("own_sentence")}
    for k, subs in own_sentence.items():
        for sub in subs:
            if sub not in absorbs.get(k, {}):
                raise ValueError(f"taxonomy.yaml: {k}.own_sentence: {sub!r} must be one of its absorbs")
    return Taxonomy(sub_to_type, defs, groups, merge_sub, distinct, absorbs, without, if_killed, violent, upgrade,
                    same_only, domestic, {sub: i for i, sub in enumerate(order)}, in_story, takes_vague,
                    own_sentence)


@knowledge.per_language
def load_lexicon() -> Lexicon:
    """Load and index every WHAT data file (cached: once per process)."""
    tax = load_taxonomy()
    ctx = _data("what/context.yaml")
    mod = _data("what/modality.yaml")
    by_first: dict[str, list[TriggerEntry]] = {}
    for item in _data("triggers.yaml")["triggers"]:
        sub = item["sub"]
        if sub not in tax.sub_to_type:
            raise ValueError(f"triggers.yaml: {sub!r} is not an ACLED sub-event type in taxonomy.yaml")
        needs = item.get("needs")
        if isinstance(needs, list):
            needs = tuple(str(n).lower() for n in needs)
        for phrase in item["phrases"]:
            toks = _phrase_tokens(str(phrase))
            if not toks or toks[0] == WILDCARD:
                raise ValueError(f"triggers.yaml: bad phrase {phrase!r}")
            e = TriggerEntry(
                phrase=toks,
                sub_event_type=sub,
                event_type=tax.sub_to_type[sub],
                score=float(item.get("score", 0.5)),
                pos=frozenset(item["pos"]) if item.get("pos") else None,
                generic=bool(item.get("generic", False)),
                resolve=item.get("resolve"),
                needs=needs,
                objects=item.get("objects"),
                unless=item.get("unless"),
            )
            by_first.setdefault(toks[0], []).append(e)
    cues = {k: [str(w) for w in v] for k, v in (ctx.get("cues") or {}).items()}
    _check_cues(cues, by_first)
    _check_modality(mod)
    cue_words = {k: frozenset(w.lower() for w in v) for k, v in cues.items()}
    cue_res = {k: _compile_list(v) for k, v in cues.items()}
    inherent = (ctx.get("territory") or {}).get("inherently_territorial")
    if inherent:
        cue_res[INHERENT] = _compile_list([str(w) for w in inherent])
    # lists used by modality, also as one regex each
    governors: dict[str, str] = {}
    for modality, words in (mod.get("governors") or {}).items():
        for w in words:
            governors[str(w).lower()] = modality
    for w in mod.get("reference_governors") or []:
        governors[str(w).lower()] = "reference"
    return Lexicon(tax, by_first, cue_words, cue_res, ctx, mod, governors)


# cue lists of context.yaml that the code reads by name (nonevent.py, detect.py)
REQUIRED_CUES = ("instrument_nouns", "instrument_event_heads", "possession_verbs", "inert_modifiers",
                 "attack_objects", "agreement_documents", "show_verbs", "diplomatic_protest_verbs",
                 "diplomatic_protest_marks", "evaluative_words", "demonstratives", "past_adverbs",
                 "month_context", "month_triggers", "natural_causes", "modifier_heads", "weapons",
                 "agreement_state_verbs", "agreement_state_preps", "talk_verbs", "placing_verbs",
                 "doer_nouns", "perception_verbs", "organisation_heads", "name_nouns",
                 "state_verbs", "motion_verbs", "signature_verbs", "sit_verbs", "victim_verbs")
MODALITY_NAMES = ("negated", "hypothetical", "planned", "threatened", "denied")


def _check_cues(cues: dict[str, list[str]], by_first: dict[str, list[TriggerEntry]]) -> None:
    """Every cue list the code or a trigger entry names (needs/unless/objects) exists."""
    missing = [k for k in REQUIRED_CUES if k not in cues]
    if missing:
        raise ValueError(f"what/context.yaml: missing cue lists {missing}")
    for entries in by_first.values():
        for e in entries:
            for name in (e.objects, e.unless, e.needs if isinstance(e.needs, str) else None):
                if name and name not in cues:
                    raise ValueError(f"triggers.yaml: {' '.join(e.phrase)!r} names unknown cue list {name!r}")


def _check_modality(mod: dict[str, Any]) -> None:
    for modality in (mod.get("for_governors") or {}):
        if modality not in MODALITY_NAMES:
            raise ValueError(f"what/modality.yaml: for_governors names unknown modality {modality!r}")


def sub_event_types() -> list[str]:
    """The 25 ACLED sub-event type names, in taxonomy order."""
    return load_taxonomy().sub_event_types
