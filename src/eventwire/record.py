"""The typed records that flow through eventwire, one stage to the next.

    source -> Article -> AnnotatedDoc (spaCy Doc + times + places) -> Mention -> Event

Every value that comes from the text carries an :class:`Evidence` (the surface text, its
character offsets into ``Article.text`` and the sentence it sits in) from the moment it is
found; later stages copy evidence, they never re-derive it.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from . import docstate
from .docstate import Key

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
PLACE_LEVELS = ("town", "district", "region", "country")
COUNT_FIELDS = ("fatalities", "injured", "arrested")
REVIEW_STATUSES = ("unreviewed", "accepted", "rejected")  # of a stored event (eventwire.store.review)
# what a status filter accepts: a review status, "reviewed" (accepted or rejected) or "all"
STATUS_FILTERS = (*REVIEW_STATUSES, "reviewed", "all")
QUALIFIERS = ("exact", "at least", "more than", "about", "nearly", "up to", "range", "vague")
MODALITIES = ("asserted", "negated", "hypothetical", "planned", "threatened", "denied")
# how a date was found: stated for the event (in its clause, or earlier for the same event), from
# an earlier sentence of its paragraph, the date of the story so far (another paragraph, the
# lead's next sentences, the body for a headline), the day of a report ("police said on Friday"),
# the publication day (the text gives none), or none at all
DATE_SOURCES = ("stated", "paragraph", "context", "report_date", "publication_date", "unknown")
# how a place was found: named in the event's sentence, in the sentences around it, the
# article's main place, the dateline, the article's country only, or none
PLACE_SOURCES = ("stated", "context", "article", "dateline", "country", "unknown")


@dataclass
class Article:
    """One news article as read from a source. ``text`` is what every offset indexes."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from: "file.jsonl:12", "page.html"
    lang: str | None = None  # "en", "fr" (data/languages.yaml); None: detected from the text (eventwire.lang)


HEADLINE_MAX = 150  # characters: a longer first line is a paragraph, not a headline


def hard_wrapped(text: str) -> bool:
    """Is the text wire copy broken into lines of a fixed width (most lines 45-90 characters)?"""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 6:
        return False
    full = [ln for ln in lines if 45 <= len(ln.rstrip()) <= 90]
    return len(full) >= 0.6 * len(lines)


def headline_end(article: Article) -> int:
    """Where the headline that opens the article's text ends: the title when the text starts with
    it, else a short first line without a full stop (not in hard-wrapped copy, where every line is
    short); 0 when there is none."""
    text, title = article.text, (article.title or "").strip()
    lead = len(text) - len(text.lstrip())
    if title and text[lead:].startswith(title):
        return lead + len(title)
    if hard_wrapped(text):
        return 0
    nl = text.find("\n", lead)
    first = text[lead:nl].strip() if nl > 0 else ""
    if first and len(first) <= HEADLINE_MAX and first[-1] not in ".!?\"”:":
        return nl
    return 0


