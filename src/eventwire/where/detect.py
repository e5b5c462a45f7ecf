"""Find place mentions: the parser's entities and the gazetteer's own names.

The small English model misses or mislabels many place names ("Tangiers" as a person,
"Marrakech" as an organisation), so every run of capitalised words is looked up in the
gazetteer (by name key, which makes "Deir Ezzor" find "Deir ez-Zor"), and the parse decides
which matches are believable: a name inside a date never is; a name the model calls a person is
taken only when it is a well-known place or follows a locative preposition; a lone capitalised
common word at the start of a sentence is not.

Demonyms and place adjectives ("Moroccan authorities", "Iraqi") are found too, as context.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lexicon
from .accept import (
    DOUBT,
    STRONG,
    WEAK,
    WORLD_CITY,
    capitalised,
    judge,
    own_names,
    phrase_at,
    placed_runs,
    prev_word,
    route_runs,
    significant,
    type_noun,
    typed_runs,
    unresolved,
    venue_runs,
)
from .candidate import Candidate
from .gazetteer import Entry, Gazetteer, km
from .gazetteer_db import ALIAS
from .lexicon import key

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MAX_TOKENS = 7
DOMINANT = 20  # a place this many times bigger than every namesake is what its name means
NEAR_KM = 300.0  # a doubtful match this close to a place named for sure is believable
SURNAME_PLACE = 100_000  # a place this big is still a place when a person of the article bears its name


def _spans(doc: Doc, connectors: frozenset[str]) -> list[tuple[int, int]]:
    """Every run of up to MAX_TOKENS tokens that starts and ends with a capitalised word."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    for i in range(n):
        t = doc[i]
        if not capitalised(t) or t.is_punct or t.lower_ in ("a", "an"):
            continue
        for j in range(i, min(n, i + MAX_TOKENS)):
            u = doc[j]
            if j > i and (u.is_sent_start or u.whitespace_ == "\n"):
                break
            if j > i and doc[j - 1].whitespace_ and "\n" in doc[j - 1].whitespace_:
                break
            if capitalised(u):
                out.append((i, j + 1))
            elif u.lower_ not in connectors:
                break
    return out


def _entity_labels(doc: Doc) -> list[tuple[int, int, str] | None]:
    """For each token, the (start, end, label) of the entity it sits in."""
    per: list[tuple[int, int, str] | None] = [None] * len(doc)
    for e in doc.ents:
        for k in range(e.start, e.end):
            per[k] = (e.start, e.end, e.label_)
    return per


def _type_cues(doc: Doc, c: Candidate, cues: lexicon.Cues) -> None:
    """'the city of X', 'X province', 'the northern Iraqi city of X'."""
    nouns = cues.type_nouns
    if c.j < len(doc):
        nxt = doc[c.j]
        spec = nouns.get(nxt.lower_)
        if spec and spec.get("suffix"):
            c.type_cue, c.type_word = spec, nxt.lower_
            return
        phrase = phrase_at(doc, c.j, cues.type_phrases)  # "X Local Government Area"
        if phrase and nouns.get(phrase[1]):
            c.type_cue, c.type_word = nouns[phrase[1]], phrase[1]
            return
    # "... city of X" / "... town of X"
    if c.i >= 2 and doc[c.i - 1].lower_ == "of":
        spec = nouns.get(doc[c.i - 2].lower_)
        if spec:
            c.type_cue, c.type_word = spec, doc[c.i - 2].lower_
    # "the Iraqi city of X", "the Syrian town X"
    noun_at = c.i - 2 if c.type_cue else c.i - 1
    if noun_at >= 0 and (c.type_cue or doc[noun_at].lower_ in nouns):
        if not c.type_cue:
            spec = nouns.get(doc[noun_at].lower_)
            if spec and spec.get("class") == "P":
                c.type_cue, c.type_word = spec, doc[noun_at].lower_
        for k in range(noun_at - 1, max(-1, noun_at - 4), -1):
            if doc[k].pos_ in ("VERB", "AUX") or doc[k].is_punct:
                break
            if capitalised(doc[k]):
                c.cue_token = k  # resolved to a country by find()
                break


