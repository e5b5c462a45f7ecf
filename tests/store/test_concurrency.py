"""Two ``eventwire ingest`` processes at once on one store, with overlapping inputs: no article or
event twice, no "database is locked", and the events of one clean run; and the API keeps answering
while an ingest writes (SQLite in WAL mode: readers never wait for the writer).

The two processes start together on a new store (so they also race to create it): one gets the
first 130 of 200 articles in order, the other the last 130 in reverse order, so that they meet in
the 60 they share and store reports of the same events in between each other's. Their storing
order differs from a clean run's, so the stores are compared with ``digest(strict=False)`` (see
:mod:`crashkit`: which report founded an event may differ, nothing else)."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time

import pytest
from crashkit import digest, ingest_cmd, separate_events, start, whole_articles, write_jsonl
from store_records import add

from eventwire.cli import main
from eventwire.store import open_store


def _hold_write_lock(db: str, seconds: float) -> threading.Thread:
    """Another writer: a plain sqlite3 connection that holds the write lock for ``seconds``."""
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")

    def release() -> None:
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    t = threading.Thread(target=release)
    t.start()
    return t


def test_a_writer_retries_past_the_busy_timeout_while_another_holds_the_lock(tmp_path, monkeypatch):
    """The busy timeout (1 s here) runs out while the lock is held (1.5 s): the transaction is
    retried with back-off, within as long again, instead of failing with "database is locked"."""
    monkeypatch.setenv("EVENTWIRE_BUSY_TIMEOUT", "1")
    db = str(tmp_path / "busy.db")
    with open_store(db) as s:
        holder = _hold_write_lock(db, 1.5)
        t0 = time.monotonic()
        assert add(s, "a1", "A bomb exploded in Mogadishu.") is not None
        waited = time.monotonic() - t0
        holder.join()
    assert waited >= 1.0  # it did wait for the other writer (past one busy timeout)


def test_a_lock_held_too_long_is_one_clear_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EVENTWIRE_BUSY_TIMEOUT", "0.2")
    db = str(tmp_path / "busy.db")
    open_store(db).close()
    holder = _hold_write_lock(db, 2.0)
    try:
        assert main(["migrate", "--db", db]) == 2
    finally:
        holder.join()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "database is locked" in err[0], err


def test_a_bad_busy_timeout_is_one_clear_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EVENTWIRE_BUSY_TIMEOUT", "soon")
    assert main(["migrate", "--db", str(tmp_path / "x.db")]) == 2
    assert "EVENTWIRE_BUSY_TIMEOUT='soon': not a number of seconds" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_ingests_at_once_with_overlapping_inputs_store_each_article_and_event_once(backend, tmp_path,
                                                                                      request):
    t0 = time.monotonic()
    db = str(tmp_path / "both.db") if backend == "sqlite" else request.getfixturevalue("pg_schema_url")()
    arts = separate_events(40, 5)
    first = write_jsonl(tmp_path / "first.jsonl", arts[:130])
    second = write_jsonl(tmp_path / "second.jsonl", arts[70:][::-1])
    procs = [start(ingest_cmd(first, db)), start(ingest_cmd(second, db))]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err and "error" not in err, err
    stored = [{ln.split()[1] for ln in out.splitlines() if ln.startswith("stored ")} for out, _ in outs]
    dups = [sum(ln.startswith("duplicate ") for ln in out.splitlines()) for out, _ in outs]
    assert not stored[0] & stored[1]  # no article stored by both
    assert stored[0] | stored[1] == {a["id"] for a in arts}
    assert len(whole_articles(db)) == len(arts)  # unique keys, whole articles, consistent events

    clean = str(tmp_path / "clean.db")
    assert main(["ingest", str(write_jsonl(tmp_path / "all.jsonl", arts)), "--db", clean, "-q"]) == 0
    got, want = digest(db, strict=False), digest(clean, strict=False)
    assert got[1] == want[1] == {"articles": 200, "mentions": 200, "events": 40}
    assert got == want
    print(f"\n[concurrent {backend}] 2 ingests of 130 articles (60 shared): stored {len(stored[0])} + "
          f"{len(stored[1])}, skipped as already stored {dups[0]} + {dups[1]}; duplicated 0; "
          f"store == clean run {got[1]}; {time.monotonic() - t0:.1f} s", file=sys.stderr)


@pytest.mark.slow
def test_the_api_answers_while_an_ingest_writes(tmp_path):
    from fastapi.testclient import TestClient

    from eventwire.api.app import create_app
    from eventwire.store import open_store

    db = str(tmp_path / "live.db")
    arts = separate_events(40, 5)
    assert main(["ingest", str(write_jsonl(tmp_path / "seed.jsonl", arts[:5])), "--db", db, "-q"]) == 0
    proc = start(ingest_cmd(write_jsonl(tmp_path / "rest.jsonl", arts[5:]), db))
    statuses: list[int] = []
    totals: list[int] = []
    with open_store(db, create=False) as store, TestClient(create_app(store)) as client:
        while proc.poll() is None:
            r = client.get("/api/events", params={"limit": 5})
            statuses.append(r.status_code)
            if r.status_code == 200:
                totals.append(r.json()["total"])
            time.sleep(0.02)
        out, err = proc.communicate()
        assert proc.returncode == 0, err
        final = client.get("/api/events").json()["total"]
    assert statuses and set(statuses) == {200}
    assert totals == sorted(totals) and final == 40  # it saw the store grow, never a half state
    print(f"\n[api while ingesting] {len(statuses)} GET /api/events, all 200; totals {totals[0]} -> {final}",
          file=sys.stderr)
