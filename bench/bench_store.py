#!/usr/bin/env python3
"""Benchmark the event store: merge quality, ingest throughput with de-duplication on, and how
the cost of storing one article grows with the size of the store.

    .venv/bin/python bench/bench_store.py [--articles 150] [--levels 1000,10000,100000] [--db URL] [--json]

1. merging: pairwise and B-cubed P/R/F1 of the clustering on tests/store/corpus/*.jsonl
   (articles written for this project with gold cluster ids), ingested in file order and shuffled.
2. ingest: ``--articles`` articles (samples/, bench/corpus/, the merge corpus; copies get a
   distinct id, URL and a one-line suffix so they are new articles that report the same events)
   through extraction + store + merge, versus extraction alone on the same articles.
3. growth: the store is filled to each level of events with SYNTHETIC events (bulk-inserted rows:
   no NLP, no merge); at each level, ``--probe`` synthetic one-mention articles are stored through
   the real write path (``Store.add``: insert, blocking query, score, reconcile, commit), half of
   them reports of events already stored, half new events. Time per article is what is reported.
``--db`` names the store for part 3 (default: a temporary SQLite file); give a postgresql:// URL
(with ``?options=-csearch_path%3DSCHEMA`` for a schema of its own) to measure PostgreSQL.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MERGE_CORPUS = sorted((ROOT / "tests" / "store" / "corpus").glob("*.jsonl"))
INGEST_CORPUS = [ROOT / "samples", ROOT / "bench" / "corpus", *MERGE_CORPUS]


def _articles(paths: list[Path]) -> list[Any]:
    from eventwire.record import Article
    from eventwire.sources import read

    files: list[str] = []
    for p in paths:
        files += [str(f) for f in sorted(p.iterdir()) if f.is_file()] if p.is_dir() else [str(p)]
    return [a for a in read(files) if isinstance(a, Article)]


def merge_quality(tmp: Path) -> dict[str, Any]:
    from eventwire.store import open_store
    from eventwire.store.evaluate import evaluate_merge, load_gold
    from eventwire.store.ingest import ingest

    out: dict[str, Any] = {}
    for corpus in MERGE_CORPUS:
        gold = load_gold([corpus])
        arts = _articles([corpus])
        for order in ("file", "shuffled"):
            if order == "shuffled":
                random.Random(13).shuffle(arts)
            with open_store(str(tmp / f"q-{corpus.stem}-{order}.db")) as s:
                for _ in ingest(s, arts):
                    pass
                sc = evaluate_merge(s, gold)
            out[f"{corpus.stem}/{order}"] = dataclasses.asdict(sc)
            print(f"  {corpus.name:<16} {order:<9} {sc.format()}", flush=True)
    return out


def ingest_throughput(tmp: Path, n: int) -> dict[str, Any]:
    from eventwire import nlp, pipeline
    from eventwire.store import open_store
    from eventwire.store.ingest import ingest

    base = _articles(INGEST_CORPUS)
    arts = []
    for i in range(n):
        a = base[i % len(base)]
        k = i // len(base)
        arts.append(dataclasses.replace(a, id=f"{a.id}~{k}", url=f"{a.url or 'https://bench.example/' + a.id}#{k}",
                                        text=a.text + (f"\n\n(Update {k}.)" if k else "")))
    nlp.load()
    list(pipeline.run(arts[:3]))  # warm-up
    t0 = time.perf_counter()
    n_events = sum(len(r.events) for r in pipeline.run(arts))
    t_extract = time.perf_counter() - t0
    with open_store(str(tmp / "ingest.db")) as s:
        t0 = time.perf_counter()
        outcomes = list(ingest(s, arts))
        t_store = time.perf_counter() - t0
    stored = sum(o.status == "stored" for o in outcomes)
    merged = sum(o.added.merged for o in outcomes if o.added)
    res = {"articles": n, "stored": stored, "extracted_events": n_events, "merged_mentions": merged,
           "extract_only_art_s": n / t_extract, "ingest_art_s": n / t_store,
           "store_overhead_ms_per_article": 1000 * (t_store - t_extract) / n}
    print(f"  extraction only: {res['extract_only_art_s']:.1f} articles/s; extraction + store + merge: "
          f"{res['ingest_art_s']:.1f} articles/s ({stored} stored, {n_events} events extracted, {merged} "
          f"mentions merged into an existing event); store overhead ~{res['store_overhead_ms_per_article']:.1f} "
          "ms/article", flush=True)
    return res


# --- part 3: synthetic events -------------------------------------------------------------------
COUNTRIES = [("NG", 9.0, 8.0), ("SO", 4.0, 45.0), ("PK", 30.0, 69.0), ("AF", 34.0, 66.0), ("IQ", 33.0, 44.0),
             ("SY", 35.0, 38.0), ("ML", 16.0, -2.0), ("BF", 12.0, -1.5), ("CD", -2.0, 28.0), ("KE", 0.0, 37.0),
             ("BD", 23.7, 90.4), ("MM", 21.0, 96.0), ("YE", 15.5, 47.5), ("SD", 15.0, 30.0), ("ET", 9.0, 39.0),
             ("CO", 4.0, -73.0), ("MX", 23.0, -102.0), ("IN", 22.0, 79.0), ("PH", 12.0, 122.0), ("UA", 49.0, 32.0)]
SUBS = [("Attack", "Violence against civilians"), ("Armed clash", "Battles"),
        ("Remote explosive/landmine/IED", "Explosions/Remote violence"), ("Peaceful protest", "Protests"),
        ("Violent demonstration", "Riots"), ("Arrests", "Strategic developments")]
START = date(2015, 1, 1)
DAYS = 3650


def synthetic_record(rng: random.Random, i: int, like: dict[str, Any] | None = None) -> dict[str, Any]:
    """An Event record: random town, day and type, or a re-report of ``like`` (other wording and count)."""
    from eventwire.record import Evidence

    if like is not None:
        rec = dict(like)
        rec["event_id"] = f"syn-{i}"
        rec["fatalities"] = max(0, (like.get("fatalities") or 0) + rng.randint(-2, 2))
        return rec
    cc, lat0, lon0 = rng.choice(COUNTRIES)
    town = rng.randrange(300)
    trng = random.Random(hash((cc, town)))
    lat, lon = lat0 + trng.uniform(-4, 4), lon0 + trng.uniform(-4, 4)
    sub, typ = rng.choice(SUBS)
    day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
    site = rng.choice(["market", "school", "checkpoint", "mosque", "church", "bus", "hotel", "camp"])
    sentence = f"An incident at a {site} in Town{town} killed {rng.randint(0, 30)} people on Monday."
    ev = Evidence("event", "incident", 3, 11, sentence, 0, len(sentence)).to_dict()
    return {"event_id": f"syn-{i}", "article_id": f"syn-{i}", "event_type": typ, "sub_event_type": sub,
            "date": day, "date_precision": "day", "historical": False, "country": cc, "admin1": f"{cc}-{town % 12}",
            "location": f"Town{town}-{cc}", "latitude": lat, "longitude": lon, "geonameid": None,
            "place_level": "town", "geo_precision": 1, "actor1": None, "actor2": None,
            "fatalities": rng.randint(0, 30), "fatalities_qualifier": "exact", "injured": None,
            "injured_qualifier": None, "arrested": None, "arrested_qualifier": None, "count_qualifier": None,
            "confidence": 0.7, "evidence": [ev], "modality": "asserted", "date_note": None, "location_names": [],
            "title": None, "url": None, "published": day, "source": "Synthetic"}


def bulk_fill(store: Any, rng: random.Random, start: int, stop: int) -> None:
    """Insert events start..stop-1 (with one article and one mention each) directly, in chunks."""
    import sqlalchemy as sa

    from eventwire.store import dedup
    from eventwire.store.core import _event_columns
    from eventwire.store.reconcile import event_uid
    from eventwire.store.schema import articles, events, mentions

    now = datetime.now(UTC)
    for lo in range(start, stop, 5000):
        hi = min(stop, lo + 5000)
        recs = [synthetic_record(rng, i) for i in range(lo, hi)]
        with store.engine.begin() as conn:
            a0 = conn.execute(sa.select(sa.func.coalesce(sa.func.max(articles.c.id), 0))).scalar_one()
            e0 = conn.execute(sa.select(sa.func.coalesce(sa.func.max(events.c.id), 0))).scalar_one()
            conn.execute(articles.insert(), [
                {"id": a0 + k + 1, "article_key": r["article_id"], "url": f"https://syn.example/{r['article_id']}",
                 "text_hash": f"syn{r['article_id']}", "title": None, "source": "Synthetic",
                 "published": r["date"], "origin": None, "text": r["evidence"][0]["sentence"], "n_mentions": 1,
                 "ingested_at": now} for k, r in enumerate(recs)])
            rows = []
            for k, r in enumerate(recs):
                cols = _event_columns(r, now)
                cols.update(id=e0 + k + 1, uid=event_uid(f"syn:{r['event_id']}"),
                            keywords=" ".join(sorted(dedup.sketch(r, r["published"]).words)))
                rows.append(cols)
            conn.execute(events.insert(), rows)
            conn.execute(mentions.insert(), [
                {"article_id": a0 + k + 1, "event_id": e0 + k + 1, "record_id": r["event_id"], "ordinal": 0,
                 "link_score": None, "record": r} for k, r in enumerate(recs)])
        if store.dialect == "postgresql":
            with store.engine.begin() as conn:
                for t in ("articles", "events", "mentions"):
                    conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                         f"(SELECT MAX(id) FROM {t}))")


def probe(store: Any, rng: random.Random, n: int, tag: str, level: int) -> dict[str, Any]:
    """Store ``n`` one-mention articles through Store.add; half re-report a stored event."""
    import sqlalchemy as sa

    from eventwire.record import Article, Event, Evidence
    from eventwire.store.schema import mentions

    times: list[float] = []
    merged = 0
    added0, cands0 = store.n_added, store.n_candidates
    for k in range(n):
        if k % 2 == 0:
            mid = rng.randrange(1, level + 1)
            with store.read() as conn:
                like = conn.execute(sa.select(mentions.c.record).where(mentions.c.id == mid)).scalar_one()
            rec = synthetic_record(rng, 10**7 + k, like)
        else:
            rec = synthetic_record(rng, 10**7 + k)
        aid = f"probe-{tag}-{k}"
        fields = {f.name for f in dataclasses.fields(Event)}
        ev = Event(**{**{x: rec.get(x) for x in fields if x in rec}, "article_id": aid,
                      "evidence": [Evidence(**e) for e in rec["evidence"]]})
        art = Article(id=aid, text=f"{rec['evidence'][0]['sentence']} ({aid})", url=f"https://probe.example/{aid}",
                      published=date.fromisoformat(rec["date"]), source="Probe")
        t0 = time.perf_counter()
        added = store.add(art, [ev])
        times.append(time.perf_counter() - t0)
        merged += bool(added and added.merged)
    times.sort()
    per_article = (store.n_candidates - cands0) / max(1, store.n_added - added0)
    return {"candidates_per_article": per_article, "events": level, "ms_mean": 1000 * statistics.mean(times), "ms_p50": 1000 * times[len(times) // 2],
            "ms_p95": 1000 * times[int(len(times) * 0.95)], "probe_articles": n, "merged": merged}


def growth(db: str | None, tmp: Path, levels: list[int], n_probe: int) -> list[dict[str, Any]]:
    from eventwire.store import open_store

    rng = random.Random(42)
    store = open_store(db or str(tmp / "growth.db"))
    out = []
    have = 0
    try:
        for level in levels:
            t0 = time.perf_counter()
            bulk_fill(store, rng, have, level)
            fill = time.perf_counter() - t0
            have = level
            r = probe(store, random.Random(level), n_probe, str(level), level)
            r["fill_s"] = fill
            out.append(r)
            print(f"  {level:>7} events: store one article {r['ms_mean']:.2f} ms mean, {r['ms_p50']:.2f} p50, "
                  f"{r['ms_p95']:.2f} p95; {r['candidates_per_article']:.1f} candidate events scored per article "
                  f"({r['merged']}/{n_probe} merged into a stored event; "
                  f"synthetic fill took {fill:.1f} s)", flush=True)
    finally:
        store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=150)
    p.add_argument("--levels", default="1000,10000,100000")
    p.add_argument("--probe", type=int, default=300)
    p.add_argument("--db", help="store for the growth part (default: a temporary SQLite file)")
    p.add_argument("--skip", default="", help="comma-separated parts to skip: quality,ingest,growth")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="ew-bench-store-") as d:
        tmp = Path(d)
        if "quality" not in skip:
            print("1. merging quality (pairwise / B-cubed over mentions with gold clusters)", flush=True)
            report["quality"] = merge_quality(tmp)
        if "ingest" not in skip:
            print(f"2. ingest throughput, {args.articles} articles, SQLite, de-duplication on", flush=True)
            report["ingest"] = ingest_throughput(tmp, args.articles)
        if "growth" not in skip:
            levels = [int(x) for x in args.levels.split(",")]
            print(f"3. per-article store time as the store grows ({'SQLite' if not args.db else args.db.split('?')[0]};"
                  " SYNTHETIC events bulk-inserted without NLP; probes go through Store.add)", flush=True)
            report["growth"] = growth(args.db, tmp, levels, args.probe)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
