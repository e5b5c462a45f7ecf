"""The languages eventwire reads: which ones, how an article's is told, and their spaCy pipelines.

A language's data is kept apart from the pipeline, as spaCy keeps it (``spacy.lang.<code>`` holds a
language's stop words and tokenizer rules; a trained pipeline is a package of its own):

* ``data/languages.yaml`` declares each language: its spaCy pipeline package, how to install it,
  whether its event data exists yet; and the thresholds that tell the languages apart;
* ``eventwire/lang/<code>.py`` holds the hooks that differ from one language to the next
  (``prepare(text)``: the text its parser reads, same length as the article's);
* :mod:`.segment` holds what every pipeline shares (a blank line and a dateline's dash end a sentence).

Adding a language is an entry in languages.yaml, a module ``lang/<code>.py`` with ``prepare`` and,
for events, its data files; the stages are not forked. An article's language is its own ``lang``
(``--lang``, a ``lang`` field of JSON lines) or, without one, :func:`detect` on its raw text.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import knowledge
from ..errors import DataFileError
from .segment import load_pipeline

if TYPE_CHECKING:  # pragma: no cover
    from ..record import Article

__all__ = ["AUTO", "Spec", "chosen", "codes", "default", "detect", "load", "of", "prepare", "spec"]

AUTO = "auto"  # --lang auto: the article's own lang, else detected


@dataclass(frozen=True)
class Spec:
    """One language as languages.yaml declares it."""

    code: str  # ISO 639-1: "en", "fr"
    name: str  # "English"
    model: str  # the spaCy pipeline's package name, as spacy.load takes it
    package: str  # the pip requirement that installs it
    events: bool  # its event data exists (False: articles are parsed, no event is coded)
    labels: tuple[tuple[str, str], ...] = ()  # its parser's dependency label -> the one the stages read


@cache
def _data() -> dict[str, Any]:
    return knowledge.load("languages.yaml")


@cache
def specs() -> dict[str, Spec]:
    """Every declared language by its code, the default first."""
    return {code: Spec(code, v["name"], v["model"], v["package"], v["events"], tuple(v["labels"].items()))
            for code, v in _data()["languages"].items()}


def codes() -> tuple[str, ...]:
    """The codes of the declared languages, the default first."""
    return tuple(specs())


def default() -> str:
    """The language of a text that does not clearly read as another (the first declared)."""
    return codes()[0]


def spec(code: str) -> Spec:
    """The declared language ``code``; ValueError naming the declared ones when it is not one."""
    try:
        return specs()[code]
    except KeyError:
        raise ValueError(f"unknown language {code!r} (one of {', '.join(codes())})") from None


_WORD = re.compile(r"[^\W\d_]+'?")  # a word, with the apostrophe of an elision ("l'", "qu'")


@cache
def _stop_words() -> dict[str, frozenset[str]]:
    """Each language's stop words: spaCy's own list, ``spacy/lang/<code>/stop_words.py``, read as
    that one file (importing ``spacy.lang.<code>`` would load its tokenizer rules: seconds)."""
    import spacy.lang

    out = {}
    for code in codes():
        path = Path(next(iter(spacy.lang.__path__))) / code / "stop_words.py"
        loader = importlib.util.spec_from_file_location(f"_eventwire_stop_words_{code}", path)
        if loader is None or not path.is_file():
            raise DataFileError(f"languages.yaml: spaCy has no stop words for {code!r} ({path})")
        module = importlib.util.module_from_spec(loader)
        assert loader.loader is not None
        loader.loader.exec_module(module)
        out[code] = frozenset(module.STOP_WORDS)
    return out


def detect(text: str) -> str:
    """The language ``text`` reads as: the one whose stop words are clearly the largest share of
    its first words (languages.yaml ``detect``), else the default. Cheap: one regex pass over
    at most ``sample_chars`` characters, no model."""
    d = _data()["detect"]
    words = _WORD.findall(text[:d["sample_chars"]].lower().replace("\u2019", "'"))
    if len(words) < d["min_words"]:
        return default()
    shares = {c: sum(w in stops for w in words) / len(words) for c, stops in _stop_words().items()}
    best = max(shares, key=lambda c: shares[c])
    if best == default() or shares[best] < d["min_share"]:
        return default()
    if any(shares[best] < d["margin"] * s for c, s in shares.items() if c != best):
        return default()
    return best


def chosen(value: str | None) -> str | None:
    """The language a ``--lang`` or a ``lang`` field names: a declared code, or None for "auto"
    (or nothing: detect it); ValueError for anything else."""
    v = (value or "").strip().lower()
    if not v or v == AUTO:
        return None
    spec(v)
    return v


def of(article: Article) -> str:
    """The language ``article`` is coded as: its own ``lang``, else :func:`detect` on its text."""
    return article.lang if article.lang else detect(article.text)


def prepare(code: str, text: str) -> str:
    """The text the parser of language ``code`` reads (same length as ``text``)."""
    return _hooks(code).prepare(text)


@cache
def _hooks(code: str) -> Any:
    spec(code)
    return importlib.import_module(f"{__name__}.{code}")


@cache
def load(code: str = "en") -> Any:  # -> spacy.Language
    """The spaCy pipeline of language ``code``, loaded once per process, on first use."""
    s = spec(code)
    return load_pipeline(s.model, s.package, dict(s.labels))
