"""Machine-learning losses, their gradients, and a registry of their properties.

Every loss takes the target first and the prediction second (``loss(y, y_hat)``),
returns nats, and reduces like PyTorch: ``reduction="mean"`` (the default) averages
the per-element losses, ``"sum"`` adds them, ``"none"`` returns them elementwise.
Options are keyword-only. For each loss ``<name>`` there is a ``grad_<name>`` with
the same arguments, returning the gradient of the (reduced) loss with respect to
the prediction, the probability or the logit, with the prediction's shape.

The numerics are done once, in the lowest primitive: :func:`scipy.special.log_expit`
and :func:`scipy.special.expit` for the logistic function, :func:`numpy.logaddexp`
for ``log(1 + e^x)``, :func:`scipy.special.log_softmax` for the softmax,
:func:`scipy.special.xlogy` / :func:`scipy.special.xlog1py` for ``0 log 0 = 0`` and
:func:`scipy.special.huber` for the Huber function. No epsilon is added and nothing
is clipped: a label given probability 0 costs ``inf`` nats, as the maths says.

:data:`REGISTRY` lists every loss with the set of properties it has for every value
of its options (:data:`NONNEGATIVE`, :data:`ZERO_AT_TARGET`, ...); the common tests
check each declared property and the gallery pages read the same entries.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit, log_expit, log_softmax, xlog1py, xlogy
from scipy.special import huber as _huber

__all__ = [
    "CONVEX_IN_PREDICTION",
    "DIFFERENTIABLE",
    "NONNEGATIVE",
    "REDUCTIONS",
    "REGISTRY",
    "ROBUST_TO_OUTLIERS",
    "SYMMETRIC",
    "ZERO_AT_TARGET",
    "ZERO_BEYOND_MARGIN",
    "Loss",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "exponential",
    "focal_with_logits",
    "grad_binary_cross_entropy",
    "grad_binary_cross_entropy_with_logits",
    "grad_exponential",
    "grad_focal_with_logits",
    "grad_hinge",
    "grad_huber",
    "grad_log_cosh",
    "grad_logistic",
    "grad_mae",
    "grad_mse",
    "grad_quantile",
    "grad_smooth_l1",
    "grad_softmax_cross_entropy",
    "grad_squared_hinge",
    "grad_zero_one",
    "hinge",
    "huber",
    "log_cosh",
    "logistic",
    "mae",
    "mse",
    "quantile",
    "smooth_l1",
    "softmax_cross_entropy",
    "squared_hinge",
    "zero_one",
]

REDUCTIONS = ("mean", "sum", "none")

Array = NDArray[np.float64]

# --------------------------------------------------------------------------- validation
# Every public function checks its input through these helpers, so each rule and its
# error message is written once.


def _as_real(x: ArrayLike, name: str) -> Array:
    """Convert `x` to a float array of finite real numbers, or raise a ValueError."""
    try:
        arr = np.asarray(x)
    except ValueError:  # ragged nested lists
        raise ValueError(
            f"`{name}` must be a rectangular array of numbers; check every row has the same length"
        ) from None
    if arr.dtype.kind == "O":  # e.g. Fraction or Decimal entries
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            pass
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"`{name}` must contain real numbers; convert it to numbers first")
    arr = arr.astype(np.float64)
    if not np.isfinite(arr).all():
        bad = arr[~np.isfinite(arr)].flat[0]
        raise ValueError(f"`{name}` must be finite (got {bad}); remove NaN and infinite entries")
    return arr


def _check_reduction(reduction: str) -> None:
    if reduction not in REDUCTIONS:
        raise ValueError(f"`reduction` must be 'mean', 'sum' or 'none' (got {reduction!r})")


def _pair(y: ArrayLike, pred: ArrayLike, pred_name: str) -> tuple[Array, Array]:
    """Check a target and a prediction: same shape, or one of them a scalar."""
    y_arr, p_arr = _as_real(y, "y"), _as_real(pred, pred_name)
    if y_arr.shape != p_arr.shape and y_arr.ndim and p_arr.ndim:
        raise ValueError(
            f"`y` and `{pred_name}` must have the same shape (got {y_arr.shape} and "
            f"{p_arr.shape}); pass one prediction per target"
        )
    if y_arr.size == 0 or p_arr.size == 0:
        raise ValueError(f"`y` and `{pred_name}` must not be empty; pass at least one pair")
    y_arr, p_arr = np.broadcast_arrays(y_arr, p_arr)
    return y_arr, p_arr


def _check_labels(y: Array, allowed: tuple[float, ...], fix: str) -> None:
    bad = ~np.isin(y, allowed)
    if bad.any():
        raise ValueError(f"`y` must contain only {allowed} (got {y[bad].flat[0]:g}); {fix}")


def _check_unit_interval(x: Array, name: str, fix: str) -> None:
    bad = (x < 0) | (x > 1)
    if bad.any():
        raise ValueError(f"`{name}` must lie in [0, 1] (got {x[bad].flat[0]:.10g}); {fix}")


def _positive(value: float, name: str, *, allow_zero: bool = False) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"`{name}` must be a number (got {value!r})") from None
    if not math.isfinite(v) or v < 0 or (v == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"`{name}` must be a finite number {bound} (got {value!r})")
    return v


def _fraction(value: float, name: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"`{name}` must be a number (got {value!r})") from None
    if not 0 <= v <= 1:
        raise ValueError(f"`{name}` must lie in [0, 1] (got {value!r})")
    return v


def _reduce(values: Array, reduction: str) -> Any:
    """Apply a PyTorch-style reduction to per-element losses."""
    if reduction == "none":
        return values
    return float(values.mean() if reduction == "mean" else values.sum())


def _reduce_grad(grad: Array, reduction: str) -> Array:
    """The gradient of the reduced loss: the mean divides each element's share by n."""
    return grad / grad.size if reduction == "mean" else grad