DASH_BREAK = re.compile("--|–|—")


def _end_char(doc: Doc, j: int, i: int | None = None) -> int:
    """Where the name ending with token ``j - 1`` ends: before a dash the tokenizer left glued to
    it ("Calif.--(BUSINESS WIRE)--" gives the tokens "Calif.--(BUSINESS" or "Calif.--"), and
    before the full stop of a sentence glued to the last word of a name of several words ("Vina del
    Mar."; a one-word "Calif." is the abbreviation)."""
    t = doc[j - 1]
    m = DASH_BREAK.search(t.text, 1)
    k = j
    while k < len(doc) and doc[k].is_space:
        k += 1
    if m is None and t.text.endswith(".") and t.text[:-1].isalpha() and len(t.text) > 3 \
            and i is not None and j - i > 1 and (k == len(doc) or doc[k].is_sent_start):
        return t.idx + len(t.text) - 1  # "in Vina del Mar." read as "Mar." (March): the full stop ends the sentence
    return t.idx + (m.start() if m else len(t.text))


def _keyed_spans(doc: Doc, text: str, cues: lexicon.Cues) -> dict[tuple[int, int], str]:
    """Name key of every capitalised run; a negative end marks a run read with its final period."""
    keyed: dict[tuple[int, int], str] = {}
    for i, j in _spans(doc, cues.name_connectors):
        s, e = doc[i].idx, _end_char(doc, j, i)
        k = key(text[s:e])
        if doc[i].lower_ == "the" and j - i > 1:
            keyed[(i + 1, j)] = key(text[doc[i + 1].idx:e])
        keyed[(i, j)] = k
        if text[e - 1] == "." and k:  # "Calif." written with its period
            keyed[(i, j)] = k + "."
            keyed.setdefault((i, -j), k)  # the same span without the period
        elif j < len(doc) and doc[j].text == "." and doc[j].idx == e and k:
            keyed[(i, -(j + 1))] = k + "."
    return keyed


