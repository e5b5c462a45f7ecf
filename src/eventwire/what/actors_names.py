"""Naming actors the way ACLED does: a phrase as written -> "Police Forces of Morocco", "Islamic State".

Knowledge lives in ``data/actors.yaml`` (named groups and their aliases, words for state forces,
crowds, civilians and unidentified armed men) and ``data/countries.yaml`` (ACLED's country names,
country aliases and demonyms). This module only matches words of a parsed phrase against them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pycountry
from spacy.tokens import Token

from .. import countries, knowledge
from ..casing import shouted_word
from ..record import AnnotatedDoc

_KIND = {
    "police": "state", "military": "state", "military_means": "state", "government": "state", "security": "state",
    "unidentified": "unidentified", "militia": "political_militia", "protesters": "protesters",
    "rioters": "rioters", "civilians": "civilians", "civilian_places": "civilians",
}
# when several categories match words of one phrase, the first in this order names it
_PRECEDENCE = ("police", "military", "security", "military_means", "government", "militia", "unidentified", "protesters",
               "rioters", "crowd", "civilians", "civilian_places")
_NOT_PERSONS = ("civilian_places", "military_means", "government")


def _load(name: str) -> Any:
    return knowledge.load(name)


def _words(s: str, apostrophe: bool = True) -> tuple[str, ...]:
    """Split an alias the way spaCy tokenizes it, roughly: "al-Qaeda" -> ("al", "-", "qaeda");
    ``apostrophe`` False keeps "Ma'awisley" one word (spaCy splits "People's" but not a name)."""
    out: list[str] = []
    for w in (str(s).replace("'", " '") if apostrophe else str(s)).split():
        parts = w.replace("-", " - ").replace("(", " ( ").replace(")", " ) ").split()
        out.extend(parts)
    return tuple(out)


@dataclass(frozen=True)
class Group:
    name: str
    kind: str


# the lists of actors.yaml that say how actor1/actor2 are cast, by event type
ROLE_KEYS = ("victim_side_event_types", "two_sided_event_types", "other_side_event_types",
             "arrest_sub_event_types", "crowd_target_sub_event_types", "state_alone_other_side_event_types",
             "perpetrator_kinds", "article_doer_types", "article_doer_kinds", "unknown_doer_words",
               "no_claim_words", "state_first_sub_event_types", "own_forces_sub_event_types", "handover_sub_event_types", "leaving_verbs",
             "doer_event_types", "other_event_marks", "stative_verbs", "armed_kinds", "two_sided_armed_types",
             "one_sided_types")


@dataclass
class ActorWords:
    groups: dict[str, list[tuple[tuple[str, ...], bool, Group]]]  # first word (lower) -> entries
    branches: dict[tuple[str, str], Group]  # (group name, ISO) -> the group's name in that country
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (words, category)
    singles: dict[str, str]  # word or lemma -> category
    templates: dict[str, Any]
    unknown_names: dict[str, str]  # category -> name when no country is known
    crowd: set[str]
    crowd_by_type: dict[str, str]
    defaults: dict[str, dict[str, str]]
    not_actors: set[str]
    speakers: set[str]
    claim_verbs: set[str]
    claim_objects: set[str]
    target_preps: set[str]
    side_preps: set[str]
    loser_preps: set[str]
    stance_prefixes: frozenset[str]
    territory_sub_event_types: set[str]
    light_verbs: set[str]
    agent_preps: frozenset[str]  # the preposition of a passive's doer ("killed by", "tué par")
    member_preps: set[str]  # "members of", "negotiators from": the force a person belongs to
    right_modifiers: frozenset[str]  # dependency labels of the modifiers an actor phrase keeps on its right
    country_names: dict[str, str]  # ISO -> ACLED display name (read through eventwire.countries.name)
    with_article: set[str]
    country_words: dict[tuple[str, ...], str]  # words (lower) -> ISO
    country_first: dict[str, int]  # first word -> longest length
    heads: dict[str, frozenset[str]]  # quantity / representatives / affiliation / military_targets
    armed_types: frozenset[str]
    civilian_target_types: frozenset[str]
    same_event_marks: frozenset[str]
    person_endings: tuple[str, ...]
    # how actor1/actor2 are cast, by event type (actors.yaml; see there)
    roles: dict[str, frozenset[str]]
    not_crowd_actor1: dict[str, frozenset[str]]
    # ISO -> (lemma words, the insurgency's group), longest first (actors.yaml ``insurgencies``)
    insurgencies: dict[str, list[tuple[tuple[str, ...], Group]]]


@knowledge.per_language
def lexicon() -> ActorWords:
    """The actor and country tables (read once)."""
    a = _load("actors.yaml")
    c = _load("countries.yaml")
    groups: dict[str, list[tuple[tuple[str, ...], bool, Group]]] = {}
    kinds = {str(g["name"]): str(g.get("kind", "rebel")) for g in a["groups"]}
    branches: dict[tuple[str, str], Group] = {}
    for g in a["groups"]:
        for iso, other in (g.get("branches") or {}).items():
            if str(other) not in kinds:
                from ..errors import DataFileError

                raise DataFileError(f"actors.yaml: {g['name']}'s branch in {iso}, {other!r}, is not a group of the file")
            branches[(str(g["name"]), str(iso).upper())] = Group(str(other), kinds[str(other)])
    for g in a["groups"]:
        grp = Group(str(g["name"]), str(g.get("kind", "rebel")))
        for al in g["aliases"]:
            al = str(al)
            strict = al.isupper() and len(al.replace(".", "").replace("-", "")) <= 5
            for words in dict.fromkeys((_words(al), _words(al, apostrophe=False))):
                key = words if strict else tuple(w.lower() for w in words)
                groups.setdefault(key[0].lower(), []).append((key, strict, grp))
    for lst in groups.values():
        lst.sort(key=lambda e: len(e[0]), reverse=True)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    singles: dict[str, str] = {}
    templates: dict[str, Any] = {}
    unknown_names: dict[str, str] = {}
    cats: dict[str, dict[str, Any]] = dict(a["state_forces"])
    for name in ("unidentified", "militia", "protesters", "rioters", "civilians", "civilian_places"):
        cats[name] = a[name]
    for cat in reversed(_PRECEDENCE):  # the earlier category wins a word listed twice
        if cat not in cats:
            continue
        templates[cat] = cats[cat]["template"]
        if cats[cat].get("unknown"):
            unknown_names[cat] = str(cats[cat]["unknown"])
        for w in cats[cat]["words"]:
            ws = tuple(x.lower() for x in _words(str(w)))
            if len(ws) == 1:
                singles[ws[0]] = cat
            else:
                phrases.setdefault(ws[0], []).append((ws, cat))
    for lst2 in phrases.values():
        lst2.sort(key=lambda e: len(e[0]), reverse=True)
    names = {str(k): str(v) for k, v in (c.get("names") or {}).items()}
    country_words: dict[tuple[str, ...], str] = {}
    for co in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(co, attr, None)
            if v and "," not in v:
                country_words[tuple(w.lower() for w in _words(v))] = co.alpha_2
    for iso, nm in names.items():
        country_words[tuple(w.lower() for w in _words(nm))] = iso
    for iso, forms in (c.get("aliases") or {}).items():
        for f in forms:
            country_words[tuple(w.lower() for w in _words(str(f)))] = str(iso)
    for dem, iso in (c.get("demonyms") or {}).items():
        dem = str(dem)
        for form in (dem, dem + "s") if dem.endswith(("an", "i", "er")) else (dem,):
            country_words.setdefault(tuple(w.lower() for w in _words(form)), str(iso))
    insurgencies: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
    for ins in a["insurgencies"]:
        grp = Group(str(ins["name"]), "rebel")
        for iso in ins["countries"]:
            for w in ins["words"]:
                insurgencies.setdefault(str(iso).upper(), []).append((tuple(x.lower() for x in _words(str(w))), grp))
    for lst3 in insurgencies.values():
        lst3.sort(key=lambda e: len(e[0]), reverse=True)
    first: dict[str, int] = {}
    for k in country_words:
        first[k[0]] = max(first.get(k[0], 0), len(k))
    return ActorWords(
        groups=groups, branches=branches, phrases=phrases, singles=singles, templates=templates, unknown_names=unknown_names,
        crowd={str(w).lower() for w in a["crowd_words"]},
        crowd_by_type={str(k): str(v) for k, v in a["crowd_by_event_type"].items()},
        defaults={k: {str(x): str(y) for x, y in v.items()} for k, v in a["defaults"].items()},
        not_actors={str(w).lower() for w in a["not_actors"]},
        speakers={str(w).lower() for w in a.get("speakers") or []},
        claim_verbs=set(a["claim_verbs"]), claim_objects=set(a["claim_objects"]),
        target_preps=set(a["target_preps"]), side_preps=set(a["other_side_preps"]),
        loser_preps=set(a["loser_preps"]), stance_prefixes=frozenset(a["stance_prefixes"]), territory_sub_event_types=set(a["territory_sub_event_types"]),
        light_verbs=set(a["light_verbs"]),
        right_modifiers=frozenset(str(d) for d in a["right_modifiers"]),
        member_preps={str(w).lower() for w in a["member_preps"]},
        agent_preps=frozenset(str(w).lower() for w in a["agent_preps"]),
        country_names=names, with_article={str(x) for x in c.get("with_article") or []},
        country_words=country_words, country_first=first,
        heads={str(k): frozenset(str(w) for w in v) for k, v in a["heads"].items()},
        armed_types=frozenset(a["armed_event_types"]),
        civilian_target_types=frozenset(a["civilian_target_event_types"]),
        same_event_marks=frozenset(a["same_event_marks"]),
        person_endings=tuple(str(x) for x in a["person_endings"]),
        roles={k: frozenset(str(x) for x in a[k]) for k in ROLE_KEYS},
        not_crowd_actor1={str(k): frozenset(str(x) for x in v) for k, v in a["not_crowd_actor1"].items()},
        insurgencies=insurgencies,
    )


def is_person_word(t: Token) -> bool:
    """Whether a noun names people ("soldiers", "a shopkeeper", "villagers"), by the actor tables,
    the entity label, or an agent-noun ending."""
    lx = lexicon()
    if t.ent_type_ in ("PERSON", "NORP"):
        return True
    for w in (t.lower_, t.lemma_.lower()):
        cat = lx.singles.get(w)
        if cat is not None:
            return cat not in _NOT_PERSONS
        if w in lx.crowd:
            return True
    low = t.lemma_.lower()
    return low.endswith(lx.person_endings) and len(low) > 4


def country_name(iso: str | None) -> str | None:
    """ACLED's name of a country: :func:`eventwire.countries.name`."""
    return countries.name(iso)


