"""Scoring place mentions against toponym-resolution gold (the ``places`` gold format).

Within an article a prediction matches a gold toponym when their character spans overlap; pairs
are made one-to-one, largest overlap first (then the smaller offset difference, then document
order). Distances are great-circle (haversine). Figures:

* detection precision / recall / F1 of spans, against every gold toponym;
* end-to-end accuracy@161 km over the ``scored`` gold toponyms (a miss, or a match without
  coordinates, is wrong), and its AUC counting a miss as the largest possible error;
* over the scored toponyms matched with coordinates: accuracy@161 km, median / mean error, AUC;
* the share of those matched predictions with an id whose ``geonameid`` equals the gold one.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .metrics import MAX_ERROR_KM, error_auc, finite_number, haversine_km, prf

ACC_KM = 161.0  # 100 miles


def match_spans(golds: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[int, int]:
    """One-to-one overlap matching of spans; returns {gold index: prediction index}."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0:
                pairs.append((-ov, abs(g["start"] - p["start"]) + abs(g["end"] - p["end"]), gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


@dataclass
class PlaceScores:
    """Geoparsing figures over one gold file."""

    articles: int = 0
    gold_toponyms: int = 0
    scored: int = 0  # gold toponyms scored for geocoding
    scored_found: int = 0  # of those, matched by a prediction
    system_rows: int = 0
    predictions: int = 0  # usable predictions
    unknown_article: int = 0
    no_span: int = 0
    duplicates: int = 0
    off_text: int = 0  # predictions whose text differs from text[start:end]
    bad_lines: int = 0
    matched: int = 0
    e2e_correct: int = 0
    e2e_errors_km: list[float] = field(default_factory=list, repr=False)
    matched_errors_km: list[float] = field(default_factory=list, repr=False)
    geonameid_same: int = 0
    geonameid_compared: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [n, correct]

    @property
    def precision(self) -> float:
        return prf(self.matched, self.predictions - self.matched, self.gold_toponyms - self.matched)[0]

    @property
    def recall(self) -> float:
        return prf(self.matched, self.predictions - self.matched, self.gold_toponyms - self.matched)[1]

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def acc161(self) -> float:
        """End-to-end accuracy@161 km over the scored gold toponyms (the headline figure)."""
        return self.e2e_correct / self.scored if self.scored else 0.0

    @property
    def e2e_auc(self) -> float | None:
        return error_auc(self.e2e_errors_km)

    @property
    def matched_with_coords(self) -> int:
        return len(self.matched_errors_km)

    @property
    def matched_acc161(self) -> float | None:
        n = len(self.matched_errors_km)
        return sum(1 for x in self.matched_errors_km if x < ACC_KM) / n if n else None

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.matched_errors_km) if self.matched_errors_km else None

    @property
    def mean_km(self) -> float | None:
        return statistics.fmean(self.matched_errors_km) if self.matched_errors_km else None

    @property
    def matched_auc(self) -> float | None:
        return error_auc(self.matched_errors_km)

    @property
    def geonameid_match(self) -> float | None:
        return self.geonameid_same / self.geonameid_compared if self.geonameid_compared else None

    def lines(self, by_type: bool = False) -> list[str]:
        """The figures as the reference scorer prints them (summary excluded)."""
        sys_line = f"system: {self.system_rows} rows, {self.predictions} usable predictions"
        if self.unknown_article:
            sys_line += f"; ignored {self.unknown_article} with unknown article_id"
        if self.no_span:
            sys_line += f"; {self.no_span} without a usable start/end"
        if self.duplicates:
            sys_line += f"; {self.duplicates} duplicate spans"
        out = [
            f"gold: {self.articles} articles, {self.gold_toponyms} toponyms, "
            f"{self.scored} scored for geocoding",
            sys_line,
        ]
        if self.off_text:
            out.append(
                f"warning: {self.off_text} prediction(s) whose text differs "
                "from text[start:end] of the article"
            )
        found = self.scored_found / self.scored if self.scored else 0
        out += [
            f"detection: precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(matched {self.matched})",
            f"scored toponyms found: {self.scored_found}/{self.scored} ({found:.3f})",
            f"end-to-end acc@161km: {self.acc161:.3f} ({self.e2e_correct}/{self.scored})  "
            f"AUC {_fmt(self.e2e_auc)}",
            f"matched ({self.matched_with_coords} with coordinates): acc@161km {_fmt(self.matched_acc161)}  "
            f"median {_fmt(self.median_km, '.1f')} km  mean {_fmt(self.mean_km, '.1f')} km  "
            f"AUC {_fmt(self.matched_auc)}",
        ]
        if self.geonameid_compared:
            out.append(
                f"geonameid identical to gold: {self.geonameid_same}/{self.geonameid_compared} "
                f"({self.geonameid_match:.3f}) of matched predictions with an id"
            )
        if by_type:
            for typ, (n, ok) in sorted(self.by_type.items(), key=lambda kv: -kv[1][0]):
                out.append(f"  {typ:<22} {ok:>5}/{n:<5} acc@161 {ok / n:.3f}")
        return out

    def summary(self) -> str:
        """The reference scorer's one-line summary (no threshold)."""
        return (
            f"places: acc@161 end-to-end {self.acc161:.3f} ({self.e2e_correct}/{self.scored}), detection "
            f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}, matched acc@161 "
            f"{_fmt(self.matched_acc161)} median {_fmt(self.median_km, '.0f')} km "
            f"AUC {_fmt(self.matched_auc)}, {self.articles} articles"
        )

    def to_dict(self) -> dict[str, Any]:
        keys = (
            "articles",
            "gold_toponyms",
            "scored",
            "scored_found",
            "system_rows",
            "predictions",
            "unknown_article",
            "no_span",
            "duplicates",
            "off_text",
            "bad_lines",
            "matched",
            "e2e_correct",
            "geonameid_same",
            "geonameid_compared",
            "precision",
            "recall",
            "f1",
            "acc161",
            "e2e_auc",
            "matched_with_coords",
            "matched_acc161",
            "median_km",
            "mean_km",
            "matched_auc",
            "geonameid_match",
        )
        d = {k: getattr(self, k) for k in keys}
        d["by_type"] = {t: {"n": n, "correct": ok} for t, (n, ok) in self.by_type.items()}
        return d


