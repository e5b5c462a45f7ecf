"""Polling rounds end to end: local feeds and pages -> real extraction -> the store (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from feedsite import Now

from eventwire.feeds.fetch import Fetcher
from eventwire.feeds.guard import AddressPolicy
from eventwire.feeds.state import FeedStates, feed_pages
from eventwire.feeds.watch import WatchConfig, run_round, watch
from eventwire.store import open_store

pytestmark = pytest.mark.slow  # real extraction with spaCy (seconds)

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
EVERY = 900.0


@pytest.fixture
def store(db_url):
    with open_store(db_url) as s:
        yield s


@pytest.fixture
def fetcher():
    with Fetcher(min_delay=0.0, read_timeout=0.5, connect_timeout=0.5, trust_env=False,
                 policy=AddressPolicy.parse("127.0.0.1")) as f:
        yield f


def cfg(**kw) -> WatchConfig:
    return WatchConfig(every=EVERY, **kw)


def stored(store) -> dict[str, tuple[str | None, str | None]]:
    with store.read() as conn:
        rows = conn.execute(sa.text("SELECT url, published, source FROM articles"))
        return {r.url: (r.published, r.source) for r in rows}


def test_new_items_are_stored_and_nothing_is_fetched_twice(news_site, store, fetcher):
    feed = news_site.url("/feeds/rss.xml")
    r1 = run_round(store, [feed], fetcher, cfg(), 1, Now())
    assert (r1.articles, r1.errors) == (2, 0)
    assert r1.new_events >= 2
    assert set(stored(store)) == {news_site.url("/news/2026/11/kano-traders"),
                                  news_site.url("/news/2026/11/kaduna-attack")}
    r2 = run_round(store, [feed], fetcher, cfg(), 2, Now())
    assert r2.feeds[0].status == "not-modified" and r2.articles == 0
    feed_requests = [h for p, h in news_site.requests if p == "/feeds/rss.xml"]
    assert "if-none-match" not in feed_requests[0] and feed_requests[1]["if-none-match"] == '"rss-v1"'
    assert "application/rss+xml" in feed_requests[0]["accept"]
    assert all(h["accept"].startswith("text/html") for p, h in news_site.requests if p.startswith("/news/"))
    assert news_site.hits("/news/2026/11/kano-traders") == news_site.hits("/news/2026/11/kaduna-attack") == 1
    st = FeedStates(store).get(feed)
    assert st is not None and st.title == "Sahel Ledger - Latest" and st.etag == '"rss-v1"'
    assert st.articles_seen == 2 and st.events_found == r1.feeds[0].events >= r1.new_events
    assert st.last_success is not None and st.last_error is None


def test_page_date_wins_over_the_feed_date_which_fills_in_when_the_page_has_none(news_site, store, fetcher):
    run_round(store, [news_site.url("/feeds/rss.xml")], fetcher, cfg())
    got = stored(store)
    assert got[news_site.url("/news/2026/11/kano-traders")] == ("2026-11-18", "Sahel Ledger")  # feed: 19th
    assert got[news_site.url("/news/2026/11/kaduna-attack")][0] == "2026-11-16"  # no date on the page


def test_an_updated_feed_brings_only_its_new_items(news_site, store, fetcher):
    feed = news_site.url("/feeds/rss.xml")
    run_round(store, [feed], fetcher, cfg(), 1, Now())
    news_site.route("/feeds/rss.xml", news_site.fixture("rss-updated.xml"), content_type="application/rss+xml",
                    etag='"rss-v2"')
    r2 = run_round(store, [feed], fetcher, cfg(), 2, Now())
    assert r2.feeds[0].items == 3 and r2.feeds[0].known == 2 and r2.articles == 1 and r2.new_events >= 1
    assert news_site.hits("/news/2026/11/nairobi-teachers") == 1
    assert news_site.hits("/news/2026/11/kaduna-attack") == 1  # updated item, same URL: not fetched again
    st = FeedStates(store).get(feed)
    assert st is not None and st.etag == '"rss-v2"' and st.articles_seen == 3


def test_last_modified_is_used_when_there_is_no_etag(site, store, fetcher):
    lm = "Wed, 25 Nov 2026 08:00:00 GMT"
    site.route("/atom.xml", site.fixture("atom.xml"), content_type="application/atom+xml", last_modified=lm)
    site.route("/stories/nairobi-teachers", site.fixture("nairobi-teachers.html"))
    r1 = run_round(store, [site.url("/atom.xml")], fetcher, cfg())
    assert r1.articles == 1
    assert site.url("/stories/nairobi-teachers") in stored(store)  # the relative Atom link, resolved
    r2 = run_round(store, [site.url("/atom.xml")], fetcher, cfg())
    assert r2.feeds[0].status == "not-modified"
    assert [h.get("if-modified-since") for p, h in site.requests if p == "/atom.xml"] == [None, lm]


def test_a_feed_that_times_out_backs_off_and_never_stops_the_others(news_site, store, fetcher):
    news_site.route("/feeds/slow.xml", news_site.fixture("rss.xml"), delay=30)
    slow, good = news_site.url("/feeds/slow.xml"), news_site.url("/feeds/rss.xml")
    now = Now()
    r1 = run_round(store, [slow, good], fetcher, cfg(), 1, now)
    assert [f.status for f in r1.feeds] == ["error", "ok"] and r1.articles == 2
    assert "timed out" in r1.feeds[0].errors[0]
    st = FeedStates(store).get(slow)
    assert st is not None and st.failures == 1 and st.last_error and "timed out" in st.last_error
    assert st.next_retry == T0 + timedelta(seconds=EVERY)
    now.t = T0 + timedelta(minutes=5)  # before its retry time: not asked
    r2 = run_round(store, [slow, good], fetcher, cfg(), 2, now)
    assert r2.feeds[0].status == "waiting" and news_site.hits("/feeds/slow.xml") == 1
    now.t = T0 + timedelta(minutes=16)  # retried, fails again: twice the wait
    run_round(store, [slow, good], fetcher, cfg(), 3, now)
    st = FeedStates(store).get(slow)
    assert news_site.hits("/feeds/slow.xml") == 2 and st is not None and st.failures == 2
    assert st.next_retry == now.t + timedelta(seconds=2 * EVERY)
    news_site.route("/feeds/slow.xml", news_site.fixture("rss.xml"))  # it recovers
    now.t += timedelta(seconds=2 * EVERY)
    r4 = run_round(store, [slow, good], fetcher, cfg(), 4, now)
    assert r4.feeds[0].status == "ok" and r4.feeds[0].known == 2  # same items as the good feed: known
    st = FeedStates(store).get(slow)
    assert st is not None and st.failures == 0 and st.next_retry is None and st.last_success == now.t


def test_pages_that_cannot_work_are_logged_given_up_and_not_fetched_again(news_site, store, fetcher, caplog):
    news_site.route("/feeds/mixed.xml", news_site.fixture("mixed.xml"), content_type="application/rss+xml")
    news_site.route("/files/security-report-2026.pdf", b"%PDF-1.7\n" + b"0" * 20000,
                    content_type="application/pdf")
    news_site.route("/live/kano-budget", stream_bytes=20 * 1024 * 1024)
    feed = news_site.url("/feeds/mixed.xml")
    r1 = run_round(store, [feed], fetcher, cfg(max_page_bytes=512 * 1024))
    assert r1.articles == 1 and r1.errors == 3
    log = caplog.text
    assert "security-report-2026.pdf: not HTML (Content-Type: application/pdf) (not retried)" in log
    assert "kano-budget: too large" in log and "memo-2026-11: disallowed by robots.txt" in log
    with store.read() as conn:
        gave_up = {r.url.rsplit("/", 1)[1] for r in conn.execute(sa.select(feed_pages)) if r.gave_up}
    assert gave_up == {"security-report-2026.pdf", "kano-budget", "memo-2026-11"}
    r2 = run_round(store, [feed], fetcher, cfg(max_page_bytes=512 * 1024))
    assert r2.errors == 0 and r2.feeds[0].skipped == 3 and r2.feeds[0].known == 1
    assert news_site.hits("/files/security-report-2026.pdf") == news_site.hits("/live/kano-budget") == 1
    assert news_site.hits("/private/memo-2026-11") == 0
    st = FeedStates(store).get(feed)
    assert st is not None and st.last_error is None  # page failures are not feed failures


def test_a_page_failing_for_a_while_is_retried_later_and_then_stored(news_site, store, fetcher):
    news_site.route("/news/2026/11/kaduna-attack", b"busy", status=503, content_type="text/plain")
    feed, now = news_site.url("/feeds/rss.xml"), Now()
    assert run_round(store, [feed], fetcher, cfg(), 1, now).articles == 1
    news_site.route("/feeds/rss.xml", news_site.fixture("rss.xml"))  # no ETag any more: full feed each time
    news_site.route("/news/2026/11/kaduna-attack", news_site.fixture("kaduna-attack.html"))
    r2 = run_round(store, [feed], fetcher, cfg(), 2, now)
    assert r2.feeds[0].skipped == 1 and news_site.hits("/news/2026/11/kaduna-attack") == 1
    now.t += timedelta(seconds=EVERY)
    r3 = run_round(store, [feed], fetcher, cfg(), 3, now)
    assert r3.articles == 1 and news_site.hits("/news/2026/11/kaduna-attack") == 2
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(feed_pages)).scalar() == 0


def test_the_same_text_under_a_second_url_is_stored_once_and_not_fetched_again(news_site, store, fetcher):
    news_site.route("/amp/kano-traders", news_site.fixture("kano-traders.html"))
    rss = news_site.fixture("rss.xml").replace(b"/news/2026/11/kaduna-attack", b"/amp/kano-traders")
    news_site.route("/feeds/rss.xml", rss, content_type="application/rss+xml")
    feed = news_site.url("/feeds/rss.xml")
    assert run_round(store, [feed], fetcher, cfg()).articles == 1
    assert run_round(store, [feed], fetcher, cfg()).feeds[0].skipped == 1
    assert news_site.hits("/amp/kano-traders") == 1


def test_retry_after_of_a_busy_feed_is_respected(site, store, fetcher):
    site.route("/rss", b"busy", status=503, content_type="text/plain", headers={"Retry-After": "7200"})
    r = run_round(store, [site.url("/rss")], fetcher, cfg(), 1, Now())
    st = FeedStates(store).get(site.url("/rss"))
    assert r.feeds[0].errors == ["HTTP 503 Service Unavailable"] and st is not None
    assert st.next_retry == T0 + timedelta(hours=2)  # not after one 15-minute interval


def test_an_over_long_article_is_skipped_with_its_reason(news_site, store, fetcher):
    r = run_round(store, [news_site.url("/feeds/rss.xml")], fetcher, cfg(max_text_chars=760))
    assert r.articles == 1  # the Kaduna story (705 characters) fits, the Kano one (825) does not
    assert "kano-traders: article text too long (825 characters; limit 760)" in r.feeds[0].errors[0]


def test_not_a_feed_is_a_feed_error(news_site, store, fetcher):
    url = news_site.url("/news/2026/11/kano-traders")  # an HTML page given as a feed
    r = run_round(store, [url], fetcher, cfg())
    assert r.feeds[0].status == "error" and "not an RSS/Atom feed" in r.feeds[0].errors[0]


def test_the_loop_waits_one_interval_and_new_items_appear_in_the_next_round(news_site, store, fetcher):
    slept: list[float] = []
    t = [0.0]

    def clock() -> float:
        return t[0]

    def sleep(s: float) -> None:
        slept.append(s)
        t[0] += s

    def on_round(rep) -> None:
        t[0] += 40.0  # the round "took" 40 s
        if rep.number == 1:  # the site publishes a new story during the first interval
            news_site.route("/feeds/rss.xml", news_site.fixture("rss-updated.xml"),
                            content_type="application/rss+xml", etag='"rss-v2"')

    reps = watch(store, [news_site.url("/feeds/rss.xml")], fetcher, cfg(), max_rounds=3, on_round=on_round,
                 clock=clock, sleep=sleep)
    assert [r.articles for r in reps] == [2, 1, 0]
    assert slept == [EVERY - 40.0, EVERY - 40.0]
    assert reps[1].line().endswith(f"1 feed(s) polled, 1 new article(s), {reps[1].new_events} new event(s), "
                                   "0 error(s)")
    assert "(1 not modified)" in reps[2].line()


def test_the_migration_creates_exactly_the_declared_feed_tables(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from eventwire.feeds.state import metadata as feed_metadata
    from eventwire.store.schema import metadata

    with store.engine.connect() as conn:
        assert {"feeds", "feed_pages"} <= set(sa.inspect(conn).get_table_names())
        assert compare_metadata(MigrationContext.configure(conn), [metadata, feed_metadata]) == []
        assert MigrationContext.configure(conn).get_current_revision() == "0004"


def test_feed_state_round_trips_times_in_utc(store):
    states = FeedStates(store)
    states.ensure(["https://a.example/rss", "https://b.example/rss", "https://a.example/rss"], T0)
    states.record_error("https://a.example/rss", T0, "HTTP 500", T0 + timedelta(minutes=15))
    states.record_success("https://b.example/rss", T0, etag='W/"x"', last_modified=None, title="B")
    states.add_counts("https://b.example/rss", 3, 7)
    a, b = states.all()
    assert (a.url, a.failures, a.last_error, a.next_retry) == ("https://a.example/rss", 1, "HTTP 500",
                                                               T0 + timedelta(minutes=15))
    assert (b.etag, b.title, b.last_success, b.articles_seen, b.events_found) == ('W/"x"', "B", T0, 3, 7)
