"""Import GeoNames dump files into the gazetteer, streaming, with a progress bar.

Recognised by their columns (tab-separated, UTF-8, as downloaded from GeoNames):
- place tables: ``allCountries.txt``, a country file such as ``SY.txt``, ``cities500.txt``
  (19 columns: geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
  feature code, country code, cc2, admin1..admin4, population, elevation, dem, timezone, date);
- ``alternateNamesV2.txt`` / ``alternateNames.txt`` (10 or 8 columns: id, geonameid, language,
  name, ...): names for places already in the gazetteer;
- ``admin1CodesASCII.txt`` (4 columns: "SY.07", name, ascii name, geonameid): admin1 names.

Places of feature classes A (areas), P (populated places), L (regions, parks) and T (mountains,
islands, ...) are kept; other classes (roads, buildings, streams) are skipped. An imported row
replaces the embedded one with the same GeoNames id, so GeoNames' own points win.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..progress import bar
from .gazetteer_db import ALTERNATE, PRIMARY, connect_rw
from .lexicon import is_latin, key

KEEP_CLASSES = frozenset("APLT")
SKIP_LANGS = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "unlc", "tcid", "phon",
                        "piny"})
BATCH = 20000


def _good_name(name: str) -> bool:
    return bool(name) and name[0].isupper() and is_latin(name) and len(key(name)) >= 2


def _lines(path: Path, progress: bool, desc: str) -> Iterator[str]:
    """The file's lines, with a bar on a terminal (bytes read of the file's size, and time left)."""
    with bar(desc, total=path.stat().st_size, unit="B", unit_scale=True, enabled=progress) as shown, \
            open(path, "rb") as f:
        for raw in f:
            shown.update(len(raw))
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise InputError(str(path), f"not UTF-8 text ({e})") from e


def _kind(path: Path) -> str:
    """'places', 'altnames' or 'admin1', from the first data line's columns."""
    try:
        with open(path, encoding="utf-8", errors="strict") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) == 19 and cols[0].isdigit():
                    return "places"
                if len(cols) in (8, 10) and cols[0].isdigit() and cols[1].isdigit():
                    return "altnames"
                if len(cols) == 4 and "." in cols[0] and cols[3].strip().isdigit():
                    return "admin1"
                break
    except UnicodeDecodeError as e:
        raise InputError(str(path), f"not UTF-8 text ({e})") from e
    raise InputError(str(path), "not a GeoNames dump (expected the 19-column place table, "
                                "alternateNames or admin1CodesASCII)")


def _import_places(con, path: Path, progress: bool) -> int:
    places, names, admin = [], [], []
    n = 0
    for lineno, line in enumerate(_lines(path, progress, path.name), 1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 19:
            if line.strip():
                raise InputError(f"{path}:{lineno}", f"expected 19 tab-separated columns, found {len(cols)}")
            continue
        if cols[6] not in KEEP_CLASSES:
            continue
        try:
            gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            pop = int(cols[14] or 0)
        except ValueError as e:
            raise InputError(f"{path}:{lineno}", f"bad number ({e})") from e
        name, fcode, cc, a1 = cols[1], cols[7], cols[8] or None, cols[10] or None
        places.append((gid, name, lat, lon, cols[6], fcode, cc, a1, cols[11] or None, pop, f"geonames:{path.name}"))
        names.append((key(name), gid, name, PRIMARY))
        if cols[2] and cols[2] != name:
            names.append((key(cols[2]), gid, cols[2], ALTERNATE))
        for alt in cols[3].split(",") if cols[3] else []:
            if alt != name and _good_name(alt) and not (alt.isupper() and len(alt) <= 4):
                names.append((key(alt), gid, alt, ALTERNATE))
        if fcode == "ADM1" and cc and a1:
            admin.append((cc, a1, name, gid))
        n += 1
        if len(places) >= BATCH:
            _flush(con, places, names, admin)
    _flush(con, places, names, admin)
    return n


def _flush(con, places: list, names: list, admin: list) -> None:
    if places:
        con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
    if names:
        con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", [r for r in names if r[0]])
    if admin:
        con.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", admin)
    places.clear()
    names.clear()
    admin.clear()


def _import_altnames(con, path: Path, progress: bool) -> int:
    known = {r[0] for r in con.execute("SELECT geonameid FROM places")}
    batch: list[tuple] = []
    n = 0
    for line in _lines(path, progress, path.name):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or not cols[1].isdigit():
            continue
        gid = int(cols[1])
        lang, name = cols[2], cols[3]
        if gid not in known or lang in SKIP_LANGS or not _good_name(name):
            continue
        if len(cols) > 7 and cols[7] == "1":  # historic
            continue
        batch.append((key(name), gid, name, ALTERNATE))
        n += 1
        if len(batch) >= BATCH:
            con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", batch)
            batch.clear()
    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", batch)
    return n


def _import_admin1(con, path: Path, progress: bool) -> int:
    rows = []
    for line in _lines(path, progress, path.name):
        cols = line.rstrip("\n").split("\t")
        if len(cols) == 4 and "." in cols[0]:
            cc, _, code = cols[0].partition(".")
            rows.append((cc, code, cols[1], int(cols[3]) if cols[3].strip().isdigit() else None))
    con.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", rows)
    return len(rows)


def import_files(paths: list[str], db: Path, progress: bool = True) -> int:
    """Import each file into the gazetteer at ``db``; returns the rows imported in all."""
    files = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise InputError(p, "no such file")
        if not os.access(path, os.R_OK):
            raise InputError(p, "cannot be read")
        files.append((path, _kind(path)))
    # places first, so that alternate names find their places
    files.sort(key=lambda pk: {"places": 0, "admin1": 1, "altnames": 2}[pk[1]])
    con = connect_rw(db)
    total = 0
    try:
        for path, kind in files:
            fn = {"places": _import_places, "altnames": _import_altnames, "admin1": _import_admin1}[kind]
            n = fn(con, path, progress)
            con.execute("INSERT OR REPLACE INTO sources VALUES (?, COALESCE((SELECT rows FROM sources "
                        "WHERE source = ?), 0) + ?, ?)",
                        (f"geonames:{path.name}", f"geonames:{path.name}", n, f"GeoNames {kind} from {path}"))
            con.commit()
            total += n
    finally:
        con.close()
    return total
