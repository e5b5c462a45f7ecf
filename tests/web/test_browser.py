"""The dashboard in a real headless browser (Debian's chromium through Playwright): markers on the map,
filters that change the table and the URL, a shareable URL, the timeline, the evidence marks on an
event page, and a screenshot of the dashboard when $EVENTWIRE_SCREENSHOTS names a folder."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from webutil import browser_unavailable, screenshot, serving, wait_js

from eventwire.store.query import Filters, select


def wait_loaded(page: Any) -> None:
    """Until the table, timeline and map have been drawn from the API."""
    wait_js(page, "document.body.dataset.loaded && document.getElementById('map').dataset.markers")


def rows(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#events-table tbody tr", "trs => trs.map(t => ({id: t.dataset.eventId, country: t.dataset.country}))")


@pytest.mark.parametrize("ci, outcome", [("true", "failed"), ("1", "failed"), ("", "skipped"),
                                         ("false", "skipped")])
def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch, ci: str,
                                                           outcome: str) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises((pytest.fail.Exception, pytest.skip.Exception)) as e:
        browser_unavailable("Debian's chromium is not installed")
    got = "failed" if isinstance(e.value, pytest.fail.Exception) else "skipped"
    assert got == outcome and "Debian's chromium is not installed" in str(e.value)


def test_dashboard_map_shows_markers_and_saves_a_screenshot(page: Any, live_server: str, store: Any) -> None:
    page.goto(live_server + "/")
    wait_loaded(page)
    n_geocoded = sum(1 for r in select(store, Filters()) if r.latitude is not None)
    assert int(page.get_attribute("#map", "data-markers")) == n_geocoded > 5
    # every event is on the map: as a marker of its own or inside a cluster's count
    page.wait_for_selector("path.event-marker, .marker-cluster")
    singles = page.locator("path.event-marker").count()
    clustered = sum(int(t) for t in page.locator(".marker-cluster span").all_inner_texts())
    assert singles + clustered == n_geocoded
    assert page.locator("#map svg path").count() > 100  # the offline basemap's country borders
    assert page.locator("#timeline svg .bar rect.part").count() > 0
    assert len(rows(page)) == len(list(select(store, Filters())))
    screenshot(page, "dashboard-map")


def test_filter_changes_the_table_and_the_url(page: Any, live_server: str, store: Any) -> None:
    page.goto(live_server + "/")
    wait_loaded(page)
    before = rows(page)
    page.fill("#filters input[name=country]", "NG")
    page.select_option("#filters select[name=type]", "Explosions/Remote violence")
    page.click("#filters button[type=submit]")
    wait_js(page, f"document.querySelectorAll('#events-table tbody tr').length < {len(before)}")
    wait_loaded(page)
    q = parse_qs(urlparse(page.url).query)
    assert q["country"] == ["NG"] and q["type"] == ["Explosions/Remote violence"]
    expected = [r.uid for r in select(store, Filters(country="NG", type="Explosions/Remote violence"))]
    assert [r["id"] for r in rows(page)] == expected and expected
    assert "country=NG" in page.get_attribute("#export-csv", "href")
    assert "country=NG" in page.get_attribute("#export-geojson", "href")
    assert int(page.get_attribute("#map", "data-markers")) == len(expected)


def test_a_shared_url_restores_the_view(page: Any, live_server: str, store: Any) -> None:
    page.goto(live_server + "/?type=Protests&since=2020-01-01")
    wait_loaded(page)
    assert page.input_value("#filters select[name=type]") == "Protests"
    assert page.input_value("#filters input[name=since]") == "2020-01-01"
    expected = [r.uid for r in select(store, Filters(type="Protests", since="2020-01-01"))]
    wait_js(page, f"document.querySelectorAll('#events-table tbody tr').length == {len(expected)}")
    assert [r["id"] for r in rows(page)] == expected and expected


def test_timeline_bar_filters_by_its_period(page: Any, live_server: str) -> None:
    page.goto(live_server + "/?interval=month")
    wait_loaded(page)
    bar = page.locator("#timeline .bar").first
    period = bar.get_attribute("data-period")
    loaded = page.evaluate("document.body.dataset.loaded")
    bar.click()
    wait_js(page, f"document.body.dataset.loaded != '{loaded}'")
    q = parse_qs(urlparse(page.url).query)
    assert q["since"] == [period + "-01"] and q["until"][0].startswith(period)
    dates = page.eval_on_selector_all("#events-table tbody tr td:first-child", "tds => tds.map(t => t.textContent)")
    assert dates and all(d.startswith(period) for d in dates)


def test_event_page_highlights_evidence_and_runs_no_article_markup(page: Any, live_server: str,
                                                                     store: Any) -> None:
    from eventwire.api.data import detail

    row = next(r for r in select(store, Filters(text="livestock market")) if r.fatalities_best)
    evidence = {e["text"] for m in detail(store, row)["mentions"] for e in m["evidence"]}
    page.goto(f"{live_server}/events/{row.uid}")
    page.wait_for_selector("#event-map[data-ready] path.event-marker")  # its place, on a map
    marks = page.locator("mark.evidence")
    assert marks.count() >= 5
    texts = " ".join(" ".join(marks.all_inner_texts()).split())
    assert all(" ".join(t.split()) in texts for t in evidence if " " not in t), evidence  # one-word values
    assert any(" " in t for t in evidence) and all(t.split()[0] in texts for t in evidence)
    backgrounds = page.eval_on_selector_all("mark.evidence", "ms => ms.map(m => getComputedStyle(m).backgroundColor)")
    assert not {"rgba(0, 0, 0, 0)", "transparent"} & set(backgrounds)
    markup = next(r for r in select(store, Filters(text="window.__pwned")))
    page.goto(f"{live_server}/events/{markup.uid}")
    assert "<script>window.__pwned=1</script>" in page.inner_text(".article-text")
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator(".article-text img, .article-text script").count() == 0


def test_online_tiles_are_used_when_configured(page: Any, store: Any) -> None:
    from eventwire.api.app import create_app

    app = create_app(store, tiles="/static/favicon.svg?z={z}&x={x}&y={y}", tiles_attribution="Test <tiles>")
    with serving(app) as url:
        page.goto(url + "/")
        wait_loaded(page)
        page.wait_for_selector("img.leaflet-tile")
        srcs = page.eval_on_selector_all("img.leaflet-tile", "imgs => imgs.map(i => i.src)")
        assert srcs and all(s.startswith(url + "/static/favicon.svg?z=") for s in srcs)
        assert "Test <tiles>" in page.inner_text(".leaflet-control-attribution")
        assert page.locator("#map.offline-basemap").count() == 0


def test_only_map_view_limits_the_table_to_the_map(page: Any, live_server: str, store: Any) -> None:
    page.goto(live_server + "/?inview=1")
    wait_loaded(page)
    page.evaluate("state.map.fitBounds([[6.5, 5.5], [12.5, 9.5]], {animate: false})")  # central Nigeria
    # until the table of the new view is drawn: the view's bbox is in the URLs, the last request is done
    wait_js(page, """() => {
        const b = new URL(document.getElementById('export-csv').href).searchParams.get('bbox');
        return b && (Number(b.split(',')[2]) - Number(b.split(',')[0])) < 40
            && document.body.dataset.loaded === String(state.seq);
    }""")
    got = rows(page)
    expected = [r.uid for r in select(store, Filters()) if r.latitude is not None
                and 5.5 <= r.longitude <= 9.5 and 6.5 <= r.latitude <= 12.5]
    assert expected and len(expected) < len(list(select(store, Filters())))
    bbox = parse_qs(urlparse(page.get_attribute("#export-csv", "href")).query)["bbox"][0]
    w, s, e, n = map(float, bbox.split(","))
    assert w <= 5.5 and s <= 6.5 and e >= 9.5 and n >= 12.5  # the view contains the bounds asked for
    assert set(expected) <= {r["id"] for r in got}
    in_view = [r.uid for r in select(store, Filters()) if r.latitude is not None
               and w <= r.longitude <= e and s <= r.latitude <= n]
    assert [r["id"] for r in got] == in_view and len(in_view) < len(list(select(store, Filters())))
