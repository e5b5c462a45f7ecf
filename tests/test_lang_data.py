"""Language data: data/lang/<code>/<name> replaces the English file, only the language-free files
fall back to English, the caches are keyed by the current language, and the French data codes
French sentences (written for these tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire import knowledge, pipeline
from eventwire.errors import DataFileError
from eventwire.record import Article
from eventwire.when import grammar
from eventwire.when.lexicon import lexicon


def test_a_language_file_replaces_the_english_one() -> None:
    assert knowledge.load("time/lexicon.yaml", lang="fr")["months"][3] == ["mars"]
    assert "March" in knowledge.load("time/lexicon.yaml")["months"][3]


def test_only_language_free_files_fall_back_to_english(tmp_path: Path) -> None:
    src = Path(knowledge.__file__).parent / "data"
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "words.yaml").write_text((src / "store/words.yaml").read_text())
    (tmp_path / "numbers.yaml").write_text((src / "numbers.yaml").read_text())
    assert "store/words.yaml" in knowledge.SHARED and "numbers.yaml" not in knowledge.SHARED
    assert knowledge.load("store/words.yaml", root=tmp_path, lang="xx") == knowledge.load("store/words.yaml", root=tmp_path)
    with pytest.raises(DataFileError, match="lang/xx/numbers.yaml: data file not found"):
        knowledge.load("numbers.yaml", root=tmp_path, lang="xx")


def test_a_language_file_is_checked_against_the_same_declaration(tmp_path: Path) -> None:
    (tmp_path / "lang" / "xx" / "store").mkdir(parents=True)
    (tmp_path / "lang" / "xx" / "store" / "words.yaml").write_text("sites: []\nstop: []\n")
    with pytest.raises(DataFileError, match="lang/xx/store/words.yaml: key 'arrest': missing"):
        knowledge.load("store/words.yaml", root=tmp_path, lang="xx")


def test_every_file_french_needs_is_provided() -> None:
    missing = [n for n in knowledge.declared() if n not in knowledge.SHARED and n not in knowledge.provided("fr")]
    assert missing == []
    for name in knowledge.provided("fr"):
        knowledge.load(name, lang="fr")


def test_caches_are_keyed_by_the_current_language() -> None:
    assert knowledge.current() == "en" and "march" in lexicon().months
    with knowledge.reading("fr") as code:
        assert code == "fr" and "mars" in lexicon().months and "march" not in lexicon().months
    assert "march" in lexicon().months and knowledge.current() == "en"


def _found(text: str) -> list[str]:
    with knowledge.reading("fr"):
        return [text[c.start:c.end] for c in grammar.find(text)]


def test_french_time_words() -> None:
    assert _found("Les tirs ont repris vendredi dernier dans le village.") == ["vendredi dernier"]
    assert _found("Le convoi a été attaqué la semaine dernière.") == ["la semaine dernière"]
    assert _found("Un poste a été visé dans la nuit de samedi à dimanche.") == ["dans la nuit de samedi à dimanche"]
    assert _found("Le marché a brûlé le 3 mars 2024, il y a deux ans.") == ["le 3 mars 2024", "il y a deux ans"]


def _events(text: str, published: date = date(2024, 5, 10)) -> list:
    return next(pipeline.run([Article(id="t", text=text, published=published, lang="fr")], gate=False)).events


def test_a_french_killing_of_soldiers_is_a_battle_with_its_toll_and_day() -> None:
    (e,) = _events("Quatre soldats ont été tués mercredi dans une embuscade tendue par des hommes armés près de Gao.")
    assert (e.event_type, str(e.date), e.fatalities) == ("Battles", "2024-05-08", 4)


def test_french_arrests_and_vague_amounts() -> None:
    (e,) = _events("Vendredi dernier, les gendarmes ont interpellé douze suspects à Niamey.")
    assert (e.sub_event_type, str(e.date), e.arrested) == ("Arrests", "2024-05-03", 12)


def test_a_french_contest_is_no_battle() -> None:
    assert _events("Les deux candidats s'affronteront au second tour de l'élection présidentielle dimanche.") == []
    assert _events("L'explosion des prix du carburant inquiète les ménages de la capitale.") == []


def test_french_approximate_numbers_and_vague_amounts() -> None:
    (e,) = _events("Une quinzaine de personnes ont été tuées jeudi par des hommes armés près de Mopti.")
    assert (e.sub_event_type, e.fatalities) == ("Attack", 15)
    (e,) = _events("Des dizaines de civils ont été tués jeudi par des hommes armés près de Mopti.")
    assert e.fatalities is None and e.count_qualifier == "vague"
