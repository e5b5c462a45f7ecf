"""Opening a store: ``--db`` (a path or a URL) -> a SQLAlchemy engine, for writing or read-only.

    ./eventwire.db, any/path.db, sqlite:///path.db   SQLite file, WAL, no server
    postgresql://user@host:port/dbname[?options=...]  PostgreSQL through psycopg 3

SQLite runs in WAL mode with ``synchronous=FULL`` (a commit is on disk before ingest reports the
article stored) and every write transaction starts with ``BEGIN IMMEDIATE`` (writers queue up on
the busy timeout instead of failing half-way). On PostgreSQL a ``search_path`` may be given in the
URL (``?options=-csearch_path%3Dmyschema``), which is how the tests get a schema of their own.

Two ways to open (:func:`create_engine_for`):

* ``create=True`` (ingest, watch, migrate, serve with a token): migrations (Alembic, shipped in
  ``store/migrations``) are applied, all of them in ONE transaction (SQLite and PostgreSQL both
  have transactional DDL), under ``BEGIN IMMEDIATE`` on SQLite and an advisory lock on
  PostgreSQL, so that two processes opening a new store at once do not race and a process killed
  mid-migration leaves the store as it was before.
* ``create=False`` (events, show, watch --status, serve without a token): nothing is written. The
  store must exist at the head revision (else :class:`EventwireError`: no store / old schema);
  SQLite is opened ``mode=ro``, PostgreSQL sessions with ``default_transaction_read_only=on``.

Conflicts between concurrent writers are waited out, never reported: SQLite waits up to the busy
timeout for the write lock, and a write transaction that still fails on a transient conflict
("database is locked", PostgreSQL serialization failure or deadlock) is rolled back and retried
with back-off (:func:`retrying`) for as long again. The time is ``$EVENTWIRE_BUSY_TIMEOUT``
seconds (default 30).
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from ..errors import EventwireError

DEFAULT_DB = "eventwire.db"
_MIGRATION_LOCK = 0x65766E74  # "evnt": pg advisory lock key for migrations
BUSY_ENV = "EVENTWIRE_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT = 30.0  # seconds
T = TypeVar("T")


def busy_timeout() -> float:
    """Seconds a writer waits for another (``$EVENTWIRE_BUSY_TIMEOUT``, default 30)."""
    raw = os.environ.get(BUSY_ENV, "").strip()
    if not raw:
        return DEFAULT_BUSY_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise EventwireError(f"${BUSY_ENV}={raw!r}: not a number of seconds") from None
    if value < 0:
        raise EventwireError(f"${BUSY_ENV}={raw!r}: must be >= 0 seconds")
    return value


def is_transient(exc: BaseException) -> bool:
    """Is this a conflict with another writer, which the same transaction retried would pass?"""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) in ("40001", "40P01"):  # serialization failure, deadlock
        return True
    msg = str(orig).lower()
    return isinstance(orig, sqlite3.OperationalError) and ("locked" in msg or "busy" in msg)


def retrying(fn: Callable[[], T], budget: float | None = None) -> T:
    """``fn()`` (one whole transaction), run again with jittered exponential back-off while it
    fails on a transient conflict (:func:`is_transient`), for up to ``budget`` seconds (default
    the busy timeout) after the first failure; then the last error is raised."""
    from sqlalchemy.exc import DBAPIError

    deadline: float | None = None
    delay = 0.02
    while True:
        try:
            return fn()
        except DBAPIError as e:
            if not is_transient(e):
                raise
            now = time.monotonic()
            if deadline is None:
                deadline = now + (busy_timeout() if budget is None else budget)
            if now + delay > deadline:
                raise
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 1.0)


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


def _sqlite_setup(engine: Any, readonly: bool = False) -> None:
    from sqlalchemy import event

    timeout_ms = int(busy_timeout() * 1000)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _rec: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={timeout_ms}")  # first: the next pragmas may wait for a lock
        if not readonly:  # a read-only connection finds the store in WAL mode already
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MB of page cache: index pages stay in memory
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        plain = readonly or conn.get_execution_options().get("eventwire_readonly")
        conn.exec_driver_sql("BEGIN" if plain else "BEGIN IMMEDIATE")


def _pg_readonly(engine: Any) -> None:
    """Every session of ``engine`` read-only (the URL's own ``options``, e.g. search_path, kept)."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _rec: Any) -> None:
        autocommit = dbapi_conn.autocommit
        dbapi_conn.autocommit = True
        dbapi_conn.execute("SET SESSION default_transaction_read_only = on")
        dbapi_conn.autocommit = autocommit


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("eventwire.store").joinpath("migrations")))
    cfg.attributes["connection"] = connection
    return cfg


