"""Opening a store: ``--db`` (a path or a URL) -> a SQLAlchemy engine, migrated to head.

    ./eventwire.db, any/path.db, sqlite:///path.db   SQLite file, WAL, no server
    postgresql://user@host:port/dbname[?options=...]  PostgreSQL through psycopg 3

SQLite runs in WAL mode with ``synchronous=FULL`` (a commit is on disk before ingest reports the
article stored) and every write transaction starts with ``BEGIN IMMEDIATE`` (writers queue up on
the busy timeout instead of failing half-way). On PostgreSQL a ``search_path`` may be given in the
URL (``?options=-csearch_path%3Dmyschema``), which is how the tests get a schema of their own.
Migrations (Alembic, shipped in ``store/migrations``) are applied on open, under an advisory lock
on PostgreSQL so that two processes opening a new store at once do not race.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import EventwireError

DEFAULT_DB = "eventwire.db"
_MIGRATION_LOCK = 0x65766E74  # "evnt": pg advisory lock key for migrations


def resolve_url(db: str | None) -> str:
    """The SQLAlchemy URL for ``--db`` (a path, ``sqlite:///...`` or ``postgresql://...``)."""
    db = (db or os.environ.get("EVENTWIRE_DB") or DEFAULT_DB).strip()
    if not db:
        raise EventwireError("--db is empty (give a file path or a postgresql:// URL)")
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if db.startswith("postgresql+psycopg://"):
        return db
    if db.startswith("sqlite:///"):
        return db
    if "://" in db:
        scheme = db.split("://", 1)[0]
        raise EventwireError(f"--db {db!r}: unsupported scheme '{scheme}' (use a file path or postgresql://)")
    path = Path(db).expanduser()
    if path.is_dir():
        raise EventwireError(f"--db {db}: is a directory (give a file such as {path / DEFAULT_DB})")
    if not path.parent.exists():
        raise EventwireError(f"--db {db}: directory {path.parent} does not exist")
    return f"sqlite:///{path}"


def _sqlite_setup(engine: Any) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MB of page cache: index pages stay in memory
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        readonly = conn.get_execution_options().get("eventwire_readonly")
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("eventwire.store").joinpath("migrations")))
    cfg.attributes["connection"] = connection
    return cfg


def _migrate(engine: Any) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        cfg = _alembic_config(conn)
        head = ScriptDirectory.from_config(cfg).get_current_head()
        current = MigrationContext.configure(conn).get_current_revision()
        if current != head:
            command.upgrade(cfg, "head")


def create_engine_for(db: str | None, create: bool = True) -> Any:
    """An engine on ``--db``, checked to answer and migrated to head (EventwireError if not)."""
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

    url = resolve_url(db)
    if not create and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise EventwireError(f"no store at {url[len('sqlite:///'):]} (store articles with 'eventwire ingest' "
                             "first, or name the store with --db)")
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url)
            _sqlite_setup(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except (ArgumentError, NoSuchModuleError, ValueError) as e:
        raise EventwireError(f"--db: invalid database URL ({e})") from e
    try:
        _migrate(engine)
    except OperationalError as e:
        engine.dispose()
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise EventwireError(f"cannot open the store {_safe(url)}: {reason}") from e
    except DBAPIError as e:
        engine.dispose()
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise EventwireError(f"store {_safe(url)} is not usable: {reason}") from e
    return engine


def _safe(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for messages
        return url
