"""End-to-end tests of the bias–variance lesson in a real headless Chromium."""

import pytest
from conftest import ARTIFACTS, count_when_drawn, metric_value, wait_ready

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize(("degree", "lang"), [("1", "en"), ("12", "en"), ("12", "zh")])
def test_acceptance_link_paints_readouts_and_three_charts(server_url, page, degree, lang):
    page.goto(f"{server_url}/bias_variance?degree={degree}&noise=0.3&n=30&lang={lang}")
    wait_ready(page, charts=3)
    labels = ("偏差²", "方差", "噪声") if lang == "zh" else ("Bias²", "Variance", "Noise")
    bias2, variance, noise = (float(metric_value(page, label)) for label in labels)
    assert noise == 0.09
    assert (bias2 > 10 * variance) if degree == "1" else (variance > 10 * bias2)
    assert page.locator('[data-testid="stException"]').count() == 0
    # every chart actually drew its traces (the fits are SVG paths)
    assert count_when_drawn(page, ".js-plotly-plot .scatterlayer .trace", 21) > 20
    assert count_when_drawn(page, ".js-plotly-plot .barlayer .trace", 4) == 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"bias_variance_{degree}_{lang}.png"), full_page=True)
    assert page.errors == []


def test_keyboard_moves_the_degree_slider_and_updates_readout_and_url(server_url, page):
    page.goto(f"{server_url}/bias_variance?degree=3")
    wait_ready(page, charts=3)
    before = metric_value(page, "Variance")
    formula = page.locator(".katex annotation").first  # the decomposition's TeX source
    formula_before = formula.text_content()
    sliders = page.locator('[data-testid="stSlider"] input[type="range"]')
    sliders.first.focus()  # the first slider is the polynomial degree
    page.keyboard.press("End")  # degree 15
    page.wait_for_function("() => /[?&]degree=15(&|$)/.test(location.search)", timeout=20_000)
    page.wait_for_function(
        """(before) => {
            const box = [...document.querySelectorAll('[data-testid="stMetric"]')]
                .find(e => e.innerText.includes('Variance'));
            const v = box && box.querySelector('[data-testid="stMetricValue"]').innerText;
            return v && v !== before;
        }""",
        arg=before,
        timeout=20_000,
    )
    assert float(metric_value(page, "Variance")) > float(before)
    # the release reran only the lesson's fragment: everything that depends on the degree
    # was redrawn with it (the U-curve's marker of the current degree, the formula)
    page.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
                 .some(gd => (gd.layout?.shapes || []).some(s => s.x0 === 15))""",
        timeout=20_000,
    )
    assert "Var" in formula.text_content() and formula.text_content() != formula_before
    assert page.locator('[data-testid="stException"]').count() == 0
