"""Shared fixtures: the spaCy pipeline, loaded once per test session, and a parse helper.

    nlp                                -> the spaCy Language (eventwire.nlp.load(), cached)
    annotate(text, published=None, title=None, article_id="t") -> AnnotatedDoc after nlp.parse
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eventwire import nlp as ew_nlp
from eventwire.record import AnnotatedDoc, Article


@pytest.fixture(scope="session")
def nlp():
    return ew_nlp.load()


@pytest.fixture(scope="session")
def annotate(nlp) -> Callable[..., AnnotatedDoc]:
    """Parse one text (with an optional ISO publication date and title) into an AnnotatedDoc."""

    def _annotate(
        text: str, published: str | date | None = None, title: str | None = None, article_id: str = "t"
    ) -> AnnotatedDoc:
        pub = date.fromisoformat(published) if isinstance(published, str) else published
        article = Article(id=article_id, text=text, title=title, published=pub)
        return next(ew_nlp.parse([article]))

    return _annotate
