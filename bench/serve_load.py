#!/usr/bin/env python3
"""Load on ``eventwire serve``: latency and errors under concurrent clients, and the time to stop.

    .venv/bin/python bench/serve_load.py [--requests 2000] [--concurrency 20] [--db STORE] [--json]

Starts ``eventwire serve`` as a real process on a free loopback port over a small store (``--db``,
else a temporary SQLite store of samples/ and tests/web/articles.jsonl, coded once: about half a
minute), then sends ``--requests`` GETs from ``--concurrency`` threads (stdlib http.client, one
keep-alive connection per thread) across a mix of endpoints: the event list with filters, one
event, aggregates, articles, GeoJSON and CSV exports, the dashboard, the API reference, an asset,
and bad requests that must be 422/404 (counted as errors only when another status comes back).
Prints p50/p90/p99/max latency per request and overall, the error rate, the throughput, and how
long the server takes to exit after SIGTERM with the clients' keep-alive connections still open.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# (path, expected status): weights by repetition
MIX = [
    ("/api/events?limit=50", 200), ("/api/events?limit=50", 200), ("/api/events?country=NG&limit=50", 200),
    ("/api/events?type=Battles&since=2024-01-01", 200), ("/api/events?actor=police&offset=5&limit=5", 200),
    ("/api/events?text=market", 200), ("/api/stats?interval=auto", 200), ("/api/stats?by=country", 200),
    ("/api/events.geojson?limit=5000", 200), ("/api/events.csv", 200), ("/api/articles?limit=20", 200),
    ("/api/meta", 200), ("/", 200), ("/docs", 200), ("/static/dashboard.js", 200),
    ("/api/events?since=2024-13-01", 422), ("/api/events?country=' OR 1=1 --", 422),
    ("/static/%2e%2e/%2e%2e/etc/passwd", 404),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_store(path: str) -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "web")]
    from webutil import ARTICLES, SAMPLES, ingest_files

    ingest_files(path, [*SAMPLES, ARTICLES])


def start(db: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "EVENTWIRE_TOKEN": "", "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", db, "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            sys.exit(f"serve_load: eventwire serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/api/meta")
            c.getresponse().read()
            c.close()
            return proc
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("serve_load: eventwire serve did not answer within 60 s")
            time.sleep(0.1)


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def load(port: int, n: int, conc: int) -> tuple[dict[str, list[float]], list[str], float, list[http.client.HTTPConnection]]:
    lat: dict[str, list[float]] = {p: [] for p, _ in MIX}
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(n))
    conns: list[http.client.HTTPConnection] = []

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        with lock:
            conns.append(conn)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            path, want = MIX[i % len(MIX)]
            t = time.perf_counter()
            try:
                conn.request("GET", path.replace(" ", "%20"))
                r = conn.getresponse()
                r.read()
                status = r.status
            except (OSError, http.client.HTTPException) as e:
                status = -1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    conns.append(conn)
                err = f"{path}: {type(e).__name__}"
            dt = time.perf_counter() - t
            with lock:
                lat[path].append(dt)
                if status != want:
                    errors.append(err if status == -1 else f"{path}: {status} (wanted {want})")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(conc)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return lat, errors, time.perf_counter() - t0, conns


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--db", help="an existing store (default: a temporary one of the samples)")
    ap.add_argument("--json", action="store_true", help="one JSON object")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = a.db
        if not db:
            db = str(Path(tmp) / "bench.db")
            t = time.perf_counter()
            make_store(db)
            print(f"store coded in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        port = free_port()
        proc = start(db, port)
        load(port, 60, 4)  # warm-up (first requests import and cache)
        lat, errors, wall, conns = load(port, a.requests, a.concurrency)
        t = time.perf_counter()
        proc.send_signal(signal.SIGTERM)  # the clients' keep-alive connections are still open
        try:
            rc = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait()
        stop = time.perf_counter() - t
        for c in conns:
            c.close()
    every = [x for v in lat.values() for x in v]
    out = {
        "requests": len(every), "concurrency": a.concurrency, "errors": len(errors),
        "error_rate": len(errors) / max(1, len(every)), "wall_s": round(wall, 2),
        "req_per_s": round(len(every) / wall, 1),
        "p50_ms": round(1000 * statistics.median(every), 1), "p90_ms": round(1000 * pct(every, 90), 1),
        "p99_ms": round(1000 * pct(every, 99), 1), "max_ms": round(1000 * max(every), 1),
        "stop_after_sigterm_s": round(stop, 3), "exit_code": rc,
        "per_endpoint": {p: {"n": len(v), "p50_ms": round(1000 * statistics.median(v), 1),
                             "p99_ms": round(1000 * pct(v, 99), 1)} for p, v in lat.items() if v},
        "first_errors": errors[:5],
    }
    if a.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"{out['requests']} requests, {a.concurrency} at a time: {out['req_per_s']} req/s over {out['wall_s']} s")
    print(f"latency p50 {out['p50_ms']} ms, p90 {out['p90_ms']} ms, p99 {out['p99_ms']} ms, max {out['max_ms']} ms")
    print(f"errors {out['errors']} ({100 * out['error_rate']:.2f} %){': ' + '; '.join(errors[:5]) if errors else ''}")
    print(f"stopped {out['stop_after_sigterm_s']} s after SIGTERM (exit code {rc})")
    print("per endpoint (p50 / p99 ms):")
    for p, v in out["per_endpoint"].items():
        print(f"  {v['p50_ms']:8.1f} {v['p99_ms']:8.1f}  {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
