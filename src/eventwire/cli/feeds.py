"""``eventwire watch``: poll feeds and store their events (httpx and the store load when it runs).

Only public addresses are fetched unless ``--allow-private NETWORK`` (or
``$EVENTWIRE_WATCH_ALLOW_PRIVATE``, comma-separated) names a private network: see
:mod:`eventwire.feeds.guard`.

Exit status: 0 every feed and page fine (or Ctrl-C/SIGTERM after clean rounds: 130 for Ctrl-C);
1 ``--once`` saw failures (each logged on stderr with its reason); 2 bad usage or store error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import EventwireError
from ..output.table import write_columns
from .options import add_db

if TYPE_CHECKING:
    from ..feeds.state import FeedState

log = logging.getLogger("eventwire.feeds")


def _setup_logging(verbose: bool, quiet: bool) -> Callable[[], None]:
    """Log on stderr as ``eventwire: watch: ...``; returns the function that undoes it."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("eventwire: watch: %(message)s"))
    saved = (log.level, log.propagate)
    log.addHandler(handler)
    log.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING)
    log.propagate = False

    def undo() -> None:
        log.removeHandler(handler)
        log.setLevel(saved[0])
        log.propagate = saved[1]

    return undo


def register(sub: Any) -> None:
    """Register ``watch`` on the ``eventwire`` subparsers."""
    sp = sub.add_parser("watch", help="poll RSS/Atom feeds and store the events of new articles",
                        description="Poll RSS/Atom feeds; fetch, code and store every new article. Without "
                                    "--once, runs a round every --every until Ctrl-C. Without feeds, watches "
                                    "the feeds already known to the store.")
    sp.add_argument("feeds", nargs="*", metavar="FEED",
                    help="a feed URL, or a file listing feeds (OPML, or one URL per line with # comments)")
    add_db(sp)
    sp.add_argument("--every", default="15m", metavar="DURATION", help="time between rounds: 90s, 15m, 1h "
                    "(default 15m; failing feeds back off in multiples of it)")
    sp.add_argument("--once", action="store_true", help="run one round and exit (for cron)")
    sp.add_argument("--status", action="store_true",
                    help="print each known feed's last success, last error, articles seen, events found")
    sp.add_argument("--json", action="store_true", help="with --status: one JSON object per feed")
    sp.add_argument("--min-delay", type=float, default=1.0, metavar="SECONDS",
                    help="at least this long between two requests to one host (default 1; robots.txt "
                         "Crawl-delay may ask for more)")
    sp.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS",
                    help="connect/read timeout of a request (default 15)")
    sp.add_argument("--deadline", type=float, default=60.0, metavar="SECONDS",
                    help="a feed or page not fully received in this time, redirects included, is abandoned "
                         "(default 60; a server sending one byte a second is cut off here)")
    sp.add_argument("--max-page-size", type=int, default=5, metavar="MB",
                    help="pages larger than this are skipped (default 5 MB)")
    sp.add_argument("--max-feed-size", type=int, default=10, metavar="MB",
                    help="feeds larger than this are abandoned (default 10 MB)")
    sp.add_argument("--max-redirects", type=int, default=5, metavar="N",
                    help="redirects followed per request (default 5; a loop is reported as one)")
    sp.add_argument("--allow-private", action="append", default=[], metavar="NETWORK",
                    help="also fetch from this loopback/private/link-local network or address (repeatable, "
                         "or comma-separated; adds to $EVENTWIRE_WATCH_ALLOW_PRIVATE), e.g. 10.0.0.0/8. "
                         "Without it only public addresses are fetched, feeds and article links alike")
    sp.add_argument("-v", "--verbose", action="store_true", help="log every feed and article on stderr")
    sp.add_argument("-q", "--quiet", action="store_true", help="log only errors; still one line per round")
    sp.set_defaults(func=run_watch)


