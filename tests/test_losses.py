"""Tests of lossviz.losses against independent references.

References, per loss (each test names its own):
- scikit-learn metrics: mean_squared_error, mean_absolute_error, mean_pinball_loss,
  log_loss, hinge_loss, zero_one_loss;
- torch.nn.functional (float64): mse_loss, l1_loss, huber_loss, smooth_l1_loss,
  binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy, nll_loss,
  multi_margin_loss, and torch.autograd for gradients;
- mpmath at 50 digits for log-cosh and the logistic function at |z| up to 1000;
- central finite differences for every gradient;
- closed forms on teaching cases.
Registry-driven tests check every declared property on random inputs, and that the
properties not declared really fail somewhere (so the declarations are exact).
"""

from __future__ import annotations

import math
import zlib

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm

from lossviz import losses as L

torch = pytest.importorskip("torch")
F = torch.nn.functional


@pytest.fixture
def rng(request) -> np.random.Generator:
    """A generator per test, seeded by the test's id: a test's data do not depend on which
    tests ran before it in the same worker, as they did with one generator per module."""
    return np.random.default_rng([20240517, zlib.crc32(request.node.nodeid.encode())])


mpmath.mp.dps = 50


def t64(x):
    return torch.as_tensor(np.asarray(x, dtype=np.float64))


def torch_all_reductions(fn_torch, *args, **kw):
    return {r: fn_torch(*args, reduction=r, **kw).numpy() for r in L.REDUCTIONS}


# --------------------------------------------------------------------------- regression


@pytest.mark.parametrize("seed", range(5))
def test_regression_losses_agree_with_scikit_learn(seed):
    # Reference: scikit-learn's mean_squared_error, mean_absolute_error, mean_pinball_loss.
    rng = np.random.default_rng(seed)
    y, y_hat = rng.normal(size=50) * 3, rng.normal(size=50) * 3
    tau = rng.uniform(0.01, 0.99)
    assert L.mse(y, y_hat) == pytest.approx(skm.mean_squared_error(y, y_hat), rel=1e-12)
    assert L.mae(y, y_hat) == pytest.approx(skm.mean_absolute_error(y, y_hat), rel=1e-12)
    assert L.quantile(y, y_hat, tau=tau) == pytest.approx(
        skm.mean_pinball_loss(y, y_hat, alpha=tau), rel=1e-12
    )


@pytest.mark.parametrize(
    ("ours", "theirs", "options", "torch_options"),
    [
        (L.mse, F.mse_loss, {}, {}),
        (L.mae, F.l1_loss, {}, {}),
        (L.huber, F.huber_loss, {"delta": 0.7}, {"delta": 0.7}),
        (L.huber, F.huber_loss, {"delta": 2.5}, {"delta": 2.5}),
        (L.smooth_l1, F.smooth_l1_loss, {"beta": 0.4}, {"beta": 0.4}),
        (L.smooth_l1, F.smooth_l1_loss, {"beta": 0.0}, {"beta": 0.0}),
    ],
)
def test_regression_losses_agree_with_torch_for_every_reduction(
    ours, theirs, options, torch_options, rng
):
    # Reference: torch.nn.functional, float64, reductions mean / sum / none.
    y, y_hat = rng.normal(size=40) * 2, rng.normal(size=40) * 2
    expected = torch_all_reductions(theirs, t64(y_hat), t64(y), **torch_options)
    for reduction, value in expected.items():
        np.testing.assert_allclose(
            ours(y, y_hat, reduction=reduction, **options), value, rtol=1e-12, atol=1e-15
        )


def test_smooth_l1_is_huber_divided_by_beta():
    # Reference: torch's huber_loss(delta=β) / β against our smooth_l1(β).
    r = np.linspace(-4, 4, 161)
    for beta in (0.25, 1.0, 3.0):
        expected = F.huber_loss(t64(np.zeros_like(r)), t64(r), delta=beta, reduction="none") / beta
        np.testing.assert_allclose(
            L.smooth_l1(r, 0.0, beta=beta, reduction="none"), expected.numpy(), rtol=1e-13
        )


