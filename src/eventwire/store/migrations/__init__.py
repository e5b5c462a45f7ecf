"""Alembic migrations of the event store (applied by eventwire.store.db on open)."""
