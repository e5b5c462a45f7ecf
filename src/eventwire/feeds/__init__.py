"""Live feeds: poll RSS/Atom feeds, fetch new articles politely, extract and store their events.

    eventwire watch FEED_URL_OR_LIST... [--db ...] [--every 15m] [--once]
    eventwire watch --status [--db ...]

Modules: :mod:`.feedlist` (``--every``, OPML and plain feed lists; no network), :mod:`.fetch`
(httpx with user agent, timeouts, size limits, robots.txt and per-host delay), :mod:`.state`
(per-feed state in the store: tables ``feeds`` and ``feed_pages``), :mod:`.watch` (rounds); the
command is :mod:`eventwire.cli.feeds`.
"""
