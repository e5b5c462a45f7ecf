"""A unit: the mentions of an article believed to describe one real-world event.

Its facets (when, where, what, who) are what :mod:`eventwire.compare` compares; they are read off
its mentions by one rule each:

* when: a date the text gives before the day of a report or of publication, then the most
  precise, then one stated for the event before the story's date (another sentence's);
* where: the most specific place stated in one of its own sentences, else the most specific
  place of any mention (the sentences around, the article's main place, the dateline);
* what: the sub-type of highest precedence (taxonomy.yaml ``precedence``) among its specific
  body mentions (a headline types the event only when the body does not), with the upgrades of
  ``absorbs``, ``if_killed`` and ``without_cues``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import compare
from ..compare import BOUND_DATES, When, Where
from ..record import Actor, AnnotatedDoc, Count, Mention, Place
from ..what.actors_names import lexicon as actor_lexicon
from ..what.lexicon import Lexicon

VAGUE = 0.5  # mentions below this score name no event of their own: a specific one nearby absorbs them
BACKGROUND_PENALTY = 0.15  # a mention in a "following the clashes" phrase rarely names the event
DATE_SOURCE_RANK = {"stated": 0, "paragraph": 1, "context": 2, "report_date": 3, "publication_date": 4,
                    "unknown": 5}
DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
LEVEL_RANK = {"town": 0, "district": 1, "region": 2, "country": 3}
_LEVEL_BUCKET = {"town": 0, "district": 0, "region": 1, "country": 2}  # a town and a district are both specific
PLACE_SOURCE_RANK = {"stated": 0, "context": 1, "article": 2, "dateline": 3, "country": 4, "unknown": 5}


def date_source(m: Mention) -> str:
    """How the mention's date was found; a date set without saying how counts as stated."""
    if m.date is None:
        return "unknown"
    return m.date_source if m.date_source != "unknown" else "stated"


def place_source(m: Mention) -> str:
    """How the mention's place was found; a place set without saying how counts as stated."""
    if m.place is None:
        return "unknown"
    return m.place_source if m.place_source != "unknown" else "stated"


@lru_cache(maxsize=4096)
def sentence_words(sentence: str) -> tuple[str, ...]:
    """The lower-case words of a sentence, once per sentence (the unit's cues are read in them)."""
    return tuple(re.findall(r"[\w-]+", sentence.lower()))


def is_vague(m: Mention) -> bool:
    return m.generic or m.score < VAGUE


def where_of(p: Place | None, source: str) -> Where:
    if p is None:
        return Where(None, source="unknown")
    return Where(p.name or p.text, p.geonameid, p.latitude, p.longitude, p.place_level, p.admin1, p.country, source,
                 p.within)