def render(category: str, iso: str | None, event_type: str = "", sub_event_type: str = "") -> str:
    """The ACLED name for a category and a country: ("police", "MA") -> "Police Forces of Morocco"."""
    lx = lexicon()
    tpl = lx.templates[category]
    if isinstance(tpl, dict):
        tpl = tpl.get(sub_event_type) or tpl.get(event_type) or tpl["default"]
    name = country_name(iso)
    if name is None and category in lx.unknown_names:
        return lx.unknown_names[category]
    if name is None:  # no country known: drop the country part of the template
        return tpl.replace(" of {country}", "").replace(" ({country})", "").replace("{country}", "").strip()
    if iso and iso.upper() in lx.with_article and " of {country}" in tpl:
        name = "the " + name
    return tpl.replace("{country}", name)


def _rendered(name: str) -> tuple[str, str] | None:
    """(category, the country part as written) of an ACLED name a category's template rendered
    ("Military Forces of the United States" -> ("military", "the United States")); the country part
    is "" for a name rendered with no country."""
    lx = lexicon()
    for cat in (c for c in _PRECEDENCE if c in lx.templates):
        tpl = lx.templates[cat]
        for t in (tpl.values() if isinstance(tpl, dict) else [tpl]):
            head, _, tail = t.partition("{country}")
            bare = t.replace(" of {country}", "").replace(" ({country})", "")  # rendered with no country
            if name == bare:
                return ("police" if head.startswith("Police") else cat), ""
            if name.startswith(head) and name.endswith(tail) and len(name) > len(head) + len(tail):
                return ("police" if head.startswith("Police") else cat), name[len(head):len(name) - len(tail)]
    return None


