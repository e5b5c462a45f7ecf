#!/usr/bin/env python3
"""Benchmark parallel coding: articles/s on 1 process, 2 local workers and a 2-worker Dask LocalCluster.

    .venv/bin/python bench/bench_parallel.py [--n 2000] [--workers 2] [--repeat 1] [--json]
        [--chars-per-article 3000] [--usd-per-core-hour 0.05] [--skip-dask]

Same corpus as bench/bench.py (the project's own articles, replicated to ``--n`` with distinct
ids). Every configuration is started and warmed up first (models loaded in every worker; timed
apart); then, in each of ``--repeat`` rounds, each configuration codes the whole corpus once, in
a rotating order (so a burst of load from elsewhere does not hit one configuration only), and the
best time is kept: ``pipeline.run`` (1 process, in this process), ``parallel.run_local``
(``--workers`` spawned processes) and ``parallel.run_dask`` (a
``LocalCluster(n_workers=--workers, processes=True, threads_per_worker=1)``), with results
gathered in input order. It checks that every configuration gives the same events, then projects
the cost of one GDELT-scale day (``--day`` articles, default 300,000) from the measured rates.
See the README's performance section for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import DEFAULT_CORPUS, load_corpus, replicate  # noqa: E402

GDELT_DAY = 300_000


def _digest(results: list[Any]) -> tuple[int, int, str]:
    """(articles, events, a hash of every event dict in order): equal digests = identical output."""
    import hashlib

    h = hashlib.sha256()
    n_events = 0
    for r in results:
        for e in r.events:
            n_events += 1
            h.update(json.dumps(e.to_dict(), sort_keys=True).encode())
        h.update(f"|{r.article.id}|{r.error}|".encode())
    return len(results), n_events, h.hexdigest()[:16]


def _rss_mb(pids: list[int]) -> list[float]:
    import psutil

    return [psutil.Process(p).memory_info().rss / 2**20 for p in pids]


class Config:
    """One way of coding the corpus: started (and warmed up) once, timed in every round."""

    def __init__(self, name: str, workers: int):
        self.name, self.workers = name, workers
        self.times: list[float] = []
        self.cpu: list[float] = []
        self.digests: set[tuple[int, int, str]] = set()
        self.failed = 0

    def start(self, articles: list[Any]) -> float: ...  # returns the warm-up seconds

    def run(self, articles: list[Any]) -> Any: ...

    def rss_mb(self) -> list[float]: ...

    def close(self) -> None:
        pass

    def measure(self, articles: list[Any]) -> None:
        c0, t0 = time.process_time(), time.perf_counter()
        results = list(self.run(articles))
        self.times.append(time.perf_counter() - t0)
        self.cpu.append(time.process_time() - c0)
        self.digests.add(_digest(results))
        self.failed = max(self.failed, sum(1 for r in results if r.error))


class Single(Config):
    def start(self, articles: list[Any]) -> float:
        from eventwire import parallel, pipeline

        t0 = time.perf_counter()
        parallel.warm_up()
        list(pipeline.run(articles[:1]))
        return time.perf_counter() - t0

    def run(self, articles: list[Any]) -> Any:
        from eventwire import pipeline

        return pipeline.run(articles)

    def rss_mb(self) -> list[float]:
        return _rss_mb([os.getpid()])


class Local(Config):
    def start(self, articles: list[Any]) -> float:
        from eventwire import parallel

        t0 = time.perf_counter()
        self.pool = parallel.local_pool(self.workers)
        # one tiny chunk per worker: starts every process (its initializer loads the models)
        list(parallel.run_local(articles[: self.workers], self.workers, chunk_size=1, pool=self.pool))
        return time.perf_counter() - t0

    def run(self, articles: list[Any]) -> Any:
        from eventwire import parallel

        return parallel.run_local(articles, self.workers, pool=self.pool)

    def rss_mb(self) -> list[float]:
        return _rss_mb([p.pid for p in self.pool._processes.values()])

    def close(self) -> None:
        self.pool.shutdown(wait=True)


class Dask(Config):
    def start(self, articles: list[Any]) -> float:
        from distributed import Client, LocalCluster

        from eventwire import parallel

        t0 = time.perf_counter()
        self.cluster = LocalCluster(n_workers=self.workers, processes=True, threads_per_worker=1,
                                    dashboard_address=":0")
        self.client = Client(self.cluster.scheduler_address)
        self.client.run(parallel.warm_up)
        return time.perf_counter() - t0

    def run(self, articles: list[Any]) -> Any:
        from eventwire import parallel

        return parallel.run_dask(articles, self.cluster.scheduler_address)

    def rss_mb(self) -> list[float]:
        return list(self.client.run(lambda: __import__("psutil").Process().memory_info().rss / 2**20).values())

    def close(self) -> None:
        self.client.close()
        self.cluster.close()


def bench(articles: list[Any], configs: list[Config], rounds: int) -> list[dict[str, Any]]:
    """Start every configuration, then time each once per round, in a rotating order."""
    chars = sum(len(a.text) for a in articles)
    warm = {c.name: c.start(articles) for c in configs}
    try:
        for k in range(rounds):
            for c in configs[k % len(configs):] + configs[: k % len(configs)]:
                c.measure(articles)
        out = []
        for c in configs:
            best = min(c.times)
            (n, n_events, digest), *others = sorted(c.digests)
            out.append({"config": c.name, "workers": c.workers, "warm_up_s": warm[c.name], "seconds": best,
                        "all_seconds": c.times, "articles": n, "events": n_events, "failed": c.failed,
                        "digest": digest if not others else "varies", "articles_per_s": n / best,
                        "chars_per_s": chars / best, "driver_cpu_s": min(c.cpu), "worker_rss_mb": c.rss_mb()})
        return out
    finally:
        for c in configs:
            c.close()


def project(r: dict[str, Any], day: int, chars_per_article: int, usd_per_core_hour: float) -> dict[str, Any]:
    """One day of ``day`` articles at this configuration's rate, as measured and scaled to article length."""
    hours_measured = day / r["articles_per_s"] / 3600
    hours_scaled = day * chars_per_article / r["chars_per_s"] / 3600
    return {"config": r["config"], "wall_hours": hours_measured, "core_hours": hours_measured * r["workers"],
            "usd": hours_measured * r["workers"] * usd_per_core_hour,
            "wall_hours_at_length": hours_scaled, "core_hours_at_length": hours_scaled * r["workers"],
            "usd_at_length": hours_scaled * r["workers"] * usd_per_core_hour}