def find(doc: Doc, gaz: Gazetteer, text: str | None = None) -> list[Candidate]:
    """Place and demonym candidates in the document, non-overlapping, in text order.

    Matches the parse vouches for (a place entity, a demonym, "the city of X", a dateline) are
    taken first; doubtful ones (a name the model calls a person or an organisation, a lone
    capitalised word) only when they belong to a country the article is already about, or are
    world cities. Place entities the gazetteer lacks come back unresolved (no entries).
    ``text``: ``doc.text`` when the caller has it already (AnnotatedDoc.doc_text).
    """
    cues = lexicon.cues()
    al = lexicon.aliases()
    if text is None:
        text = doc.text
    ents = _entity_labels(doc)
    keyed = _keyed_spans(doc, text, cues)
    found = gaz.lookup(keyed.values())
    dem = gaz.demonyms(k for (i, j), k in keyed.items() if abs(j) - i <= 3)
    surnames = {key(e[-1].text) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}

    strong: list[Candidate] = []
    weak: list[Candidate] = []
    doubts: list[tuple[Candidate, str]] = []
    rejected: list[tuple[int, int]] = []
    # longest first, then leftmost
    for (i, jj), k in sorted(keyed.items(), key=lambda kv: (-(abs(kv[0][1]) - kv[0][0]), kv[0][0])):
        j = abs(jj)
        entries = found.get(k)
        role = "place"
        iso = al.countries.get(k)  # a country alias counts without a rebuild of the gazetteer
        if iso is not None and not any(e.is_country for e, _ in entries or ()):
            ce = gaz.country(iso)
            entries = [(ce, ALIAS), *(entries or ())] if ce is not None else entries
        if k in dem and k not in al.demonym_never:
            entries, role = [(dem[k], 0)], "demonym"
        if not entries:
            continue
        s, e = doc[i].idx, _end_char(doc, j, i)
        if k.endswith(".") and text[e - 1] != "." and not text[s:e].endswith("."):
            e += 1  # include the period
        c = Candidate(s, e, i, j, text[s:e], list(entries), role=role)
        if role == "place":
            _type_cues(doc, c, cues)
        c.dateline = _is_dateline(text, c)
        _syntax(doc, text, c, cues)
        verdict = judge(doc, c, k, ents, cues, al)
        if verdict and role == "place" and k in surnames and c.label not in cues.place_labels \
                and not c.dateline and not significant(own_names(c.entries), SURNAME_PLACE):
            verdict = None  # "Alfie Evans ... Evans says": the surname of a person the article names
        inside_rejected = any(a <= i and j <= b and (a, b) != (i, j) for a, b in rejected)
        if verdict == STRONG and not (inside_rejected and c.label is None):
            strong.append(c)
        elif verdict == WEAK and not inside_rejected:
            weak.append(c)
        elif verdict == DOUBT and not inside_rejected:
            doubts.append((c, k.rstrip(".")))
        if verdict in (None, DOUBT) and j - i > 1:
            rejected.append((i, j))
    context = supported_countries(strong)
    anchors = _anchors(strong)
    picks = strong + [c for c in weak if _supported(c, context, anchors)]
    # one place per name in an article: "Immokalee" read as an organisation is the town the
    # dateline named, "the Allendale Woman's Club" is named after the Allendale named elsewhere
    vouched = {key(c.text).rstrip(".") for c in picks if c.role == "place" and not c.embedded
               and (c in strong or c.locative or c.dateline)}
    picks += [c for c, k in doubts if k in vouched]
    # "the village of Khara Tanga": the name the text gives wins over a shorter match inside it
    # (and "along the Kachia-Kafanchan road": the road the two towns name, not either town)
    runs = typed_runs(doc, cues) + placed_runs(doc, cues) + [(a, b, None) for a, b in route_runs(doc, cues)]
    picks = [c for c in picks if not any(a <= c.i and c.j <= b and (c.i, c.j) != (a, b) for a, b, _ in runs)]
    # a known place the text names as one ("Kuje Area Council", "Thoubal Athokpam ground") is a
    # location even when the parser reads the longer name as an organisation's
    named = {(a, b) for a, b, _ in runs}
    venues = [(a, b) for a, b, _ in venue_runs(doc, cues)]
    for c in picks:
        if (c.i, c.j) in named or any(a == c.i and c.j <= b for a, b in venues):
            c.embedded = False
    chosen = _non_overlapping(picks)
    # "Jacarezinho, a favela in the city's north": a name the text calls a part of a city is no town
    # of the gazetteer, at any of its mentions (cues.yaml type_nouns, part_of_city)
    parts = {key(doc[a:b].text): noun for a, b, noun in runs if (cues.type_nouns.get(noun) or {}).get("part_of_city")}
    for c in chosen:
        noun = parts.get(key(c.text)) if c.role == "place" else None
        if noun is not None:
            c.unresolved, c.entries, c.type_word, c.type_cue = True, [], noun, cues.type_nouns[noun]
    chosen += unresolved(doc, ents, chosen, cues, al)
    chosen.sort(key=lambda c: c.start)
    by_start = {c.i: c for c in chosen if c.role == "place" and not c.unresolved}
    for c in chosen:  # "Tacoma, Washington", "Kano, Nigeria": the second name contains the first
        nxt = by_start.get(c.j + 1)
        if c.role == "place" and not c.unresolved and nxt is not None and doc[c.j].text == ",":
            nxt.within = c
    chosen = [c for c in chosen if not _dateline_source(text, c, chosen)]
    _containers(doc, chosen, cues)
    _lists(doc, chosen, cues)
    at = {t: c for c in chosen for t in range(c.i, c.j)}
    for c in chosen:
        if c.cue_token is not None and c.cue_token in at:
            other = at[c.cue_token]
            countries = {e.country for e, _ in other.entries if e.is_country}
            if len(countries) == 1:
                c.cue_country = countries.pop()
    return chosen


