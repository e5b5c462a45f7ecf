"""Fixtures of the feed tests: a local HTTP server (see :mod:`feedsite`) and stores on both back ends.

    site        an empty Site on 127.0.0.1 (routes added by the test)
    news_site   the Sahel Ledger: robots.txt, an RSS feed with ETag, three article pages
    db_url      a --db naming an empty store: a SQLite file, and a fresh PostgreSQL schema when
                EVENTWIRE_TEST_PG_URL is set and answers (else that variant skips and says why)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from feedsite import Site


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


@pytest.fixture
def news_site(site: Site) -> Site:
    """The Sahel Ledger: an RSS feed (with ETag) of two articles, a robots.txt, and its pages."""
    site.route("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.route("/feeds/rss.xml", site.fixture("rss.xml"), content_type="application/rss+xml; charset=utf-8",
               etag='"rss-v1"')
    site.route("/news/2026/11/kano-traders", site.fixture("kano-traders.html"))
    site.route("/news/2026/11/kaduna-attack", site.fixture("kaduna-attack.html"))
    site.route("/news/2026/11/nairobi-teachers", site.fixture("nairobi-teachers.html"))
    return site


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "watch.db")
    else:
        yield request.getfixturevalue("fresh_pg_url")  # tests/conftest.py: a schema of its own
