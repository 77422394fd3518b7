"""Where a slider release's work in the browser goes: main-thread CPU time by script.

In headless Debian Chromium against a server started the README's way, each page's
first slider in the page body is moved with the keyboard ``--moves`` times (after two
unmeasured moves), ``--wait`` ms apart, under the DevTools CPU profiler (sampling every
200 µs). The samples' self time is summed by the script file they ran in (Streamlit's
hashed chunk names without the hash: ``PlotlyChart.js`` is plotly and its React
wrapper, ``react-dom.js`` React, ...) and by the profiler's own categories
(``(program)``: the browser's native work such as style, layout and paint;
``(garbage collector)``). Printed per move, busiest first; idle time is left out. The
bare page of ``bench/bare_app.py`` (one slider, one small chart) is measured first.

    python bench/main_thread.py [--moves 10] [--pages entropy,bias_variance]

The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import lesson_paths, start_server
from bench.latency import body_slider, launch, settled_page

CATEGORIES = ("(program)", "(garbage collector)", "(root)")


def profile(browser, url: str, moves: int, wait_ms: int) -> dict:
    """Main-thread ms per move by script, and in all, for `moves` keyboard releases."""
    with settled_page(browser, url) as (page, _):
        slider = body_slider(page)
        if slider is None:
            raise RuntimeError(f"{url}: no slider in the page body")
        slider.focus()
        for key in ("ArrowRight", "ArrowLeft"):  # the first releases load code: unmeasured
            page.keyboard.press(key)
            page.wait_for_timeout(wait_ms)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        cdp.send("Profiler.start")
        for k in range(moves):
            page.keyboard.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
            page.wait_for_timeout(wait_ms)
        result = cdp.send("Profiler.stop")["profile"]
    nodes = {n["id"]: n["callFrame"] for n in result["nodes"]}
    by_source: collections.Counter = collections.Counter()
    for node_id, delta_us in zip(result["samples"], result["timeDeltas"]):
        frame = nodes[node_id]
        name = frame["functionName"]
        if name == "(idle)":
            continue
        script = re.sub(r"\.[\w-]{8}\.js$", ".js", frame["url"].rsplit("/", 1)[-1])
        by_source[name if name in CATEGORIES or not script else script] += delta_us
    per_move = {k: round(v / 1000 / moves, 1) for k, v in by_source.most_common()}
    return {"busy_ms_per_move": round(sum(per_move.values()), 1), "by_source": per_move}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=10, help="measured releases per page")
    parser.add_argument("--wait", type=int, default=1200, help="ms between releases")
    parser.add_argument("--pages", help="comma-separated url paths (default: every lesson)")
    parser.add_argument("--top", type=int, default=8, help="sources printed per page")
    args = parser.parse_args(argv)
    if not 1 <= args.moves <= 100 or not 200 <= args.wait <= 10_000:
        parser.error("--moves must be in 1..100 and --wait in 200..10000")

    from playwright.sync_api import sync_playwright

    pages = lesson_paths(args.pages)
    results = {}
    app = start_server()
    bare = start_server(app="bench/bare_app.py")
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            try:
                results["(bare page)"] = profile(browser, bare.url, args.moves, args.wait)
                for path in pages:
                    results[path] = profile(browser, f"{app.url}/{path}", args.moves, args.wait)
            finally:
                browser.close()
    finally:
        app.stop()
        bare.stop()
    for path, r in results.items():
        print(f"{path}: main thread busy {r['busy_ms_per_move']} ms per release")
        for source, ms in list(r["by_source"].items())[: args.top]:
            print(f"  {ms:8.1f} ms  {source}")
    print(json.dumps({"moves": args.moves, "pages": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
