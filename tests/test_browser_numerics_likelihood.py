"""The numerics and likelihood lessons in a real headless Chromium."""

import time

import pytest
from conftest import ARTIFACTS, count_when_drawn, metric_value, wait_ready

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _shot(page, name, height=2600):
    # Streamlit scrolls inside its own container: a tall viewport shows the whole page.
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": height})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_numerics_default_shows_nan_of_the_naive_softmax_and_a_painted_chart(
    server_url, page, lang
):
    page.goto(f"{server_url}/numerics?lang={lang}")
    wait_ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    label = "Naive softmax, top class" if lang == "en" else "朴素 softmax，最大类"
    assert metric_value(page, label).startswith("NaN")
    assert count_when_drawn(page, ".js-plotly-plot .scatterlayer .trace", 2) >= 2
    assert page.locator(".katex").count() >= 2  # the formulas were typeset
    _shot(page, f"numerics_{lang}")
    assert page.errors == []


def test_numerics_tabs_show_bce_clamp(server_url, page):
    page.goto(f"{server_url}/numerics?z=30&y=0")
    wait_ready(page)
    page.get_by_role("tab", name="BCEWithLogitsLoss").click()
    assert metric_value(page, "BCELoss after a sigmoid") == "100.000 nats"
    assert metric_value(page, "BCEWithLogitsLoss") == "30.000 nats"
    page.wait_for_timeout(500)
    _shot(page, "numerics_bce")


def _metric_changes(page, label: str, before: str) -> None:
    """Wait until the readout `label` shows something other than `before`."""
    page.wait_for_function(
        """([label, before]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
            .some(m => m.querySelector('[data-testid="stMetricLabel"]')?.innerText === label
                 && m.querySelector('[data-testid="stMetricValue"]').innerText !== before)""",
        arg=[label, before],
        timeout=20_000,
    )


def _counts(page) -> tuple[int, ...]:
    """How many readouts, logits notes, formulas, tables, code blocks and charts there are."""
    return tuple(
        page.locator(selector).count()
        for selector in (
            '[data-testid="stMetric"]',
            '[data-testid="stCaptionContainer"]:has-text("Logits of sample 1")',
            ".katex-display",
            '[data-testid="stDataFrame"]',
            '[data-testid="stCode"]',
            ".js-plotly-plot",
        )
    )


# readouts, logits notes, formulas, tables, code blocks and charts: every tab is drawn,
# the hidden ones too
ALL_DRAWN = (20, 1, 7, 4, 6, 3)


def _all_drawn(page, timeout: float = 20.0) -> tuple[int, ...]:
    """The page's element counts once it has drawn them all (a snapshot can come early)."""
    deadline = time.monotonic() + timeout
    while (counts := _counts(page)) != ALL_DRAWN and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    return counts


