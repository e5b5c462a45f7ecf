"""Plain-text articles: the first non-blank line is the title, the whole file is the text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..record import Article

_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def decode(name: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM; anything else is an error."""
    if not data.strip():
        raise InputError(name, "empty input")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(name, f"invalid UTF-16 text ({e.reason})") from e
    if b"\x00" in data[:8192]:
        raise InputError(name, "looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            name, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); convert it to UTF-8 first"
        ) from e


def published_from_name(name: str) -> date | None:
    """A publication date written at the start of a file name: ``2017-03-18-title.txt``."""
    m = _NAME_DATE.match(Path(name).name)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def article_from_text(name: str, data: bytes, published: date | None) -> Article:
    text = decode(name, data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(name, "empty input")
    title = next(line.strip() for line in text.splitlines() if line.strip())
    stem = "stdin" if name == "-" else Path(name).stem
    return Article(id=stem, text=text, title=title, published=published, origin=name)
