"""The event store: articles, event mentions and merged events in SQLite or PostgreSQL.

    store = open_store("eventwire.db")          # or "postgresql://user@host/db"
    for outcome in ingest(store, articles): ...  # extraction + de-duplication, one transaction each
    for row in query.select(store, Filters(country="NG")): ...

Modules: :mod:`.schema` (tables), :mod:`.db` (URLs, engines, migrations), :mod:`.core` (the
write path), :mod:`.dedup` (blocking and pairwise score), :mod:`.reconcile` (canonical values,
low/best/high counts, disagreements), :mod:`.ingest` (articles -> store, re-coding), :mod:`.query`
(filters), :mod:`.show`, :mod:`.review` (analysts' actions, the review queue, an event's history),
:mod:`.audit` (the audit trail), :mod:`.corrections` (the reviewed articles as gold); its
records are written by :mod:`eventwire.output`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Added", "Store", "normalise_text", "open_store", "text_hash"]


def __getattr__(name: str) -> Any:
    """Lazy: the CLI parser imports parts of the store, and must not load SQLAlchemy."""
    if name in __all__:
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
