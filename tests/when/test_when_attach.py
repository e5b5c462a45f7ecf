"""Which date governs an event, the attribution rule, defaults and the historical flag."""

from __future__ import annotations

from datetime import date


def test_date_in_the_event_clause(dated):
    m = dated("Gunmen killed three farmers in Benue on Wednesday, police said.", "killed")
    assert (m.date, m.date_precision, m.historical) == ("2024-05-08", "day", False)
    assert m.time is not None and m.time.text == "on Wednesday"
    ev = [e for e in m.evidence if e.field == "date"]
    assert len(ev) == 1 and ev[0].text == "on Wednesday"
    assert ev[0].sentence.startswith("Gunmen killed")


def test_attribution_dates_the_report_when_nothing_else_does(dated):
    m = dated("Police said on Friday they had arrested 15 people in a raid on a farm.", "arrested")
    assert (m.date, m.date_precision) == ("2024-05-10", "day")
    assert "report" in (m.date_note or "")


def test_event_date_beats_attribution_date(dated):
    m = dated("Police said on Friday that gunmen had killed three farmers on Wednesday.", "killed")
    assert m.date == "2024-05-08"


def test_each_clause_gets_its_own_date(dated):
    text = "Four people were abducted on Thursday while 17 others were abducted on Saturday."
    assert dated(text, "abducted").date == "2024-05-09"
    assert dated(text, "abducted", nth=1).date == "2024-05-11"


def test_date_of_a_temporal_subordinate_clause(dated):
    m = dated("Five guards were killed when rebels ambushed their convoy on Sunday, the governor said.", "killed")
    assert m.date == "2024-05-05"


def test_date_modifying_another_noun_does_not_date_the_event(dated):
    m = dated("Police on Thursday arrested a man suspected of planning the 2019 bombing of a church.", "arrested")
    assert m.date == "2024-05-09" and not m.historical


def test_earlier_sentence_of_the_paragraph_dates_the_event(dated):
    m = dated("Gunmen attacked the village of Tudun on Monday night. They burned ten houses and a school.", "burned")
    assert m.date == "2024-05-06"
    assert "earlier sentence" in (m.date_note or "")


def test_background_paragraph_does_not_date_what_follows(dated):
    text = ("In 2015 a similar raid left dozens dead.\n\n"
            "Residents said soldiers set fire to several shops in the market.")
    m = dated(text, "set fire")
    assert m.date == "2024-05-11" and not m.historical


def test_story_start_takes_the_day_from_the_next_sentence(dated):
    text = ("A suicide bomber has attacked a crowded market in the city, killing eight people.\n\n"
            "An official said the bomber detonated his vest Thursday evening near the fish stalls.")
    assert dated(text, "attacked").date == "2024-05-09"


def test_no_date_uses_publication_date_and_says_so(dated):
    m = dated("Protesters blocked the main road to the airport with burning tyres.", "blocked")
    assert (m.date, m.date_precision, m.historical, m.time) == ("2024-05-11", "day", False, None)
    ev = [e for e in m.evidence if e.field == "date"]
    assert len(ev) == 1 and ev[0].start == m.sentence_start and ev[0].end == m.sentence_end
    assert "publication date" in (ev[0].note or "")


def test_no_publication_date_leaves_relative_dates_unresolved(dated):
    m = dated("Gunmen killed five people in the market on Friday.", "killed", published=None)
    assert (m.date, m.date_precision, m.historical) == (None, "unknown", False)
    assert m.time is not None and m.time.text == "on Friday" and m.time.value is None
    assert "no publication date" in (m.date_note or "")
    assert [e.text for e in m.evidence if e.field == "date"] == ["on Friday"]
    m = dated("Protesters blocked the main road to the airport.", "blocked", published=None)
    assert (m.date, m.date_precision) == (None, "unknown")


def test_absolute_date_without_publication_date(dated):
    m = dated("Rebels seized the town of Kalma on 3 March 2016.", "seized", published=None)
    assert (m.date, m.date_precision) == ("2016-03-03", "day")


def test_old_year_is_historical(dated):
    m = dated("In 2011 a bomb in a cafe in the old town killed 15 people.", "killed")
    assert (m.date, m.date_precision, m.historical) == ("2011", "year", True)


def test_worst_attack_since_a_year_is_historical(dated):
    text = "It was the deadliest attack since 2003, when truck bombs killed 40 people in the port."
    m = dated(text, "killed")
    assert (m.date, m.historical) == ("2003", True)


def test_month_more_than_a_month_before_is_historical(dated):
    assert dated("In January, rebels seized the airport.", "seized").historical
    assert not dated("Earlier this month, rebels seized the airport.", "seized").historical


def test_a_day_a_month_or_more_before_the_dispatch_is_historical(dated):
    published = date(2024, 5, 11)
    assert dated("Rebels seized the airport on 11 April 2024.", "seized", published=published).historical  # 30 days
    assert not dated("Rebels seized the airport on 12 April 2024.", "seized", published=published).historical


