"""Parallel coding (local processes, a Dask LocalCluster), Parquet articles in, Parquet events out.

The central promise: the same input gives the same events, in the same order, whether it is
coded by ``pipeline.run``, by 2 local worker processes, or on a 2-worker Dask cluster.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire import parallel, pipeline
from eventwire.cli import main
from eventwire.errors import EventwireError, InputError
from eventwire.output import parquet as parquet_events
from eventwire.record import Article
from eventwire.sources import read

REPO = Path(__file__).resolve().parents[1]
CORPUS = sorted(str(p) for d in ("samples", "bench/corpus") for p in (REPO / d).iterdir() if p.is_file())


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The project's articles, as files and as .jsonl.gz and .parquet copies, plus bad input."""
    tmp = tmp_path_factory.mktemp("in")
    wire = (REPO / "bench" / "corpus" / "invented-wire.jsonl").read_bytes()
    (tmp / "wire.jsonl.gz").write_bytes(gzip.compress(wire))
    rows = [json.loads(line) for line in wire.decode("utf-8").splitlines() if line.strip()]
    pq.write_table(pa.Table.from_pylist([{**r, "id": f"pq-{r['id']}"} for r in rows]), tmp / "wire.parquet")
    good = json.loads((REPO / "samples" / "wire.jsonl").read_text(encoding="utf-8").splitlines()[0])
    (tmp / "mixed.jsonl").write_text("{not json\n" + json.dumps({**good, "id": "copy-1"}) + "\n" + '{"id": "x"}\n',
                                     encoding="utf-8")
    extra = [str(tmp / n) for n in ("wire.jsonl.gz", "wire.parquet", "mixed.jsonl")]
    return [*CORPUS, *extra, str(REPO / "samples" / "missing.txt")]


@pytest.fixture(scope="module")
def reference(inputs: list[str]) -> tuple[list[str], list[list[dict[str, Any]]], list[str]]:
    """Single-process run: (article ids, event dicts per article, input errors)."""
    errors = [str(i) for i in read(inputs) if isinstance(i, InputError)]
    results = list(pipeline.run(a for a in read(inputs) if isinstance(a, Article)))
    assert not any(r.error for r in results)
    return [r.article.id for r in results], [[e.to_dict() for e in r.events] for r in results], errors


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as c:
        yield c


def _coded(inputs: list[str], **kw: Any) -> tuple[list[str], list[list[dict[str, Any]]], list[str]]:
    errors: list[str] = []
    results = list(parallel.run(inputs, None, on_input_error=lambda e: errors.append(str(e)), chunk_size=2, **kw))
    assert not any(r.error for r in results)
    return [r.article.id for r in results], [[e.to_dict() for e in r.events] for r in results], errors


@pytest.mark.slow
def test_local_workers_give_the_single_process_result(inputs: list[str], reference: Any) -> None:
    ids, events, errors = _coded(inputs, workers=2)
    assert (ids, events, errors) == reference
    assert len(ids) >= 10 and sum(map(len, events)) >= 10  # a real corpus, several chunks per worker
    assert ids.count("copy-1") == 1 and sum(i.startswith("pq-") for i in ids) == 2
    assert any("missing.txt: no such file" in e for e in errors) and any("invalid JSON" in e for e in errors)


@pytest.mark.slow
def test_dask_local_cluster_gives_the_single_process_result(inputs: list[str], reference: Any,
                                                           cluster: Any) -> None:
    assert _coded(inputs, dask_address=cluster.scheduler_address) == reference


@pytest.mark.slow
def test_cli_dask_parquet_directory_round_trips(tmp_path: Path, reference: Any, cluster: Any,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "coded"
    code = main(["extract", *CORPUS, "--dask", cluster.scheduler_address, "--format", "parquet",
                 "-o", str(out), "-q"])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in (out / "events").iterdir()) == ["part-00000.parquet"]
    pairs = list(parquet_events.read_coded([str(out)]))
    ref_ids, ref_events, _ = reference
    n = len(pairs)
    assert [a.id for a, _ in pairs] == ref_ids[:n] and n == len(list(read(CORPUS)))
    assert [[e.to_dict() for e in evs] for _, evs in pairs] == ref_events[:n]
    first = next(a for a in read(CORPUS) if isinstance(a, Article))
    assert pairs[0][0] == first  # the article comes back whole (text, date, origin) for the store
    table = pq.read_table(out / "events" / "part-00000.parquet")
    assert table.schema.field("evidence").type == parquet_events.event_schema().field("evidence").type
    assert table.num_rows == sum(map(len, ref_events[:n]))


def _events(n: int) -> list[tuple[Article, list[Any]]]:
    arts = [a for a in read(CORPUS) if isinstance(a, Article)][:n]
    return [(r.article, r.events) for r in pipeline.run(arts)]


