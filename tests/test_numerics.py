"""lossviz.numerics against PyTorch (when it imports) and closed forms."""

import contextlib
import io
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import log_softmax, logsumexp, softmax

from lossviz import info, numerics

torch = pytest.importorskip("torch")
# PyTorch warns that KLDivLoss(reduction="mean") is not a KL divergence: the lesson's point.
pytestmark = pytest.mark.filterwarnings("ignore:reduction.*'mean' divides:UserWarning")
F = torch.nn.functional

TORCH_DTYPES = {"float32": torch.float32, "float64": torch.float64}
logit_rows = st.lists(
    st.floats(min_value=-50, max_value=50, allow_nan=False), min_size=2, max_size=6
)


def run_snippet(code: str) -> dict:
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, namespace)
    return namespace


# --------------------------------------------------------------------------- softmax


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_exp_limits_are_where_exp_overflows_and_underflows(dtype):
    lo, hi = numerics.exp_limits(dtype)
    t = TORCH_DTYPES[dtype]
    assert torch.isfinite(torch.exp(torch.tensor(hi * (1 - 1e-6), dtype=t)))
    assert torch.isinf(torch.exp(torch.tensor(hi * (1 + 1e-6), dtype=t)))
    assert torch.exp(torch.tensor(lo * (1 - 1e-3), dtype=t)) > 0
    assert torch.exp(torch.tensor(lo * (1 + 1e-3), dtype=t)) == 0


@given(logit_rows)
def test_naive_softmax_agrees_with_torch_for_moderate_logits(z):
    expected = torch.softmax(torch.tensor(z, dtype=torch.float64), dim=0).numpy()
    np.testing.assert_allclose(numerics.naive_softmax(z), expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize(
    "z", [[100.0, 50.0, 5.0], [1000.0, 500.0, 50.0], [-1000.0, -1000.0, -999.0], [800.0, -800.0]]
)
def test_naive_softmax_breaks_exactly_like_torch_naive_softmax(dtype, z):
    tz = torch.tensor(z, dtype=TORCH_DTYPES[dtype])
    expected = (torch.exp(tz) / torch.exp(tz).sum()).numpy()
    np.testing.assert_array_equal(numerics.naive_softmax(z, dtype=dtype), expected)


def test_naive_softmax_of_huge_logit_is_nan_while_stable_is_one():
    steps = numerics.softmax_steps([1000.0, 0.0, -1000.0])
    assert steps.failure == "overflow"
    assert math.isnan(steps.naive[0])
    assert steps.stable[0] == 1.0
    assert steps.naive_lse == math.inf
    assert steps.lse == 1000.0


def test_naive_softmax_of_very_negative_logits_underflows_to_nan():
    steps = numerics.softmax_steps([-1000.0, -1001.0], dtype="float64")
    assert steps.failure == "underflow"
    assert np.isnan(steps.naive).all()
    np.testing.assert_allclose(steps.stable, [1 / (1 + math.exp(-1)), 1 / (1 + math.e)])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("scale", [0.0, 1.0, 50.0, 500.0])
@pytest.mark.parametrize("shift", [-1000.0, 0.0, 1000.0])
def test_softmax_steps_stable_route_matches_torch(dtype, scale, shift):
    z = scale * np.array([2.0, 1.0, 0.1]) + shift
    steps = numerics.softmax_steps(z, dtype=dtype)
    tz = torch.tensor(z, dtype=TORCH_DTYPES[dtype])
    rtol = 1e-6 if dtype == "float32" else 1e-12
    np.testing.assert_allclose(steps.stable, torch.softmax(tz, 0).numpy(), rtol=rtol, atol=1e-30)
    np.testing.assert_allclose(
        steps.log_stable, torch.log_softmax(tz, 0).numpy(), rtol=rtol, atol=1e-5
    )
    assert steps.lse == pytest.approx(torch.logsumexp(tz, 0).item(), rel=rtol)
    assert steps.m == pytest.approx(float(tz.max()))
    assert steps.exp_shifted.max() == 1.0
    assert 1.0 <= steps.sum_shifted <= len(z)
    assert steps.failure is None or np.isnan(steps.naive).any()


def test_softmax_steps_failure_is_none_for_small_logits():
    steps = numerics.softmax_steps([2.0, 1.0, 0.1])
    assert steps.failure is None
    np.testing.assert_allclose(steps.naive, steps.stable, rtol=1e-15)
    assert steps.naive_lse == pytest.approx(math.log(math.exp(2) + math.e + math.exp(0.1)))


def test_top_class_probability_curves_break_above_the_overflow_limit():
    z0 = np.array([2.0, 1.0, 0.1])
    scales = np.linspace(0, 500, 101)
    naive, stable = numerics.top_class_probability(z0, scales, dtype="float32")
    limit = numerics.exp_limits("float32")[1]
    overflowed = 2.0 * scales > limit
    assert np.isnan(naive[overflowed]).all()
    assert not np.isnan(naive[~overflowed]).any()
    expected = torch.softmax(torch.tensor(np.outer(scales, z0), dtype=torch.float32), 1)[:, 0]
    np.testing.assert_allclose(stable, expected.numpy(), rtol=1e-6)
    assert stable[0] == pytest.approx(1 / 3)


# --------------------------------------------------------------------------- NLLLoss


@given(
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=2, max_value=5),
    st.integers(min_value=0, max_value=2**32 - 1),
)
@settings(max_examples=40, deadline=None)
def test_nll_loss_with_weights_matches_torch_cross_entropy(n, k, seed):
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=3, size=(n, k))
    y = rng.integers(0, k, size=n)
    w = rng.uniform(0.1, 5, size=k)
    tz, ty, tw = torch.tensor(z), torch.tensor(y), torch.tensor(w)
    for reduction in ("mean", "sum", "none"):
        got = numerics.nll_loss(log_softmax(z, axis=1), y, weight=w, reduction=reduction)
        expected = F.cross_entropy(tz, ty, weight=tw, reduction=reduction).numpy()
        np.testing.assert_allclose(got, expected, rtol=1e-12)
        unweighted = numerics.nll_loss(log_softmax(z, axis=1), y, reduction=reduction)
        expected = F.nll_loss(F.log_softmax(tz, 1), ty, reduction=reduction).numpy()
        np.testing.assert_allclose(unweighted, expected, rtol=1e-12)


