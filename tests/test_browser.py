"""End-to-end tests in a real headless Chromium: what only a browser shows."""

import re

import pytest
from conftest import ARTIFACTS, chart_titles, metric_value, wait_ready

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize(
    ("path", "label", "expected"),
    [
        ("self_information?p=0.125", "Self-information", "3.000 bits"),
        ("entropy?p=1,1,2&unit=bits", "Entropy", "1.500 bits"),
    ],
)
def test_deep_link_renders_readout_and_chart_without_exception(
    server_url, page, path, label, expected
):
    page.goto(f"{server_url}/{path}")
    wait_ready(page)
    assert metric_value(page, label) == expected
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".js-plotly-plot").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{path.split('?')[0]}.png"), full_page=True)


def test_keyboard_moves_the_slider_and_updates_readout_and_url(server_url, page):
    page.goto(f"{server_url}/self_information?p=0.125")
    wait_ready(page)
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    page.keyboard.press("End")  # p = 1: a certain event carries no information
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                 .some(e => e.innerText.startsWith('0.000'))""",
        timeout=20_000,
    )
    assert metric_value(page, "Self-information") == "0.000 bits"
    page.wait_for_function("() => /[?&]p=1(&|$)/.test(location.search)", timeout=10_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_chinese_page_shows_chinese_title(server_url, page):
    page.goto(f"{server_url}/entropy?lang=zh")
    wait_ready(page)
    assert page.locator("h1", has_text="熵").count() >= 1
    assert re.search(r"比特", metric_value(page, "熵"))
    page.screenshot(path=str(ARTIFACTS / "entropy_zh.png"), full_page=True)


def test_no_console_errors_on_load(server_url, page):
    page.goto(f"{server_url}/entropy")
    wait_ready(page)
    assert page.errors == []  # no console error, no failed or external request


# A slider release reruns only its fragment: everything that depends on the slider must
# be redrawn (nothing left stale), and the page frame around it must stay.
TEX = "() => [...document.querySelectorAll('annotation')].map(a => a.textContent)"
SETTLED = "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0"


def _wait_for_tex(page, piece: str) -> None:
    page.wait_for_function(
        f"piece => ({TEX})().some(t => t.includes(piece))", arg=piece, timeout=20_000
    )


def test_self_information_release_redraws_readout_curve_and_formula(server_url, page):
    page.goto(f"{server_url}/self_information?p=0.125")
    wait_ready(page)
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("End")  # p = 1
    page.wait_for_function("() => /[?&]p=1(&|$)/.test(location.search)", timeout=20_000)
    _wait_for_tex(page, r"= 0.000\ \text{bits}")
    page.wait_for_function(SETTLED, timeout=20_000)
    assert metric_value(page, "Self-information") == "0.000 bits"
    marker = page.evaluate("() => document.querySelector('.js-plotly-plot')._fullData[1].x[0]")
    assert marker == 1  # the curve's point moved with the slider
    assert not any("0.125" in t for t in page.evaluate(TEX))  # no formula left behind
    assert page.get_by_text("Check your understanding").count() == 1  # the frame stayed
    assert page.locator('[data-testid="stException"]').count() == 0


def test_entropy_release_of_a_weight_redraws_readouts_charts_and_code(server_url, page):
    page.goto(f"{server_url}/entropy")
    wait_ready(page)
    assert metric_value(page, "Entropy") == "1.750 bits"
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("Home")  # x1's weight 0: p = (0, ½, ¼, ¼)
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('p') === '0,2,1,1'", timeout=20_000
    )
    _wait_for_tex(page, r"H = 1.500 \le L = 1.500")  # the Huffman section, low in the fragment
    page.wait_for_function(SETTLED, timeout=20_000)
    assert metric_value(page, "Entropy") == "1.500 bits"
    assert any(r"= 1.500\ \text{bits}" in t for t in page.evaluate(TEX))
    assert not any("1.750" in t for t in page.evaluate(TEX))
    titles = chart_titles(page)  # shown above the charts
    assert any("1.500 bits" in t for t in titles) and not any("1.750" in t for t in titles)
    assert page.get_by_text("Check your understanding").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
