"""Helpers of the crash and concurrency tests: synthetic articles, real ``eventwire ingest``
processes, the store's consistency and a digest of its content.

The digest is what "the same store" means when a run that was killed and resumed (or two
concurrent runs) is compared with one clean run. It covers every column of ``articles``,
``mentions`` and ``events`` except:

* row ids (``articles.id``, ``mentions.id``, ``events.id``, the foreign keys): PostgreSQL's
  sequences are not transactional, so a killed transaction, or an ``INSERT .. ON CONFLICT DO
  NOTHING`` that found its article stored, uses numbers up. A mention is named by (article_key,
  ordinal) and an event by its uid (``strict``) or by the set of mentions it merges (not strict);
  mention ids inside the events' JSON (``values[...]["mention"]``) are rewritten the same way;
* clocks: ``articles.ingested_at`` and ``events.updated_at``.

``strict=False`` is for runs whose articles were stored in another order (two concurrent
ingests): then which report founded an event (its uid, ``article_id``, the order of its sources)
is legitimately different, and the digest keeps every event column but those, with lists of the
event's JSON sorted; and the articles' ``origin`` (the input file and line they were read from).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from eventwire.store import open_store
from eventwire.store.schema import articles, events, mentions

TOWNS = ["Mogadishu", "Kaduna", "Quetta", "Nairobi", "Mosul", "Kabul", "Dhaka", "Goma"]
FOUNDER_KEYS = {"event_id", "article_id", "title", "url", "published", "source"}  # of the founding report


def crash_articles(n: int) -> list[dict]:
    """``n`` short reports of bombings in 8 towns, a few a day: consecutive ones merge."""
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


def separate_events(n_events: int, per_event: int) -> list[dict]:
    """``per_event`` reports of each of ``n_events`` bombings that agree on every detail, the
    events weeks apart in each town: their grouping cannot depend on the order of storing."""
    out = []
    for e in range(n_events):
        town = TOWNS[e % len(TOWNS)]
        month = 1 + (e // len(TOWNS)) % 12
        killed = 3 + e % 5
        for r in range(per_event):
            text = (f"Bomb kills {killed} in {town}\n\nA bomb exploded near a market in {town} on Monday, "
                    f"killing {killed} people, police said. Dispatch {e}-{r}.")
            out.append({"id": f"c{e:02d}-{r}", "text": text, "published": f"2023-{month:02d}-14",
                        "url": f"https://concurrent.example/{e}/{r}", "source": f"Wire {r}"})
    return out


def write_jsonl(path: Path, arts: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    return path


def ingest_cmd(path: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(path), "--db", db]


def start(cmd: list[str]) -> subprocess.Popen[str]:
    """A real process, its stdout a line-buffered pipe (it prints ``stored ID`` after each commit)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)


def kill_after(proc: subprocess.Popen[str], n_stored: int, extra: float, timeout: float = 120) -> list[str]:
    """SIGKILL ``proc`` ``extra`` seconds after it reported its ``n_stored``-th article stored
    (or when it ends first); returns the article ids it reported stored."""
    assert proc.stdout is not None
    reported: list[str] = []
    deadline = time.monotonic() + timeout
    while len(reported) < n_stored and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("stored "):
            reported.append(line.split()[1])
    time.sleep(extra)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    rest, _ = proc.communicate()
    reported += [ln.split()[1] for ln in rest.splitlines() if ln.startswith("stored ")]
    return reported


def whole_articles(db: str) -> dict[str, int]:
    """article_key -> its mentions, after checking that no article is half stored: each has the
    mentions it declares (ordinals 0..n-1), every mention points at an existing event and every
    event's n_mentions is its mentions. Opens the store read-only."""
    with open_store(db, create=False) as s, s.read() as conn:
        declared = dict(conn.execute(sa.select(articles.c.article_key, articles.c.n_mentions)).all())
        ords: dict[str, list[int]] = {}
        for key, o in conn.execute(sa.select(articles.c.article_key, mentions.c.ordinal)
                                   .join(mentions, mentions.c.article_id == articles.c.id)):
            ords.setdefault(key, []).append(o)
        assert {k: sorted(ords.get(k, [])) for k in declared} == {k: list(range(n)) for k, n in declared.items()}
        orphans = conn.execute(sa.select(sa.func.count()).select_from(mentions).outerjoin(
            events, events.c.id == mentions.c.event_id).where(events.c.id.is_(None))).scalar_one()
        assert orphans == 0
        counted = dict(conn.execute(sa.select(mentions.c.event_id, sa.func.count()).group_by(mentions.c.event_id)).all())
        stated = dict(conn.execute(sa.select(events.c.id, events.c.n_mentions)).all())
        assert counted == stated  # no event without mentions, none miscounted
        dup_keys = conn.execute(sa.select(articles.c.article_key).group_by(articles.c.article_key)
                                .having(sa.func.count() > 1)).all()
        assert dup_keys == []
    return declared


def _rewrite(x: Any, mention_name: dict[int, list[Any]], sort_lists: bool) -> Any:
    if isinstance(x, dict):
        return {k: (mention_name.get(v, v) if k == "mention" and isinstance(v, int) else
                    _rewrite(v, mention_name, sort_lists)) for k, v in x.items()}
    if isinstance(x, list):
        items = [_rewrite(v, mention_name, sort_lists) for v in x]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True)) if sort_lists else items
    return x


def digest(db: str, strict: bool = True) -> tuple[str, dict[str, int]]:
    """(sha256 of the store's content as described in the module docstring, a few counts)."""
    c = content(db, strict)
    blob = json.dumps(c, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest(), {k: len(v) for k, v in c.items()}


def content(db: str, strict: bool = True) -> dict[str, list[dict[str, Any]]]:
    """What :func:`digest` hashes: articles, mentions and events, as JSON-able rows."""
    a, e = articles.c, events.c
    with open_store(db, create=False) as s, s.read() as conn:
        key_of = dict(conn.execute(sa.select(a.id, a.article_key)).all())
        mrows = list(conn.execute(sa.select(mentions)))
        mention_name = {r.id: [key_of[r.article_id], r.ordinal] for r in mrows}
        members: dict[int, list[list[Any]]] = {}
        for r in mrows:
            members.setdefault(r.event_id, []).append(mention_name[r.id])
        uid_of = dict(conn.execute(sa.select(e.id, e.uid)).all())
        ev_name = {eid: (uid_of[eid] if strict else sorted(ms)) for eid, ms in members.items()}
        art = sorted(
            [{k: v for k, v in r._mapping.items() if k not in ("id", "ingested_at") and (strict or k != "origin")}
             for r in conn.execute(
                sa.select(articles))], key=lambda r: r["article_key"])
        men = sorted(
            [{"mention": mention_name[r.id], "event": ev_name[r.event_id], "record_id": r.record_id,
              "link_score": r.link_score, "record": r.record} for r in mrows], key=lambda r: r["mention"])
        evs = []
        for r in conn.execute(sa.select(events)):
            row = {k: v for k, v in r._mapping.items() if k not in ("id", "updated_at")}
            row["members"] = sorted(members.get(r.id, []))
            rec = _rewrite(row.pop("record"), mention_name, sort_lists=not strict)
            if not strict:
                row.pop("uid")
                for k in FOUNDER_KEYS:
                    rec.pop(k, None)
            row["record"] = rec
            evs.append(row)
        evs.sort(key=lambda r: json.dumps(r["members"]))
    if not strict:
        men = [{k: v for k, v in x.items() if k != "link_score"} for x in men]  # scored against another founder
    return {"articles": art, "mentions": men, "events": evs}
