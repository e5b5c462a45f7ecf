"""Is this article about political violence, a protest or a conflict development at all?

Decided once per article, in two steps, here and nowhere else:

* :func:`judge` -- before parsing, on the raw headline and text (any case): cue words and the
  vocabularies of news that uses violent words figuratively (sport, markets, entertainment,
  politics, weather, science, health, technology), from ``data/relevance.yaml``. An article it judges not
  relevant is not parsed and codes no event. It is conservative: one strong cue ("killed",
  "troops", "protesters") keeps an article, and weak ones ("attack", "shot", "clash") are only
  outweighed by a clear domain ("a shot on goal", "the striker", "the league").
* :func:`review` -- after coding, for an article judge kept: a retrospective article (an
  anniversary, a commemoration, "one year after", a trial of an old attack: the headline or the
  lead says so) reports no new event unless an event is dated by its own sentence; its other
  events are background (``historical``). The lead's framing words are the phrases of
  ``relevance.yaml`` (:func:`retrospective_cue`, raw text) and those of
  :func:`eventwire.when.framing.article_cue` (framing.yaml, on the parse).

Both return a :class:`Relevance`: the decision, a score and the reasons, in words.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from .errors import EventwireError, SetupError
from .record import Article, Event

if TYPE_CHECKING:  # pragma: no cover
    from .record import AnnotatedDoc

log = logging.getLogger(__name__)

DATA_FILE = "relevance.yaml"
SEEN_MAX = 100_000  # matched texts remembered with their term
STRONG_ENOUGH = 3  # strong cues after which judge stops reading (the reasons quote those found)
PRE_PARSE = "pre-parse"
POST_PARSE = "post-parse"

# every key of relevance.yaml, with the type of its value (a dict: its own keys)
SCHEMA: dict[str, Any] = {
    "cues": {"strong": list, "weak": list},
    "domains": dict,  # domain name -> list of terms
    "weights": {"weak": float, "domain_term": float, "max_per_cue": int},
    "thresholds": {"min_domain_terms": int, "min_score": float},
    "background": {"lead_chars": int, "phrases": list, "transcript_phrases": list},
    "language": {"function_words": list, "min_share": float},
}


class RelevanceDataError(SetupError):
    """relevance.yaml is missing a key, has an unknown one, or a value of the wrong kind."""


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


def _fail(key: str, what: str) -> RelevanceDataError:
    return RelevanceDataError(f"{DATA_FILE}: {what} key '{key}'")


def validate(raw: Any) -> dict[str, Any]:
    """Check ``raw`` (relevance.yaml as loaded) against SCHEMA; raise RelevanceDataError naming
    the file and the first missing, unknown or ill-typed key."""
    if not isinstance(raw, dict):
        raise RelevanceDataError(f"{DATA_FILE}: expected a mapping of keys {', '.join(SCHEMA)}")

    def check(node: dict[str, Any], schema: dict[str, Any], path: str) -> None:
        for k in node:
            if k not in schema:
                raise _fail(path + str(k), "unknown")
        for k, kind in schema.items():
            key = path + k
            if k not in node or node[k] is None:
                raise _fail(key, "missing")
            v = node[k]
            if isinstance(kind, dict):
                if not isinstance(v, dict):
                    raise _fail(key, "expected a mapping at")
                check(v, kind, key + ".")
            elif kind is float:
                if isinstance(v, bool) or not isinstance(v, int | float):
                    raise _fail(key, "expected a number at")
            elif kind is int:
                if isinstance(v, bool) or not isinstance(v, int):
                    raise _fail(key, "expected a whole number at")
            elif not isinstance(v, kind):
                raise _fail(key, f"expected a {kind.__name__} at")
            if kind is list and not all(isinstance(t, str) and t.strip() for t in v):
                raise _fail(key, "expected a list of words at")

    check(raw, SCHEMA, "")
    for name, terms in raw["domains"].items():
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise _fail(f"domains.{name}", "expected a list of words at")
    return raw


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
    path = resources.files("eventwire") / "data" / DATA_FILE
    with path.open("r", encoding="utf-8") as fh:
        raw = validate(yaml.safe_load(fh))
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


def _split(article: Article) -> tuple[str, str, str]:
    """(headline, body, headline and body as one text): the title, else the text's first line."""
    text = (article.text or "").lstrip()
    title = (article.title or "").strip()
    if title and not text.startswith(title):
        return title, text, f"{title}\n\n{text}"
    if not title:
        nl = text.find("\n")
        title = text[:nl].strip() if 0 < nl <= 150 else ""
    return title, text[len(title):] if title else text, text


