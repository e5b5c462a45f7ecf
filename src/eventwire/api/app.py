"""The ASGI application of ``eventwire serve``: the JSON API, the dashboard pages and their assets.

    app = create_app(store, token=None, tiles=None)   # then uvicorn.run(app, ...)

Pages (Jinja2, autoescaped: article text is untrusted) are ``/`` (map, timeline, filters, table)
and ``/events/{event_id}`` (the record, its sources, their disagreements, each article with its
evidence highlighted). Front-end libraries are served from ``web/node_modules`` (installed by
``npm ci`` in bin/setup) under ``/vendor/``; nothing is fetched from a CDN.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..errors import EventwireError
from ..store.core import Store
from ..store.query import find
from . import data
from .models import FeatureCollection
from .routes import router

log = logging.getLogger("eventwire.serve")
WEB = Path(__file__).resolve().parent.parent / "web"
NODE_MODULES = WEB / "node_modules"
# URL prefix under /vendor/ -> directory inside node_modules (only these are served)
VENDOR = {"leaflet": "leaflet/dist", "markercluster": "leaflet.markercluster/dist",
          "topojson": "topojson-client/dist", "world-atlas": "world-atlas"}


def missing_assets() -> list[str]:
    """The front-end packages that are not installed (``npm ci`` in src/eventwire/web has not run)."""
    return [d.split("/")[0] for d in VENDOR.values() if not (NODE_MODULES / d).is_dir()]


def _templates() -> Any:
    import jinja2
    from fastapi.templating import Jinja2Templates

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(WEB / "templates")), autoescape=True)
    return Jinja2Templates(env=env)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with the GeoJSON schema that a non-JSON response refers to."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    fc = FeatureCollection.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(fc.pop("$defs", {}))
    schemas["FeatureCollection"] = fc
    app.openapi_schema = doc
    return doc


def create_app(store: Store, token: str | None = None, tiles: str | None = None,
               tiles_attribution: str | None = None) -> FastAPI:
    """The application on an open store; ``token`` enables writes, ``tiles`` an online basemap."""
    app = FastAPI(title="eventwire", version=__version__,
                  description="Evidence-backed ACLED-style event data: events, aggregates, articles, GeoJSON.")
    app.state.store = store
    app.state.token = token or None
    app.state.tiles = tiles or None
    app.state.tiles_attribution = tiles_attribution or None
    app.include_router(router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    for prefix, sub in VENDOR.items():
        if (NODE_MODULES / sub).is_dir():
            app.mount(f"/vendor/{prefix}", StaticFiles(directory=NODE_MODULES / sub), name=f"vendor-{prefix}")
    templates = _templates()
    missing = missing_assets()
    if missing:
        log.warning("front-end packages missing (%s): run 'npm ci' in %s", ", ".join(missing), WEB)

    def page_context(request: Request) -> dict[str, Any]:
        return {"request": request, "missing": missing, "tiles": app.state.tiles or "",
                "tiles_attribution": app.state.tiles_attribution or "", "version": __version__}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request) -> Any:
        return templates.TemplateResponse(request, "index.html", page_context(request))

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Any:
        try:
            row = find(store, event_id)
        except EventwireError as e:
            raise HTTPException(404, str(e)) from e
        d = data.detail(store, row)
        for m in d["mentions"]:
            spans = [(e["start"], e["end"], e["field"]) for e in m["evidence"]]
            m["segments"] = data.highlight_segments(m["article"]["text"], spans)
        ctx = {**page_context(request), "ev": d["event"], "detail": d}
        return templates.TemplateResponse(request, "event.html", ctx)

    return app
