"""A real HTTP server on 127.0.0.1 (a thread) serving this project's feed and page fixtures.

    site.route("/feeds/rss.xml", site.fixture("rss.xml"), content_type="application/rss+xml", etag='"v1"')
    site.url("/feeds/rss.xml")     -> "http://127.0.0.1:PORT/feeds/rss.xml"
    site.hits("/news/...")         -> how many GETs that path received
    site.requests                  -> [(path, {header: value}), ...] in arrival order

Routes answer 304 to a matching If-None-Match / If-Modified-Since, may wait before answering
(``delay``, cut short when the test ends) and may stream a body without Content-Length
(``stream_bytes``). Unknown paths are 404 (so a host without robots.txt allows everything).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    stream_bytes: int = 0  # > 0: send this many bytes with no Content-Length, in 64 KiB chunks
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """The server and its routes (see the module doc)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
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
                    if r.stream_bytes:
                        self.send_response(r.status)
                        self.send_header("Content-Type", r.content_type)
                        self.end_headers()
                        chunk = (b"<p>" + b"filler text " * 5000 + b"</p>\n")[:65536]
                        sent = 0
                        while sent < r.stream_bytes and not site.stopping.is_set():
                            self.wfile.write(chunk)
                            sent += len(chunk)
                        return
                    extra = dict(r.headers)
                    if r.etag:
                        extra["ETag"] = r.etag
                    if r.last_modified:
                        extra["Last-Modified"] = r.last_modified
                    self._send(r.status, r.body, r.content_type, extra)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size limit): that is what some tests want

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

    def hits(self, path: str) -> int:
        return sum(p == path for p, _ in self.requests)

    def close(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
