"""Alembic environment: runs on the connection the store passes in (``config.attributes``)."""

from __future__ import annotations

from alembic import context

from eventwire.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes its connection
    raise RuntimeError("eventwire migrations run through eventwire.store.open_store(), not the alembic CLI")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
