"""The gazetteer: an indexed SQLite file of GeoNames places and their names.

    default_path()            -> $EVENTWIRE_HOME/gazetteer.sqlite (else ~/.cache/eventwire/...)
    get(path=None)            -> an open, read-only :class:`Gazetteer` (built on first use;
                                 one connection per process, safe to share between threads)
    build(path=None, force)   -> (re)build the embedded gazetteer
    import_geonames(paths)    -> load GeoNames dumps (allCountries.txt, SY.txt, alternateNamesV2.txt)
    info(path=None)           -> row counts and sources

The default gazetteer is built from data shipped in PyPI packages (see :mod:`.build`); imported
GeoNames dumps are added to the same file and used by the next lookup.

Tables: ``places`` (one row per GeoNames id), ``names`` (name key -> id, the key being
:func:`eventwire.where.lexicon.key`), ``admin1`` (admin1 code -> name), ``demonyms`` (adjective
key -> id) and ``sources`` (what was loaded): see :mod:`.gazetteer_db`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import compare
from ..errors import SetupError
from .gazetteer_db import ALIAS as ALIAS
from .gazetteer_db import ALTERNATE as ALTERNATE
from .gazetteer_db import PRIMARY as PRIMARY
from .gazetteer_db import SCHEMA as SCHEMA
from .gazetteer_db import SCHEMA_VERSION as SCHEMA_VERSION
from .gazetteer_db import connect_rw as connect_rw
from .gazetteer_db import is_ready as is_ready

FILENAME = "gazetteer.sqlite"
COUNTRY_CODES = ("PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR")

@dataclass(frozen=True)
class Entry:
    """One gazetteer place."""

    geonameid: int
    name: str
    latitude: float | None
    longitude: float | None
    feature_class: str | None
    feature_code: str | None
    country: str | None
    admin1: str | None  # admin1 code ("07")
    admin1_name: str | None
    population: int

    @property
    def is_country(self) -> bool:
        return self.feature_code in COUNTRY_CODES

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country


def km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two places (1e9 when one has no point): compare.km."""
    d = compare.km(a.latitude, a.longitude, b.latitude, b.longitude)
    return 1e9 if d is None else d


def default_path() -> Path:
    """Where the gazetteer lives: ``$EVENTWIRE_HOME/gazetteer.sqlite`` or ``~/.cache/eventwire/``."""
    home = os.environ.get("EVENTWIRE_HOME")
    base = Path(home).expanduser() if home else Path.home() / ".cache" / "eventwire"
    return base / FILENAME


_PLACE_COLS = "p.geonameid, p.name, p.lat, p.lon, p.fclass, p.fcode, p.country, p.admin1, p.population, a.name"
_ADMIN1_JOIN = "LEFT JOIN admin1 a ON a.country = p.country AND a.code = p.admin1"
_PLACE_FROM = f"places p {_ADMIN1_JOIN}"


