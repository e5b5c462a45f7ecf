"""Opening stores: migrations give exactly the declared schema; bad --db values are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.store import open_store
from eventwire.store.db import resolve_url


def test_migrations_create_the_declared_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from eventwire.feeds.state import metadata as feed_metadata
    from eventwire.store.schema import metadata

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), [metadata, feed_metadata])
        assert diff == []
        assert MigrationContext.configure(conn).get_current_revision() == "0004"


def test_reopening_keeps_data(db_url):
    from store_records import add, events_of

    with open_store(db_url) as s:
        add(s, "a1", "A bomb exploded in Mogadishu.")
    with open_store(db_url) as s:
        assert len(events_of(s)) == 1


def test_sqlite_is_in_wal_mode(tmp_path):
    with open_store(str(tmp_path / "w.db")) as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_default_db_is_eventwire_db_in_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None) == "sqlite:///eventwire.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize("db, message", [
    ("mysql://u@h/db", "unsupported scheme 'mysql'"),
    ("/no/such/dir/x.db", "does not exist"),
    ("postgresql://postgres@127.0.0.1:1/test", "cannot open the store"),
])
def test_bad_db_is_a_clear_error(db, message):
    with pytest.raises(EventwireError, match=message):
        open_store(db)


def test_directory_as_db_is_an_error(tmp_path: Path):
    with pytest.raises(EventwireError, match="is a directory"):
        open_store(str(tmp_path))


def test_cli_reports_bad_db_in_one_line(capsys):
    from eventwire.cli import main

    assert main(["events", "--db", "postgresql://postgres@127.0.0.1:1/test"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot open the store" in err[0] and "Traceback" not in err[0]


def test_listing_a_store_that_does_not_exist_is_an_error(tmp_path, capsys):
    from eventwire.cli import main

    missing = tmp_path / "none.db"
    assert main(["events", "--db", str(missing)]) == 2
    assert "no store at" in capsys.readouterr().err and not missing.exists()


def test_the_cli_parser_does_not_load_the_database_stack():
    import subprocess
    import sys

    code = ("import sys; from eventwire.cli import build_parser; build_parser(); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'psycopg', 'pyarrow'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
