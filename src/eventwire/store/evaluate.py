"""Scoring the merge: stored clusters against gold cluster ids, pairwise and B-cubed P/R/F1.

Gold comes with the articles (JSON lines): each article has ``gold``, a list of
``{"cluster": ID, "anchor": WORD}``; a stored mention of that article belongs to the first gold
entry whose anchor occurs in the mention's event sentence. Every matched mention is an item
(an article whose event the extractor split into two records has two items of one gold cluster);
mentions that match no gold entry (the extractor found something the corpus does not count) are
left out and counted in ``unmatched``; ``extra`` counts the items beyond one per article and cluster.
``stray`` counts the events made only of unmatched mentions: the metric cannot see them, yet each is
a second event for something the corpus counts once, or something it does not count at all.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from .core import Store
from .schema import articles, mentions


@dataclass
class MergeScore:
    pairwise_p: float
    pairwise_r: float
    pairwise_f1: float
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    n_mentions: int
    n_gold_clusters: int
    n_predicted_clusters: int
    unmatched: int
    extra: int
    missing: list[str]  # gold (article, cluster) with no stored mention
    stray: int = 0  # events whose every mention is unmatched

    def format(self) -> str:
        return (f"merging: pairwise P {self.pairwise_p:.3f} R {self.pairwise_r:.3f} F1 {self.pairwise_f1:.3f} | "
                f"B-cubed P {self.bcubed_p:.3f} R {self.bcubed_r:.3f} F1 {self.bcubed_f1:.3f} | "
                f"{self.n_mentions} mentions, {self.n_gold_clusters} gold events, "
                f"{self.n_predicted_clusters} predicted; {self.unmatched} unmatched ({self.stray} event(s) of "
                f"their own), {self.extra} extra, {len(self.missing)} gold mention(s) not extracted")


def load_gold(paths: Iterable[str | Path]) -> dict[str, list[dict[str, str]]]:
    """article id -> its gold entries."""
    gold: dict[str, list[dict[str, str]]] = {}
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                gold[str(obj["id"])] = list(obj.get("gold") or [])
    return gold


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score_clusters(pred: dict[Any, Any], gold: dict[Any, Any]) -> tuple[float, ...]:
    """Pairwise and B-cubed (P, R, F1, P, R, F1) of item -> predicted vs item -> gold cluster."""
    items = list(gold)
    by_pred: dict[Any, set[Any]] = defaultdict(set)
    by_gold: dict[Any, set[Any]] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    tp = fp = fn = 0
    for a_i, a in enumerate(items):
        for b in items[a_i + 1:]:
            same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
            tp += same_p and same_g
            fp += same_p and not same_g
            fn += same_g and not same_p
    pp = tp / (tp + fp) if tp + fp else 1.0
    pr = tp / (tp + fn) if tp + fn else 1.0
    bp = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in items) / len(items)
    br = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    return pp, pr, _f1(pp, pr), bp, br, _f1(bp, br)


def evaluate_merge(store: Store, gold: dict[str, list[dict[str, str]]]) -> MergeScore:
    """Score the store's events against the gold clusters of the articles it holds."""
    q = (sa.select(mentions.c.id, articles.c.article_key, mentions.c.event_id, mentions.c.record)
         .join(articles, articles.c.id == mentions.c.article_id).order_by(mentions.c.article_id, mentions.c.ordinal))
    pred: dict[int, int] = {}
    gold_of: dict[int, str] = {}
    seen: set[tuple[str, str]] = set()
    unmatched = extra = 0
    unmatched_events: set[int] = set()
    with store.read() as conn:
        rows = list(conn.execute(q))
    for mid, key, event_id, rec in rows:
        entries = gold.get(key)
        if entries is None:
            continue
        # an event's evidence may cite several sentences (a headline and the lead): any one may hold the anchor
        sentences = [e["sentence"].lower() for e in rec.get("evidence") or [] if e["field"] == "event"]
        entry = next((g for g in entries if any(g["anchor"].lower() in s for s in sentences)), None)
        if entry is None:
            unmatched += 1
            unmatched_events.add(event_id)
            continue
        extra += (key, entry["cluster"]) in seen
        seen.add((key, entry["cluster"]))
        pred[mid], gold_of[mid] = event_id, entry["cluster"]
    missing = [f"{k}:{g['cluster']}" for k, es in gold.items() for g in es if (k, g["cluster"]) not in seen]
    stray = len(unmatched_events - set(pred.values()))
    if not gold_of:
        return MergeScore(0, 0, 0, 0, 0, 0, 0, 0, 0, unmatched, extra, missing, stray)
    pp, pr, pf, bp, br, bf = score_clusters(pred, gold_of)
    return MergeScore(pp, pr, pf, bp, br, bf, len(gold_of), len(set(gold_of.values())), len(set(pred.values())),
                      unmatched, extra, missing, stray)
