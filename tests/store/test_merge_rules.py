"""The write path and the merge rules, on hand-made records (no NLP), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import sqlalchemy as sa
from store_records import add, article, event, events_of

from eventwire.store.schema import articles, mentions


def _mentions(store):
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(mentions).order_by(mentions.c.id))]


def test_reports_of_one_event_merge_with_low_best_high_and_a_flagged_disagreement(store):
    add(store, "a", "A car bomb at a hotel in Mogadishu killed 15 people.", "2023-06-10", killed=15)
    add(store, "b", "Seventeen died when a car bomb hit a hotel in Mogadishu, 17 in all.", "2023-06-12", killed=17)
    add(store, "c", "The hotel bombing in Mogadishu killed 17, police said.", "2023-06-11", killed=17)
    (ev,) = events_of(store)
    assert ev["n_sources"] == 3 and ev["n_mentions"] == 3
    assert (ev["fatalities_low"], ev["fatalities_best"], ev["fatalities_high"]) == (15, 17, 17)
    assert ev["disputed"] == "fatalities"
    rec = ev["record"]
    assert rec["first_report"] == "2023-06-10" and rec["last_report"] == "2023-06-12"
    assert sorted(v["value"] for v in rec["values"]["fatalities"]) == [15, 17, 17]
    assert {s["article"] for s in rec["sources"]} == {"a", "b", "c"}


def test_best_count_is_never_an_average(store):
    add(store, "a", "A bomb at a hotel in Mogadishu killed 10.", "2023-06-10", killed=10)
    add(store, "b", "A bomb at a hotel in Mogadishu killed 13.", "2023-06-11", killed=13)
    (ev,) = events_of(store)
    assert ev["fatalities_best"] == 13  # a tie between sources: the latest report wins
    assert ev["fatalities_low"] == 10 and ev["fatalities_high"] == 13 and "fatalities" in ev["disputed"]


def test_two_bombings_in_one_city_on_one_day_stay_apart(store):
    add(store, "a", "A car bomb exploded outside a hotel in Mogadishu, killing 9.", killed=9)
    add(store, "b", "A roadside bomb hit a military convoy at a checkpoint in Mogadishu, killing 2.", killed=2)
    add(store, "c", "Nine people died when a car bomb struck a hotel in Mogadishu, 9 in all.", killed=9)
    evs = events_of(store)
    assert [e["n_sources"] for e in evs] == [2, 1]


def test_the_same_town_a_week_later_is_another_event(store):
    add(store, "a", "A bomb exploded in a market in Mogadishu.", "2023-06-10", day="2023-06-10")
    add(store, "b", "Another bomb exploded in a market in Mogadishu.", "2023-06-17", day="2023-06-17")
    assert len(events_of(store)) == 2


def test_a_town_far_away_on_the_same_day_is_another_event(store):
    add(store, "a", "A bomb exploded in a market in Mogadishu.")
    add(store, "b", "A bomb exploded in a market in Kismayo.", place="Kismayo")
    assert len(events_of(store)) == 2


def test_imprecise_date_joins_the_precise_event(store):
    add(store, "a", "A bomb exploded in a market in Kaduna on Friday.", "2024-02-17", day="2024-02-16",
        place="Kaduna")
    add(store, "b", "A bomb exploded in a market in Kaduna last week.", "2024-02-19", day="2024-02-12",
        precision="week", place="Kaduna")
    (ev,) = events_of(store)
    assert ev["date"] == "2024-02-16" and ev["date_precision"] == "day" and ev["n_sources"] == 2


def test_a_report_date_is_an_upper_bound_not_the_event_day(store):
    add(store, "a", "Gunmen killed four polio workers in Kaduna on Tuesday.", "2021-06-16", day="2021-06-15",
        place="Kaduna", sub="Attack", killed=4)
    e = event("b", "The UN condemned the killing of four polio workers in Kaduna.", day="2021-06-17",
              place="Kaduna", sub="Attack", killed=4)
    e.date_source = "publication_date"  # when/ found no date for it: the day of publication
    store.add(article("b", "The UN condemned the killing of four polio workers in Kaduna.", "2021-06-17"), [e])
    (ev,) = events_of(store)
    assert ev["n_sources"] == 2 and ev["date"] == "2021-06-15" and "date" not in ev["disputed"]


def test_historical_mention_adds_a_source_to_the_event_it_recalls(store):
    add(store, "now", "A bomb in a cafe in Marrakesh killed 15 people.", "2011-04-29", day="2011-04-28",
        place="Marrakesh", killed=15)
    add(store, "later", "In 2011 a bomb in a cafe in Marrakesh killed 15 people.", "2017-03-18", day="2011",
        precision="year", place="Marrakesh", killed=15, historical=True)
    (ev,) = events_of(store)
    assert ev["n_sources"] == 2 and ev["date"] == "2011-04-28" and not ev["historical"]
    assert ev["record"]["last_report"] == "2017-03-18"


def test_historical_mention_without_its_event_is_kept_apart_and_flagged(store):
    add(store, "later", "In 2011 a bomb in a cafe in Marrakesh killed 15.", "2017-03-18", day="2011",
        precision="year", place="Marrakesh", killed=15, historical=True)
    (ev,) = events_of(store)
    assert ev["historical"] is True


def test_two_records_of_one_article_in_different_sentences_stay_two_events(store):
    text = "A bomb exploded at a hotel in Mogadishu. Separately a bomb exploded at a market in Mogadishu."
    a = article("x", text)
    e1 = event("x", text, n=0)
    e2 = event("x", text, n=1)
    for e in e2.evidence:
        e.sentence_start = 41
    store.add(a, [e1, e2])
    assert len(events_of(store)) == 2


def test_same_article_again_is_a_no_op(store):
    assert add(store, "a", "A bomb exploded in Mogadishu.") is not None
    assert add(store, "a", "A bomb exploded in Mogadishu.") is None  # same URL
    # same text under another id and URL, differently spaced and cased: same normalised text
    assert store.add(article("a2", "a  bomb exploded\nin MOGADISHU.", url="https://other.example/x"),
                     [event("a2", "a bomb")]) is None
    assert store.has_article(article("zz", "A BOMB exploded in Mogadishu."))
    assert len(events_of(store)) == 1 and len(_mentions(store)) == 1


def test_every_mention_keeps_its_article_and_evidence(store):
    text = "A car bomb at a hotel in Mogadishu killed 15 people."
    add(store, "a", text, killed=15)
    (m,) = _mentions(store)
    with store.read() as conn:
        art = conn.execute(sa.select(articles).where(articles.c.id == m["article_id"])).one()
    for e in m["record"]["evidence"]:
        assert art.text[e["start"]:e["end"]] == e["text"]
    assert m["event_id"] == events_of(store)[0]["id"]


def test_article_without_events_is_stored_once(store):
    assert store.add(article("econ", "The central bank held rates."), []) is not None
    assert store.add(article("econ", "The central bank held rates."), []) is None


def test_concurrent_writers_make_no_duplicates(store):
    """Two writers (threads, each with its own connections) store reports of the same events at once."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def writer(tag: str) -> None:
        try:
            barrier.wait()
            for i in range(8):
                day = f"2023-{1 + i:02d}-10"
                add(store, f"{tag}-{i}", f"A car bomb at a hotel in Mogadishu ({tag} {i}).", day=day,
                    published=day)
                add(store, f"same-{i}", f"The very same article number {i} about Mogadishu.", day=day,
                    published=day)
        except BaseException as e:  # noqa: BLE001 - re-raised in the main thread
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("p", "q")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    evs = events_of(store)
    assert len(evs) == 8  # one event per day, whoever stored first
    assert sorted(e["n_sources"] for e in evs) == [3] * 8
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar() == 24


