"""The one way eventwire writes a file atomically: a temporary file beside the target, renamed over it.

A run that fails (or is interrupted) never leaves half a file behind, only the old file or none:
the temporary file, named ``.NAME.tmp-XXXX`` in the target's directory, is removed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


class AtomicTarget:
    """``target`` to be replaced by ``tmp`` (created empty, beside it): :meth:`commit` or :meth:`abort`.

    For writers whose file outlives one ``with`` block; otherwise use :func:`atomic_path`. The file
    is readable by its owner only when ``private``, else it gets the usual permissions (umask).
    """

    def __init__(self, target: str | os.PathLike[str], hidden: bool = True, private: bool = True):
        self.target = Path(target)
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{'.' if hidden else ''}{self.target.name}.tmp-",
                                    dir=self.target.parent)
        os.close(fd)
        self.tmp = Path(name)
        if not private:
            os.chmod(self.tmp, 0o666 & ~_umask())

    def commit(self) -> None:
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self.tmp.unlink()


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], hidden: bool = True, private: bool = True) -> Iterator[Path]:
    """A temporary path to write ``target``'s content to; renamed to ``target`` if the block succeeds.

    The temporary file exists (empty) when the block starts; a writer may replace it. ``hidden``
    starts its name with a dot; ``private``: see :class:`AtomicTarget`.
    """
    t = AtomicTarget(target, hidden, private)
    try:
        yield t.tmp
        t.commit()
    except BaseException:
        t.abort()
        raise


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike[str], binary: bool = False, private: bool = True) -> Iterator[IO[Any]]:
    """``target`` opened for writing (UTF-8 text, or bytes), appearing only once the block succeeds
    (``private``: see :class:`AtomicTarget`)."""
    with atomic_path(target, private=private) as tmp:
        if binary:
            with open(tmp, "wb") as fb:
                yield fb
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as ft:
                yield ft


@contextlib.contextmanager
def open_output(path: str | None, binary: bool = False) -> Iterator[IO[Any]]:
    """stdout (for no path or ``-``), or ``path`` written atomically with the usual permissions
    (umask): an export is for sharing, not a secret."""
    if not path or path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with atomic_open(path, binary=binary, private=False) as f:
        yield f
