"""The audit trail: one row per change to an event (who, when, what, before, after, why).

Written by the reviewers' actions (:mod:`.review`) and by re-coding and updated pages
(:meth:`.core.Store.recode`); read by :func:`.review.history`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from ..record import COUNT_FIELDS
from .schema import audit

ACTIONS = ("accept", "reject", "reopen", "edit", "unpin", "merge", "merged-into", "split", "split-from",
           "article-updated", "recode", "dropped")


def log(conn: sa.Connection, uid: str, action: str, who: str, *, field: str | None = None,
         before: Any = None, after: Any = None, reason: str | None = None, at: datetime | None = None) -> None:
    assert action in ACTIONS, action
    conn.execute(audit.insert(), {"event_uid": uid, "action": action, "field": field, "before": before,
                                  "after": after, "reason": reason, "who": who[:100],
                                  "at": at or datetime.now(UTC)})


def brief(rec: dict[str, Any] | None) -> dict[str, Any]:
    """The fields of a record worth keeping in an audit row (not its evidence or values)."""
    rec = rec or {}
    keep = ("event_type", "sub_event_type", "date", "date_precision", "location", "country", "actor1", "actor2",
            *COUNT_FIELDS, "historical")
    return {k: rec.get(k) for k in keep}


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The audited fields whose canonical value differs between two records of one event."""
    b, a = brief(before), brief(after)
    return {k: (b[k], a[k]) for k in a if b[k] != a[k]}


__all__ = ["ACTIONS", "brief", "changed_fields", "log"]
