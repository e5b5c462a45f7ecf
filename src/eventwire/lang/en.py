"""English: the hooks of the English pipeline (data: data/languages.yaml and the data files)."""

from __future__ import annotations


def prepare(text: str) -> str:
    """Hard-wrapped lines joined, editorial tags blanked, upper-case copy recased (same length)."""
    from ..casing import blank_tags, recase
    from ..nlp import unwrap

    return recase(blank_tags(unwrap(text)))
