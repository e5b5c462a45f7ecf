"""Events as Parquet: coded articles (their events and the articles), and the store's merged events.

``eventwire extract --format parquet -o OUT`` writes two tables with pyarrow:

* **events**: one row per :class:`~eventwire.record.Event`, the columns of ``Event.to_dict()`` in
  the dataclass order, typed (``str`` -> string, ``int`` -> int64, ``float`` -> float64, ``bool``
  -> bool, ``list[str]`` -> list<string>); ``evidence`` is a list<struct> column whose structs
  have the fields of :class:`~eventwire.record.Evidence` (field, text, start, end, sentence,
  sentence_start, sentence_end, note).
* **articles**: one row per article coded, in input order: ``id``, ``text``, ``title``, ``url``,
  ``published`` (date32), ``source``, ``origin`` and ``n_events`` (how many rows of the events
  table are its events: they follow each other, in the articles' order). This is what a store
  needs to de-duplicate articles (same URL or same text) when it loads the events.

``OUT`` ending in ``.parquet`` is one events file plus ``OUT`` with ``.articles.parquet`` in
place of ``.parquet``; any other ``OUT`` is a directory holding ``events/part-NNNNN.parquet`` and
``articles/part-NNNNN.parquet``, one pair per partition of ``partition_articles`` articles (so
``pandas.read_parquet("OUT/events")`` reads every event). Files appear atomically (written to a
temporary name, then renamed); writing into a directory again replaces its parts. :func:`read_coded` reads either layout back.

:func:`write_records` writes merged store records (``eventwire events --format parquet``): one row
per event, nested fields as JSON strings.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..atomic import AtomicTarget
from ..errors import EventwireError, InputError
from ..record import Article, Event, Evidence

PARTITION_ARTICLES = 10_000  # articles per partition file in a directory
ROW_GROUP_EVENTS = 5_000  # events buffered before a row group is written
ARTICLE_COLUMNS = ("id", "text", "title", "url", "published", "source", "origin", "n_events")


def _pa() -> Any:
    try:
        import pyarrow as pa
    except ImportError as e:  # pragma: no cover
        raise EventwireError("Parquet needs pyarrow: pip install pyarrow") from e
    return pa


def _arrow_type(annotation: str) -> Any:
    """The Arrow type of a dataclass field annotation such as ``int | None`` or ``list[str]``."""
    pa = _pa()
    a = annotation.replace("| None", "").strip()
    if a == "list[Evidence]":
        return pa.list_(pa.struct([pa.field(f.name, _arrow_type(str(f.type))) for f in fields(Evidence)]))
    if a.startswith("list[") and a.endswith("]"):
        return pa.list_(_arrow_type(a[5:-1]))
    scalar = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    if a not in scalar:  # pragma: no cover - a new field type in record.py
        raise TypeError(f"no Arrow type for annotation {annotation!r}")
    return scalar[a]


def event_schema() -> Any:
    """The Arrow schema of the events table (the fields of :class:`Event`, in order)."""
    pa = _pa()
    meta = {b"eventwire.table": b"events", b"eventwire.version": __version__.encode()}
    return pa.schema([pa.field(f.name, _arrow_type(str(f.type))) for f in fields(Event)], metadata=meta)


def article_schema() -> Any:
    """The Arrow schema of the articles table."""
    pa = _pa()
    meta = {b"eventwire.table": b"articles", b"eventwire.version": __version__.encode()}
    types = {"published": pa.date32(), "n_events": pa.int32()}
    return pa.schema([pa.field(c, types.get(c, pa.string())) for c in ARTICLE_COLUMNS], metadata=meta)


def article_row(a: Article, n_events: int) -> dict[str, Any]:
    return {"id": a.id, "text": a.text, "title": a.title, "url": a.url, "published": a.published,
            "source": a.source, "origin": a.origin, "n_events": n_events}


class _AtomicParquet:
    """One Parquet file written under a temporary name and renamed into place on commit."""

    def __init__(self, target: Path, schema: Any):
        import pyarrow.parquet as pq

        self.schema = schema
        self.file = AtomicTarget(target, private=False)
        self.writer = pq.ParquetWriter(str(self.file.tmp), schema, compression="zstd")

    def write(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.writer.write_table(_pa().Table.from_pylist(rows, schema=self.schema))

    def commit(self) -> None:
        self.writer.close()
        self.file.commit()

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()
        self.file.abort()


def articles_path(events_file: Path) -> Path:
    """``X.parquet`` -> ``X.articles.parquet``: the articles of a single events file."""
    return events_file.with_name(events_file.name[: -len(".parquet")] + ".articles.parquet")


class ParquetEventWriter:
    """Writes events and their articles to Parquet (see the module docstring for the layout)."""

    def __init__(self, output: str | None, partition_articles: int = PARTITION_ARTICLES):
        if not output or output == "-":
            raise EventwireError("--format parquet needs -o FILE.parquet or -o DIRECTORY")
        self.path = Path(output)
        self.single = output.lower().endswith(".parquet")
        if not self.single and self.path.exists() and not self.path.is_dir():
            raise EventwireError(f"{output}: exists and is not a directory (give FILE.parquet or a DIRECTORY)")
        self.partition_articles = max(1, partition_articles)
        self.count = 0  # events written
        self.partitions = 0
        self._files: tuple[_AtomicParquet, _AtomicParquet] | None = None
        self._events: list[dict[str, Any]] = []
        self._articles: list[dict[str, Any]] = []
        self._in_partition = 0

    def _open(self) -> tuple[_AtomicParquet, _AtomicParquet]:
        if self._files is None:
            if self.single:
                ev, ar = self.path, articles_path(self.path)
            else:
                name = f"part-{self.partitions:05d}.parquet"
                ev, ar = self.path / "events" / name, self.path / "articles" / name
            self._files = (_AtomicParquet(ev, event_schema()), _AtomicParquet(ar, article_schema()))
        return self._files

    def _flush(self) -> None:
        ev, ar = self._open()
        ev.write(self._events)
        ar.write(self._articles)
        self._events, self._articles = [], []

    def _end_partition(self) -> None:
        self._flush()
        assert self._files is not None
        for f in self._files:
            f.commit()
        self._files, self._in_partition = None, 0
        self.partitions += 1

    def write(self, events: list[Event], article: Article | None = None) -> None:
        """Add one article's events (``article``: the article they came from, for the store)."""
        self._events.extend(ev.to_dict() for ev in events)
        self.count += len(events)
        if article is not None:
            self._articles.append(article_row(article, len(events)))
            self._in_partition += 1
        if len(self._events) >= ROW_GROUP_EVENTS:
            self._flush()
        if not self.single and self._in_partition >= self.partition_articles:
            self._end_partition()

    def close(self) -> None:
        if self._files is not None or self._events or self._articles or (self.single or self.partitions == 0):
            self._end_partition()  # always leave a (possibly empty) file behind
        if not self.single:  # a directory written before: drop its parts past the ones just written
            for sub in ("events", "articles"):
                for old in (self.path / sub).glob("part-*.parquet"):
                    stem = old.name[len("part-") : -len(".parquet")]
                    if stem.isdigit() and int(stem) >= self.partitions:
                        old.unlink()

    def abort(self) -> None:
        if self._files is not None:
            for f in self._files:
                f.abort()
            self._files = None

    def __enter__(self) -> ParquetEventWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.abort()


