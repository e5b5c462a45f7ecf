"""The decision after coding: :func:`review` makes the undated events of a retrospective or
transcript article background, and finds an article left with no new event not relevant."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..record import Event
from .gate import retrospective_cue, transcript_cue
from .terms import POST_PARSE, Relevance

if TYPE_CHECKING:  # pragma: no cover
    from ..record import AnnotatedDoc


DATELINE_MAX_WORDS = 4  # a lead "sentence" this short ("ISTANBUL", "LAGOS, Nigeria") is a dateline


def review(adoc: AnnotatedDoc, events: list[Event], verdict: Relevance) -> tuple[Relevance, list[Event]]:
    """The post-parse decision: in a retrospective article, events not dated by their own
    sentence (nor, in its paragraph, by the date of an event so dated) are background
    (``historical``); an article left with no new event is not relevant
    (it is about the subject, but reports nothing new). Other articles pass unchanged."""
    new = [e for e in events if not e.historical]
    if not new:
        return verdict, events
    cue = verdict.background or retrospective_cue(adoc.article) or _lead_frame(adoc)
    looks_back = f"looks back at a past event ({cue})"
    if cue is None and (cue := transcript_cue(adoc.article)) is not None:
        looks_back = f"gives a speaker's words, whose undated events are references ({cue})"
    if cue is None:
        return verdict, events
    note = f"background: the article {looks_back}"
    told = {span for e in new if _own_date(e) for span in _date_spans(e)}
    out, kept = [], 0
    for e in events:
        if e.historical or _own_date(e) or _same_story(e, told):
            kept += not e.historical
            out.append(e)
            continue
        out.append(dataclasses.replace(e, historical=True, date_note=f"{e.date_note}; {note}" if e.date_note else note))
    reasons = [*verdict.reasons, looks_back]
    made = len(new) - kept
    if kept:
        reasons.append(f"{kept} event(s) dated by their own sentence (or its story's) kept as new, {made} made background")
        return dataclasses.replace(verdict, reasons=reasons, background=cue), out
    reasons.append(f"no event dated by its own sentence: {made} event(s) made background")
    return Relevance(False, verdict.score, reasons, POST_PARSE, cue), out


def _lead_frame(adoc: AnnotatedDoc) -> str | None:
    """framing.article_frame on the headline and the lead, a dateline line skipped: the framing
    word, quoted ("'anniversary'")."""
    from ..when.framing import article_frame
    from ..when.index import build

    title_end = build(adoc).title_end
    sents = [s for s in adoc.sentences
             if s.start_char < title_end or sum(t.is_alpha for t in s) > DATELINE_MAX_WORDS]
    t = article_frame(sents, title_end)
    return f"'{t.text}'" if t is not None else None


def _date_spans(e: Event) -> list[tuple[int, int]]:
    return [(v.start, v.end) for v in e.evidence if v.field == "date"]


def _same_story(e: Event, told: set[tuple[int, int]]) -> bool:
    """Is the event dated, within its paragraph, by the very expression that dates an event kept
    as news ("This afternoon gunmen fired on a boat. Its pilot was killed.")? It is more of that
    story, not a reference."""
    return e.date is not None and e.date_source == "paragraph" and any(s in told for s in _date_spans(e))


def _own_date(e: Event) -> bool:
    """Is the event's date one the text states for it (``date_source``), not the publication
    date, the day of a report or the date of the story so far?"""
    return e.date is not None and e.date_source == "stated"