def test_two_records_of_one_article_never_join_one_event(store):
    add(store, "a", "A car bomb exploded at a hotel in Mogadishu on Saturday, killing 9.", "2023-06-10",
        day="2023-06-10", killed=9)
    # the extractor made two records of one article that both fit the stored event: assembly
    # kept them apart, so the store does too (the better one joins, the other is an event of its own)
    text = "Mogadishu hotel bombing kills nine\n\nA car bomb at a hotel in Mogadishu killed 9 on Saturday."
    recs = [event("c", text, day="2023-06-10", killed=9, n=0), event("c", text, day="2023-06-10", killed=9, n=1)]
    added = store.add(article("c", text, "2023-06-11"), recs)
    assert added is not None and added.new_events == 1 and added.merged == 1
    evs = events_of(store)
    assert sorted(e["n_mentions"] for e in evs) == [1, 2]
    by_event: dict[int, set[int]] = {}
    for m in _mentions(store):
        assert m["article_id"] not in by_event.get(m["event_id"], set())
        by_event.setdefault(m["event_id"], set()).add(m["article_id"])


def test_a_bomb_reported_as_an_attack_elsewhere_is_one_event(store):
    # compare.what: an explosion absorbs the "attack" it was (taxonomy.yaml absorbs)
    add(store, "a", "A bomb exploded at a hotel in Mogadishu, killing 9.", "2023-06-10", day="2023-06-10",
        killed=9)
    add(store, "b", "Gunmen attacked a hotel in Mogadishu, killing 9.", "2023-06-11", day="2023-06-10",
        sub="Attack", killed=9)
    add(store, "c", "Police arrested a man at a hotel in Mogadishu.", "2023-06-11", day="2023-06-10",
        sub="Arrests")
    evs = events_of(store)
    assert sorted(e["n_sources"] for e in evs) == [1, 2]


