"""ACLED's export, column for column: the codes ACLED derives from a record, read from data files.

The CSV of ``eventwire extract --format csv`` and ``eventwire events --format csv`` (and the API's
``/api/events.csv``) has ACLED's 31 columns first, in ACLED's order (``columns`` of
``data/acled_csv.yaml``), then eventwire's own (``extension``; the store adds its own after those):

- ``inter1``/``inter2``: ACLED's inter codes from the kind of each actor (1 state forces ... 8
  external/other forces; 0 no actor), the kind read back from the actor's ACLED name
  (:func:`eventwire.what.actors_names.kind_of_name`); state forces of another country are 8.
- ``interaction``: both codes, lower first (17: state forces and civilians); a sole actor's code
  times ten (60: protesters alone).
- ``disorder_type``, ``civilian_targeting``: by sub-event type, event type and inter2.
- ``iso`` (numeric), ``region``, ``country``: :mod:`eventwire.countries`.
- ``admin2``/``admin3``: the gazetteer's areas of the place, where it knows them.
- ``source``: the outlet, else the host of the url, else the article's id (a file's name).
- ``notes``: a sentence in ACLED's style written from the record with the templates of ``notes``.
- ``fatalities``: 0 when no number was reported (ACLED's convention); the extension's
  ``fatalities_reported`` keeps the reported number (empty when none) and ``fatalities_qualifier``.
- ``timestamp``: the Unix time of the latest report of the event (its last article's publication
  day, 00:00 UTC), else of the event's day; ``tags``, ``assoc_actor_1/2`` are left empty.

Extension columns: ``fatalities_reported``, ``fatalities_qualifier``, ``injured``, ``arrested``,
``historical`` (1: known only from a background mention), ``geonameid``, ``url``, ``article_id``,
``confidence``, ``coding_notes`` (how the record was coded to ACLED's conventions: a date known only to
the year, a vague toll given a number) and ``evidence`` (the sentence that reports the event).
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from .. import countries, knowledge
from ..record import Event


@lru_cache(maxsize=1)
def conventions() -> dict[str, Any]:
    """The CSV conventions of ``data/acled_csv.yaml``."""
    return knowledge.load("acled_csv.yaml")


def columns() -> list[str]:
    """ACLED's 31 export columns, in ACLED's order."""
    return [str(c) for c in conventions()["columns"]]


def extension() -> list[str]:
    """eventwire's columns after ACLED's."""
    return [str(c) for c in conventions()["extension"]]


def inter_code(actor: str | None, country: str | None) -> int:
    """ACLED's inter code of an actor named the ACLED way, in an event in ``country`` (alpha-2)."""
    from ..what.actors_names import kind_of_name

    inter = conventions()["inter"]
    if not actor:
        return int(inter["none"])
    kind, home = kind_of_name(actor)
    if kind == "state" and home and country and home != country.upper():
        return int(inter["foreign_state"])
    return int(inter["kinds"].get(kind, inter["kinds"]["other"]))


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two inter codes, lower first; a sole actor's code times ten."""
    if not inter1 or not inter2:
        return 10 * (inter1 or inter2)
    lo, hi = sorted((inter1, inter2))
    return 10 * lo + hi


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of a sub-event type (else of its event type)."""
    d = conventions()["disorder_types"]
    return str(d["sub_event_types"].get(sub_event_type) or d["event_types"].get(event_type, ""))


def civilian_targeting(disorder: str, inter2: int) -> str:
    """"Civilian targeting" when civilians are the target of political violence, else ""."""
    c = conventions()["civilian_targeting"]
    return str(c["value"]) if inter2 in c["inter2"] and disorder in c["disorder_types"] else ""


def source_of(ev: Event) -> str:
    """The outlet of the record, else the host of its url, else its article's id (a file's name)."""
    if ev.source and ev.source.strip():
        return ev.source.strip()
    host = urlsplit(ev.url).hostname if ev.url else None
    if host:
        return host.removeprefix("www.")
    return ev.article_id


def source_scale(source: str) -> str:
    """ACLED's source_scale of a known outlet (``source_scales``), else ""."""
    scales = {str(k).casefold(): str(v) for k, v in conventions()["source_scales"].items()}
    return scales.get(source.casefold(), "")


def admin_areas(geonameid: int | None) -> tuple[str, str]:
    """(admin2, admin3) of a gazetteer place, "" where unknown; the gazetteer is read only when it
    is already built (an export never builds it)."""
    if not geonameid:
        return "", ""
    from ..where import gazetteer

    path = gazetteer.default_path()
    if not gazetteer.is_ready(path):
        return "", ""
    a2, a3 = gazetteer.get(path).admin_names(int(geonameid))
    return a2 or "", a3 or ""


