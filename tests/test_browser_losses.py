"""Browser tests (headless Chromium) of the regression and classification loss lessons."""

import pytest
from conftest import ARTIFACTS, count_when_drawn, metric_value, wait_ready

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize(
    ("path", "label", "expected", "shot"),
    [
        ("regression_losses?outlier=20", "Median (MAE)", "3.000", "regression_losses.png"),
        ("regression_losses?lang=zh", "中位数（MAE）", "3.000", "regression_zh.png"),
        ("classification_losses?pi=0.1&w=9&eps=0", "Optimal probability", "0.500",
         "classification_losses.png"),
        ("classification_losses?lang=zh", "支持向量数", "4", "classification_losses_zh.png"),
    ],
)  # fmt: skip
def test_page_renders_readouts_and_charts_without_errors(
    server_url, page, path, label, expected, shot
):
    page.set_viewport_size({"width": 1280, "height": 4200})
    page.goto(f"{server_url}/{path}")
    wait_ready(page)
    assert metric_value(page, label) == expected
    assert page.locator('[data-testid="stException"]').count() == 0
    assert count_when_drawn(page, ".js-plotly-plot", 3) >= 3
    page.wait_for_timeout(1000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    assert page.errors == []


def test_keyboard_moves_the_outlier_and_only_the_mean_follows(server_url, page):
    page.goto(f"{server_url}/regression_losses?outlier=20")
    wait_ready(page)
    assert metric_value(page, "Mean (MSE)") == "4.700"
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    page.keyboard.press("End")  # outlier = 30: the mean moves by 10/9, the median not at all
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                 .some(e => e.innerText.startsWith('5.811'))""",
        timeout=20_000,
    )
    assert metric_value(page, "Median (MAE)") == "3.000"
    page.wait_for_function("() => /[?&]outlier=30(&|$)/.test(location.search)", timeout=10_000)


def test_in_figure_slider_scrubs_the_huber_curve_without_the_server(server_url, page):
    page.goto(f"{server_url}/regression_losses")
    wait_ready(page)
    plot = page.locator(".js-plotly-plot", has=page.locator(".slider-container")).first
    plot.scroll_into_view_if_needed()

    def huber_loss_at_edge():  # the last y of the Huber loss trace (r = 4)
        return page.evaluate(
            """(el) => { const t = el.data.find(d => (d.name || '').startsWith('Huber'));
                         return Array.from(t.y).at(-1); }""",
            plot.element_handle(),
        )

    before = huber_loss_at_edge()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.evaluate(
        """(el) => Plotly.animate(el, ['3.0'], {frame: {duration: 0, redraw: false},
                                               mode: 'immediate', transition: {duration: 0}})""",
        plot.element_handle(),
    )
    page.wait_for_timeout(500)
    after = huber_loss_at_edge()
    # Reference: Huber at r = 4 is δ(4 − δ/2): 3.5 for δ = 1, 7.5 for δ = 3.
    assert before == pytest.approx(3.5, abs=1e-3)
    assert after == pytest.approx(7.5, abs=1e-3)
    assert not [u for u in requests if "_stcore" in u and "health" not in u]


def test_keyboard_moves_delta_and_both_sections_that_use_it_follow(server_url, page):
    # δ's fragment holds the lab and the curves: a release must redraw both, not add to them
    page.set_viewport_size({"width": 1280, "height": 4200})
    page.goto(f"{server_url}/regression_losses?delta=1")
    wait_ready(page, charts=4)
    charts_before = page.locator(".js-plotly-plot").count()
    sliders = page.locator('[data-testid="stSlider"] input[type="range"]')
    sliders.nth(1).focus()  # outlier, δ, τ side by side
    page.keyboard.press("End")  # δ = 3: the Huber estimate moves towards the mean
    page.wait_for_function("() => /[?&]delta=3(&|$)/.test(location.search)", timeout=20_000)
    page.wait_for_function(  # the curves chart's Huber line is the δ = 3 one
        """() => [...document.querySelectorAll('.js-plotly-plot')].some(
                 el => el.data && el.data.some(d => d.name === 'Huber (δ = 3.0)'))""",
        timeout=20_000,
    )
    assert page.locator(".katex", has_text="±3.0").count() == 1  # the lab's formula
    assert page.locator(".katex", has_text="3.0(∣r∣").count() == 1  # the curves' Huber formula
    assert page.locator(".js-plotly-plot").count() == charts_before
    assert metric_value(page, "Median (MAE)") == "3.000"
    assert page.errors == []


def test_keyboard_moves_gamma_and_the_margin_section_follows(server_url, page):
    # γ's fragment reruns alone: its chart, legend and formula must follow, once each
    page.set_viewport_size({"width": 1280, "height": 4200})
    page.goto(f"{server_url}/classification_losses?gamma=2")
    wait_ready(page, charts=3)
    charts_before = page.locator(".js-plotly-plot").count()
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("End")  # γ = 5
    page.wait_for_function("() => /[?&]gamma=5(&|$)/.test(location.search)", timeout=20_000)
    page.wait_for_function(  # the focal line of the margin chart is the γ = 5 one
        """() => [...document.querySelectorAll('.js-plotly-plot')].some(
                 el => el.data && el.data.some(d => (d.name || '').endsWith('(γ = 5.00)')))""",
        timeout=20_000,
    )
    assert page.locator(".katex", has_text="γ=5.00").count() == 1
    assert page.locator(".katex", has_text="γ=2.00").count() == 0
    assert page.locator(".js-plotly-plot").count() == charts_before
    assert page.errors == []
