"""bench/bench.py still runs: a handful of articles, --json, every documented figure present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "bench" / "bench.py"


@pytest.mark.slow
def test_bench_runs_and_reports_every_figure() -> None:
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--n", "6", "--json"], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert r["articles"] == 6 and r["distinct_articles"] >= 5 and r["chars"] > 0
    assert r["failed_articles"] == 0, r["first_error"]
    for key in ("articles_per_s", "chars_per_s", "parse_only_s", "ratio_to_parse_only", "peak_rss_mb"):
        assert r[key] > 0, key
    assert set(r["warm_up"]) == {"import_s", "model_load_s", "gazetteer_open_s", "first_article_s"}
    assert list(r["stages"]) == [
        "parse",
        "where.annotate",
        "when.annotate",
        "what.detect",
        "attach+name_actors",
        "assemble",
    ]
    assert sum(v["pct"] for v in r["stages"].values()) == pytest.approx(100.0)


def test_replicate_gives_distinct_ids() -> None:
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench
    finally:
        sys.path.remove(str(BENCH.parent))
    from eventwire.record import Article

    base = [Article(id="a", text="one"), Article(id="b", text="two")]
    out = bench.replicate(base, 5)
    assert [a.id for a in out] == ["a~0", "b~0", "a~1", "b~1", "a~2"]
    assert [a.text for a in out] == ["one", "two", "one", "two", "one"]
