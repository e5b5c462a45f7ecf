"""ingest loads events coded earlier (extract --format parquet) exactly as it stores freshly coded ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def stored_events(db: str, capsys: pytest.CaptureFixture[str]) -> list[tuple]:
    capsys.readouterr()
    assert main(["events", "--db", db, "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    return sorted((r["sub_event_type"], r["date"], r["location"], r["fatalities"], r["n_sources"]) for r in rows)


@pytest.mark.slow
def test_parquet_coded_events_ingest_like_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [str(SAMPLES / "wire.jsonl"), str(SAMPLES / "2023-11-04-rabat-teachers-protest.txt")]
    coded = tmp_path / "coded"
    assert main(["extract", *inputs, "--format", "parquet", "-o", str(coded), "-q"]) == 0
    from_parquet, from_articles = str(tmp_path / "p.db"), str(tmp_path / "a.db")
    assert main(["ingest", str(coded), "--db", from_parquet, "-q"]) == 0
    assert main(["ingest", *inputs, "--db", from_articles, "-q"]) == 0
    events = stored_events(from_parquet, capsys)
    assert events and events == stored_events(from_articles, capsys)
    # loading the same files again stores nothing twice
    capsys.readouterr()
    assert main(["ingest", str(coded), "--db", from_parquet]) == 0
    assert "already stored" in capsys.readouterr().out
    assert stored_events(from_parquet, capsys) == events


def test_coded_and_uncoded_inputs_are_not_mixed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    coded = tmp_path / "coded"
    (coded / "events").mkdir(parents=True)
    (coded / "articles").mkdir()
    code = main(["ingest", str(coded), str(SAMPLES / "wire.jsonl"), "--db", str(tmp_path / "x.db"), "-q"])
    assert code == 2 and "not both at once" in capsys.readouterr().err


@pytest.mark.slow
def test_ingest_on_two_workers_stores_the_same_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = [str(SAMPLES / "wire.jsonl"), str(SAMPLES / "2022-08-20-sahel-army-retakes-town.txt")]
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert main(["ingest", *inputs, "--db", one, "-q"]) == 0
    assert main(["ingest", *inputs, "--db", two, "--workers", "2", "-q"]) == 0
    events = stored_events(one, capsys)
    assert events and events == stored_events(two, capsys)
