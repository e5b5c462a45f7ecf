"""The eventwire command end to end: inputs in, records out, bad input handled without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import jsonschema
import pytest

from eventwire import extract
from eventwire.cli import main
from eventwire.schema import event_schema, shipped_schema

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"

ARTICLE = """Gunmen kill five at checkpoint in eastern province

Gunmen killed five police officers at a checkpoint outside the town of Jalalabad on Tuesday, the provincial governor's office said.

The attackers opened fire from a passing car and fled before reinforcements arrived, officials said. Four other officers were wounded.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_shipped_schema_is_the_generated_one() -> None:
    assert shipped_schema() == event_schema()
    assert len(event_schema()["properties"]["sub_event_type"]["enum"]) == 25
    assert len(event_schema()["properties"]["event_type"]["enum"]) == 6


@pytest.mark.slow
def test_extract_samples_jsonl_validates_against_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "extract", *map(str, sorted(SAMPLES.iterdir())), "--quiet")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert records, "the samples report events"
    validator = jsonschema.Draft202012Validator(shipped_schema())
    for r in records:
        validator.validate(r)
        ev = next(e for e in r["evidence"] if e["field"] == "event")
        assert ev["sentence_start"] <= ev["start"] < ev["end"] <= ev["sentence_end"]
    # the economy article in the wire sample reports no event
    assert not [r for r in records if r["article_id"] == "wire-econ-2021-0301"]


@pytest.mark.slow
def test_evidence_offsets_index_the_article_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "2021-05-12-checkpoint.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(p), "--quiet")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records
    for r in records:
        for e in r["evidence"]:
            assert ARTICLE[e["start"]:e["end"]] == e["text"]
            assert ARTICLE[e["sentence_start"]:e["sentence_end"]] == e["sentence"]


@pytest.mark.slow
def test_main_event_first_and_history_flagged() -> None:
    text = (
        "Bomb blast kills three at bus station in Kenya\n\n"
        "A bomb exploded at a crowded bus station in Mombasa on Sunday, killing three people, police said.\n\n"
        "In 2014, gunmen killed 48 people in a raid on the coastal town of Mpeketoni."
    )
    events = extract(text, published="2023-06-12")
    assert events and not events[0].historical
    assert events[0].event_type == "Explosions/Remote violence"
    hist = [e for e in events if e.historical]
    assert hist and all(e.date and e.date.startswith("2014") for e in hist)


@pytest.mark.slow
def test_without_publication_date_relative_dates_stay_unresolved() -> None:
    events = extract("Police arrested twelve protesters in Nairobi on Friday, witnesses said.")
    assert events
    assert events[0].date is None and events[0].date_precision == "unknown"


@pytest.mark.slow
def test_csv_is_acled_style(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(SAMPLES / "wire.jsonl"), "--format", "csv", "--quiet")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"event_date", "time_precision", "event_type", "sub_event_type", "fatalities"} <= set(rows[0])
    for r in rows:
        assert r["time_precision"] in {"1", "2", "3"}


@pytest.mark.slow
def test_table_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(SAMPLES / "wire.jsonl"), "--format", "table", "--quiet")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["article", "date", "type"]
    assert "event" in out.splitlines()[-1]


def test_missing_file_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "extract", str(tmp_path / "missing.txt"))
    assert code == 2 and out == ""
    assert "missing.txt: no such file" in err and "Traceback" not in err


@pytest.mark.slow
def test_bad_article_in_a_batch_is_skipped_and_others_coded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "2021-05-12-good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02 binary")
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "x", "text": "Rebels shelled the town on Monday.", "published": "2020-02-30"}\n'
                     "not json\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(binary), str(good), str(batch), "--quiet")
    assert code == 1
    assert json.loads(out.splitlines()[0])["article_id"] == "2021-05-12-good"
    lines = err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in err
    assert "bad.txt: looks like a binary file" in lines[0]
    assert "batch.jsonl:1" in lines[1] and "batch.jsonl:2: invalid JSON" in lines[2]


def test_bad_published_argument(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["extract", "x.txt", "--published", "yesterday"])
    assert e.value.code == 2
    assert "bad publication date 'yesterday'" in capsys.readouterr().err


@pytest.mark.slow
def test_output_file_written_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "out" / "events.jsonl"
    code, out, _ = run(capsys, "extract", str(SAMPLES / "wire.jsonl"), "-o", str(out_file), "--quiet")
    assert code == 0 and out == ""
    assert out_file.read_text(encoding="utf-8").count("\n") >= 2
    assert [p.name for p in out_file.parent.iterdir()] == ["events.jsonl"]  # no temp file left
    umask = os.umask(0o022)
    os.umask(umask)
    assert out_file.stat().st_mode & 0o777 == 0o666 & ~umask  # an export, not a secret: not 0600


@pytest.mark.slow
def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, _ = run(capsys, "extract", "-", "--published", "2021-05-12", "--quiet")
    assert code == 0
    first = json.loads(out.splitlines()[0])
    assert first["article_id"] == "stdin" and first["date"] == "2021-05-11"


def test_a_broken_data_file_stops_the_batch_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.errors import DataFileError
    from eventwire.what import generic

    def broken() -> None:
        raise DataFileError("what/generic.yaml: key 'copulas': expected a list of words, got 7")

    monkeypatch.setattr(generic, "words", broken)
    for i in range(3):
        (tmp_path / f"2021-05-1{i}-a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "extract", *sorted(str(p) for p in tmp_path.iterdir()), "--quiet")
    assert code != 0 and out == "" and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "what/generic.yaml: key 'copulas'" in lines[0]  # said once, not per article