def _quote(words: dict[str, int], limit: int = 6) -> str:
    items = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"'{w}'" + (f" x{n}" if n > 1 else "") for w, n in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def judge(article: Article, rules_: _Rules | None = None) -> Relevance:
    """The pre-parse decision on ``article`` (its title and text, any case). Cheap: a few regex
    passes over the text, no parsing."""
    r = rules_ or rules()
    _, _, text = _split(article)
    strong: dict[str, int] = {}
    weak: dict[str, int] = {}
    domains: dict[str, dict[str, int]] = {}
    low = text.lower()
    n_strong = 0
    for m in r.regex.finditer(low):
        matched = m.group(0)
        found = r.seen.get(matched) or _term_of(matched, r)
        if found is None:  # pragma: no cover - every match is a term
            continue
        kind, term, word = found
        if kind == "strong":
            strong[word] = strong.get(word, 0) + 1
            n_strong += 1
            if n_strong >= STRONG_ENOUGH:  # the decision is made: spare the rest of the scan
                break
        elif kind == "weak":
            weak[word] = weak.get(word, 0) + 1
        else:
            d = domains.setdefault(kind, {})
            d[term] = d.get(term, 0) + 1
    if strong:
        return Relevance(True, float("inf"), [f"strong cue {_quote(strong)}"])
    evidence = r.weak_weight * sum(min(n, r.max_per_cue) for n in weak.values())
    best, n_terms = max(((d, len(ws)) for d, ws in domains.items()), key=lambda x: x[1], default=(None, 0))
    figurative = r.domain_weight * n_terms if n_terms >= r.min_domain_terms else 0.0
    score = evidence - figurative
    if not weak:
        if foreign := _not_english(low, r):
            return Relevance(True, score, [foreign])
        return Relevance(False, score, ["no word of violence, protest, arrest or armed conflict"])
    reasons = [f"only words with a common figurative sense {_quote(weak)}"]
    if figurative and best is not None:
        shown = ", ".join(sorted(t.rstrip("*") for t in domains[best])[:6])
        reasons.append(f"{best} vocabulary ({n_terms} terms: {shown}{', ...' if n_terms > 6 else ''})")
    elif best is not None:
        reasons.append(f"no clear other subject (at most {n_terms} terms of {best})")
    relevant = score > r.min_score
    if not relevant and (foreign := _not_english(low, r)):
        return Relevance(True, score, [foreign])
    return Relevance(relevant, score, reasons)


def _not_english(low: str, r: _Rules) -> str | None:
    """Why the gate abstains on a text that does not read as English, or None."""
    words = len(low.split())
    share = len(r.function_words.findall(low)) / words if words else 1.0
    if share >= r.min_english_share:
        return None
    return f"does not read as English ({share:.0%} English function words): the gate does not judge it"


def _term_of(matched: str, r: _Rules) -> tuple[str, str, str] | None:
    """(kind, term, the words as matched) of a matched text: an exact term, else the longest "*"
    term it extends; remembered in ``r.seen`` (the same words recur from article to article)."""
    k = key_of(matched)
    hit = r.exact.get(k)
    if hit is None:
        hit = next((h for n in r.prefix_lengths if n <= len(k) and (h := r.prefix.get(k[:n])) is not None), None)
    if hit is None:
        return None
    out = (hit[0], hit[1], " ".join(matched.split()))
    if len(r.seen) < SEEN_MAX:
        r.seen[matched] = out
    return out


def retrospective_cue(article: Article, rules_: _Rules | None = None) -> str | None:
    """A retrospective phrase of relevance.yaml (background.phrases) in the headline or the first
    background.lead_chars of the body, quoted, or None. Raw text, no parse."""
    r = rules_ or rules()
    return _lead_cue(article, r.background, r.lead_chars)


def transcript_cue(article: Article, rules_: _Rules | None = None) -> str | None:
    """A phrase of relevance.yaml's background.transcript_phrases in the headline or the lead (the
    text is a speaker's words: a speech, an interview, a communique...), quoted, or None. Raw
    text, no parse."""
    r = rules_ or rules()
    return _lead_cue(article, r.transcript, r.lead_chars)


def _lead_cue(article: Article, pattern: re.Pattern[str] | None, lead_chars: int) -> str | None:
    """The first match of ``pattern`` in the headline or the first ``lead_chars`` of the body,
    quoted, or None."""
    if pattern is None:
        return None
    head, body, _ = _split(article)
    m = pattern.search(f"{head}\n{body.lstrip()[:lead_chars]}".lower())
    return f"'{' '.join(m.group(0).split())}'" if m else None


