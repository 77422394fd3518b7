"""What each loss picks: best constants, fitted lines and linear classifiers.

The regression lessons ask which single number (or line) minimises a loss summed over
a data set: the mean for MSE, the median for MAE, the τ-quantile for the quantile
loss, and the Huber M-estimate in between. The classification lessons fit logistic
regression and a linear SVM to the same points and ask which points each still
cares about. Everything here is numpy and scipy; the losses come from
:mod:`lossviz.losses`, so a loss means the same thing on every page.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import brentq, linprog, minimize
from scipy.special import expit, log_expit

from lossviz import losses

__all__ = [
    "OUTLIER_INDEX",
    "REGRESSION_LOSSES",
    "bce_optimum",
    "best_constant",
    "classifier_points",
    "expected_bce",
    "fit_line",
    "fit_linear_svm",
    "fit_logistic",
    "huber_path",
    "line_in_box",
    "outlier_data",
]

Array = NDArray[np.float64]

#: The regression losses of the lessons, by their name in :mod:`lossviz.losses`.
REGRESSION_LOSSES = ("mse", "mae", "huber", "smooth_l1", "log_cosh", "quantile")

#: Which point of :func:`outlier_data` the user moves.
OUTLIER_INDEX = 8


def _real_vector(x: ArrayLike, name: str) -> Array:
    arr = np.asarray(x, dtype=float)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"`{name}` must be a non-empty 1-D array (got shape {arr.shape})")
    if not np.isfinite(arr).all():
        raise ValueError(f"`{name}` must be finite; remove NaN and infinite values")
    return arr


def _loss_spec(loss: str) -> losses.Loss:
    if loss not in REGRESSION_LOSSES:
        raise ValueError(f"`loss` must be one of {', '.join(REGRESSION_LOSSES)} (got {loss!r})")
    return losses.REGISTRY[loss]


# --------------------------------------------------------------------------- regression


def outlier_data(outlier: float) -> tuple[Array, Array]:
    """The outlier lab's data: nine points near the line ``y = 1 + x/2``, the last one moved.

    Parameters
    ----------
    outlier : float
        The y value of the last point (index :data:`OUTLIER_INDEX`, at x = 8).

    Returns
    -------
    x, y : numpy.ndarray of shape (9,)

    Examples
    --------
    >>> x, y = outlier_data(20.0)
    >>> float(np.median(y)), round(float(np.mean(y)), 3)  # the median ignores the 20
    (3.0, 4.7)
    """
    x = np.arange(9.0)
    noise = np.array([0.3, -0.4, 0.2, -0.3, 0.0, 0.4, -0.2, 0.3, 0.0])
    y = 1 + 0.5 * x + noise
    y[OUTLIER_INDEX] = float(outlier)
    return x, y


def best_constant(y: ArrayLike, loss: str, **options: float) -> float:
    """The constant ``c`` that minimises ``Σ loss(y_i, c)``: the loss's estimate of location.

    Found with :func:`scipy.optimize.brentq` as the zero of the summed gradient
    ``Σ ∂loss(y_i, c)/∂c``, which is non-decreasing in ``c`` for these convex losses
    (the first-order condition: the pulls of the points balance).

    Parameters
    ----------
    y : array_like, shape (n,)
        The data.
    loss : str
        One of :data:`REGRESSION_LOSSES`.
    **options : float
        The loss's options (``delta``, ``beta``, ``tau``).

    Returns
    -------
    float
        The estimate: the mean for ``"mse"``, a median for ``"mae"``, a τ-quantile
        for ``"quantile"``, the Huber M-estimate for ``"huber"``.

    Raises
    ------
    ValueError
        If `y` is empty or not finite, or `loss` is unknown.

    Notes
    -----
    Where the minimiser is not unique (MAE with an even number of points, or a
    quantile level that falls between two points) any point of the flat stretch
    is a minimiser; the one returned lies in it.

    Examples
    --------
    >>> y = [1.0, 2.0, 3.0, 4.0, 100.0]
    >>> round(best_constant(y, "mse"), 6), round(best_constant(y, "mae"), 6)
    (22.0, 3.0)
    >>> round(best_constant(y, "huber", delta=1.0), 6)  # the 100 pulls with force δ only
    3.0
    """
    spec = _loss_spec(loss)
    y = _real_vector(y, "y")
    lo, hi = float(y.min()), float(y.max())
    if lo == hi:
        return lo
    if loss == "huber" and "delta" in options:  # exact, from the kinks of the pull
        return float(huber_path(y, [options["delta"]])[0])

    def pull(c: float) -> float:
        return float(spec.grad(y, np.full_like(y, c), reduction="sum", **options).sum())

    if loss == "quantile" and options.get("tau", 0.5) in (0.0, 1.0):
        return lo if options.get("tau", 0.5) == 0.0 else hi  # the loss is flat beyond
    span = hi - lo
    a, b = lo - 1e-9 * span, hi + 1e-9 * span
    if pull(a) >= 0:
        return lo
    if pull(b) <= 0:
        return hi
    c = float(brentq(pull, a, b, xtol=1e-13 * max(1.0, span), rtol=4 * np.finfo(float).eps))
    nearest = float(y[np.argmin(np.abs(y - c))])
    # Piecewise-linear losses have their minimum at a data point: return it exactly when
    # c is that close and no worse (up to rounding in the summed loss, found by Hypothesis:
    # MAE at 0.8599999999999973 summed 2e-16 lower than at the median 0.86 itself).
    at_point, at_c = spec.loss(y, nearest, **options), spec.loss(y, c, **options)
    if abs(nearest - c) <= 1e-9 * span and at_point <= at_c * (1 + 1e-12):
        c = nearest
    return c


def huber_path(y: ArrayLike, deltas: ArrayLike) -> Array:
    """The Huber estimate of `y` for each δ in `deltas`: from near the median to the mean.

    Exact and for all δ at once: the summed pull ``f(c) = Σ clip(y_i − c, −δ, δ)`` is
    non-increasing and piecewise linear in ``c``, with kinks at the points ``y_i ± δ``.
    It is evaluated at every kink, and its zero is read off by linear interpolation
    between the last kink where it is positive and the next (where the zero is not
    unique, a flat stretch, the left end of it is returned: every point of it minimises).

    Raises
    ------
    ValueError
        If `y` is empty or not finite, or a δ is not positive and finite.

    Examples
    --------
    >>> path = huber_path([1.0, 2.0, 3.0, 4.0, 100.0], [0.01, 1000.0])
    >>> [round(float(v), 3) for v in path]
    [3.0, 22.0]
    """
    y = _real_vector(y, "y")
    d = np.ravel(np.asarray(deltas, dtype=np.float64))
    if not np.all(np.isfinite(d) & (d > 0)):
        raise ValueError("every δ must be positive and finite")
    kinks = np.sort(np.concatenate([y - d[:, None], y + d[:, None]], axis=1), axis=1)  # (D, 2n)
    pull = np.clip(y - kinks[:, :, None], -d[:, None, None], d[:, None, None]).sum(axis=2)
    k = np.argmax(pull <= 0, axis=1)  # first kink at or past the zero (k ≥ 1: pull[0] = nδ)
    rows = np.arange(len(d))
    c0, c1, f0, f1 = kinks[rows, k - 1], kinks[rows, k], pull[rows, k - 1], pull[rows, k]
    return c0 + f0 * (c1 - c0) / (f0 - f1)


def fit_line(x: ArrayLike, y: ArrayLike, loss: str, **options: float) -> tuple[float, float]:
    """The line ``a + b·x`` that minimises ``Σ loss(y_i, a + b x_i)``; returns ``(a, b)``.

    MAE and the quantile loss are piecewise linear, so their line is the solution of
    a linear programme (:func:`scipy.optimize.linprog`, exact); the smooth losses are
    minimised with L-BFGS (:func:`scipy.optimize.minimize`) using their gradients.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data, n >= 2 with at least two different x.
    loss : str
        One of :data:`REGRESSION_LOSSES`.
    **options : float
        The loss's options.

    Returns
    -------
    (float, float)
        Intercept and slope.

    Raises
    ------
    ValueError
        If the arrays differ in length, have fewer than two distinct x, are not finite,
        or `loss` is unknown.

    Examples
    --------
    >>> a, b = fit_line([0, 1, 2, 3], [1, 3, 5, 7], "mse")
    >>> round(a, 6), round(b, 6)
    (1.0, 2.0)
    """
    spec = _loss_spec(loss)
    x, y = _real_vector(x, "x"), _real_vector(y, "y")
    if x.shape != y.shape:
        raise ValueError(f"`x` and `y` must have the same length (got {x.size} and {y.size})")
    if np.unique(x).size < 2:
        raise ValueError("`x` must have at least two different values to fit a line")
    design = np.column_stack([np.ones_like(x), x])
    if loss in ("mae", "quantile"):
        tau = options.get("tau", 0.5) if loss == "quantile" else 0.5
        n = x.size
        # minimise Σ τ u_i + (1-τ) v_i  subject to  a + b x_i + u_i - v_i = y_i,  u, v >= 0
        cost = np.concatenate([[0.0, 0.0], np.full(n, tau), np.full(n, 1 - tau)])
        a_eq = np.hstack([design, np.eye(n), -np.eye(n)])
        bounds = [(None, None)] * 2 + [(0, None)] * (2 * n)
        res = linprog(cost, A_eq=a_eq, b_eq=y, bounds=bounds, method="highs")
        return float(res.x[0]), float(res.x[1])
    scale = max(1.0, float(np.std(y)))

    def objective(theta: Array) -> tuple[float, Array]:
        pred = design @ theta
        value = spec.loss(y, pred, reduction="sum", **options)
        grad = design.T @ spec.grad(y, pred, reduction="sum", **options)
        return value / scale, grad / scale

    start = np.linalg.lstsq(design, y, rcond=None)[0]
    res = minimize(
        objective, start, jac=True, method="L-BFGS-B", options={"gtol": 1e-12, "ftol": 1e-15}
    )
    return float(res.x[0]), float(res.x[1])


# --------------------------------------------------------------------------- binary probabilities


def expected_bce(
    p: ArrayLike, prevalence: float, *, pos_weight: float = 1.0, label_smoothing: float = 0.0
) -> Array:
    """Average binary cross-entropy of predicting the constant `p` for every example.

    A fraction `prevalence` of the labels are 1. With label smoothing ε the targets
    become ``1 - ε/2`` and ``ε/2`` (the two-class case of PyTorch's rule); the
    positive term is weighted by `pos_weight`.

    Examples
    --------
    >>> round(float(expected_bce(0.5, 0.3)), 6)  # a coin-toss prediction: log 2
    0.693147
    """
    t1, t0 = 1 - label_smoothing / 2, label_smoothing / 2
    p = np.asarray(p, dtype=float)
    pos = losses.binary_cross_entropy(t1, p, pos_weight=pos_weight, reduction="none")
    neg = losses.binary_cross_entropy(t0, p, pos_weight=pos_weight, reduction="none")
    return prevalence * pos + (1 - prevalence) * neg


def bce_optimum(
    prevalence: float, *, pos_weight: float = 1.0, label_smoothing: float = 0.0
) -> float:
    """The constant probability that minimises :func:`expected_bce`, in closed form.

    Setting the derivative to 0 gives ``p* = A / (A + B)`` with ``A = w·E[t]`` and
    ``B = E[1 - t]``: the (weighted) average target. Without weights or smoothing it
    is the prevalence itself — cross-entropy is a proper scoring rule.

    Parameters
    ----------
    prevalence : float in [0, 1]
        Fraction of positive labels.
    pos_weight : float, > 0
        Weight of the positive class.
    label_smoothing : float in [0, 1]
        The ε of label smoothing.

    Returns
    -------
    float
        The optimal predicted probability of class 1.

    Raises
    ------
    ValueError
        If an argument is out of range.

    Examples
    --------
    >>> bce_optimum(0.1)  # the honest answer is the base rate
    0.1
    >>> round(bce_optimum(0.1, pos_weight=9.0), 6)  # weights that balance the classes: ½
    0.5
    >>> round(bce_optimum(1.0, label_smoothing=0.1), 6)  # never 1: the logit stays finite
    0.95
    """
    for name, value in (("prevalence", prevalence), ("label_smoothing", label_smoothing)):
        if not 0 <= value <= 1:
            raise ValueError(f"`{name}` must lie in [0, 1] (got {value!r})")
    if not (math.isfinite(pos_weight) and pos_weight > 0):
        raise ValueError(f"`pos_weight` must be a finite number > 0 (got {pos_weight!r})")
    t1, t0 = 1 - label_smoothing / 2, label_smoothing / 2
    mean_t = prevalence * t1 + (1 - prevalence) * t0
    a, b = pos_weight * mean_t, 1 - mean_t
    return float(a / (a + b))


# --------------------------------------------------------------------------- linear classifiers


def classifier_points(px: float, py: float) -> tuple[Array, Array]:
    """The 2-D data set of the classification lesson: two clouds and one movable point.

    Twelve points of class −1 around (−1.5, −1), twelve of class +1 around (1.5, 1),
    and a 25th point of class +1 at ``(px, py)``, the one the user moves (last row).

    Returns
    -------
    X : numpy.ndarray of shape (25, 2)
    y : numpy.ndarray of shape (25,), labels ±1

    Examples
    --------
    >>> X, y = classifier_points(3.0, 3.0)
    >>> X.shape, int(y.sum())
    ((25, 2), 1)
    """
    rng = np.random.default_rng(7)
    neg = rng.normal(size=(12, 2)) * 0.8 + [-1.5, -1.0]
    pos = rng.normal(size=(12, 2)) * 0.8 + [1.5, 1.0]
    X = np.vstack([neg, pos, [[px, py]]])
    y = np.concatenate([-np.ones(12), np.ones(13)])
    return X, y


def _check_classification(X: ArrayLike, y: ArrayLike, C: float) -> tuple[Array, Array]:
    X = np.asarray(X, dtype=float)
    y = _real_vector(y, "y")
    if X.ndim != 2 or X.shape[0] != y.size:
        raise ValueError(f"`X` must have shape (n, d) with n = {y.size} rows (got {X.shape})")
    if not np.isfinite(X).all():
        raise ValueError("`X` must be finite; remove NaN and infinite values")
    if not np.isin(y, (-1.0, 1.0)).all() or np.unique(y).size < 2:
        raise ValueError("`y` must contain labels -1 and +1, both present")
    if not (math.isfinite(C) and C > 0):
        raise ValueError(f"`C` must be a finite number > 0 (got {C!r})")
    return X, y


def fit_logistic(X: ArrayLike, y: ArrayLike, *, C: float = 1.0) -> tuple[Array, float, Array]:
    """L2-regularised logistic regression: minimise ``½‖w‖² + C Σ log(1 + e^(−y_i(w·x_i + b)))``.

    scikit-learn's ``LogisticRegression(C=C)`` objective (intercept not penalised),
    minimised with L-BFGS.

    Returns
    -------
    w : numpy.ndarray of shape (d,)
    b : float
    pull : numpy.ndarray of shape (n,)
        How much each point still pulls on the fit: ``|∂ logistic / ∂s| = σ(−m_i)`` at
        its margin ``m_i``, in (0, 1) — never exactly 0, every point counts.

    Raises
    ------
    ValueError
        If `X` is not (n, d), `y` is not ±1 with both classes, or ``C <= 0``.
    """
    X, y = _check_classification(X, y, C)
    d = X.shape[1]

    def objective(theta: Array) -> tuple[float, Array]:
        w, b = theta[:d], theta[d]
        m = y * (X @ w + b)
        value = 0.5 * w @ w - C * log_expit(m).sum()
        g = -C * y * expit(-m)  # ∂/∂s of C·logistic
        return value, np.concatenate([w + X.T @ g, [g.sum()]])

    res = minimize(objective, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"gtol": 1e-11})
    w, b = res.x[:d], float(res.x[d])
    return w, b, expit(-y * (X @ w + b))


def fit_linear_svm(X: ArrayLike, y: ArrayLike, *, C: float = 1.0) -> tuple[Array, float, Array]:
    """Soft-margin linear SVM: minimise ``½‖w‖² + C Σ max(0, 1 − y_i(w·x_i + b))``.

    Solved in the dual, ``max Σα − ½ αᵀQα`` with ``0 ≤ α ≤ C`` and ``Σ α_i y_i = 0``,
    by :func:`scipy.optimize.minimize` (SLSQP); then ``w = Σ α_i y_i x_i`` and ``b`` from
    the points exactly on the margin. scikit-learn's ``SVC(kernel="linear", C=C)``
    solves the same problem.

    Returns
    -------
    w : numpy.ndarray of shape (d,)
    b : float
    pull : numpy.ndarray of shape (n,)
        ``α_i / C`` in [0, 1]: 0 for points beyond the margin (the loss ignores them),
        positive only for the support vectors.

    Raises
    ------
    ValueError
        If `X` is not (n, d), `y` is not ±1 with both classes, or ``C <= 0``.
    """
    X, y = _check_classification(X, y, C)
    Q = (y[:, None] * X) @ (y[:, None] * X).T
    n = y.size
    res = minimize(
        lambda a: (0.5 * a @ Q @ a - a.sum(), Q @ a - 1),
        np.zeros(n),
        jac=True,
        method="SLSQP",
        bounds=[(0, C)] * n,
        constraints=[{"type": "eq", "fun": lambda a: a @ y, "jac": lambda a: y}],
        options={"ftol": 1e-14, "maxiter": 1000},
    )
    alpha = np.clip(res.x, 0, C)
    alpha[alpha < 1e-8 * C] = 0.0
    alpha[alpha > C * (1 - 1e-8)] = C
    w = X.T @ (alpha * y)
    score = X @ w
    free = (alpha > 0) & (alpha < C)
    if free.any():
        b = float(np.mean(y[free] - score[free]))
    else:  # no point exactly on the margin: any b in the KKT interval; take its middle
        lower = (y > 0) & (alpha < C) | (y < 0) & (alpha > 0)  # these need b >= y - s
        upper = (y > 0) & (alpha > 0) | (y < 0) & (alpha < C)  # these need b <= y - s
        g = y - score
        b = float((np.max(g[lower]) + np.min(g[upper])) / 2)
    return w, b, alpha / C


def line_in_box(
    w: ArrayLike, b: float, level: float, box: tuple[float, float, float, float]
) -> tuple[Array, Array]:
    """The segment of the line ``w·x + b = level`` inside ``box = (x0, x1, y0, y1)``.

    Returns the two end points as ``(xs, ys)``, or two empty arrays when the line
    misses the box (or ``w = 0``). Used to draw decision boundaries (level 0) and
    SVM margins (levels ±1).

    Examples
    --------
    >>> xs, ys = line_in_box([1.0, -1.0], 0.0, 0.0, (-1, 1, -1, 1))  # the diagonal
    >>> xs.tolist(), ys.tolist()
    ([-1.0, 1.0], [-1.0, 1.0])
    """
    w0, w1 = (float(v) for v in np.ravel(w)[:2])
    x0, x1, y0, y1 = (float(v) for v in box)
    points = []
    if w1 != 0:  # crossings of the left and right edges
        points += [(x, (level - b - w0 * x) / w1) for x in (x0, x1)]
    if w0 != 0:  # crossings of the bottom and top edges
        points += [((level - b - w1 * y) / w0, y) for y in (y0, y1)]
    tol = 1e-9 * max(1.0, x1 - x0, y1 - y0)
    inside = sorted(
        {(px, py) for px, py in points if x0 - tol <= px <= x1 + tol and y0 - tol <= py <= y1 + tol}
    )
    if len(inside) < 2:
        return np.array([]), np.array([])
    (ax, ay), (bx, by) = inside[0], inside[-1]
    return np.array([ax, bx]), np.array([ay, by])
