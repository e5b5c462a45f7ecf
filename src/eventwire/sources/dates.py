"""Publication dates given with an article (not dates in its text: those are in ``when/``)."""

from __future__ import annotations

import re
from datetime import date, datetime

from ..errors import InputError

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


def parse_published(where: str, value: object, strict: bool = True) -> date | None:
    """``2017-03-18`` (or an ISO timestamp) -> date. ``None``/empty -> None.

    With ``strict`` a value that is not a date raises InputError; otherwise it is ignored.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _ISO_DAY.match(str(value))
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    if strict:
        raise InputError(where, f"bad publication date {value!r} (expected YYYY-MM-DD)")
    return None
