"""Is a gazetteer match in the text a place mention? And which place entities does it lack?

``judge`` sorts each match into STRONG (the parse vouches for it: a place entity, "the city of
X", a dateline, a demonym), WEAK (plausible, kept only when it fits the article's countries:
a name the model calls a person or an organisation, a lone capitalised word) or rejected (a
date, a common word, part of a person's name).

``unresolved`` finds the place names the gazetteer lacks: place entities without a match, and
capitalised names the text itself calls a village, town, community or district ("Udawa
community", "the village of Kutunku").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..casing import shouted_word
from . import lexicon
from .candidate import Candidate
from .gazetteer import ALIAS, ALTERNATE, PRIMARY, Entry
from .lexicon import key

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

STRONG, WEAK = "strong", "weak"
DOUBT = "doubt"  # too weak alone; a place when the article names the same place where the parse vouches for it
WORLD_CITY = 500_000  # a doubtful match this big is kept even without country support
MAX_UNRESOLVED_TOKENS = 4
NOT_NAME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def capitalised(t: Token) -> bool:
    s = t.text
    return bool(s) and (s[0].isupper() or (len(s) > 1 and s[0] in "'’" and s[1].isupper()))


def _camel(s: str) -> bool:
    """'MoD', 'McDonald' style: an upper-case letter after a lower-case one."""
    return any(a.islower() and b.isupper() for a, b in zip(s, s[1:], strict=False))


def significant(entries: list[tuple[Entry, int]], threshold: int) -> bool:
    return any(e.is_country or e.feature_code in ("ADM1", "CONT") or e.population >= threshold
               for e, _ in entries)


def own_names(entries: list[tuple[Entry, int]]) -> list[tuple[Entry, int]]:
    """The entries the name is the own name (or a curated alias) of, not one of their alternate
    names; countries always count."""
    return [(e, kind) for e, kind in entries if kind in (PRIMARY, ALIAS) or e.is_country]


def prev_word(doc: Doc, i: int) -> Token | None:
    k = i - 1
    while k >= 0 and doc[k].is_punct:
        k -= 1
    return doc[k] if k >= 0 else None


def _beside_feature_word(doc: Doc, c: Candidate, cues: lexicon.Cues) -> bool:
    before = doc[c.i - 1] if c.i > 0 else None
    after = doc[c.j] if c.j < len(doc) else None
    # after the name, in any case: "the Lempa river", "the Niger delta" (recased wire copy too)
    return bool((before is not None and capitalised(before) and before.lower_ in cues.feature_words)
                or (after is not None and after.lower_ in cues.feature_words and after.pos_ in ("NOUN", "PROPN")))


def _feature_tail(doc: Doc, c: Candidate, cues: lexicon.Cues) -> bool:
    """A feature word that ends a longer name ("Micay Canyon", "Rift Valley"): not a town so named."""
    before = doc[c.i - 1] if c.i > 0 else None
    return (c.j - c.i == 1 and doc[c.i].lower_ in cues.feature_words and before is not None
            and capitalised(before) and not before.is_sent_start)


def type_noun(word: str, cues: lexicon.Cues) -> str | None:
    """The type noun ``word`` is, singular or plural ("villages", "communities")."""
    for form in (word, word[:-1] if word.endswith("s") else "", word[:-3] + "y" if word.endswith("ies") else ""):
        if form and form in cues.type_nouns:
            return form
    return None


_PHRASE_INDEX: dict[int, tuple[dict[str, str], dict[str, list[tuple[tuple[str, ...], str]]]]] = {}


def _index(phrases: dict[str, str]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The phrases by their first word, built once per phrase table (they are loaded once)."""
    got = _PHRASE_INDEX.get(id(phrases))
    if got is None or got[0] is not phrases:
        idx: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, noun in phrases.items():
            words = tuple(phrase.split())
            if words:
                idx.setdefault(words[0], []).append((words, noun))
        got = (phrases, idx)
        _PHRASE_INDEX[id(phrases)] = got
    return got[1]


def phrase_at(doc: Doc, i: int, phrases: dict[str, str]) -> tuple[int, str] | None:
    """The longest type phrase starting at token ``i`` ("Local Government Area"): (length, noun)."""
    best = None
    for words, noun in _index(phrases).get(doc[i].lower_, ()):
        n = len(words)
        if i + n <= len(doc) and (best is None or n > best[0]) \
                and all(doc[i + k].lower_ == w for k, w in enumerate(words)):
            best = (n, noun)
    return best


