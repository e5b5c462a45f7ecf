"""The ``eventwire`` command: a thin shell over the library.

Exit codes: 0 everything read and coded; 1 some inputs or articles were skipped (each reported
on stderr with its reason; the rest were still coded and written); 2 bad usage or nothing usable;
3 an internal error (a bug: please report it with the EVENTWIRE_DEBUG=1 traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import typing
from collections.abc import Iterator
from datetime import date

from . import __version__
from .errors import EventwireError, InputError
from .record import Article

PROG = "eventwire"


def _err(msg: str) -> None:
    print(f"{PROG}: {msg}", file=sys.stderr)


def _date_arg(value: str) -> date:
    from .sources.dates import parse_published

    try:
        d = parse_published("--published", value)
    except InputError as e:
        raise argparse.ArgumentTypeError(e.reason) from e
    assert d is not None
    return d


class _Progress:
    """A tqdm bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, desc: str, enabled: bool):
        from tqdm import tqdm

        self.bar = tqdm(desc=desc, unit="art", file=sys.stderr, disable=not (enabled and sys.stderr.isatty()))

    def update(self) -> None:
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def _articles(inputs: list[str], published: date | None, bad: list[str]) -> Iterator[Article]:
    from .sources import read

    for item in read(inputs, published):
        if isinstance(item, InputError):
            _err(f"skipped {item}")
            bad.append(str(item))
        else:
            yield item


def cmd_extract(args: argparse.Namespace) -> int:
    from . import pipeline

    bad: list[str] = []
    progress = _Progress("coding", not args.quiet)
    n_articles = n_events = 0
    articles = _articles(args.inputs, args.published, bad)
    if args.workers != 1 or args.dask:
        from . import parallel

        results = parallel.run_articles(articles, args.workers, args.dask, keep_unasserted=args.all,
                                        gate=not args.no_gate)
    else:
        results = pipeline.run(articles, keep_unasserted=args.all, gate=not args.no_gate)
    n_gated = 0
    from .output import RENDERERS

    sink = RENDERERS[args.format].events
    assert sink is not None
    with sink(args.output) as writer:
        for res in results:
            progress.update()
            if res.error:
                _err(f"skipped {res.article.origin or res.article.id}: could not be coded ({res.error})")
                bad.append(res.article.id)
                continue
            n_articles += 1
            n_events += len(res.events)
            if res.relevance is not None and not res.relevance.relevant:
                n_gated += 1
                if args.show_gated:
                    _err(f"no new event in {res.article.origin or res.article.id}: {res.relevance.explain()}")
            writer.write(res.events, res.article)  # the Parquet writer also keeps the article, for the store
    progress.close()
    if not args.quiet:
        _err(f"{n_articles} article(s) coded, {n_events} event(s)" + (f", {len(bad)} skipped" if bad else "")
             + (f"; {n_gated} judged not relevant (--show-gated says why)" if n_gated and not args.show_gated else ""))
    if n_articles == 0 and bad:
        return 2
    return 1 if bad else 0


def cmd_places(args: argparse.Namespace) -> int:
    from . import nlp, where
    from .output.table import write_columns

    bad: list[str] = []
    rows: list[dict] = []
    from .atomic import open_output

    with open_output(args.output) as out:
        for adoc in nlp.parse(_articles(args.inputs, args.published, bad)):
            try:
                where.annotate(adoc)
                recs = where.place_records(adoc)
            except Exception as e:  # one article never sinks a batch
                _err(f"skipped {adoc.article.origin or adoc.article.id}: {type(e).__name__}: {e}")
                bad.append(adoc.article.id)
                continue
            if args.format == "jsonl":
                for r in recs:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
            else:
                rows.extend(recs)
        if args.format == "table":
            cols = ["article_id", "start", "end", "text", "name", "country", "admin1", "place_level",
                    "latitude", "longitude", "geonameid"]
            table = [[str(r.get(c) if r.get(c) is not None else "-")[:28] for c in cols] for r in rows]
            write_columns(out, cols, table, rule=False, strip_header=False)
    return 1 if bad else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from . import eval as evaluation

    report = evaluation.evaluate(args.gold, system_path=args.system, verbose=args.verbose,
                                 save_system=args.save_system)
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.format())
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from .where import gazetteer

    if args.action == "import":
        n = gazetteer.import_geonames(args.files, progress=not args.quiet)
        _err(f"imported {n} place(s) into {gazetteer.default_path()}")
    elif args.action == "build":
        gazetteer.build(force=True) if hasattr(gazetteer, "build") else gazetteer.info()
        _err(f"gazetteer ready at {gazetteer.default_path()}")
    else:
        info = gazetteer.info()
        print(json.dumps(info, indent=2, default=str))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import event_schema

    print(json.dumps(event_schema(), indent=2, ensure_ascii=False))
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit 2), like every other error."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="News reports in, evidence-backed event data out.")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def inputs(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("inputs", nargs="+", metavar="INPUT",
                        help=".txt (first line is the title), .html/.htm, .jsonl[.gz] or .parquet (id, text, title, url, "
                             "published, source), or - for stdin")
        sp.add_argument("--published", type=_date_arg, metavar="YYYY-MM-DD",
                        help="publication date for every input (else: from the input, or a YYYY-MM-DD prefix "
                             "of a .txt file name; without one, relative dates stay unresolved)")
        sp.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (atomically)")
        sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary on stderr")

    sp = sub.add_parser("extract", help="code articles into events")
    inputs(sp)
    sp.add_argument("--format", choices=("jsonl", "csv", "table", "parquet"), default="jsonl",
                    help="parquet: -o FILE.parquet (one file) or -o DIR (a file per 10,000 articles)")
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
    inputs(sp)
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
    gsub = sp.add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
    g = gsub.add_parser("import", help="load GeoNames dumps (allCountries.txt, XX.txt, alternateNamesV2.txt)")
    g.add_argument("files", nargs="+", metavar="FILE")
    g.add_argument("-q", "--quiet", action="store_true")
    gsub.add_parser("info", help="what the gazetteer holds")
    gsub.add_parser("build", help="(re)build the embedded gazetteer from the installed packages")
    sp.set_defaults(func=cmd_gazetteer)

    sp = sub.add_parser("schema", help="print the JSON Schema of the event record")
    sp.set_defaults(func=cmd_schema)

    from .store.commands import register as register_store_commands  # argparse only; imports are lazy

    register_store_commands(sub, inputs)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except EventwireError as e:
        _err(f"error: {e}")
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:  # e.g. `eventwire extract ... | head`
        with contextlib.suppress(Exception):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except Exception as e:  # a bug, not the user's fault: one line, the traceback on request
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        _err(f"internal error: {type(e).__name__}: {e} (set EVENTWIRE_DEBUG=1 to see the traceback)")
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