def _fmt(x: float | None, spec: str = ".3f") -> str:
    return "n/a" if x is None else format(x, spec)


def _predictions(
    docs: dict[str, dict[str, Any]], system: Iterable[dict[str, Any]], sc: PlaceScores
) -> dict[str, list[dict[str, Any]]]:
    """Usable predictions per article (known article, a span, first of duplicate spans)."""
    preds: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, int, int]] = set()
    for r in system:
        sc.system_rows += 1
        aid = str(r.get("article_id", r.get("id", "")))
        if aid not in docs:
            sc.unknown_article += 1
            continue
        s, e = finite_number(r.get("start")), finite_number(r.get("end"))
        if s is None or e is None or e <= s:
            sc.no_span += 1
            continue
        start, end = int(s), int(e)
        if (aid, start, end) in seen:
            sc.duplicates += 1
            continue
        seen.add((aid, start, end))
        if r.get("text") is not None and docs[aid]["text"][start:end] != r.get("text"):
            sc.off_text += 1
        preds.setdefault(aid, []).append(
            {
                "start": start,
                "end": end,
                "text": r.get("text"),
                "lat": finite_number(r.get("latitude", r.get("lat"))),
                "lon": finite_number(r.get("longitude", r.get("lon"))),
                "geonameid": r.get("geonameid"),
            }
        )
    return preds


def score_places(
    gold: list[dict[str, Any]], system: Iterable[dict[str, Any]], bad_lines: int = 0
) -> PlaceScores:
    """Score system place mentions (one dict each, with ``article_id``) against toponym gold."""
    docs = {str(d["id"]): d for d in gold}
    sc = PlaceScores(articles=len(docs), bad_lines=bad_lines)
    preds = _predictions(docs, system, sc)
    for did, d in docs.items():
        g = list(d.get("toponyms", []))
        p = preds.get(did, [])
        m = match_spans(g, p)
        sc.gold_toponyms += len(g)
        sc.predictions += len(p)
        sc.matched += len(m)
        for gi, t in enumerate(g):
            if not t.get("scored"):
                continue
            sc.scored += 1
            pr = p[m[gi]] if gi in m else None
            err = None
            if pr is not None:
                sc.scored_found += 1
                if (
                    pr["lat"] is not None
                    and pr["lon"] is not None
                    and -90 <= pr["lat"] <= 90
                    and -180 <= pr["lon"] <= 180
                ):
                    err = haversine_km(t["lat"], t["lon"], pr["lat"], pr["lon"])
                    sc.matched_errors_km.append(err)
                    if pr.get("geonameid") not in (None, "") and t.get("geonameid") is not None:
                        sc.geonameid_compared += 1
                        sc.geonameid_same += str(pr["geonameid"]).strip() == str(t["geonameid"])
            ok = err is not None and err < ACC_KM
            sc.e2e_correct += ok
            sc.e2e_errors_km.append(err if err is not None else MAX_ERROR_KM)
            bt = sc.by_type.setdefault(t.get("type") or "-", [0, 0])
            bt[0] += 1
            bt[1] += ok
    return sc