def test_huber_at_the_threshold_joins_the_two_pieces():
    # Closed form: at |r| = δ both pieces give ½δ², with slope δ.
    for delta in (0.3, 1.0, 2.0):
        assert L.huber(0.0, delta, delta=delta) == pytest.approx(0.5 * delta**2)
        assert L.grad_huber(0.0, delta, delta=delta) == pytest.approx(delta)


def test_log_cosh_matches_mpmath_from_tiny_to_huge_residuals():
    # Reference: mpmath's log(cosh(r)) at 50 significant digits.
    r = np.concatenate([[0.0, 1e-10, 1e-5, 0.1, 1.0, 5.0, 19.9, 20.0, 20.1, 50.0, 300.0]])
    r = np.concatenate([r, -r, [700.0, 710.0, 900.0, -1000.0, 1e6]])
    got = L.log_cosh(0.0, r, reduction="none")
    expected = [float(mpmath.log(mpmath.cosh(mpmath.mpf(v)))) for v in r]
    np.testing.assert_allclose(got, expected, rtol=1e-14, atol=1e-300)
    assert np.isfinite(got).all()


def test_log_cosh_of_residuals_in_the_hundreds_does_not_overflow_where_naive_does():
    # Reference: the asymptote |r| − log 2 (exact in float64 once e^(−2|r|) < 1e-300).
    r = np.array([-800.0, 750.0, 1000.0])
    with np.errstate(over="ignore"):
        assert np.isinf(np.log(np.cosh(r))).all()  # the naive form fails
    np.testing.assert_allclose(
        L.log_cosh(r, 0.0, reduction="none"), np.abs(r) - math.log(2), rtol=1e-15
    )


def test_quantile_at_one_half_is_half_the_absolute_error(rng):
    # Reference: scikit-learn's mean_absolute_error.
    y, y_hat = rng.normal(size=30), rng.normal(size=30)
    assert L.quantile(y, y_hat, tau=0.5) == pytest.approx(
        0.5 * skm.mean_absolute_error(y, y_hat), rel=1e-12
    )


# --------------------------------------------------------------------------- binary


def test_binary_cross_entropy_matches_scikit_learn_log_loss(rng):
    # Reference: scikit-learn's log_loss on hard labels.
    y = rng.integers(0, 2, size=60).astype(float)
    p = rng.uniform(0.01, 0.99, size=60)
    assert L.binary_cross_entropy(y, p) == pytest.approx(
        skm.log_loss(y, p, labels=[0, 1]), rel=1e-12
    )


def test_binary_cross_entropy_matches_torch_for_soft_labels_and_reductions(rng):
    # Reference: torch.nn.functional.binary_cross_entropy (float64).
    y, p = rng.uniform(size=30), rng.uniform(0.001, 0.999, size=30)
    for reduction, value in torch_all_reductions(F.binary_cross_entropy, t64(p), t64(y)).items():
        np.testing.assert_allclose(
            L.binary_cross_entropy(y, p, reduction=reduction), value, rtol=1e-12
        )


def test_binary_cross_entropy_pos_weight_matches_torch_with_logits(rng):
    # Reference: torch's binary_cross_entropy_with_logits(logit(p), pos_weight=w).
    y, p = rng.uniform(size=30), rng.uniform(0.01, 0.99, size=30)
    expected = F.binary_cross_entropy_with_logits(
        torch.logit(t64(p)), t64(y), pos_weight=t64(3.0)
    ).item()
    assert L.binary_cross_entropy(y, p, pos_weight=3.0) == pytest.approx(expected, rel=1e-11)


def test_binary_cross_entropy_is_infinite_when_the_label_gets_probability_zero():
    # Closed form: −log 0 = ∞; a sure and right prediction costs 0 (0 log 0 = 0).
    assert L.binary_cross_entropy(1, 0.0) == math.inf
    assert L.binary_cross_entropy(0, 1.0) == math.inf
    np.testing.assert_array_equal(
        L.binary_cross_entropy([1, 0], [1.0, 0.0], reduction="none"), [0.0, 0.0]
    )
    # PyTorch clamps the log at −100 where we keep the ∞:
    assert F.binary_cross_entropy(t64(0.0), t64(1.0)).item() == 100.0


