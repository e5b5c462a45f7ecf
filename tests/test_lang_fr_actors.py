"""French actor words and the French (Universal Dependencies) parse of actor phrases, on written French sentences."""

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


AGAINST_ARMY = ("Niger : des hommes armés ont mené mardi une attaque contre une patrouille de l'armée près de la "
                "frontière, ont annoncé les autorités. Le bilan n'a pas été communiqué, selon une source "
                "sécuritaire jointe par téléphone dans la région.")


def test_an_attack_contre_an_army_patrol_is_a_battle_of_armed_men() -> None:
    # the French parse: "contre" a case child of its noun, the adjective after the noun ("hommes
    # armés"), the patrol's force after "de"
    evs = _events(AGAINST_ARMY)
    assert [(e.event_type, e.actor1, e.actor2) for e in evs] == [
        ("Battles", "Unidentified Armed Group (Niger)", "Military Forces of Niger")]


BEHEADED = ("Au Cameroun, un policier a été tué puis décapité lundi près de Buea par des séparatistes, selon les "
            "autorités. Deux autres policiers ont été blessés lors de cette attaque, a indiqué une source "
            "sécuritaire jointe par téléphone.")


def test_a_policeman_killed_by_separatists_is_a_battle_with_the_police() -> None:
    # a killing word is read for whose the dead are; the doer after "par"
    evs = _events(BEHEADED)
    assert [(e.event_type, e.actor1, e.actor2) for e in evs][:1] == [
        ("Battles", "Ambazonian Separatists", "Police Forces of Cameroon")]


def test_french_country_names_are_the_countries() -> None:
    # "Liban" is also a small Czech town: the French name of a country is the country
    text = ("Liban : deux personnes ont été tuées dimanche lors d'une frappe de drone contre une voiture dans "
            "le sud du pays, selon l'agence de presse officielle. Plusieurs blessés ont été transportés vers "
            "un hôpital de la région.")
    evs = _events(text)
    assert evs and {e.country for e in evs} == {"LB"}, [(e.country, e.location) for e in evs]


def test_armed_men_killing_soldiers_is_a_battle() -> None:
    # "hommes armés" is a doer word: the deaths say more, by whom they were suffered
    evs = _events("Au Niger, des hommes armés ont tué cinq soldats lundi près de Tillabéri, selon une source "
                  "sécuritaire jointe par téléphone.")
    assert [(e.event_type, e.actor2, e.fatalities) for e in evs] == [("Battles", "Military Forces of Niger", 5)]


def test_jihadists_who_could_attack_are_no_event() -> None:
    assert _events("Au Mali, des jihadistes pourraient attaquer la ville de Gao dans les prochains jours, selon "
                   "une source sécuritaire jointe par téléphone.") == []
