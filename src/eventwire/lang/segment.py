"""What every spaCy pipeline of eventwire shares: a blank line and a dateline's dash end a
sentence, and a pipeline is loaded with senter off (:func:`load_pipeline`; one per language and
process: :func:`eventwire.lang.load`)."""

from __future__ import annotations

import warnings

from ..errors import SetupError


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
DATELINE_TOKENS = 14  # a dateline's dash comes this early in its paragraph: "BOGOTA, 8 DEC 89 (DPA) -- THE ..."
DATELINE_PARAGRAPHS = 4  # ... of one of the story's first paragraphs (after a headline and a standfirst)


def _dateline_break(doc) -> None:
    """A dateline ends at its dash ("KHARTOUM, (Reuters) –", "BOGOTA, 8 DEC 89 (DPA) --", "Dhaka,
    Bangladesh - Gunmen ..."): the story's first sentence starts after it, whatever the parser
    would join."""
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and t.text.count("\n") >= 2]
    for start in starts[:DATELINE_PARAGRAPHS]:
        line = []
        for tok in doc[start:start + DATELINE_TOKENS]:
            if tok.text in (".", "!", "?") or (tok.is_space and "\n" in tok.text and line):
                break
            spaced_hyphen = tok.text == "-" and tok.i > 0 and doc[tok.i - 1].whitespace_ and tok.whitespace_
            if (tok.text in DATELINE_DASHES or spaced_hyphen) and line:
                prev = line[-1]
                placed = prev.is_title and any(t.text == "," for t in line)  # "Dhaka, Bangladesh -"
                if prev.text == ")" or (prev.is_alpha and prev.text.isupper()) or placed:
                    nxt = next((t for t in doc[tok.i + 1:] if not t.is_space), None)
                    if nxt is not None:
                        nxt.is_sent_start = True
                    return
                break
            if not tok.is_space:
                line.append(tok)


def _relabel(labels: dict[str, str]):  # -> a pipeline component
    """A component that renames the parser's dependency labels (languages.yaml ``labels``)."""

    def relabel(doc):  # -> Doc
        for tok in doc:
            new = labels.get(tok.dep_)
            if new is not None:
                tok.dep_ = new
        return doc

    return relabel


def load_pipeline(model: str, package: str, labels: dict[str, str] | None = None):  # -> spacy.Language
    """Load the spaCy pipeline ``model`` (installed by the pip requirement ``package``) with the
    sentence rules above before its parser and, when ``labels`` are given, the parser's dependency
    labels renamed after it (``{"nsubj:pass": "nsubjpass"}``: the stages read one label set);
    components eventwire does not use stay disabled."""
    warnings.filterwarnings("ignore", module="spacy")
    try:
        import spacy
        from spacy.language import Language

        if not Language.has_factory("eventwire_blank_line_breaks"):
            Language.component("eventwire_blank_line_breaks")(_blank_line_breaks)
        nlp = spacy.load(model, disable=["senter"])
        nlp.add_pipe("eventwire_blank_line_breaks", before="parser")
        if labels:
            name = f"eventwire_relabel_{model}"
            if not Language.has_factory(name):
                Language.factory(name)(lambda nlp, name, _labels=dict(labels): _relabel(_labels))
            nlp.add_pipe(name, after="parser")
        return nlp
    except OSError as e:  # the model package is not installed
        raise SetupError(
            f"the spaCy model package '{model}' is not installed; install it with "
            f"'pip install {package}' (see README)"
        ) from e
