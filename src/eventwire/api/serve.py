"""``eventwire serve``: the HTTP API and the dashboard on a store, with uvicorn."""

from __future__ import annotations

import argparse
import os
import sys


def cmd_serve(args: argparse.Namespace) -> int:
    """Open the store and serve it until interrupted (read-only unless a token is configured)."""
    import uvicorn

    from ..store.core import open_store
    from .app import WEB, create_app, missing_assets

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
