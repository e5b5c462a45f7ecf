"""Polling rounds: feeds -> new items -> pages -> articles -> the store (extraction + merging).

    with Fetcher() as fetcher:
        report = run_round(store, urls, fetcher, WatchConfig())       # one round (--once)
        watch(store, urls, fetcher, WatchConfig(every=900), max_rounds=None)   # until stopped

A round asks each feed with its ETag / Last-Modified (a 304 costs nothing), reads the items,
drops those whose URL is already stored (their page is never fetched again) or whose page failed
for good or still waits for its retry, fetches the rest (HTML only, size-limited, robots.txt
obeyed), extracts text and date (the page's date, else the item's date in the feed) and ingests
them. A feed or page that fails is logged with its reason and retried with exponential back-off
(``every`` x 2^(failures-1), capped at ``max_backoff``); it never stops the other feeds.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..errors import InputError
from ..record import Article
from ..store.core import Store
from .fetch import HTML_TYPES, Fetcher, FetchError, host_of
from .state import FeedStates

log = logging.getLogger("eventwire.feeds")
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9"


@dataclass
class WatchConfig:
    """How a watch behaves; every limit has a polite default."""

    every: float = 900.0  # seconds between the starts of two rounds
    max_feed_bytes: int = 10 * 1024 * 1024
    max_page_bytes: int = 5 * 1024 * 1024
    max_items: int = 100  # items read per feed per round (newest first, as feeds list them)
    max_backoff: float = 6 * 3600.0
    max_page_attempts: int = 5  # a page failing transiently this often is given up
    max_text_chars: int = 300_000  # longer extracted text is not an article (and would choke spaCy)


@dataclass
class FeedReport:
    """What one round did with one feed."""

    url: str
    status: str = "ok"  # ok | not-modified | waiting | error
    items: int = 0
    known: int = 0  # items whose URL is already stored
    skipped: int = 0  # items whose page failed earlier and is given up or waiting
    articles: int = 0  # stored this round
    events: int = 0  # events extracted from them
    new_events: int = 0  # of which new in the store (the rest merged into stored events)
    errors: list[str] = field(default_factory=list)


@dataclass
class RoundReport:
    """One round over all feeds."""

    number: int
    started: datetime
    feeds: list[FeedReport] = field(default_factory=list)

    @property
    def polled(self) -> int:
        return sum(f.status != "waiting" for f in self.feeds)

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self.feeds)

    @property
    def new_events(self) -> int:
        return sum(f.new_events for f in self.feeds)

    @property
    def errors(self) -> int:
        return sum(len(f.errors) for f in self.feeds)

    def line(self) -> str:
        """The one line printed per round."""
        extra = [f"{n} {what}" for what, n in (
            ("not modified", sum(f.status == "not-modified" for f in self.feeds)),
            ("waiting for retry", sum(f.status == "waiting" for f in self.feeds))) if n]
        return (f"{self.started:%Y-%m-%d %H:%M:%S}Z round {self.number}: {self.polled} feed(s) polled"
                + (f" ({', '.join(extra)})" if extra else "")
                + f", {self.articles} new article(s), {self.new_events} new event(s), {self.errors} error(s)")


def backoff(failures: int, every: float, cap: float) -> timedelta:
    """Wait before retry number ``failures``: one interval, then doubling, capped."""
    return timedelta(seconds=min(every * 2 ** max(failures - 1, 0), cap))


def _now() -> datetime:
    return datetime.now(UTC)


def run_round(store: Store, urls: list[str], fetcher: Fetcher, cfg: WatchConfig, number: int = 1,
              now: Callable[[], datetime] = _now) -> RoundReport:
    """Poll every feed once; one feed's failure is recorded and logged, never raised."""
    from sqlalchemy.exc import OperationalError

    states = FeedStates(store)
    states.ensure(urls, now())
    report = RoundReport(number, now())
    for url in urls:
        fr = FeedReport(url)
        report.feeds.append(fr)
        try:
            _poll_feed(store, states, url, fetcher, cfg, fr, now)
        except OperationalError:
            raise  # the store is gone: nothing else can work
        except Exception as e:  # noqa: BLE001 - a bug on one feed must not stop the others
            log.exception("feed %s: unexpected error", url)
            reason = f"internal error: {type(e).__name__}: {e}"
            fr.status = "error"
            fr.errors.append(reason)
            t, st = now(), states.get(url)
            failures = (st.failures if st else 0) + 1
            states.record_error(url, t, reason, t + backoff(failures, cfg.every, cfg.max_backoff))
    return report