def test_arrests_and_a_weapons_seizure_with_arrests_are_one_event_but_not_without(store):
    a = event("a", "Police arrested seven militants in a raid in Kaduna and seized explosives.",
              sub="Arrests", place="Kaduna", actor1="Police Forces of Nigeria")
    a.event_type, a.sub_event_type, a.arrested = "Strategic developments", "Disrupted weapons use", 7
    store.add(article("a", a.evidence[0].sentence), [a])
    add(store, "b", "Counter-terrorism police detained seven suspected militants in Kaduna.", sub="Arrests",
        place="Kaduna", actor1="Police Forces of Nigeria")
    assert [e["n_sources"] for e in events_of(store)] == [2]
    c = event("c", "Soldiers defused a bomb found near a mosque in Zaria.", sub="Arrests", place="Zaria")
    c.event_type, c.sub_event_type = "Strategic developments", "Disrupted weapons use"
    store.add(article("c", c.evidence[0].sentence), [c])
    add(store, "d", "Police arrested a man in Zaria.", sub="Arrests", place="Zaria")
    assert [e["n_sources"] for e in events_of(store)] == [2, 1, 1]


def _undated(article_id: str, sentence: str, published: str, **kw):
    e = event(article_id, sentence, day=published, **kw)
    e.date_source = "publication_date"  # when/ found no date for it: the day of publication
    return article(article_id, sentence, published), [e]


def test_an_undated_riot_report_days_after_a_march_is_another_event(store):
    # a report that gives no day tells the news of its day: a march three days before it, at the
    # same place, is another event of the demonstration family
    add(store, "a", "Thousands marched peacefully through Kaduna on Sunday against the new tax.", "2023-06-12",
        day="2023-06-11", place="Kaduna", sub="Peaceful protest")
    store.add(*_undated("b", "Protesters threw stones at police outside the assembly in Kaduna.", "2023-06-14",
                        place="Kaduna", sub="Violent demonstration"))
    store.add(*_undated("c", "Protesters in Kaduna hurled stones at police outside the assembly.", "2023-06-14",
                        place="Kaduna", sub="Violent demonstration"))
    assert sorted(e["n_sources"] for e in events_of(store)) == [1, 2]


def test_an_undated_report_of_the_same_sub_type_days_later_still_joins(store):
    add(store, "a", "Thousands marched peacefully through Kaduna on Sunday against the new tax.", "2023-06-12",
        day="2023-06-11", place="Kaduna", sub="Peaceful protest")
    store.add(*_undated("b", "Thousands marched peacefully through Kaduna against the new tax.", "2023-06-14",
                        place="Kaduna", sub="Peaceful protest"))
    assert [e["n_sources"] for e in events_of(store)] == [2]


def test_a_report_that_bridges_two_stored_events_merges_them(store):
    # the first report names the district and no day; the second calls it a bombing in the city
    # (too little alike to join the first); the third, an attack in the city, joins the second,
    # which is now the first's event too
    store.add(*_undated("a", "Gunmen attacked a hotel in Hodan, killing 9.", "2023-06-10", place="Hodan",
                        sub="Attack", killed=9))
    add(store, "b", "Explosions rocked a Mogadishu hotel, police said.", "2023-06-11", day="2023-06-10")
    assert len(events_of(store)) == 2
    add(store, "c", "Gunmen stormed a hotel in Mogadishu, killing 12.", "2023-06-11", day="2023-06-10",
        sub="Attack", killed=12)
    assert [e["n_sources"] for e in events_of(store)] == [3]
    assert len(_mentions(store)) == 3

