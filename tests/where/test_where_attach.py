"""where.attach: the place that governs each event mention, and its geo_precision."""

from __future__ import annotations

import pytest

from eventwire import where
from eventwire.record import Mention

pytestmark = pytest.mark.slow


def _mention(adoc, trigger: str, nth: int = 0) -> Mention:
    text = adoc.article.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(trigger, start + 1)
    sent = adoc.sentence_of(start)
    return Mention(article_id=adoc.article.id, trigger=trigger, start=start, end=start + len(trigger),
                   sent_index=0, sentence=sent.text, sentence_start=sent.start_char,
                   sentence_end=sent.end_char, event_type="Battles", sub_event_type="Armed clash")


def _attach(adoc, trigger: str, nth: int = 0) -> Mention:
    m = _mention(adoc, trigger, nth)
    where.attach(m, adoc)
    return m


def test_offset_from_a_town_is_precision_2(annotate):
    adoc = annotate("Shelling hit a village 20 km north of Raqqa on Tuesday, the monitoring group said.")
    m = _attach(adoc, "Shelling")
    assert m.place.text == "Raqqa" and m.place.country == "SY"
    assert m.geo_precision == 2
    ev = [e for e in m.evidence if e.field == "location"]
    assert len(ev) == 1 and ev[0].text == "Raqqa" and adoc.article.text[ev[0].start:ev[0].end] == "Raqqa"


def test_named_town_is_precision_1_and_near_is_2(annotate):
    adoc = annotate("Gunmen killed two soldiers near Kano on Sunday. "
                    "The attack came a week after clashes in Maiduguri left six dead.")
    killed = _attach(adoc, "killed")
    assert killed.place.text == "Kano" and killed.geo_precision == 2
    clashes = _attach(adoc, "clashes")
    assert clashes.place.text == "Maiduguri" and clashes.geo_precision == 1


def test_region_only_is_precision_3(annotate):
    adoc = annotate("Security forces arrested 12 suspects in Kaduna State on Friday, police said.")
    m = _attach(adoc, "arrested")
    assert m.place.feature_code == "ADM1" and m.place.country == "NG"
    assert m.geo_precision == 3
    assert m.place.alt_names and m.place.name not in m.place.alt_names


def test_governing_place_is_the_one_linked_to_the_trigger(annotate):
    adoc = annotate("Officials from Rabat travelled to the scene after a bomb exploded in Marrakesh "
                    "on Thursday, Moroccan media reported.")
    m = _attach(adoc, "exploded")
    assert m.place.text == "Marrakesh"


def test_list_of_places_takes_the_first(annotate):
    adoc = annotate("The suspects, who were active in Fez, Meknes and Tangier, were arrested on Tuesday.")
    m = _attach(adoc, "arrested")
    assert m.place.text == "Fez"


def test_previous_sentence_then_dominant_place(annotate):
    adoc = annotate("BAGHDAD (Reuters) - Clashes erupted in Mosul on Monday.\n"
                    "At least five people were killed, officials said.\n\n"
                    "Separately, the government said it would hold talks next week.")
    killed = _attach(adoc, "killed")
    assert killed.place.text == "Mosul" and killed.geo_precision == 1
    talks = _attach(adoc, "talks")
    # "Separately, ...": another story, told without its place -- neither the body's town nor the
    # dateline, only the country
    assert talks.place.place_level == "country" and talks.place.country == "IQ"
    adoc = annotate("BAGHDAD (Reuters) - Gunmen killed five people at a checkpoint on Monday, police said.")
    assert _attach(adoc, "killed").place.text == "BAGHDAD"  # the body names no place: the dateline


def test_country_only_when_no_place_is_named(annotate):
    adoc = annotate("Nigerian troops killed several militants during an operation, the army said.")
    m = _attach(adoc, "killed")
    assert m.place is not None and m.place.country == "NG" and m.place.place_level == "country"
    assert m.geo_precision == 3


def test_village_missing_from_the_gazetteer_keeps_its_name(annotate):
    adoc = annotate("Gunmen attacked Kwanar Maje village in Zamfara State on Sunday, killing three farmers.")
    village = [p for p in adoc.places if p.text == "Kwanar Maje"]
    assert village and village[0].geonameid is None and village[0].country == "NG"
    assert "Kwanar Maje" not in {r["text"] for r in where.place_records(adoc)}  # resolved mentions only
    m = _attach(adoc, "attacked")
    assert m.place.text == "Kwanar Maje" and m.place.geonameid is None
    assert m.geo_precision == 2  # located by the state around it
    assert m.place.latitude is not None and m.place.admin1 == "Zamfara"
    assert "Zamfara" in m.evidence[-1].note


