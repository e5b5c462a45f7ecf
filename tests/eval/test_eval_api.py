"""evaluate(): format detection, input errors, report formatting and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.eval import evaluate
from eventwire.eval.formats import kind_of, parse_system_lines
from eventwire.eval.runner import gold_articles

FIX = Path(__file__).parent / "fixtures"


def test_kind_detection() -> None:
    assert kind_of({"id": 1, "events": []}) == "events"
    assert kind_of({"id": 1, "label": "ARREST", "sub_event_type": "Arrests"}) == "typing"
    assert kind_of({"id": 1, "label": "ARREST", "sub_event_type": "Arrests", "events": []}) == "events"
    assert kind_of({"id": 1, "toponyms": []}) == "places"
    assert kind_of({"id": 1, "sub_event_type": "Arrests"}) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "no gold here"}\n', "unknown gold format"),
        ('{"id": "a", "events": []}\nnot json\n', "not JSON"),
        ('{"id": "a", "events": []}\n{"id": "b", "toponyms": []}\n', "places record in a file of events"),
        ('["a list"]\n', "JSON object"),
        ("\n\n", "no records"),
    ],
)
def test_bad_gold_files(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "gold.jsonl"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        evaluate(str(p), str(FIX / "events-perfect.jsonl"))


def test_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        evaluate(str(tmp_path / "nope.jsonl"), str(FIX / "events-perfect.jsonl"))
    assert e.value.where.endswith("nope.jsonl")
    with pytest.raises(InputError, match="system file"):
        evaluate(str(FIX / "events-gold.jsonl"), str(tmp_path / "nope.jsonl"))


def test_save_system_copies_a_given_system_file(tmp_path: Path) -> None:
    out = tmp_path / "saved.jsonl"
    r = evaluate(str(FIX / "events-gold.jsonl"), str(FIX / "events-flawed.jsonl"), save_system=str(out))
    assert out.read_text(encoding="utf-8") == (FIX / "events-flawed.jsonl").read_text(encoding="utf-8")
    assert r.saved_system == str(out) and f"saved to {out}" in r.format()
    with pytest.raises(InputError, match="cannot write"):
        evaluate(str(FIX / "events-gold.jsonl"), str(FIX / "events-flawed.jsonl"), save_system=str(tmp_path))


def test_bad_system_lines_are_skipped_and_counted(tmp_path: Path) -> None:
    lines = (FIX / "events-perfect.jsonl").read_text(encoding="utf-8").splitlines()
    p = tmp_path / "sys.jsonl"
    p.write_text("\n".join([lines[0], "{broken", "[1, 2]", "", *lines[1:]]) + "\n", encoding="utf-8")
    r = evaluate(str(FIX / "events-gold.jsonl"), str(p))
    assert r.events is not None and r.events.bad_lines == 2 and r.events.f1 == 1.0
    assert "2 lines were not JSON" in r.format()


def test_lines_split_like_files_not_like_splitlines() -> None:
    # U+2028 inside a JSON string (written with ensure_ascii=False) must not split the line
    sf = parse_system_lines(['{"article_id": "a", "location": "x\u2028y"}\n'])
    assert sf.bad_lines == 0 and sf.rows[0]["location"] == "x\u2028y"


def test_to_dict_is_json_and_format_ends_with_summary() -> None:
    for gold, system in [
        ("events-gold", "events-flawed"),
        ("typing-gold", "typing-system"),
        ("places-gold", "places-system"),
    ]:
        r = evaluate(str(FIX / f"{gold}.jsonl"), str(FIX / f"{system}.jsonl"), verbose=True)
        d = json.loads(json.dumps(r.to_dict()))
        assert d["kind"] == r.kind and d["summary"] == r.summary()
        assert r.format().splitlines()[-1] == r.summary()
        assert d["run"] is None and d["system"].endswith(f"{system}.jsonl")


def test_gold_articles_follow_the_protocol() -> None:
    ev = [json.loads(x) for x in (FIX / "events-gold.jsonl").read_text(encoding="utf-8").splitlines()]
    a = gold_articles("events", ev)[0]
    assert (a.id, a.title, a.url, str(a.published)) == (
        "ng-clash",
        ev[0]["title"],
        ev[0]["url"],
        "2021-05-09",
    )
    ty = [json.loads(x) for x in (FIX / "typing-gold.jsonl").read_text(encoding="utf-8").splitlines()]
    t = gold_articles("typing", ty)[0]
    assert (t.id, t.title, t.url, t.published) == ("t1", None, None, None)
    pl = [json.loads(x) for x in (FIX / "places-gold.jsonl").read_text(encoding="utf-8").splitlines()]
    p1, p2 = gold_articles("places", pl)
    assert (str(p1.published), p1.title, p2.published) == ("2024-06-03", None, None)
