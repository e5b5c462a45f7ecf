"""Shared fixtures for the WHERE tests: one embedded gazetteer per session, one spaCy model."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from eventwire.where import gazetteer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def gaz_home(tmp_path_factory) -> Path:
    """An EVENTWIRE_HOME with the embedded gazetteer built once for the session (~10-15 s)."""
    home = tmp_path_factory.mktemp("eventwire_home")
    old = os.environ.get("EVENTWIRE_HOME")
    existing = gazetteer.default_path()
    if gazetteer.is_ready(existing):  # another test already built one: copy it rather than rebuild
        shutil.copy(existing, home / existing.name)
    os.environ["EVENTWIRE_HOME"] = str(home)
    gazetteer.reset_cache()
    gazetteer.ensure()
    yield home
    if old is None:
        os.environ.pop("EVENTWIRE_HOME", None)
    else:
        os.environ["EVENTWIRE_HOME"] = old
    gazetteer.reset_cache()


@pytest.fixture(scope="session")
def gaz(gaz_home) -> gazetteer.Gazetteer:
    return gazetteer.get()


@pytest.fixture(scope="session")
def nlp_model():
    from eventwire import nlp

    return nlp.load()


@pytest.fixture
def annotate(gaz, nlp_model):
    """Parse ``text`` and run where.annotate on it; returns the AnnotatedDoc."""
    from eventwire import nlp, where
    from eventwire.record import Article

    def run(text: str, article_id: str = "t1"):
        adoc = next(nlp.parse([Article(article_id, text)]))
        where.annotate(adoc)
        return adoc

    return run
