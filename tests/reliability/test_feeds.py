"""``eventwire watch`` against hostile feeds on a real loopback server (tests/feeds/feedsite.py).

Malformed XML, a 100 MB body (streamed by the server, never built in memory), redirect loops and
chains, a one-byte-a-second drip (body and headers), HTTP 500s, binary blobs where an article
should be, item links that are not http(s), and links to private, loopback, link-local and
reserved addresses. Each test is bounded by short, configurable timeouts; every problem must come
out as one line naming the URL and the reason, and no request may reach what is refused.

The test site is on 127.0.0.1, which a watch refuses by default: the tests allow exactly
127.0.0.1/32 (``--allow-private 127.0.0.1``) and check that every *other* private address is still
refused, and (``test_without_the_allow_switch_a_loopback_feed_is_refused``) that without the switch
the site gets no request at all.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feeds"))
from feedsite import Now, Site  # noqa: E402

from eventwire.cli import main  # noqa: E402
from eventwire.feeds.fetch import HTML_TYPES, Fetcher, FetchError  # noqa: E402
from eventwire.feeds.guard import AddressPolicy, kind_of  # noqa: E402
from eventwire.feeds.state import FeedStates  # noqa: E402
from eventwire.feeds.watch import WatchConfig, run_round  # noqa: E402
from eventwire.store import open_store  # noqa: E402

LOOPBACK = AddressPolicy.parse("127.0.0.1")
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
EVERY = 900.0
MB = 1024 * 1024
RSS = "application/rss+xml; charset=utf-8"


def rss(*links: str, title: str = "Hostile Desk") -> bytes:
    items = "".join(f"<item><title>Item {n}</title><link>{link}</link>"
                    f"<pubDate>Tue, 24 Nov 2026 0{n % 10}:00:00 GMT</pubDate></item>"
                    for n, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link><description>test</description>{items}</channel></rss>").encode()


def article(headline: str, body: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{headline}</title></head><body><main>"
            f"<h1>{headline}</h1><p>{body}</p></main></body></html>").encode()


# short synthetic articles (invented for these tests)
ARTICLE_A = article("Police arrest eleven after clash in Kano market",
                    "Police arrested eleven people in Kano on Monday after traders clashed with revenue "
                    "officers over new market levies, a police spokesman said. Two officers were injured.")
ARTICLE_B = article("Protesters march on Nairobi ministry",
                    "Hundreds of nurses marched to the health ministry in Nairobi on Tuesday to demand "
                    "unpaid wages, union officials said. The protest ended peacefully in the afternoon.")


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[object]:
    with open_store(str(tmp_path / "watch.db")) as s:
        yield s


def fetcher(**kw: object) -> Fetcher:
    kw.setdefault("min_delay", 0.0)
    kw.setdefault("connect_timeout", 1.0)
    kw.setdefault("read_timeout", 1.0)
    kw.setdefault("total_timeout", 3.0)
    kw.setdefault("policy", LOOPBACK)
    return Fetcher(trust_env=False, **kw)  # type: ignore[arg-type]


def cfg(**kw: object) -> WatchConfig:
    return WatchConfig(every=EVERY, **kw)  # type: ignore[arg-type]


# -- the address policy ---------------------------------------------------------------------------
@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"),
    ("::ffff:127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.16.5.4", "private"),
    ("192.168.1.1", "private"), ("fd00::1", "private"), ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"), ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("224.0.0.1", "multicast"), ("240.0.0.1", "reserved"), ("100.64.0.1", "non-public"),
    ("8.8.8.8", None), ("2606:4700:4700::1111", None)])
def test_what_counts_as_not_public(address, kind):
    ip = ipaddress.ip_address(address)
    assert kind_of(ip) == kind
    assert AddressPolicy().allows(ip) is (kind is None)


def test_the_allow_list_opens_only_its_networks():
    policy = AddressPolicy.parse(["127.0.0.1", "10.20.0.0/16, fd00::/8"])
    allowed = {a for a in ("127.0.0.1", "::ffff:127.0.0.1", "10.20.3.4", "fd00::5", "8.8.8.8")
               if policy.allows(ipaddress.ip_address(a))}
    assert allowed == {"127.0.0.1", "::ffff:127.0.0.1", "10.20.3.4", "fd00::5", "8.8.8.8"}
    refused = {a: policy.refusal(ipaddress.ip_address(a)) for a in ("127.0.0.2", "10.21.0.1", "::1",
                                                                      "169.254.169.254")}
    assert refused == {"127.0.0.2": "127.0.0.2 is a loopback address", "10.21.0.1": "10.21.0.1 is a private address",
                       "::1": "::1 is a loopback address",
                       "169.254.169.254": "169.254.169.254 is a link-local address"}
    with pytest.raises(ValueError, match="not an IP address or network: 'intranet'"):
        AddressPolicy.parse("intranet")


# -- the fetcher ----------------------------------------------------------------------------------
def test_without_the_allow_switch_a_loopback_feed_is_refused(site):
    site.route("/rss.xml", rss(), content_type=RSS)
    with fetcher(policy=AddressPolicy()) as f, pytest.raises(FetchError) as e:
        f.get(site.url("/rss.xml"), MB)
    assert e.value.reason.startswith("refused: 127.0.0.1 is a loopback address; not fetched")
    assert e.value.permanent and e.value.refused
    assert site.requests == []  # not even robots.txt


@pytest.mark.parametrize("link, reason", [
    ("http://10.0.0.1/news/1", "refused: 10.0.0.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address"),
    ("http://127.0.0.2:{port}/news/2", "refused: 127.0.0.2 is a loopback address"),
    ("http://[::1]:{port}/news/3", "refused: ::1 is a loopback address"),
    ("http://0.0.0.0:{port}/news/4", "refused: 0.0.0.0 is a unspecified address"),
])
def test_private_addresses_outside_the_allow_list_are_refused_without_connecting(site, link, reason):
    port = site.base.rsplit(":", 1)[1]
    with fetcher() as f, pytest.raises(FetchError) as e:
        f.get(link.format(port=port), MB)
    assert e.value.reason.startswith(reason) and e.value.refused
    assert f.backend.connected == [] and site.requests == []


def test_a_name_is_resolved_once_and_the_checked_address_is_the_one_connected_to(site):
    site.route("/rss.xml", rss(), content_type=RSS)
    answers = {"feeds.example.org": [["127.0.0.1"]],  # resolves to loopback: refused when not allowed
               "rebind.example.org": [["10.9.9.9", "127.0.0.1"], ["169.254.169.254"]]}
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        seq = answers[host]
        return seq[min(len(seq) - 1, calls.count(host) - 1)]

    port = site.base.rsplit(":", 1)[1]
    with fetcher(policy=AddressPolicy(), resolver=resolver) as f, pytest.raises(FetchError) as e:
        f.get(f"http://feeds.example.org:{port}/rss.xml", MB)
    assert e.value.reason.startswith("refused: feeds.example.org resolves to 127.0.0.1, a loopback address")
    assert site.requests == []
    # allowed 127.0.0.1: of the answer [10.9.9.9, 127.0.0.1] only 127.0.0.1 may be used, and it is the
    # address connected to (its socket's peer); the second, rebound answer is never asked for
    with fetcher(resolver=resolver, robots=False) as f:
        resp = f.get(f"http://rebind.example.org:{port}/rss.xml", MB)
    assert resp.status == 200 and f.backend.connected == [("rebind.example.org", "127.0.0.1")]
    assert calls.count("rebind.example.org") == 1


def test_a_redirect_loop_is_reported_as_one(site):
    site.redirect("/loop/a", "/loop/b")
    site.redirect("/loop/b", site.url("/loop/a"))
    with fetcher(robots=False) as f, pytest.raises(FetchError) as e:
        f.get(site.url("/loop/a"), MB)
    assert e.value.reason == f"redirect loop ({site.url('/loop/a')} -> {site.url('/loop/b')} -> {site.url('/loop/a')})"
    assert e.value.permanent and site.hits("/loop/a") == 1 and site.hits("/loop/b") == 1


def test_a_redirect_chain_stops_at_max_redirects(site):
    for n in range(10):
        site.redirect(f"/hop/{n}", f"/hop/{n + 1}")
    site.route("/hop/10", b"<html><p>end</p></html>")
    with fetcher(robots=False, max_redirects=3) as f, pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        f.get(site.url("/hop/0"), MB)
    assert [p for p, _ in site.requests] == ["/hop/0", "/hop/1", "/hop/2", "/hop/3"]
    with fetcher(robots=False, max_redirects=10) as f:
        assert f.get(site.url("/hop/0"), MB).url == site.url("/hop/10")


@pytest.mark.parametrize("location, reason", [
    ("file:///etc/passwd", "redirected to a non-http(s) URL (file://127.0.0.1/etc/passwd); not followed"),
    ("ftp://127.0.0.1/pub/x", "redirected to a non-http(s) URL (ftp://127.0.0.1/pub/x); not followed"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address"),
])
def test_redirects_to_other_schemes_or_private_addresses_are_not_followed(site, location, reason):
    site.redirect("/go", location)
    with fetcher(robots=False) as f, pytest.raises(FetchError) as e:
        f.get(site.url("/go"), MB)
    assert e.value.reason.startswith(reason) and e.value.permanent
    if reason.startswith("refused"):
        assert e.value.reason.endswith(f"(redirected from {site.url('/go')})")


def test_a_one_byte_a_second_body_is_cut_at_the_deadline(site):
    site.route("/drip.xml", rss(), content_type=RSS, drip=1.0)
    t = time.monotonic()
    # each byte comes well within the read timeout: only the overall deadline can stop it
    with fetcher(robots=False, read_timeout=3.0, total_timeout=1.5) as f, pytest.raises(FetchError) as e:
        f.get(site.url("/drip.xml"), MB)
    took = time.monotonic() - t
    assert e.value.reason == "too slow (no complete answer within 1.5s; aborted)" and not e.value.permanent
    assert took < 5 and site.sent.get("/drip.xml", 0) <= 3


def test_one_byte_a_second_headers_are_cut_at_the_deadline(site):
    site.route("/drip-head.xml", rss(), content_type=RSS, drip=0.5, drip_headers=True)
    t = time.monotonic()
    with fetcher(robots=False, read_timeout=3.0, total_timeout=1.5) as f, pytest.raises(FetchError, match="too slow"):
        f.get(site.url("/drip-head.xml"), MB)
    assert time.monotonic() - t < 5 and "/drip-head.xml" not in site.sent  # never got past the headers


def test_a_100_mb_body_is_aborted_at_the_limit_while_streaming_in_bounded_memory(site):
    site.route("/huge.xml", stream_bytes=100 * MB, content_type=RSS)  # no Content-Length
    tracemalloc.start()
    t = time.monotonic()
    try:
        with fetcher(robots=False, total_timeout=20.0) as f, pytest.raises(FetchError) as e:
            f.get(site.url("/huge.xml"), 2 * MB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert e.value.reason == "too large (over the limit of 2,097,152 bytes; download aborted)"
    assert peak < 8 * MB and time.monotonic() - t < 10
    assert site.sent["/huge.xml"] < 20 * MB  # the server stopped soon after the client hung up


def test_a_declared_100_mb_body_is_refused_before_reading(site):
    site.route("/huge-declared.xml", stream_bytes=100 * MB, declare_length=True, content_type=RSS)
    with fetcher(robots=False) as f, pytest.raises(FetchError) as e:
        f.get(site.url("/huge-declared.xml"), 10 * MB)
    assert e.value.reason == "too large (104,857,600 bytes declared; limit 10,485,760)" and e.value.permanent


@pytest.mark.parametrize("ctype, reason", [
    ("application/octet-stream", "not HTML (Content-Type: application/octet-stream)"),
    ("text/html", "not HTML (binary content; Content-Type: text/html)"),
    ("", "not HTML (binary content; Content-Type: none)")])
def test_a_binary_blob_is_not_an_article(site, ctype, reason):
    blob = bytes(range(256)) * 64
    site.route("/news/blob", blob, content_type=ctype)
    with fetcher(robots=False) as f, pytest.raises(FetchError) as e:
        f.get(site.url("/news/blob"), MB, content_types=HTML_TYPES)
    assert e.value.reason == reason and e.value.permanent


# -- a round: one line per problem, state kept -----------------------------------------------------
def hostile_site(site: Site) -> dict[str, str]:
    """Feeds that each fail in their own way, and one whose items link to everything but a page."""
    port = site.base.rsplit(":", 1)[1]
    site.route("/feeds/malformed.xml", b"<?xml version='1.0'?><rss><channel><title>Broken</titl",
               content_type=RSS)
    site.route("/feeds/500.xml", b"oops", status=500, content_type="text/plain")
    site.route("/feeds/drip.xml", rss(), content_type=RSS, drip=1.0)
    site.redirect("/feeds/loop-a.xml", "/feeds/loop-b.xml")
    site.redirect("/feeds/loop-b.xml", "/feeds/loop-a.xml")
    site.route("/feeds/huge.xml", stream_bytes=100 * MB, content_type=RSS)
    links = ["file:///etc/passwd", "ftp://127.0.0.1/pub/report.txt", "javascript:alert(1)",
             "data:text/html;base64,PHA+aGk8L3A+", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/news/1",
             f"http://[::1]:{port}/news/2", site.url("/news/blob"), site.url("/news/500")]
    site.route("/feeds/links.xml", rss(*links), content_type=RSS)
    site.route("/news/blob", bytes(range(256)) * 64, content_type="application/octet-stream")
    site.route("/news/500", b"oops", status=500, content_type="text/plain")
    return {name: site.url(f"/feeds/{name}.xml") for name in ("malformed", "500", "drip", "loop-a", "huge", "links")}


def test_a_round_over_hostile_feeds_reports_each_problem_and_stays_bounded(site, store, caplog):
    feeds = hostile_site(site)
    caplog.set_level(logging.WARNING, logger="eventwire.feeds")
    tracemalloc.start()
    t = time.monotonic()
    try:
        with fetcher(total_timeout=1.5) as f:
            rep = run_round(store, list(feeds.values()), f, cfg(max_feed_bytes=2 * MB), 1, Now())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    took = time.monotonic() - t
    assert took < 15 and peak < 16 * MB
    status = {f.url: (f.status, f.errors) for f in rep.feeds}
    assert status[feeds["malformed"]][1][0].startswith("not an RSS/Atom feed")
    assert status[feeds["500"]][1] == ["HTTP 500 Internal Server Error"]
    assert status[feeds["drip"]][1] == ["too slow (no complete answer within 1.5s; aborted)"]
    assert status[feeds["loop-a"]][1][0].startswith("redirect loop (")
    assert status[feeds["huge"]][1] == ["too large (over the limit of 2,097,152 bytes; download aborted)"]
    links = status[feeds["links"]]
    assert links[0] == "ok"
    port = site.base.rsplit(":", 1)[1]
    assert sorted(links[1]) == sorted([
        "file://etc/passwd: not an http(s) URL (file:); not fetched",  # as feedparser gives it
        "ftp://127.0.0.1/pub/report.txt: not an http(s) URL (ftp:); not fetched",
        "javascript:alert(1): not an http(s) URL (javascript:); not fetched",
        "data:text/html;base64,PHA+aGk8L3A+: not an http(s) URL (data:); not fetched",
        "http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a link-local address; not "
        "fetched (allow with --allow-private or $EVENTWIRE_WATCH_ALLOW_PRIVATE)",
        "http://10.0.0.7/news/1: refused: 10.0.0.7 is a private address; not fetched (allow with "
        "--allow-private or $EVENTWIRE_WATCH_ALLOW_PRIVATE)",
        f"http://[::1]:{port}/news/2: refused: ::1 is a loopback address; not fetched (allow with "
        "--allow-private or $EVENTWIRE_WATCH_ALLOW_PRIVATE)",
        f"{site.url('/news/blob')}: not HTML (Content-Type: application/octet-stream)",
        f"{site.url('/news/500')}: HTTP 500 Internal Server Error"])
    assert rep.errors == 5 + 9 and rep.articles == 0
    # one log line per feed and per article, each naming its URL and its reason
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 5 + 9 and all("\n" not in line for line in lines)
    for url in feeds.values():
        if url != feeds["links"]:
            assert sum(line.startswith(f"feed {url}: ") for line in lines) == 1
    assert any(line.startswith("page javascript:alert(1): not an http(s) URL") for line in lines)
    # nothing refused was requested; nothing but the site itself was connected to
    assert {p for p, _ in site.requests} <= {"/robots.txt", *(u.removeprefix(site.base) for u in feeds.values()),
                                             "/feeds/loop-b.xml", "/news/blob", "/news/500"}
    assert {a for _, a in f.backend.connected} == {"127.0.0.1"}


def test_a_rerun_does_not_fetch_again_what_failed_for_good(site, store):
    feeds = hostile_site(site)
    now = Now()
    with fetcher(total_timeout=1.5) as f:
        run_round(store, [feeds["links"]], f, cfg(), 1, now)
        now.t += timedelta(seconds=2 * EVERY)  # past every retry time
        site.route("/feeds/links.xml", site.routes["/feeds/links.xml"].body, content_type=RSS, etag='"v2"')
        rep = run_round(store, [feeds["links"]], f, cfg(), 2, now)
    fr = rep.feeds[0]
    # the refused links and the blob gave up for good: skipped, never fetched; the 500 page is retried
    assert (fr.items, fr.skipped, fr.errors) == (9, 8, [f"{site.url('/news/500')}: HTTP 500 Internal Server Error"])
    assert site.hits("/news/blob") == 1 and site.hits("/news/500") == 2
    gave_up = {r.url: r.gave_up for r in FeedStates(store).failed_pages()}
    assert len(gave_up) == 9 and sum(gave_up.values()) == 8 and gave_up[site.url("/news/500")] is False


@pytest.mark.slow  # stores real articles: extraction with spaCy
def test_a_failing_feed_keeps_its_last_good_state_and_never_touches_the_others(site, store):
    site.route("/a.xml", rss(site.url("/a/1"), title="Desk A"), content_type=RSS, etag='"a1"')
    site.route("/b.xml", rss(site.url("/b/1"), title="Desk B"), content_type=RSS, etag='"b1"')
    site.route("/a/1", ARTICLE_A)
    site.route("/b/1", ARTICLE_B)
    a, b = site.url("/a.xml"), site.url("/b.xml")
    now = Now()
    with fetcher() as f:
        r1 = run_round(store, [a, b], f, cfg(), 1, now)
        assert (r1.articles, r1.errors) == (2, 0)
        good = FeedStates(store).get(a)
        assert good is not None and good.etag == '"a1"' and good.last_success == T0
        # A breaks: a 500, then malformed XML; B goes on
        site.route("/a.xml", b"oops", status=500, content_type="text/plain")
        now.t = T0 + timedelta(seconds=EVERY)
        r2 = run_round(store, [a, b], f, cfg(), 2, now)
        site.route("/a.xml", b"<html><body><p>Service unavailable</p></body></html>")
        now.t = T0 + timedelta(seconds=3 * EVERY)
        r3 = run_round(store, [a, b], f, cfg(), 3, now)
        st_a, st_b = FeedStates(store).get(a), FeedStates(store).get(b)
        assert [fr.status for fr in r2.feeds] == ["error", "not-modified"]
        assert [fr.status for fr in r3.feeds] == ["error", "not-modified"]
        assert st_a is not None and st_a.etag == '"a1"' and st_a.last_success == T0 and st_a.title == "Desk A"
        assert st_a.failures == 2 and st_a.articles_seen == 1 and "not an RSS/Atom feed" in (st_a.last_error or "")
        assert st_b is not None and st_b.failures == 0 and st_b.last_success == now.t and st_b.articles_seen == 1
        # A recovers with its old feed: asked with its last good ETag, answers 304, nothing refetched
        site.route("/a.xml", rss(site.url("/a/1"), title="Desk A"), content_type=RSS, etag='"a1"')
        now.t = T0 + timedelta(seconds=6 * EVERY)
        r4 = run_round(store, [a, b], f, cfg(), 4, now)
    assert [fr.status for fr in r4.feeds] == ["not-modified", "not-modified"]
    assert [h.get("if-none-match") for p, h in site.requests if p == "/a.xml"][-1] == '"a1"'
    assert site.hits("/a/1") == site.hits("/b/1") == 1
    st_a = FeedStates(store).get(a)
    assert st_a is not None and st_a.failures == 0 and st_a.last_success == now.t and st_a.etag == '"a1"'


# -- the command ----------------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_watch_once_over_hostile_feeds_exits_1_with_one_line_per_problem(site, tmp_path, capsys):
    feeds = hostile_site(site)
    t = time.monotonic()
    code, out, err = run(capsys, "watch", *feeds.values(), "--once", "--db", str(tmp_path / "w.db"),
                         "--min-delay", "0", "--timeout", "1", "--deadline", "1.5", "--max-feed-size", "2",
                         "--allow-private", "127.0.0.1")
    assert time.monotonic() - t < 15
    assert code == 1 and out.strip().endswith("6 feed(s) polled, 0 new article(s), 0 new event(s), 14 error(s)")
    lines = err.splitlines()
    assert len(lines) == 14 and all(line.startswith("eventwire: watch: ") for line in lines)
    assert "Traceback" not in err
    assert f"eventwire: watch: feed {feeds['drip']}: too slow (no complete answer within 1.5s; aborted)" in err
    assert "eventwire: watch: page http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a " \
           "link-local address" in err
    assert "eventwire: watch: page file://etc/passwd: not an http(s) URL (file:); not fetched (not retried)" in err


def test_watch_refuses_a_loopback_feed_unless_allowed(site, tmp_path, capsys, monkeypatch):
    site.route("/rss.xml", rss(), content_type=RSS)
    db = str(tmp_path / "w.db")
    code, out, err = run(capsys, "watch", site.url("/rss.xml"), "--once", "--db", db, "--min-delay", "0")
    assert code == 1 and f"feed {site.url('/rss.xml')}: refused: 127.0.0.1 is a loopback address" in err
    assert site.requests == []
    monkeypatch.setenv("EVENTWIRE_WATCH_ALLOW_PRIVATE", "10.0.0.0/8, 127.0.0.0/8")
    code, out, err = run(capsys, "watch", "--once", "--db", db, "--min-delay", "0")
    assert code == 0 and "1 feed(s) polled" in out and site.hits("/rss.xml") == 1


@pytest.mark.parametrize("argv, message", [
    (("--allow-private", "intranet"), "--allow-private / $EVENTWIRE_WATCH_ALLOW_PRIVATE: not an IP address or "
                                      "network: 'intranet'"),
    (("--deadline", "0"), "--deadline 0: must be more than 0 seconds"),
    (("--max-redirects", "-1"), "--max-redirects -1: must be 0 or more")])
def test_bad_safety_settings_are_usage_errors(tmp_path, capsys, argv, message):
    code, _, err = run(capsys, "watch", "http://example.org/rss", "--once", "--db", str(tmp_path / "w.db"), *argv)
    assert code == 2 and message in err and "Traceback" not in err
