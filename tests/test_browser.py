"""End-to-end tests in a real headless Chromium: what only a browser shows."""

import re

import pytest
from conftest import ARTIFACTS, metric_value, wait_ready

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
