"""Clustering the mentions of one article: which mentions describe the same real-world event.

Used by :mod:`eventwire.events` (assembly). Two passes:

1. within a sentence: mentions of one merge group (taxonomy.yaml: Protests and Riots are one
   demonstration), vague mentions (score < VAGUE, or generic deaths/injuries), mentions one
   absorbs (arrests at a protest) and mentions linked in the parse ("intercepted a drone",
   "airstrikes destroyed homes") form one cluster;
2. across sentences: a cluster joins an earlier one of the same merge group, and a vague cluster
   joins the nearest specific one a few sentences away, when date, place, historical flag and
   modality are compatible.

Then a cluster the text places in several named places ("airstrikes hit A and B") is split into
one cluster per place, and :func:`merge_nested` joins a fragment of the same type and day placed
in a region holding another's town, or only by a dateline or a far-off place, to the one placed
in its own sentence (one event at the most specific place; towns of one level stay apart).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date as Date

from spacy.tokens import Token

from ..record import AnnotatedDoc, Mention, Place
from .lexicon import Lexicon
from .split import split_by_place, token_of

VAGUE = 0.5  # mentions below this score are absorbed by a more specific one nearby
NEAR_SENTENCES = 3  # how far a vague mention may look for the event it belongs to
LINK_ARCS = 2  # parse distance within which two triggers of one sentence describe one event
DATE_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, "unknown": 0}
LEVEL_RANK = {"town": 4, "district": 3, "region": 2, "country": 1}
BACKGROUND_PENALTY = 0.15  # a mention in a "following the clashes" phrase rarely names the event


class Cluster:
    """Mentions believed to describe one event."""

    def __init__(self, mentions: list[Mention], lex: Lexicon, place: Place | None = None,
                 background: set[int] | None = None):
        self.mentions = mentions
        self.lex = lex
        self.place_override = place  # one of several places the text puts this event in
        self.background = background if background is not None else set()  # ids of background mentions
        self.inherit: Mention | None = None  # a lone vague cluster takes the type of this neighbour

    def _absorbed(self) -> set[str]:
        """Sub-types that another event type in this cluster absorbs (arrests at a protest)."""
        tax = self.lex.taxonomy
        harmed = any(m.generic or "fatalities" in m.counts or "injured" in m.counts for m in self.mentions)
        out: set[str] = set()
        for m in self.mentions:
            if harmed and m.event_type not in tax.violent and m.sub_event_type not in tax.violent:
                continue  # a non-violent development never absorbs an event that hurt people
            out.update(tax.absorbs.get(m.event_type, {}))
            out.update(tax.absorbs.get(m.sub_event_type, {}))
        return out

    @property
    def best(self) -> Mention:
        absorbed = self._absorbed()
        pool = [m for m in self.mentions if m.sub_event_type not in absorbed] or self.mentions
        bg = self.background
        return max(pool, key=lambda m: (not m.generic, m.score - BACKGROUND_PENALTY * (id(m) in bg), -m.start))

    def sub_event_type(self) -> tuple[str, str]:
        """(event_type, sub_event_type) of the event, after absorption upgrades."""
        best = self.best
        if self.vague and self.inherit is not None:
            return self.inherit.event_type, self.inherit.sub_event_type
        subs = {m.sub_event_type for m in self.mentions}
        tax = self.lex.taxonomy
        for rule in tax.without_cues:
            if best.sub_event_type == rule["sub"]:
                sentences = " ".join({m.sentence for m in self.mentions})
                if not self.lex.text_has(rule["cues"], sentences):
                    return tax.sub_to_type[rule["becomes"]], rule["becomes"]
        sub = best.sub_event_type
        if sub == tax.upgrade_from.get(best.event_type):
            for absorbed, upgrade in tax.absorbs.get(best.event_type, {}).items():
                if upgrade and absorbed in subs:
                    sub = upgrade
        killed = any((m.counts.get("fatalities") and m.counts["fatalities"].value) for m in self.mentions)
        if killed and sub in tax.if_killed:
            sub = tax.if_killed[sub]
        return tax.sub_to_type[sub], sub

    @property
    def vague(self) -> bool:
        return all(m.generic or m.score < VAGUE for m in self.mentions)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def sents(self) -> set[int]:
        return {m.sent_index for m in self.mentions}

    def date_mention(self) -> Mention | None:
        dated = [m for m in self.mentions if m.date]
        if not dated:
            return None
        return max(dated, key=lambda m: (DATE_RANK.get(m.date_precision, 0), m.time is not None, m.score,
                                         -m.start))

    def place(self) -> Place | None:
        if self.place_override is not None:
            return self.place_override
        pm = self.place_mention()
        return pm.place if pm else None

    def place_mention(self) -> Mention | None:
        placed = [m for m in self.mentions if m.place is not None]
        if not placed:
            return None
        return max(placed, key=lambda m: (LEVEL_RANK.get(m.place.place_level or "", 0), m.score, -m.start))


def _group(m: Mention, lex: Lexicon) -> str:
    return lex.taxonomy.merge_group.get(m.event_type, m.event_type)


def _dates_ok(a: str | None, pa: str, b: str | None, pb: str, explicit: bool = False) -> bool:
    if not a or not b or a == b:
        return True
    if len(a) == 10 and len(b) == 10:
        # a week holds its days; a date taken from the publication day may be a day off the
        # one the text states; two dates both stated in the text must agree
        slack = 7 if "week" in (pa, pb) else 1 if explicit else 2
        try:
            return abs((Date.fromisoformat(a) - Date.fromisoformat(b)).days) < slack
        except ValueError:
            return False
    short, long_ = sorted((a, b), key=len)
    return len(short) < len(long_) and long_.startswith(short)


def _places_ok(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if (a.name or a.text).lower() == (b.name or b.text).lower():
        return True
    for x, y in ((a, b), (b, a)):
        if x.place_level == "country" and x.country and x.country == y.country:
            return True
        # a region or district holds the towns of its first-level division
        if x.place_level in ("region", "district") and x.admin1 and x.admin1 == y.admin1 \
                and x.country == y.country:
            return True
    return False


def _absorbs(c1: Cluster, c2: Cluster, lex: Lexicon, across: bool = False) -> bool:
    """Does one cluster's event type absorb the other's sub-type (arrests at a demonstration)?"""
    a = lex.taxonomy.absorbs
    b1, b2 = c1.best, c2.best

    def takes(x: Mention, y: Mention) -> bool:
        if across and x.sub_event_type in lex.taxonomy.same_sentence_only:
            return False
        return y.sub_event_type in a.get(x.event_type, {}) or y.sub_event_type in a.get(x.sub_event_type, {})

    def harmed(c: Cluster) -> bool:
        return any(m.generic or "fatalities" in m.counts or "injured" in m.counts for m in c.mentions)

    # a non-violent development never absorbs an event in which people were killed or hurt
    violent = lex.taxonomy.violent
    if takes(b1, b2):
        return b1.event_type in violent or b1.sub_event_type in violent or not harmed(c2)
    if takes(b2, b1):
        return b2.event_type in violent or b2.sub_event_type in violent or not harmed(c1)
    return False


def _can_join(c1: Cluster, c2: Cluster, lex: Lexicon) -> bool:
    """May two specific clusters of one merge group be one event across sentences?"""
    s1, s2 = c1.best.sub_event_type, c2.best.sub_event_type
    if s1 == s2:
        return True
    tax = lex.taxonomy
    if s1 in tax.distinct or s2 in tax.distinct:
        return False
    t1, t2 = c1.best.event_type, c2.best.event_type
    return t1 != t2 or tax.merge_subtypes.get(t1, True)


def _same_toll(c1: Cluster, c2: Cluster) -> bool:
    def tolls(c: Cluster) -> set[int]:
        return {m.counts["fatalities"].value for m in c.mentions
                if "fatalities" in m.counts and m.counts["fatalities"].value}

    return bool(tolls(c1) & tolls(c2))


def placed_by_context(m: Mention) -> bool:
    """Was the mention placed by a place outside its own sentence (a dateline, the paragraph)?"""
    locs = [e for e in m.evidence if e.field == "location"]
    return bool(locs) and not any(m.sentence_start <= e.start < m.sentence_end for e in locs)


def _same_day_same_country(c1: Cluster, c2: Cluster) -> bool:
    """Same day, same country, and one of the two placed only by context: the place the other
    states in its sentence is the better one ("arrested 15 people" placed by a far-off city, then
    "the cell was dismantled in Casablanca" -- one raid)."""
    d1, d2 = c1.date_mention(), c2.date_mention()
    if d1 is None or d2 is None or d1.date != d2.date or d1.date_precision != "day":
        return False
    p1, p2 = c1.place(), c2.place()
    if p1 is None or p2 is None or not p1.country or p1.country != p2.country:
        return False
    return any(all(placed_by_context(m) for m in c.mentions if m.place is not None) for c in (c1, c2))


def _compatible(c1: Cluster, c2: Cluster, places: bool = True, context_places: bool = False,
                own_dates: bool = False) -> bool:
    b1, b2 = c1.best, c2.best
    if b1.historical != b2.historical or b1.modality != b2.modality:
        return False
    d1, d2 = c1.date_mention(), c2.date_mention()
    explicit = bool(d1 and d2 and d1.time is not None and d2.time is not None)
    if own_dates:  # a date carried over from the sentences before is not one the text states for it
        explicit = explicit and _own_date(d1) and _own_date(d2)
    if d1 and d2 and not _dates_ok(d1.date, d1.date_precision, d2.date, d2.date_precision, explicit):
        return False
    if not places or _places_ok(c1.place(), c2.place()):
        return True
    return context_places and _same_day_same_country(c1, c2)


def _up(tok: Token, sep: frozenset[str]) -> list[Token]:
    """Heads of ``tok`` up to LINK_ARCS arcs, stopping at a separating preposition."""
    out: list[Token] = []
    t = tok
    while t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.head.i != t.i:
        t = t.head  # "with guns and grenades": a conjoined noun hangs where its first conjunct does
    for _ in range(LINK_ARCS + 1):
        if t.head.i == t.i or (t.dep_ == "prep" and t.lower_ in sep) or t.dep_ == "conj":
            break
        t = t.head
        out.append(t)
        if t.dep_ == "prep" and t.lower_ in sep:
            break
    return out


def _linked(adoc: AnnotatedDoc, a: Mention, b: Mention, lex: Lexicon) -> bool:
    ta, tb = token_of(adoc, a), token_of(adoc, b)
    if ta is None or tb is None:
        return False
    sep = lex.cue_words.get("separating_preps", frozenset())
    up_a, up_b = _up(ta, sep), _up(tb, sep)
    return tb in up_a[:LINK_ARCS] or ta in up_b[:LINK_ARCS]


def _own_date(m: Mention) -> bool:
    return m.time is not None and m.sentence_start <= m.time.start < m.sentence_end


def _own_dates_differ(a: Mention, b: Mention) -> bool:
    """Two mentions of one sentence each dated by their own, different time expressions
    ("captured the town in January and launched an attack on Feb. 19"): two events."""
    if not (_own_date(a) and _own_date(b)) or a.time is b.time:
        return False
    return not _dates_ok(a.date, a.date_precision, b.date, b.date_precision, explicit=True)


def merge_sentence(ms: list[Mention], adoc: AnnotatedDoc, lex: Lexicon, bg: set[int]) -> list[Cluster]:
    clusters = [Cluster([m], lex, background=bg) for m in ms]
    changed = True
    while changed and len(clusters) > 1:
        changed = False
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                ci, cj = clusters[i], clusters[j]
                # a vague word in the sentence of a specific one belongs to it, whatever date
                # or place the other stages gave each ("a 2011 bombing ... killed 17")
                if ci.vague and cj.vague and ci.best.historical != cj.best.historical:
                    join = False  # "Saturday's attack ... where a bomber killed 28 in 2008"
                elif ci.vague or cj.vague:
                    # unless one sits in a background phrase and their dates disagree ("the incident
                    # comes two weeks after the massacre"): two events
                    join = ((id(ci.best) in bg) == (id(cj.best) in bg) or _compatible(ci, cj, places=False)) \
                        and not _own_dates_differ(ci.best, cj.best)
                elif not _compatible(ci, cj):
                    join = False
                elif (id(ci.best) in bg) != (id(cj.best) in bg):
                    join = False  # "missiles ... in retaliation for a gas attack": two events
                else:
                    join = (_group(ci.best, lex) == _group(cj.best, lex) or _absorbs(ci, cj, lex)
                            or any(_linked(adoc, a, b, lex) for a in ci.mentions for b in cj.mentions))
                if join:
                    ci.mentions.extend(cj.mentions)
                    del clusters[j]
                    changed = True
                    break
            if changed:
                break
    return clusters


def _same_named_place(c1: Cluster, c2: Cluster) -> bool:
    """Both placed in the same town or district (not just the same country or region): the
    arson or the arrests of a riot told paragraphs later are still part of it."""
    p1, p2 = c1.place(), c2.place()
    if p1 is None or p2 is None or p1.place_level not in ("town", "district"):
        return False
    if p1.geonameid is not None and p1.geonameid == p2.geonameid:
        return True
    return (p1.name or p1.text).lower() == (p2.name or p2.text).lower()


def _stated_place(c1: Cluster, c2: Cluster) -> Place | None:
    """When two clusters placed apart join (one placed only by context), the place stated in a
    sentence; else None."""
    p1, p2 = c1.place(), c2.place()
    if p1 is None or p2 is None or _places_ok(p1, p2):
        return None
    for a, b in ((c1, c2), (c2, c1)):
        if all(placed_by_context(m) for m in a.mentions if m.place is not None):
            return b.place()
    return None


def _consecutive(e: Cluster, c: Cluster, lex: Lexicon) -> bool:
    """Is ``c`` a non-violent development of ``e``'s sub-type within a sentence or two of it (a
    story told on)? Violence spreads from place to place on one day (riots in several towns):
    only its places decide."""
    return (min(c.sents) - max(e.sents) <= 2 and e.best.sub_event_type == c.best.sub_event_type
            and e.best.event_type not in lex.taxonomy.violent)


def merge_article(clusters: list[Cluster], lex: Lexicon) -> list[Cluster]:
    clusters.sort(key=lambda c: c.first)
    out: list[Cluster] = []
    for c in clusters:
        target = None
        if c.vague:
            near = [e for e in out if not e.vague and min(c.sents) - max(e.sents) <= NEAR_SENTENCES]
            # the same death toll nearby is the same event, wherever the other stages placed it
            same_toll = [e for e in near if _same_toll(e, c) and _compatible(e, c, places=False)]
            placed_elsewhere = [e for e in near if _compatible(e, c, places=False)
                                and e.best.event_type in lex.taxonomy.violent]
            if all(m.generic for m in c.mentions) and all(placed_by_context(m) for m in c.mentions
                                                           if m.place is not None):
                # deaths placed only by the sentences before them: the toll of the event told last
                # ("... after a bomber struck a convoy in B. Six people were killed.")
                told = [e for e in near if _compatible(e, c, places=False, own_dates=True)]
                near = [max(told, key=lambda e: max(m.start for m in e.mentions if m.start < c.first))] \
                    if told else []
            else:
                near = [e for e in near if _compatible(e, c)]
            target = near[-1] if near else (same_toll[-1] if same_toll else None)
            if target is None and placed_elsewhere:
                # "Two more people were killed in the town of B": the same violence, another place
                c.inherit = placed_elsewhere[-1].best
        else:
            same = [e for e in out if not e.vague and (
                (_group(e.best, lex) == _group(c.best, lex) and _can_join(e, c, lex))
                or (_absorbs(e, c, lex, across=True)
                    and (min(c.sents) - max(e.sents) < NEAR_SENTENCES or _same_named_place(e, c))))]
            same = [e for e in same if _compatible(e, c, context_places=_consecutive(e, c, lex))]
            target = same[-1] if same else None
        if target is not None:
            stated = _stated_place(target, c)
            target.mentions.extend(c.mentions)
            target.place_override = stated or target.place_override
        else:
            out.append(c)
    # vague clusters that precede their event ("Five people died on Monday. A bomb ...")
    result: list[Cluster] = []
    for c in out:
        if c.vague:
            counted = any(m.counts for m in c.mentions)  # a counted one joins only the same toll
            later = [e for e in out if e is not c and not e.vague and e.first > c.first
                     and min(e.sents) - max(c.sents) <= NEAR_SENTENCES - 1 and _compatible(e, c)
                     and (not counted or _same_toll(e, c))]
            if later:
                later[0].mentions.extend(c.mentions)
                continue
        result.append(c)
    return result



def _stated(c: Cluster, adoc: AnnotatedDoc) -> bool:
    """Is the cluster placed by a place named in one of its own sentences (not a dateline)?"""
    from ..where.context import note

    return any(m.place is not None and not placed_by_context(m) and not note(m.place, adoc.doc, "dateline")
               for m in c.mentions)


def _fallback(c: Cluster, adoc: AnnotatedDoc) -> bool:
    """Is every place of the cluster a dateline or a place the article names far from its
    sentences (the article's main place, reached when nothing near places the event)?"""
    from ..where.context import LOOKBACK_SENTENCES, note

    placed = [m for m in c.mentions if m.place is not None]
    if not placed:
        return False
    starts = [s.start_char for s in adoc.doc.sents]
    for m in placed:
        if not placed_by_context(m):
            return False
        if note(m.place, adoc.doc, "dateline"):
            continue
        k = bisect_right(starts, m.place.start) - 1
        if 0 <= m.sent_index - k <= LOOKBACK_SENTENCES:
            return False  # placed by the sentences just before it: the story's own place
    return True


def _contains(outer: Place, inner: Place) -> bool:
    """Does ``outer`` (a country, region or district) hold ``inner``, a more specific place? A name
    the gazetteer lacks has only the first-level division of the place that located it: then the
    same country will do."""
    if LEVEL_RANK.get(inner.place_level or "", 0) <= LEVEL_RANK.get(outer.place_level or "", 0):
        return False
    if outer.country and inner.country and outer.country != inner.country:
        return False
    if outer.place_level == "country":
        return True
    if outer.geonameid is None or inner.geonameid is None:
        return bool(outer.country or inner.country)
    return bool(outer.admin1) and outer.admin1 == inner.admin1


def _stands_for(p: Place, t: Cluster) -> bool:
    """May a place reached by fallback give way to ``t``'s: the same country, and ``t`` placed at
    least as precisely."""
    q = t.place()
    return q is not None and p.country == q.country \
        and LEVEL_RANK.get(q.place_level or "", 0) >= LEVEL_RANK.get(p.place_level or "", 0)


def _same_day(c1: Cluster, c2: Cluster) -> bool:
    d1, d2 = c1.date_mention(), c2.date_mention()
    return d1 is not None and d2 is not None and d1.date == d2.date and d1.date_precision == d2.date_precision


def merge_nested(clusters: list[Cluster], adoc: AnnotatedDoc, lex: Lexicon) -> list[Cluster]:
    """One event at the most specific place: a cluster of the same type and day placed in a
    region that holds the town of another ("a bomb in X province ... near the town of Y"), or
    placed only by a dateline or the sentences around it, joins the one cluster placed in its
    own sentence there, which keeps its place. Towns of one level stay apart (riots in several
    cities), and so does a fragment that could join several."""
    out = list(clusters)
    for c in sorted(clusters, key=lambda c: LEVEL_RANK.get((c.place().place_level or "") if c.place() else "", 0)):
        if c.vague or c not in out:
            continue
        p = c.place()
        fallback = _fallback(c, adoc)
        if p is None or (not fallback and p.place_level not in ("region", "district", "country")):
            continue
        targets = [t for t in out if t is not c and not t.vague and _stated(t, adoc) and t.place() is not None
                   and _group(t.best, lex) == _group(c.best, lex) and _can_join(t, c, lex)
                   and (not fallback or _contains(p, t.place()) or t.best.sub_event_type == c.best.sub_event_type)
                   and _same_day(t, c) and _compatible(t, c, places=False)
                   and (_contains(p, t.place()) or (fallback and _stands_for(p, t)))]
        where = {(q.geonameid, (q.name or q.text).lower()) for q in (t.place() for t in targets) if q is not None}
        if len(targets) < 1 or len(where) != 1:
            continue
        t = targets[0] if len(targets) == 1 else min(targets, key=lambda t: t.first)
        t.place_override = t.place()
        t.mentions = t.mentions + c.mentions
        t.background = t.background | c.background
        out.remove(c)
    return out



def background(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> bool:
    """Is the mention inside a temporal/causal phrase ("after the unrest", "in retaliation for")?"""
    return span_in_background(adoc, m.start, m.end, lex)


def span_in_background(adoc: AnnotatedDoc, start: int, end: int, lex: Lexicon) -> bool:
    """Is the text at [start, end) inside a temporal/causal phrase ("after a boy died")?"""
    sep = lex.cue_words.get("separating_preps", frozenset()) - {"for"}
    nouns = lex.cue_words.get("background_nouns", frozenset())
    span = adoc.doc.char_span(start, end, alignment_mode="expand")
    tok = span.root if span is not None else None
    while tok is not None and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in sep:
            return True
        if tok.dep_ == "pobj" and tok.lemma_.lower() in nouns:
            return True
        tok = tok.head
    return False


__all__ = ["Cluster", "background", "merge_article", "merge_nested", "merge_sentence", "span_in_background", "split_by_place",
           "token_of"]
