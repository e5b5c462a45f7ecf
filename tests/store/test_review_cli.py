"""The analysts' loop from the command line, with the real coder: ingest, review, an updated page,
re-code, history, and the corrections scored by ``eventwire eval`` (SQLite; the actions themselves
are tested on both back ends in test_review.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main

BOMB = ("Car bomb kills 9 in Mogadishu\n\nMOGADISHU, Somalia (March 3, 2024) - A car bomb exploded outside a "
        "hotel in Mogadishu on Saturday, killing nine people, police said.\n")
BOMB_V2 = ("Car bomb kills 14 in Mogadishu\n\nMOGADISHU, Somalia (March 3, 2024) - A car bomb exploded outside "
           "a hotel in Mogadishu on Saturday, killing 14 people, police said, revising an earlier toll.\n")
MARCH = ("Teachers march in Nairobi\n\nNAIROBI, Kenya (March 4, 2024) - Hundreds of teachers marched "
         "peacefully through Nairobi on Monday to demand higher pay, the union said.\n")


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _events(db: str, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:
    capsys.readouterr()
    assert main(["events", "--db", db, "--format", "jsonl", *extra]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_review_update_recode_and_score_against_the_corrections(tmp_path: Path, capsys, monkeypatch) -> None:
    db = str(tmp_path / "s.db")
    arts = [{"id": "bomb", "url": "https://wire.example/bomb", "published": "2024-03-03", "text": BOMB},
            {"id": "march", "url": "https://wire.example/march", "published": "2024-03-04", "text": MARCH}]
    assert main(["ingest", str(_write(tmp_path / "a.jsonl", arts)), "--db", db, "-q"]) == 0
    evs = {e["sub_event_type"]: e for e in _events(db, capsys)}
    bomb, march = evs["Remote explosive/landmine/IED"], evs["Peaceful protest"]
    assert bomb["fatalities"] == 9 and bomb["status"] == "unreviewed"

    monkeypatch.setenv("EVENTWIRE_REVIEWER", "amina")
    assert main(["review", "edit", bomb["event_id"], "--set", "actor1=Al-Shabaab", "--db", db,
                 "--version", str(bomb["version"]), "--reason", "claimed by the group"]) == 0
    assert main(["review", "reject", march["event_id"], "--reason", "outside our scope", "--db", db]) == 0
    # a stale version is one line and exit 2
    assert main(["review", "accept", bomb["event_id"], "--version", "1", "--db", db]) == 2
    assert "changed since it was loaded" in capsys.readouterr().err

    # the page is updated (same URL, a revised toll): re-coded, same event, the pinned actor kept
    v2 = [{"id": "bomb-v2", "url": "https://wire.example/bomb", "published": "2024-03-03", "text": BOMB_V2}]
    capsys.readouterr()
    assert main(["ingest", str(_write(tmp_path / "b.jsonl", v2)), "--db", db]) == 0
    assert "updated bomb-v2" in capsys.readouterr().out
    (ev,) = _events(db, capsys)
    assert ev["event_id"] == bomb["event_id"] and ev["fatalities"] == 14 and ev["actor1"] == "Al-Shabaab"
    assert ev["machine"]["actor1"] != "Al-Shabaab" and ev["pinned"] == ["actor1"]
    assert main(["recode", "--db", db, "-q"]) == 0
    (ev2,) = _events(db, capsys)
    assert (ev2["event_id"], ev2["actor1"], ev2["fatalities"]) == (bomb["event_id"], "Al-Shabaab", 14)
    assert [e["event_id"] for e in _events(db, capsys, "--status", "rejected")] == [march["event_id"]]

    capsys.readouterr()
    assert main(["history", bomb["event_id"], "--db", db]) == 0
    out = capsys.readouterr().out
    assert "edit      by amina actor1:" in out and "(claimed by the group)" in out
    assert "article-updated by eventwire fatalities: 9 -> 14" in out

    # the corrections as gold; the coder scored against them: the rejected march is a false event,
    # and the actor the coder does not find is a wrong field
    gold = tmp_path / "corrections.jsonl"
    assert main(["corrections", "export", "--db", db, "-o", str(gold), "-q"]) == 0
    lines = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
    assert [(x["id"], len(x["events"])) for x in lines] == [("bomb", 1), ("march", 0)]
    assert lines[0]["events"][0]["actor1"] == "Al-Shabaab" and lines[0]["text"] == BOMB_V2
    capsys.readouterr()
    assert main(["eval", str(gold), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    scores = rep["scores"]
    assert (scores["tp"], scores["fp"], scores["fn"], scores["negative_false_events"]) == (1, 1, 0, 1)
    f = scores["fields"]
    assert (f["actor1"]["right"], f["actor1"]["n"]) == (0, 1)
    assert (f["fatalities"]["right"], f["fatalities"]["n"]) == (1, 1)
