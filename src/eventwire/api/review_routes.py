"""The review endpoints: analysts accept, reject, edit, merge and split events, each action one
request, each audited with the reviewer the token names (:mod:`eventwire.store.review` does the work).

    GET   /api/review/queue           unreviewed events, what most needs a person first (+ counts)
    GET   /api/whoami                 the reviewer a token names (the dashboard checks a token with it)
    POST  /api/events/{id}/accept     {version, reason?}
    POST  /api/events/{id}/reject     {version, reason}
    POST  /api/events/{id}/reopen     {version, reason?}
    PATCH /api/events/{id}            {version, set: {field: value}, unpin: [field], reason?}
    POST  /api/events/{id}/merge      {other, version, other_version?, reason?}
    POST  /api/events/{id}/split      {articles: [store article ids], version, reason?}
    GET   /api/events/{id}/history    reports and audited changes, oldest first
    GET   /api/places?q=              gazetteer places for a correction (the most populous first)
    GET   /api/actors?q=              actor names: the alias table's, the ACLED names for a country,
                                      and the store's

Writes need ``Authorization: Bearer <token>`` (401/403, see :func:`.routes.reviewer`); an edit made
on a version the event has left is a 409 naming the current version, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from ..errors import EventwireError
from ..store import review
from .models import ErrorModel, EventRecord
from .routes import BAD, FiltersDep, StoreDep, reviewer

router = APIRouter(prefix="/api", tags=["review"])
Reviewer = Annotated[str, Depends(reviewer)]
WRITE: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorModel, "description": "missing or wrong token"},
    403: {"model": ErrorModel, "description": "writes are disabled (no token configured)"},
    404: {"model": ErrorModel, "description": "no such event"},
    409: {"model": ErrorModel, "description": "the event changed since the version given: reload it"},
    422: {"model": ErrorModel, "description": "a value the event cannot take (the field is named)"},
}


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int | None = Field(default=None, ge=1, description="the event's version the decision was made on")
    reason: str | None = Field(default=None, max_length=review.MAX_REASON)


class Rejection(Decision):
    reason: str = Field(min_length=1, max_length=review.MAX_REASON, description="why it is not an event")


class Edit(Decision):
    set: dict[str, Any] = Field(default_factory=dict, description=f"corrected values; fields: {', '.join(review.EDITABLE)}")
    unpin: list[str] = Field(default_factory=list, description="fields given back to the machine")


class MergeRequest(Decision):
    other: str = Field(min_length=1, max_length=100, description="the event merged into this one (gone after)")
    other_version: int | None = Field(default=None, ge=1)


class SplitRequest(Decision):
    articles: list[int] = Field(min_length=1, max_length=1000, description="store ids of the articles whose reports leave")


class ReviewResult(BaseModel):
    event_id: str
    version: int
    status: str
    new_event_id: str | None = None


class QueueItem(BaseModel):
    need: float
    reasons: list[str]
    event: EventRecord


class QueuePage(BaseModel):
    left: int = Field(description="unreviewed events under the filters")
    reasons: dict[str, int] = Field(description="how many of them have each reason")
    offset: int
    items: list[QueueItem]


class PlaceChoice(BaseModel):
    location: str
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int
    place_level: str | None = None
    population: int = 0


def _done(d: review.Done) -> dict[str, Any]:
    return {"event_id": d.uid, "version": d.version, "status": d.status, "new_event_id": d.new_uid}


def _act(fn: Any, *args: Any, **kw: Any) -> dict[str, Any]:
    try:
        return _done(fn(*args, **kw))
    except review.ReviewError as e:
        raise HTTPException(getattr(e, "status", 422), str(e)) from e


@router.get("/whoami", responses=WRITE, summary="The reviewer a token names")
def whoami(who: Reviewer) -> dict[str, str]:
    return {"reviewer": who}


@router.post("/events/{event_id}/accept", response_model=ReviewResult, responses=WRITE, summary="Accept an event")
def accept(store: StoreDep, who: Reviewer, event_id: str, body: Decision) -> dict[str, Any]:
    return _act(review.accept, store, event_id, who=who, version=body.version, reason=body.reason)


@router.post("/events/{event_id}/reject", response_model=ReviewResult, responses=WRITE,
             summary="Reject an event (not an event; a reason is required)")
def reject(store: StoreDep, who: Reviewer, event_id: str, body: Rejection) -> dict[str, Any]:
    return _act(review.reject, store, event_id, who=who, version=body.version, reason=body.reason)


@router.post("/events/{event_id}/reopen", response_model=ReviewResult, responses=WRITE,
             summary="Back to unreviewed")
def reopen(store: StoreDep, who: Reviewer, event_id: str, body: Decision) -> dict[str, Any]:
    return _act(review.reopen, store, event_id, who=who, version=body.version, reason=body.reason)


@router.patch("/events/{event_id}", response_model=ReviewResult, responses=WRITE,
              summary="Correct fields (pinned: re-coding and later reports keep them)")
def edit(store: StoreDep, who: Reviewer, event_id: str, body: Edit) -> dict[str, Any]:
    return _act(review.edit, store, event_id, body.set, who=who, version=body.version, unpin=body.unpin,
                reason=body.reason)


@router.post("/events/{event_id}/merge", response_model=ReviewResult, responses=WRITE,
             summary="Merge another event into this one")
def merge(store: StoreDep, who: Reviewer, event_id: str, body: MergeRequest) -> dict[str, Any]:
    return _act(review.merge, store, event_id, body.other, who=who, version=body.version,
                other_version=body.other_version, reason=body.reason)


@router.post("/events/{event_id}/split", response_model=ReviewResult, responses=WRITE,
             summary="Split reports off an event into an event of their own")
def split(store: StoreDep, who: Reviewer, event_id: str, body: SplitRequest) -> dict[str, Any]:
    return _act(review.split, store, event_id, body.articles, who=who, version=body.version, reason=body.reason)


@router.get("/events/{event_id}/history", response_model=list[review.Entry],
            responses={404: {"model": ErrorModel, "description": "no such event"}},
            summary="An event's reports and every audited change, oldest first")
def history(store: StoreDep, event_id: str) -> list[dict[str, Any]]:
    try:
        return [e.as_dict() for e in review.history(store, event_id)]
    except review.ReviewError as e:
        raise HTTPException(e.status, str(e)) from e


@router.get("/review/queue", response_model=QueuePage, responses=BAD,
            summary="Unreviewed events, what most needs a person first")
def get_queue(store: StoreDep, q: FiltersDep, offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
              limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """Ordered by need (``data/store/review.yaml``: low confidence, sources that disagree, one
    source, an actor or a place new to the store); ``left`` counts every unreviewed event under the
    filters and ``reasons`` how many have each reason."""
    from .data import api_record

    try:
        qu = review.queue(store, q.filters, limit=limit, offset=offset)
    except EventwireError as e:
        raise HTTPException(422, str(e).removeprefix("--")) from e
    return {"left": qu.left, "reasons": qu.reasons, "offset": offset,
            "items": [{"need": n, "reasons": why, "event": api_record(r)} for n, why, r in qu.items]}


@router.get("/places", response_model=list[PlaceChoice], summary="Gazetteer places whose name starts with q")
def places(q: Annotated[str, Query(min_length=1, max_length=100)],
           country: Annotated[str | None, Query(max_length=60)] = None,
           limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[dict[str, Any]]:
    from .data import place_choices

    return place_choices(q, country, limit)


@router.get("/actors", response_model=list[str], summary="Actor names starting with or containing q")
def actors(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=100)],
           country: Annotated[str | None, Query(max_length=60)] = None,
           limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[str]:
    from .data import actor_choices

    return actor_choices(store, q, country, limit)
