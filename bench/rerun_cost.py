"""Server cost of one rerun of each lesson, measured in-process with Streamlit's AppTest.

For each page: open it, then move its first slider back and forth N times and time each
rerun (wall and process CPU). This is the work a server does per slider release, without
the network: the figure that decides how many students one process can serve.

    python bench/rerun_cost.py [--runs 15] [--page entropy ...]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
for _name in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context"):
    logging.getLogger(_name).setLevel(logging.ERROR)

from streamlit.testing.v1 import AppTest  # noqa: E402

from lossviz import course  # noqa: E402


def measure(url_path: str, runs: int) -> dict:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(course.lesson(url_path).script).run()
    sliders = [s for s in at.slider if s.key and not s.key.startswith("frame_")]
    slider = sliders[0]
    lo, hi = slider.proto.min, slider.proto.max
    values = [lo + (hi - lo) * f for f in (0.3, 0.7)]
    wall, cpu = [], []
    for i in range(runs):
        slider.set_value(type(slider.value)(values[i % 2]))
        w0, c0 = time.perf_counter(), time.process_time()
        at.run()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert not at.exception, at.exception
    return {
        "page": url_path,
        "slider": slider.key,
        "runs": runs,
        "wall_ms_median": round(statistics.median(wall), 1),
        "cpu_ms_median": round(statistics.median(cpu), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--page", action="append", help="url path (repeatable); default all")
    args = parser.parse_args()
    pages = args.page or [lesson.url_path for lesson in course.LESSONS]
    print(f"{'page':24} {'cpu ms':>8} {'wall ms':>8}  (medians of {args.runs} reruns)")
    results = []
    for url_path in pages:
        r = measure(url_path, args.runs)
        results.append(r)
        print(f"{url_path:24} {r['cpu_ms_median']:8.1f} {r['wall_ms_median']:8.1f}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
