"""French actor words, on written French sentences."""

from __future__ import annotations

from datetime import date

from eventwire import pipeline
from eventwire.record import Article

SEPARATISTS = ("Cameroun : des séparatistes ont tué trois villageois lundi près de Buea, dans le "
               "Sud-Ouest du pays, ont indiqué les autorités locales. Les habitants ont fui vers la ville voisine "
               "après cette attaque, selon plusieurs témoins joints par téléphone.")


def _events(text: str) -> list:
    res = next(pipeline.run([Article(id="fr", text=text, published=date(2024, 5, 15), lang="fr")]))
    assert res.error is None
    return res.events


def test_french_separatists_name_the_countrys_insurgency() -> None:
    evs = _events(SEPARATISTS)
    assert any(e.actor1 == "Ambazonian Separatists" for e in evs), [(e.event_type, e.actor1) for e in evs]