def test_weighted_mean_divides_by_the_weights_of_the_targets_not_n():
    logq = np.log([[0.5, 0.5], [0.25, 0.75], [0.9, 0.1]])
    y = [0, 1, 1]
    w = [1.0, 4.0]
    per_sample = -np.array([math.log(0.5), 4 * math.log(0.75), 4 * math.log(0.1)])
    assert numerics.nll_loss(logq, y, weight=w) == pytest.approx(per_sample.sum() / 9)
    assert numerics.nll_loss(logq, y, weight=w, reduction="sum") == pytest.approx(per_sample.sum())


def test_nll_loss_of_naive_log_softmax_is_inf_when_target_probability_underflows():
    z = np.array([[25.0, 125.0, -50.0]])
    naive = numerics.naive_log_softmax(z, dtype="float64")
    assert numerics.nll_loss(naive, [2]) == pytest.approx(175.0)  # exp(-175) still fits float64
    naive = numerics.naive_log_softmax(z, dtype="float32")
    assert numerics.nll_loss(naive, [2]) == math.inf  # but not float32
    assert numerics.nll_loss(log_softmax(z, axis=1), [2]) == pytest.approx(175.0)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("scale", [1.0, 50.0, 400.0])
def test_naive_log_softmax_is_torch_log_of_softmax(dtype, scale):
    z = scale * numerics.BATCH_LOGITS
    tz = torch.tensor(z, dtype=TORCH_DTYPES[dtype])
    expected = torch.log(torch.softmax(tz, dim=1)).numpy()
    got = numerics.naive_log_softmax(z, dtype=dtype)
    np.testing.assert_array_equal(np.isinf(got), np.isinf(expected))
    np.testing.assert_allclose(got, expected, rtol=1e-5 if dtype == "float32" else 1e-12)


