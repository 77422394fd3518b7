"""What one slider release costs the server, per lesson, on a real server with no queue.

One simulated student (the websocket protocol of ``bench/load.py``, fragments included)
opens each lesson and releases its main slider ``--moves`` times, at new random values,
waiting for each answer and pausing briefly as a person would. Nothing else talks to
the server, so the server's CPU time over the releases divided by their number is the
cost of one release (what decides how many students one process serves), and the
answer time has no queueing in it. The bare page (one slider, one small chart) is
measured by a second server in the same run, for the ratio.

    python bench/release_cost.py [--moves 30] [--page entropy ...]

The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentile, start_server
from bench.load import Session

# A person pauses between releases. Back-to-back, a release that arrives while the last
# run's thread is still winding down waits ~40 ms on every page alike, the bare one too.
PAUSE = 0.2


def _cpu_seconds(pid: int) -> float:
    import psutil

    proc = psutil.Process(pid)
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        t = p.cpu_times()
        total += t.user + t.system
    return total


async def measure(url: str, pid: int, page: str, moves: int, seed: int) -> dict:
    """Open `page`, release its main slider `moves` times; server CPU and answer times."""
    rng = random.Random(seed)
    session = Session(url, page, {})
    try:
        await session.open()
        sliders = session.sliders()
        if not sliders:
            return {"page": page, "error": "no slider"}
        slider = sliders[0]
        for _ in range(3):  # warm: the first releases import and fill caches
            await session.release(slider, session.new_value(slider, rng), 60)
        times = []
        cpu0 = _cpu_seconds(pid)
        for _ in range(moves):
            await asyncio.sleep(PAUSE)
            times.append(await session.release(slider, session.new_value(slider, rng), 60))
        cpu = _cpu_seconds(pid) - cpu0
        fragment = bool(session.widgets[slider].fragment_id)
    finally:
        await session.close()
    return {
        "page": page,
        "fragment": fragment,
        "cpu_ms_per_release": round(1000 * cpu / moves, 1),
        "median_ms": round(1000 * statistics.median(times), 1),
        "p95_ms": round(1000 * percentile(times, 95), 1),
        "exceptions": session.exceptions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--page", action="append", help="url path (repeatable); default all")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from lossviz import course

    pages = args.page or [lesson.url_path for lesson in course.LESSONS]
    app = start_server()
    bare = start_server(app="bench/bare_app.py")
    results = []
    try:
        base = asyncio.run(measure(bare.url, bare.proc.pid, "", args.moves, args.seed))
        base["page"] = "(bare page)"
        results.append(base)
        for page in pages:
            results.append(asyncio.run(measure(app.url, app.proc.pid, page, args.moves, args.seed)))
    finally:
        app.stop()
        bare.stop()
    print(f"{'page':24} {'cpu ms':>7} {'median':>7} {'p95':>7} {'×bare':>6}  fragment")
    for r in results:
        if "error" in r:
            print(f"{r['page']:24} {r['error']}")
            continue
        ratio = r["median_ms"] / base["median_ms"]
        print(
            f"{r['page']:24} {r['cpu_ms_per_release']:7.1f} {r['median_ms']:7.1f} "
            f"{r['p95_ms']:7.1f} {ratio:6.2f}  {'yes' if r['fragment'] else 'no'}"
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
