"""One sigmoid neuron trained with MSE or with cross-entropy: losses, gradients, races.

The output is ``a = σ(z)`` for a logit ``z`` and a label ``y`` in {0, 1}. The two
losses are

- the squared error ``MSE = (a - y)²`` (a squared difference of probabilities, so it
  has no information unit), and
- the cross-entropy ``CE = -[y log a + (1 - y) log(1 - a)]`` in nats (natural log).

Their gradients with respect to the logit are products of two factors,
``∂L/∂z = ∂L/∂a · σ'(z)`` with ``σ'(z) = a(1 - a)``:

- MSE: ``2(a - y) · a(1 - a)``: the factor ``σ'(z)`` vanishes when the neuron is
  confidently wrong, so the gradient does too (gradient saturation);
- CE: ``[(a - y) / (a(1 - a))] · a(1 - a) = a - y``: the two factors cancel.

Everything is computed from the logit with :func:`scipy.special.expit` and
:func:`scipy.special.log_expit`, which are exact for any finite ``z`` (no clipping,
no epsilon). Only the loss against the probability ``a`` itself can be infinite
(``CE = ∞`` where the label gets probability 0), and it is returned as ``inf``.

Invalid input raises :class:`ValueError` naming the argument and the fix. Nothing
is cached here; the page caches if it needs to.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize
from scipy.special import expit, log_expit, log_softmax, softmax, xlogy

__all__ = [
    "LOSSES",
    "SURFACES",
    "TOY_X",
    "TOY_Y",
    "Factors",
    "LossView",
    "Race",
    "Run",
    "SoftmaxView",
    "Surface",
    "convexity",
    "cross_entropy_of_a",
    "cross_entropy_of_z",
    "epochs_to_reach",
    "frame_epochs",
    "gradient_factors",
    "loss_view",
    "mse_of_a",
    "mse_of_z",
    "race",
    "softmax_view",
    "surface_curvature",
    "surface_loss",
    "surface_minimum",
    "train_neuron",
]

#: Losses a neuron can be trained with: squared error or cross-entropy.
LOSSES = ("mse", "ce")
#: Loss surfaces of logistic regression: CE and MSE on σ(wx + b), MSE on wx + b.
SURFACES = ("ce", "mse_sigmoid", "mse_linear")

#: A small one-dimensional data set that no line separates (so CE has a finite minimum).
TOY_X = np.array([-3.0, -2.0, -1.2, -0.5, 0.3, 1.0, 2.0, 2.8])
TOY_Y = np.array([0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0])


# --------------------------------------------------------------------------- validation


def _real(x: ArrayLike, name: str) -> NDArray[np.float64]:
    arr = np.asarray(x)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"`{name}` must contain real numbers (got {arr.dtype}); convert it first")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"`{name}` must be finite (got NaN or ±inf); pass finite numbers")
    return arr


def _labels(y: ArrayLike, name: str = "y") -> NDArray[np.float64]:
    arr = _real(y, name)
    bad = (arr != 0) & (arr != 1)
    if np.any(bad):
        raise ValueError(
            f"`{name}` must be a class label 0 or 1 (got {arr[bad].flat[0]:g}); "
            "pass the label, not a probability"
        )
    return arr


def _probabilities(a: ArrayLike) -> NDArray[np.float64]:
    arr = _real(a, "a")
    if np.any((arr < 0) | (arr > 1)):
        raise ValueError("`a` must lie in [0, 1] (it is a probability); pass σ(z), not z")
    return arr


def _positive(x: float, name: str) -> float:
    x = float(_real(x, name))
    if x <= 0:
        raise ValueError(f"`{name}` must be positive (got {x:g}); use e.g. 0.15")
    return x


# --------------------------------------------------------------------------- losses and gradients


def mse_of_a(y: ArrayLike, a: ArrayLike) -> NDArray[np.float64]:
    """Squared error ``(a - y)²`` of a predicted probability `a` for a label `y`.

    Parameters
    ----------
    y : array_like of {0, 1}
        Labels; broadcast against `a`.
    a : array_like
        Predicted probabilities of class 1, in [0, 1].

    Returns
    -------
    numpy.ndarray
        The squared error, between 0 and 1.

    Raises
    ------
    ValueError
        If `y` is not 0 or 1, or `a` is outside [0, 1] or not finite.

    Examples
    --------
    A confidently wrong prediction costs at most 1:

    >>> float(mse_of_a(1, 0.0))
    1.0
    """
    return (_probabilities(a) - _labels(y)) ** 2


def cross_entropy_of_a(y: ArrayLike, a: ArrayLike) -> NDArray[np.float64]:
    """Binary cross-entropy ``-[y log a + (1 - y) log(1 - a)]`` in nats.

    Parameters
    ----------
    y : array_like of {0, 1}
        Labels; broadcast against `a`.
    a : array_like
        Predicted probabilities of class 1, in [0, 1].

    Returns
    -------
    numpy.ndarray
        The cross-entropy in nats; ``inf`` where the label gets probability 0.

    Raises
    ------
    ValueError
        If `y` is not 0 or 1, or `a` is outside [0, 1] or not finite.

    Notes
    -----
    Conventions: ``0 log 0 = 0`` (the term of the other class is absent), computed
    by :func:`scipy.special.xlogy`; ``-log 0 = ∞`` (certainty of the wrong class has
    infinite surprise), returned as ``inf`` and never clipped.

    Examples
    --------
    A confidently wrong prediction costs infinitely much:

    >>> float(cross_entropy_of_a(1, 0.0))
    inf
    >>> round(float(cross_entropy_of_a(1, 0.5)), 4)  # log 2 nats
    0.6931
    """
    y, a = _labels(y), _probabilities(a)
    return -(xlogy(y, a) + xlogy(1 - y, 1 - a))


def mse_of_z(y: ArrayLike, z: ArrayLike) -> NDArray[np.float64]:
    """Squared error ``(σ(z) - y)²`` of a sigmoid neuron with logit `z`.

    Examples
    --------
    >>> round(float(mse_of_z(1, -4.0)), 4)
    0.9644
    """
    return (expit(_real(z, "z")) - _labels(y)) ** 2


def cross_entropy_of_z(y: ArrayLike, z: ArrayLike) -> NDArray[np.float64]:
    """Cross-entropy of a sigmoid neuron from its logit, ``-[y log σ(z) + (1-y) log σ(-z)]``.

    Computed with :func:`scipy.special.log_expit`, so it is finite and accurate for
    every finite `z` (about ``|z|`` nats when the neuron is confidently wrong).

    Examples
    --------
    >>> round(float(cross_entropy_of_z(1, -4.0)), 3)  # log(1 + e⁴) nats
    4.018
    """
    y, z = _labels(y), _real(z, "z")
    return -(y * log_expit(z) + (1 - y) * log_expit(-z))


class Factors(NamedTuple):
    """The chain rule ``∂L/∂z = ∂L/∂a · σ'(z)`` for both losses, factor by factor."""

    sigmoid_slope: NDArray[np.float64]  # σ'(z) = a(1 - a)
    mse_da: NDArray[np.float64]  # ∂MSE/∂a = 2(a - y)
    ce_da: NDArray[np.float64]  # ∂CE/∂a = (a - y) / (a(1 - a))
    mse_dz: NDArray[np.float64]  # 2(a - y) a(1 - a)
    ce_dz: NDArray[np.float64]  # a - y