def test_zero_weight_ignores_a_sample_like_torch():
    z = np.array([[1.0, 2.0], [0.0, 3.0]])
    w = np.array([0.0, 1.0])
    got = numerics.nll_loss(log_softmax(z, axis=1), [0, 1], weight=w, reduction="none")
    expected = F.cross_entropy(
        torch.tensor(z), torch.tensor([0, 1]), weight=torch.tensor(w), reduction="none"
    )
    np.testing.assert_allclose(got, expected.numpy())


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"log_probs": [0.1, 0.2], "y": [0]}, "`log_probs` must have shape"),
        ({"log_probs": [[0.1, -0.2]], "y": [0]}, r"log-probabilities \(≤ 0\)"),
        ({"log_probs": [[-1.0, -0.5]], "y": [2]}, "`y` must hold class indices between 0 and 1"),
        ({"log_probs": [[-1.0, -0.5]], "y": [0.5]}, "`y` must hold whole class indices"),
        ({"log_probs": [[-1.0, -0.5]], "y": [0, 1]}, r"`y` must have shape \(1,\)"),
        ({"log_probs": [[-1.0, -0.5]], "y": [0], "weight": [1.0]}, "`weight` must have one"),
        ({"log_probs": [[-1.0, -0.5]], "y": [0], "weight": [-1.0, 1]}, "non-negative"),
        ({"log_probs": [[-1.0, -0.5]], "y": [0], "weight": [0.0, 1]}, "weighted mean"),
        ({"log_probs": [[-1.0, -0.5]], "y": [0], "reduction": "avg"}, "`reduction` must be"),
    ],
)
def test_nll_loss_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        numerics.nll_loss(**kwargs)


# --------------------------------------------------------------------------- BCELoss


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_bce_after_sigmoid_matches_torch_including_the_clamp(dtype, y):
    z = np.array([-1000.0, -120.0, -40.0, -17.0, -3.0, 0.0, 0.5, 9.0, 17.0, 40.0, 120.0, 1000.0])
    yy = np.full_like(z, y)
    t = TORCH_DTYPES[dtype]
    expected = F.binary_cross_entropy(
        torch.sigmoid(torch.tensor(z, dtype=t)), torch.tensor(yy, dtype=t), reduction="none"
    ).numpy()
    got = numerics.bce_after_sigmoid(yy, z, dtype=dtype, reduction="none")
    np.testing.assert_allclose(got, expected, rtol=2e-6 if dtype == "float32" else 1e-12)
    for reduction in ("mean", "sum"):
        expected = F.binary_cross_entropy(
            torch.sigmoid(torch.tensor(z, dtype=t)), torch.tensor(yy, dtype=t), reduction=reduction
        ).item()
        got = numerics.bce_after_sigmoid(yy, z, dtype=dtype, reduction=reduction)
        assert got == pytest.approx(expected, rel=2e-6)


def test_bce_after_sigmoid_is_stuck_at_100_where_bce_with_logits_grows():
    z = np.array([20.0, 50.0, 1000.0])
    got = numerics.bce_after_sigmoid(np.zeros(3), z, dtype="float32", reduction="none")
    np.testing.assert_array_equal(got, [100.0, 100.0, 100.0])
    exact = F.binary_cross_entropy_with_logits(
        torch.tensor(z), torch.zeros(3, dtype=torch.float64), reduction="none"
    )
    np.testing.assert_allclose(exact.numpy(), np.log1p(np.exp(-z)) + z)  # = softplus(z)


@pytest.mark.parametrize(
    ("y", "z", "match"),
    [
        ([0.0, 1.0], [1.0], "same shape"),
        ([1.5], [1.0], "`y` must hold targets between 0 and 1"),
        ([1.0], [math.inf], "`z` must be finite"),
        ([1.0], [1.0], "`dtype` must be one of"),
    ],
)
def test_bce_after_sigmoid_rejects_bad_input(y, z, match):
    dtype = "float16" if match.startswith("`dtype`") else "float32"
    with pytest.raises(ValueError, match=match):
        numerics.bce_after_sigmoid(y, z, dtype=dtype)


# --------------------------------------------------------------------------- KLDivLoss


@pytest.mark.parametrize("reduction", ["mean", "batchmean", "sum", "none"])
def test_kl_div_loss_matches_torch(reduction):
    p = numerics.KL_TARGETS
    q = softmax(numerics.BATCH_LOGITS[:2], axis=1)
    expected = F.kl_div(torch.tensor(np.log(q)), torch.tensor(p), reduction=reduction).numpy()
    np.testing.assert_allclose(
        numerics.kl_div_loss(np.log(q), p, reduction=reduction), expected, rtol=1e-12
    )


