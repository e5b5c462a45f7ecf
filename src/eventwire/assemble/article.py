"""ACLED's unit of record across an article: one event per day, location and actor pair.

An article reports few events and tells each in several sentences, so the sentence units of an
article merge unless the text gives a reason to keep them apart. Reasons (each judged by
:mod:`eventwire.compare`):

* different days: both dated by the text (a report or publication day only bounds the event's
  day, it never dates or splits an event the text dates otherwise);
* different places, both named in the units' own sentences (two towns, two regions); a place
  taken from the sentences around, the article's main place or a dateline is no reason;
* types that cannot be one event (a bombing and a protest): one event may carry several types
  (an attack on a base that turns into a firefight, the looting of a raid, the arrests at a
  protest: taxonomy.yaml ``absorbs``), and ACLED's precedence then names it;
* a historical or background mention and a new one; mentions of different modality.

The units are taken in three passes, the most specific first:

1. body units with a specific trigger, in text order: each joins the earlier record it can be
   (the one at its own place, else the nearest before it) or starts a record; then records
   that each fit the other merge (the looting told before the riot it was part of), and the
   story's events take their parts (taxonomy.yaml ``in_story``: arrests on a day of protests);
2. vague units (a bare "attack", generic deaths): each joins the nearest record it can be, within
   a few sentences, else the only one it can be; deaths told of another place beside a record of
   violence are an event of their own at that place, of that record's type; the rest wait;
3. headline units: the headline names the article's main event in few words -- its date is the
   body's, and its place may be the better-known town nearby -- so it joins the record it fits.

A unit that fits several records that are apart from each other is a summary of them ("Bandits
kill 7 in attacks on four villages", "the two attacks killed 12"): it is no record, and its
totals are not given to any one of them.
"""

from __future__ import annotations

from .. import compare
from ..record import COUNT_FIELDS
from ..what.lexicon import Lexicon
from .unit import Unit, is_vague, kin, place_source, told_apart

NEAR_SENTENCES = 3  # how far a vague mention may look for the event it belongs to
TOLD = frozenset({"stated", "context"})  # places the story tells (not its dateline or main place)
WEAK_PLACES = frozenset({"article", "dateline", "country"})  # the article's main place, its dateline, its country
OWN_DATES = frozenset({"stated", "paragraph"})  # days the text gives a mention, not the story's


def _types_fit(r: Unit, u: Unit) -> bool:
    """May ``u`` be (a part of) record ``r`` by their types?"""
    if u.vague:
        # a bare "attack" or generic deaths belong to the violence or demonstration told nearby
        # (not a killing whose victims it counts, told apart from a battle: "the killing of six priests")
        return (r.best.event_type in r.lex.taxonomy.violent or r.family == "demonstration" or r.vague
                or (r.best.sub_event_type in r.lex.taxonomy.takes_vague and not u.harmed)) and not told_apart(r, u)
    return kin(r, u)


def _parts_fit(r: Unit, u: Unit, rules: compare.Rules) -> bool:
    """A part of an event of another family (the looting of a raid, the arrests at a protest)
    told in another sentence must be placed with it: the same place, or one holding the other
    (a part placed only by the article's main place or dateline is where the event the story
    places is)."""
    if u.vague or r.family == u.family:
        return True
    if u.where().source in WEAK_PLACES and r.where().source in TOLD:
        return True  # a part placed only by the article's main place or dateline is where the event is
    return compare.where(r.where(), u.where(), rules) in ("same", "near", "inside")


def _date_conflict(r: Unit, u: Unit, rules: compare.Rules) -> int:
    """0: the dates allow one event; 2: two days the text gives them (stated for the event, or
    in its paragraph); 1: days apart, one of them only the story's (from another paragraph)."""
    a, b = r.when(), u.when()
    if compare.when(a, b, rules) != "apart":
        return 0
    return 2 if a.source in OWN_DATES and b.source in OWN_DATES else 1


