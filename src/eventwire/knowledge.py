"""The one loader of eventwire's data files (``src/eventwire/data/**.yaml``).

:func:`load` reads a file by its name relative to ``data/`` ("relevance.yaml",
"places/demonyms.yaml") through :mod:`importlib.resources`, parses it once per process, and checks
it against its declaration in :data:`FILES`: every top-level key the file must have, and the kind of
its value (a list of words, a mapping of names to numbers, ...). A missing data file, a file that
is not YAML, a missing key, an unknown key or a value of the wrong kind raises
:class:`~eventwire.errors.DataFileError` with one line naming the file and the key::

    relevance.yaml: key 'weights.weak': expected a number, got 'high'

Each module keeps building its own structures from the raw data; only the reading and the shape
checks live here (checks of meaning -- a sub-event type that must exist in taxonomy.yaml -- stay
with the module that knows the meaning).

**Languages.** English data lives in ``data/``; another language's in ``data/lang/<code>/``, under
the same names, checked against the same declarations. A language's file replaces the English
one whole. A file a language does not provide is read in English only when it is declared
language-free (:data:`SHARED`: the ACLED taxonomy and conventions, countries, gazetteer aliases,
thresholds); any other missing file is a :class:`DataFileError` (English trigger or time words
would be wrong, not merely absent, in French text).

The language a stage reads is *the current language* (:func:`current`): English, unless a
document is being coded inside :func:`reading` (``with knowledge.reading(adoc.lang): ...``, set by
the pipeline around each document). Caches built from language data are keyed by it:
decorate them with :func:`per_language` instead of ``functools.cache``.
"""

from __future__ import annotations

import contextvars
import copy
import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError

__all__ = ["DEFAULT", "FILES", "SHARED", "Kind", "check", "current", "declared", "load", "per_language",
           "provided", "reading"]


class Kind:
    """What a value must be: ``check`` returns a description of the problem, or None."""

    what = "anything"

    def problem(self, value: Any, key: str) -> tuple[str, str] | None:
        """(key, what was expected) of the first problem in ``value`` at ``key``, or None."""
        return None if self.ok(value) else (key, self.what)

    def ok(self, value: Any) -> bool:
        return True


class _Free(Kind):
    what = "anything"


class _Number(Kind):
    what = "a number"

    def ok(self, value: Any) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)


class _Bool(Kind):
    what = "true or false"

    def ok(self, value: Any) -> bool:
        return isinstance(value, bool)


class _Whole(Kind):
    what = "a whole number"

    def ok(self, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)


class _Text(Kind):
    what = "a string"

    def ok(self, value: Any) -> bool:
        return isinstance(value, str)


class _Words(Kind):
    """A list of non-blank strings (``nonempty``: at least one)."""

    def __init__(self, nonempty: bool = False):
        self.nonempty = nonempty
        self.what = "a non-empty list of words" if nonempty else "a list of words"

    def ok(self, value: Any) -> bool:
        return (isinstance(value, list) and (bool(value) or not self.nonempty)
                and all(isinstance(t, str) and t.strip() for t in value))


class _List(Kind):
    what = "a list"

    def ok(self, value: Any) -> bool:
        return isinstance(value, list)


class _Mapping(Kind):
    what = "a mapping"

    def ok(self, value: Any) -> bool:
        return isinstance(value, dict)


class ListOf(Kind):
    """A list whose every item is of ``item`` kind."""

    def __init__(self, item: Kind):
        self.item = item
        self.what = f"a list of {item.what.removeprefix('a ').removeprefix('an ')}s"

    def problem(self, value: Any, key: str) -> tuple[str, str] | None:
        if not isinstance(value, list):
            return key, self.what
        for i, v in enumerate(value):
            p = self.item.problem(v, f"{key}[{i}]")
            if p:
                return p
        return None


class MapOf(Kind):
    """A mapping of names (of ``keys`` type: str, or int for numbered tables) to ``value`` kind."""

    def __init__(self, value: Kind, keys: type = str):
        self.value, self.keys = value, keys
        self.what = f"a mapping of {keys.__name__} to {value.what}"

    def problem(self, value: Any, key: str) -> tuple[str, str] | None:
        if not isinstance(value, dict):
            return key, self.what
        for k, v in value.items():
            where = f"{key}.{k}" if key else str(k)
            if not isinstance(k, self.keys) or isinstance(k, bool):
                return where, f"a {self.keys.__name__} as name"
            p = self.value.problem(v, where)
            if p:
                return p
        return None


