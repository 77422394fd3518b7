"""Page tests (AppTest) of the lesson "Regression losses".

References: numpy's mean / median / quantile of the lab's data, and scipy.special.huber
minimised by scipy.optimize (never the page's own estimators restated).
"""

import base64
import json

import numpy as np
import pytest
from conftest import first_number, metrics, open_page
from scipy.optimize import minimize_scalar
from scipy.special import huber

from lossviz import estimators

LABELS = ("Mean (MSE)", "Median (MAE)", "Huber estimate", "Quantile estimate")


def array(value):
    """A trace array as Plotly serialises it: a list, or base64 ``{"dtype", "bdata"}``."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).astype(float)
    return np.asarray(value, dtype=float)


def lab_y(outlier):
    _, y = estimators.outlier_data(outlier)
    return y


def huber_reference(y, delta):
    res = minimize_scalar(
        lambda c: huber(delta, y - c).sum(), bounds=(y.min(), y.max()), method="bounded",
        options={"xatol": 1e-10},
    )  # fmt: skip
    return res.x


def test_default_page_shows_the_four_estimates():
    at = open_page("regression_losses")
    assert not at.exception
    m = metrics(at)
    y = lab_y(20.0)
    assert first_number(m["Mean (MSE)"]) == pytest.approx(np.mean(y), abs=5e-4)
    assert first_number(m["Median (MAE)"]) == pytest.approx(np.median(y), abs=5e-4)
    assert first_number(m["Huber estimate"]) == pytest.approx(huber_reference(y, 1.0), abs=1e-3)
    assert first_number(m["Quantile estimate"]) == pytest.approx(
        np.quantile(y, 0.75, method="inverted_cdf"), abs=5e-4
    )


def test_moving_the_outlier_moves_the_mean_but_not_the_median():
    at = open_page("regression_losses", outlier="10")
    before = metrics(at)
    at.slider(key="rl_outlier").set_value(30.0).run()
    after = metrics(at)
    # Reference: the mean of nine numbers moves by 20/9 when one moves by 20.
    shift = first_number(after["Mean (MSE)"]) - first_number(before["Mean (MSE)"])
    assert shift == pytest.approx(20 / 9, abs=1e-3)
    assert after["Median (MAE)"] == before["Median (MAE)"] == "3.000"
    assert at.query_params["outlier"] in ("30", ["30"])


@pytest.mark.parametrize("delta", ["0.1", "2.5"])
def test_delta_link_sets_the_huber_estimate(delta):
    at = open_page("regression_losses", delta=delta)
    y = lab_y(20.0)
    assert first_number(metrics(at)["Huber estimate"]) == pytest.approx(
        huber_reference(y, float(delta)), abs=1e-3
    )


def test_tau_slider_changes_the_quantile_estimate():
    at = open_page("regression_losses", outlier="-5")
    at.slider(key="rl_tau").set_value(0.25).run()
    y = lab_y(-5.0)
    assert first_number(metrics(at)["Quantile estimate"]) == pytest.approx(
        np.quantile(y, 0.25, method="inverted_cdf"), abs=5e-4
    )


def test_the_curves_figure_scrubs_delta_in_the_browser():
    at = open_page("regression_losses")
    fig = next(c for c in at.get("plotly_chart") if '"frames"' in c.proto.spec)
    spec = json.loads(fig.proto.spec)
    assert 1 < len(spec["frames"]) <= 60
    slider = spec["layout"]["sliders"][0]
    assert len(slider["steps"]) == len(spec["frames"])
    args = slider["steps"][0]["args"][1]
    assert args["frame"] == {"duration": 0, "redraw": False} and args["mode"] == "immediate"
    assert spec["layout"]["updatemenus"][0]["buttons"]
    assert slider["active"] == 9  # δ = 1.0 in the grid 0.1, 0.2, …


def test_huber_off_removes_the_scrubber_and_no_loss_at_all_raises_nothing():
    params = {k: "0" for k in ("mse", "mae", "huber", "smoothl1", "logcosh", "quantile")}
    at = open_page("regression_losses", **params)
    assert not at.exception
    assert at.info  # "switch on at least one loss"
    assert all('"frames"' not in c.proto.spec for c in at.get("plotly_chart"))


@pytest.mark.parametrize(
    "params",
    [
        {"outlier": "-10", "delta": "0.1", "tau": "0.05", "beta": "0.1", "line": "1"},
        {"outlier": "30", "delta": "3", "tau": "0.95", "beta": "3", "line": "1"},
        {"smoothl1": "1", "logcosh": "1", "quantile": "1", "outlier": "5"},
    ],
)
def test_extremes_raise_nothing(params):
    at = open_page("regression_losses", **params)
    assert not at.exception
    assert set(LABELS) <= set(metrics(at))


def test_line_toggle_draws_the_fitted_lines():
    at = open_page("regression_losses", line="1")
    assert not at.exception
    # Reference: numpy.polyfit's slope is the slope of the drawn MSE line.
    x, y = estimators.outlier_data(20.0)
    slope, _ = np.polyfit(x, y, 1)
    lab = next(c for c in at.get("plotly_chart") if "Mean (MSE)" in c.proto.spec)
    mse = next(t for t in json.loads(lab.proto.spec)["data"] if t.get("name") == "Mean (MSE)")
    xs, ys = array(mse["x"]), array(mse["y"])
    assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(slope, abs=1e-6)


@pytest.mark.parametrize("bad", ["abc", "100", "nan"])
def test_bad_link_value_falls_back_with_notice(bad):
    at = open_page("regression_losses", outlier=bad)
    assert not at.exception
    assert first_number(metrics(at)["Mean (MSE)"]) == pytest.approx(np.mean(lab_y(20.0)), abs=5e-4)
    assert any("`outlier`" in w.value for w in at.warning)


def test_chinese_page_uses_chinese_labels():
    at = open_page("regression_losses", lang="zh")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "均值（MSE）" in labels and "中位数（MAE）" in labels
