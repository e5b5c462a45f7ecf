"""Assembly: merge the mentions of one article into events, fill each Event, order them.

    assemble(mentions, adoc, keep_unasserted=False) -> list[Event]

Mentions of the same real-world event are merged in two passes:

1. within a sentence: mentions of one merge group (taxonomy.yaml: Protests and Riots are one
   demonstration), vague mentions (score < VAGUE, or generic deaths/injuries), and mentions linked
   in the parse ("intercepted a drone", "airstrikes destroyed homes") form one event;
2. across sentences: a cluster joins an earlier one of the same merge group, and a vague cluster
   joins the nearest specific one a few sentences away, when date, place, historical flag and
   modality are compatible.

The highest-scoring mention names the sub-type; counts are voted per field; the main event (the
one the article is about) comes first, the rest in text order.
"""

from __future__ import annotations

from collections import Counter
from datetime import date as Date

from spacy.tokens import Token

from .record import AnnotatedDoc, Count, Event, Evidence, Mention, Place, make_event_id
from .what.lexicon import Lexicon, load_lexicon

VAGUE = 0.5  # mentions below this score are absorbed by a more specific one nearby
NEAR_SENTENCES = 3  # how far a vague mention may look for the event it belongs to
LINK_ARCS = 2  # parse distance within which two triggers of one sentence describe one event
DATE_RANK = {"day": 4, "week": 3, "month": 2, "year": 1, "unknown": 0}
LEVEL_RANK = {"town": 4, "district": 3, "region": 2, "country": 1}
PEACEFUL = "Peaceful protest"
STRATEGIC = "Strategic developments"


class Cluster:
    """Mentions believed to describe one event."""

    def __init__(self, mentions: list[Mention], lex: Lexicon):
        self.mentions = mentions
        self.lex = lex

    def _absorbed(self) -> set[str]:
        """Sub-types that another event type in this cluster absorbs (arrests at a protest)."""
        keys = {m.event_type for m in self.mentions} | {m.sub_event_type for m in self.mentions}
        out: set[str] = set()
        for k in keys:
            out.update(self.lex.taxonomy.absorbs.get(k, {}))
        return out

    @property
    def best(self) -> Mention:
        absorbed = self._absorbed()
        pool = [m for m in self.mentions if m.sub_event_type not in absorbed] or self.mentions
        return max(pool, key=lambda m: (not m.generic, m.score, -m.start))

    def sub_event_type(self) -> tuple[str, str]:
        """(event_type, sub_event_type) of the event, after absorption upgrades."""
        best = self.best
        subs = {m.sub_event_type for m in self.mentions}
        tax = self.lex.taxonomy
        for rule in tax.without_cues:
            if best.sub_event_type == rule["sub"]:
                sentences = " ".join({m.sentence for m in self.mentions})
                if not self.lex.text_has(rule["cues"], sentences):
                    return tax.sub_to_type[rule["becomes"]], rule["becomes"]
        if best.sub_event_type == PEACEFUL:
            for absorbed, upgrade in self.lex.taxonomy.absorbs.get(best.event_type, {}).items():
                if upgrade and absorbed in subs:
                    return self.lex.taxonomy.sub_to_type[upgrade], upgrade
        return best.event_type, best.sub_event_type

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
        return max(dated, key=lambda m: (DATE_RANK.get(m.date_precision, 0), m.score, -m.start))

    def place(self) -> Place | None:
        pm = self.place_mention()
        return pm.place if pm else None

    def place_mention(self) -> Mention | None:
        placed = [m for m in self.mentions if m.place is not None]
        if not placed:
            return None
        return max(placed, key=lambda m: (LEVEL_RANK.get(m.place.place_level or "", 0), m.score, -m.start))


def _group(m: Mention, lex: Lexicon) -> str:
    return lex.taxonomy.merge_group.get(m.event_type, m.event_type)


