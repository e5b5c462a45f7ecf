"""The grammar of time expressions: patterns.yaml compiled with the words of lexicon.yaml.

:func:`find` splits a text into words once, and around each word of time (a month, a weekday,
"days", "yesterday", a year...) tries the compiled patterns that can hold it -- no general date
parser. It returns the non-overlapping candidates, the longest where they overlap. Whether a
candidate is a date at all (a bare "2011" may be a count) is checked against the spaCy parse by
the caller (annotate.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .. import knowledge
from .lexicon import TimeWords, lexicon


@dataclass
class Candidate:
    """One match of one pattern."""

    pattern: str
    resolve: str | None
    kind: str
    start: int
    end: int
    groups: dict[str, str]
    order: int  # the pattern's position in patterns.yaml


def _alt(words) -> str:
    """A regex alternation of whole ``words``, longest first, spaces matching any whitespace."""
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    alts = [r"\s+".join(re.escape(p) for p in w.split()) + ("" if w.endswith("-") else r"(?!\w)") for w in ws]
    return rf"(?:\b(?:{'|'.join(alts)}))"  # a word ending in "-" ("mid-") joins the next one


def _abbrev(names) -> str:
    """Month/weekday names; abbreviations may take a full stop ("Feb.", "Tues.")."""
    ws = sorted(set(names), key=len, reverse=True)
    return "|".join(rf"{re.escape(w)}\.?" if len(w) <= 5 else re.escape(w) for w in ws)


def placeholders(lx: TimeWords) -> dict[str, str]:
    """The {NAME} fragments patterns.yaml may use."""
    nums = _alt(list(lx.numbers) + list(lx.vague_numbers))
    units = _alt(lx.units)
    return {
        "PREP": rf"(?:(?P<prep>{_alt(lx.date_prepositions)})\s+)?",
        "MOD": rf"(?:(?P<mod>{_alt(lx.date_modifiers)})\s*)?",
        "MONTH": rf"\b(?P<month>{_abbrev(lx.months)})(?![\w-])",
        "WEEKDAY": rf"\b(?P<weekday>{_abbrev(lx.weekdays)})(?![\w-])",
        "DAY": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b",
        "YEAR": r"(?<![/.\d-])\b(?P<year>(?:1[89]|20)\d\d)",
        "DECADE": r"\b(?P<decade>(?:1[89]|20)\d0)",
        "NUM": rf"(?P<num>\b\d+(?:\.\d+)?\b|{nums})",
        "HEDGE": rf"(?:(?P<hedge>{_alt(lx.hedges)})\s+)?",
        "UNIT": rf"(?P<unit>{units})",
        "UNIT2": rf"(?P<unit2>{units})",
        "PART": rf"(?P<part>{_alt(lx.day_parts)})",
        "POFF": rf"(?P<poff>{_alt(lx.period_offsets)})",
        "PERIOD": rf"(?P<period>{_alt(lx.periods)})",
        "DEICTIC": rf"(?P<deictic>{_alt(lx.deictic)})",
        "ANCHORED": rf"(?P<anchored>{_alt(lx.anchored)})",
        "APERIOD": rf"(?P<aperiod>{_alt(lx.anchored_periods)})",
        "DIR": rf"(?P<dir>{_alt(list(lx.offset_after) + list(lx.offset_before))})",
        "RECENT": rf"(?P<recent>{_alt(lx.recent)})",
        "SET": rf"(?P<set>{_alt(lx.sets)})",
        "HOURS": r"(?:the\s+(?:early|small|wee)\s+hours\s+of\s+(?:on\s+)?)?",
    }


# Placeholders that stand for a word of time: every pattern holds at least one. The scan
# splits the text into words once, looks each up in a table of time words, and tries only the
# patterns that hold a kind of word found, in a window around it: the optional prefixes
# ({PREP}, {HEDGE}, ...) make a pattern expensive to try at every position of a long text.
ANCHORS = ("MONTH", "WEEKDAY", "UNIT", "YEAR", "DECADE", "DEICTIC", "ANCHORED", "APERIOD", "RECENT", "SET",
           "PERIOD")
WINDOW_BEFORE, WINDOW_AFTER = 60, 80  # characters
_WORD = re.compile(r"[^\W\d_]+|\d+s?")  # letters of any alphabet ("février", "décembre")
_FILLER = frozenset({"the", "a", "an", "of", "in", "on", "this", "that", "last", "next", "same", "early",
                     "earlier", "late", "later", "before", "after", "following", "previous"})


@dataclass(frozen=True)
class Grammar:
    words: dict[str, frozenset[str]]  # lower-cased word -> the anchor kinds it stands for
    extra: tuple[tuple[str, re.Pattern[str]], ...]  # patterns' own `anchor` regexes
    patterns: tuple[tuple[dict, re.Pattern[str], frozenset[str]], ...]  # (spec, regex, anchor kinds)


def _anchor_words(lx: TimeWords) -> dict[str, frozenset[str]]:
    """Each content word of the lexicon's time phrases, with the kinds of anchor it belongs to."""
    lists = {
        "month": lx.months, "weekday": lx.weekdays, "unit": lx.units, "period": lx.periods,
        "deictic": lx.deictic, "anchored": lx.anchored, "aperiod": lx.anchored_periods, "recent": lx.recent,
        "set": lx.sets,
    }
    out: dict[str, set[str]] = {}
    for kind, phrases in lists.items():
        for phrase in phrases:
            words = [w for w in _WORD.findall(phrase.lower()) if w not in _FILLER] or phrase.lower().split()
            for w in words:
                out.setdefault(w, set()).add(kind)
    return {w: frozenset(k) for w, k in out.items()}


