"""Every page in a real headless browser (Debian's chromium through Playwright) with the network to any
other host blocked: a route handler aborts each request whose host is not 127.0.0.1 or localhost, and
each test asserts that none was even attempted. On the store of the samples: the dashboard (facets
with counts that filter when clicked, columns that sort, events without coordinates noted, a bad
filter in the address shown in words), an event page and /docs. Screenshots of the dashboard, the
event page, /docs and a bad-filter page go to $EVENTWIRE_SCREENSHOTS when it names a folder."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from webutil import screenshot, wait_js

from eventwire.store.query import Filters, select

LOOPBACK = {"127.0.0.1", "localhost"}
WEB = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "web"
# XML namespace names: identifiers in SVG markup and in createElementNS, never requested
NAMESPACES = {"http://www.w3.org/2000/svg"}


@dataclass
class Tab:
    """A page whose requests to other hosts are aborted and recorded, with the errors it logged."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    """A fresh tab, offline but for the loopback server; at the end no request may have left it and no
    script error may have happened (a failed API call's "Failed to load resource" is allowed: the
    bad-filter test makes some on purpose, and says what it expects on the page)."""
    t = Tab(browser.new_page())

    def route(r: Any) -> None:
        host = urlsplit(r.request.url).hostname
        if host in LOOPBACK:
            r.continue_()
        else:
            t.blocked.append(r.request.url)
            r.abort()

    t.page.route("**/*", route)
    t.page.on("pageerror", lambda e: t.errors.append(str(e)))
    t.page.on("console", lambda m: t.errors.append(m.text)
              if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    yield t
    t.page.close()
    assert not t.blocked, f"requests to other hosts were attempted: {t.blocked}"
    assert not t.errors, t.errors


def load(page: Any, url: str) -> None:
    """Open the dashboard at ``url`` and wait until table, facets, timeline and map are drawn."""
    page.goto(url)
    wait_loaded(page)


def wait_loaded(page: Any, after: str | None = None) -> None:
    cond = "document.body.dataset.loaded && document.getElementById('map').dataset.markers"
    if after is not None:
        cond += f" && document.body.dataset.loaded != '{after}'"
    wait_js(page, cond)


def table_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#events-table tbody tr", "trs => trs.map(t => t.dataset.eventId)")


def test_the_guard_aborts_and_records_a_request_to_another_host(tab: Tab, live_server: str) -> None:
    tab.page.set_content('<img id="out" src="http://example.org/pixel.png">')  # about:blank: no CSP
    deadline = time.monotonic() + 10
    while not tab.blocked:
        assert time.monotonic() < deadline, "the request to example.org never reached the route handler"
        tab.page.wait_for_timeout(50)
    assert tab.blocked == ["http://example.org/pixel.png"]
    assert tab.page.evaluate("document.getElementById('out').naturalWidth") == 0  # it was not loaded
    tab.blocked.clear()  # attempted on purpose: the other tests must attempt none
    tab.page.goto(live_server + "/openapi.json")
    assert tab.blocked == []


def test_no_template_or_static_file_names_another_host() -> None:
    files = [*(WEB / "templates").glob("*.html"), *(WEB / "static").iterdir()]
    assert len(files) >= 8
    for f in files:
        urls = set(re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'<>)]*", f.read_text()))
        assert urls <= NAMESPACES, (f.name, urls - NAMESPACES)


def test_dashboard_event_page_and_docs_load_with_other_hosts_blocked(tab: Tab, live_server: str,
                                                                     store: Any) -> None:
    page = tab.page
    load(page, live_server + "/")
    assert page.locator("#map svg path").count() > 100  # the offline basemap, from the world-atlas package
    assert page.locator("#facet-list .facet").count() == 4 and page.locator("#error").is_hidden()
    screenshot(page, "dashboard")
    row = next(r for r in select(store, Filters(min_sources=2)))
    page.goto(f"{live_server}/events/{row.uid}")
    page.wait_for_selector("#event-map[data-ready] path.event-marker")
    assert page.locator("mark.evidence").count() >= 3 and page.locator("#event-map svg path").count() > 100
    screenshot(page, "event")
    page.goto(live_server + "/docs")
    params = dict(page.eval_on_selector_all("section.operation", "ss => ss.map(s => [s.querySelector('h2 code')"
                                            ".textContent, [...s.querySelectorAll('table.params td:first-child')]"
                                            ".map(td => td.textContent)])"))
    assert "size" in params["GET /api/facets"] and "country" in params["GET /api/facets"], params
    assert "sort" in params["GET /api/events"]
    screenshot(page, "docs")
    hosts = page.evaluate("performance.getEntriesByType('resource').map(e => new URL(e.name).hostname)")
    assert set(hosts) <= LOOPBACK
    page.goto(live_server + "/review")  # the review queue on a read-only server: no sign-in offered
    wait_js(page, "document.body.dataset.ready")
    assert page.locator("#sign-in").is_hidden() and page.locator("#queue-list").is_hidden()
    hosts = page.evaluate("performance.getEntriesByType('resource').map(e => new URL(e.name).hostname)")
    assert set(hosts) <= LOOPBACK


def facet_values(page: Any, name: str) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        f"#facet-list .facet[data-facet={name}] .facet-value",
        "vs => vs.map(v => ({value: v.dataset.value, count: v.dataset.count, tag: v.tagName,"
        " label: v.querySelector('.facet-label').textContent, active: v.classList.contains('active')}))")


def test_facets_show_counts_and_a_click_filters_the_table(tab: Tab, live_server: str, store: Any) -> None:
    page = tab.page
    load(page, live_server + "/")
    everything = table_ids(page)
    countries = facet_values(page, "country")
    ng = next(v for v in countries if v["value"] == "NG")
    expected = [r.uid for r in select(store, Filters(country="NG"))]
    assert ng["label"] == "Nigeria" and int(ng["count"]) == len(expected) > 1
    assert sum(int(v["count"]) for v in countries) == len(everything)
    assert {"event_type", "actor", "month"} <= set(page.eval_on_selector_all(
        "#facet-list .facet", "fs => fs.map(f => f.dataset.facet)"))
    assert all(int(v["count"]) > 0 for name in ("event_type", "actor", "month") for v in facet_values(page, name))
    before = page.evaluate("document.body.dataset.loaded")
    page.click("#facet-list .facet[data-facet=country] button.facet-value[data-value=NG]")
    wait_loaded(page, before)
    assert parse_qs(urlsplit(page.url).query)["country"] == ["NG"]
    assert table_ids(page) == expected
    assert page.input_value("#filters input[name=country]") == "NG"
    assert [v["value"] for v in facet_values(page, "country")] == ["NG"]
    assert facet_values(page, "country")[0]["active"]
    # a month: the table lists what the facet counted
    month = facet_values(page, "month")[0]
    before = page.evaluate("document.body.dataset.loaded")
    page.click(f"#facet-list .facet[data-facet=month] button.facet-value[data-value='{month['value']}']")
    wait_loaded(page, before)
    q = parse_qs(urlsplit(page.url).query)
    assert q["since"] == [month["value"] + "-01"] and q["country"] == ["NG"]
    assert len(table_ids(page)) == int(month["count"]) > 0
    # clicking the active value again removes its filter
    before = page.evaluate("document.body.dataset.loaded")
    page.click("#facet-list .facet[data-facet=country] button.facet-value.active")
    wait_loaded(page, before)
    assert "country" not in parse_qs(urlsplit(page.url).query)


def column(page: Any, i: int) -> list[str]:
    return page.eval_on_selector_all(f"#events-table tbody tr td:nth-child({i})", "tds => tds.map(t => t.textContent)")


def test_sorting_a_column_reorders_the_rows(tab: Tab, live_server: str, store: Any) -> None:
    page = tab.page
    load(page, live_server + "/")
    newest = table_ids(page)
    before = page.evaluate("document.body.dataset.loaded")
    page.click("#events-table th[data-sort=fatalities] button")
    wait_loaded(page, before)
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["-fatalities"]
    assert page.get_attribute("#events-table th[data-sort=fatalities]", "aria-sort") == "descending"
    killed = [int(k) for k in column(page, 8) if k != "-"]
    assert killed == sorted(killed, reverse=True) and killed[0] >= 12 and len(killed) >= 3
    assert table_ids(page) != newest and sorted(table_ids(page)) == sorted(newest)
    before = page.evaluate("document.body.dataset.loaded")
    page.click("#events-table th[data-sort=actor1] button")
    wait_loaded(page, before)
    actors = [a.lower() for a in column(page, 6)]
    assert actors == sorted(actors) and parse_qs(urlsplit(page.url).query)["sort"] == ["actor1"]
    before = page.evaluate("document.body.dataset.loaded")
    page.click("#events-table th[data-sort=actor1] button")  # again: the other way
    wait_loaded(page, before)
    assert [a.lower() for a in column(page, 6)] == sorted(actors, reverse=True)
    assert page.get_attribute("#events-table th[data-sort=actor1]", "aria-sort") == "descending"


@pytest.mark.parametrize(("query", "words"), [
    ("since=notadate", "since: Input should be a valid date"),
    ("country=Atlantis", "country 'Atlantis': unknown country"),
    ("until=2024-13-01", "until: Input should be a valid date"),
])
def test_a_bad_filter_in_the_address_is_shown_in_words(tab: Tab, live_server: str, query: str, words: str) -> None:
    page = tab.page
    page.goto(f"{live_server}/?{query}")
    wait_js(page, "document.body.dataset.failed && !document.getElementById('error').hidden")
    text = page.inner_text("#error")
    assert text.startswith("These filters cannot be applied: ") and words in text, text
    assert not re.search(r"[{}\[\]]|\"loc\"|\"msg\"", text), text  # no validation JSON
    assert page.locator("#events-table tbody tr").count() == 0 and page.inner_text("#count") == ""
    assert page.is_disabled("#next") and page.is_disabled("#prev")
    if query.startswith("since"):
        assert "(since is the \u201cfrom\u201d field)" in text  # the form's label for the parameter
        screenshot(page, "bad-filter")


def test_an_unknown_parameter_in_the_address_is_named(tab: Tab, live_server: str, store: Any) -> None:
    page = tab.page
    load(page, live_server + "/?date_from=2024-01-01&country=KE")
    note = page.inner_text("#url-note")
    assert "Ignored in the address: date_from" in note and "since" in note
    assert table_ids(page) == [r.uid for r in select(store, Filters(country="KE"))]


def test_events_without_coordinates_are_noted_and_listed(tab: Tab, live_server: str, store: Any) -> None:
    page = tab.page
    load(page, live_server + "/")
    unplaced = [r.uid for r in select(store, Filters()) if r.latitude is None]
    assert len(unplaced) == 1
    assert page.get_attribute("#no-coords", "data-count") == "1"
    assert page.inner_text("#no-coords-note").startswith("1 event has no coordinates and is not on the map: "
                                                         "listed below and in the table")
    links = page.eval_on_selector_all("#no-coords-list a", "as => as.map(a => a.getAttribute('href'))")
    assert links == [f"/events/{unplaced[0]}"]
    marked = page.eval_on_selector_all("#events-table tbody tr.no-coords", "trs => trs.map(t => t.dataset.eventId)")
    assert marked == unplaced and "not on map" in page.inner_text("#events-table tbody tr.no-coords")
    placed = page.get_attribute("#map", "data-markers")
    assert int(placed) + len(unplaced) == len(table_ids(page))
    # a filter with only geocoded events: no note
    before = page.evaluate("document.body.dataset.loaded")
    page.fill("#filters input[name=country]", "NG")
    page.click("#filters button[type=submit]")
    wait_loaded(page, before)
    assert page.locator("#no-coords").is_hidden()


def test_the_timeline_is_to_scale(tab: Tab, live_server: str, client: Any) -> None:
    page = tab.page
    load(page, live_server + "/?interval=month")
    stats = client.get("/api/stats", params={"interval": "month"}).json()
    n = len(stats["periods"])
    assert page.get_attribute("#timeline", "data-periods") == str(n) and n > len(stats["buckets"]) // 2 + 20
    xs = page.eval_on_selector_all("#timeline .bar", "gs => gs.map(g => [g.dataset.period,"
                                   " Number(g.querySelector('rect').getAttribute('x'))])")
    index = {p["period"]: i for i, p in enumerate(stats["periods"])}
    (p0, x0), (p1, x1) = xs[0], xs[-1]
    slot = (x1 - x0) / (index[p1] - index[p0])
    for p, x in xs:  # each bar sits at its period's place on the axis, gaps included
        assert abs(x - (x0 + slot * (index[p] - index[p0]))) < 0.01, (p, x)
    assert "without events" in page.inner_text("#timeline")
