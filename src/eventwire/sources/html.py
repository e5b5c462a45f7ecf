"""HTML pages: the article's main text, title and date, extracted by trafilatura."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import InputError
from ..record import Article
from .dates import parse_published
from .text import decode

MIN_WORDS = 5  # less than this is a menu or a stub, not an article
PARSER_DEPTH = 255  # libxml2 (lxml, trafilatura) reads nothing nested deeper than about this


def article_from_html(name: str, data: bytes, published: date | None, url: str | None = None) -> Article:
    """Extract one article from an HTML page (boilerplate, menus and footers removed)."""
    import trafilatura

    html = decode(name, data)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except RecursionError as e:
        raise InputError(name, "the HTML page is nested too deeply to be read") from e
    except Exception as e:  # the parser failing on one page must not stop the batch
        raise InputError(name, f"the HTML page could not be parsed ({type(e).__name__}: {e})") from e
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_WORDS:
        deep = _depth(html) >= PARSER_DEPTH
        raise InputError(name, "no article text found in the HTML page" + (
            f" (its elements nest more than {PARSER_DEPTH} deep, and the HTML parser reads nothing deeper)"
            if deep else ""))
    title = (doc.title or "").strip() or None
    # paragraphs become blank-line separated, so sentences never run across them
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    text = "\n\n".join(paragraphs)
    if published is None and doc.date:
        published = parse_published(name, doc.date, strict=False)
    stem = "stdin" if name == "-" else Path(name).stem
    return Article(id=stem, text=text, title=title, url=url or doc.url, published=published,
                   source=doc.sitename or _site_in_title(html, title), origin=name)


def _site_in_title(html: str, title: str | None) -> str | None:
    """The outlet a page's <title> names after its headline ("Headline | Frontier Daily"), read by
    trafilatura's own title splitting; None when the <title> is not the headline and a name."""
    import lxml.html
    from lxml import etree
    from trafilatura.metadata import examine_title_element

    try:
        _, first, second = examine_title_element(lxml.html.fromstring(html))
    except (etree.LxmlError, ValueError):
        return None
    if title and first and second and first.strip() == title and second.strip() != title:
        return second.strip()
    return None


def _depth(html: str) -> int:
    """How deep the elements of ``html`` nest, as the HTML parser reads them (it stops near
    :data:`PARSER_DEPTH`); walked without recursion."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except (etree.LxmlError, ValueError):
        return 0
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest
