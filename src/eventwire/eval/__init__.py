"""``eventwire eval``: score eventwire (or any system's JSONL output) against a gold file.

Three gold formats are recognised from their records (see :mod:`eventwire.eval.formats`):
dev-gold event records, CASE 2021 sub-event typing snippets, and geo toponyms. The scoring
follows the project's scoring spec, so the figures are the same as the reference scorers' on the
same output::

    from eventwire.eval import evaluate
    report = evaluate("dev-gold.jsonl")                  # runs eventwire on the gold's inputs
    report = evaluate("dev-gold.jsonl", "events.jsonl")  # scores a system file
    print(report.format())
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .events import EventScores, score_events
from .formats import EVENTS, PLACES, TYPING, parse_system_lines, read_gold, read_system
from .places import PlaceScores, score_places
from .report import EvalReport
from .runner import RunInfo, run_system
from .subtypes import TypingScores, check_gold, score_typing

__all__ = [
    "EvalReport",
    "EventScores",
    "PlaceScores",
    "RunInfo",
    "TypingScores",
    "evaluate",
    "score_events",
    "score_places",
    "score_typing",
]


def evaluate(
    gold_path: str,
    system_path: str | None = None,
    verbose: bool = False,
    save_system: str | None = None,
) -> EvalReport:
    """Score a system against ``gold_path``.

    With ``system_path`` None, eventwire runs in-process on the gold's inputs (as the scoring
    protocol runs the CLI) and its output is scored. ``save_system`` names a file to write the
    output that was scored to (JSONL, one record a line; the lines of ``system_path`` when given).
    ``verbose`` adds per-event details (misses, false events, leaks), typing confusions, or
    per-type place accuracy to :meth:`EvalReport.format`.
    Raises :class:`~eventwire.errors.InputError` for an unreadable or unrecognised file.
    """
    gold_path, system_path = str(gold_path), None if system_path is None else str(system_path)
    kind, gold = read_gold(gold_path)
    if kind == TYPING:
        check_gold(gold, gold_path)
    run = None
    if system_path is None:
        lines, run = run_system(kind, gold)
        system = parse_system_lines(lines)
    else:
        system = read_system(system_path)
        lines = system.lines
    if save_system:
        try:
            Path(save_system).write_text(
                "".join(line.rstrip("\n") + "\n" for line in lines), encoding="utf-8"
            )
        except OSError as e:
            raise InputError(save_system, f"cannot write the system output ({e})") from e

    report = EvalReport(
        kind=kind,
        gold_path=gold_path,
        system_path=system_path,
        gold_records=len(gold),
        run=run,
        saved_system=save_system,
        verbose=verbose,
    )
    if kind == EVENTS:
        report.events = score_events(gold, system.rows, system.bad_lines)
    elif kind == TYPING:
        report.typing = score_typing(gold, system.rows, system.bad_lines)
    elif kind == PLACES:
        report.places = score_places(gold, system.rows, system.bad_lines)
    return report
