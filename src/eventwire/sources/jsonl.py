"""JSON lines: one article an object with ``id``, ``text`` and optional ``title``, ``url``,
``published`` (YYYY-MM-DD), ``source``. A bad line is reported and skipped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..record import Article
from .dates import parse_published
from .text import decode


def _str(v: object) -> str | None:
    return None if v is None else str(v).strip() or None


def article_from_row(row: dict, where: str, default_id: str, published: date | None) -> Article | InputError:
    """One article from a record with ``id``, ``text`` and optional ``title``, ``url``,
    ``published``, ``source`` (a JSON line, a Parquet row); an InputError when it is not one."""
    body = row.get("text")
    if not isinstance(body, str) or not body.strip():
        return InputError(where, "no 'text' (a non-empty string is required)")
    try:
        pub = published or parse_published(f"{where} 'published'", row.get("published"))
    except InputError as e:
        return e
    return Article(
        id=_str(row.get("id")) or default_id,
        text=body,
        title=_str(row.get("title")),
        url=_str(row.get("url")),
        published=pub,
        source=_str(row.get("source")),
        origin=where,
    )


def articles_from_jsonl(name: str, data: bytes, published: date | None) -> Iterator[Article | InputError]:
    text = decode(name, data)
    stem = "stdin" if name == "-" else Path(name).stem
    seen_any = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(where, f"invalid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputError(where, "expected a JSON object with 'id' and 'text'")
            continue
        yield article_from_row(obj, where, f"{stem}:{n}", published)
    if not seen_any:
        yield InputError(name, "empty input")
