"""Progress bars on stderr (tqdm), shown only when stderr is a terminal.

:func:`bar` is what ``extract``, ``ingest`` and ``gazetteer import`` show: with a ``total`` (the
articles counted before starting, or the bytes of a file) the bar has a percentage and the time
left; piped, redirected or with ``-q`` nothing is drawn and tqdm is not even imported.
:func:`printing` is how a line is written while a bar is drawn (the bar is lifted, then redrawn).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

_shown: list[Any] = []  # the bars drawn now


class Bar:
    """A bar, or nothing at all when not on a terminal; ``update`` and ``close`` work either way."""

    def __init__(self, desc: str, total: int | None = None, unit: str = "art", enabled: bool = True,
                 unit_scale: bool = False):
        self._bar: Any = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(desc=desc, total=total, unit=unit, unit_scale=unit_scale, file=sys.stderr,
                             dynamic_ncols=True)
            _shown.append(self._bar)

    @property
    def shown(self) -> bool:
        """Is the bar drawn?"""
        return self._bar is not None

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            _shown.remove(self._bar)
            self._bar = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def bar(desc: str, total: int | None = None, unit: str = "art", enabled: bool = True,
        unit_scale: bool = False) -> Bar:
    """A :class:`Bar` of ``total`` units (None: a count without total), drawn only on a terminal."""
    return Bar(desc, total, unit, enabled, unit_scale)


@contextlib.contextmanager
def printing() -> Iterator[None]:
    """Write lines inside this block: a bar being drawn is lifted first and redrawn after."""
    if not _shown:
        yield
        return
    from tqdm import tqdm

    with tqdm.external_write_mode(file=sys.stderr):
        yield
