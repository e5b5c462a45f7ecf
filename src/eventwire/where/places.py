"""Turn resolved candidates into :class:`~eventwire.record.Place` records and output rows."""

from __future__ import annotations

from typing import Any

from ..record import Place
from . import lexicon
from .candidate import Candidate
from .gazetteer import Entry

RECORD_KEYS = ("article_id", "start", "end", "text", "name", "geonameid", "latitude", "longitude",
               "country", "admin1", "feature_code", "place_level", "score")


def place_from_entry(e: Entry, start: int, end: int, text: str, score: float = 0.0,
                     role: str = "place") -> Place:
    """A Place for the text ``text`` at ``start:end`` resolved to gazetteer entry ``e``."""
    level = lexicon.levels().level(e.feature_code, e.feature_class)
    admin1 = e.admin1_name
    if e.feature_code == "ADM1":
        admin1 = e.name
    return Place(start=start, end=end, text=text, name=e.name, geonameid=e.geonameid,
                 latitude=e.latitude, longitude=e.longitude, country=e.country, admin1=admin1,
                 feature_code=e.feature_code, place_level=level, score=score, role=role)


def record(article_id: str, p: Place) -> dict[str, Any]:
    """The ``eventwire places`` JSON object of one place mention."""
    return {"article_id": article_id, "start": p.start, "end": p.end, "text": p.text, "name": p.name,
            "geonameid": p.geonameid, "latitude": p.latitude, "longitude": p.longitude,
            "country": p.country, "admin1": p.admin1, "feature_code": p.feature_code,
            "place_level": p.place_level, "score": p.score}


def unresolved_place(c: Candidate, country: str | None) -> Place:
    """A Place for a name the gazetteer lacks: the name as written, the article's country."""
    level = lexicon.levels().unresolved_nouns.get(c.type_word or "", "town")  # feature_levels.yaml
    return Place(start=c.start, end=c.end, text=c.text, name=c.text, geonameid=None, latitude=None,
                 longitude=None, country=country, admin1=None, feature_code=None, place_level=level,
                 score=0.0, role="place")
