"""Fixed-width text tables (rich is not needed for this)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO


def write_columns(out: TextIO, cols: Sequence[str], rows: Sequence[Sequence[object]], *, rule: bool = True,
                  strip_header: bool = True) -> None:
    """``cols`` and ``rows`` left-aligned in columns as wide as their widest cell; ``rule``: a line of
    dashes under the header."""
    widths = [max([len(c)] + [len(str(r[i])) for r in rows]) for i, c in enumerate(cols)]
    header = "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
    out.write((header.rstrip() if strip_header else header) + "\n")
    if rule:
        out.write("  ".join("-" * w for w in widths) + "\n")
    for r in rows:
        out.write("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
