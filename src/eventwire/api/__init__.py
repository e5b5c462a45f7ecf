"""The HTTP API and web dashboard of ``eventwire serve`` (FastAPI; see :mod:`.app`, :mod:`.routes`).

Imported only by ``eventwire serve`` and its tests: the rest of eventwire does not need FastAPI.
"""
