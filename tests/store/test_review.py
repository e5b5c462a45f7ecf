"""Review actions on stored events (no NLP): pins that survive re-coding and later reports, rejects
that stay, merges, splits, stale edits, updated articles and the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from store_records import add, article, event, events_of

from eventwire.store import review
from eventwire.store.query import Filters, select
from eventwire.store.schema import article_versions, audit, mentions

BOMB = "A car bomb at a hotel in Mogadishu killed 15 people."


def _one(store):
    (ev,) = events_of(store)
    return ev


def _trail(store):
    with store.read() as conn:
        return [(r.event_uid, r.action, r.field, r.before, r.after, r.who)
                for r in conn.execute(sa.select(audit).order_by(audit.c.id))]


def test_an_edit_pins_the_field_keeps_the_machine_value_beside_it_and_is_audited(store):
    add(store, "a", BOMB, "2023-06-10", killed=15)
    ev = _one(store)
    done = review.edit(store, ev["uid"], {"actor1": "Al-Shabaab", "fatalities": 16}, who="amina",
                       version=ev["version"], reason="the group claimed it; toll from the hospital")
    ev2 = _one(store)
    assert done.version == ev2["version"] > ev["version"]
    assert ev2["actor1"] == "Al-Shabaab" and ev2["fatalities_best"] == 16 and ev2["status"] == "accepted"
    assert ev2["record"]["machine"] == {"actor1": "Unidentified Armed Group (SO)", "fatalities": 15}
    rows = {(r[1], r[2]): r for r in _trail(store)}
    assert rows[("edit", "fatalities")][3:6] == (15, 16, "amina")
    assert rows[("edit", "actor1")][4] == "Al-Shabaab"


def test_a_pinned_field_survives_a_later_report_and_a_recode(store):
    add(store, "a", BOMB, "2023-06-10", killed=15)
    ev = _one(store)
    uid = ev["uid"]
    review.edit(store, ev["uid"], {"fatalities": 16}, who="amina", version=ev["version"])
    add(store, "b", "Twenty died when a car bomb hit a hotel in Mogadishu.", "2023-06-11", killed=20)
    ev = _one(store)
    assert ev["n_sources"] == 2 and ev["fatalities_best"] == 16
    assert ev["record"]["machine"]["fatalities"] == 20  # the sources' figure, beside the pinned one
    with store.read() as conn:
        pk = conn.execute(sa.select(mentions.c.article_id).order_by(mentions.c.id)).scalars().first()
    store.recode(pk, [event("a", BOMB, killed=14, actor1="Al-Shabaab")])  # a newer coder reads more
    ev = _one(store)
    assert ev["uid"] == uid and ev["fatalities_best"] == 16 and ev["n_sources"] == 2
    assert ev["record"]["machine"]["fatalities"] in (14, 20) and ev["actor1"] == "Al-Shabaab"
    assert [r[1:3] for r in _trail(store) if r[1] == "recode"] == [("recode", "actor1")]


def test_a_rejected_event_is_hidden_and_stays_rejected_when_its_reports_come_again(store):
    add(store, "a", BOMB, "2023-06-10", killed=15)
    ev = _one(store)
    with pytest.raises(review.ReviewError, match="reason"):
        review.reject(store, ev["uid"], who="amina", reason=" ", version=ev["version"])
    review.reject(store, ev["uid"], who="amina", reason="a film plot, not an event", version=ev["version"])
    assert list(select(store, Filters())) == []
    assert [r.uid for r in select(store, Filters(status="rejected"))] == [ev["uid"]]
    add(store, "b", "The hotel bombing in Mogadishu killed 15, police said.", "2023-06-11", killed=15)
    ev2 = _one(store)
    assert ev2["uid"] == ev["uid"] and ev2["status"] == "rejected" and ev2["n_sources"] == 2


def test_a_stale_edit_is_refused_and_writes_nothing(store):
    add(store, "a", BOMB, "2023-06-10", killed=15)
    ev = _one(store)
    review.edit(store, ev["uid"], {"fatalities": 16}, who="amina", version=ev["version"])
    with pytest.raises(review.Stale) as e:
        review.edit(store, ev["uid"], {"fatalities": 17}, who="ben", version=ev["version"])
    assert e.value.status == 409 and e.value.current == ev["version"] + 1
    assert _one(store)["fatalities_best"] == 16
    assert [r[5] for r in _trail(store)] == ["amina"]


def test_bad_values_are_refused_with_the_field_named(store):
    add(store, "a", BOMB, "2023-06-10", killed=15)
    uid = _one(store)["uid"]
    for changes, words in (({"sub_event_type": "Picnic"}, "sub_event_type"), ({"fatalities": -1}, "fatalities"),
                           ({"date": "2023-13-01"}, "date"), ({"country": "Atlantis"}, "country"),
                           ({"colour": "red"}, "cannot edit colour"),
                           ({"event_type": "Battles", "sub_event_type": "Arrests"}, "belongs to")):
        with pytest.raises(review.ReviewError, match=words):
            review.edit(store, uid, changes, who="amina")
    with pytest.raises(review.NotFound):
        review.accept(store, "evt-000000000000", who="amina")
    assert _trail(store) == []


def test_a_type_edit_moves_the_event_and_unpin_gives_the_field_back(store):
    add(store, "a", BOMB, "2023-06-10", killed=15)
    ev = _one(store)
    review.edit(store, ev["uid"], {"sub_event_type": "Suicide bomb"}, who="amina")
    ev = _one(store)
    assert (ev["event_type"], ev["sub_event_type"]) == ("Explosions/Remote violence", "Suicide bomb")
    review.edit(store, ev["uid"], {}, unpin=["sub_event_type"], who="amina", version=ev["version"])
    ev = _one(store)
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED" and not ev["pins"]
    assert [r[1] for r in _trail(store)] == ["edit", "unpin", "unpin"]  # the type is one group


def test_merge_and_split_are_kept_and_audited(store):
    add(store, "a", BOMB, "2023-06-10", killed=15)
    add(store, "b", "Gunmen stormed a market in Kismayo and killed 4.", "2023-06-10", sub="Attack",
        place="Kismayo", killed=4)
    one, two = sorted(events_of(store), key=lambda e: e["location"])
    assert one["location"] == "Kismayo"
    done = review.merge(store, one["uid"], two["uid"], who="amina", reason="one attack, two reports")
    (ev,) = events_of(store)
    assert ev["uid"] == one["uid"] and ev["n_sources"] == 2 and done.status == "accepted"
    assert [e.action for e in review.history(store, two["uid"])][-1] == "merged-into"
    with store.read() as conn:
        arts = sorted(set(conn.execute(sa.select(mentions.c.article_id)).scalars()))
    done = review.split(store, ev["uid"], [arts[1]], who="ben", version=done.version)
    assert done.new_uid and len(events_of(store)) == 2
    # a third report that bridges them does not merge the split events again
    add(store, "c", "Bomb and gun attacks in Mogadishu and Kismayo killed 19.", "2023-06-11", killed=15)
    assert len({e["uid"] for e in events_of(store)} & {ev["uid"], done.new_uid}) == 2
    with pytest.raises(review.ReviewError, match="every report"):
        review.split(store, done.new_uid, [arts[1]], who="ben")


def test_an_updated_page_revises_its_event_and_keeps_the_old_text(store):
    url = "https://test.example/live"
    store.add(article("v1", BOMB, url=url), [event("v1", BOMB, killed=15)])
    ev = _one(store)
    review.edit(store, ev["uid"], {"actor1": "Al-Shabaab"}, who="amina")
    assert store.article_state(article("v1", BOMB, url=url))[0] == "same"
    text2 = "A car bomb at a hotel in Mogadishu killed 21 people, the toll rising overnight."
    state, pk = store.article_state(article("v2", text2, url=url))
    assert state == "changed"
    store.recode(pk, [event("v2", text2, killed=21)], article("v2", text2, url=url))
    ev2 = _one(store)
    assert ev2["uid"] == ev["uid"] and ev2["fatalities_best"] == 21 and ev2["actor1"] == "Al-Shabaab"
    with store.read() as conn:
        old = conn.execute(sa.select(article_versions.c.text)).scalars().all()
    assert old == [BOMB]
    trail = [(e.action, e.field, e.before, e.after) for e in review.history(store, ev["uid"])]
    assert ("article-updated", "fatalities", 15, 21) in trail


def test_history_lists_reports_and_changes_in_order(store):
    add(store, "a", BOMB, "2023-06-10", killed=15)
    uid = _one(store)["uid"]
    review.accept(store, uid, who="amina")
    review.reject(store, uid, who="ben", reason="duplicate of a film listing")
    review.reopen(store, uid, who="amina")
    acts = [(e.action, e.who) for e in review.history(store, uid)]
    assert acts == [("report", "eventwire"), ("accept", "amina"), ("reject", "ben"), ("reopen", "amina")]


def test_two_reviewers_editing_at_once_one_wins_the_other_is_told(store):
    import threading

    add(store, "a", BOMB, "2023-06-10", killed=15)
    ev = _one(store)
    results: dict[str, object] = {}
    start = threading.Barrier(2)

    def edit(who: str, n: int) -> None:
        start.wait()
        try:
            results[who] = review.edit(store, ev["uid"], {"fatalities": n}, who=who, version=ev["version"])
        except review.Stale as e:
            results[who] = e

    threads = [threading.Thread(target=edit, args=(w, n)) for w, n in (("amina", 16), ("ben", 17))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    won = [w for w, r in results.items() if isinstance(r, review.Done)]
    assert len(won) == 1 and sum(isinstance(r, review.Stale) for r in results.values()) == 1
    assert _one(store)["fatalities_best"] == {"amina": 16, "ben": 17}[won[0]]
    assert [r[5] for r in _trail(store)] == won


def test_corrections_need_the_new_events_reviewed_not_the_background(store):
    from eventwire.store.corrections import gold_lines

    text = "A car bomb at a hotel in Mogadishu killed 15 people. In 2019 a bomb at the same hotel killed 3."
    store.add(article("a", text), [event("a", text, killed=15),
                                   event("a", text, day="2019", precision="year", killed=3, historical=True, n=1)])
    assert list(gold_lines(store)) == []  # nothing reviewed yet
    new = next(e for e in events_of(store) if not e["historical"])
    review.accept(store, new["uid"], who="amina")
    (line,) = gold_lines(store)
    assert [e["fatalities"] for e in line["events"]] == [15]
    assert [e["date"] for e in line["historical"]] == ["2019"] and line["optional"] == []
