"""WHAT happened: detect event mentions, type them with ACLED's taxonomy, read their modality,
counts and actors.

    detect(adoc) -> list[Mention]       one mention per event trigger (detect.py)
    name_actors(mention, adoc) -> None  final ACLED-style actor names (actors.py)
"""

from .actors import name_actors
from .detect import detect

__all__ = ["detect", "name_actors"]
