"""One event per place: a cluster the text places in several named places ("airstrikes hit A
and B") becomes one cluster per place. Used by :mod:`eventwire.events` through cluster.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..record import AnnotatedDoc, Mention, Place
from .lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from .cluster import Cluster


def token_of(adoc: AnnotatedDoc, m: Mention) -> Token | None:
    span = adoc.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None else None


def _trigger_places(adoc: AnnotatedDoc, m: Mention, lex: Lexicon) -> list[Place]:
    """Places the parse attaches to the trigger itself: "in A and B", "hit A and B" (conjoined)."""
    tok = token_of(adoc, m)
    if tok is None:
        return []
    by_char = {p.start: p for p in adoc.places if p.role == "place" and m.sentence_start <= p.start < m.sentence_end}
    if len(by_char) < 2:
        return []
    heads = [tok]
    if tok.pos_ not in ("VERB", "AUX") and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        heads.append(tok.head)
    objs = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and lex.in_list("location_preps", c.lower_):
                objs.extend(p for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "dobj" and lex.in_list("hit_verbs", h.lemma_.lower()):
                objs.append(c)
    found: list[Place] = []
    for o in objs:
        nouns = [o, *o.conjuncts]
        nouns += [p for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in (c, *c.children) if p.dep_ == "pobj"]
        nouns += [x for n in list(nouns) for x in n.conjuncts]
        for n in nouns:
            for p in by_char.values():
                if not p.start <= n.idx < p.end or p in found:
                    continue
                if not any(q.geonameid is not None and q.geonameid == p.geonameid for q in found):
                    found.append(p)
    return found


def split_by_place(c: Cluster, adoc: AnnotatedDoc) -> list[Cluster]:
    """One event per place when the text places the event in each ("airstrikes hit A and B")."""
    places = _trigger_places(adoc, c.best, c.lex)
    if len(places) < 2:
        return [c]
    parts = [type(c)(c.mentions, c.lex, p, c.background) for p in places]
    for part in parts:
        part.inherit = c.inherit
    return parts
