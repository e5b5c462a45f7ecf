"""The ASGI application of ``eventwire serve``: the JSON API, the dashboard pages and their assets.

    app = create_app(store, token=None, tiles=None)   # then uvicorn.run(app, ...)

Pages (Jinja2, autoescaped: article text is untrusted) are ``/`` (map, timeline, filters, table),
``/events/{event_id}`` (the record, its sources, their disagreements, each article with its
evidence highlighted, and the review panel), ``/review`` (the review queue), and ``/docs``, the API reference rendered on the server from
``/openapi.json`` (FastAPI's Swagger UI and ReDoc pages load from a CDN and run an inline script,
so they are off). Front-end libraries are served from ``web/node_modules`` (installed by
``npm ci`` in bin/setup) under ``/vendor/``; nothing is fetched from a CDN. Security headers,
CORS and the caps on a request: :mod:`eventwire.api.security`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store.core import Store
from . import data
from .models import FeatureCollection
from .review_routes import router as review_router
from .routes import find_event, router
from .security import DEFAULT_MAX_EXPORT, MAX_PAGE, SecurityHeaders

log = logging.getLogger("eventwire.serve")
ADMIN = "admin"  # the reviewer a single --token writes as
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
    # every 422 (a malformed parameter or body, or a filter value the store cannot use) is worded
    schemas["HTTPValidationError"] = {
        "title": "HTTPValidationError", "type": "object", "required": ["detail"],
        "properties": {"detail": {"type": "string", "description": "what is wrong, in words"},
                       "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}}}
    app.openapi_schema = doc
    return doc


def _where(loc: Any) -> str:
    parts = [str(x) for x in loc if x not in ("query", "body", "path", "header")]
    return ".".join(parts) or "request"


def worded(errors: Any) -> str:
    """Pydantic's validation errors as one line: ``limit: Input should be a valid integer (got 'x')``."""
    out = []
    for e in errors:
        got = e.get("input")
        shown = f" (got {got!r})" if isinstance(got, str | int | float) and len(repr(got)) <= 60 else ""
        out.append(f"{_where(e.get('loc') or ())}: {e.get('msg', 'invalid')}{shown}")
    return "; ".join(out) or "invalid request"


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    from fastapi.encoders import jsonable_encoder

    errs = exc.errors() if isinstance(exc, RequestValidationError) else []
    slim = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in errs]
    return JSONResponse({"detail": worded(errs), "errors": jsonable_encoder(slim)}, status_code=422)


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    """The store failed under a request (a lost connection, a dropped table): 503 in words, never a
    500 with a traceback; what the request wrote before is committed or rolled back whole."""
    first = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [type(exc).__name__])[0]
    return JSONResponse({"detail": f"the store failed: {first[:300]}"}, status_code=503)


def api_reference(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The operations of an OpenAPI document, flattened for the /docs page (no JavaScript needed)."""
    ops = []
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            params = []
            for p in op.get("parameters", []):
                sch = p.get("schema") or {}
                kinds = [s.get("type") or s.get("format") for s in sch.get("anyOf", [sch]) if s.get("type") != "null"]
                limits = [f"{k} {sch[k]}" for k in ("minimum", "maximum", "pattern", "default") if k in sch]
                params.append({"name": p["name"], "in": p.get("in", ""), "required": p.get("required", False),
                               "type": " or ".join(str(k) for k in kinds if k) or "string",
                               "limits": ", ".join(limits), "description": p.get("description", "")})
            body = (op.get("requestBody") or {}).get("content", {})
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params, "body": list(body),
                        "responses": [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()]})
    return ops


def create_app(store: Store, token: str | None = None, tiles: str | None = None,
               tiles_attribution: str | None = None, max_export: int = DEFAULT_MAX_EXPORT,
               cors_origins: list[str] | None = None, reviewers: dict[str, str] | None = None) -> FastAPI:
    """The application on an open store; ``token`` enables writes (as reviewer "admin"), and so does
    ``reviewers`` ({token: reviewer name}); ``tiles`` an online basemap, ``max_export`` caps a
    CSV/GeoJSON export, ``cors_origins`` allows cross-origin reads (off by default)."""
    app = FastAPI(title="eventwire", version=__version__, docs_url=None, redoc_url=None,
                  description="Evidence-backed ACLED-style event data: events, aggregates, articles, GeoJSON. "
                              f"Pages of /api/events and /api/articles hold at most {MAX_PAGE} items (a larger "
                              f"limit is lowered to it); an export holds at most {max_export} events (the newest; "
                              "X-Eventwire-Truncated: true says some were left out). Writes need "
                              "'Authorization: Bearer <token>'.")
    app.state.store = store
    app.state.tokens = {**({token: ADMIN} if token else {}), **(reviewers or {})}
    app.state.tiles = tiles or None
    app.state.tiles_attribution = tiles_attribution or None
    app.state.max_export = max(1, int(max_export))
    app.include_router(router)
    app.include_router(review_router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_exception_handler(RequestValidationError, _validation_error)
    from sqlalchemy.exc import SQLAlchemyError

    app.add_exception_handler(SQLAlchemyError, _store_error)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"],
                           allow_credentials=False)
    # outermost, so that error pages (even a 500) carry the headers too
    inner = app.build_middleware_stack
    app.build_middleware_stack = lambda: SecurityHeaders(inner(), tiles=app.state.tiles)  # type: ignore[method-assign]
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
        d = data.detail(store, find_event(store, event_id))
        for m in d["mentions"]:
            spans = [(e["start"], e["end"], e["field"]) for e in m["evidence"]]
            m["segments"] = data.highlight_segments(m["article"]["text"], spans)
        ctx = {**page_context(request), "ev": d["event"], "detail": d}
        return templates.TemplateResponse(request, "event.html", ctx)

    @app.get("/review", response_class=HTMLResponse, include_in_schema=False)
    def review_page(request: Request) -> Any:
        return templates.TemplateResponse(request, "review.html", page_context(request))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> Any:
        ctx = {**page_context(request), "api": api_reference(app.openapi())}
        return templates.TemplateResponse(request, "docs.html", ctx)

    return app
