"""Readers: files and streams in, :class:`~eventwire.record.Article` out.

``read(inputs)`` yields an Article for every article it can read and an
:class:`~eventwire.errors.InputError` (not raised) for every one it cannot, so that one bad
article never stops a batch. Formats are chosen by extension:

========================  ==============================================================
``.txt``                  first line is the title; the whole file is the text
``.html`` / ``.htm``      main text, title and date pulled out by trafilatura
``.jsonl`` (``.gz``)      one article a line: ``id``, ``text``; optional ``title``,
                          ``url``, ``published``, ``source``
``.parquet``              one article a row, the same columns (needs pyarrow)
``-``                     standard input: JSON lines if it starts with ``{``, HTML if it
                          starts with ``<``, else plain text
========================  ==============================================================
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..record import Article
from .html import article_from_html
from .jsonl import articles_from_jsonl
from .parquet import articles_from_parquet
from .text import article_from_text, decode, published_from_name

__all__ = ["read", "read_one", "ReadItem", "decode"]

ReadItem = Article | InputError

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm"}
JSONL_EXT = {".jsonl", ".ndjson"}


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory (give the files inside it, e.g. DIR/*.txt)")
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from e


def _gunzip(name: str, data: bytes) -> bytes:
    import gzip

    try:
        return gzip.decompress(data)
    except (OSError, EOFError) as e:
        raise InputError(name, f"not a valid gzip file ({e})") from e


def read_one(name: str, data: bytes, published: date | None = None) -> Iterator[ReadItem]:
    """Read the articles in one input whose name (path or ``-``) and bytes are given."""
    lower = name.lower()
    if lower.endswith(".gz"):
        data, lower = _gunzip(name, data), lower[:-3]
    suffix = Path(lower).suffix
    if name == "-":
        head = data.lstrip()[:1]
        suffix = ".jsonl" if head == b"{" else ".html" if head == b"<" else ".txt"
    if suffix in JSONL_EXT:
        yield from articles_from_jsonl(name, data, published)
        return
    if suffix == ".parquet":
        yield from articles_from_parquet(name, data, published)
        return
    if suffix in HTML_EXT:
        yield article_from_html(name, data, published)
        return
    if suffix in TEXT_EXT or name == "-":
        yield article_from_text(name, data, published or published_from_name(name))
        return
    raise InputError(name, f"unknown input type '{suffix or '(no extension)'}' (use .txt, .html, .htm, .jsonl, .parquet or -)")


def read(inputs: Iterable[str], published: date | None = None) -> Iterator[ReadItem]:
    """Yield Articles (and InputErrors for what cannot be read) from paths and ``-``.

    ``published`` overrides the publication date of every article read.
    """
    for name in inputs:
        try:
            data = sys.stdin.buffer.read() if name == "-" else _read_bytes(Path(name))
            yield from read_one(name, data, published)
        except InputError as e:
            yield e



