"""Analysts' commands on a store: review actions, an event's history, re-coding, the corrections.

    eventwire review accept|reject|reopen EVENT_ID --who NAME [--reason TEXT] [--version N]
    eventwire review edit EVENT_ID --set FIELD=VALUE ... [--unpin FIELD ...] --who NAME
    eventwire review merge EVENT_ID OTHER_ID --who NAME
    eventwire review split EVENT_ID ARTICLE_ID ... --who NAME
    eventwire history EVENT_ID [--format text|jsonl]
    eventwire recode [--db ...]                    code every stored article again; pins are kept
    eventwire corrections export [-o FILE] [--partial]   the reviewed articles as dev-gold

The same actions as the API's write endpoints (:mod:`eventwire.store.review` does the work).
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any

from .options import add_db, add_output, err


def _who(args: argparse.Namespace) -> str:
    from ..errors import EventwireError

    who = (args.who or os.environ.get("EVENTWIRE_REVIEWER") or "").strip()
    if not who:
        raise EventwireError("say who reviews: --who NAME (or $EVENTWIRE_REVIEWER)")
    return who


def _value(text: str) -> Any:
    """A --set value: JSON where it parses (16, null, true, "x"), else the text itself."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def cmd_review(args: argparse.Namespace) -> int:
    from ..errors import EventwireError
    from ..store import review
    from ..store.core import open_store

    who = _who(args)
    with open_store(args.db) as store:
        try:
            if args.action == "edit":
                changes: dict[str, Any] = {}
                for item in args.set or []:
                    field, eq, value = item.partition("=")
                    if not eq:
                        raise review.ReviewError(f"--set {item!r}: write FIELD=VALUE")
                    changes[field.strip()] = _value(value)
                done = review.edit(store, args.event_id, changes, unpin=args.unpin or [], who=who,
                                   version=args.version, reason=args.reason)
            elif args.action == "merge":
                done = review.merge(store, args.event_id, args.other, who=who, version=args.version,
                                    reason=args.reason)
            elif args.action == "split":
                done = review.split(store, args.event_id, args.articles, who=who, version=args.version,
                                    reason=args.reason)
            elif args.action == "reject":
                done = review.reject(store, args.event_id, who=who, version=args.version, reason=args.reason or "")
            else:
                act = {"accept": review.accept, "reopen": review.reopen}[args.action]
                done = act(store, args.event_id, who=who, version=args.version, reason=args.reason)
        except review.ReviewError as e:
            raise EventwireError(str(e)) from None
    extra = f", split off as {done.new_uid}" if done.new_uid else ""
    print(f"{done.uid}: {done.status}, version {done.version}{extra}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from ..errors import EventwireError
    from ..store import review
    from ..store.core import open_store

    with open_store(args.db, create=False) as store:
        try:
            entries = review.history(store, args.event_id)
        except review.ReviewError as e:
            raise EventwireError(str(e)) from None
    for e in entries:
        if args.format == "jsonl":
            print(json.dumps(e.as_dict(), ensure_ascii=False))
        else:
            print(describe(e))
    return 0


def describe(e: Any) -> str:
    """One line of a history for people."""
    if e.action == "report":
        a = e.after or {}
        r = a.get("record") or {}
        what = f"{r.get('sub_event_type')}, {r.get('date')}, {r.get('location')}"
        return f"{e.at}  report    {a.get('source') or a.get('article')}: {a.get('title') or a.get('url')} ({what})"
    change = ""
    if e.field:
        change = f" {e.field}: {json.dumps(e.before, ensure_ascii=False)} -> {json.dumps(e.after, ensure_ascii=False)}"
    elif e.after is not None or e.before is not None:
        change = f" {json.dumps(e.before, ensure_ascii=False)} -> {json.dumps(e.after, ensure_ascii=False)}"
    why = f"  ({e.reason})" if e.reason else ""
    return f"{e.at}  {e.action:9s} by {e.who}{change}{why}"


def cmd_recode(args: argparse.Namespace) -> int:
    from ..store.core import open_store
    from ..store.ingest import recode

    n = {"recoded": 0, "failed": 0, "new": 0, "kept": 0}
    with open_store(args.db) as store:
        for o in recode(store):
            n[o.status] += 1
            if o.status == "failed":
                err(f"skipped {o.article.id}: {o.error}")
            elif o.added is not None:
                n["new"] += o.added.new_events
                n["kept"] += o.added.merged
    if not args.quiet:
        err(f"{n['recoded']} article(s) re-coded: {n['kept']} record(s) kept their events, {n['new']} new "
            f"event(s)" + (f", {n['failed']} skipped" if n["failed"] else ""))
    return 1 if n["failed"] else 0


def cmd_corrections(args: argparse.Namespace) -> int:
    from ..atomic import open_output
    from ..store.core import open_store
    from ..store.corrections import export

    with open_store(args.db, create=False) as store, open_output(args.output) as out:
        n = export(store, out, partial=args.partial)
    if not args.quiet:
        err(f"{n} reviewed article(s) written" + (f" to {args.output}" if args.output and args.output != "-" else ""))
    return 0


def register(sub: Any) -> None:
    """Add review, history, recode and corrections to the ``eventwire`` subparsers."""
    sp = sub.add_parser("review", help="accept, reject, edit, merge or split stored events (audited)")
    acts = sp.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (("accept", "a person vouches for the event"), ("reject", "not an event (give --reason)"),
                       ("reopen", "back to unreviewed"), ("edit", "correct fields (they are pinned)"),
                       ("merge", "two records of one event become one"),
                       ("split", "reports wrongly merged become an event of their own")):
        a = acts.add_parser(name, help=text)
        a.add_argument("event_id", metavar="EVENT_ID")
        if name == "merge":
            a.add_argument("other", metavar="OTHER_ID", help="the event merged into EVENT_ID (it is gone after)")
        if name == "split":
            a.add_argument("articles", metavar="ARTICLE_ID", nargs="+", type=int,
                           help="store ids of the articles whose reports leave (see 'eventwire show')")
        if name == "edit":
            a.add_argument("--set", action="append", metavar="FIELD=VALUE",
                           help="a corrected value (JSON where it parses: 16, null, true)")
            a.add_argument("--unpin", action="append", metavar="FIELD", help="give FIELD back to the machine")
        a.add_argument("--who", metavar="NAME", help="the reviewer (else $EVENTWIRE_REVIEWER)")
        a.add_argument("--reason", metavar="TEXT")
        a.add_argument("--version", type=int, metavar="N",
                       help="the version the decision was made on (refused if the event changed since)")
        add_db(a)
        a.set_defaults(func=cmd_review)

    sp = sub.add_parser("history", help="an event's audit trail: its reports and every change")
    sp.add_argument("event_id", metavar="EVENT_ID")
    sp.add_argument("--format", choices=("text", "jsonl"), default="text")
    add_db(sp)
    sp.set_defaults(func=cmd_history)

    sp = sub.add_parser("recode", help="code every stored article again (corrections are kept)")
    add_db(sp)
    sp.add_argument("-q", "--quiet", action="store_true")
    sp.set_defaults(func=cmd_recode)

    sp = sub.add_parser("corrections", help="the analysts' corrections as a gold file")
    csub = sp.add_subparsers(dest="what", required=True, metavar="ACTION")
    c = csub.add_parser("export", help="write the reviewed articles in the dev-gold format (for eventwire eval)")
    add_db(c)
    add_output(c)
    c.add_argument("--partial", action="store_true",
                   help="also articles with some events unreviewed (those become 'optional')")
    c.add_argument("-q", "--quiet", action="store_true")
    c.set_defaults(func=cmd_corrections)

