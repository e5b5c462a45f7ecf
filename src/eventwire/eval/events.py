"""Scoring whole event records against dev-gold articles (the ``events`` gold format).

Matching, per article (the project's scoring spec, shared with its reference tooling):

* a system event matches a gold event when ``event_type`` and ``country`` agree and the dates agree
  at the coarser of the two precisions (one day of slack at day precision);
* gold events are taken in order; each takes the best-scoring unused matching system event
  (:func:`pair_score`; among equal scores the one listed last);
* a matched pair is compared field by field: sub-type, exact date, location, the three counts
  (only where the gold states one) and actor1 (:func:`actor_match`: the same generic kind and
  country, or a shared distinctive word of a named group);
* a system event (not flagged historical) that matches no gold event is a false positive, and
  so is a second record of an already matched gold event (ACLED codes one event per day, place
  and actor pair: a duplicate is an error); one that matches only an optional event is neutral;
* a gold historical event "leaks" when a new system event matches it and is "flagged" when a
  system event marked historical does;
* on a negative article (no gold events, no historical ones) every new system event is counted
  as a negative false event (as well as a false positive).

This is version 2 of the scoring spec (2026-12); version 1 left duplicates neutral and took
any shared word of actor1 as a match.

Precision of a date is read from the date string itself ("2017-03-17" day, "2017-03" month,
"2017" year); ``date_precision`` fields are not consulted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from .metrics import prf

FIELDS = ("sub_event_type", "date", "location", "fatalities", "injured", "arrested", "actor1")

# spellings of one place that string similarity alone does not join
LOCATION_ALIASES = {
    "tangiers": "tangier",
    "marrakech": "marrakesh",
    "deir ezzor": "deir ez zor",
    "raqqah": "raqqa",
    "ar raqqah": "raqqa",
    "al raqqah": "raqqa",
}

Record = dict[str, Any]


def norm(value: object) -> str:
    """Lower-case ASCII words: accents dropped, punctuation turned into single spaces."""
    if not value:
        return ""
    s = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def parse_date(value: object) -> tuple[date | None, str | None]:
    """``"2017-03-17"`` -> (date, "day"); ``"2017-03"`` -> month; ``"2017"`` -> year; else (None, None)."""
    if not value:
        return None, None
    s = str(value)[:10]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            y, m, d = map(int, s.split("-"))
            return date(y, m, d), "day"
        if re.fullmatch(r"\d{4}-\d{2}", s):
            y, m = map(int, s.split("-"))
            return date(y, m, 1), "month"
        if re.fullmatch(r"\d{4}", s):
            return date(int(s), 1, 1), "year"
    except ValueError:
        return None, None
    return None, None


def dates_compatible(g: Record, s: Record, slack_days: int = 1) -> bool:
    """Dates agree at the coarser of the two precisions (``slack_days`` of slack at day precision)."""
    gd, gp = parse_date(g.get("date"))
    sd, sp = parse_date(s.get("date"))
    if gd is None or sd is None:
        return False
    if "year" in (gp, sp):
        return gd.year == sd.year
    if "month" in (gp, sp):
        return (gd.year, gd.month) == (sd.year, sd.month)
    return abs((gd - sd).days) <= slack_days


def date_exact(g: Record, s: Record) -> bool:
    """The system date is right at the gold's precision (a day needs the very day)."""
    gd, gp = parse_date(g.get("date"))
    sd, sp = parse_date(s.get("date"))
    if gd is None or sd is None:
        return False
    if gp == "day":
        return sp == "day" and gd == sd
    if gp == "month":
        return (gd.year, gd.month) == (sd.year, sd.month)
    return gd.year == sd.year


def location_match(g: Record, s: Record) -> bool:
    """Same place name: equal, one a word (or a 5+ letter part) of the other, an alias, one of the
    system's ``location_names``, or similar spelling (ratio >= 0.85)."""
    a, b = norm(g.get("location")), norm(s.get("location"))
    a, b = LOCATION_ALIASES.get(a, a), LOCATION_ALIASES.get(b, b)
    if not a or not b:
        return False
    if a == b or a in b.split() or b in a.split() or (len(a) > 4 and a in b) or (len(b) > 4 and b in a):
        return True
    try:
        names = [norm(x) for x in (s.get("location_names") or [])]
    except TypeError:  # not a list of names: nothing to compare
        names = []
    if a in names:
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def same_type(g: Record, s: Record) -> bool:
    return norm(g.get("event_type")) == norm(s.get("event_type"))