class Unit:
    """Mentions believed to describe one event, with the facets the comparisons read."""

    def __init__(self, mentions: list[Mention], lex: Lexicon, headline_end: int = 0,
                 background: set[int] | None = None, aside: set[int] | None = None):
        self.mentions = mentions
        self.lex = lex
        self.headline_end = headline_end  # characters of the article's headline (0: none)
        self.background = background if background is not None else set()  # ids of background mentions
        # ids of mentions in a phrase of the same time ("a grenade exploded amid clashes"): part
        # of the event, but the context of what is reported, never its name over the main clause
        self.aside = aside if aside is not None else set()
        self.place_override: Place | None = None  # one of several places the text puts this event in
        # the counts of a part split off by place, when the sentence that named the places counted
        # as many people as places ("two supporters were arrested in A and B": one at each)
        self.part_counts: dict[str, Count] = {}
        self.inherit: Mention | None = None  # a lone vague unit takes the type of this neighbour
        self.vague_kept = False  # a vague unit kept as an event of its own (deeds told at their own place)
        self.summary_of: int = 0  # how many events a summary mention ("two attacks") stood for
        self.new_story = False  # its sentence opens a new story ("Later in the day, ...", "Separately, ...")
        self.retype: str | None = None  # the sub-type the story makes it (taxonomy.yaml in_story)
        self.doer: Actor | None = None  # the doer the article names for its events of this type (doers.py)
        self.sites: frozenset[str] = frozenset()  # the kinds of site its attacks are told to hit (a farm, a bus)

    # --- which mentions -------------------------------------------------------------------------

    def in_headline(self, m: Mention) -> bool:
        return m.start < self.headline_end

    @property
    def headline(self) -> bool:
        """Drawn from the headline only (the article's main event in few words)."""
        return all(self.in_headline(m) for m in self.mentions)

    @property
    def body(self) -> list[Mention]:
        return [m for m in self.mentions if not self.in_headline(m)] or self.mentions

    @property
    def vague(self) -> bool:
        return all(is_vague(m) for m in self.mentions)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def sents(self) -> set[int]:
        return {m.sent_index for m in self.mentions}

    @property
    def best(self) -> Mention:
        """The mention that names the event: among the specific body mentions (a headline's only
        when the body has none), the highest score -- unless another sub-type prevails over it
        (:func:`eventwire.compare.prevails`: an attack on a base that turns into a firefight is an
        armed clash; the abductions of a deadly raid are part of the attack)."""
        bg, aside = self.background, self.aside
        pool = sorted(self._typing(), key=lambda m: (-(m.score - BACKGROUND_PENALTY * (id(m) in bg or id(m) in aside)),
                                                     m.start))
        acts = self._one_sided(pool)
        if acts:
            roles = actor_lexicon().roles
            pool = [m for m in pool if m.event_type not in roles["two_sided_armed_types"]] or acts
        best = pool[0]
        harmed = self.harmed or self.went_off
        for m in pool[1:]:
            if id(m) in aside and id(best) not in aside and \
                    self.lex.taxonomy.merge_group.get(m.event_type) != "demonstration":
                # "a grenade exploded amid clashes": the grenade, not the clashes (but people shot
                # during protests are the force used on the protest, as ACLED codes it)
                continue
            if compare.prevails(m.sub_event_type, best.sub_event_type, harmed):
                best = m
        return best

    def _one_sided(self, pool: list[Mention]) -> list[Mention]:
        """The acts against civilians of a unit whose typing mentions tell a battle with no armed
        opponent named ("gunmen attacked a bus ... fighting continued in the area"; actors.yaml
        ``two_sided_armed_types``), or none. ACLED's battles are fought between two organised armed
        sides: with only civilians on the other side, the record is the one-sided act it tells."""
        roles = actor_lexicon().roles
        armed = roles["armed_kinds"]
        if not any(m.event_type in roles["two_sided_armed_types"] for m in pool):
            return []
        # acts told with a word of their own (not a bare death word) whose target is civilians
        acts = sorted((m for m in self.mentions if m.event_type in roles["one_sided_types"] and not m.generic
                       and m.actor2 is not None and m.actor2.kind == "civilians" and id(m) not in self.background),
                      key=lambda m: (-m.score, m.start))
        if not acts:
            return []
        for m in self.mentions:
            a1, a2 = m.actor1, m.actor2
            if a2 is not None and a2.text and (a2.kind in armed or a2.kind == "unidentified") \
                    and (a1 is None or a1.name != a2.name):
                return []  # "guerrillas attacked the army post", "clashed with troops"
            if a1 is not None and a1.text and a1.kind == "state":
                # the forces' own operation told with fighting words ("police stormed the slum ... the
                # fighting"): it met the armed men it targeted, however the text names them ("traffickers")
                return []
        return acts

    def _typing(self) -> list[Mention]:
        """The mentions whose sub-types compete to name the event."""
        body = [m for m in self.mentions if not self.in_headline(m)]
        for pool in (body, self.mentions):
            specific = [m for m in pool if not is_vague(m) and id(m) not in self.background]
            if specific:
                return specific
        for pool in (body, self.mentions):
            specific = [m for m in pool if not is_vague(m)]
            if specific:
                return specific
        # only vague words: a doer word ("gunmen") names the event unless a death or injury word
        # says more by whom it was suffered ("gunmen killed four soldiers": an armed clash)
        named = [m for m in self.mentions if not m.generic]
        if named and all(self.lex.in_list("doer_nouns", m.trigger.lower()) for m in named):
            subs = {m.sub_event_type for m in named}
            named += [m for m in self.mentions if m.generic and any(compare.prevails(m.sub_event_type, s) for s in subs)]
        return named or self.mentions

    @property
    def went_off(self) -> bool:
        """Did a weapon go off ("the bomb exploded"), told in a mention of an explosion?"""
        return any(m.event_type in self.lex.taxonomy.violent and id(m) not in self.background
                   and self.lex.in_list("went_off_words", m.trigger.lower()) for m in self.mentions)

    @property
    def harmed(self) -> bool:
        """Were people killed or hurt (a count of them that is not zero: "no one was hurt" is no harm)?"""
        def hurt(m: Mention) -> bool:
            return any(f in m.counts and m.counts[f].value != 0 for f in ("fatalities", "injured"))

        return any((m.generic and not any(f in m.counts for f in ("fatalities", "injured"))) or hurt(m)
                   for m in self.mentions)

    @property
    def historical(self) -> bool:
        """Background, by the mention that dates the event (its date decides), else by the one
        that names it."""
        dm = self.date_mention()
        return (dm or self.best).historical

    @property
    def modality(self) -> str:
        return self.best.modality

    # --- what -----------------------------------------------------------------------------------

    def sub_event_type(self) -> tuple[str, str]:
        """(event_type, sub_event_type) of the event, after ACLED's precedence and the upgrades."""
        tax = self.lex.taxonomy
        if self.retype is not None:
            return tax.sub_to_type[self.retype], self.retype
        if self.vague and self.inherit is not None:
            return self.inherit.event_type, self.inherit.sub_event_type
        best = self.best
        sub = best.sub_event_type
        for rule in tax.without_cues:
            if sub == rule["sub"]:
                sentences = " ".join({m.sentence for m in self.mentions})
                if not self.lex.text_has(rule["cues"], sentences):
                    sub = rule["becomes"]
        # only a specific mention upgrades the event: a bare "police violence" on the protesters'
        # placards, or a prisoner's death they protest, is no force used on them
        subs = {m.sub_event_type for m in self.mentions if not is_vague(m)}
        for absorbed, upgrade in tax.absorbs.get(best.event_type, {}).items():
            # a peaceful protest with arrests is an intervention; with demonstrators shot, excessive force
            if upgrade and absorbed in subs and compare.prevails(upgrade, sub):
                sub = upgrade
        accident = self.lex.cue_words.get("accident_words", frozenset())
        killed = any(m.counts.get("fatalities") and m.counts["fatalities"].value
                     and not accident.intersection(sentence_words(m.sentence)) for m in self.mentions)
        if killed and sub in tax.if_killed:
            sub = tax.if_killed[sub]
        return tax.sub_to_type[sub], sub

    @property
    def told_peaceful(self) -> bool:
        """Does a sentence of the unit say its demonstration stayed peaceful ("the march was largely
        peaceful")?"""
        words = self.lex.cue_words.get("peaceful_words", frozenset())
        copulas = self.lex.cue_words.get("peaceful_copulas", frozenset())
        for m in self.mentions:
            toks = sentence_words(m.sentence)
            for k, w in enumerate(toks):
                # "was peaceful", "remained largely peaceful"
                if w in words and (k >= 1 and toks[k - 1] in copulas or k >= 2 and toks[k - 2] in copulas):
                    return True
        return False

    @property
    def family(self) -> str:
        return self.lex.taxonomy.merge_group.get(self.best.event_type, self.best.event_type)

    # --- when -----------------------------------------------------------------------------------

    def date_mention(self) -> Mention | None:
        dated = [m for m in self.mentions if m.date]
        if not dated:
            return None
        # a date the text gives (for the event, or the story's) before the day of a report or of
        # publication; then the most precise; then one stated for the event before the story's.
        # A headline's date is the one the body gives the same word, maybe for another event of the
        # story ("help army regain control" dated by a later "regain control of X last week"): when
        # none of the body's mentions in the record has that day, it only bounds the day as they do.
        body = {m.date for m in dated if not self.in_headline(m)}

        def borrowed(m: Mention) -> bool:
            return bool(body) and self.in_headline(m) and date_source(m) == "context" and m.date not in body

        return min(dated, key=lambda m: (date_source(m) in BOUND_DATES or borrowed(m), DATE_RANK.get(m.date_precision, 4),
                                         DATE_SOURCE_RANK.get(date_source(m), 5), self.in_headline(m),
                                         -m.score, m.start))

    def when(self) -> When:
        dm = self.date_mention()
        if dm is None:
            return When(None, None, "unknown", "unknown")
        return When.of(dm.date, dm.date_precision, date_source(dm))

    # --- where ----------------------------------------------------------------------------------

    def place_mention(self) -> Mention | None:
        """The mention placed best: a town or district before a region before a country; at
        one of these levels a place named in the mention's own sentence before one taken from
        around it, and the body before the headline."""
        placed = [m for m in self.mentions if m.place is not None]
        if not placed:
            return None
        gids = {m.place.geonameid for m in placed if m.place.geonameid is not None}
        # a name the gazetteer lacks that the text puts in another of the unit's places is inside it
        return min(placed, key=lambda m: (_LEVEL_BUCKET.get(m.place.place_level or "", 3),
                                          m.place.within is None or m.place.within not in gids,
                                          PLACE_SOURCE_RANK.get(place_source(m), 5), self.in_headline(m),
                                          LEVEL_RANK.get(m.place.place_level or "", 4), -m.score, m.start))

    def place(self) -> Place | None:
        if self.place_override is not None:
            return self.place_override
        pm = self.place_mention()
        return pm.place if pm else None

    def where(self) -> Where:
        if self.place_override is not None:
            return where_of(self.place_override, "stated")
        pm = self.place_mention()
        return where_of(pm.place, place_source(pm)) if pm is not None else Where(None, source="unknown")

    def absorb(self, other: Unit) -> None:
        """Take ``other``'s mentions (and what it knew) into this unit."""
        self.mentions = self.mentions + other.mentions
        self.background = self.background | other.background
        self.sites = self.sites | other.sites

    def stated_place(self, adoc: AnnotatedDoc) -> bool:
        """Is the unit placed by a place named in one of its own body sentences?"""
        return any(m.place is not None and place_source(m) == "stated" and not self.in_headline(m)
                   for m in self.mentions)