@pytest.mark.slow
@pytest.mark.parametrize("target", ["one.parquet", "parts"])
def test_parquet_event_files_round_trip(tmp_path: Path, target: str) -> None:
    coded = _events(5)
    assert sum(len(e) for _, e in coded) > 0
    with parquet_events.ParquetEventWriter(str(tmp_path / target), partition_articles=2) as w:
        for article, events in coded:
            w.write(events, article)
    back = list(parquet_events.read_coded([str(tmp_path / target)]))
    assert [a for a, _ in back] == [a for a, _ in coded]
    assert [[e.to_dict() for e in evs] for _, evs in back] == [[e.to_dict() for e in evs] for _, evs in coded]
    assert parquet_events.is_coded(str(tmp_path / target))
    assert not parquet_events.is_coded(str(REPO / "samples" / "wire.jsonl"))
    if target == "parts":
        assert w.partitions == 3 and len(list((tmp_path / target / "articles").iterdir())) == 3
        with parquet_events.ParquetEventWriter(str(tmp_path / target), partition_articles=2) as w:
            w.write(coded[0][1], coded[0][0])  # written again, smaller: the old parts go
        assert [a for a, _ in parquet_events.read_coded([str(tmp_path / target)])] == [coded[0][0]]
    else:
        assert (tmp_path / "one.articles.parquet").exists() and w.partitions == 1
    assert not list(tmp_path.rglob(".*tmp-*"))  # no temporary file left behind


def test_parquet_writer_refuses_stdout_and_leaves_nothing_on_error(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="needs -o"):
        parquet_events.ParquetEventWriter(None)
    with pytest.raises(RuntimeError), parquet_events.ParquetEventWriter(str(tmp_path / "x.parquet")) as w:
        w.write([], Article(id="a", text="t"))
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_parquet_articles_are_read_like_jsonl(tmp_path: Path) -> None:
    jsonl = REPO / "samples" / "wire.jsonl"
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:  # a date32 column, as a Parquet writer would store dates
        r["published"] = date.fromisoformat(r["published"]) if r.get("published") else None
    table = pa.Table.from_pylist(rows)
    assert table.schema.field("published").type == pa.date32()
    pq.write_table(table, tmp_path / "wire.parquet")
    from_parquet = list(read([str(tmp_path / "wire.parquet")]))
    from_jsonl = list(read([str(jsonl)]))
    assert [dataclasses.replace(a, origin=None) for a in from_parquet] == [
        dataclasses.replace(a, origin=None) for a in from_jsonl]
    assert from_parquet[1].origin == f"{tmp_path / 'wire.parquet'}:2"


def test_parquet_articles_bad_rows_and_files(tmp_path: Path) -> None:
    pq.write_table(pa.table({"text": ["Police arrested two men in Rabat.", "", "Riot in Kano."],
                             "published": [date(2023, 1, 2), None, None],
                             "id": [None, "b", "c"]}), tmp_path / "t.parquet")
    items = list(read([str(tmp_path / "t.parquet")], None))
    assert isinstance(items[0], Article) and items[0].id == "t:1" and items[0].published == date(2023, 1, 2)
    assert isinstance(items[1], InputError) and "no 'text'" in str(items[1])
    assert isinstance(items[2], Article) and items[2].id == "c"
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "nobody.parquet")
    (tmp_path / "junk.parquet").write_bytes(b"not parquet at all")
    errs = list(read([str(tmp_path / "nobody.parquet"), str(tmp_path / "junk.parquet")]))
    assert "no 'text' column" in str(errs[0]) and "not a valid Parquet file" in str(errs[1])
    assert not parquet_events.is_coded(str(tmp_path / "t.parquet"))  # articles, not coded events


def test_cli_rejects_bad_parallel_options(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    sample = str(REPO / "samples" / "wire.jsonl")
    assert main(["extract", sample, "--format", "parquet", "-q"]) == 2
    assert "needs -o" in capsys.readouterr().err
    assert main(["extract", sample, "--workers", "0", "-q"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT_S", 1)
    assert main(["extract", sample, "--dask", "tcp://127.0.0.1:9", "-q"]) == 2
    err = capsys.readouterr().err
    assert "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in err and len(err.splitlines()) == 1


def test_bench_projection_of_a_day() -> None:
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    try:
        from bench_parallel import project
    finally:
        sys.path.remove(str(REPO / "bench"))
    run = {"config": "2 workers", "workers": 2, "articles_per_s": 50.0, "chars_per_s": 25_000.0}
    p = project(run, 300_000, 3000, 0.05)
    assert p["wall_hours"] == pytest.approx(300_000 / 50 / 3600)  # 1.67 h
    assert p["core_hours"] == pytest.approx(2 * p["wall_hours"]) and p["usd"] == pytest.approx(0.05 * p["core_hours"])
    assert p["wall_hours_at_length"] == pytest.approx(300_000 * 3000 / 25_000 / 3600)  # 10 h
