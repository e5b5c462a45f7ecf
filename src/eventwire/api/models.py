"""Response models of the HTTP API: what ``/openapi.json`` documents and every response is checked against.

The event record is the store's exported record (:func:`eventwire.output.records.record`); the models
name the fields a client can rely on and allow the rest (``extra="allow"``), so a field added to
the record later is passed through rather than dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..record import Evidence  # one definition of a piece of evidence: the record's, validated as is


class CountRange(BaseModel):
    """UCDP-style low/best/high of one count over the event's sources."""

    model_config = ConfigDict(extra="allow")
    low: int | None = None
    best: int | None = None
    high: int | None = None


class SourceRef(BaseModel):
    """An article that reports the event."""

    model_config = ConfigDict(extra="allow")
    article: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None


class EventRecord(BaseModel):
    """A merged event as exported by the store (canonical values, sources, counts, disagreements)."""

    model_config = ConfigDict(extra="allow")
    event_id: str
    event_type: str
    sub_event_type: str
    date: str | None = None
    date_precision: str
    historical: bool
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    confidence: float
    n_sources: int
    first_report: str | None = None
    last_report: str | None = None
    disputed: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    counts: dict[str, CountRange] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    plover_type: str | None = Field(default=None, description="PLOVER event type (data/plover.yaml)")
    plover_mode: str | None = Field(default=None, description="PLOVER mode of the event type, when known")
    cameo_root: str | None = Field(default=None, description="CAMEO root code, two digits ('18': Assault)")
    cameo_code: str | None = Field(default=None, description="CAMEO base code under the root, when one fits")


class EventPage(BaseModel):
    """One page of the events matching a filter, newest first."""

    total: int = Field(description="events matching the filter, all pages")
    offset: int
    limit: int
    items: list[EventRecord]


class ArticleSummary(BaseModel):
    """A stored article without its text."""

    id: int
    key: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    n_mentions: int


class Article(ArticleSummary):
    """A stored article with its text (which every evidence offset indexes)."""

    text: str


class ArticlePage(BaseModel):
    """One page of stored articles, newest publication first."""

    total: int
    offset: int
    limit: int
    items: list[ArticleSummary]


class Mention(BaseModel):
    """How one article coded the event: its record's values and the evidence it gave."""

    record_id: str
    article: Article
    sub_event_type: str
    date: str | None = None
    date_precision: str | None = None
    location: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    historical: bool = False
    evidence: list[Evidence]


class Disagreement(BaseModel):
    """A field on which the sources disagree, with every value reported and who reported it."""

    field: str
    values: list[dict[str, Any]]


class EventDetail(BaseModel):
    """One event with its sources, their disagreements and each article with its evidence."""

    event: EventRecord
    disagreements: list[Disagreement]
    mentions: list[Mention]


class Bucket(BaseModel):
    """The events (and their best fatality count) of one period and one group."""

    period: str = Field(description="YYYY-MM-DD (day; week: its Monday), YYYY-MM (month)")
    group: str = Field(description="the event type or the country code; '?' when unknown")
    events: int
    fatalities: int


class PeriodTotal(BaseModel):
    """The events (and best fatalities) of one period, all groups together; 0 for a period without any."""

    period: str
    events: int
    fatalities: int


class Stats(BaseModel):
    """Counts of the filtered events by period and by event type or country."""

    interval: Literal["day", "week", "month"]
    by: Literal["type", "country"]
    total: int
    undated: int = Field(description="matching events without a date, not in any bucket")
    buckets: list[Bucket] = Field(description="one per period and group that has events")
    periods: list[PeriodTotal] = Field(description="every period from the first to the last bucket's, in order, "
                                                   "those without events too (a time axis to scale)")


class FacetValue(BaseModel):
    """One value of a facet and how many of the filtered events a click on it lists."""

    value: str | None = Field(description="the stored value (null: events without one)")
    label: str = Field(description="the value in words (a country's name)")
    count: int = Field(description="events listed with the current filters and this value's params")
    params: dict[str, str] | None = Field(description="the filter parameters a click sets, replacing the facet's "
                                                      "own (null: the value cannot be filtered on)")


class Facet(BaseModel):
    """The largest values of one field over the filtered events."""

    name: Literal["country", "event_type", "actor", "month"]
    params: list[str] = Field(description="the filter parameters this facet sets")
    distinct: int = Field(description="distinct values over the filtered events (values lists the largest)")
    values: list[FacetValue]


class Facets(BaseModel):
    """Facet counts of the filtered events: country, event type, actor (actor1 or actor2), month."""

    total: int = Field(description="events matching the filters")
    facets: list[Facet]


class IngestArticle(BaseModel):
    """An article to code and store (the fields of a JSON-lines input line)."""

    id: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    published: date | None = Field(default=None, description="YYYY-MM-DD")
    source: str | None = None


class IngestRequest(BaseModel):
    articles: list[IngestArticle] = Field(min_length=1, max_length=500)


class IngestOutcome(BaseModel):
    id: str
    status: Literal["stored", "updated", "duplicate", "failed"]
    mentions: int = 0
    new_events: int = 0
    merged: int = 0
    error: str | None = None


class IngestResult(BaseModel):
    outcomes: list[IngestOutcome]


class GeoPoint(BaseModel):
    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2)


class GeoFeature(BaseModel):
    type: Literal["Feature"]
    id: str
    geometry: GeoPoint | None
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    """The filtered events as GeoJSON: one Point per event (null geometry when not geocoded)."""

    type: Literal["FeatureCollection"]
    features: list[GeoFeature]


class ErrorModel(BaseModel):
    detail: str
