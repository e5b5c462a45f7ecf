"""Scoring ACLED sub-event typing of short snippets (the CASE 2021 Task 2 ``typing`` gold format).

One prediction per snippet: the FIRST event the system lists for it. A snippet with no event is
predicted "Other" (Strategic developments / Other). A ``sub_event_type`` that is not one of ACLED's
25 names (compared case-insensitively, spaces around "/" ignored; CASE codes accepted) is wrong and
predicts no class. Metrics as in the CASE 2021 overview: weighted F1 (per-class F1 weighted by gold
support, over the gold classes), macro F1 (classes present in the gold), accuracy, and event-type
accuracy (from the event's ``event_type``, or derived from its sub-type when absent).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .metrics import prf

# ACLED sub_event_type -> (event_type, CASE 2021 Task 2 code), in ACLED's order
ACLED: dict[str, tuple[str, str]] = {
    "Government regains territory": ("Battles", "GOV_REGAINS_TERIT"),
    "Non-state actor overtakes territory": ("Battles", "NON_STATE_ACTOR_OVERTAKES_TER"),
    "Armed clash": ("Battles", "ARMED_CLASH"),
    "Excessive force against protesters": ("Protests", "FORCE_AGAINST_PROTEST"),
    "Protest with intervention": ("Protests", "PROTEST_WITH_INTER"),
    "Peaceful protest": ("Protests", "PEACE_PROTEST"),
    "Violent demonstration": ("Riots", "VIOL_DEMONSTR"),
    "Mob violence": ("Riots", "MOB_VIOL"),
    "Chemical weapon": ("Explosions/Remote violence", "CHEM_WEAP"),
    "Air/drone strike": ("Explosions/Remote violence", "AIR_STRIKE"),
    "Suicide bomb": ("Explosions/Remote violence", "SUIC_BOMB"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "ART_MISS_ATTACK"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "REM_EXPLOS"),
    "Grenade": ("Explosions/Remote violence", "GRENADE"),
    "Sexual violence": ("Violence against civilians", "SEX_VIOL"),
    "Attack": ("Violence against civilians", "ATTACK"),
    "Abduction/forced disappearance": ("Violence against civilians", "ABDUCT_DISSAP"),
    "Agreement": ("Strategic developments", "AGREEMENT"),
    "Arrests": ("Strategic developments", "ARREST"),
    "Change to group/activity": ("Strategic developments", "CHANGE_TO_GROUP_ACT"),
    "Disrupted weapons use": ("Strategic developments", "DISR_WEAP"),
    "Headquarters or base established": ("Strategic developments", "HQ_ESTABLISHED"),
    "Looting/property destruction": ("Strategic developments", "PROPERTY_DISTRUCT"),
    "Non-violent transfer of territory": ("Strategic developments", "NON_VIOL_TERRIT_TRANSFER"),
    "Other": ("Strategic developments", "OTHER"),
}
NO_EVENT = "Other"
UNKNOWN = "(not an ACLED sub-type)"
EVENT_TYPES = tuple(dict.fromkeys(t for t, _ in ACLED.values()))


def norm(value: object) -> str:
    """Lower case, no spaces around "/", runs of spaces and underscores as one space."""
    s = re.sub(r"\s*/\s*", "/", str(value or "").strip().lower())
    return re.sub(r"[\s_]+", " ", s)


_LOOKUP: dict[str, str] = {}
for _name, (_etype, _code) in ACLED.items():
    _LOOKUP[norm(_name)] = _name
    _LOOKUP[norm(_code)] = _name


def canon(value: object) -> str | None:
    """ACLED's sub-type name for a system's ``sub_event_type`` (a name or CASE code), or None."""
    return _LOOKUP.get(norm(value))


def canon_event_type(value: object) -> str | None:
    """ACLED's event-type name for ``value``, or None."""
    for t in EVENT_TYPES:
        if norm(t) == norm(value):
            return t
    return None