APPOSITION_MARKS = frozenset({",", "--", "—", "–", "-"})  # "Awasse -- a small settlement near X"


def typed_runs(doc: Doc, cues: lexicon.Cues) -> list[tuple[int, int, str]]:
    """Capitalised names the text calls a village, town, community... ("the village of Kutunku",
    "Udawa community", "Zhari district", "the communities of A and B", "Jalozai area of Nowshera
    district", "X Local Government Area", "Kutunku, a village in the north"): (start token, end
    token, the noun)."""
    out = []
    for t in doc:
        phrase, after_prep = phrase_at(doc, t.i, cues.type_phrases), False
        if phrase is None:  # "in Kurram Agency", not "told Anadolu Agency"
            phrase, after_prep = phrase_at(doc, t.i, cues.locative_type_phrases), True
        run = _cap_run_before(doc, t.i) if phrase is not None and t.i > 0 else None
        if run and after_prep:
            prev = prev_word(doc, run[0])
            run = run if prev is not None and prev.lower_ in cues.locative_preps else None
        if phrase is not None and run:
            out.append((run[0], run[1], phrase[1]))
            continue
        noun = type_noun(t.lower_, cues)
        spec = cues.type_nouns.get(noun) if noun else None
        if not spec or not spec.get("unresolved"):
            continue
        if t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of":  # "the village of Kutunku"
            run = _cap_run_after(doc, t.i + 2)
            if run:  # "the village of Guma LGA": the area the village is in, typed by its own noun
                run, own = _before_type_word(doc, run, cues)
                if run:
                    out.append((run[0], run[1], own or noun))
        if t.i > 0 and not capitalised(t):  # "Udawa community", "Zhari district"
            run = _cap_run_before(doc, t.i)
            if run:
                out.append((run[0], run[1], noun))
        k = t.i - 1  # "stormed Kutunku, a village in the north", "Jacarezinho, a favela of the city"
        while k > 0 and (doc[k].pos_ == "ADJ" or (doc[k].pos_ == "CCONJ" and doc[k - 1].pos_ == "ADJ")):
            k -= 1  # "a small but strategic settlement"
        if not capitalised(t) and k > 1 and doc[k].lower_ in ("a", "an") and doc[k - 1].text in APPOSITION_MARKS:
            run = _cap_run_before(doc, k - 1)
            if run:
                out.append((run[0], run[1], noun))
    return out


def venue_runs(doc: Doc, cues: lexicon.Cues) -> list[tuple[int, int, str]]:
    """Capitalised names before a lower-case venue noun ("the Batadrava police station", "at
    Thoubal Athokpam ground"): the venue is named after the locality it is in."""
    out = []
    for t in doc:
        if t.i == 0 or not t.text[:1].islower():
            continue
        phrase = phrase_at(doc, t.i, cues.venue_heads)
        run = _cap_run_before(doc, t.i) if phrase is not None else None
        # a name the parser calls a person's is a locality after "the" ("the Batadrava police station")
        after_the = run is not None and run[0] > 0 and doc[run[0] - 1].lower_ == "the"
        if run and (after_the or not any(doc[k].ent_type_ in ("PERSON", "NORP") for k in range(*run))):
            out.append((run[0], run[1], phrase[1]))
    return out


def misdated(doc: Doc, i: int, j: int, labels: set[str], cues: lexicon.Cues) -> bool:
    """Is a name the parser calls a DATE, a TIME or a number a proper name it misread ("in Manbij
    near the border", "706 Orange County residents" read as one count)? Only with no digit and no
    calendar word ("May", "Christmas", "Monday") in the name; a count only when the rest of the
    entity is the number."""
    if not labels or not all(t.pos_ == "PROPN" and not t.like_num and not any(ch.isdigit() for ch in t.text)
                             and t.lower_.rstrip(".") not in cues.calendar_words for t in doc[i:j]):
        return False
    if labels <= {"DATE", "TIME"}:
        return not any(doc[k].ent_type_ in ("DATE", "TIME") for k in (i - 1, j) if 0 <= k < len(doc))
    if labels <= {"CARDINAL", "QUANTITY", "PERCENT"}:
        ent = next((e for e in doc.ents if e.start <= i and j <= e.end), None)
        return ent is not None and all(t.like_num or t.is_punct for t in (*doc[ent.start:i], *doc[j:ent.end]))
    return False


