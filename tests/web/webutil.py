"""Helpers of the web tests: a free TCP port, checking a response against /openapi.json, screenshots."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.is_file())
ARTICLES = str(Path(__file__).parent / "articles.jsonl")
# where the browser tests save their screenshots: only when $EVENTWIRE_SCREENSHOTS names a folder
SCREENSHOTS_ENV = "EVENTWIRE_SCREENSHOTS"


def screenshot(page: Any, name: str) -> Path | None:
    """Save the whole page as ``<$EVENTWIRE_SCREENSHOTS>/<name>.png`` (created); nothing when it is unset."""
    folder = os.environ.get(SCREENSHOTS_ENV, "").strip()
    if not folder:
        return None
    path = Path(folder) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000, path
    return path


def in_ci() -> bool:
    """``$CI`` is set to something true (CI services set CI=true; so does .ci/run)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def browser_unavailable(reason: str) -> None:
    """Skip the browser tests, saying why; in CI, where they must run, fail them instead."""
    import pytest

    if in_ci():
        pytest.fail(f"{reason}: CI is set, and in CI the browser tests must run, not skip", pytrace=False)
    pytest.skip(f"{reason}: browser tests skipped")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def check(doc: dict[str, Any], path: str, method: str, response: Any) -> Any:
    """Validate ``response`` against the schema /openapi.json gives for it; returns the parsed body.

    The status code and the content type must be documented for the operation, and the body must
    be valid against the documented schema (components resolved from the same document).
    """
    op = doc["paths"][path][method]
    spec = op["responses"].get(str(response.status_code))
    assert spec is not None, f"{method.upper()} {path}: status {response.status_code} is not documented"
    ctype = response.headers["content-type"].split(";")[0]
    content = spec.get("content") or {}
    assert ctype in content, f"{method.upper()} {path}: {ctype} not documented ({list(content)})"
    schema = content[ctype].get("schema") or {}
    body = response.text if ctype.startswith("text/") else response.json()
    jsonschema.Draft202012Validator({**schema, "components": doc["components"]}).validate(body)
    return body


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a free port; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def ingest_files(db: str, inputs: list[str]) -> None:
    """Code and store ``inputs`` (paths) into the store ``db``; every article must be stored."""
    from eventwire.sources import read
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    with open_store(db) as store:
        outcomes = list(ingest(store, (a for a in read(inputs) if not isinstance(a, Exception))))
    failed = [o for o in outcomes if o.status == "failed"]
    assert not failed, failed


def wait_js(page: Any, expression: str, timeout: int = 15_000) -> None:
    """Until ``expression`` (JavaScript) is truthy in the page. Not page.wait_for_function: that evaluates
    its predicate with eval() in the page, which the server's Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.05)
