"""A real HTTP server on 127.0.0.1 (a thread) serving this project's feed and page fixtures.

    site.route("/feeds/rss.xml", site.fixture("rss.xml"), content_type="application/rss+xml", etag='"v1"')
    site.url("/feeds/rss.xml")     -> "http://127.0.0.1:PORT/feeds/rss.xml"
    site.hits("/news/...")         -> how many GETs that path received
    site.requests                  -> [(path, {header: value}), ...] in arrival order

Routes answer 304 to a matching If-None-Match / If-Modified-Since, may wait before answering
(``delay``, cut short when the test ends) and may stream a body without Content-Length
(``stream_bytes``; with ``declare_length`` its Content-Length is sent too). Hostile ones: ``drip``
sends the body one byte every ``drip`` seconds (``drip_headers``: the status line and headers
too), ``site.redirect(path, location)`` answers 302. Every streamed or dripped body is made on
the fly, never held in memory. ``site.sent[path]`` counts the body bytes written to that path.
Unknown paths are 404 (so a host without robots.txt allows everything).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # the tests' "now"


class Now:
    """An injectable wall clock for back-off decisions: ``now.t`` is the time it says."""

    def __init__(self, t: datetime = T0) -> None:
        self.t = t

    def __call__(self) -> datetime:
        return self.t


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    stream_bytes: int = 0  # > 0: send this many bytes with no Content-Length, in 64 KiB chunks
    declare_length: bool = False  # with stream_bytes: send Content-Length: stream_bytes as well
    drip: float = 0.0  # > 0: send the body one byte at a time, this many seconds apart
    drip_headers: bool = False  # with drip: the status line and headers are dripped too
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """The server and its routes (see the module doc)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.sent: dict[str, int] = {}
        self.stopping = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                path = self.path.split("?", 1)[0]
                site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
                r = site.routes.get(path)
                try:
                    if r is None:
                        self._send(404, b"not found", "text/plain")
                        return
                    if r.delay and site.stopping.wait(r.delay):
                        return
                    if (r.etag and self.headers.get("If-None-Match") == r.etag) or (
                            r.last_modified and self.headers.get("If-Modified-Since") == r.last_modified):
                        self.send_response(304)
                        self.end_headers()
                        return
                    if r.drip:
                        self._drip(path, r)
                        return
                    if r.stream_bytes:
                        self.send_response(r.status)
                        self.send_header("Content-Type", r.content_type)
                        if r.declare_length:
                            self.send_header("Content-Length", str(r.stream_bytes))
                        self.end_headers()
                        chunk = (b"<p>" + b"filler text " * 5000 + b"</p>\n")[:65536]
                        sent = 0
                        while sent < r.stream_bytes and not site.stopping.is_set():
                            self.wfile.write(chunk[: r.stream_bytes - sent])
                            sent += min(len(chunk), r.stream_bytes - sent)
                            site.sent[path] = sent
                        return
                    extra = dict(r.headers)
                    if r.etag:
                        extra["ETag"] = r.etag
                    if r.last_modified:
                        extra["Last-Modified"] = r.last_modified
                    self._send(r.status, r.body, r.content_type, extra)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size limit): that is what some tests want

            def _drip(self, path: str, r: Route) -> None:
                head = (f"HTTP/1.1 {r.status} OK\r\nContent-Type: {r.content_type}\r\n"
                        f"Content-Length: {len(r.body)}\r\n\r\n").encode()
                if not r.drip_headers:
                    self.wfile.write(head)
                    self.wfile.flush()
                    head = b""
                for i, byte in enumerate(head + r.body):
                    if site.stopping.wait(r.drip):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    if i >= len(head):
                        site.sent[path] = site.sent.get(path, 0) + 1

            def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def fixture(self, name: str) -> bytes:
        """A fixture file, with {{BASE}} replaced by this server's base URL."""
        return (FIXTURES / name).read_bytes().replace(b"{{BASE}}", self.base.encode())

    def route(self, path: str, body: bytes = b"", **kw: object) -> Route:
        r = Route(body, **kw)  # type: ignore[arg-type]
        self.routes[path] = r
        return r

    def redirect(self, path: str, location: str, status: int = 302) -> Route:
        """``path`` answers ``status`` with ``Location: location`` (relative or absolute)."""
        return self.route(path, b"moved", status=status, content_type="text/plain",
                          headers={"Location": location})

    def hits(self, path: str) -> int:
        return sum(p == path for p, _ in self.requests)

    def close(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