def gradient_factors(y: ArrayLike, z: ArrayLike) -> Factors:
    """The gradients of MSE and cross-entropy with respect to the logit, and their factors.

    Parameters
    ----------
    y : array_like of {0, 1}
        Labels; broadcast against `z`.
    z : array_like
        Finite logits.

    Returns
    -------
    Factors
        ``sigmoid_slope`` σ'(z) = a(1 − a); ``mse_da`` = 2(a − y) and ``ce_da`` =
        −y/a + (1 − y)/(1 − a), the derivatives with respect to a; ``mse_dz`` and
        ``ce_dz``, their products with σ'(z).

    Raises
    ------
    ValueError
        If `y` is not 0 or 1, or `z` is not finite.

    Notes
    -----
    ``1/a = 1 + e^{-z}`` and ``1/(1 - a) = 1 + e^{z}`` are used for ∂CE/∂a, so it is
    finite for every `z` that does not overflow ``exp`` (|z| < 709). ``ce_dz`` is
    ``a - y`` directly: the cancellation is exact, not a rounding accident.

    Examples
    --------
    The confidently wrong neuron (y = 1, z = −4): MSE's gradient has saturated,
    cross-entropy's has not.

    >>> f = gradient_factors(1, -4.0)
    >>> round(float(f.mse_dz), 4), round(float(f.ce_dz), 3)
    (-0.0347, -0.982)
    >>> round(float(f.ce_da * f.sigmoid_slope), 3)
    -0.982
    """
    y, z = _labels(y), _real(z, "z")
    a = expit(z)
    slope = a * expit(-z)
    mse_da = 2 * (a - y)
    with np.errstate(over="ignore"):
        ce_da = -y * (1 + np.exp(-z)) + (1 - y) * (1 + np.exp(z))
    return Factors(slope, mse_da, ce_da, mse_da * slope, a - y)


