"""Reliability fixtures: ``cli`` runs one command of the real CLI on inputs and says what it coded.

``cli`` is parametrized over ``extract``, ``ingest`` into SQLite and ``ingest`` into PostgreSQL
(EVENTWIRE_TEST_PG_URL, a schema of its own dropped afterwards; skipped, saying why, without one):

    code, coded, err = cli(*inputs)   # exit status, the ids of the articles coded (or stored),
                                      # and the lines written on stderr
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventwire.cli import main

Run = Callable[..., tuple[int, set[str], list[str]]]


@pytest.fixture(params=["extract", "ingest-sqlite", "ingest-postgresql"])
def cli(request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Run]:
    """Run ``eventwire extract`` (the ids: every article_id in the events) or ``eventwire ingest``
    (the ids: every ``stored ID`` line) on the given inputs."""
    if request.param == "ingest-postgresql":
        db = request.getfixturevalue("fresh_pg_url")  # tests/conftest.py: a schema of its own
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