def _place_conflict(r: Unit, u: Unit, rules: compare.Rules, headline: bool = False) -> int:
    """0: the places allow one event; 2: two places named in the units' own sentences (or other
    countries the story names); 1: places apart, one of them only carried over from the sentences
    around. A dateline, the article's main place or its country never keep events apart; a
    headline may name the better-known town up to ``region_km`` away."""
    a, b = r.where(), u.where()
    rel = compare.where(a, b, rules)
    if rel == "inside" and a.source == b.source == "stated" and "country" in (a.level, b.level) \
            and a.level != b.level:
        return 2  # "protests shut down cities across Haiti" and "in the capital, police fired tear gas":
        # the country told as the extent stands for the places the story does not name
    if rel != "apart":
        return 0
    if a.source not in TOLD or b.source not in TOLD:
        return 0
    if a.country and b.country and a.country != b.country:
        return 2
    if headline:
        d = compare.km(a.lat, a.lon, b.lat, b.lon)
        near = (a.admin1 is not None and a.admin1 == b.admin1) or (d is not None and d <= rules.region_km)
        return 0 if near or a.source != "stated" or b.source != "stated" else 2
    return 2 if a.source == b.source == "stated" else 1


def _background_apart(r: Unit, u: Unit, rules: compare.Rules) -> bool:
    """Did one sentence tell the two apart at two places, one in a background phrase of the other
    ("rockets fired at A in response to a strike on B")? Such a sentence tells of two events
    (at one place, the background is the same fight: "seized the town after overrunning it")."""
    if compare.where(r.where(), u.where(), rules) != "apart":
        return False
    bg = r.background | u.background
    for s in r.sents & u.sents:
        ra = {id(m) in bg for m in r.mentions if m.sent_index == s and not is_vague(m)}
        ua = {id(m) in bg for m in u.mentions if m.sent_index == s and not is_vague(m)}
        if ra and ua and ra.isdisjoint(ua):
            return True
    return False


def _peaceful_apart(r: Unit, u: Unit) -> bool:
    """A march the text says stayed peaceful and a riot told in other sentences are two events."""
    types = {r.best.event_type, u.best.event_type}
    if types != {"Protests", "Riots"} or r.headline or u.headline:
        return False
    protest, riot = (r, u) if r.best.event_type == "Protests" else (u, r)
    return protest.told_peaceful and not riot.told_peaceful


def _fits(r: Unit, u: Unit, rules: compare.Rules) -> bool:
    """May unit ``u`` be the event of record ``r``? Not when their types cannot be one event,
    nor on one strong reason to keep them apart (two stated days, two stated places) or two weak
    ones (a day and a place apart, carried over from the sentences around)."""
    if r.historical != u.historical or r.modality != u.modality:
        return False
    if u.new_story and r.first < u.first and not (u.where().source == "stated" and _same_place(r, u, rules)):
        return False  # "Later in the day, a convoy was struck": another event, unless told at its place
    headline = u.headline and not r.headline
    if _sites_apart(r, u):
        return False
    if not _types_fit(r, u) or _background_apart(r, u, rules) or _peaceful_apart(r, u):
        return False
    if not headline and not _parts_fit(r, u, rules):
        return False
    date = _date_conflict(r, u, rules)
    if headline and date < 2:
        date = 0  # a headline is dated from the body
    return date + _place_conflict(r, u, rules, headline) < 2


def _sites_apart(r: Unit, u: Unit) -> bool:
    """Two attacks told in sentences of their own on sites of different kinds ("the residence was
    the target of an attack" ... "two ambulances were also attacked") are two incidents."""
    return bool(r.sites) and bool(u.sites) and r.sites.isdisjoint(u.sites) and not (r.sents & u.sents) \
        and not r.headline and not u.headline


def _apart(a: Unit, b: Unit, rules: compare.Rules) -> bool:
    """Are two records surely two events (so that a unit fitting both sums them up)?"""
    return not _fits(a, b, rules)


def _same_place(r: Unit, u: Unit, rules: compare.Rules) -> bool:
    return compare.where(r.where(), u.where(), rules) in ("same", "near")