# --------------------------------------------------------------------------- the training race


class Run(NamedTuple):
    """One training run: parameters, output and loss after each epoch (index 0 = start)."""

    w: NDArray[np.float64]
    b: NDArray[np.float64]
    output: NDArray[np.float64]
    loss: NDArray[np.float64]


def train_neuron(
    w0: float,
    b0: float,
    *,
    loss: str,
    eta: float,
    epochs: int,
    x: float = 1.0,
    y: float = 0.0,
) -> Run:
    """Gradient descent on one sigmoid neuron ``a = σ(wx + b)`` learning one example.

    Each epoch is one step ``w ← w - η δ x``, ``b ← b - η δ`` with the output-layer
    error ``δ = ∂L/∂z``: ``2(a - y)a(1 - a)`` for MSE, ``a - y`` for cross-entropy.

    Parameters
    ----------
    w0, b0 : float
        Starting weight and bias.
    loss : {"mse", "ce"}
        The loss trained on.
    eta : float
        Learning rate η > 0.
    epochs : int
        Number of steps (≥ 1).
    x : float
        The input (default 1, the classic demonstration).
    y : {0, 1}
        The label (default 0).

    Returns
    -------
    Run
        Arrays of length ``epochs + 1``: ``w``, ``b``, the output ``a`` and the loss
        (MSE, or CE in nats) before the first step and after each step.

    Raises
    ------
    ValueError
        On an unknown `loss`, a non-positive `eta`, `epochs` < 1, a label not in
        {0, 1} or non-finite numbers.

    Examples
    --------
    From the saturated start w = b = 2 the same η = 0.15 barely moves MSE's output
    in 20 epochs, while cross-entropy's falls fast:

    >>> mse = train_neuron(2, 2, loss="mse", eta=0.15, epochs=20)
    >>> ce = train_neuron(2, 2, loss="ce", eta=0.15, epochs=20)
    >>> round(float(mse.output[-1]), 2), round(float(ce.output[-1]), 2)
    (0.98, 0.38)
    """
    if loss not in LOSSES:
        raise ValueError(f"`loss` must be one of {LOSSES} (got {loss!r})")
    eta = _positive(eta, "eta")
    if int(epochs) != epochs or epochs < 1:
        raise ValueError(f"`epochs` must be a whole number ≥ 1 (got {epochs!r})")
    w0, b0, x = float(_real(w0, "w0")), float(_real(b0, "b0")), float(_real(x, "x"))
    y_label = float(_labels(y))
    w = np.empty(int(epochs) + 1)
    b = np.empty(int(epochs) + 1)
    w[0], b[0] = w0, b0
    for t in range(int(epochs)):
        f = gradient_factors(y_label, w[t] * x + b[t])
        delta = f.mse_dz if loss == "mse" else f.ce_dz
        w[t + 1] = w[t] - eta * delta * x
        b[t + 1] = b[t] - eta * delta
    z = w * x + b
    values = mse_of_z(y_label, z) if loss == "mse" else cross_entropy_of_z(y_label, z)
    return Run(w, b, expit(z), values)


