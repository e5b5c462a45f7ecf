"""Counts of killed, injured and arrested read off the parse (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.record import AnnotatedDoc
from eventwire.what.counts import conservative_value, find_counts

pytestmark = pytest.mark.slow


def _counts(annotate, text: str, trigger: str | None = None, sent_no: int = 0) -> tuple[dict, AnnotatedDoc]:
    adoc = annotate(text, published="2021-05-10")
    sent = list(adoc.doc.sents)[sent_no]
    trig = None
    if trigger is not None:
        trig = next(t for t in sent if t.text == trigger)
    return find_counts(sent, adoc, trig), adoc


def _vals(counts: dict) -> dict:
    return {k: (c.value, c.qualifier) for k, c in counts.items()}


def test_active_object_and_passive_subject(annotate):
    c, _ = _counts(annotate, "Gunmen killed 14 farmers near the river on Sunday.", "killed")
    assert _vals(c) == {"fatalities": (14, "exact")}
    c, _ = _counts(annotate, "Nine traders were wounded in the market attack.", "wounded")
    assert _vals(c) == {"injured": (9, "exact")}


def test_number_words_and_hyphenated(annotate):
    c, _ = _counts(annotate, "Thirty-two miners were killed and seventeen were hurt in the raid.", "killed")
    assert _vals(c) == {"fatalities": (32, "exact"), "injured": (17, "exact")}


def test_a_dozen_is_twelve(annotate):
    c, _ = _counts(annotate, "Police detained about a dozen students outside the ministry.", "detained")
    assert _vals(c) == {"arrested": (12, "about")}


def test_vague_amount_keeps_phrase(annotate):
    c, _ = _counts(annotate, "Dozens of villagers were injured when the bridge protest turned violent.", "injured")
    assert c["injured"].value is None
    assert c["injured"].qualifier == "vague"
    assert c["injured"].text == "Dozens"
    assert conservative_value(c["injured"].qualifier, c["injured"].text, None) == 12


def test_range(annotate):
    c, _ = _counts(annotate, "Soldiers arrested between 20 and 25 smugglers at the border crossing.", "arrested")
    cnt = c["arrested"]
    assert (cnt.value, cnt.high, cnt.qualifier) == (20, 25, "range")
    assert cnt.text == "between 20 and 25"


@pytest.mark.parametrize(
    ("text", "value", "qual"),
    [
        ("At least 18 people were killed in the blast.", 18, "at least"),
        ("More than 40 people were killed in the blast.", 40, "more than"),
        ("Nearly 30 people were killed in the blast.", 30, "nearly"),
        ("Up to 60 people were killed in the blast.", 60, "up to"),
        ("Some 25 people were killed in the blast.", 25, "about"),
    ],
)
def test_qualifiers(annotate, text, value, qual):
    c, _ = _counts(annotate, text, "killed")
    assert _vals(c) == {"fatalities": (value, qual)}


def test_sub_count_is_not_added(annotate):
    c, _ = _counts(annotate, "The gunmen killed 11 people, including four children, at a wedding.", "killed")
    assert _vals(c) == {"fatalities": (11, "exact")}


def test_coordinated_victims_are_added(annotate):
    c, _ = _counts(annotate, "Three policemen and a teacher were killed when the convoy was ambushed.", "killed")
    assert _vals(c) == {"fatalities": (4, "exact")}


def test_single_victim(annotate):
    c, _ = _counts(annotate, "A shopkeeper was shot dead outside his store in the old town.", "shot")
    assert _vals(c) == {"fatalities": (1, "exact")}


def test_death_toll_and_left_dead(annotate):
    c, _ = _counts(annotate, "The death toll from the landslide attack rose to 27 on Thursday.", "rose")
    assert _vals(c) == {"fatalities": (27, "exact")}
    c, _ = _counts(annotate, "The car bomb left five dead and 23 wounded.", "left")
    assert _vals(c) == {"fatalities": (5, "exact"), "injured": (23, "exact")}


def test_intransitive_died_and_arrest_noun(annotate):
    c, _ = _counts(annotate, "Six protesters died after police fired live rounds.", "died")
    assert _vals(c) == {"fatalities": (6, "exact")}
    c, _ = _counts(annotate, "The clashes led to the arrest of 31 people, officials said.", "clashes")
    assert _vals(c) == {"arrested": (31, "exact")}


def test_zero(annotate):
    c, _ = _counts(annotate, "No one was hurt in the explosion at the depot.", "hurt")
    assert _vals(c) == {"injured": (0, "exact")}


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("A 25-year-old man was abducted on the highway.", "abducted"),  # an age, and not a count field
        ("Bandits kidnapped 49 pupils from the boarding school.", "kidnapped"),  # kidnapping is no count
        ("Police seized 40 rifles and a 10kg bag of explosives in the raid.", "seized"),  # weapons, units
        ("The group has carried out attacks since 2009 in the region.", "attacks"),  # a year
        ("The army said the operation lasted 12 hours.", "operation"),  # a duration
    ],
)
def test_not_counts(annotate, text, trigger):
    c, _ = _counts(annotate, text, trigger)
    assert c == {}


def test_count_of_another_event_is_not_taken(annotate):
    text = "Four soldiers were killed on Monday, two days after insurgents killed 19 villagers in a nearby town."
    c, _ = _counts(annotate, text, "killed")
    assert _vals(c) == {"fatalities": (4, "exact")}


def test_a_clause_dated_apart_from_the_event_counts_another_event(annotate):
    text = ("Tuesday's bombing struck the same market in Kirkuk where a truck bomb killed 28 people "
            "and injured 72 last month.")
    c, _ = _counts(annotate, text, "bombing")
    assert c == {}
    # the same clause with no time of its own tells the event's own toll
    c, _ = _counts(annotate, "The bombing, which killed 12 people on Friday, was claimed by the group.", "bombing")
    assert _vals(c) == {"fatalities": (12, "exact")}
    c, _ = _counts(annotate, "Monday's attack in Mosul killed 12 people and wounded 30 near the bridge.", "attack")
    assert _vals(c) == {"fatalities": (12, "exact"), "injured": (30, "exact")}


def test_a_war_long_toll_is_no_count_of_the_event(annotate):
    text = "The blast raised the death toll of foreign troops in the conflict to 214 since the invasion began."
    c, _ = _counts(annotate, text, "blast")
    assert "fatalities" not in c
    c, _ = _counts(annotate, "The blast raised the death toll to 12, police said.", "blast")
    assert _vals(c) == {"fatalities": (12, "exact")}


def test_offsets_index_article_text(annotate):
    text = "Clashes erupted in the capital. At least 7 people were killed and dozens were injured."
    c, adoc = _counts(annotate, text, "killed", sent_no=1)
    f = c["fatalities"]
    assert adoc.article.text[f.start:f.end] == f.text == "At least 7"
    assert c["injured"].qualifier == "vague"


def test_participle_and_sustained_injuries(annotate):
    c, _ = _counts(annotate, "Eight people were killed and 30 others injured in the attack.", "killed")
    assert _vals(c) == {"fatalities": (8, "exact"), "injured": (30, "exact")}
    c, _ = _counts(annotate, "Two constables sustained injuries during the stone pelting.", "sustained")
    assert _vals(c) == {"injured": (2, "exact")}


def test_clause_hanging_on_an_earlier_date_is_another_event(annotate):
    c, _ = _counts(annotate, "It was the worst bombing since March, when 40 people died.", "bombing")
    assert c == {}


def test_weapon_subject_is_not_one_victim(annotate):
    text = "A suspected drone strike on a compound near the border killed at least six fighters."
    c, _ = _counts(annotate, text, "strike")
    assert _vals(c) == {"fatalities": (6, "at least")}


def test_two_verbs_sharing_victims(annotate):
    c, _ = _counts(annotate, "Mortar fire killed and injured dozens of displaced people.", "killed")
    assert _vals(c) == {"fatalities": (None, "vague"), "injured": (None, "vague")}
    c, _ = _counts(annotate, "The mine blast killed or wounded 14 herders.", "blast")
    assert c == {}


def test_weapons_captured_are_not_arrests(annotate):
    c, _ = _counts(annotate, "Troops said 120 rifles and 9,000 bullets were captured at the depot.", "captured")
    assert c == {}


def test_another_in_a_linked_clause_adds(annotate):
    text = "Two brothers died at the scene, while another man died later in hospital."
    c, _ = _counts(annotate, text, "died")
    assert _vals(c) == {"fatalities": (3, "exact")}
    c, _ = _counts(annotate, "Gunmen killed four people and police killed two attackers.", "killed")
    assert _vals(c) == {"fatalities": (4, "exact")}


def test_running_totals_and_quantity_heads(annotate):
    c, _ = _counts(annotate, "The number of dead has risen to 45, the health ministry said.", "risen")
    assert _vals(c) == {"fatalities": (45, "exact")}
    c, _ = _counts(annotate, "The number of people arrested rose to 230 on Sunday.", "rose")
    assert _vals(c) == {"arrested": (230, "exact")}
    c, _ = _counts(annotate, "A total of 56 people were arrested across the country.", "arrested")
    assert _vals(c) == {"arrested": (56, "exact")}


def test_subject_hung_on_an_interposed_clause(annotate):
    text = "One woman selling fruit, not believed to be part of the march, was injured as police charged."
    c, _ = _counts(annotate, text, "injured")
    assert _vals(c) == {"injured": (1, "exact")}


def test_counts_of_an_earlier_clause_stay_there(annotate):
    text = "A second device was found and defused near the port after two explosions killed 40 people."
    c, _ = _counts(annotate, text, "found")
    assert c == {}
    c, _ = _counts(annotate, "At least 9 people were killed and 30 injured after the bus was bombed.", "bombed")
    assert _vals(c) == {"fatalities": (9, "at least"), "injured": (30, "exact")}


def test_a_sum_of_victim_groups_keeps_each_group_and_its_kind(annotate):
    c, _ = _counts(annotate, "Rebels killed five villagers and two policemen near the bridge.", "killed")
    assert c["fatalities"].value == 7
    assert sorted(c["fatalities"].parts) == [(2, "state_forces"), (5, "civilians")]
    c, _ = _counts(annotate, "Gunmen killed 14 farmers near the river on Sunday.", "killed")
    assert c["fatalities"].parts == ()


@pytest.mark.parametrize("text", [
    "At least 40 marchers were taken in for questioning after the rally.",
    "Police held 40 marchers for questioning after the rally.",
])
def test_held_for_questioning_are_arrests(annotate, text):
    c, _ = _counts(annotate, text, "rally")
    assert c["arrested"].value == 40


def test_the_dead_are_not_added_to_the_wounded(annotate):
    c, _ = _counts(annotate, "The hospital manager said that 26 bodies and more than 55 wounded were admitted "
                             "to the hospital.", "wounded")
    assert c.get("injured") is None or c["injured"].value != 81
    assert c["fatalities"].value == 26


def test_the_next_victim_by_its_ordinal_adds_one(annotate):
    # "a fourth died later": the count is four (numbers.yaml ordinals); any other ordinal is no count
    c, _ = _counts(annotate, "Three were killed instantly and a fourth died of his injuries later.", "killed")
    assert _vals(c) == {"fatalities": (4, "exact")}
    c, _ = _counts(annotate, "Three were killed instantly and a second bomb exploded an hour later.", "killed")
    assert _vals(c) == {"fatalities": (3, "exact")}


def test_a_degree_of_harm_makes_a_reduced_passive(annotate):
    # "three soldiers seriously wounded" read as an active past by the tagger is still the wounded
    c, _ = _counts(annotate, "The ambush left four guards dead, as well as three soldiers seriously wounded, "
                   "the army said.", "wounded")
    assert _vals(c).get("injured") == (3, "exact")
    c, _ = _counts(annotate, "Gunmen seriously wounded two traders in the market.", "wounded")
    assert _vals(c) == {"injured": (2, "exact")}


def test_sustained_injuries_misread_as_an_adjective_still_counts(annotate):
    # after two sentences about a mob, the parser reads "sustained" as an adjective of "injuries"
    text = ("On Sunday, an angry crowd stormed the police post before setting it alight. The crowd also "
            "beat up the officers. Three constables have sustained injuries.")
    c, _ = _counts(annotate, text, "injuries", sent_no=2)
    assert _vals(c) == {"injured": (3, "exact")}


def test_there_were_n_dead_counts_n(annotate):
    # "there were 25 dead": the count word is parsed as an adjective of the number
    c, _ = _counts(annotate, "When the shooting stopped, there were 14 dead.")
    assert _vals(c) == {"fatalities": (14, "exact")}
    c, _ = _counts(annotate, "When the shooting stopped, there were 14 wounded.")
    assert _vals(c) == {"injured": (14, "exact")}


def test_shot_dead_before_its_object_counts_the_object(annotate):
    # "shot dead two teachers": "dead" parsed as an adjective of the object still makes the count
    c, _ = _counts(annotate, "The attackers shot dead two teachers before setting the desks ablaze.", "shot")
    assert _vals(c) == {"fatalities": (2, "exact")}


def test_a_count_noun_read_as_written_when_the_lemma_misses_it(annotate):
    # spaCy may lemmatise "corpses" as "corps": the word as written, or its singular, still counts
    c, _ = _counts(annotate, "Residents said 31 corpses were brought to the district hospital.", "corpses")
    assert _vals(c) == {"fatalities": (31, "exact")}


def test_a_body_named_as_where_something_lies_is_no_toll(annotate):
    c, _ = _counts(annotate, "Police said a bullet wound was visible on one body in the ditch.", None)
    assert "fatalities" not in _vals(c)


def _events(annotate, text: str, published: str = "2023-06-10"):
    from eventwire import pipeline

    return [e for e in pipeline.code_document(annotate(text, published=published)) if not e.historical]


def test_a_headline_toll_stands_when_the_body_counts_only_one_named_victim(annotate):
    text = ("Market bomb kills at least five in Quetta\n\nA senior customs officer was killed in a bomb blast "
            "at a market in Quetta on Friday, police said. The officer had received threats, his family said.")
    (ev,) = _events(annotate, text)
    assert ev.fatalities == 5


def test_the_speaker_of_a_toll_a_pronoun_or_we_in_a_quote_is_the_one_named_before(annotate):
    from eventwire.assemble.build import _speaker
    from eventwire.record import Count

    text = ("The district commissioner said on Friday that gunmen had attacked the village. \"We have counted "
            "60 dead,\" he said. Later he added that 14 were wounded.")
    adoc = annotate(text, published="2023-06-10")
    verbs = frozenset({"say", "tell", "add"})
    for number in ("60", "14"):
        i = text.index(number)
        c = Count("fatalities", int(number), "exact", number, i, i + len(number))
        assert _speaker(adoc, c, verbs) == "commissioner", number


def test_those_killed_at_once_are_part_of_the_toll(annotate):
    text = ("A car bomb exploded near a checkpoint in the town of Baidoa on Monday, killing nine people, police "
            "said. Four soldiers were killed instantly, a witness said.")
    (ev,) = _events(annotate, text)
    assert ev.fatalities == 9
