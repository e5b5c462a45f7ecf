"""Readers turn files into Articles, and every bad input into one clear InputError."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.record import Article
from eventwire.sources import read, read_one

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Gunmen storm village in central region | Example News</title>
<meta property="article:published_time" content="2022-06-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Gunmen storm village in central region</h1>
<p>Gunmen on motorcycles stormed the village of Kanti on Monday, killing four farmers and burning
several granaries, local officials said on Tuesday.</p>
<p>Residents said the attackers arrived at dawn and stayed for nearly two hours before soldiers reached
the area. No group has claimed responsibility for the attack.</p></article>
<footer>Copyright Example News. Terms. Privacy.</footer></body></html>"""


def items(tmp_path: Path, name: str, content: bytes | str, published: date | None = None) -> list:
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return list(read([str(p)], published))


def test_txt_first_line_is_title_and_whole_file_is_text(tmp_path: Path) -> None:
    body = "Police arrest six in dawn raids\n\nPolice arrested six men in dawn raids on Monday.\n"
    [a] = items(tmp_path, "raids.txt", body)
    assert isinstance(a, Article)
    assert a.title == "Police arrest six in dawn raids"
    assert a.text == body  # offsets index the file as it is
    assert a.id == "raids" and a.published is None


def test_txt_date_prefix_in_file_name_is_the_publication_date(tmp_path: Path) -> None:
    [a] = items(tmp_path, "2019-04-12-car-bomb.txt", "Car bomb\n\nA car bomb exploded.")
    assert a.published == date(2019, 4, 12)
    [b] = items(tmp_path, "2019-04-12-car-bomb.txt", "Car bomb\n\nA car bomb.", published=date(2020, 1, 2))
    assert b.published == date(2020, 1, 2)  # --published wins


def test_html_main_text_title_and_date_by_trafilatura(tmp_path: Path) -> None:
    [a] = items(tmp_path, "page.html", HTML_PAGE)
    assert isinstance(a, Article)
    assert a.title == "Gunmen storm village in central region"
    assert a.published == date(2022, 6, 14)
    assert "killing four farmers" in a.text
    assert "Privacy" not in a.text and "Sport" not in a.text  # boilerplate removed
    assert "\n\n" in a.text  # paragraphs kept apart


def test_jsonl_lines_with_optional_fields(tmp_path: Path) -> None:
    lines = [
        {"id": "a1", "text": "Troops clashed with rebels.", "title": "Clashes", "published": "2020-02-03",
         "url": "https://example.org/a1", "source": "Example"},
        {"id": "a2", "text": "Protesters marched in the capital."},
    ]
    got = items(tmp_path, "batch.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    assert [a.id for a in got] == ["a1", "a2"]
    assert got[0].published == date(2020, 2, 3) and got[0].source == "Example"
    assert got[1].published is None and got[1].title is None


def test_bad_jsonl_line_is_reported_and_the_rest_still_read(tmp_path: Path) -> None:
    content = "\n".join([
        json.dumps({"id": "ok1", "text": "Rebels seized the town."}),
        "{not json",
        json.dumps({"id": "nodate", "text": "A bomb exploded.", "published": "last Tuesday"}),
        json.dumps({"id": "notext", "title": "only a title"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok2", "text": "Police detained ten people."}),
    ])
    got = items(tmp_path, "mixed.jsonl", content)
    assert [a.id for a in got if isinstance(a, Article)] == ["ok1", "ok2"]
    errors = [str(e) for e in got if isinstance(e, InputError)]
    assert len(errors) == 4
    assert errors[0].startswith(f"{tmp_path / 'mixed.jsonl'}:2: invalid JSON")
    assert "bad publication date 'last Tuesday'" in errors[1]
    assert "no 'text'" in errors[2] and "expected a JSON object" in errors[3]


def test_gzipped_jsonl(tmp_path: Path) -> None:
    data = gzip.compress(json.dumps({"id": "z", "text": "Shelling hit the town."}).encode())
    [a] = items(tmp_path, "corpus.jsonl.gz", data)
    assert a.id == "z"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty input"),
        ("blank.txt", b"  \n\n ", "empty input"),
        ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Caf\xe9 blast kills two".encode("latin-1"), "not UTF-8"),
        ("data.pdf", b"%PDF-1.4", "unknown input type '.pdf'"),
        ("empty.jsonl", b"\n\n", "empty input"),
        ("nothing.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_inputs_give_one_error_naming_the_input(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    [e] = items(tmp_path, name, content)
    assert isinstance(e, InputError)
    assert str(tmp_path / name) in str(e) and reason in str(e)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    got = list(read([str(tmp_path / "nope.txt"), str(tmp_path)]))
    assert all(isinstance(e, InputError) for e in got)
    assert "no such file" in str(got[0]) and "is a directory" in str(got[1])


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    [a] = items(tmp_path, "u16.txt", "Riot in port city\n\nRioters burned cars.".encode("utf-16"))
    assert a.title == "Riot in port city"


def test_stdin_kind_is_sniffed() -> None:
    [j] = list(read_one("-", json.dumps({"id": "s", "text": "Troops fired shells."}).encode()))
    assert j.id == "s"
    [t] = list(read_one("-", b"Headline here\n\nBody text."))
    assert t.title == "Headline here" and t.id == "stdin"
