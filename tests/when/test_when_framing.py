"""Framing that makes an event background: an anniversary/trial article, a campaign of weeks.
Every sentence here is written for these tests."""

from __future__ import annotations

import pytest


def test_undated_mentions_of_an_anniversary_article_are_historical(dated):
    text = ("River town marks anniversary of market bombing\n\n"
            "Hundreds gathered in the river town on Friday for a memorial service. "
            "Survivors of the bombing laid flowers at the market gate.")
    m = dated(text, "bombing", nth=1)
    assert m.historical and "anniversary" in (m.date_note or "")


def test_a_dated_event_in_an_anniversary_article_stays_news(dated):
    text = ("River town marks anniversary of market bombing\n\n"
            "Hundreds gathered in the river town for a memorial service. "
            "Police arrested two men near the market on Friday.")
    m = dated(text, "arrested")
    assert not m.historical and m.date == "2024-05-10"


def test_an_ordinary_article_keeps_undated_mentions_new(dated):
    text = ("Bomb hits river town market\n\n"
            "A bomb exploded in the river town market on Friday. "
            "Survivors of the bombing were taken to hospital.")
    assert not dated(text, "bombing").historical


def test_an_attack_on_a_commemoration_is_news_not_an_anniversary_article(dated):
    # the framing words are the occasion of the new event ("at a memorial", "on the anniversary")
    text = ("Bomb kills 30 at a memorial for a slain governor on the anniversary of his death\n\n"
            "A suicide bomber killed 30 people at a commemoration for a former governor on Friday. "
            "Witnesses said the bomber blew himself up near the gate.")
    m = dated(text, "blew")
    assert not m.historical and m.date == "2024-05-10"
    assert not dated(text, "Bomb").historical


def test_weeks_of_fighting_before_a_deal_are_background(dated):
    text = "The truce was signed on Friday after seven weeks of heavy clashes that killed 40 people."
    m = dated(text, "clashes")
    assert m.historical and "campaign" in (m.date_note or "")
    text = "The deal follows a three-week round of fighting in the hills."
    assert dated(text, "fighting").historical


def test_a_single_day_of_fighting_is_not_a_campaign(dated):
    assert not dated("Two soldiers died in a day of heavy clashes on Friday.", "clashes").historical


def test_a_since_clause_event_does_not_take_the_story_date(dated):
    text = "On Sunday, the governor visited the valley. Farmers have been cut off since rebels seized the bridge."
    m = dated(text, "seized")
    assert m.date is None and "since" in (m.date_note or "")


def test_a_since_clause_event_takes_the_date_of_its_earlier_mention(dated):
    text = ("The 2019 bombings of the two hotels shocked the capital. "
            "Tourism has slumped since the bombings destroyed the hotels.")
    assert dated(text, "bombings", nth=1).date == "2019"


def test_a_previous_event_dated_inside_the_news_window_is_news(dated):
    # "previous" frames an event as background unless its own sentence dates it as recent news
    text = "In the previous blast on April 30, two guards were hurt near the bus station."
    assert not dated(text, "blast").historical
    assert dated("The previous blast wounded two guards near the bus station.", "blast").historical
    assert dated("In the previous blast on March 2, two guards were hurt.", "blast").historical


def test_a_framing_word_in_a_relative_clause_does_not_frame_the_article(dated):
    text = ("Police fire tear gas at protesters\n\n"
            "Police fired tear gas at protesters against a bill that would let suspects be sent abroad for trial. "
            "Dozens of demonstrators were hurt in the clashes.")
    assert not dated(text, "clashes").historical


def test_in_the_past_frames_but_in_the_past_decade_measures(dated):
    text = "Gunmen attacked a hotel in the port city on Friday, the deadliest attack in the region in the past decade."
    assert not dated(text, "attacked").historical
    text = "Three raids in the past 24 hours hit the northern villages on Friday."
    assert not dated(text, "raids").historical
    text = "In the past, gunmen attacked the hotel in the port city several times."
    assert dated(text, "attacked").historical


def test_the_day_of_an_arrest_is_not_the_day_of_the_attack_it_is_for(dated):
    text = "Police arrested eleven suspects on Friday in connection with the attack on the river town market."
    m = dated(text, "attack")
    assert m.date_source != "stated" and m.date != "2024-05-10"
    assert dated(text, "arrested").date == "2024-05-10"
    # a phrase put first keeps the date said inside it
    text = "In connection with the attack on the market on Thursday, the front said its fighters were not involved."
    assert dated(text, "attack").date == "2024-05-09"


LOOK_BACK = "Police fired tear gas at marchers in the river town on {first}.\n\n{between}\n\n" \
    "Footage showed marchers hurling stones at police vehicles near the bridge."


@pytest.mark.parametrize("first, between", [
    ("Friday", "Last Tuesday, the police had banned all marches in the town."),  # looks back: no date
    ("Thursday", "On Friday, the marchers returned to the bridge."),  # a later day told in between
])
def test_a_paragraph_that_looks_back_does_not_date_the_paragraphs_after_it(dated, first, between):
    assert dated(LOOK_BACK.format(first=first, between=between), "hurling").date == "2024-05-10"


def test_a_late_report_in_the_lead_is_the_news(dated):
    # published Saturday 11 May 2024; the killing is 39 days old, reported "today"
    text = ("The provincial police announced today that the wife of a district judge was shot dead "
            "on Tuesday, 2 April, on the road to the lake. Her driver was also shot.")
    m = dated(text, "shot")
    assert m.date == "2024-04-02" and not m.historical
    assert not dated(text, "shot", nth=1).historical  # the lead's day carries to the story's next sentence


def test_an_old_event_reported_later_than_the_lead_or_on_another_day_stays_history(dated):
    lead = "The provincial police announced today that two bandits were arrested near the lake. "
    text = lead + "A judge's wife was also shot dead there on Tuesday, 2 April."
    assert dated(text, "shot").historical  # told in passing after the lead
    text = "The provincial police announced on Monday that the wife of a judge was shot dead on 2 April."
    assert dated(text, "shot").historical  # the report is not the story's day
    text = "The provincial police announced today that the wife of a judge was shot dead on 2 January."
    assert dated(text, "shot").historical  # older than a late report


def test_a_report_today_of_an_event_inside_the_window_is_unchanged(dated):
    text = "The provincial police announced today that gunmen killed a judge on Tuesday, 7 May."
    m = dated(text, "killed")
    assert m.date == "2024-05-07" and not m.historical
