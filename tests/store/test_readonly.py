"""Read commands never write: ``events``, ``show``, ``watch --status`` (and ``serve`` without a token)
open the store read-only and refuse, in one line with exit 2, a store that does not exist or has an
older schema, instead of quietly creating or migrating it. ``migrate`` (or ``ingest``) upgrades."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_records import add

from eventwire.cli import main
from eventwire.errors import EventwireError
from eventwire.store import open_store
from eventwire.store.db import _alembic_config, create_engine_for, schema_revision
from eventwire.store.schema import articles

READ_COMMANDS = [["events"], ["show", "evt-000000000000"], ["watch", "--status"]]


def _tables(db: str) -> set[str]:
    """The tables the store has, looked at without eventwire."""
    if db.startswith("postgresql"):
        from eventwire.store.db import resolve_url

        eng = sa.create_engine(resolve_url(db))
    else:
        eng = sa.create_engine(f"sqlite:///{db}")
    try:
        return set(sa.inspect(eng).get_table_names())
    finally:
        eng.dispose()


def _one_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0], err
    return err[0]


@pytest.mark.parametrize("cmd", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_on_a_missing_store_fail_and_create_nothing(cmd, db_url, capsys):
    assert main([*cmd, "--db", db_url]) == 2
    assert "no store at" in _one_error(capsys)
    if db_url.startswith("postgresql"):
        assert _tables(db_url) == set()  # the empty schema is still empty: no alembic_version either
    else:
        assert not Path(db_url).exists()


def test_the_missing_store_message_says_what_to_do(tmp_path, capsys):
    assert main(["events", "--db", str(tmp_path / "none.db")]) == 2
    line = _one_error(capsys)
    assert line == f"eventwire: error: no store at {tmp_path / 'none.db'}: run 'eventwire ingest' first " \
                   "(or name the store with --db)"


def test_an_empty_sqlite_file_is_no_store_and_stays_empty(tmp_path, capsys):
    empty = tmp_path / "empty.db"
    empty.touch()
    assert main(["events", "--db", str(empty)]) == 2
    assert "no store at" in _one_error(capsys) and empty.stat().st_size == 0


def _old_store(db: str) -> None:
    """A store at revision 0002 (before 0003's columns), made by the real migrations."""
    from alembic import command

    eng = sa.create_engine(f"sqlite:///{db}") if not db.startswith("postgresql") else None
    if eng is None:
        from eventwire.store.db import resolve_url

        eng = sa.create_engine(resolve_url(db))
    with eng.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")
    eng.dispose()


def test_an_old_schema_is_refused_by_reads_and_upgraded_by_migrate(db_url, capsys):
    _old_store(db_url)
    assert main(["events", "--db", db_url]) == 2
    line = _one_error(capsys)
    assert "has schema revision 0002, this eventwire needs 0004" in line and "eventwire migrate" in line
    with pytest.raises(EventwireError):
        open_store(db_url, create=False)
    assert "date_source" not in {c["name"] for c in _columns(db_url)}  # nothing was migrated

    assert main(["migrate", "--db", db_url]) == 0
    assert "schema revision 0004" in capsys.readouterr().out
    assert main(["events", "--db", db_url]) == 0


def _columns(db: str) -> list[dict]:
    from eventwire.store.db import resolve_url

    eng = sa.create_engine(resolve_url(db))
    try:
        return sa.inspect(eng).get_columns("events")
    finally:
        eng.dispose()


def test_a_newer_schema_is_refused_by_reads_and_writes(tmp_path, capsys):
    db = str(tmp_path / "new.db")
    open_store(db).close()
    eng = sa.create_engine(f"sqlite:///{db}")
    with eng.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    eng.dispose()
    for cmd in (["events"], ["migrate"]):
        assert main([*cmd, "--db", db]) == 2
        assert "newer than this eventwire knows" in _one_error(capsys)


def test_a_read_only_store_refuses_writes_on_both_back_ends(db_url):
    with open_store(db_url) as s:
        add(s, "a1", "A bomb exploded in Mogadishu.")
    with open_store(db_url, create=False) as ro:
        assert schema_revision(ro.engine) == "0004"
        with ro.read() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one() == 1
        with pytest.raises(sa.exc.DBAPIError, match="(?i)read-?only"):
            add(ro, "a2", "A bomb exploded in Kaduna.", place="Kaduna")


def test_events_and_show_leave_a_sqlite_store_byte_for_byte_unchanged(tmp_path, capsys):
    db = tmp_path / "s.db"
    with open_store(str(db)) as s:
        add(s, "a1", "A bomb exploded in Mogadishu.")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert main(["events", "--db", str(db), "--format", "jsonl"]) == 0
    uid = capsys.readouterr().out.split('"event_id": "', 1)[1].split('"', 1)[0]
    assert main(["show", uid, "--db", str(db), "--no-color"]) == 0
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_the_read_only_engine_opens_paths_with_uri_characters(tmp_path):
    odd = tmp_path / "a dir?#%" / "s.db"
    odd.parent.mkdir()
    open_store(str(odd)).close()
    eng = create_engine_for(str(odd), create=False)
    try:
        assert schema_revision(eng) == "0004"
    finally:
        eng.dispose()


def test_serve_without_a_token_on_a_missing_store_fails_and_creates_nothing(tmp_path, monkeypatch, capsys):
    """``serve`` opens the store read-only unless a token enables POST /api/ingest (its one
    engine-opening line: ``open_store(args.db, create=bool(token))``)."""
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    db = tmp_path / "serve.db"
    assert main(["serve", "--db", str(db), "--port", "0"]) == 2
    assert "no store at" in capsys.readouterr().err and not db.exists()  # (a warning may precede it)
