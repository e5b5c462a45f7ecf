"""where.attach beyond the trigger's sentence: datelines, the sentences around it, the more
specific place (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire import where
from eventwire.record import Mention
from eventwire.where.context import new_topic, previous

pytestmark = pytest.mark.slow


def _attach(adoc, trigger: str) -> Mention:
    text = adoc.article.text
    start = text.index(trigger)
    sent = adoc.sentence_of(start)
    m = Mention(article_id=adoc.article.id, trigger=trigger, start=start, end=start + len(trigger),
                sent_index=0, sentence=sent.text, sentence_start=sent.start_char,
                sentence_end=sent.end_char, event_type="Battles", sub_event_type="Armed clash")
    where.attach(m, adoc)
    return m


@pytest.mark.parametrize("dateline", ["LAHORE (AP) --", "LAHORE, Pakistan (Reuters) -", "LAHORE:",
                                      "LAHORE, March 4 (Reuters) -",
                                      "Ministers met on Sunday.\n\nLahore, Pakistan -"])
def test_dateline_yields_to_the_place_the_body_names(annotate, dateline):
    adoc = annotate(f"{dateline} Gunmen shot dead two policemen on Monday, officials said.\n\n"
                    "The policemen were on patrol in Multan when the gunmen opened fire.")
    assert _attach(adoc, "shot dead").place.text == "Multan"


def test_previous_paragraph_gives_the_place(annotate):
    adoc = annotate("Militants attacked a checkpoint in Kandahar on Monday.\n\n"
                    "Two soldiers were killed in the fighting, officials said.")
    assert _attach(adoc, "killed").place.text == "Kandahar"


def test_new_topic_does_not_look_back(annotate):
    adoc = annotate("Militants attacked a checkpoint in Kandahar on Monday.\n\n"
                    "Separately, a bomb killed two people, police said.")
    sents = list(adoc.doc.sents)
    assert new_topic(sents[1]) and not new_topic(sents[0])
    assert previous([p for p in adoc.places if p.role == "place"], adoc, sents[1]) is None


def test_looking_back_stays_in_the_country_the_sentence_names(annotate):
    adoc = annotate("Fighters fled Raqqa last year.\n\nMoroccan authorities said they had arrested 15 people.")
    sents = list(adoc.doc.sents)
    assert previous([p for p in adoc.places if p.role == "place"], adoc, sents[-1]) is None


def test_place_in_the_trigger_sentence_beats_an_earlier_region(annotate):
    adoc = annotate("Heavy fighting was reported in Helmand province on Monday. "
                    "Troops captured the town of Musa Qala after a day of fighting.")
    assert _attach(adoc, "captured").place.text == "Musa Qala"


def test_town_inside_the_region_of_the_same_sentence_wins(annotate):
    adoc = annotate("Government forces retook another town, the centre of Qalatgir district, "
                    "also in Helmand, on Tuesday.")
    m = _attach(adoc, "retook")
    assert m.place.text == "Qalatgir" and m.place.admin1 == "Helmand" and m.geo_precision == 2


def test_region_gives_way_to_the_district_named_next(annotate):
    adoc = annotate("A roadside bomb killed three soldiers in Kandahar province on Monday.\n\n"
                    "Their vehicle struck the device in the province's Qalatgir district, officials said.")
    m = _attach(adoc, "roadside bomb")
    assert m.place.text == "Qalatgir" and m.place.admin1.startswith("Kandah")
    assert m.place.latitude is not None and m.geo_precision == 2


def test_region_keeps_the_event_when_the_next_sentence_names_it_again(annotate):
    adoc = annotate("Clashes broke out in Kandahar province on Monday. Officials in Kandahar province said "
                    "the fighting stopped at night. Separately, police in Lashkar Gah arrested two men.")
    assert _attach(adoc, "Clashes").place.text == "Kandahar"


def test_topic_and_nickname_are_not_locations(annotate):
    adoc = annotate("Hundreds of protesters marched through downtown Chicago, chanting about Ferguson, Mo., "
                    "and then walked along streets in the Loop.")
    assert "Loop" not in {p.text for p in adoc.places}
    assert _attach(adoc, "marched").place.text == "Chicago"


def test_name_of_a_person_after_near_is_not_a_place(annotate):
    adoc = annotate("Protesters camped outside Mayor John Alden's office in Springfield, Illinois, on Monday.")
    assert not [p for p in adoc.places if "Alden" in p.text]


def test_venue_named_after_its_locality(annotate):
    adoc = annotate("A mob set fire to the Kholabandha police station in Assam's Nagaon district on Saturday.")
    assert _attach(adoc, "set fire").place.text == "Kholabandha"
    adoc = annotate("The rally ended in a sit-in at Thoubal Khunou ground on Saturday, about 36 km from Imphal.")
    assert _attach(adoc, "sit-in").place.text == "Thoubal"


def test_local_government_area_and_communities(annotate):
    adoc = annotate("Bandits killed four farmers in Dan Kwari Local Government Area of Katsina State on Monday.")
    names = {p.text: p for p in adoc.places}
    assert "Dan Kwari" in names and names["Dan Kwari"].place_level == "district"
    adoc = annotate("Gunmen invaded the communities of Tudun Kasa and Gidan Bature in Zamfara State on Monday.")
    assert _attach(adoc, "invaded").place.text == "Tudun Kasa"


def test_country_fallback_is_named_as_the_country(annotate):
    adoc = annotate("Activists of the Kerala Students Union clashed with the police on Monday.")
    m = _attach(adoc, "clashed")
    assert m.place.place_level == "country" and m.place.country == "IN"
    assert m.place.text == m.place.name == "India"
    ev = [e for e in m.evidence if e.field == "location"][0]
    assert adoc.article.text[ev.start:ev.end] == ev.text


def test_village_missing_from_the_gazetteer_is_located_by_an_earlier_paragraph(annotate):
    adoc = annotate("Gunmen attacked villages in Zamfara State on Sunday.\n\n"
                    "The attackers stormed Kwanar Dutsi village at dawn, killing five farmers.")
    m = _attach(adoc, "stormed")
    assert m.place.text == "Kwanar Dutsi" and m.place.geonameid is None
    assert m.place.admin1 == "Zamfara" and m.place.latitude is not None and m.geo_precision == 2


def test_name_placed_in_a_named_area_is_a_town(annotate):
    adoc = annotate("Police moved to rescue the chief of Tunga Maje, in Gwagwalada Area Council, on Monday.")
    names = {p.text: p for p in adoc.places}
    assert names["Tunga Maje"].place_level == "town" and names["Gwagwalada"].place_level == "district"
    adoc = annotate("John Okafor, in Kaduna State, said the talks had failed.")
    assert "John Okafor" not in {p.text for p in adoc.places}


def test_dateline_beats_a_wider_area_named_in_the_body(annotate):
    adoc = annotate("MOSUL (Reuters) - A bomb exploded in a crowded market on Monday, killing ten people.\n\n"
                    "The group still holds parts of Anbar province, officials said.")
    assert _attach(adoc, "exploded").place.text == "MOSUL"


@pytest.mark.parametrize("care", [
    "The wounded were taken to the hospital in Kaduna.",
    "The wounded were rushed to Kaduna for treatment.",
    "The wounded were treated at Kaduna General Hospital.",
])
def test_where_the_wounded_were_taken_is_not_the_place(annotate, care):
    adoc = annotate("Gunmen attacked farmers in Kutunku village on Sunday, wounding six.\n\n"
                    f"{care}\n\nThe attackers also abducted four women.")
    assert _attach(adoc, "abducted").place.text == "Kutunku"
    assert _attach(adoc, "wounded were").place.text == "Kutunku"


def test_the_capital_is_the_capital_city_of_the_story_country(annotate):
    adoc = annotate("Kenyan teachers went on strike last week.\n\n"
                    "Thousands of them marched in the capital on Thursday, demanding higher pay.")
    m = _attach(adoc, "marched")
    assert m.place.name == "Nairobi" and m.place.country == "KE"
    assert not [r for r in where.place_records(adoc) if r["name"] == "Nairobi"]  # an anaphor, no toponym


@pytest.mark.parametrize("text", [
    "Thousands of teachers marched in the provincial capital on Thursday, Kenyan unions said.",
    "Kenyan unions said the strike would cost the firm capital on Thursday.",
])
def test_a_capital_that_is_not_the_country_capital(annotate, text):
    adoc = annotate(text)
    assert all(p.name != "Nairobi" for p in adoc.places)


def test_places_named_in_the_capital_are_the_places(annotate):
    adoc = annotate("Kenyan police fired tear gas at protesters in Kawangware and Kangemi in the capital on Friday.")
    assert _attach(adoc, "fired").place.text == "Kawangware"


def test_the_place_of_an_earlier_event_in_an_after_phrase_is_not_the_place(annotate):
    adoc = annotate("Gunmen burned a clinic in Kidal on Tuesday.\n\n"
                    "The raid came two days after an ambush on a convoy near Gao.")
    assert _attach(adoc, "raid").place.text == "Kidal"
    assert _attach(adoc, "ambush").place.text == "Gao"


@pytest.mark.parametrize(("text", "word", "where"), [
    # hostages taken in a town are taken there (not a place of care)
    ("Gunmen took four traders hostage in Kaduna on Sunday.", "hostage", "Kaduna"),
    # a suspect brought to a police station is not in care
    ("He was brought to the Kutunku police station, where a mob later set it on fire.", "set it on fire", "Kutunku"),
    # a hospital that is attacked is the place
    ("Gunmen attacked a hospital in Kaduna on Sunday, killing two nurses.", "attacked", "Kaduna"),
    # a name the text calls a village in an apposition is a place the gazetteer may lack
    ("Bandits stormed Kutunku, a remote village in the north, on Thursday, killing nine people.", "stormed", "Kutunku"),
])
def test_the_place_of_one_sentence(annotate, text, word, where):
    assert _attach(annotate(text), word).place.text == where


@pytest.mark.parametrize(("text", "fled"), [
    ("Hundreds of families fled to Kaduna after the raid.", True),
    ("Many people have sought refuge in the nearby town of Kaduna.", True),
    ("The survivors took shelter in Kaduna.", True),
    ("Hundreds of families fled Kaduna after the raid.", False),  # the place fled from is the event's
    ("Hundreds of families fled from Kaduna after the raid.", False),
])
def test_a_place_of_refuge(annotate, text, fled):
    from eventwire.where.context import refuge

    adoc = annotate(text)
    p = next(p for p in adoc.places if p.text == "Kaduna")
    assert refuge(p, adoc.doc) is fled


def test_where_people_fled_to_is_not_the_place(annotate):
    adoc = annotate("Gunmen attacked farmers in Kutunku village on Sunday, killing six.\n\n"
                    "Hundreds of residents fled to Kaduna.\n\nThe attackers also burned houses.")
    assert _attach(adoc, "burned").place.text == "Kutunku"


def test_a_finer_place_told_of_another_time_does_not_refine_the_region(annotate):
    from datetime import date

    from eventwire import nlp, when
    from eventwire.record import Article

    text = ("Militiamen killed 30 people at a camp in Ituri province on Monday, officials said.\n\n"
            "About 5,000 displaced people had arrived in Bunia between March 2 and March 20.")
    adoc = next(nlp.parse([Article("t1", text, published=date(2024, 5, 8))]))
    where.annotate(adoc)
    when.annotate(adoc)
    start = text.index("killed")
    sent = adoc.sentence_of(start)
    m = Mention(article_id="t1", trigger="killed", start=start, end=start + 6, sent_index=0, sentence=sent.text,
                sentence_start=sent.start_char, sentence_end=sent.end_char,
                event_type="Violence against civilians", sub_event_type="Attack", date="2024-05-06")
    where.attach(m, adoc)
    assert m.place.text == "Ituri"
    m.date = "2024-03"  # told of the same month: Bunia is the finer place
    m.evidence.clear()
    where.attach(m, adoc)
    assert m.place.text == "Bunia"
