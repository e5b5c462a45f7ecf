"""The ``eventwire`` command: a thin shell over the library (the library never imports it).

Exit codes: 0 everything read and coded; 1 some inputs or articles were skipped (each reported
on stderr with its reason; the rest were still coded and written); 2 bad usage or nothing usable;
3 an internal error (a bug: please report it with the EVENTWIRE_DEBUG=1 traceback).

Modules: :mod:`.main` (the parser, errors and exit codes), :mod:`.options` (options shared by the
commands), one module per group of commands: :mod:`.extract` (extract, places, eval, gazetteer,
schema), :mod:`.store` (ingest, events, show), :mod:`.review` (review, history, recode,
corrections), :mod:`.feeds` (watch), :mod:`.serve` (serve).
Building the parser imports nothing heavy: each command imports its work when it runs.
"""

from __future__ import annotations

from .main import build_parser, main

__all__ = ["build_parser", "main"]