def timestamp(*days: str | None) -> int | str:
    """The Unix time (00:00 UTC) of the first of ``days`` (YYYY-MM-DD...) that is a date; "" if none."""
    for d in days:
        try:
            return calendar.timegm(date.fromisoformat((d or "")[:10]).timetuple())
        except ValueError:
            continue
    return ""


def _place(ev: Event, country: str) -> str:
    n = conventions()["notes"]
    fields = {"location": ev.location or "", "admin1": ev.admin1 or "", "country": country}
    for form in n["places"]:
        names = [k for k in fields if "{" + k + "}" in form]
        if all(fields[k] for k in names):
            return str(form).format(**fields)
    return str(n["no_place"])


def _date(ev: Event, event_date: str) -> str:
    n = conventions()["notes"]
    if not event_date:
        return str(n["date"]["unknown"])
    d = date.fromisoformat(event_date)
    form = n["date"].get(ev.date_precision) or n["date"]["day"]
    return str(form).format(day=d.day, month=n["months"][d.month - 1], year=d.year)


def _count(n: dict[str, Any], value: int | str, qualifier: str | None, noun: list[str]) -> str:
    if isinstance(value, str):  # a vague amount as written ("dozens")
        return value
    q = n["qualifiers"].get(qualifier or "")
    return " ".join(x for x in (q, str(value), noun[0] if value == 1 else noun[1]) if x)


def note(ev: Event, event_date: str, fatalities: int | str | None) -> str:
    """The record told in one sentence in ACLED's style, with the ``notes`` templates:
    "On 10 May 2024, X carried out a suicide bombing in Zaria (Kaduna), killing at least 12 civilians."
    ``fatalities``: the number to tell (or a vague amount as written; None or 0: not told)."""
    n = conventions()["notes"]
    country = countries.name(ev.country) or ""
    bodies = n["bodies"]
    body = bodies.get(ev.sub_event_type) or bodies["default"]
    text = str(body["with_actor2" if ev.actor2 else "alone"]).format(
        actor1=ev.actor1 or n["no_actor1"], actor2=ev.actor2 or "", place=_place(ev, country),
        sub_event_type=ev.sub_event_type.lower())
    violent = disorder_type(ev.event_type, ev.sub_event_type).startswith("Political violence")
    kind = None
    if ev.actor2 and violent:
        from ..what.actors_names import kind_of_name

        kind = kind_of_name(ev.actor2)[0]
    victims = [str(w) for w in n["victims"].get(kind or "", n["people"])]
    people = [str(w) for w in n["people"]]
    parts = []
    for fld, value, qual, noun in (("fatalities", fatalities, ev.fatalities_qualifier, victims),
                                   ("injured", ev.injured, ev.injured_qualifier, people),
                                   ("arrested", ev.arrested, ev.arrested_qualifier, people)):
        if value:
            parts.append(str(n["counts"][fld]).format(n=_count(n, value, qual, noun)))
    counts = (", " + str(n["count_joiner"]).join(parts)) if parts else ""
    sentence = f"{_date(ev, event_date)}, {text}{counts}."
    return sentence[0].upper() + sentence[1:]


def acled_columns(ev: Event, event_date: str, fatalities: int | None, told: int | str | None,
                  last_report: str | None = None) -> dict[str, Any]:
    """The ACLED columns coded from ``ev`` by the tables above (``event_date`` and ``fatalities``
    already coded to ACLED's conventions; ``told``: the toll for the note; ``last_report``: the day
    of the latest report, for the timestamp)."""
    inter1, inter2 = inter_code(ev.actor1, ev.country), inter_code(ev.actor2, ev.country)
    disorder = disorder_type(ev.event_type, ev.sub_event_type)
    admin2, admin3 = admin_areas(ev.geonameid)
    source = source_of(ev)
    iso = countries.numeric(ev.country)
    return {
        "disorder_type": disorder, "assoc_actor_1": "", "inter1": inter1, "assoc_actor_2": "",
        "inter2": inter2, "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(disorder, inter2),
        "iso": "" if iso is None else iso, "region": countries.region(ev.country) or "",
        "admin2": admin2, "admin3": admin3, "source": source, "source_scale": source_scale(source),
        "notes": note(ev, event_date, told), "fatalities": 0 if fatalities is None else fatalities,
        "tags": "", "timestamp": timestamp(last_report, ev.published, ev.date, event_date),
    }
