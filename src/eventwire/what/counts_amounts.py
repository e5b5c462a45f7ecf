"""Number phrases in a sentence: "at least 15", "twenty-one", "a dozen", "dozens", "between 10 and 15".

This module only reads amounts; :mod:`eventwire.what.counts` decides what they count. The words
(number words, vague amounts, qualifier phrases) live in ``data/numbers.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from .. import knowledge
from ..record import AnnotatedDoc


@knowledge.per_language
def lexicon() -> dict[str, Any]:
    """The parsed ``data/numbers.yaml`` (read once)."""
    return knowledge.load("numbers.yaml")


@knowledge.per_language
def _tables() -> dict[str, Any]:
    lx = lexicon()
    units = {str(k): int(v) for k, v in lx["units"].items()}
    scales = {str(k): int(v) for k, v in lx["scales"].items()}
    # "dozen", "couple", "pair" multiply what stands before them ("two dozen", "a dozen")
    for w in ("dozen", "couple", "pair"):
        if w in units:
            scales[w] = units.pop(w)
    vague = {str(k): int(v) for k, v in lx["vague"].items()}
    quals = {tuple(str(k).split()): str(v) for k, v in lx["qualifiers"].items()}
    return {
        "units": units,
        "scales": scales,
        "vague1": {k: v for k, v in vague.items() if " " not in k},
        "vague_multi": sorted((tuple(k.split()) for k in vague if " " in k), key=len, reverse=True),
        "vague_first": {k.split()[0] for k in vague if " " in k},
        "vague": vague,
        "quals": sorted(quals.items(), key=lambda kv: len(kv[0]), reverse=True),
        "joiners": set(lx["range_joiners"]),
    }


_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


@dataclass
class NumberPhrase:
    """An amount written in a sentence. Token indices are into the Doc, ``end`` exclusive."""

    start: int  # first token, qualifier included
    end: int
    num_start: int  # first token of the number itself
    anchor: Token  # the token that links the amount to the parse (its head lies outside)
    value: int | None
    qualifier: str  # one of record.QUALIFIERS
    high: int | None = None

    def char_span(self, doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1])


def _word_value(t: Token) -> tuple[str, float] | None:
    """('num', v) for a number, ('scale', v) for hundred/thousand/dozen, else None."""
    tb = _tables()
    low = t.lower_
    if low in tb["scales"]:
        return "scale", tb["scales"][low]
    if low in tb["units"] and low != "none":
        return "num", tb["units"][low]
    if _DIGITS.match(low):
        return "num", float(low.replace(",", ""))
    return None


def parse_amount(words: list[Token]) -> int | None:
    """The integer written by number tokens ("twenty", "-", "one" -> 21; "1.5", "million")."""
    total, current, seen = 0.0, 0.0, False
    for t in words:
        if t.lower_ in ("-", "and", "a", "an"):
            continue
        wv = _word_value(t)
        if wv is None:
            return None
        kind, v = wv
        seen = True
        if kind == "num":
            current += v
        else:
            current = (current or 1) * v
            if v >= 1000:
                total += current
                current = 0
    return int(round(total + current)) if seen else None


def _is_num(t: Token) -> bool:
    return _word_value(t) is not None


def _joins(prev: Token, t: Token) -> bool:
    """Whether number token t continues the number ending with prev ("twenty one", "two hundred")."""
    pv, tv = _word_value(prev), _word_value(t)
    if pv is None or tv is None:
        return False
    if tv[0] == "scale":
        return True  # "two hundred", "1.5 million", "a dozen"
    if prev.like_num and prev.text[:1].isdigit():
        return False  # "10 15" is two numbers
    if pv[0] == "scale":
        return True  # "hundred five"
    return pv[1] in (20, 30, 40, 50, 60, 70, 80, 90) and 1 <= tv[1] <= 9  # "twenty one"


def _take_number(doc, i: int, end: int) -> int:
    """End (exclusive) of the number starting at token i: "twenty - one", "two hundred and five"."""
    j = i + 1
    while j < end:
        t, prev = doc[j], doc[j - 1]
        if _joins(prev, t):
            j += 1
            continue
        if t.text == "-" and j + 1 < end and not prev.text[:1].isdigit() and _joins(prev, doc[j + 1]):
            j += 2  # "twenty-one" (words only; "10-15" is a range)
            continue
        if t.lower_ == "and" and prev.lower_ in ("hundred", "thousand") and j + 1 < end \
                and _word_value(doc[j + 1]) is not None:
            j += 2
            continue
        break
    return j


def _anchor(doc, a: int, b: int) -> Token:
    """The token of tokens [a, b) whose head lies outside them (the last such)."""
    best = doc[b - 1]
    for k in range(a, b):
        t = doc[k]
        if not (a <= t.head.i < b) or t.head.i == t.i:
            best = t
    return best


def _qualifier_before(doc, i: int, lo: int) -> tuple[int, str]:
    """(start token, qualifier) for a qualifier phrase ending just before token i."""
    low = [doc[k].lower_ for k in range(lo, i)]
    for words, q in _tables()["quals"]:
        n = len(words)
        if n <= len(low) and tuple(low[len(low) - n:]) == words:
            return i - n, q
    return i, "exact"


def _overlaps_time(adoc: AnnotatedDoc, a: int, b: int) -> tuple[int, int] | None:
    for te in adoc.times:
        if te.start < b and a < te.end:
            return te.start, te.end
    return None


def _excluded(doc, ph: NumberPhrase, adoc: AnnotatedDoc) -> bool:
    """Ages, years, dates, durations, unit amounts: never counts of people."""
    nxt = doc[ph.end: min(ph.end + 3, len(doc))]
    nxt_low = [t.lower_ for t in nxt]
    if nxt_low[:2] in (["-", "year"], ["-", "years"]) or (nxt_low and nxt_low[0].startswith("year-old")):
        return True
    if nxt_low and re.match(r"^-?(year|month|week|day)s?-old$", nxt_low[0]):
        return True
    if ph.value is not None and ph.high is None and 1900 <= ph.value <= 2100 \
            and doc[ph.num_start].is_digit and "," not in doc[ph.num_start].text:
        return True  # a year
    anc = ph.anchor
    if anc.ent_type_ == "DATE" and anc.head.ent_type_ == "DATE" and anc.head.i != anc.i \
            and anc.head.pos_ == "PROPN":
        return True  # "Dec. 29" even where no time expression was marked
    a, b = ph.char_span(doc)
    span = _overlaps_time(adoc, a, b)
    if span is not None:
        anc = ph.anchor
        head_out = anc.dep_ in ("nummod", "quantmod") and not (span[0] <= anc.head.idx < span[1])
        if not head_out:
            return True
    return False


def find_number_phrases(sent: Span, adoc: AnnotatedDoc) -> list[NumberPhrase]:
    """Every amount in the sentence that could count people, in order."""
    tb = _tables()
    doc = sent.doc
    out: list[NumberPhrase] = []
    i, end = sent.start, sent.end
    while i < end:
        t = doc[i]
        low = t.lower_
        # multi-word vague amounts: "a number of", "a handful of", "a few"
        multi = None
        if low in tb["vague_first"]:
            multi = next((w for w in tb["vague_multi"]
                          if tuple(x.lower_ for x in doc[i: min(i + len(w), end)]) == w), None)
        if multi is not None:
            j = i + len(multi)
            anc = _anchor(doc, i, j)
            q0, _ = _qualifier_before(doc, i, sent.start)
            out.append(NumberPhrase(q0, j, i, anc, None, "vague"))
            i = j
            continue
        if low in tb["vague1"] and not (i + 1 < end and _is_num(doc[i + 1])):
            q0, _ = _qualifier_before(doc, i, sent.start)
            out.append(NumberPhrase(q0, i + 1, i, t, None, "vague"))
            i += 1
            continue
        start = i
        if low in ("a", "an") and i + 1 < end and doc[i + 1].lower_ in tb["scales"]:
            i += 1  # "a dozen", "a hundred"
        if not _is_num(doc[i]) or doc[i].lower_ in tb["scales"] and start == i:
            i = start + 1
            continue
        j = _take_number(doc, i, end)
        value = parse_amount(list(doc[start:j]))
        high = None
        qstart, qual = _qualifier_before(doc, start, sent.start)
        # ranges: "between 10 and 15", "10 to 15", "10-15", "two or three"
        if j + 1 < end and doc[j].lower_ in tb["joiners"] and _is_num(doc[j + 1]):
            joiner = doc[j].lower_
            between = qstart == start and start > sent.start and doc[start - 1].lower_ == "between"
            if joiner != "and" or between:
                k = _take_number(doc, j + 1, end)
                hv = parse_amount(list(doc[j + 1:k]))
                if hv is not None and value is not None and hv > value:
                    high, qual, j = hv, "range", k
                    if between:
                        qstart = start - 1
        if value is None:
            i = j
            continue
        if value == 1 and high is None and qstart == start and start > sent.start \
                and doc[start - 1].lower_ == "no":
            value, qstart = 0, start - 1  # "no one"
        anc = _anchor(doc, start, j)
        ph = NumberPhrase(qstart, j, start, anc, value, qual, high)
        if not _excluded(doc, ph, adoc):
            out.append(ph)
        i = j
    return out


def conservative_value(qualifier: str | None, text: str | None, value: int | None) -> int | None:
    """The number an ACLED-style table records: the stated value, or for a vague amount the
    conservative figure of ACLED's conventions ("several" -> 10, "dozens" -> 12, "hundreds" -> 100)."""
    if value is not None:
        return value
    if qualifier != "vague" or not text:
        return None
    vague = _tables()["vague"]
    low = text.lower()
    for phrase in sorted(vague, key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}\b", low):
            return vague[phrase]
    return None