@dataclass
class ClassRow:
    """Precision, recall, F1 and gold support of one sub-type."""

    sub_event_type: str
    code: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class TypingScores:
    """Sub-event typing figures over one gold file."""

    n: int = 0
    accuracy: float = 0.0
    macro_f1: float = 0.0
    weighted_f1: float = 0.0
    event_type_accuracy: float = 0.0
    classes: list[ClassRow] = field(default_factory=list)  # gold classes, in ACLED's order
    no_event: int = 0  # snippets the system gave no event (predicted "Other")
    non_acled: dict[str, int] = field(default_factory=dict)  # unknown sub-types predicted, with counts
    predicted_absent: dict[str, int] = field(default_factory=dict)  # predicted classes absent from gold
    stray: int = 0  # system article ids not in the gold
    bad_lines: int = 0
    confusions: list[tuple[str, str, int]] = field(default_factory=list)  # (gold, predicted, count)

    def lines(self, confusions: int = 0) -> list[str]:
        """The per-class table and notes, as the reference scorer prints them (summary excluded)."""
        out = [f"{'sub_event_type':36s} {'code':30s} {'P':>5s} {'R':>5s} {'F1':>5s} {'n':>4s}"]
        for r in sorted(self.classes, key=lambda r: (-r.support, r.sub_event_type)):
            out.append(
                f"{r.sub_event_type:36s} {r.code:30s} {r.precision:5.2f} {r.recall:5.2f} "
                f"{r.f1:5.2f} {r.support:4d}"
            )
        if self.predicted_absent:
            out.append(
                "predicted but absent from gold: "
                + ", ".join(f"{c} x{k}" for c, k in self.predicted_absent.items())
            )
        if self.non_acled:
            shown = list(self.non_acled.items())[:8]
            out.append(
                f"not ACLED sub-types ({sum(self.non_acled.values())}): "
                + ", ".join(f"{k!r} x{v}" for k, v in shown)
            )
        if confusions:
            out.append("most frequent confusions (gold -> predicted):")
            out += [f"  {k:3d}  {g} -> {p}" for g, p, k in self.confusions[:confusions]]
        if self.bad_lines:
            out.append(f"system file: {self.bad_lines} lines were not JSON (ignored)")
        out.append(
            f"accuracy {self.accuracy:.3f}  macro F1 {self.macro_f1:.3f}  weighted F1 "
            f"{self.weighted_f1:.3f}  event-type accuracy {self.event_type_accuracy:.3f}"
        )
        return out

    def summary(self) -> str:
        """The reference scorer's one-line summary (no threshold)."""
        return (
            f"typing: weighted F1={self.weighted_f1:.3f} macro F1={self.macro_f1:.3f} "
            f"acc={self.accuracy:.3f} "
            f"event_type acc={self.event_type_accuracy:.3f} n={self.n} classes={len(self.classes)} "
            f"no-event={self.no_event} non-ACLED={sum(self.non_acled.values())} stray={self.stray}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "weighted_f1": self.weighted_f1,
            "event_type_accuracy": self.event_type_accuracy,
            "classes": [vars(r) for r in self.classes],
            "no_event": self.no_event,
            "non_acled": self.non_acled,
            "predicted_absent": self.predicted_absent,
            "stray": self.stray,
            "bad_lines": self.bad_lines,
            "confusions": [{"gold": g, "predicted": p, "count": k} for g, p, k in self.confusions],
        }


def check_gold(gold: list[dict[str, Any]], path: str = "gold") -> None:
    """Raise :class:`InputError` when a gold snippet's sub-type is not one of ACLED's."""
    for g in gold:
        if canon(g.get("sub_event_type")) is None:
            raise InputError(path, f"gold {g.get('id')}: unknown sub_event_type {g.get('sub_event_type')!r}")


def score_typing(
    gold: list[dict[str, Any]], system: Iterable[dict[str, Any]], bad_lines: int = 0
) -> TypingScores:
    """Score the first system event of each snippet against its gold sub-type."""
    check_gold(gold)
    first: dict[str, dict[str, Any]] = {}
    for e in system:
        if e.get("article_id") is not None:
            first.setdefault(str(e["article_id"]), e)
    gold_ids = {str(g["id"]) for g in gold}

    pairs: list[tuple[str, str]] = []
    et_ok = no_event = 0
    unknown: Counter[str] = Counter()
    for g in gold:
        gs = canon(g["sub_event_type"])
        assert gs is not None  # checked above
        e = first.get(str(g["id"]))
        if e is None:
            ps: str | None = NO_EVENT
            pe: str | None = ACLED[NO_EVENT][0]
            no_event += 1
        else:
            ps = canon(e.get("sub_event_type"))
            pe = canon_event_type(e.get("event_type")) or (ACLED[ps][0] if ps else None)
            if ps is None:
                unknown[str(e.get("sub_event_type"))] += 1
                ps = UNKNOWN
        et_ok += pe == ACLED[gs][0]
        pairs.append((gs, ps))

    n = len(pairs)
    support = Counter(gs for gs, _ in pairs)
    rows = []
    for c in (c for c in ACLED if support[c]):
        tp = sum(1 for gs, ps in pairs if gs == c and ps == c)
        fp = sum(1 for gs, ps in pairs if gs != c and ps == c)
        rows.append(ClassRow(c, ACLED[c][1], *prf(tp, fp, support[c] - tp), support[c]))
    absent = Counter(ps for _, ps in pairs if ps in ACLED and not support[ps])
    conf = Counter((gs, ps) for gs, ps in pairs if gs != ps)
    return TypingScores(
        n=n,
        accuracy=sum(1 for gs, ps in pairs if gs == ps) / n if n else 0.0,
        macro_f1=sum(r.f1 for r in rows) / len(rows) if rows else 0.0,
        weighted_f1=sum(r.f1 * r.support for r in rows) / n if n else 0.0,
        event_type_accuracy=et_ok / n if n else 0.0,
        classes=rows,
        no_event=no_event,
        non_acled=dict(unknown.most_common()),
        predicted_absent=dict(absent.most_common()),
        stray=len(set(first) - gold_ids),
        bad_lines=bad_lines,
        confusions=[(g, p, k) for (g, p), k in conf.most_common()],
    )