def test_kl_div_batchmean_is_the_mean_kl_divergence_and_mean_is_k_times_smaller():
    p = numerics.KL_TARGETS
    q = softmax(numerics.BATCH_LOGITS[:2], axis=1)
    per_row = [info.kl_divergence(pi, qi, base=math.e) for pi, qi in zip(p, q)]
    batchmean = numerics.kl_div_loss(np.log(q), p, reduction="batchmean")
    assert batchmean == pytest.approx(np.mean(per_row), rel=1e-12)
    assert numerics.kl_div_loss(np.log(q), p) == pytest.approx(batchmean / 3, rel=1e-12)
    swapped = numerics.kl_div_loss(np.log(p), q, reduction="batchmean")
    reverse = [info.kl_divergence(qi, pi, base=math.e) for pi, qi in zip(p, q)]
    assert swapped == pytest.approx(np.mean(reverse), rel=1e-12)
    assert swapped != pytest.approx(batchmean, rel=1e-3)


def test_kl_div_with_zero_target_uses_0_log_0_equal_0_like_torch():
    p = np.array([[0.5, 0.5, 0.0]])
    logq = np.log([[0.2, 0.3, 0.5]])
    expected = F.kl_div(torch.tensor(logq), torch.tensor(p), reduction="none").numpy()
    np.testing.assert_allclose(numerics.kl_div_loss(logq, p, reduction="none"), expected)


def test_kl_div_of_probabilities_instead_of_logs_can_be_negative():
    p = numerics.KL_TARGETS
    q = softmax(numerics.BATCH_LOGITS[:2], axis=1)
    wrong = numerics.kl_div_loss(q, p, reduction="batchmean")
    assert wrong == pytest.approx(
        F.kl_div(torch.tensor(q), torch.tensor(p), reduction="batchmean").item()
    )
    assert wrong < 0


@pytest.mark.parametrize(
    ("inp", "target", "reduction", "match"),
    [
        ([[0.0, 0.0]], [[0.5, 0.5, 0.0]], "mean", "same|shape"),
        ([0.0, 0.0], [0.5, 0.5], "mean", r"shape \(n, k\)"),
        ([[math.nan, 0.0]], [[0.5, 0.5]], "mean", "NaN"),
        ([[0.0, 0.0]], [[1.5, -0.5]], "mean", "`target` must hold probabilities"),
        ([[0.0, 0.0]], [[0.5, 0.5]], "avg", "'batchmean'"),
    ],
)
def test_kl_div_loss_rejects_bad_input(inp, target, reduction, match):
    with pytest.raises(ValueError, match=match):
        numerics.kl_div_loss(inp, target, reduction=reduction)


# --------------------------------------------------------------------------- label smoothing


@pytest.mark.parametrize("eps", [0.0, 0.1, 0.5, 1.0])
def test_smoothed_targets_give_torch_label_smoothing_as_a_cross_entropy(eps):
    z, y = numerics.BATCH_LOGITS, numerics.BATCH_TARGETS
    targets = numerics.smoothed_targets(y, 3, eps)
    np.testing.assert_allclose(targets.sum(axis=1), 1.0)
    ours = np.mean([info.cross_entropy(t, q, base=math.e) for t, q in zip(targets, softmax(z, 1))])
    expected = F.cross_entropy(torch.tensor(z), torch.tensor(y), label_smoothing=eps).item()
    assert ours == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("args", "match"),
    [(([0], 1, 0.1), "`k` must be"), (([0], 3, 1.5), "`eps` must lie"), (([3], 3, 0.1), "`y`")],
)
def test_smoothed_targets_reject_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        numerics.smoothed_targets(*args)


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("z", "match"),
    [
        ([[[1.0]]], "must have 1 or 2 dimensions"),
        ([], "must not be empty"),
        ([1.0, math.nan], "must be finite"),
    ],
)
def test_naive_softmax_rejects_bad_logits(z, match):
    with pytest.raises(ValueError, match=match):
        numerics.naive_softmax(z)


def test_bad_dtype_is_named():
    with pytest.raises(ValueError, match="`dtype` must be one of"):
        numerics.exp_limits("float16")
    with pytest.raises(ValueError, match=r"`dtype` must be np\.float32 or np\.float64"):
        numerics.naive_softmax([1.0], dtype=np.float16)


def test_softmax_steps_needs_one_vector():
    with pytest.raises(ValueError, match="must have 1 dimensions"):
        numerics.softmax_steps([[1.0, 2.0]])


