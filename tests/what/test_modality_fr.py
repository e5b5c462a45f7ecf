"""French modality: the future tense the verb inflects is a plan; the reporting conditional
("aurait fait dix morts") still tells an event. Written French sentences."""

from __future__ import annotations

from datetime import date

from eventwire import pipeline
from eventwire.record import Article


def _events(text: str) -> list:
    res = next(pipeline.run([Article(id="fr", text=text, published=date(2024, 5, 15), lang="fr")]))
    assert res.error is None
    return res.events


def test_a_protest_in_the_future_tense_is_not_an_event() -> None:
    assert _events("Au Sénégal, les enseignants manifesteront samedi à Dakar pour réclamer une hausse des "
                   "salaires, a annoncé leur syndicat lundi.") == []


def test_the_same_protest_in_the_past_is_one() -> None:
    evs = _events("Au Sénégal, les enseignants ont manifesté samedi à Dakar pour réclamer une hausse des "
                  "salaires, a annoncé leur syndicat lundi.")
    assert [e.event_type for e in evs] == ["Protests"]


def test_the_reporting_conditional_stays_asserted() -> None:
    evs = _events("Au Niger, l'attaque aurait fait dix morts lundi près de Tillabéri, selon une source "
                  "sécuritaire jointe par téléphone.")
    assert len(evs) == 1 and evs[0].fatalities == 10
