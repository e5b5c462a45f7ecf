"""Batch parsing with ``nlp.pipe``, each article on the spaCy pipeline of its language (loaded
once, on the first article of that language: :mod:`.lang`)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from . import lang
from .record import AnnotatedDoc, Article, hard_wrapped

__all__ = ["BATCH_SIZE", "hard_wrapped", "load", "parse", "unwrap"]

BATCH_SIZE = 32


def load() -> Any:  # -> spacy.Language
    """The English pipeline, loaded once per process (:func:`eventwire.lang.load`)."""
    return lang.load("en")


_LINE_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")


def unwrap(text: str) -> str:
    """The text the parser reads: in hard-wrapped copy a single line break inside a paragraph is
    a space (the tagger and parser treat it as a token and lose the sentence). Same length, so
    every character offset stays the article's."""
    if not hard_wrapped(text):
        return text
    return _LINE_BREAK.sub(lambda m: " " * len(m.group(0)), text)


def parse(articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[AnnotatedDoc]:
    """Parse articles in batches; yields one AnnotatedDoc per article, in order, each parsed by the
    pipeline of its language (:func:`eventwire.lang.of`), which is loaded on its first article."""
    src = iter(articles)
    while batch := list(itertools.islice(src, batch_size)):
        codes = [lang.of(a) for a in batch]
        docs: list[Any] = [None] * len(batch)
        for code in dict.fromkeys(codes):
            idx = [i for i, c in enumerate(codes) if c == code]
            texts = (lang.prepare(code, batch[i].text) for i in idx)
            for i, doc in zip(idx, lang.load(code).pipe(texts, batch_size=batch_size), strict=True):
                docs[i] = doc
        for article, code, doc in zip(batch, codes, docs, strict=True):
            yield AnnotatedDoc(article=article, doc=doc, lang=code)
