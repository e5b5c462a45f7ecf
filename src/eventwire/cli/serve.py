"""``eventwire serve``: the HTTP API and the dashboard (:mod:`eventwire.api`) on a store, with uvicorn."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from .options import add_db


def cmd_serve(args: argparse.Namespace) -> int:
    """Open the store and serve it until interrupted (read-only unless a token is configured)."""
    import uvicorn

    from ..api.app import WEB, create_app, missing_assets
    from ..store.core import open_store

    token = args.token or os.environ.get("EVENTWIRE_TOKEN") or None
    tiles = args.tiles or os.environ.get("EVENTWIRE_TILES") or None
    missing = missing_assets()
    if missing:
        print(f"eventwire: warning: the dashboard's front-end packages are missing ({', '.join(missing)}); "
              f"run 'npm ci' in {WEB} (bin/setup does). The API works without them.", file=sys.stderr)
    store = open_store(args.db, create=bool(token))
    try:
        app = create_app(store, token=token, tiles=tiles, tiles_attribution=args.tiles_attribution)
        mode = "writes enabled (token)" if token else "read-only"
        print(f"eventwire: serving http://{args.host}:{args.port}/ ({mode}); API docs at /docs, "
              f"OpenAPI at /openapi.json", file=sys.stderr)
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    finally:
        store.close()
    return 0


def register(sub: Any) -> None:
    """Add serve to the ``eventwire`` subparsers."""
    sp = sub.add_parser("serve", help="the HTTP API (/api/, /openapi.json) and the web dashboard on a store")
    add_db(sp)
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sp.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sp.add_argument("--token", metavar="TOKEN",
                    help="enable writes (POST /api/ingest) for 'Authorization: Bearer TOKEN' (or $EVENTWIRE_TOKEN); "
                         "without one the server is read-only")
    sp.add_argument("--tiles", metavar="URL", help="online map tiles, e.g. https://tile.example.org/{z}/{x}/{y}.png "
                    "(or $EVENTWIRE_TILES); default: offline country borders")
    sp.add_argument("--tiles-attribution", metavar="TEXT", help="attribution shown with --tiles")
    sp.set_defaults(func=cmd_serve)
