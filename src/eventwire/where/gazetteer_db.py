"""The gazetteer's SQLite file: its tables, the kinds of names, a read-write connection, readiness.

Shared by :mod:`.gazetteer` (lookups), :mod:`.build` (the embedded gazetteer) and :mod:`.geonames`
(imported dumps), none of which needs another to open the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = "7"  # bump when the build changes: older files are rebuilt on first use

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL, fclass TEXT, fcode TEXT,
    country TEXT, admin1 TEXT, admin2 TEXT, population INTEGER DEFAULT 0, source TEXT);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, geonameid INTEGER NOT NULL, name TEXT NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin1 (
    country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, geonameid INTEGER,
    PRIMARY KEY (country, code));
CREATE TABLE IF NOT EXISTS demonyms (key TEXT PRIMARY KEY, geonameid INTEGER NOT NULL, name TEXT);
CREATE TABLE IF NOT EXISTS sources (source TEXT PRIMARY KEY, rows INTEGER, detail TEXT);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE INDEX IF NOT EXISTS places_country ON places (country, fcode);
CREATE INDEX IF NOT EXISTS names_place ON names (geonameid);
"""

# names.kind: how a name belongs to its place
PRIMARY, ALTERNATE, ALIAS = 0, 1, 2


def connect_rw(path: Path) -> sqlite3.Connection:
    """A read-write connection with the schema in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(path))
    con.executescript(SCHEMA)
    return con


def is_ready(path: Path) -> bool:
    """Does a complete gazetteer of the current build version exist at ``path``?"""
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT v FROM meta WHERE k = 'schema'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == SCHEMA_VERSION