def _dates_ok(a: str | None, pa: str, b: str | None, pb: str) -> bool:
    if not a or not b or a == b:
        return True
    if len(a) == 10 and len(b) == 10:  # a day or a week: a day apart is one report's slack
        slack = 7 if "week" in (pa, pb) else 2
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
        if x.place_level == "region" and x.admin1 and x.admin1 == y.admin1 and x.country == y.country:
            return True
    return False


def _absorbs(c1: Cluster, c2: Cluster, lex: Lexicon) -> bool:
    """Does one cluster's event type absorb the other's sub-type (arrests at a demonstration)?"""
    a = lex.taxonomy.absorbs
    b1, b2 = c1.best, c2.best

    def takes(x: Mention, y: Mention) -> bool:
        return y.sub_event_type in a.get(x.event_type, {}) or y.sub_event_type in a.get(x.sub_event_type, {})

    def harmed(c: Cluster) -> bool:
        return any(f in m.counts for m in c.mentions for f in ("fatalities", "injured"))

    # a strategic development never absorbs an event in which people were killed or hurt
    if takes(b1, b2):
        return not (b1.event_type == STRATEGIC and harmed(c2))
    if takes(b2, b1):
        return not (b2.event_type == STRATEGIC and harmed(c1))
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


def _compatible(c1: Cluster, c2: Cluster) -> bool:
    b1, b2 = c1.best, c2.best
    if b1.historical != b2.historical or b1.modality != b2.modality:
        return False
    d1, d2 = c1.date_mention(), c2.date_mention()
    if d1 and d2 and not _dates_ok(d1.date, d1.date_precision, d2.date, d2.date_precision):
        return False
    return _places_ok(c1.place(), c2.place())


def _token(adoc: AnnotatedDoc, m: Mention) -> Token | None:
    span = adoc.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None else None


def _up(tok: Token, sep: frozenset[str]) -> list[Token]:
    """Heads of ``tok`` up to LINK_ARCS arcs, stopping at a separating preposition."""
    out: list[Token] = []
    t = tok
    for _ in range(LINK_ARCS + 1):
        if t.head.i == t.i or (t.dep_ == "prep" and t.lower_ in sep) or t.dep_ == "conj":
            break
        t = t.head
        out.append(t)
        if t.dep_ == "prep" and t.lower_ in sep:
            break
    return out


def _linked(adoc: AnnotatedDoc, a: Mention, b: Mention, lex: Lexicon) -> bool:
    ta, tb = _token(adoc, a), _token(adoc, b)
    if ta is None or tb is None:
        return False
    sep = lex.cue_words.get("separating_preps", frozenset())
    up_a, up_b = _up(ta, sep), _up(tb, sep)
    return tb in up_a[:LINK_ARCS] or ta in up_b[:LINK_ARCS]


def _merge_sentence(ms: list[Mention], adoc: AnnotatedDoc, lex: Lexicon) -> list[Cluster]:
    clusters = [Cluster([m], lex) for m in ms]
    changed = True
    while changed and len(clusters) > 1:
        changed = False
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                ci, cj = clusters[i], clusters[j]
                # a vague word in the sentence of a specific one belongs to it, whatever date
                # or place the other stages gave each ("a 2011 bombing ... killed 17")
                if ci.vague or cj.vague:
                    join = True
                elif not _compatible(ci, cj):
                    join = False
                elif _background(adoc, ci.best, lex) != _background(adoc, cj.best, lex):
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


