"""ACLED's export, column for column: the 31 columns of ACLED's codebook in ACLED's order and types,
the codes ACLED derives (inter, interaction, disorder type, civilian targeting, numeric iso, region),
the generated note, and one country lookup that reads every name the export writes."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventwire import countries, knowledge
from eventwire.cli import main
from eventwire.output import acled
from eventwire.output.events import CSV_COLUMNS, csv_row
from eventwire.record import Event, Evidence

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _int(v: str) -> int:
    return int(v)


def _float(v: str) -> float:
    return float(v)


def _date(v: str) -> date:
    return date.fromisoformat(v)


# ACLED's export as its codebook lists it: name and type, in this order.
ACLED_EXPORT = [
    ("event_id_cnty", str), ("event_date", _date), ("year", _int), ("time_precision", _int),
    ("disorder_type", str), ("event_type", str), ("sub_event_type", str), ("actor1", str),
    ("assoc_actor_1", str), ("inter1", _int), ("actor2", str), ("assoc_actor_2", str), ("inter2", _int),
    ("interaction", _int), ("civilian_targeting", str), ("iso", _int), ("region", str), ("country", str),
    ("admin1", str), ("admin2", str), ("admin3", str), ("location", str), ("latitude", _float),
    ("longitude", _float), ("geo_precision", _int), ("source", str), ("source_scale", str), ("notes", str),
    ("fatalities", _int), ("tags", str), ("timestamp", _int),
]
REGIONS = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa", "Middle East",
           "Caucasus and Central Asia", "South Asia", "Southeast Asia", "East Asia", "Europe", "North America",
           "Central America", "Caribbean", "South America", "Oceania", "Antarctica"}
DISORDER = {"Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"}


def _event(sub: str, etype: str, actor1: str | None, actor2: str | None, country: str = "NG",
           killed: int | None = None) -> Event:
    sentence = "Something happened in Zaria on Friday."
    return Event(
        event_id="ev-test", article_id="2024-05-11-test", event_type=etype, sub_event_type=sub,
        date="2024-05-10", date_precision="day", historical=False, country=country, admin1="Kaduna",
        location="Zaria", latitude=11.11, longitude=7.72, geonameid=None, place_level="town", geo_precision=1,
        actor1=actor1, actor2=actor2, fatalities=killed, fatalities_qualifier="exact" if killed is not None else None,
        injured=None, injured_qualifier=None, arrested=None, arrested_qualifier=None, count_qualifier=None,
        confidence=0.9, evidence=[Evidence("event", "happened", 10, 18, sentence, 0, len(sentence))])


def test_the_columns_are_acleds_then_ours() -> None:
    assert CSV_COLUMNS[:31] == [name for name, _ in ACLED_EXPORT]
    assert len(set(CSV_COLUMNS)) == len(CSV_COLUMNS)
    assert {"fatalities_reported", "confidence", "evidence", "historical", "article_id"} <= set(CSV_COLUMNS[31:])


@pytest.mark.slow
def test_the_samples_load_with_acleds_column_list_and_types(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", *sorted(str(p) for p in SAMPLES.iterdir()), "--format", "csv", "--quiet"])
    out, _ = capsys.readouterr()
    assert code == 0
    reader = csv.reader(io.StringIO(out))
    header = next(reader)
    assert header[:31] == [name for name, _ in ACLED_EXPORT]
    rows = [dict(zip(header, r, strict=True)) for r in reader]
    assert len(rows) >= 8
    for r in rows:
        typed = {name: kind(r[name]) if kind is not str else r[name] for name, kind in ACLED_EXPORT}
        assert typed["time_precision"] in {1, 2, 3} and typed["year"] == typed["event_date"].year
        assert 0 <= typed["inter1"] <= 8 and 0 <= typed["inter2"] <= 8 and typed["inter1"] > 0
        assert typed["disorder_type"] in DISORDER and typed["region"] in REGIONS
        assert typed["iso"] in {586, 466, 504, 566, 368, 404}
        assert typed["source"] and typed["notes"].endswith(".") and typed["fatalities"] >= 0
        assert typed["geo_precision"] in {1, 2, 3} and typed["timestamp"] > 0
        assert countries.lookup(typed["country"]) is not None
    by_source = {r["source"] for r in rows}
    assert "Frontier Daily" in by_source  # the outlet an HTML page's <title> names
    assert "2024-05-11-kaduna-market-bombing" in by_source  # a text file: its name


@pytest.mark.parametrize(("sub", "etype", "a1", "a2", "want"), [
    # (inter1, inter2, interaction, disorder_type, civilian_targeting)
    ("Attack", "Violence against civilians", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
     "Civilians (Nigeria)", (2, 7, 27, "Political violence", "Civilian targeting")),
    ("Armed clash", "Battles", "Military Forces of Nigeria", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
     (1, 2, 12, "Political violence", "")),
    ("Peaceful protest", "Protests", "Protesters (Nigeria)", None, (6, 0, 60, "Demonstrations", "")),
    ("Excessive force against protesters", "Protests", "Police Forces of Nigeria", "Protesters (Nigeria)",
     (1, 6, 16, "Political violence; Demonstrations", "")),
    ("Mob violence", "Riots", "Rioters (Nigeria)", "Civilians (Nigeria)",
     (5, 7, 57, "Political violence", "Civilian targeting")),
    ("Violent demonstration", "Riots", "Rioters (Nigeria)", "Police Forces of Nigeria", (5, 1, 15, "Demonstrations", "")),
    ("Remote explosive/landmine/IED", "Explosions/Remote violence", "Unidentified Armed Group (Nigeria)",
     "Civilians (Nigeria)", (3, 7, 37, "Political violence", "Civilian targeting")),
    ("Arrests", "Strategic developments", "Police Forces of Nigeria", "Civilians (Nigeria)",
     (1, 7, 17, "Strategic developments", "")),
    ("Air/drone strike", "Explosions/Remote violence", "Military Forces of the United States", "Civilians (Nigeria)",
     (8, 7, 78, "Political violence", "Civilian targeting")),  # state forces abroad: external forces
    ("Armed clash", "Battles", "Military Forces of Nigeria", "Military Forces of Nigeria",
     (1, 1, 11, "Political violence", "")),
])
def test_acled_codes_of_records(sub: str, etype: str, a1: str, a2: str | None,
                                want: tuple[int, int, int, str, str]) -> None:
    r = csv_row(_event(sub, etype, a1, a2))
    assert (r["inter1"], r["inter2"], r["interaction"], r["disorder_type"], r["civilian_targeting"]) == want


def test_country_region_and_numeric_iso() -> None:
    r = csv_row(_event("Attack", "Violence against civilians", "Unidentified Armed Group (Turkey)", None, country="TR"))
    assert (r["iso"], r["region"], r["country"]) == (792, "Middle East", "Turkey")
    r = csv_row(_event("Attack", "Violence against civilians", None, None, country="CD"))
    assert (r["iso"], r["region"], r["country"]) == (180, "Middle Africa", "Democratic Republic of Congo")


def test_the_note_is_written_from_the_record() -> None:
    ev = _event("Suicide bomb", "Explosions/Remote violence", "Al Shabaab", "Civilians (Somalia)", country="SO",
                killed=9)
    ev = replace(ev, fatalities_qualifier="at least", injured=1, injured_qualifier="exact", location="Baidoa",
                 admin1="Bay")
    assert csv_row(ev)["notes"] == ("On 10 May 2024, Al Shabaab carried out a suicide bombing targeting Civilians "
                                    "(Somalia) in Baidoa (Bay), killing at least 9 civilians and injuring 1 person.")
    month = replace(ev, date="2024-05", date_precision="month", location=None, actor1=None, fatalities=None,
                    fatalities_qualifier=None, injured=None)
    assert csv_row(month)["notes"] == ("In May 2024, an unidentified actor carried out a suicide bombing targeting "
                                       "Civilians (Somalia) in Bay (Somalia).")


def test_unknown_fatalities_are_0_in_acleds_column_and_empty_in_ours() -> None:
    r = csv_row(_event("Arrests", "Strategic developments", "Police Forces of Nigeria", None))
    assert (r["fatalities"], r["fatalities_reported"]) == (0, "")
    r = csv_row(_event("Attack", "Violence against civilians", None, None, killed=0))
    assert (r["fatalities"], r["fatalities_reported"]) == (0, 0)


def test_source_is_never_empty() -> None:
    ev = _event("Attack", "Violence against civilians", None, None)
    assert acled.source_of(ev) == "2024-05-11-test"
    assert acled.source_of(replace(ev, url="https://www.frontier.example/a/1")) == "frontier.example"
    assert acled.source_of(replace(ev, source="Reuters", url="https://x.example")) == "Reuters"
    assert csv_row(replace(ev, source="Reuters"))["source_scale"] == "International"


def test_every_country_the_export_writes_is_read_back() -> None:
    for iso in countries.codes():
        name = countries.name(iso)
        assert name and countries.lookup(name) == iso, (iso, name)
        assert countries.lookup(str(countries.numeric(iso))) == iso or iso == "XK"
        assert countries.region(iso), iso


@pytest.mark.parametrize(("typed", "iso"), [
    ("Turkey", "TR"), ("Türkiye", "TR"), ("TURKIYE", "TR"), ("TUR", "TR"), ("792", "TR"),
    ("Democratic Republic of Congo", "CD"), ("DRC", "CD"), ("DR Congo", "CD"), ("Ivory Coast", "CI"),
    ("Côte d'Ivoire", "CI"), ("cote d’ivoire", "CI"), ("Burma", "MM"), ("Myanmar", "MM"), ("Cape Verde", "CV"),
    ("Cabo Verde", "CV"), ("eSwatini", "SZ"), ("Swaziland", "SZ"), ("the Gambia", "GM"), ("ng", "NG"),
    ("Kosovo", "XK"), ("East Timor", "TL"), ("Timor-Leste", "TL"),
])
def test_alternate_names_and_codes(typed: str, iso: str) -> None:
    assert countries.lookup(typed) == iso


def test_every_region_in_the_data_is_acleds_and_each_country_is_in_one() -> None:
    data = knowledge.load("acled_countries.yaml")
    assert set(data["regions"]) == REGIONS
    listed = [c for cs in data["regions"].values() for c in cs]
    assert len(listed) == len(set(listed)) == len(data["iso_numeric"])