def report(out: dict[str, Any]) -> str:
    lines = [f"corpus: {out['articles']} articles ({out['distinct_articles']} distinct, replicated), "
             f"{out['chars']:,} chars ({out['chars'] / out['articles']:.0f}/article); {out['cpus']} CPUs; "
             f"best of {out['repeat']} round(s); load average {out['load_average_1min'][0]:.1f} before, "
             f"{out['load_average_1min'][1]:.1f} after",
             f"{'configuration':42s} {'warm-up':>8s} {'time':>8s} {'art/s':>7s} {'chars/s':>9s} {'speed-up':>8s} "
             f"{'RSS/worker MB':>13s} {'driver CPU':>10s}  digest"]
    base = out["runs"][0]["articles_per_s"]
    for r in out["runs"]:
        rss = "/".join(f"{m:.0f}" for m in r["worker_rss_mb"])
        lines.append(f"{r['config']:42s} {r['warm_up_s']:7.1f}s {r['seconds']:7.1f}s {r['articles_per_s']:7.1f} "
                     f"{r['chars_per_s']:9,.0f} {r['articles_per_s'] / base:7.2f}x {rss:>13s} {r['driver_cpu_s']:9.1f}s  "
                     f"{r['digest']}")
    lines.append("identical output in every configuration: " + ("yes" if out["identical"] else
                 "NO (was eventwire's code or data edited during the run? workers load it when they start)"))
    p = out["projection"]
    lines.append(f"one GDELT-scale day ({p['day']:,} articles), at ${p['usd_per_core_hour']}/core-hour; "
                 f"'at length' scales by chars/s to {p['chars_per_article']:,} chars/article:")
    for q in p["runs"]:
        lines.append(f"  {q['config']:42s} {q['wall_hours']:6.1f} h wall, {q['core_hours']:6.1f} core-h, "
                     f"${q['usd']:.2f}  | at length: {q['wall_hours_at_length']:6.1f} h wall, "
                     f"{q['core_hours_at_length']:6.1f} core-h, ${q['usd_at_length']:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (replicated corpus), default 2000")
    ap.add_argument("--workers", type=int, default=2, help="local workers and Dask workers, default 2")
    ap.add_argument("--corpus", nargs="+", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--day", type=int, default=GDELT_DAY, help="articles in one day to project, default 300000")
    ap.add_argument("--chars-per-article", type=int, default=3000,
                    help="article length assumed for the day (real wire stories: ~2,000-4,000), default 3000")
    ap.add_argument("--usd-per-core-hour", type=float, default=0.05,
                    help="price of one core for one hour (an assumption: on-demand cloud is ~0.02-0.05)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds: every configuration timed once per round, rotating the order; best kept")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    a = ap.parse_args(argv)
    load_before = os.getloadavg()[0]
    base, skipped = load_corpus(a.corpus)
    articles = replicate(base, a.n)
    configs: list[Config] = [Single("1 process (pipeline.run)", 1),
                             Local(f"{a.workers} local workers (--workers {a.workers})", a.workers)]
    if not a.skip_dask:
        configs.append(Dask(f"{a.workers}-worker Dask LocalCluster (--dask)", a.workers))
    runs = bench(articles, configs, max(1, a.repeat))
    out = {"articles": a.n, "distinct_articles": len(base), "skipped_inputs": skipped,
           "chars": sum(len(x.text) for x in articles), "cpus": os.cpu_count(), "runs": runs,
           "identical": len({(r["articles"], r["events"], r["digest"]) for r in runs}) == 1
           and runs[0]["digest"] != "varies",
           "projection": {"day": a.day, "chars_per_article": a.chars_per_article,
                          "usd_per_core_hour": a.usd_per_core_hour,
                          "runs": [project(r, a.day, a.chars_per_article, a.usd_per_core_hour) for r in runs]},
           "repeat": max(1, a.repeat), "load_average_1min": [load_before, os.getloadavg()[0]],
           "python": platform.python_version(), "machine": platform.machine()}
    print(json.dumps(out) if a.json else report(out))
    return 0 if out["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
