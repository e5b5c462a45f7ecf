"""The only place that knows the order of the stages.

    Article -> relevance.judge -> nlp.parse -> where.annotate, when.annotate -> what.detect -> Mention
            -> when.attach, where.attach, what.name_actors -> assemble -> Event
            -> relevance.review

An article relevance.judge finds not relevant is not parsed: its Result has no events and its
``relevance`` says why. Each article is parsed by the pipeline of its language (:mod:`.lang`) and coded with the data of
that language (``data/lang/<code>/``, :mod:`.knowledge`); one in a language whose event data does not exist yet (languages.yaml ``events: false``) is parsed and coded
to no event (its Result's ``language`` says which).

``STAGES`` declares what each stage after parsing reads and writes on the AnnotatedDoc (see
:mod:`.docstate`); ``check_order`` verifies at import that no stage needs what a later one makes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import knowledge, lang, nlp, relevance, what, when, where
from .assemble import assemble
from .docstate import Stage, check_order
from .errors import DataFileError, SetupError
from .record import COUNTRIES, PLACES, TIMES, AnnotatedDoc, Article, Event
from .relevance import Relevance
from .when.annotate import COMPLEMENTS
from .where.candidate import NOTES as WHERE_NOTES

log = logging.getLogger(__name__)

# in the order code_document runs them
STAGES: tuple[Stage, ...] = (
    Stage("where.annotate", assigns=(PLACES, COUNTRIES, WHERE_NOTES)),
    Stage("when.annotate", assigns=(TIMES, COMPLEMENTS)),
    Stage("what.detect", requires=(TIMES, PLACES, COUNTRIES)),
    Stage("when.attach", requires=(TIMES, COMPLEMENTS)),
    Stage("where.attach", requires=(PLACES, COUNTRIES, WHERE_NOTES)),
    Stage("what.name_actors", requires=(PLACES, COUNTRIES)),
    Stage("assemble", requires=(PLACES, COUNTRIES)),
)
check_order(STAGES)


@dataclass
class Result:
    """The outcome for one article: its events, or the reason it could not be coded."""

    article: Article
    events: list[Event] = field(default_factory=list)
    error: str | None = None
    relevance: Relevance | None = None  # the gate's decision and its reasons (None: gate off)
    language: str | None = None  # the language it was parsed as (None: not parsed)

    @property
    def uncoded_language(self) -> bool:
        """Parsed in a language that has no event data yet (so no events, whatever the text says)."""
        return self.language is not None and not lang.spec(self.language).events


def code_document(adoc: AnnotatedDoc, keep_unasserted: bool = False) -> list[Event]:
    """Run every stage after parsing on one document, each reading the data of the document's
    language (:func:`eventwire.knowledge.reading`)."""
    with knowledge.reading(adoc.lang):
        where.annotate(adoc)
        when.annotate(adoc)
        mentions = what.detect(adoc)
        for m in mentions:
            when.attach(m, adoc)
            where.attach(m, adoc)
            what.name_actors(m, adoc)
        return assemble(mentions, adoc, keep_unasserted=keep_unasserted)


def run(articles: Iterable[Article], keep_unasserted: bool = False, gate: bool = True) -> Iterator[Result]:
    """Code a stream of articles, in order; one bad article yields a Result with ``error`` set.
    ``gate``: articles relevance.judge finds not relevant are not parsed (no events)."""
    for article, verdict, adoc in relevance.screen(articles, nlp.parse, enabled=gate):
        if adoc is None:
            log.debug("article %s not coded: %s", article.id, verdict.explain() if verdict else "")
            yield Result(article, relevance=verdict)
            continue
        if not lang.spec(adoc.lang).events:  # no event data in this language yet
            yield Result(adoc.article, relevance=verdict, language=adoc.lang)
            continue
        try:
            events = code_document(adoc, keep_unasserted)
            if verdict is not None:
                with knowledge.reading(adoc.lang):
                    verdict, events = relevance.review(adoc, events, verdict)
            yield Result(adoc.article, events, relevance=verdict, language=adoc.lang)
        except (SetupError, DataFileError):
            raise  # a broken data file or a missing model is no fault of this article: stop, say it once
        except Exception as e:  # one article never sinks a batch
            log.debug("article %s failed", adoc.article.id, exc_info=True)
            yield Result(adoc.article, error=f"{type(e).__name__}: {e}", relevance=verdict, language=adoc.lang)
