"""Every way events leave eventwire: one table of renderers, format name -> writer.

:data:`RENDERERS` is what ``eventwire extract``, ``eventwire events`` and the HTTP API write
with. A :class:`Renderer` writes extracted events (``events``: an output path -> a writer whose
``write(events, article)`` takes one article's events), merged store records (``records``:
``(records, open file) -> how many``), or both. Importing this package is cheap: a writer's
module (and pyarrow) loads when it is first used.

Modules: :mod:`.events` (extracted events: JSON lines, the ACLED-style CSV and its conventions, a
table), :mod:`.records` (store records: table, CSV, JSON lines, GeoJSON), :mod:`.plover` (both:
PLOVER and CAMEO codes, a POLECAT-like JSON-lines export), :mod:`.parquet` (both,
with pyarrow; and reading coded Parquet back), :mod:`.table` (fixed-width text tables). Files are
written atomically with :mod:`eventwire.atomic`.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import IO, Any

__all__ = ["RENDERERS", "Renderer"]

EventSink = Callable[[str | None], AbstractContextManager[Any]]
RecordWriter = Callable[[Iterable[dict[str, Any]], IO[Any]], int]


@dataclass(frozen=True)
class Renderer:
    """One output format: ``events`` and ``records`` are None where the format does not apply."""

    name: str
    events: EventSink | None = None
    records: RecordWriter | None = None
    binary: bool = False


def _streamed(make: Callable[[IO[Any]], Any]) -> EventSink:
    """A sink writing to ``-o`` (atomically) or stdout with the writer ``make(out)`` returns."""
    @contextlib.contextmanager
    def sink(output: str | None) -> Iterator[Any]:
        from ..atomic import open_output

        with open_output(output) as out, make(out) as writer:
            yield writer

    return sink


def _text_events(fmt: str) -> EventSink:
    def make(out: IO[Any]) -> Any:
        from .events import EventWriter

        return EventWriter(out, fmt)

    return _streamed(make)


def _plover_writer(out: IO[Any]) -> Any:
    from .plover import PloverEventWriter

    return PloverEventWriter(out)


def _parquet_events(output: str | None) -> AbstractContextManager[Any]:
    from .parquet import ParquetEventWriter

    return ParquetEventWriter(output)


def _lazy(module: str, name: str) -> RecordWriter:
    def write(recs: Iterable[dict[str, Any]], out: IO[Any]) -> int:
        return int(getattr(importlib.import_module(module, __name__), name)(recs, out))

    write.__name__ = write.__qualname__ = name
    return write


RENDERERS: dict[str, Renderer] = {r.name: r for r in (
    Renderer("jsonl", events=_text_events("jsonl"), records=_lazy(".records", "write_jsonl")),
    Renderer("csv", events=_text_events("csv"), records=_lazy(".records", "write_csv")),
    Renderer("table", events=_text_events("table"), records=_lazy(".records", "write_table")),
    Renderer("geojson", records=_lazy(".records", "write_geojson")),
    Renderer("plover", events=_streamed(_plover_writer), records=_lazy(".plover", "write_records")),
    Renderer("parquet", events=_parquet_events, records=_lazy(".parquet", "write_records"), binary=True),
)}
