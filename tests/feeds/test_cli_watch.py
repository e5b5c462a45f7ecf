"""``eventwire watch`` from the command line: --once, --status, feed lists, exit codes, Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.cli import main

pytestmark = pytest.mark.slow
ROUND = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ round 1: 1 feed\(s\) polled, 2 new article\(s\), "
                   r"(\d+) new event\(s\), 0 error\(s\)$")
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
LOOPBACK = ("--allow-private", "127.0.0.1")  # the test site is on loopback, refused by default


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_once_then_status(news_site, tmp_path, capsys):
    db, feed = str(tmp_path / "w.db"), news_site.url("/feeds/rss.xml")
    code, out, _ = run(capsys, "watch", feed, "--once", "--db", db, "--min-delay", "0", *LOOPBACK)
    m = ROUND.match(out.strip())
    assert code == 0 and m and int(m.group(1)) >= 2
    code, out, _ = run(capsys, "watch", "--status", "--db", db)
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["feed", "last", "success", "last", "error", "articles", "events",
                                              "next", "retry"]
    assert lines[1].startswith(feed) and re.search(r"\s2\s+\d+\s+-$", lines[1])
    code, out, _ = run(capsys, "watch", "--status", "--json", "--db", db)
    rec = json.loads(out)
    assert rec["url"] == feed and rec["articles_seen"] == 2 and rec["events_found"] >= 2
    assert rec["last_success"] and rec["last_error"] is None
    code, out, _ = run(capsys, "events", "--db", db, "--format", "jsonl")
    assert code == 0 and {json.loads(x)["country"] for x in out.splitlines()} == {"NG"}


def test_a_feed_list_file_a_failing_feed_and_exit_status_1(news_site, tmp_path, capsys):
    db = str(tmp_path / "w.db")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# desk feeds\n{news_site.url('/feeds/gone.xml')}\n{news_site.url('/feeds/rss.xml')}\n")
    code, out, err = run(capsys, "watch", str(feeds), "--once", "--db", db, "--min-delay", "0", *LOOPBACK)
    assert code == 1
    assert "2 feed(s) polled, 2 new article(s)" in out and out.strip().endswith("1 error(s)")
    assert f"feed {news_site.url('/feeds/gone.xml')}: HTTP 404 Not Found (failure 1; next try in 15m)" in err
    code, out, _ = run(capsys, "watch", "--status", "--db", db)
    gone = next(line for line in out.splitlines() if "gone.xml" in line)
    assert "HTTP 404" in gone
    # without feeds, the feeds the store knows are polled (the 404 one waits for its retry)
    code, out, err = run(capsys, "watch", "--once", "--db", db, "--min-delay", "0", *LOOPBACK)
    assert code == 0 and "1 feed(s) polled (1 not modified, 1 waiting for retry)" in out


def test_no_feeds_at_all_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, "watch", "--once", "--db", str(tmp_path / "w.db"))
    assert code == 2 and "no feeds" in err
    code, _, err = run(capsys, "watch", "--once", "--every", "soon", "--db", str(tmp_path / "w.db"))
    assert code == 2 and "--every 'soon'" in err


def test_the_cli_parser_does_not_import_httpx_or_feedparser():
    code = ("import sys; from eventwire.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('httpx', 'feedparser', 'sqlalchemy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("sig, status", [(signal.SIGINT, 130), (signal.SIGTERM, 0)])
def test_the_loop_stops_cleanly_on_ctrl_c_and_sigterm(news_site, tmp_path, sig, status):
    proc = subprocess.Popen([EVENTWIRE, "watch", news_site.url("/feeds/rss.xml"), "--every", "10m",
                             "--db", str(tmp_path / "w.db"), "--min-delay", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1",
                                 "EVENTWIRE_WATCH_ALLOW_PRIVATE": "127.0.0.1"})
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # the first round's line: now it sleeps until the next round
        assert ROUND.match(line.strip()), line
        time.sleep(0.2)
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == status
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
