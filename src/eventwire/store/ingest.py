"""Articles in, stored and merged events out: extraction + :meth:`Store.add`, one article at a time.

Articles already in the store (same URL or normalised text) are skipped *before* extraction, so
re-running an interrupted ingest only codes what is missing. Each article is committed on its
own; ``on_stored`` is called after the commit, so whatever it reports is on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..record import Article, Event
from .core import Added, Store

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Result

Coder = Callable[[Iterable[Article]], Iterator["Result"]]
"""Turns articles into coded Results in order: ``pipeline.run`` (default), worker processes or a
Dask cluster (``parallel.run_articles``), or events already coded (:func:`precoded`)."""


@dataclass
class Outcome:
    """What happened to one article: ``status`` is stored, duplicate or failed."""

    article: Article
    status: str
    added: Added | None = None
    error: str | None = None


def precoded(pairs: Iterable[tuple[Article, list[Event]]]) -> tuple[Iterator[Article], Coder]:
    """Articles and a coder for events coded earlier (``extract --format parquet``): nothing is re-coded."""
    from ..pipeline import Result

    events_of: dict[int, list[Event]] = {}

    def articles() -> Iterator[Article]:
        for article, events in pairs:
            events_of[id(article)] = events
            yield article

    def coder(arts: Iterable[Article]) -> Iterator[Result]:
        for a in arts:
            yield Result(a, events_of.pop(id(a), []))

    return articles(), coder


def ingest(store: Store, articles: Iterable[Article], on_outcome: Callable[[Outcome], None] | None = None,
           coder: Coder | None = None) -> Iterator[Outcome]:
    """Code and store ``articles``; yields one Outcome per article (after its commit)."""
    from .. import pipeline

    code = coder or pipeline.run

    skipped: list[Article] = []

    def fresh() -> Iterator[Article]:
        for a in articles:
            if store.has_article(a):
                skipped.append(a)
            else:
                yield a

    def drain() -> Iterator[Outcome]:
        while skipped:
            yield Outcome(skipped.pop(0), "duplicate")

    for res in code(fresh()):
        yield from drain()
        if res.error:
            yield Outcome(res.article, "failed", error=f"could not be coded ({res.error})")
            continue
        try:
            added = store.add(res.article, res.events)
        except Exception as e:  # noqa: BLE001 - one article never sinks a batch; the DB stays whole
            from sqlalchemy.exc import OperationalError

            if isinstance(e, OperationalError):
                raise  # the store itself is gone: stop, do not report every article as bad
            first = (str(getattr(e, "orig", None) or e).strip().splitlines() or [""])[0][:300]
            yield Outcome(res.article, "failed", error=f"could not be stored ({type(e).__name__}: {first})")
            continue
        yield Outcome(res.article, "stored" if added else "duplicate", added)
    yield from drain()