@pytest.mark.parametrize("pos_weight", [None, 0.3, 4.0])
def test_bce_with_logits_matches_torch(pos_weight, rng):
    # Reference: torch.nn.functional.binary_cross_entropy_with_logits (float64).
    y = rng.uniform(size=40)
    z = rng.normal(size=40) * 6
    pw = None if pos_weight is None else t64(pos_weight)
    for reduction in L.REDUCTIONS:
        expected = F.binary_cross_entropy_with_logits(
            t64(z), t64(y), pos_weight=pw, reduction=reduction
        ).numpy()
        got = L.binary_cross_entropy_with_logits(y, z, pos_weight=pos_weight, reduction=reduction)
        # Two roundings of terms up to |z|(1 + pos_weight) ≈ 100 that cancel to a small loss
        # may differ by a few ulps of 100 (seen: 2.4e-15 on a loss of 4.4e-4, with the data
        # this module's generator gives when other tests draw from it first).
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-13)


def test_bce_with_logits_is_finite_and_exact_up_to_1000_where_naive_overflows():
    # Reference: mpmath's log(1 + e^(−m)) at 50 digits, m = the signed margin.
    z = np.array([-1000.0, -710.0, -100.0, -40.0, -1.0, 0.0, 1.0, 40.0, 100.0, 710.0, 1000.0])
    for label in (0.0, 1.0):
        m = z if label == 1 else -z
        expected = [float(mpmath.log1p(mpmath.exp(-mpmath.mpf(v)))) for v in m]
        got = L.binary_cross_entropy_with_logits(label, z, reduction="none")
        assert np.isfinite(got).all()
        np.testing.assert_allclose(got, expected, rtol=1e-15, atol=0)
    with np.errstate(over="ignore", divide="ignore"):
        p = 1 / (1 + np.exp(-z))  # the naive route through the probability
        assert np.isinf(-np.log(1 - p[z >= 40])).all()


def test_logistic_margin_loss_is_bce_with_logits_on_plus_minus_one_labels(rng):
    # Reference: scikit-learn's log_loss with labels −1/+1 and p = σ(s).
    y = rng.choice([-1.0, 1.0], size=50)
    s = rng.normal(size=50) * 3
    p = 1 / (1 + np.exp(-s))
    assert L.logistic(y, s) == pytest.approx(skm.log_loss(y, p, labels=[-1, 1]), rel=1e-12)


def focal_reference(y, z, gamma, alpha=None):
    """Lin et al.'s definition in probability space (torchvision's sigmoid_focal_loss)."""
    p = torch.sigmoid(t64(z))
    target = t64(y)
    ce = F.binary_cross_entropy_with_logits(t64(z), target, reduction="none")
    p_t = p * target + (1 - p) * (1 - target)
    loss = ce * (1 - p_t) ** gamma
    if alpha is not None:
        loss = (alpha * target + (1 - alpha) * (1 - target)) * loss
    return loss.numpy()


@pytest.mark.parametrize(("gamma", "alpha"), [(0.0, None), (0.5, None), (2.0, 0.25), (5.0, 0.9)])
def test_focal_matches_the_probability_space_definition(gamma, alpha, rng):
    # Reference: focal_reference above (torch, the formula of torchvision.ops).
    y = rng.integers(0, 2, size=50).astype(float)
    z = rng.normal(size=50) * 4
    np.testing.assert_allclose(
        L.focal_with_logits(y, z, gamma=gamma, alpha=alpha, reduction="none"),
        focal_reference(y, z, gamma, alpha),
        rtol=1e-10,
        atol=1e-300,
    )


def test_focal_with_gamma_zero_is_log_loss(rng):
    # Reference: scikit-learn's log_loss.
    y = rng.integers(0, 2, size=40)
    z = rng.normal(size=40) * 2
    assert L.focal_with_logits(y, z, gamma=0.0) == pytest.approx(
        skm.log_loss(y, 1 / (1 + np.exp(-z)), labels=[0, 1]), rel=1e-12
    )


def test_focal_is_finite_for_huge_logits():
    # Closed form: confidently wrong by 1000 nats → (1 − p_t)^γ = 1, loss 1000.
    assert L.focal_with_logits([1.0], [-1000.0], gamma=2.0) == pytest.approx(1000.0)
    assert L.focal_with_logits([1.0], [1000.0], gamma=2.0) == 0.0