def _merge_article(clusters: list[Cluster], lex: Lexicon) -> list[Cluster]:
    clusters.sort(key=lambda c: c.first)
    out: list[Cluster] = []
    for c in clusters:
        target = None
        if c.vague:
            near = [e for e in out if not e.vague and min(c.sents) - max(e.sents) <= NEAR_SENTENCES]
            near = [e for e in near if _compatible(e, c)]
            target = near[-1] if near else None
        else:
            same = [e for e in out if not e.vague and (
                (_group(e.best, lex) == _group(c.best, lex) and _can_join(e, c, lex))
                or (_absorbs(e, c, lex) and min(c.sents) - max(e.sents) < NEAR_SENTENCES))]
            same = [e for e in same if _compatible(e, c)]
            target = same[-1] if same else None
        if target is not None:
            target.mentions.extend(c.mentions)
        else:
            out.append(c)
    # vague clusters that precede their event ("Five people died on Monday. A bomb ...")
    result: list[Cluster] = []
    for c in out:
        if c.vague:
            later = [e for e in out if e is not c and not e.vague and e.first > c.first
                     and min(e.sents) - max(c.sents) <= NEAR_SENTENCES - 1 and _compatible(e, c)]
            if later:
                later[0].mentions.extend(c.mentions)
                continue
        result.append(c)
    return result


def _vote(counts: list[Count]) -> Count | None:
    """The best-supported count of one field: most distinct spans stating it, then the larger."""
    seen: dict[tuple[int, int], Count] = {}
    for c in counts:
        seen.setdefault((c.start, c.end), c)
    if not seen:
        return None
    values = Counter(c.value for c in seen.values() if c.value is not None)
    if not values:
        return next(iter(seen.values()))
    best_value = max(values, key=lambda v: (values[v], v))
    return next(c for c in seen.values() if c.value == best_value)


def _qualifier(c: Count | None) -> str | None:
    if c is None or c.qualifier == "exact":
        return None
    return c.qualifier


def _evidence(c: Cluster) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[tuple[str, int, int]] = set()
    for m in sorted(c.mentions, key=lambda m: (m is not c.best, m.start)):
        for e in m.evidence:
            key = (e.field, e.start, e.end)
            if key not in seen:
                seen.add(key)
                out.append(e)
    return out


def _actors(c: Cluster) -> tuple[str | None, str | None]:
    ranked = sorted(c.mentions, key=lambda m: (m is not c.best, -m.score, m.start))
    a1 = next((m.actor1.name for m in ranked if m.actor1 is not None), None)
    a2 = next((m.actor2.name for m in ranked if m.actor2 is not None and m.actor2.name != a1), None)
    return a1, a2


def _to_event(c: Cluster, adoc: AnnotatedDoc) -> Event:
    art = adoc.article
    best = c.best
    event_type, sub_event_type = c.sub_event_type()
    dm = c.date_mention()
    pm = c.place_mention()
    place = pm.place if pm else None
    counts = {f: _vote([m.counts[f] for m in c.mentions if f in m.counts])
              for f in ("fatalities", "injured", "arrested")}
    main_field = "arrested" if sub_event_type == "Arrests" else next(
        (f for f in ("fatalities", "injured", "arrested") if counts[f] is not None), None)
    a1, a2 = _actors(c)
    country = place.country if place and place.country else (adoc.countries[0] if adoc.countries else None)
    names: list[str] = []
    if place is not None:
        for n in [place.name, *place.alt_names]:
            if n and n not in names:
                names.append(n)
    confidence = min(1.0, 0.6 * best.score + 0.1 * min(3, len(c.mentions) - 1) / 3
                     + 0.1 * (place is not None) + 0.1 * (dm is not None) + 0.1 * any(counts.values()))
    location = (place.text or place.name) if place else None
    return Event(
        event_id=make_event_id(art.id, event_type, sub_event_type, dm.date if dm else None,
                               location, best.start),
        article_id=art.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=dm.date if dm else None,
        date_precision=dm.date_precision if dm else "unknown",
        historical=best.historical,
        country=country,
        admin1=place.admin1 if place else None,
        location=location,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geonameid=place.geonameid if place else None,
        place_level=place.place_level if place else None,
        geo_precision=pm.geo_precision if pm else None,
        actor1=a1,
        actor2=a2,
        fatalities=counts["fatalities"].value if counts["fatalities"] else None,
        fatalities_qualifier=counts["fatalities"].qualifier if counts["fatalities"] else None,
        injured=counts["injured"].value if counts["injured"] else None,
        injured_qualifier=counts["injured"].qualifier if counts["injured"] else None,
        arrested=counts["arrested"].value if counts["arrested"] else None,
        arrested_qualifier=counts["arrested"].qualifier if counts["arrested"] else None,
        count_qualifier=_qualifier(counts[main_field]) if main_field else None,
        confidence=round(confidence, 3),
        evidence=_evidence(c),
        modality=best.modality,
        date_note=dm.date_note if dm else None,
        location_names=names,
        title=art.title,
        url=art.url,
        published=art.published.isoformat() if art.published else None,
        source=art.source,
    )


