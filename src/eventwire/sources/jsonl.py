"""JSON lines: one article an object with ``id``, ``text`` and optional ``title``, ``url``,
``published`` (YYYY-MM-DD), ``source``, ``lang`` (``en``, ``fr`` or ``auto``: detected). The file is split on ``\n`` and each line judged on its
own: a bad line is reported (``FILE:LINE: reason``) and skipped, and the others are read."""

from __future__ import annotations

import codecs
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .. import lang
from ..errors import InputError
from ..record import Article
from .dates import parse_published
from .limits import LINE_VAR, Limits, over
from .stream import chunks, read_at_most, split_lines


def _str(v: object) -> str | None:
    return None if v is None else str(v).strip() or None


def article_from_row(row: dict, where: str, default_id: str, published: date | None) -> Article | InputError:
    """One article from a record with ``id``, ``text`` and optional ``title``, ``url``,
    ``published``, ``source``, ``lang`` (a JSON line, a Parquet row); an InputError when it is not one."""
    body = row.get("text")
    if not isinstance(body, str) or not body.strip():
        return InputError(where, "no 'text' (a non-empty string is required)")
    try:
        pub = published or parse_published(f"{where} 'published'", row.get("published"))
    except InputError as e:
        return e
    try:
        language = lang.chosen(_str(row.get("lang")))
    except ValueError as e:
        return InputError(f"{where} 'lang'", str(e))
    return Article(
        id=_str(row.get("id")) or default_id,
        text=body,
        title=_str(row.get("title")),
        url=_str(row.get("url")),
        published=pub,
        source=_str(row.get("source")),
        origin=where,
        lang=language,
    )


def articles_from_jsonl(name: str, data: bytes | BinaryIO, published: date | None,
                        max_line: int | None = None) -> Iterator[Article | InputError]:
    """The articles of the JSON lines ``data`` (bytes or a binary stream), read a line at a time.

    Each line is judged on its own: a line that is not UTF-8, holds a NUL byte, is not JSON, is
    not an object, has no text or is longer than ``max_line`` bytes (default: the
    ``EVENTWIRE_MAX_LINE_SIZE`` limit) is an InputError at ``FILE:LINE``, and the next line is read.
    A file that starts with a UTF-16 byte-order mark is read as UTF-16.
    """
    f = io.BytesIO(data) if isinstance(data, bytes) else data
    if max_line is None:
        max_line = Limits.from_env().line
    stem = "stdin" if name == "-" else Path(name).stem
    head = read_at_most(f, 2)
    bufs: Iterable[bytes] = itertools.chain([head], chunks(f))
    if head in (b"\xff\xfe", b"\xfe\xff"):
        bufs = _utf16_as_utf8(name, bufs)
    seen_any = False
    for n, raw in split_lines(bufs, max_line):
        where = f"{name}:{n}"
        if raw is None:
            seen_any = True
            yield InputError(where, over("line longer than", max_line, LINE_VAR))
            continue
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        seen_any = True
        item = _line(raw, where)
        if isinstance(item, InputError):
            yield item
        else:
            yield article_from_row(item, where, f"{stem}:{n}", published)
    if not seen_any:
        yield InputError(name, "empty input")


def _line(raw: bytes, where: str) -> dict | InputError:
    """The JSON object on one line, or why it is not one."""
    if b"\x00" in raw:
        return InputError(where, "holds a NUL byte (binary data, not a JSON line)")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return InputError(where, f"not UTF-8 text (byte 0x{raw[e.start]:02x} at column {e.start + 1}); "
                                 "convert the file to UTF-8 first")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return InputError(where, f"invalid JSON ({e.msg} at column {e.colno})")
    except RecursionError:
        return InputError(where, "invalid JSON (nested too deeply)")
    except ValueError as e:  # e.g. an integer of more digits than Python converts
        return InputError(where, f"invalid JSON ({e})")
    if not isinstance(obj, dict):
        return InputError(where, "expected a JSON object with 'id' and 'text'")
    return obj


def _utf16_as_utf8(name: str, bufs: Iterable[bytes]) -> Iterator[bytes]:
    dec = codecs.getincrementaldecoder("utf-16")()
    try:
        for b in bufs:
            yield dec.decode(b).encode("utf-8")
        yield dec.decode(b"", final=True).encode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(name, f"invalid UTF-16 text ({e.reason})") from e
