"""Calendar arithmetic: a grammar candidate and a publication date in, an ISO value out.

Conventions (ACLED's, documented here once):
- a weekday alone is the most recent such day on or before the publication date ("on Friday" in
  a Friday paper is that Friday); "last Friday" is strictly before; future verbs look forward;
- a month alone is the most recent such month on or before the publication month;
- a day and month without a year take the publication year unless that puts the day more than
  a week after publication, then the year before; with a weekday ("Wednesday, October 28") the
  year in which that day has that weekday, nearest first;
- week precision: "last week" / "next week" is the day 7 days before / after publication, "this
  week" its Monday, "over the weekend" the Saturday, "N weeks ago" the day N*7 days before;
- vague amounts ("a few days ago") lower the precision one step (day -> week -> month);
- a relative expression without a publication date stays unresolved (value None, "unknown");
  it is never anchored on today.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .lexicon import TimeWords, lexicon

PRECISION_ORDER = ("day", "week", "month", "year")
_COARSER = {"day": "week", "week": "month", "month": "year", "year": "year"}


@dataclass
class Resolution:
    """A resolved date: the first day of the period meant, and its precision."""

    day: date | None
    precision: str  # day | week | month | year | unknown
    relative: bool
    note: str  # for people: how the value was reached; code tests the fields, never this prose
    vague: bool = False  # no time stated beyond "recently": coded to the month of publication

    @property
    def value(self) -> str | None:
        return fmt(self.day, self.precision)


@dataclass
class Context:
    """What a resolver may need beyond the match: the publication date, the tense, the anchor."""

    published: date | None
    future: bool = False
    ref: Resolution | None = None  # the last date before this one in the text (for "the next day")


def fmt(d: date | None, precision: str) -> str | None:
    """ISO string at its precision: "2017-03-17", "2017-03", "2017"."""
    if d is None or precision == "unknown":
        return None
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def parse_value(value: str | None) -> date | None:
    """The first day of the period an ISO value names."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_end(d: date, precision: str) -> date:
    """The last day of the period starting at ``d``."""
    if precision == "year":
        return date(d.year, 12, 31)
    if precision == "month":
        return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    if precision == "week":
        return d + timedelta(days=6)
    return d


def coarser(a: str, b: str) -> str:
    return a if PRECISION_ORDER.index(a) >= PRECISION_ORDER.index(b) else b


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _wd(d: date) -> str:
    return calendar.day_name[d.weekday()]


def _pubnote(text: str, pub: date) -> str:
    return f"'{text}' relative to published {pub.isoformat()} ({_wd(pub)})"


def _unresolved(text: str) -> Resolution:
    return Resolution(None, "unknown", True, f"'{text}' is relative and the article has no publication date")


def _month(g: dict[str, str], lx: TimeWords) -> int | None:
    if g.get("monthnum"):
        return int(g["monthnum"])
    name = g.get("month")
    return lx.months.get(name.rstrip(".").lower()) if name else None


def amount(g: dict[str, str], lx: TimeWords) -> tuple[float, bool]:
    """The number in a match and whether it is vague ("a few", "several", none at all)."""
    raw = " ".join((g.get("num") or "").lower().split())
    if not raw:
        return 3.0, True
    if raw.replace(".", "", 1).isdigit():
        return float(raw), False
    if raw in lx.vague_numbers:
        return lx.vague_numbers[raw], True
    return lx.numbers.get(raw, 1.0), False


def unit_of(g: dict[str, str], lx: TimeWords) -> str:
    return lx.units.get((g.get("unit") or "").lower(), "day")


def shift(d: date, precision: str, unit: str, n: float) -> tuple[date, str]:
    """``d`` moved by ``n`` units; the precision is the coarser of the unit's and ``precision``."""
    k = round(n)
    if unit in ("hour", "minute"):
        return d + timedelta(days=round(n / 24) if unit == "hour" else 0), precision
    if unit == "day":
        return d + timedelta(days=k), coarser(precision, "day")
    if unit == "week":
        return d + timedelta(days=7 * k), coarser(precision, "week")
    if unit == "month":
        y, m = add_months(d.year, d.month, k)
        return date(y, m, 1), coarser(precision, "month")
    years = 10 * k if unit == "decade" else k
    return date(d.year + years, 1, 1), "year"


# --- resolvers: (text, groups, context) -> Resolution | None ---------------------------------


