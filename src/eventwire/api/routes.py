"""The JSON API under ``/api/``: events (filtered, paginated), one event, aggregates, articles, exports.

Every read endpoint takes the filters of ``eventwire events`` as query parameters (``type``,
``country``, ``since``, ``until``, ``actor``, ``place``, ``min_sources``, ``text``,
``historical``) plus ``bbox`` (the map view). The one write endpoint, ``POST /api/ingest``,
needs ``Authorization: Bearer <token>``; without a configured token writes are disabled (403).
"""

from __future__ import annotations

import hmac
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import Response

from .. import __version__
from ..errors import EventwireError
from ..output import RENDERERS
from ..store.core import Store
from ..store.query import Filters, find
from . import data
from .models import (
    Article,
    ArticlePage,
    ErrorModel,
    EventDetail,
    EventPage,
    IngestRequest,
    IngestResult,
    Stats,
)

router = APIRouter(prefix="/api", tags=["events"])
BAD = {400: {"model": ErrorModel, "description": "a bad filter value (e.g. an unknown country)"}}
MAX_PAGE = 1000


def get_store(request: Request) -> Store:
    """The store the application was created on."""
    return request.app.state.store


@dataclass
class EventQuery:
    """The parsed filters of a request."""

    filters: Filters
    bbox: data.BBox | None