def test_dateline_and_asides_do_not_place_the_event(annotate):
    adoc = annotate("LAGOS (Reuters) - Gunmen killed four people in Maiduguri on Sunday, the army said.")
    assert _attach(adoc, "killed").place.text == "Maiduguri"
    adoc = annotate("MOSCOW (Sputnik) - Moroccan police dismantled a cell affiliated with the Islamic State "
                    "(IS, banned in Russia) on Friday.\n\nThe suspects were arrested in Tetouan, officials said.")
    m = _attach(adoc, "dismantled")
    assert m.place.country == "MA" and m.place.text == "Tetouan"
    assert adoc.countries[0] == "MA"


def test_physical_features_are_not_the_country(annotate):
    adoc = annotate("Fishermen on Lake Chad were attacked on Monday, according to Nigerian officials.")
    assert not [p for p in adoc.places if p.text == "Chad" or p.country == "TD"]
    m = _attach(adoc, "attacked")
    assert m.place.country == "NG" and m.geo_precision == 3


def test_dateline_of_a_later_paragraph_yields_to_the_named_place(annotate):
    adoc = annotate("Schools burned in the north\n\nPESHAWAR: Militants set fire to two schools in Bannu "
                    "district on Tuesday, officials said.")
    m = _attach(adoc, "set fire")
    assert m.place.text == "Bannu" and m.place.country == "PK"


def test_distance_from_a_town_is_an_offset(annotate):
    adoc = annotate("The rally ended with a sit-in at Thoubal, about 36 km from Imphal, on Saturday.")
    m = _attach(adoc, "rally")
    assert m.place.text == "Thoubal"
    adoc = annotate("Gunmen ambushed a bus about 30 km away from Maiduguri on Friday.")
    m = _attach(adoc, "ambushed")
    assert m.place.text == "Maiduguri" and m.geo_precision == 2


def test_a_country_modifying_a_noun_is_actor_context_not_the_place(annotate):
    adoc = annotate("Fighting flared in Kirkuk on Thursday.\n"
                    "A blast hit a U.S. convoy on Friday, the U.S. command said.")
    m = _attach(adoc, "blast")
    assert m.place.text == "Kirkuk" and m.place.country == "IQ"
    adoc = annotate("Gunmen opened fire on a British patrol in the United Kingdom on Monday.")
    assert _attach(adoc, "opened fire").place.country == "GB"  # "in the United Kingdom" still places


def test_a_country_naming_its_police_is_where_they_acted(annotate):
    # police act at home (cues.yaml home_nouns); "sent to Uganda" is where suspects would go
    adoc = annotate("Kenya police fired tear gas at demonstrators on Tuesday as protests against a law "
                    "that would allow suspects to be sent to Uganda for trial turned violent.")
    m = _attach(adoc, "fired tear gas")
    assert m.place is not None and m.place.country == "KE"


def test_soldiers_sent_abroad_do_not_confine_the_story_to_their_country(annotate):
    adoc = annotate("A bomb exploded near a checkpoint in Kirkuk on Friday.\n"
                    "Two American soldiers were killed, police said.\n"
                    "Markets in Mosul reopened on Saturday, and traders in Mosul said prices in Mosul fell.")
    assert _attach(adoc, "killed").place.text == "Kirkuk"  # not the article's most named place


def test_a_place_in_a_relative_clause_about_another_act_is_not_the_place(annotate):
    adoc = annotate("Troops stormed a compound in Kandahar on Saturday.\n"
                    "They killed a militant commander who was indicted in the United States for a bomb plot.")
    m = _attach(adoc, "killed")
    assert m.place.text == "Kandahar"


def test_a_place_in_a_clause_of_another_time_is_not_the_place(annotate):
    adoc = annotate("A roadside bomb killed four soldiers in Kandahar on Monday.\n"
                    "The blast raised the toll of foreign troops to 214 since France sent them in 2012.")
    m = _attach(adoc, "blast")
    assert m.place is None or m.place.text != "France"


