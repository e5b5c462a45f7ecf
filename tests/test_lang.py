"""An article's language: told from its text (spaCy's stop words), or given (--lang, a JSON line's
'lang'); a French article is parsed by the French pipeline and coded with the French data
(data/lang/fr/)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire import lang, nlp, pipeline
from eventwire.cli import main
from eventwire.record import Article

ENGLISH = """Gunmen kill five at a checkpoint in the east

Gunmen killed five police officers at a checkpoint outside the town on Tuesday, the governor's office
said. The attackers opened fire from a passing car and fled before reinforcements arrived."""

FRENCH = """Six soldats tués dans une attaque près de la frontière

Des hommes armés ont attaqué vendredi un poste de l'armée dans le nord du pays, tuant au moins six
soldats, selon une source sécuritaire. Les assaillants ont pris la fuite après l'attaque, et les
forces de défense ont lancé une opération de ratissage dans la zone."""

FRENCH_2 = """Des manifestants dispersés à coups de gaz lacrymogène

La police a dispersé samedi des centaines de manifestants qui protestaient contre la hausse du prix
du carburant devant la mairie. Plusieurs personnes ont été interpellées, selon les organisateurs."""

MIXED = """Gunmen attacked the army post on Tuesday and killed five of the soldiers there.
Des hommes armés ont attaqué le poste de l'armée mardi et ont tué cinq des soldats."""


def test_detect_tells_english_from_french() -> None:
    assert lang.detect(ENGLISH) == "en"
    assert lang.detect(FRENCH) == "fr"
    assert lang.detect(FRENCH.upper()) == "fr"


def test_short_or_mixed_text_falls_back_to_english() -> None:
    assert lang.detect("Six soldats tués dans une attaque") == "en"  # too few words to tell
    assert lang.detect(MIXED) == "en"  # neither language clearly leads
    assert lang.detect("") == "en"


def test_the_article_lang_wins_over_detection() -> None:
    assert lang.of(Article(id="a", text=FRENCH)) == "fr"
    assert lang.of(Article(id="a", text=FRENCH, lang="en")) == "en"
    assert lang.chosen("auto") is None and lang.chosen(" FR ") == "fr"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        lang.chosen("de")


def test_a_french_article_is_parsed_in_french_and_coded_with_french_data() -> None:
    adoc = next(nlp.parse([Article(id="fr", text=FRENCH)]))
    assert adoc.lang == "fr" and adoc.doc.lang_ == "fr"
    res = next(pipeline.run([Article(id="fr", text=FRENCH, published=date(2024, 5, 13))]))
    assert res.error is None and res.language == "fr" and not res.uncoded_language
    assert [(e.event_type, str(e.date)) for e in res.events] == [("Battles", "2024-05-10")]


def test_a_mixed_batch_keeps_its_order_and_each_language() -> None:
    arts = [Article(id=str(i), text=t) for i, t in enumerate([ENGLISH, FRENCH, ENGLISH, FRENCH_2])]
    docs = list(nlp.parse(arts, batch_size=3))
    assert [d.article.id for d in docs] == ["0", "1", "2", "3"]
    assert [d.lang for d in docs] == ["en", "fr", "en", "fr"]
    assert [d.doc.lang_ for d in docs] == ["en", "fr", "en", "fr"]


def _jsonl(tmp_path: Path, rows: list[dict]) -> str:
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return str(p)


def _extract(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_extract_codes_each_article_in_its_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(tmp_path, [{"id": "f1", "text": FRENCH, "published": "2024-03-02"},
                            {"id": "f2", "text": FRENCH_2, "published": "2024-03-02"},
                            {"id": "e1", "text": ENGLISH, "published": "2024-03-02"}])
    code, recs, err = _extract(capsys, src, "-q")
    assert code == 0 and "Traceback" not in err and "no event data yet" not in err
    assert {r["article_id"] for r in recs} == {"f1", "f2", "e1"}
    assert {r["article_id"]: r["language"] for r in recs} == {"f1": "fr", "f2": "fr", "e1": "en"}


def test_lang_field_and_option_override_detection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(tmp_path, [{"id": "e1", "text": ENGLISH, "published": "2024-03-02", "lang": "fr"}])
    code, recs, err = _extract(capsys, src, "-q")
    assert code == 0 and recs == []  # English text read with the French data: no French trigger in it
    code, recs, err = _extract(capsys, src, "-q", "--lang", "en")  # --lang wins over the field
    assert code == 0 and recs and {r["language"] for r in recs} == {"en"} and "French" not in err
    code, recs, err = _extract(capsys, src, "-q", "--lang", "auto")  # auto: the field holds
    assert recs == []


def test_a_bad_lang_is_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _jsonl(tmp_path, [{"id": "x", "text": ENGLISH, "lang": "klingon"},
                            {"id": "e1", "text": ENGLISH, "published": "2024-03-02"}])
    code, recs, err = _extract(capsys, src, "-q")
    assert code == 1 and {r["article_id"] for r in recs} == {"e1"}
    assert "in.jsonl:1 'lang'" in err and "unknown language 'klingon'" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as e:
        main(["extract", src, "--lang", "de"])
    assert e.value.code == 2
    assert "'de' is not one of en, fr or auto" in capsys.readouterr().err


def test_english_samples_are_coded_as_english(capsys: pytest.CaptureFixture[str]) -> None:
    samples = sorted(str(p) for p in (Path(__file__).resolve().parents[1] / "samples").iterdir())
    code, recs, _ = _extract(capsys, *samples, "-q")
    assert code == 0 and recs and {r["language"] for r in recs} == {"en"}
