"""Polite HTTP for feeds and pages: one user agent, timeouts, size limits, robots.txt, per-host delay.

    fetcher = Fetcher(min_delay=1.0)
    resp = fetcher.get(url, limit=5_000_000, content_types=HTML_TYPES, headers={"If-None-Match": etag})

``get`` returns a :class:`Response` (status 200 or 304) or raises :class:`FetchError` with a
one-line reason and whether retrying could help (``permanent``). Before the first request to a
host its robots.txt is fetched (once per host, cached for ``robots_ttl`` seconds) and obeyed,
including its Crawl-delay; requests to one host are at least ``min_delay`` seconds apart. The
body is streamed and the download aborted as soon as it passes ``limit`` bytes. Each ``get`` is
bounded in time three ways: ``connect_timeout`` and ``read_timeout`` per network operation, and
``total_timeout`` for the whole fetch, redirects included (enforced on every connect, read and
write, so a server dripping one byte a second is cut off at the deadline). Redirects are followed
here, at most ``max_redirects`` of them, each to an http(s) URL, a loop reported as one.

Only http(s) URLs are fetched, and only from public addresses: the connection itself goes through
:class:`~eventwire.feeds.guard.GuardedBackend`, which refuses loopback, private, link-local and
reserved addresses (after resolving the name, on the address actually connected to) unless
``policy`` allows their network. Environment proxies (``HTTP(S)_PROXY``) are not used: the
address checked must be the address connected to. ``clock`` and ``sleep`` are injectable, so
tests never really wait for politeness delays.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from .. import __version__
from .guard import AddressPolicy, AddressRefused, DeadlineExceeded, GuardedBackend, Resolver, system_resolver

USER_AGENT = f"eventwire/{__version__} (+https://github.com/eventwire)"
ROBOTS_AGENT = "eventwire"
HTML_TYPES = ("text/html", "application/xhtml+xml")
ROBOTS_LIMIT = 512 * 1024
MAX_CRAWL_DELAY = 120.0  # a robots.txt asking for more is capped (and logged by the caller's round)
PERMANENT_STATUS = {400, 401, 403, 404, 405, 406, 410, 414, 451}
REDIRECT_STATUS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class FetchError(Exception):
    """A request that did not give a usable body; ``permanent`` if retrying cannot help."""

    def __init__(self, reason: str, permanent: bool = False, retry_after: float | None = None,
                 refused: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent or refused
        self.retry_after = retry_after  # seconds, from a 429/503 Retry-After header
        self.refused = refused  # our own rule refused it (address, scheme): no request was sent


@dataclass
class Response:
    """A successful answer (200, or 304 Not Modified with an empty body)."""

    url: str  # after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def charset(self) -> str | None:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", self.headers.get("content-type", ""), re.I)
        if m:
            return m.group(1)
        m2 = _META_CHARSET.search(self.body[:4096])
        return m2.group(1).decode("ascii") if m2 else None

    def utf8(self) -> bytes:
        """The body re-encoded as UTF-8 (header charset, then <meta charset>, then UTF-8, then cp1252)."""
        body = self.body
        for enc in (self.charset(), "utf-8"):
            if not enc:
                continue
            try:
                return body.decode(enc).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                continue
        return body.decode("cp1252", errors="replace").encode("utf-8")


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """An httpx client that waits its turn per host and obeys robots.txt (see the module doc)."""

    def __init__(self, *, connect_timeout: float = 5.0, read_timeout: float = 15.0, total_timeout: float = 60.0,
                 min_delay: float = 1.0, robots: bool = True, robots_ttl: float = 24 * 3600.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 user_agent: str = USER_AGENT, trust_env: bool = True, max_redirects: int = MAX_REDIRECTS,
                 policy: AddressPolicy | None = None, resolver: Resolver = system_resolver):
        self.total_timeout = total_timeout
        self.max_redirects = max_redirects
        self.backend = GuardedBackend(policy, resolver)
        self.min_delay = min_delay
        self.use_robots = robots
        self.robots_ttl = robots_ttl
        self.clock = clock
        self.sleep = sleep
        self.client = httpx.Client(
            headers={"User-Agent": user_agent}, follow_redirects=False, trust_env=trust_env,
            transport=_GuardedTransport(self.backend, trust_env),
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout, read=read_timeout))
        self._last: dict[str, float] = {}  # host -> clock() when its last request ended
        self._robots: dict[str, tuple[RobotFileParser, float, str | None]] = {}  # host -> parser, expiry, note
        self.robots_fetches = 0
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness -----------------------------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is None:
            return
        remaining = last + self.delay_for(host) - self.clock()
        if remaining > 0:
            self.sleep(remaining)

    def delay_for(self, host: str) -> float:
        """The minimum gap between two requests to ``host``: ours, or its robots.txt Crawl-delay."""
        entry = self._robots.get(host)
        crawl = entry[0].crawl_delay(ROBOTS_AGENT) if entry else None
        return max(self.min_delay, min(float(crawl or 0.0), MAX_CRAWL_DELAY))

    def robots_for(self, host: str) -> RobotFileParser:
        """The host's robots.txt rules, fetched on first use and kept for ``robots_ttl`` seconds."""
        entry = self._robots.get(host)
        if entry is not None and self.clock() < entry[1]:
            return entry[0]
        rp = RobotFileParser(host + "/robots.txt")
        note = None
        self.robots_fetches += 1
        try:
            resp = self._request(host + "/robots.txt", ROBOTS_LIMIT, None, None)
            rp.parse(resp.utf8().decode("utf-8", errors="replace").splitlines())
        except FetchError as e:
            if e.refused:
                raise  # the host itself is refused: say so (and remember nothing about it)
            status = _status_of(e.reason)
            if status in (401, 403):
                rp.disallow_all, note = True, f"robots.txt answered {status}: host disallowed"
            elif status is not None and 400 <= status < 500:
                rp.allow_all = True  # no robots.txt: everything allowed
            else:
                rp.disallow_all, note = True, f"robots.txt unavailable ({e.reason}): host skipped for now"
        # an unreachable robots.txt is asked again sooner: the host may be back next round
        unavailable = note is not None and "unavailable" in note
        self._robots[host] = (rp, self.clock() + (min(600.0, self.robots_ttl) if unavailable else self.robots_ttl),
                              note)
        return rp

    def check_robots(self, url: str) -> None:
        """Raise FetchError (permanent) when robots.txt disallows ``url`` for eventwire."""
        if not self.use_robots:
            return
        host = host_of(url)
        rp = self.robots_for(host)
        if not rp.can_fetch(ROBOTS_AGENT, url):
            note = self._robots[host][2]
            raise FetchError(note or "disallowed by robots.txt", permanent=note is None or "unavailable" not in note)

    # -- requests -------------------------------------------------------------------------------
    def get(self, url: str, limit: int, content_types: tuple[str, ...] | None = None,
            headers: dict[str, str] | None = None) -> Response:
        """GET ``url`` politely; 200 and 304 come back, anything else raises FetchError."""
        _check_scheme(url)
        self.check_robots(url)
        return self._request(url, limit, content_types, headers)

    def _request(self, url: str, limit: int, content_types: tuple[str, ...] | None,
                 headers: dict[str, str] | None) -> Response:
        host = host_of(url)
        self._wait_turn(host)
        self.requests += 1
        self.backend.deadline = time.monotonic() + self.total_timeout
        chain = [url]
        try:
            while True:
                with self.client.stream("GET", url, headers=headers or {}) as r:
                    if r.status_code in REDIRECT_STATUS and r.next_request is not None:
                        url = self._next_hop(chain, str(r.next_request.url))
                        continue
                    return self._answer(r, limit, content_types)
        except DeadlineExceeded as e:
            raise FetchError(f"too slow (no complete answer within {self.total_timeout:g}s; aborted)") from e
        except AddressRefused as e:
            raise FetchError(e.reason + _via(chain), refused=True) from e
        except httpx.TimeoutException as e:
            raise FetchError(f"timed out ({type(e).__name__})") from e
        except httpx.HTTPError as e:
            raise FetchError(f"{type(e).__name__}: {e}") from e
        finally:
            self.backend.deadline = None
            self._last[host] = self.clock()

    def _next_hop(self, chain: list[str], target: str) -> str:
        """The redirect's target, if it may be followed (http(s), no loop, not too many)."""
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise FetchError(f"redirected to a non-http(s) URL ({target}); not followed", refused=True)
        if target in chain:
            hops = " -> ".join(chain[chain.index(target):] + [target])
            raise FetchError(f"redirect loop ({hops})", permanent=True)
        if len(chain) > self.max_redirects:
            raise FetchError(f"too many redirects (more than {self.max_redirects})", permanent=True)
        chain.append(target)
        return target

    def _answer(self, r: httpx.Response, limit: int, content_types: tuple[str, ...] | None) -> Response:
        hdrs = {k.lower(): v for k, v in r.headers.items()}
        if r.status_code == 304:
            return Response(str(r.url), 304, hdrs)
        if r.status_code != 200:
            raise FetchError(f"HTTP {r.status_code} {r.reason_phrase}".strip(),
                             permanent=r.status_code in PERMANENT_STATUS,
                             retry_after=_retry_after(hdrs.get("retry-after")))
        resp = Response(str(r.url), 200, hdrs)
        ctype = resp.content_type
        if content_types is not None and ctype and ctype not in content_types:
            raise FetchError(f"not HTML (Content-Type: {ctype})", permanent=True)
        declared = hdrs.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"too large ({int(declared):,} bytes declared; limit {limit:,})", permanent=True)
        chunks: list[bytes] = []
        size = 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"too large (over the limit of {limit:,} bytes; download aborted)",
                                 permanent=True)
            chunks.append(chunk)
        resp.body = b"".join(chunks)
        if content_types is not None and b"\x00" in resp.body[:8192]:
            raise FetchError(f"not HTML (binary content; Content-Type: {ctype or 'none'})", permanent=True)
        return resp


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport on a connection pool whose every connection goes through the guarded backend."""

    def __init__(self, backend: GuardedBackend, trust_env: bool):
        super().__init__(trust_env=trust_env)
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=trust_env),
                                             max_connections=10, max_keepalive_connections=5,
                                             keepalive_expiry=5.0, network_backend=backend)


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) URL ({scheme + ':' if scheme else 'no scheme'}); not fetched",
                         refused=True)


def _via(chain: list[str]) -> str:
    return f" (redirected from {chain[0]})" if len(chain) > 1 else ""


def _status_of(reason: str) -> int | None:
    m = re.match(r"HTTP (\d{3})", reason)
    return int(m.group(1)) if m else None


def _retry_after(value: str | None) -> float | None:
    """A Retry-After header in seconds (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
