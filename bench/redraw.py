"""What a chart component that updates plotly in place would save, per lesson, in a browser.

Streamlit 1.67 mounts a changed ``st.plotly_chart`` anew: the spec is part of the
element's identity, so a release that changes a chart costs a full ``Plotly.newPlot``
(plus ``Plotly.addFrames`` for an in-figure slider). A custom chart component could call
``Plotly.react`` on the same element instead. Before building one, this measures the
ceiling of that gain on the figures the lessons actually draw.

For every lesson, in headless Debian Chromium against a server started the README's way:
each plotly chart on the page as it opens (its data, layout and frames) is copied into
an off-screen element of the same size and drawn there ``--repeats`` times in two ways,
each timed until plotly's promise resolves and the next animation frame has run:

remount
    ``Plotly.purge`` (not timed), then ``Plotly.newPlot`` and ``Plotly.addFrames``.
update
    ``Plotly.react`` on the drawn chart with every numeric ``y`` and ``z`` value changed
    (by 1 % + 0.1 % per repeat, so nothing is skipped as unchanged), frames included.

Medians per chart, and per page the sum over its charts (a release that changes every
chart of the page). The server is not in these figures: they are the browser's share of
``bench/latency.py``'s release → repainted time.

    python bench/redraw.py [--repeats 7] [--pages entropy,likelihood]

The last line printed is JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import lesson_paths, start_server
from bench.latency import launch, settled_page

MEASURE = r"""async (repeats) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const median = a => { const s = [...a].sort((x, y) => x - y); return s[(s.length - 1) >> 1]; };
  const bump = (v, f) => Array.isArray(v) ? v.map(x => bump(x, f))
                        : (typeof v === 'number' ? v * f : v);
  const out = [];
  for (const gd of document.querySelectorAll('.stPlotlyChart .js-plotly-plot')) {
    const copy = x => JSON.parse(JSON.stringify(x));
    const fig = {data: copy(gd.data), layout: copy(gd.layout),
                 frames: copy((gd._transitionData && gd._transitionData._frames) || [])};
    const div = document.createElement('div');
    div.style.cssText = `position:absolute;left:-5000px;top:0;width:${gd.clientWidth}px;` +
                        `height:${gd.clientHeight}px`;
    document.body.appendChild(div);
    const remount = [], update = [];
    for (let i = 0; i < repeats; i++) {
      Plotly.purge(div);
      let t0 = performance.now();
      await Plotly.newPlot(div, copy(fig.data), copy(fig.layout), {});
      if (fig.frames.length) await Plotly.addFrames(div, copy(fig.frames));
      await frame();
      remount.push(performance.now() - t0);
      const f = 1.01 + 0.001 * i;
      const data = fig.data.map(t => ({...t, y: bump(t.y, f), z: bump(t.z, f)}));
      t0 = performance.now();
      await Plotly.react(div, {data, layout: {...copy(fig.layout), datarevision: i},
                               frames: copy(fig.frames)});
      await frame();
      update.push(performance.now() - t0);
    }
    Plotly.purge(div);
    div.remove();
    out.push({traces: fig.data.length, frames: fig.frames.length,
              kb: Math.round(JSON.stringify(fig).length / 1024),
              remount_ms: median(remount), update_ms: median(update)});
  }
  return out;
}"""


def measure(browser, url: str, repeats: int) -> list[dict]:
    """Open `url`, wait until it is drawn, and time each of its charts both ways."""
    with settled_page(browser, url) as (page, _):
        return page.evaluate(MEASURE, repeats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="draws of each chart each way")
    parser.add_argument("--pages", help="comma-separated url paths (default: every lesson)")
    args = parser.parse_args(argv)
    if not 1 <= args.repeats <= 50:
        parser.error("--repeats must be in 1..50")

    from playwright.sync_api import sync_playwright

    pages = lesson_paths(args.pages)
    results: dict[str, list[dict]] = {}
    app = start_server()
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            try:
                for path in pages:
                    results[path] = measure(browser, f"{app.url}/{path}", args.repeats)
            finally:
                browser.close()
    finally:
        app.stop()

    head = ("page", "charts", "frames", "remount ms", "update ms", "ratio")
    print(f"{head[0]:24} {head[1]:>6} {head[2]:>6} {head[3]:>10} {head[4]:>9} {head[5]:>6}")
    summary = {}
    for path, charts in results.items():
        remount = sum(c["remount_ms"] for c in charts)
        update = sum(c["update_ms"] for c in charts)
        frames = sum(c["frames"] for c in charts)
        ratio = update / remount if remount else float("nan")
        print(f"{path:24} {len(charts):6} {frames:6} {remount:10.1f} {update:9.1f} {ratio:6.2f}")
        summary[path] = {"remount_ms": round(remount, 1), "update_ms": round(update, 1),
                         "charts": charts}  # fmt: skip
    print(json.dumps({"repeats": args.repeats, "pages": summary}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
