"""Parquet: one article a row, with the same columns as the JSON lines reader.

``text`` is required; ``id``, ``title``, ``url``, ``published`` (a date, a timestamp or a
``YYYY-MM-DD`` string) and ``source`` are optional and other columns are ignored. A row without
text (or with a bad date) is reported and skipped, like a bad JSON line; its place is
``FILE:ROW`` with rows counted from 1. Rows are read one record batch at a time, from the file
itself (not a copy of it in memory).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, SetupError
from ..record import Article
from .jsonl import article_from_row

COLUMNS = ("id", "text", "title", "url", "published", "source", "lang")
BATCH_ROWS = 1024


def articles_from_parquet(name: str, data: bytes | BinaryIO, published: date | None) -> Iterator[Article | InputError]:
    """The articles in the Parquet file ``name`` whose bytes (or a seekable binary stream of them) are ``data``."""
    try:
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - pyarrow is a dependency of the parallel extra
        raise SetupError("reading .parquet needs pyarrow: pip install pyarrow") from e
    import pyarrow as pa

    try:
        pf = pq.ParquetFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (pa.ArrowException, OSError) as e:
        raise InputError(name, f"not a valid Parquet file ({e})") from e
    present = set(pf.schema_arrow.names)
    if "text" not in present:
        raise InputError(name, "no 'text' column (columns: id, text, title, url, published, source)")
    stem = Path(name).stem
    n = 0
    batches = pf.iter_batches(batch_size=BATCH_ROWS, columns=[c for c in COLUMNS if c in present])
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as e:  # a damaged row group: the rows before it were read
            raise InputError(name, f"cannot read the Parquet rows after row {n} ({e})") from e
        if batch is None:
            break
        for row in batch.to_pylist():
            n += 1
            yield article_from_row(row, f"{name}:{n}", f"{stem}:{n}", published)
    if n == 0:
        yield InputError(name, "empty input")
