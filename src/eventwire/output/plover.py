"""PLOVER and CAMEO codes of our events, and a POLECAT-like export of them (``--format plover``).

The mapping from ACLED sub-event types to PLOVER event types and modes and to CAMEO codes is
data (``data/plover.yaml``, documented there). :func:`mapping` reads it once and checks its
meaning: every sub-event type of ``taxonomy.yaml`` mapped, every PLOVER type and mode one of the
ontology's, every CAMEO code known and under its root; anything else is one-line
:class:`~eventwire.errors.DataFileError`.

:func:`codes` gives a record's ``plover_type``, ``plover_mode``, ``cameo_root`` and ``cameo_code``
(the API adds them to every event record); :func:`polecat_row` is one line of the export, with
POLECAT's field names (``actor_*`` is PLOVER's actor, the doer; ``recipient_*`` the other side).
Records are dicts: the store's exported records, or :meth:`Event.to_dict` of extracted events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TextIO

from .. import knowledge
from ..errors import DataFileError
from ..record import Article, Event

FILE = "plover.yaml"
FIELDS = [
    "event_id", "event_date", "date_precision", "event_type", "event_mode", "quad_code", "cameo_root",
    "cameo_code", "actor_name", "actor_country", "recipient_name", "recipient_country", "placename", "state",
    "country", "geonames_id", "latitude", "longitude", "fatalities", "injured", "historical", "confidence",
    "acled_event_type", "acled_sub_event_type", "mapping_fit", "event_text", "story_id", "source", "url",
    "record_api",
]
_WORD = re.compile(r"\w+(?:[-']\w+)*")
_ENTRY_KEYS = {"plover_type", "plover_mode", "cameo_root", "cameo_code", "fit", "note", "actor", "by_words"}
FITS = ("exact", "close", "loose")
ACTORS = ("actor1", "actor2")


@dataclass(frozen=True)
class Rule:
    """A more specific mode and CAMEO code for a record whose event sentence has one of ``words``."""

    mode: str | None
    cameo_code: str
    words: tuple[str, ...]  # lower-case words and phrases, one space between words


@dataclass(frozen=True)
class Code:
    """The PLOVER and CAMEO coding of one ACLED sub-event type."""

    plover_type: str
    plover_mode: str | None
    quad: int
    cameo_root: str
    cameo_code: str | None
    fit: str
    actor: str  # "actor1" or "actor2": which of the record's actors is PLOVER's actor
    rules: tuple[Rule, ...] = ()


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def parse(raw: Mapping[str, Any], sub_event_types: Iterable[str]) -> dict[str, Code]:
    """The mapping of ``raw`` (plover.yaml as loaded) for these sub-event types; DataFileError
    naming the key when a sub-type is missing or unknown, or a type, mode or code is not valid."""
    types = raw["plover_types"]
    roots, known_codes = raw["cameo_roots"], raw["cameo_codes"]

    def bad(key: str, why: str) -> DataFileError:
        return DataFileError(f"{FILE}: key {key!r}: {why}")

    for root in roots:
        if not re.fullmatch(r"\d\d", root) or not 1 <= int(root) <= 20:
            raise bad(f"cameo_roots.{root}", "a CAMEO root code is two digits, 01 to 20")
    for c in known_codes:
        if not re.fullmatch(r"\d{3,4}", c) or c[:2] not in roots:
            raise bad(f"cameo_codes.{c}", "a CAMEO code is three or four digits under a root of cameo_roots")

    def code_of(key: str, value: Any, root: str | None = None) -> str:
        if not isinstance(value, str) or value not in known_codes:
            raise bad(key, f"{value!r} is not a CAMEO code of cameo_codes")
        if root is not None and not value.startswith(root):
            raise bad(key, f"CAMEO code {value} is not under root {root}")
        return value

    def mode_of(key: str, ptype: str, value: Any) -> str | None:
        if value is not None and value not in types[ptype]["modes"]:
            modes = ", ".join(types[ptype]["modes"]) or "none"
            raise bad(key, f"{value!r} is not a PLOVER mode of {ptype} (modes: {modes})")
        return value

    wanted = list(sub_event_types)
    entries = raw["sub_event_types"]
    for sub in entries:
        if sub not in wanted:
            raise bad(f"sub_event_types.{sub}", "not an ACLED sub-event type of taxonomy.yaml")
    out: dict[str, Code] = {}
    for sub in wanted:
        key = f"sub_event_types.{sub}"
        e = entries.get(sub)
        if e is None:
            raise bad(key, "missing (every sub-event type of taxonomy.yaml needs a PLOVER type)")
        extra = sorted(set(e) - _ENTRY_KEYS)
        if extra:
            raise bad(f"{key}.{extra[0]}", "unknown key")
        ptype = e.get("plover_type")
        if ptype not in types:
            raise bad(f"{key}.plover_type", f"{ptype!r} is not a PLOVER event type ({', '.join(types)})")
        root = e.get("cameo_root")
        if not isinstance(root, str) or root not in roots:
            raise bad(f"{key}.cameo_root", f"{root!r} is not a CAMEO root code of cameo_roots (two digits, quoted)")
        cameo = e.get("cameo_code")
        fit, actor = e.get("fit"), e.get("actor", "actor1")
        if fit not in FITS:
            raise bad(f"{key}.fit", f"expected one of {', '.join(FITS)}, got {fit!r}")
        if actor not in ACTORS:
            raise bad(f"{key}.actor", f"expected actor1 or actor2, got {actor!r}")
        rules = []
        for i, r in enumerate(e.get("by_words") or []):
            rk = f"{key}.by_words[{i}]"
            if not isinstance(r, dict) or not r.get("words") or not isinstance(r["words"], list):
                raise bad(rk, "expected {mode, cameo_code, words: [...]}")
            rc = code_of(f"{rk}.cameo_code", r.get("cameo_code"))
            rules.append(Rule(mode_of(f"{rk}.mode", ptype, r.get("mode")), rc,
                              tuple(_norm(str(w)) for w in r["words"])))
        out[sub] = Code(ptype, mode_of(f"{key}.plover_mode", ptype, e.get("plover_mode")), int(types[ptype]["quad"]),
                        root, None if cameo is None else code_of(f"{key}.cameo_code", cameo, root), fit, actor,
                        tuple(rules))
    return out


@lru_cache(maxsize=4)
def mapping(root: str | None = None) -> dict[str, Code]:
    """ACLED sub-event type -> its :class:`Code`, from ``data/plover.yaml`` (checked once);
    ``root``: read the file from this directory instead (tests)."""
    from ..schema import taxonomy

    return parse(knowledge.load(FILE, root=root), [s for subs in taxonomy().values() for s in subs])


def _sentence(rec: Mapping[str, Any]) -> str:
    """The sentence of the record's ``event`` evidence ("" when it has none)."""
    return next((str(e.get("sentence") or "") for e in rec.get("evidence") or [] if e.get("field") == "event"), "")


