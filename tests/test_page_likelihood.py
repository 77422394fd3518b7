"""AppTest of the likelihood lesson: the MLE against closed forms, controls, the figure."""

import json

import numpy as np
import pytest
from conftest import first_number, metrics, open_page
from scipy import stats

from lossviz import likelihood


def close(value: str, expected: float) -> bool:
    return first_number(value) == pytest.approx(expected, abs=6e-4)


def chart(at):
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith("lik_chart")]
    assert found
    return found[0].proto


def test_default_gaussian_mle_is_the_sample_mean_of_the_seeded_data():
    at = open_page("likelihood")
    assert not at.exception
    m = metrics(at)
    y = stats.norm(1.0, 1.0).rvs(size=20, random_state=np.random.default_rng(0))
    assert close(m["MLE"], y.mean())
    assert close(m["Minimiser of the loss"], y.mean())
    assert close(m["Closed form"], y.mean())
    assert close(m["Minimum of the loss"], y.var())  # the MSE at the mean
    nll = 0.5 * np.log(2 * np.pi) + 0.5 * y.var()  # Gaussian NLL per point, σ = 1
    assert close(m["NLL at the MLE"], nll)
    assert m["NLL at the MLE"].endswith("nats")


@pytest.mark.parametrize("sigma", ["0.5", "2"])
def test_sigma_scales_the_noise_and_the_mle_is_still_the_mean(sigma):
    base = metrics(open_page("likelihood", scale="1"))
    m = metrics(open_page("likelihood", scale=sigma))
    s = float(sigma)
    # same seed: the data are θ + σ·ε with the same ε, so the mean moves σ times as far from θ
    expected = 1.0 + s * (first_number(base["MLE"]) - 1.0)
    assert first_number(m["MLE"]) == pytest.approx(expected, abs=(1 + s) * 5e-4)
    y = stats.norm(1.0, s).rvs(size=20, random_state=np.random.default_rng(0))
    assert close(m["MLE"], y.mean())
    assert close(m["NLL at the MLE"], np.mean(-stats.norm.logpdf(y, y.mean(), s)))


@pytest.mark.parametrize("n", ["7", "8"])
def test_laplace_mle_is_the_median(n):
    m = metrics(open_page("likelihood", model="laplace", n=n, seed="3"))
    y = stats.laplace(1.0, 1.0).rvs(size=int(n), random_state=np.random.default_rng(3))
    assert close(m["MLE"], np.median(y))
    assert close(m["Minimum of the loss"], np.mean(np.abs(y - np.median(y))))


def test_quantile_mle_is_a_sample_quantile_with_the_interval_shown_when_flat():
    m = metrics(open_page("likelihood", model="quantile", n="20", tau="0.9"))
    y = likelihood.sample("quantile", 20, 1.0, seed=0, tau=0.9)
    s = np.sort(y)
    assert m["Closed form"] == f"{s[17]:.3f} to {s[18]:.3f}"  # nτ = 18: flat between them
    assert s[17] - 1e-3 <= first_number(m["MLE"]) <= s[18] + 1e-3
    m = metrics(open_page("likelihood", model="quantile", n="21", tau="0.9"))
    y = likelihood.sample("quantile", 21, 1.0, seed=0, tau=0.9)
    assert close(m["MLE"], np.quantile(y, 0.9, method="inverted_cdf"))


@pytest.mark.parametrize(("model", "label"), [("bernoulli", 1), ("categorical", 0)])
def test_discrete_mle_is_the_frequency(model, label):
    m = metrics(open_page("likelihood", model=model, theta="0.35", n="40", seed="5"))
    y = likelihood.sample(model, 40, 0.35, seed=5)
    frequency = np.mean(y == label)
    assert close(m["MLE"], frequency)
    assert close(m["Closed form"], frequency)
    entropy_like = -(frequency * np.log(frequency) + (1 - frequency) * np.log(1 - frequency))
    if model == "categorical":  # the other two classes share 1 − θ̂ equally
        entropy_like += (1 - frequency) * np.log(2)
    assert close(m["NLL at the MLE"], entropy_like)
    assert m["Minimum of the loss"] == m["NLL at the MLE"].split()[0]  # scale 1, constant 0


def test_moving_controls_changes_data_and_url():
    at = open_page("likelihood")
    first = metrics(at)["MLE"]
    at.slider(key="lik_seed").set_value(1).run()
    assert metrics(at)["MLE"] != first
    assert at.query_params["seed"] in ("1", ["1"])
    at.slider(key="lik_n").set_value(500).run()
    assert abs(first_number(metrics(at)["MLE"]) - 1.0) < 0.15  # n = 500: close to the truth
    at.radio(key="lik_model").set_value("bernoulli").run()
    assert not at.exception
    assert 0 <= first_number(metrics(at)["MLE"]) <= 1
    assert at.query_params["model"] in ("bernoulli", ["bernoulli"])


def test_figure_has_scrubber_frames_and_the_rescaled_loss_on_the_nll():
    spec = json.loads(chart(open_page("likelihood")).spec)
    assert 20 <= len(spec["frames"]) <= 60
    steps = spec["layout"]["sliders"][0]["steps"]
    assert steps[0]["args"][1]["frame"] == {"duration": 0, "redraw": False}
    assert len(steps) == len(spec["frames"])
    names = [trace.get("name") for trace in spec["data"]]
    assert "0.5 · MSE + 0.919" in names


def test_alt_text_carries_the_current_numbers():
    alt = chart(open_page("likelihood", model="laplace", n="9", theta="-1")).alt
    assert "9" in alt and "-1" in alt and "MAE" in alt


@pytest.mark.parametrize(
    "params",
    [
        {"model": "gaussian", "n": "1", "theta": "-3", "scale": "0.2"},
        {"model": "gaussian", "n": "500", "theta": "3", "scale": "3", "seed": "999"},
        {"model": "laplace", "n": "1"},
        {"model": "quantile", "n": "1", "tau": "0.05"},
        {"model": "quantile", "n": "500", "tau": "0.95", "scale": "3"},
        {"model": "bernoulli", "theta": "0", "n": "1"},
        {"model": "bernoulli", "theta": "1", "n": "500"},
        {"model": "categorical", "theta": "0", "n": "3"},
        {"model": "categorical", "theta": "1", "n": "500"},
    ],
)
def test_extremes_raise_nothing_and_readouts_are_numbers(params):
    at = open_page("likelihood", **params)
    assert not at.exception
    for value in metrics(at).values():
        assert value.split()[0] not in ("NaN", "undefined", "∞")
        first_number(value)


@pytest.mark.parametrize(
    ("param", "bad"),
    [
        ("model", "poisson"),
        ("n", "0"),
        ("n", "2.5"),
        ("theta", "9"),
        ("seed", "-1"),
        ("scale", "0"),
    ],
)
def test_bad_link_value_falls_back_with_a_notice(param, bad):
    at = open_page("likelihood", **{param: bad})
    assert not at.exception
    assert any(f"`{param}`" in w.value for w in at.warning)


def test_page_in_chinese():
    at = open_page("likelihood", lang="zh", model="categorical")
    assert not at.exception
    m = metrics(at)
    assert "最大似然估计 MLE" in m
    assert m["MLE 处的负对数似然"].endswith("奈特")