def same_country(g: Record, s: Record) -> bool:
    return str(g.get("country") or "").upper() == str(s.get("country") or "").upper()


def is_match(g: Record, s: Record) -> bool:
    """A system event can stand for a gold event: same type, same country, compatible dates."""
    return same_type(g, s) and same_country(g, s) and dates_compatible(g, s, slack_days=1)


def pair_score(g: Record, s: Record) -> float:
    """How well a matching pair fits; ties are broken by exact date, then sub-type, then place."""
    same_sub = norm(g.get("sub_event_type")) == norm(s.get("sub_event_type"))
    return (
        4 * same_type(g, s)
        + 2 * same_country(g, s)
        + 2 * dates_compatible(g, s)
        + 1.5 * date_exact(g, s)
        + 1.0 * same_sub
        + 0.5 * location_match(g, s)
    )


# generic ACLED actor kinds: two such names match only with the same kind and the same country
GENERIC_ACTOR = re.compile(
    r"^(unidentified armed group|unidentified military forces|military forces of|police forces of|"
    r"civilians|protesters|rioters|unidentified communal militia|communal militia|"
    r"government of|private security forces)\b")
# words that do not make two named groups the same ("Islamic State" and "Islamic Movement")
ACTOR_STOP = frozenset({
    "the", "of", "and", "group", "forces", "force", "movement", "militia", "front", "army", "for", "in",
    "al", "el", "de", "la", "armed", "people", "peoples", "liberation", "national", "islamic", "state",
    "republic", "party", "council", "united"})
_PERIOD = re.compile(r"\(\s*\d{4}[^)]*\)")
_BRACKETS = re.compile(r"\([^)]*\)")


def actor_match(g: Record, s: Record) -> bool:
    """actor1 names the same actor: equal names; two generic names of the same kind and country
    ("Police Forces of Kenya"); or, for named groups (their country or period in brackets aside),
    a shared distinctive word ("Boko Haram", "JNIM")."""
    ga, sa = str(g.get("actor1") or ""), str(s.get("actor1") or "")
    a, b = norm(_PERIOD.sub(" ", ga)), norm(_PERIOD.sub(" ", sa))
    if not a or not b:
        return False
    if a == b:
        return True
    ka, kb = GENERIC_ACTOR.match(a), GENERIC_ACTOR.match(b)
    if ka or kb:
        return bool(ka and kb) and ka.group(1) == kb.group(1) and a[ka.end():].split() == b[kb.end():].split()
    a, b = norm(_BRACKETS.sub(" ", ga)), norm(_BRACKETS.sub(" ", sa))
    ta = {w for w in a.split() if len(w) > 2 and w not in ACTOR_STOP}
    tb = {w for w in b.split() if len(w) > 2 and w not in ACTOR_STOP}
    if not ta or not tb:
        return bool(a and b) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")
    return bool(ta & tb)


