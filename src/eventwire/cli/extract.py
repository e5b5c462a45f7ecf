"""``eventwire extract``, ``places``, ``eval``, ``gazetteer`` and ``schema``: the extractor's commands."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..output import RENDERERS
from .options import Parser, add_inputs, articles, err, progress

FORMATS = ("jsonl", "csv", "table", "parquet", "plover")  # of extract, in the order --help lists them
PLACE_COLUMNS = ["article_id", "start", "end", "text", "name", "country", "admin1", "place_level",
                 "latitude", "longitude", "geonameid"]


def cmd_extract(args: argparse.Namespace) -> int:
    from .. import pipeline

    bad: list[str] = []
    bar = progress(args, "coding")
    n_articles = n_events = 0
    arts = articles(args.inputs, args.published, bad, bar, args.lang)
    if args.workers != 1 or args.dask:
        from .. import parallel

        results = parallel.run_articles(arts, args.workers, args.dask, keep_unasserted=args.all,
                                        gate=not args.no_gate)
    else:
        results = pipeline.run(arts, keep_unasserted=args.all, gate=not args.no_gate)
    n_gated = 0
    told_uncoded: set[str] = set()
    sink = RENDERERS[args.format].events
    assert sink is not None
    with bar, sink(args.output) as writer:
        for res in results:
            bar.update()
            if res.error:
                err(f"skipped {res.article.origin or res.article.id}: could not be coded ({res.error})")
                bad.append(res.article.id)
                continue
            n_articles += 1
            n_events += len(res.events)
            if res.uncoded_language and res.language not in told_uncoded:
                told_uncoded.add(res.language or "")
                err(uncoded_note(res.language or ""))
            if res.relevance is not None and not res.relevance.relevant:
                n_gated += 1
                if args.show_gated:
                    err(f"no new event in {res.article.origin or res.article.id}: {res.relevance.explain()}")
            writer.write(res.events, res.article)  # the Parquet writer also keeps the article, for the store
    if not args.quiet:
        err(f"{n_articles} article(s) coded, {n_events} event(s)" + (f", {len(bad)} skipped" if bad else "")
            + (f"; {n_gated} judged not relevant (--show-gated says why)" if n_gated and not args.show_gated else ""))
    if n_articles == 0 and bad:
        return 2
    return 1 if bad else 0


def uncoded_note(code: str) -> str:
    """What extract says once about articles in a language that has no event data yet."""
    from .. import lang

    name = lang.spec(code).name
    return (f"{name} coding has no event data yet: {name} articles are parsed but coded to no event "
            f"(use --lang to code an article as another language)")


def cmd_places(args: argparse.Namespace) -> int:
    from .. import nlp, where
    from ..atomic import open_output
    from ..output.table import write_columns

    bad: list[str] = []
    rows: list[dict] = []
    with open_output(args.output) as out:
        for adoc in nlp.parse(articles(args.inputs, args.published, bad, lang=args.lang)):
            try:
                where.annotate(adoc)
                recs = where.place_records(adoc)
            except Exception as e:  # one article never sinks a batch
                err(f"skipped {adoc.article.origin or adoc.article.id}: {type(e).__name__}: {e}")
                bad.append(adoc.article.id)
                continue
            if args.format == "jsonl":
                for r in recs:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
            else:
                rows.extend(recs)
        if args.format == "table":
            table = [[str(r.get(c) if r.get(c) is not None else "-")[:28] for c in PLACE_COLUMNS] for r in rows]
            write_columns(out, PLACE_COLUMNS, table, rule=False, strip_header=False)
    return 1 if bad else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .. import eval as evaluation

    report = evaluation.evaluate(args.gold, system_path=args.system, verbose=args.verbose,
                                 save_system=args.save_system)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.format())
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from ..where import gazetteer

    if args.action == "import":
        n = gazetteer.import_geonames(args.files, progress=not args.quiet)
        err(f"imported {n} place(s) into {gazetteer.default_path()}")
    elif args.action == "build":
        gazetteer.build(force=True) if hasattr(gazetteer, "build") else gazetteer.info()
        err(f"gazetteer ready at {gazetteer.default_path()}")
    else:
        info = gazetteer.info()
        print(json.dumps(info, indent=2, default=str))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from ..schema import event_schema

    print(json.dumps(event_schema(), indent=2, ensure_ascii=False))
    return 0


def register(sub: Any) -> None:
    """Add extract, places, eval, gazetteer and schema to the ``eventwire`` subparsers."""
    assert all(RENDERERS[f].events for f in FORMATS)
    sp = sub.add_parser("extract", help="code articles into events")
    add_inputs(sp)
    sp.add_argument("--format", choices=FORMATS, default="jsonl",
                    help="parquet: -o FILE.parquet (one file) or -o DIR (a file per 10,000 articles); plover: PLOVER "
                         "and CAMEO codes, one POLECAT-like JSON object per event")
    sp.add_argument("--all", action="store_true",
                    help="also output negated, hypothetical, planned, threatened and denied events "
                         "(marked in 'modality')")
    sp.add_argument("--show-gated", action="store_true",
                    help="say on stderr which articles the relevance gate judged not relevant (no new event), "
                         "and why")
    sp.add_argument("--no-gate", action="store_true",
                    help="code every article, even one the relevance gate judges not about violence, "
                         "protest or conflict (sport, markets...)")
    sp.add_argument("--workers", type=int, default=1, metavar="N",
                    help="code on N processes on this machine (spaCy loaded once in each)")
    sp.add_argument("--dask", metavar="ADDRESS",
                    help="code on the Dask cluster whose scheduler is at ADDRESS (e.g. tcp://host:8786)")
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("places", help="list every resolved place mention (geoparsing)")
    add_inputs(sp)
    sp.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    sp.set_defaults(func=cmd_places)

    sp = sub.add_parser("eval", help="score eventwire against a gold file (dev-gold, CASE 2021 or geo format)")
    sp.add_argument("gold", metavar="GOLD.jsonl")
    sp.add_argument("--system", metavar="OUT.jsonl", help="score this output instead of running eventwire")
    sp.add_argument("--save-system", metavar="FILE", help="also write the output that was scored")
    sp.add_argument("--verbose", action="store_true", help="list misses, false events and leaks")
    sp.add_argument("--json", action="store_true", help="print the figures as JSON")
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("gazetteer", help="the local gazetteer: info, build, import GeoNames dumps")
    gsub = sp.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=Parser)
    g = gsub.add_parser("import", help="load GeoNames dumps (allCountries.txt, XX.txt, alternateNamesV2.txt)")
    g.add_argument("files", nargs="+", metavar="FILE")
    g.add_argument("-q", "--quiet", action="store_true")
    gsub.add_parser("info", help="what the gazetteer holds")
    gsub.add_parser("build", help="(re)build the embedded gazetteer from the installed packages")
    sp.set_defaults(func=cmd_gazetteer)

    sp = sub.add_parser("schema", help="print the JSON Schema of the event record")
    sp.set_defaults(func=cmd_schema)
