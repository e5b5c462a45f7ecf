"""evaluate() without a system file: eventwire runs in-process on the gold's inputs (spaCy needed)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.eval import evaluate

FIX = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("gold", ["events-gold", "typing-gold", "places-gold"])
def test_run_save_and_rescore(tmp_path: Path, gold: str) -> None:
    saved = tmp_path / "system.jsonl"
    r = evaluate(str(FIX / f"{gold}.jsonl"), save_system=str(saved))
    assert r.run is not None and r.run.errors == [], r.run
    gold_ids = {json.loads(x)["id"] for x in (FIX / f"{gold}.jsonl").read_text(encoding="utf-8").splitlines()}
    rows = [json.loads(x) for x in saved.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == r.run.records
    assert {row["article_id"] for row in rows} <= gold_ids
    # scoring the saved file gives the very same figures as the in-process run
    again = evaluate(str(FIX / f"{gold}.jsonl"), str(saved))
    assert again.summary() == r.summary()
    assert again.to_dict()["scores"] == r.to_dict()["scores"]


@pytest.mark.parametrize("gold", ["events-gold", "typing-gold", "places-gold"])
def test_saved_output_agrees_with_reference(
    tmp_path: Path, agree: Callable[[Path, Path], None], gold: str
) -> None:
    saved = tmp_path / "system.jsonl"
    evaluate(str(FIX / f"{gold}.jsonl"), save_system=str(saved))
    agree(FIX / f"{gold}.jsonl", saved)


def test_events_fixture_is_coded_sensibly(tmp_path: Path) -> None:
    """Not a quality bar, a smoke test: the plain fixture articles yield some right events."""
    r = evaluate(str(FIX / "events-gold.jsonl"))
    assert r.events is not None and r.events.tp >= 1, r.format()
