"""Page tests (AppTest) of the lesson bias and variance."""

import math

import pytest
from conftest import first_number, metrics, open_page

READOUTS = ("Bias²", "Variance", "Noise", "Expected test MSE")


def readouts(at):
    m = metrics(at)
    return {label: first_number(m[label]) for label in (*READOUTS, "Measured test MSE")}


@pytest.mark.parametrize("degree", ["1", "12"])
def test_acceptance_links_sum_matches_measured_test_mse_within_5_percent(degree):
    at = open_page("bias_variance", degree=degree, noise="0.3", n="30")
    assert not at.exception
    r = readouts(at)
    total = r["Bias²"] + r["Variance"] + r["Noise"]
    assert abs(total - r["Measured test MSE"]) <= 0.05 * r["Measured test MSE"]
    assert r["Expected test MSE"] == pytest.approx(total, abs=0.0015)  # three roundings
    assert r["Noise"] == pytest.approx(0.09, abs=5e-4)
    relative = metrics(at)["Sum vs measured"]
    assert relative.endswith("%") and abs(first_number(relative)) < 5


def test_degree_1_is_high_bias_low_variance_and_degree_12_the_reverse():
    line = readouts(open_page("bias_variance", degree="1", noise="0.3", n="30"))
    wiggle = readouts(open_page("bias_variance", degree="12", noise="0.3", n="30"))
    assert line["Bias²"] > 10 * line["Variance"]
    assert wiggle["Variance"] > 10 * wiggle["Bias²"]
    assert line["Bias²"] > 10 * wiggle["Bias²"] and wiggle["Variance"] > 5 * line["Variance"]
    # the best straight line through sin 2πx on [0, 1] misses it by ½ − 3/π² on average
    assert line["Bias²"] == pytest.approx(0.5 - 3 / math.pi**2, abs=0.003)


def test_default_page_teaches_without_a_click():
    at = open_page("bias_variance")
    assert not at.exception
    assert [m.label for m in at.metric][:4] == list(READOUTS)
    assert len(at.get("plotly_chart")) == 3
    assert at.latex and "Bias" in at.latex[0].value
    assert at.query_params["degree"] in ("3", ["3"])


def test_noise_slider_sets_the_noise_readout_and_the_url():
    at = open_page("bias_variance")
    at.slider(key="bv_noise").set_value(0.5).run()
    assert metrics(at)["Noise"] == "0.250"
    assert at.query_params["noise"] in ("0.5", ["0.5"])


def test_degree_slider_moves_variance_up_and_bias_down():
    at = open_page("bias_variance", degree="1")
    before = readouts(at)
    at.slider(key="bv_degree").set_value(9).run()
    after = readouts(at)
    assert after["Variance"] > before["Variance"] and after["Bias²"] < before["Bias²"]
    assert at.query_params["degree"] in ("9", ["9"])


def test_more_training_points_lower_the_variance():
    at = open_page("bias_variance", degree="6", n="10")
    small = readouts(at)["Variance"]
    at.slider(key="bv_n").set_value(200).run()
    assert readouts(at)["Variance"] < small / 5


def test_knn_variance_is_noise_over_k():
    at = open_page("bias_variance", model="knn", k="4", noise="0.6", n="40")
    assert not at.exception
    assert readouts(at)["Variance"] == pytest.approx(0.36 / 4, rel=0.15)


def test_switching_the_model_radio_to_knn_changes_the_readouts():
    at = open_page("bias_variance", k="1")
    before = metrics(at)
    at.radio(key="bv_model").set_value("knn").run()
    assert metrics(at) != before
    assert at.query_params["model"] in ("knn", ["knn"])


def test_seed_reproduces_and_changes_the_draw():
    a = metrics(open_page("bias_variance", seed="7"))
    b = metrics(open_page("bias_variance", seed="7"))
    c = metrics(open_page("bias_variance", seed="8"))
    assert a == b
    assert a["Measured test MSE"] != c["Measured test MSE"] or a["Variance"] != c["Variance"]


@pytest.mark.parametrize(
    "params",
    [
        {"degree": "0"},
        {"degree": "15"},
        {"degree": "15", "n": "5"},  # more coefficients than points
        {"degree": "4", "n": "5", "noise": "0"},
        {"degree": "15", "n": "200", "noise": "1"},
        {"model": "knn", "k": "50", "n": "5"},  # k clamped to n
        {"model": "knn", "k": "1", "noise": "0"},
        {"seed": "100"},
    ],
)
def test_extreme_settings_raise_nothing(params):
    at = open_page("bias_variance", **params)
    assert not at.exception
    r = readouts(at)
    assert all(math.isfinite(v) and v >= 0 for v in r.values())
    assert abs(r["Expected test MSE"] - r["Measured test MSE"]) <= 0.05 * r["Measured test MSE"]


def test_interpolation_and_double_descent_are_explained_past_n_minus_1():
    at = open_page("bias_variance", degree="15", n="10")
    captions = " ".join(c.value for c in at.caption)
    assert "16 coefficients and only 10 training points" in captions
    assert "double descent" in captions
    assert "double descent" not in " ".join(c.value for c in open_page("bias_variance").caption)


def test_k_larger_than_n_is_clamped_and_said():
    at = open_page("bias_variance", model="knn", k="50", n="5")
    assert any("k = 5" in c.value for c in at.caption)
    # k = n averages every target: the prediction is the constant mean, bias² = ½ for sin 2πx
    assert first_number(metrics(at)["Bias²"]) == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(
    ("param", "bad"),
    [("degree", "abc"), ("degree", "2.5"), ("degree", "99"), ("n", "1"), ("noise", "nan"),
     ("model", "tree"), ("seed", "-1"), ("k", "<b>5</b>")],
)  # fmt: skip
def test_bad_link_value_falls_back_with_a_notice(param, bad):
    at = open_page("bias_variance", **{param: bad})
    assert not at.exception
    assert any(f"`{param}`" in w.value for w in at.warning)
    assert metrics(at) == metrics(open_page("bias_variance"))


def test_page_in_chinese_shows_chinese_labels_and_terms():
    at = open_page("bias_variance", lang="zh", degree="12")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["偏差²", "方差", "噪声"]
    assert any("过拟合" in w.value for w in at.warning)
    assert "偏差-方差分解" in at.subheader[0].value
