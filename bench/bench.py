#!/usr/bin/env python3
"""Benchmark eventwire: throughput, memory, cost relative to spaCy parsing, and time per stage.

    .venv/bin/python bench/bench.py [--n 500] [--json] [--corpus PATH ...] [--batch-size N]
                                    [--mixed] [--compare-gate]

Corpus: the project's own articles (``samples/``, ``bench/corpus/`` and the invented articles of
``tests/eval/fixtures/events-gold.jsonl``), read with eventwire's own readers and replicated up to
``--n`` articles, each copy with a distinct id; ``--mixed`` adds the invented non-violent news of
``bench/corpus/mixed/`` (sport, markets, politics, weather...), a mixed news stream. Measured in
one process, after a warm-up that is timed separately (spaCy model load, gazetteer open, one
article through every stage):

1. parse only: ``nlp.pipe`` over the texts with the same loaded pipeline and batch size;
2. eventwire: ``pipeline.run`` over the articles (relevance gate, parse + every stage), the
   extractor as shipped;
3. with ``--compare-gate`` (implied by ``--mixed``): ``pipeline.run(gate=False)``, every article
   parsed and coded, and the time the gate saves;
4. per stage: the relevance gate, then the stages of ``pipeline.code_document`` run one by one
   with timers on the articles the gate lets through.

See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = [
    ROOT / "samples",
    ROOT / "bench" / "corpus",
    ROOT / "tests" / "eval" / "fixtures" / "events-gold.jsonl",
]
MIXED_CORPUS = [ROOT / "bench" / "corpus" / "mixed"]  # invented non-violent news, added by --mixed
ARTICLE_EXT = {".txt", ".html", ".htm", ".jsonl"}
STAGES = ("parse", "where.annotate", "when.annotate", "what.detect", "attach+name_actors", "assemble")
ATTACH_PARTS = ("when.attach", "where.attach", "what.name_actors")  # the parts of attach+name_actors


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def corpus_files(paths: list[Path]) -> list[str]:
    """Article files under the given files and directories, sorted within each directory."""
    out: list[str] = []
    for p in paths:
        if p.is_dir():
            out += [str(f) for f in sorted(p.iterdir()) if f.suffix.lower() in ARTICLE_EXT and f.is_file()]
        elif p.is_file():
            out.append(str(p))
    return out


def load_corpus(paths: list[Path]) -> tuple[list[Any], list[str]]:
    """The base articles (read with eventwire.sources) and the reasons for any that were skipped."""
    from eventwire.record import Article
    from eventwire.sources import read

    base: list[Article] = []
    skipped: list[str] = []
    for item in read(corpus_files(paths)):
        if isinstance(item, Article):
            base.append(item)
        else:
            skipped.append(str(item))
    return base, skipped


def replicate(base: list[Any], n: int) -> list[Any]:
    """``n`` articles cycling through ``base``; copy k of article X gets the id ``X~k``."""
    return [
        dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}~{i // len(base)}")
        for i in range(n)
    ]


class Timer:
    """Accumulates seconds per named stage."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES + ATTACH_PARTS, 0.0)

    def add(self, stage: str, t0: float) -> float:
        t = time.perf_counter()
        self.seconds[stage] += t - t0
        return t


def timed_parse(articles: list[Any], timer: Timer, batch_size: int) -> Iterator[Any]:
    """nlp.parse, with the time spent producing each document charged to "parse"."""
    from eventwire import nlp

    it = nlp.parse(articles, batch_size=batch_size)
    while True:
        t0 = time.perf_counter()
        try:
            adoc = next(it)
        except StopIteration:
            timer.add("parse", t0)
            return
        timer.add("parse", t0)
        yield adoc


def run_stages(articles: list[Any], batch_size: int) -> tuple[Timer, int, list[str], float]:
    """The relevance gate, then the stages of pipeline.code_document one by one with timers on
    the articles it lets through: (timer, events, errors, gate seconds)."""
    from eventwire import relevance, what, when, where
    from eventwire.assemble import assemble

    t0 = time.perf_counter()
    admitted = [a for a in articles if relevance.judge(a).relevant]
    gate_s = time.perf_counter() - t0
    timer, n_events, errors = Timer(), 0, []
    for adoc in timed_parse(admitted, timer, batch_size):
        try:
            t = time.perf_counter()
            where.annotate(adoc)
            t = timer.add("where.annotate", t)
            when.annotate(adoc)
            t = timer.add("when.annotate", t)
            mentions = what.detect(adoc)
            t = timer.add("what.detect", t)
            t_attach = t
            for m in mentions:
                when.attach(m, adoc)
                t = timer.add("when.attach", t)
                where.attach(m, adoc)
                t = timer.add("where.attach", t)
                what.name_actors(m, adoc)
                t = timer.add("what.name_actors", t)
            t = timer.add("attach+name_actors", t_attach)
            n_events += len(assemble(mentions, adoc, keep_unasserted=False))
            timer.add("assemble", t)
        except Exception as e:  # as pipeline.run: one article never sinks the run
            errors.append(f"{adoc.article.id}: {type(e).__name__}: {e}")
    return timer, n_events, errors, gate_s