@dataclass
class Evidence:
    """Where a value came from: its surface text, offsets, and the enclosing sentence."""

    field: str  # "event", "date", "location", "actor1", "fatalities", ...
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    note: str | None = None

    def __post_init__(self) -> None:
        # a parser's sentence may carry the blank line after it: evidence quotes the sentence only
        lead = len(self.sentence) - len(self.sentence.lstrip())
        trail = len(self.sentence) - len(self.sentence.rstrip())
        if (lead or trail) and self.sentence.strip():
            self.sentence = self.sentence.strip()
            self.sentence_start += lead
            self.sentence_end -= trail

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TimeExpr:
    """A time expression found in the text and resolved against the publication date.

    ``value`` is an ISO string at its precision: "2017-03-17" (day or week: the week's first
    day), "2017-03" (month), "2017" (year), or None when it cannot be resolved (a relative
    expression in an article without a publication date).
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str  # one of DATE_PRECISIONS
    kind: str = "date"  # "date" | "duration" | "set" | "age"
    relative: bool = False  # anchored on the publication date ("on Friday", "last year")
    note: str | None = None  # for people: how it was resolved (code tests the fields, not this)
    vague: bool = False  # a vague period ("recently"), coded to the month of publication


@dataclass
class Place:
    """A place mention in the text resolved to a gazetteer entry."""

    start: int
    end: int
    text: str
    name: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    feature_code: str | None
    place_level: str | None  # one of PLACE_LEVELS
    score: float = 0.0
    alt_names: list[str] = field(default_factory=list)  # other names of the resolved entry
    role: str = "place"  # "place" | "demonym" (Moroccan -> MA): context, not a location
    within: int | None = None  # a name the gazetteer lacks: the known place its own sentence puts it in


@dataclass
class Actor:
    """An actor named the way ACLED names them ("Police Forces of Morocco")."""

    name: str
    text: str  # as written
    start: int
    end: int
    kind: str = "other"  # state | rebel | political_militia | identity_militia | rioters | protesters | civilians | external | unidentified | other


@dataclass
class Count:
    """A count of victims or detainees with its qualifier."""

    field: str  # one of COUNT_FIELDS
    value: int | None  # None for vague amounts ("dozens")
    qualifier: str  # one of QUALIFIERS
    text: str  # the phrase as written ("at least 15", "dozens")
    start: int
    end: int
    high: int | None = None  # upper bound of a range ("10 to 15")
    # the groups a sum adds up, (value, kind of victim): "12 villagers and seven policemen" ->
    # ((12, "civilians"), (7, "state_forces")); empty for one group
    parts: tuple[tuple[int, str], ...] = ()


@dataclass
class Mention:
    """One event mention: a trigger in a sentence, typed, with what the stages attach to it.

    what/  sets trigger, sentence, type, modality, actors, counts;
    when/  sets date, date_precision, historical, date_note and the "date" evidence;
    where/ sets place, geo_precision and the "location" evidence.
    """

    article_id: str
    trigger: str
    start: int  # trigger offsets
    end: int
    sent_index: int
    sentence: str
    sentence_start: int
    sentence_end: int
    event_type: str
    sub_event_type: str
    modality: str = "asserted"
    score: float = 0.5  # typing/detection confidence, 0..1; the most specific mention wins a merge
    generic: bool = False  # says only that people died/were hurt ("killed"), not how: merges into a typed event
    actor1: Actor | None = None
    actor2: Actor | None = None
    counts: dict[str, Count] = field(default_factory=dict)
    # filled by when/
    time: TimeExpr | None = None
    date: str | None = None
    date_precision: str = "unknown"
    historical: bool = False
    date_note: str | None = None
    date_source: str = "unknown"  # one of DATE_SOURCES
    # filled by where/
    place: Place | None = None
    geo_precision: int | None = None
    place_source: str = "unknown"  # one of PLACE_SOURCES
    evidence: list[Evidence] = field(default_factory=list)

    def add_evidence(self, fld: str, text: str, start: int, end: int, note: str | None = None) -> None:
        self.evidence.append(
            Evidence(fld, text, start, end, self.sentence, self.sentence_start, self.sentence_end, note)
        )


T = TypeVar("T")

SENTENCES = docstate.declare("doc.sentences", owner="record.AnnotatedDoc", cache=True,
                             doc="list(doc.sents), computed once: every stage asks for them")
SENTENCE_STARTS = docstate.declare("doc.sentence_starts", owner="record.AnnotatedDoc", cache=True,
                                   doc="the start character of each of doc.sentences")
DOC_TEXT = docstate.declare("doc.text", owner="record.AnnotatedDoc", cache=True,
                            doc="doc.text, computed once (spaCy rebuilds it from the tokens on every call)")
TIMES = docstate.declare("when.times", owner="when.annotate", attr="times",
                         doc="AnnotatedDoc.times: every time expression, resolved, sorted by start")
PLACES = docstate.declare("where.places", owner="where.annotate", attr="places",
                          doc="AnnotatedDoc.places: every place mention, sorted by start")
COUNTRIES = docstate.declare("where.countries", owner="where.annotate", attr="countries",
                             doc="AnnotatedDoc.countries: the article's countries in order of salience")


@dataclass
class AnnotatedDoc:
    """An article with its spaCy parse and the annotations shared by all stages.

    ``times``, ``places`` and ``countries`` are the annotations every stage reads; anything
    else a stage leaves for another lives in ``state`` under a declared :class:`docstate.Key`
    (``put``/``get``; ``cached`` for values computed on first use).
    """

    article: Article
    doc: Doc
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO codes in order of salience
    lang: str = "en"  # the language it was parsed as (eventwire.lang)
    state: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def put(self, key: Key, value: Any) -> None:
        """Assign the per-document value ``key`` (see :mod:`eventwire.docstate`)."""
        docstate.put(self.state, key, value)

    def get(self, key: Key) -> Any:
        """The per-document value ``key``; docstate.StateError if no stage has assigned it yet."""
        return docstate.get(self.state, key)

    def has(self, key: Key) -> bool:
        return docstate.has(self.state, key)

    def drop(self, key: Key) -> None:
        docstate.drop(self.state, key)

    def cached(self, key: Key, make: Callable[[], T]) -> T:
        """The cache value ``key``, made with ``make()`` on first use."""
        return docstate.cached(self.state, key, make)

    @property
    def sentences(self) -> list[SpacySpan]:
        """The parse's sentences, computed once (every stage asks for them)."""
        return self.cached(SENTENCES, lambda: list(self.doc.sents))

    @property
    def sentence_starts(self) -> list[int]:
        """The start character of each sentence."""
        return self.cached(SENTENCE_STARTS, lambda: [s.start_char for s in self.sentences])

    @property
    def doc_text(self) -> str:
        """The parsed text (``doc.text``: recased and unwrapped, same length as the article's)."""
        return self.cached(DOC_TEXT, lambda: self.doc.text)

    def sentence_of(self, char: int) -> SpacySpan | None:
        """The sentence that contains character offset ``char``."""
        sents = self.sentences
        i = bisect_right(self.sentence_starts, char) - 1
        if i >= 0 and sents[i].start_char <= char < sents[i].end_char:
            return sents[i]
        return None

    def evidence(self, fld: str, start: int, end: int, note: str | None = None) -> Evidence:
        """Evidence for the text between ``start`` and ``end``, with its sentence."""
        s = self.sentence_of(start)
        text = self.article.text
        if s is None:
            return Evidence(fld, text[start:end], start, end, text[start:end], start, end, note)
        return Evidence(fld, text[start:end], start, end, s.text, s.start_char, s.end_char, note)


@dataclass
class Event:
    """The output record: one real-world event reported by one article (see event.schema.json)."""

    event_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    date: str | None
    date_precision: str
    historical: bool
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None
    place_level: str | None
    geo_precision: int | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    fatalities_qualifier: str | None
    injured: int | None
    injured_qualifier: str | None
    arrested: int | None
    arrested_qualifier: str | None
    count_qualifier: str | None
    confidence: float
    evidence: list[Evidence]
    modality: str = "asserted"
    date_note: str | None = None
    date_source: str = "unknown"
    place_source: str = "unknown"
    location_names: list[str] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None  # the language it was coded from ("en", "fr")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d


def make_event_id(article_id: str, *parts: object) -> str:
    """A stable id: the same article coded the same way gets the same id."""
    h = hashlib.sha1("|".join([article_id, *map(str, parts)]).encode("utf-8")).hexdigest()
    return f"ev-{h[:16]}"
