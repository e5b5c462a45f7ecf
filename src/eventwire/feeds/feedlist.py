"""Which feeds to watch and how often: ``--every`` durations and feed-list files (OPML or lines).

    parse_every("15m") -> 900.0        90s, 1h, 1h30m, 2d also work
    read_feed_list(Path("feeds.opml")) -> ["https://...", ...]   every <outline xmlUrl="...">
    read_feed_list(Path("feeds.txt"))  -> one URL per line; blank lines and # comments ignored
    resolve_feeds(["https://a/rss", "more.txt"]) -> the URLs, files expanded, duplicates dropped

Nothing here touches the network (the CLI parser may import it freely).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import EventwireError, InputError

_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(sec|min|s|m|h|d)", re.I)
MIN_EVERY = 10.0  # seconds: anything faster is not a polite polling interval


def parse_every(value: str) -> float:
    """``15m`` / ``1h`` / ``90s`` / ``1h30m`` -> seconds. A bare number is minutes."""
    text = value.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        seconds = float(text) * 60
    else:
        parts = _PART.findall(text)
        if not parts or _PART.sub("", text).strip():
            raise EventwireError(f"--every {value!r}: expected a duration such as 90s, 15m, 1h or 1h30m")
        seconds = sum(float(n) * _UNITS[u] for n, u in parts)
    if seconds < MIN_EVERY:
        raise EventwireError(f"--every {value!r}: at least {MIN_EVERY:g}s between rounds, please")
    return seconds


def format_seconds(seconds: float) -> str:
    """900 -> '15m', 5400 -> '1h30m', 90 -> '1m30s'."""
    s = int(round(seconds))
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if s >= size:
            out.append(f"{s // size}{unit}")
            s %= size
    return "".join(out) or "0s"


def is_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def read_feed_list(path: Path) -> list[str]:
    """The feed URLs in an OPML file (``xmlUrl`` of every outline) or a plain list (one per line)."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot read the feed list ({e.strerror or e})") from e
    text = data.decode("utf-8-sig", errors="replace")
    if text.lstrip().startswith("<"):
        return _opml(name, data)
    urls = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = re.split(r"\s+#", line, maxsplit=1)[0].strip()  # trailing comment
        if not is_url(line):
            raise InputError(f"{name}:{n}", f"not an http(s) feed URL: {line!r}")
        urls.append(line)
    return urls


def _opml(name: str, data: bytes) -> list[str]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise InputError(name, f"not a valid OPML/XML file ({e})") from e
    urls = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag.rsplit("}", 1)[-1].lower() != "outline":
            continue
        attrs = {k.lower(): v for k, v in el.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if url:
            if not is_url(url):
                raise InputError(name, f"outline {attrs.get('text') or attrs.get('title') or ''!r}: "
                                       f"not an http(s) feed URL: {url!r}")
            urls.append(url)
    if not urls:
        raise InputError(name, "no <outline xmlUrl=...> feeds in the OPML file")
    return urls


def resolve_feeds(items: Iterable[str], files: Iterable[str] = ()) -> list[str]:
    """Feed URLs from the command line: URLs as they are, other arguments read as feed-list files."""
    out: list[str] = []
    for item in items:
        if is_url(item):
            out.append(item.strip())
        elif Path(item).is_file():
            out.extend(read_feed_list(Path(item)))
        else:
            raise InputError(item, "neither an http(s) feed URL nor a feed-list file")
    for f in files:
        out.extend(read_feed_list(Path(f)))
    return list(dict.fromkeys(out))
