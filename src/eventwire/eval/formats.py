"""Reading JSONL files for evaluation and telling the three gold formats apart.

A gold file is one JSON object a line, in one of three formats:

* ``events``: dev-gold records, one article a line with an ``"events"`` list (ACLED-style events);
* ``typing``: CASE 2021 Task 2 snippets, one a line with ``"label"`` and ``"sub_event_type"``;
* ``places``: toponym-resolution gold (GeoWebNews, TR-News), one article a line with ``"toponyms"``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError

EVENTS, TYPING, PLACES = "events", "typing", "places"
KINDS = (EVENTS, TYPING, PLACES)


def kind_of(record: dict[str, Any]) -> str | None:
    """The gold format one record belongs to, or None when it fits none of them."""
    if "events" in record:
        return EVENTS
    if "toponyms" in record:
        return PLACES
    if "label" in record and "sub_event_type" in record:
        return TYPING
    return None


def read_gold(path: str) -> tuple[str, list[dict[str, Any]]]:
    """Read a gold file and detect its format; raise :class:`InputError` when it is unusable.

    Every non-blank line must be a JSON object with an ``id``, and all lines must be of one format.
    """
    try:
        lines = _read_lines(path)
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot read the gold file ({e.__class__.__name__}: {e})") from e
    records: list[dict[str, Any]] = []
    kind: str | None = None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}", f"not JSON ({e.msg})") from e
        if not isinstance(rec, dict) or "id" not in rec:
            raise InputError(f"{path}:{n}", "a gold line must be a JSON object with an 'id'")
        k = kind_of(rec)
        if k is None:
            raise InputError(
                f"{path}:{n}",
                "unknown gold format: expected 'events' (dev-gold), 'label' + 'sub_event_type' "
                "(CASE 2021 typing) or 'toponyms' (geo)",
            )
        if kind is not None and k != kind:
            raise InputError(f"{path}:{n}", f"a {k} record in a file of {kind} records")
        kind = k
        records.append(rec)
    if kind is None:
        raise InputError(path, "the gold file holds no records")
    return kind, records


@dataclass
class SystemFile:
    """The JSON objects of a system output file, and how many lines could not be used."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    bad_lines: int = 0
    lines: list[str] = field(default_factory=list, repr=False)  # the non-blank lines as read


def parse_system_lines(lines: list[str]) -> SystemFile:
    """Parse system JSONL lines; blank lines are skipped, non-JSON / non-object lines counted."""
    out = SystemFile()
    for line in lines:
        if not line.strip():
            continue
        out.lines.append(line)
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            out.bad_lines += 1
            continue
        if isinstance(rec, dict):
            out.rows.append(rec)
        else:
            out.bad_lines += 1
    return out


def read_system(path: str) -> SystemFile:
    """Read a system output file (one JSON object a line); raise :class:`InputError` if unreadable."""
    try:
        lines = _read_lines(path)
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(path, f"cannot read the system file ({e.__class__.__name__}: {e})") from e
    return parse_system_lines(lines)


def _read_lines(path: str) -> list[str]:
    """The file's lines as Python's text mode splits them (not ``str.splitlines``, which would also
    split on U+2028 and friends inside JSON strings written with ``ensure_ascii=False``)."""
    with open(path, encoding="utf-8") as f:
        return list(f)