def _poll_feed(store: Store, states: FeedStates, url: str, fetcher: Fetcher, cfg: WatchConfig,
               fr: FeedReport, now: Callable[[], datetime]) -> None:
    import feedparser

    st = states.get(url)
    assert st is not None
    t = now()
    slack = timedelta(seconds=min(60.0, cfg.every / 10))  # cron-driven --once runs drift a little
    if st.next_retry is not None and st.next_retry > t + slack:
        fr.status = "waiting"
        log.info("feed %s: waiting until %s after %d failure(s) (%s)", url, f"{st.next_retry:%H:%M:%S}Z",
                 st.failures, st.last_error)
        return
    headers = {"Accept": FEED_ACCEPT}
    if st.etag:
        headers["If-None-Match"] = st.etag
    if st.last_modified:
        headers["If-Modified-Since"] = st.last_modified
    try:
        resp = fetcher.get(url, cfg.max_feed_bytes, headers=headers)
        if resp.status == 304:
            fr.status = "not-modified"
            states.record_success(url, now(), etag=resp.headers.get("etag") or st.etag,
                                  last_modified=resp.headers.get("last-modified") or st.last_modified)
            log.debug("feed %s: not modified", url)
            return
        parsed = feedparser.parse(resp.body, response_headers={
            "content-location": resp.url, "content-type": resp.headers.get("content-type", "application/xml")})
        if not parsed.entries and (parsed.bozo or not parsed.version):
            why = parsed.get("bozo_exception")
            raise FetchError(f"not an RSS/Atom feed ({type(why).__name__ if why else 'no feed elements'}; "
                             f"Content-Type: {resp.content_type or 'none'})")
    except FetchError as e:
        failures = st.failures + 1
        wait = backoff(failures, cfg.every, cfg.max_backoff)
        if e.retry_after:  # the server said when to come back: not sooner
            wait = max(wait, timedelta(seconds=min(e.retry_after, cfg.max_backoff)))
        fr.status = "error"
        fr.errors.append(e.reason)
        if e.refused:  # our own rule, no request sent: asked (and reported) again next round, as configured
            states.record_error(url, now(), e.reason, None)
            log.warning("feed %s: %s (failure %d)", url, e.reason, failures)
            return
        states.record_error(url, now(), e.reason, now() + wait)
        log.warning("feed %s: %s (failure %d; next try in %s)", url, e.reason, failures, _human(wait))
        return
    feed_title = (parsed.feed.get("title") or "").strip() or None

    def fetched() -> Iterator[Article]:
        """New items' articles, fetched one by one as ingest asks (each is stored before the next ends)."""
        items, refused = _items(parsed.entries[: cfg.max_items])
        for link, reason in refused:  # file:, javascript:, ftp: ...: reported once, never fetched
            fr.items += 1
            if states.page_blocked(link, now()):
                fr.skipped += 1
                continue
            _page_failed(states, cfg, url, link, reason, True, now(), fr)
        for item in items:
            fr.items += 1
            if states.url_stored(item.link):
                fr.known += 1
                continue
            blocked = states.page_blocked(item.link, now())
            if blocked:
                fr.skipped += 1
                log.debug("page %s: skipped (%s)", item.link, blocked)
                continue
            try:
                page = fetcher.get(item.link, cfg.max_page_bytes, content_types=HTML_TYPES,
                                   headers={"Accept": PAGE_ACCEPT})
                art = build_article(page.utf8(), item, feed_title, page.url)
                if len(art.text) > cfg.max_text_chars:
                    raise InputError(item.link, f"article text too long ({len(art.text):,} characters; "
                                                f"limit {cfg.max_text_chars:,})")
            except (FetchError, InputError) as e:
                permanent = isinstance(e, InputError) or e.permanent
                _page_failed(states, cfg, url, item.link, e.reason, permanent, now(), fr)
                continue
            yield art

    _ingest(store, states, url, fetched(), cfg, fr, now)
    states.record_success(url, now(), etag=resp.headers.get("etag"),
                          last_modified=resp.headers.get("last-modified"), title=feed_title)
    states.add_counts(url, fr.articles, fr.events)
    log.info("feed %s: %d item(s), %d already stored, %d new article(s), %d event(s) (%d new), %d error(s)",
             url, fr.items, fr.known, fr.articles, fr.events, fr.new_events, len(fr.errors))


