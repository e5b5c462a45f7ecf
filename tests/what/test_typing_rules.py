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


@pytest.mark.parametrize("text", [
    "Soldiers took the wounded civilians to hospital after the blast.",
    "Troops took the children to safety after the attack on the school.",
])
def test_people_carried_somewhere_are_not_arrested(annotate, text):
    assert "Arrests" not in subs(annotate, text)


@pytest.mark.parametrize(("text", "sub"), [
    ("Troops killed six militants in a military operation in the hills on Tuesday.", "Armed clash"),  # operation with fighting stays a clash
    ("Two suicide bombers targeted a crowded market in the town, killing nine people.", "Suicide bomb"),  # suicide bombers are no aircraft
    ("Riot police beat protesters with batons and arrested dozens during the march in the capital.", "Protest with intervention"),  # protesters beaten are an intervention
    ("Protesters were beaten by police during the march, and two of them died of their injuries.", "Excessive force against protesters"),  # protesters beaten to death are excessive force
    ("Militants took 20 passengers from the bus near the border and drove off.", "Abduction/forced disappearance"),  # people taken by militants are abducted
    ("Police dragged dozens of protesters away from the gates of the ministry during the sit-in.", "Protest with intervention"),  # demonstrators dragged away are an intervention
    ("Investigators found a mass grave containing 30 bodies near the village, officials said.", "Other"),  # a mass grave found is other
    ("A new militia was formed in the district to fight the insurgents.", "Change to group/activity"),  # an armed unit formed is a change to group
    ("Gunmen attacked the mayor's house in the town with explosives on Sunday, wounding his son.",
     "Remote explosive/landmine/IED"),  # an attack made with explosives is an explosion
    ("Rebels dynamited a police truck on the highway, killing four officers.",
     "Remote explosive/landmine/IED"),  # a vehicle dynamited is a remote explosive
    ("A car bomb killed a judge in the capital; troops then cordoned off the area and began a military "
     "operation to find those responsible.", "Remote explosive/landmine/IED"),  # a manhunt after a bombing is no clash
])
def test_the_main_type_of_one_sentence(annotate, text, sub):
    assert main_type(annotate, text) == sub


@pytest.mark.parametrize(("text", "sub"), [
    ("The militia withdrew from the hilltop under intense shelling by the army.", "Non-violent transfer of territory"),  # withdrawal under shelling is no transfer
    ("Soldiers have taken several hours to clear the road of debris.", "Arrests"),  # taking an object that is no person is no arrest
    ("The rebels came under attack by a column of armoured fighting vehicles and a guided missile.", "Armed clash"),  # fighting vehicles are no fighting
    ("Police tore down the tents of the protest camp outside parliament on Monday.", "Violent demonstration"),  # police tearing down is no riot
    ("Rescuers dragged the body of a fisherman out of the river on Sunday.", "Protest with intervention"),  # a body dragged out is no intervention
    ("The ruling creates an opportunity for the armed forces and the rebels to talk.", "Change to group/activity"),  # an opportunity created for the forces forms nothing
    ("Police launched a security operation in search of the kidnappers of the two engineers.", "Armed clash"),  # a search operation is no fight
])
def test_a_sentence_that_is_not_of_a_type(annotate, text, sub):
    assert sub not in subs(annotate, text)
