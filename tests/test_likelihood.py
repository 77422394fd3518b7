"""lossviz.likelihood: NLL against hand-written log-densities, MLE against closed forms."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from lossviz import likelihood as lik

SCALES = [0.3, 1.0, 2.5]
# Observations on a 1e-6 grid: two data points closer than rounding would tie in the NLL.
real_data = st.lists(
    st.floats(min_value=-20, max_value=20, allow_nan=False).map(lambda v: round(v, 6)),
    min_size=1,
    max_size=40,
).map(np.array)


def rho(r, tau):
    """The pinball function, written out piecewise."""
    return np.where(r >= 0, tau * r, (tau - 1) * r)


# --------------------------------------------------------------------------- NLL


@pytest.mark.parametrize("sigma", SCALES)
def test_gaussian_nll_is_the_hand_written_log_density(sigma):
    y = np.array([-1.0, 0.5, 2.0, 4.0])
    theta = np.linspace(-3, 5, 17)
    by_hand = [
        np.mean(0.5 * math.log(2 * math.pi * sigma**2) + (y - t) ** 2 / (2 * sigma**2))
        for t in theta
    ]
    np.testing.assert_allclose(lik.nll_curve("gaussian", y, theta, scale=sigma), by_hand)


@pytest.mark.parametrize("b", SCALES)
def test_laplace_nll_is_the_hand_written_log_density(b):
    y = np.array([-1.0, 0.5, 2.0, 4.0])
    theta = np.linspace(-3, 5, 17)
    by_hand = [np.mean(math.log(2 * b) + np.abs(y - t) / b) for t in theta]
    np.testing.assert_allclose(lik.nll_curve("laplace", y, theta, scale=b), by_hand)


@pytest.mark.parametrize("tau", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("b", SCALES)
def test_asymmetric_laplace_density_integrates_to_one_with_its_tau_quantile_at_theta(tau, b):
    theta = 0.7
    pdf = lambda x: lik.model_pmf_or_pdf("quantile", theta, x, scale=b, tau=tau)  # noqa: E731
    below, _ = integrate.quad(pdf, -np.inf, theta)
    above, _ = integrate.quad(pdf, theta, np.inf)
    assert below + above == pytest.approx(1.0, abs=1e-9)
    assert below == pytest.approx(tau, abs=1e-9)
    x = np.array([-2.0, 0.0, 0.7, 1.5, 3.0])
    by_hand = tau * (1 - tau) / b * np.exp(-rho(x - theta, tau) / b)
    np.testing.assert_allclose(pdf(x), by_hand, rtol=1e-12)


def test_bernoulli_and_categorical_nll_count_the_outcomes():
    y = np.array([1.0, 0.0, 1.0, 1.0])
    assert lik.nll_curve("bernoulli", y, [0.6])[0] == pytest.approx(
        -(3 * math.log(0.6) + math.log(0.4)) / 4
    )
    y = np.array([0.0, 2.0, 1.0, 0.0, 0.0])
    expected = -(3 * math.log(0.5) + 2 * math.log(0.25)) / 5
    assert lik.nll_curve("categorical", y, [0.5])[0] == pytest.approx(expected)


@pytest.mark.parametrize("model", lik.MODELS)
@given(seed=st.integers(0, 10_000), n=st.integers(1, 60))
@settings(max_examples=15, deadline=None)
def test_nll_is_an_affine_function_of_the_matching_loss(model, seed, n):
    theta = 0.8 if model in lik.LOCATION_MODELS else 0.35
    y = lik.sample(model, n, theta, seed=seed, scale=1.7, tau=0.8)
    grid = lik.parameter_grid(model, y, theta, tau=0.8, points=41)
    a, b = lik.affine(model, scale=1.7, tau=0.8)
    nll = lik.nll_curve(model, y, grid, scale=1.7, tau=0.8)
    loss = lik.loss_curve(model, y, grid, tau=0.8)
    assert a > 0
    np.testing.assert_allclose(nll, a * loss + b, rtol=1e-10, atol=1e-12)


def test_categorical_loss_is_torch_cross_entropy_of_the_log_probabilities():
    torch = pytest.importorskip("torch")
    y = np.array([0, 2, 1, 0, 1, 1])
    for t in (0.1, 0.5, 0.9):
        logits = torch.log(torch.tensor(lik.categorical_probabilities(t))).repeat(len(y), 1)
        expected = torch.nn.functional.cross_entropy(logits, torch.tensor(y)).item()
        assert lik.loss_curve("categorical", y, [t])[0] == pytest.approx(expected, rel=1e-12)


def test_categorical_loss_at_theta_one_is_inf_only_if_another_class_was_seen():
    assert lik.loss_curve("categorical", [0.0, 1.0], [1.0])[0] == math.inf
    assert lik.loss_curve("categorical", [0.0, 0.0], [1.0])[0] == 0.0
    assert lik.loss_curve("categorical", [1.0, 2.0], [0.0])[0] == pytest.approx(math.log(2))


def test_bernoulli_loss_is_sklearn_log_loss():
    sklearn = pytest.importorskip("sklearn.metrics")
    y = np.array([1, 0, 1, 1, 0, 1])
    for t in (0.2, 0.5, 0.8):
        expected = sklearn.log_loss(y, np.full(len(y), t), labels=[0, 1])
        assert lik.loss_curve("bernoulli", y, [t])[0] == pytest.approx(expected, rel=1e-12)


# --------------------------------------------------------------------------- the MLE


@pytest.mark.parametrize("sigma", SCALES)
@given(y=real_data)
@settings(max_examples=30, deadline=None)
def test_gaussian_mle_is_the_sample_mean_whatever_sigma(sigma, y):
    f = lik.fit("gaussian", y, 0.0, scale=sigma)
    assert f.mle == pytest.approx(np.mean(y), abs=1e-6)
    assert f.loss_argmin == pytest.approx(np.mean(y), abs=1e-6)
    assert f.closed == (pytest.approx(np.mean(y)), pytest.approx(np.mean(y)))
    assert f.loss_at_min == pytest.approx(np.var(y), abs=1e-9)


@given(y=real_data)
@settings(max_examples=40, deadline=None)
def test_laplace_mle_is_a_median(y):
    f = lik.fit("laplace", y, 0.0)
    lo, hi = f.closed
    assert lo <= f.mle <= hi
    assert (lo + hi) / 2 == pytest.approx(np.median(y))
    assert f.mle == pytest.approx(np.median(y))  # the centre of the flat bottom
    assert f.loss_argmin == f.mle
    assert f.loss_at_min == pytest.approx(np.mean(np.abs(y - np.median(y))))


@pytest.mark.parametrize("tau", [0.1, 0.25, 0.5, 0.8, 0.9])
@given(y=real_data)
@settings(max_examples=25, deadline=None)
def test_quantile_mle_is_a_sample_tau_quantile(tau, y):
    f = lik.fit("quantile", y, 0.0, tau=tau)
    lo, hi = f.closed
    assert lo - 1e-9 <= f.mle <= hi + 1e-9  # data points closer than rounding tie
    # every point of the closed-form interval has the minimal pinball loss
    best = np.mean(rho(y - f.mle, tau))
    for t in (lo, hi, np.quantile(y, tau, method="inverted_cdf")):
        assert np.mean(rho(y - t, tau)) == pytest.approx(best, abs=1e-9)
    # and nothing on a fine grid beats it
    grid = np.linspace(y.min() - 1, y.max() + 1, 400)
    assert min(np.mean(rho(y - t, tau)) for t in grid) >= best - 1e-9


def test_sklearn_pinball_loss_agrees_with_the_quantile_fit():
    metrics = pytest.importorskip("sklearn.metrics")
    y = lik.sample("quantile", 50, 1.0, seed=3, tau=0.9)
    f = lik.fit("quantile", y, 1.0, tau=0.9)
    expected = metrics.mean_pinball_loss(y, np.full(y.size, f.mle), alpha=0.9)
    assert f.loss_at_min == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("model", ["bernoulli", "categorical"])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 80), theta=st.floats(0.0, 1.0))
@settings(max_examples=40, deadline=None)
def test_discrete_mle_is_the_frequency(model, seed, n, theta):
    y = lik.sample(model, n, theta, seed=seed)
    f = lik.fit(model, y, theta)
    frequency = np.mean(y == (1 if model == "bernoulli" else 0))
    assert f.mle == pytest.approx(frequency, abs=1e-6)
    assert f.loss_argmin == pytest.approx(frequency, abs=1e-6)
    assert f.closed == (frequency, frequency)
    assert math.isfinite(f.nll_at_mle)


def test_bernoulli_with_no_ones_has_mle_zero_and_zero_loss():
    f = lik.fit("bernoulli", np.zeros(7), 0.1)
    assert f.mle == 0.0
    assert f.nll_at_mle == 0.0


@pytest.mark.parametrize("model", lik.MODELS)
def test_fit_reports_minima_consistent_with_the_curves(model):
    theta = 1.0 if model in lik.LOCATION_MODELS else 0.3
    y = lik.sample(model, 25, theta, seed=4, tau=0.7)
    f = lik.fit(model, y, theta, tau=0.7)
    assert f.nll.min() >= f.nll_at_mle - 1e-9
    assert f.loss.min() >= f.loss_at_min - 1e-9
    assert f.nll_at_mle == pytest.approx(f.a * f.loss_at_min + f.b)
    assert f.grid[0] <= f.mle <= f.grid[-1]


# --------------------------------------------------------------------------- sampling


@pytest.mark.parametrize("model", lik.MODELS)
def test_sample_is_reproducible_by_seed(model):
    theta = 0.5 if model in lik.LOCATION_MODELS else 0.4
    a = lik.sample(model, 30, theta, seed=7)
    np.testing.assert_array_equal(a, lik.sample(model, 30, theta, seed=7))
    assert not np.array_equal(a, lik.sample(model, 30, theta, seed=8))
    assert a.shape == (30,)


def test_large_samples_recover_the_true_parameter():
    n = 20_000
    assert np.mean(lik.sample("gaussian", n, 2.0, seed=1, scale=0.5)) == pytest.approx(2, abs=0.02)
    assert np.median(lik.sample("laplace", n, -1.0, seed=1)) == pytest.approx(-1, abs=0.03)
    y = lik.sample("quantile", n, 0.5, seed=1, tau=0.9)
    assert np.mean(y <= 0.5) == pytest.approx(0.9, abs=0.01)
    assert np.mean(lik.sample("bernoulli", n, 0.3, seed=1)) == pytest.approx(0.3, abs=0.01)
    counts = np.bincount(lik.sample("categorical", n, 0.6, seed=1).astype(int), minlength=3) / n
    np.testing.assert_allclose(counts, [0.6, 0.2, 0.2], atol=0.015)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: lik.sample("poisson", 5, 1.0), "`model` must be one of"),
        (lambda: lik.sample("gaussian", 0, 1.0), "`n` must be a whole number"),
        (lambda: lik.sample("gaussian", 5, 1.0, seed=-1), "`seed` must be"),
        (lambda: lik.sample("gaussian", 5, 1.0, scale=0.0), "`scale` must be a finite number > 0"),
        (lambda: lik.sample("quantile", 5, 1.0, tau=1.0), "`tau` must lie strictly between"),
        (lambda: lik.sample("bernoulli", 5, 1.5), "`theta` of the bernoulli model is a prob"),
        (lambda: lik.sample("gaussian", 5, math.nan), "`theta` must be finite"),
        (lambda: lik.nll_curve("gaussian", [], [0.0]), "`y` must be a non-empty 1-D"),
        (lambda: lik.nll_curve("gaussian", [math.inf], [0.0]), "`y` must be finite"),
        (lambda: lik.nll_curve("bernoulli", [0.5], [0.5]), "only 0 and 1"),
        (lambda: lik.loss_curve("categorical", [3.0], [0.5]), r"classes 0 … 2"),
        (lambda: lik.affine("gaussian", scale=-1.0), "`scale`"),
        (lambda: lik.closed_form("laplace", [[1.0]]), "1-D"),
        (lambda: lik.categorical_probabilities(-0.1), "keep it in"),
    ],
)
def test_bad_input_raises_a_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("model", ["gaussian", "laplace", "quantile"])
def test_scrub_frames_draw_the_model_density_at_every_theta(model):
    # Reference: scipy.stats' normal and Laplace densities, and the asymmetric Laplace
    # density τ(1 − τ)/s · exp(−ρ_τ((x − θ)/s)) written out, one θ at a time.
    scale, tau = 1.3, 0.8
    y = lik.sample(model, 40, 0.5, seed=3, scale=scale, tau=tau)
    frames = lik.scrub_frames(model, y, np.linspace(-1.0, 2.0, 7), scale=scale, tau=tau)
    for theta, density in zip(frames["theta"], frames["density"], strict=True):
        x = frames["x"]
        if model == "gaussian":
            expected = stats.norm.pdf(x, theta, scale)
        elif model == "laplace":
            expected = stats.laplace.pdf(x, theta, scale)
        else:
            u = (x - theta) / scale
            expected = tau * (1 - tau) / scale * np.exp(-u * (tau - (u < 0)))
        np.testing.assert_allclose(density, expected, rtol=1e-12, atol=1e-300)
