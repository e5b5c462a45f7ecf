"""Code a corpus on several processes or on a Dask cluster, with results in input order.

    run(inputs, published, workers=4)                      # processes on this machine
    run(inputs, published, dask_address="tcp://host:8786")  # a Dask distributed cluster

The corpus is read here, in the calling process, with :func:`eventwire.sources.read` (so every
input format works and every unreadable input is reported exactly as in a single-process run),
cut into chunks of ``chunk_size`` articles, and each chunk is coded by a worker with
:func:`eventwire.pipeline.run`; a worker loads spaCy and the gazetteer once and keeps them.
Results come back in input order whatever order the chunks finish in, and at most ``window``
chunks are in flight, so memory stays bounded on a corpus of any size. Workers do not need to
see the input files: articles travel with the tasks and events come back with the results, so a
Dask cluster needs no shared file system. The output is therefore identical to
``pipeline.run`` on the same articles.

Local workers are ``multiprocessing`` processes started with the ``spawn`` method (no state is
inherited from the parent; each worker imports eventwire and loads its models in an initializer).
On Dask each worker process loads them on its first task (cached per process); workers should
run one thread each (``dask worker --nthreads 1``), as spaCy coding holds the GIL.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from itertools import islice
from typing import Any, Protocol

from .errors import EventwireError, InputError
from .pipeline import Result
from .record import Article, Event
from .relevance import Relevance

log = logging.getLogger(__name__)

CHUNK_SIZE = 64  # articles per task: enough for nlp.pipe's batches, small enough to balance load
CONNECT_TIMEOUT_S = 20
# (events, error, relevance, language) per article, in order
Coded = list[tuple[list[Event], str | None, Relevance | None, str | None]]


class Pending(Protocol):
    """A submitted chunk: a ``concurrent.futures.Future`` or a ``distributed.Future``."""

    def result(self) -> Coded: ...

    def cancel(self) -> Any: ...


_warm_lock = threading.Lock()
_warm = False


def warm_up() -> None:
    """Load the spaCy pipeline and open the gazetteer in this process (once)."""
    global _warm
    with _warm_lock:
        if not _warm:
            from . import nlp
            from .where import gazetteer

            nlp.load()
            gazetteer.get()
            _warm = True


def code_chunk(articles: list[Article], keep_unasserted: bool = False, gate: bool = True) -> Coded:
    """Code one chunk in this (worker) process: (events, error, relevance, language) for each
    article, in order."""
    from . import pipeline

    warm_up()
    out = [(res.events, res.error, res.relevance, res.language)
           for res in pipeline.run(articles, keep_unasserted=keep_unasserted, gate=gate)]
    if len(out) != len(articles):  # pragma: no cover - pipeline.run yields one Result per article
        raise RuntimeError(f"coded {len(out)} of {len(articles)} articles in a chunk")
    return out


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of ``size`` articles (the last one shorter)."""
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def _ordered(submit: Callable[[list[Article]], Pending], articles: Iterable[Article], chunk_size: int,
             window: int) -> Iterator[Result]:
    """Submit chunks, at most ``window`` at a time, and yield their Results in input order."""
    pending: deque[tuple[list[Article], Pending]] = deque()

    def drain_one() -> Iterator[Result]:
        chunk, fut = pending.popleft()
        coded = fut.result()
        for article, (events, error, verdict, language) in zip(chunk, coded, strict=True):
            yield Result(article, events, error, verdict, language)

    try:
        for chunk in chunks(articles, chunk_size):
            pending.append((chunk, submit(chunk)))
            while len(pending) >= window:
                yield from drain_one()
        while pending:
            yield from drain_one()
    finally:
        for _chunk, fut in pending:  # an error or an early stop: drop what is still queued
            fut.cancel()


