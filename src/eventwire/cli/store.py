"""The event store's commands (ingest, events, show, migrate); their work is imported when they run.

    eventwire ingest INPUT... [--db PATH_OR_URL]      code articles and store them, merged
    eventwire events [--db ...] [filters] [--format table|csv|jsonl|geojson|parquet|plover] [-o FILE]
    eventwire show EVENT_ID [--db ...]
    eventwire migrate [--db ...]                      create the store, or upgrade its schema

``events`` and ``show`` never write: they open the store read-only and fail (exit 2, one line)
when it does not exist or has an older schema, which ``migrate`` (or the next ``ingest``) upgrades.

``ingest`` prints one line per article on stdout *after* its commit (``stored``, ``duplicate``
or, on stderr, ``skipped``), so every article reported stored is on disk. Exit status: 0 all
stored (or already there), 1 some articles skipped, 2 nothing usable or a store error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..output import RENDERERS
from ..progress import Bar, printing
from ..record import STATUS_FILTERS
from .options import add_db, add_inputs, add_output, articles, err, iso_date, progress

FORMATS = ("table", "csv", "jsonl", "geojson", "parquet", "plover")  # of events, in the order --help lists them


def _coded_paths(args: argparse.Namespace) -> list[str]:
    """The inputs of ``ingest`` that are Parquet files written by ``extract --format parquet``: all
    of them or none."""
    from ..errors import EventwireError
    from ..output import parquet as parquet_events

    coded = [p for p in args.inputs if parquet_events.is_coded(p)]
    if coded and len(coded) < len(args.inputs):
        raise EventwireError("give ingest either coded Parquet files (from extract --format parquet) "
                             "or articles to code, not both at once")
    return coded


def _coded_inputs(args: argparse.Namespace, coded: list[str], bad: list[str], bar: Bar) -> tuple[Any, Any]:
    """(articles, coder) for ``ingest``: ``coded`` Parquet files are loaded as they were coded;
    other inputs are coded here, on workers, or on a Dask cluster."""
    from ..output import parquet as parquet_events
    from ..store.ingest import precoded

    if coded:
        return precoded(parquet_events.read_coded(coded))
    arts = articles(args.inputs, args.published, bad, bar, args.lang)
    if args.workers != 1 or args.dask:
        from ..parallel import run_articles

        return arts, lambda arts: run_articles(arts, args.workers, args.dask)
    return arts, None


@contextmanager
def _store_errors() -> Iterator[None]:
    """The store failing mid-ingest (gone, or locked past the busy timeout): one line, exit 2."""
    from sqlalchemy.exc import OperationalError

    from ..errors import EventwireError
    from ..store.db import BUSY_ENV, is_transient

    try:
        yield
    except OperationalError as e:
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        hint = f" (another writer held it too long: raise ${BUSY_ENV}, in seconds)" if is_transient(e) else ""
        raise EventwireError(f"the store stopped taking articles: {reason}{hint}") from e


def cmd_ingest(args: argparse.Namespace) -> int:
    from ..store.core import open_store
    from ..store.ingest import ingest

    bad: list[str] = []
    counts = {"stored": 0, "updated": 0, "duplicate": 0, "failed": 0, "mentions": 0, "new": 0, "merged": 0}
    log = open(args.output, "a", encoding="utf-8") if args.output and args.output != "-" else sys.stdout  # noqa: SIM115

    def say(line: str) -> None:
        with printing():
            print(line, file=log, flush=True)

    try:
        coded = _coded_paths(args)
        with open_store(args.db) as store, _store_errors(), progress(args, "storing", count=not coded) as bar:
            for o in ingest(store, *_coded_inputs(args, coded, bad, bar)):
                bar.update()
                name = o.article.origin or o.article.id
                counts[o.status] += 1
                if o.status == "failed":
                    err(f"skipped {name}: {o.error}")
                    continue
                if o.status == "duplicate":
                    say(f"duplicate {o.article.id} (already stored)")
                    continue
                a = o.added
                assert a is not None
                counts["mentions"] += a.n_mentions
                counts["new"] += a.new_events
                counts["merged"] += a.merged
                if o.status == "updated":
                    say(f"updated {o.article.id} (a new version of a stored page: {a.n_mentions} mention(s) "
                        f"re-coded, {a.new_events} new event(s); the old text is kept)")
                    continue
                say(f"stored {o.article.id} ({a.n_mentions} mention(s): {a.new_events} new event(s), {a.merged} merged)")
    finally:
        if log is not sys.stdout:
            log.close()
    n_bad = len(bad) + counts["failed"]
    if not args.quiet:
        err(f"{counts['stored']} article(s) stored ({counts['mentions']} mention(s): {counts['new']} new "
            f"event(s), {counts['merged']} merged), "
            + (f"{counts['updated']} updated, " if counts["updated"] else "")
            + f"{counts['duplicate']} already stored"
            + (f", {n_bad} skipped" if n_bad else ""))
    if counts["stored"] + counts["updated"] + counts["duplicate"] == 0 and n_bad:
        return 2
    return 1 if n_bad else 0


def cmd_events(args: argparse.Namespace) -> int:
    from ..atomic import open_output
    from ..output.records import record
    from ..store.core import open_store
    from ..store.query import Filters, select

    f = Filters(type=args.type, country=args.country, since=args.since, until=args.until, actor=args.actor,
                place=args.place, min_sources=args.min_sources, text=args.text, historical=args.historical,
                status=args.status, limit=args.limit)
    renderer = RENDERERS[args.format]
    assert renderer.records is not None
    with open_store(args.db, create=False) as store:
        recs = (record(row) for row in select(store, f))
        if renderer.binary and (not args.output or args.output == "-") and sys.stdout.isatty():
            from ..errors import EventwireError

            raise EventwireError(f"--format {args.format} is binary: give -o FILE.{args.format} or redirect stdout")
        with open_output(args.output, binary=renderer.binary) as out:
            renderer.records(recs, out)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from ..store.core import open_store
    from ..store.query import find
    from ..store.show import show

    with open_store(args.db, create=False) as store:
        row = find(store, args.event_id)
        show(store, row, sys.stdout, color=sys.stdout.isatty() and not args.no_color)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from ..store.core import open_store
    from ..store.db import schema_revision

    with open_store(args.db) as store:
        print(f"store at schema revision {schema_revision(store.engine)}")
    return 0


def register(sub: Any) -> None:
    """Add ingest, events, show and migrate to the ``eventwire`` subparsers."""
    assert all(RENDERERS[f].records for f in FORMATS)
    sp = sub.add_parser("ingest", help="code articles and store them; reports of one event are merged")
    add_inputs(sp)
    add_db(sp)
    sp.add_argument("--workers", type=int, default=1, metavar="N", help="code on N processes of this machine")
    sp.add_argument("--dask", metavar="ADDRESS", help="code on the Dask cluster whose scheduler is at ADDRESS")
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("events", help="list or export the stored (merged) events")
    add_db(sp)
    sp.add_argument("--format", choices=FORMATS, default="table")
    add_output(sp)
    sp.add_argument("--type", metavar="TEXT", help="event type, sub-event type or family (substring)")
    sp.add_argument("--country", metavar="NAME_OR_ISO")
    sp.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD")
    sp.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD")
    sp.add_argument("--actor", metavar="TEXT", help="actor1 or actor2 (substring)")
    sp.add_argument("--place", metavar="TEXT", help="location or admin1 (substring)")
    sp.add_argument("--min-sources", type=int, metavar="N")
    sp.add_argument("--text", metavar="TEXT", help="words in an article reporting the event")
    sp.add_argument("--historical", action="store_true",
                    help="also list events known only from background (historical) mentions")
    sp.add_argument("--status", choices=STATUS_FILTERS, metavar="STATUS",
                    help="review status: " + ", ".join(STATUS_FILTERS) + " (default: every event not rejected)")
    sp.add_argument("--limit", type=int, metavar="N")
    sp.set_defaults(func=cmd_events)

    sp = sub.add_parser("show", help="one event: its values, its sources and the evidence sentences")
    sp.add_argument("event_id", metavar="EVENT_ID", help="an id from 'eventwire events' (evt-...)")
    add_db(sp)
    sp.add_argument("--no-color", action="store_true")
    sp.set_defaults(func=cmd_show)

    sp = sub.add_parser("migrate", help="create the store, or upgrade its schema to this eventwire's")
    add_db(sp)
    sp.set_defaults(func=cmd_migrate)
