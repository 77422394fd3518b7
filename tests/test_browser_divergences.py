"""Headless Chromium: the cross-entropy and KL lessons, and scrubbing q's mean inside the figure."""

import statistics

import pytest
from conftest import ARTIFACTS, chart_titles, count_when_drawn, metric_value, wait_ready

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TEXTS = "[...document.querySelectorAll('.textpoint text')].map(t => t.textContent)"
SCRUBBER = """() => [...document.querySelectorAll('.js-plotly-plot')].find(
    g => g._transitionData && g._transitionData._frames && g._transitionData._frames.length)"""


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 5200})  # the app scrolls inside its own pane
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "cross_entropy?p=1,1&q=1,3",
            {"Cross-entropy": "1.208 bits", "Entropy": "1.000 bits", "KL divergence": "0.208 bits"},
        ),
        ("kl_divergence?p=1,0&q=1,1", {"KL(p‖q)": "1.000 bits", "KL(q‖p)": "∞ bits"}),
    ],
)
def test_deep_link_shows_the_readouts_and_paints_every_chart(server_url, page, path, expected):
    page.goto(f"{server_url}/{path}")
    wait_ready(page)
    for label, value in expected.items():
        assert metric_value(page, label) == value
    assert page.locator('[data-testid="stException"]').count() == 0
    assert count_when_drawn(page, ".js-plotly-plot .main-svg", 4) >= 4
    _shot(page, path.split("?")[0])
    assert page.errors == []


@pytest.mark.parametrize(
    ("path", "title"), [("cross_entropy", "交叉熵"), ("kl_divergence", "KL 散度")]
)
def test_chinese_pages_show_chinese_titles_and_units(server_url, page, path, title):
    page.goto(f"{server_url}/{path}?lang=zh")
    wait_ready(page)
    assert page.locator("h1", has_text=title).count() >= 1
    assert "比特" in page.locator('[data-testid="stMetricValue"]').first.inner_text()
    _shot(page, f"{path}_zh")


def test_keyboard_moves_the_one_hot_slider_to_an_infinite_loss(server_url, page):
    page.goto(f"{server_url}/cross_entropy?hot=0.5")
    wait_ready(page)
    slider = page.locator('[data-testid="stSlider"]', has_text="q(true)")
    slider.locator('input[type="range"]').focus()
    page.keyboard.press("Home")  # q(true) = 0: the model ruled out the true class
    page.wait_for_function("() => /[?&]hot=0(&|$)/.test(location.search)", timeout=20_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_scrubbing_q_mean_inside_the_figure_needs_no_server_round_trip(server_url, page):
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    page.goto(f"{server_url}/cross_entropy")
    wait_ready(page)
    page.wait_for_timeout(1000)
    scrubber = page.evaluate_handle(SCRUBBER)
    before_text = page.evaluate(f"() => {TEXTS}")
    before_sent = len(sent)
    # Step through the figure's own slider: each step runs Plotly.animate with its own args.
    durations = page.evaluate(
        """async (gd) => {
            const steps = gd.layout.sliders[0].steps;
            const times = [];
            for (let i = 0; i < 31; i++) {
                const step = steps[(7 * i + 3) % steps.length];
                const t0 = performance.now();
                await new Promise((done) => {
                    gd.once('plotly_animated', done);
                    Plotly.animate(gd, ...step.args);
                });
                await new Promise((painted) => requestAnimationFrame(() => painted()));
                times.push(performance.now() - t0);
            }
            return times;
        }""",
        scrubber,
    )
    after_text = page.evaluate(f"() => {TEXTS}")
    median = statistics.median(durations[1:])  # the first step warms up
    print(f"\nin-figure scrub of q's mean: median {median:.1f} ms over {len(durations) - 1} moves")
    assert before_text != after_text  # the h(p, q) caption follows the frames
    assert len(sent) == before_sent  # nothing went to the server while scrubbing
    assert median < 100  # well inside "while dragging"


def test_clicking_the_figure_slider_moves_q_and_its_readout(server_url, page):
    page.goto(f"{server_url}/cross_entropy")
    wait_ready(page)
    rail = page.locator(".slider-rail-touch-rect").first
    rail.scroll_into_view_if_needed()
    box = rail.bounding_box()
    before = page.evaluate(f"() => {TEXTS}")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # μ_q ≈ 0 = μ_p
    page.wait_for_function(
        f"before => JSON.stringify({TEXTS}) !== JSON.stringify(before)",
        arg=before,
        timeout=10_000,
    )
    texts = " ".join(page.evaluate(f"() => {TEXTS}"))
    assert "2.047" in texts  # h(p, q) = h(p) = ½ log₂(2πe) when q = p
    assert page.errors == []


# A release of p's first weight reruns only its fragment: every readout, chart and formula
# that depends on p must be redrawn (nothing stale), and the rest of the page must stay.
TEX = "() => [...document.querySelectorAll('annotation')].map(a => a.textContent)"
SETTLED = "() => document.querySelectorAll('[data-stale=\"true\"]').length === 0"


def _release_first_weight_to_zero(page, url: str, weights: str) -> None:
    page.goto(url)
    wait_ready(page)
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("Home")
    page.wait_for_function(
        f"() => new URLSearchParams(location.search).get('p') === '{weights}'", timeout=20_000
    )


def test_cross_entropy_release_of_p_redraws_readouts_split_and_formulas(server_url, page):
    _release_first_weight_to_zero(page, f"{server_url}/cross_entropy", "0,2,1,1")
    page.wait_for_function(
        f"() => ({TEX})().some(t => t.includes('= 1.500 + 0.500 = 2.000'))", timeout=20_000
    )
    page.wait_for_function(SETTLED, timeout=20_000)
    assert metric_value(page, "Cross-entropy") == "2.000 bits"
    assert metric_value(page, "Entropy") == "1.500 bits"
    assert metric_value(page, "KL divergence") == "0.500 bits"
    titles = chart_titles(page)  # shown above the charts
    assert any("2.000 bits" in t for t in titles)
    assert not any("1.750" in t for t in page.evaluate(TEX))
    assert page.get_by_text("Check your understanding").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_kl_release_of_p_redraws_readouts_map_point_and_formulas(server_url, page):
    _release_first_weight_to_zero(page, f"{server_url}/kl_divergence", "0,1")
    page.wait_for_function(f"() => ({TEX})().some(t => t.includes('= 0.311'))", timeout=20_000)
    page.wait_for_function(SETTLED, timeout=20_000)
    assert metric_value(page, "KL(p‖q)") == "1.000 bits"
    assert metric_value(page, "KL(q‖p)") == "∞ bits"
    assert metric_value(page, "JS divergence") == "0.311 bits"
    tex = page.evaluate(TEX)
    assert any("1.000 = 0.000 + 1.000" in t for t in tex)  # H(p,q) = H(p) + D(p‖q)
    point = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
                 .flatMap(g => g._fullData || []).filter(d => d.name === 'your p and q')
                 .map(d => d.x[0])"""
    )
    assert point == [0]  # the coin map's cross moved to a = 0
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1  # the fit section stayed
    assert page.get_by_text("Check your understanding").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
