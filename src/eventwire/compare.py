"""Are two records the same real-world event? The one set of comparisons.

Used by :mod:`eventwire.assemble` (the mentions of one article) and by the store's cross-article
merge (:mod:`eventwire.store.dedup`): both ask the same questions of *when*, *where*, *what*,
*who* and *how many*, each keeping its own named thresholds (``data/compare.yaml``, one section
per user). A comparison answers with a relation, never a score; the callers weigh them.

    when:  same | overlap | apart | unknown      (dates, with how each was found)
    where: same | near | inside | apart | unknown (places, levels, containment, distance)
    what:  same | family | absorbs | apart        (sub-types; ``prevails``: which names the event)
    who:   same | apart | unknown                 (named actors)
    toll:  agree | differ | unknown               (fatalities)

One precision order for dates (day > week > month > year > unknown) and one for places
(town > district > region > country) serve every caller.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from . import knowledge
from .errors import DataFileError

DATE_PRECISION_ORDER = ("day", "week", "month", "year", "unknown")  # most precise first
PLACE_LEVEL_ORDER = ("town", "district", "region", "country")  # most specific first
# how a date was found (record.DATE_SOURCES): the day of a report or of publication only bounds
# the event's day from above (it happened then or in the days before)
BOUND_DATES = frozenset({"report_date", "publication_date"})
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (the reference scorers' too)


def date_rank(precision: str | None) -> int:
    """0 for a day (the most precise), 4 for an unknown date."""
    try:
        return DATE_PRECISION_ORDER.index(precision or "unknown")
    except ValueError:
        return len(DATE_PRECISION_ORDER) - 1


def level_rank(level: str | None) -> int:
    """0 for a town (the most specific), 3 for a country, 4 for no place."""
    try:
        return PLACE_LEVEL_ORDER.index(level or "")
    except ValueError:
        return len(PLACE_LEVEL_ORDER)


def km(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float | None:
    """Great-circle distance in km (None when a point is missing)."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def fold(name: str | None) -> str:
    """A place or actor name for comparison: ASCII, lower case, words only."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", s))


# ----------------------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rules:
    """The thresholds of one user of the comparisons (a section of data/compare.yaml)."""

    day_slack: int  # days two day-precision dates stated for the events may differ and still be one day
    context_slack: int  # more days when a date is only the story's (taken from another sentence)
    report_window_days: int  # a report or publication date: the event happened up to this many days before
    near_km: float  # two towns this close are one place
    region_km: float  # two places of one region this close may be one place seen from afar
    values: dict[str, Any]  # every key of the section, for the caller's own weights

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


RULE_KEYS = ("day_slack", "context_slack", "report_window_days", "near_km", "region_km")


@cache
def rules(section: str) -> Rules:
    """The thresholds of ``section`` ("assembly", "store") from data/compare.yaml, checked."""
    raw = knowledge.load("compare.yaml")  # its declaration makes RULE_KEYS numbers in each section
    if section not in raw:
        raise DataFileError(f"compare.yaml: no section {section!r}")
    sec = raw[section]
    return Rules(int(sec["day_slack"]), int(sec["context_slack"]), int(sec["report_window_days"]),
                 float(sec["near_km"]), float(sec["region_km"]), dict(sec))


# ------------------------------------------------------------------------------------------ when


@dataclass(frozen=True)
class When:
    """A record's date as an interval of days, its precision and how it was found."""

    lo: date | None
    hi: date | None
    precision: str
    source: str = "stated"  # one of record.DATE_SOURCES

    @classmethod
    def of(cls, value: str | None, precision: str | None, source: str | None = None) -> When:
        """From an ISO value at its precision ("2017-03-17" day or week, "2017-03", "2017")."""
        precision = precision or "unknown"
        lo = hi = None
        try:
            if value and len(value) >= 10 and precision in ("day", "week"):
                lo = date.fromisoformat(value[:10])
                # a week is valued by its first day; "over the weekend" by its Saturday (when/)
                hi = lo + timedelta(days=0 if precision == "day" else 1 if lo.weekday() == 5 else 6)
            elif value and len(value) >= 7 and precision != "year":
                y, m = int(value[:4]), int(value[5:7])
                lo = date(y, m, 1)
                hi = date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
            elif value and len(value) >= 4:
                lo, hi = date(int(value[:4]), 1, 1), date(int(value[:4]), 12, 31)
        except ValueError:
            lo = hi = None
        if lo is None:
            precision = "unknown"
        return cls(lo, hi, precision, source or ("unknown" if lo is None else "stated"))

    @property
    def known(self) -> bool:
        return self.lo is not None and self.hi is not None

    @property
    def bound(self) -> bool:
        """Only an upper bound: the day of the report or of publication, not the event's own."""
        return self.source in BOUND_DATES

    def span(self, r: Rules) -> tuple[date, date] | None:
        """The days the event may have happened on: a bound stands for itself and the days before it."""
        if self.lo is None or self.hi is None:
            return None
        if self.bound:
            return self.lo - timedelta(days=r.report_window_days), self.hi
        return self.lo, self.hi


def gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two intervals (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def when(a: When, b: When, r: Rules) -> str:
    """``same`` (one day, both stated), ``overlap`` (the intervals meet), ``apart`` or ``unknown``."""
    sa, sb = a.span(r), b.span(r)
    if sa is None or sb is None:
        return "unknown"
    gap = gap_days(sa, sb)
    slack = r.day_slack + (r.context_slack if {"context", "paragraph"} & {a.source, b.source} else 0)
    if a.precision == b.precision == "day" and not a.bound and not b.bound:
        if gap == 0:
            return "same"
        return "overlap" if gap <= slack else "apart"
    return "overlap" if gap <= (slack if "day" in (a.precision, b.precision) else 0) else "apart"


def bound_gap(a: When, b: When) -> int | None:
    """Days from the other's day to a report or publication day that alone dates one of them
    (``a`` or ``b``, the bound; None when neither or both are bounds, or a date is unknown): a
    report that gives no day tells the news of its day or the day before, so the larger this gap,
    the less likely it is of an event the other record dates."""
    if a.bound == b.bound or not a.known or not b.known:
        return None
    bound, other = (a, b) if a.bound else (b, a)
    assert bound.lo is not None and other.hi is not None
    return max(0, (bound.lo - other.hi).days)


# ----------------------------------------------------------------------------------------- where


@dataclass(frozen=True)
class Where:
    """A record's place: name, gazetteer id, point, level, first-level division, country."""

    name: str | None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    level: str | None = None
    admin1: str | None = None
    country: str | None = None
    source: str = "stated"  # one of record.PLACE_SOURCES
    within: int | None = None  # for a name the gazetteer lacks: the known place its sentence puts it in

    @property
    def known(self) -> bool:
        return bool(self.name or self.country)

    @property
    def rank(self) -> int:
        return level_rank(self.level)


def inside(outer: Where, inner: Where) -> bool:
    """Does ``outer`` (a country, region or district) hold ``inner``, a more specific place?

    A name the gazetteer lacks carries only the first-level division of the place that located
    it: then the same country will do."""
    if inner.rank >= outer.rank:  # the inner place is the more specific (a lower rank)
        return False
    if outer.country and inner.country and outer.country != inner.country:
        return False
    if outer.level == "country":
        return True
    if outer.geonameid is not None and inner.geonameid is None and outer.level == "region" \
            and outer.admin1 and inner.admin1:
        return outer.admin1 == inner.admin1  # located by a town of another province: not in this one
    if outer.geonameid is None or inner.geonameid is None:
        return bool(outer.country or inner.country)
    return bool(outer.admin1) and outer.admin1 == inner.admin1


def where(a: Where, b: Where, r: Rules) -> str:
    """``same`` place, ``near`` (two towns within ``near_km``), ``inside`` (one holds the other),
    ``apart`` (other places, or other countries) or ``unknown`` (one has no place)."""
    if not a.known or not b.known:
        return "unknown"
    if a.country and b.country and a.country != b.country:
        return "apart"
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return "same"
    na, nb = fold(a.name), fold(b.name)
    if na and na == nb:
        return "same"
    if inside(a, b) or inside(b, a):
        return "inside"
    if (a.within is not None and a.within == b.geonameid) or (b.within is not None and b.within == a.geonameid):
        return "inside"  # "Juddumari mosque in Maiduguri": a name the gazetteer lacks, in the town named with it
    d = km(a.lat, a.lon, b.lat, b.lon)
    if a.rank == b.rank == 0 and a.geonameid is not None and b.geonameid is not None:
        return "near" if d is not None and d <= r.near_km else "apart"
    if na and nb and (f" {na} " in f" {nb} " or f" {nb} " in f" {na} ") \
            and abs(len(na.split()) - len(nb.split())) <= 1:
        return "same"  # "Mogadishu" and "north Mogadishu" (not "Kano" and "the Kano-Zaria road")
    return "apart"


# ------------------------------------------------------------------------------------------ what


@cache
def _taxonomy():  # -> eventwire.what.lexicon.Taxonomy (read once: taxonomy.yaml is parsed in ~0.1 s)
    from .what.lexicon import load_taxonomy

    return load_taxonomy()


def family(sub_event_type: str) -> str:
    """The merge group of a sub-type (Protests and Riots are one demonstration)."""
    tax = _taxonomy()
    typ = tax.sub_to_type.get(sub_event_type, sub_event_type)
    return tax.merge_group.get(typ, typ)


def _violent(sub: str) -> bool:
    tax = _taxonomy()
    return sub in tax.violent or tax.sub_to_type.get(sub, "") in tax.violent


def absorbs(a: str, b: str) -> bool:
    """May an event of sub-type ``a`` take a mention of sub-type ``b`` as a part of itself
    (taxonomy.yaml ``absorbs``: the arrests at a protest, the looting during a raid)?"""
    tax = _taxonomy()
    return b in tax.absorbs.get(a, {}) or b in tax.absorbs.get(tax.sub_to_type.get(a, ""), {})


def what(a: str, b: str) -> str:
    """``same`` sub-type, ``family`` (one merge group, sub-types that may describe one event),
    ``absorbs`` (one takes the other as a part) or ``apart``."""
    if a == b:
        return "same"
    tax = _taxonomy()
    fa, fb = family(a), family(b)
    if absorbs(a, b) or absorbs(b, a):
        return "absorbs"
    if fa == fb and a not in tax.distinct and b not in tax.distinct \
            and tax.merge_subtypes.get(tax.sub_to_type.get(a, ""), True):
        return "family"
    return "apart"


def prevails(a: str, b: str, harmed: bool = False) -> bool:
    """Does sub-type ``a`` name an event whose mentions carry both ``a`` and ``b``? When one
    absorbs the other (taxonomy.yaml ``absorbs``: an armed clash takes the civilians killed in
    it; a non-violent transfer takes the "recaptured" of a town the enemy had left), the absorber;
    within one family, the one first in ACLED's ``precedence`` (excessive force before an
    intervention before a peaceful protest; an attack before the abductions of the same raid)."""
    if a == b:
        return False
    if absorbs(a, b) and absorbs(b, a):
        # each may be a part of the other (a bomb defused; weapons recovered after a blast):
        # the violence if someone was killed or hurt or a weapon went off (``harmed``), else the development
        return harmed == (_violent(a) and not _violent(b))
    if absorbs(a, b):
        return True
    if absorbs(b, a):
        return False
    order = _taxonomy().precedence
    return family(a) == family(b) and order.get(a, len(order)) < order.get(b, len(order))


# ------------------------------------------------------------------------------- who, how many


def who(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> str:
    """Named actors: ``same`` (one shared), ``apart`` (both name some, none shared), ``unknown``."""
    if not a or not b:
        return "unknown"
    return "same" if a & b else "apart"


def toll(a: int | None, b: int | None) -> str:
    """Death tolls: ``agree`` (close: tolls are revised as bodies are found), ``differ`` (far
    apart) or ``unknown``."""
    if not a or not b:
        return "unknown"
    lo, hi = sorted((a, b))
    if hi - lo <= 3 or lo / hi >= 0.6:
        return "agree"
    if lo / hi < 0.35 and hi - lo > 5:
        return "differ"
    return "unknown"
