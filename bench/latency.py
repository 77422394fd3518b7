"""Single-user latency in a real browser: every lesson against a bare page, in one run.

Headless Debian Chromium (Playwright), one tab at a time, against servers started the
README's way (``streamlit run``, the repo's config) on loopback. Measured:

release → repainted
    A slider of the page body is focused and moved with the keyboard (ArrowRight ×5,
    ArrowLeft ×5, ...). The time runs from the key press (a ``keydown`` listener,
    ``performance.now()``; the slider commits its value on keydown, so that is the
    release) until the page has settled: the run's ``script_finished`` ForwardMsg has
    arrived on the websocket (read through the DevTools protocol), and the last DOM
    mutation after the release (a MutationObserver on the whole document: deltas,
    plotly redraws) was followed by an animation frame, with nothing changing for the
    next 250 ms (and the script state not ``running``). That last frame time, minus the
    release, is the figure; plotly redraws (``plotly_afterplot``) are
    counted too. Median and p95 per page, and each page's median over the bare page's
    (``bench/bare_app.py``: one slider, one small chart, served the same way), which is
    measured first and last and pooled.
websocket bytes per rerun
    From Chromium's DevTools protocol (``Network.webSocketFrameReceived``), per move.
cold start
    From spawning ``streamlit run app.py`` to the overview page painted (its title
    shown, its script finished) in a fresh tab; the median of ``--cold`` starts.
in-figure scrubbing
    For every plotly figure of a page with frames and a ``layout.sliders``: the time of
    ``Plotly.animate`` to each frame in turn (``redraw: false``, no transition), from a
    frame boundary until its promise resolves (the new frame drawn), in the page; median
    per page (no server round trip). ``--scrub-only`` measures just this.

Usage::

    python bench/latency.py                    # every lesson, 20 moves each, 3 cold starts
    python bench/latency.py --moves 10 --pages entropy --cold 1

The last line printed is a one-line JSON summary.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import lesson_paths, percentile, start_server

CHROMIUM = "/usr/bin/chromium"
QUIET_MS = 250
DONE = (
    ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY"),
    ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY"),
)
MOVE_TIMEOUT_MS = 20_000

INSTALL = """() => {
  if (window.__lv) return;
  const app = document.querySelector('[data-test-script-state]');
  const lv = window.__lv = {
    armed: false, release: null, lastMut: 0, lastPaint: 0,
    afterplot: 0, app,
    state: () => app.getAttribute('data-test-script-state'),
    arm() {
      this.armed = true; this.release = null; this.lastMut = 0; this.lastPaint = 0;
      this.afterplot = 0;
    },
    done(quiet) {  // called once the run's script_finished has arrived
      if (this.release === null || this.state() === 'running') return false;
      return this.lastPaint > 0 && performance.now() - this.lastMut > quiet;
    },
  };
  new MutationObserver((records) => {
    if (lv.release === null) return;
    lv.lastMut = performance.now();
    requestAnimationFrame(() => { lv.lastPaint = Math.max(lv.lastPaint, performance.now()); });
  }).observe(document.documentElement,
             {subtree: true, childList: true, attributes: true, characterData: true});
  // The slider commits its value on keydown (react-aria), so the clock starts there: on
  // a loaded machine the keyup can come after the rerun has already been drawn.
  document.addEventListener('keydown', () => {
    if (lv.armed) { lv.armed = false; lv.release = performance.now(); }
  }, true);
  const hook = () => document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
    if (gd.__lvHooked || !gd.on) return;
    gd.__lvHooked = true;
    gd.on('plotly_afterplot', () => { if (lv.release !== null) lv.afterplot += 1; });
  });
  hook();
  new MutationObserver(hook).observe(document.body, {subtree: true, childList: true});
}"""

SETTLED = """() => {
  const app = document.querySelector('[data-test-script-state]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelector('[data-testid="stMain"], section.main') !== null
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
         .every(el => el.querySelector('.js-plotly-plot .main-svg'));
}"""

QUIET_INSTALL = """() => {
  let last = performance.now();
  new MutationObserver(() => { last = performance.now(); }).observe(
    document.documentElement, {subtree: true, childList: true, attributes: true,
                               characterData: true});
  window.__lvQuiet = (quiet) => performance.now() - last > quiet;
}"""

SCRUB = """async () => {
  const out = [];
  const P = window.Plotly;
  if (!P) return {error: 'window.Plotly is not defined'};
  const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const frames = (gd._transitionData && gd._transitionData._frames) || [];
    const sliders = (gd.layout && gd.layout.sliders) || [];
    if (!frames.length || !sliders.length) continue;
    const names = frames.map(f => f.name);
    const times = [];
    const opts = {frame: {duration: 0, redraw: false}, transition: {duration: 0},
                  mode: 'immediate'};
    for (let k = 0; k < Math.min(2 * names.length, 120); k++) {
      const name = names[(k * 7) % names.length];   // jump around, not only neighbours
      await frame();                       // start at a frame boundary, like an input event
      const t0 = performance.now();
      await P.animate(gd, [name], opts);   // resolves once the frame has been drawn
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out.push({frames: names.length, median_ms: times[Math.floor(times.length / 2)],
              p95_ms: times[Math.floor(0.95 * (times.length - 1))]});
  }
  return {figures: out};
}"""


def launch(pw):
    return pw.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    )


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


def ws_counter(page) -> dict:
    """Count websocket bytes received by the page, through the DevTools protocol."""
    counter = {"bytes": 0, "frames": 0, "finished": 0, "finished_at": 0.0}
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")

    def on_frame(params):
        response = params["response"]
        data = response.get("payloadData", "")
        if response.get("opcode") == 2:  # binary frame, base64 in the protocol
            raw = base64.b64decode(data)
            counter["bytes"] += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.WhichOneof("type") == "script_finished" and msg.script_finished in DONE:
                counter["finished"] += 1
                counter["finished_at"] = time.monotonic()
        else:
            counter["bytes"] += len(data.encode())
        counter["frames"] += 1

    cdp.on("Network.webSocketFrameReceived", on_frame)
    return counter


def open_settled(page, url: str, counter: dict, timeout_ms: int = 60_000) -> None:
    """Open `url` and wait for its first run to finish and the page to stop changing."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while counter["finished"] == 0:  # the first run's script_finished ForwardMsg
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url}: no script run finished within {timeout_ms} ms")
        page.wait_for_timeout(10)
    page.wait_for_function(SETTLED, timeout=timeout_ms, polling=50)
    # Widgets and charts are lazily loaded chunks in the frontend: wait until the DOM has
    # not changed for QUIET_MS (the page fully drawn), and again that no chart is pending.
    page.evaluate(QUIET_INSTALL)
    page.wait_for_function(f"() => window.__lvQuiet({QUIET_MS})", timeout=timeout_ms, polling=50)
    page.wait_for_function(SETTLED, timeout=timeout_ms, polling=50)


