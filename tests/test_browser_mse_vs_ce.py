"""The lesson MSE vs cross-entropy in a real headless Chromium."""

import pytest
from conftest import ARTIFACTS, metric_value, wait_ready

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TABS = ("loss", "race", "convex", "softmax", "backprop")


def _shoot_every_tab(page, lang):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 2400})  # the app scrolls inside its frame
    tabs = page.locator('[data-testid="stTab"]')
    for i, name in enumerate(TABS):
        tabs.nth(i).click()
        page.wait_for_timeout(1500)  # let plotly lay out the newly shown charts
        panel = page.locator('[data-testid="stTabPanel"]:visible').first
        painted = panel.locator(".js-plotly-plot .main-svg").count()
        assert painted >= (0 if name == "backprop" else 1), name
        page.screenshot(path=str(ARTIFACTS / f"mse_vs_ce_{lang}_{name}.png"), full_page=True)


def test_acceptance_link_shows_saturated_mse_gradient_and_paints_every_tab(server_url, page):
    page.goto(f"{server_url}/mse_vs_ce?y=1&z=-4")
    wait_ready(page)
    assert metric_value(page, "CE gradient") == "-0.982"
    assert abs(float(metric_value(page, "MSE gradient"))) < 0.04
    assert metric_value(page, "Cross-entropy") == "4.018 nats"
    assert page.locator('[data-testid="stException"]').count() == 0
    _shoot_every_tab(page, "en")
    assert page.errors == []


def test_in_figure_slider_scrubs_z_without_a_server_round_trip(server_url, page):
    page.goto(f"{server_url}/mse_vs_ce?y=1&z=-4")
    wait_ready(page)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    point = "el => el._fullData[5].x[0]"  # the cross-entropy marker on the loss curve
    assert chart.evaluate(point) == -4
    messages = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: messages.append(payload)))
    rail = chart.locator(".slider-rail-rect").first.bounding_box()
    page.mouse.click(rail["x"] + rail["width"] - 2, rail["y"] + rail["height"] / 2)  # to z = 8
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')._fullData[5].x[0] === 8", timeout=10_000
    )
    page.wait_for_timeout(500)
    assert metric_value(page, "CE gradient") == "-0.982"  # the readouts follow the z slider only
    assert messages == []  # nothing was sent to the server: the frames ran in the browser


def test_keyboard_moves_z_and_updates_readouts_and_url(server_url, page):
    page.goto(f"{server_url}/mse_vs_ce?y=1&z=-4")
    wait_ready(page)
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    page.keyboard.press("End")  # z = 8: the neuron is confidently right, both gradients vanish
    page.wait_for_function("() => /[?&]z=8(&|$)/.test(location.search)", timeout=20_000)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
                 .some(e => e.innerText === '0.000 nats')""",
        timeout=20_000,
    )
    assert metric_value(page, "CE gradient") == "0.000"
    assert page.locator('[data-testid="stException"]').count() == 0


def test_chinese_page_shows_chinese_labels_and_paints_every_tab(server_url, page):
    page.goto(f"{server_url}/mse_vs_ce?y=1&z=-4&lang=zh")
    wait_ready(page)
    assert page.locator("h1", has_text="均方误差与交叉熵").count() >= 1
    assert metric_value(page, "交叉熵梯度") == "-0.982"
    assert metric_value(page, "交叉熵").endswith("奈特")
    _shoot_every_tab(page, "zh")
    assert page.errors == []


def test_probability_axis_draws_the_infinite_cross_entropy_leaving_the_chart(server_url, page):
    page.goto(f"{server_url}/mse_vs_ce?y=1&z=-6&axis=a")
    wait_ready(page)
    chart = page.locator(".js-plotly-plot").first
    top = chart.evaluate("el => el._fullLayout.yaxis.range[1]")
    first_ce = chart.evaluate("el => el._fullData[1].y[0]")  # a = 0: drawn above the axis
    assert first_ce > top
    assert page.get_by_text("cross-entropy is ∞").count() >= 1
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.screenshot(path=str(ARTIFACTS / "mse_vs_ce_en_axis_a.png"), full_page=True)
    assert page.errors == []


def test_z_release_redraws_the_readouts_and_the_first_tab_in_place(server_url, page):
    # z lives in a fragment: a release reruns only it, and everything z moves must follow
    page.goto(f"{server_url}/mse_vs_ce?y=1&z=-4")
    wait_ready(page)
    panel = page.locator('[data-testid="stTabPanel"]').first
    charts_before = panel.locator(".js-plotly-plot").count()
    metrics_before = page.locator('[data-testid="stMetric"]').count()
    assert panel.locator(".js-plotly-plot").first.evaluate("el => el._fullData[5].x[0]") == -4
    thumb = page.locator('[data-testid="stSlider"] input[type="range"]').first
    thumb.focus()
    page.keyboard.press("End")  # z = 8
    page.wait_for_function("() => /[?&]z=8(&|$)/.test(location.search)", timeout=20_000)
    page.wait_for_function(  # the loss chart's cross-entropy marker moved to the new z
        """() => { const el = document.querySelector('[data-testid="stTabPanel"] .js-plotly-plot');
                   return el && el._fullData[5] && el._fullData[5].x[0] === 8; }""",
        timeout=20_000,
    )
    assert metric_value(page, "CE gradient") == "0.000"
    assert page.get_by_text("a = σ(8.0)").count() >= 1  # the reading under the readouts
    assert panel.locator(".katex", has_text="0.0000").count() >= 1  # the formula's numbers
    assert panel.locator(".js-plotly-plot").count() == charts_before  # redrawn, not added
    assert page.locator('[data-testid="stMetric"]').count() == metrics_before
    assert page.errors == []


def test_race_release_redraws_the_backprop_tab(server_url, page):
    # w0 lives in the race's fragment, which also draws the backprop tab it decides
    page.goto(f"{server_url}/mse_vs_ce?w0=2&b0=2")
    wait_ready(page)
    tabs = page.locator('[data-testid="stTab"]')
    tabs.nth(4).click()
    backprop = page.locator('[data-testid="stTabPanel"]:visible').first
    assert backprop.get_by_text("w = 2.0, b = 2.0, so z = 4.0").count() == 1
    tabs.nth(1).click()
    race = page.locator('[data-testid="stTabPanel"]:visible').first
    race.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("Home")  # w0 = -4
    page.wait_for_function("() => /[?&]w0=-4(&|$)/.test(location.search)", timeout=20_000)
    tabs.nth(4).click()
    backprop = page.locator('[data-testid="stTabPanel"]:visible').first
    backprop.get_by_text("w = -4.0, b = 2.0, so z = -2.0").wait_for(timeout=20_000)
    assert backprop.locator(".katex").count() == 2  # one step per loss, not accumulated
    assert page.errors == []