def _containers(doc: Doc, chosen: list[Candidate], cues: lexicon.Cues) -> None:
    """Link each place to the place the text says it is in: "Nyaung Kone and Kyarsi villages in
    Pale township in Sagaing region" puts both villages in Pale and Pale in Sagaing. The names of a
    list share the container after the list; only "in" (after the name and its type nouns) links."""
    by_start = {c.i: c for c in chosen if c.role == "place"}
    for c in chosen:
        if c.role != "place":
            continue
        k, sent_end = c.j, doc[c.i].sent.end
        while k < sent_end:  # the name's type nouns, and the names listed after it
            w = doc[k].lower_
            if type_noun(w, cues) is not None:
                k += 1
            elif k + 1 < sent_end and (k + 1) in by_start and (
                    w == "and" or (w == "," and _listing(doc, by_start[k + 1], by_start))):
                k = by_start[k + 1].j
            else:
                break
        if k + 1 < sent_end and doc[k].lower_ == "in":
            k += 1 + (doc[k + 1].lower_ == "the")
            outer = by_start.get(k)
            if outer is not None and outer is not c:
                c.container = outer
        elif k == c.j and k + 1 < sent_end and doc[k].text == ",":  # "Dikwa, Zamfara State," but not a list
            outer = by_start.get(k + 1)
            if outer is not None and not _listing(doc, outer, by_start):
                c.container = outer


SOURCE_TAIL = re.compile(r"[^()\n]*\)[ \t]*(?:[-—–]{1,2}|:)")


def _dateline_source(text: str, c: Candidate, chosen: list[Candidate]) -> bool:
    """Is the name part of the outlet a dateline credits in brackets ("BOGOTA, 13 FEB 90 (Radio
    Cadena Nacional) --", "LAGOS (Radio Nigeria) -")? The source is a name, not a place. A bracket
    that does not end the dateline ("BRASILIA (BRAZIL), 26 MAY") holds the dateline's country."""
    if not c.parenthetical or c.dateline:
        return False
    line_start = text.rfind("\n", 0, c.start) + 1
    if not any(o.dateline and line_start <= o.start < c.start for o in chosen):
        return False
    return SOURCE_TAIL.match(text, c.end) is not None


def _lists(doc: Doc, chosen: list[Candidate], cues: lexicon.Cues) -> None:
    """Group the names of a list ("Trojes, Danli, San Marcos and Tegucigalpa", "in A, B, and C
    neighbourhoods"): names of one sentence joined only by commas, "and" or "or" (after their type
    nouns). Each name of a list of three or more learns its mates (Candidate.mates)."""
    by_start = {c.i: c for c in chosen if c.role == "place"}
    seen: set[int] = set()
    for c in sorted(by_start.values(), key=lambda c: c.i):
        if c.i in seen:
            continue
        group, cur = [c], c
        sent_end = doc[c.i].sent.end
        while True:
            k = cur.j
            while k < sent_end and type_noun(doc[k].lower_, cues) is not None:
                k += 1
            joints = 0
            while k < sent_end and doc[k].lower_ in (",", "and", "or") and joints < 2:
                k, joints = k + 1, joints + 1
            nxt = by_start.get(k) if joints else None
            if nxt is None:
                break
            group.append(nxt)
            cur = nxt
        seen.update(g.i for g in group)
        if len(group) >= 3:
            for g in group:
                g.mates = tuple(o.i for o in group if o is not g)


def _listing(doc: Doc, c: Candidate, by_start: dict[int, Candidate]) -> bool:
    """Does a list of names go on after ``c`` ("Kano, Kaduna and Zamfara")?"""
    k = c.j
    while k < len(doc) and type_noun(doc[k].lower_, lexicon.cues()) is not None:
        k += 1
    if k >= len(doc):
        return False
    return doc[k].lower_ in ("and", "or") or (doc[k].text == "," and (k + 1) in by_start)


