"""Name keys and the place lexicons shipped as YAML under ``eventwire/data/places/``.

A *key* is how names are compared: accents removed, lower case, every character that is not a
letter or digit dropped. "Deir ez-Zor", "Deir Ezzor" and "DEIR EZ ZOR" share the key
``deirezzor``; "U.S." and "US" share ``us``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from .. import knowledge

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """``text`` without accents, in lower case (spaces and punctuation kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def key(text: str) -> str:
    """The comparison key of a name (see the module docstring)."""
    return _NON_ALNUM.sub("", fold(text).replace("ı", "i").replace("ß", "ss"))


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is Latin (after removing accents)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return all(ord(c) < 0x250 or unicodedata.combining(c) or c in "ʻʼ’‘" for c in decomposed)


def load_yaml(name: str) -> Any:
    """Read ``eventwire/data/places/<name>``."""
    return knowledge.load(f"places/{name}")


@dataclass(frozen=True)
class Levels:
    """Feature code -> place level, and what each level means for precision."""

    codes: dict[str, str]
    classes: dict[str, str]
    specificity: dict[str, int]
    precision: dict[str, int]
    unresolved_nouns: dict[str, str] = field(default_factory=dict)  # type noun -> level of a name the gazetteer lacks
    area_nouns: dict[str, str] = field(default_factory=dict)  # type noun -> level of a town called an area

    def level(self, feature_code: str | None, feature_class: str | None = None) -> str | None:
        if feature_code and feature_code in self.codes:
            return self.codes[feature_code]
        if feature_class and feature_class in self.classes:
            return self.classes[feature_class]
        return None


@dataclass(frozen=True)
class Cues:
    """Words around a place name (see ``cues.yaml``)."""

    type_nouns: dict[str, dict[str, Any]]
    directions: frozenset[str]
    units: frozenset[str]
    approximate: frozenset[str]
    outskirts: frozenset[str]
    placing_participles: frozenset[str]
    target_verbs: frozenset[str]
    locative_preps: frozenset[str]
    weak_preps: frozenset[str]
    name_connectors: frozenset[str]
    not_place_labels: frozenset[str]
    embedding_labels: frozenset[str]
    place_labels: frozenset[str]
    place_heads: frozenset[str]
    feature_words: frozenset[str]
    street_words: frozenset[str]
    site_words: frozenset[str]
    route_words: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    city_part_nouns: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    topic_shift: frozenset[str] = frozenset()
    venue_heads: dict[str, str] = field(default_factory=dict)
    vague_nouns: frozenset[str] = frozenset()
    object_nouns: frozenset[str] = frozenset()
    type_phrases: dict[str, str] = field(default_factory=dict)
    locative_type_phrases: dict[str, str] = field(default_factory=dict)
    speaker_verbs: frozenset[str] = frozenset()
    affiliation_suffixes: frozenset[str] = frozenset()
    home_nouns: frozenset[str] = frozenset()
    abroad_nouns: frozenset[str] = frozenset()
    calendar_words: frozenset[str] = frozenset()
    care_nouns: frozenset[str] = frozenset()
    transfer_verbs: frozenset[str] = frozenset()
    treatment_verbs: frozenset[str] = frozenset()
    refuge_nouns: frozenset[str] = frozenset()
    flight_verbs: frozenset[str] = frozenset()
    flight_preps: frozenset[str] = frozenset()
    capital_nouns: frozenset[str] = frozenset()
    country_nouns: frozenset[str] = frozenset()
    spread_preps: frozenset[str] = frozenset()
    spread_nouns: frozenset[str] = frozenset()
    spread_adjectives: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Aliases:
    """Extra names (see ``aliases.yaml``) and demonyms (see ``demonyms.yaml``)."""

    countries: dict[str, str]  # key -> ISO code
    places: dict[str, int]  # key -> geonameid
    never: frozenset[str]  # keys
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> ISO code or continent name
    demonym_never: frozenset[str] = frozenset()
    abbreviations: dict[str, tuple[str, str]] = field(default_factory=dict)  # abbrev_key -> (name, CC)
    region_demonyms: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (region name, CC)
    article_prefixes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def levels() -> Levels:
    d = load_yaml("feature_levels.yaml")
    return Levels(d["codes"], d["classes"], d["specificity"], d["precision"],
                  unresolved_nouns=d["unresolved_nouns"], area_nouns=d["area_nouns"])


# spaCy entity labels in cues.yaml: kept as written (every other word list is lower-cased)
LABEL_KEYS = ("not_place_labels", "embedding_labels", "place_labels")


@knowledge.per_language
def cues() -> Cues:
    """cues.yaml, its word lists lower-cased (entity labels aside) and its tables keyed in lower case;
    a key the file leaves out keeps the field's default."""
    d = load_yaml("cues.yaml")
    out: dict[str, Any] = {}
    for f in fields(Cues):
        v = d.get(f.name)
        if v is None:
            continue
        if isinstance(v, dict):
            out[f.name] = {str(k).lower(): x for k, x in v.items()}
        else:
            out[f.name] = frozenset(v) if f.name in LABEL_KEYS else frozenset(str(x).lower() for x in v)
    return Cues(**out)


def plural_forms(demonym: str) -> list[str]:
    """'Moroccan' -> ['Moroccans']; forms that do not take -s give nothing."""
    if demonym.endswith(("an", "i", "er", "ite", "ot")):
        return [demonym + "s"]
    return []


@lru_cache(maxsize=1)
def aliases() -> Aliases:
    a = load_yaml("aliases.yaml")
    d = load_yaml("demonyms.yaml")
    demonyms: dict[str, str] = {}
    for table in ("countries", "continents"):
        for form, target in (d.get(table) or {}).items():
            for f in [form, *plural_forms(form)]:
                demonyms.setdefault(key(f), target)
    return Aliases(
        countries={key(k): v for k, v in (a.get("countries") or {}).items()},
        places={key(k): int(v) for k, v in (a.get("places") or {}).items()},
        never=frozenset(key(x) for x in a.get("never") or []),
        demonyms=demonyms,
        demonym_never=frozenset(key(x) for x in d.get("never") or []),
        abbreviations={abbrev_key(k): _name_cc(v) for k, v in (a.get("abbreviations") or {}).items()},
        region_demonyms={key(f): _name_cc(v) for k, v in (d.get("regions") or {}).items()
                         for f in [k, *plural_forms(k)]},
        article_prefixes=tuple(a.get("article_prefixes") or ()),
    )


def abbrev_key(text: str) -> str:
    """The key of an abbreviation written with its final period: 'Calif.' -> 'calif.'."""
    return key(text) + "."


def _name_cc(value: str) -> tuple[str, str]:
    name, _, cc = value.rpartition(",")
    return name.strip(), cc.strip()


def without_article(name: str, prefixes: tuple[str, ...]) -> str | None:
    """'Al Qamishli' -> 'Qamishli', 'Ar-Raqqah' -> 'Raqqah'; None when there is no such prefix."""
    for sep in (" ", "-", "’", "'"):
        head, s, rest = name.partition(sep)
        if s and rest and head.lower() in prefixes and rest[:1].isupper():
            return rest
    return None
