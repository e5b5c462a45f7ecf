"""What the server does to be safe to point a browser at: security headers, CORS off, capped answers.

    SecurityHeaders(app, tiles=None)   # ASGI middleware: the headers below on every response
    content_security_policy(tiles)     # the CSP string (the tile host, when given, may serve images)

Every response (HTML, JSON, CSV, assets, errors) gets:

* ``Content-Security-Policy``: scripts, styles, fetches and fonts only from the server itself (no
  ``'unsafe-inline'``, no ``eval``: the pages have no inline script or ``on*`` handler), images
  from the server, ``data:`` URIs and the ``--tiles`` host, ``frame-ancestors 'none'``,
  ``object-src 'none'``, ``base-uri 'none'``, ``form-action 'self'``;
* ``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY``, ``Referrer-Policy: no-referrer``,
  ``Cross-Origin-Opener-Policy: same-origin``, ``Cross-Origin-Resource-Policy: same-origin``.

CORS is off (no ``Access-Control-Allow-Origin``) unless ``serve --cors-origin`` names origins.
The caps on what one request may ask for are here too: :data:`MAX_PAGE` items per page of a list
endpoint and, by default, :data:`DEFAULT_MAX_EXPORT` events per CSV/GeoJSON export
(``serve --max-export`` or ``$EVENTWIRE_MAX_EXPORT``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import EventwireError

MAX_PAGE = 1000  # items per page of /api/events and /api/articles (a larger limit is lowered to it)
DEFAULT_MAX_EXPORT = 10_000  # events per /api/events.csv and /api/events.geojson (serve --max-export)
MAX_OFFSET = 10**9  # a larger offset is refused (422): no store is that big, and SQL integers are bounded
# what a token may never travel in: the URL ends up in logs, browser history and Referer headers
TOKEN_PARAMS = ("token", "access_token", "api_key", "apikey", "key", "auth", "authorization")


MIN_TOKEN = 16  # characters of a reviewer's token


def read_reviewers(path: str) -> dict[str, str]:
    """``serve --reviewers FILE``: one reviewer a line, ``NAME TOKEN`` (``#`` starts a comment) ->
    {token: name}. A token shorter than MIN_TOKEN, a token or a name given twice, or a line that is
    not two words is refused in one line naming the file and the line (never the token)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise EventwireError(f"--reviewers {path}: cannot read it ({type(e).__name__})") from None
    out: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2:
            raise EventwireError(f"--reviewers {path}:{n}: write NAME TOKEN (two words)")
        name, token = words
        if len(token) < MIN_TOKEN:
            raise EventwireError(f"--reviewers {path}:{n}: {name}'s token is shorter than {MIN_TOKEN} characters")
        if token in out or name in out.values():
            raise EventwireError(f"--reviewers {path}:{n}: {name} or their token is given twice")
        out[token] = name
    if not out:
        raise EventwireError(f"--reviewers {path}: no reviewer in it")
    return out


def tile_origin(tiles: str | None) -> str | None:
    """``scheme://host[:port]`` of a tile URL template, or None."""
    if not tiles:
        return None
    u = urlsplit(tiles)
    host = u.netloc.replace("{s}.", "*.")  # Leaflet's subdomains: a.tile..., b.tile...
    if u.scheme not in ("http", "https") or not host or "{" in host:
        return None
    return f"{u.scheme}://{host}"


def content_security_policy(tiles: str | None = None) -> str:
    """The CSP of every response; an online tile server (``--tiles``) may serve images."""
    img = ["'self'", "data:"]
    origin = tile_origin(tiles)
    if origin:
        img.append(origin)
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", f"img-src {' '.join(img)}",
        "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
        "form-action 'self'", "frame-ancestors 'none'",
    ])


def security_headers(tiles: str | None = None) -> list[tuple[bytes, bytes]]:
    """The headers :class:`SecurityHeaders` adds, as ASGI (name, value) byte pairs."""
    pairs = [("content-security-policy", content_security_policy(tiles)), ("x-content-type-options", "nosniff"),
             ("x-frame-options", "DENY"), ("referrer-policy", "no-referrer"),
             ("cross-origin-opener-policy", "same-origin"), ("cross-origin-resource-policy", "same-origin")]
    return [(k.encode(), v.encode()) for k, v in pairs]


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response (set, replacing any already there)."""

    def __init__(self, app: Any, tiles: str | None = None) -> None:
        self.app = app
        self.headers = security_headers(tiles)
        self.names = {k for k, _ in self.headers}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