def _non_overlapping(picks: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    taken: set[int] = set()
    for c in sorted(picks, key=lambda c: (-(c.j - c.i), c.i)):
        if any(k in taken for k in range(c.i, c.j)):
            continue
        taken.update(range(c.i, c.j))
        chosen.append(c)
    return chosen


def supported_countries(cands: list[Candidate]) -> set[str]:
    """Countries the trusted mentions point at (named, demonyms, places of one country, and the
    country of a place far bigger than every other place of its name: "Los Angeles")."""
    out: set[str] = set()
    for c in cands:
        codes = {e.country for e, _ in c.entries if e.country}
        named = {e.country for e, _ in c.entries if e.is_country and e.country}
        if named:
            out |= named
        elif len(codes) == 1:
            out |= codes
        elif codes:
            top = max((e for e, _ in c.entries), key=lambda e: e.population)
            abroad = max((e.population for e, _ in c.entries if e.country != top.country), default=0)
            if top.country and top.population > DOMINANT * max(abroad, 1):
                out.add(top.country)
    return out


def _anchors(cands: list[Candidate]) -> list[Entry]:
    """The entries of trusted mentions that can be only one place."""
    return [c.entries[0][0] for c in cands if c.role == "place" and len(c.entries) == 1
            and c.entries[0][0].latitude is not None]


def _supported(c: Candidate, countries: set[str], anchors: list[Entry] = ()) -> bool:
    """A doubtful match is kept when it can be a place in the article's countries, a world city,
    or a place near one the article names for sure ("Guam" and "Saipan")."""
    return any(e.country in countries or e.is_country or e.population >= WORLD_CITY
               or any(km(e, a) < NEAR_KM for a in anchors) for e, _ in c.entries)


def _syntax(doc: Doc, text: str, c: Candidate, cues: lexicon.Cues) -> None:
    """Is the name a modifier ("U.S. troops") or the object of a locative preposition?"""
    root = doc[c.i:c.j].root
    c.modifier = (root.dep_ in ("compound", "amod", "poss", "nmod") and root.head.i >= c.j
                  and root.head.lower_ not in cues.type_nouns)  # "Oruzgan province" is the place itself
    prev = prev_word(doc, c.i)
    c.locative = prev is not None and prev.lower_ in cues.locative_preps
    c.abroad = _abroad(doc, c, cues)
    line = text[text.rfind("\n", 0, c.start) + 1:c.start]
    c.parenthetical = line.count("(") > line.count(")")


def _abroad(doc: Doc, c: Candidate, cues: lexicon.Cues) -> bool:
    """Does the country or demonym qualify a force it sends abroad ("US Special Forces", "Turkish
    troops") or an ally ("the US-led coalition", "Iran-backed")? Such a mention says who acts, not
    where the article's places are."""
    if c.j + 1 < len(doc) and doc[c.j].text in ("-", "‐", "–") and doc[c.j + 1].lower_ in cues.affiliation_suffixes:
        return True
    t = doc[c.i:c.j].root
    while t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i:
        t = t.head
        if {t.lemma_.lower(), t.lower_, t.lower_[:-1] if t.lower_.endswith("s") else ""} & cues.abroad_nouns:
            return True  # "Forces" as a name's word: its lemma is itself
    return False


# the rest of a dateline opening a paragraph: ", Bangladesh -", ", Iraq (Reuters) --", ", Kenya:"
DATELINE_TAIL = re.compile(r",[ \t]+[A-Z][^\n,:;()]{0,40}?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:[-—–]{1,2}|:)[ \t]")


def _is_dateline(text: str, c: Candidate) -> bool:
    """'BEIRUT (AP) --', 'KANO, Nigeria --', 'PESHAWAR:': a place opening the story or a paragraph,
    in capitals or followed by the dateline punctuation."""
    line_start = text.rfind("\n", 0, c.start) + 1
    after = text[c.end:c.end + 3]
    caps = text[c.start:c.end].isupper() and len(text[c.start:c.end]) > 2
    before = text[line_start:c.start].rstrip()
    if before:
        # a headline run into the story: "... Grant Event. IMMOKALEE - Congressman ..."
        return caps and before[-1] in ".!?" and after[:2] in (" -", " —", " –")
    return (caps and after[:1] in (",", " ", ":", "(")) or after[:2] in (" (", " -", " —", " –") \
        or after[:1] in (":",) or (after[:2] == ", " and c.i < 3) \
        or DATELINE_TAIL.match(text, c.end, c.end + 80) is not None