# --------------------------------------------------------------------------- multiclass


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.5, 1.0])
@pytest.mark.parametrize("weighted", [False, True])
def test_softmax_cross_entropy_matches_torch_cross_entropy(eps, weighted, rng):
    # Reference: torch.nn.functional.cross_entropy(weight=, label_smoothing=), float64.
    n, k = 25, 4
    y = rng.integers(0, k, size=n)
    z = rng.normal(size=(n, k)) * 3
    w = rng.uniform(0.2, 3.0, size=k) if weighted else None
    for reduction in L.REDUCTIONS:
        expected = F.cross_entropy(
            t64(z),
            torch.as_tensor(y),
            weight=None if w is None else t64(w),
            label_smoothing=eps,
            reduction=reduction,
        ).numpy()
        got = L.softmax_cross_entropy(y, z, label_smoothing=eps, weight=w, reduction=reduction)
        np.testing.assert_allclose(got, expected, rtol=1e-11)


def test_softmax_cross_entropy_is_log_softmax_then_nll(rng):
    # Reference: torch's nll_loss(log_softmax(z)), and scipy's logsumexp by hand.
    from scipy.special import logsumexp

    y = rng.integers(0, 5, size=20)
    z = rng.normal(size=(20, 5)) * 10
    expected = F.nll_loss(torch.log_softmax(t64(z), dim=1), torch.as_tensor(y)).item()
    assert L.softmax_cross_entropy(y, z) == pytest.approx(expected, rel=1e-12)
    by_hand = np.mean(logsumexp(z, axis=1) - z[np.arange(20), y])
    assert L.softmax_cross_entropy(y, z) == pytest.approx(by_hand, rel=1e-12)


def test_softmax_cross_entropy_survives_logits_in_the_thousands():
    # Closed form: logits (1000, −1000), label 1 → 2000 nats; naive softmax gives NaN/inf.
    assert L.softmax_cross_entropy([1], [[1000.0, -1000.0]]) == pytest.approx(2000.0)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        e = np.exp(np.array([1000.0, -1000.0]))
        assert not np.isfinite(-np.log(e / e.sum())[1])


def test_softmax_cross_entropy_of_two_classes_is_bce_with_logits(rng):
    # Reference: torch's binary_cross_entropy_with_logits on the logit difference.
    y = rng.integers(0, 2, size=30)
    z = rng.normal(size=(30, 2))
    expected = F.binary_cross_entropy_with_logits(t64(z[:, 1] - z[:, 0]), t64(y)).item()
    assert L.softmax_cross_entropy(y, z) == pytest.approx(expected, rel=1e-12)


# --------------------------------------------------------------------------- margin


def test_hinge_matches_scikit_learn_and_torch_multi_margin(rng):
    # Reference: scikit-learn's hinge_loss; torch's multi_margin_loss on scores (0, s).
    y = rng.choice([-1.0, 1.0], size=50)
    s = rng.normal(size=50) * 2
    assert L.hinge(y, s) == pytest.approx(skm.hinge_loss(y, s), rel=1e-12)
    scores, cls = t64(np.stack([np.zeros_like(s), s], axis=1)), torch.as_tensor((y > 0) * 1)
    two = 2  # multi_margin_loss divides each row by the number of classes
    np.testing.assert_allclose(
        L.hinge(y, s, reduction="none"),
        two * F.multi_margin_loss(scores, cls, p=1, reduction="none").numpy(),
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        L.squared_hinge(y, s, reduction="none"),
        two * F.multi_margin_loss(scores, cls, p=2, reduction="none").numpy(),
        rtol=1e-12,
    )


def test_zero_one_is_the_error_rate(rng):
    # Reference: scikit-learn's zero_one_loss on the predicted signs.
    y = rng.choice([-1.0, 1.0], size=50)
    s = rng.normal(size=50)
    assert L.zero_one(y, s) == pytest.approx(skm.zero_one_loss(y, np.sign(s)))
    assert L.zero_one(1, 0.0) == 1.0  # no class chosen counts as a mistake