@knowledge.per_language
def compiled() -> Grammar:
    """Every pattern of patterns.yaml and the anchor table, compiled once."""
    lx = lexicon()
    ph = placeholders(lx)
    out = []
    extra: list[tuple[str, re.Pattern[str]]] = []
    for p in lx.patterns:
        rx = p["regex"]
        kinds = {a.lower() for a in ANCHORS if "{" + a + "}" in rx or f"(?P<{a.lower()}>" in rx}
        if p.get("anchor"):
            kinds.add(f"x{len(extra)}")
            extra.append((f"x{len(extra)}", re.compile(p["anchor"], re.IGNORECASE)))
        for name, frag in ph.items():
            rx = rx.replace("{" + name + "}", frag)
        out.append((p, re.compile(rx, re.IGNORECASE), frozenset(kinds)))
    return Grammar(_anchor_words(lx), tuple(extra), tuple(out))


def _anchors(text: str, gr: Grammar) -> tuple[list[int], list[tuple[int, frozenset[str]]]]:
    """The start of every word of ``text``, and (start, kinds) of every word of time."""
    starts: list[int] = []
    found: list[tuple[int, frozenset[str]]] = []
    for mt in _WORD.finditer(text):
        w, p = mt.group(0), mt.start()
        starts.append(p)
        if w[0].isdigit():
            if len(w) == 4 and 1800 <= int(w) <= 2099:
                found.append((p, frozenset({"year", "decade"})))
            elif len(w) == 5 and w.endswith("0s"):
                found.append((p, frozenset({"decade"})))
            continue
        kinds = gr.words.get(w.lower())
        if kinds:
            found.append((p, kinds))
    for kind, rx in gr.extra:
        found.extend((mt.start(), frozenset({kind})) for mt in rx.finditer(text))
    return starts, found


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _plausible(c: Candidate, text: str, lx: TimeWords) -> bool:
    """Surface checks that the regexes cannot express simply."""
    g = c.groups
    month, weekday = g.get("month"), g.get("weekday")
    if month:
        if lx.capitalised_names and not _capitalised(month):
            return False
        bare = not (g.get("day") or g.get("year") or g.get("yoff"))
        key = month.rstrip(".").lower()
        if bare and key in lx.ambiguous_months and not (g.get("prep") or g.get("mod")):
            return False
        if bare and key in lx.ambiguous_months and len(key) <= 4 and not month.endswith(".") and key != "may":
            return False  # "in Mar" is not a month, "in Mar." is
    if weekday:
        if lx.capitalised_names and not _capitalised(weekday):
            return False
        key = weekday.rstrip(".").lower()
        if key in lx.ambiguous_weekdays and not weekday.endswith(".") and not g.get("day"):
            return False
    day = g.get("day")
    return not day or 1 <= int(day) <= 31


def find(text: str) -> list[Candidate]:
    """All non-overlapping time-expression candidates in ``text``, sorted by start."""
    lx = lexicon()
    gr = compiled()
    seen: set[tuple[int, int, int]] = set()
    cands: list[Candidate] = []
    starts, found = _anchors(text, gr)
    for p, kinds in found:
        # a match holds the word of time, and starts at a word at most WINDOW_BEFORE before it
        first = bisect_left(starts, p - WINDOW_BEFORE)
        last = bisect_right(starts, p)
        hi = min(len(text), p + WINDOW_AFTER)
        for order, (spec, rx, needs) in enumerate(gr.patterns):
            if not kinds & needs:
                continue
            for b in range(first, last):
                mt = rx.match(text, starts[b], hi)
                if mt is None or mt.end() <= p:
                    continue
                s, e = mt.span()
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1] in " \t\n,":
                    e -= 1
                if e <= s or (order, s, e) in seen:
                    continue
                seen.add((order, s, e))
                groups = {k: v for k, v in mt.groupdict().items() if v}
                c = Candidate(spec["name"], spec.get("resolve"), spec.get("kind", "date"), s, e, groups, order)
                if _plausible(c, text, lx):
                    cands.append(c)
    # longest first, then the earlier pattern; accepted spans are kept sorted (no overlaps), so
    # each candidate is checked against its two neighbours only
    cands.sort(key=lambda c: (-(c.end - c.start), c.order, c.start))
    taken: list[Candidate] = []
    starts: list[int] = []
    for c in cands:
        k = bisect_left(starts, c.start)
        if k > 0 and taken[k - 1].end > c.start:
            continue
        if k < len(taken) and taken[k].start < c.end:
            continue
        taken.insert(k, c)
        starts.insert(k, c.start)
    return taken
