"""A span of text that may name a place, as found by :mod:`.detect`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import docstate
from .gazetteer import Entry

NOTE_KEYS = ("dateline", "type_word", "label", "embedded", "locative", "anaphor")
NOTES = docstate.declare(
    "where.notes", owner="where.annotate",
    doc="(start, end) of each Place -> what its Candidate knew: " + ", ".join(NOTE_KEYS))


@dataclass
class Candidate:
    """A span of text that may name a place, with the gazetteer entries it could be."""

    start: int  # char offsets
    end: int
    i: int  # token offsets [i, j)
    j: int
    text: str
    entries: list[tuple[Entry, int]] = field(default_factory=list)  # (entry, name kind)
    role: str = "place"  # "place" | "demonym"
    label: str | None = None  # the parser's entity label over the span, if any
    type_cue: dict | None = None  # "the city of X" / "X province"
    type_word: str | None = None
    cue_token: int | None = None  # the adjective in "the northern Iraqi city of X"
    cue_country: str | None = None  # ... and the country it names (IQ)
    dateline: bool = False
    unresolved: bool = False  # a place the gazetteer lacks (no entries)
    modifier: bool = False  # used as a modifier ("U.S. Army", "Syrian forces"), not as a location
    locative: bool = False  # after a locative preposition ("in X", "near X")
    parenthetical: bool = False  # inside brackets ("(IS, banned in Russia)")
    embedded: bool = False  # part of a longer name ("Assam Rifles", "University of Toronto")
    within: Candidate | None = None  # the place before it in "Tacoma, Washington": this one contains it
    container: Candidate | None = None  # the place the text puts it in: "X village in Y region"
    abroad: bool = False  # qualifies a force a country sends abroad or an ally ("US troops", "US-led")
    mates: tuple[int, ...] = ()  # token starts of the other names of its list ("A, B, C and D")
