"""Bad and hostile input through the real CLI (extract, ingest into SQLite and PostgreSQL): a bad
JSON line costs that line only, a bad file that file only, and no input, however large or however
compressed, costs more than bounded memory and time. Every skip is one ``FILE[:LINE]: reason``
line on stderr and makes the exit status 1."""

from __future__ import annotations

import gzip
import io
import json
import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from eventwire.errors import InputError, SetupError
from eventwire.record import Article
from eventwire.sources import Limits, read
from eventwire.sources.limits import fmt_size, parse_size
from eventwire.sources.stream import split_lines

pytestmark = pytest.mark.slow  # the CLI cases code articles with spaCy

GOOD = {
    "kaduna": "Gunmen killed three villagers in Kaduna on Monday, police said.",
    "lagos": "Police arrested twelve protesters in Lagos on Tuesday after clashes near the state house.",
    "goma": "Soldiers clashed with rebels near Goma on Wednesday, killing four fighters, the army said.",
}
MB = 1024 * 1024


def good_line(key: str) -> bytes:
    return json.dumps({"id": key, "text": GOOD[key], "published": "2024-03-04"}).encode()


def skipped(err: list[str]) -> list[str]:
    """The places (``FILE`` or ``FILE:LINE``) and reasons of the skip messages, without the prefix."""
    assert not any("Traceback" in line for line in err)
    return [line.removeprefix("eventwire: skipped ") for line in err if line.startswith("eventwire: skipped ")]


def zero_bomb(path: Path, gib: int = 1) -> Path:
    """A valid one-member gzip file of ``gib`` GiB of zero bytes (~1 MB), written without ever
    compressing more than 1 MB: after a full flush the deflate block of 1 MB of zeros is the same
    every time, so it is computed once and repeated."""
    zero = bytes(MB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(zero) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    with path.open("wb") as f:
        f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
        for _ in range(1024 * gib):
            f.write(block)
            crc = zlib.crc32(zero, crc)
        f.write(c.flush())
        f.write(struct.pack("<II", crc, (1024 * gib * MB) & 0xFFFFFFFF))
    return path


# -- JSON lines: each line judged on its own ----------------------------------------------------------

BAD_LINES: list[tuple[bytes, str]] = [  # (line, what its message says), lines 2.. of the file
    (b'{"id": "latin1", "text": "Caf\xe9 bombing kills two in Mosul."}', "not UTF-8 text (byte 0xe9 at column 30)"),
    (b'{"id": "nul", "text": "Rebels \x00 shelled the town."}', "holds a NUL byte"),
    (b'{"id": "cut", "text": "Troops fired', "invalid JSON"),
    (b'["a", "list"]', "expected a JSON object"),
    (b'{"id": "notext", "title": "Only a title"}', "no 'text'"),
    (b'{"id": "emptytext", "text": "  "}', "no 'text'"),
    (b"[" * 100_000 + b"]" * 100_000, "invalid JSON (nested too deeply)"),
    (json.dumps({"id": "long", "text": "Militants attacked a convoy. " * 12_000}).encode(),
     "line longer than 256 KB (the limit; set EVENTWIRE_MAX_LINE_SIZE to change it)"),
]


def mixed_jsonl() -> bytes:
    """kaduna, the bad lines, a blank line, lagos, a CRLF line end, goma (with no final newline)."""
    return b"\n".join([good_line("kaduna"), *(line for line, _ in BAD_LINES), b"", good_line("lagos") + b"\r",
                       good_line("goma")])


def expected_messages(name: str) -> list[str]:
    return [f"{name}:{n}: {why}" for n, (_, why) in enumerate(BAD_LINES, 2)]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_bad_json_lines_are_skipped_one_by_one_and_every_good_line_coded(
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.setenv("EVENTWIRE_MAX_LINE_SIZE", "256K")
    p = tmp_path / f"mixed{suffix}"
    p.write_bytes(gzip.compress(mixed_jsonl()) if suffix.endswith(".gz") else mixed_jsonl())
    code, coded, err = cli(str(p))
    assert code == 1
    assert coded == set(GOOD)
    msgs = skipped(err)
    assert len(msgs) == len(BAD_LINES)
    for got, want in zip(msgs, expected_messages(str(p)), strict=True):
        assert got.startswith(want), (got, want)
    assert f"{len(BAD_LINES)} skipped" in err[-1]


def test_bad_lines_on_stdin_are_numbered_too(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_MAX_LINE_SIZE", "256K")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\n\n" + mixed_jsonl())))
    code, coded, err = cli("-")
    assert code == 1 and coded == set(GOOD)
    assert [m.split(": ", 1)[0] for m in skipped(err)] == [f"-:{n}" for n in range(4, 4 + len(BAD_LINES))]


# -- other formats: one bad file is skipped, the others coded ---------------------------------------

