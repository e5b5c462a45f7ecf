"""Shared helpers for the WHEN tests: the spaCy model is loaded once per session."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import nlp, when
from eventwire.record import AnnotatedDoc, Article, Mention

SATURDAY = date(2024, 5, 11)  # publication date used by most tests: a Saturday


@pytest.fixture(scope="session")
def spacy_nlp():
    return nlp.load()


@pytest.fixture
def annotated(spacy_nlp):
    """annotated(text, published) -> AnnotatedDoc with adoc.times filled."""

    def make(text: str, published: date | None = SATURDAY) -> AnnotatedDoc:
        adoc = AnnotatedDoc(Article(id="t", text=text, published=published), spacy_nlp(text))
        when.annotate(adoc)
        return adoc

    return make


@pytest.fixture
def dated(annotated):
    """dated(text, word, nth=0, published) -> the Mention on the nth ``word``, after when.attach."""

    def make(text: str, word: str, nth: int = 0, published: date | None = SATURDAY) -> Mention:
        adoc = annotated(text, published)
        i = -1
        for _ in range(nth + 1):
            i = text.index(word, i + 1)
        s = adoc.sentence_of(i)
        m = Mention("t", word, i, i + len(word), 0, s.text, s.start_char, s.end_char,
                    "Violence against civilians", "Attack")
        when.attach(m, adoc)
        return m

    return make


@pytest.fixture
def times(annotated):
    """times(text, published) -> {expression text: (value, precision, kind)}."""

    def make(text: str, published: date | None = SATURDAY) -> dict[str, tuple]:
        return {t.text: (t.value, t.precision, t.kind) for t in annotated(text, published).times}

    return make
