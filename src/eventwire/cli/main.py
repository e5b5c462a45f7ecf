"""The ``eventwire`` parser and :func:`main`: errors become one line on stderr and an exit code.

Exit codes: see :mod:`eventwire.cli`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from .. import __version__
from ..errors import EventwireError
from . import extract, feeds, review, serve, store
from .options import PROG, Parser, err


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command (cheap: no command's work is imported)."""
    p = Parser(prog=PROG, description="News reports in, evidence-backed event data out.")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    for group in (extract, store, review, feeds, serve):
        group.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run ``eventwire`` with ``argv`` (else ``sys.argv[1:]``); returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except EventwireError as e:
        err(f"error: {e}")
        return 2
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except BrokenPipeError:  # e.g. `eventwire extract ... | head`
        with contextlib.suppress(Exception):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except Exception as e:  # a bug, not the user's fault: one line, the traceback on request
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        err(f"internal error: {type(e).__name__}: {e} (set EVENTWIRE_DEBUG=1 to see the traceback)")
        return 3