def _pairs(path: Path) -> list[tuple[Path, Path]]:
    if path.is_dir():
        evs = sorted((path / "events").glob("*.parquet"))
        if not evs:
            raise InputError(str(path), "no events/*.parquet in this directory")
        return [(e, path / "articles" / e.name) for e in evs]
    return [(path, articles_path(path))]


def event_from_row(row: dict[str, Any]) -> Event:
    """An :class:`Event` from one row of the events table."""
    row = dict(row)
    row["evidence"] = [Evidence(**e) for e in row.get("evidence") or []]
    row["location_names"] = list(row.get("location_names") or [])
    return Event(**row)


def article_from_row(row: dict[str, Any]) -> Article:
    pub = row.get("published")
    return Article(id=row["id"], text=row["text"], title=row.get("title"), url=row.get("url"),
                   published=pub if isinstance(pub, date) else None, source=row.get("source"),
                   origin=row.get("origin"))


def read_coded(paths: Iterable[str]) -> Iterator[tuple[Article, list[Event]]]:
    """Every (article, its events) in files written by :class:`ParquetEventWriter`, in order.

    ``paths`` are events files (``X.parquet``, next to ``X.articles.parquet``) or directories
    written with ``-o DIRECTORY``. This is what ``eventwire ingest`` needs to load coded events
    into a store: ``store.add(article, events)`` for each pair whose article is not stored yet.
    """
    import pyarrow.parquet as pq

    for p in paths:
        for ev_file, ar_file in _pairs(Path(p)):
            if not ar_file.exists():
                raise InputError(str(ev_file), f"no articles file {ar_file.name} next to it")
            try:
                ev_rows = pq.read_table(ev_file).to_pylist()
                ar_rows = pq.read_table(ar_file).to_pylist()
            except Exception as e:  # pyarrow raises several types for a damaged file
                raise InputError(str(ev_file), f"not a readable eventwire Parquet file ({e})") from e
            i = 0
            for ar in ar_rows:
                n = int(ar["n_events"])
                mine = ev_rows[i : i + n]
                if len(mine) < n or any(r["article_id"] != ar["id"] for r in mine):
                    raise InputError(str(ev_file), f"events do not match the articles file at article {ar['id']!r}")
                i += n
                yield article_from_row(ar), [event_from_row(r) for r in mine]
            if i != len(ev_rows):
                raise InputError(str(ev_file), f"{len(ev_rows) - i} event(s) belong to no article")


