"""kill -9 in the middle of an ingest: only whole articles in the store, none reported stored lost;
re-running finishes the job without duplicates and leaves the store a clean run leaves.

The killed ingest is a real process (``python -m eventwire.cli ingest``); it prints ``stored ID``
after each commit, and the test kills it after reading a few of those lines."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire.cli import main
from eventwire.store import open_store
from eventwire.store.schema import articles, events, mentions

pytestmark = pytest.mark.slow

TOWNS = ["Mogadishu", "Kaduna", "Quetta", "Nairobi", "Mosul", "Kabul", "Dhaka", "Goma"]


def _articles(n: int) -> list[dict]:
    out = []
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        day = 1 + (i // len(TOWNS)) % 27
        month = 1 + i // (len(TOWNS) * 27)
        text = (f"Bomb kills {2 + i % 9} in {town}\n\nA bomb exploded near a market in {town} on Monday, "
                f"killing {2 + i % 9} people and wounding {i % 7 + 1}, police said. Report number {i}.")
        out.append({"id": f"k{i:03d}", "text": text, "published": f"2023-{month:02d}-{day:02d}",
                    "url": f"https://crash.example/{i}", "source": "Crash Wire"})
    return out


def _ingest_cmd(path: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(path), "--db", db]


def _state(db: str) -> tuple[dict[str, int], dict[str, int], int]:
    """article -> n_mentions it says it has; article -> mentions stored; number of events."""
    with open_store(db) as s, s.read() as conn:
        declared = dict(conn.execute(sa.select(articles.c.article_key, articles.c.n_mentions)).all())
        stored = dict(conn.execute(
            sa.select(articles.c.article_key, sa.func.count(mentions.c.id))
            .select_from(articles).outerjoin(mentions, mentions.c.article_id == articles.c.id)
            .group_by(articles.c.article_key)).all())
        n_events = conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()
    return declared, stored, n_events


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_mid_batch_leaves_whole_articles_and_resumes(backend, tmp_path, request, capsys):
    db = str(tmp_path / "crash.db") if backend == "sqlite" else request.getfixturevalue("pg_schema_url")()
    data = tmp_path / "many.jsonl"
    arts = _articles(40)
    data.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(_ingest_cmd(data, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            text=True)
    reported: list[str] = []
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    while len(reported) < 8 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("stored "):
            reported.append(line.split()[1])
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(reported) >= 8, "the ingest did not get going before the deadline"

    declared, stored, _ = _state(db)
    assert set(reported) <= set(declared)  # nothing reported stored was lost
    assert len(declared) < len(arts)  # it really was killed mid-batch
    assert declared == stored  # every stored article has all of its mentions

    # the re-run (in this process: the model is loaded already) stores the rest, nothing twice
    assert main(["ingest", str(data), "--db", db]) == 0
    assert capsys.readouterr().out.count("duplicate ") == len(declared)
    declared2, stored2, n_events = _state(db)
    assert declared2 == stored2 and len(declared2) == len(arts)

    clean = str(tmp_path / "clean.db")
    assert main(["ingest", str(data), "--db", clean, "-q"]) == 0
    assert _state(clean) == (declared2, stored2, n_events)