class Keys(Kind):
    """A mapping with exactly these keys (each required), each of its own kind."""

    def __init__(self, keys: Mapping[str, Kind]):
        self.keys = dict(keys)
        self.what = "a mapping of keys " + ", ".join(self.keys)

    def problem(self, value: Any, key: str) -> tuple[str, str] | None:
        if not isinstance(value, dict):
            return key, self.what
        prefix = f"{key}." if key else ""
        for k in value:
            if k not in self.keys:
                return prefix + str(k), "unknown key"
        for k, kind in self.keys.items():
            if k not in value:
                return prefix + k, "missing"
            p = kind.problem(value[k], prefix + k)
            if p:
                return p
        return None


FREE, NUMBER, WHOLE, TEXT, LIST, MAPPING = _Free(), _Number(), _Whole(), _Text(), _List(), _Mapping()
BOOL = _Bool()
WORDS, SOME_WORDS = _Words(), _Words(nonempty=True)


def _all(kind: Kind, *names: str) -> dict[str, Kind]:
    return dict.fromkeys(names, kind)


_TEMPLATED = Keys({"template": TEXT, "words": WORDS})  # actors.yaml: a category's name and its words

# every data file, with the keys it must have and the kind of each value
FILES: dict[str, Kind] = {
    "acled_csv.yaml": Keys({
        "time_precision": MapOf(WHOLE),
        "event_date": Keys({"month_day": WHOLE, "year_month_day": TEXT}),
        "vague_fatalities_default": WHOLE,
        **_all(SOME_WORDS, "columns", "extension"),
        "inter": Keys({"kinds": MapOf(WHOLE), "foreign_state": WHOLE, "none": WHOLE}),
        "disorder_types": Keys(_all(MapOf(TEXT), "sub_event_types", "event_types")),
        "civilian_targeting": Keys({"value": TEXT, "inter2": ListOf(WHOLE), "disorder_types": SOME_WORDS}),
        "source_scales": MapOf(TEXT),
        "notes": Keys({
            "months": SOME_WORDS, "date": MapOf(TEXT), "places": SOME_WORDS, "no_place": TEXT, "no_actor1": TEXT,
            "bodies": MapOf(Keys({"with_actor2": TEXT, "alone": TEXT})),
            "counts": MapOf(TEXT), "count_joiner": TEXT, "people": SOME_WORDS, "victims": MapOf(SOME_WORDS),
            "qualifiers": MapOf(TEXT),
        }),
    }),
    "acled_countries.yaml": Keys({
        "regions": MapOf(SOME_WORDS),
        "iso_numeric": MapOf(WHOLE),
        "alternates": MapOf(SOME_WORDS),
    }),
    "actors.yaml": Keys({
        "groups": ListOf(MAPPING),
        "state_forces": MapOf(MAPPING),
        "insurgencies": ListOf(Keys({"name": TEXT, "countries": SOME_WORDS, "words": SOME_WORDS})),
        **_all(_TEMPLATED, "unidentified", "militia", "protesters", "rioters", "civilians", "civilian_places"),
        "crowd_words": WORDS,
        "crowd_by_event_type": MapOf(TEXT),
        "defaults": MapOf(MapOf(TEXT)),
        **_all(WORDS, "not_actors", "speakers", "claim_verbs", "claim_objects", "target_preps",
               "other_side_preps", "loser_preps", "territory_sub_event_types", "stance_prefixes", "light_verbs",
               "right_modifiers", "member_preps", "agent_preps"),
        "heads": MapOf(WORDS),
        **_all(WORDS, "armed_event_types", "civilian_target_event_types", "same_event_marks", "person_endings",
               "victim_side_event_types", "two_sided_event_types", "other_side_event_types",
               "arrest_sub_event_types", "crowd_target_sub_event_types", "state_alone_other_side_event_types",
               "perpetrator_kinds", "article_doer_types", "article_doer_kinds", "unknown_doer_words",
               "no_claim_words", "state_first_sub_event_types", "own_forces_sub_event_types", "handover_sub_event_types", "leaving_verbs",
               "doer_event_types", "other_event_marks", "stative_verbs", "armed_kinds", "two_sided_armed_types",
               "one_sided_types"),
        "not_crowd_actor1": MapOf(WORDS),
    }),
    "casing.yaml": Keys({
        "detect": Keys({"min_letters": WHOLE, "min_upper_share": NUMBER}),
        **_all(WHOLE, "city_min_population", "city_phrase_min_population", "compound_min_rest", "acronym_max_len", "acronym_short_len", "acronym_max_vowels"),
        "endings": ListOf(ListOf(TEXT)),  # [ending, replacement]; the replacement may be ""
        **_all(WORDS, "undouble", "particles", "middle_particles", "name_connectors", "organisation_heads",
               "compound_prefixes", "run_together_endings"),
        "name_head_words": WHOLE,
        **_all(WORDS, "always_lower", "always_capital", "month_words", "titles", "editorial_tags"),
    }),
    "compare.yaml": Keys({
        "assembly": Keys(_all(NUMBER, "day_slack", "context_slack", "report_window_days", "near_km",
                              "region_km", "story_sentences")),
        "store": Keys({
            **_all(NUMBER, "day_slack", "context_slack", "report_window_days", "near_km", "region_km",
                   "threshold", "narrow_days", "wide_days", "family_bound_days"),
            "blocks": MapOf(TEXT),
            "alike": ListOf(WORDS),
            "weak_places": WORDS,
            "weights": MapOf(NUMBER),
        }),
    }),
    "countries.yaml": Keys({
        "names": MapOf(TEXT),
        "with_article": WORDS,
        "aliases": MapOf(WORDS),
        "demonyms": MapOf(TEXT),
    }),
    "languages.yaml": Keys({
        "languages": MapOf(Keys({"name": TEXT, "model": TEXT, "package": TEXT, "events": BOOL,
                                 "labels": MapOf(TEXT)})),
        "detect": Keys({"sample_chars": WHOLE, "min_words": WHOLE, "min_share": NUMBER, "margin": NUMBER}),
    }),
    "numbers.yaml": Keys({
        **_all(MapOf(WHOLE), "units", "scales", "vague", "ordinals"),
        "qualifiers": MapOf(TEXT),
        "range_joiners": WORDS,
        **_all(MapOf(WORDS), "transitive_verbs", "intransitive_verbs"),
        "person_object_verbs": WORDS,
        "verb_complements": MapOf(MapOf(TEXT)),
        "subject_complement_verbs": WORDS,
        "count_nouns": MapOf(WORDS),
        "act_nouns": WORDS,
        **_all(WORDS, "count_prepositions", "toll_nouns", "toll_other_fields", "qualifier_prepositions",
               "tally_nouns", "quantity_heads", "source_verbs", "instant_words", "position_preps", "subcount_markers", "additive_markers", "additive_words", "harm_degrees", "partitive_pronouns"),
        "not_counted": MapOf(WORDS),
        **_all(WORDS, "collective_nouns", "singular_person_pronouns", "first_person_pronouns", "singular_determiners", "zero_words",
               "other_event_connectors", "other_event_units", "always_other_event_connectors"),
    }),
    # ACLED sub-event types -> PLOVER and CAMEO (meaning checked by eventwire.output.plover)
    "plover.yaml": Keys({
        "plover_types": MapOf(Keys({"quad": WHOLE, "modes": WORDS})),
        **_all(MapOf(TEXT), "cameo_roots", "cameo_codes"),
        "sub_event_types": MapOf(MAPPING),
    }),
    "places/aliases.yaml": Keys({
        "countries": MapOf(TEXT),
        "places": MapOf(WHOLE),  # name -> geonameid
        "never": WORDS,
        "abbreviations": MapOf(TEXT),
        "article_prefixes": WORDS,
    }),
    "places/country_points.yaml": MapOf(Keys({"point": ListOf(NUMBER), "note": TEXT})),
    "places/cues.yaml": Keys({
        "type_nouns": MapOf(MAPPING),
        **_all(WORDS, "directions", "units", "approximate", "outskirts", "placing_participles", "target_verbs", "spread_preps", "spread_nouns", "spread_adjectives", "locative_preps", "weak_preps",
               "name_connectors", "not_place_labels", "calendar_words", "embedding_labels", "place_labels", "place_heads",
               "feature_words", "street_words", "site_words", "route_words", "person_titles", "city_part_nouns", "topic_preps", "topic_shift"),
        **_all(MapOf(TEXT), "type_phrases", "locative_type_phrases"),
        "vague_nouns": WORDS,
        "venue_heads": MapOf(TEXT),
        **_all(WORDS, "home_nouns", "object_nouns", "speaker_verbs", "affiliation_suffixes", "abroad_nouns"),
        **_all(WORDS, "care_nouns", "transfer_verbs", "treatment_verbs", "capital_nouns", "country_nouns"),
        **_all(WORDS, "refuge_nouns", "flight_verbs", "flight_preps"),
    }),
    # countries: demonym -> country code, as read: YAML reads the unquoted code NO (Norwegian) as false
    "places/demonyms.yaml": Keys({"countries": MapOf(FREE), "continents": MapOf(TEXT), "regions": MapOf(TEXT),
                                   "never": WORDS}),
    "places/feature_levels.yaml": Keys({
        **_all(MapOf(TEXT), "codes", "classes"),
        **_all(MapOf(WHOLE), "specificity", "precision"),
        **_all(MapOf(TEXT), "unresolved_nouns", "area_nouns"),  # type noun -> level
    }),
    "relevance.yaml": Keys({
        "cues": Keys({"strong": WORDS, "weak": WORDS}),
        "domains": MapOf(SOME_WORDS),  # domain name -> its terms
        "weights": Keys({"weak": NUMBER, "domain_term": NUMBER, "max_per_cue": WHOLE}),
        "thresholds": Keys({"min_domain_terms": WHOLE, "min_score": NUMBER}),
        "background": Keys({"lead_chars": WHOLE, "phrases": WORDS, "transcript_phrases": WORDS}),
        "language": Keys({"function_words": WORDS, "min_share": NUMBER}),
    }),
    "store/words.yaml": Keys(_all(WORDS, "sites", "stop", "arrest")),
    "store/review.yaml": Keys({"weights": Keys(_all(NUMBER, "low_confidence", "disputed", "single_source",
                                                    "new_actor", "new_place")),
                               "low_confidence_below": NUMBER}),
    "taxonomy.yaml": Keys({
        "precedence": WORDS,
        "event_types": MapOf(MAPPING),
        "sub_event_types": ListOf(MAPPING),
    }),
    "time/framing.yaml": Keys({
        "news_window_days": WHOLE,
        "late_report_days": WHOLE,
        "default_precision": TEXT,
        **_all(WORDS, "reporting_verbs", "report_nouns", "nominal_deps", "through_prepositions", "other_time_marks",
               "occurrence_verbs", "perpetration_verbs", "ancestor_lemmas", "trigger_modifiers", "sentence_phrases",
               "article_frame_lemmas", "occasion_prepositions", "campaign_units", "phrase_span_units",
               "cause_prepositions", "motion_verbs", "generic_anaphors", "embed_markers"),
    }),
    "time/lexicon.yaml": Keys({
        "capitalised_names": BOOL,  # months and weekdays are written with a capital (English: May, Friday)
        "months": MapOf(WORDS, keys=int),
        "ambiguous_months": WORDS,
        "weekdays": MapOf(WORDS, keys=int),
        **_all(WORDS, "ambiguous_weekdays", "day_parts", "time_nouns", "name_heads"),
        **_all(MapOf(NUMBER), "numbers", "vague_numbers"),  # "half a": 0.5
        "hedges": WORDS,
        "units": MapOf(TEXT),
        **_all(MapOf(WHOLE), "deictic", "period_offsets"),
        "periods": WORDS,
        "anchored": MapOf(WHOLE),
        "anchored_periods": MapOf(TEXT),
        **_all(WORDS, "offset_after", "offset_before", "date_prepositions", "date_modifiers", "recent", "sets",
               "age_words", "future_words", "future_aux", "future_verbs", "future_participles",
               "future_marks"),
    }),
    "time/patterns.yaml": Keys({"patterns": ListOf(MapOf(TEXT))}),
    "triggers.yaml": Keys({"triggers": ListOf(MAPPING)}),
    "what/context.yaml": Keys({
        # cue lists, read as str(item): YAML reads an unquoted on/off/yes/no as a boolean
        # (location_preps has on, read as True)
        "cues": MapOf(LIST),
        "figurative": Keys({
            **_all(MapOf(WORDS), "modifiers", "of_nouns", "against_nouns", "objects"),  # trigger lemma -> words
            **_all(WORDS, "into_nouns", "agents", "score_units"),
        }),
        "target_rules": ListOf(MAPPING),
        "victim_rules": ListOf(MapOf(TEXT)),
        "victim_split": Keys({"subs": WORDS, "by_kind": MapOf(TEXT)}),
        "territory": Keys({
            **_all(TEXT, "government", "non_state", "person_by_state", "person_by_non_state", "weapons"),
            "weapons_score": NUMBER,
            "inherently_territorial": WORDS,
        }),
        "detainee_rules": ListOf(MAPPING),
        "doer_retypes": ListOf(MAPPING),
    }),
    "what/generic.yaml": Keys({
        **_all(WORDS, "habitual_adverbs", "indefinite_quantifiers", "copulas", "war_nouns",
               "unspecific_time_words", "long_span_units", "recent_words", "recent_units", "aggregate_nouns",
               "toll_verbs", "trend_verbs", "indefinite_determiners", "summary_modifiers", "habitual_modifiers",
               "record_quantifiers", "first_person_singular"),
        "aggregate_toll": WHOLE,
        "period_units": WORDS,
    }),
    "what/modality.yaml": Keys({
        "governors": MapOf(WORDS),
        "for_governors": MapOf(WORDS),
        **_all(WORDS, "protest_governors", "speech_verbs", "reference_governors", "presupposing_governors"),
        "modal_aux": MapOf(WORDS),
        **_all(WORDS, "false_claim_words", "question_marks", "conditional_marks"),
        "modifiers": MapOf(WORDS),
        **_all(WORDS, "negative_words", "purpose_applies_to", "purpose_verbs"),
    }),
}


