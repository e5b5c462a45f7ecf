"""eventwire: news reports in, evidence-backed ACLED-style event data out.

    >>> import eventwire
    >>> events = eventwire.extract(text, published="2017-03-18")

Each :class:`~eventwire.record.Event` says what happened (ACLED type and sub-type), when (ISO
date and precision), where (a geocoded place), who (actors), how many (killed, injured,
arrested, with qualifiers) and why we believe it (evidence offsets into ``text``).
"""

from __future__ import annotations

from datetime import date

from .record import Article, Event

__version__ = "0.1.0"
__all__ = ["extract", "Article", "Event", "__version__"]


def extract(
    text: str,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    article_id: str = "article",
) -> list[Event]:
    """Code one article's text into events, the article's main event first.

    ``published`` (a date or ``YYYY-MM-DD``) anchors relative dates ("on Friday"); without it
    they stay unresolved (precision ``unknown``) rather than being guessed.
    """
    from . import pipeline
    from .errors import InputError
    from .sources.dates import parse_published

    if not isinstance(text, str) or not text.strip():
        raise InputError("text", "empty article text")
    pub = parse_published("published", published)
    article = Article(id=article_id, text=text, title=title, url=url, published=pub)
    result = next(pipeline.run([article]))
    if result.error:
        raise RuntimeError(f"article could not be coded: {result.error}")
    return result.events