# --------------------------------------------------------------------------- regression


def mse(y: ArrayLike, y_hat: ArrayLike, *, reduction: str = "mean") -> Any:
    """Mean squared error, ``r²`` per element with ``r = y - y_hat``.

    Parameters
    ----------
    y, y_hat : array_like
        Targets and predictions, same shape (or one of them a scalar).
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If an input is not finite, the shapes differ, or `reduction` is unknown.

    Notes
    -----
    Conventions: no factor ½ (as in ``torch.nn.MSELoss`` and scikit-learn's
    ``mean_squared_error``), so the gradient is ``2(y_hat - y)``.

    Examples
    --------
    >>> mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])  # one error of 2 among three
    1.3333333333333333
    >>> mse([0, 0], [1, -3], reduction="none")
    array([1., 9.])
    """
    _check_reduction(reduction)
    y, y_hat = _pair(y, y_hat, "y_hat")
    return _reduce((y - y_hat) ** 2, reduction)


def grad_mse(y: ArrayLike, y_hat: ArrayLike, *, reduction: str = "mean") -> Array:
    """Gradient of :func:`mse` with respect to `y_hat`: ``2(y_hat - y)`` per element.

    Examples
    --------
    >>> grad_mse([0.0], [3.0])  # the pull grows with the error
    array([6.])
    """
    _check_reduction(reduction)
    y, y_hat = _pair(y, y_hat, "y_hat")
    return _reduce_grad(2 * (y_hat - y), reduction)


def mae(y: ArrayLike, y_hat: ArrayLike, *, reduction: str = "mean") -> Any:
    """Mean absolute error, ``|r|`` per element with ``r = y - y_hat``.

    Parameters
    ----------
    y, y_hat : array_like
        Targets and predictions, same shape (or one of them a scalar).
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If an input is not finite, the shapes differ, or `reduction` is unknown.

    Examples
    --------
    >>> mae([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])
    0.6666666666666666
    """
    _check_reduction(reduction)
    y, y_hat = _pair(y, y_hat, "y_hat")
    return _reduce(np.abs(y - y_hat), reduction)


def grad_mae(y: ArrayLike, y_hat: ArrayLike, *, reduction: str = "mean") -> Array:
    """Gradient of :func:`mae` with respect to `y_hat`: ``sign(y_hat - y)``.

    Notes
    -----
    Conventions: at ``y_hat = y`` the loss has a kink; we return 0, a valid
    subgradient and what ``torch.sign`` gives PyTorch's ``L1Loss``.

    Examples
    --------
    >>> grad_mae([0.0, 0.0, 0.0], [-5.0, 0.0, 100.0], reduction="none")  # bounded pull
    array([-1.,  0.,  1.])
    """
    _check_reduction(reduction)
    y, y_hat = _pair(y, y_hat, "y_hat")
    return _reduce_grad(np.sign(y_hat - y), reduction)


def huber(y: ArrayLike, y_hat: ArrayLike, *, delta: float = 1.0, reduction: str = "mean") -> Any:
    """Huber loss: ``½r²`` for ``|r| ≤ δ``, else ``δ(|r| - ½δ)``.

    Quadratic near the target like MSE, linear far from it like MAE (times δ), with
    matching value and slope at ``|r| = δ``.

    Parameters
    ----------
    y, y_hat : array_like
        Targets and predictions, same shape (or one of them a scalar).
    delta : float, > 0
        Where the quadratic part gives way to the linear one.
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If ``delta <= 0``, an input is not finite, the shapes differ, or `reduction`
        is unknown.

    Notes
    -----
    The same as ``torch.nn.HuberLoss(delta=δ)`` and :func:`scipy.special.huber`.

    Examples
    --------
    >>> huber([0.0, 0.0], [0.5, 3.0], delta=1.0, reduction="none")  # ½·0.25, then 1·(3 − ½)
    array([0.125, 2.5  ])
    """
    _check_reduction(reduction)
    delta = _positive(delta, "delta")
    y, y_hat = _pair(y, y_hat, "y_hat")
    return _reduce(_huber(delta, y - y_hat), reduction)


def grad_huber(
    y: ArrayLike, y_hat: ArrayLike, *, delta: float = 1.0, reduction: str = "mean"
) -> Array:
    """Gradient of :func:`huber` with respect to `y_hat`: ``y_hat - y`` clipped to ``[-δ, δ]``.

    Examples
    --------
    >>> grad_huber([0.0, 0.0], [0.5, 30.0], delta=1.0, reduction="none")
    array([0.5, 1. ])
    """
    _check_reduction(reduction)
    delta = _positive(delta, "delta")
    y, y_hat = _pair(y, y_hat, "y_hat")
    return _reduce_grad(np.clip(y_hat - y, -delta, delta), reduction)


