"""Progress on a terminal only: ``extract``, ``ingest`` and ``gazetteer import`` draw a bar with a total
and the time left when stderr is a terminal (a pseudo-terminal here), and nothing when it is piped or
with ``-q``; the total is counted before starting (:func:`eventwire.sources.count`)."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import pty
import re
import struct
import sys
import termios
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.sources import count

STORIES = [
    ("2022-06-03-market.txt", "Gunmen attack market in Gao\n\nGunmen killed three traders at a market in Gao "
     "on Thursday, a local official said.\n"),
    ("2022-06-04-march.txt", "Teachers march in Niamey\n\nHundreds of teachers marched through Niamey on "
     "Friday to demand unpaid wages, union leaders said.\n"),
]
BAR_WITH_TOTAL = r"(\d+)/{total} \[\d\d:\d\d<\d\d:\d\d"  # n/total [elapsed<time left


def _stories(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in STORIES:
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def on_a_terminal(monkeypatch: pytest.MonkeyPatch, run: Callable[[], object]) -> tuple[object, str]:
    """``run()`` with stderr on a pseudo-terminal; (its result, what the terminal showed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    shown = bytearray()

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the terminal's other end was closed
                return
            if not data:
                return
            shown.extend(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    with os.fdopen(slave, "w", encoding="utf-8") as tty:
        assert tty.isatty()
        monkeypatch.setattr(sys, "stderr", tty)
        result = run()
        tty.flush()
        monkeypatch.undo()
    reader.join(timeout=10)
    os.close(master)
    return result, shown.decode("utf-8", "replace")


def test_count_before_starting(tmp_path: Path) -> None:
    lines = tmp_path / "wire.jsonl"
    lines.write_text('{"id": "a", "text": "x"}\n\n  \n{"id": "b", "text": "y"}\nnot json\n{"id": "c"', encoding="utf-8")
    packed = tmp_path / "wire2.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"id": "d", "text": "z"}\n{"id": "e", "text": "w"}\n'))
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    txt = _stories(tmp_path)[0]
    assert count([str(lines)]) == 4  # blank lines are not read as articles; bad lines are told, one each
    assert count([str(packed)]) == 2
    assert count([str(empty), txt, str(tmp_path / "missing.txt")]) == 3  # one error each, one article
    assert count([txt, "-"]) is None  # stdin: not known ahead


@pytest.mark.slow
def test_extract_shows_a_bar_with_total_and_time_left_on_a_terminal(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.jsonl"
    code, shown = on_a_terminal(monkeypatch, lambda: main(["extract", *_stories(tmp_path), "-o", str(out)]))
    assert code == 0
    assert "coding" in shown
    done = [int(n) for n in re.findall(BAR_WITH_TOTAL.format(total=2), shown)]
    assert done and done[-1] == 2, shown
    assert "2 article(s) coded" in shown
    assert [json.loads(line)["article_id"] for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_extract_piped_or_quiet_shows_no_bar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    stories = _stories(tmp_path)
    assert main(["extract", *stories, "-o", str(tmp_path / "a.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "coding" not in err and "\r" not in err
    assert err.startswith("eventwire: 2 article(s) coded") and err.count("\n") == 1
    code, shown = on_a_terminal(monkeypatch, lambda: main(["extract", *stories, "-q", "-o", str(tmp_path / "b.jsonl")]))
    assert code == 0 and shown == ""


@pytest.mark.slow
def test_ingest_shows_a_bar_with_total_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    wire = tmp_path / "wire.jsonl"
    rows = [{"id": f"w{i}", "text": text, "published": "2022-06-05"} for i, (_, text) in enumerate(STORIES)]
    wire.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    code, shown = on_a_terminal(monkeypatch, lambda: main(["ingest", str(wire), "--db", db, "-o", str(tmp_path / "log")]))
    assert code == 1  # the broken line is skipped and told
    assert "storing" in shown and "wire.jsonl:3" in shown
    done = [int(n) for n in re.findall(BAR_WITH_TOTAL.format(total=3), shown)]
    assert done and done[-1] == 3, shown
    capsys.readouterr()
    assert main(["ingest", str(wire), "--db", db]) == 1  # piped: the lines and the summary, no bar
    err = capsys.readouterr().err
    assert "storing" not in err and "\r" not in err


def test_gazetteer_import_reads_with_a_bar_of_bytes_on_a_terminal(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.where import geonames

    dump = tmp_path / "XX.txt"
    dump.write_text("".join(f"{i}\tPlace {i}\n" for i in range(1, 2001)), encoding="utf-8")
    size = dump.stat().st_size
    lines, shown = on_a_terminal(monkeypatch, lambda: list(geonames._lines(dump, True, "XX.txt")))
    assert len(lines) == 2000  # type: ignore[arg-type]
    assert "XX.txt" in shown and "100%" in shown
    assert re.search(r"29.8k/29.8k \[\d\d:\d\d<\d\d:\d\d", shown) and 29_000 < size < 30_500, shown
    lines, shown = on_a_terminal(monkeypatch, lambda: list(geonames._lines(dump, False, "XX.txt")))  # -q
    assert shown == "" and len(lines) == 2000  # type: ignore[arg-type]