def takes(x: Unit, y: Unit) -> bool:
    """May ``x`` take ``y`` as a part (taxonomy.yaml ``absorbs``)? A non-violent development
    never takes an event in which people were killed or hurt, unless taking it makes the event a
    violent one (demonstrators shot: excessive force against protesters)."""
    a, b = x.best.sub_event_type, y.best.sub_event_type
    if not compare.absorbs(a, b):
        return False
    tax = x.lex.taxonomy
    if x.best.event_type in tax.violent or a in tax.violent or not y.harmed:
        return True
    upgrade = tax.absorbs.get(a, {}).get(b) or tax.absorbs.get(x.best.event_type, {}).get(b)
    return upgrade is not None and upgrade in tax.violent


def kin(a: Unit, b: Unit) -> bool:
    """May two units be one event by their types: the same sub-type, one family, or one takes
    the other as a part?"""
    rel = compare.what(a.best.sub_event_type, b.best.sub_event_type)
    if rel in ("same", "family"):
        return True
    if rel == "absorbs" and (_shot(a, b) or _shot(b, a)):
        return False  # "a bomb hit a patrol ... a man was later shot dead": a shooting is no part of a blast
    if rel == "absorbs" and (told_apart(a, b) or told_apart(b, a)):
        return False
    return rel == "absorbs" and (takes(a, b) or takes(b, a))