@dataclass
class EventScores:
    """Event-level precision/recall and per-field accuracy over matched events."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in FIELDS})  # [right, n]
    historical_total: int = 0
    historical_flagged: int = 0
    historical_leaked: int = 0
    negative_false_events: int = 0
    articles: int = 0
    system_events: int = 0
    bad_lines: int = 0
    details: list[str] = field(default_factory=list)  # MISS / FALSE / LEAK lines, article order

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    @property
    def leak_rate(self) -> float:
        return self.historical_leaked / self.historical_total if self.historical_total else 0.0

    def accuracy(self, fld: str) -> float | None:
        """Share of matched events whose ``fld`` is right (None when no matched gold states it)."""
        ok, n = self.fields[fld]
        return ok / n if n else None

    def lines(self) -> list[str]:
        """The per-field figures and the historical line, as the reference scorer prints them."""
        out = [f"{k:15s} {ok}/{n}" for k, (ok, n) in self.fields.items()]
        out.append(
            f"historical: {self.historical_flagged}/{self.historical_total} flagged, "
            f"{self.historical_leaked} leaked as new; negatives: {self.negative_false_events} false events"
        )
        return out

    def summary(self) -> str:
        """The reference scorer's one-line summary (same figures, same rounding)."""
        acc = {k: (f"{ok / n:.2f}" if n else "n/a") for k, (ok, n) in self.fields.items()}
        return (
            f"F1={self.f1:.2f} P={self.precision:.2f} R={self.recall:.2f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn}) date={acc['date']} "
            f"loc={acc['location']} fatal={acc['fatalities']} arrest={acc['arrested']} "
            f"subtype={acc['sub_event_type']} leak={self.leak_rate:.2f} negFP={self.negative_false_events}"
        )

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("details")
        d["fields"] = {
            k: {"right": ok, "n": n, "accuracy": self.accuracy(k)} for k, (ok, n) in self.fields.items()
        }
        d.update(precision=self.precision, recall=self.recall, f1=self.f1, leak_rate=self.leak_rate)
        return d


def _describe(e: Record) -> str:
    return f"{e.get('event_type')} {e.get('date')} {e.get('location')}"


def score_events(gold: list[Record], system: Iterable[Record], bad_lines: int = 0) -> EventScores:
    """Score system events (one dict per event, with ``article_id``) against dev-gold articles."""
    sc = EventScores(articles=len(gold), bad_lines=bad_lines)
    by_article: dict[str, list[Record]] = {}
    for e in system:
        sc.system_events += 1
        by_article.setdefault(str(e.get("article_id")), []).append(e)

    for art in gold:
        sys_all = by_article.get(str(art["id"]), [])
        sys_new = [e for e in sys_all if not e.get("historical")]
        sys_hist = [e for e in sys_all if e.get("historical")]
        gnew = art.get("events") or []
        gopt = art.get("optional") or []
        if not gnew and not art.get("historical"):
            sc.negative_false_events += len(sys_new)
        used: set[int] = set()
        for g in gnew:
            cands = [(pair_score(g, s), i) for i, s in enumerate(sys_new) if is_match(g, s) and i not in used]
            if not cands:
                sc.fn += 1
                sc.details.append(f"MISS {art['id']}: {_describe(g)}")
                continue
            _, i = max(cands)  # equal scores: the later-listed system event
            used.add(i)
            sc.tp += 1
            _compare_fields(sc.fields, g, sys_new[i])
        for i, s in enumerate(sys_new):
            if i in used or any(is_match(g, s) for g in gopt):
                continue
            sc.fp += 1
            kind = "DUPLICATE" if any(is_match(g, s) for g in gnew) else "FALSE"
            sc.details.append(f"{kind} {art['id']}: {_describe(s)}")
        for h in art.get("historical") or []:
            sc.historical_total += 1

            def hist_match(s: Record, h: Record = h) -> bool:
                return same_type(h, s) and same_country(h, s) and dates_compatible(h, s)

            if any(hist_match(s) for s in sys_new):
                sc.historical_leaked += 1
                sc.details.append(f"LEAK {art['id']}: {_describe(h)}")
            if any(hist_match(s) for s in sys_hist):
                sc.historical_flagged += 1
    return sc


def _compare_fields(f: dict[str, list[int]], g: Record, s: Record) -> None:
    """Add one matched pair to the per-field tallies."""
    f["sub_event_type"][1] += 1
    f["sub_event_type"][0] += norm(g.get("sub_event_type")) == norm(s.get("sub_event_type"))
    f["date"][1] += 1
    f["date"][0] += date_exact(g, s)
    f["location"][1] += 1
    f["location"][0] += location_match(g, s)
    for k in ("fatalities", "injured", "arrested"):
        if g.get(k) is not None:
            f[k][1] += 1
            f[k][0] += s.get(k) == g.get(k)
    if g.get("actor1"):
        f["actor1"][1] += 1
        f["actor1"][0] += actor_match(g, s)
