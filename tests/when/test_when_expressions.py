"""One test per family of time expression, resolved against a publication date."""

from __future__ import annotations

from datetime import date, timedelta

MONDAY = date(2024, 5, 13)


def test_weekday_is_the_most_recent_such_day(times):
    t = times("Police said on Friday they had detained four men.")
    assert t["on Friday"] == ("2024-05-10", "day", "date")


def test_weekday_same_as_publication_day_is_that_day(times):
    t = times("Troops clashed with rebels near the border on Saturday.")
    assert t["on Saturday"] == ("2024-05-11", "day", "date")


def test_last_weekday_is_strictly_before(times):
    t = times("Rebels shelled the town last Saturday.")
    assert t["last Saturday"] == ("2024-05-04", "day", "date")


def test_weekday_with_part_of_day(times):
    t = times("Gunmen stormed the village Friday night and late on Tuesday they returned.")
    assert t["Friday night"] == ("2024-05-10", "day", "date")
    assert t["late on Tuesday"] == ("2024-05-07", "day", "date")


def test_early_hours_of_weekday(times):
    t = times("Crowds gathered in the early hours of Thursday morning outside the station.")
    assert t["in the early hours of Thursday morning"][:2] == ("2024-05-09", "day")


def test_deictic_days(times):
    t = times("Two soldiers died yesterday and a third was wounded today.")
    assert t["yesterday"] == ("2024-05-10", "day", "date")
    assert t["today"] == ("2024-05-11", "day", "date")


def test_last_week_is_a_week_before_publication(times):
    t = times("The army said it had retaken the village last week.")
    assert t["last week"] == ("2024-05-04", "week", "date")  # publication (Saturday 11 May) minus 7 days


def test_earlier_this_month(times):
    t = times("Earlier this month, three traders were kidnapped on the highway.")
    assert t["Earlier this month"] == ("2024-05", "month", "date")


def test_month_name_is_the_most_recent_such_month(times):
    t = times("The militia captured the airport in January and lost it in November.")
    assert t["in January"] == ("2024-01", "month", "date")
    assert t["in November"] == ("2023-11", "month", "date")


def test_month_and_day_without_year(times):
    t = times("The offensive began on Feb. 19 and a second push followed on March 3rd.")
    assert t["on Feb. 19"] == ("2024-02-19", "day", "date")
    assert t["on March 3rd"] == ("2024-03-03", "day", "date")


def test_month_day_after_publication_is_last_year(times):
    t = times("The ceasefire collapsed on December 20 after a week of talks.")
    assert t["on December 20"] == ("2023-12-20", "day", "date")


def test_full_dates(times):
    t = times("The treaty was signed on 3 March 2016 and ratified on August 25, 2017.")
    assert t["on 3 March 2016"] == ("2016-03-03", "day", "date")
    assert t["on August 25, 2017"] == ("2017-08-25", "day", "date")


def test_years_ago_and_last_year(times):
    t = times("The group rose to power two years ago and lost its capital last year.")
    assert t["two years ago"] == ("2022", "year", "date")
    assert t["last year"] == ("2023", "year", "date")


def test_vague_amount_lowers_precision(times):
    t = times("Militants attacked the post a few days ago, officials said.")
    assert t["a few days ago"][1] == "week"
    # the week before publication (a week is valued by its first day), not one around it
    assert t["a few days ago"][0] == (date(2024, 5, 11) - timedelta(days=7)).isoformat()  # published on a Saturday


def test_explicit_years(times):
    t = times("In 2011 a car bomb hit the port, the worst attack since 2003.")
    assert t["In 2011"] == ("2011", "year", "date")
    assert t["since 2003"] == ("2003", "year", "date")


def test_a_count_is_not_a_year(times):
    t = times("The army deployed 2000 soldiers and 1500 police officers to the region.")
    assert not [x for x in t.values() if x[2] == "date"]


def test_over_the_weekend_is_its_saturday(times):
    t = times("Clashes erupted over the weekend in the northern districts.", MONDAY)
    assert t["over the weekend"] == ("2024-05-11", "week", "date")


def test_duration_is_not_a_date(times):
    t = times("Government forces took the city after 100 days of fighting.")
    assert t["100 days"] == (None, "unknown", "duration")


def test_age_is_not_a_date(times):
    t = times("A 25-year-old man and his son, aged 7, were shot dead.")
    assert t["25-year-old"][2] == "age"
    assert t["aged 7"][2] == "age"
    assert not [x for x in t.values() if x[2] == "date"]


def test_may_the_verb_is_not_a_month(times):
    t = times("Officials warned that the group may strike again in May.")
    assert list(t) == ["in May"]


def test_future_tense_looks_forward(times):
    t = times("Voters will go to the polls on Sunday, the commission said.")
    assert t["on Sunday"] == ("2024-05-12", "day", "date")


def test_the_next_day_counts_from_the_previous_date(times):
    t = times("Gunmen attacked a bus on Monday. The next day, police arrested two men.")
    assert t["The next day"][:2] == ("2024-05-07", "day")


def test_relative_dates_without_publication_date_stay_unresolved(annotated):
    adoc = annotated("Police said on Friday they had arrested a suspect in last year's bombing.", None)
    t = {x.text: x for x in adoc.times}
    assert t["on Friday"].value is None and t["on Friday"].precision == "unknown"
    assert t["on Friday"].relative and "no publication date" in (t["on Friday"].note or "")
    assert t["in last year"].value is None