def _page_failed(states: FeedStates, cfg: WatchConfig, feed_url: str, link: str, reason: str, permanent: bool,
                 t: datetime, fr: FeedReport) -> None:
    attempts = states.page_attempts(link) + 1
    gave_up = permanent or attempts >= cfg.max_page_attempts
    retry = None if gave_up else t + backoff(attempts, cfg.every, cfg.max_backoff)
    states.record_page_error(link, feed_url, t, reason, retry, gave_up)
    fr.errors.append(f"{link}: {reason}")
    then = "not retried" if gave_up else f"next try in {_human(retry - t)}"  # type: ignore[operator]
    log.warning("page %s: %s (%s)", link, reason, then)


def _ingest(store: Store, states: FeedStates, feed_url: str, arts: Iterable[Article], cfg: WatchConfig,
            fr: FeedReport, now: Callable[[], datetime]) -> None:
    import itertools

    it = iter(arts)
    first = next(it, None)
    if first is None:
        return  # no new page worked: the extraction pipeline (spaCy) is not even loaded
    from ..store.ingest import ingest

    for o in ingest(store, itertools.chain([first], it)):
        link = o.article.url or o.article.id
        if o.status == "stored" and o.added is not None:
            fr.articles += 1
            fr.events += o.added.n_mentions
            fr.new_events += o.added.new_events
            states.clear_page(link)
            log.info("stored %s (%d event(s): %d new, %d merged)", link, o.added.n_mentions,
                     o.added.new_events, o.added.merged)
        elif o.status == "duplicate":
            # same text as a stored article under another URL: remember, so it is not fetched again
            states.record_page_error(link, feed_url, now(), "same text as a stored article", None, True)
            log.info("page %s: same text as a stored article (not stored again)", link)
        else:
            _page_failed(states, cfg, feed_url, link, o.error or "failed", True, now(), fr)


@dataclass
class Item:
    """One feed entry: the article's link, the feed's date for it, its title."""

    link: str
    published: date | None
    title: str | None


def _items(entries: list[Any]) -> tuple[list[Item], list[tuple[str, str]]]:
    """The entries with an http(s) link, and (link, reason) of those whose link is another scheme."""
    from urllib.parse import urlsplit

    out: dict[str, Item] = {}
    refused: dict[str, str] = {}
    for e in entries:
        link = (e.get("link") or "").strip()
        if not link:
            link = next((lk.get("href", "") for lk in e.get("links", []) if lk.get("href")), "")
        if not link:
            log.debug("item %r: no link, ignored", e.get("title"))
            continue
        scheme = urlsplit(link).scheme.lower()
        if scheme not in ("http", "https") or not urlsplit(link).netloc:
            refused.setdefault(link[:2000], f"not an http(s) URL ({scheme + ':' if scheme else 'no scheme'}); "
                                            "not fetched")
            continue
        t = e.get("published_parsed") or e.get("updated_parsed")
        published = date(t.tm_year, t.tm_mon, t.tm_mday) if t else None
        if link not in out:
            out[link] = Item(link, published, (e.get("title") or "").strip() or None)
    return list(out.values()), list(refused.items())


def build_article(html: bytes, item: Item, feed_title: str | None, final_url: str | None = None) -> Article:
    """The page's article: its text, title and date (else the feed item's date); keyed by the item's link."""
    from ..sources.html import article_from_html

    art = article_from_html(item.link, html, None, url=item.link)
    art.url = item.link  # the link the feed gave: what "already stored" is checked against
    if art.published is None:
        art.published = item.published
    art.title = art.title or item.title
    art.source = art.source or feed_title or host_of(final_url or item.link).split("://", 1)[1]
    art.id = "feed-" + hashlib.sha1(item.link.encode("utf-8")).hexdigest()[:16]
    art.origin = item.link
    return art


def watch(store: Store, urls: list[str], fetcher: Fetcher, cfg: WatchConfig, *,
          max_rounds: int | None = None, on_round: Callable[[RoundReport], None] | None = None,
          clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], Any] = time.sleep,
          now: Callable[[], datetime] = _now, stop: Callable[[], bool] = lambda: False) -> list[RoundReport]:
    """Run rounds ``cfg.every`` seconds apart until ``max_rounds`` or ``stop()`` (Ctrl-C propagates)."""
    reports: list[RoundReport] = []
    n = 0
    while not stop():
        n += 1
        start = clock()
        rep = run_round(store, urls, fetcher, cfg, n, now)
        reports.append(rep)
        if on_round is not None:
            on_round(rep)
        if max_rounds is not None and n >= max_rounds:
            break
        wait = cfg.every - (clock() - start)
        if wait > 0 and not stop():
            sleep(wait)
    return reports


def _human(td: timedelta) -> str:
    from .feedlist import format_seconds

    return format_seconds(td.total_seconds())