# the files that hold no words of a language (or only ACLED's English names, the record's own):
# a language that does not provide its own reads the English one
SHARED: frozenset[str] = frozenset({
    "acled_csv.yaml", "acled_countries.yaml", "countries.yaml", "compare.yaml", "languages.yaml",
    "plover.yaml", "taxonomy.yaml", "places/aliases.yaml", "places/country_points.yaml",
    "places/demonyms.yaml", "places/feature_levels.yaml", "store/review.yaml", "store/words.yaml",
    # read before an article's language is known (the gate abstains on text that is not English)
    # or only to recase English copy
    "relevance.yaml", "casing.yaml",
})

DEFAULT = "en"  # the language of data/ itself
_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("eventwire_language", default=DEFAULT)


def current() -> str:
    """The language the stages read their data in (:func:`reading`; English outside it)."""
    return _CURRENT.get()


@contextmanager
def reading(lang: str | None) -> Iterator[str]:
    """Within it, :func:`current` is ``lang`` (None: English): ``with reading(adoc.lang): ...``.
    A context variable, so each thread and task has its own."""
    token = _CURRENT.set(lang or DEFAULT)
    try:
        yield current()
    finally:
        _CURRENT.reset(token)


def per_language(fn: Callable[..., Any] | None = None, *, maxsize: int | None = None) -> Any:
    """``functools.lru_cache`` keyed by the current language as well as the arguments, for whatever
    is built from language data (a lexicon, a compiled grammar): ``@per_language`` or
    ``@per_language(maxsize=4096)``. ``cache_clear`` and ``cache_info`` work as lru_cache's."""

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        inner = functools.lru_cache(maxsize=maxsize)(lambda _lang, *args, **kwargs: f(*args, **kwargs))

        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return inner(_CURRENT.get(), *args, **kwargs)

        wrapper.cache_clear = inner.cache_clear  # type: ignore[attr-defined]
        wrapper.cache_info = inner.cache_info  # type: ignore[attr-defined]
        return wrapper

    return decorate(fn) if fn is not None else decorate