def _revisions(conn: Any) -> tuple[str | None, str, set[str]]:
    """(the store's revision or None, this eventwire's head, every revision it knows)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(conn))
    known = {r.revision for r in script.walk_revisions()}
    return MigrationContext.configure(conn).get_current_revision(), str(script.get_current_head()), known


def schema_revision(engine: Any) -> str | None:
    """The store's Alembic revision (None: no store)."""
    with engine.connect() as conn:
        return _revisions(conn)[0]


def _migrate(engine: Any) -> None:
    """Bring the store to head in one transaction (a crash mid-way leaves it as it was)."""
    from alembic import command

    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        current, head, known = _revisions(conn)
        if current is not None and current not in known:
            raise EventwireError(_newer(engine.url, current, head))
        if current != head:
            command.upgrade(_alembic_config(conn), "head")


def _check_head(engine: Any, url: str) -> None:
    """The store exists and is at this eventwire's head revision, or an EventwireError says why."""
    with engine.connect() as conn:
        current, head, known = _revisions(conn)
    if current is None:
        raise EventwireError(f"no store at {_name(url)}: run 'eventwire ingest' first (or name the store with --db)")
    if current not in known:
        raise EventwireError(_newer(url, current, head))
    if current != head:
        raise EventwireError(f"store at {_name(url)} has schema revision {current}, this eventwire needs {head}: "
                             "run 'eventwire migrate' (or 'eventwire ingest') on it to upgrade")


def _newer(url: Any, current: str, head: str) -> str:
    return (f"store at {_name(str(url))} has schema revision {current}, newer than this eventwire knows "
            f"(its newest is {head}): upgrade eventwire")


def _name(url: str) -> str:
    """How messages name a store: the file of a SQLite store, else the URL without its password."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    return _safe(url).replace("postgresql+psycopg://", "postgresql://", 1)


def _sqlite_readonly_engine(path: str) -> Any:
    """A SQLite engine that opens ``path`` with ``mode=ro``: no statement can write the file."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    uri = "file:" + quote(str(Path(path).resolve())) + "?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=busy_timeout())

    return create_engine("sqlite://", creator=connect, poolclass=QueuePool)


def create_engine_for(db: str | None, create: bool = True) -> Any:
    """An engine on ``--db``, checked to answer: migrated to head (``create``), else read-only on a
    store that must exist at head. EventwireError (one line) when it cannot be."""
    from sqlalchemy import URL, create_engine
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

    url = resolve_url(db)
    sqlite = url.startswith("sqlite")
    if not create and sqlite and not Path(url[len("sqlite:///"):]).exists():
        raise EventwireError(f"no store at {_name(url)}: run 'eventwire ingest' first (or name the store with --db)")
    try:
        if sqlite:  # the file named as it is: "?" or "#" in a path are no URL syntax
            path = url[len("sqlite:///"):]
            engine = create_engine(URL.create("sqlite", database=path)) if create else _sqlite_readonly_engine(path)
            _sqlite_setup(engine, readonly=not create)
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
            if not create:
                _pg_readonly(engine)
    except (ArgumentError, NoSuchModuleError, ValueError) as e:
        raise EventwireError(f"--db: invalid database URL ({e})") from e
    try:
        if create:
            retrying(lambda: _migrate(engine))
        else:
            _check_head(engine, url)
    except OperationalError as e:
        engine.dispose()
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise EventwireError(f"cannot open the store {_safe(url)}: {reason}") from e
    except DBAPIError as e:
        engine.dispose()
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise EventwireError(f"store {_safe(url)} is not usable: {reason}") from e
    except EventwireError:
        engine.dispose()
        raise
    return engine


def _safe(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for messages
        return url
