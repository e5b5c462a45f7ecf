"""Merged events out of the store: a readable table, ACLED-style CSV, JSON lines, GeoJSON (Parquet: :mod:`.parquet`).

Every format carries the same record: the extractor's :class:`~eventwire.record.Event` fields
(canonical values; ``evidence`` is that of the representative mention, whose article is
``article_id``) plus ``n_sources``, ``sources``, ``first_report``, ``last_report``, ``counts``
(low/best/high per count), ``disputed`` and ``values`` (every value reported, with its article
and evidence). CSV rows are :func:`eventwire.output.events.csv_row` plus the store's columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..record import Event, Evidence
from .events import CSV_COLUMNS, csv_row
from .table import write_columns

STORE_COLUMNS = ["n_sources", "first_report", "last_report", "fatalities_low", "fatalities_high",
                 "injured_low", "injured_high", "arrested_low", "arrested_high", "disputed", "sources"]
EVENT_FIELDS = tuple(Event.__dataclass_fields__)


def record(row: Any) -> dict[str, Any]:
    """The exported record of an events-table row."""
    rec = dict(row.record)
    rec["event_id"] = row.uid
    rec["n_sources"] = row.n_sources
    rec["first_report"], rec["last_report"] = row.first_report, row.last_report
    # review: unreviewed | accepted | rejected, the fields a reviewer pinned, and the version an
    # edit must name (the machine's values of pinned fields are in rec["machine"])
    rec["status"] = getattr(row, "status", None) or "unreviewed"
    rec["pinned"] = sorted(getattr(row, "pins", None) or {})
    rec["version"] = int(getattr(row, "version", None) or 1)
    return rec


def to_event(rec: dict[str, Any]) -> Event:
    """The Event dataclass of a record (for the extractor's CSV conventions)."""
    kw = {k: rec.get(k) for k in EVENT_FIELDS if k in rec}
    kw["evidence"] = [Evidence(**e) for e in rec.get("evidence") or []]
    kw.setdefault("location_names", [])
    return Event(**kw)


def csv_record(rec: dict[str, Any]) -> dict[str, Any]:
    row = csv_row(to_event(rec), rec.get("last_report"))
    row["event_id_cnty"] = rec["event_id"]
    counts = rec.get("counts") or {}
    for f in ("fatalities", "injured", "arrested"):
        c = counts.get(f) or {}
        row[f"{f}_low"] = "" if c.get("low") is None else c["low"]
        row[f"{f}_high"] = "" if c.get("high") is None else c["high"]
    row["n_sources"] = rec.get("n_sources", 1)
    row["first_report"] = rec.get("first_report") or ""
    row["last_report"] = rec.get("last_report") or ""
    row["disputed"] = ",".join(rec.get("disputed") or [])
    row["sources"] = " ; ".join(s.get("url") or s.get("article") or "" for s in rec.get("sources") or [])
    return row


def _count(c: dict[str, Any] | None, disputed: bool) -> str:
    if not c or c.get("best") is None:
        return "-"
    lo, best, hi = c.get("low"), c["best"], c.get("high")
    s = str(best) if lo == hi else f"{best} ({lo}-{hi})"
    return s + ("!" if disputed else "")


def write_table(recs: Iterable[dict[str, Any]], out: TextIO) -> int:
    cols = ["event_id", "date", "type", "location", "cc", "actor1", "killed", "injured", "arrested", "src"]
    rows = []
    for r in recs:
        counts, disp = r.get("counts") or {}, set(r.get("disputed") or [])
        rows.append([r["event_id"], r.get("date") or "?", (r.get("sub_event_type") or "")[:30],
                     (r.get("location") or "-")[:22], r.get("country") or "-", (r.get("actor1") or "-")[:30],
                     *(_count(counts.get(f), f in disp) for f in ("fatalities", "injured", "arrested")),
                     str(r.get("n_sources", 1)) + ("h" if r.get("historical") else "")])
    write_columns(out, cols, rows)
    out.write(f"({len(rows)} event{'s' if len(rows) != 1 else ''}; counts: best (low-high), ! = sources "
              "disagree; src: number of sources, h = known only from background mentions)\n")
    return len(rows)


def write_geojson(recs: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A FeatureCollection, streamed: a point per event (null geometry when not geocoded)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for r in recs:
        geom = None
        if r.get("latitude") is not None and r.get("longitude") is not None:
            geom = {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
        feat = {"type": "Feature", "id": r["event_id"], "geometry": geom, "properties": r}
        out.write(("" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_csv(recs: Iterable[dict[str, Any]], out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS + [c for c in STORE_COLUMNS if c not in CSV_COLUMNS],
                       lineterminator="\n")
    w.writeheader()
    n = 0
    for r in recs:
        w.writerow(csv_record(r))
        n += 1
    return n


def write_jsonl(recs: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for r in recs:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n