def _choose(records: list[Unit], u: Unit, rules: compare.Rules) -> Unit | None:
    """The record ``u`` joins among those it fits: the one at its own place, else the one of its
    own day, else the nearest before it; None when it fits several that are apart from each other
    (a summary)."""
    fits = [r for r in records if _fits(r, u, rules)]
    if not fits:
        return None
    if u.headline and not u.vague:
        # a headline names its event by its type ("suicide blast"): a record of that sub-type
        # before others it fits (an earlier bombing the body recalls at the headline's place)
        own = u.best.sub_event_type
        fits = [r for r in fits if r.best.sub_event_type == own] or fits
    if len(fits) == 1:
        return fits[0]
    placed = [r for r in fits if _same_place(r, u, rules)]
    if len(placed) == 1:
        return placed[0]
    pool = placed or fits
    dated = [r for r in pool if not _date_conflict(r, u, rules)]
    if len(dated) == 1 and not u.headline:
        return dated[0]  # the one record of its day: a part of it, not a summary of all
    if _summary(pool, u, rules):
        u.summary_of = len(pool)
        return None
    before = [r for r in pool if r.first < u.first]
    return max(before, key=lambda r: max(m.start for m in r.mentions if m.start < u.first)) if before \
        else min(pool, key=lambda r: r.first)


def _summary(pool: list[Unit], u: Unit, rules: compare.Rules) -> bool:
    """Does ``u`` stand for several of the records at once? Only a unit less precise than them
    can: a headline, one placed by context or by a region holding their places."""
    if len(pool) < 2 or not any(_apart(a, b, rules) for i, a in enumerate(pool) for b in pool[i + 1:]):
        return False
    if u.headline and _exceeds(u, pool):
        return False  # "Bomb kills at least four" over two records of one victim each: not their sum
    w = u.where()
    return u.headline or w.source != "stated" or all(
        compare.where(w, r.where(), rules) == "inside" for r in pool)


def _exceeds(u: Unit, pool: list[Unit]) -> bool:
    """Does a toll ``u`` states exceed the sum of the records' own largest ones (so it adds up none
    of them together)?"""
    for f in COUNT_FIELDS:
        told = [m.counts[f].value for m in u.mentions if f in m.counts and m.counts[f].value is not None]
        if not told:
            continue
        own = [max((m.counts[f].value or 0 for m in r.mentions if f in m.counts), default=0) for r in pool]
        if max(told) > sum(own):
            return True
    return False


def _consolidate(records: list[Unit], rules: compare.Rules) -> None:
    """Records that each fit the other are one event, whatever the order the text told their
    parts in (the looting told before the riot it was part of)."""
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(records):
            b = next((b for b in records[i + 1:] if _fits(a, b, rules) and _fits(b, a, rules)), None)
            if b is not None:
                a.absorb(b)
                records.remove(b)
                changed = True
                break


def _in_story(records: list[Unit], lead: set[str], lex: Lexicon, rules: compare.Rules) -> None:
    """A record that the story's events make part of them (taxonomy.yaml ``in_story``: the
    arrests on a day of demonstrations): it joins the one at its place, else it becomes that
    type's event of its own place. Only in a story about that type (its headline or lead names
    it, ``lead``) or told beside such an event (compare.yaml ``story_sentences``)."""
    for typ, subs in lex.taxonomy.in_story.items():
        hosts = [r for r in records if r.best.event_type == typ and not r.vague]
        for r in [r for r in records if r.best.sub_event_type in subs and r not in hosts]:
            same_day = [h for h in hosts if h.historical == r.historical and not _date_conflict(h, r, rules)
                        and (typ in lead or _near(h, r) <= rules["story_sentences"])]
            if not same_day:
                continue
            here = [h for h in same_day if not _place_conflict(h, r, rules)]
            if here:
                min(here, key=lambda h: _near(h, r)).absorb(r)
                records.remove(r)
            else:
                r.retype = subs[r.best.sub_event_type]


def _near(r: Unit, u: Unit) -> int:
    """Sentences between a record and a unit (0 when they share one)."""
    return min(abs(a - b) for a in r.sents for b in u.sents)


