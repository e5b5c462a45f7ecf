"""Who did it, across the article: the one doer the article names for its violence of a type is
the doer of that type's events it leaves unattributed.

    carry_doers(records, adoc) -> None   (sets Unit.doer)

News names the perpetrator once and tells the rest without him: "Russian shelling killed seven in
the Kherson region ... in Shyroka Balka, an artillery bombardment hit a house". When the events of
one type (Explosions/Remote violence, Battles, ...) that name their doer all name the same one -- an
armed group, or the forces of another country than the event's -- the article's other events of
that type, whose doer is unidentified, take it. Two different doers named, or only the country's own
forces, and nothing is carried: the text does not say who.

Then the story's own doer: an armed group that claims responsibility anywhere in it ("Al-Shabab
claimed responsibility for the attack -- as well as for the previous two"), else the one armed group
it names as the doer of any of its violence ("the guerrillas withdrew", told after "members of the
FMLN attacked"), is the doer of its violence that names none or only unidentified armed men, unless
the text says the doer is unknown ("unidentified gunmen", "no group claimed responsibility"). A
group the story only mentions ("where al-Qaida remains active") does not count.
"""

from __future__ import annotations

from collections import Counter

from ..record import Actor, AnnotatedDoc
from ..what.actors_names import Group, branch, category_of_name, find_groups, find_insurgencies, render
from ..what.actors_names import lexicon as actor_lexicon
from ..what.actors_roles import claim_denied, claimed_group
from .build import about_other_events, record_actors, unattributed
from .unit import Unit


def _country(r: Unit, adoc: AnnotatedDoc) -> str | None:
    place = r.place()
    if place is not None and place.country:
        return place.country
    return adoc.countries[0] if adoc.countries else None


def _named_doer(a: Actor | None, iso: str | None) -> bool:
    """An armed group named in the text, or forces the text names as another country's."""
    if a is None or not a.text:
        return False
    if a.kind in actor_lexicon().roles["perpetrator_kinds"]:
        return True
    cat = category_of_name(a.name) if a.kind == "state" else None
    return cat is not None and iso is not None and a.name != render(cat, iso)


def carry_doers(records: list[Unit], adoc: AnnotatedDoc) -> None:
    named: dict[str, dict[str, Actor]] = {}  # event type -> doer name -> doer
    new = [(r, record_actors(r)[0]) for r in records if not r.historical]
    for r, a1 in new:
        if a1 is not None and _named_doer(a1, _country(r, adoc)):
            named.setdefault(r.sub_event_type()[0], {}).setdefault(a1.name, a1)
    for r, a1 in new:  # the record's type as it is written out ("killed" told of a shelling)
        doers = named.get(r.sub_event_type()[0], {})
        if len(doers) == 1 and unattributed(a1):
            r.doer = next(iter(doers.values()))
    _carry_own_forces(new, adoc)
    _carry_sole_side(records)
    story = _story_doer(records, adoc)
    if story is None:
        return
    for r in records:  # a past attack the story tells is its doer's too
        a1 = record_actors(r)[0]
        if r.doer is None and _open_to_story_doer(r, a1, story):
            r.doer = story


def _carry_sole_side(records: list[Unit]) -> None:
    """A clash told with no side at all ("a gun battle in the slum left 25 dead") has as actor1 the
    one armed side the story names as the doer of its violence ("police stormed the favela")."""
    lx = actor_lexicon()
    sides: dict[str, Actor] = {}
    for r in records:
        for m in r.mentions:
            a = m.actor1
            if m.event_type in lx.armed_types and a is not None and a.text \
                    and (a.kind == "state" or a.kind in lx.roles["perpetrator_kinds"]):
                sides.setdefault(a.name, a)
    if len(sides) != 1:
        return
    for r in records:
        t = r.sub_event_type()[0]
        if r.doer is None and t in lx.roles["two_sided_event_types"] and t in lx.armed_types \
                and not any(a is not None and a.text for a in record_actors(r)) and unattributed(record_actors(r)[0]):
            r.doer = next(iter(sides.values()))  # no side written: only defaults stand in


