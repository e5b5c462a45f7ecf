"""kill -9 in the middle of an ingest, and in the middle of a schema migration: only whole articles
in the store, none reported stored lost; re-running finishes the job without duplicates and leaves
exactly the store a clean run leaves (:func:`crashkit.digest`: every column but row ids and clocks).

The killed ingest is a real process (``python -m eventwire.cli ingest``); it prints ``stored ID``
after each commit, and the test kills it after reading some of those lines (plus a random few
milliseconds, so that the kill also lands inside an article's transaction). Figures (kills,
articles stored per run, lost, duplicated) are printed: ``pytest -s`` shows them."""

from __future__ import annotations

import random
import sys
import time

import pytest
import sqlalchemy as sa
from crashkit import crash_articles, digest, ingest_cmd, kill_after, start, whole_articles, write_jsonl

from eventwire.cli import main
from eventwire.store.db import resolve_url

pytestmark = pytest.mark.slow

SEED = 14
KILLS = 5
N_ARTICLES = 200


def _db(backend: str, tmp_path, request, name: str) -> str:
    return str(tmp_path / f"{name}.db") if backend == "sqlite" else request.getfixturevalue("pg_schema_url")()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_mid_batch_leaves_whole_articles_and_resumes(backend, tmp_path, request, capsys):
    db = _db(backend, tmp_path, request, "crash")
    arts = crash_articles(40)
    data = write_jsonl(tmp_path / "many.jsonl", arts)
    reported = kill_after(start(ingest_cmd(data, db)), 8, 0.0)
    assert len(reported) >= 8, "the ingest did not get going before the deadline"

    declared = whole_articles(db)
    assert set(reported) <= set(declared)  # nothing reported stored was lost
    assert len(declared) < len(arts)  # it really was killed mid-batch

    # the re-run (in this process: the model is loaded already) stores the rest, nothing twice
    assert main(["ingest", str(data), "--db", db]) == 0
    assert capsys.readouterr().out.count("duplicate ") == len(declared)
    assert len(whole_articles(db)) == len(arts)

    clean = str(tmp_path / "clean.db")
    assert main(["ingest", str(data), "--db", clean, "-q"]) == 0
    assert digest(db) == digest(clean)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_repeated_kill_9_at_random_points_then_resume_gives_the_clean_store(backend, tmp_path, request, capsys):
    """KILLS ingests of the same N_ARTICLES articles killed at seeded random points, one after the
    other on one store; after each the store is whole and holds every article reported stored."""
    t0 = time.monotonic()
    rng = random.Random(SEED)
    db = _db(backend, tmp_path, request, "crash")
    arts = crash_articles(N_ARTICLES)
    data = write_jsonl(tmp_path / "many.jsonl", arts)
    reported: list[str] = []
    per_run = []
    for _ in range(KILLS):
        n, extra = rng.randint(1, 30), rng.uniform(0.0, 0.06)
        got = kill_after(start(ingest_cmd(data, db)), n, extra)
        reported += got
        declared = whole_articles(db)  # opens, no half article
        assert set(reported) <= set(declared)  # nothing reported stored is lost
        per_run.append(len(got))
    assert len(reported) == len(set(reported))  # no run stored an article another had stored
    n_before = len(whole_articles(db))
    assert n_before < len(arts)

    assert main(["ingest", str(data), "--db", db, "-q"]) == 0
    resumed = whole_articles(db)
    clean = _db(backend, tmp_path, request, "clean")
    assert main(["ingest", str(data), "--db", clean, "-q"]) == 0
    assert set(resumed) == {a["id"] for a in arts}  # none lost, none twice (article_key is checked unique)
    got, want = digest(db), digest(clean)
    assert got == want
    capsys.readouterr()
    with capsys.disabled():
        print(f"\n[crash {backend}] {KILLS} SIGKILLs (seed {SEED}); articles reported stored per killed run "
              f"{per_run}; {n_before}/{len(arts)} stored before the final run; lost 0, duplicated 0; "
              f"store == clean run {got[1]}; {time.monotonic() - t0:.1f} s", file=sys.stderr)


# -- kill -9 during a migration ---------------------------------------------------------------

PAUSE_IN_MIGRATION = """
import sys, time
from alembic.runtime import migration
orig = migration.HeadMaintainer.update_to_step
def update_to_step(self, step):
    orig(self, step)  # this step's DDL ran and alembic_version says so, inside the open transaction
    print("MIGRATING", flush=True)
    time.sleep(120)
migration.HeadMaintainer.update_to_step = update_to_step
from eventwire.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _kill_during_migration(data, db: str) -> None:
    proc = start([sys.executable, "-c", PAUSE_IN_MIGRATION, "ingest", str(data), "--db", db])
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "MIGRATING", (line, proc.stderr.read() if proc.stderr else "")
    kill_after(proc, 0, 0.0)


def _tables(db: str) -> set[str]:
    eng = sa.create_engine(resolve_url(db))
    try:
        return set(sa.inspect(eng).get_table_names())
    finally:
        eng.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_during_the_first_migration_leaves_no_store_and_the_next_run_makes_it(backend, tmp_path,
                                                                                     request, capsys):
    db = _db(backend, tmp_path, request, "mig")
    arts = crash_articles(5)
    data = write_jsonl(tmp_path / "few.jsonl", arts)
    _kill_during_migration(data, db)
    assert _tables(db) == set()  # all of the migration or none of it: here none
    assert main(["events", "--db", db]) == 2 and "no store at" in capsys.readouterr().err
    assert main(["ingest", str(data), "--db", db, "-q"]) == 0
    assert len(whole_articles(db)) == len(arts)
    assert main(["migrate", "--db", db]) == 0 and "revision 0004" in capsys.readouterr().out


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_during_an_upgrade_keeps_the_old_store_and_its_data(backend, tmp_path, request, capsys):
    """A store at 0002 with articles; an ingest killed inside 0003 (which on SQLite rebuilds the
    events table) leaves it at 0002 with every row; the next ingest upgrades it."""
    from alembic import command

    from eventwire.store.db import _alembic_config

    db = _db(backend, tmp_path, request, "old")
    eng = sa.create_engine(resolve_url(db))
    with eng.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")
        conn.exec_driver_sql(
            "INSERT INTO articles (article_key, text_hash, text, n_mentions, ingested_at) "
            "VALUES ('old', 'h0', 'an old article', 0, '2024-01-01T00:00:00+00:00')")
    arts = crash_articles(5)
    data = write_jsonl(tmp_path / "few.jsonl", arts)
    _kill_during_migration(data, db)
    with eng.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == "0002"
        assert conn.exec_driver_sql("SELECT article_key FROM articles").scalars().all() == ["old"]
    assert "date_source" not in {c["name"] for c in sa.inspect(eng).get_columns("events")}
    eng.dispose()
    assert main(["events", "--db", db]) == 2 and "revision 0002" in capsys.readouterr().err
    assert main(["ingest", str(data), "--db", db, "-q"]) == 0
    assert len(whole_articles(db)) == len(arts) + 1