def test_absolute_dates_resolve_without_publication_date(times):
    t = times("The accord was signed on 3 March 2016, five years after fighting began in 2011.", None)
    assert t["on 3 March 2016"] == ("2016-03-03", "day", "date")
    assert t["in 2011"] == ("2011", "year", "date")


def test_times_are_sorted_with_offsets(annotated):
    text = "On Monday, rebels shelled the town. In 2011 they had taken it."
    adoc = annotated(text)
    assert [t.start for t in adoc.times] == sorted(t.start for t in adoc.times)
    assert all(text[t.start : t.end] == t.text for t in adoc.times)


def test_weekday_with_month_day_picks_the_matching_year(times):
    t = times("The court adjourned the case on Saturday, October 28, after a short hearing.")
    assert t["on Saturday, October 28"] == ("2023-10-28", "day", "date")
    t = times("Troops entered the city on Monday, October 28.")
    assert t["on Monday, October 28"] == ("2024-10-28", "day", "date")


def test_future_only_with_a_future_verb(times):
    assert times("Militants set fire to a school on Thursday night.")["on Thursday night"][0] == "2024-05-09"
    assert times("The rebels plan to hold talks on Tuesday.")["on Tuesday"][0] == "2024-05-14"
    assert times("An election is scheduled for October 15.")["for October 15"][0] == "2024-10-15"


def test_numeric_dates(times):
    t = times("He was detained on 25/04/2024 and charged on 05/03/2024.")
    assert t["on 25/04/2024"] == ("2024-04-25", "day", "date")
    # both orders are dates: the one nearest publication (11 May) that is not after it
    assert t["on 05/03/2024"] == ("2024-05-03", "day", "date")
    assert times("Rebels shelled the port on 12/03/2024.")["on 12/03/2024"][0] == "2024-03-12"


def test_month_with_modifier(times):
    t = times("Fighting intensified in mid-March and again in late September.")
    assert t["in mid-March"] == ("2024-03", "month", "date")
    assert t["in late September"] == ("2023-09", "month", "date")


def test_overnight_as_an_adjective_does_not_date(dated):
    m = dated("Police arrested nine men in overnight raids in the city on Monday.", "arrested")
    assert (m.date, m.date_precision) == ("2024-05-06", "day")


def test_yesterday_qualifying_a_part_of_the_day_dates(dated):
    # "yesterday morning": "yesterday" qualifies the expression's own noun, not an event noun
    m = dated("Yesterday morning at 0730, gunmen attacked a bus near the market.", "attacked")
    assert (m.date, m.date_precision) == ("2024-05-10", "day")
    m = dated("Gunmen attacked a bus late yesterday evening, police said.", "attacked")
    assert (m.date, m.date_precision) == ("2024-05-10", "day")


def test_a_clause_opening_date_hung_on_a_name_dates_its_verb(dated):
    # wire copy: the parser hangs the opening date on the dateline's name; no verb stands between
    m = dated("SAN SALVADOR, 9 MAY 90 (RADIO) -- [TEXT] YESTERDAY MORNING AT 0730, APPROXIMATELY 20 OR 30 "
              "TERRORISTS MACHINEGUNNED A ROUTE 40 BUS COVERING THE COASTAL ROUTE. THE BUS WAS LATER FOUND.",
              "MACHINEGUNNED")
    assert (m.date, m.date_precision) == ("2024-05-10", "day")


def test_a_clock_time_is_not_a_year(times):
    t = times("The attack began at 1830 and the shooting went on until 2030 (0130 GMT); in 1990 it was quiet.")
    assert "at 1830" not in t and "1830" not in t and "2030" not in t
    assert t["in 1990"][:2] == ("1990", "year")


def test_that_year_is_the_year_of_the_date_told_before(times):
    t = times("The cartel was blamed for attacks on police in 2015. Fifteen officers were killed in one ambush that year.")
    assert t["that year"][:2] == ("2015", "year")
    t = times("Rebels took the town on 3 March 2021. Later that month the army retook it.")
    assert t["Later that month"][:2] == ("2021-03", "month")
    # with no date before it, nothing to count from
    assert times("Fifteen officers were killed in one ambush that year.")["that year"][0] is None


def test_a_condition_in_the_present_looks_forward(times):
    # published Saturday 11 May 2024: 20 May is nine days ahead, in a clause that looks forward
    t = times("The mayor pledges to rebuild the bridge if he is elected on 20 May.")
    assert t["on 20 May"] == ("2024-05-20", "day", "date")
    t = times("Talks collapse unless the envoys return on 20 May, the paper warns.")
    assert t["on 20 May"] == ("2024-05-20", "day", "date")
    # a past condition keeps looking back
    assert times("If the guard was attacked on 2 May, nobody saw it.")["on 2 May"][0] == "2024-05-02"


def test_a_day_and_month_that_begin_a_name_date_nothing(times):
    t = times("A leader of the 12 March Movement, a rebel group, said its fighters left the hills.")
    assert not any(v[2] == "date" and v[0] for v in t.values())
    t = times("Crowds filled the 6 October Square on 3 May.")
    assert list(t) == ["on 3 May"]
    # a date before an ordinary noun, or a lower-case one, still dates
    assert [v[0] for v in times("The 12 March attack killed four.").values()] == ["2024-03-12"]
    assert times("Rebels struck on 12 March; street vendors fled.")["on 12 March"][0] == "2024-03-12"
