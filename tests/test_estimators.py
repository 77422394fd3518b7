"""Tests of lossviz.estimators: best constants, fitted lines, linear classifiers.

References: numpy's mean / median / quantile; scipy.special.huber minimised with
scipy.optimize.minimize_scalar / Nelder-Mead (not our losses); numpy.polyfit;
scikit-learn's QuantileRegressor, LogisticRegression and SVC; torch's
binary_cross_entropy_with_logits.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize, minimize_scalar
from scipy.special import huber as scipy_huber
from sklearn.linear_model import LogisticRegression, QuantileRegressor
from sklearn.svm import SVC

from lossviz import estimators as E

# Data on a 0.01 grid: points closer than that would test rounding, not the estimators.
data = st.lists(
    st.integers(-10_000, 10_000).map(lambda v: v / 100), min_size=3, max_size=15
).filter(lambda v: len(v) % 2 == 1 and np.ptp(v) > 0)


@given(y=data)
@example(y=[0.86, 0.97, 1.28, 3.28, -10.08, -20.97, -29.29])  # rounding in the summed MAE
@settings(max_examples=60, deadline=None)
def test_mse_picks_the_mean_and_mae_the_median(y):
    # Reference: numpy's mean and median (odd n, so the median is unique).
    assert E.best_constant(y, "mse") == pytest.approx(np.mean(y), abs=1e-9 * (1 + np.ptp(y)))
    assert E.best_constant(y, "mae") == np.median(y)


@given(y=data, tau=st.floats(0.01, 0.99))
@settings(max_examples=60, deadline=None)
def test_quantile_loss_picks_a_tau_quantile(y, tau):
    # Reference: numpy's quantile (inverted CDF), and sklearn's pinball loss at both points.
    from sklearn.metrics import mean_pinball_loss

    ours = E.best_constant(y, "quantile", tau=tau)
    theirs = np.quantile(y, tau, method="inverted_cdf")
    n = len(y)

    def cost(c):
        return mean_pinball_loss(y, np.full(n, c), alpha=tau)

    assert cost(ours) <= cost(theirs) + 1e-9 * (1 + np.ptp(y))
    if abs(n * tau - round(n * tau)) > 1e-6:  # the τ-quantile is unique
        assert ours == pytest.approx(theirs, abs=1e-9 * (1 + np.ptp(y)))


@given(y=data, delta=st.floats(0.05, 20))
@settings(max_examples=60, deadline=None)
def test_huber_estimate_minimises_scipy_huber(y, delta):
    # Reference: scipy.special.huber summed, minimised by scipy's bounded Brent method.
    y = np.asarray(y)
    ours = E.best_constant(y, "huber", delta=delta)
    ref = minimize_scalar(
        lambda c: scipy_huber(delta, y - c).sum(),
        bounds=(y.min(), y.max()),
        method="bounded",
        options={"xatol": 1e-12},
    )
    assert scipy_huber(delta, y - ours).sum() <= ref.fun + 1e-9 * (1 + np.ptp(y) ** 2)
    # β·smooth L1(β) is Huber(δ = β): same minimiser
    assert E.best_constant(y, "smooth_l1", beta=delta) == pytest.approx(ours, abs=1e-9)


def test_huber_estimate_runs_from_the_median_to_the_mean():
    # Reference: numpy's median (δ → 0) and mean (δ ≥ the largest residual).
    _, y = E.outlier_data(25.0)
    path = E.huber_path(y, [1e-4, 0.5, 2.0, 100.0])
    assert path[0] == pytest.approx(np.median(y), abs=1e-3)
    assert path[-1] == pytest.approx(np.mean(y), abs=1e-12)
    assert np.all(np.diff(path) >= 0) and path[-1] > path[1]  # a larger δ: a harder pull


def test_log_cosh_estimate_minimises_log_cosh():
    # Reference: numpy's log(cosh) summed, minimised by scipy's bounded Brent method.
    _, y = E.outlier_data(12.0)
    ref = minimize_scalar(
        lambda c: np.log(np.cosh(y - c)).sum(),
        bounds=(0, 12),
        method="bounded",
        options={"xatol": 1e-12},
    )
    assert E.best_constant(y, "log_cosh") == pytest.approx(ref.x, abs=1e-6)


@pytest.mark.parametrize("outlier", [6.0, 10.0, 20.0, 40.0])
def test_outlier_lab_mean_follows_the_outlier_while_the_median_stays(outlier):
    # Reference: numpy's mean and median of the lab's data.
    _, y = E.outlier_data(outlier)
    _, y0 = E.outlier_data(6.0)
    assert E.best_constant(y, "mae") == np.median(y0) == 3.0
    assert E.best_constant(y, "mse") - E.best_constant(y0, "mse") == pytest.approx(
        (outlier - 6.0) / 9
    )


def test_constant_of_identical_values_is_that_value():
    assert E.best_constant([2.5, 2.5, 2.5], "huber") == 2.5


@pytest.mark.parametrize("outlier", [-8.0, 4.8, 20.0])
def test_least_squares_line_matches_numpy_polyfit(outlier):
    # Reference: numpy.polyfit of degree 1.
    x, y = E.outlier_data(outlier)
    slope, intercept = np.polyfit(x, y, 1)
    a, b = E.fit_line(x, y, "mse")
    assert (a, b) == pytest.approx((intercept, slope), abs=1e-7)


@pytest.mark.parametrize("tau", [0.5, 0.2, 0.8])
def test_quantile_line_matches_scikit_learn_quantile_regressor(tau):
    # Reference: sklearn's QuantileRegressor (alpha=0: no penalty); compare objectives,
    # since a linear programme can have several optimal lines.
    x, y = E.outlier_data(20.0)
    model = QuantileRegressor(quantile=tau, alpha=0.0, solver="highs").fit(x[:, None], y)

    def pinball(a, b):
        r = y - (a + b * x)
        return np.maximum(tau * r, (tau - 1) * r).sum()

    loss = "mae" if tau == 0.5 else "quantile"
    ours = E.fit_line(x, y, loss, **({} if loss == "mae" else {"tau": tau}))
    assert pinball(*ours) == pytest.approx(pinball(model.intercept_, model.coef_[0]), abs=1e-9)


@pytest.mark.parametrize("loss", ["huber", "log_cosh"])
def test_robust_lines_minimise_their_objective(loss):
    # Reference: scipy.special.huber / numpy log-cosh summed, minimised by Nelder-Mead.
    x, y = E.outlier_data(20.0)

    def objective(theta):
        r = y - (theta[0] + theta[1] * x)
        return scipy_huber(1.0, r).sum() if loss == "huber" else np.log(np.cosh(r)).sum()

    ref = minimize(
        objective, [0.0, 0.0], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12}
    )
    ours = E.fit_line(x, y, loss)
    assert objective(ours) <= ref.fun + 1e-9
    assert ours == pytest.approx(tuple(ref.x), abs=1e-4)


def test_the_outlier_drags_the_least_squares_line_but_not_the_lad_line():
    # Reference: the true line y = 1 + x/2 the data were drawn around.
    x, y = E.outlier_data(20.0)
    assert abs(E.fit_line(x, y, "mse")[1] - 0.5) > 0.5
    assert abs(E.fit_line(x, y, "mae")[1] - 0.5) < 0.15


# --------------------------------------------------------------------------- classification


@pytest.mark.parametrize(("px", "py"), [(3.0, 3.0), (-1.0, -1.0), (0.2, -0.5), (5.0, -5.0)])
@pytest.mark.parametrize("C", [0.1, 1.0, 10.0])
def test_linear_svm_matches_scikit_learn_svc(px, py, C):
    # Reference: sklearn's SVC(kernel="linear") (libsvm), same primal problem.
    X, y = E.classifier_points(px, py)
    w, b, pull = E.fit_linear_svm(X, y, C=C)
    svc = SVC(kernel="linear", C=C, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(w, svc.coef_[0], atol=2e-4)
    assert b == pytest.approx(svc.intercept_[0], abs=2e-3)
    # support vectors: the points the hinge loss still cares about
    alpha_sklearn = np.zeros(len(y))
    alpha_sklearn[svc.support_] = np.abs(svc.dual_coef_[0])
    np.testing.assert_allclose(pull, alpha_sklearn / C, atol=1e-4)


@pytest.mark.parametrize(("px", "py"), [(3.0, 3.0), (-1.0, -1.0)])
@pytest.mark.parametrize("C", [0.1, 1.0, 10.0])
def test_logistic_regression_matches_scikit_learn(px, py, C):
    # Reference: sklearn's LogisticRegression (lbfgs, L2 penalty, unpenalised intercept).
    X, y = E.classifier_points(px, py)
    w, b, pull = E.fit_logistic(X, y, C=C)
    model = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(w, model.coef_[0], atol=1e-4)
    assert b == pytest.approx(model.intercept_[0], abs=1e-4)
    p_true = model.predict_proba(X)[np.arange(len(y)), (y > 0).astype(int)]
    np.testing.assert_allclose(pull, 1 - p_true, atol=1e-4)  # σ(−m) = 1 − p(label)
    assert (pull > 0).all()  # every point still counts


def test_a_far_correct_point_is_ignored_by_the_svm_but_not_by_logistic_regression():
    # Reference: sklearn's SVC support set and LogisticRegression probabilities.
    X, y = E.classifier_points(4.5, 4.5)
    assert E.fit_linear_svm(X, y)[2][-1] == 0
    assert 0 < E.fit_logistic(X, y)[2][-1] < 0.05
    assert len(SVC(kernel="linear", C=1.0).fit(X, y).support_) < len(y) / 2


# --------------------------------------------------------------------------- BCE optimum


@pytest.mark.parametrize("prevalence", [0.0, 0.05, 0.3, 0.5, 1.0])
@pytest.mark.parametrize("pos_weight", [0.2, 1.0, 9.0])
@pytest.mark.parametrize("eps", [0.0, 0.1, 0.4])
def test_bce_optimum_minimises_the_expected_loss(prevalence, pos_weight, eps):
    # Reference: scipy's bounded minimisation of expected_bce over p.
    res = minimize_scalar(
        lambda p: float(E.expected_bce(p, prevalence, pos_weight=pos_weight, label_smoothing=eps)),
        bounds=(1e-12, 1 - 1e-12),
        method="bounded",
        options={"xatol": 1e-12},
    )
    assert E.bce_optimum(prevalence, pos_weight=pos_weight, label_smoothing=eps) == pytest.approx(
        res.x, abs=1e-6
    )


def test_expected_bce_matches_torch_with_soft_targets_and_pos_weight():
    # Reference: torch's binary_cross_entropy_with_logits(logit(p), t, pos_weight=w).
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    p = np.linspace(0.01, 0.99, 9)
    pi, w, eps = 0.2, 3.0, 0.1
    z = torch.logit(torch.as_tensor(p))
    pw = torch.as_tensor(w, dtype=torch.float64)

    def bce(t):
        target = torch.full_like(z, t)
        return F.binary_cross_entropy_with_logits(z, target, pos_weight=pw, reduction="none")

    expected = pi * bce(1 - eps / 2) + (1 - pi) * bce(eps / 2)
    np.testing.assert_allclose(
        E.expected_bce(p, pi, pos_weight=w, label_smoothing=eps), expected.numpy(), rtol=1e-10
    )


def test_bce_optimum_without_weights_or_smoothing_is_the_base_rate():
    # Closed form: cross-entropy is a proper scoring rule.
    for pi in (0.0, 0.17, 0.5, 1.0):
        assert E.bce_optimum(pi) == pytest.approx(pi)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: E.best_constant([1.0, 2.0], "hinge"), "`loss` must be one of mse, mae"),
        (lambda: E.best_constant([], "mse"), "`y` must be a non-empty 1-D array"),
        (lambda: E.best_constant([1.0, np.nan], "mse"), "`y` must be finite"),
        (lambda: E.fit_line([1.0, 2.0], [1.0], "mse"), "`x` and `y` must have the same length"),
        (lambda: E.fit_line([1.0, 1.0], [1.0, 2.0], "mse"), "at least two different values"),
        (lambda: E.bce_optimum(1.5), r"`prevalence` must lie in \[0, 1\]"),
        (lambda: E.bce_optimum(0.5, label_smoothing=2), r"`label_smoothing` must lie in \[0, 1\]"),
        (lambda: E.bce_optimum(0.5, pos_weight=0), "`pos_weight` must be a finite number > 0"),
        (lambda: E.fit_logistic([[0.0, 1.0]], [1.0, -1.0]), r"`X` must have shape \(n, d\)"),
        (lambda: E.fit_logistic([[0.0], [1.0]], [1.0, 1.0]), "both present"),
        (lambda: E.fit_linear_svm([[0.0], [1.0]], [1.0, -1.0], C=0), "`C` must be a finite"),
        (lambda: E.fit_linear_svm([[0.0], [np.inf]], [1.0, -1.0]), "`X` must be finite"),
    ],
)
def test_invalid_input_raises_value_errors_that_name_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("seed", range(8))
def test_huber_path_minimises_the_summed_huber_loss_for_every_delta(seed):
    # Reference: scipy.special.huber summed, minimised by scipy's bounded Brent method;
    # even sizes and tiny δ included (a flat stretch of minimisers: compare the minimum).
    rng = np.random.default_rng(seed)
    y = rng.normal(size=2 + seed) * rng.uniform(0.5, 20)
    deltas = np.exp(rng.uniform(-6, 4, size=9))
    path = E.huber_path(y, deltas)
    for delta, c in zip(deltas, path, strict=True):
        ref = minimize_scalar(
            lambda c, d=delta: scipy_huber(d, y - c).sum(),
            bounds=(y.min(), y.max()),
            method="bounded",
            options={"xatol": 1e-12},
        )
        assert y.min() <= c <= y.max()
        assert scipy_huber(delta, y - c).sum() <= ref.fun + 1e-9 * (1 + ref.fun)


def test_huber_path_refuses_a_delta_that_is_not_positive():
    with pytest.raises(ValueError, match="δ"):
        E.huber_path([1.0, 2.0], [0.5, 0.0])
    with pytest.raises(ValueError):
        E.huber_path([], [1.0])
