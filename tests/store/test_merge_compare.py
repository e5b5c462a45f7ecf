"""The cross-article merge's own rules over compare.py: places abroad, one region, weak dates,
revised tolls, and the data files that hold its weights and words."""

from __future__ import annotations

import pytest
from store_records import add, article, event, events_of

from eventwire.store import dedup, merge_data


def test_a_homonym_abroad_joins_when_each_article_names_the_other_place(store):
    add(store, "a", "A car bomb exploded at the Lido hotel in Mogadishu, killing 9.", day="2023-06-10", killed=9)
    # the geocoder put this report's "Lido" in Italy; its article says Mogadishu
    add(store, "b", "Nine died when a car bomb hit the Lido hotel in Mogadishu.", day="2023-06-10", place="Lido",
        killed=9)
    (ev,) = events_of(store)
    assert ev["n_sources"] == 2 and ev["country"] == "SO"


def test_another_country_whose_place_the_article_does_not_name_stays_apart(store):
    add(store, "a", "A car bomb exploded at the Lido hotel in Mogadishu, killing 9.", day="2023-06-10", killed=9)
    add(store, "b", "A car bomb exploded at a hotel in Lido, killing 9.", day="2023-06-10", place="Lido", killed=9)
    assert len(events_of(store)) == 2


def test_two_towns_of_one_region_join_when_each_article_names_both(store):
    # an outlet names the city the news came from (Kaduna), another the town it happened in
    add(store, "a", "A bomb exploded in a market in Zaria, north of Kaduna, killing 6.", day="2024-02-16",
        place="Zaria", killed=6)
    add(store, "b", "Kaduna: a bomb in a market in Zaria killed 6 people.", day="2024-02-16", place="Kaduna",
        killed=6)
    (ev,) = events_of(store)
    assert ev["n_sources"] == 2


def test_a_report_date_covers_the_window_before_it_only(store):
    add(store, "a", "Gunmen killed four polio workers in Kaduna on Tuesday.", "2021-06-16", day="2021-06-15",
        place="Kaduna", sub="Attack", killed=4)
    late = event("b", "The killing of four polio workers in Kaduna was condemned.", day="2021-06-30",
                 place="Kaduna", sub="Attack", killed=4)
    late.date_source = "report_date"  # 15 days later: beyond report_window_days
    store.add(article("b", "The killing of four polio workers in Kaduna was condemned.", "2021-06-30"), [late])
    assert len(events_of(store)) == 2


def test_a_toll_revised_upwards_in_a_later_report_is_one_event(store):
    add(store, "a", "A bomb exploded at a hotel in Mogadishu, killing 3.", "2023-06-10", day="2023-06-10", killed=3)
    add(store, "b", "The toll of the hotel bombing in Mogadishu has risen to 30.", "2023-06-12", day="2023-06-10",
        killed=30)
    (ev,) = events_of(store)
    assert (ev["fatalities_low"], ev["fatalities_best"], ev["fatalities_high"]) == (3, 30, 30)


def test_the_shipped_settings_load_and_weigh_every_relation():
    s = merge_data.settings()
    assert set(s.weights) == set(merge_data.WEIGHT_KEYS)
    assert s.threshold > 0 and s.rules.report_window_days > 0
    assert "market" in s.sites and "the" in s.stop and "arrested" in s.arrest


@pytest.mark.parametrize("change, message", [
    (lambda sec, w: sec["weights"].pop("what_same"), "what_same"),
    (lambda sec, w: sec["weights"].update(when_same="high"), "when_same"),
    (lambda sec, w: sec["weights"].update(extra=1), "unknown"),
    (lambda sec, w: sec.update(weak_places=["dateline", "rumour"]), "rumour"),
    (lambda sec, w: w.update(sites=["Market"]), "Market"),
    (lambda sec, w: w.update(stop=[]), "stop"),
])
def test_bad_settings_are_errors_that_name_the_key(change, message):
    import copy

    sec = copy.deepcopy(merge_data.settings().rules.values)
    s = merge_data.settings()
    words = {"sites": sorted(s.sites), "stop": sorted(s.stop), "arrest": sorted(s.arrest)}
    change(sec, words)
    with pytest.raises(ValueError, match=message):
        merge_data.check(sec, words)


def test_no_words_in_the_merge_code():
    """The site and arrest words live in data/store/words.yaml: no string literal of the merge's
    modules is one (save a record field's name, such as ``arrested``, and the lists' own names)."""
    import ast
    import dataclasses
    import inspect

    from eventwire.record import Event
    from eventwire.store import core, reconcile

    s = merge_data.settings()
    words = (s.sites | s.arrest) - {f.name for f in dataclasses.fields(Event)} - set(merge_data.WORD_KEYS)
    for mod in (dedup, merge_data, reconcile, core):
        tree = ast.parse(inspect.getsource(mod))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}
        literals = {n.value for n in ast.walk(tree)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs}
        assert not literals & words, (mod.__name__, literals & words)


def test_a_country_or_a_region_holds_its_towns_and_not_the_other_way_round():
    from eventwire import compare

    r = compare.rules("assembly")
    country = compare.Where("Sudan", 1, 15.0, 30.0, "country", None, "SD")
    region = compare.Where("Khartoum State", 2, 15.5, 32.5, "region", "Khartoum", "SD")
    town = compare.Where("Omdurman", 3, 15.6, 32.4, "town", "Khartoum", "SD")
    other = compare.Where("Kassala", 4, 15.4, 36.4, "town", "Kassala", "SD")
    assert compare.inside(country, town) and compare.inside(region, town) and compare.inside(country, region)
    assert not compare.inside(town, country) and not compare.inside(town, region)
    assert compare.where(country, town, r) == compare.where(town, country, r) == "inside"
    assert compare.where(region, other, r) == "apart"


def test_a_road_named_for_a_town_is_not_that_town_but_a_quarter_of_it_is():
    from eventwire import compare

    r = compare.rules("assembly")
    town = compare.Where("Kachia", 5, 9.87, 7.95, "town", "Kaduna", "NG")
    road = compare.Where("Kachia-Kafanchan road", None, 9.87, 7.95, "town", "Kaduna", "NG")
    north = compare.Where("north Kachia", None, 9.87, 7.95, "town", "Kaduna", "NG")
    assert compare.where(town, road, r) == "apart"
    assert compare.where(town, north, r) == "same"


def test_a_name_the_gazetteer_lacks_is_in_the_province_of_the_town_that_locates_it():
    from eventwire import compare

    r = compare.rules("assembly")
    # "Cikarang, Bekasi Regency" (West Java) is not in Banten province; a name located only by its
    # country may be anywhere in it
    banten = compare.Where("Banten", 10, -6.4, 106.1, "region", "Banten", "ID")
    cikarang = compare.Where("Cikarang", None, -6.26, 107.15, "town", "West Java", "ID")
    unplaced = compare.Where("Cikarang", None, None, None, "town", None, "ID")
    assert compare.where(banten, cikarang, r) == "apart"
    assert compare.where(banten, unplaced, r) == "inside"
