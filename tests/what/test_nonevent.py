"""Non-event uses of event words code nothing: weapons named or owned, policy, talks, statements,
plans, figures of speech, other senses.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire import when
from eventwire.what import detect

pytestmark = pytest.mark.slow


def mentions(annotate, text: str):
    return detect(annotate(text, published="2022-06-10"))


def asserted(annotate, text: str):
    return [m for m in mentions(annotate, text) if m.modality == "asserted"]


def by_trigger(ms, word: str):
    return next(m for m in ms if m.trigger.lower() == word)


# ---------------------------------------------------------------- weapons named, owned, traded


@pytest.mark.parametrize("text", [
    "The men were carrying assault rifles when they were stopped at the border.",
    "The two countries signed a missile pact in Moscow on Tuesday.",
    "Bomb-sniffing dogs searched the stadium before the match.",
    "A grenade launcher was displayed at the arms fair on Monday.",
    "The rebels own hundreds of rifles and several rocket launchers.",
    "The government bought 40 missiles from a foreign supplier last year.",
    "The army paraded tanks and ballistic missiles through the capital on Sunday.",
    "The company sells drones and mortar shells to several armies.",
    "The navy tested a cruise missile off the coast on Wednesday.",
    "Rebels stole eight rifles and a grenade from the police post.",
    "The country received a shipment of artillery shells from its ally.",
])
def test_weapons_named_owned_or_traded_are_no_event(annotate, text):
    assert asserted(annotate, text) == []


def test_weapons_used_stay_events(annotate):
    ms = asserted(annotate, "Militants fired mortar shells at the army base on Tuesday.")
    assert by_trigger(ms, "mortar shells").sub_event_type == "Shelling/artillery/missile attack"
    ms = asserted(annotate, "Soldiers fired rockets and grenades at the rebel positions.")
    assert {m.trigger for m in ms} >= {"rockets", "grenades"}
    ms = asserted(annotate, "A grenade attack on a police station wounded two officers.")
    assert by_trigger(ms, "grenade attack").sub_event_type == "Grenade"


def test_armed_with_a_weapon_is_no_attack_but_the_killing_is(annotate):
    ms = asserted(annotate, "Gunmen armed with assault rifles killed five villagers on Monday.")
    assert "assault" not in {m.trigger for m in ms}
    assert by_trigger(ms, "killed").sub_event_type == "Attack"


def test_seized_weapons_stay_a_disrupted_weapons_use(annotate):
    ms = asserted(annotate, "Troops seized 40 rifles and a rocket launcher from a rebel hideout.")
    assert ms and all(m.sub_event_type == "Disrupted weapons use" for m in ms)


def test_spent_shells_found_are_casings_not_weapons(annotate):
    ms = asserted(annotate, "Police found spent shells at the scene of the shooting.")
    assert [m.trigger for m in ms] == ["shooting"]


def test_a_bomb_that_exploded_in_upper_case_copy_stays_an_event(annotate):
    # the tagger reads the upper-case verb as a noun with the bomb as its compound
    ms = asserted(annotate, "SEVEN SOLDIERS WERE WOUNDED WHEN A HOMEMADE BOMB EXPLODED NEAR THE BASE.")
    assert any(m.trigger == "BOMB" for m in ms)


# ---------------------------------------------------------------- figures of speech


@pytest.mark.parametrize("text", [
    "Shares in the carmaker bombed on Monday after the profit warning.",
    "The match exploded into life in the second half.",
    "The final was billed as a clash of titans.",
    "Stock markets crashed and oil prices exploded on Tuesday.",
    "The two teams clash in the semi-final on Saturday.",
    "The new policy is a social time bomb, the economist said.",
    "Rising rents are a ticking time bomb for young families.",
    "The festival was an explosion of colour and music.",
    "The company executed its plan to cut costs.",
    "The tennis star beat her rival in straight sets on Sunday.",
    "The visitors beat the hosts by 40 runs.",
    "The senator launched a scathing attack on the president's budget.",
    "The former minister died of a heart attack on Monday.",
    "The company was hit by a cyber attack on Monday.",
    "Hackers attacked the bank's website on Tuesday.",
    "The minister's remarks sparked a storm of protest on social media.",
    "The organisers made sure the lucrative fixture is flogged at every tournament.",
])
def test_figures_of_speech_are_no_event(annotate, text):
    assert asserted(annotate, text) == []


def test_a_death_in_the_floods_is_no_violence_but_a_death_in_an_attack_is(annotate):
    assert asserted(annotate, "Twelve people were killed in the floods on Monday.") == []
    ms = asserted(annotate, "Twelve people were killed in an attack on the village on Monday.")
    assert any(m.trigger == "killed" for m in ms)


# ---------------------------------------------------------------- other senses, names, dates


@pytest.mark.parametrize("text", [
    "This demonstrates that the plan is working.",
    "The players demonstrated great courage in the second half.",
    "The ambassador was summoned to protest to the government over the remarks.",
    "The foreign ministry lodged a formal protest with the embassy on Monday.",
    "Members of the kidnapping ring were released on Friday.",
    "THE NATIONAL LIBERATION FRONT ISSUED A COMMUNIQUE ON 19 MARCH.",
    "THE REBELS ISSUED A COMMUNIQUE LAST MARCH.",
])
def test_other_senses_and_names_are_no_event(annotate, text):
    assert asserted(annotate, text) == []


def test_demonstrating_and_marching_stay_protests(annotate):
    ms = asserted(annotate, "Thousands of workers demonstrated outside parliament on Tuesday.")
    assert by_trigger(ms, "demonstrated").sub_event_type == "Peaceful protest"
    ms = asserted(annotate, "THOUSANDS OF STUDENTS MARCH THROUGH THE CAPITAL.")
    assert any(m.trigger == "MARCH" for m in ms)


def test_characterising_an_event_told_elsewhere(annotate):
    assert asserted(annotate, '"We ask for justice for this unjustifiable massacre," said a mother.') == []


def test_a_participle_of_the_past_describes_its_noun(annotate):
    ms = asserted(annotate, "Troops continue to patrol previously liberated territories in the east.")
    assert not [m for m in ms if m.trigger == "liberated"]
    assert asserted(annotate, "Only 3,000 soldiers will be stationed in the unrest-plagued region.") == []


def test_the_loader_checks_the_non_event_data():
    from eventwire import knowledge
    from eventwire.what import lexicon

    lex = lexicon.load_lexicon()
    assert all(name in lex.cue_words for name in lexicon.REQUIRED_CUES)
    fig = lex.context["figurative"]
    with pytest.raises(ValueError, match=r"key 'figurative.modifiers': expected a mapping"):
        knowledge.check("what/context.yaml", {**lex.context, "figurative": {**fig, "modifiers": ["heart"]}})
    with pytest.raises(ValueError, match=r"key 'figurative.similes': unknown key"):
        knowledge.check("what/context.yaml", {**lex.context, "figurative": {**fig, "similes": []}})
    with pytest.raises(ValueError):
        lexicon._check_modality({"for_governors": {"wished": ["hope"]}})


# ---------------------------------------------------------------- policy and talks


@pytest.mark.parametrize("text", [
    "Authorities announced a curfew in the city from 8 pm on Sunday.",
    "The president declared a state of emergency in three provinces on Monday.",
    "The government banned the opposition party on Thursday.",
    "The army declared martial law in the north on Tuesday.",
    "The government and the rebels held peace talks in Geneva on Tuesday.",
    "Negotiations between the warring parties resumed on Wednesday.",
    "The peace process between the rebels and the army has stalled.",
    "The rebel commander signed a letter to the president on Monday.",
    "Workers foiled an attempt to arrest the opposition leader near the town.",
    "The prisoners' escape attempt was thwarted by the guards on Monday.",
    "Heavy storm damage was reported across the region after the fighting ended.",
])
def test_policy_talks_and_documents_are_no_event(annotate, text):
    ms = asserted(annotate, text)
    assert not [m for m in ms if m.trigger.lower() not in ("fighting",)]


def test_agreements_signed_and_attacks_foiled_stay_events(annotate):
    ms = asserted(annotate, "The two sides signed the declaration in the capital on Sunday, ending the war.")
    assert by_trigger(ms, "signed").sub_event_type == "Agreement"
    ms = asserted(annotate, "The rebel alliance and the army signed a truce on Monday.")
    assert any(m.sub_event_type == "Agreement" for m in ms)
    ms = asserted(annotate, "Security forces foiled a bomb plot against the embassy on Monday.")
    assert by_trigger(ms, "foiled").sub_event_type == "Disrupted weapons use"


def test_a_ban_on_protests_forbids_them_but_a_protest_in_defiance_is_real(annotate):
    ms = mentions(annotate, "The police imposed a ban on protests in the capital on Friday.")
    assert not [m for m in ms if m.modality == "asserted"]
    assert by_trigger(ms, "protests").modality == "hypothetical"
    ms = asserted(annotate, "Hundreds of protesters marched through the capital on Sunday in defiance of the curfew.")
    assert by_trigger(ms, "marched").sub_event_type == "Peaceful protest"


# ---------------------------------------------------------------- statements, plans, proposals


@pytest.mark.parametrize(("text", "word", "modality"), [
    ("The opposition called for demonstrations across the country.", "demonstrations", "planned"),
    ("Students called for a protest outside the university on Monday.", "protest", "planned"),
    ("The rebels proposed a truce to the government on Monday.", "truce", "planned"),
    ("The militants demanded the release of prisoners held by the army.", "release of prisoners", "planned"),
    ("The council welcomed the proposal for a prisoner exchange.", "prisoner exchange", "planned"),
    ("The rebels are willing to negotiate a ceasefire with the army.", "ceasefire", "hypothetical"),
    ("The government refused to withdraw its troops from the border region.", "withdraw", "negated"),
    ("The president criticised the rejection of a ceasefire by the rebels.", "ceasefire", "denied"),
    ("Police arrested 15 people suspected of planning attacks.", "attacks", "planned"),
    ("The militants vowed to attack government buildings.", "attack", "planned"),
    ("Opposition supporters will march to parliament next Wednesday.", "march", "planned"),
])
def test_calls_proposals_demands_and_refusals_are_not_asserted(annotate, text, word, modality):
    assert by_trigger(mentions(annotate, text), word).modality == modality


def test_a_negation_on_a_verb_of_saying_is_not_the_events(annotate):
    ms = mentions(annotate, "The ministry did not comment on the arrests of the three journalists.")
    assert by_trigger(ms, "arrests").modality == "asserted"
    ms = mentions(annotate, "Police would not say how many people were arrested in the raid.")
    assert by_trigger(ms, "arrested").modality == "asserted"
    ms = mentions(annotate, "The group denied carrying out the attack on the market.")
    assert by_trigger(ms, "attack").modality == "denied"


def test_arrested_for_an_attack_keeps_the_attack_separate(annotate):
    # "for" still separates two events when its verb governs nothing
    ms = mentions(annotate, "Police arrested two men for the attack on the bus station on Monday.")
    assert by_trigger(ms, "arrested").modality == "asserted"
    assert by_trigger(ms, "attack").modality == "asserted"




# ---------------------------------------------------------------- states, descriptions, aggregates


@pytest.mark.parametrize("text", [
    "The rebel movement, now observing a truce, issued a statement on Monday.",
    "Both sides accused each other of violating the ceasefire on Tuesday.",
    "The accord stipulates that prisoners will be exchanged.",
    "The parties will apply the peace plan as agreed.",
    "The two sides agreed to hold talks in Geneva next month.",
    "The former general, currently under arrest in Florida, denied the charges.",
    "The band vowed to avenge the arrest of its leaders.",
    "There are now only a few dispersed groups of criminals in the city.",
    "The air force base was closed to visitors on Monday.",
    "The curfew was imposed following a series of assassinations committed by the gangs.",
    "The rebels struck again last week. Since then they have killed many people, the bishop said.",
])
def test_standing_states_descriptions_and_aggregates_are_no_event(annotate, text):
    assert [m for m in asserted(annotate, text) if m.trigger.lower() != "struck"] == []


def test_agreements_reached_and_arrests_made_stay_events(annotate):
    ms = asserted(annotate, "The government and the rebels agreed to a ceasefire on Monday.")
    assert any(m.sub_event_type == "Agreement" for m in ms)
    ms = asserted(annotate, "The suspect was placed under arrest on Monday.")
    assert by_trigger(ms, "arrest").sub_event_type == "Arrests"
    ms = asserted(annotate, "Police dispersed the protesters with tear gas on Friday.")
    assert by_trigger(ms, "dispersed").sub_event_type == "Protest with intervention"
    ms = asserted(annotate, "Three wounded soldiers were taken to hospital after the ambush on Monday.")
    assert any(m.trigger == "wounded" for m in ms)


def test_tear_gas_shells_fired_stay_an_intervention(annotate):
    ms = asserted(annotate, "Police fired teargas shells to disperse the crowd of protesters on Monday.")
    assert by_trigger(ms, "teargas").sub_event_type == "Protest with intervention"


def test_a_killing_in_a_market_is_not_a_market_figure(annotate):
    ms = asserted(annotate, "The blast hit the same market where a suicide bomber killed 28 people last month.")
    assert any(m.trigger == "killed" for m in ms)


def test_a_protest_dated_after_publication_is_planned(annotate):
    adoc = annotate("Opposition parties announced a protest march for next Monday.", published="2022-06-10")
    when.annotate(adoc)
    ms = detect(adoc)
    assert ms and all(m.modality == "planned" for m in ms)
    adoc = annotate("Protesters marched through the capital on Friday.", published="2022-06-10")
    when.annotate(adoc)
    assert by_trigger(detect(adoc), "marched").modality == "asserted"


def test_a_lull_in_the_fighting_and_doers_only_seen_are_no_event(annotate):
    ms = mentions(annotate, "A lull in the fighting between the army and the rebels allowed aid in on Monday.")
    assert by_trigger(ms, "fighting").modality == "negated"
    assert asserted(annotate, "Gunmen were spotted on motorcycles near the school on Tuesday.") == []
    ms = asserted(annotate, "Gunmen on motorcycles shot dead two teachers near the school on Tuesday.")
    assert any(m.trigger == "shot dead" for m in ms)


def test_a_group_name_used_as_a_modifier_of_its_members_is_no_event(annotate):
    ms = mentions(annotate, "The embassy confirmed the release of a reporter who was kidnapped by Peruvian "
                            "Army of national liberation guerrillas in May.")
    assert [m.trigger for m in ms] == ["kidnapped"]


def test_every_conjunct_under_a_suspension_is_suspended(annotate):
    ms = mentions(annotate, "The rebels announced on Friday a suspension of their attacks on civilian officials "
                            "and of their sabotage operations against bridges and power lines.")
    assert ms and all(m.modality == "negated" for m in ms)


@pytest.mark.parametrize("text", [
    "THE ARMY OF NATIONAL LIBERATION ANNOUNCED IN A COMMUNIQUE THAT IT REJECTS THE PLAN.",
    "A spokesman for the Armed Forces of Liberation read the statement on Monday.",
    "[INTERVIEW WITH THE NATIONAL LIBERATION FRONT COMMANDER BY A REPORTER]",
])
def test_event_words_in_organisation_names_are_no_event(annotate, text):
    assert asserted(annotate, text) == []


def test_a_liberation_by_the_army_stays_an_event(annotate):
    ms = asserted(annotate, "The army's liberation of the town of Kalma ended a two-year siege on Monday.")
    assert any(m.trigger == "liberation" for m in ms)


@pytest.mark.parametrize("text", [
    "Army to attack rebel strongholds in the north",
    "Teachers to march on parliament over pay",
])
def test_a_headline_infinitive_is_planned(annotate, text):
    ms = mentions(annotate, text)
    assert ms and all(m.modality == "planned" for m in ms)


def test_guards_on_the_name_agreement_and_figure_rules(annotate):
    # only the words organisations name themselves with make a name: a coalition of protesters marches
    ms = asserted(annotate, "Coalition of protesters marched to the ministry on Monday.")
    assert any(m.trigger == "marched" for m in ms)
    # a deal that ends a war, a ceasefire extended: agreements reached, not in force
    assert asserted(annotate, "A peace deal between the government and the rebels ended the war on Monday.")
    assert asserted(annotate, "The two sides extended the ceasefire by a month on Monday.")
    # players who clash with police riot
    ms = asserted(annotate, "Players and fans clashed with police after the match on Saturday.")
    assert any(m.trigger.startswith("clash") for m in ms)


def test_a_series_of_strikes_carried_out_is_reported(annotate):
    ms = asserted(annotate, "Military aircraft carried out a string of airstrikes on the town, wounding four people.")
    assert any(m.trigger == "airstrikes" for m in ms)
    ms = asserted(annotate, "The attacks were carried out with grenades in three provinces on Wednesday night.")
    assert any(m.trigger == "grenades" for m in ms)


def test_signing_with_no_object_and_deals_with(annotate):
    ms = mentions(annotate, "The rebels and the army met in the capital on Monday. Rebel commanders were present "
                            "at the signing, which took place in the presidential palace.")
    assert any(m.trigger == "signing" for m in ms)
    assert asserted(annotate, "The proposal deals with an end to the hostilities between the army and the rebels.") == []
    assert asserted(annotate, "The official said that a bomb was made in the workshop.") == []


def test_negative_content_of_a_verb_of_saying_still_negates(annotate):
    ms = mentions(annotate, '"No reports of injuries at this stage," said the police in a statement.')
    assert by_trigger(ms, "injuries").modality == "negated"


def test_a_date_one_day_after_publication_is_still_reported(annotate):
    # datelines and local dates may run a day ahead of the publication date
    adoc = annotate("Jun 11 - Protesters marched through the capital, police said.", published="2022-06-10")
    when.annotate(adoc)
    assert by_trigger(detect(adoc), "marched").modality == "asserted"


def test_a_place_under_control_and_doers_who_plan_are_no_event(annotate):
    ms = asserted(annotate, "He was killed in an area under the control of the army.")
    assert [m.trigger for m in ms] == ["killed"]
    assert asserted(annotate, "The attackers planned to issue a proclamation.") == []
    ms = asserted(annotate, "The attackers fled on motorcycles after the raid on Monday.")
    assert any(m.trigger == "attackers" for m in ms)


# ---------------------------------------------------------------- truces sought, gatherings


@pytest.mark.parametrize("text", [
    "On Saturday, a third armed group stepped in to broker a truce between the two militias.",
    "Tribal elders are trying to negotiate a ceasefire between the two clans.",
    "Church leaders sought to mediate a truce between the rival gangs on Sunday.",
    "Negotiations on a ceasefire between the two clans continued on Monday.",
])
def test_a_truce_sought_is_no_agreement(annotate, text):
    assert not [m for m in asserted(annotate, text) if m.sub_event_type == "Agreement"]


def test_a_truce_agreed_is_an_agreement(annotate):
    ms = asserted(annotate, "The two clans agreed to a ceasefire on Sunday after mediation by elders.")
    assert {m.sub_event_type for m in ms} == {"Agreement"}


def test_delegates_who_gathered_for_talks_are_no_protest(annotate):
    text = "The accord was the result of long talks between the government and the rebels, who had gathered in Oslo."
    assert not [m for m in asserted(annotate, text) if m.event_type == "Protests"]


def test_people_who_gathered_chanting_slogans_protest(annotate):
    text = "Hundreds gathered outside the ministry on Monday chanting slogans against the reform."
    assert "Peaceful protest" in [m.sub_event_type for m in asserted(annotate, text)]


@pytest.mark.parametrize("text, word", [
    ("Hundreds of thousands protested against the coup in the capital on Saturday.", "coup"),
    ("Students held a rally against the killings outside the university on Monday.", "killings"),
])
def test_what_people_protest_against_is_no_new_event(annotate, text, word):
    ms = asserted(annotate, text)
    assert ms and all(m.trigger.lower() != word for m in ms)


def test_aircraft_that_only_fly_over_strike_no_one(annotate):
    ms = detect(annotate("Army helicopters flew over the village at dawn and gunfire could be heard."))
    assert not [m for m in ms if m.sub_event_type == "Air/drone strike"]
    ms = detect(annotate("Army helicopters flew over the village at dawn and bombed the rebel camp."))
    assert [m for m in ms if m.sub_event_type == "Air/drone strike" or m.event_type == "Explosions/Remote violence"]


def test_a_signature_line_and_sitting_in_an_office_are_no_events(annotate):
    ms = detect(annotate("The ministry denied the rumours about the rebel ceasefire.\n\nSigned: J. Okoro, spokesman."))
    assert not [m for m in ms if m.trigger.lower() == "signed"]
    ms = detect(annotate("The generals were sitting in their offices while the soldiers were protesting."))
    assert not [m for m in ms if m.trigger.lower().startswith("sitting")]
    ms = detect(annotate("Hundreds of students staged a sit-in outside the ministry on Monday."))
    assert any(m.event_type == "Protests" for m in ms)


def test_molotov_cocktails_carried_are_no_riot(annotate):
    ms = detect(annotate("The students carried iron bars and Molotov cocktails in their bags."))
    assert not [m for m in ms if m.event_type == "Riots"]


def test_violence_rehearsed_in_an_exercise_is_no_event(annotate):
    text = "Witnesses said the joint manoeuvres in the hills consisted of raids on mock villages."
    assert not [m for m in asserted(annotate, text) if m.trigger.lower() == "raids"]
    text = "Soldiers carried out raids on three villages in the hills on Tuesday."
    assert [m for m in asserted(annotate, text) if m.trigger.lower() == "raids"]


def test_a_death_without_a_word_of_violence_is_no_event(annotate):
    text = "The museum keeps the small room where the poet died in 1850."
    assert not [m for m in mentions(annotate, text) if m.trigger.lower() == "died"]
    text = "A shopkeeper died after gunmen opened fire on the market."
    assert [m for m in mentions(annotate, text) if m.trigger.lower() == "died"]


def test_a_death_in_an_accident_is_no_violence(annotate):
    text = "A cargo plane crashed near the airport on Monday and killed four crew members."
    assert not [m for m in mentions(annotate, text) if m.trigger.lower() == "killed"]


def test_a_law_struck_down_and_a_report_picked_up_are_no_events(annotate):
    text = "The decree was struck down by the constitutional court after police protests."
    assert not [m for m in mentions(annotate, text) if m.trigger.lower() == "struck"]
    text = "Police said the report, which was later picked up by a newspaper, was false."
    assert not [m for m in mentions(annotate, text) if m.trigger.lower() == "picked up"]
    text = "Police picked up four suspects near the army barracks on Monday."
    assert [m for m in mentions(annotate, text) if m.trigger.lower() == "picked up"]


def test_troops_deployed_for_an_inauguration_are_routine_security(annotate):
    text = "The army has deployed 5,000 soldiers in the capital for the inauguration on Sunday."
    assert not [m for m in mentions(annotate, text) if m.trigger.lower() == "deployed"]
    text = "The army has deployed 5,000 soldiers to the northern front to fight the rebels on Sunday."
    assert [m for m in asserted(annotate, text) if m.trigger.lower() == "deployed"]


def test_a_city_described_as_occupied_is_no_capture(annotate):
    text = "Police kidnapped two children on Monday in the occupied city of Tamba."
    assert not [m for m in mentions(annotate, text) if m.trigger.lower() == "occupied"]
    text = "Rebels occupied the city of Tamba on Monday after the army withdrew."
    assert [m for m in asserted(annotate, text) if m.trigger.lower() == "occupied"]
