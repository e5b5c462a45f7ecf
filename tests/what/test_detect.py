"""Detection: triggers, mention fields, evidence, modality and what is not an event.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire.record import MODALITIES
from eventwire.what import detect
from eventwire.what.detect import find_triggers
from eventwire.what.lexicon import load_lexicon

pytestmark = pytest.mark.slow


def mentions(annotate, text: str):
    return detect(annotate(text, published="2022-06-10"))


def asserted(annotate, text: str, word: str) -> bool:
    """Is some mention on ``word`` (lower case) in ``text`` asserted?"""
    return any(m.modality == "asserted" for m in mentions(annotate, text) if m.trigger.lower() == word)


def by_trigger(ms, word: str):
    return next(m for m in ms if m.trigger.lower() == word)


def test_mention_fields_and_evidence(annotate):
    text = "On Monday, a car bomb exploded outside a hotel in the capital, killing seven people."
    ms = mentions(annotate, text)
    m = by_trigger(ms, "car bomb")
    assert text[m.start:m.end] == "car bomb"
    assert m.event_type == "Explosions/Remote violence"
    assert m.sub_event_type == "Remote explosive/landmine/IED"
    assert m.sent_index == 0 and m.sentence == text
    assert m.modality == "asserted" and m.modality in MODALITIES
    ev = [e for e in m.evidence if e.field == "event"]
    assert ev and (ev[0].start, ev[0].end) == (m.start, m.end)
    assert m.counts["fatalities"].value == 7
    assert any(e.field == "fatalities" for e in m.evidence)


def test_generic_death_words_are_flagged(annotate):
    ms = mentions(annotate, "Three people were killed and nine wounded in the town on Sunday.")
    assert by_trigger(ms, "killed").generic
    assert by_trigger(ms, "wounded").generic


def test_specific_trigger_outscores_a_bare_attack(annotate):
    ms = mentions(annotate, "The suicide bomber's attack on the mosque was the deadliest this year.")
    assert by_trigger(ms, "suicide bomber").score > by_trigger(ms, "attack").score


def test_trigger_matches_lemmas_and_multiword_phrases(annotate):
    adoc = annotate("Fighters clashed with troops and later took full military control of the crossing.")
    words = {adoc.doc[m.start:m.end].text for m in find_triggers(adoc.doc, load_lexicon())}
    assert "clashed" in words
    assert "took full military control" in words


def test_dates_and_names_are_not_triggers(annotate):
    ms = mentions(annotate, "The talks resumed on 3 March in Geneva, where Strike Capital has its offices.")
    assert not [m for m in ms if m.trigger in ("March", "Strike")]


def test_ambiguous_words_need_a_conflict_context(annotate):
    assert not mentions(annotate, "The two retailers signed a supply deal worth 40 million dollars.")
    ms = mentions(annotate, "The warring parties signed a deal to end the fighting in the north.")
    assert any(m.sub_event_type == "Agreement" for m in ms)


@pytest.mark.parametrize(
    ("text", "word", "modality"),
    [
        ("Police said no one was hurt in the blast.", "hurt", "negated"),
        ("The rebels did not attack the convoy.", "attack", "negated"),
        ("The group denied carrying out the bombing.", "bombing", "denied"),
        ("The militants threatened to attack the town if the army advanced.", "attack", "threatened"),
        ("Officials warned that insurgents could attack polling stations.", "attack", "hypothetical"),
        ("The cell was planning a bombing of the stadium.", "bombing", "planned"),
        ("Unions will protest outside parliament next week.", "protest", "planned"),
        ("Security forces foiled an attack on the embassy.", "attack", "negated"),
        ("A bomb exploded near the market on Friday.", "exploded", "asserted"),
        # a clause with its own tense is not made hypothetical by a modal of the clause it hangs on
        ("Two guards are missing and nine officers were hurt in the raid, so the toll could rise.",
         "hurt", "asserted"),
    ],
)
def test_modality_from_the_parse(annotate, text, word, modality):
    ms = mentions(annotate, text)
    assert by_trigger(ms, word).modality == modality


def test_trials_and_anniversaries_refer_to_old_events(annotate):
    ms = mentions(annotate, "The court convicted two men over the 2015 bombing of the railway station.")
    assert not [m for m in ms if m.trigger == "bombing"]
    ms = mentions(annotate, "Families gathered to mark the anniversary of the massacre.")
    assert not [m for m in ms if m.trigger == "massacre"]


def test_backing_aircraft_is_support_not_a_separate_strike(annotate):
    ms = mentions(annotate, "Soldiers backed by fighter jets recaptured the town of Dikwa on Tuesday.")
    assert by_trigger(ms, "fighter jets").score < by_trigger(ms, "recaptured").score


def test_economy_text_has_no_mentions(annotate):
    text = (
        "The central bank kept its key rate unchanged on Thursday as inflation eased to 3.1 percent. "
        "Exporters welcomed the decision, and the stock market closed higher for the third day."
    )
    assert mentions(annotate, text) == []


def test_purpose_clause_is_not_yet_a_capture_but_a_dispersal_is_real(annotate):
    ms = mentions(annotate, "The army launched an offensive to recapture the town of Gwoza.")
    assert by_trigger(ms, "recapture").modality == "hypothetical"
    ms = mentions(annotate, "Police fired tear gas to disperse the protesters in the square.")
    assert by_trigger(ms, "disperse").modality == "asserted"


def test_relative_clause_agent_decides_the_territory_subtype(annotate):
    ms = mentions(annotate, "The rebels, who captured the town of Kalehe last week, are now advancing.")
    assert by_trigger(ms, "captured").sub_event_type == "Non-state actor overtakes territory"
    ms = mentions(annotate, "It was the compassion that took over this city after the tragedy.")
    assert not [m for m in ms if m.trigger == "took over"]


def test_weapon_under_a_disruption_verb_is_disrupted_weapons_use(annotate):
    ms = mentions(annotate, "Soldiers discovered three landmines buried along the road to the airport.")
    assert by_trigger(ms, "landmines").sub_event_type == "Disrupted weapons use"


def test_accusations_and_discussions_refer_to_events_told_elsewhere(annotate):
    ms = mentions(annotate, "The two brothers were accused of kidnapping a shopkeeper for ransom.")
    assert not [m for m in ms if m.trigger.lower() == "kidnapping"]
    ms = mentions(annotate, "The ministers discussed the violence in the border provinces at length.")
    assert not [m for m in ms if m.trigger.lower() == "violence"]


def test_concern_and_purpose_of_an_attack_report_no_attack(annotate):
    assert not asserted(annotate, "Farmers are concerned about the raids by armed gangs on their herds.", "raids")
    assert not asserted(annotate, "The hired men travelled to the city to assassinate the mayor.", "assassinate")
    assert not asserted(annotate, "The two sides met in the capital to sign a ceasefire.", "ceasefire")


def test_a_yes_no_question_reports_no_event_but_a_wh_question_takes_it_as_given(annotate):
    assert not asserted(annotate, "Were any weapons seized during the raid on the farm?", "seized")
    assert asserted(annotate, "Where did the ambush, in which four soldiers were killed, take place?", "killed")


def test_a_great_deal_a_faked_clash_and_an_article_on_a_kidnapping_are_no_events(annotate):
    ms = mentions(annotate, "The province depends a great deal on aid sent by the rebels' former foes.")
    assert not [m for m in ms if m.sub_event_type == "Agreement"]
    ms = mentions(annotate, "The soldiers faked a clash near the river to cover up the killings.")
    assert not [m for m in ms if m.trigger.lower() == "clash" and m.modality == "asserted"]
    ms = mentions(annotate, "Her article on the kidnapping of two engineers won a national prize.")
    assert not [m for m in ms if m.trigger.lower() == "kidnapping"]


def test_a_claim_called_false_is_denied_and_riot_policemen_are_no_riot(annotate):
    ms = mentions(annotate, "The report that the mayor was shot by gunmen is absolutely unfounded.")
    assert [m.modality for m in ms if m.trigger.lower() == "shot"] == ["denied"]
    ms = mentions(annotate, "Riot policemen guarded the embassy in the capital all day.")
    assert not [m for m in ms if m.event_type == "Riots"]


def test_prisoners_of_war_are_people_not_an_agreement(annotate):
    ms = mentions(annotate, "The rebels captured six prisoners of war during the ambush on the army column.")
    assert not [m for m in ms if m.sub_event_type == "Agreement"]
    ms = mentions(annotate, "The army and the rebels exchanged prisoners of war on Sunday after the truce talks.")
    assert any(m.sub_event_type == "Agreement" for m in ms)


def test_an_attack_that_had_been_planned_took_place(annotate):
    ms = mentions(annotate, "The bomb attack that destroyed the court building had been planned since March.")
    assert [m.modality for m in ms if m.trigger.lower() == "bomb attack"] == ["asserted"]
    ms = mentions(annotate, "The bomb attack was planned for the day of the election.")
    assert [m.modality for m in ms if m.trigger.lower() == "bomb attack"] == ["planned"]


def test_a_purpose_of_destruction_has_not_happened(annotate):
    assert not asserted(annotate, "Officials said the rebels will step up their raids to destroy the power grid.", "destroy")


def test_a_message_signed_by_negotiators_is_no_agreement(annotate):
    ms = mentions(annotate, "The rebels received a message signed by the army commanders asking them to begin "
                            "peace talks.")
    assert not [m for m in ms if m.sub_event_type == "Agreement"]
    ms = mentions(annotate, "The army and the rebels signed a peace agreement in the capital on Monday.")
    assert any(m.sub_event_type == "Agreement" for m in ms)


def test_an_act_someone_is_going_to_carry_out_has_not_happened(annotate):
    assert not asserted(annotate, "The gunmen who are going to carry out the kidnappings were trained abroad.", "kidnappings")


def test_to_protest_is_the_aim_of_the_act_it_completes(annotate):
    assert not asserted(annotate, "Rebels blew up two power pylons in the south on Sunday to protest the arrest of their leader.", "protest")
    assert not asserted(annotate, "Forty teachers may resign next month to protest the killing of a colleague.", "protest")
    assert asserted(annotate, "Hundreds of students protested in the capital on Monday against the killing.", "protested")


def test_a_battle_against_an_ill_is_no_battle_but_one_against_rebels_is(annotate):
    def battles(text: str) -> bool:
        return any(m.event_type == "Battles" for m in mentions(annotate, text))

    assert not battles("The army is winning the battle against drug trafficking in the north.")
    assert not battles("Police stepped up the fight against drug trafficking in the port on Monday.")
    assert battles("Troops fought a fierce battle against the rebels near the town on Monday.")


def test_the_complement_of_a_copula_takes_the_modality_above_it(annotate):
    assert not asserted(annotate, "The mayor was accused of being an accomplice of the massacre in the village.", "massacre")
    assert asserted(annotate, "The blast was a suicide attack, officials said on Monday.", "suicide attack")


def test_a_modifier_on_the_noun_an_event_counts_out_is_the_event_s(annotate):
    assert not asserted(annotate, "Police braced for an expected wave of protests in the capital.", "protests")
    assert asserted(annotate, "A wave of protests swept the capital on Monday.", "protests")


def test_attacks_suspended_are_not_carried_out(annotate):
    assert not asserted(annotate, "The rebels suspended attacks on the capital's power grid on Friday.", "attacks")
    assert asserted(annotate, "Police suspended two officers after they shot a protester on Monday.", "shot")


def test_a_zero_count_does_not_negate_the_event_it_is_told_of() -> None:
    # "No one was hurt in the explosion": the explosion happened, with no one hurt; "the blast
    # caused no casualties" likewise; "no attack was reported" is no attack at all
    from eventwire import extract

    evs = [e for e in extract("No one was hurt in the explosion at a bus station in Kano on Monday, police said.",
                              published="2024-05-08") if not e.historical]
    assert [(e.event_type, e.injured) for e in evs] == [("Explosions/Remote violence", 0)]
    evs = extract("The blast at a market in Kano on Monday caused no casualties, police said.", published="2024-05-08")
    assert [e.event_type for e in evs if not e.historical] == ["Explosions/Remote violence"]
    assert not [e for e in extract("No attack was reported in Kano on Monday, police said.", published="2024-05-08")
                if not e.historical]


def test_an_arson_attack_is_property_destruction_not_an_attack_on_people() -> None:
    from eventwire import extract

    evs = [e for e in extract("Tuesday's pre-dawn arson attacks on two schools in Kurram district destroyed "
                              "desks and records, officials said.", published="2014-12-31") if not e.historical]
    assert evs and {e.sub_event_type for e in evs} == {"Looting/property destruction"}


def test_the_killing_noun_names_an_attack(annotate):
    ms = mentions(annotate, "Villagers found out about the killing of a teacher in the market on Tuesday.")
    m = by_trigger(ms, "killing")
    assert m.sub_event_type == "Attack" and not m.generic
    # the participle is still the bare death word of the bombing
    ms = mentions(annotate, "A bomb exploded at the depot on Tuesday, killing two guards.")
    assert by_trigger(ms, "killing").generic


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The minister said a panel will investigate the murder of a union leader last Sunday.", "murder"),
        ("An investigation will be conducted into the killings of three traders, officials said.", "killings"),
        ("The governor ordered a judge to investigate the assassination of the mayor.", "assassination"),
        ("The party did not condemn the bombing of the bus station.", "bombing"),
        ("The bishop expressed sorrow because of the killing of two nuns by armed men on 3 May.", "killing"),
    ],
)
def test_an_investigated_or_condemned_event_is_presupposed(annotate, text, word):
    """A killing that is the object of an investigation, a condemnation or a regret happened: the
    future, order or negation above the investigation is not its modality."""
    assert by_trigger(mentions(annotate, text), word).modality == "asserted"


def test_presupposition_leaves_other_governors(annotate):
    ms = mentions(annotate, "Police will investigate whether the rebels plan to attack the town.")
    assert by_trigger(ms, "attack").modality == "planned"
    ms = mentions(annotate, "The court convicted two men over the bombing of the depot.")
    assert not [m for m in ms if m.trigger == "bombing"]