def link_units(units: list[Unit], lex: Lexicon, rules: compare.Rules,
               verbal: frozenset[int] = frozenset()) -> list[Unit]:
    """The records of an article from its sentence units (see the module docstring).
    ``verbal``: the ids of the mentions whose trigger is a verb."""
    units = sorted(units, key=lambda u: u.first)
    records: list[Unit] = []
    body = [u for u in units if not u.headline]
    heads = [u for u in units if u.headline]
    # 1. specific body units
    for u in (u for u in body if not u.vague):
        target = _choose(records, u, rules)
        if target is not None:
            target.absorb(u)
        elif not u.summary_of:
            records.append(u)
    _consolidate(records, rules)
    first = min((min(u.sents) for u in body), default=None)
    lead = {m.event_type for u in units if u.headline or first in u.sents for m in u.mentions}
    _in_story(records, lead, lex, rules)
    # 2. vague body units
    waiting: list[Unit] = []
    for u in (u for u in body if u.vague):
        near = [r for r in records if not r.vague and _near(r, u) <= NEAR_SENTENCES and _fits(r, u, rules)]
        if near:
            target = _choose(near, u, rules)
            if target is not None:
                target.absorb(u)
            continue
        far = [r for r in records if not r.vague and _fits(r, u, rules)]
        if len(far) == 1:
            far[0].absorb(u)
            continue
        if far and _summary(far, u, rules):
            continue
        # "Two more people were killed in the town of B": the violence told nearby, another place
        # (so are deeds told by a verb at a place of their own: "Further south in A and B, cars were
        # burned and stores raided")
        counted = any(m.counts for m in u.mentions)
        deeds = u.where().source == "stated" and any(
            id(m) in verbal and place_source(m) == "stated" and not m.generic for m in u.mentions)
        beside = [r for r in records if not r.vague and _near(r, u) <= NEAR_SENTENCES
                  and r.best.event_type in lex.taxonomy.violent and r.historical == u.historical
                  and not _date_conflict(r, u, rules) and (counted or deeds)]
        if beside:
            nearest = min(beside, key=lambda r: _near(r, u))
            if not told_apart(nearest, u):  # (a counted killing of civilians keeps its own type)
                if counted or all(m.generic for m in u.mentions) or nearest.family == "demonstration":
                    # a bare toll takes its neighbour's type; so do deeds told beside a riot (stores raided)
                    u.inherit = nearest.best
                else:
                    u.vague_kept = True  # its own deed words type it
            records.append(u)
        else:
            waiting.append(u)
    # vague units that precede their event ("Five people died on Monday. A bomb ...") or wait alone
    alone: list[Unit] = []
    for u in waiting:
        later = [r for r in records if r.first > u.first and _near(r, u) <= NEAR_SENTENCES - 1 and _fits(r, u, rules)]
        # an event the article tells only in vague words ("the attack", "the assailants", sentence
        # after sentence) is one event: a vague unit joins the vague record of its kind before it
        # (a day apart, even one only bounded by a report, is another event: "On Dec. 26 six were
        # killed in an attack ... two were killed in an attack, the monitor reported on Thursday")
        kind = [r for r in alone if r.family == u.family and _fits(r, u, rules) and not _date_conflict(r, u, rules)]
        if later:
            min(later, key=lambda r: r.first).absorb(u)
        elif kind:
            max(kind, key=lambda r: max(r.sents)).absorb(u)
        else:
            records.append(u)
            alone.append(u)
    # 3. headline units: the specific record they fit, else any record (an event told in vague words)
    for u in heads:
        cands = [r for r in records if not r.vague and _fits(r, u, rules)] or records
        target = _choose(cands, u, rules)
        if target is not None:
            target.absorb(u)
        elif not u.summary_of:
            records.append(u)
    return sorted(records, key=lambda r: r.first)


def rejoin_parts(records: list[Unit], rules: compare.Rules) -> list[Unit]:
    """A part of a split event ("attacks on A and B villages" -> A, B) that another record tells
    at its place ("bombs fell on A's monastery on Tuesday") is that record's event: one record."""
    out: list[Unit] = []
    for u in records:
        if u.place_override is not None:
            same = [r for r in out if r.place_override is None and _same_place(r, u, rules) and _fits(r, u, rules)]
            if same:
                same[0].absorb(u)
                same[0].place_override = u.place_override  # the mentions it takes name the other places too
                continue
        out.append(u)
    for u in list(out):
        if u.place_override is None:
            continue
        later = [r for r in out if r is not u and r.place_override is None and _same_place(r, u, rules)
                 and _fits(r, u, rules)]
        if later:
            later[0].absorb(u)
            later[0].place_override = u.place_override
            out.remove(u)
    return out


def is_specific(u: Unit) -> bool:
    """Does the record say more than that something violent happened (a bare "the attacks")?"""
    return not u.vague or any(m.counts for m in u.mentions) or any(not is_vague(m) for m in u.mentions)
