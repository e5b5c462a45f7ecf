"""The body of ``eventwire watch`` (imported only when the command runs: it loads httpx and the store)."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, TextIO

from ..errors import EventwireError
from .feedlist import parse_every, resolve_feeds
from .state import FeedState

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


def run_watch(args: argparse.Namespace) -> int:
    from ..store.core import open_store
    from .fetch import Fetcher
    from .state import FeedStates
    from .watch import RoundReport, WatchConfig, watch

    every = parse_every(args.every)
    if args.status:
        with open_store(args.db, create=False) as store:
            print_status(FeedStates(store).all(), sys.stdout, as_json=args.json)
        return 0
    urls = resolve_feeds(args.feeds)
    cfg = WatchConfig(every=every, max_page_bytes=max(1, args.max_page_size) * 1024 * 1024)
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
                         min_delay=args.min_delay) as fetcher:
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
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