# --- on a stream -------------------------------------------------------------------------------

MAX_HELD = 256  # gated articles held back at most while the parser reads ahead


def screen(
    articles: Iterable[Article],
    parse: Callable[[Iterable[Article]], Iterator[AnnotatedDoc]],
    enabled: bool = True,
) -> Iterator[tuple[Article, Relevance | None, AnnotatedDoc | None]]:
    """Judge each article and parse only the relevant ones, with ``parse`` (a batch parser that
    keeps the order, e.g. nlp.parse): (article, decision, parsed document or None when gated),
    in input order. One parse runs over the whole stream (its batches stay full); a run of
    MAX_HELD gated articles ends it and starts another, so memory stays bounded. ``enabled``
    False: every article is parsed, decision None."""
    if not enabled:
        for adoc in parse(articles):
            yield adoc.article, None, adoc
        return
    rules()  # a broken relevance.yaml stops the stream here, not article by article
    src = iter(articles)
    more = True
    while more:
        held: deque[tuple[Article, Relevance]] = deque()  # judged, not yet yielded
        cut = [False]

        def admitted(held: deque[tuple[Article, Relevance]] = held, cut: list[bool] = cut) -> Iterator[Article]:
            gated = 0
            for a in src:
                v = _judge_safely(a)
                held.append((a, v))
                if v.relevant:
                    gated = 0
                    yield a
                elif (gated := gated + 1) >= MAX_HELD:
                    cut[0] = True
                    return

        for adoc in parse(admitted()):
            while not held[0][1].relevant:
                a, v = held.popleft()
                yield a, v, None
            a, v = held.popleft()  # adoc's article: the parser keeps the order
            yield a, v, adoc
        while held:  # every admitted article has been parsed: the rest are gated
            a, v = held.popleft()
            yield a, v, None
        more = cut[0]


def _judge_safely(article: Article) -> Relevance:
    """judge, but a gate that fails on an article lets it through (a data error still stops)."""
    try:
        return judge(article)
    except EventwireError:
        raise
    except Exception as e:
        log.debug("relevance of %s not judged", article.id, exc_info=True)
        return Relevance(True, 0.0, [f"not judged ({type(e).__name__}: {e})"])


# --- after coding -------------------------------------------------------------------------------

DATELINE_MAX_WORDS = 4  # a lead "sentence" this short ("ISTANBUL", "LAGOS, Nigeria") is a dateline


def review(adoc: AnnotatedDoc, events: list[Event], verdict: Relevance) -> tuple[Relevance, list[Event]]:
    """The post-parse decision: in a retrospective article, events not dated by their own
    sentence are background (``historical``); an article left with no new event is not relevant
    (it is about the subject, but reports nothing new). Other articles pass unchanged."""
    new = [e for e in events if not e.historical]
    if not new:
        return verdict, events
    cue = verdict.background or retrospective_cue(adoc.article) or _lead_frame(adoc)
    looks_back = f"looks back at a past event ({cue})"
    if cue is None and (cue := transcript_cue(adoc.article)) is not None:
        looks_back = f"gives a speaker's words, whose undated events are references ({cue})"
    if cue is None:
        return verdict, events
    note = f"background: the article {looks_back}"
    out, kept = [], 0
    for e in events:
        if e.historical or _own_date(e):
            kept += not e.historical
            out.append(e)
            continue
        out.append(dataclasses.replace(e, historical=True, date_note=f"{e.date_note}; {note}" if e.date_note else note))
    reasons = [*verdict.reasons, looks_back]
    made = len(new) - kept
    if kept:
        reasons.append(f"{kept} event(s) dated by their own sentence kept as new, {made} made background")
        return dataclasses.replace(verdict, reasons=reasons, background=cue), out
    reasons.append(f"no event dated by its own sentence: {made} event(s) made background")
    return Relevance(False, verdict.score, reasons, POST_PARSE, cue), out


def _lead_frame(adoc: AnnotatedDoc) -> str | None:
    """framing.article_frame on the headline and the lead, a dateline line skipped: the framing
    word, quoted ("'anniversary'")."""
    from .when.framing import article_frame
    from .when.index import build

    title_end = build(adoc).title_end
    sents = [s for s in adoc.sentences
             if s.start_char < title_end or sum(t.is_alpha for t in s) > DATELINE_MAX_WORDS]
    t = article_frame(sents, title_end)
    return f"'{t.text}'" if t is not None else None


def _own_date(e: Event) -> bool:
    """Is the event's date one the text states for it (``date_source``), not the publication
    date, the day of a report or the date of the story so far?"""
    return e.date is not None and e.date_source == "stated"
