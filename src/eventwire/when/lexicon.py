"""The time lexicon and grammar data of eventwire.when, read once from data/time/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import knowledge


def _load(name: str) -> dict[str, Any]:
    return knowledge.load(f"time/{name}") or {}


@dataclass(frozen=True)
class TimeWords:
    """Everything the grammar and the resolver know about words of time."""

    months: dict[str, int]  # lower-cased name or abbreviation -> 1..12
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]  # lower-cased -> 0 (Monday) .. 6
    ambiguous_weekdays: frozenset[str]
    day_parts: tuple[str, ...]
    time_nouns: frozenset[str]
    name_heads: frozenset[str]  # "the 19 April Movement": a date before such a name is part of it
    numbers: dict[str, float]
    vague_numbers: dict[str, float]
    hedges: tuple[str, ...]
    units: dict[str, str]
    deictic: dict[str, int]
    period_offsets: dict[str, int]
    periods: tuple[str, ...]
    anchored: dict[str, int]
    anchored_periods: dict[str, str]  # "that year" -> "year": the period of an earlier date of the text
    offset_after: tuple[str, ...]
    offset_before: tuple[str, ...]
    date_prepositions: tuple[str, ...]
    date_modifiers: tuple[str, ...]
    recent: tuple[str, ...]
    sets: tuple[str, ...]
    future_words: frozenset[str]
    future_aux: frozenset[str]
    future_verbs: frozenset[str]
    future_participles: frozenset[str]
    future_marks: frozenset[str]  # "if he is elected on 27 May": a present after them looks forward
    patterns: tuple[dict[str, Any], ...]
    framing: dict[str, Any] = field(default_factory=dict)
    capitalised_names: bool = True  # a month or weekday name is a date only with its capital


def _names(d: dict[Any, list[str]]) -> dict[str, int]:
    return {str(n).lower(): int(k) for k, names in d.items() for n in names}


@knowledge.per_language
def lexicon() -> TimeWords:
    """The lexicon, loaded once per process."""
    lx = _load("lexicon.yaml")
    pats = _load("patterns.yaml")
    framing = _load("framing.yaml")
    low = lambda xs: tuple(str(x).lower() for x in xs or ())  # noqa: E731
    return TimeWords(
        months=_names(lx["months"]),
        ambiguous_months=frozenset(low(lx.get("ambiguous_months"))),
        weekdays=_names(lx["weekdays"]),
        ambiguous_weekdays=frozenset(low(lx.get("ambiguous_weekdays"))),
        day_parts=low(lx.get("day_parts")),
        time_nouns=frozenset(low(lx.get("time_nouns"))),
        name_heads=frozenset(low(lx.get("name_heads"))),
        numbers={str(k).lower(): float(v) for k, v in (lx.get("numbers") or {}).items()},
        vague_numbers={str(k).lower(): float(v) for k, v in (lx.get("vague_numbers") or {}).items()},
        hedges=low(lx.get("hedges")),
        units={str(k).lower(): str(v) for k, v in (lx.get("units") or {}).items()},
        deictic={str(k).lower(): int(v) for k, v in (lx.get("deictic") or {}).items()},
        period_offsets={str(k).lower(): int(v) for k, v in (lx.get("period_offsets") or {}).items()},
        periods=low(lx.get("periods")),
        anchored={str(k).lower(): int(v) for k, v in (lx.get("anchored") or {}).items()},
        anchored_periods={str(k).lower(): str(v) for k, v in (lx.get("anchored_periods") or {}).items()},
        offset_after=low(lx.get("offset_after")),
        offset_before=low(lx.get("offset_before")),
        date_prepositions=low(lx.get("date_prepositions")),
        date_modifiers=low(lx.get("date_modifiers")),
        recent=low(lx.get("recent")),
        sets=low(lx.get("sets")),
        future_words=frozenset(low(lx.get("future_words"))),
        future_aux=frozenset(low(lx.get("future_aux"))),
        future_verbs=frozenset(low(lx.get("future_verbs"))),
        future_participles=frozenset(low(lx.get("future_participles"))),
        future_marks=frozenset(low(lx.get("future_marks"))),
        patterns=tuple(pats.get("patterns") or ()),
        framing=framing,
        capitalised_names=bool(lx.get("capitalised_names", True)),
    )
