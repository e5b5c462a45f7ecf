"""A review session in a real browser (Debian's chromium): sign in with a reviewer's token, accept and
reject from the queue with the keyboard, correct fields, split a report off and merge two events on
their pages; then every article is ingested again and re-coded, and every decision is still there."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from webutil import ARTICLES, SAMPLES, ingest_files, screenshot, serving, wait_js

TOKEN = "amina-review-token-0123456789"


@pytest.fixture
def review_server(web_db: str, tmp_path: Path) -> Iterator[tuple[str, Any, str]]:
    """A writable copy of the web store, served with one reviewer's token: (url, store, db path)."""
    from eventwire.api.app import create_app
    from eventwire.store import open_store

    db = str(tmp_path / "review.db")
    with sqlite3.connect(web_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    st = open_store(db)
    try:
        with serving(create_app(st, reviewers={TOKEN: "amina"})) as url:
            yield url, st, db
    finally:
        st.close()


def _event(store: Any, uid: str) -> Any:
    from eventwire.store.schema import events

    with store.read() as conn:
        return conn.execute(sa.select(events).where(events.c.uid == uid)).first()


def _queue_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#queue-list li", "lis => lis.map(l => l.dataset.eventId)")


def _sign_in(page: Any) -> None:
    page.fill("#sign-in input[name=token]", TOKEN)
    page.click("#sign-in button[type=submit]")
    page.wait_for_selector("#reviewer-name:has-text('amina')")


def test_a_review_session_survives_reingest_and_recode(page: Any, review_server: tuple[str, Any, str]) -> None:
    from eventwire.store.ingest import recode
    from eventwire.store.query import Filters, select

    url, store, db = review_server
    page.goto(url + "/review")
    wait_js(page, "document.body.dataset.ready")
    _sign_in(page)
    page.wait_for_selector("#queue-list li")
    ids = _queue_ids(page)
    left = len(ids)
    assert left == len(list(select(store, Filters(status="unreviewed")))) > 4
    accepted, rejected = ids[0], ids[2]
    page.keyboard.press("a")  # accept the first
    wait_js(page, f"!document.querySelector('#queue-list li[data-event-id=\"{accepted}\"]')")
    page.keyboard.press("j")  # skip one
    wait_js(page, f"document.querySelector('#queue-list li.current').dataset.eventId == '{rejected}'")
    page.keyboard.press("r")  # reject it: a reason first
    page.fill("#reject-form input[name=reason]", "a strike, not political violence")
    page.keyboard.press("Enter")
    wait_js(page, f"!document.querySelector('#queue-list li[data-event-id=\"{rejected}\"]')")
    assert page.inner_text("#queue-left").startswith(f"{left - 2} event(s)")
    assert not page.is_visible("#reject-form")  # the reason asked for is put away
    page.fill("#queue-filters input[name=country]", "Nigeria")  # the queue under a filter
    page.click("#queue-filters button[type=submit]")
    n_ng = len(list(select(store, Filters(status="unreviewed", country="NG"))))
    wait_js(page, f"document.querySelectorAll('#queue-list li').length == {n_ng}")
    assert "country=Nigeria" in page.url and page.inner_text("#queue-left").startswith(f"{n_ng} event(s)")
    screenshot(page, "review-queue")

    # correct the two-source attack's fields on its page, then split the later report off
    two = next(r for r in select(store, Filters()) if r.n_sources == 2)
    page.goto(url + "/events/" + two.uid)
    wait_js(page, "document.querySelector('article.event').dataset.reviewReady")
    page.fill("#edit-form input[name=actor1]", "Boko Haram")
    page.fill("#edit-form input[name=fatalities]", "12")
    page.select_option("#edit-form select[name=fatalities_qualifier]", "at least")
    page.fill("#edit-form input[name=reason]", "the hospital's count")
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector("#review-message:has-text('Saved')")
    page.wait_for_selector("#history li[data-action=edit]")
    row = _event(store, two.uid)
    assert row.actor1 == "Boko Haram" and row.fatalities_best == 12 and row.status == "accepted"
    assert row.record["fatalities_qualifier"] == "at least"
    page.check("input.split-article >> nth=1")
    page.click("#split-form button[type=submit]")
    page.wait_for_selector("#split-result:not([hidden])")
    split_uid = page.inner_text("#split-result")
    assert _event(store, two.uid).n_sources == 1 and _event(store, split_uid).n_sources == 1
    screenshot(page, "review-event")

    # merge one unreviewed event into another on the first one's page
    rest = [r.uid for r in select(store, Filters(status="unreviewed")) if r.uid != split_uid]
    keep, gone = rest[0], rest[1]
    page.goto(url + "/events/" + keep)
    wait_js(page, "document.querySelector('article.event').dataset.reviewReady")
    page.fill("#merge-form input[name=other]", gone)
    page.click("#merge-form button[type=submit]")
    page.wait_for_selector("#review-message:has-text('Merged')")
    assert _event(store, gone) is None

    before = {r.uid: (r.status, r.actor1, r.fatalities_best, r.n_sources)
              for r in select(store, Filters(status="all", historical=True))}
    # every article again (nothing changes: each is already stored), then a re-code of all of them
    ingest_files(db, [*SAMPLES, ARTICLES])
    outcomes = list(recode(store))
    assert outcomes and all(o.status == "recoded" for o in outcomes)
    after = {r.uid: (r.status, r.actor1, r.fatalities_best, r.n_sources)
             for r in select(store, Filters(status="all", historical=True))}
    for uid in (accepted, rejected, two.uid, split_uid, keep):
        assert after[uid] == before[uid], uid
    assert after[rejected][0] == "rejected" and after[accepted][0] == "accepted"
    assert after[two.uid][1:3] == ("Boko Haram", 12) and gone not in after
    assert rejected not in {r.uid for r in select(store, Filters())}
