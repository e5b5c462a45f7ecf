"""Readers: files and streams in, :class:`~eventwire.record.Article` out.

``read(inputs)`` yields an Article for every article it can read and an
:class:`~eventwire.errors.InputError` (not raised) for every one it cannot, so that one bad
article never stops a batch. Formats are chosen by extension:

========================  ==============================================================
``.txt``                  first line is the title; the whole file is the text
``.html`` / ``.htm``      main text, title and date pulled out by trafilatura
``.jsonl`` (``.gz``)      one article a line: ``id``, ``text``; optional ``title``,
                          ``url``, ``published``, ``source``, ``lang``
``.parquet``              one article a row, the same columns (needs pyarrow)
``-``                     standard input: JSON lines if it starts with ``{``, HTML if it
                          starts with ``<``, else plain text
========================  ==============================================================

JSON lines are judged a line at a time: a bad line (not UTF-8, a NUL byte, not JSON, not an
object, no text, too long) is reported as ``FILE:LINE: reason`` and the other lines are read.
Sizes are bounded while reading (:mod:`.limits`: ``EVENTWIRE_MAX_*``) and gzip is decompressed a
chunk at a time, so an input, however large or however compressed, costs bounded memory.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..record import Article
from .html import article_from_html
from .jsonl import articles_from_jsonl
from .limits import FILE_VAR, Limits
from .parquet import articles_from_parquet
from .stream import chunks, gunzip, prefixed, read_at_most, read_bounded
from .text import article_from_text, decode, published_from_name

__all__ = ["count", "read", "read_one", "ReadItem", "decode", "Limits"]

ReadItem = Article | InputError

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm"}
JSONL_EXT = {".jsonl", ".ndjson"}


SNIFF = 64 * 1024  # bytes of stdin read to tell JSON lines, HTML and text apart


def _open(path: Path) -> BinaryIO:
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory (give the files inside it, e.g. DIR/*.txt)")
    try:
        return path.open("rb")
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from e


def read_one(name: str, data: bytes | BinaryIO, published: date | None = None,
             limits: Limits | None = None) -> Iterator[ReadItem]:
    """Read the articles in one input whose name (path or ``-``) and bytes (or binary stream) are
    given, within ``limits`` (default: :meth:`Limits.from_env`). A bad JSON line or Parquet row is
    yielded as an InputError; an input that cannot be read at all raises one."""
    limits = limits or Limits.from_env()
    f = io.BytesIO(data) if isinstance(data, bytes) else data
    lower = name.lower()
    if lower.endswith(".gz"):
        f, lower = gunzip(name, f, limits), lower[:-3]
    suffix = Path(lower).suffix
    if name == "-":
        head = read_at_most(f, SNIFF)
        first = head.lstrip()[:1]
        suffix = ".jsonl" if first == b"{" else ".html" if first == b"<" else ".txt"
        f = prefixed(head, f)
    if suffix in JSONL_EXT:
        yield from articles_from_jsonl(name, f, published, limits.line)
        return
    if suffix == ".parquet":
        yield from articles_from_parquet(name, f if f.seekable() else io.BytesIO(f.read()), published)
        return
    if suffix in HTML_EXT:
        yield article_from_html(name, read_bounded(name, f, limits.file, FILE_VAR), published)
        return
    if suffix in TEXT_EXT or name == "-":
        yield article_from_text(name, read_bounded(name, f, limits.file, FILE_VAR),
                                published or published_from_name(name))
        return
    raise InputError(name, f"unknown input type '{suffix or '(no extension)'}' (use .txt, .html, .htm, .jsonl, .parquet or -)")


def read(inputs: Iterable[str], published: date | None = None) -> Iterator[ReadItem]:
    """Yield Articles (and InputErrors for what cannot be read) from paths and ``-``.

    ``published`` overrides the publication date of every article read. Inputs are streamed
    within the size limits of :mod:`.limits`; one input that cannot be read (or a part of one
    that cannot: a JSON line, a Parquet row) is an InputError, and the next is read.
    """
    limits = Limits.from_env()
    for name in inputs:
        try:
            if name == "-":
                yield from read_one(name, sys.stdin.buffer, published, limits)
                continue
            with _open(Path(name)) as f:
                yield from read_one(name, f, published, limits)
        except InputError as e:
            yield e


def _lines(f: BinaryIO) -> int:
    """The non-blank lines of a stream, read a chunk at a time (a huge line costs one chunk)."""
    n, open_line = 0, False
    for buf in chunks(f):
        parts = buf.split(b"\n")
        for p in parts[:-1]:
            n += bool(open_line or p.strip())
            open_line = False
        open_line = open_line or bool(parts[-1].strip())
    return n + open_line


def _count_one(name: str, limits: Limits) -> int:
    lower = name.lower()
    inner = lower[:-3] if lower.endswith(".gz") else lower
    suffix = Path(inner).suffix
    if suffix not in JSONL_EXT and suffix != ".parquet":
        return 1
    n = 0
    try:
        with _open(Path(name)) as raw:
            if suffix == ".parquet" and not lower.endswith(".gz"):
                import pyarrow.parquet as pq

                return max(1, int(pq.ParquetFile(raw).metadata.num_rows))
            f = gunzip(name, raw, limits) if lower.endswith(".gz") else raw
            n = _lines(f)
    except (InputError, OSError, ValueError):  # what cannot be read is one error (read() tells it)
        return n + 1
    return max(n, 1)  # an empty input is one error


def count(inputs: Iterable[str], limits: Limits | None = None) -> int | None:
    """How many items :func:`read` yields for ``inputs`` (articles and errors), counted cheaply
    before reading them: the non-blank lines of JSON lines (gunzipped within the limits), the rows
    of Parquet, one for any other file. None when an input is standard input (not known ahead)."""
    names = list(inputs)
    if "-" in names:
        return None
    limits = limits or Limits.from_env()
    return sum(_count_one(name, limits) for name in names)