def is_coded(path: str) -> bool:
    """Is ``path`` events written by :class:`ParquetEventWriter` (a directory or an events file)?"""
    p = Path(path)
    if p.is_dir():
        return (p / "events").is_dir() and (p / "articles").is_dir()
    if not (p.is_file() and p.name.lower().endswith(".parquet")):
        return False
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(p).metadata or {}
    except Exception:  # not Parquet at all: not ours
        return False
    return meta.get(b"eventwire.table") == b"events"


def read_events(paths: Iterable[str]) -> Iterator[Event]:
    """Just the events of :func:`read_coded`."""
    for _article, events in read_coded(paths):
        yield from events


# merged events of the store (``eventwire events --format parquet``)

RECORD_JSON = ("evidence", "sources", "values", "counts", "location_names", "mentions", "disputed")


def write_records(recs: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """Store records (:func:`eventwire.output.records.record`) as one Parquet file: one row per event;
    nested fields (evidence, sources, values, counts...) as JSON strings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for r in recs:
        flat = {k: (json.dumps(v, ensure_ascii=False) if k in RECORD_JSON else v) for k, v in r.items()}
        for f in ("fatalities", "injured", "arrested"):
            c = (r.get("counts") or {}).get(f) or {}
            flat[f"{f}_low"], flat[f"{f}_high"] = c.get("low"), c.get("high")
        rows.append(flat)
    columns = list(dict.fromkeys([*(f.name for f in fields(Event)), *(k for r in rows for k in r)]))
    schema_types: dict[str, Any] = {}
    for c in columns:
        vals = [r.get(c) for r in rows if r.get(c) is not None]
        if any(isinstance(v, bool) for v in vals):
            schema_types[c] = pa.bool_()
        elif vals and all(isinstance(v, int) for v in vals):
            schema_types[c] = pa.int64()
        elif vals and all(isinstance(v, int | float) for v in vals):
            schema_types[c] = pa.float64()
        else:
            schema_types[c] = pa.string()
    table = pa.table({c: pa.array([_cast(r.get(c), schema_types[c]) for r in rows], type=schema_types[c])
                      for c in columns})
    pq.write_table(table, out)
    return len(rows)


def _cast(v: Any, t: Any) -> Any:
    import pyarrow as pa

    if v is None:
        return None
    if t == pa.string():
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    if t == pa.float64():
        return float(v)
    return v