def smooth_l1(y: ArrayLike, y_hat: ArrayLike, *, beta: float = 1.0, reduction: str = "mean") -> Any:
    """Smooth L1 loss: ``½r²/β`` for ``|r| < β``, else ``|r| - ½β``.

    It is the Huber loss divided by its threshold, ``smooth_l1(β) = huber(δ=β) / β``:
    the linear part then has slope 1 whatever β, as in MAE.

    Parameters
    ----------
    y, y_hat : array_like
        Targets and predictions, same shape (or one of them a scalar).
    beta : float, >= 0
        Width of the quadratic zone; ``beta = 0`` gives MAE (as in PyTorch).
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If ``beta < 0``, an input is not finite, the shapes differ, or `reduction` is
        unknown.

    Notes
    -----
    The same as ``torch.nn.SmoothL1Loss(beta=β)``.

    Examples
    --------
    >>> smooth_l1([0.0, 0.0], [0.5, 3.0], beta=2.0, reduction="none")  # huber(δ=2) / 2
    array([0.0625, 2.    ])
    """
    _check_reduction(reduction)
    beta = _positive(beta, "beta", allow_zero=True)
    y, y_hat = _pair(y, y_hat, "y_hat")
    r = y - y_hat
    per = np.abs(r) if beta == 0 else _huber(beta, r) / beta
    return _reduce(per, reduction)


def grad_smooth_l1(
    y: ArrayLike, y_hat: ArrayLike, *, beta: float = 1.0, reduction: str = "mean"
) -> Array:
    """Gradient of :func:`smooth_l1` with respect to `y_hat`: ``(y_hat - y)/β`` clipped to ±1.

    Examples
    --------
    >>> grad_smooth_l1([0.0, 0.0], [0.5, 30.0], beta=2.0, reduction="none")
    array([0.25, 1.  ])
    """
    _check_reduction(reduction)
    beta = _positive(beta, "beta", allow_zero=True)
    y, y_hat = _pair(y, y_hat, "y_hat")
    e = y_hat - y
    g = np.sign(e) if beta == 0 else np.clip(e / beta, -1.0, 1.0)
    return _reduce_grad(g, reduction)


def _log_cosh(r: Array) -> Array:
    """``log cosh r`` without overflow or cancellation."""
    a = np.abs(r)
    # Near 0, cosh r − 1 = 2 sinh²(r/2) keeps the r²/2 digits; far out, cosh would
    # overflow beyond |r| ≈ 710, and log cosh r = |r| − log 2 + log1p(e^(−2|r|)) is exact.
    small = np.log1p(2 * np.sinh(np.minimum(a, 20.0) / 2) ** 2)
    large = a - math.log(2) + np.log1p(np.exp(-2 * a))
    return np.where(a < 20.0, small, large)


def log_cosh(y: ArrayLike, y_hat: ArrayLike, *, reduction: str = "mean") -> Any:
    """Log-cosh loss, ``log cosh r`` per element with ``r = y - y_hat``.

    About ``½r²`` for small residuals and ``|r| - log 2`` for large ones: a smooth
    cousin of Huber with δ = 1.

    Parameters
    ----------
    y, y_hat : array_like
        Targets and predictions, same shape (or one of them a scalar).
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If an input is not finite, the shapes differ, or `reduction` is unknown.

    Notes
    -----
    Conventions: computed as ``log1p(2 sinh²(r/2))`` for ``|r| < 20`` and as
    ``|r| - log 2 + log1p(e^(-2|r|))`` beyond, because ``cosh`` overflows past
    ``|r| ≈ 710`` and ``log(cosh r)`` loses the small-``r`` digits.

    Examples
    --------
    >>> float(log_cosh(0.0, 1000.0, reduction="none"))  # naive log(cosh(1000)) is inf
    999.3068528194401
    >>> round(log_cosh(0.0, 1.0), 6)
    0.433781
    """
    _check_reduction(reduction)
    y, y_hat = _pair(y, y_hat, "y_hat")
    return _reduce(_log_cosh(y - y_hat), reduction)


def grad_log_cosh(y: ArrayLike, y_hat: ArrayLike, *, reduction: str = "mean") -> Array:
    """Gradient of :func:`log_cosh` with respect to `y_hat`: ``tanh(y_hat - y)``.

    Examples
    --------
    >>> grad_log_cosh([0.0, 0.0], [0.0, 1000.0], reduction="none")
    array([0., 1.])
    """
    _check_reduction(reduction)
    y, y_hat = _pair(y, y_hat, "y_hat")
    return _reduce_grad(np.tanh(y_hat - y), reduction)


def quantile(y: ArrayLike, y_hat: ArrayLike, *, tau: float = 0.5, reduction: str = "mean") -> Any:
    """Quantile (pinball) loss, ``max(τr, (τ - 1)r)`` with ``r = y - y_hat``.

    Under-predictions (``r > 0``) cost τ per unit, over-predictions ``1 - τ``: the
    best constant is the τ-quantile of the targets.

    Parameters
    ----------
    y, y_hat : array_like
        Targets and predictions, same shape (or one of them a scalar).
    tau : float in [0, 1]
        The quantile level; ``tau = 0.5`` gives half the absolute error.
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `tau` is outside [0, 1], an input is not finite, the shapes differ, or
        `reduction` is unknown.

    Notes
    -----
    The same as scikit-learn's ``mean_pinball_loss(y, y_hat, alpha=τ)``.

    Examples
    --------
    >>> quantile([0.0, 0.0], [-1.0, 1.0], tau=0.9, reduction="none")  # under costs 0.9
    array([0.9, 0.1])
    """
    _check_reduction(reduction)
    tau = _fraction(tau, "tau")
    y, y_hat = _pair(y, y_hat, "y_hat")
    r = y - y_hat
    return _reduce(np.maximum(tau * r, (tau - 1) * r), reduction)