def test_exponential_and_logistic_teaching_values():
    # Closed forms: e^0 = 1, e^(−log 2) = ½; logistic at margin 0 is log 2.
    assert L.exponential(1, 0.0) == 1.0
    assert L.exponential(-1, -math.log(2)) == pytest.approx(0.5)
    assert L.logistic(1, 0.0) == pytest.approx(math.log(2))
    assert L.logistic(-1, 1000.0) == pytest.approx(1000.0)


# --------------------------------------------------------------------------- registry helpers


def sample(kind: str, rng: np.random.Generator, n: int = 12):
    """Random targets and predictions of one kind, away from kinks (|r| > 1e-3)."""
    if kind == "regression":
        y = rng.normal(size=n) * 2
        r = rng.uniform(0.05, 3, size=n) * rng.choice([-1, 1], size=n)
        return y, y - r
    if kind == "probability":
        return rng.uniform(size=n), rng.uniform(0.05, 0.95, size=n)
    if kind == "logit":
        return rng.integers(0, 2, size=n).astype(float), rng.normal(size=n) * 3
    if kind == "margin":
        y = rng.choice([-1.0, 1.0], size=n)
        m = rng.uniform(-3, 3, size=n)
        m = np.where(np.abs(m - 1) < 0.05, m + 0.2, m)  # keep off the hinge's kink
        m = np.where(np.abs(m) < 0.05, m + 0.2, m)  # and off the 0–1 step
        return y, y * m
    assert kind == "multiclass"
    return rng.integers(0, 3, size=n), rng.normal(size=(n, 3)) * 2


OPTION_RANGES = {"delta": (0.1, 3.0), "beta": (0.0, 3.0), "tau": (0.0, 1.0), "gamma": (0.0, 5.0)}
OPTION_RANGES["label_smoothing"] = (0.0, 1.0)


def options_of(spec: L.Loss, rng: np.random.Generator) -> dict[str, float]:
    return {k: float(rng.uniform(*OPTION_RANGES[k])) for k in spec.options}


SPECS = list(L.REGISTRY.values())
IDS = [spec.name for spec in SPECS]


# --------------------------------------------------------------------------- registry-driven


def test_registry_holds_every_loss_of_the_design_table():
    design = {
        "mse",
        "mae",
        "huber",
        "smooth_l1",
        "log_cosh",
        "quantile",
        "binary_cross_entropy",
        "binary_cross_entropy_with_logits",
        "softmax_cross_entropy",
        "hinge",
        "squared_hinge",
        "focal_with_logits",
    }
    assert design <= set(L.REGISTRY)
    for spec in SPECS:
        assert spec.kind in L.KINDS
        assert spec.grad.__name__ == f"grad_{spec.name}"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
@pytest.mark.parametrize("seed", range(4))
def test_gradient_matches_central_finite_differences(spec, seed):
    # Reference: central differences of the mean-reduced loss, step 1e-6.
    rng = np.random.default_rng(seed)
    y, pred = sample(spec.kind, rng)
    opts = options_of(spec, rng)
    if spec.name == "smooth_l1":
        opts["beta"] = max(opts["beta"], 0.1)
    grad = spec.grad(y, pred, **opts)
    assert grad.shape == np.shape(pred)
    h = 1e-6
    numeric = np.zeros_like(pred, dtype=float)
    for idx in np.ndindex(np.shape(pred)):
        up, down = pred.astype(float).copy(), pred.astype(float).copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (spec.loss(y, up, **opts) - spec.loss(y, down, **opts)) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_sum_is_n_times_mean_and_none_is_elementwise(spec):
    # Reference: numpy's sum and mean of the elementwise losses.
    y, pred = sample(spec.kind, np.random.default_rng(7))
    per = spec.loss(y, pred, reduction="none")
    assert per.shape == (len(y),)
    assert spec.loss(y, pred, reduction="sum") == pytest.approx(np.sum(per), rel=1e-12)
    assert spec.loss(y, pred, reduction="mean") == pytest.approx(np.mean(per), rel=1e-12)
    g_sum = spec.grad(y, pred, reduction="sum")
    np.testing.assert_allclose(spec.grad(y, pred, reduction="none"), g_sum)
    np.testing.assert_allclose(spec.grad(y, pred, reduction="mean"), g_sum / len(y), rtol=1e-12)