class Gazetteer:
    """Read-only lookups in a gazetteer file (safe to share between threads)."""

    def __init__(self, path: Path):
        self.path = path
        uri = f"file:{path}?mode=ro"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._country_cache: dict[str, Entry | None] = {}
        self._names_cache: dict[int, tuple[str, ...]] = {}

    def _rows(self, sql: str, args: Iterable[Any] = ()) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, tuple(args)).fetchall()

    @staticmethod
    def _entry(r: tuple) -> Entry:
        return Entry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[9], r[8] or 0)

    def lookup(self, keys: Iterable[str]) -> dict[str, list[tuple[Entry, int]]]:
        """All places for each name key: ``{key: [(entry, kind), ...]}`` (kind 0 = primary name)."""
        out: dict[str, list[tuple[Entry, int]]] = {}
        for r in self._keyed("SELECT n.key, n.kind, {cols} FROM names n JOIN places p "
                             "ON p.geonameid = n.geonameid {join} WHERE n.key IN ({marks})", keys):
            out.setdefault(r[0], []).append((self._entry(r[2:]), r[1]))
        return out

    def _keyed(self, template: str, keys: Iterable[str]) -> Iterator[tuple]:
        """The rows of ``template`` for every key, asked in chunks of 500 (SQLite's bound-variable limit)."""
        uniq = sorted({k for k in keys if k})
        for i in range(0, len(uniq), 500):
            chunk = uniq[i : i + 500]
            sql = template.format(cols=_PLACE_COLS, join=_ADMIN1_JOIN, marks=",".join("?" * len(chunk)))
            yield from self._rows(sql, chunk)

    def search(self, text: str, country: str | None = None, limit: int = 10) -> list[Entry]:
        """Places whose name (or alternate name) starts with ``text`` (compared by name key), the most
        populous first, countries and first-level areas included: what a reviewer picks from."""
        from .lexicon import key

        k = key(text)
        if not k:
            return []
        sql = (f"SELECT DISTINCT {_PLACE_COLS} FROM names n JOIN places p ON p.geonameid = n.geonameid "
               f"{_ADMIN1_JOIN} WHERE n.key >= ? AND n.key < ?" + (" AND p.country = ?" if country else "")
               + " ORDER BY n.key = ? DESC, p.population DESC LIMIT ?")
        args: list[Any] = [k, k + "\U0010ffff", *([country] if country else []), k, int(limit)]
        return [self._entry(r) for r in self._rows(sql, args)]

    def get(self, geonameid: int) -> Entry | None:
        rows = self._rows(f"SELECT {_PLACE_COLS} FROM {_PLACE_FROM} WHERE p.geonameid = ?", [geonameid])
        return self._entry(rows[0]) if rows else None

    def country(self, code: str) -> Entry | None:
        """The country entry for an ISO alpha-2 code."""
        if code not in self._country_cache:
            marks = ",".join("?" * len(COUNTRY_CODES))
            rows = self._rows(
                f"SELECT {_PLACE_COLS} FROM {_PLACE_FROM} WHERE p.country = ? AND p.fcode IN ({marks}) "
                "ORDER BY p.fcode = 'PCLI' DESC, p.population DESC LIMIT 1", [code, *COUNTRY_CODES])
            self._country_cache[code] = self._entry(rows[0]) if rows else None
        return self._country_cache[code]

    def capital(self, code: str) -> Entry | None:
        """The capital city (GeoNames PPLC) of the country with ISO alpha-2 ``code``."""
        rows = self._rows(f"SELECT {_PLACE_COLS} FROM {_PLACE_FROM} WHERE p.country = ? AND p.fcode = 'PPLC' "
                          "ORDER BY p.population DESC LIMIT 1", [code])
        return self._entry(rows[0]) if rows else None

    def demonyms(self, keys: Iterable[str]) -> dict[str, Entry]:
        """Demonym key -> the country/continent entry it names."""
        return {r[0]: self._entry(r[1:]) for r in self._keyed(
            "SELECT d.key, {cols} FROM demonyms d JOIN places p ON p.geonameid = d.geonameid {join} "
            "WHERE d.key IN ({marks})", keys)}

    def names_of(self, geonameid: int, limit: int = 12) -> list[str]:
        """The place's names, primary first, then aliases and alternates (shortest first)."""
        if geonameid in self._names_cache:
            return list(self._names_cache[geonameid])
        rows = self._rows("SELECT name, kind FROM names WHERE geonameid = ?", [geonameid])
        rows.sort(key=lambda r: (r[1] != PRIMARY, r[1] != ALIAS, len(r[0]), r[0]))
        seen: list[str] = []
        for name, _ in rows:
            if name not in seen:
                seen.append(name)
        if len(self._names_cache) > 50_000:
            self._names_cache.clear()
        self._names_cache[geonameid] = tuple(seen[:limit])
        return seen[:limit]

    def admin_names(self, geonameid: int) -> tuple[str | None, str | None]:
        """(admin2, admin3): the names of the second- and third-order areas the place lies in, where the
        gazetteer knows them (an ADM2/ADM3 place names its own level; a place with an admin2 code names
        that area), else None."""
        rows = self._rows("SELECT fcode, name, country, admin1, admin2 FROM places WHERE geonameid = ?", [geonameid])
        if not rows:
            return None, None
        fcode, name, cc, a1, a2 = rows[0]
        if fcode == "ADM2":
            return name, None
        admin3 = name if fcode == "ADM3" else None
        if not a2:
            return None, admin3
        found = self._rows("SELECT name FROM places WHERE country = ? AND fcode = 'ADM2' AND admin1 IS ? "
                           "AND admin2 = ? ORDER BY population DESC LIMIT 1", [cc, a1, a2])
        return (found[0][0] if found else None), admin3

    def counts(self) -> dict[str, int]:
        return {t: self._rows(f"SELECT COUNT(*) FROM {t}")[0][0]
                for t in ("places", "names", "admin1", "demonyms")}

    def sources(self) -> list[dict[str, Any]]:
        return [{"source": s, "rows": n, "detail": d}
                for s, n, d in self._rows("SELECT source, rows, detail FROM sources ORDER BY source")]

    def close(self) -> None:
        self._con.close()


def ensure(path: Path | None = None) -> Path:
    """The gazetteer file, built from the packaged data first when it does not exist yet."""
    path = Path(path) if path else default_path()
    if not is_ready(path):
        from .build import build

        build(path)
    return path


@lru_cache(maxsize=4)
def _open(path: str, pid: int) -> Gazetteer:
    return Gazetteer(Path(path))


def get(path: Path | None = None) -> Gazetteer:
    """The open gazetteer at ``path`` (default: :func:`default_path`), built on first use.

    One read-only connection per process (a forked worker opens its own)."""
    p = ensure(path)
    try:
        return _open(str(p.resolve()), os.getpid())
    except sqlite3.Error as e:  # pragma: no cover - a damaged file
        raise SetupError(f"cannot open the gazetteer {p}: {e}") from e


def reset_cache() -> None:
    """Forget open gazetteers (after replacing the file)."""
    _open.cache_clear()


def build(path: Path | None = None, force: bool = False) -> Path:
    """(Re)build the embedded gazetteer from the installed packages' data.

    ``force`` rebuilds even when a gazetteer exists (imported GeoNames dumps are then dropped:
    import them again).
    """
    from .build import build as _build

    p = Path(path) if path else default_path()
    out = _build(p, force=force)
    _open.cache_clear()
    return out


def info(path: Path | None = None) -> dict[str, Any]:
    """A summary: path, file size, row counts per table and the sources loaded."""
    g = get(path)
    return {"path": str(g.path), "bytes": g.path.stat().st_size, "counts": g.counts(), "sources": g.sources()}


def import_geonames(paths: list[str], db_path: Path | None = None, progress: bool = True) -> int:
    """Load GeoNames dump files into the gazetteer; returns the rows imported (see :mod:`.geonames`)."""
    from .geonames import import_files

    target = ensure(db_path)
    n = import_files(paths, target, progress=progress)
    _open.cache_clear()
    return n