def grad_quantile(
    y: ArrayLike, y_hat: ArrayLike, *, tau: float = 0.5, reduction: str = "mean"
) -> Array:
    """Gradient of :func:`quantile` in `y_hat`: ``-τ`` below the target, ``1 - τ`` above.

    Notes
    -----
    Conventions: at ``y_hat = y`` (the kink) we return 0, which lies in the
    subdifferential ``[-τ, 1 - τ]``.

    Examples
    --------
    >>> grad_quantile([0.0, 0.0, 0.0], [-1.0, 0.0, 1.0], tau=0.9, reduction="none")
    array([-0.9,  0. ,  0.1])
    """
    _check_reduction(reduction)
    tau = _fraction(tau, "tau")
    y, y_hat = _pair(y, y_hat, "y_hat")
    e = y_hat - y
    g = np.where(e > 0, 1 - tau, np.where(e < 0, -tau, 0.0))
    return _reduce_grad(g, reduction)


# --------------------------------------------------------------------------- binary, probabilities


def _binary_targets(y: Array) -> None:
    _check_unit_interval(y, "y", "binary targets are 0 or 1 (or a soft label in between)")


def _pos_weight(pos_weight: ArrayLike | None) -> Any:
    if pos_weight is None:
        return 1.0
    w = _as_real(pos_weight, "pos_weight")
    if (w < 0).any():
        raise ValueError(f"`pos_weight` must be >= 0 (got {w[w < 0].flat[0]:g}); weights scale")
    return w


def binary_cross_entropy(
    y: ArrayLike, p: ArrayLike, *, pos_weight: ArrayLike | None = None, reduction: str = "mean"
) -> Any:
    """Binary cross-entropy from a probability: ``-(w·y log p + (1 - y) log(1 - p))``.

    Parameters
    ----------
    y : array_like
        Targets in [0, 1]: 0 or 1, or a soft label (label smoothing).
    p : array_like
        Predicted probabilities of class 1, in [0, 1].
    pos_weight : float or array_like, optional
        Weight ``w`` of the positive term (PyTorch's ``pos_weight``); 1 by default.
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The loss in nats, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `y` or `p` leaves [0, 1], an input is not finite, the shapes differ,
        ``pos_weight < 0`` or `reduction` is unknown.

    Notes
    -----
    Conventions: ``0 log 0 = 0`` (a term with zero weight contributes nothing), and a
    label that gets probability 0 costs ``inf``. PyTorch's ``BCELoss`` clamps each
    log at -100 instead; scikit-learn's ``log_loss`` clips ``p``. We show the ∞.

    Examples
    --------
    >>> round(binary_cross_entropy(1, 0.5), 6)  # a coin toss: log 2 nats
    0.693147
    >>> binary_cross_entropy([1, 0], [1.0, 0.0], reduction="none")  # sure and right
    array([0., 0.])
    >>> binary_cross_entropy(1, 0.0)  # sure and wrong
    inf
    """
    _check_reduction(reduction)
    y, p = _pair(y, p, "p")
    _binary_targets(y)
    _check_unit_interval(p, "p", "pass probabilities, or use binary_cross_entropy_with_logits")
    w = _pos_weight(pos_weight)
    with np.errstate(divide="ignore"):
        per = 0.0 - (w * xlogy(y, p) + xlog1py(1 - y, -p))  # 0 − x: no "-0." for a sure hit
    return _reduce(per, reduction)


def grad_binary_cross_entropy(
    y: ArrayLike, p: ArrayLike, *, pos_weight: ArrayLike | None = None, reduction: str = "mean"
) -> Array:
    """Gradient of :func:`binary_cross_entropy` with respect to `p`: ``-w·y/p + (1 - y)/(1 - p)``.

    A term with zero weight contributes 0 (also where its denominator is 0); a label
    given probability 0 gives an infinite gradient.

    Examples
    --------
    >>> grad_binary_cross_entropy([1, 1], [0.5, 0.25], reduction="none")
    array([-2., -4.])
    """
    _check_reduction(reduction)
    y, p = _pair(y, p, "p")
    _binary_targets(y)
    _check_unit_interval(p, "p", "pass probabilities, or use binary_cross_entropy_with_logits")
    w = np.broadcast_to(_pos_weight(pos_weight), y.shape)
    a, b = w * y, 1 - y
    with np.errstate(divide="ignore"):
        pos = np.divide(a, p, out=np.zeros_like(p), where=a != 0)
        neg = np.divide(b, 1 - p, out=np.zeros_like(p), where=b != 0)
    return _reduce_grad(neg - pos, reduction)


# --------------------------------------------------------------------------- binary, logits


def binary_cross_entropy_with_logits(
    y: ArrayLike, z: ArrayLike, *, pos_weight: ArrayLike | None = None, reduction: str = "mean"
) -> Any:
    """Binary cross-entropy from a logit ``z``, with ``p = σ(z)``.

    ``-(w·y log σ(z) + (1 - y) log σ(-z))``, computed with ``log σ`` directly.

    Parameters
    ----------
    y : array_like
        Targets in [0, 1]: 0 or 1, or a soft label.
    z : array_like
        Logits (real numbers, any finite size).
    pos_weight : float or array_like, optional
        Weight ``w`` of the positive term (PyTorch's ``pos_weight``); 1 by default.
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The loss in nats, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `y` leaves [0, 1], an input is not finite, the shapes differ,
        ``pos_weight < 0`` or `reduction` is unknown.

    Notes
    -----
    Why logits: ``σ(40)`` rounds to 1 in float64, after which ``log(1 - p)`` is
    ``-inf``; :func:`scipy.special.log_expit` keeps ``log σ(-40) = -40``. This is why
    PyTorch recommends ``BCEWithLogitsLoss`` over ``Sigmoid`` + ``BCELoss``.

    Examples
    --------
    >>> round(binary_cross_entropy_with_logits(1, 0.0), 6)  # z = 0 is p = ½
    0.693147
    >>> binary_cross_entropy_with_logits(0, 1000.0)  # confidently wrong: 1000 nats, exactly
    1000.0
    """
    _check_reduction(reduction)
    y, z = _pair(y, z, "z")
    _binary_targets(y)
    w = _pos_weight(pos_weight)
    per = 0.0 - (w * y * log_expit(z) + (1 - y) * log_expit(-z))
    return _reduce(per, reduction)


