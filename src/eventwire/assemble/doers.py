"""Who did it, across the article: the one doer the article names for its violence of a type is
the doer of that type's events it leaves unattributed.

    carry_doers(records, adoc) -> None   (sets Unit.doer)

News names the perpetrator once and tells the rest without him: "Russian shelling killed seven in
the Kherson region ... in Shyroka Balka, an artillery bombardment hit a house". When the events of
one type (Explosions/Remote violence, Battles, ...) that name their doer all name the same one -- an
armed group, or the forces of another country than the event's -- the article's other events of
that type, whose doer is unidentified, take it. Two different doers named, or only the country's own
forces, and nothing is carried: the text does not say who.
"""

from __future__ import annotations

from ..record import Actor, AnnotatedDoc
from ..what.actors_names import category_of_name, render
from ..what.actors_names import lexicon as actor_lexicon
from .build import record_actors, unattributed
from .unit import Unit


def _country(r: Unit, adoc: AnnotatedDoc) -> str | None:
    place = r.place()
    if place is not None and place.country:
        return place.country
    return adoc.countries[0] if adoc.countries else None


def _named_doer(a: Actor | None, iso: str | None) -> bool:
    """An armed group named in the text, or forces the text names as another country's."""
    if a is None or not a.text:
        return False
    if a.kind in actor_lexicon().roles["perpetrator_kinds"]:
        return True
    cat = category_of_name(a.name) if a.kind == "state" else None
    return cat is not None and iso is not None and a.name != render(cat, iso)


def carry_doers(records: list[Unit], adoc: AnnotatedDoc) -> None:
    named: dict[str, dict[str, Actor]] = {}  # event type -> doer name -> doer
    new = [(r, record_actors(r)[0]) for r in records if not r.historical]
    for r, a1 in new:
        if a1 is not None and _named_doer(a1, _country(r, adoc)):
            named.setdefault(r.best.event_type, {}).setdefault(a1.name, a1)
    for r, a1 in new:
        doers = named.get(r.best.event_type, {})
        if len(doers) == 1 and unattributed(a1):
            r.doer = next(iter(doers.values()))
