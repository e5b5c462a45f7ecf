"""The JSON API under ``/api/``: events (filtered, sorted, paginated), one event, aggregates, facets,
articles, exports.

Every read endpoint takes the filters of ``eventwire events`` as query parameters (``type``,
``country``, ``since``, ``until``, ``actor``, ``place``, ``min_sources``, ``text``,
``historical``) plus ``bbox`` (the map view); ``/api/events`` also takes ``sort`` (a column of
:data:`eventwire.api.data.SORTS`, ``-`` for descending), applied before the page is cut. A malformed or unusable value (a bad date, an
unknown country or event type, a negative offset) is a 422 with the reason in words. A page holds
at most ``MAX_PAGE`` items and an export at most the server's ``max_export`` events
(:mod:`eventwire.api.security`): a larger ``limit`` is lowered, not refused. Writes (``POST
/api/ingest`` here, the review actions in :mod:`.review_routes`) need ``Authorization: Bearer
<token>`` (compared in constant time; a token in the URL is refused); the token names the
reviewer; without a configured token writes are disabled (403).
"""

from __future__ import annotations

import hashlib
import hmac
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
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
    Facets,
    IngestRequest,
    IngestResult,
    Stats,
)
from .security import MAX_OFFSET, MAX_PAGE, TOKEN_PARAMS

router = APIRouter(prefix="/api", tags=["events"])
BAD: dict[int | str, dict[str, Any]] = {}  # a bad filter value is a 422 (HTTPValidationError, worded)
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
PageLimit = Annotated[int, Query(ge=1, description=f"items per page (at most {MAX_PAGE}: a larger limit is lowered)")]
ExportLimit = Annotated[int | None, Query(ge=1, description="at most this many (the newest); never more than the "
                                                            "server's export cap (serve --max-export, default 10000)")]


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
    country: Annotated[str | None, Query(description="ACLED country name, other common name, or ISO alpha-2/alpha-3/numeric")] = None,
    since: Annotated[date | None, Query(description="events that may have happened on or after")] = None,
    until: Annotated[date | None, Query(description="events that may have happened on or before")] = None,
    actor: Annotated[str | None, Query(description="actor1 or actor2 (substring)")] = None,
    place: Annotated[str | None, Query(description="location or admin1 (substring)")] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    text: Annotated[str | None, Query(description="words in an article reporting the event")] = None,
    historical: Annotated[bool, Query(description="include events known only from background mentions")] = False,
    bbox: Annotated[str | None, Query(description="map view: west,south,east,north (degrees)")] = None,
) -> EventQuery:
    """The CLI's ``events`` filters (empty values mean no filter) and an optional bounding box."""
    try:
        box = data.BBox.parse(bbox) if bbox else None
    except ValueError as e:
        raise HTTPException(422, f"bbox: {e}") from e
    if type and not data.known_type(type):
        raise HTTPException(422, f"type {type!r}: no event type, sub-event type or family contains it "
                                 "(see /api/meta for the event types)")
    if since and until and since > until:
        raise HTTPException(422, f"since {since.isoformat()} is after until {until.isoformat()}")
    f = Filters(type=type or None, country=country or None, since=since.isoformat() if since else None,
                until=until.isoformat() if until else None, actor=actor or None, place=place or None,
                min_sources=min_sources, text=text or None, historical=historical)
    return EventQuery(f, box)


StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[EventQuery, Depends(event_filters)]


def _bad(e: EventwireError) -> HTTPException:
    """A 422 for a bad filter value (the query layer words it for the CLI: ``--country 'X': ...``)."""
    return HTTPException(422, str(e).removeprefix("--"))


def sort_param(sort: Annotated[str | None, Query(
        description=f"order of the whole list before the page is cut: one of {', '.join(data.SORTS)}; "
                    "prefix '-' for descending (missing values last); default newest first")] = None) -> str | None:
    """The ``sort`` parameter, checked against :data:`eventwire.api.data.SORTS` (a 422 in words otherwise)."""
    if not sort:
        return None
    try:
        data.sort_key(sort)
    except ValueError as e:
        raise HTTPException(422, str(e)) from e
    return sort.strip()


@router.get("/events", response_model=EventPage, responses=BAD, summary="List events (filtered, sorted, paginated)")
def list_events(store: StoreDep, q: FiltersDep, sort: Annotated[str | None, Depends(sort_param)],
                offset: Offset = 0, limit: PageLimit = 100) -> dict[str, Any]:
    """Events matching the filters, newest first or in the ``sort`` order: ``total`` counts every page;
    ``limit`` in the answer is the one used (at most MAX_PAGE)."""
    limit = min(limit, MAX_PAGE)
    try:
        total, items = data.page(store, q.filters, q.bbox, offset, limit, sort)
    except EventwireError as e:
        raise _bad(e) from e
    return {"total": total, "offset": offset, "limit": limit, "items": items}


@router.get("/facets", response_model=Facets, responses=BAD, summary="Counts by country, event type, actor, month")
def get_facets(store: StoreDep, q: FiltersDep,
               size: Annotated[int, Query(ge=1, le=100, description="values per facet (the largest)")] = 10
               ) -> dict[str, Any]:
    """The filtered events counted by country, event type, actor (actor1 or actor2) and month. Each
    value carries ``params``, the filter a click on it sets (replacing the facet's own parameters),
    and ``count`` is how many events ``/api/events`` then lists."""
    try:
        return data.facets(store, q.filters, q.bbox, size)
    except EventwireError as e:
        raise _bad(e) from e


GEOJSON = {200: {"content": {"application/geo+json": {"schema": {"$ref": "#/components/schemas/FeatureCollection"}}},
                 "description": "a FeatureCollection"}}


