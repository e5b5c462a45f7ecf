"""What data/time/framing.yaml says: the news window, the attribution verbs, the cues that
frame an event as background, and the checks that use them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .. import knowledge
from .lexicon import lexicon
from .resolve import parse_value, period_end

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Framing:
    """framing.yaml, read once."""

    window: int  # news_window_days
    late: int  # late_report_days: the lead's reported event is news up to this age
    default_precision: str
    reporting: frozenset[str]  # lemmas of verbs of reporting
    report_nouns: frozenset[str]  # nouns of reports ("a statement issued on Friday")
    nominal_deps: frozenset[str]
    through: frozenset[str]  # prepositions through which a dated noun dates its head
    other_time: frozenset[str]  # subordinators of a clause of another time ("since he ousted ...")
    ancestors: frozenset[str]  # framing words above the trigger ("anniversary")
    modifiers: frozenset[str]  # framing modifiers of the trigger ("previous")
    phrases: re.Pattern[str] | None  # framing phrases of the sentence ("in the past")
    article: frozenset[str] = frozenset()  # lemmas that frame a whole article ("anniversary")
    campaign: frozenset[str] = frozenset()  # units of a span that sums up a campaign ("weeks of")
    occasion: frozenset[str] = frozenset()  # prepositions of an event's occasion ("an attack on a memorial")
    occurrence: frozenset[str] = frozenset()  # verbs of a relative clause that dates its event noun
    perpetration: frozenset[str] = frozenset()  # participles of doing an act that date its noun through its "of" object
    causes: frozenset[str] = frozenset()  # prepositions of a cause or a past ("in connection with")
    motion: frozenset[str] = frozenset()  # verbs after which those prepositions say where ("drove over")
    embeds: tuple[str, ...] = ()  # marks of an embedded post's line ("pic.twitter.com", "(@")
    generic_anaphors: frozenset[str] = frozenset()  # nouns that refer back to any event ("the attacks")


@knowledge.per_language
def framing() -> Framing:
    """The framing rules, loaded once per process."""
    f = lexicon().framing
    low = lambda k: frozenset(str(x).lower() for x in f.get(k) or ())  # noqa: E731
    phrases = [str(p) for p in f.get("sentence_phrases") or ()]
    units = "|".join(re.escape(str(u)) for u in f.get("phrase_span_units") or ())
    span = rf"(?!\s+(?:\S+\s+){{0,2}}?(?:{units})\b)" if units else ""  # "in the past (few) days": a span
    rx = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b" + span, re.I) if phrases else None
    return Framing(
        window=int(f.get("news_window_days", 30)),
        late=int(f.get("late_report_days", 0)),
        default_precision=str(f.get("default_precision", "day")),
        reporting=low("reporting_verbs"),
        report_nouns=low("report_nouns"),
        nominal_deps=low("nominal_deps"),
        through=low("through_prepositions"),
        other_time=low("other_time_marks"),
        ancestors=low("ancestor_lemmas"),
        modifiers=low("trigger_modifiers"),
        phrases=rx,
        article=low("article_frame_lemmas"),
        campaign=low("campaign_units"),
        occasion=low("occasion_prepositions"),
        generic_anaphors=low("generic_anaphors"),
        occurrence=low("occurrence_verbs"),
        perpetration=low("perpetration_verbs"),
        causes=low("cause_prepositions"),
        motion=low("motion_verbs"),
        embeds=tuple(sorted(low("embed_markers"))),
    )


def modifier_cue(trig: Token) -> str | None:
    """A framing modifier of the trigger ("the previous attack", "a past raid"), or None. It
    makes the mention background unless its own sentence dates it inside the news window ("the
    previous blast on September 14", a fortnight ago, is still news)."""
    for c in trig.children:
        if c.dep_ in ("amod", "advmod", "compound") and c.lemma_.lower() in framing().modifiers:
            return f"framed as background by '{c.text} {trig.text}'"
    return None


def historical_cue(trig: Token, sent: Span, text: str, modifiers: bool = True) -> str | None:
    """A framing cue that makes the mention background whatever its date, or None
    (``modifiers=False``: without :func:`modifier_cue`, which the caller weighs itself)."""
    fr = framing()
    t = trig
    while t.head.i != t.i:
        t = t.head
        if t.lemma_.lower() in fr.ancestors:
            return f"framed as background by '{t.text}'"
    mod = modifier_cue(trig) if modifiers else None
    if mod is not None:
        return mod
    span = _campaign_span(trig, fr.campaign)
    if span is not None:
        return f"background: a campaign measured in {span}"
    if fr.phrases is not None:
        # only the line of the sentence that holds the trigger: the parser may join a headline
        # to the paragraph after it
        lo = max(sent.start_char, text.rfind("\n", 0, trig.idx) + 1)
        nl = text.find("\n", trig.idx)
        hi = sent.end_char if nl < 0 else min(sent.end_char, nl)
        mt = fr.phrases.search(text, lo, hi)
        if mt:
            return f"framed as background by '{mt.group(0)}'"
    return None


def _campaign_span(trig: Token, units: frozenset[str]) -> str | None:
    """"six weeks of clashes", "a six-week round of fighting": the unit word, or None."""
    if trig.dep_ != "pobj" or trig.head.lower_ != "of":
        return None
    h = trig.head.head
    if h.lemma_.lower() in units and h.tag_ == "NNS":
        return h.text
    for c in h.children:  # "a six-week round"
        parts = c.lower_.split("-")
        if c.dep_ in ("amod", "compound", "nummod") and len(parts) > 1 and parts[-1] in units:
            return c.text
        if c.dep_ in ("amod", "compound") and c.lemma_.lower() in units:  # "six - week" split by the tokenizer
            return c.text
    return None


def is_old(value: str | None, now: date | None, window: int | None = None, whole: bool = False) -> bool:
    """True when the period ``value`` names starts more than the news window before ``now``;
    ``whole``: when all of it lies before the window (``now`` is then not the publication date
    but the article's latest explicit date, itself a period start)."""
    d = parse_value(value)
    if d is None or now is None:
        return False
    if whole:
        d = period_end(d, {4: "year", 7: "month"}.get(len(value or ""), "day"))
    w = framing().window if window is None else window
    return (now - d).days > w


def article_frame(sents: list[Span], title_end: int) -> Token | None:
    """The framing word in the headline or the lead ("Boston marks anniversary of bombing"): the
    article is about a past event; None when there is none."""
    words = framing().article
    if not words or not sents:
        return None
    lead = [s for s in sents if s.start_char < title_end]
    lead += [s for s in sents if s.start_char >= title_end][:1]
    for s in lead:
        for t in s:
            if (t.lemma_.lower() in words or t.lower_ in words) and not occasion(t) and not described(t):
                return t
    return None


def article_cue(sents: list[Span], title_end: int) -> str | None:
    """:func:`article_frame` as a note: "the article is framed as background by 'anniversary'"."""
    t = article_frame(sents, title_end)
    return f"the article is framed as background by '{t.text}'" if t is not None else None


def described(t: Token) -> bool:
    """Is the framing word inside a relative clause ("a bill that would let suspects be sent
    abroad for trial")? Such a clause tells what a noun is or would do, not what the article is
    about."""
    return any(a.dep_ == "relcl" for a in (t, *t.ancestors))


def occasion(t: Token) -> bool:
    """Is the framing word ``t`` (or the noun it describes) the object of a preposition of
    occasion (framing.yaml ``occasion_prepositions``)? "an attack on a commemoration", "killed at
    a ceremony commemorating ...", "a blast on the anniversary of ...": it tells when or where the
    sentence's event happened, not that the article is about a past one."""
    preps = framing().occasion
    x = t
    while x.dep_ in ("amod", "compound", "acl", "nmod") and x.head.i != x.i:
        x = x.head
    return x.dep_ == "pobj" and x.head.lower_ in preps
