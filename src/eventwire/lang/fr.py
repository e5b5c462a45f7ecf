"""French: the hooks of the French pipeline (spaCy's fr_core_news_sm; data: data/languages.yaml).

The English recasing (its word lists) is not applied: French copy is parsed as written.
"""

from __future__ import annotations


def prepare(text: str) -> str:
    """Hard-wrapped lines joined, editorial tags blanked (same length)."""
    from ..casing import blank_tags
    from ..nlp import unwrap

    return blank_tags(unwrap(text))
