"""Batch parsing with ``nlp.pipe`` on the spaCy English pipeline (loaded once: :mod:`.language`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .casing import blank_tags, recase
from .language import MODEL, load
from .record import AnnotatedDoc, Article, hard_wrapped

__all__ = ["BATCH_SIZE", "MODEL", "hard_wrapped", "load", "parse", "unwrap"]

BATCH_SIZE = 32


_LINE_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")


def unwrap(text: str) -> str:
    """The text the parser reads: in hard-wrapped copy a single line break inside a paragraph is
    a space (the tagger and parser treat it as a token and lose the sentence). Same length, so
    every character offset stays the article's."""
    if not hard_wrapped(text):
        return text
    return _LINE_BREAK.sub(lambda m: " " * len(m.group(0)), text)


def parse(articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[AnnotatedDoc]:
    """Parse articles in batches; yields one AnnotatedDoc per article, in order."""
    nlp = load()
    pairs = ((recase(blank_tags(unwrap(a.text))), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield AnnotatedDoc(article=article, doc=doc)
