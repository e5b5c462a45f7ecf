"""The store's merge settings, from data files: weights and thresholds (``data/compare.yaml``,
section ``store``, read through :func:`eventwire.compare.rules`) and word lists
(``data/store/words.yaml``). Both are checked when loaded: a missing or mistyped key is an error
naming the file and the key, not a silent default."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import compare, knowledge

WEIGHT_KEYS = (
    "what_same", "what_family", "what_absorbs", "what_alike",
    "when_same", "when_slack", "when_week", "when_wide", "when_bound_family",
    "where_same", "where_weak", "where_near", "where_inside", "where_region", "where_named",
    "who_same", "who_apart", "toll_agree", "toll_differ", "sites_differ", "words",
)
WORD_KEYS = ("sites", "stop", "arrest")


@dataclass(frozen=True)
class MergeSettings:
    """What :mod:`.dedup` weighs: the comparison rules and the store's own weights and words."""

    rules: compare.Rules
    threshold: float
    narrow_days: int
    wide_days: int
    blocks: dict[str, str]  # merge group of a sub-type -> block
    alike: frozenset[frozenset[str]]
    weak_places: frozenset[str]
    weights: dict[str, float]
    sites: frozenset[str]
    stop: frozenset[str]
    arrest: frozenset[str]

    def w(self, key: str) -> float:
        return self.weights[key]


def _number(sec: dict[str, Any], key: str, where: str) -> float:
    v = sec.get(key)
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        raise ValueError(f"{where}: {key} must be a number, not {v!r}")
    return float(v)


def _words(raw: Any, key: str) -> frozenset[str]:
    where = "data/store/words.yaml"
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list) or not raw[key]:
        raise ValueError(f"{where}: {key} must be a non-empty list of words")
    out = set()
    for w in raw[key]:
        if not isinstance(w, str) or not w or w != w.lower() or len(w.split()) != 1:
            raise ValueError(f"{where}: {key}: {w!r} is not one lower-case word")
        out.add(w)
    return frozenset(out)


def check(sec: dict[str, Any], words: dict[str, Any]) -> MergeSettings:
    """Settings from a ``store`` section and a word file, checked (ValueError on a bad value)."""
    where = "compare.yaml: store"
    rules = compare.rules("store")
    weights = sec.get("weights")
    if not isinstance(weights, dict):
        raise ValueError(f"{where}.weights must be a mapping")
    unknown = set(weights) - set(WEIGHT_KEYS)
    if unknown:
        raise ValueError(f"{where}.weights: unknown {sorted(unknown)}")
    w = {k: _number(weights, k, f"{where}.weights") for k in WEIGHT_KEYS}
    _number(sec, "family_bound_days", where)  # read by dedup.score through the rules
    blocks = sec.get("blocks")
    if not isinstance(blocks, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in blocks.items()):
        raise ValueError(f"{where}.blocks must map merge groups to block names")
    alike = sec.get("alike") or []
    if not isinstance(alike, list) or not all(isinstance(p, list) and len(p) == 2 for p in alike):
        raise ValueError(f"{where}.alike must be a list of sub-type pairs")
    weak = sec.get("weak_places") or []
    bad = [p for p in weak if p not in _place_sources()]
    if bad:
        raise ValueError(f"{where}.weak_places: {bad} are not place sources")
    return MergeSettings(
        rules=rules, threshold=_number(sec, "threshold", where),
        narrow_days=int(_number(sec, "narrow_days", where)), wide_days=int(_number(sec, "wide_days", where)),
        blocks=dict(blocks), alike=frozenset(frozenset(p) for p in alike), weak_places=frozenset(weak),
        weights=w, sites=_words(words, "sites"), stop=_words(words, "stop"), arrest=_words(words, "arrest"),
    )


def _place_sources() -> tuple[str, ...]:
    from ..record import PLACE_SOURCES

    return PLACE_SOURCES


@cache
def settings() -> MergeSettings:
    """The store's merge settings from the shipped data files (loaded once)."""
    sec = compare.rules("store").values
    words = knowledge.load("store/words.yaml")
    return check(sec, words)
