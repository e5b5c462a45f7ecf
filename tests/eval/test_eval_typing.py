"""Sub-event typing scores (CASE 2021 format) on a 3-class fixture, hand-computed."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.eval import evaluate, score_typing
from eventwire.eval.subtypes import canon, canon_event_type

FIX = Path(__file__).parent / "fixtures"


def test_weighted_f1_on_three_classes() -> None:
    # t1 right, t2 right (CASE code), t3 wrong (protest), t4 right (its second event ignored),
    # t5 no event (-> Other), t6 "Detention" (not ACLED); t9 is not in the gold (stray).
    r = evaluate(str(FIX / "typing-gold.jsonl"), str(FIX / "typing-system.jsonl"))
    t = r.typing
    assert r.kind == "typing" and t is not None
    rows = {c.sub_event_type: c for c in t.classes}
    assert [c.sub_event_type for c in t.classes] == ["Armed clash", "Peaceful protest", "Arrests"]
    assert (rows["Armed clash"].precision, rows["Armed clash"].recall) == (1.0, pytest.approx(2 / 3))
    assert rows["Armed clash"].f1 == pytest.approx(0.8)
    assert rows["Peaceful protest"].f1 == pytest.approx(0.5)
    assert rows["Arrests"].f1 == 0.0
    assert t.weighted_f1 == pytest.approx((0.8 * 3 + 0.5 * 2 + 0.0 * 1) / 6)
    assert t.macro_f1 == pytest.approx((0.8 + 0.5 + 0.0) / 3)
    assert t.accuracy == pytest.approx(0.5)
    assert t.event_type_accuracy == pytest.approx(4 / 6)  # t2 derived from its sub-type; t5 wrong
    assert (t.no_event, t.stray) == (1, 1)
    assert t.non_acled == {"Detention": 1}
    assert t.predicted_absent == {"Other": 1}
    assert r.summary() == (
        "typing: weighted F1=0.567 macro F1=0.433 acc=0.500 event_type acc=0.667 n=6 "
        "classes=3 no-event=1 non-ACLED=1 stray=1"
    )
    assert r.headline == ("weighted_f1", pytest.approx(0.5667, abs=1e-4))


def test_names_codes_and_spacing() -> None:
    assert canon("Air / drone strike") == "Air/drone strike"
    assert canon("ARMED_CLASH") == "Armed clash"
    assert canon("armed   clash") == "Armed clash"
    assert canon("Arrest") == "Arrests"  # the CASE code ARREST
    assert canon("Detention") is None and canon(None) is None
    assert canon_event_type("explosions / remote violence") == "Explosions/Remote violence"


def test_empty_system_predicts_other_everywhere() -> None:
    gold = [
        {"id": "1", "label": "OTHER", "sub_event_type": "Other", "event_type": "Strategic developments"},
        {"id": "2", "label": "ARREST", "sub_event_type": "Arrests", "event_type": "Strategic developments"},
    ]
    t = score_typing(gold, [])
    assert t.accuracy == 0.5 and t.no_event == 2
    assert t.event_type_accuracy == 1.0
    assert t.weighted_f1 == pytest.approx((2 / 3) / 2)  # Other: P 1/2, R 1 -> F1 2/3, support 1


def test_unknown_gold_label_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "1", "text": "x", "label": "X", "sub_event_type": "Picnic"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="Picnic"):
        evaluate(str(p), str(FIX / "typing-system.jsonl"))
