"""``eventwire show EVENT_ID``: one merged event, its sources and the evidence for every value."""

from __future__ import annotations

from typing import Any, TextIO

from ..output.records import record
from .core import Store, load_mentions

BOLD, FIELD, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def highlight(sentence: str, sentence_start: int, spans: list[tuple[int, int, str]], color: bool) -> str:
    """The sentence with each evidence span marked: ``[text]{field}`` (or bold on a terminal)."""
    labels: dict[tuple[int, int], list[str]] = {}
    for start, end, fld in spans:  # one mark per span, naming every field it is evidence for
        if fld not in labels.setdefault((start, end), []):
            labels[(start, end)].append(fld)
    out, pos = [], 0
    for (start, end), flds in sorted(labels.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        fld = ",".join(flds)
        a, b = start - sentence_start, end - sentence_start
        if a < pos or a < 0 or b > len(sentence):
            continue  # overlapping or outside the sentence: the span is listed, not marked
        out.append(sentence[pos:a])
        if color:
            out.append(f"{BOLD}{sentence[a:b]}{RESET}{FIELD}[{fld}]{RESET}")
        else:
            out.append(f"[{sentence[a:b]}]{{{fld}}}")
        pos = b
    out.append(sentence[pos:])
    return " ".join("".join(out).split())


def _fmt_count(rec: dict[str, Any], f: str) -> str | None:
    c = (rec.get("counts") or {}).get(f) or {}
    if c.get("best") is None:
        return None
    s = f"best {c['best']}, low {c['low']}, high {c['high']}"
    return s + ("  (sources disagree)" if f in (rec.get("disputed") or []) else "")


def show(store: Store, row: Any, out: TextIO, color: bool = False) -> None:
    rec = record(row)
    w = out.write
    w(f"{rec['event_id']}  {rec['event_type']} / {rec['sub_event_type']}"
      + ("  [historical: known from background mentions only]" if rec.get("historical") else "") + "\n")
    place = ", ".join(x for x in (rec.get("location"), rec.get("admin1"), rec.get("country")) if x)
    coords = (f" ({rec['latitude']:.4f}, {rec['longitude']:.4f})" if rec.get("latitude") is not None
              and rec.get("longitude") is not None else "")
    lines = [
        ("date", f"{rec.get('date') or '?'} ({rec.get('date_precision')})"),
        ("where", (place or "?") + coords),
        ("actor1", rec.get("actor1")), ("actor2", rec.get("actor2")),
        ("killed", _fmt_count(rec, "fatalities")), ("injured", _fmt_count(rec, "injured")),
        ("arrested", _fmt_count(rec, "arrested")),
        ("sources", f"{rec.get('n_sources')}, first report {rec.get('first_report') or '?'}, "
                    f"last {rec.get('last_report') or '?'}"),
        ("disputed", ", ".join(rec.get("disputed") or []) or None),
        ("review", f"{rec['status']}, version {rec['version']}"),
        ("pinned", "; ".join(f"{f} (the sources say {(rec.get('machine') or {}).get(f)!r})"
                             for f in rec.get("pinned") or []) or None),
    ]
    for k, v in lines:
        if v:
            w(f"  {k:<9} {v}\n")
    values = rec.get("values") or {}
    multi = {k: v for k, v in values.items() if len({str(x['value']) for x in v}) > 1}
    if multi:
        w("\nValues reported (by source):\n")
        for k, vs in multi.items():
            w(f"  {k}: " + "; ".join(f"{x['value']}" + (f" ({x['qualifier']})" if x.get("qualifier") not in
                                                       (None, "exact") else "") + f" <- {x['article']}"
                                     for x in vs) + "\n")
    with store.read() as conn:
        ms = load_mentions(conn, row.id)
    w("\nSources and evidence:\n")
    for m in ms:
        r = m.record
        head = " | ".join(x for x in (m.source, m.published, m.title) if x)
        w(f"\n  [{m.article_key}] (article {m.article_id}) {head}\n")
        if m.url:
            w(f"    {m.url}\n")
        w(f"    coded as {r.get('sub_event_type')}, {r.get('date') or '?'} ({r.get('date_precision')}), "
          f"{r.get('location') or '?'}" + (", historical mention" if r.get("historical") else "") + "\n")
        by_sentence: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        for e in r.get("evidence") or []:
            key = (e["sentence_start"], e["sentence"])
            by_sentence.setdefault(key, []).append((e["start"], e["end"], e["field"]))
        for (s_start, sentence), spans in sorted(by_sentence.items()):
            w(f"    > {highlight(sentence, s_start, spans, color)}\n")