@router.get("/events.geojson", response_class=Response, responses={**GEOJSON, **BAD},
            summary="The filtered events as GeoJSON")
def events_geojson(request: Request, store: StoreDep, q: FiltersDep, download: bool = False,
                   limit: ExportLimit = None) -> Response:
    """Every matching event (or the newest ``limit``, at most the export cap) as a GeoJSON Feature
    (a Point, or null geometry). ``X-Eventwire-Truncated: true`` when the cap left events out."""
    body, headers = _export(request, store, q, limit, RENDERERS["geojson"].records)
    if download:
        headers["Content-Disposition"] = 'attachment; filename="events.geojson"'
    return Response(body, media_type="application/geo+json", headers=headers)


def _export(request: Request, store: Store, q: Any, limit: int | None,
            write: Callable[[list, io.StringIO], object]) -> tuple[str, dict[str, str]]:
    """The filtered events (the newest ``limit``, at most the server's cap) written by ``write`` into a
    string, and the headers that say the cap: ``X-Eventwire-Limit`` and ``X-Eventwire-Truncated``."""
    cap = request.app.state.max_export
    wanted = min(limit or cap, cap)
    q.filters.limit = wanted + 1  # one more: were some left out?
    try:
        recs = data.all_records(store, q.filters, q.bbox)
    except EventwireError as e:
        raise _bad(e) from e
    truncated = len(recs) > wanted and (limit is None or limit > cap)
    buf = io.StringIO()
    write(recs[:wanted], buf)
    return buf.getvalue(), {"X-Eventwire-Limit": str(wanted), "X-Eventwire-Truncated": str(truncated).lower()}


CSV = {200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "ACLED-style CSV"}}


@router.get("/events.csv", response_class=Response, responses={**CSV, **BAD},
            summary="The filtered events as ACLED-style CSV")
def events_csv(request: Request, store: StoreDep, q: FiltersDep, limit: ExportLimit = None) -> Response:
    """The same CSV as ``eventwire events --format csv`` with the same filters (at most the export cap)."""
    body, headers = _export(request, store, q, limit, RENDERERS["csv"].records)
    headers["Content-Disposition"] = 'attachment; filename="events.csv"'
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


def find_event(store: Store, event_id: str) -> Any:
    """The event row for a public id, or a 404 (an id too long to be one is not looked up)."""
    if len(event_id) > 100 or (event_id.strip().isdigit() and len(event_id.strip()) > 18):
        raise HTTPException(404, "no such event")
    try:
        return find(store, event_id)
    except EventwireError as e:
        raise HTTPException(404, str(e)) from e


@router.get("/events/{event_id}", response_model=EventDetail,
            responses={404: {"model": ErrorModel, "description": "no such event"}},
            summary="One event with its sources, disagreements and evidence")
def get_event(store: StoreDep, event_id: str) -> dict[str, Any]:
    """The event (``evt-...``), the fields its sources disagree on, and each reporting article with
    its text and the evidence offsets into it."""
    return data.detail(store, find_event(store, event_id))


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
def list_articles(store: StoreDep, offset: Offset = 0, limit: PageLimit = 100,
                  text: Annotated[str | None, Query(description="words in the article")] = None) -> dict[str, Any]:
    """Stored articles without their text, newest publication first (at most MAX_PAGE per page)."""
    limit = min(limit, MAX_PAGE)
    total, items = data.article_page(store, offset, limit, text or None)
    return {"total": total, "offset": offset, "limit": limit, "items": items}


@router.get("/articles/{article_id}", response_model=Article,
            responses={404: {"model": ErrorModel, "description": "no such article"}}, summary="One article")
def get_article(store: StoreDep, article_id: Annotated[int, Path(ge=1, le=2**63 - 1)]) -> dict[str, Any]:
    a = data.article(store, article_id)
    if a is None:
        raise HTTPException(404, f"no article {article_id}")
    return a


@router.get("/meta", summary="Server facts the dashboard needs")
def meta(request: Request) -> dict[str, Any]:
    """Version, whether writes are enabled, the event types, and the tile URL (null: offline basemap)."""
    from ..schema import taxonomy

    st = request.app.state
    return {"version": __version__, "writable": bool(st.tokens), "event_types": list(taxonomy()),
            "sub_event_types": taxonomy(),
            "tiles": st.tiles, "tiles_attribution": st.tiles_attribution}


def reviewer(request: Request, authorization: Annotated[str | None, Header()] = None) -> str:
    """The name of the person a write is done for: ``Authorization: Bearer <token>`` names one of the
    server's tokens (``serve --token``: "admin"; ``serve --reviewers FILE``: one name per token).
    403 when the server has no token, 401 when the token is wrong or missing, or offered in the URL
    (which ends up in logs); every token is compared, in constant time, whatever the token given."""
    tokens: dict[str, str] = request.app.state.tokens
    if not tokens:
        raise HTTPException(403, "writes are disabled: start 'eventwire serve' with --token or --reviewers")
    in_url = sorted({k for k in request.query_params if k.lower() in TOKEN_PARAMS})
    if in_url:
        raise HTTPException(401, f"a token in the URL ({', '.join(in_url)}) is refused: send it only as "
                                 "'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})
    scheme, _, given = (authorization or "").partition(" ")
    # digests of equal length: the comparison leaks neither the content nor the length of a token
    digest = hashlib.sha256(given.strip().encode()).digest()
    who = None
    for token, name in tokens.items():
        if hmac.compare_digest(digest, hashlib.sha256(token.encode()).digest()):
            who = name
    if scheme != "Bearer" or who is None:
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})
    return who


require_token = reviewer  # as a dependency of an endpoint that does not need the name

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