def local_pool(workers: int) -> ProcessPoolExecutor:
    """``workers`` spawned processes that each load spaCy and the gazetteer once, when they start."""
    from .where import gazetteer

    gazetteer.ensure()  # build it once here rather than in every worker at the same time
    ctx = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up)


def run_local(articles: Iterable[Article], workers: int, keep_unasserted: bool = False,
              chunk_size: int = CHUNK_SIZE, window: int | None = None,
              pool: ProcessPoolExecutor | None = None, gate: bool = True) -> Iterator[Result]:
    """Code ``articles`` on ``workers`` local processes; Results in input order.

    ``pool`` (from :func:`local_pool`) is used and left running if given; else one is started
    and shut down at the end.
    """
    from concurrent.futures.process import BrokenProcessPool

    own = pool is None
    ex = pool or local_pool(workers)
    try:
        yield from _ordered(lambda c: ex.submit(code_chunk, c, keep_unasserted, gate), articles, chunk_size,
                            window or 3 * workers)
    except BrokenProcessPool as e:
        raise EventwireError("a worker process died (out of memory? see --workers)") from e
    finally:
        if own:
            ex.shutdown(wait=True, cancel_futures=True)


def connect(dask_address: str) -> Any:
    """A ``distributed.Client`` for the scheduler at ``dask_address`` (one clear error if not)."""
    try:
        from distributed import Client
    except ImportError as e:
        raise EventwireError("--dask needs Dask: pip install 'dask[distributed]'") from e
    try:
        return Client(dask_address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise EventwireError(f"cannot connect to the Dask scheduler at {dask_address} ({e})") from e


def run_dask(articles: Iterable[Article], dask_address: str, keep_unasserted: bool = False,
             chunk_size: int = CHUNK_SIZE, window: int | None = None, gate: bool = True) -> Iterator[Result]:
    """Code ``articles`` on the Dask cluster at ``dask_address``; Results in input order."""
    client = connect(dask_address)
    try:
        threads = sum(client.nthreads().values()) or 1
        n = window or 3 * threads

        def submit(chunk: list[Article]) -> Pending:
            return client.submit(code_chunk, chunk, keep_unasserted, gate, pure=False)

        yield from _ordered(submit, articles, chunk_size, n)
    finally:
        client.close()


def run_articles(articles: Iterable[Article], workers: int = 1, dask_address: str | None = None,
                 keep_unasserted: bool = False, chunk_size: int = CHUNK_SIZE, gate: bool = True) -> Iterator[Result]:
    """Like :func:`eventwire.pipeline.run`, on a Dask cluster (``dask_address``) or ``workers`` processes.

    With neither (``workers`` 1, no address) this is ``pipeline.run`` in this process.
    """
    if workers < 1:
        raise EventwireError(f"--workers must be at least 1 (got {workers})")
    if dask_address:
        return run_dask(articles, dask_address, keep_unasserted, chunk_size, gate=gate)
    if workers > 1:
        return run_local(articles, workers, keep_unasserted, chunk_size, gate=gate)
    from . import pipeline

    return pipeline.run(articles, keep_unasserted=keep_unasserted, gate=gate)


def run(inputs: list[str], published: date | None, workers: int = 1, dask_address: str | None = None,
        keep_unasserted: bool = False, on_input_error: Callable[[InputError], None] | None = None,
        chunk_size: int = CHUNK_SIZE) -> Iterator[Result]:
    """Read ``inputs`` and code them in parallel; one :class:`Result` per article, in input order.

    Inputs that cannot be read go to ``on_input_error`` (default: logged as warnings), as
    :func:`eventwire.sources.read` reports them, in the order they are met.
    """
    from .sources import read

    def articles() -> Iterator[Article]:
        for item in read(inputs, published):
            if isinstance(item, InputError):
                if on_input_error is None:
                    log.warning("skipped %s", item)
                else:
                    on_input_error(item)
            else:
                yield item

    return run_articles(articles(), workers, dask_address, keep_unasserted, chunk_size)