def told_apart(x: Unit, y: Unit) -> bool:
    """Is ``y`` a part ``x`` takes only in its own sentences (taxonomy.yaml ``own_sentence``), told in
    other sentences by a word of its own that counts its civilian victims ("the killing of six
    priests")? A bare death word ("a civilian died"), an uncounted "the attack" or soldiers "hurt
    in the attack" stay a part of ``x``."""
    subs = x.lex.taxonomy.own_sentence.get(x.best.event_type, frozenset())
    if y.best.sub_event_type not in subs or y.best.event_type == x.best.event_type or x.sents & y.sents:
        return False
    if y.sites and x.sites.isdisjoint(y.sites) and _sides_named(x) and any(
            not m.generic and m.sub_event_type in subs and id(m) not in y.background
            and (m.actor2 is None or m.actor2.kind == "civilians") for m in y.mentions):
        return True  # "guerrillas attacked the farm" beside "a patrol clashed with a rebel column"
    return any(not m.generic and m.sub_event_type in subs and id(m) not in y.background
               and m.actor2 is not None and m.actor2.kind == "civilians" and y.lex.in_list("killing_words", m.trigger.lower())
               and any(m.counts.get(f) and m.counts[f].value for f in ("fatalities", "injured"))
               for m in y.mentions)


def _sides_named(x: Unit) -> bool:
    """Does a mention of ``x`` name both sides of a fight, the other one no civilians ("a patrol
    clashed with a rebel column"), not a bare "exchange of fire"?"""
    return any(m.actor1 is not None and m.actor1.text and m.actor2 is not None and m.actor2.text
               and m.actor2.kind != "civilians" for m in x.mentions)


def _shot(x: Unit, y: Unit) -> bool:
    """Is ``x`` an explosion and ``y`` told only as a shooting or a stabbing (what/context.yaml
    ``hand_attack_words``) that came after it?"""
    if x.best.event_type != "Explosions/Remote violence" or y.best.event_type == x.best.event_type:
        return False
    told = [m for m in y.mentions if not m.generic]
    return bool(told) and all(y.lex.in_list("hand_attack_words", m.trigger.lower()) for m in told) \
        and any(_told_later(m, y.lex) for m in told)


def _told_later(m: Mention, lex: Lexicon) -> bool:
    """Does the mention's sentence say it came after ("a man was later shot dead")? (what/context.yaml
    ``succession_words``; the gunfire of one raid with its bombs is told without.)"""
    words = m.sentence.lower().split()
    return any(lex.in_list("succession_words", w.strip(",.")) for w in words)