def epochs_to_reach(output: ArrayLike, y: float, *, tol: float = 0.1) -> int | None:
    """The first epoch at which the output is within `tol` of the label, or None.

    A criterion that compares two losses fairly: it looks at the prediction, which
    both runs share, not at loss values on different scales.

    Examples
    --------
    >>> epochs_to_reach([0.9, 0.5, 0.05], 0)
    2
    >>> epochs_to_reach([0.9, 0.8], 0) is None
    True
    """
    tol = _positive(tol, "tol")
    close = np.abs(_probabilities(output) - _labels(y)) < tol
    return int(np.argmax(close)) if np.any(close) else None


def frame_epochs(epochs: int, *, max_frames: int = 60) -> NDArray[np.int64]:
    """Evenly spaced epochs from 0 to `epochs` (both included), at most `max_frames`.

    Examples
    --------
    >>> frame_epochs(10).tolist()
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    >>> len(frame_epochs(300)), int(frame_epochs(300)[-1])
    (60, 300)
    """
    if int(epochs) != epochs or epochs < 1:
        raise ValueError(f"`epochs` must be a whole number ≥ 1 (got {epochs!r})")
    if max_frames < 2:
        raise ValueError(f"`max_frames` must be at least 2 (got {max_frames!r})")
    n = min(int(epochs) + 1, max_frames)
    return np.unique(np.round(np.linspace(0, int(epochs), n)).astype(np.int64))


# --------------------------------------------------------------------------- loss surfaces


def _logits(w: ArrayLike, b: ArrayLike, x: ArrayLike) -> NDArray[np.float64]:
    w, b = np.broadcast_arrays(_real(w, "w"), _real(b, "b"))
    return w[..., None] * _real(x, "x") + b[..., None]


def _check_data(x: ArrayLike, y: ArrayLike, kind: str) -> tuple[NDArray, NDArray]:
    if kind not in SURFACES:
        raise ValueError(f"`kind` must be one of {SURFACES} (got {kind!r})")
    x, y = _real(x, "x"), _labels(y)
    if x.ndim != 1 or x.shape != y.shape or x.size == 0:
        raise ValueError(
            f"`x` and `y` must be 1-D of the same non-zero length (got {x.shape} and {y.shape})"
        )
    return x, y


def surface_loss(
    w: ArrayLike, b: ArrayLike, x: ArrayLike, y: ArrayLike, *, kind: str
) -> NDArray[np.float64]:
    """Mean loss of the model ``wx + b`` on the data (`x`, `y`) at each (w, b).

    Parameters
    ----------
    w, b : array_like
        Weights and biases, broadcast together (e.g. a meshgrid).
    x, y : array_like of shape (n,)
        Inputs and labels in {0, 1}.
    kind : {"ce", "mse_sigmoid", "mse_linear"}
        Cross-entropy of σ(wx + b) (in nats), squared error of σ(wx + b), or squared
        error of the linear output wx + b itself.

    Returns
    -------
    numpy.ndarray
        The mean loss, shaped like the broadcast `w` and `b`.

    Examples
    --------
    At w = b = 0 every prediction is ½:

    >>> round(float(surface_loss(0, 0, TOY_X, TOY_Y, kind="ce")), 4)  # log 2
    0.6931
    >>> float(surface_loss(0, 0, TOY_X, TOY_Y, kind="mse_sigmoid"))
    0.25
    """
    x, y = _check_data(x, y, kind)
    z = _logits(w, b, x)
    if kind == "ce":
        per_point = cross_entropy_of_z(y, z)
    elif kind == "mse_sigmoid":
        per_point = (expit(z) - y) ** 2
    else:
        per_point = (z - y) ** 2
    return per_point.mean(axis=-1)


