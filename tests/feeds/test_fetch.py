"""The polite fetcher against a real local server: user agent, robots.txt, delays, limits, timeouts."""

from __future__ import annotations

import time

import pytest

from eventwire import __version__
from eventwire.feeds.fetch import HTML_TYPES, USER_AGENT, Fetcher, FetchError
from eventwire.feeds.guard import AddressPolicy


class FakeClock:
    """A monotonic clock that only moves when someone sleeps on it."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.t += seconds


def fetcher(clock: FakeClock | None = None, **kw) -> Fetcher:
    if clock is not None:
        kw.update(clock=clock.now, sleep=clock.sleep)
    kw.setdefault("min_delay", 0.0)
    kw.setdefault("policy", AddressPolicy.parse("127.0.0.1"))  # the test site is on loopback
    return Fetcher(trust_env=False, **kw)


def test_user_agent_names_eventwire_and_its_version(news_site):
    with fetcher() as f:
        f.get(news_site.url("/news/2026/11/kano-traders"), 1_000_000)
    assert f"eventwire/{__version__} (+https://github.com/eventwire)" == USER_AGENT
    assert {h["user-agent"] for _, h in news_site.requests} == {USER_AGENT}


def test_robots_txt_is_fetched_once_per_host_and_obeyed(news_site):
    with fetcher() as f:
        for path in ("/news/2026/11/kano-traders", "/news/2026/11/kaduna-attack", "/feeds/rss.xml"):
            assert f.get(news_site.url(path), 1_000_000).status == 200
        with pytest.raises(FetchError, match="robots.txt") as e:
            f.get(news_site.url("/private/memo-2026-11"), 1_000_000)
    assert e.value.permanent
    assert news_site.hits("/robots.txt") == 1
    assert news_site.hits("/private/memo-2026-11") == 0


def test_a_host_without_robots_txt_allows_everything(site):
    site.route("/a", b"<html><body><p>hello</p></body></html>")
    with fetcher() as f:
        assert f.get(site.url("/a"), 1000).body.startswith(b"<html>")
    assert site.hits("/robots.txt") == 1


def test_robots_txt_answering_403_disallows_the_host(site):
    site.route("/robots.txt", b"no", status=403, content_type="text/plain")
    site.route("/a", b"<html></html>")
    with fetcher() as f, pytest.raises(FetchError, match="403"):
        f.get(site.url("/a"), 1000)
    assert site.hits("/a") == 0


def test_per_host_minimum_delay_and_crawl_delay(site, news_site):
    # `site` and `news_site` are one server here; a second server is a second host (another port)
    from feedsite import Site

    other = Site()
    try:
        other.route("/robots.txt", b"User-agent: *\nCrawl-delay: 5\n", content_type="text/plain")
        other.route("/x", b"<html></html>")
        clock = FakeClock()
        with fetcher(clock, min_delay=2.0) as f:
            f.get(news_site.url("/news/2026/11/kano-traders"), 10**6)  # robots.txt, then a 2 s wait
            f.get(other.url("/x"), 10**6)  # another host: robots.txt, then its crawl delay of 5 s
            f.get(news_site.url("/news/2026/11/kaduna-attack"), 10**6)  # 5 s passed: no wait
            f.get(other.url("/x"), 10**6)  # right after: the full 5 s
            f.get(news_site.url("/news/2026/11/kano-traders"), 10**6)  # 5 s since its last: no wait
            clock.t += 1.5
            f.get(news_site.url("/news/2026/11/kaduna-attack"), 10**6)  # 1.5 s of its 2 s passed
        assert clock.slept == [2.0, 5.0, 5.0, 0.5]
    finally:
        other.close()


def test_a_slow_server_times_out_quickly(site):
    site.route("/slow.xml", b"<rss/>", delay=10)
    t = time.monotonic()
    with fetcher(read_timeout=0.3, connect_timeout=0.3) as f, pytest.raises(FetchError, match="timed out") as e:
        f.get(site.url("/slow.xml"), 10**6)
    assert time.monotonic() - t < 3
    assert not e.value.permanent


def test_non_html_is_refused_before_its_body_is_read(site):
    site.route("/report.pdf", b"%PDF-1.7\n" + b"0" * 5000, content_type="application/pdf")
    with fetcher() as f, pytest.raises(FetchError, match=r"not HTML \(Content-Type: application/pdf\)") as e:
        f.get(site.url("/report.pdf"), 10**6, content_types=HTML_TYPES)
    assert e.value.permanent


def test_a_huge_streamed_page_is_aborted_at_the_limit(site):
    site.route("/live/kano-budget", stream_bytes=50 * 1024 * 1024)  # no Content-Length
    t = time.monotonic()
    with fetcher() as f, pytest.raises(FetchError, match="too large") as e:
        f.get(site.url("/live/kano-budget"), 256 * 1024, content_types=HTML_TYPES)
    assert e.value.permanent and time.monotonic() - t < 5


def test_a_declared_content_length_over_the_limit_is_refused(site):
    site.route("/big", b"<html>" + b"x" * 300_000 + b"</html>")
    with fetcher() as f, pytest.raises(FetchError, match="declared"):
        f.get(site.url("/big"), 100_000)


@pytest.mark.parametrize("status, permanent", [(404, True), (410, True), (503, False), (429, False)])
def test_http_errors_say_whether_a_retry_can_help(site, status, permanent):
    site.route("/page", b"error", status=status)
    with fetcher() as f, pytest.raises(FetchError, match=f"HTTP {status}") as e:
        f.get(site.url("/page"), 10**6)
    assert e.value.permanent is permanent


def test_conditional_request_gives_304(news_site):
    with fetcher() as f:
        first = f.get(news_site.url("/feeds/rss.xml"), 10**6)
        again = f.get(news_site.url("/feeds/rss.xml"), 10**6, headers={"If-None-Match": first.headers["etag"]})
    assert first.status == 200 and again.status == 304 and again.body == b""


def test_latin1_pages_become_utf8(site):
    from feedsite import FIXTURES

    site.route("/fr", (FIXTURES / "latin1-page.html").read_bytes(), content_type="text/html")
    with fetcher() as f:
        resp = f.get(site.url("/fr"), 10**6)
    assert "ministère de l'Éducation à Dakar" in resp.utf8().decode("utf-8")


def test_only_http_urls_are_fetched():
    with fetcher() as f, pytest.raises(FetchError, match="not an http"):
        f.get("file:///etc/passwd", 1000)