def category_of_name(name: str) -> str | None:
    """The category an ACLED name was rendered from ("Police Forces of Chad" -> "police")."""
    got = _rendered(name)
    return got[0] if got else None


@knowledge.per_language(maxsize=4096)
def kind_of_name(name: str) -> tuple[str, str | None]:
    """(kind, country) of an ACLED actor name, read back from the tables that name actors: a named
    group's kind (actors.yaml ``groups``, ``insurgencies``), else the kind of the category whose
    template rendered it with the country it names ("Police Forces of Chad" -> ("state", "TD"));
    ("other", None) for a name neither wrote."""
    lx = lexicon()
    for entries in (*lx.groups.values(), *lx.insurgencies.values()):
        for entry in entries:
            grp = entry[-1]
            if isinstance(grp, Group) and grp.name == name:
                return grp.kind, None
    got = _rendered(name)
    if got is None:
        return "other", None
    return kind_of(got[0]), countries.lookup(got[1]) if got[1] else None


def country_of_name(name: str | None) -> str | None:
    """The ISO alpha-2 code of the country in an ACLED name :func:`render` wrote ("Civilians
    (Nigeria)" -> "NG", "Military Forces of the Philippines" -> "PH"); None for a named group."""
    got = _rendered(name) if name else None
    return countries.lookup(got[1]) if got and got[1] else None