def surface_curvature(
    w: ArrayLike, b: ArrayLike, x: ArrayLike, y: ArrayLike, *, kind: str
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Smallest and largest eigenvalue of the Hessian of :func:`surface_loss` in (w, b).

    The Hessian is ``mean_i h_i [[x_i², x_i], [x_i, 1]]`` with the second derivative
    ``h_i = ∂²L_i/∂z²`` of each point's loss in its logit:

    - CE: ``σ'(z)``, never negative: the surface is convex in (w, b);
    - MSE on σ: ``2[σ'(z)² + (σ(z) - y) σ'(z) (1 - 2σ(z))]``, negative where the
      neuron is confidently wrong: not convex;
    - MSE on wx + b: ``2``: a convex quadratic.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        The eigenvalues (smallest, largest), shaped like the broadcast `w` and `b`.
        The surface is convex exactly where the smallest is ≥ 0 everywhere.

    Examples
    --------
    >>> lo, hi = surface_curvature(0, 0, TOY_X, TOY_Y, kind="ce")
    >>> bool(lo > 0)
    True
    >>> lo, _ = surface_curvature(-3, 1, TOY_X, TOY_Y, kind="mse_sigmoid")
    >>> bool(lo < 0)
    True
    """
    x, y = _check_data(x, y, kind)
    z = _logits(w, b, x)
    if kind == "ce":
        h = expit(z) * expit(-z)
    elif kind == "mse_sigmoid":
        a = expit(z)
        slope = a * expit(-z)
        h = 2 * (slope**2 + (a - y) * slope * (1 - 2 * a))
    else:
        h = np.full_like(z, 2.0)
    hww, hwb, hbb = (h * x**2).mean(-1), (h * x).mean(-1), h.mean(-1)
    mid, radius = (hww + hbb) / 2, np.hypot((hww - hbb) / 2, hwb)
    return mid - radius, mid + radius


# --------------------------------------------------------------------------- softmax, k classes


class SoftmaxView(NamedTuple):
    """Softmax probabilities, both losses and their gradients with respect to the logits."""

    p: NDArray[np.float64]
    target: NDArray[np.float64]  # the one-hot label
    ce: float  # -log p_label, in nats
    mse: float  # Σ_j (p_j - y_j)²
    ce_grad: NDArray[np.float64]  # p - y
    mse_grad: NDArray[np.float64]  # J^T 2(p - y), J = diag(p) - p pᵀ


def softmax_view(logits: ArrayLike, label: int) -> SoftmaxView:
    """Softmax of k logits against the class `label`: losses and gradients per class.

    Parameters
    ----------
    logits : array_like of shape (k,)
        Finite logits, k ≥ 2.
    label : int
        The true class, 0 ≤ label < k.

    Returns
    -------
    SoftmaxView
        ``p = softmax(logits)``; cross-entropy ``-log p_label`` (nats) with gradient
        ``p - onehot``; the squared error of the probabilities ``Σ (p_j - y_j)²`` with
        gradient ``J (2(p - y))`` through the softmax Jacobian ``J = diag(p) - p pᵀ``.

    Raises
    ------
    ValueError
        If `logits` is not a finite 1-D vector of length ≥ 2, or `label` is not a
        class index.

    Examples
    --------
    When a wrong class dominates, the softmax is saturated: MSE's gradient on the
    true class nearly vanishes while cross-entropy's stays near −1.

    >>> v = softmax_view([6.0, 0.0, 0.0], 1)
    >>> round(float(v.ce_grad[1]), 3), round(float(v.mse_grad[1]), 3)
    (-0.998, -0.01)
    """
    z = _real(logits, "logits")
    if z.ndim != 1 or z.size < 2:
        raise ValueError(f"`logits` must be a 1-D vector of k ≥ 2 numbers (got shape {z.shape})")
    if isinstance(label, bool) or int(label) != label or not 0 <= label < z.size:
        raise ValueError(f"`label` must be a class index 0 … {z.size - 1} (got {label!r})")
    p = softmax(z)
    target = np.zeros_like(p)
    target[int(label)] = 1.0
    jacobian = np.diag(p) - np.outer(p, p)
    return SoftmaxView(
        p=p,
        target=target,
        ce=float(-log_softmax(z)[int(label)]),
        mse=float(np.sum((p - target) ** 2)),
        ce_grad=p - target,
        mse_grad=jacobian @ (2 * (p - target)),
    )


def surface_minimum(x: ArrayLike, y: ArrayLike, *, kind: str) -> tuple[float, float]:
    """The (w, b) that minimises :func:`surface_loss`, found by BFGS from (0, 0).

    For ``"ce"`` and ``"mse_linear"`` the surface is convex, so this is the global
    minimum (for CE it exists only when no threshold separates the classes, as in
    :data:`TOY_X`, :data:`TOY_Y`). For ``"mse_sigmoid"`` it is the minimum that
    gradient descent from the origin reaches.

    Examples
    --------
    >>> w, b = surface_minimum(TOY_X, TOY_Y, kind="mse_linear")
    >>> round(w, 3), round(b, 3)  # the least-squares line
    (0.203, 0.515)
    """
    x, y = _check_data(x, y, kind)
    result = minimize(
        lambda v: float(surface_loss(v[0], v[1], x, y, kind=kind)), np.zeros(2), method="BFGS"
    )
    return float(result.x[0]), float(result.x[1])


# --------------------------------------------------------------------------- what a page draws


class LossView(NamedTuple):
    """The curves of the loss-and-gradient figure and its scrubbing frames."""

    x: NDArray[np.float64]  # the loss chart's abscissa: a grid of a or of z
    mse: NDArray[np.float64]
    ce: NDArray[np.float64]  # inf where the label gets probability 0 (a view only)
    z: NDArray[np.float64]  # the gradient chart's abscissa
    mse_grad: NDArray[np.float64]
    ce_grad: NDArray[np.float64]
    scrub: dict[str, NDArray[np.float64]]  # one value per frame: z, x, mse, ce, mse_grad, ce_grad
    active: int  # the frame of the current z


def loss_view(
    y: float, z: float, *, axis: str = "z", z_max: float = 8.0, n_frames: int = 41
) -> LossView:
    """Both losses against a or z, both gradients against z, and frames for scrubbing z.

    The frames are `n_frames` evenly spaced logits in [−`z_max`, `z_max`] plus the
    current `z` itself, so the figure opens exactly at the current point.

    Examples
    --------
    >>> v = loss_view(1, -4.0)
    >>> len(v.scrub["z"]), float(v.scrub["z"][v.active])
    (41, -4.0)
    >>> round(float(v.scrub["ce_grad"][v.active]), 3)
    -0.982
    """
    if axis not in ("a", "z"):
        raise ValueError(f"`axis` must be 'a' or 'z' (got {axis!r})")
    z = float(_real(z, "z"))
    grid = np.linspace(-z_max, z_max, 401)
    scrub_z = np.unique(np.append(np.round(np.linspace(-z_max, z_max, n_frames), 2), round(z, 2)))
    g, s = gradient_factors(y, grid), gradient_factors(y, scrub_z)
    if axis == "a":
        x = np.linspace(0, 1, 401)
        curves = (mse_of_a(y, x), cross_entropy_of_a(y, x))
    else:
        x = grid
        curves = (mse_of_z(y, grid), cross_entropy_of_z(y, grid))
    scrub = {
        "z": scrub_z,
        "x": expit(scrub_z) if axis == "a" else scrub_z,
        "mse": mse_of_z(y, scrub_z),
        "ce": cross_entropy_of_z(y, scrub_z),
        "mse_grad": s.mse_dz,
        "ce_grad": s.ce_dz,
    }
    active = int(np.argmin(np.abs(scrub_z - z)))
    return LossView(x, *curves, grid, g.mse_dz, g.ce_dz, scrub, active)


class Race(NamedTuple):
    """Both runs of the training race and what the figure needs to draw them."""

    runs: dict[str, Run]  # keyed by loss: "mse", "ce"
    etas: dict[str, float]
    reach: dict[str, int | None]  # first epoch with |a - y| < 0.1, or None
    grid: NDArray[np.float64]  # w and b axis of the surfaces, covering both paths
    surfaces: dict[str, NDArray[np.float64]]  # the loss of the one example over (w, b)
    frames: NDArray[np.int64]  # epochs offered by the in-figure slider


def race(
    w0: float,
    b0: float,
    *,
    policy: str = "same",
    eta: float = 0.15,
    eta_mse: float | None = None,
    eta_ce: float | None = None,
    epochs: int = 300,
) -> Race:
    """The single-neuron training race x = 1 → y = 0, with MSE and with cross-entropy.

    Parameters
    ----------
    w0, b0 : float
        The common start.
    policy : {"same", "own"}
        ``"same"``: both losses use `eta` (the fair race). ``"own"``: MSE uses
        `eta_mse` and cross-entropy `eta_ce`.
    eta, eta_mse, eta_ce : float
        Learning rates.
    epochs : int
        Length of both runs.

    Returns
    -------
    Race

    Examples
    --------
    >>> r = race(2, 2)
    >>> r.reach["mse"] > 3 * r.reach["ce"]
    True
    """
    if policy == "same":
        etas = {"mse": eta, "ce": eta}
    elif policy == "own":
        if eta_mse is None or eta_ce is None:
            raise ValueError("`policy='own'` needs both `eta_mse` and `eta_ce`; pass them")
        etas = {"mse": eta_mse, "ce": eta_ce}
    else:
        raise ValueError(f"`policy` must be 'same' or 'own' (got {policy!r})")
    runs = {k: train_neuron(w0, b0, loss=k, eta=etas[k], epochs=epochs) for k in LOSSES}
    reach = {k: epochs_to_reach(r.output, 0) for k, r in runs.items()}
    path = np.concatenate([np.r_[r.w, r.b] for r in runs.values()])
    grid = np.linspace(min(path.min(), -1) - 0.5, max(path.max(), 1) + 0.5, 61)
    w, b = np.meshgrid(grid, grid)
    surfaces = {
        "mse": surface_loss(w, b, [1.0], [0.0], kind="mse_sigmoid"),
        "ce": surface_loss(w, b, [1.0], [0.0], kind="ce"),
    }
    return Race(
        runs, {k: float(v) for k, v in etas.items()}, reach, grid, surfaces, frame_epochs(epochs)
    )


class Surface(NamedTuple):
    """One loss surface over a (w, b) grid with its curvature summary."""

    loss: NDArray[np.float64]
    lam_min: NDArray[np.float64]  # smallest Hessian eigenvalue at each grid point
    minimum: tuple[float, float]
    lowest: float  # the smallest eigenvalue anywhere on the grid
    negative_share: float  # fraction of the grid with negative curvature


def convexity(grid: ArrayLike, x: ArrayLike = TOY_X, y: ArrayLike = TOY_Y) -> dict[str, Surface]:
    """The three surfaces of :data:`SURFACES` over (w, b) in ``grid × grid``, with curvature.

    Examples
    --------
    >>> s = convexity(np.linspace(-6, 6, 21))
    >>> s["ce"].lowest >= 0, s["mse_sigmoid"].lowest < 0, s["mse_linear"].lowest > 0
    (True, True, True)
    """
    grid = _real(grid, "grid")
    w, b = np.meshgrid(grid, grid)
    out = {}
    for kind in SURFACES:
        lam_min, _ = surface_curvature(w, b, x, y, kind=kind)
        out[kind] = Surface(
            surface_loss(w, b, x, y, kind=kind),
            lam_min,
            surface_minimum(x, y, kind=kind),
            float(lam_min.min()),
            float((lam_min < 0).mean()),
        )
    return out
