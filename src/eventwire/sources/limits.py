"""How much of an input the readers take in: every size is checked *while* reading, so a huge
file, a huge JSON line or a gzip bomb costs bounded memory and time and gets a one-line message.

=================================  =========  ====================================================
setting                            default    bounds
=================================  =========  ====================================================
``EVENTWIRE_MAX_FILE_SIZE``        20M        a .txt or .html/.htm file (after gunzip), or stdin
                                              read as one text or HTML article
``EVENTWIRE_MAX_LINE_SIZE``        5M         one JSON line (longer lines are reported, skipped)
``EVENTWIRE_MAX_GZIP_MEMBER_SIZE`` 200M       one gzip member, decompressed
``EVENTWIRE_MAX_GZIP_SIZE``        1G         a whole gzip stream (every member), decompressed
=================================  =========  ====================================================

A value is a number of bytes, optionally with a suffix ``K``, ``M`` or ``G`` (powers of 1024).
JSON lines and Parquet files are read a line (a record batch) at a time, so their size as a whole
is not bounded; only a gzip stream's is, since a few MB of it can expand to many GB.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import SetupError

FILE_VAR = "EVENTWIRE_MAX_FILE_SIZE"
LINE_VAR = "EVENTWIRE_MAX_LINE_SIZE"
MEMBER_VAR = "EVENTWIRE_MAX_GZIP_MEMBER_SIZE"
GZIP_VAR = "EVENTWIRE_MAX_GZIP_SIZE"

KB, MB, GB = 1024, 1024**2, 1024**3
_SIZE = re.compile(r"^\s*(\d+)\s*([KMG]?)B?\s*$", re.IGNORECASE)
_UNIT = {"": 1, "K": KB, "M": MB, "G": GB}


def parse_size(var: str, value: str) -> int:
    """``"20M"`` -> 20971520; a value that is not a positive size raises SetupError naming ``var``."""
    m = _SIZE.match(value)
    n = int(m[1]) * _UNIT[m[2].upper()] if m else 0
    if n <= 0:
        raise SetupError(f"{var}={value!r} is not a size (a positive number of bytes, or e.g. 500K, 20M, 1G)")
    return n


def fmt_size(n: int) -> str:
    """20971520 -> ``"20 MB"`` (powers of 1024, as :func:`parse_size` reads them)."""
    for unit, size in (("GB", GB), ("MB", MB), ("KB", KB)):
        if n >= size:
            v = n / size
            return f"{v:.0f} {unit}" if v == int(v) else f"{v:.1f} {unit}"
    return f"{n} bytes"


@dataclass(frozen=True)
class Limits:
    """The size limits of the readers, in bytes (see the module's table)."""

    file: int = 20 * MB
    line: int = 5 * MB
    gzip_member: int = 200 * MB
    gzip: int = 1 * GB

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, each overridden by its ``EVENTWIRE_MAX_*`` variable when that is set."""
        env = os.environ if environ is None else environ
        d = cls()

        def get(var: str, default: int) -> int:
            v = env.get(var, "").strip()
            return parse_size(var, v) if v else default

        return cls(file=get(FILE_VAR, d.file), line=get(LINE_VAR, d.line),
                   gzip_member=get(MEMBER_VAR, d.gzip_member), gzip=get(GZIP_VAR, d.gzip))


def over(what: str, limit: int, var: str) -> str:
    """The reason of an input that passes a limit: ``line longer than 5 MB (EVENTWIRE_MAX_LINE_SIZE)``."""
    return f"{what} {fmt_size(limit)} (the limit; set {var} to change it)"
