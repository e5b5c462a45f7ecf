"""The result of one evaluation: the figures of one gold format, readable text and a JSON dict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .events import EventScores
from .places import PlaceScores
from .runner import RunInfo
from .subtypes import TypingScores


@dataclass
class EvalReport:
    """Figures for one gold file. Exactly one of ``events`` / ``typing`` / ``places`` is set,
    according to ``kind``; ``run`` is set when eventwire ran in-process (no system file given)."""

    kind: str  # "events" | "typing" | "places"
    gold_path: str
    system_path: str | None
    gold_records: int
    events: EventScores | None = None
    typing: TypingScores | None = None
    places: PlaceScores | None = None
    run: RunInfo | None = None
    saved_system: str | None = None
    verbose: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def scores(self) -> EventScores | TypingScores | PlaceScores:
        s = {"events": self.events, "typing": self.typing, "places": self.places}[self.kind]
        assert s is not None
        return s

    @property
    def headline(self) -> tuple[str, float]:
        """The main figure of this format: event F1, weighted typing F1, or end-to-end acc@161."""
        if self.events is not None:
            return "f1", self.events.f1
        if self.typing is not None:
            return "weighted_f1", self.typing.weighted_f1
        assert self.places is not None
        return "acc161", self.places.acc161

    def summary(self) -> str:
        """The reference scorer's summary line for the same output."""
        return self.scores.summary()

    def format(self) -> str:
        """Readable text: where the figures come from, the details, and the summary line last."""
        src = self.system_path or "eventwire (run in-process)"
        out = [f"eval {self.kind}: gold {self.gold_path} ({self.gold_records} records), system {src}"]
        if self.run is not None:
            r = self.run
            out.append(
                f"run: {r.articles} articles -> {r.records} records in {r.seconds:.1f}s"
                + (f", {len(r.errors)} articles failed" if r.errors else "")
            )
            out += [f"  failed {aid}: {err}" for aid, err in r.errors[:10]]
        if self.saved_system:
            out.append(f"system output saved to {self.saved_system}")
        out += self.notes
        if self.events is not None:
            if self.verbose:
                out += self.events.details
            if self.events.bad_lines:
                out.append(f"system file: {self.events.bad_lines} lines were not JSON objects (ignored)")
            out += self.events.lines()
        elif self.typing is not None:
            out += self.typing.lines(confusions=10 if self.verbose else 0)
        elif self.places is not None:
            if self.places.bad_lines:
                out.append(f"system file: {self.places.bad_lines} unreadable line(s) (ignored)")
            out += self.places.lines(by_type=self.verbose)
        out.append(self.summary())
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready values (for ``--json``)."""
        name, value = self.headline
        return {
            "kind": self.kind,
            "gold": self.gold_path,
            "system": self.system_path,
            "gold_records": self.gold_records,
            "headline": {"name": name, "value": value},
            "scores": self.scores.to_dict(),
            "summary": self.summary(),
            "run": None if self.run is None else self.run.to_dict(),
            "saved_system": self.saved_system,
        }