def test_the_reference_point_of_an_offset_is_not_the_area_of_the_event(annotate):
    adoc = annotate("A bomb exploded in Babil province south of Baghdad on Friday.\n"
                    "The attack damaged a police vehicle.")
    assert _attach(adoc, "attack").place.text == "Babil"


def test_a_relative_clause_about_the_weapon_keeps_its_place(annotate):
    adoc = annotate("Fighting flared in Kirkuk on Thursday.\n"
                    "A bomb that exploded at a market in Mosul killed five people on Friday.")
    assert _attach(adoc, "killed").place.text == "Mosul"


def test_a_place_a_protest_is_about_is_not_where_it_was_held(annotate):
    adoc = annotate("Students rallied in Leeds on Friday with banners about Gaza.\n"
                    "A Gaza-related sit-in followed outside the town hall on Saturday.")
    m = _attach(adoc, "sit-in")
    assert m.place is not None and m.place.text == "Leeds"


def test_what_a_sequence_verb_places_belongs_to_its_object(annotate):
    # "X's attack followed bombings in Y": Y is the bombings' place, not the attack's
    adoc = annotate("A roadside bomb killed a soldier in Kaduna on Tuesday. "
                    "Tuesday's attack followed bombings in Zaria and Kano over the weekend.")
    m = _attach(adoc, "attack")
    assert m.place is None or m.place.text not in ("Zaria", "Kano")
    assert _attach(adoc, "bombings").place.text == "Zaria"


def test_a_country_named_as_the_event_s_extent_is_not_the_story_s_town(annotate):
    # "protests across Kenya", "major cities in Kenya": the country's, not the dateline's town
    adoc = annotate("NAIROBI, Kenya (AP) - Protests shut down major cities in Kenya on Monday as demonstrators "
                    "clashed with police.")
    m = _attach(adoc, "clashed")
    assert m.place is not None and m.place.place_level == "country" and m.place.country == "KE"


def test_the_favela_the_text_names_places_the_raid_on_it(annotate):
    adoc = annotate("Police raided a school near Jacarezinho in Rio on Wednesday. Officers from Rio de Janeiro "
                    "state's civil police stormed Jacarezinho, a favela in the city's northern zone, on Thursday.")
    m = _attach(adoc, "stormed")
    assert m.place.text == "Jacarezinho" and m.place.geonameid is None and m.place.admin1 == "Rio de Janeiro"


def test_a_town_that_locates_a_settlement_is_not_the_event_s_place(annotate):
    # "X -- a small settlement near Y": Y says where X lies; the event is at X, beside Y (not in it)
    adoc = annotate("Troops regained control of Kalunga -- a small but strategic settlement near Pemba, "
                    "in Mozambique, on Sunday.")
    m = _attach(adoc, "regained")
    assert m.place.text == "Kalunga" and m.place.geonameid is None and m.place.country == "MZ"
    assert m.place.within is None  # near Pemba, not a part of it
    # "the twin city of X" names X
    adoc = annotate("Police shot dead two protesters in the capital Nairobi's twin town of Kiambu on Sunday.")
    assert _attach(adoc, "shot").place.text == "Kiambu"


def test_a_persons_home_town_is_not_where_the_event_happened(annotate):
    adoc = annotate("Gunmen seized two engineers at a dam site near Medellin on Monday. The men, Paolo Bianchi "
                    "of Turin and Marco Rossi of Naples, were taken hostage from the site at dawn.")
    m = _attach(adoc, "taken hostage")
    assert m.place.text == "Medellin" and m.place.country == "CO"


def test_a_dateline_abroad_is_not_where_a_story_in_another_country_happened(annotate):
    # filed in one country about another the body places it in: the event is in that country
    adoc = annotate("   Quito (Ecuador), 4 Mar 90 (radio network) -- \n"
                    "      The Ecuadorean embassy in Peru has confirmed the release of a reporter who was "
                    "kidnapped by Peruvian rebels. Peruvian officials said he had been abducted by the guerrillas "
                    "while writing an article. Peruvian police are investigating.")
    m = _attach(adoc, "abducted")
    assert m.place.country == "PE"
    # with no country the body places the story in, the dateline still is the last resort
    adoc = annotate("   Quito, 4 Mar 90 (radio network) -- \n      Rebels abducted a reporter on Monday.")
    assert _attach(adoc, "abducted").place.text == "Quito"
