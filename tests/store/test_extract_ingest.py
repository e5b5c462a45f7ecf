"""``extract`` and ``ingest`` give the same events for each article of samples/ (issue 11, item 1):
assembly made one record per event of an article, and the store neither re-merges nor splits
them -- each record is one mention of its own event, its fields kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire.cli import main
from eventwire.store import open_store
from eventwire.store.schema import articles, events, mentions

pytestmark = pytest.mark.slow
SAMPLES = sorted((Path(__file__).parents[2] / "samples").iterdir())
KEPT = ("event_id", "event_type", "sub_event_type", "date", "date_precision", "date_source", "location",
        "country", "place_source", "fatalities", "historical")


def test_ingest_keeps_each_samples_article_as_extract_codes_it(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", *map(str, SAMPLES), "-q", "-o", str(tmp_path / "x.jsonl")]) == 0
    extracted: dict[str, list[dict]] = {}
    for line in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        extracted.setdefault(r["article_id"], []).append(r)
    assert len(extracted) >= 4, "the samples report events in several articles"
    db = str(tmp_path / "s.db")
    assert main(["ingest", *map(str, SAMPLES), "-q", "--db", db]) == 0
    capsys.readouterr()
    stored: dict[str, list[tuple[int, dict]]] = {}
    with open_store(db) as s, s.read() as conn:
        q = sa.select(articles.c.article_key, mentions.c.event_id, mentions.c.record) \
            .join(articles, articles.c.id == mentions.c.article_id).order_by(mentions.c.id)
        for key, eid, rec in conn.execute(q):
            stored.setdefault(key, []).append((eid, rec))
        n_mentions = dict(conn.execute(sa.select(events.c.id, events.c.n_mentions)).all())
        canon = {r.id: r.record for r in conn.execute(sa.select(events.c.id, events.c.record))}
    assert set(stored) == set(extracted)
    for key, recs in extracted.items():
        got = stored[key]
        # the same records, in the same order, each its own event (none merged, none split)
        assert [{k: r.get(k) for k in KEPT} for _, r in got] == [{k: r.get(k) for k in KEPT} for r in recs], key
        eids = [eid for eid, _ in got]
        assert len(set(eids)) == len(eids), f"{key}: two records of one article in one event"
        for eid, r in got:
            if n_mentions[eid] == 1:  # an event only this record reports is that record
                c = canon[eid]
                assert {k: c.get(k) for k in KEPT if k != "event_id"} == \
                    {k: r.get(k) for k in KEPT if k != "event_id"}, key
