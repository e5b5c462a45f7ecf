"""``eventwire events --country X`` reads every country name the exports write (ACLED's names, from the
data files), ISO codes and common alternates; an unknown name is one line and exit 2."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from store_records import article, event

from eventwire import countries
from eventwire.cli import main
from eventwire.store import open_store

STORED = {"TR": "a-tr", "CD": "a-cd", "CI": "a-ci", "MM": "a-mm", "CV": "a-cv", "NG": "a-ng"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("countries") / "c.db")
    with open_store(path) as store:
        for iso, aid in STORED.items():
            sentence = f"A bomb exploded in Kaduna on Saturday, a report from {iso} said."
            ev = replace(event(aid, sentence, place="Kaduna"), country=iso)
            store.add(article(aid, sentence), [ev])
    return path


def _ids(capsys: pytest.CaptureFixture[str], db: str, name: str) -> list[str]:
    code = main(["events", "--db", db, "--country", name, "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0, (name, err)
    return [json.loads(line)["country"] for line in out.splitlines()]


def test_every_country_name_the_exports_write_is_a_filter(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    for iso in countries.codes():
        got = _ids(capsys, db, str(countries.name(iso)))
        assert got == ([iso] if iso in STORED else []), iso


@pytest.mark.parametrize(("name", "iso"), [
    ("Turkey", "TR"), ("Türkiye", "TR"), ("turkey", "TR"), ("792", "TR"), ("TUR", "TR"),
    ("Democratic Republic of Congo", "CD"), ("DRC", "CD"), ("Ivory Coast", "CI"), ("Côte d'Ivoire", "CI"),
    ("COTE D'IVOIRE", "CI"), ("Burma", "MM"), ("Myanmar", "MM"), ("Cape Verde", "CV"), ("Cabo Verde", "CV"),
    ("NG", "NG"), ("nga", "NG"), ("566", "NG"),
])
def test_alternate_names_and_codes_filter(db: str, capsys: pytest.CaptureFixture[str], name: str, iso: str) -> None:
    assert _ids(capsys, db, name) == [iso]


def test_an_unknown_country_is_one_line_and_exit_2(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["events", "--db", db, "--country", "Atlantis"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.strip() == "eventwire: error: --country 'Atlantis': unknown country (use a name or ISO code)"
