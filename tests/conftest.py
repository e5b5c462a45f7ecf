"""Shared fixtures: the spaCy pipeline, loaded once per test session, and a parse helper.

    nlp                                -> the spaCy Language (eventwire.nlp.load(), cached)
    annotate(text, published=None, title=None, article_id="t") -> AnnotatedDoc after nlp.parse
    pg_base                            -> $EVENTWIRE_TEST_PG_URL, checked to answer (else a skip)
    fresh_pg_url                       -> a --db URL of a fresh PostgreSQL schema (dropped after
                                          the test), or a skip saying why there is none
    module_pg_url                      -> the same for a whole test module
    pg_schema(base, prefix)            -> (a context manager) the same, for a fixture of its own
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
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


PG_ENV = "EVENTWIRE_TEST_PG_URL"


@pytest.fixture(scope="session")
def pg_base() -> str:
    """The real PostgreSQL of $EVENTWIRE_TEST_PG_URL, checked to answer; else a skip saying why."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set (e.g. postgresql://postgres@127.0.0.1:5432/test): PostgreSQL variant skipped")
    import psycopg

    try:
        with psycopg.connect(base, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as e:
        pytest.skip(f"PostgreSQL at {PG_ENV} does not answer ({str(e).strip().splitlines()[0]})")
    return base


@contextlib.contextmanager
def pg_schema(base: str, prefix: str = "ew_t") -> Iterator[str]:
    """A --db URL of a new schema on the PostgreSQL at ``base``, dropped afterwards."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture
def fresh_pg_url(pg_base: str) -> Iterator[str]:
    """The real PostgreSQL of $EVENTWIRE_TEST_PG_URL, in a schema of this test's own."""
    with pg_schema(pg_base) as url:
        yield url


@pytest.fixture(scope="module")
def module_pg_url(pg_base: str) -> Iterator[str]:
    """The same, one schema for a test module."""
    with pg_schema(pg_base, "ew_m") as url:
        yield url