def listed(doc: Doc, i: int) -> bool:
    """Does the name follow a place in a list ("in Hilversum and Almelo", "Guam, Saipan")?"""
    k = i - 1
    if k >= 1 and doc[k].lower_ in ("and", "or") and doc[k - 1].text == ",":
        k -= 1
    if k < 1 or not (doc[k].lower_ in ("and", "or") or doc[k].text == ","):
        return False
    return doc[k - 1].ent_type_ in ("GPE", "LOC")


def _target(doc: Doc, c: Candidate, cues: lexicon.Cues) -> bool:
    """Is the name the direct object of a verb whose object is a place ("retook Damboa")?"""
    head = doc[c.j - 1]
    verb = head.head
    return head.dep_ == "dobj" and (verb.lemma_.lower() in cues.target_verbs or verb.lower_ in cues.target_verbs)


def _cited(doc: Doc, c: Candidate) -> bool:
    """Is the name the source a text cites ("according to Duarte", "according to Duarte's
    declaration"), not a place (a seat stays one: "according to Kabul police")?"""
    if c.i < 2 or doc[c.i - 1].lower_ != "to" or doc[c.i - 2].lower_ != "according" \
            or any(e.is_country for e, _ in c.entries):
        return False  # ("according to Russia's Sputnik news service": the country names the source's home)
    return c.j >= len(doc) or doc[c.j].text in ("'s", "’s", ",", ".", ";", ")")


def _titled(doc: Doc, c: Candidate, cues: lexicon.Cues) -> bool:
    """Does a person's title stand right before the name ("Col Orlando Cepeda", "Gen. Paris")?"""
    k = c.i - 1
    if k >= 0 and doc[k].text == ".":
        k -= 1
    return k >= 0 and doc[k].lower_.rstrip(".") in cues.person_titles and c.j - c.i >= 1 \
        and not (k > 0 and doc[k - 1].lower_ in cues.locative_preps)