def test_numerics_scale_slider_by_keyboard_fixes_the_naive_softmax(server_url, page):
    page.goto(f"{server_url}/numerics")
    wait_ready(page)
    counts = _all_drawn(page)
    assert counts == ALL_DRAWN
    ce = metric_value(page, "CrossEntropyLoss")
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    page.keyboard.press("Home")  # scale 0: every logit equal, nothing overflows
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                 .some(e => e.innerText.startsWith('0.333'))""",
        timeout=20_000,
    )
    assert metric_value(page, "Naive softmax, top class") == "0.333"
    page.wait_for_function("() => /[?&]scale=0(&|$)/.test(location.search)", timeout=10_000)
    # a fragment rerun: everything that depends on the scale followed it, nothing piled up
    page.wait_for_function(  # the current-scale line sits at the left edge of the log axis
        """() => [...document.querySelectorAll('.js-plotly-plot')].some(gd =>
                 (gd.layout?.shapes || []).some(s => s.type === 'line' && s.x0 === 0.1))""",
        timeout=20_000,
    )
    note = page.locator('[data-testid="stCaptionContainer"]:has-text("Logits of sample 1")')
    assert "z = (0, 0, 0)" in note.inner_text()
    page.get_by_role("tab", name="CrossEntropyLoss").click()
    _metric_changes(page, "CrossEntropyLoss", ce)
    assert metric_value(page, "CrossEntropyLoss") == "1.099 nats"  # log 3: a uniform guess
    assert _counts(page) == counts
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


def test_numerics_bce_weight_and_smoothing_sliders_by_keyboard(server_url, page):
    page.goto(f"{server_url}/numerics")
    wait_ready(page)
    counts = _all_drawn(page)
    assert counts == ALL_DRAWN
    panel_slider = '[role="tabpanel"]:visible [data-testid="stSlider"] input[type="range"]'
    page.get_by_role("tab", name="BCEWithLogitsLoss").click()
    assert metric_value(page, "BCELoss after a sigmoid") == "100.000 nats"  # z = 20, y = 0
    page.locator(panel_slider).first.focus()
    page.keyboard.press("Home")  # z = −1000: both routes agree on a loss of 0
    _metric_changes(page, "BCELoss after a sigmoid", "100.000 nats")
    assert metric_value(page, "BCELoss after a sigmoid") == "0.000 nats"
    assert metric_value(page, "BCEWithLogitsLoss") == "0.000 nats"
    page.wait_for_function(  # the chart followed: its x axis spans ±1.2 |z|
        """() => [...document.querySelectorAll('.js-plotly-plot')]
                 .some(gd => gd.data?.[0]?.x?.[0] === -1200)""",
        timeout=20_000,
    )
    page.get_by_role("tab", name="Reductions and class weights").click()
    weighted = metric_value(page, "Weighted mean (PyTorch)")
    page.locator(panel_slider).first.focus()
    page.keyboard.press("End")  # class weight 10
    _metric_changes(page, "Weighted mean (PyTorch)", weighted)
    page.wait_for_function("() => /[?&]w=10(&|$)/.test(location.search)", timeout=10_000)
    page.get_by_role("tab", name="Label smoothing").click()
    floor = metric_value(page, "Lowest reachable loss")
    page.locator(panel_slider).first.focus()
    page.keyboard.press("Home")  # ε = 0: a one-hot target, whose entropy is 0
    _metric_changes(page, "Lowest reachable loss", floor)
    assert metric_value(page, "Lowest reachable loss") == "0.000 nats"
    assert _counts(page) == counts
    # the dtype is drawn outside the fragments: a change reruns every tab that uses it
    page.get_by_text("float64", exact=True).first.click()
    page.get_by_role("tab", name="BCEWithLogitsLoss").click()
    page.locator('[data-testid="stMetricLabel"]').get_by_text(
        "sigmoid(z) in float64", exact=True
    ).wait_for(timeout=20_000)
    page.wait_for_function("() => /[?&]dtype=float64(&|$)/.test(location.search)")
    assert _counts(page) == counts
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("model=gaussian", "likelihood_en"),
        ("model=quantile&tau=0.9&lang=zh", "likelihood_zh"),
        ("model=bernoulli&theta=0.3&n=40", "likelihood_bernoulli"),
        ("model=categorical&theta=0.5", "likelihood_categorical"),
    ],
)
def test_likelihood_page_paints_both_panels_and_the_scrubber(server_url, page, query, name):
    page.goto(f"{server_url}/likelihood?{query}")
    wait_ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert count_when_drawn(page, ".js-plotly-plot .slider-container", 1) == 1
    assert count_when_drawn(page, ".js-plotly-plot .barlayer .trace", 1) >= 1
    _shot(page, name)
    assert page.errors == []


def test_likelihood_in_figure_slider_moves_the_marker_without_a_rerun(server_url, page):
    page.goto(f"{server_url}/likelihood?model=gaussian")
    wait_ready(page)
    mle = metric_value(page, "MLE")
    count_when_drawn(page, ".js-plotly-plot .scatterlayer .trace .point", 1)
    marker = page.locator(".js-plotly-plot .scatterlayer .trace").nth(4).locator(".point").first
    before = marker.get_attribute("transform")
    page.locator(".js-plotly-plot .slider-rail-touch-rect").click(position={"x": 5, "y": 5})
    page.wait_for_timeout(500)
    assert marker.get_attribute("transform") != before
    assert metric_value(page, "MLE") == mle  # the figure moved, the server state did not


@pytest.mark.parametrize(
    "tab",
    ["CrossEntropyLoss", "KLDivLoss", "Reductions and class weights", "Label smoothing"],
)
def test_numerics_each_tab_renders_its_table_and_snippet(server_url, page, tab):
    page.goto(f"{server_url}/numerics")
    wait_ready(page)
    page.get_by_role("tab", name=tab).click()
    panel = page.locator('[role="tabpanel"]:visible')
    panel.locator('[data-testid="stCode"]').first.wait_for(timeout=10_000)
    assert panel.locator(".katex").count() >= 1
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "numerics_tab_" + tab.split()[0].lower(), height=1900)


def test_likelihood_n_slider_by_keyboard_redraws_readouts_chart_and_formula(server_url, page):
    page.goto(f"{server_url}/likelihood?model=gaussian&n=20")
    wait_ready(page)
    mle, nll = metric_value(page, "MLE"), metric_value(page, "NLL at the MLE")
    formula = page.locator(".katex annotation").nth(1)  # θ̂ and the NLL with their numbers
    formula_before = formula.text_content()
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first  # n
    thumb.focus()
    page.keyboard.press("End")  # n = 500
    page.wait_for_function("() => /[?&]n=500(&|$)/.test(location.search)", timeout=20_000)
    page.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')].some(gd =>
                 (gd.layout?.annotations || []).some(a => a.text.includes('n = 500')))""",
        timeout=20_000,
    )
    assert metric_value(page, "MLE") != mle
    assert metric_value(page, "NLL at the MLE") != nll
    assert formula.text_content() != formula_before
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.errors == []
