"""The sigmoid-neuron maths (lossviz.neuron) against independent references.

References: central finite differences of the losses, scipy.stats' Bernoulli and
scikit-learn's log_loss / LogisticRegression, numpy's eigvalsh of a finite-difference
Hessian, and direct midpoint tests of convexity.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize
from scipy.stats import bernoulli
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, mean_squared_error

from lossviz import neuron

labels = st.sampled_from([0, 1])
logits = st.floats(min_value=-8, max_value=8, allow_nan=False)
H = 1e-5  # step of the central differences


def central_difference(f, x, h=H):
    return (f(x + h) - f(x - h)) / (2 * h)


# --------------------------------------------------------------------------- losses


@given(labels, logits)
def test_cross_entropy_of_z_is_the_bernoulli_negative_log_likelihood(y, z):
    a = 1 / (1 + np.exp(-z))
    assert neuron.cross_entropy_of_z(y, z) == pytest.approx(-bernoulli.logpmf(y, a), rel=1e-9)


def test_cross_entropy_of_z_stays_accurate_far_beyond_float_saturation():
    # σ(-800) underflows to 0, but the loss is log(1 + e^800) = 800 nats (closed form)
    assert neuron.cross_entropy_of_z(1, -800.0) == pytest.approx(np.logaddexp(0, 800.0))
    assert neuron.cross_entropy_of_z(0, 800.0) == pytest.approx(800.0)


def test_cross_entropy_of_a_is_infinite_when_the_label_gets_probability_zero():
    assert neuron.cross_entropy_of_a(1, 0.0) == np.inf
    assert neuron.cross_entropy_of_a(0, 1.0) == np.inf
    assert neuron.cross_entropy_of_a(1, 1.0) == 0.0  # 0 log 0 = 0 for the absent class


@given(labels, st.floats(min_value=1e-6, max_value=1 - 1e-6))
def test_losses_of_a_match_sklearn(y, a):
    assert neuron.cross_entropy_of_a(y, a) == pytest.approx(
        log_loss([y], [[1 - a, a]], labels=[0, 1]), rel=1e-9
    )
    assert neuron.mse_of_a(y, a) == pytest.approx(mean_squared_error([y], [a]))


def test_mse_is_bounded_by_one_while_cross_entropy_grows_without_bound():
    z = np.linspace(-8, 0, 50)
    assert np.all(neuron.mse_of_z(1, z) < 1)
    assert neuron.cross_entropy_of_z(1, -8.0) > 8


# --------------------------------------------------------------------------- gradients


@given(labels, logits)
def test_gradients_with_respect_to_z_match_central_differences(y, z):
    f = neuron.gradient_factors(y, z)
    assert f.mse_dz == pytest.approx(
        central_difference(lambda t: neuron.mse_of_z(y, t), z), abs=1e-8
    )
    assert f.ce_dz == pytest.approx(
        central_difference(lambda t: neuron.cross_entropy_of_z(y, t), z), abs=1e-7
    )


@given(labels, st.floats(min_value=-6, max_value=6))
def test_each_factor_matches_its_own_central_difference(y, z):
    f = neuron.gradient_factors(y, z)
    a = 1 / (1 + np.exp(-z))
    h = 1e-7 * min(a, 1 - a)  # stay inside (0, 1)
    assert f.sigmoid_slope == pytest.approx(central_difference(lambda t: 1 / (1 + np.exp(-t)), z))
    assert f.mse_da == pytest.approx(central_difference(lambda p: (p - y) ** 2, a, h), rel=1e-5)
    assert f.ce_da == pytest.approx(
        central_difference(lambda p: neuron.cross_entropy_of_a(y, p), a, h), rel=1e-5
    )


@given(labels, logits)
def test_each_gradient_is_the_product_of_its_two_factors(y, z):
    f = neuron.gradient_factors(y, z)
    assert f.mse_da * f.sigmoid_slope == pytest.approx(f.mse_dz, rel=1e-12, abs=1e-300)
    assert f.ce_da * f.sigmoid_slope == pytest.approx(f.ce_dz, rel=1e-9)


def test_confidently_wrong_neuron_saturates_mse_but_not_cross_entropy():
    # the acceptance case /mse_vs_ce?y=1&z=-4
    f = neuron.gradient_factors(1, -4.0)
    assert round(float(f.ce_dz), 3) == -0.982
    assert abs(f.mse_dz) < 0.04
    # deeper in the wrong tail MSE's gradient vanishes; cross-entropy's tends to -1
    g = neuron.gradient_factors(1, -8.0)
    assert abs(g.mse_dz) < 1e-3 < 0.999 < abs(g.ce_dz)


# --------------------------------------------------------------------------- the race


@pytest.mark.parametrize("loss", neuron.LOSSES)
def test_each_training_step_follows_the_finite_difference_gradient(loss):
    def total(w, b):
        z = w * 1.5 + b
        return neuron.mse_of_z(0, z) if loss == "mse" else neuron.cross_entropy_of_z(0, z)

    run = neuron.train_neuron(0.6, 0.9, loss=loss, eta=0.5, epochs=3, x=1.5, y=0)
    for t in range(3):
        dw = central_difference(lambda w, t=t: total(w, run.b[t]), run.w[t])
        db = central_difference(lambda b, t=t: total(run.w[t], b), run.b[t])
        assert run.w[t + 1] == pytest.approx(run.w[t] - 0.5 * dw, abs=1e-8)
        assert run.b[t + 1] == pytest.approx(run.b[t] - 0.5 * db, abs=1e-8)
    assert run.loss == pytest.approx(total(run.w, run.b))


def test_saturated_start_reproduces_learning_slowdown_with_the_same_eta():
    # From w = b = 2 (a = 0.98 for the label 0) with the same η = 0.15: after 20
    # epochs MSE has removed under 5 % of its starting loss, cross-entropy over 80 %.
    mse = neuron.train_neuron(2, 2, loss="mse", eta=0.15, epochs=300)
    ce = neuron.train_neuron(2, 2, loss="ce", eta=0.15, epochs=300)
    assert mse.loss[20] / mse.loss[0] > 0.95
    assert ce.loss[20] / ce.loss[0] < 0.2
    # and, judged on the shared prediction, CE gets within 0.1 of the label 3× sooner
    assert 3 * neuron.epochs_to_reach(ce.output, 0) < neuron.epochs_to_reach(mse.output, 0)


def test_the_slowdown_comes_from_the_start_not_from_mse_itself():
    # From the good start (a = 0.82, not saturated) MSE halves its loss within 20 epochs
    good = neuron.train_neuron(0.6, 0.9, loss="mse", eta=0.15, epochs=20)
    saturated = neuron.train_neuron(2, 2, loss="mse", eta=0.15, epochs=20)
    assert good.loss[20] / good.loss[0] < 0.5 < saturated.loss[20] / saturated.loss[0]


def test_a_larger_eta_for_mse_lets_it_escape_the_plateau():
    slow = neuron.train_neuron(2, 2, loss="mse", eta=0.15, epochs=300)
    fast = neuron.train_neuron(2, 2, loss="mse", eta=2.0, epochs=300)
    assert neuron.epochs_to_reach(fast.output, 0) < neuron.epochs_to_reach(slow.output, 0)


def test_epochs_to_reach_returns_none_when_never_close():
    run = neuron.train_neuron(2, 2, loss="mse", eta=0.01, epochs=10)
    assert neuron.epochs_to_reach(run.output, 0) is None


def test_frame_epochs_cover_the_run_in_at_most_sixty_frames():
    for epochs in (1, 7, 59, 60, 61, 300, 1000):
        frames = neuron.frame_epochs(epochs)
        assert frames[0] == 0 and frames[-1] == epochs
        assert len(frames) <= 60 and np.all(np.diff(frames) > 0)


def test_race_paths_stay_inside_the_drawn_surfaces_and_frames_fit_the_figure():
    for w0, b0, eta in [(2, 2, 0.15), (-4, -4, 5.0), (4, 4, 5.0), (4, -4, 0.01)]:
        r = neuron.race(w0, b0, eta=eta, epochs=600)
        for run in r.runs.values():
            assert r.grid[0] <= min(run.w.min(), run.b.min())
            assert max(run.w.max(), run.b.max()) <= r.grid[-1]
        assert len(r.frames) <= 60 and r.frames[-1] == 600


def test_own_policy_gives_each_loss_its_learning_rate():
    r = neuron.race(2, 2, policy="own", eta_mse=2.0, eta_ce=0.15, epochs=50)
    assert r.etas == {"mse": 2.0, "ce": 0.15}
    slow = neuron.race(2, 2, policy="same", eta=0.15, epochs=50)
    assert r.runs["ce"].loss == pytest.approx(slow.runs["ce"].loss)
    assert r.runs["mse"].loss[-1] < slow.runs["mse"].loss[-1]


@pytest.mark.parametrize("axis", ["a", "z"])
def test_loss_view_frames_include_the_current_z_and_match_the_closed_forms(axis):
    view = neuron.loss_view(0, 2.37, axis=axis)
    z = view.scrub["z"]
    assert len(z) <= 60 and z[view.active] == pytest.approx(2.37)
    a = 1 / (1 + np.exp(-z))
    assert view.scrub["mse_grad"] == pytest.approx(2 * a * a * (1 - a))  # y = 0
    assert view.scrub["x"] == pytest.approx(a if axis == "a" else z)


def test_probability_axis_keeps_the_infinite_cross_entropy():
    view = neuron.loss_view(1, 0.0, axis="a")
    assert view.x[0] == 0 and view.ce[0] == np.inf and np.isfinite(view.ce[1:]).all()


# --------------------------------------------------------------------------- surfaces


W, B = np.meshgrid(np.linspace(-6, 6, 61), np.linspace(-6, 6, 61))


def test_cross_entropy_surface_matches_sklearn_log_loss():
    w, b = 1.3, -0.4
    a = 1 / (1 + np.exp(-(w * neuron.TOY_X + b)))
    expected = log_loss(neuron.TOY_Y, a)
    assert neuron.surface_loss(w, b, neuron.TOY_X, neuron.TOY_Y, kind="ce") == pytest.approx(
        expected
    )


def test_cross_entropy_minimum_is_sklearns_unpenalised_logistic_regression():
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000)
    model.fit(neuron.TOY_X[:, None], neuron.TOY_Y)
    w, b = model.coef_[0, 0], model.intercept_[0]
    best = neuron.surface_loss(w, b, neuron.TOY_X, neuron.TOY_Y, kind="ce")
    assert best <= neuron.surface_loss(W, B, neuron.TOY_X, neuron.TOY_Y, kind="ce").min() + 1e-9


def test_linear_mse_minimum_is_the_least_squares_line():
    slope, intercept = np.polyfit(neuron.TOY_X, neuron.TOY_Y, 1)
    w, b = neuron.surface_minimum(neuron.TOY_X, neuron.TOY_Y, kind="mse_linear")
    assert (w, b) == pytest.approx((slope, intercept), abs=1e-5)


@pytest.mark.parametrize("kind", neuron.SURFACES)
def test_surface_minimum_has_zero_finite_difference_gradient(kind):
    w, b = neuron.surface_minimum(neuron.TOY_X, neuron.TOY_Y, kind=kind)

    def f(u, v):
        return float(neuron.surface_loss(u, v, neuron.TOY_X, neuron.TOY_Y, kind=kind))

    assert central_difference(lambda u: f(u, b), w) == pytest.approx(0, abs=1e-5)
    assert central_difference(lambda v: f(w, v), b) == pytest.approx(0, abs=1e-5)
    assert f(w, b) <= neuron.surface_loss(W, B, neuron.TOY_X, neuron.TOY_Y, kind=kind).min()


def fd_hessian(kind, w, b, h=1e-4):
    def f(u, v):
        return float(neuron.surface_loss(u, v, neuron.TOY_X, neuron.TOY_Y, kind=kind))

    hww = (f(w + h, b) - 2 * f(w, b) + f(w - h, b)) / h**2
    hbb = (f(w, b + h) - 2 * f(w, b) + f(w, b - h)) / h**2
    hwb = (f(w + h, b + h) - f(w + h, b - h) - f(w - h, b + h) + f(w - h, b - h)) / (4 * h**2)
    return np.linalg.eigvalsh([[hww, hwb], [hwb, hbb]])


@pytest.mark.parametrize("kind", neuron.SURFACES)
@pytest.mark.parametrize(("w", "b"), [(0.0, 0.0), (1.2, 0.1), (-3.0, 1.0), (4.0, -2.5)])
def test_hessian_eigenvalues_match_finite_differences(kind, w, b):
    lo, hi = neuron.surface_curvature(w, b, neuron.TOY_X, neuron.TOY_Y, kind=kind)
    assert [float(lo), float(hi)] == pytest.approx(fd_hessian(kind, w, b), abs=1e-5)


@pytest.mark.parametrize("kind", ["ce", "mse_linear"])
def test_cross_entropy_and_linear_mse_surfaces_are_convex_on_the_grid(kind):
    lo, _ = neuron.surface_curvature(W, B, neuron.TOY_X, neuron.TOY_Y, kind=kind)
    assert lo.min() >= 0


def test_mse_on_a_sigmoid_has_negative_curvature_on_the_grid():
    lo, _ = neuron.surface_curvature(W, B, neuron.TOY_X, neuron.TOY_Y, kind="mse_sigmoid")
    assert lo.min() < -0.1
    assert 0 < (lo < 0).mean() < 1  # positive curvature near the minimum, negative elsewhere


def test_mse_on_a_sigmoid_violates_the_midpoint_convexity_inequality():
    # independent of any Hessian: L(midpoint) > mean of the endpoints on a segment
    def loss(w, b):
        return neuron.surface_loss(w, b, neuron.TOY_X, neuron.TOY_Y, kind="mse_sigmoid")

    p, q = np.array([1.2, 0.1]), np.array([-6.0, 3.0])
    assert loss(*(p + q) / 2) > (loss(*p) + loss(*q)) / 2


def test_mse_on_a_sigmoid_has_a_single_local_minimum_on_a_wide_grid():
    grid = np.linspace(-12, 12, 241)
    w, b = np.meshgrid(grid, grid)
    loss = neuron.surface_loss(w, b, neuron.TOY_X, neuron.TOY_Y, kind="mse_sigmoid")
    inner = loss[1:-1, 1:-1]
    neighbours = [
        loss[1 + i : loss.shape[0] - 1 + i, 1 + j : loss.shape[1] - 1 + j]
        for i in (-1, 0, 1)
        for j in (-1, 0, 1)
        if (i, j) != (0, 0)
    ]
    assert np.sum(np.all([inner < other for other in neighbours], axis=0)) == 1


def test_from_a_wrong_sign_start_bfgs_stalls_on_the_mse_plateau_but_not_on_cross_entropy():
    # the claim of the page's note: from w = -6, b = 0 MSE stops near 0.75, CE reaches its minimum
    def run(kind):
        def loss(v):
            return float(neuron.surface_loss(v[0], v[1], neuron.TOY_X, neuron.TOY_Y, kind=kind))

        return minimize(loss, [-6.0, 0.0], method="BFGS").fun

    best = {}
    for k in ("ce", "mse_sigmoid"):
        w, b = neuron.surface_minimum(neuron.TOY_X, neuron.TOY_Y, kind=k)
        best[k] = float(neuron.surface_loss(w, b, neuron.TOY_X, neuron.TOY_Y, kind=k))
    assert run("mse_sigmoid") == pytest.approx(0.75, abs=0.01)
    assert round(best["mse_sigmoid"], 3) == 0.108
    assert run("ce") == pytest.approx(best["ce"], abs=1e-6)


# --------------------------------------------------------------------------- softmax


@given(
    st.lists(st.floats(min_value=-6, max_value=6), min_size=2, max_size=6),
    st.integers(min_value=0, max_value=5),
)
def test_softmax_gradients_match_central_differences(values, label):
    z = np.array(values)
    label = label % z.size
    view = neuron.softmax_view(z, label)
    for j in range(z.size):
        e = np.zeros_like(z)
        e[j] = H
        d_ce = (neuron.softmax_view(z + e, label).ce - neuron.softmax_view(z - e, label).ce) / (
            2 * H
        )
        d_mse = (neuron.softmax_view(z + e, label).mse - neuron.softmax_view(z - e, label).mse) / (
            2 * H
        )
        assert view.ce_grad[j] == pytest.approx(d_ce, abs=1e-7)
        assert view.mse_grad[j] == pytest.approx(d_mse, abs=1e-7)


def test_softmax_cross_entropy_matches_sklearn():
    z = np.array([-2.0, 4.0, 1.0, 0.0])
    view = neuron.softmax_view(z, 0)
    p = np.exp(z) / np.exp(z).sum()
    assert view.ce == pytest.approx(log_loss([0], [p], labels=[0, 1, 2, 3]))
    assert view.p.sum() == pytest.approx(1.0)


def test_softmax_mse_gradient_saturates_when_a_wrong_class_dominates():
    view = neuron.softmax_view([-2.0, 6.0, 0.0, 0.0], 0)
    assert np.abs(view.mse_grad).max() < 0.02
    assert np.abs(view.ce_grad).max() > 0.99


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: neuron.mse_of_z(0.5, 0.0), r"`y` must be a class label 0 or 1"),
        (lambda: neuron.cross_entropy_of_a(1, 1.5), r"`a` must lie in \[0, 1\]"),
        (lambda: neuron.mse_of_a(1, -0.1), r"`a` must lie in \[0, 1\]"),
        (lambda: neuron.gradient_factors(1, np.nan), r"`z` must be finite"),
        (lambda: neuron.cross_entropy_of_z(1, "3"), r"`z` must contain real numbers"),
        (lambda: neuron.train_neuron(2, 2, loss="mae", eta=0.1, epochs=5), r"`loss` must be"),
        (lambda: neuron.train_neuron(2, 2, loss="ce", eta=0, epochs=5), r"`eta` must be positive"),
        (lambda: neuron.train_neuron(2, 2, loss="ce", eta=0.1, epochs=0), r"`epochs` must be"),
        (lambda: neuron.train_neuron(2, 2, loss="ce", eta=0.1, epochs=2.5), r"`epochs` must be"),
        (lambda: neuron.train_neuron(2, 2, loss="ce", eta=0.1, epochs=5, y=2), r"`y` must be"),
        (lambda: neuron.epochs_to_reach([0.5], 0, tol=0), r"`tol` must be positive"),
        (lambda: neuron.frame_epochs(0), r"`epochs` must be"),
        (lambda: neuron.frame_epochs(10, max_frames=1), r"`max_frames` must be at least 2"),
        (lambda: neuron.surface_loss(0, 0, [1, 2], [0, 1], kind="hinge"), r"`kind` must be"),
        (lambda: neuron.surface_loss(0, 0, [1, 2], [0], kind="ce"), r"same non-zero length"),
        (lambda: neuron.surface_curvature(0, 0, [1.0], [0.3], kind="ce"), r"`y` must be"),
        (lambda: neuron.softmax_view([1.0], 0), r"`logits` must be a 1-D vector of k ≥ 2"),
        (lambda: neuron.softmax_view([1.0, 2.0], 2), r"`label` must be a class index 0 … 1"),
        (lambda: neuron.softmax_view([1.0, np.inf], 0), r"`logits` must be finite"),
        (lambda: neuron.loss_view(1, 0.0, axis="p"), r"`axis` must be 'a' or 'z'"),
        (lambda: neuron.race(2, 2, policy="fast"), r"`policy` must be 'same' or 'own'"),
        (
            lambda: neuron.race(2, 2, policy="own", eta_mse=1.0),
            r"needs both `eta_mse` and `eta_ce`",
        ),
        (lambda: neuron.convexity([0.0, np.nan]), r"`grid` must be finite"),
    ],
)
def test_invalid_input_raises_a_value_error_that_names_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()
