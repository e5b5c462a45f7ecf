"""Hand-made Event records for store tests that do not need the NLP (merge rules, concurrency)."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventwire.record import Article, Event, Evidence

PLACES = {
    "Mogadishu": (2.0371, 45.3438, "SO", "Banaadir"),
    "Hodan": (2.0300, 45.3000, "SO", "Banaadir"),  # a district of Mogadishu, 5 km away
    "Kismayo": (-0.3582, 42.5454, "SO", "Lower Juba"),
    "Kaduna": (10.5222, 7.4383, "NG", "Kaduna"),
    "Zaria": (11.0855, 7.7199, "NG", "Kaduna"),
    "Marrakesh": (31.6342, -7.9999, "MA", "Marrakesh-Safi"),
    "Lido": (45.4167, 12.3667, "IT", "Veneto"),  # a homonym abroad of a Mogadishu beach
}
TYPES = {
    "Suicide bomb": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Arrests": "Strategic developments",
}


def event(article_id: str, sentence: str, sub: str = "Remote explosive/landmine/IED", day: str = "2023-06-10",
          precision: str = "day", place: str = "Mogadishu", killed: int | None = None, historical: bool = False,
          actor1: str | None = None, n: int = 0) -> Event:
    """One extractor record whose evidence points into ``sentence`` (the article's text)."""
    lat, lon, cc, adm = PLACES[place]
    i = sentence.find(place)
    ev = [Evidence("event", sentence[:5], 0, 5, sentence, 0, len(sentence))]
    if i >= 0:
        ev.append(Evidence("location", place, i, i + len(place), sentence, 0, len(sentence)))
    if killed is not None and str(killed) in sentence:
        j = sentence.index(str(killed))
        ev.append(Evidence("fatalities", str(killed), j, j + len(str(killed)), sentence, 0, len(sentence)))
    return Event(
        event_id=f"ev-{article_id}-{n}", article_id=article_id, event_type=TYPES[sub], sub_event_type=sub,
        date=day, date_precision=precision, historical=historical, country=cc, admin1=adm, location=place,
        latitude=lat, longitude=lon, geonameid=None, place_level="town", geo_precision=1,
        actor1=actor1 or f"Unidentified Armed Group ({cc})", actor2=None, fatalities=killed,
        fatalities_qualifier="exact" if killed is not None else None, injured=None, injured_qualifier=None,
        arrested=None, arrested_qualifier=None, count_qualifier=None, confidence=0.8, evidence=ev,
    )


def article(article_id: str, text: str, published: str = "2023-06-11", url: str | None = None) -> Article:
    return Article(id=article_id, text=text, published=date.fromisoformat(published), source="Test Wire",
                   url=url if url is not None else f"https://test.example/{article_id}", title=text[:40])


def add(store: Any, article_id: str, sentence: str, published: str = "2023-06-11", **kw: Any) -> Any:
    """Store an article of one sentence with one record; returns Store.add's result."""
    return store.add(article(article_id, sentence, published), [event(article_id, sentence, **kw)])


def events_of(store: Any) -> list[dict[str, Any]]:
    import sqlalchemy as sa

    from eventwire.store.schema import events

    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(events).order_by(events.c.id))]
