"""Web fixtures: one store (the bundled samples + this folder's articles.jsonl) ingested once per session,
the API application on it, a live uvicorn server for the browser tests, and a headless Chromium.

articles.jsonl holds two reports of one attack with different death tolls (a disagreement) and a
report whose title, source and text carry HTML/script markup and a ``javascript:`` URL (untrusted
input that the pages must escape), and a report that names no place (an event without coordinates,
which the map must not drop silently). Browser tests skip, saying why, when Debian's chromium is not
installed, and fail instead when ``$CI`` is set (``.ci/run`` sets it); they never download a browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from webutil import ARTICLES, SAMPLES, browser_unavailable, ingest_files

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store with the samples and this folder's articles (ingested once)."""
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    ingest_files(db, [*SAMPLES, ARTICLES])
    return db


@pytest.fixture(scope="session")
def store(web_db: str) -> Iterator[Any]:
    from eventwire.store import open_store

    st = open_store(web_db, create=False)
    yield st
    st.close()


@pytest.fixture(scope="session")
def client(store: Any) -> Iterator[Any]:
    """A TestClient on the read-only application (no token)."""
    from fastapi.testclient import TestClient

    from eventwire.api.app import create_app

    with TestClient(create_app(store)) as c:
        yield c


@pytest.fixture(scope="session")
def openapi(client: Any) -> dict[str, Any]:
    r = client.get("/openapi.json")
    assert r.status_code == 200
    return r.json()


@pytest.fixture(scope="session")
def live_server(store: Any) -> Iterator[str]:
    """The read-only application served by uvicorn in a thread; yields its base URL."""
    from webutil import serving

    from eventwire.api.app import create_app

    with serving(create_app(store)) as url:
        yield url


def chromium_path() -> str | None:
    """Debian's chromium, or None (the browser tests then skip, or fail in CI)."""
    for p in (os.environ.get("EVENTWIRE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if p and os.access(p, os.X_OK):
            return p
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium through Playwright, on Debian's chromium binary (never a downloaded browser)."""
    exe = chromium_path()
    if exe is None:
        browser_unavailable("Debian's chromium is not installed (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("the playwright Python package is not installed (bin/setup installs it)")
    from eventwire.api.app import missing_assets

    if missing_assets():
        pytest.fail(f"front-end packages missing ({', '.join(missing_assets())}): run 'npm ci' in "
                    "src/eventwire/web (bin/setup does)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        b = pw.chromium.launch_persistent_context(
            str(profile), executable_path=exe, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000})
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab; JavaScript errors on it fail the test."""
    pg = browser.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    pg.close()
    assert not errors, errors
