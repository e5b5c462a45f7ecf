"""Assembly of mentions into events: merging, one event per place, ordering, unasserted mentions.

Articles here are written for these tests. Places and dates are set on the mentions directly
where a test is about assembly alone, so that it does not depend on the other stages.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import pipeline
from eventwire.assemble import assemble
from eventwire.record import Article, Count, Place
from eventwire.what import detect
from eventwire.where.candidate import NOTES as WHERE_NOTES

pytestmark = pytest.mark.slow


def place(name: str, gid: int, level: str = "town", country: str = "XY") -> Place:
    # each gazetteer entry at its own point (0.1 degree, ~11 km, apart per id)
    return Place(0, 0, name, name, gid, 1.0 + gid / 10, 2.0, country, "Region", "PPL", level,
                 alt_names=[name + "ville"])


def test_several_sentences_about_one_raid_are_one_event(annotate):
    text = (
        "Police arrested 15 suspected members of an armed cell in dawn raids on Friday. "
        "The suspects were detained in three flats in the old town, the interior ministry said. "
        "Officers said the arrested men had been under surveillance for months."
    )
    adoc = annotate(text, published="2022-03-12", title="Police arrest 15 in raids on armed cell")
    ms = detect(adoc)
    assert len([m for m in ms if m.sub_event_type == "Arrests"]) >= 3
    events = assemble(ms, adoc)
    assert [e.sub_event_type for e in events] == ["Arrests"]
    ev = events[0]
    assert ev.arrested == 15
    cited = {e.sentence_start for e in ev.evidence if e.field == "event"}
    assert len(cited) >= 2  # the event's evidence cites several sentences
    assert ev.title == "Police arrest 15 in raids on armed cell" and ev.published == "2022-03-12"
    assert ev.event_id.startswith("ev-") and 0 < ev.confidence <= 1


def test_one_event_per_place(annotate):
    text = (
        "Airstrikes hit the town of Harrat on Sunday, killing four people. "
        "Separate airstrikes hit the village of Qeshla, killing two shepherds."
    )
    adoc = annotate(text, published="2022-03-14")
    ms = detect(adoc)
    for m in ms:
        m.place = place("Harrat", 1) if m.sent_index == 0 else place("Qeshla", 2)
        m.date, m.date_precision = "2022-03-13", "day"
    events = assemble(ms, adoc)
    assert [(e.location, e.fatalities) for e in events] == [("Harrat", 4), ("Qeshla", 2)]
    assert events[0].location_names == ["Harrat", "Harratville"] and events[0].country == "XY"


def test_same_type_without_place_or_date_merges_but_different_dates_do_not(annotate):
    text = "Gunmen kidnapped a priest near the river. The abducted priest was seized from his car."
    adoc = annotate(text, published="2022-03-14")
    ms = detect(adoc)
    assert len(assemble(ms, adoc)) == 1
    for m in ms:
        m.date, m.date_precision = ("2022-03-01", "day") if m.sent_index == 0 else ("2022-03-10", "day")
    assert len(assemble(ms, adoc)) == 2


def test_generic_deaths_merge_into_the_typed_event_nearby(annotate):
    text = "A car bomb exploded at a busy checkpoint on Tuesday. Six people were killed and 20 were wounded."
    adoc = annotate(text, published="2022-03-16")
    events = assemble(detect(adoc), adoc)
    assert len(events) == 1
    ev = events[0]
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert (ev.fatalities, ev.injured) == (6, 20)


def test_lone_generic_deaths_become_an_event_typed_by_context(annotate):
    adoc = annotate("Five soldiers were killed near the border on Monday.", published="2022-03-16")
    events = assemble(detect(adoc), adoc)
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_main_event_first_then_text_order(annotate):
    text = (
        "Police in the port city said on Monday that they had detained a man over a weekend stabbing. "
        "A suicide bomber killed 23 people at a crowded market in the city on Sunday, officials said. "
        "The suicide attack was the deadliest in the city this year, and the bomber's group claimed it. "
        "Separately, protesters marched in the capital against rising fuel prices."
    )
    adoc = annotate(text, published="2022-03-21", title="Suicide bomber kills 23 at market")
    events = assemble(detect(adoc), adoc)
    subs = [e.sub_event_type for e in events]
    assert subs[0] == "Suicide bomb"
    assert events[0].fatalities == 23
    rest = events[1:]
    firsts = [min(e.start for e in ev.evidence if e.field == "event") for ev in rest]
    assert firsts == sorted(firsts)
    assert "Arrests" in subs and "Peaceful protest" in subs


def test_unasserted_mentions_are_dropped_or_kept_with_their_modality(annotate):
    text = "The rebels threatened to attack the capital. No one was hurt, police said."
    adoc = annotate(text, published="2022-03-16")
    ms = detect(adoc)
    assert assemble(ms, adoc) == []
    kept = assemble(ms, adoc, keep_unasserted=True)
    assert kept and {e.modality for e in kept} <= {"threatened", "negated"}


def test_historical_events_are_kept_flagged(annotate):
    text = "Police arrested two men on Friday. In 2009 a bombing in the same square killed 30 people."
    adoc = annotate(text, published="2022-03-19")
    ms = detect(adoc)
    for m in ms:
        if m.sent_index == 1:
            m.historical, m.date, m.date_precision = True, "2009", "year"
    events = assemble(ms, adoc)
    assert events[0].sub_event_type == "Arrests" and not events[0].historical
    hist = [e for e in events if e.historical]
    assert hist and hist[0].fatalities == 30


def test_counts_vote_keeps_the_best_supported_value(annotate):
    text = "Militants attacked a village on Sunday. The attack on the village killed nine people."
    adoc = annotate(text, published="2022-03-19")
    ms = detect(adoc)
    extra = next(m for m in ms if m.sent_index == 1)
    extra.counts["fatalities"] = Count("fatalities", 9, "at least", "at least 9", 0, 1)
    ev = assemble(ms, adoc)[0]
    assert ev.fatalities == 9


def test_economy_article_produces_no_events(annotate):
    text = (
        "Morocco's exports of phosphates rose 12 percent in the first quarter, the statistics office said. "
        "The trade deficit narrowed as tourism receipts recovered, and analysts expect the central bank "
        "to hold its benchmark rate at its next meeting. Port operators signed a deal with a shipping "
        "group to expand the container terminal, the report added."
    )
    adoc = annotate(text, published="2022-05-02", title="Exports rise as trade deficit narrows")
    assert list(pipeline.code_document(adoc)) == []


def test_full_pipeline_codes_a_raid_article(annotate):
    text = (
        "Security forces arrested nine suspected militants in the city of Kano on Friday, police said. "
        "The suspects were planning attacks on churches, a police spokesman said."
    )
    adoc = annotate(text, published="2022-03-12", title="Nine suspected militants arrested in Kano")
    events = pipeline.code_document(adoc)
    assert [e.sub_event_type for e in events] == ["Arrests"]
    assert events[0].arrested == 9


def _two_towns(annotate, text: str):
    """The parsed text with its places set to two towns of one region, Harrat and Qeshla."""
    adoc = annotate(text, published="2022-03-14")
    h, q = text.index("Harrat"), text.index("Qeshla")
    adoc.places = [
        Place(h, h + 6, "Harrat", "Harrat", 1, 1.0, 2.0, "XY", "Region", "PPL", "town"),
        Place(q, q + 6, "Qeshla", "Qeshla", 2, 1.0, 2.1, "XY", "Region", "PPL", "town"),
    ]
    return adoc


def test_one_sentence_naming_two_places_gives_one_event_each(annotate):
    adoc = _two_towns(annotate, "Government warplanes bombed rebel positions in Harrat and Qeshla on Sunday.")
    events = assemble(detect(adoc), adoc)
    assert sorted(e.location for e in events) == ["Harrat", "Qeshla"]
    assert {e.sub_event_type for e in events} == {"Air/drone strike"}


def test_names_listed_before_a_plural_place_noun_give_one_event_each(annotate):
    # "airstrikes on A and B villages": the names modify "villages", the event is at each
    adoc = _two_towns(annotate, "The army's airstrikes on Harrat and Qeshla villages wounded eight people on Sunday.")
    events = assemble(detect(adoc), adoc)
    assert sorted(e.location for e in events) == ["Harrat", "Qeshla"]


def test_a_part_of_a_split_event_told_again_at_its_place_is_one_record(annotate):
    text = ("The army's airstrikes on Kafr Nabl and Saraqib towns in Idlib province wounded eight people on "
            "Sunday, residents said. Warplanes also bombed the main market of Saraqib on Sunday afternoon, "
            "a witness said.")
    events = pipeline.code_document(annotate(text, published="2022-03-14"))
    assert sorted(e.location for e in events if not e.historical) == ["Kafr Nabl", "Saraqib"]


def test_places_the_trigger_does_not_govern_do_not_split(annotate):
    text = "Police arrested nine suspects who had been active in Harrat and Qeshla."
    adoc = annotate(text, published="2022-03-14")
    h, q = text.index("Harrat"), text.index("Qeshla")
    adoc.places = [
        Place(h, h + 6, "Harrat", "Harrat", 1, 1.0, 2.0, "XY", "Region", "PPL", "town"),
        Place(q, q + 6, "Qeshla", "Qeshla", 2, 1.0, 2.1, "XY", "Region", "PPL", "town"),
    ]
    assert len(assemble(detect(adoc), adoc)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The visitors' attack was relentless as the striker shot twice before half-time and captured the title.",
        "Shares were hit by a wave of selling after the merger was announced, and stocks later rallied.",
        "Analysts say the battle for market share will intensify as the two firms fight over customers.",
    ],
)
def test_sport_and_market_language_is_not_an_event(annotate, text):
    adoc = annotate(text, published="2022-05-02")
    assert assemble(detect(adoc), adoc) == []


def test_defused_bomb_is_disrupted_but_a_deadly_blast_stays_an_explosion(annotate):
    text = (
        "A roadside bomb exploded near a police van on Monday, killing two officers. "
        "Hours later, bomb disposal experts defused a second device found nearby."
    )
    adoc = annotate(text, published="2022-03-15")
    subs = [e.sub_event_type for e in assemble(detect(adoc), adoc)]
    assert subs[0] == "Remote explosive/landmine/IED"
    assert "Disrupted weapons use" in subs
    text = "Police found an explosive device under a car in the market. The bomb squad defused the device."
    adoc = annotate(text, published="2022-03-15")
    assert [e.sub_event_type for e in assemble(detect(adoc), adoc)] == ["Disrupted weapons use"]


def _placed(m, p: Place, in_sentence: bool = True, source: str = "context") -> None:
    """Place a mention as where/ would: by a place in its sentence, or by ``source`` (the
    sentences around, a dateline...)."""
    m.place = p
    m.place_source = "stated" if in_sentence else source
    start = m.sentence_start if in_sentence else m.sentence_end + 1  # context: outside the sentence
    m.add_evidence("location", p.text, start, start + 1)


def test_state_forces_arrest_at_home_not_where_the_suspects_fought(annotate):
    text = ("Kenyan police dismantled a cell that sent fighters to Somalia on Friday. "
            "The cell was dismantled in a raid in the port city, officials said.")
    adoc = annotate(text, published="2022-03-19")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = "2022-03-18", "day"
        foreign = m.sent_index == 0
        _placed(m, place("Mogadishu", 9, country="SO") if foreign else place("Mombasa", 8, country="KE"))
    adoc.places.append(Place(0, 5, "Kenya", "Kenya", 1, 0.0, 0.0, "KE", None, "PCLI", "country"))
    arrests = [e for e in assemble(ms, adoc) if e.sub_event_type == "Arrests"]
    assert [(e.location, e.country) for e in arrests] == [("Mombasa", "KE")]


def test_arrest_placed_by_context_joins_the_one_placed_in_its_sentence(annotate):
    text = ("Police arrested 11 members of an armed cell on Thursday. "
            "The suspects were arrested in the old quarter of Harrat.")
    adoc = annotate(text, published="2022-03-19")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = "2022-03-17", "day"
        if m.sent_index == 0:
            _placed(m, place("Qeshla", 2), in_sentence=False)  # a dateline far away
        else:
            _placed(m, place("Harrat", 1))
    events = assemble(ms, adoc)
    assert [(e.sub_event_type, e.location, e.arrested) for e in events] == [("Arrests", "Harrat", 11)]


def test_riot_absorbs_arson_and_arrests_in_its_town_paragraphs_later(annotate):
    text = ("Rioters clashed with police in Harrat on Tuesday night. "
            "Crowds gathered near the station. Officers formed lines across the bridge. "
            "The mayor appealed for calm. "
            "In Harrat, a furniture shop was set alight. Police said nine people had been arrested.")
    adoc = annotate(text, published="2022-03-16")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = "2022-03-15", "day"
        _placed(m, place("Harrat", 1))
    events = assemble(ms, adoc)
    assert [e.event_type for e in events] == ["Riots"]
    assert events[0].arrested == 9


def test_shootings_in_a_protest_crackdown_are_the_protest_event(annotate):
    text = ("Police opened fire on protesters in the square on Saturday, killing three people. "
            "One of the victims was shot in the head.")
    adoc = annotate(text, published="2022-03-20")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = "2022-03-19", "day"
        _placed(m, place("Harrat", 1))
    events = assemble(ms, adoc)
    assert [e.sub_event_type for e in events] == ["Excessive force against protesters"]


def test_weapons_conjoined_after_with_belong_to_the_firing(annotate):
    text = ("A roadside bomb hit an army patrol near the pass on Monday, killing two soldiers. "
            "After the blast, gunmen opened fire with rifles and rocket-propelled grenades.")
    adoc = annotate(text, published="2022-03-16")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = "2022-03-14", "day"
    events = assemble(ms, adoc)
    assert "Violence against civilians" not in {e.event_type for e in events}


def test_a_vague_word_does_not_join_a_background_event_of_another_date(annotate):
    text = ("Gunmen burned a clinic in the village on Tuesday. "
            "The incident comes two weeks after the massacre of 40 villagers in the market town.")
    adoc = annotate(text, published="2022-03-16")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = ("2022-03-01", "week") if m.trigger == "massacre" else ("2022-03-15", "day")
    events = assemble(ms, adoc)
    massacre = [e for e in events if any(x.text == "massacre" for x in e.evidence if x.field == "event")]
    assert massacre and massacre[0].date == "2022-03-01"
    assert not any(x.text == "incident" for x in massacre[0].evidence if x.field == "event")


def test_two_own_dates_in_one_sentence_are_two_events(annotate):
    from eventwire import when

    text = "Troops recaptured the river town in January and launched their attack on the hills on March 3."
    adoc = annotate(text, published="2022-03-20")
    when.annotate(adoc)
    ms = detect(adoc)
    for m in ms:
        when.attach(m, adoc)
    dates = sorted(e.date for e in assemble(ms, adoc, keep_unasserted=True) if e.date)
    assert "2022-01" in dates


def test_an_army_may_arrest_abroad(annotate):
    text = "Kenyan troops detained a militant commander in Somalia on Friday."
    adoc = annotate(text, published="2022-03-19")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = "2022-03-18", "day"
        _placed(m, place("Kismayo", 9, country="SO"))
    adoc.places.append(Place(0, 5, "Kenya", "Kenya", 1, 0.0, 0.0, "KE", None, "PCLI", "country"))
    arrests = [e for e in assemble(ms, adoc) if e.sub_event_type == "Arrests"]
    assert [(e.location, e.country) for e in arrests] == [("Kismayo", "SO")]


def _region(name: str, gid: int, admin1: str = "Region") -> Place:
    return Place(0, 0, name, name, gid, 1.0, 2.0, "XY", admin1, "ADM1", "region")


def test_a_region_and_a_town_in_it_on_one_day_are_one_event_at_the_town(annotate):
    text = ("A roadside bomb killed three soldiers in the northern province on Friday. "
            "Local officials said the device went off beside a patrol near the town of Qeshla.")
    adoc = annotate(text, published="2022-03-19")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = "2022-03-18", "day"
        _placed(m, _region("Harrat Province", 10) if m.sent_index == 0 else place("Qeshla", 2))
    events = [e for e in assemble(ms, adoc) if e.event_type == "Explosions/Remote violence"]
    assert [(e.location, e.fatalities) for e in events] == [("Qeshla", 3)]
    # a village the gazetteer lacks has no known division: in the same country, it is the place
    village = Place(0, 0, "Kara Dosh", "Kara Dosh", None, None, None, "XY", None, None, "town")
    for m in ms:
        if m.sent_index == 1:
            m.evidence = [e for e in m.evidence if e.field != "location"]
            _placed(m, village)
    events = [e for e in assemble(ms, adoc) if e.event_type == "Explosions/Remote violence"]
    assert [(e.location, e.fatalities) for e in events] == [("Kara Dosh", 3)]
    for m in ms:
        if m.sent_index == 1:
            m.evidence = [e for e in m.evidence if e.field != "location"]
            _placed(m, place("Qeshla", 2))
    # a town of another region is another event
    for m in ms:
        if m.sent_index == 0:
            _placed(m, _region("Harrat Province", 10, admin1="Other"))
    events = [e for e in assemble(ms, adoc) if e.event_type == "Explosions/Remote violence"]
    assert sorted((e.location, e.fatalities) for e in events) == [("Harrat Province", 3), ("Qeshla", None)]


def test_two_towns_of_one_region_on_one_day_stay_two_events(annotate):
    text = ("Rioters set fire to shops in Harrat on Tuesday night and seven people were arrested. "
            "Rioters also torched a police station in Qeshla, where police arrested eight people.")
    adoc = annotate(text, published="2022-03-16")
    ms = detect(adoc)
    for m in ms:
        m.date, m.date_precision = "2022-03-15", "day"
        _placed(m, place("Harrat", 1) if m.sent_index == 0 else place("Qeshla", 2))
    events = assemble(ms, adoc)
    assert sorted((e.location, e.arrested) for e in events) == [("Harrat", 7), ("Qeshla", 8)]


def test_a_fragment_placed_only_by_the_dateline_joins_the_event_placed_in_its_sentence(annotate):
    text = ("A suicide bomber killed five people at a checkpoint on Monday, police said. "
            "Officials described the scene as chaotic. Roads were closed for hours. "
            "Shops stayed shut on Tuesday. "
            "The suicide bomber struck the checkpoint at the edge of Qeshla, a witness said.")
    adoc = annotate(text, published="2022-03-15")
    ms = detect(adoc)
    dateline = Place(0, 6, "Harrat", "Harrat", 1, 1.0, 2.0, "XY", "Capital", "PPLC", "town")
    adoc.put(WHERE_NOTES, {(0, 6): {"dateline": True}})
    for m in ms:
        m.date, m.date_precision = "2022-03-14", "day"
        _placed(m, place("Qeshla", 2)) if m.sent_index == 4 else _placed(m, dateline, False, "dateline")
    events = [e for e in assemble(ms, adoc) if e.event_type == "Explosions/Remote violence"]
    assert [(e.location, e.fatalities) for e in events] == [("Qeshla", 5)]


def test_deaths_placed_by_context_belong_to_the_event_told_last(annotate):
    text = ("A car bomb exploded at a market in Harrat on Saturday, wounding 40 people. "
            "A day earlier, a suicide bomber struck a convoy in Qeshla. "
            "Six people were killed.")
    adoc = annotate(text, published="2022-03-20")
    ms = detect(adoc)
    for m in ms:  # as when/ and where/ date and place them: the deaths by the sentence before
        if m.sent_index == 0:
            m.date, m.date_precision, m.date_source = "2022-03-19", "day", "stated"
            _placed(m, place("Harrat", 1))
        else:
            m.date, m.date_precision = "2022-03-18", "day"
            m.date_source = "stated" if m.sent_index == 1 else "paragraph"
            _placed(m, place("Qeshla", 2), in_sentence=m.sent_index == 1)
    events = assemble(ms, adoc)
    assert {(e.location, e.fatalities) for e in events if e.event_type == "Explosions/Remote violence"} \
        == {("Harrat", None), ("Qeshla", 6)}


def test_an_event_told_in_response_to_another_is_its_own_event(annotate):
    text = ("The militia said it fired dozens of rockets at northern Israel on Thursday in response to "
            "an Israeli strike on the southern village of Kfar Kila that killed three civilians.")
    events = pipeline.code_document(annotate(text, published="2024-08-01"))
    got = {(e.sub_event_type, e.country, e.fatalities) for e in events}
    assert got == {("Shelling/artillery/missile attack", "IL", None), ("Air/drone strike", "LB", 3)}


@pytest.mark.parametrize("text", [
    "Teachers went on strike on Monday over unpaid wages, and two were injured when police dispersed them.",
    "The strike by dock workers entered its third day on Monday.",
])
def test_a_strike_of_workers_is_no_air_strike(annotate, text):
    events = pipeline.code_document(annotate(text, published="2024-08-01"))
    assert "Air/drone strike" not in {e.sub_event_type for e in events}


def test_arrests_of_another_story_do_not_join_a_protest_told_far_away(annotate):
    # the arrest is about a stabbing; the march is told "separately", three sentences on
    text = ("Police said on Monday they had detained a man over a weekend stabbing in the port. "
            "The victim was recovering in hospital. The port reopened on Tuesday. "
            "Separately, protesters marched in the capital against rising fuel prices on Monday.")
    events = pipeline.code_document(annotate(text, published="2022-03-21"))
    assert {"Arrests", "Peaceful protest"} <= {e.sub_event_type for e in events}


def test_clashes_between_demonstrators_and_police_are_a_riot_with_its_death(annotate):
    # the parties hang from the verb ("clashes erupted between..."); "died after being shot" is
    # what befell the same man, not an earlier event
    text = ("A protester died after being shot as clashes erupted between demonstrators and "
            "security forces in the capital on Tuesday.")
    events = pipeline.code_document(annotate(text, published="2021-05-26"))
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Violent demonstration", 1)]


def test_a_development_told_only_as_a_cause_is_no_record(annotate):
    text = ("Security forces shot dead three people during nationwide protests in the capital on "
            "Saturday, as crowds demanded a civilian government after a military coup.")
    events = pipeline.code_document(annotate(text, published="2021-10-31"))
    assert [e.event_type for e in events] == ["Protests"]


def test_violence_told_as_a_cause_is_kept(annotate):
    text = "Police arrested five men on Monday over the bombing of a market that killed three people."
    events = pipeline.code_document(annotate(text, published="2021-10-31"))
    assert {"Arrests", "Remote explosive/landmine/IED"} <= {e.sub_event_type for e in events}


def test_a_written_list_of_places_gives_one_event_each_even_when_misparsed(annotate):
    # the small model hangs the last member of "in A, B, and C" on the verb
    text = ("A soldier was killed by a roadside bomb in Bauchi state on Tuesday. "
            "The attack followed bombings in Gombe, Bauchi, and Yola over the weekend, "
            "targeting banks and hotels.")
    events = pipeline.code_document(annotate(text, published="2015-07-14"))
    places = [e.location for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert {"Gombe", "Yola"} <= set(places) and len(places) == 4


def test_a_part_of_the_event_told_place_by_place_splits_it(annotate):
    text = ("Police detained dozens of opposition supporters at rallies across the province on Sunday. "
            "Most of the arrests were made in Kano, Kaduna and Zaria.")
    events = pipeline.code_document(annotate(text, published="2024-03-11"))
    assert {"Kano", "Kaduna", "Zaria"} <= {e.location for e in events}


def test_a_lone_vague_mention_is_an_event_only_where_its_sentence_anchors_it():
    # nothing specific in either article: a bare "violence" the text neither dates nor places
    # codes nothing; a bare "attack" its own sentence dates does
    loose = "Ministers met on the economy.\n\nThe cabinet discussed ways of controlling violence, the minister of the interior said."
    [r] = pipeline.run([pipeline_article(loose)], gate=False)
    assert [e for e in r.events if not e.historical] == []
    anchored = "Ministers met on the economy.\n\nOn Tuesday night the attack on the police post in Mada shocked the town."
    [r] = pipeline.run([pipeline_article(anchored)], gate=False)
    assert [e.event_type for e in r.events if not e.historical]


def pipeline_article(text: str) -> Article:
    return Article(id="t", text=text, published=date(2024, 5, 10))


def test_dead_of_two_kinds_are_two_events_one_per_actor_pair():
    text = ("Gunmen kill nine in raid on farming town\n\n"
            "Gunmen on Thursday killed six farmers and three soldiers in an attack on Tamba village, "
            "the army said.")
    [r] = pipeline.run([pipeline_article(text)], gate=False)
    got = sorted((e.sub_event_type, e.fatalities) for e in r.events if not e.historical)
    assert got == [("Armed clash", 3), ("Attack", 6)]


def test_a_bombing_that_kills_soldiers_and_civilians_stays_one_event():
    text = ("Bomb kills nine at market\n\n"
            "A car bomb on Thursday killed six traders and three soldiers at the market in Tamba, "
            "the army said.")
    [r] = pipeline.run([pipeline_article(text)], gate=False)
    new = [e for e in r.events if not e.historical]
    assert [(e.event_type, e.fatalities) for e in new] == [("Explosions/Remote violence", 9)]


def test_an_event_told_only_in_vague_words_is_one_event(annotate):
    # every word of the attack is vague ("death toll", "attack", "assailants"); the only specific
    # event is the arrests: the headline and the body sentences of the attack are one event
    title = "Death toll rises to 40 in attack on a theatre in Norland"
    text = (
        title + "\n\n"
        "Officials in Norland say the death toll has risen to 40 in an attack by assailants who burst into a theatre. "
        "The attack happened on Friday evening. "
        "Police said on Saturday they had detained six people over the attack."
    )
    adoc = annotate(text, published="2023-05-14", title=title)
    events = pipeline.code_document(adoc)
    attacks = [e for e in events if e.sub_event_type == "Attack"]
    assert [(e.date, e.fatalities) for e in attacks] == [("2023-05-12", 40)]
    assert [e.sub_event_type for e in events].count("Arrests") == 1


def test_a_headline_joins_the_event_of_its_day_not_an_earlier_one_told_later(annotate):
    # the headline names the city of the earlier blast, but the type of Friday's (a suicide blast)
    title = "At least 30 killed in suicide blast near Peshawar"
    text = (
        title + "\n\n"
        "At least 30 people died in a suicide blast that occurred on Friday near a mosque in Mardan, officials said. "
        "Rescue workers took the injured to hospitals.\n\n"
        "In the previous blast on September 14, a roadside bomb wounded two guards in Peshawar."
    )
    adoc = annotate(text, published="2023-09-29", title=title)
    events = pipeline.code_document(adoc)
    by_day = {e.date: e for e in events}
    assert set(by_day) == {"2023-09-29", "2023-09-14"}
    assert by_day["2023-09-29"].fatalities == 30 and not by_day["2023-09-29"].historical
    assert by_day["2023-09-14"].fatalities is None and not by_day["2023-09-14"].historical
    assert by_day["2023-09-29"].sub_event_type == "Suicide bomb"


def test_vague_reports_of_two_days_stay_two_events():
    text = ("Monitor reports deaths in the east\n\n"
            "On Dec. 26, six fighters were killed in an attack on a checkpoint near Tamba. "
            "The town's council met on Monday to discuss the roads.\n\n"
            "The regional budget was approved by the council after a long debate. "
            "Officials said schools would reopen next month.\n\n"
            "Two fighters were killed in an attack near Tamba, a war monitor reported on Thursday.")
    art = Article(id="t", text=text, published=date(2023, 1, 12))
    [r] = pipeline.run([art], gate=False)
    days = sorted(e.date for e in r.events if not e.historical and e.event_type == "Battles")
    assert days == ["2022-12-26", "2023-01-12"]


def test_a_grenade_names_the_blast_it_caused():
    text = "Attackers threw a grenade at a bar in Tamba on Monday, and the explosion wounded six people."
    [r] = pipeline.run([pipeline_article(text)], gate=False)
    assert [e.sub_event_type for e in r.events if not e.historical] == ["Grenade"]


def test_clashes_told_as_the_time_of_a_blast_do_not_name_it():
    text = "A grenade exploded amid clashes between police and gunmen in the market of Tamba on Monday, killing a girl."
    [r] = pipeline.run([pipeline_article(text)], gate=False)
    assert [e.sub_event_type for e in r.events if not e.historical] == ["Grenade"]


def test_a_death_the_protesters_protest_is_no_force_used_on_them():
    text = ("Detainees in Tamba prison protested on Tuesday following the death of a fellow prisoner, "
            "who died on Monday in hospital after contracting a fever.")
    [r] = pipeline.run([pipeline_article(text)], gate=False)
    assert [e.sub_event_type for e in r.events if not e.historical] == ["Peaceful protest"]


def test_weapons_seized_in_a_sentence_placed_only_by_the_dateline_are_part_of_the_clash(annotate):
    text = ("Soldiers clashed with rebels near Qeshla on Monday, killing four of them. "
            "The troops seized six rifles and a grenade launcher, the army said.")
    adoc = annotate(text, published="2022-03-15")
    ms = detect(adoc)
    assert any(m.sub_event_type == "Disrupted weapons use" for m in ms)
    dateline = Place(0, 6, "Harrat", "Harrat", 1, 1.0, 2.0, "XY", "Capital", "PPLC", "town")
    for m in ms:
        m.date, m.date_precision = "2022-03-14", "day"
        _placed(m, place("Qeshla", 2)) if m.sent_index == 0 else _placed(m, dateline, False, "dateline")
    events = assemble(ms, adoc)
    assert [(e.sub_event_type, e.location) for e in events] == [("Armed clash", "Qeshla")]


def test_a_sentence_opening_a_new_story_is_another_event(annotate):
    # "Later in the day, ...": the same day and type, no place of its own -- still another event
    text = ("Four soldiers were killed on Wednesday when their vehicle drove over a roadside bomb near the "
            "Kolodo border post, police said.\n\n"
            "Later in the day, a convoy escorting a local official was struck by a roadside bomb, "
            "killing five officers.")
    events = pipeline.code_document(annotate(text, published="2022-03-11"))
    bombs = [e for e in events if e.event_type == "Explosions/Remote violence" and not e.historical]
    assert sorted(e.fatalities for e in bombs) == [4, 5]
    assert {e.date for e in bombs} == {"2022-03-09"}


def test_a_part_of_a_total_told_for_one_place_is_that_event_s_count(annotate):
    # "three died ..., two of them when police fired in X": X's event has two dead; the total is
    # the sum of the day, not of one event
    text = ("At least three people died in protests in two towns on Monday, two of them when riot police "
            "opened fire on marchers in Kisii. A third person drowned while fleeing tear gas in Migori.")
    events = pipeline.code_document(annotate(text, published="2022-03-09"))
    kisii = [e for e in events if e.location == "Kisii" and not e.historical]
    assert kisii and kisii[0].fatalities == 2
    # a part that is no clause of its own ("two of them children") is a sub-count, not the count
    events = pipeline.code_document(annotate("Gunmen killed five villagers in Kaduna State on Monday, two of "
                                             "them children, police said.", published="2022-03-09"))
    assert [e.fatalities for e in events if not e.historical] == [5]


def test_a_march_told_peaceful_and_a_riot_told_apart_are_two_events(annotate):
    # two actor pairs: the marchers, and the youths who fought the police afterwards
    text = ("Fuel price march in Lagos\n\nThousands of people marched through Lagos on Monday to demand lower "
            "fuel prices. The march was largely peaceful.\n\nAfter most marchers had left, a group of youths threw stones at police "
            "near the governor's office, and police fired tear gas.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-03-09")) if not e.historical]
    assert sorted(e.event_type for e in events) == ["Protests", "Riots"]
    # a march that turned violent, told without saying it stayed peaceful, is one riot
    text = ("Fuel price march in Lagos\n\nThousands of people marched through Lagos on Monday to demand lower "
            "fuel prices.\n\nSome marchers threw stones at police near the governor's office, and police fired tear gas.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-03-09")) if not e.historical]
    assert [e.event_type for e in events] == ["Riots"]
    # a crowd that gathered peacefully before tempers flared is one demonstration that turned violent
    text = ("Fuel price march in Lagos\n\nThousands of people gathered peacefully outside the governor's office "
            "in Lagos on Monday before tempers flared.\n\nSome protesters threw stones at police, and police "
            "fired tear gas.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-03-09")) if not e.historical]
    assert [e.event_type for e in events] == ["Riots"]


def test_a_place_the_gazetteer_lacks_named_in_a_town_is_part_of_that_town_s_event(annotate):
    # "a mosque at Kolobowa village in Kaduna": one event at the village, not one per name; a village told in
    # another sentence is another event
    text = ("A suicide bomber blew herself up in Kaduna on Saturday, killing two people, police said.\n\n"
            "The bomber detonated her explosives outside a mosque at Kolobowa village in Kaduna after "
            "worshippers stopped her.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-03-12")) if not e.historical]
    assert [e.location for e in events if e.event_type == "Explosions/Remote violence"] == ["Kolobowa"]
    text = ("Gunmen killed five people in Kaduna on Monday, police said.\n\nThree villagers were also killed "
            "in the village of Kwanar Dutsi on Monday, residents said.")
    events = [e for e in pipeline.code_document(annotate(text, published="2024-05-08")) if not e.historical]
    assert sorted(e.location for e in events) == ["Kaduna", "Kwanar Dutsi"]



def test_the_attack_told_of_an_arson_in_which_no_one_was_hurt_is_that_arson(annotate):
    # "the attackers ... no one was hurt in the attack": one property destruction (taxonomy.yaml
    # takes_vague), no attack on people
    text = ("Gunmen set fire to a primary school in Kurram district on Tuesday, officials said.\n\n"
            "The attackers doused the desks with petrol before setting them ablaze. No one was hurt in the attack.")
    events = [e for e in pipeline.code_document(annotate(text, published="2014-12-31")) if not e.historical]
    assert [e.sub_event_type for e in events] == ["Looting/property destruction"]


def test_a_death_by_accident_does_not_make_the_force_on_a_crowd_lethal(annotate):
    # "died when he fell as he fled tear gas": an intervention with a death, not excessive force
    text = ("Police fired tear gas to disperse protesters in Migori on Monday. One protester died when he fell "
            "as he was fleeing the tear gas, police said.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-03-09")) if not e.historical]
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Protest with intervention", 1)]
    text = ("Police fired tear gas to disperse protesters in Migori on Monday. One protester was shot dead "
            "by police, witnesses said.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-03-09")) if not e.historical]
    assert [e.sub_event_type for e in events] == ["Excessive force against protesters"]


def test_a_joint_toll_of_several_places_is_not_repeated_at_each(annotate):
    # "airstrikes hit A and B, killing 10": one event per place, the 10 with the first place named
    adoc = _two_towns(annotate, "Government warplanes bombed rebel positions in Harrat and Qeshla on Sunday, "
                               "killing 10 fighters.")
    events = assemble(detect(adoc), adoc)
    assert sorted((e.location, e.fatalities) for e in events) == [("Harrat", 10), ("Qeshla", None)]


def test_as_many_people_as_places_are_one_at_each(annotate):
    # "two suspects were arrested in A and B": one arrest at each place, not two at the first
    events = pipeline.code_document(annotate("Two suspects were arrested in Lagos and Abuja on Monday, a police "
                                             "spokesman said.", published="2024-01-10"))
    assert sorted((e.location, e.arrested) for e in events) == [("Abuja", 1), ("Lagos", 1)]
    events = pipeline.code_document(annotate("Three suspects were arrested in Lagos and Abuja on Monday, a police "
                                             "spokesman said.", published="2024-01-10"))
    assert sorted((e.location, e.arrested) for e in events) == [("Abuja", None), ("Lagos", 3)]


def test_the_two_towns_the_story_named_are_two_events(annotate):
    # "captured the two towns": the last two towns named before, one event each
    text = ("Nigerian soldiers retook Damboa in Borno State on Wednesday. On Tuesday they recaptured Gwoza. "
            "Militants had captured the two towns on Monday, residents said.")
    events = [e for e in pipeline.code_document(annotate(text, published="2024-01-12"))
              if e.sub_event_type == "Non-state actor overtakes territory"]
    assert sorted(e.location for e in events) == ["Damboa", "Gwoza"]


def test_a_bomb_that_went_off_is_an_explosion_though_another_was_defused(annotate):
    # a weapon that went off is an explosion even with no one hurt; the defused one does not name it
    text = ("A bomb exploded outside a bank in Temuco on Friday, causing damage but no victims, police said. "
            "Police said another bomb was found and defused nearby.")
    events = pipeline.code_document(annotate(text, published="2024-01-13"))
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_an_arrest_given_as_the_reason_for_a_killing_is_no_event(annotate):
    # "killed for his part in an arrest", "because he was behind the arrest": the reason, an earlier event
    text = ("A suicide bomber killed a senior police officer in Quetta on Monday. A Taliban spokesman said the "
            "officer was killed for his part in an arrest of Taliban fighters. \"We killed him today in Quetta "
            "because he was behind the arrest of some of our fighters,\" the spokesman said.")
    events = pipeline.code_document(annotate(text, published="2024-01-16"))
    assert [e.sub_event_type for e in events if not e.historical] == ["Suicide bomb"]


def test_a_count_told_after_an_event_stays_with_its_place_not_the_possessor_named_beside_it(annotate):
    # "in the capital Khartoum's twin city of Omdurman": the next sentence's 38 injured are Omdurman's;
    # "nationwide protests in Sudan" name the country as the extent, not the capital
    text = ("Security forces shot dead three people during nationwide protests in Sudan on Saturday, doctors "
            "said. In Khartoum, police used tear gas to disperse a huge crowd. The doctors said three "
            "protesters were shot dead by security forces in the capital Khartoum's twin city of Omdurman. "
            "They said 38 people were injured.")
    events = pipeline.code_document(annotate(text, published="2021-10-31"))
    omdurman = [e for e in events if e.location == "Omdurman"]
    assert len(omdurman) == 1 and (omdurman[0].fatalities, omdurman[0].injured) == (3, 38)


def test_conflicting_figures_of_two_speakers_give_the_conservative_one(annotate):
    # ACLED takes the most conservative of conflicting reports; one speaker's two figures keep the larger
    text = ("Police arrested members of a banned sect at a protest in Abuja on Monday. Sect leaders said "
            "over 200 members were arrested during the protest. \"Ninety members were arrested at the scene,\" "
            "the police spokesperson said in a statement.")
    events = [e for e in pipeline.code_document(annotate(text, published="2018-04-17")) if e.arrested]
    assert [e.arrested for e in events] == [90]


def test_a_strike_in_a_story_about_one_country_is_its_air_force_s(annotate):
    # no other country in the story: the drone is the country's own; "unidentified drones" stay so
    text = "A drone strike killed 12 civilians at a market in Bahir Dar in Ethiopia's Amhara region on Sunday."
    events = pipeline.code_document(annotate(text, published="2023-08-15"))
    assert [e.actor1 for e in events] == ["Military Forces of Ethiopia"]
    text = "Unidentified drones struck a market in Bahir Dar in Ethiopia's Amhara region on Sunday, killing 12."
    events = pipeline.code_document(annotate(text, published="2023-08-15"))
    assert [e.actor1 for e in events] == ["Unidentified Military Forces"]


def test_a_favela_the_story_names_is_the_event_s_place_and_no_actor(annotate):
    # "stormed Jacarezinho, a favela in the city's north": the raid is there, inside Rio de Janeiro,
    # and the favela is where, not whom; a banner that read "STOP KILLING US!" names no country
    text = ("A gun battle in a Rio de Janeiro slum left 25 dead on Thursday, police said. On Friday, protesters "
            "gathered outside police headquarters near Jacarezinho, holding a banner that read \"STOP KILLING "
            "US!\" It was just after sunrise on Thursday when officers of the civil police stormed Jacarezinho, "
            "a favela in the city's northern zone. When the fighting stopped, there were 25 dead.")
    events = pipeline.code_document(annotate(text, published="2021-05-08"))
    assert {e.country for e in events} == {"BR"}
    fight = [e for e in events if e.event_type == "Battles"]
    assert len(fight) == 1 and fight[0].location == "Jacarezinho" and fight[0].actor1 == "Police Forces of Brazil"
    assert all(e.actor2 != "Jacarezinho" and "United States" not in (e.actor2 or "") for e in events)


def test_a_square_the_text_puts_the_event_in_is_its_site_inside_the_town(annotate):
    # "in Baghdad's Tahrir Square": the site (ACLED's location as written), inside Baghdad
    text = ("A protester died after being shot as clashes erupted between demonstrators and security forces in "
            "Baghdad's Tahrir Square on Tuesday, officials said.")
    events = pipeline.code_document(annotate(text, published="2021-05-26"))
    assert [(e.location, e.country, e.admin1 is not None) for e in events] == [("Tahrir Square", "IQ", True)]
    text = "Ministers met at the Tahrir Square Hotel in Baghdad on Tuesday, and protesters marched in Baghdad."
    events = pipeline.code_document(annotate(text, published="2021-05-26"))
    assert {e.location for e in events} == {"Baghdad"}


def test_protests_across_a_country_and_one_in_its_capital_are_two_events(annotate):
    # the country told as the extent ("cities in Haiti", "Haiti's northern regions") stands for the
    # places the story does not name; the capital's protest, told at its place, is another event
    text = ("Protests shut down major cities in Haiti on Monday as demonstrators clashed with police. Schools "
            "closed in Haiti's northern and southern regions while protesters blocked main routes with blazing "
            "tires. Smaller demonstrations took place in the capital of Port-au-Prince, where police fired tear "
            "gas, dispersing the crowd.")
    events = pipeline.code_document(annotate(text, published="2024-02-06"))
    assert sorted((e.location, e.sub_event_type) for e in events) == [
        ("Haiti", "Violent demonstration"), ("Port-au-Prince", "Protest with intervention")]


def test_a_bombing_that_had_been_planned_since_a_past_month_happened(annotate):
    # "had been planned since last September": a past perfect tells of the past, not of a plan
    text = ("The car bomb attack on 6 December, which destroyed the security police building in Bogota, had been "
            "planned since last September, officials said.")
    events = pipeline.code_document(annotate(text, published="1989-12-08"))
    assert [(e.sub_event_type, e.date) for e in events if not e.historical] == [
        ("Remote explosive/landmine/IED", "1989-12-06")]


def test_forces_evacuating_a_camp_hand_the_place_over_and_people_evacuating_do_not(annotate):
    events = pipeline.code_document(annotate("UN soldiers have evacuated a camp in the strategic town of Kidal in "
                                             "Mali's volatile north, a UN source said on Tuesday.",
                                             published="2023-10-31"))
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Non-violent transfer of territory", "United Nations Peacekeeping Forces")]
    events = pipeline.code_document(annotate("Police evacuated the market in Kidal after a bomb threat on Tuesday.",
                                             published="2023-10-31"))
    assert all(e.sub_event_type != "Non-violent transfer of territory" for e in events)


def test_a_weapon_written_in_capitals_is_no_actor(annotate):
    text = ("The police said on Saturday that two suspected female suicide bombers died in Maiduguri when one of "
            "them detonated the Improvised Explosive Devise (IED) strapped on her body.")
    events = pipeline.code_document(annotate(text, published="2017-04-08"))
    assert events and all("Explosive" not in (e.actor2 or "") for e in events)


def test_a_shooting_told_beside_a_bombing_is_an_event_of_its_own_with_its_toll(annotate):
    # "two men were shot and killed": the passive subject is the later verb's too, and a shooting is
    # no part of the bombing told beside it
    text = ("Two bomb attacks targeted soldiers in Pattani province on Monday, wounding two soldiers. Two men "
            "were later shot and killed on the same day in Pattani, police said.")
    events = pipeline.code_document(annotate(text, published="2015-07-14"))
    assert sorted((e.sub_event_type, e.fatalities) for e in events) == [
        ("Attack", 2), ("Remote explosive/landmine/IED", None)]


def test_gunmen_who_shot_worshippers_and_set_off_explosives_are_one_attack(annotate):
    text = ("Gunmen stormed a church in Owo on Sunday, opening fire on worshippers and setting off explosives, "
            "police said. Witnesses said the gunmen shot several people before the explosion.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-06-06")) if not e.historical]
    assert len(events) == 1


def test_a_campaign_named_without_a_place_of_its_own_is_no_event(annotate):
    # the offensive as a whole (days long, its toll summed up) is no event; the fight it brought
    # to a named town on a given day is one
    text = ("The president rejected the proposal for talks on Thursday. The guerrillas made it public in "
            "the framework of a military offensive, which began 10 days ago and which has left more than "
            "800 people dead, officials said.")
    events = pipeline.code_document(annotate(text, published="2022-03-12"))
    assert [e.sub_event_type for e in events if not e.historical] == []
    text = "Rebels launched an offensive on the town of Tessit on Friday, officials said."
    events = pipeline.code_document(annotate(text, published="2022-03-12"))
    assert [(e.event_type, e.location) for e in events] == [("Battles", "Tessit")]


def test_what_forces_do_after_an_attack_or_a_group_named_for_similar_attacks_names_no_doer(annotate):
    # soldiers who cordon off the scene did not set off the bomb; a group that "has carried out
    # similar attacks" is named for other attacks than this one
    text = ("A bomb exploded at a crowded bus stop in the town of Gombe on Monday, killing six people, "
            "police said. Soldiers cordoned off the area and the wounded were taken to hospital. No group "
            "has claimed the blast, but Islamic State fighters have carried out similar attacks in the region.")
    events = [e for e in pipeline.code_document(annotate(text, published="2024-02-13")) if not e.historical]
    assert [(e.location, e.actor1) for e in events] == [("Gombe", "Unidentified Armed Group (Nigeria)")]
    text = ("A bomb exploded at a crowded bus stop in the town of Gombe on Monday, killing six people. "
            "Islamic State fighters carried out the attack, the group said in a statement.")
    events = [e for e in pipeline.code_document(annotate(text, published="2024-02-13")) if not e.historical]
    assert [e.actor1 for e in events] == ["Islamic State West Africa Province"]  # its province in Nigeria


def test_a_town_retaken_names_the_side_it_was_taken_from_and_the_fighting_s_toll(annotate):
    # "recaptured X from Y": Y is the other side (its province's name where the group has one);
    # the toll of the fighting that led up to it is the record's; the armed men who took the base
    # earlier are not the forces that fought back; a toll's default "civilians" is no side here
    text = ("Malian troops recaptured the northern town of Tessalit from Islamic State fighters on Thursday "
            "after three days of fighting that left nine soldiers dead, the army said. The militants had seized "
            "the town's army base on Monday. Army helicopters and ground forces then launched a counter-attack, "
            "the army said.")
    events = {e.sub_event_type: e for e in pipeline.code_document(annotate(text, published="2023-03-18"))
              if not e.historical}
    back = events["Government regains territory"]
    assert (back.actor1, back.actor2, back.fatalities) == ("Military Forces of Mali", "Islamic State Sahel Province", 9)
    taken = events["Non-state actor overtakes territory"]
    assert taken.actor1 == "Islamic State Sahel Province" and taken.date == "2023-03-13"


def test_a_group_named_as_a_stance_is_not_the_group(annotate):
    text = ("An anti-Taliban cleric was killed in a suicide blast at a mosque in Quetta on Sunday, police said. "
            "The Taliban claimed responsibility for the attack.")
    (ev,) = [e for e in pipeline.code_document(annotate(text, published="2023-03-20")) if not e.historical]
    assert ev.actor1 == "Taliban" and ev.actor2 != "Taliban"


def test_a_building_named_as_the_target_gives_way_to_the_people_hit(annotate):
    # "a bombing at the X Hall": the hall is where, not who; the record's actor2 is the civilians
    text = ("A bomb exploded at the Crocus Palace concert venue outside Kazan on Friday. The terrorist attack at "
            "the Crocus Palace killed 40 people, the investigators said.")
    events = [e for e in pipeline.code_document(annotate(text, published="2024-03-23")) if not e.historical]
    assert [e.actor2 for e in events] == ["Civilians (Russia)"]


def test_a_headline_dated_by_the_same_word_told_of_another_event_does_not_date_the_lead_s(annotate):
    # the headline's "regain control" is the lead's recapture (said Sunday); the body's later
    # "regain control of X last week" is another, earlier event at another place
    text = ("Rwandan soldiers said on Sunday they had recaptured the port town of Pemba from the militants. "
            "The soldiers also said they had helped the army regain control of Kalunga -- a small settlement "
            "near Pemba -- last week.")
    events = [e for e in pipeline.code_document(annotate(text, published="2021-08-09",
                                                         title="Rwandan troops help army regain control of port"))
              if not e.historical]
    by_place = {e.location: e.date for e in events}
    assert by_place == {"Pemba": "2021-08-08", "Kalunga": "2021-08-02"}


def test_a_count_after_over_is_the_event_s_own(annotate):
    # "injuring over 100": "over" gives the number, it opens no phrase about another event
    text = ("At least three people were killed when police opened fire on a rally in Biratnagar on Wednesday. "
            "Police also charged batons on the protesters, injuring over 100.")
    events = [e for e in pipeline.code_document(annotate(text, published="2006-04-20")) if not e.historical]
    assert [(e.fatalities, e.injured) for e in events] == [(3, 100)]


def test_a_place_and_the_area_it_is_in_are_one_event_and_another_incident_is_another(annotate):
    # "in Kerawa, Igabi LGA": one place in its area, not two events; "In another incident, bandits
    # attacked commuters along the X road" is an event of its own, even in vague words
    text = ("Bandits killed four people in Tudun Maliki, Igabi LGA, on Sunday, the commissioner said. "
            "In another incident, armed bandits attacked commuters along the Kachia-Kafanchan road.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-01-03")) if not e.historical]
    assert [(e.location, e.fatalities) for e in events] == [("Tudun Maliki", 4), ("Kachia-Kafanchan road", None)]


def test_arrests_told_place_by_place_each_get_their_own_count(annotate):
    # the total of the lead does not go to the parts: "one of the suspects arrested in X" is one at
    # X; "the other two ... were arrested in A and B" is one at each; a page's date line ("Daily
    # News - May 12, 2022") is not the story's day, so "on Tuesday" still dates what follows it
    text = ("Daily News - May 12, 2022\n\n"
            "Police arrested nine suspected militants in three provinces, a spokesman said on Thursday.\n\n"
            "The nine suspects were arrested on Tuesday and Wednesday.\n\n"
            "One of the suspects arrested in Cikarang, Bekasi Regency, had posted threats online.\n\n"
            "The other two suspects were arrested in Depok and Bandung.\n\n"
            "Police also arrested six suspects in Medan on Tuesday.")
    events = [e for e in pipeline.code_document(annotate(text, published="2022-05-12")) if not e.historical]
    by_place = {e.location: (e.arrested, e.date) for e in events}
    assert by_place["Cikarang"] == (1, "2022-05-10")
    assert by_place["Depok"][0] == by_place["Bandung"][0] == 1
    assert by_place["Medan"] == (6, "2022-05-10")


def test_another_incident_told_without_its_place_is_not_at_the_story_s_town(annotate):
    # the article's main town places what the text tells there, not a new story it opens without a
    # place ("Later in the day, a convoy was struck"); a country-level place is named by its name
    text = ("Four Kenyan police officers were killed on Wednesday when their vehicle hit a roadside bomb near "
            "Hulugho. Three died instantly near Hulugho, police in Hulugho said. Later in the day, a convoy "
            "was struck, killing five officers.")
    events = [e for e in pipeline.code_document(annotate(text, published="2017-05-25")) if not e.historical]
    by_toll = {e.fatalities: e.location for e in events}
    assert by_toll[4] == "Hulugho" and by_toll[5] == "Kenya"


def test_deeds_told_at_places_of_their_own_beside_a_riot_are_events_there(annotate):
    # "Further south in A and B, cars were burned and stores raided": the riot's kind, one event per town
    text = ("Rioters threw stones at police and set fire to shops in Leicester on Tuesday night. "
            "Further south in Luton and Watford, cars were burned and stores raided.")
    events = [e for e in pipeline.code_document(annotate(text, published="2011-08-10")) if not e.historical]
    assert {e.location: e.event_type for e in events} == {"Leicester": "Riots", "Luton": "Riots", "Watford": "Riots"}


def test_a_counted_killing_of_civilians_told_apart_from_a_battle_is_an_attack_of_its_own(annotate):
    # "the killing of four nuns" in a sentence of its own is no crossfire of the fighting told before
    text = ("Fierce fighting between the army and the rebels in Mandalay has left 300 dead, the president said "
            "on Friday. The rebels condemned the killing of four nuns by uniformed men in Mandalay on Tuesday.")
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-13")) if not e.historical]
    assert sorted((e.event_type, e.fatalities) for e in events) == [
        ("Battles", 300), ("Violence against civilians", 4)]
    (attack,) = [e for e in events if e.event_type == "Violence against civilians"]
    assert attack.date == "2023-05-09"


def test_civilians_killed_in_the_crossfire_stay_part_of_the_battle(annotate):
    text = ("Fierce fighting between the army and the rebels in Mandalay on Tuesday left 30 dead, the president "
            "said on Friday. Two civilians were killed in the crossfire, the army said.")
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-13")) if not e.historical]
    assert [e.event_type for e in events] == ["Battles"]


def test_a_killing_noun_counts_its_victims_not_the_clause_it_stands_in(annotate):
    # "the murders of three reporters": the murder noun counts them (and is its own predicate)
    text = "Police are investigating the murders of three reporters in Chalatenango on Sunday."
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-13")) if not e.historical]
    assert [(e.event_type, e.fatalities, e.date) for e in events] == [
        ("Violence against civilians", 3, "2023-05-07")]
    text = "Gunmen carried out the massacre of 150 people at a school in Quetta on Tuesday."
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-13")) if not e.historical]
    assert [e.fatalities for e in events] == [150]


def test_a_participle_of_doing_on_the_killing_s_victims_dates_the_killing(annotate):
    # "the killing of four nuns carried out ... on Tuesday": the parser hangs "carried out" on "nuns"
    text = "The rebels condemned the killing of four nuns carried out by uniformed men in Mandalay on Tuesday."
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-13")) if not e.historical]
    assert [(e.fatalities, e.date) for e in events] == [(4, "2023-05-09")]


def test_clashes_in_a_list_of_neighbourhoods_are_one_event_in_their_city(annotate):
    # "in A, B and C neighborhoods": parts of one city, not one event each
    text = ("The report states that during today's clashes in Soyapango, Mejicanos, Cuscatancingo, and "
            "Ayutuxtepeque neighborhoods, the national police suffered three casualties.")
    events = [e for e in pipeline.code_document(annotate(text, published="1989-11-29")) if not e.historical]
    assert len(events) == 1


def test_what_was_going_to_happen_is_no_event_even_parsed_as_a_complement(annotate):
    # "we were going to be neutralized": the parse hangs the participle as a complement of "be"
    text = ("We thought we were going to be politically neutralized, but never thought they would order us "
            "arrested, the student said.")
    assert not [e for e in pipeline.code_document(annotate(text, published="1989-11-29")) if not e.historical]


def test_attacks_on_sites_of_different_kinds_told_apart_are_two_incidents(annotate):
    # a bank hit in one sentence, a school bus in another: two attacks, however bare the words
    text = ("Unknown gunmen opened fire on shoppers in Tarvel on Sunday, the mayor said. "
            "The central bank branch on the main square was the target of an attack late on Sunday. "
            "Witnesses said two school buses were also attacked near the market that night.")
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-15")) if not e.historical]
    assert len([e for e in events if e.event_type == "Violence against civilians"]) >= 2


def test_one_site_told_in_several_sentences_stays_one_attack(annotate):
    text = ("Gunmen attacked a farm outside Tarvel on Sunday. The attackers set the farm's barns on fire "
            "and the farm was badly damaged, police said.")
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-15")) if not e.historical]
    assert len(events) == 1


def test_an_attack_on_a_farm_beside_a_clash_of_soldiers_and_rebels_is_its_own_attack(annotate):
    # taxonomy.yaml own_sentence: "guerrillas attacked the farm" is no part of the battle told elsewhere
    text = ("Rebels attacked a coffee farm near Tarvel on Sunday, the army said. "
            "An army patrol clashed with a rebel unit near Tarvel on Sunday and killed two fighters.")
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-15")) if not e.historical]
    assert sorted(e.event_type for e in events) == ["Battles", "Violence against civilians"]


def test_forces_storming_a_house_in_an_arrest_operation_is_no_attack_of_its_own(annotate):
    text = ("Police arrested four suspected members of an armed cell in Tarvel on Friday. "
            "The security forces stormed a house in the old town where the cell met, the ministry said.")
    events = [e for e in pipeline.code_document(annotate(text, published="2023-05-13")) if not e.historical]
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_a_protest_s_demand_about_a_killing_gives_the_protest_no_toll(annotate):
    # "demanding an inquiry into the killing of two civilians": the two are the killing's dead
    text = ("Hundreds of women marched in Imphal on Saturday, demanding a judicial inquiry into the killing of "
            "two civilians by soldiers.")
    events = [e for e in pipeline.code_document(annotate(text, published="2023-09-10")) if not e.historical]
    protest = next(e for e in events if e.event_type == "Protests")
    assert protest.fatalities is None
