"""Server-rendered pages (escaping of untrusted article text, evidence marks), the token on writes, and
``eventwire serve`` as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from webutil import check, free_port

from eventwire.store.query import Filters, select

NEW_ARTICLE = {"id": "api-new-1", "published": "2025-04-02", "title": "Police arrest 4 in Kano",
               "text": "Police arrest 4 in Kano\n\nKANO, Nigeria (April 2, 2025) - Police arrested four men "
                       "suspected of planning attacks in Kano on Tuesday, a police spokesman said.\n"}


def _markup_event(store: Any) -> Any:
    return next(r for r in select(store, Filters(text="window.__pwned")))


def test_event_page_escapes_untrusted_text(client: Any, store: Any) -> None:
    row = _markup_event(store)
    r = client.get(f"/events/{row.uid}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "javascript:alert" not in page  # a non-http(s) URL is never made a link
    assert "Markup &lt;b&gt;Daily&lt;/b&gt;" in page


class _ArticleText(HTMLParser):
    """The article texts of an event page: per article, its text and which characters are marked."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.articles: list[tuple[str, list[bool]]] = []
        self.depth = 0  # inside <div class="article-text">
        self.in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and ("class", "article-text") in attrs:
            self.depth = 1
            self.articles.append(("", []))
        elif self.depth and tag == "mark":
            self.in_mark = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.in_mark = False
        elif tag == "div":
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.depth:
            text, marks = self.articles[-1]
            self.articles[-1] = (text + data, marks + [self.in_mark] * len(data))


def test_event_page_marks_every_evidence_span(client: Any, store: Any) -> None:
    row = next(r for r in select(store, Filters(text="livestock market")) if r.fatalities_best)
    parser = _ArticleText()
    parser.feed(client.get(f"/events/{row.uid}").text)
    detail = client.get(f"/api/events/{row.uid}").json()
    assert len(parser.articles) == len(detail["mentions"]) >= 1
    for (text, marked), m in zip(parser.articles, detail["mentions"], strict=True):
        assert text == m["article"]["text"]  # the whole article, unaltered once unescaped
        assert m["evidence"]
        for e in m["evidence"]:
            assert all(marked[e["start"]:e["end"]]), e
        covered = {i for e in m["evidence"] for i in range(e["start"], e["end"])}
        assert not any(marked[i] for i in range(len(text)) if i not in covered)


def test_event_page_shows_disagreements(client: Any, store: Any) -> None:
    row = next(r for r in select(store, Filters(min_sources=2)))
    page = client.get(f"/events/{row.uid}").text
    section = page.split('id="disagreements"', 1)[1].split("</ul>", 1)[0]
    assert "fatalities" in section and "7" in section and "11" in section
    assert "web-maiduguri-a" in section and "web-maiduguri-b" in section


def test_every_event_page_renders(client: Any, store: Any) -> None:
    rows = list(select(store, Filters(historical=True)))
    assert any(r.historical for r in rows)
    for r in rows:
        page = client.get(f"/events/{r.uid}")
        assert page.status_code == 200, r.uid
        assert r.uid in page.text and ('id="event-map"' in page.text) == (r.latitude is not None)
        if r.historical:
            assert "Historical: known only from background mentions" in page.text


def test_unknown_event_page_is_404(client: Any) -> None:
    assert client.get("/events/evt-nope").status_code == 404


def test_dashboard_page_serves_local_assets_only(client: Any) -> None:
    page = client.get("/").text
    srcs = [s.split('"', 1)[0] for s in page.split('src="')[1:]] + \
           [s.split('"', 1)[0] for s in page.split('href="')[1:] if ".css" in s.split('"', 1)[0]]
    assert srcs and all(s.startswith("/") and not s.startswith("//") for s in srcs), srcs
    for s in srcs:
        assert client.get(s).status_code == 200, s


def test_writes_are_disabled_without_a_token(client: Any, openapi: dict[str, Any]) -> None:
    r = client.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403
    check(openapi, "/api/ingest", "post", r)


def test_ingest_needs_the_token(tmp_path: Path, openapi: dict[str, Any]) -> None:
    from fastapi.testclient import TestClient

    from eventwire.api.app import create_app
    from eventwire.store import open_store

    with open_store(str(tmp_path / "w.db")) as store, TestClient(create_app(store, token="s3cret")) as c:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}):
            r = c.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers=headers)
            assert r.status_code == 401, headers
            check(openapi, "/api/ingest", "post", r)
        assert c.get("/api/events").json()["total"] == 0
        ok = {"Authorization": "Bearer s3cret"}
        r = c.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers=ok)
        body = check(openapi, "/api/ingest", "post", r)
        assert body["outcomes"][0]["status"] == "stored" and body["outcomes"][0]["new_events"] >= 1
        again = c.post("/api/ingest", json={"articles": [NEW_ARTICLE]}, headers=ok).json()
        assert again["outcomes"][0]["status"] == "duplicate"
        events = c.get("/api/events").json()
        assert events["total"] >= 1 and any(e["sub_event_type"] == "Arrests" for e in events["items"])
        bad = c.post("/api/ingest", json={"articles": [{**NEW_ARTICLE, "published": "2025-99-01"}]}, headers=ok)
        assert bad.status_code == 422
        check(openapi, "/api/ingest", "post", bad)


def _get(url: str, timeout: float = 2.0) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 - a local test server
        return json.loads(r.read())


def test_serve_command_runs_the_api(web_db: str) -> None:
    port = free_port()
    env = {**os.environ, "EVENTWIRE_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", web_db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.communicate()
            try:
                meta = _get(f"http://127.0.0.1:{port}/api/meta")
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "eventwire serve did not answer"
                time.sleep(0.2)
        assert meta["writable"] is False
        assert _get(f"http://127.0.0.1:{port}/api/events?country=NG")["total"] > 0
        assert "/api/events" in _get(f"http://127.0.0.1:{port}/openapi.json")["paths"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_on_a_missing_store_fails_cleanly(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(tmp_path / "none.db")],
                       capture_output=True, text=True, timeout=60, env={**os.environ, "EVENTWIRE_TOKEN": ""})
    assert r.returncode == 2, r.stderr
    assert "no store at" in r.stderr


@pytest.mark.parametrize("path", ["/docs", "/openapi.json"])
def test_docs_are_served(client: Any, path: str) -> None:
    assert client.get(path).status_code == 200
