"""Parquet: one article a row, with the same columns as the JSON lines reader.

``text`` is required; ``id``, ``title``, ``url``, ``published`` (a date, a timestamp or a
``YYYY-MM-DD`` string) and ``source`` are optional and other columns are ignored. A row without
text (or with a bad date) is reported and skipped, like a bad JSON line; its place is
``FILE:ROW`` with rows counted from 1. Rows are read one record batch at a time.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import InputError, SetupError
from ..record import Article
from .dates import parse_published

COLUMNS = ("id", "text", "title", "url", "published", "source")
BATCH_ROWS = 1024


def _str(v: object) -> str | None:
    return None if v is None else str(v).strip() or None


def articles_from_parquet(name: str, data: bytes, published: date | None) -> Iterator[Article | InputError]:
    """The articles in the Parquet file ``name`` whose bytes are ``data``."""
    try:
        import pyarrow.parquet as pq
    except ImportError as e:  # pragma: no cover - pyarrow is a dependency of the parallel extra
        raise SetupError("reading .parquet needs pyarrow: pip install pyarrow") from e
    import pyarrow as pa

    try:
        pf = pq.ParquetFile(io.BytesIO(data))
    except (pa.ArrowException, OSError) as e:
        raise InputError(name, f"not a valid Parquet file ({e})") from e
    present = set(pf.schema_arrow.names)
    if "text" not in present:
        raise InputError(name, "no 'text' column (columns: id, text, title, url, published, source)")
    stem = Path(name).stem
    n = 0
    for batch in pf.iter_batches(batch_size=BATCH_ROWS, columns=[c for c in COLUMNS if c in present]):
        for row in batch.to_pylist():
            n += 1
            where = f"{name}:{n}"
            body = row.get("text")
            if not isinstance(body, str) or not body.strip():
                yield InputError(where, "no 'text' (a non-empty string is required)")
                continue
            try:
                pub = published or parse_published(f"{where} 'published'", row.get("published"))
            except InputError as e:
                yield e
                continue
            yield Article(
                id=_str(row.get("id")) or f"{stem}:{n}",
                text=body,
                title=_str(row.get("title")),
                url=_str(row.get("url")),
                published=pub,
                source=_str(row.get("source")),
                origin=where,
            )
    if n == 0:
        yield InputError(name, "empty input")
