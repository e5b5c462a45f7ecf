"""Measured figures for hostile feeds (not a test): PYTHONPATH=src python tests/reliability/bench_feeds.py

How long a 100 MB streamed feed takes to be aborted at the 10 MB limit, with the peak memory traced
meanwhile and how much the server got to send; and when a one-byte-a-second drip is cut off by a
5 s deadline although each byte comes well within the 15 s read timeout.
"""

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feeds"))
from feedsite import Site  # noqa: E402

from eventwire.feeds.fetch import Fetcher, FetchError  # noqa: E402
from eventwire.feeds.guard import AddressPolicy  # noqa: E402

MiB = 2**20


def fetcher(**kw: float) -> Fetcher:
    return Fetcher(trust_env=False, min_delay=0, robots=False, policy=AddressPolicy.parse("127.0.0.1"), **kw)


def main() -> None:
    site = Site()
    site.route("/huge.xml", stream_bytes=100 * MiB, content_type="application/rss+xml")
    site.route("/drip.xml", b"<rss>" + b"x" * 100 + b"</rss>", drip=1.0)
    try:
        with fetcher() as f:
            tracemalloc.start()
            t = time.monotonic()
            try:
                f.get(site.url("/huge.xml"), 10 * MiB)
            except FetchError as e:
                peak = tracemalloc.get_traced_memory()[1]
                print(f"100 MB stream, 10 MB limit: {e.reason}; {time.monotonic() - t:.2f} s, "
                      f"peak {peak / MiB:.1f} MiB traced, server sent {site.sent['/huge.xml'] / MiB:.0f} MiB")
            tracemalloc.stop()
        with fetcher(read_timeout=15, total_timeout=5) as f:
            t = time.monotonic()
            try:
                f.get(site.url("/drip.xml"), MiB)
            except FetchError as e:
                print(f"1 B/s drip, read timeout 15 s, deadline 5 s: {e.reason}; {time.monotonic() - t:.2f} s")
    finally:
        site.close()


if __name__ == "__main__":
    main()
