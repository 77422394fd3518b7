"""Sessions that come and go: a bounded soak of one server, ending healthy with memory bounded.

Keeps ``--concurrent`` simulated students connected for ``--duration`` seconds. Each one
opens a random lesson (a deep link in a random language), releases a slider a few times
about once a second, then disconnects; a new student takes its place at once. Loopback
only, bounded in sessions and time. At the end the server's health endpoint must answer,
and its resident memory is reported at the start, at the peak, at the end of the load and
once more after the disconnected sessions have expired (``server.disconnectedSessionTTL``),
with a sample every ``--every`` seconds to show whether it levels off.

    python bench/soak.py [--duration 180 --concurrent 20 --settle 130]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import ProcessWatch, start_server
from load import Session

from lossviz import course


async def student(url: str, rng: random.Random, stats: dict, t_end: float) -> None:
    page = rng.choice([lesson.url_path for lesson in course.LESSONS])
    session = Session(url, page, {"lang": rng.choice(["en", "zh"])})
    stats["sessions"] += 1
    try:
        await session.open()
        sliders = session.sliders()
        for _ in range(rng.randint(2, 6)):
            if time.perf_counter() >= t_end or not sliders:
                break
            await asyncio.sleep(rng.uniform(0.5, 1.5))
            slider = rng.choice(sliders)
            await session.release(slider, session.new_value(slider, rng), 30.0)
            stats["releases"] += 1
        stats["page_exceptions"] += session.exceptions
    except Exception as exc:  # counted, not raised: the soak goes on
        stats["errors"].append(f"{page}: {type(exc).__name__}: {exc}")
    finally:
        await session.close()


async def crowd(url: str, concurrent: int, duration: float, seed: int) -> dict:
    stats = {"sessions": 0, "releases": 0, "page_exceptions": 0, "errors": []}
    rng = random.Random(seed)
    t_end = time.perf_counter() + duration

    async def seat(i: int) -> None:  # one seat in the room: students take turns in it
        while time.perf_counter() < t_end:
            await student(url, random.Random(rng.random()), stats, t_end)

    await asyncio.gather(*(seat(i) for i in range(concurrent)))
    return stats


async def warm_up(url: str) -> None:
    for lesson in course.LESSONS:
        session = Session(url, lesson.url_path, {})
        try:
            await session.open()
        finally:
            await session.close()


def rss_mb(pid: int) -> float:
    import psutil

    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20


def _sample(pid: int, t0: float, every: float, out: list, stop: threading.Event) -> None:
    """Append (seconds, resident MB) every `every` seconds until `stop` is set."""
    while True:
        out.append((time.monotonic() - t0, rss_mb(pid)))
        if stop.wait(every):
            out.append((time.monotonic() - t0, rss_mb(pid)))
            return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=180.0, help="seconds of churn")
    parser.add_argument("--concurrent", type=int, default=20, help="students at any moment")
    parser.add_argument(
        "--settle",
        type=float,
        default=130.0,
        help="seconds to wait afterwards for disconnected sessions to expire",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--every", type=float, default=30.0, help="s between RSS samples")
    args = parser.parse_args(argv)
    server = start_server()
    try:
        pid = server.proc.pid
        asyncio.run(warm_up(server.url))  # every page once: the baseline holds the imports
        start = rss_mb(pid)
        watch = ProcessWatch([pid]).start()
        t0 = time.monotonic()
        series: list[tuple[float, float]] = []  # (s since start, MB): does memory level off?
        sampler = threading.Thread(
            target=_sample, args=(pid, t0, args.every, series, stop := threading.Event())
        )
        sampler.start()
        stats = asyncio.run(crowd(server.url, args.concurrent, args.duration, args.seed))
        proc = watch.stop()
        end_of_load = rss_mb(pid)
        time.sleep(args.settle)
        settled = rss_mb(pid)
        stop.set()
        sampler.join()
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as reply:
            healthy = reply.status == 200
        summary = {
            "duration_s": args.duration,
            "concurrent": args.concurrent,
            "sessions": stats["sessions"],
            "releases": stats["releases"],
            "errors": len(stats["errors"]) + stats["page_exceptions"],
            "healthy_at_end": healthy,
            "rss_start_mb": round(start, 1),
            "rss_peak_mb": proc.get("rss_peak_mb"),
            "rss_end_of_load_mb": round(end_of_load, 1),
            "rss_after_settle_mb": round(settled, 1),
            "rss_series_mb": [[round(t), round(mb)] for t, mb in series],
        }
        for err in sorted(set(stats["errors"]))[:10]:
            print(f"  error ×{stats['errors'].count(err)}: {err}")
        print(json.dumps(summary))
        return 0 if healthy and summary["errors"] == 0 else 1
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
