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
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError(where, "no 'text' (a non-empty string is required)")
            continue
        try:
            pub = published or parse_published(f"{where} 'published'", obj.get("published"))
        except InputError as e:
            yield e
            continue
        yield Article(
            id=_str(obj.get("id")) or f"{stem}:{n}",
            text=body,
            title=_str(obj.get("title")),
            url=_str(obj.get("url")),
            published=pub,
            source=_str(obj.get("source")),
            origin=where,
        )
    if not seen_any:
        yield InputError(name, "empty input")
