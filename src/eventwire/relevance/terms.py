"""relevance.yaml compiled: the cue terms as one trie regex, their kinds and the gate's numbers.

    rules() -> _Rules (cached), compile_rules(raw) -> _Rules, validate(raw), key_of(text)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import knowledge
from ..errors import DataFileError, SetupError

DATA_FILE = "relevance.yaml"
SEEN_MAX = 100_000  # matched texts remembered with their term
STRONG_ENOUGH = 3  # strong cues after which judge stops reading (the reasons quote those found)
PRE_PARSE = "pre-parse"
POST_PARSE = "post-parse"

class RelevanceDataError(DataFileError, SetupError):
    """relevance.yaml is missing a key, has an unknown one, a value of the wrong kind (its
    declaration is in :data:`eventwire.knowledge.FILES`), or a term in two lists."""


@dataclass
class Relevance:
    """The decision on one article: is it relevant, how strongly, and why (in words)."""

    relevant: bool
    score: float  # weak-cue minus figurative evidence (see relevance.yaml); inf with a strong cue
    reasons: list[str] = field(default_factory=list)
    stage: str = PRE_PARSE  # which step decided: "pre-parse" (not parsed) or "post-parse"
    background: str | None = None  # review: the retrospective cue of the headline or lead, if any

    def explain(self) -> str:
        """One line: the decision and its reasons."""
        verdict = "relevant" if self.relevant else f"not relevant ({self.stage})"
        return f"{verdict}: " + "; ".join(self.reasons)


@dataclass(frozen=True)
class _Rules:
    """relevance.yaml, compiled."""

    regex: re.Pattern[str]  # every term of every list, as one trie
    exact: dict[str, tuple[str, str]]  # key_of(term) -> (kind: "strong" | "weak" | domain name, term)
    prefix: dict[str, tuple[str, str]]  # the same for terms ending in "*" (key without it)
    prefix_lengths: tuple[int, ...]  # lengths of the prefix keys, longest first
    background: re.Pattern[str] | None
    transcript: re.Pattern[str] | None  # background.transcript_phrases
    lead_chars: int
    weak_weight: float
    domain_weight: float
    max_per_cue: int
    min_domain_terms: int
    min_score: float
    function_words: re.Pattern[str]
    min_english_share: float
    seen: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # matched text -> _term_of


def validate(raw: Any) -> dict[str, Any]:
    """Check ``raw`` (relevance.yaml as loaded) against its declaration in
    :data:`eventwire.knowledge.FILES`; raise RelevanceDataError naming the file and the first
    missing, unknown or ill-typed key."""
    try:
        return knowledge.check(DATA_FILE, raw)
    except RelevanceDataError:
        raise
    except DataFileError as e:
        raise RelevanceDataError(str(e)) from None


SEP, HYPHEN, STAR = "\x00sep", "\x00hyphen", "\x00star"  # trie atoms other than letters
_ATOM_RX = {SEP: r"[\s-]+", HYPHEN: "-?", STAR: r"\w*"}


def _atoms(term: str) -> list[str]:
    """A term as trie atoms: its letters, a separator between words ("tear gas": spaces, line
    breaks or hyphens), an optional hyphen for one inside a word ("shoot-out", "shootout") and
    a final "*" for any ending ("protest*")."""
    out: list[str] = []
    for k, w in enumerate(term.lower().split()):
        if k:
            out.append(SEP)
        star = w.endswith("*")
        for part_i, part in enumerate(w.rstrip("*").split("-")):
            if part_i:
                out.append(HYPHEN)
            out.extend(part)
        if star:
            out.append(STAR)
    return out


def key_of(text: str) -> str:
    """The look-up key of a term or of matched text: lower case, without spaces, hyphens or "*"."""
    return "".join(text.lower().split()).replace("-", "").replace("*", "")


def _trie_regex(terms: list[str]) -> str:
    """One regex for every term, factored as a trie so that a scan costs a few character tests
    per word, whatever the number of terms; a longer term wins over its prefix ("shot dead")."""
    trie: dict[str, Any] = {}
    for t in terms:
        node = trie
        for a in _atoms(t):
            node = node.setdefault(a, {})
        node[""] = {}  # end of a term

    def emit(node: dict[str, Any]) -> str:
        alts = [(_ATOM_RX.get(a) or re.escape(a)) + emit(child)
                for a, child in sorted(node.items(), key=lambda kv: (kv[0] == STAR, kv[0])) if a]
        if "" in node:
            if not alts:
                return ""
            return f"(?:{'|'.join(alts)})?"
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return r"(?<!\w)" + emit(trie) + r"(?!\w)"


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """relevance.yaml, loaded, checked and compiled once per process."""
    try:
        raw = knowledge.load(DATA_FILE)
    except DataFileError as e:
        raise RelevanceDataError(str(e)) from None
    return compile_rules(raw)


def compile_rules(raw: dict[str, Any]) -> _Rules:
    """Compile a validated relevance.yaml mapping (tests pass their own)."""
    exact: dict[str, tuple[str, str]] = {}
    prefix: dict[str, tuple[str, str]] = {}
    lists = [(f"cues.{k}", k, raw["cues"][k]) for k in ("strong", "weak")]
    lists += [(f"domains.{d}", str(d), ws) for d, ws in raw["domains"].items()]
    listed_in: dict[tuple[bool, str], str] = {}  # (a "*" term, key) -> the list that has it
    for where, kind, words in lists:
        for t in words:
            term = " ".join(str(t).lower().split())
            star, k = term.endswith("*"), key_of(term)
            other = listed_in.setdefault((star, k), where)
            if other != where:
                raise RelevanceDataError(f"{DATA_FILE}: '{term}' is in both {other} and {where}")
            (prefix if star else exact)[k] = (kind, term)
    regex = re.compile(_trie_regex([t for _, _, ws in lists for t in ws]))
    bg = raw["background"]["phrases"]
    bg_rx = re.compile(_trie_regex([str(p) for p in bg])) if bg else None
    sp = raw["background"]["transcript_phrases"]
    sp_rx = re.compile(_trie_regex([str(p) for p in sp])) if sp else None
    return _Rules(
        regex=regex,
        exact=exact,
        prefix=prefix,
        prefix_lengths=tuple(sorted({len(k) for k in prefix}, reverse=True)),
        background=bg_rx,
        transcript=sp_rx,
        lead_chars=int(raw["background"]["lead_chars"]),
        weak_weight=float(raw["weights"]["weak"]),
        domain_weight=float(raw["weights"]["domain_term"]),
        max_per_cue=int(raw["weights"]["max_per_cue"]),
        min_domain_terms=int(raw["thresholds"]["min_domain_terms"]),
        min_score=float(raw["thresholds"]["min_score"]),
        function_words=re.compile(_trie_regex([str(w) for w in raw["language"]["function_words"]])),
        min_english_share=float(raw["language"]["min_share"]),
    )
