"""The review endpoints on SQLite and the real PostgreSQL: every write needs a token (401/403), a
stale edit is a 409, the audit rows match the actions and name the reviewer the token gives."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from store_records import add, events_of

from eventwire.store.schema import audit, mentions

AMINA, BEN = "amina-0123456789abcdef", "ben-0123456789abcdef00"
BOMB = "A car bomb at a hotel in Mogadishu killed 15 people."
RAID = "Gunmen stormed a market in Kismayo and killed 4."


@pytest.fixture
def client(store: Any) -> Any:
    from fastapi.testclient import TestClient

    from eventwire.api.app import create_app

    return TestClient(create_app(store, reviewers={AMINA: "amina", BEN: "ben"}))


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _trail(store: Any) -> list[tuple[Any, ...]]:
    with store.read() as conn:
        return [(r.action, r.field, r.who, r.reason) for r in conn.execute(sa.select(audit).order_by(audit.c.id))]


def test_every_write_needs_a_token(store: Any, client: Any) -> None:
    from fastapi.testclient import TestClient

    from eventwire.api.app import create_app

    add(store, "a", BOMB, "2023-06-10", killed=15)
    uid = events_of(store)[0]["uid"]
    writes = [("post", f"/api/events/{uid}/accept", {}), ("post", f"/api/events/{uid}/reject", {"reason": "x"}),
              ("post", f"/api/events/{uid}/reopen", {}), ("patch", f"/api/events/{uid}", {"set": {"fatalities": 1}}),
              ("post", f"/api/events/{uid}/merge", {"other": uid}), ("post", f"/api/events/{uid}/split", {"articles": [1]})]
    for method, path, body in writes:
        assert getattr(client, method)(path, json=body).status_code == 401, path
        assert getattr(client, method)(path, json=body, headers=auth("wrong-token-wrong-token")).status_code == 401
        assert getattr(client, method)(path + f"?token={AMINA}", json=body, headers=auth(AMINA)).status_code == 401
    readonly = TestClient(create_app(store))
    assert readonly.post(f"/api/events/{uid}/accept", json={}, headers=auth(AMINA)).status_code == 403
    assert _trail(store) == [] and events_of(store)[0]["status"] == "unreviewed"
    assert client.get("/api/whoami", headers=auth(BEN)).json() == {"reviewer": "ben"}


def test_a_stale_edit_is_a_409_and_the_trail_names_each_reviewer(store: Any, client: Any) -> None:
    add(store, "a", BOMB, "2023-06-10", killed=15)
    ev = client.get("/api/events").json()["items"][0]
    uid, v = ev["event_id"], ev["version"]
    r = client.patch(f"/api/events/{uid}", json={"version": v, "set": {"fatalities": 16, "actor1": "Al-Shabaab"},
                                                 "reason": "hospital toll"}, headers=auth(AMINA))
    assert r.status_code == 200 and r.json()["version"] == v + 1 and r.json()["status"] == "accepted"
    r = client.patch(f"/api/events/{uid}", json={"version": v, "set": {"fatalities": 17}}, headers=auth(BEN))
    assert r.status_code == 409 and f"version {v + 1}" in r.json()["detail"]
    r = client.patch(f"/api/events/{uid}", json={"set": {"sub_event_type": "Picnic"}}, headers=auth(BEN))
    assert r.status_code == 422 and "sub_event_type" in r.json()["detail"]
    assert client.post("/api/events/evt-000000000000/accept", json={}, headers=auth(BEN)).status_code == 404
    rec = client.get(f"/api/events/{uid}").json()["event"]
    assert rec["fatalities"] == 16 and rec["pinned"] == ["actor1", "fatalities"] and rec["machine"]["fatalities"] == 15
    assert _trail(store) == [("edit", "actor1", "amina", "hospital toll"), ("edit", "fatalities", "amina", "hospital toll")]
    hist = client.get(f"/api/events/{uid}/history").json()
    assert [h["action"] for h in hist] == ["report", "edit", "edit"]


def test_reject_merge_split_and_the_queue(store: Any, client: Any) -> None:
    add(store, "a", BOMB, "2023-06-10", killed=15)
    add(store, "b", RAID, "2023-06-10", sub="Attack", place="Kismayo", killed=4)
    q = client.get("/api/review/queue").json()
    assert q["left"] == 2 and q["reasons"]["single_source"] == 2 and len(q["items"]) == 2
    assert all(it["need"] >= 1 and "single_source" in it["reasons"] for it in q["items"])
    bomb, raid = sorted((it["event"] for it in q["items"]), key=lambda e: e["location"] != "Mogadishu")
    r = client.post(f"/api/events/{raid['event_id']}/reject", json={"version": raid["version"]}, headers=auth(AMINA))
    assert r.status_code == 422  # a reason is required
    r = client.post(f"/api/events/{bomb['event_id']}/merge", json={"other": raid["event_id"], "reason": "one attack"},
                    headers=auth(AMINA))
    assert r.status_code == 200
    assert client.get("/api/review/queue").json()["left"] == 0
    with store.read() as conn:
        arts = sorted(set(conn.execute(sa.select(mentions.c.article_id)).scalars()))
    r = client.post(f"/api/events/{bomb['event_id']}/split", json={"articles": [arts[1]]}, headers=auth(BEN))
    assert r.status_code == 200 and r.json()["new_event_id"]
    new = r.json()["new_event_id"]
    r = client.post(f"/api/events/{new}/reject", json={"reason": "a drill, not an attack"}, headers=auth(BEN))
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    listed = {e["event_id"] for e in client.get("/api/events").json()["items"]}
    assert listed == {bomb["event_id"]}  # the rejected one is hidden
    assert [a for a, *_ in _trail(store)] == ["merge", "merged-into", "split", "split-from", "reject"]
    assert [w for _, _, w, _ in _trail(store)] == ["amina", "amina", "ben", "ben", "ben"]


def test_place_and_actor_choices(store: Any, client: Any) -> None:
    add(store, "a", BOMB, "2023-06-10", killed=15, actor1="Harakat al-Shabaab al-Mujahideen")
    places = client.get("/api/places", params={"q": "Mogad"}).json()
    assert places and places[0]["location"] == "Mogadishu" and places[0]["country"] == "SO"
    assert places[0]["latitude"] is not None and places[0]["place_level"] == "town"
    assert client.get("/api/places", params={"q": "Kaduna", "country": "Nigeria"}).json()[0]["country"] == "NG"
    names = client.get("/api/actors", params={"q": "police", "country": "Somalia"}).json()
    assert "Police Forces of Somalia" in names
    assert "Harakat al-Shabaab al-Mujahideen" in client.get("/api/actors", params={"q": "mujahideen"}).json()
