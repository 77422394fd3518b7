"""Numerics of softmax and log-losses, and what PyTorch's loss classes compute.

Two kinds of functions live here.

*The naive forms*, written exactly as a textbook formula reads (``exp(z) / Σ exp(z)``,
``log(sigmoid(z))``), so that the lesson can show where they break: ``exp`` overflows
to ``inf`` above ``log(max float)`` (88.7 in float32, 709.8 in float64) and
underflows to 0 below about −104 / −745, and ``inf / inf`` or ``0 / 0`` is NaN. They
are deliberately *not* stabilised; never train with them.

*PyTorch's conventions* that differ from the maths or from :mod:`lossviz.losses`:
``NLLLoss`` with class weights (a weighted mean divides by the sum of the weights of
the targets), ``BCELoss`` on probabilities (PyTorch clamps each log at −100, so a
saturated sigmoid gives a loss of exactly 100 and no gradient), and ``KLDivLoss``
(log-probabilities of the model first, the target second, and the reductions
``"mean"`` versus ``"batchmean"``). The tests check each of them against PyTorch.

The losses themselves (cross-entropy, binary cross-entropy, ...) are in
:mod:`lossviz.losses`; the stable primitives are SciPy's
(:func:`scipy.special.logsumexp`, :func:`scipy.special.log_softmax`,
:func:`scipy.special.expit`). Everything is in nats.

Each ``*_snippet`` function returns a short PyTorch program, with the current
numbers, that computes the same quantities as this module: the page shows it for the
reader to copy, and the tests run it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit, log_softmax, logsumexp, softmax, xlogy

__all__ = [
    "BATCH_LOGITS",
    "BATCH_TARGETS",
    "DTYPES",
    "KL_TARGETS",
    "REDUCTIONS",
    "SoftmaxSteps",
    "bce_after_sigmoid",
    "bce_snippet",
    "cross_entropy_snippet",
    "exp_limits",
    "kl_div_loss",
    "kl_snippet",
    "label_smoothing_snippet",
    "naive_log_softmax",
    "naive_softmax",
    "nll_loss",
    "smoothed_targets",
    "softmax_snippet",
    "softmax_steps",
    "top_class_probability",
    "weights_snippet",
]

#: Floating-point types offered by the lesson; PyTorch's default is float32.
DTYPES: dict[str, type[np.floating]] = {"float32": np.float32, "float64": np.float64}

#: PyTorch's reductions of an elementwise loss.
REDUCTIONS = ("mean", "sum", "none")

#: The lesson's batch: logits of three samples over three classes, and their targets.
#: Sample 2 is a confident mistake (its target, class 2, has the lowest logit).
BATCH_LOGITS = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [1.0, -1.0, 3.0]])
BATCH_TARGETS = np.array([0, 2, 2])

#: Target distributions of the KLDivLoss example (one row per sample).
KL_TARGETS = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])


# --------------------------------------------------------------------------- validation


def _dtype(dtype: str | type) -> type[np.floating]:
    if isinstance(dtype, str):
        if dtype not in DTYPES:
            raise ValueError(f"`dtype` must be one of {sorted(DTYPES)} (got {dtype!r})")
        return DTYPES[dtype]
    if dtype not in DTYPES.values():
        raise ValueError(f"`dtype` must be np.float32 or np.float64 (got {dtype!r})")
    return dtype


def _as_logits(z: ArrayLike, name: str = "z", ndim: tuple[int, ...] = (1, 2)) -> NDArray:
    arr = np.asarray(z, dtype=np.float64)
    if arr.ndim not in ndim:
        raise ValueError(
            f"`{name}` must have {' or '.join(map(str, ndim))} dimensions (got shape {arr.shape}); "
            "pass one row of logits per sample"
        )
    if arr.size == 0:
        raise ValueError(f"`{name}` must not be empty; pass at least one logit")
    if not np.isfinite(arr).all():
        raise ValueError(f"`{name}` must be finite; logits are real numbers, not NaN or inf")
    return arr


def _as_targets(y: ArrayLike, n: int, k: int) -> NDArray[np.intp]:
    arr = np.asarray(y)
    if arr.shape != (n,):
        raise ValueError(
            f"`y` must have shape ({n},), one class index per sample (got {arr.shape})"
        )
    if arr.dtype.kind not in "iu" and not (arr.dtype.kind == "f" and np.all(arr == np.round(arr))):
        raise ValueError("`y` must hold whole class indices, e.g. [0, 2, 1]")
    if (arr < 0).any() or (arr >= k).any():
        raise ValueError(f"`y` must hold class indices between 0 and {k - 1}")
    return arr.astype(np.intp)


def _reduce(values: NDArray, reduction: str, *, extra: tuple[str, ...] = ()) -> NDArray | float:
    if reduction == "none":
        return values
    if reduction == "sum":
        return float(values.sum())
    if reduction == "mean":
        return float(values.mean())
    allowed = ", ".join(repr(r) for r in (*REDUCTIONS, *extra))
    raise ValueError(f"`reduction` must be one of {allowed} (got {reduction!r})")


# --------------------------------------------------------------------------- softmax


def exp_limits(dtype: str | type = "float64") -> tuple[float, float]:
    """Where ``exp`` stops being representable: ``(underflow below, overflow above)``.

    ``exp(x)`` is ``inf`` for ``x > log(max float)`` and rounds to exactly 0 below
    the logarithm of half the smallest subnormal number.

    Parameters
    ----------
    dtype : {"float32", "float64"} or the numpy type
        Floating-point type.

    Returns
    -------
    (float, float)
        The underflow and overflow thresholds of ``exp``.

    Examples
    --------
    >>> [round(x, 1) for x in exp_limits("float32")]
    [-104.0, 88.7]
    >>> [round(x, 1) for x in exp_limits("float64")]
    [-745.1, 709.8]
    """
    info = np.finfo(_dtype(dtype))
    return math.log(float(info.smallest_subnormal)) - math.log(2), math.log(float(info.max))


def naive_softmax(z: ArrayLike, *, dtype: str | type = "float64") -> NDArray:
    """Softmax written as the formula reads, ``exp(z) / Σ exp(z)``, with no shift.

    Parameters
    ----------
    z : array_like, shape (k,) or (n, k)
        Logits; rows are samples.
    dtype : {"float32", "float64"}
        Arithmetic precision (PyTorch's default is float32).

    Returns
    -------
    numpy.ndarray, same shape as `z`
        The probabilities, or NaN where the arithmetic broke.

    Notes
    -----
    Conventions, as IEEE arithmetic gives them (no warning is raised): a logit above
    the overflow limit of :func:`exp_limits` makes ``exp`` infinite and ``inf / inf``
    is NaN; when every logit of a row is below the underflow limit, the row is
    ``0 / 0 = NaN``. The stable form is :func:`scipy.special.softmax`, which subtracts
    the largest logit first.

    Examples
    --------
    >>> naive_softmax([0.0, 0.0])
    array([0.5, 0.5])
    >>> naive_softmax([1000.0, 0.0])
    array([nan,  0.])
    """
    dt = _dtype(dtype)
    arr = _as_logits(z).astype(dt)
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        e = np.exp(arr)
        return e / e.sum(axis=-1, keepdims=True)


def naive_log_softmax(z: ArrayLike, *, dtype: str | type = "float64") -> NDArray:
    """``log(softmax(z))`` in two steps, as in ``torch.log(torch.softmax(z, dim=1))``.

    Even with a stable softmax, a probability that underflows to 0 gives
    ``log 0 = -inf``, so the loss of a confident mistake becomes ``inf``;
    :func:`scipy.special.log_softmax` (``z - logsumexp(z)``) never forms the
    probability and stays finite.

    Parameters
    ----------
    z : array_like, shape (k,) or (n, k)
        Logits; rows are samples.
    dtype : {"float32", "float64"}
        Arithmetic precision.

    Returns
    -------
    numpy.ndarray, same shape as `z`

    Examples
    --------
    >>> naive_log_softmax([0.0, -800.0])
    array([  0., -inf])
    >>> from scipy.special import log_softmax
    >>> log_softmax([0.0, -800.0])
    array([   0., -800.])
    """
    arr = _as_logits(z).astype(_dtype(dtype))
    with np.errstate(divide="ignore", under="ignore"):
        return np.log(softmax(arr, axis=-1))


@dataclass(frozen=True)
class SoftmaxSteps:
    """Every intermediate of softmax computed naively and by log-sum-exp (one sample).

    Attributes
    ----------
    z : numpy.ndarray
        The logits, in the chosen precision.
    exp_z, sum_exp, naive : numpy.ndarray, float, numpy.ndarray
        ``exp(z)``, its sum and ``exp(z) / Σ exp(z)`` (the naive route).
    naive_lse : float
        ``log Σ exp(z)`` computed naively (``inf`` on overflow, ``-inf`` on underflow).
    m : float
        The largest logit, subtracted first by the stable route.
    exp_shifted, sum_shifted : numpy.ndarray, float
        ``exp(z - m)`` (each at most 1, one of them exactly 1) and its sum (≥ 1).
    lse : float
        ``log Σ exp(z) = m + log Σ exp(z - m)``.
    stable, log_stable : numpy.ndarray
        ``softmax(z)`` and ``log_softmax(z) = z - lse``.
    failure : {"overflow", "underflow", None}
        Why the naive route gives NaN, if it does.
    """

    z: NDArray
    exp_z: NDArray
    sum_exp: float
    naive: NDArray
    naive_lse: float
    m: float
    exp_shifted: NDArray
    sum_shifted: float
    lse: float
    stable: NDArray
    log_stable: NDArray
    failure: str | None


def softmax_steps(z: ArrayLike, *, dtype: str | type = "float64") -> SoftmaxSteps:
    r"""Softmax of one vector of logits, both naively and by the log-sum-exp trick.

    .. math:: \log \sum_i e^{z_i} = m + \log \sum_i e^{z_i - m},\quad m = \max_i z_i

    Parameters
    ----------
    z : array_like, shape (k,)
        Logits of one sample.
    dtype : {"float32", "float64"}
        Arithmetic precision.

    Returns
    -------
    SoftmaxSteps

    Raises
    ------
    ValueError
        If `z` is not a finite 1-D vector, or `dtype` is not offered.

    Examples
    --------
    >>> s = softmax_steps([1000.0, 999.0], dtype="float64")
    >>> s.failure, s.naive
    ('overflow', array([nan, nan]))
    >>> round(s.lse, 4), s.stable.round(4)
    (1000.3133, array([0.7311, 0.2689]))
    """
    dt = _dtype(dtype)
    zz = _as_logits(z, ndim=(1,)).astype(dt)
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        exp_z = np.exp(zz)
        sum_exp = exp_z.sum()
        naive_lse = float(np.log(sum_exp))
    m = zz.max()
    exp_shifted = np.exp(zz - m)
    lse = logsumexp(zz)
    failure = "overflow" if np.isinf(exp_z).any() else "underflow" if sum_exp == 0 else None
    return SoftmaxSteps(
        z=zz,
        exp_z=exp_z,
        sum_exp=float(sum_exp),
        naive=naive_softmax(zz, dtype=dt),
        naive_lse=naive_lse,
        m=float(m),
        exp_shifted=exp_shifted,
        sum_shifted=float(exp_shifted.sum()),
        lse=float(lse),
        stable=softmax(zz),
        log_stable=log_softmax(zz),
        failure=failure,
    )


def top_class_probability(
    z0: ArrayLike, scales: ArrayLike, *, shift: float = 0.0, dtype: str | type = "float64"
) -> tuple[NDArray, NDArray]:
    """Probability of the top class of ``scale · z0 + shift``, naive and stable, per scale.

    Parameters
    ----------
    z0 : array_like, shape (k,)
        Base logits.
    scales : array_like, shape (m,)
        Factors multiplying the logits.
    shift : float
        Constant added to every logit (softmax does not change; the naive form may).
    dtype : {"float32", "float64"}
        Arithmetic precision.

    Returns
    -------
    naive, stable : numpy.ndarray, shape (m,)
        The naive curve has NaN where the arithmetic broke.

    Examples
    --------
    >>> naive, stable = top_class_probability([1.0, 0.0], [0.0, 1000.0])
    >>> naive, stable
    (array([0.5, nan]), array([0.5, 1. ]))
    """
    base = _as_logits(z0, "z0", ndim=(1,))
    s = np.asarray(scales, dtype=np.float64).reshape(-1, 1)
    logits = s * base + float(shift)
    top = int(np.argmax(base))
    naive = naive_softmax(logits, dtype=dtype)[:, top].astype(np.float64)
    stable = softmax(logits.astype(_dtype(dtype)), axis=-1)[:, top].astype(np.float64)
    return naive, stable


# --------------------------------------------------------------------------- PyTorch conventions


def nll_loss(
    log_probs: ArrayLike,
    y: ArrayLike,
    *,
    weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> NDArray | float:
    r"""PyTorch's ``NLLLoss``: minus the log-probability of each target, optionally weighted.

    .. math:: \ell_i = -w_{y_i} \log q_{i, y_i},\qquad
              \text{mean} = \frac{\sum_i \ell_i}{\sum_i w_{y_i}}

    Parameters
    ----------
    log_probs : array_like, shape (n, k)
        Log-probabilities (e.g. :func:`scipy.special.log_softmax` of logits).
    y : array_like of int, shape (n,)
        Target class of each sample.
    weight : array_like, shape (k,), optional
        Weight of each class (all 1 by default).
    reduction : {"mean", "sum", "none"}
        How the per-sample losses are combined.

    Returns
    -------
    float or numpy.ndarray of shape (n,)

    Raises
    ------
    ValueError
        On a bad shape, a class index out of range, a negative weight, weights of the
        targets that sum to 0 with ``reduction="mean"``, or an unknown reduction.

    Notes
    -----
    With weights, the ``"mean"`` reduction is a weighted mean: it divides by the sum
    of the weights *of the targets in the batch*, not by the batch size, so that
    the loss stays on the scale of one sample whatever the weights. ``log_probs``
    may come from :func:`naive_log_softmax` and contain ``-inf`` (a probability
    that underflowed): the loss is then ``inf``, as in PyTorch, because the lesson
    shows what the naive route gives. NaN propagates likewise.

    Examples
    --------
    >>> import numpy as np
    >>> logq = np.log([[0.5, 0.5], [0.25, 0.75]])
    >>> round(nll_loss(logq, [0, 1]), 4)   # (log 2 + log 4/3) / 2
    0.4904
    >>> round(nll_loss(logq, [0, 1], weight=[1.0, 3.0]), 4)   # (log 2 + 3 log 4/3) / 4
    0.389
    """
    lp = np.asarray(log_probs, dtype=np.float64)
    if lp.ndim != 2 or lp.size == 0:
        raise ValueError(f"`log_probs` must have shape (n, k), one row per sample (got {lp.shape})")
    if (lp > 0).any():
        raise ValueError("`log_probs` must hold log-probabilities (≤ 0); use log_softmax")
    n, k = lp.shape
    yy = _as_targets(y, n, k)
    w = np.ones(k) if weight is None else np.asarray(weight, dtype=np.float64)
    if w.shape != (k,):
        raise ValueError(f"`weight` must have one entry per class, shape ({k},) (got {w.shape})")
    if not np.isfinite(w).all() or (w < 0).any():
        raise ValueError("`weight` must hold finite, non-negative class weights")
    w_y = w[yy]
    picked = lp[np.arange(n), yy]
    with np.errstate(invalid="ignore"):
        losses = np.where(w_y == 0, 0.0, -w_y * picked)  # a weight of 0 ignores the sample
    if reduction == "mean":
        if w_y.sum() == 0:
            raise ValueError("`weight` of every target is 0, so the weighted mean is undefined")
        return float(losses.sum() / w_y.sum())
    return _reduce(losses, reduction)


def bce_after_sigmoid(
    y: ArrayLike,
    z: ArrayLike,
    *,
    dtype: str | type = "float32",
    log_floor: float = -100.0,
    reduction: str = "mean",
) -> NDArray | float:
    r"""What ``BCELoss()(sigmoid(z), y)`` gives in PyTorch: sigmoid first, logs clamped.

    .. math:: p = \sigma(z),\quad
              \ell = -\big(y \max(\log p, -100) + (1-y)\max(\log(1-p), -100)\big)

    Parameters
    ----------
    y : array_like
        Targets in [0, 1].
    z : array_like, same shape
        Logits.
    dtype : {"float32", "float64"}
        Precision of the sigmoid and the logs (PyTorch's default is float32).
    log_floor : float
        PyTorch's clamp of each logarithm (−100).
    reduction : {"mean", "sum", "none"}

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    ValueError
        If `y` is not in [0, 1], the shapes differ, or `z` is not finite.

    Notes
    -----
    In float32, ``σ(z)`` rounds to exactly 1 once ``z > 16.6`` (and in float64 once
    ``z > 36.7``): ``log(1 - p)`` is then ``log 0 = -inf``, which PyTorch clamps to
    −100. The loss of a confidently wrong prediction is stuck at 100, however wrong,
    and its gradient is 0. ``BCEWithLogitsLoss``
    (:func:`lossviz.losses.binary_cross_entropy_with_logits`) never forms ``p`` and
    stays exact.

    Examples
    --------
    The exact loss of ``z = 30`` for a target 0 is 30.000 (:math:`\log(1 + e^{30})`):

    >>> float(bce_after_sigmoid([0.0], [30.0]))   # float32: σ(30) rounds to 1, log 0 → −100
    100.0
    >>> round(float(bce_after_sigmoid([0.0], [30.0], dtype="float64")), 3)   # 1 − p has lost digits
    30.001
    """
    dt = _dtype(dtype)
    yy = np.asarray(y, dtype=np.float64)
    zz = np.asarray(z, dtype=np.float64)
    if yy.shape != zz.shape:
        raise ValueError(f"`y` and `z` must have the same shape (got {yy.shape} and {zz.shape})")
    if not np.isfinite(zz).all():
        raise ValueError("`z` must be finite; logits are real numbers")
    if not np.isfinite(yy).all() or (yy < 0).any() or (yy > 1).any():
        raise ValueError("`y` must hold targets between 0 and 1")
    p = expit(zz.astype(dt))
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), dt(log_floor))
        log_1mp = np.maximum(np.log1p(-p), dt(log_floor))
    losses = -(yy.astype(dt) * log_p + (1 - yy.astype(dt)) * log_1mp)
    return _reduce(losses.astype(np.float64), reduction)


def kl_div_loss(input: ArrayLike, target: ArrayLike, *, reduction: str = "mean") -> NDArray | float:
    r"""PyTorch's ``KLDivLoss``: `input` is the model's **log**-probabilities, `target` p.

    .. math:: \ell_{ij} = p_{ij} (\log p_{ij} - \text{input}_{ij}),
              \qquad \sum_j \ell_{ij} = D(p_i \,\|\, q_i)\ \text{when input} = \log q

    Parameters
    ----------
    input : array_like, shape (n, k)
        Log-probabilities of the model, ``log q`` (first, unlike the maths' D(p‖q)).
    target : array_like, shape (n, k)
        Target probabilities p.
    reduction : {"mean", "batchmean", "sum", "none"}
        ``"batchmean"`` divides the sum by n and is the mean KL divergence per sample;
        ``"mean"`` divides by n·k, which is *not* a KL divergence (PyTorch warns).

    Returns
    -------
    float or numpy.ndarray of shape (n, k)

    Raises
    ------
    ValueError
        On shapes that differ, a target outside [0, 1], NaN, or an unknown reduction.

    Notes
    -----
    Conventions: ``0 · log 0 = 0`` (via :func:`scipy.special.xlogy`), as in PyTorch.
    Nothing checks that `input` is a log-probability: passing probabilities instead
    is a silent bug that can even give a negative "divergence"; the lesson shows it.

    Examples
    --------
    >>> import numpy as np
    >>> p, q = np.array([[0.5, 0.5]]), np.array([[0.25, 0.75]])
    >>> round(kl_div_loss(np.log(q), p, reduction="batchmean"), 4)   # D(p‖q)
    0.1438
    >>> round(kl_div_loss(np.log(q), p, reduction="mean"), 4)        # D(p‖q) / 2
    0.0719
    """
    x = np.asarray(input, dtype=np.float64)
    p = np.asarray(target, dtype=np.float64)
    if x.shape != p.shape or x.ndim != 2:
        raise ValueError(
            f"`input` and `target` must both have shape (n, k) (got {x.shape} and {p.shape})"
        )
    if np.isnan(x).any() or np.isnan(p).any():
        raise ValueError("`input` and `target` must not contain NaN")
    if (p < 0).any() or (p > 1).any():
        raise ValueError("`target` must hold probabilities between 0 and 1")
    with np.errstate(invalid="ignore"):
        pointwise = np.where(p == 0, 0.0, xlogy(p, p) - p * x)
    if reduction == "batchmean":
        return float(pointwise.sum() / x.shape[0])
    return _reduce(pointwise, reduction, extra=("batchmean",))


def smoothed_targets(y: ArrayLike, k: int, eps: float) -> NDArray:
    """Label-smoothed targets: ``(1 - ε) · one_hot(y) + ε / k``, one row per sample.

    Parameters
    ----------
    y : array_like of int, shape (n,)
        Target classes.
    k : int
        Number of classes.
    eps : float
        Smoothing, in [0, 1].

    Returns
    -------
    numpy.ndarray, shape (n, k)
        Rows that sum to 1.

    Examples
    --------
    >>> smoothed_targets([1], 4, 0.2)
    array([[0.05, 0.85, 0.05, 0.05]])
    """
    if not isinstance(k, int | np.integer) or k < 2:
        raise ValueError(f"`k` must be a whole number of classes ≥ 2 (got {k!r})")
    if not 0 <= eps <= 1:
        raise ValueError(f"`eps` must lie between 0 and 1 (got {eps!r})")
    yy = _as_targets(y, np.asarray(y).size, k)
    return (1 - eps) * np.eye(k)[yy] + eps / k


# --------------------------------------------------------------------------- PyTorch snippets


def _tensor(values: ArrayLike, dtype: str = "float32") -> str:
    arr = np.asarray(values)
    body = repr(arr.tolist())
    if arr.ndim == 2:  # one row per line, so the snippet fits the page
        body = "[\n" + "".join(f"    {row!r},\n" for row in arr.tolist()) + "]"
    if arr.dtype.kind in "iu":
        return f"torch.tensor({body})"
    return f"torch.tensor({body}, dtype=torch.{dtype})"


def softmax_snippet(z: ArrayLike, *, dtype: str = "float32") -> str:
    """PyTorch code computing ``naive`` and ``stable`` softmax and ``lse`` of `z`.

    Examples
    --------
    >>> print(softmax_snippet([1.0, 2.0]).splitlines()[1])
    z = torch.tensor([1.0, 2.0], dtype=torch.float32)
    """
    _dtype(dtype)
    return (
        "import torch\n"
        f"z = {_tensor(z, dtype)}\n"
        "naive = torch.exp(z) / torch.exp(z).sum()    # NaN once exp overflows\n"
        "stable = torch.softmax(z, dim=0)              # subtracts max(z) first\n"
        "lse = torch.logsumexp(z, dim=0)\n"
        "print(naive, stable, lse)"
    )


def cross_entropy_snippet(z: ArrayLike, y: ArrayLike, *, dtype: str = "float32") -> str:
    """PyTorch code for ``CrossEntropyLoss`` and ``NLLLoss(LogSoftmax)`` (and the naive route)."""
    return (
        "import torch\n"
        "from torch import nn\n"
        f"z = {_tensor(z, dtype)}\n"
        f"y = {_tensor(np.asarray(y, dtype=np.int64))}\n"
        "ce = nn.CrossEntropyLoss()(z, y)\n"
        "two_steps = nn.NLLLoss()(nn.LogSoftmax(dim=1)(z), y)\n"
        "naive = nn.NLLLoss()(torch.log(torch.softmax(z, dim=1)), y)  # inf once p underflows\n"
        "print(ce, two_steps, naive)"
    )


def bce_snippet(y: float, z: float, *, dtype: str = "float32") -> str:
    """PyTorch code comparing ``BCEWithLogitsLoss`` and ``BCELoss`` after a sigmoid."""
    return (
        "import torch\n"
        "from torch import nn\n"
        f"z = {_tensor([float(z)], dtype)}\n"
        f"y = {_tensor([float(y)], dtype)}\n"
        "with_logits = nn.BCEWithLogitsLoss()(z, y)\n"
        "after_sigmoid = nn.BCELoss()(torch.sigmoid(z), y)  # log clamped at -100\n"
        "print(with_logits, after_sigmoid)"
    )


def kl_snippet(z: ArrayLike, p: ArrayLike) -> str:
    """PyTorch code for ``KLDivLoss`` with the model's log-probabilities (of logits `z`) first."""
    return (
        "import torch\n"
        "from torch import nn\n"
        f"z = {_tensor(z, 'float64')}  # the model's logits\n"
        "q = torch.softmax(z, dim=1)  # the model\n"
        f"p = {_tensor(p, 'float64')}  # the target\n"
        "batchmean = nn.KLDivLoss(reduction='batchmean')(q.log(), p)  # D(p||q) per sample\n"
        "mean = nn.KLDivLoss(reduction='mean')(q.log(), p)  # divides by n*k as well\n"
        "swapped = nn.KLDivLoss(reduction='batchmean')(p.log(), q)  # D(q||p)\n"
        "print(batchmean, mean, swapped)"
    )


def weights_snippet(z: ArrayLike, y: ArrayLike, weight: ArrayLike) -> str:
    """PyTorch code for the reductions and a class-weighted ``CrossEntropyLoss``."""
    return (
        "import torch\n"
        "from torch import nn\n"
        f"z = {_tensor(z, 'float64')}\n"
        f"y = {_tensor(np.asarray(y, dtype=np.int64))}\n"
        f"w = {_tensor(weight, 'float64')}\n"
        "none = nn.CrossEntropyLoss(reduction='none')(z, y)\n"
        "mean = nn.CrossEntropyLoss(reduction='mean')(z, y)\n"
        "total = nn.CrossEntropyLoss(reduction='sum')(z, y)\n"
        "weighted = nn.CrossEntropyLoss(weight=w)(z, y)  # divides by w[y].sum()\n"
        "print(none, mean, total, weighted)"
    )


def label_smoothing_snippet(z: ArrayLike, y: ArrayLike, eps: float) -> str:
    """PyTorch code for ``CrossEntropyLoss(label_smoothing=eps)``."""
    return (
        "import torch\n"
        "from torch import nn\n"
        f"z = {_tensor(z, 'float64')}\n"
        f"y = {_tensor(np.asarray(y, dtype=np.int64))}\n"
        f"smoothed = nn.CrossEntropyLoss(label_smoothing={float(eps)!r})(z, y)\n"
        "print(smoothed)"
    )
