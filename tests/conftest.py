"""Shared fixtures: open a page in AppTest with a deep link; serve the app for a browser."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import settings
from streamlit.testing.v1 import AppTest

from lossviz import course

# Shared machines are noisy: a Hypothesis example is judged on its result, never its timing.
settings.register_profile("lossviz", deadline=None)
settings.load_profile("lossviz")

# AppTest runs scripts outside a server; Streamlit logs a harmless warning for each.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
STREAMLIT_PROBE = re.compile(r"/[^/]+/_stcore/(host-config|health)$")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def open_page(url_path: str, timeout: float = 60, **params: str) -> AppTest:
    """Run the app on the lesson `url_path` as a deep link with query `params`."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if url_path != course.OVERVIEW.url_path:
        at.run()  # AppTest needs one run of the router before it can switch pages
        at.switch_page(f"lessons/{url_path}.py")
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Readouts of a page: ``{label: value}``."""
    return {m.label: m.value for m in at.metric}


def first_number(value: str) -> float:
    """The number a readout value starts with (``∞`` → inf)."""
    head = value.split()[0]
    return float("inf") if head == "∞" else float(head)


def wait_ready(page, charts: int = 1, timeout: float = 60_000) -> None:
    """Wait until a lesson shows its readouts and at least `charts` painted plotly charts."""
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=timeout)
    count_when_drawn(page, ".js-plotly-plot .main-svg", charts, timeout=timeout)
    page.wait_for_load_state("networkidle")


# Every text plotly drew (ticks, axis titles, legend, annotations, slider labels) whose box
# reaches more than 1 px outside its chart's SVG: text a reader sees cut off.
CLIPPED_CHART_TEXT = """() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
    const svg = gd.querySelector('svg.main-svg');
    const r = svg && svg.getBoundingClientRect();
    if (!r || r.width === 0) return;  // not shown (a closed tab)
    gd.querySelectorAll('.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, '
        + '.g-x2title text, .g-y2title text, .gtitle, .legendtext, .annotation-text, '
        + '.slider-label, .slider-current-value, .updatemenu-item-text').forEach(t => {
      const b = t.getBoundingClientRect();
      if (b.width === 0) return;
      const over = Math.max(r.left - b.left, b.right - r.right, r.top - b.top, b.bottom - r.bottom);
      const text = t.textContent.slice(0, 40);
      if (over > 1) out.push(`chart ${i}: "${text}" by ${Math.round(over)} px`);
    });
  });
  return out;
}"""


# Rows of columns holding two or more charts whose plots do not start level (> 2 px
# apart): what a title wrapping to more lines than its neighbour's did before each title
# took two lines side by side (lossviz.ui.PAGE_CSS).
UNEVEN_CHART_ROWS = """() => {
  const out = [];
  document.querySelectorAll('[data-testid="stHorizontalBlock"]').forEach(row => {
    const tops = [...row.querySelectorAll(':scope > [data-testid="stColumn"]')]
      .map(col => col.querySelector('.stPlotlyChart .main-svg'))
      .filter(svg => svg && svg.getBoundingClientRect().width > 0)
      .map(svg => Math.round(svg.getBoundingClientRect().top));
    if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 2) out.push(tops);
  });
  return out;
}"""


# Readouts (st.metric) whose label or value does not fit its box: Streamlit would end it
# in "…" (lossviz.ui.PAGE_CSS lets both wrap and sizes the value to the readout's width).
CUT_METRIC_TEXT = """() => [...document.querySelectorAll(
    '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"], '
    + '[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"]')]
  .filter(box => box.getBoundingClientRect().width > 0 && box.scrollWidth > box.clientWidth + 1)
  .map(box => box.textContent)"""


# Any text of the page (labels, toggles, tabs, pills, page links, the sidebar's pages) that
# ends in "…" or lies outside a box that clips or scrolls it sideways: what Streamlit did to
# a row of six toggles ("H…"), to tabs and pills that did not fit one row (scrolled out of
# sight) and to the sidebar's page names in projector mode. Formulas, code and data tables
# scroll sideways by design; plotly's text has CLIPPED_CHART_TEXT; a folded sidebar is
# off-screen.
HIDDEN_TEXT = """() => {
  const skip = '.katex, [data-testid="stCode"], [data-testid="stDataFrame"], '
    + '[data-testid="stIconMaterial"], .js-plotly-plot';
  const out = [];
  const scope = '[data-testid="stMain"] *, [data-testid="stSidebar"] *';
  for (const el of document.querySelectorAll(scope)) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    if (el.closest(skip)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0) continue;
    let why = '';
    if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
      why = 'ends in …';
    for (let box = el.parentElement; !why && box && !['stMain', 'stSidebarContent']
        .includes(box.dataset.testid); box = box.parentElement) {
      if (getComputedStyle(box).overflowX === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.right > b.right + 1 || r.left < b.left - 1)
        why = 'outside its ' + (box.dataset.testid || box.getAttribute('role') || box.tagName);
    }
    if (why) out.push(`"${el.textContent.trim().slice(0, 40)}" ${why}`);
  }
  return out;
}"""

# Readout values broken inside a number or a word, e.g. "100.00" above "0", or "比" above
# "特" (lossviz.ui.PAGE_CSS breaks them only between words).
SPLIT_VALUES = """() => [...document.querySelectorAll('[data-testid="stMetricValue"] p')]
  .filter(p => p.getBoundingClientRect().width > 0 && p.firstChild && p.firstChild.nodeType === 3)
  .flatMap(p => [...p.firstChild.textContent.matchAll(/\\S+/g)].filter(m => {
    const range = document.createRange();
    range.setStart(p.firstChild, m.index);
    range.setEnd(p.firstChild, m.index + m[0].length);
    return new Set([...range.getClientRects()].map(b => Math.round(b.top))).size > 1;
  }).map(m => `${p.textContent}: "${m[0]}" split`))"""


# An in-figure scrubber whose Play/Pause buttons cover part of its slider (the rail, the
# grip, the current value or a step's label): what the buttons beside the rail did on a
# narrow chart before they took a row of their own (lossviz.charts.style.scrubber).
COVERED_SCRUBBERS = """() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
    const buttons = [...gd.querySelectorAll('.updatemenu-button')]
      .map(b => b.getBoundingClientRect()).filter(b => b.width > 0);
    const parts = [...gd.querySelectorAll(
        '.slider-rail-rect, .slider-grip-rect, .slider-current-value, .slider-label')]
      .filter(e => e.getBoundingClientRect().width > 0);
    for (const b of buttons) for (const part of parts) {
      const p = part.getBoundingClientRect();
      const x = Math.min(b.right, p.right) - Math.max(b.left, p.left);
      const y = Math.min(b.bottom, p.bottom) - Math.max(b.top, p.top);
      if (x > 1 && y > 1) out.push(`chart ${i}: a button covers `
        + `${part.getAttribute('class')} "${part.textContent.slice(0, 20)}"`);
    }
  });
  return out;
}"""


# Text of a chart that runs into other text of the same chart: a panel's title into its
# neighbour's, an axis title into a label or a Play button, slanted column names into the
# legend. Two tick labels meeting at a corner of the axes ("0" and "0") are let be.
OVERLAPPING_CHART_TEXT = """() => {
  const out = [];
  const ticks = '.xtick text, .ytick text, .x2tick text, .y2tick text, .x3tick text, .y3tick text';
  document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
    const texts = [...gd.querySelectorAll(ticks + ', .g-xtitle text, .g-ytitle text, '
        + '.g-x2title text, .g-y2title text, .g-x3title text, .g-y3title text, '
        + '.annotation-text, .legendtext, .slider-current-value, .updatemenu-item-text')]
      .map(t => [t, t.getBoundingClientRect(), t.matches(ticks)]).filter(([, b]) => b.width > 0);
    for (let a = 0; a < texts.length; a++) for (let b = a + 1; b < texts.length; b++) {
      const [s, p, sTick] = texts[a], [t, q, tTick] = texts[b];
      if (sTick && tTick) continue;
      const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (x > 2 && y > 2) out.push(`chart ${i}: "${s.textContent.slice(0, 24)}" and `
        + `"${t.textContent.slice(0, 24)}"`);
    }
  });
  return out;
}"""


def assert_nothing_cut(page, where: str = "") -> None:
    """No text cut off or out of sight, no readout split inside a number, and charts side
    by side start level."""
    assert page.evaluate(CLIPPED_CHART_TEXT) == [], where
    assert page.evaluate(CUT_METRIC_TEXT) == [], where
    assert page.evaluate(UNEVEN_CHART_ROWS) == [], where
    assert page.evaluate(HIDDEN_TEXT) == [], where
    assert page.evaluate(SPLIT_VALUES) == [], where
    assert page.evaluate(COVERED_SCRUBBERS) == [], where
    assert page.evaluate(OVERLAPPING_CHART_TEXT) == [], where


def chart_titles(page) -> list[str]:
    """The titles shown above the page's charts ('' for a chart with none)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(c => {
            const box = c.closest('[data-testid="stElementContainer"]');
            const before = box && box.previousElementSibling;
            const title = before && before.querySelector('[data-testid="stMarkdown"]');
            return title ? title.innerText : '';
        })"""
    )


def count_when_drawn(page, selector: str, at_least: int, timeout: float = 20_000) -> int:
    """How many `selector` elements there are, once there are `at_least` (plotly draws a
    chart's traces a moment after its SVG appears, which is all :func:`wait_ready` sees)."""
    page.wait_for_function(
        "([s, n]) => document.querySelectorAll(s).length >= n",
        arg=[selector, at_least],
        timeout=timeout,
    )
    return page.locator(selector).count()


def metric_value(page, label: str) -> str:
    """The value of the readout whose label is exactly `label`."""
    label_box = page.locator('[data-testid="stMetricLabel"]').get_by_text(label, exact=True)
    box = page.locator('[data-testid="stMetric"]').filter(has=label_box).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server_url():
    """Start ``streamlit run app.py`` on a free loopback port; yield its base URL."""
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("streamlit did not become healthy within 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    """A headless Debian Chromium driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (1280×900) that records console errors in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    pg = context.new_page()
    pg.errors = []

    def on_console(message):
        # a failed load is reported by URL below, where Streamlit's own probes can be told apart
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            pg.errors.append(message.text)

    def on_response(response):
        # Streamlit's frontend probes <page>/_stcore/host-config before the root one: expected
        if response.status >= 400 and not STREAMLIT_PROBE.search(response.url):
            pg.errors.append(f"{response.status} {response.url}")

    pg.on("console", on_console)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("requestfailed", lambda r: pg.errors.append(f"failed {r.url}"))
    pg.on("response", on_response)
    yield pg
    context.close()
