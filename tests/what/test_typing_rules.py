"""ACLED typing rules for the boundaries between sub-types (territory, arrests, shelling, causes).

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire.assemble import assemble
from eventwire.what import detect

pytestmark = pytest.mark.slow


def main_type(annotate, text: str) -> str | None:
    adoc = annotate(text, published="2022-06-10")
    events = assemble(detect(adoc), adoc)
    return events[0].sub_event_type if events else None


def subs(annotate, text: str) -> list[str]:
    adoc = annotate(text, published="2022-06-10")
    return [m.sub_event_type for m in detect(adoc)]


CASES = [
    # a protest's "against" phrase names its cause, even when the verb is "held" or "staged"
    ("Rallies and sit-ins were held in several towns on Sunday against the execution of a political prisoner.",
     "Peaceful protest"),
    ("Dozens of demonstrations were staged against the beheading of a teacher.", "Peaceful protest"),
    # artillery or rocket "strikes" are fired from the ground
    ("Several explosions shook the frontier as militants fired dozens of rockets across it, drawing a wave "
     "of artillery strikes in retaliation.", "Shelling/artillery/missile attack"),
    # a clash told in a clause of the same time ("as ...") is the setting, the missiles the event
    ("The army launched several missiles at enemy positions as border clashes entered their fourth day.",
     "Shelling/artillery/missile attack"),
    # regained ground: territory won back, told without a town's name
    ("After a week of fighting, considerable ground was regained by the army near the river.",
     "Government regains territory"),
    # a withdrawal forced by bombardment is the loss of the place in a battle
    ("Army units recovered control of three villages from insurgents who withdrew following heavy "
     "artillery bombardment.", "Government regains territory"),
    # a pronoun as the taker does not undo the capture
    ("Local commanders said that they had taken control of two villages during clashes with the army.",
     "Non-state actor overtakes territory"),
    # people "taken" by state forces are arrested
    ("Soldiers have taken dozens of Kurds in a wave of raids across the province.", "Arrests"),
    # an operation told only by its detentions is the arrests
    ("Forty suspects were detained in a series of counterterrorism operations last week, police said.",
     "Arrests"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_boundary_typing(annotate, text, expected):
    assert main_type(annotate, text) == expected


def test_withdrawal_without_fighting_stays_non_violent(annotate):
    text = "The rebels withdrew from the town after a deal with the army was signed."
    assert "Non-violent transfer of territory" in subs(annotate, text)


def test_withdrawal_under_shelling_is_no_transfer(annotate):
    text = "The militia withdrew from the hilltop under intense shelling by the army."
    assert "Non-violent transfer of territory" not in subs(annotate, text)


def test_taking_an_object_that_is_no_person_is_no_arrest(annotate):
    text = "Soldiers have taken several hours to clear the road of debris."
    assert "Arrests" not in subs(annotate, text)


def test_operation_with_fighting_stays_a_clash(annotate):
    text = "Troops killed six militants in a military operation in the hills on Tuesday."
    assert main_type(annotate, text) == "Armed clash"


def test_fighting_vehicles_are_no_fighting(annotate):
    text = "The rebels came under attack by a column of armoured fighting vehicles and a guided missile."
    assert "Armed clash" not in subs(annotate, text)


DOER_AND_WEAPON_CASES = [
    # an air force (or drones, warplanes) as the doer of a plain violence word is an air strike
    ("The Syrian Air Force destroyed several pickup trucks belonging to the insurgents near the village, "
     "a source said.", "Air/drone strike"),
    # "fire exchange" is an exchange of fire
    ("Troops were locked in a fire exchange with bandits on the outskirts of the town since dawn.",
     "Armed clash"),
    # explosives destroyed by the forces that found them never went off
    ("Army engineers destroyed 40 landmines and 12 improvised explosive devices left along the road.",
     "Disrupted weapons use"),
]


@pytest.mark.parametrize(("text", "expected"), DOER_AND_WEAPON_CASES)
def test_doer_and_weapon_typing(annotate, text, expected):
    assert main_type(annotate, text) == expected


def test_suicide_bombers_are_no_aircraft(annotate):
    text = "Two suicide bombers targeted a crowded market in the town, killing nine people."
    assert main_type(annotate, text) == "Suicide bomb"


DEVELOPMENT_CASES = [
    # forces redeployed are a change of activity, not territory handed over
    ("Several army battalions were redeployed to the northern front on Sunday, a spokesman said.",
     "Change to group/activity"),
    # a verb of moving with no object is judged by its subject
    ("Rebel units are redeploying gradually around the provincial capital, commanders said.",
     "Change to group/activity"),
    # fortifying defences
    ("The militia has dug new trenches along the frontline east of the city.", "Change to group/activity"),
    ("The rebels reinforced their positions around the town ahead of an expected offensive.",
     "Change to group/activity"),
    # ground gained: the taker decides, the opponent of an "against" phrase is no captive
    ("Soldiers gained ground against the militants in the north of the country.",
     "Government regains territory"),
    ("Rebel fighters have made gains in the east of the province.", "Non-state actor overtakes territory"),
]


@pytest.mark.parametrize(("text", "expected"), DEVELOPMENT_CASES)
def test_development_typing(annotate, text, expected):
    assert main_type(annotate, text) == expected


def test_ground_gained_in_polls_is_no_event(annotate):
    assert main_type(annotate, "The opposition candidate gained ground in the polls last week.") is None


def test_protesters_beaten_are_an_intervention(annotate):
    text = "Riot police beat protesters with batons and arrested dozens during the march in the capital."
    assert main_type(annotate, text) == "Protest with intervention"


def test_protesters_beaten_to_death_are_excessive_force(annotate):
    text = "Protesters were beaten by police during the march, and two of them died of their injuries."
    assert main_type(annotate, text) == "Excessive force against protesters"


PROTEST_CASES = [
    # what the demonstrators did decides: walls and statues pulled down, windows smashed
    ("Demonstrators pulled down a statue of the former president and smashed windows at the party office.",
     "Violent demonstration"),
    # a crowd burning a building is a riot, not an armed group's property destruction
    ("Angry residents burned the police station after a man died in custody.", "Mob violence"),
    # killing demonstrators, in any form of the verb
    ("Security forces crushed the protest, killing dozens of demonstrators.",
     "Excessive force against protesters"),
    # live fire into a crowd of demonstrators is lethal force
    ("Troops fired into a crowd of protesters outside the ministry, wounding 14.",
     "Excessive force against protesters"),
]


@pytest.mark.parametrize(("text", "expected"), PROTEST_CASES)
def test_protest_typing(annotate, text, expected):
    assert main_type(annotate, text) == expected


def test_police_tearing_down_is_no_riot(annotate):
    text = "Police tore down the tents of the protest camp outside parliament on Monday."
    assert "Violent demonstration" not in subs(annotate, text)


@pytest.mark.parametrize("text", [
    "Soldiers took the wounded civilians to hospital after the blast.",
    "Troops took the children to safety after the attack on the school.",
])
def test_people_carried_somewhere_are_not_arrested(annotate, text):
    assert "Arrests" not in subs(annotate, text)


def test_people_taken_by_militants_are_abducted(annotate):
    text = "Militants took 20 passengers from the bus near the border and drove off."
    assert main_type(annotate, text) == "Abduction/forced disappearance"


def test_demonstrators_dragged_away_are_an_intervention(annotate):
    text = "Police dragged dozens of protesters away from the gates of the ministry during the sit-in."
    assert main_type(annotate, text) == "Protest with intervention"


def test_a_body_dragged_out_is_no_intervention(annotate):
    text = "Rescuers dragged the body of a fisherman out of the river on Sunday."
    assert "Protest with intervention" not in subs(annotate, text)


def test_a_mass_grave_found_is_other(annotate):
    text = "Investigators found a mass grave containing 30 bodies near the village, officials said."
    assert main_type(annotate, text) == "Other"


def test_an_armed_unit_formed_is_a_change_to_group(annotate):
    text = "A new militia was formed in the district to fight the insurgents."
    assert main_type(annotate, text) == "Change to group/activity"


def test_an_opportunity_created_for_the_forces_forms_nothing(annotate):
    text = "The ruling creates an opportunity for the armed forces and the rebels to talk."
    assert "Change to group/activity" not in subs(annotate, text)
