"""The JSON Schema of the event record, generated from :class:`~eventwire.record.Event`.

The shipped file ``data/event.schema.json`` is this function's output (a test keeps them equal);
``eventwire schema`` prints it. Field documentation lives here, next to the generator, so the
README, the schema and the dataclass cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from importlib import resources
from typing import Any

from . import knowledge, lang
from .record import (
    COUNT_FIELDS,
    DATE_PRECISIONS,
    DATE_SOURCES,
    MODALITIES,
    PLACE_LEVELS,
    PLACE_SOURCES,
    QUALIFIERS,
    Event,
    Evidence,
)

SCHEMA_ID = "https://eventwire.invalid/schema/event.schema.json"

FIELD_DOCS: dict[str, str] = {
    "event_id": "Stable id of this event record (same article coded the same way -> same id).",
    "article_id": "Id of the article the event was coded from.",
    "event_type": "ACLED event type (one of 6).",
    "sub_event_type": "ACLED sub-event type (one of 25), consistent with event_type.",
    "date": "Event date at its precision: YYYY-MM-DD (day, week), YYYY-MM (month), YYYY (year); "
            "null when a relative date could not be resolved (no publication date).",
    "date_precision": "day | week | month | year | unknown (see the ACLED-style CSV for time_precision).",
    "historical": "True for a background mention of a past event (before the article's ~30-day news "
                  "window, or framed as background); such events are not new events.",
    "country": "ISO 3166-1 alpha-2 code of the event's country.",
    "admin1": "First-level administrative division (province, state, region) of the place.",
    "location": "The most specific place the text supports, by its gazetteer name.",
    "latitude": "Latitude of the place (WGS84), from the gazetteer.",
    "longitude": "Longitude of the place (WGS84), from the gazetteer.",
    "geonameid": "GeoNames id of the place, when it has one.",
    "place_level": "town | district | region | country.",
    "geo_precision": "ACLED geo_precision: 1 the named town or its outskirts, 2 near a named place or "
                     "part of a region, 3 only the region (or country).",
    "actor1": "Who acted, named the ACLED way ('Police Forces of Morocco', 'Islamic State').",
    "actor2": "The target or the other side, named the ACLED way ('Civilians (Nigeria)').",
    "fatalities": "People killed in this event (an integer as stated; the lower bound for 'at least N'); "
                  "null when not stated or vague.",
    "fatalities_qualifier": "exact | at least | more than | about | nearly | up to | range | vague.",
    "injured": "People injured, as for fatalities.",
    "injured_qualifier": "Qualifier of the injured count.",
    "arrested": "People arrested or detained, as for fatalities.",
    "arrested_qualifier": "Qualifier of the arrested count.",
    "count_qualifier": "Qualifier of the event's headline count (fatalities, else arrested, else injured).",
    "confidence": "0..1: how sure eventwire is that this is a real, correctly typed event.",
    "evidence": "Why we believe it: for the event (field 'event') and for each value that has one "
                "(date, location, actor1, actor2, fatalities, injured, arrested), the surface text, its "
                "character offsets into the article text, and the sentence with its offsets.",
    "modality": "asserted, or (only with `extract --all`) negated | hypothetical | planned | threatened | denied.",
    "date_note": "How the date was derived ('on Friday' relative to the publication date, ...).",
    "date_source": "How the date was found: stated (for the event) | paragraph (an earlier sentence of "
                   "its paragraph) | context (the story's date) | report_date (the day it was reported) | "
                   "publication_date (the text gives none) | unknown.",
    "place_source": "How the place was found: stated (in the event's sentence) | context (the sentences "
                    "around) | article (the article's main place) | dateline | country | unknown.",
    "location_names": "Other names of the resolved place (alternate spellings).",
    "title": "Title of the article.",
    "url": "URL of the article.",
    "published": "Publication date of the article (YYYY-MM-DD) or null.",
    "source": "Publisher or source name.",
    "language": "The language the article was coded from (ISO 639-1: en, fr): its own, else detected.",
}


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, list[str]]:
    """ACLED's event types -> their sub-event types, from ``data/taxonomy.yaml``."""
    data = knowledge.load("taxonomy.yaml")
    out: dict[str, list[str]] = {t: [] for t in data["event_types"]}
    for st in data["sub_event_types"]:
        out[st["event_type"]].append(st["name"])
    return out


def _json_type(tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _json_type(args[0])
        t = inner.get("type")
        return {**inner, "type": [t, "null"]} if isinstance(t, str) else inner
    if origin is list:
        return {"type": "array", "items": _json_type(typing.get_args(tp)[0])}
    return {
        str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"},
        bool: {"type": "boolean"}, Evidence: {"$ref": "#/$defs/Evidence"},
    }.get(tp, {})


def _object_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        props[f.name] = _json_type(hints[f.name])
    return {"type": "object", "properties": props, "required": [f.name for f in dataclasses.fields(cls)]}


def event_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of ``eventwire extract --format jsonl``."""
    tax = taxonomy()
    schema = _object_schema(Event)
    props = schema["properties"]
    for name, doc in FIELD_DOCS.items():
        if name in props:
            props[name]["description"] = doc
    props["event_type"]["enum"] = list(tax)
    props["sub_event_type"]["enum"] = [s for subs in tax.values() for s in subs]
    props["date_precision"]["enum"] = list(DATE_PRECISIONS)
    props["place_level"]["enum"] = [*PLACE_LEVELS, None]
    props["geo_precision"]["enum"] = [1, 2, 3, None]
    props["modality"]["enum"] = list(MODALITIES)
    props["date_source"]["enum"] = list(DATE_SOURCES)
    props["place_source"]["enum"] = list(PLACE_SOURCES)
    props["language"]["enum"] = [*lang.codes(), None]
    props["country"]["pattern"] = "^[A-Z]{2}$"
    props["date"]["pattern"] = r"^\d{4}(-\d{2}(-\d{2})?)?$"
    props["confidence"].update(minimum=0, maximum=1)
    for f in COUNT_FIELDS:
        props[f]["minimum"] = 0
        props[f"{f}_qualifier"]["enum"] = [*QUALIFIERS, None]
    props["count_qualifier"]["enum"] = [*QUALIFIERS, None]
    evidence = _object_schema(Evidence)
    evidence["properties"]["field"]["description"] = "'event' or the record field the evidence supports."
    evidence["properties"]["start"]["description"] = "Offset of the text in the article text (code points)."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "eventwire event",
        "description": "One event coded from one news article (one line of `eventwire extract` JSONL).",
        **schema,
        "additionalProperties": True,
        "$defs": {"Evidence": evidence},
    }


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped in the package (``data/event.schema.json``)."""
    import json

    text = resources.files("eventwire").joinpath("data/event.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
