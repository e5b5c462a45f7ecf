"""ACLED typing of event mentions: each sub-type's triggers and the parse-based edge cases.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest
import yaml

from eventwire.assemble import assemble
from eventwire.what import detect
from eventwire.what.lexicon import load_lexicon, sub_event_types

pytestmark = pytest.mark.slow

ACLED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Non-violent transfer of territory",
                               "Other"],
}


def main_type(annotate, text: str) -> str | None:
    adoc = annotate(text, published="2022-06-10")
    events = assemble(detect(adoc), adoc)
    return events[0].sub_event_type if events else None


def test_taxonomy_has_all_25_subtypes_with_their_event_types():
    lex = load_lexicon()
    assert len(sub_event_types()) == 25
    for event_type, subs in ACLED.items():
        for sub in subs:
            assert lex.taxonomy.sub_to_type[sub] == event_type
            assert lex.taxonomy.definitions[sub]


def test_taxonomy_yaml_structure_for_the_schema():
    from importlib import resources

    raw = yaml.safe_load((resources.files("eventwire") / "data" / "taxonomy.yaml").read_text("utf-8"))
    names = [s["name"] for s in raw["sub_event_types"]]
    assert len(names) == len(set(names)) == 25
    assert set(raw["event_types"]) == set(ACLED)


CASES = [
    # Battles
    ("Soldiers and Shabaab fighters exchanged fire for two hours near the village of Dalmar.", "Armed clash"),
    ("Insurgents ambushed an army patrol on the highway outside Tirsk, officials said.", "Armed clash"),
    ("Government troops recaptured the town of Bellavista from rebels on Saturday.",
     "Government regains territory"),
    ("Rebel fighters overran the army base at Koumra and seized control of the town.",
     "Non-state actor overtakes territory"),
    ("Jihadists captured the district headquarters after the garrison fled.",
     "Non-state actor overtakes territory"),
    # Explosions/Remote violence
    ("Residents reported a chlorine gas attack on the eastern suburbs late on Tuesday.", "Chemical weapon"),
    ("A drone strike hit a vehicle carrying two commanders near the border.", "Air/drone strike"),
    ("Warplanes bombed a market in the rebel-held town, killing eleven people.", "Air/drone strike"),
    ("A suicide bomber blew himself up at a wedding hall, killing 14 guests.", "Suicide bomb"),
    ("Artillery shelling of the residential district killed a woman and her son.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb struck a minibus near Kandor, killing three passengers.", "Remote explosive/landmine/IED"),
    ("Unknown men hurled a grenade into a crowded bus stand on Monday evening.", "Grenade"),
    # Violence against civilians
    ("Militiamen raped at least six women in the village, a rights group said.", "Sexual violence"),
    ("Gunmen shot dead four farmers in their fields near Ungwan Dutse.", "Attack"),
    ("Armed men abducted 30 schoolchildren from a boarding school overnight.", "Abduction/forced disappearance"),
    # Protests
    ("Thousands of teachers marched peacefully through the capital to demand higher wages.",
     "Peaceful protest"),
    ("Police fired tear gas and water cannon to disperse students protesting outside the ministry.",
     "Protest with intervention"),
    ("Security forces opened fire on protesters in the main square, killing five demonstrators.",
     "Excessive force against protesters"),
    # Riots
    ("Protesters hurled stones at police and set tyres ablaze on the main road.", "Violent demonstration"),
    ("An angry mob lynched a man accused of stealing a motorcycle.", "Mob violence"),
    # Strategic developments
    ("The government and the rebel alliance signed a ceasefire agreement in the capital on Friday.",
     "Agreement"),
    ("Police arrested 12 suspected members of a militant cell in dawn raids.", "Arrests"),
    ("The two armed factions announced a merger and pledged allegiance to a new leader.",
     "Change to group/activity"),
    ("Bomb disposal experts defused an explosive device found near the railway station.",
     "Disrupted weapons use"),
    ("The militia established a new base on the outskirts of the town last week.",
     "Headquarters or base established"),
    ("Government forces withdrew from the town without a fight, handing it over to the militia.",
     "Non-violent transfer of territory"),
    # a curfew imposed is policy, no event (test_nonevent.py); a coup is one
    ("Army officers seized power in a coup and dissolved parliament on Monday.", "Other"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1] + "-" + str(i) for i, c in enumerate(CASES)])
def test_subtype_of_each_rule_family(annotate, text, expected):
    assert main_type(annotate, text) == expected


def test_suicide_bombing_beats_attack(annotate):
    text = "Militants attacked a police station with a suicide car bomb, killing nine officers."
    assert main_type(annotate, text) == "Suicide bomb"


def test_ambush_of_soldiers_is_armed_clash_but_attack_on_villagers_is_attack(annotate):
    assert main_type(annotate, "Gunmen attacked soldiers at a checkpoint on Monday.") == "Armed clash"
    assert main_type(annotate, "Gunmen attacked villagers at a market on Monday.") == "Attack"


def test_doers_who_killed_soldiers_fought_an_armed_clash(annotate):
    # only a doer word and a death word: whose deaths they are types the event
    assert main_type(annotate, "Gunmen killed four soldiers at a checkpoint on Monday.") == "Armed clash"
    assert main_type(annotate, "Gunmen killed four villagers at a market on Monday.") == "Attack"


@pytest.mark.parametrize("text, expected", [
    # a mine a vehicle hits is a landmine, whoever was killed
    ("Four soldiers were killed when their truck hit a ground mine on the road to the border post on Monday.",
     "Remote explosive/landmine/IED"),
    # the tagger may take a sentence's first word for a person's name
    ("Grenade explosion in the old market kills one trader and wounds two on Tuesday.", "Grenade"),
])
def test_the_weapon_named_types_the_explosion(annotate, text, expected):
    assert main_type(annotate, text) == expected


@pytest.mark.parametrize("text, expected", [
    # demonstrators who block roads hold a violent demonstration (ACLED)
    ("Taxi drivers protesting the new fuel tax blocked the main roads into the city on Monday.",
     "Violent demonstration"),
    # force on demonstrators is excessive force only when the state uses it
    ("A dozen people were hurt when a group of men attacked a peaceful rally in the square on Wednesday.",
     "Mob violence"),
    ("A dozen people were hurt when militants attacked a rally in the square on Wednesday.", "Attack"),
    ("Police attacked a peaceful rally in the square on Wednesday, injuring a dozen people.",
     "Excessive force against protesters"),
    # a passive with its own subject does not share the first verb's doer
    ("Thousands rallied in the capital on Monday against the pay freeze, and two demonstrators were shot dead.",
     "Excessive force against protesters"),
])
def test_what_demonstrators_do_and_who_uses_force_on_them_type_the_event(annotate, text, expected):
    assert main_type(annotate, text) == expected


def test_police_sealing_roads_off_is_no_act_of_the_demonstrators(annotate):
    text = "Police blocked the roads leading to the square where the drivers planned to protest on Monday."
    assert main_type(annotate, text) != "Violent demonstration"


def test_arrested_protesters_make_a_protest_with_intervention(annotate):
    text = "Hundreds rallied against the new tax law and police arrested 40 protesters."
    assert main_type(annotate, text) == "Protest with intervention"


def test_found_grenades_are_disrupted_weapons_use(annotate):
    text = "Police found six hand grenades and two rifles hidden in a house near the market."
    assert main_type(annotate, text) == "Disrupted weapons use"


def test_who_took_the_town_decides_the_territory_subtype(annotate):
    assert main_type(annotate, "The army retook the village of Mbali.") == "Government regains territory"
    assert main_type(annotate, "Rebels retook the village of Mbali.") == "Non-state actor overtakes territory"


def test_captured_person_is_an_arrest_not_territory(annotate):
    assert main_type(annotate, "Troops captured a senior rebel commander near the border.") == "Arrests"


def test_tear_gas_shells_are_not_shelling(annotate):
    text = "Police lobbed tear gas shells at students protesting outside the university."
    assert main_type(annotate, text) == "Protest with intervention"


def test_riot_without_a_demonstration_is_mob_violence(annotate):
    text = "Rioters smashed shop windows and set cars alight in the town centre overnight."
    assert main_type(annotate, text) == "Mob violence"
    text = "Students protesting the fee rise hurled stones at police outside the university."
    assert main_type(annotate, text) == "Violent demonstration"


def test_missiles_fired_by_a_drone_are_an_air_strike(annotate):
    text = "A drone fired two missiles at a compound in the village of Tangi, killing five fighters."
    assert main_type(annotate, text) == "Air/drone strike"


def test_chemical_agent_in_a_barrel_bomb_is_a_chemical_weapon(annotate):
    text = "A helicopter dropped a barrel bomb filled with chlorine on the eastern district."
    assert main_type(annotate, text) == "Chemical weapon"


def test_intervention_that_kills_is_excessive_force(annotate):
    text = "Police fired tear gas at the crowd of protesters and two demonstrators were killed."
    assert main_type(annotate, text) == "Excessive force against protesters"


def test_withdrawal_before_entry_is_a_non_violent_transfer(annotate):
    text = "Rebel fighters entered the town of Makeni after government troops pulled out overnight."
    assert main_type(annotate, text) == "Non-violent transfer of territory"


def test_new_checkpoint_or_base_from_the_object_of_establish(annotate):
    text = "Turkish troops have set up a new observation post near the village of Kafr Nasih."
    assert main_type(annotate, text) == "Headquarters or base established"
    assert main_type(annotate, "The company set up a new office in the capital.") is None


def test_kidnapping_a_person_is_not_a_territory_change(annotate):
    text = "Kidnappers seized a Catholic priest from his parish in the state on Monday."
    assert main_type(annotate, text) == "Abduction/forced disappearance"


def test_property_destroyed_by_militants_vs_by_rioters(annotate):
    assert main_type(annotate, "Militants set fire to a police post in the district overnight.") == \
        "Looting/property destruction"
    text = "Angry youths torched a police post and blocked the highway after a boy died in custody."
    adoc = annotate(text, published="2022-06-10")
    ev = assemble(detect(adoc), adoc)[0]
    assert ev.event_type == "Riots"


def test_a_pitched_battle_with_police_is_a_riot(annotate):
    adoc = annotate("Students engaged in a pitched battle with the police outside the college on Monday.",
                    published="2022-06-10")
    subs = {m.event_type for m in detect(adoc)}
    assert "Riots" in subs and "Battles" not in subs


def test_soldiers_killing_operatives_is_a_clash(annotate):
    adoc = annotate("Soldiers killed two operatives of the armed group in the hills on Saturday.",
                    published="2022-06-10")
    assert [e.event_type for e in assemble(detect(adoc), adoc)] == ["Battles"]


def test_protesters_dispersing_is_not_an_intervention(annotate):
    ms = detect(annotate("The protesters dispersed at about 10 p.m., police said.", published="2022-06-10"))
    assert {m.sub_event_type for m in ms if m.trigger == "dispersed"} == {"Peaceful protest"}
    ms = detect(annotate("Police dispersed the protesters with batons on Monday.", published="2022-06-10"))
    assert {m.sub_event_type for m in ms if m.trigger == "dispersed"} == {"Protest with intervention"}


def test_youths_battling_police_with_stones_riot(annotate):
    # the stones of a "with"-phrase are no party to the fight: the subject of "began" is
    text = ("After the march ended on Tuesday, a small group of hooded youths began battling police "
            "with stones and bottles.")
    assert main_type(annotate, text) == "Violent demonstration"


def test_fighters_killed_in_an_attack_on_a_road_are_a_clash(annotate):
    # the attack's object is a road; its victims, the killed fighters, are armed
    text = "Two members of the Kurdish-led militia were killed in an attack by the jihadists on a road on Monday."
    assert main_type(annotate, text) == "Armed clash"


def test_passengers_killed_when_gunmen_fire_on_a_bus_are_civilians(annotate):
    text = "Gunmen opened fire on a bus on the highway on Monday, killing six passengers."
    assert main_type(annotate, text) == "Attack"


def test_police_operatives_arrest_they_do_not_abduct(annotate):
    # the modifier says whose the operatives are
    text = "Forty members of the sect were arrested at the scene by police operatives on Monday."
    assert main_type(annotate, text) == "Arrests"


def test_rebel_soldiers_are_rebels(annotate):
    text = "Rebel soldiers abducted twelve villagers near the border on Monday."
    assert main_type(annotate, text) == "Abduction/forced disappearance"


@pytest.mark.parametrize("text, sub", [
    ("Masked gunmen carried away three aid workers from their office in the town on Saturday.",
     "Abduction/forced disappearance"),
    ("A witness saw people being carried away bleeding from the bridge on Saturday.", None),
    ("The schoolboy went missing on his way home on Saturday.", None),
])
def test_carried_away_is_an_abduction_only_when_someone_takes_them(annotate, text, sub):
    assert main_type(annotate, text) == sub


@pytest.mark.parametrize("text", [
    "Protesters hurled bricks and bottles at police outside the legislature on Wednesday.",
    "Students threw stones and plastic chairs at the police near the campus on Wednesday.",
    "Police fired rubber bullets at demonstrators who threw plastic bottles outside the legislature.",
])
def test_demonstrators_throwing_things_at_police_riot(annotate, text):
    assert main_type(annotate, text) == "Violent demonstration"


def test_anti_government_protesters_beaten_by_police_are_protesters_not_rebels(annotate):
    text = "Riot police officers beat an anti-government protester near the parliament on Saturday."
    assert main_type(annotate, text) == "Excessive force against protesters"


def extracted_type(text: str) -> str | None:
    """The main event's sub-type, by the whole pipeline (the actors named as a record gets them)."""
    from eventwire import extract

    events = extract(text, published="2022-06-10")
    return events[0].sub_event_type if events else None


def test_an_attack_on_civilians_beside_fighting_with_no_armed_opponent_is_an_attack():
    # a battle needs two armed sides: with only the ambulance's civilians on the other side, the
    # record is the one-sided attack its words tell
    text = ("Armed men attacked an ambulance near the university on Tuesday night. "
            "There was a heavy exchange of fire in the sector.")
    assert extracted_type(text) == "Attack"


def test_fighting_with_an_armed_opponent_named_stays_a_clash():
    text = ("Gunmen attacked a bus near the town of Rivas on Tuesday. "
            "A patrol clashed with a rebel column in the area for hours.")
    assert extracted_type(text) == "Armed clash"


def test_a_police_raid_told_with_fighting_words_stays_a_clash():
    # the forces' own operation met the armed men it targeted, however the text names them
    text = ("Dozens of police officers stormed the slum of Rivas at dawn on Thursday. "
            "They were targeting drug traffickers, and a fierce gun battle followed.")
    assert extracted_type(text) == "Armed clash"