def provided(lang: str) -> list[str]:
    """The declared files language ``lang`` has its own version of (all of them for English)."""
    if lang == DEFAULT:
        return declared()
    base = resources.files("eventwire") / "data" / "lang" / lang
    return [n for n in declared() if base.joinpath(*n.split("/")).is_file()]


def declared() -> list[str]:
    """The names of every declared data file."""
    return sorted(FILES)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _value_at(raw: Any, key: str) -> Any:
    """The value at a dotted ``key`` of ``raw`` (for the message), or a marker when absent."""
    node = raw
    for part in key.replace("[", ".[").split("."):
        if part.startswith("[") and isinstance(node, list):
            node = node[int(part[1:-1])]
        elif isinstance(node, dict):
            match = [k for k in node if str(k) == part]
            if not match:
                return None
            node = node[match[0]]
        else:
            return None
    return node


def check(name: str, raw: Any, label: str | None = None) -> Any:
    """``raw`` (the parsed file ``name``) if it matches the declaration of ``name``; else
    :class:`DataFileError` naming the file (as ``label``, e.g. "lang/fr/triggers.yaml") and the
    first key that does not."""
    kind = FILES.get(name)
    if kind is None:
        raise DataFileError(f"{name}: not a declared data file (see eventwire.knowledge.FILES)")
    problem = kind.problem(raw, "")
    if problem is None:
        return raw
    key, what = problem
    if not key:
        raise DataFileError(f"{label or name}: expected {what}, got {_shown(raw)}")
    if what in ("missing", "unknown key"):
        raise DataFileError(f"{label or name}: key {key!r}: {what}")
    raise DataFileError(f"{label or name}: key {key!r}: expected {what}, got {_shown(_value_at(raw, key))}")