def _background(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> bool:
    """Is the mention inside a temporal/causal phrase ("after the unrest", "in retaliation for")?"""
    sep = lex.cue_words.get("separating_preps", frozenset()) - {"of", "for"}
    nouns = lex.cue_words.get("background_nouns", frozenset())
    tok = _token(adoc, m)
    while tok is not None and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in sep:
            return True
        if tok.dep_ == "pobj" and tok.lemma_.lower() in nouns:
            return True
        tok = tok.head
    return False


def _salience(c: Cluster, adoc: AnnotatedDoc) -> float:
    """How much the article is about this event (the main event has the highest)."""
    best = c.best
    s_bg = -0.8 if all(_background(adoc, m, c.lex) for m in c.mentions) else 0.0
    title = (adoc.article.title or "").lower()
    text = adoc.article.text
    s = best.score + 0.15 * min(len(c.mentions), 4) + s_bg
    in_title = False
    if title:
        title_at_top = text.lstrip().lower().startswith(title[:40])
        for m in c.mentions:
            if (title_at_top and m.start < len(title)) or m.trigger.lower() in title:
                in_title = True
    first_sent = min(c.sents)
    s += 1.5 * in_title + (1.0 if first_sent == 0 else 0.6 if first_sent <= 2 else 0.0)
    s += 0.4 * any(m.counts for m in c.mentions)
    if best.historical:
        s -= 5
    if best.modality != "asserted":
        s -= 3
    if c.vague:
        s -= 1
    return s


def assemble(mentions: list[Mention], adoc: AnnotatedDoc, keep_unasserted: bool = False) -> list[Event]:
    """Merge an article's mentions into events; the main event first, then the rest in text order.

    Unasserted mentions (negated, hypothetical, planned, threatened, denied) are dropped unless
    ``keep_unasserted``, in which case they form events of their own with that modality.
    Historical events are kept with ``historical=True``.
    """
    lex = load_lexicon()
    kept = [m for m in mentions if keep_unasserted or m.modality == "asserted"]
    if not kept:
        return []
    by_sent: dict[int, list[Mention]] = {}
    for m in sorted(kept, key=lambda m: m.start):
        by_sent.setdefault(m.sent_index, []).append(m)
    clusters: list[Cluster] = []
    for ms in by_sent.values():
        clusters.extend(_merge_sentence(ms, adoc, lex))
    clusters = _merge_article(clusters, lex)
    # a lone vague mention with nothing counted is not an event ("the attacks", "the violence"),
    # unless the article says nothing more specific: then its most salient one is the event
    specific = [c for c in clusters if not c.vague or any(m.counts for m in c.mentions)]
    if not specific:
        vague = [c for c in clusters if not c.best.historical]
        specific = [max(vague, key=lambda c: (_salience(c, adoc), -c.first))] if vague else []
    clusters = specific
    if not clusters:
        return []
    clusters.sort(key=lambda c: c.first)
    main = max(clusters, key=lambda c: (_salience(c, adoc), -c.first))
    ordered = [main] + [c for c in clusters if c is not main]
    return [_to_event(c, adoc) for c in ordered]
