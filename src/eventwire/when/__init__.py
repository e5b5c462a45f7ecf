"""WHEN: time expressions, event dates and the historical flag.

- :func:`annotate` finds every time expression of a document with the project's own grammar
  (data/time/patterns.yaml over the words of data/time/lexicon.yaml; no general date parser),
  vets it with the spaCy parse and resolves it against the publication date (``adoc.times``).
- :func:`attach` gives one event mention the date that governs it in the parse, its precision,
  how it was derived, its evidence, and whether it is historical background (framing.yaml).
"""

from .annotate import annotate
from .attach import attach

__all__ = ["annotate", "attach"]