TORCH_GRADS = {
    "mse": lambda p, y, o: F.mse_loss(p, y),
    "mae": lambda p, y, o: F.l1_loss(p, y),
    "huber": lambda p, y, o: F.huber_loss(p, y, delta=o["delta"]),
    "smooth_l1": lambda p, y, o: F.smooth_l1_loss(p, y, beta=o["beta"]),
    "binary_cross_entropy": lambda p, y, o: F.binary_cross_entropy(p, y),
    "binary_cross_entropy_with_logits": lambda p, y, o: F.binary_cross_entropy_with_logits(p, y),
    "softmax_cross_entropy": lambda p, y, o: F.cross_entropy(
        p, y.long(), label_smoothing=o["label_smoothing"]
    ),
}


@pytest.mark.parametrize("name", sorted(TORCH_GRADS))
def test_gradient_matches_torch_autograd(name):
    # Reference: torch.autograd on the torch.nn.functional loss, float64.
    spec = L.REGISTRY[name]
    rng = np.random.default_rng(3)
    y, pred = sample(spec.kind, rng, n=15)
    opts = options_of(spec, rng)
    p = t64(pred).requires_grad_(True)
    TORCH_GRADS[name](p, t64(y), opts).backward()
    np.testing.assert_allclose(spec.grad(y, pred, **opts), p.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_every_declared_property_is_one_this_module_defines():
    known = {
        L.NONNEGATIVE,
        L.ZERO_AT_TARGET,
        L.SYMMETRIC,
        L.CONVEX_IN_PREDICTION,
        L.ROBUST_TO_OUTLIERS,
        L.DIFFERENTIABLE,
        L.ZERO_BEYOND_MARGIN,
    }
    for spec in SPECS:
        assert spec.properties <= known, spec.name


def has(prop):
    return [s for s in SPECS if prop in s.properties]


def lacks(prop, kinds=tuple(L.KINDS)):
    return [s for s in SPECS if prop not in s.properties and s.kind in kinds]


@pytest.mark.parametrize("spec", has(L.NONNEGATIVE), ids=lambda s: s.name)
@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_declared_nonnegative_losses_are_never_below_zero(spec, seed):
    rng = np.random.default_rng(seed)
    y, pred = sample(spec.kind, rng)
    assert (spec.loss(y, pred, reduction="none", **options_of(spec, rng)) >= 0).all()


@pytest.mark.parametrize("spec", has(L.ZERO_AT_TARGET), ids=lambda s: s.name)
@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_declared_zero_at_target_losses_vanish_at_the_target(spec, seed):
    rng = np.random.default_rng(seed)
    y, _ = sample(spec.kind, rng)
    assert (spec.loss(y, y, reduction="none", **options_of(spec, rng)) == 0).all()


@pytest.mark.parametrize("spec", has(L.SYMMETRIC), ids=lambda s: s.name)
@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_declared_symmetric_losses_cost_the_same_either_side(spec, seed):
    rng = np.random.default_rng(seed)
    y, d = rng.normal(size=20), rng.uniform(0.01, 4, size=20)
    opts = options_of(spec, rng)
    np.testing.assert_allclose(
        spec.loss(y, y + d, reduction="none", **opts),
        spec.loss(y, y - d, reduction="none", **opts),
        rtol=1e-12,
    )


@pytest.mark.parametrize("spec", lacks(L.SYMMETRIC, ("regression",)), ids=lambda s: s.name)
def test_undeclared_symmetry_fails_somewhere(spec):
    y, d = np.zeros(5), np.ones(5)
    opts = {k: 0.9 for k in spec.options}  # e.g. τ = 0.9: under-prediction costs more
    assert not np.allclose(
        spec.loss(y, y + d, reduction="none", **opts), spec.loss(y, y - d, reduction="none", **opts)
    )


def midpoint_excess(spec, y, a, b, opts):
    """How far the loss at the midpoint lies above the chord (> 0 means not convex)."""
    mid = spec.loss(y, (a + b) / 2, reduction="none", **opts)
    chord = spec.loss(y, a, reduction="none", **opts) + spec.loss(y, b, reduction="none", **opts)
    excess = mid - chord / 2
    return excess if excess.ndim == 1 else excess.reshape(len(y), -1).max(axis=1)


@pytest.mark.parametrize("spec", has(L.CONVEX_IN_PREDICTION), ids=lambda s: s.name)
@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_declared_convex_losses_lie_below_their_chords(spec, seed):
    rng = np.random.default_rng(seed)
    y, a = sample(spec.kind, rng)
    _, b = sample(spec.kind, rng)
    opts = options_of(spec, rng)
    assert (midpoint_excess(spec, y, a, b, opts) <= 1e-12).all()


@pytest.mark.parametrize("spec", lacks(L.CONVEX_IN_PREDICTION), ids=lambda s: s.name)
def test_undeclared_convexity_fails_somewhere(spec):
    # A grid of prediction pairs for one label must contain a chord below the curve.
    grid = np.linspace(-6, 6, 61)
    a, b = np.meshgrid(grid, grid)
    label = 1.0
    y = np.full(a.size, label)
    opts = {k: v for k, v in spec.options.items()}
    assert (midpoint_excess(spec, y, a.ravel(), b.ravel(), opts) > 1e-9).any()


def far_gradient(spec, distance):
    """Largest |gradient| at predictions `distance` away from the target, either side."""
    opts = dict(spec.options)
    if spec.kind == "regression":
        y, pred = np.zeros(2), np.array([-distance, distance])
    elif spec.kind == "probability":  # the far end of a probability is p → 0 for label 1
        y, pred = np.ones(2), np.array([1 / distance, 1 / distance])
    elif spec.kind == "logit":
        y, pred = np.array([1.0, 0.0]), np.array([-distance, distance])
    elif spec.kind == "margin":
        y, pred = np.array([1.0, -1.0]), np.array([-distance, distance])
    else:
        y, pred = np.array([0, 1]), np.array([[-distance, distance], [distance, -distance]])
    return float(np.max(np.abs(spec.grad(y, pred, reduction="none", **opts))))


@pytest.mark.parametrize("spec", has(L.ROBUST_TO_OUTLIERS), ids=lambda s: s.name)
def test_declared_robust_losses_have_a_bounded_gradient(spec):
    # Closed form: far from the target the gradient of these losses tends to at most
    # max(1, δ) in size, and it stops growing.
    bound = max(1.0, spec.options.get("delta", 1.0))
    assert far_gradient(spec, 1e3) <= bound + 1e-12
    assert far_gradient(spec, 1e6) <= far_gradient(spec, 1e3) + 1e-12


@pytest.mark.parametrize("spec", lacks(L.ROBUST_TO_OUTLIERS), ids=lambda s: s.name)
def test_undeclared_robustness_fails_the_gradient_grows_without_bound(spec):
    assert far_gradient(spec, 1e3) > 100 * far_gradient(spec, 2.0)


@pytest.mark.parametrize("spec", has(L.ZERO_BEYOND_MARGIN), ids=lambda s: s.name)
def test_declared_margin_losses_are_zero_beyond_margin_one(spec):
    m = np.linspace(1, 50, 50)
    np.testing.assert_array_equal(spec.loss(np.ones(50), m, reduction="none"), 0.0)
    assert spec.loss(1.0, -1.0) > 0  # and a mistake does cost something


@pytest.mark.parametrize("spec", has(L.DIFFERENTIABLE), ids=lambda s: s.name)
def test_declared_differentiable_losses_have_a_continuous_gradient(spec):
    # A gradient jump across a tiny step would show up as a large difference.
    y, pred = sample(spec.kind, np.random.default_rng(11), n=400)
    if spec.kind == "regression":  # step across the kinks of the non-smooth losses
        pred = y + np.linspace(-3, 3, 400)
    g1 = spec.grad(y, pred, reduction="none", **spec.options)
    g2 = spec.grad(y, pred + 1e-7, reduction="none", **spec.options)
    assert np.max(np.abs(g1 - g2)) < 1e-4


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_unknown_reduction_is_refused(spec):
    y, pred = sample(spec.kind, np.random.default_rng(0))
    with pytest.raises(ValueError, match="`reduction` must be 'mean', 'sum' or 'none'"):
        spec.loss(y, pred, reduction="batchmean")
    with pytest.raises(ValueError, match="`reduction` must be"):
        spec.grad(y, pred, reduction="avg")


@pytest.mark.parametrize("spec", [s for s in SPECS if s.kind != "multiclass"], ids=lambda s: s.name)
def test_shape_mismatch_nan_and_empty_are_refused(spec):
    y, pred = sample(spec.kind, np.random.default_rng(0), n=4)
    with pytest.raises(ValueError, match="must have the same shape"):
        spec.loss(y, pred[:3])
    bad = pred.copy()
    bad[1] = np.nan
    with pytest.raises(ValueError, match="must be finite"):
        spec.loss(y, bad)
    with pytest.raises(ValueError, match="must not be empty"):
        spec.loss([], [])
    with pytest.raises(ValueError, match="must contain real numbers"):
        spec.loss(y, ["a", "b", "c", "d"])


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: L.huber(0, 1, delta=0), "`delta` must be a finite number > 0"),
        (lambda: L.grad_huber(0, 1, delta=-1), "`delta` must be a finite number > 0"),
        (lambda: L.smooth_l1(0, 1, beta=-0.5), "`beta` must be a finite number >= 0"),
        (lambda: L.quantile(0, 1, tau=1.5), r"`tau` must lie in \[0, 1\]"),
        (lambda: L.quantile(0, 1, tau="x"), "`tau` must be a number"),
        (lambda: L.binary_cross_entropy(1, 1.2), r"`p` must lie in \[0, 1\]"),
        (lambda: L.binary_cross_entropy(2, 0.5), r"`y` must lie in \[0, 1\]"),
        (lambda: L.binary_cross_entropy(1, 0.5, pos_weight=-1), "`pos_weight` must be >= 0"),
        (lambda: L.binary_cross_entropy_with_logits(-1, 0.5), r"`y` must lie in \[0, 1\]"),
        (lambda: L.focal_with_logits(0.5, 1.0), r"`y` must contain only \(0.0, 1.0\)"),
        (lambda: L.focal_with_logits(1, 1.0, gamma=-1), "`gamma` must be a finite number >= 0"),
        (lambda: L.focal_with_logits(1, 1.0, alpha=2), r"`alpha` must lie in \[0, 1\]"),
        (lambda: L.hinge(0, 1.0), r"`y` must contain only \(-1.0, 1.0\).*2y - 1"),
        (lambda: L.softmax_cross_entropy([0], [1.0, 2.0]), r"`z` must have shape \(n, k\)"),
        (lambda: L.softmax_cross_entropy([0, 1], [[1.0, 2.0]]), r"`y` must have shape \(1,\)"),
        (lambda: L.softmax_cross_entropy([2], [[1.0, 2.0]]), "class indices 0 … 1"),
        (lambda: L.softmax_cross_entropy([0.5], [[1.0, 2.0]]), "class indices"),
        (
            lambda: L.softmax_cross_entropy([0], [[1.0, 2.0]], label_smoothing=-0.1),
            r"`label_smoothing` must lie in \[0, 1\]",
        ),
        (
            lambda: L.softmax_cross_entropy([0], [[1.0, 2.0]], weight=[1.0]),
            r"`weight` must have one entry per class, shape \(2,\)",
        ),
        (
            lambda: L.softmax_cross_entropy([0], [[1.0, 2.0]], weight=[-1.0, 1.0]),
            "`weight` must be >= 0",
        ),
        (
            lambda: L.softmax_cross_entropy([0], [[1.0, 2.0]], weight=[0.0, 1.0]),
            "`weight` is 0 for every class in `y`",
        ),
        (
            lambda: L.grad_softmax_cross_entropy([0], [[1.0, 2.0]], weight=[0.0, 1.0]),
            "`weight` is 0 for every class in `y`",
        ),
        (lambda: L.mse([[1, 2], [3]], [1, 2]), "`y` must be a rectangular array"),
    ],
)
def test_invalid_options_raise_value_errors_that_name_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()
