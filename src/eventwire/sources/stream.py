"""Reading inputs as streams, within the limits of :mod:`.limits`: gunzip chunk by chunk, read a
whole (bounded) file, split JSON lines on ``\\n`` without ever holding more than one line."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..errors import InputError
from .limits import GZIP_VAR, MEMBER_VAR, Limits, over

CHUNK = 1 << 20  # bytes read (or decompressed) at a time
_GZIP_MAGIC = b"\x1f\x8b"


class GunzipReader(io.RawIOBase):
    """The decompressed bytes of the gzip stream ``raw`` (every member, as ``gzip`` reads them),
    never more than ``CHUNK`` at a time; InputError as soon as a member passes
    ``limits.gzip_member`` or the whole stream ``limits.gzip``, or when it is not valid gzip."""

    def __init__(self, name: str, raw: BinaryIO, limits: Limits):
        super().__init__()
        self.name_, self.raw, self.limits = name, raw, limits
        self.d: zlib._Decompress | None = None  # the member being read, None between members
        self.pending = b""  # compressed bytes not yet given to the decompressor
        self.member = self.total = 0
        self.n_members = 0
        self.eof = False

    def readable(self) -> bool:
        return True

    def _bad(self, why: str) -> InputError:
        return InputError(self.name_, f"not a valid gzip file ({why})")

    def _more_input(self) -> bytes:
        if self.pending:
            data, self.pending = self.pending, b""
            return data
        return self.raw.read(CHUNK)

    def _start_member(self) -> bool:
        """Begin the next member; False at the end of the stream."""
        data = self._more_input()
        while len(data) < 2:  # the magic may straddle two reads
            more = self.raw.read(CHUNK)
            if not more:
                break
            data += more
        if not data.strip(b"\x00"):  # the end, or zero padding after the last member (gzip allows it)
            if self.n_members == 0:
                raise self._bad("empty file")
            return False
        if not data.startswith(_GZIP_MAGIC):
            raise self._bad("not gzip data" if self.n_members == 0 else "trailing garbage after the gzip data")
        self.pending, self.d, self.member = data, zlib.decompressobj(16 + zlib.MAX_WBITS), 0
        self.n_members += 1
        return True

    def readinto(self, b: memoryview) -> int:  # type: ignore[override]
        want = min(len(b), CHUNK)
        while not self.eof:
            if self.d is None and not self._start_member():
                self.eof = True
                break
            assert self.d is not None
            data = self.d.unconsumed_tail or self._more_input()
            try:
                out = self.d.decompress(data, want)
            except zlib.error as e:
                raise self._bad(str(e)) from e
            if self.d.eof:
                self.pending, self.d = self.d.unused_data, None
            elif not out and not data:
                raise self._bad("the file ends in the middle of the compressed data")
            if out:
                self.member += len(out)
                self.total += len(out)
                if self.member > self.limits.gzip_member:
                    raise InputError(self.name_, over("a gzip member decompresses to more than",
                                                      self.limits.gzip_member, MEMBER_VAR))
                if self.total > self.limits.gzip:
                    raise InputError(self.name_, over("decompresses to more than", self.limits.gzip, GZIP_VAR))
                b[: len(out)] = out
                return len(out)
        return 0


def gunzip(name: str, raw: BinaryIO, limits: Limits) -> BinaryIO:
    """A binary stream of the decompressed bytes of ``raw`` (see :class:`GunzipReader`). Unbuffered:
    each ``read(n)`` returns what one step decompressed, so the bytes before a damaged part are
    all delivered before its error is raised."""
    return GunzipReader(name, raw, limits)  # type: ignore[return-value]


def read_at_most(f: BinaryIO, n: int) -> bytes:
    """Up to ``n`` bytes of ``f`` (fewer only at its end), read in chunks."""
    parts: list[bytes] = []
    got = 0
    while got < n:
        chunk = f.read(min(CHUNK, n - got))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_bounded(name: str, f: BinaryIO, limit: int, var: str, what: str = "file") -> bytes:
    """All of ``f``, or InputError (having read at most ``limit + 1`` bytes) if it is longer."""
    data = read_at_most(f, limit + 1)
    if len(data) > limit:
        raise InputError(name, over(f"{what} larger than", limit, var))
    return data


def chunks(f: BinaryIO) -> Iterator[bytes]:
    """The bytes of ``f``, ``CHUNK`` at a time."""
    return iter(lambda: f.read(CHUNK), b"")


def prefixed(head: bytes, f: BinaryIO) -> BinaryIO:
    """``head`` (bytes already read from ``f``) followed by the rest of ``f``, as one stream."""
    return _Prefixed(head, f)  # type: ignore[return-value]


class _Prefixed(io.RawIOBase):
    def __init__(self, head: bytes, rest: BinaryIO):
        super().__init__()
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: memoryview) -> int:  # type: ignore[override]
        if self.head:
            n = min(len(b), len(self.head))
            b[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def split_lines(bufs: Iterable[bytes], max_line: int) -> Iterator[tuple[int, bytes | None]]:
    """``(n, line)`` for every line of the bytes ``bufs``, numbered from 1, without its ``\\n``.

    ``line`` is None for a line longer than ``max_line`` bytes, yielded as soon as it is known
    (the line may never end); its bytes are skipped, never held. Blank lines are yielded as they
    are, or only counted when a chunk holds nothing else.
    """
    n = 0
    part: list[bytes] = []  # the start of the line being read
    part_len = 0
    too_long = False
    for buf in bufs:
        if not part and not too_long and buf.endswith(b"\n") and buf.isspace():  # fast: blank lines only
            n += buf.count(b"\n")
            continue
        start = 0
        while True:
            i = buf.find(b"\n", start)
            if i < 0:
                if not too_long:
                    part_len += len(buf) - start
                    if part_len > max_line:  # said at once: the line may never end (a gzip bomb)
                        too_long, part = True, []
                        yield n + 1, None
                    elif start < len(buf):
                        part.append(buf[start:])
                break
            n += 1
            if too_long:
                pass
            elif part_len + i - start > max_line:
                yield n, None
            elif part:
                yield n, b"".join(part) + buf[start:i]
            else:
                yield n, buf[start:i]
            part, part_len, too_long = [], 0, False
            start = i + 1
    if part and not too_long:
        yield n + 1, b"".join(part)