@cache
def _parsed(name: str, root: str | None, lang: str = DEFAULT) -> Any:
    if name not in FILES:
        raise DataFileError(f"{name}: not a declared data file (see eventwire.knowledge.FILES)")
    base = resources.files("eventwire") / "data" if root is None else Path(root)
    if lang != DEFAULT:
        own = base.joinpath("lang", lang, *name.split("/"))
        if not own.is_file():
            if name in SHARED:
                return _parsed(name, root)
            raise DataFileError(f"lang/{lang}/{name}: data file not found ({own}); only the "
                                "language-free files (knowledge.SHARED) fall back to English")
        declared_name, path, name = name, own, f"lang/{lang}/{name}"
    else:
        declared_name, path = name, base.joinpath(*name.split("/"))
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as e:
        raise DataFileError(f"{name}: data file not found ({path})") from e
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(e, "problem", None) or type(e).__name__
        raise DataFileError(f"{name}: not valid YAML{at}: {problem}") from e
    flag = _yaml_boolean(raw, "")
    if flag is not None:
        raise DataFileError(f"{name}: key '{flag}': a bare on/off/yes/no is read as true/false; "
                            "write the word in quotes")
    return check(declared_name, raw, label=name)


def _yaml_boolean(value: Any, key: str) -> str | None:
    """The key of the first list holding a YAML boolean ("[in, at, on]" reads "on" as true): no
    list of a data file means true or false, so it is a word that lost its quotes."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            found = _yaml_boolean(v, f"{key}.{k}" if key else str(k))
            if found is not None:
                return found
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, bool):
                return key
            found = _yaml_boolean(v, key)
            if found is not None:
                return found
    return None


def load(name: str, root: str | Path | None = None, lang: str | None = None) -> Any:
    """The data file ``name`` (relative to ``data/``, e.g. "places/demonyms.yaml") of language
    ``lang`` (None: :func:`current`), parsed and checked against its declaration; parsed once per
    process, a fresh copy on each call (callers may change what they get). ``root``: read the file
    from this directory instead (tests; a language's files under ``root/lang/<code>/``)."""
    return copy.deepcopy(_parsed(name, None if root is None else str(root), lang or current()))
