"""Date one event mention: the time expression that governs its trigger in the parse.

The rule, in order (the first that applies wins):

1. a date that *dominates* the trigger in the dependency tree: it modifies the trigger itself
   or a word above it ("killed ... on Friday", "the attack on Tuesday", "2003, when bombs
   killed" -- the trigger sits in a clause that hangs off the date);
2. a date in the trigger's own clause attached lower down (a parse that hung "on Friday" on a
   place name: "killed three soldiers in Iraq on Friday");
3. a date in an adverbial clause of the trigger's clause ("were killed when rebels ambushed
   them Sunday"; not a relative clause: "arrested a man who fought in 2014"); else a date after the trigger that the parse hung on a noun, with no verb
   in between ("opened fire on a mob near X, a district of Y on Friday");
4. a date of the report ("police said on Friday they had arrested"): it dates the event only
   when nothing in the event's own sentence does -- the event day is then unknown and, like
   ACLED, we code the day it was announced;
5. a headline's event word takes the date the body gives the same word ("Cell arrested in
   Morocco" -> "officials said on Friday they had arrested");
6. a definite event noun ("the truck bombings that killed 224") takes the date an earlier
   mention of the same noun had ("the 1998 bombings");
7. the date of the nearest earlier sentence that has one: any date within the paragraph; from
   an earlier paragraph only a date inside the news window (the story's reference time --
   news paragraphs are often one sentence long, and a background paragraph does not date what
   follows it); at the very start of a story (a headline, a lead whose day comes in the next
   sentence), the first date of the next two sentences, if inside the news window;
8. the publication date, with the precision of data/time/framing.yaml (ACLED: the day).

Dates that modify another noun ("the 2011 bombing", "last month's attack") date that noun
only. A date does not reach across a framing word ("marked the anniversary of the bombing on
Tuesday": Tuesday dates the marking, not the bombing).

historical: the period the date names starts more than ``news_window_days`` before publication
(without a publication date: before the end of the article's latest explicit date), or the
mention is framed as background (framing.yaml). A late report is the exception: the event the
lead reports on the day of the story ("the army reported today that rebels killed a mayor on 2
May") is its news, up to ``late_report_days`` old (govern.late_report).
"""

from __future__ import annotations

from .. import docstate
from ..record import AnnotatedDoc, Evidence, Mention, TimeExpr
from .annotate import COMPLEMENTS
from .framing import article_cue, framing, historical_cue, modifier_cue
from .govern import Choice, anaphora, earlier, govern, headline, late_report
from .index import Index, bisect, build, trigger


def attach(m: Mention, adoc: AnnotatedDoc) -> None:
    """Set m.time, m.date, m.date_precision, m.historical, m.date_note and the "date" evidence."""
    idx = build(adoc)
    default_prec = framing().default_precision
    pub = adoc.article.published
    trig = trigger(adoc, m)
    choice: Choice | None = None
    cue = None
    if trig is not None:
        si = bisect(idx.starts, trig.idx) if idx.sents else 0
        choice = govern(trig, idx.items.get(si, []))
        cue = historical_cue(trig, idx.sents[si], adoc.article.text, modifiers=False)
        mod = modifier_cue(trig)
        if mod is not None and not (choice is not None and choice.how in OWN_HOW
                                    and not idx.old(choice.item.te.value)):
            cue = cue or mod  # "the previous attack" is background unless dated as news
        if choice is not None:
            comp = adoc.get(COMPLEMENTS).get(choice.item.te.start)
            if comp is not None and _inside(trig.i, adoc.doc[comp.head]):
                te = choice.item.te
                _set(m, adoc, idx, te, comp.res.value, comp.res.precision, comp.res.note, "complement")
                _finish(m, idx, cue)
                return
        if choice is None and cue is None and _since_clause(trig):
            # "residents have been trapped since rebels seized the town": the seizure came before
            # the time of the story so far; only an earlier mention of it dates it
            choice = anaphora(idx, trig)
            if choice is None:
                _undated(m, idx, adoc, "an earlier event a 'since' clause refers to; the text gives it no date")
                return
        if choice is None and cue is None:
            choice = headline(idx, trig) or anaphora(idx, trig) or earlier(idx, si)
            cue = _article_cue(adoc, idx)  # no date of its own in an anniversary, trial... story
    if choice is not None:
        te = choice.item.te
        _set(m, adoc, idx, te, te.value, te.precision, te.note or "", choice.how)
    else:  # no date in the text: the evidence is the event's sentence, and the note says why
        m.time, m.date, m.date_precision, m.date_source = None, None, "unknown", "unknown"
        if cue is not None:
            m.date_note = f"background ({cue}); the text gives it no date"
        elif pub is not None:
            m.date, m.date_precision = _at_precision(pub, default_prec), default_prec
            m.date_source = "publication_date"
            m.date_note = f"no date in the text for this event; publication date {pub.isoformat()} used"
        else:
            m.date_note = "no date in the text and no publication date"
        m.evidence.append(_evidence(idx, adoc, m.sentence_start, m.sentence_end, m.date_note))
        _finish(m, idx, cue, cue_noted=cue is not None)
        return
    _finish(m, idx, cue)