def warm_up(sample: Any) -> dict[str, float]:
    """Load the model, open the gazetteer and code one article; each timed (seconds)."""
    from eventwire import nlp, pipeline

    out: dict[str, float] = {}
    t0 = time.perf_counter()
    nlp.load()
    out["model_load_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    try:
        from eventwire.where import gazetteer

        gazetteer.get()
        out["gazetteer_open_s"] = time.perf_counter() - t0
    except (ImportError, AttributeError):  # no gazetteer module: its opening falls in the first article
        out["gazetteer_open_s"] = float("nan")
    t0 = time.perf_counter()
    list(pipeline.run([dataclasses.replace(sample, id="warm-up")]))
    out["first_article_s"] = time.perf_counter() - t0
    return out


def bench(n: int, paths: list[Path], batch_size: int | None = None, compare_gate: bool = False) -> dict[str, Any]:
    """Run every measurement; returns the figures as a dict (see bench/README.md)."""
    t_import = time.perf_counter()
    from eventwire import nlp, pipeline

    import_s = time.perf_counter() - t_import
    bs = batch_size or nlp.BATCH_SIZE
    base, skipped = load_corpus(paths)
    if not base:
        raise SystemExit(f"no articles found in {', '.join(map(str, paths))}")
    articles = replicate(base, n)
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    warm = warm_up(base[0])
    rss_after_warm = peak_rss_mb()

    spacy_nlp = nlp.load()
    t0 = time.perf_counter()
    for _ in spacy_nlp.pipe(texts, batch_size=bs):
        pass
    parse_only_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events, n_gated, errors = 0, 0, []
    for res in _run(pipeline, nlp, articles, bs):
        n_events += len(res.events)
        n_gated += res.relevance is not None and not res.relevance.relevant and res.relevance.stage == "pre-parse"
        if res.error is not None:
            errors.append(f"{res.article.id}: {res.error}")
    full_s = time.perf_counter() - t0
    ungated: dict[str, Any] = {}
    if compare_gate:
        t0 = time.perf_counter()
        ungated_events = sum(len(res.events) for res in _run(pipeline, nlp, articles, bs, gate=False))
        ungated_s = time.perf_counter() - t0
        ungated = {
            "no_gate_s": ungated_s,
            "no_gate_events": ungated_events,
            "ratio_no_gate_to_parse_only": ungated_s / parse_only_s,
            "gate_saved_s": ungated_s - full_s,
            "gate_saved_pct": 100 * (ungated_s - full_s) / ungated_s,
            "gate_speedup": ungated_s / full_s,
        }

    timer, staged_events, staged_errors, gate_s = run_stages(articles, bs)
    staged_total = sum(timer.seconds[k] for k in STAGES)
    return {
        "articles": n,
        "distinct_articles": len(base),
        "chars": chars,
        "skipped_inputs": skipped,
        "batch_size": bs,
        "events": n_events,
        "failed_articles": len(errors),
        "first_error": errors[0] if errors else None,
        "eventwire_s": full_s,
        "articles_per_s": n / full_s,
        "chars_per_s": chars / full_s,
        "parse_only_s": parse_only_s,
        "ratio_to_parse_only": full_s / parse_only_s,
        "gated_articles": n_gated,
        "gate_s": gate_s,
        "gate_pct_of_parse": 100 * gate_s / parse_only_s,
        **ungated,
        "peak_rss_mb": peak_rss_mb(),
        "peak_rss_after_warm_up_mb": rss_after_warm,
        "warm_up": {"import_s": import_s, **warm},
        "stages": {k: _share(timer.seconds[k], staged_total) for k in STAGES},
        "attach_parts": {k: _share(timer.seconds[k], staged_total) for k in ATTACH_PARTS},
        "stages_total_s": staged_total,
        "stages_events": staged_events,
        "stages_failed": len(staged_errors),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def _share(seconds: float, total: float) -> dict[str, float]:
    return {"s": seconds, "pct": 100 * seconds / total if total else 0.0}


def _run(pipeline: Any, nlp: Any, articles: list[Any], batch_size: int, gate: bool = True) -> Iterator[Any]:
    """pipeline.run, with the batch size given to nlp.parse when it is not the default."""
    if batch_size == nlp.BATCH_SIZE:
        yield from pipeline.run(articles, gate=gate)
        return
    from eventwire import relevance

    def parse(arts: Any) -> Iterator[Any]:
        return nlp.parse(arts, batch_size=batch_size)

    for article, verdict, adoc in relevance.screen(articles, parse, enabled=gate):
        if adoc is None:
            yield pipeline.Result(article, relevance=verdict)
            continue
        try:
            events = pipeline.code_document(adoc)
            if verdict is not None:
                verdict, events = relevance.review(adoc, events, verdict)
            yield pipeline.Result(adoc.article, events, relevance=verdict)
        except Exception as e:
            yield pipeline.Result(adoc.article, error=f"{type(e).__name__}: {e}")


def report(r: dict[str, Any]) -> str:
    """The figures as readable text."""
    w = r["warm_up"]
    lines = [
        f"corpus: {r['articles']} articles ({r['distinct_articles']} distinct, replicated), "
        f"{r['chars']:,} chars, batch size {r['batch_size']}",
        f"warm-up (excluded): import {w['import_s']:.2f}s, model load {w['model_load_s']:.2f}s, "
        f"gazetteer open {w['gazetteer_open_s']:.2f}s, first article {w['first_article_s']:.2f}s",
        f"eventwire (pipeline.run): {r['eventwire_s']:.2f}s  {r['articles_per_s']:.1f} articles/s  "
        f"{r['chars_per_s']:,.0f} chars/s  ({r['events']} events, {r['failed_articles']} articles failed)",
        f"spaCy parse only (nlp.pipe): {r['parse_only_s']:.2f}s  -> eventwire / parse-only = "
        f"{r['ratio_to_parse_only']:.2f}x",
        f"relevance gate: {r['gated_articles']} of {r['articles']} articles not parsed; judging all took "
        f"{r['gate_s']:.3f}s ({r['gate_pct_of_parse']:.2f}% of the parse-only time)",
    ]
    if "no_gate_s" in r:
        lines.append(
            f"eventwire without the gate (pipeline.run(gate=False)): {r['no_gate_s']:.2f}s "
            f"({r['no_gate_events']} events) -> / parse-only = {r['ratio_no_gate_to_parse_only']:.2f}x; "
            f"the gate saves {r['gate_saved_s']:.2f}s ({r['gate_saved_pct']:.0f}%, {r['gate_speedup']:.2f}x faster)")
    lines += [
        f"peak RSS: {r['peak_rss_mb']:.0f} MB ({r['peak_rss_after_warm_up_mb']:.0f} MB after warm-up)",
        f"per stage (timed separately, total {r['stages_total_s']:.2f}s):",
    ]
    for k, v in r["stages"].items():
        lines.append(f"  {k:20s} {v['s']:7.2f}s {v['pct']:5.1f}%")
        if k == "attach+name_actors":
            lines += [f"    {p:18s} {q['s']:7.2f}s {q['pct']:5.1f}%" for p, q in r["attach_parts"].items()]
    if r["first_error"]:
        lines.append(f"WARNING: {r['failed_articles']} articles failed, e.g. {r['first_error']}")
    if r["skipped_inputs"]:
        lines.append("skipped inputs: " + "; ".join(r["skipped_inputs"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500, help="number of articles (replicated corpus), default 500")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    ap.add_argument(
        "--corpus",
        nargs="+",
        type=Path,
        default=DEFAULT_CORPUS,
        help="article files or directories (.txt, .html, .jsonl); default: samples/, bench/corpus/ ...",
    )
    ap.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default: eventwire's)")
    ap.add_argument("--mixed", action="store_true",
                    help="a mixed news stream: add bench/corpus/mixed/ (invented non-violent news) to the corpus; "
                         "implies --compare-gate")
    ap.add_argument("--compare-gate", action="store_true",
                    help="also run pipeline.run(gate=False) and report the time the relevance gate saves")
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("--n must be at least 1")
    corpus = list(a.corpus) + (MIXED_CORPUS if a.mixed else [])
    r = bench(a.n, corpus, a.batch_size, compare_gate=a.compare_gate or a.mixed)
    print(json.dumps(r, indent=None) if a.json else report(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