def kind_of(category: str) -> str:
    return _KIND.get(category, "other")


def branch(name: str, iso: str | None) -> Group | None:
    """The name ACLED gives a group in a country where it has a branch of its own ("Islamic State"
    in Mali: "Islamic State Sahel Province"; actors.yaml ``branches``), or None."""
    return lexicon().branches.get((name, iso.upper())) if iso else None


def find_group(tokens: Iterable[Token]) -> tuple[Group, int, int] | None:
    """The longest named group written in the tokens (first of equals): (group, first i, end i)."""
    toks = list(tokens)
    lx = lexicon()
    best: tuple[Group, int, int] | None = None
    for k, t in enumerate(toks):
        if _stance(t):
            continue
        for words, strict, grp in lx.groups.get(t.lower_, ()):
            n = len(words)
            seg = toks[k:k + n]
            if len(seg) < n or any(seg[j].i != t.i + j for j in range(n)):
                continue
            got = tuple(x.text for x in seg) if strict else tuple(x.lower_ for x in seg)
            if got == words:
                if best is None or n > best[2] - best[1]:
                    best = (grp, t.i, t.i + n)
                break
    return best


def find_groups(tokens: Iterable[Token]) -> list[tuple[Group, int, int]]:
    """Every named group written in the tokens, in text order: (group, first i, end i)."""
    toks = list(tokens)
    out: list[tuple[Group, int, int]] = []
    k = 0
    while k < len(toks):
        got = _group_at(toks, k)
        if got is None:
            k += 1
            continue
        out.append(got)
        k += got[2] - got[1]
    return out


def _stance(t: Token) -> bool:
    """Is the name at ``t`` a stance written on another word ("anti-Taliban politician", "pro-ISIS
    accounts")? Such a name is not the group (actors.yaml ``stance_prefixes``)."""
    doc = t.doc
    if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ in lexicon().stance_prefixes:
        return True
    return t.i >= 1 and doc[t.i - 1].lower_.rstrip("-") in lexicon().stance_prefixes and doc[t.i - 1].text.endswith("-")


def _group_at(toks: list[Token], k: int) -> tuple[Group, int, int] | None:
    t = toks[k]
    if _stance(t):
        return None
    for words, strict, grp in lexicon().groups.get(t.lower_, ()):  # longest alias first
        n = len(words)
        seg = toks[k:k + n]
        if len(seg) < n or any(seg[j].i != t.i + j for j in range(n)):
            continue
        if (tuple(x.text for x in seg) if strict else tuple(x.lower_ for x in seg)) == words:
            return grp, t.i, t.i + n
    return None


def find_insurgencies(tokens: Iterable[Token], iso: str | None) -> list[tuple[Group, int, int]]:
    """The country's insurgency wherever its fighters are named by their kind ("the separatists" in
    Thailand), in text order: (group, first i, end i); none for fighters the text calls unknown."""
    entries = lexicon().insurgencies.get((iso or "").upper())
    if not entries:
        return []
    toks = list(tokens)
    unknown = lexicon().roles["unknown_doer_words"]
    out: list[tuple[Group, int, int]] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        for words, grp in entries:
            n = len(words)
            seg = toks[k:k + n]
            if len(seg) == n and all(seg[j].i == t.i + j for j in range(n)) and \
                    tuple(x.lemma_.lower() if j == n - 1 else x.lower_ for j, x in enumerate(seg)) == words:
                before = t.doc[max(t.i - 2, 0):t.i]
                if not any(x.lower_ in unknown for x in before):
                    out.append((grp, t.i, t.i + n))
                k += n - 1
                break
        k += 1
    return out