@contextmanager
def settled_page(browser, url: str):
    """A new tab on `url`, once its first run has finished and the page stopped changing.

    Yields ``(page, counter)``, the counter of :func:`ws_counter`; the tab is closed after.
    """
    context, page = new_page(browser)
    try:
        counter = ws_counter(page)
        open_settled(page, url, counter)
        yield page, counter
    finally:
        context.close()


BODY_SLIDER = '[data-testid="stMain"] [data-testid="stSlider"] input[type="range"]'


def body_slider(page, timeout_ms: int = 10_000):
    """The first slider of the page body, or None if none comes within `timeout_ms`.

    It is waited for: numerics' sliders sometimes appeared after the page had settled.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    slider = page.locator(BODY_SLIDER).first
    try:
        slider.wait_for(state="attached", timeout=timeout_ms)
    except PlaywrightTimeout:
        return None
    return slider


def measure_page(browser, url: str, moves: int, warmup: int = 2) -> dict:
    """Release-to-repainted times (ms), plotly redraws and websocket bytes for `moves` moves."""
    with settled_page(browser, url) as (page, counter):
        page.evaluate(INSTALL)
        slider = body_slider(page)
        if slider is None:
            return {"error": "no slider in the page body"}
        slider.focus()
        times, redraws, kbytes, to_finished = [], [], [], []
        for k in range(warmup + moves):
            key = "ArrowRight" if (k // 5) % 2 == 0 else "ArrowLeft"
            page.evaluate("() => window.__lv.arm()")
            before, finished = counter["bytes"], counter["finished"]
            pressed = time.monotonic()
            page.keyboard.press(key)
            deadline = time.monotonic() + MOVE_TIMEOUT_MS / 1000
            while counter["finished"] == finished:  # the run's script_finished ForwardMsg
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no script_finished within {MOVE_TIMEOUT_MS} ms on {url}")
                page.wait_for_timeout(5)  # lets Playwright deliver the DevTools events
            page.wait_for_function(
                f"() => window.__lv.done({QUIET_MS})", timeout=MOVE_TIMEOUT_MS, polling="raf"
            )
            result = page.evaluate(
                "() => ({t: window.__lv.lastPaint - window.__lv.release,"
                " plots: window.__lv.afterplot})"
            )
            if k >= warmup:
                to_finished.append(1000 * (counter["finished_at"] - pressed))
                times.append(result["t"])
                redraws.append(result["plots"])
                kbytes.append((counter["bytes"] - before) / 1024)
        return {
            "charts": page.locator(".js-plotly-plot").count(),
            "times": times,
            # key press → script_finished received (server + websocket), from Python's clock
            "to_script_finished_median_ms": round(statistics.median(to_finished), 1),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "plotly_redraws_per_move": statistics.median(redraws),
            "ws_kb_per_rerun": round(statistics.median(kbytes), 1),
            "page_errors": page.errors[:3],
        }


def measure_scrub(browser, url: str) -> dict:
    with settled_page(browser, url) as (page, _):
        charts = page.locator('[data-testid="stPlotlyChart"]')
        if charts.count() == 0:
            page.wait_for_timeout(2000)  # a late chart: look once more
            if charts.count() == 0:
                return {"figures": []}
        # plotly.js is a chunk the frontend loads lazily: wait for it and every chart drawn
        page.wait_for_function(
            "() => window.Plotly && [...document.querySelectorAll('.js-plotly-plot')]"
            ".every(gd => gd._fullLayout && gd.querySelector('.main-svg'))",
            timeout=30_000,
        )
        return page.evaluate(SCRUB)


def cold_start(browser) -> dict:
    """Seconds from spawning ``streamlit run app.py`` to the overview painted."""
    context, page = new_page(browser)
    server = start_server(wait=False)
    try:
        healthy = None
        while time.monotonic() - server.started < 60:
            try:
                with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        healthy = time.monotonic() - server.started
                        break
            except OSError:
                time.sleep(0.02)
        page.goto(server.url + "/", wait_until="domcontentloaded")
        page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
        page.wait_for_function(SETTLED, timeout=60_000, polling="raf")
        painted = time.monotonic() - server.started
        return {"healthy_s": round(healthy or -1, 2), "painted_s": round(painted, 2)}
    finally:
        context.close()
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=20, help="measured moves per page")
    parser.add_argument("--pages", help="comma-separated url paths (default: every lesson)")
    parser.add_argument("--cold", type=int, default=3, help="cold starts to time (0: none)")
    parser.add_argument("--scrub-only", action="store_true", help="only in-figure scrubbing")
    parser.add_argument("--json-out", help="also write the summary to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.moves <= 200 or not 0 <= args.cold <= 10:
        parser.error("--moves must be in 1..200 and --cold in 0..10")

    from playwright.sync_api import sync_playwright

    pages = lesson_paths(args.pages)
    summary: dict = {"moves": args.moves, "pages": {}, "loadavg_start": os.getloadavg()[0]}
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            if args.scrub_only:
                app = start_server()
                bare = start_server(app="bench/bare_app.py")
                try:
                    scrub = {"bare?frames=1": measure_scrub(browser, f"{bare.url}/?frames=1")}
                    for path in pages:
                        scrub[path] = measure_scrub(browser, f"{app.url}/{path}")
                finally:
                    app.stop()
                    bare.stop()
                for path, s in scrub.items():
                    shown = ", ".join(
                        f"{f['median_ms']:.1f} ms ({f['frames']} frames)"
                        for f in s.get("figures") or []
                    )
                    print(f"scrub {path:22s} {shown or s.get('error') or 'no figure with frames'}")
                print(json.dumps({"scrub": scrub}))
                return 0
            if args.cold:
                starts = [cold_start(browser) for _ in range(args.cold)]
                summary["cold_start"] = {
                    "painted_median_s": statistics.median(s["painted_s"] for s in starts),
                    "healthy_median_s": statistics.median(s["healthy_s"] for s in starts),
                    "runs": starts,
                }
                print("cold start (spawn → overview painted):", summary["cold_start"])
            app = start_server()
            bare = start_server(app="bench/bare_app.py")
            try:
                first = measure_page(browser, f"{bare.url}/", args.moves)
                print(f"bare (first)  median {first['median_ms']} ms  p95 {first['p95_ms']} ms")
                results = {}
                for path in pages:
                    try:
                        r = measure_page(browser, f"{app.url}/{path}", args.moves)
                    except Exception as exc:  # one broken page must not hide the others
                        r = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
                    results[path] = r
                    if "error" in r:
                        print(f"{path:24s} {r['error']}")
                        continue
                    print(
                        f"{path:24s} median {r['median_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms"
                        f"  (server {r['to_script_finished_median_ms']} ms)"
                        f"  charts {r['charts']}  redraws/move {r['plotly_redraws_per_move']}"
                        f"  ws {r['ws_kb_per_rerun']} KB/rerun"
                    )
                last = measure_page(browser, f"{bare.url}/", args.moves)
                print(f"bare (last)   median {last['median_ms']} ms  p95 {last['p95_ms']} ms")
                pooled = first["times"] + last["times"]
                bare_median = statistics.median(pooled)
                summary["bare"] = {
                    "median_ms": round(bare_median, 1),
                    "p95_ms": round(percentile(pooled, 95), 1),
                    "ws_kb_per_rerun": first["ws_kb_per_rerun"],
                }
                for path, r in results.items():
                    if "error" not in r:
                        r["ratio_to_bare"] = round(r["median_ms"] / bare_median, 2)
                    r.pop("times", None)
                    summary["pages"][path] = r
                scrub = {"bare?frames=1": measure_scrub(browser, f"{bare.url}/?frames=1")}
                for path in pages:
                    try:
                        scrub[path] = measure_scrub(browser, f"{app.url}/{path}")
                    except Exception as exc:
                        scrub[path] = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
                summary["scrub"] = scrub
            finally:
                app.stop()
                bare.stop()
        finally:
            browser.close()

    summary["loadavg_end"] = os.getloadavg()[0]
    print(f"\nbare page: median {summary['bare']['median_ms']} ms (pooled first + last)")
    for path, r in summary["pages"].items():
        if "error" not in r:
            print(f"{path:24s} ratio to bare {r['ratio_to_bare']:.2f}")
    for path, s in summary["scrub"].items():
        figures = s.get("figures") or []
        shown = ", ".join(f"{f['median_ms']:.1f} ms ({f['frames']} frames)" for f in figures)
        print(f"scrub {path:22s} {shown or s.get('error') or 'no figure with frames'}")
    line = json.dumps(summary, ensure_ascii=False)
    if args.json_out:
        Path(args.json_out).write_text(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
