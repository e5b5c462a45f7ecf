"""Event detection: find the event triggers of a parsed article and type them with ACLED's taxonomy.

One :class:`~eventwire.record.Mention` per trigger. A trigger is a phrase from
data/triggers.yaml matched on word forms or lemmas; its part of speech, the cue words it needs in
its sentence, and a parse-based resolver (who attacked whom, who took the town) decide whether it
counts and which sub-event type it gets (resolve.py). Its modality comes from the parse
(modality.py); counts and actors come from the colleague modules ``counts`` and ``actors``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..record import AnnotatedDoc, Mention
from .actors import find_actors
from .counts import find_counts
from .generic import aggregate_toll, future_time, generic_reason
from .lexicon import MAX_GAP, WILDCARD, Lexicon, TriggerEntry, load_lexicon
from .modality import REFERENCE, modality_of
from .nonevent import is_month, nonevent_reason
from .resolve import resolve


@dataclass
class Match:
    """A trigger phrase matched at tokens [start, end)."""

    start: int
    end: int
    entry: TriggerEntry


def _match_at(doc: Doc, i: int, phrase: tuple[str, ...], sent_end: int) -> int | None:
    """End token index if ``phrase`` matches at token ``i`` (within the sentence), else None."""

    def ok(tok_i: int, word: str) -> bool:
        t = doc[tok_i]
        return word == t.lower_ or word == t.lemma_.lower()

    def rec(pi: int, ti: int) -> int | None:
        if pi == len(phrase):
            return ti
        word = phrase[pi]
        if word == WILDCARD:
            for gap in range(MAX_GAP + 1):
                if ti + gap > sent_end:
                    break
                r = rec(pi + 1, ti + gap)
                if r is not None:
                    return r
            return None
        if ti >= sent_end or not ok(ti, word):
            return None
        return rec(pi + 1, ti + 1)

    return rec(0, i)


# entity types whose words are names or quantities, never event triggers ("March 3", "Storm Corps")
NAME_ENTS = {"DATE", "TIME", "PERSON", "GPE", "NORP", "LAW", "WORK_OF_ART", "MONEY", "PERCENT", "QUANTITY",
             "CARDINAL", "ORDINAL", "LANGUAGE", "PRODUCT"}


def _in_name(doc: Doc, start: int, end: int) -> bool:
    """Is the span inside a named entity (an ORG/FAC name it does not fill, or a date, person...)?"""
    tok = doc[start]
    if not tok.ent_type_:
        return False
    if tok.ent_type_ in NAME_ENTS:
        # "Grenade explosion in the capital kills one": a capitalised first word the tagger takes
        # for a name, when the trigger runs past it, is the trigger's first word
        ent = next((e for e in doc.ents if e.start <= start < e.end), None)
        return not (ent is not None and len(ent) == 1 and tok.is_sent_start and end - start > 1
                    and tok.ent_type_ != "DATE")
    ent = next((e for e in doc.ents if e.start <= start < e.end), None)
    return ent is not None and (ent.end - ent.start) > (end - start) and tok.ent_type_ in ("ORG", "FAC")


def find_triggers(doc: Doc, lex: Lexicon) -> list[Match]:
    """All trigger phrases in ``doc``; overlapping matches keep the longest (then highest score)."""
    found: list[Match] = []
    stop = lex.cue_words.get("stop_words", frozenset())
    for sent in doc.sents:
        text = sent.text
        for i in range(sent.start, sent.end):
            tok = doc[i]
            if tok.lower_ in stop:
                continue
            keys = {tok.lower_, tok.lemma_.lower()}
            for key in keys:
                for entry in lex.by_first.get(key, ()):
                    end = _match_at(doc, i, entry.phrase, sent.end)
                    if end is None:
                        continue
                    span = doc[i:end]
                    if entry.pos and span.root.pos_ not in entry.pos:
                        continue
                    if _in_name(doc, i, end) or is_month(doc, i, lex):
                        continue
                    if entry.needs and not _needs_met(entry.needs, text, lex):
                        continue
                    if entry.unless and lex.text_has(entry.unless, text):
                        continue
                    found.append(Match(i, end, entry))
    # resolve overlaps: longer first, then higher score
    found.sort(key=lambda m: (-(m.end - m.start), -m.entry.score, m.start))
    taken: set[int] = set()
    kept: list[Match] = []
    for m in found:
        if any(j in taken for j in range(m.start, m.end)):
            continue
        kept.append(m)
        taken.update(range(m.start, m.end))
    kept.sort(key=lambda m: m.start)
    return kept


DISRUPTED = "Disrupted weapons use"
SUPPORT_SCORE = 0.3  # a trigger that only backs another event ("backed by fighter jets") is vague


def _modifier(span: Span, lex: Lexicon) -> bool:
    """Does the trigger only modify a noun that is not an event ("chemical weapons facilities")?"""
    root = span.root
    if root.dep_ not in ("compound", "nmod") or root.head in span:
        return False
    head = root.head
    return lex.in_list("modifier_heads", head.lower_) or lex.in_list("modifier_heads", head.lemma_.lower())


def _supporting(span: Span, lex: Lexicon) -> bool:
    """Is this trigger support for another action ("backed by jets", "with air support")?"""
    t = span.root
    for _ in range(3):
        if t.dep_ not in ("pobj", "prep", "agent", "compound", "conj"):
            return False
        t = t.head
        if lex.in_list("support_words", t.lemma_.lower()) or lex.in_list("support_words", t.lower_):
            return True
    return False


def _disrupted(span: Span, lex: Lexicon) -> bool:
    """Is this weapon word the object of a verb that stopped it ("grenades were found")?"""
    t = span.root
    for _ in range(3):
        of_phrase = t.dep_ in ("pobj", "prep") and (t.lower_ == "of" or t.head.lower_ == "of")
        if t.dep_ not in ("dobj", "nsubjpass", "conj", "compound", "appos") and not of_phrase:
            return False
        t = t.head
        if lex.in_list("disruption_verbs", t.lower_) or lex.in_list("disruption_verbs", t.lemma_.lower()):
            return True
    return False


def _needs_met(needs: str | tuple[str, ...], text: str, lex: Lexicon) -> bool:
    if isinstance(needs, str):
        return lex.text_has(needs, text)
    low = text.lower()
    return any(w in low for w in needs)


def detect(adoc: AnnotatedDoc) -> list[Mention]:
    """One Mention per event trigger in the article, typed, with modality, counts and actors.

    Mentions that only refer to an event (a trial, an anniversary) and generic ones (a habit,
    a kind of event, a war-long toll: generic.py) are left out; negated,
    hypothetical, planned, threatened and denied mentions are returned with that modality.
    """
    lex = load_lexicon()
    doc = adoc.doc
    sent_index = {s.start: k for k, s in enumerate(doc.sents)}
    mentions: list[Mention] = []
    matches = find_triggers(doc, lex)
    covered = {i for m in matches for i in range(m.start, m.end)}
    for match in matches:
        span = doc[match.start:match.end]
        resolved = resolve(match.entry, span, lex)
        if resolved is None:
            continue
        sub, score = resolved
        if lex.taxonomy.sub_to_type[sub] == "Explosions/Remote violence" and _disrupted(span, lex):
            sub, score = DISRUPTED, max(score, 0.9)
        if _modifier(span, lex):
            continue
        if nonevent_reason(span, sub, lex, covered, match.entry.generic) is not None:
            continue  # a weapon named or owned, a figure of speech, another sense (nonevent.py)
        if _supporting(span, lex):
            score = min(score, SUPPORT_SCORE)
        modality = modality_of(span, lex, sub)
        if modality == REFERENCE:
            continue
        if modality == "asserted" and future_time(adoc, span):
            modality = "planned"  # "a protest march for next Monday"
        if generic_reason(span, adoc, match.entry.generic) is not None:  # a habit, a kind, a war-long aggregate
            continue
        m = _mention(adoc, span, sent_index, match.entry, sub, score, modality, lex)
        if aggregate_toll(m.counts):  # "70,000 deaths": the toll of a war
            continue
        mentions.append(m)
    return mentions


def _mention(
    adoc: AnnotatedDoc,
    span: Span,
    sent_index: dict[int, int],
    entry: TriggerEntry,
    sub: str,
    score: float,
    modality: str,
    lex: Lexicon,
) -> Mention:
    sent = span.sent
    event_type = lex.taxonomy.sub_to_type[sub]
    m = Mention(
        article_id=adoc.article.id,
        trigger=span.text,
        start=span.start_char,
        end=span.end_char,
        sent_index=sent_index.get(sent.start, 0),
        sentence=sent.text,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        event_type=event_type,
        sub_event_type=sub,
        modality=modality,
        score=round(max(0.0, min(1.0, score)), 3),
        generic=entry.generic,
    )
    m.add_evidence("event", span.text, span.start_char, span.end_char)
    counts = find_counts(sent, adoc, span.root) or {}
    for fld, c in counts.items():
        m.counts[fld] = c
        m.add_evidence(fld, c.text, c.start, c.end)
    a1, a2 = find_actors(sent, span.root, event_type, sub, adoc)
    m.actor1, m.actor2 = a1, a2
    for fld, a in (("actor1", a1), ("actor2", a2)):
        if a is not None:
            m.add_evidence(fld, a.text, a.start, a.end)
    return m