def category_matches(tokens: list[Token]) -> list[tuple[str, int, int]]:
    """Every category word or phrase in the tokens: (category, first token i, end token i).

    Phrases ("interior ministry", "armed men") are matched first; single words only where no
    phrase covers them.
    """
    lx = lexicon()
    out: list[tuple[str, int, int]] = []
    covered: set[int] = set()
    for k, t in enumerate(tokens):
        if t.i in covered:
            continue
        for words, cat in lx.phrases.get(t.lower_, ()):
            seg = tokens[k:k + len(words)]
            if len(seg) == len(words) and (tuple(x.lower_ for x in seg) == words
                                           or tuple(x.lemma_.lower() for x in seg) == words):
                out.append((cat, seg[0].i, seg[-1].i + 1))
                covered.update(x.i for x in seg)
                break
    for t in tokens:
        if t.i in covered:
            continue
        cat = lx.singles.get(t.lower_) or lx.singles.get(t.lemma_.lower())
        if cat is None and (t.lower_ in lx.crowd or t.lemma_.lower() in lx.crowd):
            cat = "crowd"
        if cat is not None:
            out.append((cat, t.i, t.i + 1))
    return sorted(out, key=lambda x: x[1])


def category_of(tokens: list[Token], head: Token) -> str | None:
    """The category the words of a phrase name ("Moroccan security services" -> "security").

    The phrase or word that holds the head decides; else the strongest category present.
    """
    found = category_matches(tokens)
    for cat, a, b in found:
        if a <= head.i < b:
            return cat
    cats = {c for c, _, _ in found}
    for cat in _PRECEDENCE:
        if cat in cats:
            return cat
    return None


def country_in(tokens: list[Token], adoc: AnnotatedDoc | None = None) -> str | None:
    """The country a phrase names by itself ("Moroccan authorities", "the Myanmar police", "U.S. troops")."""
    if not tokens:
        return None
    if adoc is not None:
        a, b = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        for p in adoc.places:
            if p.country and a <= p.start and p.end <= b and (p.role == "demonym" or p.place_level == "country"):
                return p.country
    lx = lexicon()
    for k, t in enumerate(tokens):
        if not (t.text[:1].isupper() or t.lower_ in ("u.s.", "u.k.")) or shouted_word(t.doc, t.i, t.i + 1):
            continue  # "STOP KILLING US": a shouted pronoun, not the United States
        longest = lx.country_first.get(t.lower_, 0)
        for n in range(longest, 0, -1):
            seg = tokens[k:k + n]
            if len(seg) == n and tuple(x.lower_ for x in seg) in lx.country_words:
                return lx.country_words[tuple(x.lower_ for x in seg)]
    return None


CORE_DEPS = ("det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "advmod", "npadvmod", "case")


def core_phrase(head: Token) -> list[Token]:
    """The head with its left modifiers ("three Georgian soldiers", "the Moroccan security services")."""
    left = [t for t in head.lefts if t.dep_ in CORE_DEPS]
    if not left:
        toks = [head]
    else:
        start = min(min(t.left_edge.i for t in left), head.i)
        toks = [t for t in head.doc[start:head.i + 1]]
    # a language whose adjectives follow the noun keeps them ("hommes armés", "forces armées"): the
    # modifiers next to the head, one after another, whose labels actors.yaml right_modifiers lists
    keep = lexicon().right_modifiers
    end = head.i
    for r in head.rights:
        if r.dep_ not in keep or r.left_edge.i != end + 1 or r.pos_ not in ("ADJ", "VERB"):
            break
        toks.extend(head.doc[end + 1:r.right_edge.i + 1])
        end = r.right_edge.i
    # flat proper names continue to the right ("Islamic State West Africa Province (ISWAP)")
    right = [t for t in head.rights if t.dep_ in ("compound", "flat", "appos") and t.pos_ == "PROPN"]
    # ... but not over a conjunct ("President Santos and the leader of the FARC, Rodrigo Londono")
    right = [r for r in right if not any(x.dep_ in ("cc", "conj") for x in head.doc[head.i + 1:r.i])]
    for r in right:
        toks.extend(x for x in head.doc[head.i + 1:r.right_edge.i + 1] if x not in toks)
    while toks and toks[0].dep_ in ("det", "punct", "case") and toks[0].pos_ in ("DET", "PUNCT", "PART"):
        toks = toks[1:]
    # a phrase never runs over a line break (a headline parsed into the next line)
    k = next((j for j, t in enumerate(toks) if t.i == head.i), 0)
    lo, hi = k, k
    while lo > 0 and not _line_break(toks[lo - 1]):
        lo -= 1
    while hi < len(toks) - 1 and not _line_break(toks[hi]):
        hi += 1
    toks = [t for t in toks[lo:hi + 1] if not t.is_space]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks or [head]


def _line_break(t: Token) -> bool:
    """Whether a line break follows token t."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    return "\n" in t.whitespace_ or (t.is_space and "\n" in t.text) or (
        nxt is not None and nxt.is_space and "\n" in nxt.text)
