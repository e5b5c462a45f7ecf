"""``eventwire serve`` under hostile or careless clients: the token on every write, SQL injection and
malformed parameters (422 in words, never a 500, no extra rows), path traversal on the asset routes,
capped pages and exports, security headers and CORS, pages that load nothing from another host,
escaping of untrusted text, and SIGTERM stopping the real process quickly.

Fixtures are the web tests' (tests/web/conftest.py: one store of the samples and tests/web's
articles; test_postgres.py: a private schema on EVENTWIRE_TEST_PG_URL, skipped without it).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import importlib.util
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

WEB_TESTS = Path(__file__).resolve().parents[1] / "web"
sys.path.insert(0, str(WEB_TESTS))
from webutil import ARTICLES, free_port, ingest_files  # noqa: E402


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_web = _load("eventwire_web_conftest", WEB_TESTS / "conftest.py")
_pg = _load("eventwire_web_pg", WEB_TESTS / "test_postgres.py")
web_db, store, client, live_server = _web.web_db, _web.store, _web.client, _web.live_server
pg_db = _pg.pg_db

from eventwire.api.app import create_app  # noqa: E402
from eventwire.api.security import DEFAULT_MAX_EXPORT, MAX_PAGE  # noqa: E402
from eventwire.store.query import Filters, select  # noqa: E402

TOKEN = "s3cret-token"
LIST_ENDPOINTS = ["/api/events", "/api/events.csv", "/api/events.geojson", "/api/stats", "/api/facets"]
INJECTIONS = ["' OR 1=1 --", "x' OR 'a'='a", '" OR ""="', "'; DROP TABLE events; --", "Boko Haram' --",
              "%", "_", "\\", "1) OR (1=1", "' UNION SELECT * FROM articles --"]


def _client(st: Any, **kw: Any) -> Any:
    from fastapi.testclient import TestClient

    return TestClient(create_app(st, **kw), raise_server_exceptions=False)


def _write_routes(st: Any) -> list[tuple[str, str]]:
    """(method, path) of every operation of the API that is not a read (from its OpenAPI document;
    the pages outside it are all GET)."""
    doc = create_app(st).openapi()
    return [(m.upper(), p) for p, item in doc["paths"].items() for m in item if m not in ("get", "head", "options")]


# ---- 1. the token ----------------------------------------------------------------------------------
def test_every_write_route_is_disabled_without_a_token(store: Any) -> None:
    for token in (None, ""):
        c = _client(store, token=token)
        routes = _write_routes(store)
        assert ("POST", "/api/ingest") in routes
        for method, path in routes:
            r = c.request(method, path, json={"articles": []}, headers={"Authorization": "Bearer "})
            assert r.status_code == 403, (method, path)
            assert "writes are disabled" in r.json()["detail"]


def test_every_write_route_needs_the_token_in_the_header(store: Any) -> None:
    c = _client(store, token=TOKEN)
    body = {"articles": []}  # invalid (min 1): a 422 proves the token was accepted, and nothing is written
    for method, path in _write_routes(store):
        refused = [
            ({}, "", body), ({"Authorization": "Bearer wrong"}, "", body),
            ({"Authorization": TOKEN}, "", body), ({"Authorization": f"Basic {TOKEN}"}, "", body),
            ({"Authorization": f"Bearer {TOKEN}x"}, "", body), ({"Authorization": f"Bearer {TOKEN[:-1]}"}, "", body),
            ({}, f"?token={TOKEN}", body), ({}, f"?access_token={TOKEN}", body),
            ({"Authorization": f"Bearer {TOKEN}"}, f"?token={TOKEN}", body),  # a token in the URL: refused
            ({}, "", {**body, "token": TOKEN}), ({}, "", {**body, "authorization": f"Bearer {TOKEN}"}),
        ]
        for headers, query, payload in refused:
            r = c.request(method, path + query, json=payload, headers=headers)
            assert r.status_code == 401, (method, path, headers, query, payload)
            assert r.headers["content-type"].startswith("application/json")
            assert isinstance(r.json()["detail"], str) and r.json()["detail"]
            assert r.headers["www-authenticate"] == "Bearer"
        ok = c.request(method, path, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 422, (method, path)
        assert "articles" in ok.json()["detail"]


def test_the_token_is_compared_in_constant_time(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """hmac.compare_digest on digests of equal length, so neither content nor length leaks."""
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    c = _client(store, token=TOKEN)
    for given in ("x", TOKEN + "-much-longer", TOKEN):
        c.post("/api/ingest", json={"articles": []}, headers={"Authorization": f"Bearer {given}"})
    assert len(calls) == 3
    assert all(len(a) == len(b) == hashlib.sha256().digest_size for a, b in calls)
    assert calls[-1][0] == calls[-1][1] == hashlib.sha256(TOKEN.encode()).digest()


# ---- 2. injection, malformed parameters, caps, traversal --------------------------------------------
def _oracle(st: Any, key: str, value: str) -> set[str]:
    """The events a substring filter must return, computed in Python from every stored event."""
    cols = {"actor": ("actor1", "actor2"), "place": ("location", "admin1")}[key]
    v = value.lower()
    return {r.uid for r in select(st, Filters()) if any(v in (getattr(r, c) or "").lower() for c in cols)}


def _injection_checks(c: Any, st: Any) -> None:
    import sqlalchemy as sa

    from eventwire.store.schema import articles

    baseline = c.get("/api/events", params={"limit": 1}).json()["total"]
    assert baseline > 0
    with st.read() as conn:
        texts = [t for (t,) in conn.execute(sa.select(articles.c.text))]
    for value in INJECTIONS:
        for key in ("actor", "place"):
            r = c.get("/api/events", params={key: value, "limit": MAX_PAGE})
            assert r.status_code == 200, (key, value, r.text)
            assert {e["event_id"] for e in r.json()["items"]} == _oracle(st, key, value), (key, value)
        for key in ("type", "country", "text", "since", "until", "bbox", "min_sources", "historical"):
            for path in LIST_ENDPOINTS:
                r = c.get(path, params={key: value})
                assert r.status_code in (200, 422), (path, key, value, r.status_code, r.text)
                if r.status_code == 422:
                    assert isinstance(r.json()["detail"], str) and r.json()["detail"]
                elif path == "/api/events":
                    assert r.json()["total"] <= baseline
                    if key == "text":
                        assert r.json()["total"] == len(list(select(st, Filters(text=value))))
        r = c.get("/api/articles", params={"text": value})
        assert r.status_code == 200 and r.json()["total"] == sum(value.lower() in t.lower() for t in texts), value
        assert c.get(f"/api/events/{value}").status_code == 404
        assert c.get(f"/events/{value}").status_code == 404
    assert c.get("/api/events", params={"limit": 1}).json()["total"] == baseline  # nothing was dropped


def test_sql_injection_returns_no_extra_rows_and_no_500(client: Any, store: Any) -> None:
    _injection_checks(client, store)


def test_sql_injection_on_postgresql(pg_db: str) -> None:
    from eventwire.store import open_store

    ingest_files(pg_db, [ARTICLES])
    with open_store(pg_db, create=False) as st:
        c = _client(st)
        _injection_checks(c, st)
        _malformed_checks(c)


MALFORMED = [
    ("since", "2024-02-30"), ("since", "yesterday"), ("until", "2024-13-01"), ("until", "01/02/2024"),
    ("since", "2025-03-01&until=2025-01-01"), ("limit", "abc"), ("limit", "1.5"), ("limit", "-1"), ("limit", "0"),
    ("limit", "1e3"), ("offset", "-1"), ("offset", "x"), ("offset", str(10**20)), ("type", "Spaceship landing"),
    ("country", "Atlantis"), ("min_sources", "0"), ("min_sources", str(10**30)), ("bbox", "a,b,c,d"),
    ("bbox", "nan,nan,nan,nan"), ("bbox", "1,2,3"), ("historical", "maybe"), ("interval", "year"), ("by", "x"),
    ("sort", "latitude"), ("sort", "date;DROP TABLE events"), ("size", "0"), ("size", "x"),
]
APPLIES = {"limit": ["/api/events", "/api/events.csv", "/api/events.geojson", "/api/articles"],
           "offset": ["/api/events", "/api/articles"], "interval": ["/api/stats"], "by": ["/api/stats"],
           "sort": ["/api/events"], "size": ["/api/facets"]}


def _malformed_checks(c: Any) -> None:
    for key, value in MALFORMED:
        for path in APPLIES.get(key, LIST_ENDPOINTS):
            url = f"{path}?{key}={value}"
            r = c.get(url)
            assert r.status_code == 422, (url, r.status_code, r.text)
            assert r.headers["content-type"].startswith("application/json")
            detail = r.json()["detail"]
            assert isinstance(detail, str) and re.search(r"[a-z]{3,} [a-z]{2,}", detail), (url, detail)
            assert key.split("&")[0] in detail or "since" in detail, (url, detail)
    for bad in ("abc", "-1", "0", str(10**25)):
        r = c.get(f"/api/articles/{bad}")
        assert r.status_code == 422 and isinstance(r.json()["detail"], str), (bad, r.text)
    assert c.get("/api/events/" + "9" * 40).status_code == 404
    assert c.get("/events/" + "9" * 40).status_code == 404


def test_malformed_parameters_are_422_in_words(client: Any) -> None:
    _malformed_checks(client)


def test_422s_match_the_documented_schema(client: Any) -> None:
    from webutil import check

    doc = client.get("/openapi.json").json()
    for path, params in (("/api/events", {"country": "Atlantis"}), ("/api/events", {"limit": "x"}),
                         ("/api/stats", {"type": "Spaceship"}), ("/api/articles", {"offset": "-5"})):
        r = client.get(path, params=params)
        assert r.status_code == 422
        check(doc, path, "get", r)


def test_huge_limits_are_capped_on_every_list_endpoint(store: Any) -> None:
    total = len(list(select(store, Filters())))
    c = _client(store)
    for path in ("/api/events", "/api/articles"):
        for huge in (MAX_PAGE + 1, 10**9, 10**30):
            r = c.get(path, params={"limit": huge})
            assert r.status_code == 200 and r.json()["limit"] == MAX_PAGE, (path, huge)
    doc = c.get("/openapi.json").json()
    assert str(DEFAULT_MAX_EXPORT) in doc["info"]["description"] and str(MAX_PAGE) in doc["info"]["description"]
    assert c.get("/api/events.csv").headers["x-eventwire-limit"] == str(DEFAULT_MAX_EXPORT)
    cap = 3
    assert total > cap
    small = _client(store, max_export=cap)
    for limit, n, truncated in ((None, cap, "true"), (10**12, cap, "true"), (2, 2, "false"), (cap, cap, "false")):
        params = {} if limit is None else {"limit": limit}
        g = small.get("/api/events.geojson", params=params)
        assert g.status_code == 200 and len(g.json()["features"]) == n, limit
        assert g.headers["x-eventwire-limit"] == str(n) and g.headers["x-eventwire-truncated"] == truncated
        csv = small.get("/api/events.csv", params=params)
        assert csv.status_code == 200 and len(csv.text.strip().splitlines()) == n + 1, limit
        assert csv.headers["x-eventwire-truncated"] == truncated
    newest = [r.uid for r in select(store, Filters(limit=cap))]
    assert [f["id"] for f in small.get("/api/events.geojson").json()["features"]] == newest


TRAVERSALS = ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
              "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static/....//....//etc/passwd",
              "/static/%252e%252e/etc/passwd", "/static//etc/passwd", "/static/..\\..\\etc\\passwd",
              "/vendor/leaflet/../../package.json", "/vendor/leaflet/%2e%2e/%2e%2e/%2e%2e/app.py",
              "/vendor/world-atlas/..%2f..%2f..%2f..%2fapi%2fapp.py", "/static/%2e%2e/templates/base.html",
              "/static/../api/app.py"]


def test_path_traversal_on_asset_routes_is_404(live_server: str) -> None:
    """Sent byte for byte (http.client does not normalize the path the way an HTTP library might)."""
    host = urlsplit(live_server)
    for path in TRAVERSALS:
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=5)
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        r = conn.getresponse()
        body = r.read().decode("utf-8", "replace")
        conn.close()
        assert r.status == 404, (path, r.status)
        assert "root:" not in body and "create_app" not in body and "{% block" not in body, path
        assert r.getheader("x-content-type-options") == "nosniff"


# ---- 3. headers, CORS ------------------------------------------------------------------------------
def _an_event_id(store: Any) -> str:
    return next(r.uid for r in select(store, Filters(min_sources=2)))


def _responses(c: Any, store: Any) -> list[tuple[str, Any]]:
    urls = ["/", "/docs", f"/events/{_an_event_id(store)}", "/api/meta", "/api/events", "/openapi.json",
            "/api/events.csv", "/api/events.geojson", "/static/style.css", "/static/dashboard.js",
            "/static/favicon.svg", "/vendor/leaflet/leaflet.js", "/nope", "/api/events?limit=x", "/events/evt-nope"]
    return [(u, c.get(u)) for u in urls] + [("POST /api/ingest", c.post("/api/ingest", json={}))]


def test_security_headers_on_every_response(client: Any, store: Any) -> None:
    for url, r in _responses(client, store):
        h = r.headers
        csp = h.get("content-security-policy", "")
        directives = {d.split()[0]: d.split()[1:] for d in (x.strip() for x in csp.split(";")) if d}
        assert directives.get("script-src") == ["'self'"], (url, csp)
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, (url, csp)
        assert directives.get("frame-ancestors") == ["'none'"] and directives.get("object-src") == ["'none'"]
        assert directives.get("default-src") == ["'self'"]
        assert h.get("x-content-type-options") == "nosniff", url
        assert h.get("x-frame-options") == "DENY", url
        assert h.get("referrer-policy") == "no-referrer", url
        assert "access-control-allow-origin" not in h, url


def test_the_tile_host_may_serve_images_and_nothing_else(store: Any) -> None:
    c = _client(store, tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    csp = c.get("/").headers["content-security-policy"]
    img = next(d for d in csp.split("; ") if d.startswith("img-src"))
    assert "https://*.tiles.example.org" in img
    assert csp.count("tiles.example.org") == 1


def test_cors_is_off_unless_enabled(client: Any, store: Any) -> None:
    origin = {"Origin": "https://evil.example"}
    r = client.get("/api/events", headers=origin)
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/api/ingest", headers={**origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers
    c = _client(store, cors_origins=["https://ok.example"])
    assert c.get("/api/events", headers={"Origin": "https://ok.example"}).headers[
        "access-control-allow-origin"] == "https://ok.example"
    assert "access-control-allow-origin" not in c.get("/api/events", headers=origin).headers
    pre = c.options("/api/ingest", headers={"Origin": "https://ok.example", "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 400 or "POST" not in pre.headers.get("access-control-allow-methods", "")


# ---- 4. nothing from another host; no inline script --------------------------------------------------
class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []  # what the browser fetches: src=, <link href>
        self.links: list[str] = []  # <a href>
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append(f"<{tag} {k}={v}>")
            if k == "src" and v is not None:
                self.loads.append(v)
            if k in ("href", "action", "formaction") and v is not None:
                (self.loads if tag == "link" else self.links).append(v)
            if k == "style":
                self.handlers.append(f"<{tag} style>")
        if tag == "script":
            self._in_script = "src" not in a

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def _outside(url: str) -> bool:
    u = urlsplit(url)
    return bool(u.netloc) or url.startswith("//") or u.scheme not in ("", "http", "https")


def test_html_pages_load_nothing_from_another_host(client: Any, store: Any) -> None:
    ev = _an_event_id(store)
    article_urls = {s.get("url") for s in client.get(f"/api/events/{ev}").json()["event"]["sources"]}
    assert client.get("/redoc").status_code == 404
    for url in ("/", "/docs", f"/events/{ev}"):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), url
        refs = _Refs()
        refs.feed(r.text)
        assert refs.loads, url
        assert not [s for s in refs.loads if _outside(s)], (url, refs.loads)
        for s in refs.loads:
            assert client.get(s.split("#")[0]).status_code == 200, (url, s)
        outside_links = {s for s in refs.links if _outside(s)}
        # the only links out are the article URLs the sources gave (event page), never javascript:/data:
        assert outside_links <= (article_urls if url.startswith("/events/") else set()), (url, outside_links)
        assert refs.inline_scripts == 0 and not refs.handlers, (url, refs.handlers)
        assert "cdn" not in r.text.lower(), url


def test_dashboard_js_never_builds_html_from_data() -> None:
    static = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "web" / "static"
    for js in static.glob("*.js"):
        code = js.read_text()
        code = re.sub(r"^\s*//.*$", "", code, flags=re.M)  # comments may name what is avoided
        for bad in (r"\.innerHTML\b", r"\.outerHTML\b", r"insertAdjacentHTML", r"document\.write",
                    r"\beval\(", r"new Function", r"setTimeout\(\s*[\"'`]"):
            assert not re.search(bad, code), (js.name, bad)


# ---- 5. escaping ------------------------------------------------------------------------------------
HOSTILE = ['<script>window.__pwned=1</script>', '"onmouseover="alert(1)', "' onfocus='alert(1)",
           '</td></tr></table><img src=x onerror=alert(1)>']
BAD_URLS = ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "jav&#x09;ascript:alert(1)", "//evil.example/x"]


def test_event_page_escapes_every_untrusted_field(client: Any, store: Any) -> None:
    """The event page's template on a real event's detail whose text fields are all hostile."""
    from eventwire.api import data
    from eventwire.api.app import _templates
    from eventwire.store.query import find

    d = data.detail(store, find(store, _an_event_id(store)))
    ev = d["event"]
    for i, k in enumerate(("actor1", "actor2", "location", "admin1", "sub_event_type", "date_note")):
        ev[k] = HOSTILE[i % len(HOSTILE)]
    for i, s in enumerate(ev["sources"]):
        s.update(title=HOSTILE[i % len(HOSTILE)], source=HOSTILE[(i + 1) % len(HOSTILE)],
                 url=BAD_URLS[i % len(BAD_URLS)])
    for i, m in enumerate(d["mentions"]):
        m["article"].update(title=HOSTILE[i % len(HOSTILE)], url=BAD_URLS[(i + 1) % len(BAD_URLS)],
                            source=HOSTILE[(i + 2) % len(HOSTILE)])
        m["segments"] = [(HOSTILE[0], []), (HOSTILE[1], ["actor1"])]
        for e in m["evidence"]:
            e["text"] = HOSTILE[3]
    extra = [{"field": HOSTILE[1], "values": [{"value": HOSTILE[0], "article": HOSTILE[2]}]}]
    d["disagreements"] = d["disagreements"] + extra
    html = _templates().env.get_template("event.html").render(
        ev=ev, detail=d, missing=[], tiles="", tiles_attribution='"><script>x</script>', version="t")
    refs = _Refs()
    refs.feed(html)
    assert refs.inline_scripts == 0 and not refs.handlers, refs.handlers
    for s in refs.links:
        assert s.startswith(("/", "http://", "https://")) and not s.startswith("//"), s
    low = html.lower()
    assert "<script>window" not in low and "<img src=x" not in low and "javascript:" not in low.replace(
        "javascript:alert(1)</", "")  # as text, a bad URL is shown escaped, never as an href
    assert 'href="javascript' not in low and 'href=" javascript' not in low and 'href="data:' not in low
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html


def test_served_event_page_escapes_the_markup_article(client: Any, store: Any) -> None:
    row = next(r for r in select(store, Filters(text="window.__pwned")))
    page = client.get(f"/events/{row.uid}").text
    refs = _Refs()
    refs.feed(page)
    assert refs.inline_scripts == 0 and not refs.handlers
    assert "javascript:" not in page and "<script>window" not in page


# ---- 6. SIGTERM ------------------------------------------------------------------------------------
@pytest.fixture
def serve_process(web_db: str) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    env = {**os.environ, "EVENTWIRE_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", web_db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        yield proc, port
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)


def _wait_answering(proc: subprocess.Popen[str], port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 30
    while True:
        assert proc.poll() is None, proc.communicate()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/meta")
            r = conn.getresponse()
            r.read()
            assert r.status == 200
            return conn
        except (OSError, http.client.HTTPException):
            assert time.monotonic() < deadline, "eventwire serve did not answer"
            time.sleep(0.1)


def test_sigterm_stops_serve_quickly_even_with_a_keep_alive_connection(
        serve_process: tuple[subprocess.Popen[str], int]) -> None:
    import psutil

    proc, port = serve_process
    conn = _wait_answering(proc, port)  # left open: an idle keep-alive connection, as a browser keeps
    assert psutil.Process(proc.pid).children(recursive=True) == []  # the CLI process is the server itself
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=5)  # the requirement is 1 s; bench/serve_load.py measures the real figure
    elapsed = time.monotonic() - t0
    conn.close()
    _, err = proc.communicate(timeout=5)
    assert rc == 0, err
    assert elapsed < 5
    assert "Traceback" not in err


def test_a_store_that_fails_under_the_server_answers_in_words(pg_db: str) -> None:
    # a real failure: the events table dropped under the running server (PostgreSQL)
    import psycopg

    from eventwire.store import open_store

    ingest_files(pg_db, [ARTICLES])
    with open_store(pg_db, create=True) as st:
        c = _client(st, token=TOKEN)
        base, _, opts = pg_db.partition("?")
        schema = opts.rsplit("%3D", 1)[-1]
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP TABLE "{schema}".events CASCADE')
        r = c.post("/api/ingest", headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"articles": [{"id": "x1", "text": "Gunmen killed three farmers in Benue on Monday, police said.",
                                       "published": "2024-05-08"}]})
        # the batch answers: each article that could not be stored says so in one line
        assert r.status_code == 200
        (out,) = r.json()["outcomes"]
        assert out["status"] == "failed" and "\n" not in out["error"] and "SELECT" not in out["error"]
        # a read on the broken store: 503 in words, never a 500 or a traceback
        r = c.get("/api/events")
        assert r.status_code == 503, r.text
        assert r.json()["detail"].startswith("the store failed: ") and "Traceback" not in r.text
