"""Store fixtures: a fresh store per test on SQLite (a temp file) and on the real PostgreSQL.

PostgreSQL comes from EVENTWIRE_TEST_PG_URL (e.g. postgresql://postgres@127.0.0.1:5432/test);
each test gets a schema of its own (``ew_test_<random>``, selected through the URL's
``search_path``) that is dropped afterwards. Without the variable, or when the server does not
answer, the PostgreSQL variants skip and say why.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "corpus"


class PgSchemas:
    """Fresh PostgreSQL schemas as --db URLs; ``drop()`` removes every one made."""

    def __init__(self, base: str) -> None:
        self.base = base  # tests/conftest.py pg_base
        self.made: list[str] = []

    def __call__(self) -> str:
        import psycopg

        name = f"ew_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        self.made.append(name)
        sep = "&" if "?" in self.base else "?"
        return f"{self.base}{sep}options=-csearch_path%3D{name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture
def pg_schema_url(pg_base: str) -> Iterator[Callable[[], str]]:
    """A factory of fresh PostgreSQL schemas (as --db URLs); every one is dropped at teardown."""
    schemas = PgSchemas(pg_base)
    yield schemas
    schemas.drop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Like db_url, shared by the tests of one module (for stores that are slow to fill)."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("store") / "store.db")
        return
    schemas = PgSchemas(request.getfixturevalue("pg_base"))
    yield schemas()
    schemas.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A --db value naming an empty store, on each back end."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_schema_url")()


@pytest.fixture
def store(db_url: str) -> Iterator[Any]:
    from eventwire.store import open_store

    s = open_store(db_url)
    yield s
    s.close()