def test_anniversary_framing_is_historical(dated):
    m = dated("Residents on Friday marked the anniversary of the bombing that killed 30 people.", "killed")
    assert m.historical
    assert m.date != "2024-05-10"


def test_previous_attack_is_historical(dated):
    m = dated("A previous attack on the garrison left four soldiers dead.", "attack")
    assert m.historical


def test_past_perfect_alone_is_not_historical(dated):
    m = dated("The interior ministry said on Friday it had dismantled a cell of six suspects.", "dismantled")
    assert not m.historical and m.date == "2024-05-10"


def test_clause_after_one_day_after_is_counted_back(dated):
    text = ("A car bomber struck a market on Saturday, killing six people. "
            "The blast took place one day after a suicide bomber hit a convoy in the capital.")
    assert dated(text, "hit a convoy").date == "2024-05-10"
    assert dated(text, "blast").date == "2024-05-11"


def test_definite_noun_takes_the_date_of_its_earlier_mention(dated):
    text = ("A court on Tuesday jailed a man for his role in the 1998 bombings of two embassies.\n"
            "He was convicted of helping to plan the bombings that killed 200 people.")
    m = dated(text, "killed")
    assert (m.date, m.historical) == ("1998", True)


def test_no_publication_date_uses_latest_explicit_date_for_the_window(dated):
    text = "Rebels seized the town of Kalma on 3 March 2016. In 2011 they had burned its market."
    m = dated(text, "burned", published=None)
    assert (m.date, m.historical) == ("2011", True)
    assert not dated(text, "seized", published=None).historical


def test_report_sentence_passes_on_the_event_date(dated):
    text = "Police said on Friday that gunmen had attacked the village on Wednesday. They burned ten houses."
    assert dated(text, "burned").date == "2024-05-08"


def test_yesterday_with_weekday_in_a_quote_is_the_weekday(dated):
    text = 'The chief said: "Yesterday (Wednesday), gunmen abducted nine farmers on their way to the fields."'
    assert dated(text, "abducted").date == "2024-05-08"


def test_anniversary_date_does_not_date_the_past_event(dated):
    m = dated("The city on Tuesday marked the anniversary of the market bombing, which killed 12 people.", "killed")
    assert m.historical and m.date is None and m.date_precision == "unknown"


def test_conjunct_verb_keeps_its_own_date(dated):
    text = "Army units retook the bridge in January and launched an assault on the old city on Feb. 19."
    assert dated(text, "retook").date == "2024-01"
    assert dated(text, "launched").date == "2024-02-19"


def test_headline_takes_the_date_the_body_gives_the_same_event(annotated):
    from eventwire import when
    from eventwire.record import Mention

    text = ("Militant cell dismantled in northern port city\n\n"
            "Rebels have lost ground across the region in recent years.\n\n"
            "The interior ministry said on Thursday it had dismantled a cell of five men.")
    adoc = annotated(text)
    adoc.article.title = "Militant cell dismantled in northern port city"
    m = Mention("t", "dismantled", 13, 23, 0, text[:46], 0, 46, "Strategic developments", "Arrests")
    when.attach(m, adoc)
    assert m.date == "2024-05-09" and "headline" in (m.date_note or "")


def test_date_hung_on_a_noun_after_the_trigger(dated):
    text = ("He was one of the victims when soldiers opened fire on a crowd near Tamu, "
            "a town of the border district on Friday.")
    assert dated(text, "opened").date == "2024-05-10"


def test_in_the_past_framing_is_historical(dated):
    assert dated("In the past, militants have attacked the base several times.", "attacked").historical


def test_since_a_dated_event_dates_the_claim(dated):
    m = dated("The region has been spared attacks since a 2009 bombing at the central mosque.", "attacks")
    assert (m.date, m.historical) == ("2009", True)


def test_next_morning_counts_from_the_event_not_the_report(dated):
    text = "Gunmen attacked the village late on Tuesday, officials said on Thursday. Soldiers arrived the next morning."
    m = dated(text, "arrived")
    assert m.date == "2024-05-08" and m.time is not None and m.time.text == "the next morning"


def test_no_publication_date_single_year_is_not_historical(dated):
    m = dated("In 2018, protests over fuel prices left 12 people dead in the capital.", "left", published=None)
    assert (m.date, m.historical) == ("2018", False)


def test_no_publication_date_earlier_relative_date_stays_unresolved(dated):
    text = ("In 2018 a similar march ended in riots. Police fired tear gas at protesters on Saturday evening."
            "\n\nAt least 30 people were injured.")
    m = dated(text, "injured", published=None)
    assert m.date is None and m.time is not None and m.time.text == "on Saturday evening"


def test_date_of_a_clause_describing_a_noun_does_not_date_the_event(dated):
    assert dated("Police arrested a man who fought for the group in 2014.", "arrested").date == "2024-05-11"
    m = dated("Soldiers detained two suspects linked to an attack that killed nine people in March.", "detained")
    assert (m.date, m.historical) == ("2024-05-11", False)