def event_filters(
    type: Annotated[str | None, Query(description="event type, sub-event type or family (substring)")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-2/alpha-3 or a country name")] = None,
    since: Annotated[date | None, Query(description="events that may have happened on or after")] = None,
    until: Annotated[date | None, Query(description="events that may have happened on or before")] = None,
    actor: Annotated[str | None, Query(description="actor1 or actor2 (substring)")] = None,
    place: Annotated[str | None, Query(description="location or admin1 (substring)")] = None,
    min_sources: Annotated[int | None, Query(ge=1)] = None,
    text: Annotated[str | None, Query(description="words in an article reporting the event")] = None,
    historical: Annotated[bool, Query(description="include events known only from background mentions")] = False,
    bbox: Annotated[str | None, Query(description="map view: west,south,east,north (degrees)")] = None,
) -> EventQuery:
    """The CLI's ``events`` filters (empty values mean no filter) and an optional bounding box."""
    try:
        box = data.BBox.parse(bbox) if bbox else None
    except ValueError as e:
        raise HTTPException(400, f"bbox: {e}") from e
    f = Filters(type=type or None, country=country or None, since=since.isoformat() if since else None,
                until=until.isoformat() if until else None, actor=actor or None, place=place or None,
                min_sources=min_sources, text=text or None, historical=historical)
    return EventQuery(f, box)


StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[EventQuery, Depends(event_filters)]


def _bad(e: EventwireError) -> HTTPException:
    """A 400 for a bad filter value (the query layer words it for the CLI: ``--country 'X': ...``)."""
    return HTTPException(400, str(e).removeprefix("--"))


@router.get("/events", response_model=EventPage, responses=BAD, summary="List events (filtered, paginated)")
def list_events(store: StoreDep, q: FiltersDep, offset: Annotated[int, Query(ge=0)] = 0,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> dict[str, Any]:
    """Events matching the filters, newest first: ``total`` counts every page."""
    try:
        total, items = data.page(store, q.filters, q.bbox, offset, limit)
    except EventwireError as e:
        raise _bad(e) from e
    return {"total": total, "offset": offset, "limit": limit, "items": items}


GEOJSON = {200: {"content": {"application/geo+json": {"schema": {"$ref": "#/components/schemas/FeatureCollection"}}},
                 "description": "a FeatureCollection"}}


@router.get("/events.geojson", response_class=Response, responses={**GEOJSON, **BAD},
            summary="The filtered events as GeoJSON")
def events_geojson(store: StoreDep, q: FiltersDep, download: bool = False,
                   limit: Annotated[int | None, Query(ge=1, description="at most this many (newest)")] = None,
                   ) -> Response:
    """Every matching event (or the newest ``limit``) as a GeoJSON Feature (a Point, or null geometry)."""
    body = _export(store, q, limit, RENDERERS["geojson"].records)
    headers = {"Content-Disposition": 'attachment; filename="events.geojson"'} if download else {}
    return Response(body, media_type="application/geo+json", headers=headers)


def _export(store: Store, q: Any, limit: int | None, write: Callable[[list, io.StringIO], object]) -> str:
    """The filtered events (the newest ``limit``) written by ``write`` into a string."""
    q.filters.limit = limit
    try:
        recs = data.all_records(store, q.filters, q.bbox)
    except EventwireError as e:
        raise _bad(e) from e
    buf = io.StringIO()
    write(recs, buf)
    return buf.getvalue()


CSV = {200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "ACLED-style CSV"}}


@router.get("/events.csv", response_class=Response, responses={**CSV, **BAD},
            summary="The filtered events as ACLED-style CSV")
def events_csv(store: StoreDep, q: FiltersDep,
               limit: Annotated[int | None, Query(ge=1, description="at most this many (newest)")] = None,
               ) -> Response:
    """The same CSV as ``eventwire events --format csv`` with the same filters."""
    return Response(_export(store, q, limit, RENDERERS["csv"].records), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/events/{event_id}", response_model=EventDetail,
            responses={404: {"model": ErrorModel, "description": "no such event"}},
            summary="One event with its sources, disagreements and evidence")
def get_event(store: StoreDep, event_id: str) -> dict[str, Any]:
    """The event (``evt-...``), the fields its sources disagree on, and each reporting article with
    its text and the evidence offsets into it."""
    try:
        row = find(store, event_id)
    except EventwireError as e:
        raise HTTPException(404, str(e)) from e
    return data.detail(store, row)


@router.get("/stats", response_model=Stats, responses=BAD, summary="Counts by period x type or country")
def get_stats(store: StoreDep, q: FiltersDep,
              interval: Annotated[str, Query(pattern="^(day|week|month|auto)$",
                                             description="auto: day, week or month by the events' span")] = "week",
              by: Annotated[str, Query(pattern="^(type|country)$")] = "type") -> dict[str, Any]:
    """Events and (best) fatalities of the filtered events per day, week or month and type or country."""
    try:
        return data.stats(store, q.filters, q.bbox, interval, by)
    except EventwireError as e:
        raise _bad(e) from e


@router.get("/articles", response_model=ArticlePage, summary="List stored articles")
def list_articles(store: StoreDep, offset: Annotated[int, Query(ge=0)] = 0,
                  limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                  text: Annotated[str | None, Query(description="words in the article")] = None) -> dict[str, Any]:
    total, items = data.article_page(store, offset, limit, text or None)
    return {"total": total, "offset": offset, "limit": limit, "items": items}


@router.get("/articles/{article_id}", response_model=Article,
            responses={404: {"model": ErrorModel, "description": "no such article"}}, summary="One article")
def get_article(store: StoreDep, article_id: int) -> dict[str, Any]:
    a = data.article(store, article_id)
    if a is None:
        raise HTTPException(404, f"no article {article_id}")
    return a


@router.get("/meta", summary="Server facts the dashboard needs")
def meta(request: Request) -> dict[str, Any]:
    """Version, whether writes are enabled, the event types, and the tile URL (null: offline basemap)."""
    from ..schema import taxonomy

    st = request.app.state
    return {"version": __version__, "writable": bool(st.token), "event_types": list(taxonomy()),
            "tiles": st.tiles, "tiles_attribution": st.tiles_attribution}


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Writes need ``Authorization: Bearer <token>``: 403 when the server has no token, 401 when wrong."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "writes are disabled: start 'eventwire serve' with --token or EVENTWIRE_TOKEN")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not authorization or not authorization.startswith("Bearer ") or \
            not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


WRITE = {401: {"model": ErrorModel, "description": "missing or wrong token"},
         403: {"model": ErrorModel, "description": "writes are disabled (no token configured)"}}


@router.post("/ingest", response_model=IngestResult, responses=WRITE, dependencies=[Depends(require_token)],
             summary="Code and store articles (needs the token)")
def post_ingest(store: StoreDep, body: IngestRequest) -> dict[str, Any]:
    """Code each article and store its events, merged with the stored ones (as ``eventwire ingest``)."""
    from ..record import Article as Art
    from ..store.ingest import ingest

    arts = [Art(id=a.id, text=a.text, title=a.title, url=a.url, published=a.published, source=a.source,
                origin="api") for a in body.articles]
    outcomes = []
    for o in ingest(store, arts):
        ad = o.added
        outcomes.append({"id": o.article.id, "status": o.status, "error": o.error,
                         "mentions": ad.n_mentions if ad else 0, "new_events": ad.new_events if ad else 0,
                         "merged": ad.merged if ad else 0})
    return {"outcomes": outcomes}
