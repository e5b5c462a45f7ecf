"""The API on PostgreSQL (EVENTWIRE_TEST_PG_URL; skipped, saying why, without one): the same answers as
the query layer, aggregates, one event's detail and the article listing, checked against /openapi.json."""

from __future__ import annotations

from typing import Any

import pytest
from webutil import ARTICLES, check, ingest_files

from eventwire.store.query import Filters, select


@pytest.fixture(scope="module")
def pg_db(module_pg_url: str) -> str:
    """A fresh schema on the test PostgreSQL as a --db URL, dropped afterwards."""
    return module_pg_url


def test_api_on_postgresql(pg_db: str) -> None:
    from fastapi.testclient import TestClient

    from eventwire.api.app import create_app
    from eventwire.store import open_store

    ingest_files(pg_db, [ARTICLES])
    with open_store(pg_db, create=False) as store, TestClient(create_app(store)) as c:
        doc = c.get("/openapi.json").json()
        body = check(doc, "/api/events", "get", c.get("/api/events", params={"limit": 1}))
        expected = [r.uid for r in select(store, Filters())]
        assert body["total"] == len(expected) > 1 and [e["event_id"] for e in body["items"]] == expected[:1]
        ng = check(doc, "/api/events", "get", c.get("/api/events", params={"country": "NG"}))
        assert [e["event_id"] for e in ng["items"]] == [r.uid for r in select(store, Filters(country="NG"))]
        assert ng["total"] >= 1 and all(e["country"] == "NG" for e in ng["items"])
        text = check(doc, "/api/events", "get", c.get("/api/events", params={"text": "tuition"}))
        assert [e["country"] for e in text["items"]] == ["KE"]
        stats = check(doc, "/api/stats", "get", c.get("/api/stats", params={"interval": "week", "by": "country"}))
        assert sum(b["events"] for b in stats["buckets"]) == stats["total"] - stats["undated"] > 0
        merged = next(r for r in select(store, Filters(min_sources=2)))
        detail = check(doc, "/api/events/{event_id}", "get", c.get(f"/api/events/{merged.uid}"))
        assert "fatalities" in {d["field"] for d in detail["disagreements"]}
        arts = check(doc, "/api/articles", "get", c.get("/api/articles", params={"text": "konduga"}))
        assert arts["total"] == 2
        page: Any = c.get(f"/events/{merged.uid}")
        assert page.status_code == 200 and 'class="evidence"' in page.text
