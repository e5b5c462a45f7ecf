"""PLOVER and CAMEO: the mapping of every ACLED sub-event type (data/plover.yaml, checked at load) and
the POLECAT-like export of ``extract`` and ``events --format plover`` on events written for the test."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from eventwire import knowledge
from eventwire.cli import main
from eventwire.errors import DataFileError
from eventwire.output import RENDERERS, plover
from eventwire.record import Article, Event, Evidence
from eventwire.schema import taxonomy
from eventwire.what.actors_names import country_of_name

DATA = Path(knowledge.__file__).parent / "data"
SUBS = [s for subs in taxonomy().values() for s in subs]


def test_every_sub_event_type_has_a_plover_type_and_a_cameo_root() -> None:
    m = plover.mapping()
    assert set(m) == set(SUBS) and len(SUBS) == 25
    raw = knowledge.load("plover.yaml")
    for sub, code in m.items():
        assert code.plover_type in raw["plover_types"], sub
        assert code.plover_mode is None or code.plover_mode in raw["plover_types"][code.plover_type]["modes"]
        assert len(code.cameo_root) == 2 and code.cameo_root in raw["cameo_roots"], sub
        assert code.cameo_code is None or code.cameo_code.startswith(code.cameo_root)
    assert (m["Arrests"].plover_type, m["Arrests"].plover_mode, m["Arrests"].cameo_root) == ("COERCE", "arrest", "17")
    assert (m["Peaceful protest"].plover_type, m["Peaceful protest"].plover_mode) == ("PROTEST", "demo")
    assert (m["Violent demonstration"].plover_mode, m["Violent demonstration"].cameo_code) == ("riot", "145")
    assert (m["Suicide bomb"].plover_mode, m["Suicide bomb"].cameo_root) == ("suicide-attack", "18")
    assert (m["Armed clash"].plover_type, m["Armed clash"].cameo_root) == ("ASSAULT", "19")
    assert (m["Chemical weapon"].plover_mode, m["Chemical weapon"].cameo_root) == ("unconventional", "20")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA / "plover.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "plover.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("old", "new", "message"), [
    # PLOVER 2021 has no FIGHT: battles are ASSAULT
    ("  Armed clash:\n    plover_type: ASSAULT", "  Armed clash:\n    plover_type: FIGHT",
     r"^plover.yaml: key 'sub_event_types.Armed clash.plover_type': 'FIGHT' is not a PLOVER event type \("),
    ("    plover_mode: suicide-attack", "    plover_mode: suicide",
     r"^plover.yaml: key 'sub_event_types.Suicide bomb.plover_mode': 'suicide' is not a PLOVER mode of ASSAULT"),
    ('    plover_mode: arrest\n    cameo_root: "17"', '    plover_mode: arrest\n    cameo_root: "7"',
     r"^plover.yaml: key 'sub_event_types.Arrests.cameo_root': '7' is not a CAMEO root code"),
    ('    cameo_root: "17"\n    cameo_code: "173"', '    cameo_root: "17"\n    cameo_code: "1x3"',
     r"^plover.yaml: key 'sub_event_types.Arrests.cameo_code': '1x3' is not a CAMEO code"),
    ('    cameo_root: "17"\n    cameo_code: "173"', '    cameo_root: "18"\n    cameo_code: "173"',
     r"^plover.yaml: key 'sub_event_types.Arrests.cameo_code': CAMEO code 173 is not under root 18$"),
    ('  "173": Arrest', '  "73": Arrest',
     r"^plover.yaml: key 'cameo_codes.73': a CAMEO code is three or four digits"),
    ("  Grenade:\n", "  Grenades:\n",
     r"^plover.yaml: key 'sub_event_types.Grenades': not an ACLED sub-event type of taxonomy.yaml$"),
])
def test_a_bad_mapping_is_refused_with_one_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    root = _broken(tmp_path, old, new)
    with pytest.raises(DataFileError, match=message) as e:
        plover.mapping(str(root))
    assert "\n" not in str(e.value)


def test_a_sub_event_type_without_mapping_is_refused(tmp_path: Path) -> None:
    text = (DATA / "plover.yaml").read_text(encoding="utf-8")
    start = text.index("  Sexual violence:\n")
    end = text.index("  Attack:\n")
    (tmp_path / "plover.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^plover.yaml: key 'sub_event_types.Sexual violence': missing"):
        plover.mapping(str(tmp_path))


def test_an_unquoted_cameo_root_is_a_shape_error(tmp_path: Path) -> None:
    root = _broken(tmp_path, '  "14": Protest', "  14: Protest")
    with pytest.raises(DataFileError, match=r"^plover.yaml: key 'cameo_roots.14': expected a str as name"):
        knowledge.load("plover.yaml", root=root)


def test_country_of_an_acled_name_we_write() -> None:
    assert country_of_name("Police Forces of Pakistan") == "PK"
    assert country_of_name("Civilians (Nigeria)") == "NG"
    assert country_of_name("Unidentified Armed Group (Democratic Republic of Congo)") == "CD"
    assert country_of_name("Military Forces of Turkey") == "TR"
    assert country_of_name("Islamic State") is None
    assert country_of_name("Protesters") is None
    assert country_of_name(None) is None


def _ev(n: int, sub: str, event_type: str, sentence: str, actor1: str | None, actor2: str | None,
        killed: int | None = None, day: str | None = None) -> Event:
    return Event(
        event_id=f"ev-test{n}", article_id=f"story-{n}", event_type=event_type, sub_event_type=sub,
        date=day or f"2024-02-0{n}", date_precision="day", historical=False, country="NG", admin1="Borno",
        location="Maiduguri", latitude=11.8464, longitude=13.1571, geonameid=2331447, place_level="town",
        geo_precision=1, actor1=actor1, actor2=actor2, fatalities=killed, fatalities_qualifier="exact" if killed else None,
        injured=None, injured_qualifier=None, arrested=None, arrested_qualifier=None, count_qualifier=None,
        confidence=0.8, evidence=[Evidence("event", sentence.split()[1], 0, 5, sentence, 0, len(sentence))],
        url=f"https://news.example/{n}", source="Example Wire")


EVENTS = [
    _ev(1, "Air/drone strike", "Explosions/Remote violence",
        "A military drone struck a camp near Maiduguri on Thursday, killing seven fighters.",
        "Military Forces of Nigeria", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 7),
    _ev(2, "Air/drone strike", "Explosions/Remote violence",
        "Fighter jets bombed a camp near Maiduguri on Friday.", "Military Forces of Nigeria", None,
        day="2024-09-20"),
    _ev(3, "Attack", "Violence against civilians",
        "Attackers hacked four farmers to death with machetes outside Maiduguri.",
        "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", 4),
    _ev(4, "Non-violent transfer of territory", "Strategic developments",
        "Troops entered the town after the insurgents withdrew from Maiduguri.",
        "Military Forces of Nigeria", "Unidentified Armed Group (Nigeria)"),
    _ev(5, "Arrests", "Strategic developments", "Police arrested twelve suspects in Maiduguri on Monday.",
        "Police Forces of Nigeria", None),
]


def _rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_the_export_of_extracted_events() -> None:
    sink = RENDERERS["plover"].events
    assert sink is not None
    out = io.StringIO()
    writer = plover.PloverEventWriter(out)
    writer.write(EVENTS)
    rows = _rows(out.getvalue())
    assert writer.count == 5 and [r["event_id"] for r in rows] == [e.event_id for e in EVENTS]
    assert all(list(r) == plover.FIELDS for r in rows)
    drone, jets, machetes, handover, arrests = rows
    # the drone of the sentence makes the aerial strike a drone strike, CAMEO 1952
    assert (drone["event_type"], drone["event_mode"], drone["cameo_root"], drone["cameo_code"]) == \
        ("ASSAULT", "drone", "19", "1952")
    assert (jets["event_mode"], jets["cameo_code"]) == ("aerial", "195")
    assert (machetes["event_mode"], machetes["cameo_root"], machetes["cameo_code"]) == ("primitive", "18", "1823")
    assert drone["actor_name"] == "Military Forces of Nigeria" and drone["actor_country"] == "NGA"
    assert drone["recipient_name"].startswith("Boko Haram") and drone["recipient_country"] is None
    assert (drone["fatalities"], drone["placename"], drone["country"], drone["latitude"]) == (7, "Maiduguri", "NGA", 11.8464)
    assert (drone["story_id"], drone["acled_sub_event_type"], drone["quad_code"]) == ("story-1", "Air/drone strike", 4)
    assert drone["record_api"] is None  # not stored: the pointer is the event and story ids
    # PLOVER's actor of a handover is the side that leaves (our actor2)
    assert (handover["event_type"], handover["event_mode"]) == ("RETREAT", "withdraw")
    assert handover["actor_name"] == "Unidentified Armed Group (Nigeria)"
    assert handover["recipient_name"] == "Military Forces of Nigeria"
    assert (arrests["event_type"], arrests["event_mode"], arrests["cameo_code"]) == ("COERCE", "arrest", "173")


def test_events_format_plover_exports_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from eventwire.store import open_store

    db = str(tmp_path / "p.db")
    with open_store(db) as store:
        for ev in EVENTS:
            sentence = ev.evidence[0].sentence
            store.add(Article(ev.article_id, sentence, url=ev.url, published=date(2024, 2, 10)), [ev])
    assert main(["events", "--db", db, "--format", "plover"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert sorted(r["acled_sub_event_type"] for r in rows) == sorted(e.sub_event_type for e in EVENTS)
    for r in rows:
        assert r["event_id"].startswith("evt-") and r["record_api"] == f"/api/events/{r['event_id']}"
        assert r["event_type"] and r["cameo_root"]
    by_sub = {r["acled_sub_event_type"]: r for r in rows if r["acled_sub_event_type"] != "Air/drone strike"}
    assert by_sub["Attack"]["event_mode"] == "primitive"
    assert by_sub["Arrests"]["actor_country"] == "NGA"
