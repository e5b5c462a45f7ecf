"""Reliability fixtures: ``cli`` runs one command of the real CLI on inputs and says what it coded.

``cli`` is parametrized over ``extract``, ``ingest`` into SQLite and ``ingest`` into PostgreSQL
(EVENTWIRE_TEST_PG_URL, a schema of its own dropped afterwards; skipped, saying why, without one):

    code, coded, err = cli(*inputs)   # exit status, the ids of the articles coded (or stored),
                                      # and the lines written on stderr
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventwire.cli import main

PG_ENV = "EVENTWIRE_TEST_PG_URL"

Run = Callable[..., tuple[int, set[str], list[str]]]


def _pg_url() -> Iterator[str]:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set (e.g. postgresql://postgres@127.0.0.1:5432/test): PostgreSQL variant skipped")
    import psycopg

    try:
        with psycopg.connect(base, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as e:
        pytest.skip(f"PostgreSQL at {PG_ENV} does not answer ({str(e).strip().splitlines()[0]})")
    name = f"ew_rel_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture(params=["extract", "ingest-sqlite", "ingest-postgresql"])
def cli(request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Run]:
    """Run ``eventwire extract`` (the ids: every article_id in the events) or ``eventwire ingest``
    (the ids: every ``stored ID`` line) on the given inputs."""
    pg = None
    if request.param == "ingest-postgresql":
        pg = _pg_url()
        db = next(pg)
    else:
        db = str(tmp_path / "store.db")

    def run(*inputs: str) -> tuple[int, set[str], list[str]]:
        if request.param == "extract":
            code = main(["extract", *inputs, "--no-gate"])
            out, err = capsys.readouterr()
            coded = {json.loads(line)["article_id"] for line in out.splitlines()}
        else:
            code = main(["ingest", *inputs, "--db", db])
            out, err = capsys.readouterr()
            coded = {line.split()[1] for line in out.splitlines() if line.startswith("stored ")}
        return code, coded, err.splitlines()

    yield run
    if pg is not None:
        next(pg, None)