def _coded(rec: Mapping[str, Any]) -> tuple[Code, str | None, str | None] | None:
    """(the sub-type's code, mode, CAMEO code) of a record, refined by its event sentence."""
    code = mapping().get(str(rec.get("sub_event_type") or ""))
    if code is None:
        return None
    if code.rules:
        text = f" {_norm(_sentence(rec))} "
        for r in code.rules:
            if any(f" {w} " in text for w in r.words):
                return code, r.mode, r.cameo_code
    return code, code.plover_mode, code.cameo_code


def codes(rec: Mapping[str, Any]) -> dict[str, Any]:
    """``plover_type``, ``plover_mode``, ``cameo_root``, ``cameo_code`` of a record (None for a
    sub-event type the mapping does not know)."""
    got = _coded(rec)
    if got is None:
        return dict.fromkeys(("plover_type", "plover_mode", "cameo_root", "cameo_code"))
    code, mode, cameo = got
    return {"plover_type": code.plover_type, "plover_mode": mode,
            "cameo_root": cameo[:2] if cameo else code.cameo_root, "cameo_code": cameo}


def _alpha3(iso: str | None) -> str | None:
    """POLECAT writes ISO alpha-3 codes; a code pycountry lacks (XK) is kept as it is."""
    if not iso:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=iso.upper())
    return c.alpha_3 if c else iso.upper()


def polecat_row(rec: Mapping[str, Any]) -> dict[str, Any]:
    """One line of the POLECAT-like export of a record (fields: :data:`FIELDS`)."""
    from ..what.actors_names import country_of_name

    got = _coded(rec)
    code = got[0] if got else None
    doer, other = ("actor2", "actor1") if code and code.actor == "actor2" else ("actor1", "actor2")
    c = codes(rec)
    event_id = rec.get("event_id")
    stored = isinstance(event_id, str) and "n_sources" in rec  # a store record: the API has it
    return {
        "event_id": event_id, "event_date": rec.get("date"), "date_precision": rec.get("date_precision"),
        "event_type": c["plover_type"], "event_mode": c["plover_mode"], "quad_code": code.quad if code else None,
        "cameo_root": c["cameo_root"], "cameo_code": c["cameo_code"],
        "actor_name": rec.get(doer), "actor_country": _alpha3(country_of_name(rec.get(doer))),
        "recipient_name": rec.get(other), "recipient_country": _alpha3(country_of_name(rec.get(other))),
        "placename": rec.get("location"), "state": rec.get("admin1"), "country": _alpha3(rec.get("country")),
        "geonames_id": rec.get("geonameid"), "latitude": rec.get("latitude"), "longitude": rec.get("longitude"),
        "fatalities": rec.get("fatalities"), "injured": rec.get("injured"),
        "historical": bool(rec.get("historical")), "confidence": rec.get("confidence"),
        "acled_event_type": rec.get("event_type"), "acled_sub_event_type": rec.get("sub_event_type"),
        "mapping_fit": code.fit if code else None, "event_text": _sentence(rec) or None,
        "story_id": rec.get("article_id"), "source": rec.get("source"), "url": rec.get("url"),
        "record_api": f"/api/events/{event_id}" if stored else None,
    }


def write_records(recs: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """The export of store records, one JSON object a line; returns how many."""
    n = 0
    for r in recs:
        out.write(json.dumps(polecat_row(r), ensure_ascii=False) + "\n")
        n += 1
    return n


class PloverEventWriter:
    """``eventwire extract --format plover``: extracted events to ``out`` as they come."""

    def __init__(self, out: TextIO):
        self.out, self.count = out, 0

    def write(self, events: Iterable[Event], article: Article | None = None) -> None:
        """Add one article's events (``article`` is not needed here)."""
        self.count += write_records((ev.to_dict() for ev in events), self.out)

    def __enter__(self) -> PloverEventWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        return None
