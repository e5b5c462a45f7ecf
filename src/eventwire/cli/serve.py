"""``eventwire serve``: the HTTP API and the dashboard (:mod:`eventwire.api`) on a store, with uvicorn.

The process that runs ``eventwire serve`` is the server itself (no reloader, no worker processes), so
a signal sent to it reaches uvicorn. SIGTERM or SIGINT stops it within about a second: requests
still running get :data:`SHUTDOWN_GRACE` seconds to finish (uvicorn's default is to wait for
them for ever, e.g. for a client that stopped reading a large export), idle keep-alive
connections are closed at once, then the store is closed and the process exits with code 0 at
once (``os._exit`` after flushing stdout and stderr: the interpreter's own teardown of the loaded
libraries, spaCy's among them, would take another second and has nothing left to save).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from types import FrameType
from typing import Any

from ..errors import EventwireError
from .options import add_db

SHUTDOWN_GRACE = 1.0  # seconds that requests still running get when the server is told to stop


def _int_setting(value: str | int | None, name: str, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        n = int(value)  # type: ignore[arg-type]
    except ValueError as e:
        raise EventwireError(f"{name} {value!r}: not a whole number") from e
    if n < 1:
        raise EventwireError(f"{name} {value!r}: must be at least 1")
    return n


def run_server(app: Any, host: str, port: int) -> int | None:
    """Serve ``app`` until SIGTERM/SIGINT (a second SIGINT: at once); returns the signal that stopped
    it (None: the server stopped by itself, e.g. the port was taken). The signal is not re-raised."""
    import uvicorn

    stopped_by: list[int] = []

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            stopped_by.append(sig)
            # uvicorn's own handler also re-raises the signal after shutdown, which kills the process
            # before the store is closed; here shutting down is the whole answer to the signal
            if self.should_exit and sig == signal.SIGINT:
                self.force_exit = True
            self.should_exit = True

    config = uvicorn.Config(app, host=host, port=port, log_level="warning",
                            timeout_graceful_shutdown=SHUTDOWN_GRACE)
    Server(config).run()
    return stopped_by[0] if stopped_by else None


def cmd_serve(args: argparse.Namespace) -> int:
    """Open the store and serve it until interrupted (read-only unless a token is configured)."""
    from ..api.app import WEB, create_app, missing_assets
    from ..api.security import DEFAULT_MAX_EXPORT, read_reviewers
    from ..store.core import open_store

    token = args.token or os.environ.get("EVENTWIRE_TOKEN") or None
    reviewers_file = args.reviewers or os.environ.get("EVENTWIRE_REVIEWERS") or None
    reviewers = read_reviewers(reviewers_file) if reviewers_file else {}
    tiles = args.tiles or os.environ.get("EVENTWIRE_TILES") or None
    max_export = _int_setting(args.max_export or os.environ.get("EVENTWIRE_MAX_EXPORT"), "--max-export",
                              DEFAULT_MAX_EXPORT)
    cors = args.cors_origin or [o for o in (os.environ.get("EVENTWIRE_CORS_ORIGINS") or "").split() if o]
    missing = missing_assets()
    if missing:
        print(f"eventwire: warning: the dashboard's front-end packages are missing ({', '.join(missing)}); "
              f"run 'npm ci' in {WEB} (bin/setup does). The API works without them.", file=sys.stderr)
    store = open_store(args.db, create=bool(token or reviewers))
    try:
        app = create_app(store, token=token, tiles=tiles, tiles_attribution=args.tiles_attribution,
                         max_export=max_export, cors_origins=cors, reviewers=reviewers)
        n = len(reviewers) + bool(token)
        mode = f"writes and review enabled ({n} token(s))" if n else "read-only"
        print(f"eventwire: serving http://{args.host}:{args.port}/ ({mode}); API docs at /docs, "
              f"OpenAPI at /openapi.json", file=sys.stderr)
        stopped_by = run_server(app, args.host, args.port)
    finally:
        store.close()
    if stopped_by is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    return 0


def register(sub: Any) -> None:
    """Add serve to the ``eventwire`` subparsers."""
    sp = sub.add_parser("serve", help="the HTTP API (/api/, /openapi.json) and the web dashboard on a store")
    add_db(sp)
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sp.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sp.add_argument("--token", metavar="TOKEN",
                    help="enable writes (ingest and review, as reviewer 'admin') for 'Authorization: Bearer TOKEN' "
                         "(or $EVENTWIRE_TOKEN); "
                         "without one the server is read-only")
    sp.add_argument("--reviewers", metavar="FILE",
                    help="reviewers' tokens, one 'NAME TOKEN' a line (or $EVENTWIRE_REVIEWERS): each write "
                         "and review action is audited under the name its token gives")
    sp.add_argument("--tiles", metavar="URL", help="online map tiles, e.g. https://tile.example.org/{z}/{x}/{y}.png "
                    "(or $EVENTWIRE_TILES); default: offline country borders")
    sp.add_argument("--tiles-attribution", metavar="TEXT", help="attribution shown with --tiles")
    sp.add_argument("--max-export", metavar="N", help="at most N events per CSV/GeoJSON export "
                    "(or $EVENTWIRE_MAX_EXPORT; default 10000)")
    sp.add_argument("--cors-origin", metavar="ORIGIN", action="append",
                    help="let pages from ORIGIN (e.g. https://example.org) read the API; repeatable "
                         "(or $EVENTWIRE_CORS_ORIGINS, space-separated); default: no cross-origin access")
    sp.set_defaults(func=cmd_serve)
