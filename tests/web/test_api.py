"""The HTTP API on a store of the samples: responses checked against /openapi.json, filters, pages,
aggregates, exports, one event's evidence, and the token on writes."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import jsonschema
import pytest
from webutil import ARTICLES, SAMPLES, check

from eventwire.api.data import highlight_segments, period_of
from eventwire.output.records import record
from eventwire.store.query import Filters, select

API_PATHS = {"/api/events", "/api/facets", "/api/events.geojson", "/api/events.csv", "/api/events/{event_id}", "/api/stats",
             "/api/articles", "/api/articles/{article_id}", "/api/meta", "/api/ingest",
             # review (tests/web/test_review_api.py)
             "/api/whoami", "/api/review/queue", "/api/places", "/api/actors", "/api/events/{event_id}/accept",
             "/api/events/{event_id}/reject", "/api/events/{event_id}/reopen", "/api/events/{event_id}/merge",
             "/api/events/{event_id}/split", "/api/events/{event_id}/history"}


def test_openapi_lists_every_endpoint(openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.")
    assert {p for p in openapi["paths"] if p.startswith("/api/")} == API_PATHS
    for schema in openapi["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_events_page_matches_the_query_layer(client: Any, openapi: dict[str, Any], store: Any) -> None:
    body = check(openapi, "/api/events", "get", client.get("/api/events", params={"limit": 1000}))
    expected = [r.uid for r in select(store, Filters())]
    assert [e["event_id"] for e in body["items"]] == expected
    assert body["total"] == len(expected) > 10
    ng = check(openapi, "/api/events", "get", client.get("/api/events", params={"country": "Nigeria"}))
    assert ng["total"] == len(list(select(store, Filters(country="NG")))) > 0
    assert {e["country"] for e in ng["items"]} == {"NG"}


@pytest.mark.parametrize("params", [
    {"type": "protest"}, {"actor": "police"}, {"place": "kaduna"}, {"text": "livestock"},
    {"since": "2022-01-01", "until": "2023-12-31"}, {"historical": "true"}, {"min_sources": "2"},
])
def test_each_filter_is_the_cli_filter(client: Any, openapi: dict[str, Any], store: Any,
                                       params: dict[str, str]) -> None:
    body = check(openapi, "/api/events", "get", client.get("/api/events", params={**params, "limit": 1000}))
    f = Filters(**{k: (v == "true" if k == "historical" else int(v) if k == "min_sources" else v)
                   for k, v in params.items()})
    assert [e["event_id"] for e in body["items"]] == [r.uid for r in select(store, f)]
    assert body["items"], f"filter {params} matches nothing in the test store"


def test_pages_cover_the_list_once(client: Any) -> None:
    full = client.get("/api/events", params={"limit": 1000}).json()["items"]
    got = []
    for offset in range(0, len(full), 4):
        page = client.get("/api/events", params={"limit": 4, "offset": offset}).json()
        assert page["total"] == len(full) and len(page["items"]) <= 4
        got += page["items"]
    assert [e["event_id"] for e in got] == [e["event_id"] for e in full]


def test_bbox_keeps_events_inside(client: Any) -> None:
    nigeria = "2.5,4.0,14.8,14.0"
    body = client.get("/api/events", params={"bbox": nigeria, "limit": 1000}).json()
    assert body["items"] and {e["country"] for e in body["items"]} <= {"NG", "NE", "BJ", "CM", "TD"}
    assert all(2.5 <= e["longitude"] <= 14.8 and 4 <= e["latitude"] <= 14 for e in body["items"])


@pytest.mark.parametrize(("params", "status"), [
    ({"country": "Atlantis"}, 422), ({"bbox": "1,2,3"}, 422), ({"bbox": "10,0,5,5"}, 422),
    ({"since": "2024-13-01"}, 422), ({"limit": "0"}, 422),
])
def test_bad_filters_are_client_errors(client: Any, openapi: dict[str, Any], params: dict[str, str],
                                       status: int) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == status
    check(openapi, "/api/events", "get", r)


@pytest.mark.parametrize("interval", ["day", "week", "month"])
@pytest.mark.parametrize("by", ["type", "country"])
def test_stats_add_up(client: Any, openapi: dict[str, Any], interval: str, by: str) -> None:
    body = check(openapi, "/api/stats", "get", client.get("/api/stats", params={"interval": interval, "by": by}))
    total = client.get("/api/events").json()["total"]
    assert body["total"] == total
    assert sum(b["events"] for b in body["buckets"]) == total - body["undated"]
    assert sum(b["fatalities"] for b in body["buckets"]) >= 12 + 11  # Zaria (12) and Konduga (11, disputed)
    for b in body["buckets"]:
        if interval == "week":
            assert date.fromisoformat(b["period"]).weekday() == 0
        assert len(b["period"]) == (7 if interval == "month" else 10)


def test_period_of() -> None:
    assert period_of("2024-05-10", "week") == "2024-05-06"
    assert period_of("2024-05-10", "month") == "2024-05"
    assert period_of("2024-05", "day") is None


def test_auto_interval_follows_the_span(client: Any) -> None:
    assert client.get("/api/stats", params={"interval": "auto"}).json()["interval"] == "month"  # 2019..2025
    short = client.get("/api/stats", params={"interval": "auto", "since": "2024-05-01", "until": "2024-05-31"}).json()
    assert short["interval"] == "day" and short["total"] > 0


def test_stats_follow_the_filter(client: Any) -> None:
    body = client.get("/api/stats", params={"country": "ML", "by": "country"}).json()
    assert body["total"] > 0 and {b["group"] for b in body["buckets"]} == {"ML"}


def test_event_detail_has_sources_disagreements_and_evidence(client: Any, openapi: dict[str, Any],
                                                              store: Any) -> None:
    merged = next(r for r in select(store, Filters(min_sources=2)))
    body = check(openapi, "/api/events/{event_id}", "get", client.get(f"/api/events/{merged.uid}"))
    assert body["event"]["n_sources"] == 2 and len(body["event"]["sources"]) == 2
    dis = {d["field"]: d for d in body["disagreements"]}
    assert "fatalities" in dis
    assert {v["value"] for v in dis["fatalities"]["values"]} == {7, 11}
    assert {m["article"]["key"] for m in body["mentions"]} == {"web-maiduguri-a", "web-maiduguri-b"}
    for m in body["mentions"]:
        text = m["article"]["text"]
        assert m["evidence"]
        for e in m["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]


def test_unknown_event_is_404(client: Any, openapi: dict[str, Any]) -> None:
    r = client.get("/api/events/evt-000000000000")
    assert r.status_code == 404
    check(openapi, "/api/events/{event_id}", "get", r)


def test_articles(client: Any, openapi: dict[str, Any]) -> None:
    body = check(openapi, "/api/articles", "get", client.get("/api/articles"))
    assert body["total"] == n_articles([*SAMPLES, ARTICLES]) > 5
    keys = {a["key"] for a in body["items"]}
    assert {"2024-05-11-kaduna-market-bombing", "web-markup-protest"} <= keys
    hit = client.get("/api/articles", params={"text": "livestock"}).json()
    assert [a["key"] for a in hit["items"]] == ["2024-05-11-kaduna-market-bombing"]
    one = check(openapi, "/api/articles/{article_id}", "get", client.get(f"/api/articles/{hit['items'][0]['id']}"))
    assert "livestock market" in one["text"]
    r = client.get("/api/articles/999999")
    assert r.status_code == 404
    check(openapi, "/api/articles/{article_id}", "get", r)


def n_articles(inputs: list[str]) -> int:
    from eventwire.sources import read

    return sum(1 for a in read(inputs) if not isinstance(a, Exception))


def test_geojson_export(client: Any, openapi: dict[str, Any], store: Any) -> None:
    r = client.get("/api/events.geojson", params={"country": "PK"})
    assert r.headers["content-type"].startswith("application/geo+json")
    body = check(openapi, "/api/events.geojson", "get", r)
    assert body["features"] and all(f["properties"]["country"] == "PK" for f in body["features"])
    assert all(f["geometry"]["type"] == "Point" for f in body["features"])
    two = check(openapi, "/api/events.geojson", "get", client.get("/api/events.geojson", params={"limit": 2}))
    assert [f["id"] for f in two["features"]] == [r.uid for r in select(store, Filters(limit=2))]


def test_csv_export_is_the_filtered_list(client: Any, openapi: dict[str, Any], store: Any) -> None:
    r = client.get("/api/events.csv", params={"type": "Battles"})
    text = check(openapi, "/api/events.csv", "get", r)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [x["event_id_cnty"] for x in rows] == [record(x)["event_id"] for x in select(store, Filters(type="Battles"))]
    assert rows and {x["event_type"] for x in rows} == {"Battles"}
    assert "attachment" in r.headers["content-disposition"]


def test_meta(client: Any, openapi: dict[str, Any]) -> None:
    body = check(openapi, "/api/meta", "get", client.get("/api/meta"))
    assert body["writable"] is False and body["tiles"] is None
    assert "Battles" in body["event_types"] and len(body["event_types"]) == 6


def test_highlight_segments_cover_the_text_and_overlaps() -> None:
    text = "at least 12 people died"
    segs = highlight_segments(text, [(0, 11, "fatalities"), (0, 18, "actor2"), (50, 60, "bad")])
    assert "".join(p for p, _ in segs) == text
    assert segs[0] == ("at least 12", ["actor2", "fatalities"])
    assert segs[1] == (" people", ["actor2"])
    assert segs[2] == (" died", [])