def test_sentence_initial_date_misattached_to_the_subject(dated):
    m = dated("In 2011 a bomb in a crowded cafe killed 15 people.", "killed")
    assert (m.date, m.historical) == ("2011", True)


def test_clock_time_with_weekday(dated):
    assert dated("At about 5 p.m. on Tuesday, troops reoccupied the town.", "reoccupied").date == "2024-05-07"


def test_a_since_clause_tells_of_another_time(dated):
    m = dated("The demonstrations were the biggest challenge to the general since he ousted the cabinet "
              "on Monday.", "demonstrations")
    assert m.date != "2024-05-06"
    m = dated("Three people died after gunmen opened fire on the market on Sunday.", "died")
    assert m.date == "2024-05-05"  # an "after" clause still dates what followed it


def test_a_day_still_to_come_dates_nothing_told_before_it(annotate):
    from eventwire import when
    from eventwire.what import detect
    text = ("Police have fired tear gas at protesters in the capital.\n\n"
            "The bill is expected to pass its final vote on 20 June.\n\n"
            "Police also fired rubber bullets at the crowd.")
    adoc = annotate(text, published="2019-06-12")
    when.annotate(adoc)
    for word in ("tear gas", "rubber bullets"):  # told before the future day, and after it
        m = next(m for m in detect(adoc) if m.trigger.lower() == word)
        when.attach(m, adoc)
        assert m.date == "2019-06-12" and m.date_source == "publication_date"


def test_a_participle_describing_the_event_noun_dates_it(dated):
    text = "In a truce accord signed on Wednesday, the two militias agreed to reopen the roads."
    assert dated(text, "accord").date == "2024-05-08"


def test_a_relative_clause_telling_that_the_event_happened_dates_it(dated):
    text = ("Border town mourns\n\n"
            "At least 20 people died in a blast that occurred on Thursday near a bus station, officials said.\n\n"
            "In an earlier bombing on April 30, two guards were hurt.")
    m = dated(text, "blast")
    assert m.date == "2024-05-09" and not m.historical
    # a relative clause of another noun does not date the event
    m = dated("Police arrested a man who fought in 2014, officials said.", "arrested")
    assert m.date != "2014"


def test_a_clause_describing_a_noun_dates_neither_the_report_nor_what_follows(dated):
    text = ("The militia has said it launched rockets at northern Ituri \"in response\" to a deadly army "
            "strike in south Kivu - the group's first attack after the army killed a top commander earlier "
            "this week.\n\nThe army said that shortly after the rocket fire, its jets struck the launcher.")
    assert dated(text, "launched").date_precision == "day"
    assert dated(text, "struck").date == "2024-05-11"


def test_plural_anaphor_takes_the_date_of_the_events_just_told(dated):
    m = dated("A roadside bomb killed a soldier today. Today's attack followed bombings in three towns on "
              "Wednesday, targeting banks and hotels. The attacks killed six people, officials said.", "attacks")
    assert m.date == "2024-05-08"  # Wednesday's bombings, not today's attack


def test_a_preposition_after_a_verb_of_motion_places_the_event_it_does_not_cause_it(dated):
    # "drove over a landmine": where the truck was, not why (framing.yaml motion_verbs); the
    # sentence's date is the landmine's
    m = dated("On Tuesday morning three soldiers were killed when their truck drove over a landmine "
              "near the border.", "landmine")
    assert m.date == "2024-05-07"
    # a cause still keeps its own date: "arrested on Friday over the killing"
    m = dated("Police on Friday arrested two men over the killing of a trader.", "killing")
    assert m.date != "2024-05-10"


def test_later_in_the_day_counts_from_the_story_not_from_a_report(dated):
    text = ("Gunmen killed two guards at a school in Kaduna on Monday. "
            "Both died at the scene, according to a police statement issued on Wednesday. "
            "Later in the day, gunmen burned a church in the same town.")
    assert dated(text, "burned").date == "2024-05-06"


def test_a_date_above_the_verb_of_saying_does_not_date_what_is_said(dated):
    # parsed with "deployed" as the root: "last month" dates the deployment, not the recapture
    m = dated("Rwandan forces deployed last month to help Mozambique's army battle jihadists said Sunday they "
              "had recaptured control of the key northern port from the militants.", "recaptured")
    assert m.date == "2024-05-05" and not m.historical


def test_the_date_of_an_embedded_post_dates_nothing(annotated):
    # a tweet's trailer line: when the post was made, not a date of the story
    adoc = annotated("Troops entered the town on Friday, the army said.\n"
                     "We are closing in pic.twitter.com/abc123 — a reporter (@reporter) May 2, 2024\n")
    assert [t.text for t in adoc.times if t.kind == "date"] == ["on Friday"]


def test_a_stated_day_beats_a_coarser_date_at_the_same_height(dated):
    # "This year, ... on Thursday": the day, not the year (and so not historical)
    m = dated("This year, gunmen killed four farmers in Benue on Thursday, police said.", "killed")
    assert (m.date, m.date_precision, m.historical) == ("2024-05-09", "day", False)
