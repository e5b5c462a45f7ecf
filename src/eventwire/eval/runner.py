"""Running eventwire in-process on a gold file's inputs, the way the scoring protocol runs the CLI.

* ``events`` (dev-gold): ``Article(id, text, title, url, published)`` -> ``pipeline.run`` -> events;
* ``typing`` (CASE 2021): ``Article(id, text)`` only -> ``pipeline.run`` -> events;
* ``places`` (geo): ``Article(id, text, published)`` -> ``nlp.parse`` + ``where.annotate`` ->
  ``where.place_records`` (the ``eventwire places`` records).

The output is returned as JSONL lines (exactly what would be written to a file), so that scoring
them and scoring the saved file with any other scorer see the same records.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..record import Article
from .formats import EVENTS, PLACES, TYPING

log = logging.getLogger(__name__)


@dataclass
class RunInfo:
    """What an in-process run produced."""

    articles: int = 0
    records: int = 0  # events (events/typing) or place mentions (places)
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (article id, error)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "records": self.records,
            "seconds": round(self.seconds, 3),
            "errors": [{"article_id": a, "error": e} for a, e in self.errors],
        }


def _published(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def gold_articles(kind: str, gold: list[dict[str, Any]]) -> list[Article]:
    """The articles the protocol gives the system for each gold record (nothing else of the gold)."""
    if kind == EVENTS:
        return [
            Article(
                id=str(g["id"]),
                text=g["text"],
                title=g.get("title"),
                url=g.get("url"),
                published=_published(g.get("published")),
            )
            for g in gold
        ]
    if kind == TYPING:
        return [Article(id=str(g["id"]), text=g["text"]) for g in gold]
    if kind == PLACES:
        return [
            Article(id=str(g["id"]), text=g["text"], published=_published(g.get("published"))) for g in gold
        ]
    raise ValueError(f"unknown gold kind {kind!r}")


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_jsonl_line(record: dict[str, Any]) -> str:
    """One record as a JSONL line (no newline)."""
    return json.dumps(record, ensure_ascii=False, default=_json_default)


def _event_records(articles: list[Article], info: RunInfo) -> Iterator[dict[str, Any]]:
    from .. import pipeline

    for res in pipeline.run(articles):
        if res.error:
            info.errors.append((res.article.id, res.error))
        for ev in res.events:
            yield ev.to_dict()


def _place_records(articles: list[Article], info: RunInfo) -> Iterator[dict[str, Any]]:
    from .. import nlp, where

    for adoc in nlp.parse(articles):
        try:
            where.annotate(adoc)
            recs = list(where.place_records(adoc))
        except Exception as e:  # one article never sinks the run
            log.debug("article %s failed", adoc.article.id, exc_info=True)
            info.errors.append((adoc.article.id, f"{type(e).__name__}: {e}"))
            continue
        for r in recs:
            r = dict(r)
            r.setdefault("article_id", adoc.article.id)
            yield r


def run_system(kind: str, gold: list[dict[str, Any]]) -> tuple[list[str], RunInfo]:
    """Run eventwire on the gold's inputs; returns the JSONL lines it produced and a summary."""
    articles = gold_articles(kind, gold)
    info = RunInfo(articles=len(articles))
    t0 = time.perf_counter()
    produce = _place_records if kind == PLACES else _event_records
    lines = [to_jsonl_line(r) for r in produce(articles, info)]
    info.seconds = time.perf_counter() - t0
    info.records = len(lines)
    return lines, info
