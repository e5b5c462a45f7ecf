"""``eventwire watch``: argparse wiring (cheap to import) and the command, which imports lazily.

Exit status: 0 every feed and page fine (or Ctrl-C/SIGTERM after clean rounds: 130 for Ctrl-C);
1 ``--once`` saw failures (each logged on stderr with its reason); 2 bad usage or store error.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any, db_help: str) -> None:
    """Register ``watch`` on the ``eventwire`` subparsers."""
    sp = sub.add_parser("watch", help="poll RSS/Atom feeds and store the events of new articles",
                        description="Poll RSS/Atom feeds; fetch, code and store every new article. Without "
                                    "--once, runs a round every --every until Ctrl-C. Without feeds, watches "
                                    "the feeds already known to the store.")
    sp.add_argument("feeds", nargs="*", metavar="FEED",
                    help="a feed URL, or a file listing feeds (OPML, or one URL per line with # comments)")
    sp.add_argument("--db", metavar="PATH_OR_URL", help=db_help)
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
    sp.add_argument("--max-page-size", type=int, default=5, metavar="MB",
                    help="pages larger than this are skipped (default 5 MB)")
    sp.add_argument("-v", "--verbose", action="store_true", help="log every feed and article on stderr")
    sp.add_argument("-q", "--quiet", action="store_true", help="log only errors; still one line per round")
    sp.set_defaults(func=cmd_watch)


def cmd_watch(args: argparse.Namespace) -> int:
    from .run import run_watch

    return run_watch(args)
