"""Countries as ACLED writes them, and the one reader of every name a user types for a country.

    name("TR")        -> "Turkey"       ACLED's country name (countries.yaml ``names``, else pycountry)
    numeric("NG")     -> 566            ISO 3166-1 numeric (acled_countries.yaml ``iso_numeric``)
    region("NG")      -> "Western Africa"  ACLED's region (acled_countries.yaml ``regions``)
    lookup("Türkiye") -> "TR"           any name or code -> ISO alpha-2, or None
    named_in_domain("https://nepalnews.com/x") -> "NP"   a country a news site's own name begins with

:func:`lookup` reads what the exports write (ACLED's names, the numeric code) and what people type:
ISO alpha-2/alpha-3/numeric, pycountry's names (name, common and official) and the alternates of
acled_countries.yaml ("Burma", "DRC", "Ivory Coast", "Cabo Verde"), ignoring case, accents and
punctuation. The ``--country`` filter of ``eventwire events``, the HTTP API and the dashboard all
resolve through it (:func:`eventwire.store.query.country_code`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from . import knowledge

__all__ = ["codes", "lookup", "name", "named_in_domain", "norm", "numeric", "region"]

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def norm(value: str) -> str:
    """The lookup key of a name: lower case, accents dropped, punctuation as spaces, no leading "the"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    words = _NOT_WORD.sub(" ", plain.casefold().replace("'", "").replace("’", "")).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    import pycountry

    acled = knowledge.load("acled_countries.yaml")
    names = {str(k): str(v) for k, v in knowledge.load("countries.yaml")["names"].items()}
    numeric = {str(k): int(v) for k, v in acled["iso_numeric"].items()}
    regions = {str(c): str(r) for r, cs in acled["regions"].items() for c in cs}
    keys: dict[str, str] = {}
    for co in pycountry.countries:
        for attr in ("alpha_2", "alpha_3", "name", "common_name", "official_name"):
            v = getattr(co, attr, None)
            if v:
                keys.setdefault(norm(v), co.alpha_2)
    for iso, n in numeric.items():
        keys.setdefault(str(n), iso)
        keys.setdefault(f"{n:03d}", iso)
        keys.setdefault(norm(iso), iso)
    for iso, n in names.items():
        keys[norm(n)] = iso
    for iso, forms in acled["alternates"].items():
        for f in forms:
            keys[norm(str(f))] = str(iso)
    return {"names": names, "numeric": numeric, "regions": regions, "keys": keys}


def name(iso: str | None) -> str | None:
    """ACLED's name of a country (ISO alpha-2): countries.yaml, else pycountry's common name."""
    if not iso:
        return None
    import pycountry

    iso = iso.upper()
    t = _tables()
    if iso in t["names"]:
        return str(t["names"][iso])
    co = pycountry.countries.get(alpha_2=iso)
    if co is None:
        return None
    return getattr(co, "common_name", None) or co.name


def numeric(iso: str | None) -> int | None:
    """ISO 3166-1 numeric code of an alpha-2 code (ACLED's ``iso``), None when unknown."""
    return _tables()["numeric"].get((iso or "").upper())


def region(iso: str | None) -> str | None:
    """ACLED's region of a country ("Western Africa", "Middle East"), None when unknown."""
    return _tables()["regions"].get((iso or "").upper())


def codes() -> list[str]:
    """Every alpha-2 code the tables know (the countries an export may write)."""
    return sorted(_tables()["numeric"])


def lookup(value: str) -> str | None:
    """ISO alpha-2 of a country named or coded any way :mod:`this module <eventwire.countries>`
    reads ("Turkey", "Türkiye", "TUR", "792", "ivory coast"); None when it is none of them."""
    return _tables()["keys"].get(norm(value)) if value and value.strip() else None


MIN_DOMAIN_NAME = 4  # letters of a country name a site's name must begin with ("iraqnews", "nepalnews")
_SKIP_LABELS = {"www", "m", "mobile", "amp", "archive", "news", "en", "english", "the"}


@lru_cache(maxsize=1)
def _domain_names() -> list[tuple[str, str]]:
    """(country name in letters only, ISO), longest first: what a site's name may begin with."""
    import pycountry

    t = _tables()
    out: dict[str, str] = {}
    for co in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(co, attr, None)
            if v:
                out.setdefault(re.sub(r"[^a-z]", "", norm(v)), co.alpha_2)
    for iso, n in t["names"].items():
        out.setdefault(re.sub(r"[^a-z]", "", norm(n)), iso)
    return sorted(((k, v) for k, v in out.items() if len(k) >= MIN_DOMAIN_NAME), key=lambda kv: -len(kv[0]))


def named_in_domain(url: str | None) -> str | None:
    """The country whose name a news site's own name begins with ("archive.nepalnews.com",
    "pakistantoday.com.pk", "thekenyans.co.ke" -> NP, PK, KE), or None: the source's home, a weak
    guess for a story that names no country of its own."""
    from urllib.parse import urlsplit

    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    labels = [x for x in host.split(".")[:-1] if x not in _SKIP_LABELS]  # the TLD aside
    for label in labels:
        label = re.sub(r"^the", "", label.replace("-", ""))
        for k, iso in _domain_names():
            if label.startswith(k):
                return iso
    return None