def grad_binary_cross_entropy_with_logits(
    y: ArrayLike, z: ArrayLike, *, pos_weight: ArrayLike | None = None, reduction: str = "mean"
) -> Array:
    """Gradient with respect to `z`: ``(1 - y)σ(z) - w·y·σ(-z)``, which is ``σ(z) - y`` for w = 1.

    Examples
    --------
    >>> grad_binary_cross_entropy_with_logits([1, 0], [0.0, 1000.0], reduction="none")
    array([-0.5,  1. ])
    """
    _check_reduction(reduction)
    y, z = _pair(y, z, "z")
    _binary_targets(y)
    w = _pos_weight(pos_weight)
    return _reduce_grad((1 - y) * expit(z) - w * y * expit(-z), reduction)


def _hard01(y: Array) -> None:
    _check_labels(y, (0.0, 1.0), "use 0 for the negative and 1 for the positive class")


def focal_with_logits(
    y: ArrayLike,
    z: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = None,
    reduction: str = "mean",
) -> Any:
    """Focal loss from logits: ``α_t (1 - p_t)^γ · BCE``, ``p_t`` the probability of the label.

    The factor ``(1 - p_t)^γ`` turns down the loss of examples already classified
    with confidence, so training focuses on the hard ones (Lin et al., 2017).

    Parameters
    ----------
    y : array_like
        Labels, 0 or 1.
    z : array_like
        Logits.
    gamma : float, >= 0
        Focusing strength; ``gamma = 0`` gives binary cross-entropy.
    alpha : float in [0, 1], optional
        Weight of the positive class (``1 - alpha`` for the negative); none by default.
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The loss in nats, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `y` is not 0/1, ``gamma < 0``, `alpha` is outside [0, 1], an input is not
        finite, the shapes differ, or `reduction` is unknown.

    Notes
    -----
    The same as ``torchvision.ops.sigmoid_focal_loss``. With the signed margin
    ``m = ±z`` (+ for label 1), ``1 - p_t = σ(-m)`` and ``BCE = -log σ(m)``, both
    computed in log space.

    Examples
    --------
    >>> round(focal_with_logits(1, 0.0, gamma=2.0), 6)  # p_t = ½: ¼ of log 2
    0.173287
    >>> round(focal_with_logits(1, 3.0, gamma=0.0), 6) == round(
    ...     binary_cross_entropy_with_logits(1, 3.0), 6)
    True
    """
    _check_reduction(reduction)
    gamma = _positive(gamma, "gamma", allow_zero=True)
    y, z = _pair(y, z, "z")
    _hard01(y)
    m = np.where(y == 1, z, -z)
    per = np.exp(gamma * log_expit(-m)) * -log_expit(m)
    if alpha is not None:
        a = _fraction(alpha, "alpha")
        per = per * np.where(y == 1, a, 1 - a)
    return _reduce(per, reduction)


def grad_focal_with_logits(
    y: ArrayLike,
    z: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | None = None,
    reduction: str = "mean",
) -> Array:
    """Gradient of :func:`focal_with_logits` with respect to `z`.

    With ``m = ±z``: ``d/dm = -σ(-m)^γ (γ σ(m) (-log σ(m)) + σ(-m))``.

    Examples
    --------
    >>> grad_focal_with_logits([1], [0.0], gamma=0.0)  # γ = 0: σ(z) − y
    array([-0.5])
    """
    _check_reduction(reduction)
    gamma = _positive(gamma, "gamma", allow_zero=True)
    y, z = _pair(y, z, "z")
    _hard01(y)
    sign = np.where(y == 1, 1.0, -1.0)
    m = sign * z
    d_dm = -np.exp(gamma * log_expit(-m)) * (gamma * expit(m) * -log_expit(m) + expit(-m))
    g = sign * d_dm
    if alpha is not None:
        a = _fraction(alpha, "alpha")
        g = g * np.where(y == 1, a, 1 - a)
    return _reduce_grad(g, reduction)


# --------------------------------------------------------------------------- multiclass


def _classes(y: ArrayLike, z: ArrayLike) -> tuple[NDArray[np.intp], Array]:
    z_arr = _as_real(z, "z")
    if z_arr.ndim != 2 or z_arr.shape[0] == 0 or z_arr.shape[1] < 2:
        raise ValueError(
            f"`z` must have shape (n, k) with n >= 1 and k >= 2 (got {z_arr.shape}); "
            "pass one row of k logits per example"
        )
    y_arr = _as_real(y, "y")
    if y_arr.shape != (z_arr.shape[0],):
        raise ValueError(
            f"`y` must have shape ({z_arr.shape[0]},), one class index per row of `z` "
            f"(got {y_arr.shape})"
        )
    k = z_arr.shape[1]
    bad = (y_arr != np.round(y_arr)) | (y_arr < 0) | (y_arr >= k)
    if bad.any():
        raise ValueError(
            f"`y` must contain class indices 0 … {k - 1} (got {y_arr[bad][0]:g}); "
            "pass integer labels, not one-hot rows"
        )
    return y_arr.astype(np.intp), z_arr


