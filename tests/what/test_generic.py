"""Generic mentions: habits, kinds of events, partitive groups, war-long aggregates and trends are
not events; a specific time keeps a mention. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from eventwire import when
from eventwire.what import detect

pytestmark = pytest.mark.slow

BODY = "Officials gave details of the week.\n\n"  # a first line, so the sentences below are body text


def parsed(annotate, text: str, **kw):
    adoc = annotate(text, published="2022-06-10", **kw)
    when.annotate(adoc)  # as in the pipeline: the time expressions are known to detect
    return adoc


def triggers(annotate, text: str) -> list[str]:
    return [m.trigger.lower().split()[0] for m in detect(parsed(annotate, BODY + text)) if m.modality == "asserted"]


@pytest.mark.parametrize("text", [
    "The northern province has long used air strikes to punish rebels.",
    "Smugglers are regularly arrested at the border crossing.",
    "A farmer in the valley is attacked once every two weeks.",
    "Many of the suspects were detained and questioned near the port.",
    "Nearly 500 local men have fought in the civil war abroad.",
    "The insurgency has killed 9,000 people and displaced thousands.",
    "Drone strikes are deeply unpopular among the villagers.",
    "The hill farms have for years been plagued by kidnapping for ransom.",
    "The gangs are accused of carrying out killings of traders.",
    "The peace mission, some 15,000 strong, has seen 180 of its members killed.",
    "The army has lost dozens of soldiers killed in the region.",
    "Kidnappings are increasing across the southern provinces.",
    "Protest demonstrations are multiplying in the mining towns.",
    "The rebel front, which has staged several dynamite attacks on pipelines, rejected the plan.",  # a record
])
def test_generic_statements_are_not_events(annotate, text):
    assert triggers(annotate, text) == []


@pytest.mark.parametrize("text,word", [
    ("Police arrested 12 smugglers at the border crossing on Tuesday.", "arrested"),
    ("Many of the suspects were detained near the port on Monday.", "detained"),
    ("Drone strikes killed four fighters in the valley on Sunday.", "killed"),
    ("Soldiers have arrested 15 people in raids on the old town.", "arrested"),
    ("Two villagers have been killed by gunmen in the district.", "killed"),
    ("The bomber detonated his car near shoppers buying bread for their daily meal.", "detonated"),
    ("Most of the arrests were made in the two northern towns.", "arrests"),  # part of the events, not of a kind
    ("Rebels have staged three attacks on pipelines in the province this week.", "attacks"),  # counted and dated
])
def test_specific_reports_stay_events(annotate, text, word):
    assert word in triggers(annotate, text)


def test_lead_present_is_not_generic(annotate):
    adoc = parsed(annotate, "Anger over fuel\n\nThousands march against fuel prices in the capital. Police watch.",
                  title="Anger over fuel")
    assert "march" in [m.trigger.lower() for m in detect(adoc)]


def test_headline_present_is_not_generic(annotate):
    adoc = parsed(annotate, "Gunmen kill six traders in market town\n\nGunmen killed six traders on Friday.",
                  title="Gunmen kill six traders in market town")
    assert any(m.trigger.lower().startswith("kill") for m in detect(adoc) if m.sent_index == 0)


def test_trend_in_a_purpose_clause_is_not_asserted(annotate):
    text = "The group started to send its commanders abroad to set up cells and recruit new fighters."
    adoc = parsed(annotate, BODY + text)
    assert all(m.modality != "asserted" for m in detect(adoc) if m.trigger.lower() == "recruit")


@pytest.mark.parametrize("text,word", [
    ("The unrest prompted a regional force to fight the rebels.", "fight"),
    ("The army has refrained so far from attacks on the city centre.", "attacks"),
    ("The guards had no right to open fire on the unarmed crowd.", "open fire"),
])
def test_acts_not_done(annotate, text, word):
    adoc = parsed(annotate, BODY + text)
    ms = [m for m in detect(adoc) if m.trigger.lower() == word]
    assert all(m.modality != "asserted" for m in ms)


def test_event_noun_in_a_trend_over_recent_days_is_not_an_event(annotate):
    text = "The use of heavy mortars in fighting near the dam has been causing more casualties in recent days."
    assert "fighting" not in triggers(annotate, text)


def test_a_count_of_acts_over_recent_days_stays_an_event(annotate):
    text = "The district police have detained 40 suspects during the past six days."
    assert "detained" in triggers(annotate, text)


def test_a_year_does_not_anchor_a_war_long_toll(annotate):
    assert triggers(annotate, "The rebellion, which began in 2012, has killed 8,000 people in the north.") == []


def test_a_participle_describing_armed_men_is_not_a_fight(annotate):
    assert "fighting" not in triggers(annotate, "On Sunday the general visited troops fighting the rebels.")
    assert "killing" in triggers(annotate, "Gunmen attacked the market, killing six traders.")


def test_infinitive_completing_a_pronoun_is_not_an_act(annotate):
    text = "A youth in the crowd said there was nothing to protest against, they only wanted trainers."
    adoc = parsed(annotate, BODY + text)
    ms = [m for m in detect(adoc) if m.trigger.lower() == "protest"]
    assert ms and all(m.modality == "hypothetical" for m in ms)


def test_a_line_break_in_hard_wrapped_copy_is_no_headline(annotate):
    text = (
        "THE REBEL SPOKESMAN TOLD THE RADIO STATION ON SATURDAY THAT THE GROUP\n"
        "WOULD CONTINUE ITS CAMPAIGN UNTIL THE GOVERNMENT ACCEPTED ITS TERMS.\n"
        "HE SAID THAT THE MURDERERS IN THE ARMY HAVE KILLED MANY JUDGES AND\n"
        "POLICEMEN WHO DEFENDED THE LAW IN THE PROVINCES OF THE NORTH.\n"
        "THE GOVERNMENT HAS NOT RESPONDED TO THE STATEMENT, OFFICIALS SAID.\n"
        "THE STATION BROADCAST THE INTERVIEW AGAIN ON SUNDAY MORNING.\n"
    )
    ms = detect(annotate(text, published="1989-11-12"))
    assert not [m for m in ms if m.trigger == "KILLED"]


def test_a_kind_of_violence_in_the_simple_present_is_no_event(annotate):
    text = "The bishop spoke in the cathedral on Sunday. He said that those who suffer from violence need help."
    assert not [m for m in detect(annotate(text, published="2022-06-13")) if m.trigger == "violence"]
    text = "The bishop spoke in the cathedral on Sunday. Residents fled from violence in the north last week."
    assert [m for m in detect(annotate(text, published="2022-06-13")) if m.trigger == "violence"]


def test_some_bombings_in_an_existential_present_are_a_kind(annotate):
    text = "The minister said the army controls the capital; there are only some bombings that lead nowhere."
    assert "bombings" not in triggers(annotate, text)
    assert "bombing" in triggers(annotate, "There was a bombing at the bus depot on Monday night.")


@pytest.mark.parametrize("text,word", [
    ("The governor described the latest attacks as isolated and under control.", "attacks"),
    ("As for the recent killings, the police chief said an inquiry was under way.", "killings"),
])
def test_recent_attacks_summed_up_are_no_new_event(annotate, text, word):
    assert word not in triggers(annotate, text)


def test_counted_recent_attacks_stay(annotate):
    assert "attacks" in triggers(annotate, "Gunmen carried out the last three attacks in the district on Friday.")


def test_a_present_copula_judging_an_event_is_a_comment(annotate):
    assert "attacks" not in triggers(annotate, "The attacks are in keeping with what analysts expected.")
    # a death toll in the copula is no comment: it counts the dead
    assert "death" in triggers(annotate, "The death toll from the blast in the market is 14.")


def test_a_war_sized_toll_is_no_event(annotate):
    text = "The rebel radio said the war had brought ruin and 70,000 deaths to the country's people."
    assert triggers(annotate, text) == []
    assert "deaths" in triggers(annotate, "The bombing of the depot on Monday caused 12 deaths.")


def test_weeks_of_clashes_sum_up_a_period(annotate):
    text = "The truce comes after almost six weeks of fierce clashes which killed 40 people in the hills."
    assert not {"clashes", "killed"} & set(triggers(annotate, text))
    assert "clashes" in triggers(annotate, "Fierce clashes broke out in the hills on Monday.")
    text = "The deal was reached after a six-week round of fighting in the capital's northern districts."
    assert "fighting" not in triggers(annotate, text)


def test_a_goal_stated_with_a_copula_is_not_an_event(annotate):
    adoc = parsed(annotate, BODY + "Officers said on Monday that the army's aim is to recapture the town from the rebels.")
    ms = [m for m in detect(adoc) if m.trigger.lower() == "recapture"]
    assert ms and all(m.modality == "hypothetical" for m in ms)


def test_an_adjective_of_habit_names_a_pattern_not_one_event(annotate):
    text = "Traders on the northern highway complain of frequent attacks by bandits and constant raids on their lorries."
    assert not {"attacks", "raids"} & set(triggers(annotate, text))
    # a specific time anchors one occurrence, whatever the adjective
    text = "Bandits carried out frequent attacks on lorries on the northern highway on Monday."
    assert "attacks" in triggers(annotate, text)
    assert "attacked" in triggers(annotate, "Bandits attacked lorries on the northern highway on Monday.")


def test_violence_during_an_offensive_with_no_time_of_its_own_is_an_aggregate(annotate):
    assert "bombing" not in triggers(annotate, "The general was dismissed over the bombing of the slums "
                                               "during the rebel offensive.")
    assert "bombed" in triggers(annotate, "Planes bombed the slums during the rebel offensive on Monday.")


@pytest.mark.parametrize("text", [
    "I, who fought the rebels beside the marines for twenty years, never asked the ministry for a house.",
    "I, who owe my career to the navy, who fought beside the marines against the rebels, never became rich.",
    "In those years I attacked their positions in the hills and never lost a man.",
])
def test_speakers_own_acts_are_no_events(annotate, text):
    # a life told in an interview: the acts the speaker did are no report
    assert [t for t in triggers(annotate, text) if t in ("fought", "attacked")] == []


@pytest.mark.parametrize("text,word", [
    ("I was attacked by three armed men outside the market on Tuesday night.", "attacked"),
    ("I saw that the soldiers attacked the village before dawn.", "attacked"),
])
def test_what_the_speaker_suffered_or_saw_stays_an_event(annotate, text, word):
    assert word in triggers(annotate, text)
