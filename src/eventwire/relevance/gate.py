"""The gate before parsing: :func:`judge` one article on its raw text, :func:`screen` a stream
(parsing only what the gate admits), and the headline/lead cues :func:`retrospective_cue` and
:func:`transcript_cue` that :mod:`.review` also reads."""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import EventwireError
from ..record import Article
from .terms import SEEN_MAX, STRONG_ENOUGH, Relevance, _Rules, key_of, rules

if TYPE_CHECKING:  # pragma: no cover
    from ..record import AnnotatedDoc

log = logging.getLogger(__name__)


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