def judge(doc: Doc, c: Candidate, k: str, ents, cues: lexicon.Cues, al: lexicon.Aliases) -> str | None:
    """STRONG, WEAK, DOUBT or None for the match ``c`` (name key ``k``); sets ``c.label``."""
    labels = {ents[t][2] for t in range(c.i, c.j) if ents[t] is not None}
    if misdated(doc, c.i, c.j, labels, cues):
        labels = set()
    # dates and counts are never places, but "US dollars" is still the United States
    if labels & cues.not_place_labels and not (labels == {"MONEY"} and all(e.is_country for e, _ in c.entries)):
        return None
    if c.j - c.i == 1 and _camel(doc[c.i].text):  # "MoD", "iPhone": acronyms and brands
        return None
    if shouted_word(doc, c.i, c.j):  # a banner that read "STOP KILLING US!": words, not a place
        return None
    if c.role == "place" and _cited(doc, c):  # "according to Duarte's declaration": a source, not a place
        return None
    if c.role == "place" and _titled(doc, c, cues):  # "Col. Orlando Cepeda": a person
        return None
    first = doc[c.i]
    ent = ents[c.i]
    exact_ent = ent is not None and ent[0] == c.i and ent[1] == c.j
    label = ent[2] if exact_ent else None
    c.label = label
    inside = {ents[t] for t in range(c.i, c.j)} - {None}
    # part of an organisation's or a person's name ("Assam Rifles"), not of "Kandahar city"
    c.embedded = not exact_ent and any(lab not in ("GPE", "LOC") for _, _, lab in inside)
    if c.role == "demonym":
        return STRONG if first.pos_ in ("ADJ", "PROPN", "NOUN") or label == "NORP" else None
    if k.rstrip(".") in al.never and label not in cues.place_labels:
        return None
    if doc[c.j - 1].lower_ in cues.name_connectors:
        return None
    prev = prev_word(doc, c.i)
    locative = (prev is not None and prev.lower_ in cues.locative_preps | {"from", "to"}) or listed(doc, c.i) \
        or _target(doc, c, cues)
    cued = c.type_cue is not None and any(e.feature_class == c.type_cue.get("class") for e, _ in c.entries)
    # "the bar, located in X": the text says X is a place
    cued = cued or (prev is not None and prev.lower_ in cues.locative_preps and prev.i > 0
                    and doc[prev.i - 1].lower_ in cues.placing_participles)
    if c.j - c.i == 1 and c.i > 0 and doc[c.i - 1].lower_ == "the" and label not in cues.place_labels \
            and not any(kind != ALTERNATE and e.population >= 1_000 for e, kind in c.entries):
        return None  # "the Loop", "the Strip": a common word as a local nickname
    if _feature_tail(doc, c, cues):
        return None
    if (label in cues.place_labels or label == "NORP" or c.dateline or cued) and not _beside_feature_word(doc, c, cues):
        return STRONG
    if any(kind == ALIAS for _, kind in c.entries) and (c.j - c.i > 1 or first.text.isupper()):
        return STRONG  # "U.S.", "UAE", "New York City"
    if _beside_feature_word(doc, c, cues):
        return None  # "Lake Chad", "Niger Delta", "Mount Lebanon": not the country
    # a "person" whose name has an institution's word in it ("Abuja Chamber of Commerce") is one
    if any(lab == "PERSON" and not any(doc[t].lower_ in cues.place_heads for t in range(a, b))
           for a, b, lab in inside):
        # big by its own name, unless the text puts it as a place: "Cano" alone, a variant spelling of
        # a city called otherwise, is a surname; "in Lahore, Vehari and Multan" is that city
        if exact_ent and (significant(own_names(c.entries), 100_000) or (locative and significant(c.entries, 5_000))):
            return WEAK
        return None
    if inside and not exact_ent:
        # "University of Toronto", "Kaduna State Police Command": the place's own name only
        own = own_names(c.entries)
        headed = (c.j < len(doc) and doc[c.j].lower_ in cues.place_heads) or (prev is not None and prev.lower_ == "of")
        return WEAK if significant(own, 20_000) or (headed and significant(own, 1_000)) else \
            DOUBT if own else None
    if exact_ent:  # the whole span is an ORG/FAC/... entity: a mis-tagged place name?
        return WEAK if significant(c.entries, 50_000) or locative else DOUBT
    if c.j - c.i == 1:
        if first.is_sent_start and first.pos_ != "PROPN":
            return None
        if first.pos_ != "PROPN" and not first.text.isupper():
            return None
        return WEAK if significant(c.entries, 15_000) or locative else DOUBT
    return WEAK if significant(c.entries, 5_000) or locative else DOUBT


def _plausible_name(doc: Doc, i: int, j: int, al: lexicon.Aliases, demonyms: frozenset[str],
                    connectors: frozenset[str] = frozenset()) -> bool:
    toks = doc[i:j]
    if not toks or j - i > MAX_UNRESOLVED_TOKENS:
        return False
    if not all((capitalised(t) and t.pos_ == "PROPN" or (i < t.i < j - 1 and t.lower_ in connectors))
               and t.ent_type_ not in NOT_NAME_ENTS for t in toks):
        return False
    if any(ch.isdigit() for ch in toks.text):
        return False  # "M-19", "A-37", "AK-47": a group, a plane or a weapon, not a town the gazetteer lacks
    k = key(toks.text)
    return (bool(k) and k not in al.never and k not in demonyms and k not in al.demonym_never
            and not any(_camel(t.text) or t.ent_type_ == "NORP" for t in toks))


def _cap_run_before(doc: Doc, end: int) -> tuple[int, int] | None:
    i = end
    calendar = lexicon.cues().calendar_words
    while i > 0 and capitalised(doc[i - 1]) and doc[i - 1].pos_ == "PROPN" and end - i < MAX_UNRESOLVED_TOKENS \
            and not (i < end and doc[i - 1].lower_ in calendar):  # "on Monday Udawa village": not "Monday Udawa"
        i -= 1
    return (i, end) if i < end else None


def _before_type_word(doc: Doc, run: tuple[int, int], cues: lexicon.Cues) -> tuple[tuple[int, int] | None, str | None]:
    """The run up to a type noun or phrase inside it, and that noun ("Guma LGA", "Guma Local
    Government Area" -> "Guma", "lga"); no run when it starts with one."""
    for k in range(run[0], run[1]):
        noun = type_noun(doc[k].lower_, cues)
        phrase = phrase_at(doc, k, cues.type_phrases)
        if phrase or (noun and (cues.type_nouns.get(noun) or {}).get("suffix")):
            return ((run[0], k) if k > run[0] else None), (phrase[1] if phrase else noun)
    return run, None