OWN_HOW = frozenset({"own", "clause", "sub"})  # rules that date the event in its own sentence

# how a date was found (record.DATE_SOURCES), by the rule that found it
ARTICLE_CUE = docstate.declare("when.article_cue", owner="when.attach", cache=True, built_on=(COMPLEMENTS,),
                               doc="framing.article_cue of the article: why all of it is background, or None")

_SOURCE = {"own": "stated", "clause": "stated", "sub": "stated", "complement": "stated", "anaphora": "stated",
           "report": "report_date", "paragraph": "paragraph", "earlier": "context", "following": "context",
           "headline": "context"}

_HOW = {
    "own": "",
    "clause": " (in the event's clause)",
    "sub": " (from a clause of the event's sentence)",
    "report": " (date of the report: the event day itself is not stated)",
    "paragraph": " (from an earlier sentence of the paragraph)",
    "earlier": " (the date of the story so far: an earlier paragraph)",
    "following": " (the story's first date, given after this sentence)",
    "anaphora": " (the date given earlier for the same event)",
    "headline": " (the headline's event, as the body dates it)",
    "complement": " (the clause introduced by the offset)",
}


def _since_clause(trig) -> bool:
    """Is the trigger's clause introduced by "since" (a past event a state has lasted from)?"""
    t = trig
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in t.children):
            return True
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _undated(m: Mention, idx: Index, adoc: AnnotatedDoc, note: str) -> None:
    m.time, m.date, m.date_precision, m.date_note, m.historical = None, None, "unknown", note, False
    m.date_source = "unknown"
    m.evidence.append(_evidence(idx, adoc, m.sentence_start, m.sentence_end, note))


def _article_cue(adoc: AnnotatedDoc, idx: Index) -> str | None:
    return adoc.cached(ARTICLE_CUE, lambda: article_cue(idx.sents, idx.title_end))


def _inside(i: int, head) -> bool:
    return head.left_edge.i <= i <= head.right_edge.i


def _evidence(idx: Index, adoc: AnnotatedDoc, start: int, end: int, note: str | None) -> Evidence:
    """What ``adoc.evidence("date", start, end, note)`` gives, with the sentence found by bisection."""
    if not idx.sents:
        return adoc.evidence("date", start, end, note=note)
    s = idx.sents[bisect(idx.starts, start)]
    text = adoc.article.text
    sent = text[s.start_char : s.end_char]  # = s.text, without rebuilding it from the tokens
    return Evidence("date", text[start:end], start, end, sent, s.start_char, s.end_char, note)


def _set(m: Mention, adoc: AnnotatedDoc, idx: Index, te: TimeExpr, value: str | None, precision: str, note: str, how: str) -> None:
    m.time, m.date, m.date_precision = te, value, precision
    m.date_note = note + _HOW.get(how, "")
    m.date_source = _SOURCE.get(how, "stated") if value is not None else "unknown"
    m.evidence.append(_evidence(idx, adoc, te.start, te.end, m.date_note))


def _at_precision(d, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _finish(m: Mention, idx: Index, cue: str | None, cue_noted: bool = False) -> None:
    """Set m.historical; the note gets the cue (unless ``cue_noted``: it says it already) or the
    reason the date is old."""
    old = m.date is not None and idx.old(m.date) and (m.time is None or m.time is not late_report(idx))
    window, now = framing().window, idx.now
    m.historical = bool(old or cue)
    if cue and m.date_note and not cue_noted:
        m.date_note += f"; {cue}"
    elif old:
        m.date_note = (m.date_note or "") + f"; more than {window} days before {now}: historical"