def _carry_own_forces(new: list[tuple[Unit, Actor | None]], adoc: AnnotatedDoc) -> None:
    """Air and drone strikes: the one state force the story names for its strikes, the country's
    own too, is the doer of the strikes it leaves unattributed (no rebel flies the warplanes); a
    story about one country only ("a drone attack kills 70 in Amhara town") has that country's
    air force strike, unless the text says the aircraft are unidentified."""
    lx = actor_lexicon()
    subs = lx.roles["own_forces_sub_event_types"]
    named: dict[str, dict[str, Actor]] = {}
    for r, a1 in new:
        sub = r.sub_event_type()[1]
        if sub in subs and a1 is not None and a1.text and a1.kind == "state" \
                and category_of_name(a1.name) in ("military", "military_means"):
            named.setdefault(sub, {}).setdefault(a1.name, a1)
    for r, a1 in new:
        sub = r.sub_event_type()[1]
        doers = named.get(sub, {})
        if r.doer is None and len(doers) == 1 and unattributed(a1) and not _said_unknown(a1):
            r.doer = next(iter(doers.values()))
        elif r.doer is None and not doers and sub in subs and a1 is not None and a1.text \
                and a1.name == lx.unknown_names.get("military_means") and not _said_unknown(a1) \
                and len(adoc.countries) == 1 and _country(r, adoc) == adoc.countries[0]:
            iso = adoc.countries[0]
            r.doer = Actor(render("military", iso), a1.text, a1.start, a1.end, "state")


def _said_unknown(a: Actor | None) -> bool:
    """Whether the text calls the doer unknown ("unidentified gunmen", "unknown aircraft")."""
    words = actor_lexicon().roles["unknown_doer_words"]
    return a is not None and any(w.lower() in words for w in a.text.split())


def _actor(g_span: tuple[Group, int, int], adoc: AnnotatedDoc) -> Actor:
    g, a, b = g_span
    span = adoc.doc[a:b]
    return Actor(g.name, span.text, span.start_char, span.end_char, g.kind)


def _story_doer(records: list[Unit], adoc: AnnotatedDoc) -> Actor | None:
    """The armed group that claims the story's violence, else the armed group the story names as
    the doer of any of it (one, or one named at least twice as often as any other). None when the
    story says no one claimed it. A group named in one sentence only, and the doer of none of the
    story's violence, is only mentioned."""
    lx = actor_lexicon()
    claimed: dict[str, Actor] = {}
    for sent in adoc.doc.sents:
        if claim_denied(sent):
            return None
        got = claimed_group(sent)
        if got is not None and got[0].kind in lx.roles["perpetrator_kinds"]:
            claimed.setdefault(got[0].name, _actor(got, adoc))
    if claimed:
        return next(iter(claimed.values())) if len(claimed) == 1 else None
    named: dict[str, Actor] = {}
    times: Counter[str] = Counter()  # sentences that name the group, and mentions it is the doer of
    iso = adoc.countries[0] if adoc.countries else None
    for sent in adoc.doc.sents:
        found = find_groups(sent) + find_insurgencies(sent, iso)  # "the separatists" of a country's insurgency
        found = [((branch(g.name, iso) or g), a, b) for g, a, b in found]  # IS in Mali: its Sahel province
        here = {got[0].name: got for got in found if got[0].kind in lx.roles["article_doer_kinds"]}
        for name, got in here.items():
            named.setdefault(name, _actor(got, adoc))
            times[name] += 1
    acting: set[str] = set()
    for r in records:
        for m in r.mentions:
            a = m.actor1
            if a is not None and a.text and a.kind in lx.roles["article_doer_kinds"] \
                    and category_of_name(a.name) is None and not about_other_events(m):  # a named group,
                # not "Pro-Government Militia (X)", doing this story's violence (not "similar attacks")
                named.setdefault(a.name, a)
                times[a.name] += 1
                acting.add(a.name)
    # a group named once in passing ("where al-Qaida remains active") is no doer
    times = Counter({k: v for k, v in times.items() if k in acting or v >= 2})
    ranked = times.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return named[ranked[0][0]]


def _open_to_story_doer(r: Unit, a1: Actor | None, story: Actor) -> bool:
    """Whether the record's doer is left to the story: violence of the types the story's doer
    fills, with no doer or unidentified armed men the text does not call unknown."""
    lx = actor_lexicon()
    if not (set(r.sub_event_type()) & lx.roles["article_doer_types"]):
        return False
    if a1 is not None:
        if category_of_name(a1.name) != "unidentified":
            return False
        if _said_unknown(a1):
            return False
    a2 = record_actors(r)[1]
    return a2 is None or a2.name != story.name
