"""--every durations and feed lists (OPML, plain lines): no network involved."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EventwireError, InputError
from eventwire.feeds.feedlist import format_seconds, parse_every, read_feed_list, resolve_feeds

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("text, seconds", [
    ("15m", 900), ("1h", 3600), ("90s", 90), ("1h30m", 5400), ("2d", 172800), (" 10 min ", 600), ("5", 300),
    ("0.5h", 1800)])
def test_every_values(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "fast", "15x", "m15", "1h and then some", "3s", "0m"])
def test_bad_every_values_are_one_line_errors(text):
    with pytest.raises(EventwireError, match="--every"):
        parse_every(text)


def test_format_seconds_round_trips():
    for s in (90, 900, 5400, 86400 + 60):
        assert parse_every(format_seconds(s)) == s


def test_opml_gives_every_xmlurl_in_order_and_ignores_other_outlines():
    assert read_feed_list(FIXTURES / "feeds.opml") == [
        "https://sahel-ledger.example/feeds/rss.xml", "https://lagos-wire.example/rss",
        "https://riftvalleytimes.example/atom.xml"]


def test_plain_list_skips_comments_and_blank_lines():
    assert read_feed_list(FIXTURES / "feeds.txt") == [
        "https://sahel-ledger.example/feeds/rss.xml", "https://lagos-wire.example/rss",
        "https://riftvalleytimes.example/atom.xml", "https://sahel-ledger.example/feeds/rss.xml"]


def test_resolve_feeds_expands_files_and_drops_duplicates(tmp_path):
    assert resolve_feeds(["https://extra.example/feed", str(FIXTURES / "feeds.txt"),
                          str(FIXTURES / "feeds.opml")]) == [
        "https://extra.example/feed", "https://sahel-ledger.example/feeds/rss.xml",
        "https://lagos-wire.example/rss", "https://riftvalleytimes.example/atom.xml"]


def test_a_bad_line_names_its_line_number(tmp_path):
    f = tmp_path / "feeds.txt"
    f.write_text("https://ok.example/rss\nftp://files.example/feed.xml\n")
    with pytest.raises(InputError, match=r"feeds.txt:2: not an http\(s\) feed URL"):
        read_feed_list(f)


def test_opml_without_feeds_and_broken_opml_are_errors(tmp_path):
    empty = tmp_path / "empty.opml"
    empty.write_text('<opml version="2.0"><body><outline text="nothing here"/></body></opml>')
    with pytest.raises(InputError, match="no <outline xmlUrl"):
        read_feed_list(empty)
    broken = tmp_path / "broken.opml"
    broken.write_text('<opml version="2.0"><body><outline xmlUrl="https://a.example/rss">')
    with pytest.raises(InputError, match="not a valid OPML"):
        read_feed_list(broken)


def test_an_argument_that_is_neither_url_nor_file_is_an_error():
    with pytest.raises(InputError, match="neither an http"):
        resolve_feeds(["sahel-ledger.example/rss"])