# --------------------------------------------------------------------------- snippets


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("z", [[2.0, 1.0, 0.1], [100.0, 50.0, 5.0], [1000.0, 500.0, 50.0]])
def test_softmax_snippet_gives_the_numbers_of_softmax_steps(dtype, z):
    ns = run_snippet(numerics.softmax_snippet(z, dtype=dtype))
    steps = numerics.softmax_steps(z, dtype=dtype)
    np.testing.assert_array_equal(np.isnan(ns["naive"].numpy()), np.isnan(steps.naive))
    np.testing.assert_allclose(ns["stable"].numpy(), steps.stable, rtol=1e-6, atol=1e-38)
    assert ns["lse"].item() == pytest.approx(steps.lse, rel=1e-6)


@pytest.mark.parametrize(
    ("scale", "dtype"), [(1.0, "float32"), (50.0, "float32"), (50.0, "float64")]
)
def test_cross_entropy_snippet_gives_log_softmax_plus_nll(scale, dtype):
    z, y = scale * numerics.BATCH_LOGITS, numerics.BATCH_TARGETS
    ns = run_snippet(numerics.cross_entropy_snippet(z, y, dtype=dtype))
    two_steps = numerics.nll_loss(log_softmax(z.astype(numerics.DTYPES[dtype]), axis=1), y)
    naive = numerics.nll_loss(numerics.naive_log_softmax(z, dtype=dtype), y)
    assert ns["ce"].item() == pytest.approx(two_steps, rel=1e-6)
    assert ns["two_steps"].item() == pytest.approx(two_steps, rel=1e-6)
    assert ns["naive"].item() == pytest.approx(naive, rel=1e-5)


@pytest.mark.parametrize(("y", "z"), [(0.0, 20.0), (1.0, -200.0), (1.0, 3.0), (0.0, -1000.0)])
def test_bce_snippet_gives_the_clamped_number(y, z):
    ns = run_snippet(numerics.bce_snippet(y, z))
    assert ns["after_sigmoid"].item() == pytest.approx(
        numerics.bce_after_sigmoid([y], [z]), rel=2e-6
    )
    softplus = max(z, 0) + math.log1p(math.exp(-abs(z)))  # −log σ(−z) for y = 0, closed form
    exact = softplus - y * z
    assert ns["with_logits"].item() == pytest.approx(exact, rel=1e-6)


def test_kl_snippet_gives_batchmean_mean_and_swapped():
    p = numerics.KL_TARGETS
    q = softmax(numerics.BATCH_LOGITS[:2], axis=1)
    ns = run_snippet(numerics.kl_snippet(numerics.BATCH_LOGITS[:2], p))
    assert ns["batchmean"].item() == pytest.approx(
        numerics.kl_div_loss(np.log(q), p, reduction="batchmean"), rel=1e-12
    )
    assert ns["mean"].item() == pytest.approx(numerics.kl_div_loss(np.log(q), p), rel=1e-12)
    assert ns["swapped"].item() == pytest.approx(
        numerics.kl_div_loss(np.log(p), q, reduction="batchmean"), rel=1e-12
    )


def test_weights_and_smoothing_snippets_run_and_agree():
    z, y = numerics.BATCH_LOGITS, numerics.BATCH_TARGETS
    w = np.array([1.0, 1.0, 4.0])
    ns = run_snippet(numerics.weights_snippet(z, y, w))
    lp = log_softmax(z, axis=1)
    np.testing.assert_allclose(ns["none"].numpy(), numerics.nll_loss(lp, y, reduction="none"))
    assert ns["mean"].item() == pytest.approx(numerics.nll_loss(lp, y))
    assert ns["total"].item() == pytest.approx(numerics.nll_loss(lp, y, reduction="sum"))
    assert ns["weighted"].item() == pytest.approx(numerics.nll_loss(lp, y, weight=w))
    ns = run_snippet(numerics.label_smoothing_snippet(z, y, 0.1))
    targets = numerics.smoothed_targets(y, 3, 0.1)
    expected = -np.mean((targets * lp).sum(axis=1))
    assert ns["smoothed"].item() == pytest.approx(expected, rel=1e-12)


def test_log_sum_exp_of_huge_logits_matches_the_closed_form():
    steps = numerics.softmax_steps([1000.0, 999.0])
    assert steps.lse == pytest.approx(1000 + math.log1p(math.exp(-1)), rel=1e-15)
    assert logsumexp([1000.0, 999.0]) == pytest.approx(steps.lse)