def _class_weights(weight: ArrayLike | None, k: int) -> Array:
    if weight is None:
        return np.ones(k)
    w = _as_real(weight, "weight")
    if w.shape != (k,):
        raise ValueError(f"`weight` must have one entry per class, shape ({k},) (got {w.shape})")
    if (w < 0).any():
        raise ValueError(f"`weight` must be >= 0 (got {w[w < 0][0]:g}); class weights scale")
    return w


def _smoothed_weights(y: NDArray[np.intp], k: int, eps: float, w: Array) -> Array:
    """Per-example coefficient ``a_c`` of ``-log p_c``: ``(1-ε) w_y [c = y] + ε w_c / k``."""
    a = np.tile(eps * w / k, (y.size, 1))
    a[np.arange(y.size), y] += (1 - eps) * w[y]
    return a


def softmax_cross_entropy(
    y: ArrayLike,
    z: ArrayLike,
    *,
    label_smoothing: float = 0.0,
    weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> Any:
    """Softmax cross-entropy: log-softmax of the logits, then the negative log-likelihood.

    ``-Σ_c a_c log softmax(z)_c`` per row, where the target is the one-hot vector of
    `y` mixed with the uniform distribution: ``a = (1 - ε) onehot(y) + ε/k``.

    Parameters
    ----------
    y : array_like of int, shape (n,)
        Class indices in ``0 … k-1``.
    z : array_like, shape (n, k)
        Logits, one row per example.
    label_smoothing : float in [0, 1]
        The ε above.
    weight : array_like, shape (k,), optional
        Class weights ``w``: the target's term is scaled by ``w_y``, each smoothing
        term ``ε/k`` by ``w_c``; the mean divides by ``Σ w_{y_i}`` (PyTorch's rule).
    reduction : {"mean", "sum", "none"}
        How to combine the per-row losses.

    Returns
    -------
    float or numpy.ndarray
        The loss in nats, or the per-row losses (shape (n,)) for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `z` is not (n, k), `y` is not n class indices, ε is outside [0, 1],
        `weight` is not k non-negative numbers, the mean has zero total weight, or
        `reduction` is unknown.

    Notes
    -----
    The same as ``torch.nn.CrossEntropyLoss(weight=w, label_smoothing=ε)``. The
    log-softmax ``z_c - logsumexp(z)`` never overflows, whereas ``softmax`` followed
    by ``log`` gives ``log 0 = -inf`` for logits a few hundred apart.

    Examples
    --------
    >>> round(softmax_cross_entropy([0], [[0.0, 0.0, 0.0, 0.0]]), 6)  # uniform over 4: log 4
    1.386294
    >>> softmax_cross_entropy([1], [[1000.0, -1000.0]])  # 2000 nats, no overflow
    2000.0
    """
    _check_reduction(reduction)
    eps = _fraction(label_smoothing, "label_smoothing")
    y_idx, z_arr = _classes(y, z)
    w = _class_weights(weight, z_arr.shape[1])
    a = _smoothed_weights(y_idx, z_arr.shape[1], eps, w)
    per = -(a * log_softmax(z_arr, axis=1)).sum(axis=1)
    if reduction == "mean" and weight is not None:
        total = w[y_idx].sum()
        if total == 0:
            raise ValueError("`weight` is 0 for every class in `y`; the mean is undefined")
        return float(per.sum() / total)
    return _reduce(per, reduction)


def grad_softmax_cross_entropy(
    y: ArrayLike,
    z: ArrayLike,
    *,
    label_smoothing: float = 0.0,
    weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> Array:
    """Gradient of :func:`softmax_cross_entropy` with respect to `z`, shape (n, k).

    Per row ``(Σ_c a_c) softmax(z) - a``: ``softmax(z) - target`` without weights.

    Examples
    --------
    >>> grad_softmax_cross_entropy([0], [[0.0, 0.0]])
    array([[-0.5,  0.5]])
    """
    _check_reduction(reduction)
    eps = _fraction(label_smoothing, "label_smoothing")
    y_idx, z_arr = _classes(y, z)
    w = _class_weights(weight, z_arr.shape[1])
    a = _smoothed_weights(y_idx, z_arr.shape[1], eps, w)
    g = a.sum(axis=1, keepdims=True) * np.exp(log_softmax(z_arr, axis=1)) - a
    if reduction == "mean":
        total = w[y_idx].sum() if weight is not None else y_idx.size
        if total == 0:
            raise ValueError("`weight` is 0 for every class in `y`; the mean is undefined")
        g = g / total
    return g


# --------------------------------------------------------------------------- margin losses


def _signed(y: ArrayLike, s: ArrayLike) -> tuple[Array, Array]:
    y, s = _pair(y, s, "s")
    _check_labels(y, (-1.0, 1.0), "use -1 and +1 (map 0/1 labels with 2y - 1)")
    return y, s


def zero_one(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Any:
    """0–1 loss on a score: 1 where the margin ``y·s ≤ 0`` (a mistake), else 0.

    Parameters
    ----------
    y : array_like
        Labels, -1 or +1.
    s : array_like
        Scores; the predicted class is the sign of `s`.
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses ("mean" is the error rate).

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `y` is not ±1, an input is not finite, the shapes differ, or `reduction`
        is unknown.

    Notes
    -----
    Conventions: a score of exactly 0 counts as a mistake (no class was chosen).

    Examples
    --------
    >>> zero_one([1, 1, -1], [2.0, -0.5, -3.0], reduction="none")
    array([0., 1., 0.])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    return _reduce((y * s <= 0).astype(float), reduction)


def grad_zero_one(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Array:
    """Gradient of :func:`zero_one`: 0 almost everywhere — why it cannot be trained directly.

    Examples
    --------
    >>> grad_zero_one([1, -1], [-2.0, 0.5], reduction="none")
    array([0., 0.])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    return _reduce_grad(np.zeros_like(s), reduction)


def hinge(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Any:
    """Hinge loss (linear SVM): ``max(0, 1 - y·s)``.

    Parameters
    ----------
    y : array_like
        Labels, -1 or +1.
    s : array_like
        Scores (decision function values).
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `y` is not ±1, an input is not finite, the shapes differ, or `reduction`
        is unknown.

    Notes
    -----
    The same as scikit-learn's ``hinge_loss(y, s)``. A point with margin ``y·s ≥ 1``
    costs nothing: only points on or inside the margin (support vectors) matter.

    Examples
    --------
    >>> hinge([1, 1, -1], [2.0, 0.5, 1.0], reduction="none")
    array([0. , 0.5, 2. ])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    return _reduce(np.maximum(0.0, 1 - y * s), reduction)


def grad_hinge(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Array:
    """Gradient of :func:`hinge` with respect to `s`: ``-y`` where ``y·s < 1``, else 0.

    Notes
    -----
    Conventions: at the kink ``y·s = 1`` we return 0, a valid subgradient.

    Examples
    --------
    >>> grad_hinge([1, 1, -1], [2.0, 0.5, 1.0], reduction="none")
    array([ 0., -1.,  1.])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    return _reduce_grad(np.where(y * s < 1, -y, 0.0), reduction)


def squared_hinge(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Any:
    """Squared hinge loss: ``max(0, 1 - y·s)²`` — smooth, but harsh on large mistakes.

    Parameters
    ----------
    y : array_like
        Labels, -1 or +1.
    s : array_like
        Scores.
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `y` is not ±1, an input is not finite, the shapes differ, or `reduction`
        is unknown.

    Examples
    --------
    >>> squared_hinge([1, 1, -1], [2.0, 0.5, 1.0], reduction="none")
    array([0.  , 0.25, 4.  ])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    return _reduce(np.maximum(0.0, 1 - y * s) ** 2, reduction)


def grad_squared_hinge(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Array:
    """Gradient of :func:`squared_hinge` with respect to `s`: ``-2y·max(0, 1 - y·s)``.

    Examples
    --------
    >>> grad_squared_hinge([1, -1], [0.5, 1.0], reduction="none")
    array([-1.,  4.])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    return _reduce_grad(-2 * y * np.maximum(0.0, 1 - y * s), reduction)


def logistic(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Any:
    """Logistic loss on the margin: ``log(1 + e^(-y·s))``, in nats.

    Binary cross-entropy with logits written for ±1 labels:
    ``logistic(y, s) = binary_cross_entropy_with_logits((y + 1)/2, s)``.

    Parameters
    ----------
    y : array_like
        Labels, -1 or +1.
    s : array_like
        Scores (logits).
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss, or the per-element losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `y` is not ±1, an input is not finite, the shapes differ, or `reduction`
        is unknown.

    Notes
    -----
    In nats it is ``log 2 ≈ 0.693`` at margin 0; divided by ``log 2`` (bits) it
    passes through 1 there and lies above the 0–1 loss everywhere.

    Examples
    --------
    >>> round(logistic(1, 0.0), 6)
    0.693147
    >>> logistic(-1, 1000.0)  # no overflow
    1000.0
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    return _reduce(0.0 - log_expit(y * s), reduction)


def grad_logistic(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Array:
    """Gradient of :func:`logistic` with respect to `s`: ``-y·σ(-y·s)``; never exactly 0.

    Examples
    --------
    >>> grad_logistic([1], [0.0])
    array([-0.5])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    return _reduce_grad(-y * expit(-y * s), reduction)


def exponential(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Any:
    """Exponential loss (AdaBoost): ``e^(-y·s)``.

    Parameters
    ----------
    y : array_like
        Labels, -1 or +1.
    s : array_like
        Scores.
    reduction : {"mean", "sum", "none"}
        How to combine the per-element losses.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss (``inf`` if a margin is below about -709), or the per-element
        losses for ``reduction="none"``.

    Raises
    ------
    ValueError
        If `y` is not ±1, an input is not finite, the shapes differ, or `reduction`
        is unknown.

    Examples
    --------
    >>> exponential([1, -1], [0.0, 0.0], reduction="none")
    array([1., 1.])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    with np.errstate(over="ignore"):
        return _reduce(np.exp(-y * s), reduction)


def grad_exponential(y: ArrayLike, s: ArrayLike, *, reduction: str = "mean") -> Array:
    """Gradient of :func:`exponential` with respect to `s`: ``-y·e^(-y·s)``.

    Examples
    --------
    >>> grad_exponential([1], [0.0])
    array([-1.])
    """
    _check_reduction(reduction)
    y, s = _signed(y, s)
    with np.errstate(over="ignore"):
        return _reduce_grad(-y * np.exp(-y * s), reduction)


# --------------------------------------------------------------------------- registry

NONNEGATIVE = "nonnegative"  #: the loss is never below 0
ZERO_AT_TARGET = "zero_at_target"  #: the loss is 0 when the prediction equals the target
SYMMETRIC = "symmetric"  #: over- and under-predicting by the same amount cost the same
CONVEX_IN_PREDICTION = "convex_in_prediction"  #: convex in y_hat / p / z / s
ROBUST_TO_OUTLIERS = "robust_to_outliers"  #: bounded gradient: one far point cannot dominate
DIFFERENTIABLE = "differentiable"  #: continuously differentiable in the prediction
ZERO_BEYOND_MARGIN = "zero_beyond_margin"  #: margin y·s ≥ 1 costs exactly nothing

#: What the prediction is, per kind of loss (and what the target looks like).
KINDS = {
    "regression": "real target y, real prediction y_hat",
    "probability": "label y in {0, 1}, predicted probability p",
    "logit": "label y in {0, 1}, logit z",
    "margin": "label y in {-1, +1}, score s",
    "multiclass": "class index y, logits z of shape (n, k)",
}


@dataclass(frozen=True)
class Loss:
    """One loss of the registry: its functions, kind, properties, options and formula.

    Attributes
    ----------
    name : str
        The function's name in this module.
    loss, grad : callable
        The loss and its gradient with respect to the prediction.
    kind : str
        A key of :data:`KINDS`.
    properties : frozenset of str
        Properties that hold for every value of the options.
    options : dict
        Keyword options and their defaults (ranges for the gallery pages).
    latex : str
        The per-element loss, in LaTeX.
    """

    name: str
    loss: Callable[..., Any]
    grad: Callable[..., Any]
    kind: str
    properties: frozenset[str]
    options: dict[str, float] = field(default_factory=dict)
    latex: str = ""


_REGRESSION = {NONNEGATIVE, ZERO_AT_TARGET, CONVEX_IN_PREDICTION}


def _entry(name, kind, properties, options=None, latex=""):
    module = globals()
    return Loss(
        name,
        module[name],
        module[f"grad_{name}"],
        kind,
        frozenset(properties),
        dict(options or {}),
        latex,
    )


#: Every loss of the module, by name.
REGISTRY: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        _entry("mse", "regression", _REGRESSION | {SYMMETRIC, DIFFERENTIABLE}, latex=r"r^2"),
        _entry(
            "mae",
            "regression",
            _REGRESSION | {SYMMETRIC, ROBUST_TO_OUTLIERS},
            latex=r"\lvert r\rvert",
        ),
        _entry(
            "huber",
            "regression",
            _REGRESSION | {SYMMETRIC, ROBUST_TO_OUTLIERS, DIFFERENTIABLE},
            {"delta": 1.0},
            r"\begin{cases}\tfrac12 r^2 & \lvert r\rvert\le\delta\\"
            r"\delta(\lvert r\rvert-\tfrac12\delta) & \text{else}\end{cases}",
        ),
        _entry(
            "smooth_l1",
            "regression",
            _REGRESSION | {SYMMETRIC, ROBUST_TO_OUTLIERS},  # β = 0 is MAE: not smooth then
            {"beta": 1.0},
            r"\begin{cases}\tfrac12 r^2/\beta & \lvert r\rvert<\beta\\"
            r"\lvert r\rvert-\tfrac12\beta & \text{else}\end{cases}",
        ),
        _entry(
            "log_cosh",
            "regression",
            _REGRESSION | {SYMMETRIC, ROBUST_TO_OUTLIERS, DIFFERENTIABLE},
            latex=r"\log\cosh r",
        ),
        _entry(
            "quantile",
            "regression",
            _REGRESSION | {ROBUST_TO_OUTLIERS},
            {"tau": 0.5},
            r"\max(\tau r,\ (\tau-1)r)",
        ),
        _entry(
            "binary_cross_entropy",
            "probability",
            {NONNEGATIVE, CONVEX_IN_PREDICTION, DIFFERENTIABLE},
            latex=r"-\bigl(y\log p+(1-y)\log(1-p)\bigr)",
        ),
        _entry(
            "binary_cross_entropy_with_logits",
            "logit",
            {NONNEGATIVE, CONVEX_IN_PREDICTION, ROBUST_TO_OUTLIERS, DIFFERENTIABLE},
            latex=r"-\bigl(y\log\sigma(z)+(1-y)\log\sigma(-z)\bigr)",
        ),
        _entry(
            "focal_with_logits",
            "logit",
            {NONNEGATIVE, ROBUST_TO_OUTLIERS, DIFFERENTIABLE},
            {"gamma": 2.0},
            r"-(1-p_t)^\gamma\log p_t",
        ),
        _entry(
            "softmax_cross_entropy",
            "multiclass",
            {NONNEGATIVE, CONVEX_IN_PREDICTION, ROBUST_TO_OUTLIERS, DIFFERENTIABLE},
            {"label_smoothing": 0.0},
            r"-\sum_c a_c\log\operatorname{softmax}(z)_c",
        ),
        _entry(
            "zero_one",
            "margin",
            {NONNEGATIVE, ROBUST_TO_OUTLIERS, ZERO_BEYOND_MARGIN},
            latex=r"[\,ys\le 0\,]",
        ),
        _entry(
            "hinge",
            "margin",
            {NONNEGATIVE, CONVEX_IN_PREDICTION, ROBUST_TO_OUTLIERS, ZERO_BEYOND_MARGIN},
            latex=r"\max(0,\ 1-ys)",
        ),
        _entry(
            "squared_hinge",
            "margin",
            {NONNEGATIVE, CONVEX_IN_PREDICTION, DIFFERENTIABLE, ZERO_BEYOND_MARGIN},
            latex=r"\max(0,\ 1-ys)^2",
        ),
        _entry(
            "logistic",
            "margin",
            {NONNEGATIVE, CONVEX_IN_PREDICTION, ROBUST_TO_OUTLIERS, DIFFERENTIABLE},
            latex=r"\log(1+e^{-ys})",
        ),
        _entry(
            "exponential",
            "margin",
            {NONNEGATIVE, CONVEX_IN_PREDICTION, DIFFERENTIABLE},
            latex=r"e^{-ys}",
        ),
    )
}