def deep_html(depth: int) -> str:
    return ("<html><head><title>Deep page</title></head><body>" + "<div>" * depth
            + f"<p>{GOOD['goma']} Residents fled the area.</p>" + "</div>" * depth + "</body></html>")


def test_each_bad_file_is_skipped_and_the_others_coded(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_MAX_FILE_SIZE", "1536K")  # deep.html is 1.1 MB
    files = {
        "blob.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "kaduna.txt": f"Villagers killed\n\n{GOOD['kaduna']}\n".encode(),
        "big.txt": ("Long report\n\n" + GOOD["lagos"] * 20_000).encode(),
        "broken.parquet": b"PAR1 this is not parquet",
        "deep.html": deep_html(100_000).encode(),
        "lagos.html": f"<html><head><title>Arrests</title></head><body><article><p>{GOOD['lagos']} "
                      "The arrests drew criticism.</p></article></body></html>".encode(),
        "cut.txt.gz": gzip.compress(GOOD["goma"].encode())[:-12],
        "goma.jsonl": good_line("goma") + b"\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    code, coded, err = cli(*(str(tmp_path / n) for n in files))
    assert code == 1
    assert coded == {"kaduna", "lagos", "goma"}
    msgs = skipped(err)
    assert [m.split(": ", 1)[0] for m in msgs] == [str(tmp_path / n) for n in
                                                  ("blob.txt", "big.txt", "broken.parquet", "deep.html", "cut.txt.gz")]
    assert "looks like a binary file" in msgs[0]
    assert "file larger than 1.5 MB (the limit; set EVENTWIRE_MAX_FILE_SIZE" in msgs[1]
    assert "not a valid Parquet file" in msgs[2]
    assert "no article text found in the HTML page (its elements nest more than 255 deep" in msgs[3]
    assert "not a valid gzip file" in msgs[4]


# -- bounded input ---------------------------------------------------------------------------------

def test_a_gzip_bomb_is_stopped_at_the_member_limit(cli, tmp_path: Path) -> None:
    """1 GiB of zeros in one ~1 MB member, with the default limits: its one 'line' is reported as too
    long as soon as it passes 5 MB, the member when it passes 200 MB; the other input is coded."""
    bomb = zero_bomb(tmp_path / "bomb.jsonl.gz")
    assert bomb.stat().st_size < 2 * MB
    good = tmp_path / "good.jsonl"
    good.write_bytes(good_line("kaduna") + b"\n")
    t = time.monotonic()
    code, coded, err = cli(str(bomb), str(good))
    assert time.monotonic() - t < 60  # decompressing 200 MB takes ~1 s; generous for a loaded machine
    assert code == 1 and coded == {"kaduna"}
    assert skipped(err) == [
        f"{bomb}:1: line longer than 5 MB (the limit; set EVENTWIRE_MAX_LINE_SIZE to change it)",
        f"{bomb}: a gzip member decompresses to more than 200 MB (the limit; set EVENTWIRE_MAX_GZIP_MEMBER_SIZE "
        "to change it)",
    ]


def test_a_50_mb_line_is_skipped_and_the_lines_around_it_coded(cli, tmp_path: Path) -> None:
    p = tmp_path / "huge-line.jsonl"
    with p.open("wb") as f:
        f.write(good_line("kaduna") + b"\n" + b'{"id": "huge", "text": "')
        for _ in range(50):
            f.write(b"Rebels attacked the town. " * (MB // 26))
        f.write(b'"}\n' + good_line("lagos") + b"\n")
    code, coded, err = cli(str(p))
    assert code == 1 and coded == {"kaduna", "lagos"}
    assert skipped(err) == [f"{p}:2: line longer than 5 MB (the limit; set EVENTWIRE_MAX_LINE_SIZE to change it)"]


def test_many_small_gzip_members_are_stopped_at_the_stream_limit(cli, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Concatenated members (``cat a.gz b.gz``) are read as one stream, bounded as a whole: here 200
    members of 1 MB of blank lines, with the stream limited to 64 MB."""
    monkeypatch.setenv("EVENTWIRE_MAX_GZIP_SIZE", "64M")
    member = gzip.compress(b"\n" * MB)
    p = tmp_path / "members.jsonl.gz"
    p.write_bytes(gzip.compress(good_line("goma") + b"\n") + member * 200)
    code, coded, err = cli(str(p))
    assert code == 1 and coded == {"goma"}
    assert skipped(err) == [f"{p}: decompresses to more than 64 MB (the limit; set EVENTWIRE_MAX_GZIP_SIZE to change it)"]


def test_a_bad_limit_setting_is_one_line_and_exit_2(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_MAX_LINE_SIZE", "lots")
    p = tmp_path / "one.jsonl"
    p.write_bytes(good_line("goma"))
    code, coded, err = cli(str(p))
    assert code == 2 and not coded
    assert err == ["eventwire: error: EVENTWIRE_MAX_LINE_SIZE='lots' is not a size (a positive number of bytes, "
                   "or e.g. 500K, 20M, 1G)"]


# -- the readers on their own: memory and edge cases (no spaCy) ---------------------------------------

def peak_bytes(fn) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_a_gzip_bomb_or_a_huge_line_takes_bounded_memory(tmp_path: Path) -> None:
    bomb = zero_bomb(tmp_path / "bomb.jsonl.gz")
    got, peak = peak_bytes(lambda: [str(x) for x in read([str(bomb)])])
    assert len(got) == 2 and peak < 40 * MB  # measured: ~11 MB
    txt = tmp_path / "bomb.txt.gz"
    bomb.rename(txt)
    got, peak = peak_bytes(lambda: [str(x) for x in read([str(txt)])])
    assert got == [f"{txt}: file larger than 20 MB (the limit; set EVENTWIRE_MAX_FILE_SIZE to change it)"]
    assert peak < 80 * MB  # the file read so far, then joined: ~2x the 20 MB limit

    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as f:
        f.write(b'{"text": "' + b"x" * (50 * MB) + b'"}\n' + good_line("goma"))
    got, peak = peak_bytes(lambda: list(read([str(huge)])))
    assert isinstance(got[0], InputError) and isinstance(got[1], Article)
    assert peak < 40 * MB  # measured: ~11 MB (5 MB of the line, a 1 MB chunk, copies)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64])
def test_lines_are_split_the_same_at_every_chunk_boundary(chunk: int) -> None:
    data = b"abc\n\n12345678\nxy\n\n\n   \nlast"
    bufs = [data[i:i + chunk] for i in range(0, len(data), chunk)]
    got = [(n, line) for n, line in split_lines(bufs, max_line=5) if line != b"" and line != b"   "]
    assert got == [(1, b"abc"), (3, None), (4, b"xy"), (8, b"last")]


def test_an_over_long_line_is_reported_once_even_when_it_never_ends() -> None:
    assert list(split_lines([b"ok\n", b"x" * 10, b"x" * 10, b"x" * 10], max_line=8)) == [(1, b"ok"), (2, None)]


def test_truncated_gzip_keeps_the_lines_read_before_it(tmp_path: Path) -> None:
    body = b"".join(json.dumps({"id": f"a{i}", "text": f"Report {i * 7919 % 10007}: {GOOD['goma']}"}).encode()
                    + b"\n" for i in range(20_000))
    p = tmp_path / "cut.jsonl.gz"
    packed = gzip.compress(body)
    p.write_bytes(packed[: len(packed) * 9 // 10])
    got = list(read([str(p)]))
    assert isinstance(got[-1], InputError) and "not a valid gzip file" in str(got[-1])
    assert all(isinstance(a, Article) for a in got[:-1]) and len(got) > 15_000


def test_limit_settings() -> None:
    assert parse_size("X", "20M") == 20 * MB and parse_size("X", "1g") == 1024 * MB and parse_size("X", "512") == 512
    assert parse_size("X", "500KB") == 500 * 1024
    for bad in ("", "0", "-1", "ten", "1.5M"):
        with pytest.raises(SetupError, match="X="):
            parse_size("X", bad)
    assert fmt_size(5 * MB) == "5 MB" and fmt_size(1536) == "1.5 KB" and fmt_size(10) == "10 bytes"
    assert Limits.from_env({}) == Limits()
    assert Limits.from_env({"EVENTWIRE_MAX_FILE_SIZE": "1M"}).file == MB


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_json_lines_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "bom.jsonl"
    p.write_bytes((good_line("kaduna").decode() + "\n{bad\n" + good_line("goma").decode()).encode(encoding))
    got = list(read([str(p)]))
    assert [a.id for a in got if isinstance(a, Article)] == ["kaduna", "goma"]
    assert [str(e).split(": ")[0] for e in got if isinstance(e, InputError)] == [f"{p}:2"]


def test_past_twenty_bad_lines_of_a_file_the_rest_are_counted_in_one_line(cli, tmp_path: Path) -> None:
    # a file of the wrong kind must not print a line per bad line: 20 listed, then one count
    p = tmp_path / "mostly-bad.jsonl"
    lines = [good_line("kaduna")] + [b"this is not json"] * 35 + [good_line("lagos")]
    p.write_bytes(b"\n".join(lines) + b"\n")
    code, coded, err = cli(str(p))
    assert code == 1 and coded == {"kaduna", "lagos"}
    told = skipped(err)
    assert len(told) == 21
    assert told[0].startswith(f"{p}:2: ") and told[19].startswith(f"{p}:21: ")
    assert told[20] == f"15 more bad lines of {p} (the first 20 are listed above)"
