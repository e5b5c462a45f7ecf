"""Place scoring: overlap matching, haversine, accuracy@161 km and AUC, on a hand-made fixture."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from eventwire.eval import evaluate
from eventwire.eval.metrics import EARTH_RADIUS_KM, MAX_ERROR_KM, error_auc, haversine_km
from eventwire.eval.places import match_spans

FIX = Path(__file__).parent / "fixtures"
DEG_KM = math.pi * EARTH_RADIUS_KM / 180  # one degree of a great circle, ~111.195 km


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(DEG_KM)
    assert haversine_km(10, 20, 12, 20) == pytest.approx(2 * DEG_KM)  # along a meridian
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)  # antipode
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.6, abs=0.5)  # London-Paris


def test_overlap_matching_is_one_to_one_largest_first() -> None:
    gold = [{"start": 0, "end": 13}, {"start": 20, "end": 25}]  # "New York City" ... "Paris"
    preds = [{"start": 0, "end": 8}, {"start": 4, "end": 13}, {"start": 30, "end": 35}]
    assert match_spans(gold, preds) == {0: 1}  # overlap 9 beats 8; no partner left for gold 1
    # equal overlap: the smaller offset difference wins
    assert match_spans([{"start": 5, "end": 10}], [{"start": 3, "end": 8}, {"start": 5, "end": 8}]) == {0: 1}
    assert (
        match_spans([{"start": 0, "end": 4}], [{"start": 4, "end": 9}]) == {}
    )  # touching is not overlapping


def test_auc() -> None:
    assert error_auc([]) is None
    assert error_auc([0.0, 0.0]) == 0.0
    assert error_auc([MAX_ERROR_KM, MAX_ERROR_KM]) == pytest.approx(
        math.log1p(MAX_ERROR_KM) / math.log(MAX_ERROR_KM)
    )
    assert error_auc([MAX_ERROR_KM]) == pytest.approx(math.log1p(MAX_ERROR_KM) / math.log(MAX_ERROR_KM))


def test_place_scores_on_fixture() -> None:
    # geo-1: Lagos exact (0 km); Abuja shifted one character and 2 degrees north (222 km, wrong id);
    # Kano missed; "Nigerian" (an unscored demonym) found without coordinates. A duplicate Lagos
    # row and a row for an unknown article are ignored.
    # geo-2: "New York" inside the gold "New York City", 0.5 degrees north (56 km, same id as a
    # string); "Police" is a false detection.
    r = evaluate(str(FIX / "places-gold.jsonl"), str(FIX / "places-system.jsonl"))
    p = r.places
    assert r.kind == "places" and p is not None
    assert (p.gold_toponyms, p.scored, p.predictions, p.matched) == (5, 4, 5, 4)
    assert (p.duplicates, p.unknown_article, p.off_text) == (1, 1, 0)
    assert p.precision == pytest.approx(0.8) and p.recall == pytest.approx(0.8) and p.f1 == pytest.approx(0.8)
    assert p.scored_found == 3
    assert (p.e2e_correct, p.acc161) == (2, 0.5)
    errs = [0.0, 2 * DEG_KM, 0.5 * DEG_KM]
    assert p.matched_errors_km == pytest.approx(errs)
    assert p.matched_acc161 == pytest.approx(2 / 3)
    assert p.median_km == pytest.approx(0.5 * DEG_KM)
    assert p.mean_km == pytest.approx(sum(errs) / 3)
    xs = sorted(math.log1p(e) for e in errs)
    assert p.matched_auc == pytest.approx(
        ((xs[0] + xs[1]) / 2 + (xs[1] + xs[2]) / 2) / (math.log(MAX_ERROR_KM) * 2)
    )
    assert sorted(p.e2e_errors_km) == pytest.approx(sorted(errs + [MAX_ERROR_KM]))
    assert (p.geonameid_same, p.geonameid_compared) == (2, 3)
    assert r.summary() == (
        "places: acc@161 end-to-end 0.500 (2/4), detection P 0.800 R 0.800 F1 0.800, "
        "matched acc@161 0.667 median 56 km AUC 0.340, 2 articles"
    )
    d = r.to_dict()
    assert d["headline"] == {"name": "acc161", "value": 0.5}
    assert d["scores"]["by_type"] == {"Literal": {"n": 4, "correct": 2}}