CONJUNCTIONS = frozenset({"and", "&", "y"})  # "between A and B": two names, not one


def _cap_run_after(doc: Doc, start: int, connectors: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The capitalised proper nouns from ``start``, through a connector between two of them
    ("Jaral del Progreso")."""
    calendar = lexicon.cues().calendar_words

    def name_word(k: int) -> bool:  # "the district of Jhapa Wednesday afternoon": the name ends at the day
        return k < len(doc) and capitalised(doc[k]) and doc[k].pos_ == "PROPN" \
            and not (k > start and doc[k].lower_ in calendar)

    j = start
    while j - start < MAX_UNRESOLVED_TOKENS:
        if name_word(j):
            j += 1
        elif j > start and j < len(doc) and doc[j].lower_ in connectors and name_word(j + 1):
            j += 2
        else:
            break
    return (start, j) if j > start else None


def route_runs(doc: Doc, cues: lexicon.Cues) -> list[tuple[int, int]]:
    """Names of roads between two places, after a locative preposition ("along the Kano-Zaria road",
    "on the Gao - Ansongo highway"): the capitalised words and the hyphen joining them, before a
    route word (cues.yaml ``route_words``)."""
    out = []
    for t in doc:
        if t.lower_ not in cues.route_words or t.i < 3:
            continue
        k, hyphen = t.i, False
        while k > 0 and ((capitalised(doc[k - 1]) and doc[k - 1].pos_ == "PROPN")
                         or (doc[k - 1].text in ("-", "–") and k - 2 >= 0 and capitalised(doc[k - 2]) and k < t.i)):
            hyphen = hyphen or doc[k - 1].text in ("-", "–")
            k -= 1
        prev = prev_word(doc, k) if k < t.i else None
        if prev is not None and prev.lower_ in ("the", "a") and prev.i > 0:
            prev = doc[prev.i - 1]
        if hyphen and prev is not None and prev.lower_ in cues.locative_preps:
            out.append((k, t.i))
    return out


def placed_runs(doc: Doc, cues: lexicon.Cues) -> list[tuple[int, int, str | None]]:
    """Names of more than one word the text says are places ("the bar, located in Jaral del
    Progreso"): the capitalised run after a placing participle and a locative preposition."""
    inner = cues.name_connectors - CONJUNCTIONS
    out: list[tuple[int, int, str | None]] = []
    for t in doc:
        if t.lower_ in cues.locative_preps and 0 < t.i < len(doc) - 1 and doc[t.i - 1].lower_ in cues.placing_participles:
            run = _cap_run_after(doc, t.i + 1, inner)
            if run and run[1] - run[0] > 1:
                out.append((run[0], run[1], None))
    return out


def unresolved(doc: Doc, ents, chosen: list[Candidate], cues: lexicon.Cues,
               al: lexicon.Aliases) -> list[Candidate]:
    """Place names the gazetteer lacks, as candidates without entries (``unresolved=True``)."""
    taken = {t for c in chosen for t in range(c.i, c.j)}
    demonyms = frozenset(al.demonyms)
    spans: dict[tuple[int, int], tuple[str | None, str | None]] = {}
    for e in doc.ents:
        if e.label_ in ("GPE", "LOC") and _plausible_name(doc, e.start, e.end, al, demonyms) \
                and not (e.root.dep_ in ("amod", "compound") and e.root.head.pos_ == "NOUN"):
            spans[(e.start, e.end)] = (e.label_, None)  # but not "the mainly Turkomen city"
        elif e.label_ in ("FAC", "LOC", "GPE", "ORG") and e[-1].lower_ in cues.site_words:
            spans.setdefault((e.start, e.end), (e.label_, None))  # "Tahrir Square": a site, if the text puts it there
    nouns = cues.type_nouns
    typed = typed_runs(doc, cues)
    for i, j, word in typed + venue_runs(doc, cues):
        if _plausible_name(doc, i, j, al, demonyms):
            spans[(i, j)] = (None, word)
    areas = [(c.i, (c.type_cue or {}).get("class")) for c in chosen]
    areas += [(i, nouns.get(word, {}).get("class")) for i, _, word in typed]
    for i, cls in areas:  # "the ruler of Rubochi, in Kuje Area Council": a town in a named area
        if cls == "A" and i > 2 and doc[i - 1].lower_ == "in" and doc[i - 2].text == ",":
            run = _cap_run_before(doc, i - 2)
            of = run is not None and run[0] > 0 and doc[run[0] - 1].lower_ == "of"  # "the ruler of X"
            if run and _plausible_name(doc, run[0], run[1], al, demonyms) \
                    and (of or not any(doc[k].ent_type_ == "PERSON" for k in range(*run))):
                spans.setdefault(run, (None, "town"))
    for i, cls in areas:  # "in Chandragadhi in the eastern district of Jhapa": a town in a named area
        if cls != "A":
            continue
        k = i - 1
        while k > 0 and (doc[k].lower_ == "of" or type_noun(doc[k].lower_, cues) or doc[k].pos_ in ("ADJ", "DET")):
            k -= 1
        # (or "in Tudun Maliki, Igabi LGA")
        if (k < i - 1 and doc[k].lower_ == "in" and k > 1) or (k == i - 1 and doc[k].text == "," and k > 1):
            run = _cap_run_before(doc, k)
            prev = prev_word(doc, run[0]) if run else None
            if run and prev is not None and prev.lower_ in cues.locative_preps \
                    and _plausible_name(doc, run[0], run[1], al, demonyms):
                spans.setdefault(run, (None, "town"))
    routes = set()
    for i, j in route_runs(doc, cues):  # "along the Kano-Zaria road": a place of its own
        spans[(i, j)] = (None, None)
        routes.add((i, j))
    inner = cues.name_connectors - CONJUNCTIONS
    for i, j, _ in placed_runs(doc, cues):  # "a bar located in X": whatever the parser calls it
        if _plausible_name(doc, i, j, al, demonyms, inner):
            spans[(i, j)] = (None, None)
    for t in doc:  # "opened fire on a mob near Pallel": whatever the parser calls it
        if t.lower_ in cues.approximate and t.pos_ == "ADP" and t.i + 1 < len(doc):
            run = _cap_run_after(doc, t.i + 1)
            if run and _plausible_name(doc, run[0], run[1], al, demonyms) \
                    and not any(doc[k].ent_type_ == "PERSON" for k in range(*run)):
                spans.setdefault(run, (None, None))
    out = []
    for (i, j), (label, word) in sorted(spans.items()):
        if any(k in taken for k in range(i, j)) or doc[j - 1].text.endswith(".") or len(key(doc[i:j].text)) < 3:
            continue
        site = _site(doc, i, j, cues)
        if site is not None:
            j = site
        elif (i, j) in routes:
            j += 1  # the road's own word is part of its name
        elif doc[j - 1].lower_ in cues.street_words or (j < len(doc) and doc[j].lower_ in cues.street_words):
            continue  # "Wacker Drive", "Parliament House": a street or a building, not a town
        if any(ents[k] is not None and ents[k][2] in cues.not_place_labels for k in range(i, j)):
            continue
        taken.update(range(i, j))
        span = doc[i:j]
        c = Candidate(span.start_char, span.end_char, i, j, span.text, [], label=label, unresolved=True)
        prev = prev_word(doc, i)
        c.locative = prev is not None and prev.lower_ in cues.locative_preps
        if site is not None:
            c.type_word, c.type_cue = SITE, {"class": "P", "part_of_city": True}
        elif word:
            c.type_word, c.type_cue = word, nouns[word]
        out.append(c)
    return out


SITE = "site"  # the type word of an open place named inside a town ("Tahrir Square")


def _site(doc: Doc, i: int, j: int, cues: lexicon.Cues) -> int | None:
    """The end of an open place's name ("Tahrir Square", "Civic Center Park") that the text puts
    the event at: after a locative preposition or a town's possessive ("in Baghdad's Tahrir
    Square"); None otherwise."""
    end = j if doc[j - 1].lower_ in cues.site_words else j + 1 if (
        j < len(doc) and doc[j].lower_ in cues.site_words and capitalised(doc[j])) else None
    if end is None or not capitalised(doc[end - 1]):
        return None
    prev = prev_word(doc, i)
    if prev is None:
        return None
    if prev.lower_ in cues.locative_preps:  # "near Civic Center Park"
        return end
    possessive = prev.lower_ in ("'s", "’s") and prev.i > 1  # "in Baghdad's Tahrir Square"
    return end if possessive and doc[prev.i - 2].lower_ in cues.locative_preps else None