def absolute_day(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    m = _month(g, lexicon())
    try:
        d = date(int(g["year"]), m or 0, int(g["day"]))
    except (ValueError, KeyError, TypeError):
        return None
    return Resolution(d, "day", False, f"explicit '{text}'")


def numeric_date(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    """"12/03/2024": day-month or month-day, whichever the numbers allow; when both do, the
    reading nearest the publication date that is not after it (else day-month)."""
    a, b, y = int(g["n1"]), int(g["n2"]), int(g["year"])
    readings = []
    for d, m in ((a, b), (b, a)):
        try:
            readings.append(date(y, m, d))
        except ValueError:
            continue
    if not readings:
        return None
    pick = readings[0]
    if len(readings) == 2 and readings[0] != readings[1]:
        pub = ctx.published
        if pub is None:
            return Resolution(date(y, 1, 1), "year", False, f"'{text}': day and month order unknown")
        past = [r for r in readings if r <= pub + timedelta(days=1)]
        pick = min(past or readings, key=lambda r: abs((pub - r).days))
    return Resolution(pick, "day", False, f"explicit '{text}'")


def month_day(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    m, day = _month(g, lexicon()), int(g["day"])
    pub = ctx.published
    if m is None:
        return None
    if pub is None:
        return Resolution(None, "unknown", True, f"'{text}' has no year and the article no publication date")
    wd = lexicon().weekdays.get((g.get("weekday") or "").rstrip(".").lower())
    if wd is not None:  # "Wednesday, October 28": the year in which that day is a Wednesday
        for y in (pub.year, pub.year - 1, pub.year + 1):
            try:
                d = date(y, m, day)
            except ValueError:
                continue
            if d.weekday() == wd:
                return Resolution(d, "day", True, f"'{text}': the year ({y}) in which it is a {calendar.day_name[wd]}")
    for y in ((pub.year, pub.year + 1) if ctx.future else (pub.year, pub.year - 1)):
        try:
            d = date(y, m, day)
        except ValueError:
            return None
        if ctx.future and d >= pub - timedelta(days=7):
            return Resolution(d, "day", True, f"'{text}' in the future of published {pub.isoformat()}")
        if not ctx.future and d <= pub + timedelta(days=7):
            return Resolution(d, "day", True, f"'{text}', year of published {pub.isoformat()}")
    return Resolution(d, "day", True, f"'{text}' the year before published {pub.isoformat()}")


def month_year(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    m = _month(g, lexicon())
    if m is None:
        return None
    return Resolution(date(int(g["year"]), m, 1), "month", False, f"explicit '{text}'")


def month_rel_year(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    m, pub = _month(g, lexicon()), ctx.published
    if m is None:
        return None
    if pub is None:
        return _unresolved(text)
    y = pub.year + {"last": -1, "this": 0, "next": 1}[g["yoff"].lower()]
    return Resolution(date(y, m, 1), "month", True, _pubnote(text, pub))


def _month_near(m: int, pub: date, future: bool) -> date:
    """The most recent month ``m`` on or before the publication month (future: on or after)."""
    if future:
        return date(pub.year if m >= pub.month else pub.year + 1, m, 1)
    return date(pub.year if m <= pub.month else pub.year - 1, m, 1)


def month(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    m, pub = _month(g, lexicon()), ctx.published
    if m is None:
        return None
    if pub is None:
        return _unresolved(text)
    d = _month_near(m, pub, ctx.future)
    how = "the next" if ctx.future else "the most recent"
    return Resolution(d, "month", True, f"'{text}': {how} {calendar.month_name[m]} relative to published {pub.isoformat()}")


def later_in_month(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    m = _month(g, lexicon())
    ref = ctx.ref
    if m is None:
        return None
    if ref is None or ref.day is None:
        return month(text, g, ctx)
    y = ref.day.year if m > ref.day.month else ref.day.year + 1
    return Resolution(date(y, m, 1), "month", ref.relative, f"'{text}': the first {calendar.month_name[m]} after {ref.value}")


def weekday(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    wd = lexicon().weekdays.get(g["weekday"].rstrip(".").lower())
    pub = ctx.published
    if wd is None:
        return None
    if pub is None:
        return _unresolved(text)
    rel = " ".join((g.get("wrel") or "").lower().split())
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    offset = lexicon().period_offsets.get(rel, 0) if rel else 0  # "dernier": -1, "prochain": 1
    if rel in ("last", "past", "this past") or offset < 0:
        d = pub - timedelta(days=back or 7)
    elif rel in ("next", "coming", "this coming") or offset > 0:
        d = pub + timedelta(days=fwd or 7)
    elif ctx.future:
        d = pub + timedelta(days=fwd)
    else:
        d = pub - timedelta(days=back)
    return Resolution(d, "day", True, _pubnote(text, pub))


def deictic(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    n = lexicon().deictic.get(" ".join(g["deictic"].lower().split()))
    pub = ctx.published
    if n is None:
        return None
    if pub is None:
        return _unresolved(text)
    return Resolution(pub + timedelta(days=n), "day", True, _pubnote(text, pub))


def ago(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    lx, pub = lexicon(), ctx.published
    if pub is None:
        return _unresolved(text)
    n, vague = amount(g, lx)
    unit = unit_of(g, lx)
    d, prec = shift(pub, "day", unit, -n)
    if vague:
        prec = _COARSER[prec]
        if prec == "week":  # "a few days ago": the week before publication, not one around it
            d = pub - timedelta(days=7)
    if prec == "month":
        d = date(d.year, d.month, 1)
    return Resolution(d, prec, True, _pubnote(text, pub))


def offset(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    lx, ref = lexicon(), ctx.ref
    if ref is None or ref.day is None:
        return Resolution(None, "unknown", False, f"'{text}' has no earlier date in the text to count from")
    n, vague = amount(g, lx)
    sign = -1 if " ".join(g["dir"].lower().split()) in lx.offset_before else 1
    d, prec = shift(ref.day, ref.precision, unit_of(g, lx), sign * n)
    if vague:
        prec = _COARSER[prec]
    return Resolution(d, prec, ref.relative, f"'{text}' counted from {ref.value}")


def anchored(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    n = lexicon().anchored.get(" ".join(g["anchored"].lower().split()), 0)
    ref = ctx.ref
    if ref is None or ref.day is None:
        return Resolution(None, "unknown", False, f"'{text}' has no earlier date in the text to count from")
    d, prec = shift(ref.day, ref.precision, "day", n)
    return Resolution(d, prec, ref.relative, f"'{text}' counted from {ref.value}")


def anchored_period(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    """"that year", "later that month": the year or month of the date told before it."""
    unit = lexicon().anchored_periods.get(" ".join(g["aperiod"].lower().split()), "year")
    ref = ctx.ref
    if ref is None or ref.day is None:
        return Resolution(None, "unknown", False, f"'{text}' has no earlier date in the text to count from")
    if unit == "month" and ref.precision in ("day", "week", "month"):
        return Resolution(date(ref.day.year, ref.day.month, 1), "month", ref.relative,
                          f"'{text}': the month of {ref.value}")
    return Resolution(date(ref.day.year, 1, 1), "year", ref.relative, f"'{text}': the year of {ref.value}")


def rel_period(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    lx, pub = lexicon(), ctx.published
    if pub is None:
        return _unresolved(text)
    k = lx.period_offsets.get(" ".join(g["poff"].lower().split()), 0)
    period = g["period"].lower()
    period = lx.units.get(period, period)  # a language's word for it ("semaine") -> its period ("week")
    note = _pubnote(text, pub)
    if period == "week":
        if k:  # "last week": the same weekday a week before (ACLED coders' reading of it), week precision
            return Resolution(pub + timedelta(days=7 * k), "week", True, note + f"; publication {7 * k:+d} days")
        monday = pub - timedelta(days=pub.weekday())
        return Resolution(monday, "week", True, note + "; week coded to its Monday")
    if period == "month":
        y, m = add_months(pub.year, pub.month, k)
        return Resolution(date(y, m, 1), "month", True, note)
    if period == "year":
        return Resolution(date(pub.year + k, 1, 1), "year", True, note)
    # weekend: its Saturday
    back = (pub.weekday() - 5) % 7
    if k > 0 or (k == 0 and ctx.future):
        sat = pub + timedelta(days=(5 - pub.weekday()) % 7 or (7 if k > 0 else 0))
    elif k < 0 and pub.weekday() >= 5:
        sat = pub - timedelta(days=back + 7)
    else:
        sat = pub - timedelta(days=back)
    return Resolution(sat, "week", True, note + "; weekend coded to its Saturday")


def recent(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    pub = ctx.published
    if pub is None:
        return _unresolved(text)
    return Resolution(date(pub.year, pub.month, 1), "month", True, _pubnote(text, pub) + "; vague, month of publication",
                      vague=True)


def decade(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    y = int(g["decade"])
    return Resolution(date(y, 1, 1), "year", False, f"'{text}': a decade, coded to its first year")


def year(text: str, g: dict[str, str], ctx: Context) -> Resolution | None:
    return Resolution(date(int(g["year"]), 1, 1), "year", False, f"explicit '{text}'")


RESOLVERS: dict[str, Callable[[str, dict[str, str], Context], Resolution | None]] = {
    f.__name__: f
    for f in (absolute_day, numeric_date, month_day, month_year, month_rel_year, month, later_in_month, weekday,
              deictic, ago, offset, anchored, anchored_period, rel_period, recent, decade, year)
}
