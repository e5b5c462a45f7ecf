"""The only place that knows the order of the stages.

    Article -> nlp.parse -> where.annotate, when.annotate -> what.detect -> Mention
            -> when.attach, where.attach, what.name_actors -> assemble -> Event
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import nlp, what, when, where
from .assemble import assemble
from .record import AnnotatedDoc, Article, Event

log = logging.getLogger(__name__)


@dataclass
class Result:
    """The outcome for one article: its events, or the reason it could not be coded."""

    article: Article
    events: list[Event] = field(default_factory=list)
    error: str | None = None


def code_document(adoc: AnnotatedDoc, keep_unasserted: bool = False) -> list[Event]:
    """Run every stage after parsing on one document."""
    where.annotate(adoc)
    when.annotate(adoc)
    mentions = what.detect(adoc)
    for m in mentions:
        when.attach(m, adoc)
        where.attach(m, adoc)
        what.name_actors(m, adoc)
    return assemble(mentions, adoc, keep_unasserted=keep_unasserted)


def run(articles: Iterable[Article], keep_unasserted: bool = False) -> Iterator[Result]:
    """Code a stream of articles; one bad article yields a Result with ``error`` set."""
    for adoc in nlp.parse(articles):
        try:
            yield Result(adoc.article, code_document(adoc, keep_unasserted))
        except Exception as e:  # one article never sinks a batch
            log.debug("article %s failed", adoc.article.id, exc_info=True)
            yield Result(adoc.article, error=f"{type(e).__name__}: {e}")
