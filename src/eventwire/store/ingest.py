"""Articles in, stored and merged events out: extraction + :meth:`Store.add`, one article at a time.

Articles already in the store (same normalised text, or same URL and text) are skipped *before*
extraction, so re-running an interrupted ingest only codes what is missing. An article whose URL is
stored with another text is a new version of its page (a revised toll, a correction): it is coded
and replaces the old version's records (:meth:`Store.recode`), the old text kept in the history.
:func:`recode` codes every stored article again with this eventwire (pinned corrections stay). Each article is committed on its
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
    """What happened to one article: ``status`` is stored, updated, recoded, duplicate or failed."""

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
    versions: dict[int, int] = {}  # id(article) -> the stored article it is a new version of

    def fresh() -> Iterator[Article]:
        for a in articles:
            state, pk = store.article_state(a)
            if state == "same":
                skipped.append(a)
                continue
            if state == "changed" and pk is not None:
                versions[id(a)] = pk
            yield a

    def drain() -> Iterator[Outcome]:
        while skipped:
            yield Outcome(skipped.pop(0), "duplicate")

    for res in code(fresh()):
        yield from drain()
        if res.error:
            yield Outcome(res.article, "failed", error=f"could not be coded ({res.error})")
            continue
        pk = versions.pop(id(res.article), None)
        try:
            if pk is not None:
                yield Outcome(res.article, "updated", store.recode(pk, res.events, res.article))
                continue
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


def stored_articles(store: Store) -> Iterator[tuple[int, Article]]:
    """Every stored article (its current version), oldest first, as the coder reads it."""
    import sqlalchemy as sa

    from .schema import articles as t

    with store.read() as conn:
        ids = [r.id for r in conn.execute(sa.select(t.c.id).order_by(t.c.id))]
    for i in range(0, len(ids), 200):  # a page at a time: the texts of a big store stay on disk
        with store.read() as conn:
            rows = list(conn.execute(sa.select(t).where(t.c.id.in_(ids[i:i + 200])).order_by(t.c.id)))
        for r in rows:
            from datetime import date

            yield r.id, Article(id=r.article_key, text=r.text, title=r.title, url=r.url, source=r.source,
                                published=date.fromisoformat(r.published) if r.published else None,
                                origin=r.origin)


def recode(store: Store, coder: Coder | None = None) -> Iterator[Outcome]:
    """Code every stored article again (a newer eventwire, edited knowledge files) and revise its
    events; events keep their ids, review state and pinned fields. One Outcome per article."""
    from .. import pipeline

    code = coder or pipeline.run
    pk_of: dict[int, int] = {}

    def arts() -> Iterator[Article]:
        for pk, a in stored_articles(store):
            pk_of[id(a)] = pk
            yield a

    for res in code(arts()):
        pk = pk_of.pop(id(res.article))
        if res.error:
            yield Outcome(res.article, "failed", error=f"could not be coded ({res.error})")
            continue
        try:
            yield Outcome(res.article, "recoded", store.recode(pk, res.events))
        except Exception as e:  # noqa: BLE001 - one article never sinks a batch; the DB stays whole
            from sqlalchemy.exc import OperationalError

            if isinstance(e, OperationalError):
                raise
            first = (str(getattr(e, "orig", None) or e).strip().splitlines() or [""])[0][:300]
            yield Outcome(res.article, "failed", error=f"could not be stored ({type(e).__name__}: {first})")