def run_watch(args: argparse.Namespace) -> int:
    """The command: one round (``--once``), rounds until stopped, or ``--status``."""
    from ..feeds.feedlist import parse_every, resolve_feeds
    from ..feeds.fetch import Fetcher
    from ..feeds.state import FeedStates
    from ..feeds.watch import RoundReport, WatchConfig, watch
    from ..store.core import open_store

    every = parse_every(args.every)
    if args.status:
        with open_store(args.db, create=False) as store:
            print_status(FeedStates(store).all(), sys.stdout, as_json=args.json)
        return 0
    urls = resolve_feeds(args.feeds)
    policy = allow_policy(args.allow_private)
    for name in ("timeout", "deadline"):
        if not getattr(args, name) > 0:
            raise EventwireError(f"--{name} {getattr(args, name):g}: must be more than 0 seconds")
    if args.max_redirects < 0:
        raise EventwireError(f"--max-redirects {args.max_redirects}: must be 0 or more")
    cfg = WatchConfig(every=every, max_page_bytes=max(1, args.max_page_size) * 1024 * 1024,
                      max_feed_bytes=max(1, args.max_feed_size) * 1024 * 1024)
    undo_logging = _setup_logging(args.verbose, args.quiet)
    stopping = threading.Event()
    old_term = _on_sigterm(stopping)
    errors = 0
    try:
        with open_store(args.db) as store:
            if not urls:
                urls = [s.url for s in FeedStates(store).all()]
                if not urls:
                    raise EventwireError("no feeds: give feed URLs or a feed-list file (the store knows none yet)")

            def on_round(rep: RoundReport) -> None:
                nonlocal errors
                errors += rep.errors
                print(rep.line(), flush=True)

            with Fetcher(connect_timeout=min(args.timeout, 10.0), read_timeout=args.timeout,
                         total_timeout=args.deadline, max_redirects=args.max_redirects,
                         min_delay=args.min_delay, policy=policy) as fetcher:
                try:
                    watch(store, urls, fetcher, cfg, max_rounds=1 if args.once else None, on_round=on_round,
                          sleep=stopping.wait, stop=stopping.is_set)
                except KeyboardInterrupt:
                    print("eventwire: watch: interrupted (Ctrl-C); every article reported is stored",
                          file=sys.stderr)
                    return 130
    finally:
        undo_logging()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    if stopping.is_set():
        print("eventwire: watch: stopped (SIGTERM)", file=sys.stderr)
        return 0
    return 1 if (args.once and errors) else 0


def allow_policy(values: list[str]) -> Any:
    """The address policy of ``--allow-private`` values plus ``$EVENTWIRE_WATCH_ALLOW_PRIVATE``."""
    from ..feeds.guard import ALLOW_ENV, AddressPolicy

    env = os.environ.get(ALLOW_ENV, "")
    try:
        return AddressPolicy.parse([env, *values])
    except ValueError as e:
        raise EventwireError(f"--allow-private / ${ALLOW_ENV}: {e}") from None


def _on_sigterm(stopping: threading.Event) -> Any:
    """SIGTERM ends the watch after the current round (exit 0); only possible in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda *_: stopping.set())


def _ts(t: datetime | None) -> str:
    return f"{t:%Y-%m-%d %H:%M}Z" if t else "-"


def print_status(states: list[FeedState], out: TextIO, as_json: bool = False) -> None:
    """One row (or JSON object) per feed: last success, last error, articles seen, events found."""
    if as_json:
        for s in states:
            out.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")
        return
    if not states:
        out.write("no feeds watched yet (eventwire watch FEED_URL...)\n")
        return
    cols = ["feed", "last success", "last error", "articles", "events", "next retry"]
    rows = []
    for s in states:
        err = f"{_ts(s.last_error_at)} {s.last_error}" if s.last_error and (
            s.last_success is None or (s.last_error_at and s.last_error_at > s.last_success)) else "-"
        rows.append([s.url, _ts(s.last_success), err[:70], str(s.articles_seen), str(s.events_found),
                     _ts(s.next_retry) if s.failures else "-"])
    write_columns(out, cols, rows, rule=False)
