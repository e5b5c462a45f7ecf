"""What the commands share: the one-line usage-error parser, the input options, messages on stderr."""

from __future__ import annotations

import argparse
import sys
import typing
from collections.abc import Iterator
from datetime import date

from ..errors import InputError
from ..progress import Bar, printing
from ..record import Article

PROG = "eventwire"
DB_HELP = "the store: a SQLite file (default ./eventwire.db, or $EVENTWIRE_DB) or a postgresql:// URL"


def err(msg: str) -> None:
    """``eventwire: msg`` on stderr (above a progress bar, if one is drawn)."""
    with printing():
        print(f"{PROG}: {msg}", file=sys.stderr)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit 2), like every other error."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def published_date(value: str) -> date:
    """The type of ``--published``."""
    from ..sources.dates import parse_published

    try:
        d = parse_published("--published", value)
    except InputError as e:
        raise argparse.ArgumentTypeError(e.reason) from e
    assert d is not None
    return d


def iso_date(value: str) -> str:
    """The type of ``--since`` and ``--until``: a YYYY-MM-DD date, as that string."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from e


def language(value: str) -> str | None:
    """The type of ``--lang``: a declared language, or None for ``auto``."""
    from .. import lang

    try:
        return lang.chosen(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{value!r} is not one of {', '.join(lang.codes())} or {lang.AUTO}") from e


def add_inputs(sp: argparse.ArgumentParser) -> None:
    """INPUT..., --published, --lang, -o/--output and -q/--quiet."""
    sp.add_argument("inputs", nargs="+", metavar="INPUT",
                    help=".txt (first line is the title), .html/.htm, .jsonl[.gz] or .parquet (id, text, title, url, "
                         "published, source), or - for stdin")
    sp.add_argument("--published", type=published_date, metavar="YYYY-MM-DD",
                    help="publication date for every input (else: from the input, or a YYYY-MM-DD prefix "
                         "of a .txt file name; without one, relative dates stay unresolved)")
    sp.add_argument("--lang", type=language, default=None, metavar="en|fr|auto",
                    help="the language of every input (default auto: a JSON line's 'lang', else told from "
                         "the text by its stop words)")
    add_output(sp)
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary on stderr")


def add_output(sp: argparse.ArgumentParser) -> None:
    """-o/--output."""
    sp.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (atomically)")


def add_db(sp: argparse.ArgumentParser) -> None:
    """--db."""
    sp.add_argument("--db", metavar="PATH_OR_URL", help=DB_HELP)


MAX_REPORTED_PER_FILE = 20  # bad lines of one file told one by one; the rest are counted


def articles(inputs: list[str], published: date | None, bad: list[str], bar: Bar | None = None,
             lang: str | None = None) -> Iterator[Article]:
    """The articles of ``inputs``; an input that cannot be read is reported, added to ``bad`` and
    counted on ``bar`` (the articles are counted when they are coded). ``lang`` (``--lang``), when
    given, is the language of every article, whatever its own says.
    Past MAX_REPORTED_PER_FILE bad lines in one file, the rest are counted and told in one line
    at the end of that file (a million-line file of the wrong kind prints 21 lines, not a million)."""
    from ..sources import read

    told: dict[str, int] = {}
    untold: dict[str, int] = {}

    def flush() -> None:
        for name, n in untold.items():
            err(f"skipped {n:,} more bad line{'s' if n != 1 else ''} of {name} (the first "
                f"{MAX_REPORTED_PER_FILE} are listed above)")
        untold.clear()

    current = None
    for item in read(inputs, published):
        name = (item.where.rsplit(":", 1)[0] if isinstance(item, InputError) else (item.origin or "")
                .rsplit(":", 1)[0])
        if name != current:
            flush()
            current = name
        if isinstance(item, InputError):
            bad.append(str(item))
            if bar is not None:
                bar.update()
            if told.get(name, 0) < MAX_REPORTED_PER_FILE:
                told[name] = told.get(name, 0) + 1
                err(f"skipped {item}")
            else:
                untold[name] = untold.get(name, 0) + 1
        else:
            if lang is not None:
                item.lang = lang
            yield item
    flush()


def progress(args: argparse.Namespace, desc: str, count: bool = True) -> Bar:
    """The bar of a command that reads ``args.inputs``: on a terminal (and without ``-q``) its total
    is the articles of the inputs, counted before starting (:func:`eventwire.sources.count`; with
    ``count`` False, or stdin among the inputs, a count without a total)."""
    from ..progress import bar
    from ..sources import count as count_items

    shown = not args.quiet and sys.stderr.isatty()
    return bar(desc, count_items(args.inputs) if shown and count else None, enabled=shown)
