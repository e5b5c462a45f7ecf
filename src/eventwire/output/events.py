"""Extracted events out (``eventwire extract``): JSON lines, ACLED's CSV export, or a readable table.

:func:`csv_row` (ACLED's columns and conventions, :mod:`.acled` and ``data/acled_csv.yaml``) is also the
base of the store's CSV rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..countries import name as country_name
from ..record import Article, Event
from . import acled
from .table import write_columns

FORMATS = ("jsonl", "csv", "table")


def acled_conventions() -> dict[str, Any]:
    """The CSV conventions from ``data/acled_csv.yaml``."""
    return acled.conventions()


# ACLED's 31 columns in ACLED's order, then eventwire's (see eventwire.output.acled)
CSV_COLUMNS = acled.columns() + acled.extension()


def _evidence_of(ev: Event, fld: str) -> str | None:
    for e in ev.evidence:
        if e.field == fld:
            return e.text
    return None


def _acled_date(ev: Event, conv: dict[str, Any]) -> tuple[str, str, list[str]]:
    """(event_date, year, notes) following the conventions in acled_csv.yaml."""
    notes: list[str] = []
    d, p = ev.date, ev.date_precision
    if not d or p == "unknown":
        notes.append("date not resolved (no publication date for a relative date)" if not d
                     else "date precision unknown")
        return ("", "", notes) if not d else (d, d[:4], notes)
    if p == "month" or len(d) == 7:
        return f"{d[:7]}-{int(conv['event_date']['month_day']):02d}", d[:4], notes
    if p == "year" or len(d) == 4:
        notes.append("date known only to the year")
        return f"{d[:4]}-{conv['event_date']['year_month_day']}", d[:4], notes
    return d, d[:4], notes


def _acled_fatalities(ev: Event) -> tuple[int | None, list[str]]:
    """Fatalities for the CSV: the stated number, ACLED's conservative figure for a vague one, or
    None when none was reported (the ACLED column writes 0)."""
    from ..what.counts_amounts import conservative_value

    if ev.fatalities is not None:
        return ev.fatalities, []
    if ev.fatalities_qualifier != "vague":
        return None, []
    phrase = (_evidence_of(ev, "fatalities") or "").lower()
    value = conservative_value("vague", phrase, None)
    default = int(acled_conventions()["vague_fatalities_default"])
    value = default if value is None else value
    return value, [f"fatalities '{phrase}' coded {value} (ACLED convention)"]


def csv_row(ev: Event, last_report: str | None = None) -> dict[str, Any]:
    """The record as a row of ACLED's export plus eventwire's extension columns (``last_report``:
    the day of the latest report, for the timestamp; the article's publication day by default)."""
    conv = acled_conventions()
    event_date, year, notes = _acled_date(ev, conv)
    fatalities, fnotes = _acled_fatalities(ev)
    notes += fnotes
    if ev.historical:
        notes.append("historical: background mention, not a new event")
    vague = (_evidence_of(ev, "fatalities") or None) if ev.fatalities_qualifier == "vague" else None
    told = ev.fatalities if ev.fatalities is not None else vague
    sentence = next((e.sentence for e in ev.evidence if e.field == "event"), "")
    row = {
        "event_id_cnty": ev.event_id,
        "event_date": event_date,
        "year": year,
        "time_precision": conv["time_precision"].get(ev.date_precision, 3),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1 or "",
        "actor2": ev.actor2 or "",
        "country": country_name(ev.country) or "",
        "admin1": ev.admin1 or "",
        "location": ev.location or "",
        "latitude": "" if ev.latitude is None else f"{ev.latitude:.4f}",
        "longitude": "" if ev.longitude is None else f"{ev.longitude:.4f}",
        "geo_precision": ev.geo_precision or "",
        **acled.acled_columns(ev, event_date, fatalities, told, last_report),
        "fatalities_reported": "" if ev.fatalities is None else ev.fatalities,
        "fatalities_qualifier": ev.fatalities_qualifier or "",
        "injured": "" if ev.injured is None else ev.injured,
        "arrested": "" if ev.arrested is None else ev.arrested,
        "historical": int(ev.historical),
        "geonameid": ev.geonameid or "",
        "url": ev.url or "",
        "article_id": ev.article_id,
        "confidence": f"{ev.confidence:.2f}",
        "coding_notes": " | ".join(n for n in notes if n),
        "evidence": " ".join(sentence.split()),
    }
    return {c: row[c] for c in CSV_COLUMNS}


def _count(v: int | None, q: str | None) -> str:
    if v is None:
        return "vague" if q == "vague" else "-"
    prefix = {"at least": ">=", "more than": ">", "about": "~", "nearly": "<~", "up to": "<="}.get(q or "", "")
    return f"{prefix}{v}"


def write_table(events: Iterable[Event], out: TextIO) -> int:
    """A readable fixed-width table (rich is not needed for this)."""
    cols = ["article", "date", "type", "location", "cc", "actor1", "actor2", "kill", "inj", "arr", "hist"]
    rows = []
    for ev in events:
        rows.append([
            ev.article_id[:24], ev.date or "?", ev.sub_event_type[:30], (ev.location or "-")[:22],
            ev.country or "-", (ev.actor1 or "-")[:30], (ev.actor2 or "-")[:30],
            _count(ev.fatalities, ev.fatalities_qualifier), _count(ev.injured, ev.injured_qualifier),
            _count(ev.arrested, ev.arrested_qualifier), "yes" if ev.historical else "",
        ])
    write_columns(out, cols, rows)
    out.write(f"({len(rows)} event{'s' if len(rows) != 1 else ''})\n")
    return len(rows)


class EventWriter:
    """Streams events to ``out`` in one format: jsonl and csv as they come, the table at close."""

    def __init__(self, out: TextIO, fmt: str = "jsonl"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        self.out, self.fmt, self.count = out, fmt, 0
        self._rows: list[Event] = []
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
            self._csv.writeheader()

    def write(self, events: Iterable[Event], article: Article | None = None) -> None:
        """Add events (``article``, which they came from, is kept only by the Parquet writer)."""
        for ev in events:
            self.count += 1
            if self.fmt == "jsonl":
                self.out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
            elif self._csv is not None:
                self._csv.writerow(csv_row(ev))
            else:
                self._rows.append(ev)

    def close(self) -> None:
        if self.fmt == "table":
            write_table(self._rows, self.out)

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()


def write(events: Iterable[Event], out: TextIO, fmt: str = "jsonl") -> int:
    """Write all ``events`` in ``fmt``; returns how many were written."""
    with EventWriter(out, fmt) as w:
        w.write(events)
    return w.count
