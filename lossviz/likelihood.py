"""Losses as negative log-likelihoods: each loss is maximum likelihood under a noise model.

Fit one parameter θ to data ``y_1 … y_n`` by minimising the mean negative
log-likelihood ``-(1/n) Σ log f(y_i | θ)``. Under each noise model below this is an
affine function ``a · L(θ) + b`` of a familiar loss ``L`` (with ``a > 0``), so both
have the same minimiser, the maximum-likelihood estimate (MLE):

=============== ================================ ======================= =================
model           density f(y | θ)                 loss L                  minimiser
=============== ================================ ======================= =================
``gaussian``    N(θ, σ²)                         MSE                     sample mean
``laplace``     Laplace(θ, b)                    MAE                     sample median
``quantile``    asymmetric Laplace(θ, b, τ)      quantile (pinball) τ    sample τ-quantile
``bernoulli``   Bernoulli(θ)                     binary cross-entropy    frequency of 1
``categorical`` Categorical(θ, (1−θ)/2, (1−θ)/2) softmax cross-entropy   frequency of 0
=============== ================================ ======================= =================

The likelihood is computed from :mod:`scipy.stats` (``logpdf`` / ``logpmf``), the
losses from :mod:`lossviz.losses`, and the MLE numerically (:mod:`scipy.optimize`, or an
exact search over the data for the piecewise-linear cases); the closed forms of the
last column are computed separately, so that the lesson and the tests can compare
them. Everything is in nats per observation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, stats

from lossviz import losses

__all__ = [
    "LOCATION_MODELS",
    "MODELS",
    "N_CLASSES",
    "Fit",
    "affine",
    "categorical_probabilities",
    "closed_form",
    "data_view",
    "fit",
    "loss_curve",
    "model_pmf_or_pdf",
    "nll_curve",
    "parameter_grid",
    "sample",
    "scrub_frames",
]

#: The noise models, by their URL name.
MODELS = ("gaussian", "laplace", "quantile", "bernoulli", "categorical")
#: Models whose parameter θ is a location (any real number); the others have θ in (0, 1).
LOCATION_MODELS = ("gaussian", "laplace", "quantile")
#: Number of classes of the categorical model.
N_CLASSES = 3


# --------------------------------------------------------------------------- validation


def _model(model: str) -> str:
    if model not in MODELS:
        raise ValueError(f"`model` must be one of {', '.join(MODELS)} (got {model!r})")
    return model


def _scale(scale: float) -> float:
    if not (isinstance(scale, int | float | np.floating) and math.isfinite(scale) and scale > 0):
        raise ValueError(f"`scale` must be a finite number > 0 (got {scale!r}); it is σ or b")
    return float(scale)


def _tau(tau: float) -> float:
    if not (isinstance(tau, int | float | np.floating) and 0 < tau < 1):
        raise ValueError(f"`tau` must lie strictly between 0 and 1 (got {tau!r})")
    return float(tau)


def _theta(model: str, theta: ArrayLike) -> NDArray:
    arr = np.asarray(theta, dtype=np.float64)
    if not np.isfinite(arr).all():
        raise ValueError("`theta` must be finite")
    if model not in LOCATION_MODELS and ((arr < 0) | (arr > 1)).any():
        raise ValueError(f"`theta` of the {model} model is a probability: keep it in [0, 1]")
    return arr


def _data(model: str, y: ArrayLike) -> NDArray:
    arr = np.asarray(y, dtype=np.float64)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"`y` must be a non-empty 1-D array of observations (got {arr.shape})")
    if not np.isfinite(arr).all():
        raise ValueError("`y` must be finite; remove NaN and infinite observations")
    if model == "bernoulli" and not np.isin(arr, (0, 1)).all():
        raise ValueError("`y` of the bernoulli model must contain only 0 and 1")
    if model == "categorical" and not np.isin(arr, range(N_CLASSES)).all():
        raise ValueError(f"`y` of the categorical model must hold classes 0 … {N_CLASSES - 1}")
    return arr


# --------------------------------------------------------------------------- the models


def categorical_probabilities(theta: ArrayLike) -> NDArray:
    """Class probabilities ``(θ, (1 − θ)/2, (1 − θ)/2)`` of the categorical model.

    Parameters
    ----------
    theta : float or array_like, values in [0, 1]
        Probability of class 0.

    Returns
    -------
    numpy.ndarray, shape ``theta.shape + (3,)``

    Examples
    --------
    >>> categorical_probabilities(0.5)
    array([0.5 , 0.25, 0.25])
    """
    t = _theta("categorical", theta)
    return np.stack([t, (1 - t) / 2, (1 - t) / 2], axis=-1)


def _asymmetric_laplace(theta: ArrayLike, scale: float, tau: float):
    """SciPy's asymmetric Laplace whose τ-quantile is θ and density ∝ exp(−ρ_τ(y − θ)/b).

    scipy's density is ``exp(−κ x / s)`` for ``x ≥ 0`` and ``exp(x / (κ s))`` below;
    matching ``τ/b`` and ``(1 − τ)/b`` gives ``κ = √(τ/(1−τ))`` and ``s = b/√(τ(1−τ))``.
    """
    kappa = math.sqrt(tau / (1 - tau))
    return stats.laplace_asymmetric(kappa, loc=theta, scale=scale / math.sqrt(tau * (1 - tau)))


def sample(
    model: str,
    n: int,
    theta: float,
    *,
    seed: int = 0,
    scale: float = 1.0,
    tau: float = 0.5,
) -> NDArray:
    """Draw `n` observations from the noise model with true parameter `theta`.

    Parameters
    ----------
    model : {"gaussian", "laplace", "quantile", "bernoulli", "categorical"}
        The noise model.
    n : int
        Number of observations, at least 1.
    theta : float
        True parameter: a location, or a probability in [0, 1].
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same data.
    scale : float
        σ of the Gaussian, b of the (asymmetric) Laplace; unused otherwise.
    tau : float
        Quantile level τ of the asymmetric Laplace; unused otherwise.

    Returns
    -------
    numpy.ndarray, shape (n,)
        Real observations, 0/1 (bernoulli) or class indices 0, 1, 2 (categorical).

    Raises
    ------
    ValueError
        On an unknown model, ``n < 1``, a bad seed, scale, τ or θ.

    Examples
    --------
    >>> y = sample("bernoulli", 10_000, 0.3, seed=1)
    >>> round(float(y.mean()), 2)
    0.3
    """
    model = _model(model)
    if not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"`n` must be a whole number ≥ 1 (got {n!r})")
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"`seed` must be a whole number ≥ 0 (got {seed!r})")
    t = float(_theta(model, theta))
    scale, tau = _scale(scale), _tau(tau)
    rng = np.random.default_rng(seed)
    if model == "gaussian":
        return stats.norm(t, scale).rvs(size=n, random_state=rng)
    if model == "laplace":
        return stats.laplace(t, scale).rvs(size=n, random_state=rng)
    if model == "quantile":
        return _asymmetric_laplace(t, scale, tau).rvs(size=n, random_state=rng)
    if model == "bernoulli":
        return stats.bernoulli(t).rvs(size=n, random_state=rng).astype(np.float64)
    return rng.choice(N_CLASSES, size=n, p=categorical_probabilities(t)).astype(np.float64)


def nll_curve(
    model: str, y: ArrayLike, theta: ArrayLike, *, scale: float = 1.0, tau: float = 0.5
) -> NDArray:
    """Mean negative log-likelihood ``-(1/n) Σ log f(y_i | θ)`` for each θ, from scipy.stats.

    Parameters
    ----------
    model : str
        One of :data:`MODELS`.
    y : array_like, shape (n,)
        Observations.
    theta : array_like, shape (m,)
        Parameter values.
    scale, tau : float
        As in :func:`sample`.

    Returns
    -------
    numpy.ndarray, shape (m,)
        In nats per observation; ``inf`` where θ gives an observation probability 0.

    Examples
    --------
    >>> round(float(nll_curve("gaussian", [0.0], [0.0])[0]), 4)   # ½ log 2π
    0.9189
    >>> nll_curve("bernoulli", [1.0, 1.0], [0.0, 1.0])
    array([inf,  0.])
    """
    model = _model(model)
    yy = _data(model, y)
    t = _theta(model, np.atleast_1d(theta))
    scale, tau = _scale(scale), _tau(tau)
    col = yy[:, None]
    with np.errstate(divide="ignore"):
        if model == "gaussian":
            logf = stats.norm.logpdf(col, loc=t, scale=scale)
        elif model == "laplace":
            logf = stats.laplace.logpdf(col, loc=t, scale=scale)
        elif model == "quantile":
            logf = _asymmetric_laplace(t, scale, tau).logpdf(col)
        else:  # discrete: each distinct outcome once, weighted by how often it was seen
            outcomes, counts = np.unique(yy, return_counts=True)
            if model == "bernoulli":
                logf = stats.bernoulli.logpmf(outcomes[:, None], t)
            else:
                one_hot = np.eye(N_CLASSES)[outcomes.astype(int)]
                logf = stats.multinomial.logpmf(
                    one_hot[:, None, :], 1, categorical_probabilities(t)[None, :, :]
                )
            return 0.0 - counts @ logf / yy.size  # every count ≥ 1: no 0 · (−∞)
    return 0.0 - logf.mean(axis=0)  # 0.0 − x: no "-0." for a perfect fit


def loss_curve(model: str, y: ArrayLike, theta: ArrayLike, *, tau: float = 0.5) -> NDArray:
    """The matching loss of :mod:`lossviz.losses` (mean over the data) for each θ.

    MSE, MAE, quantile(τ), binary cross-entropy of the probability θ, or softmax
    cross-entropy of the logits ``log(θ, (1−θ)/2, (1−θ)/2)``.

    Examples
    --------
    >>> loss_curve("gaussian", [1.0, 3.0], [2.0, 0.0])   # MSE
    array([1., 5.])
    >>> loss_curve("laplace", [1.0, 3.0], [2.0, 0.0])    # MAE
    array([1., 2.])
    """
    model = _model(model)
    yy = _data(model, y)
    t = _theta(model, np.atleast_1d(theta))
    tau = _tau(tau)
    # One call on the (θ, y) grid, per-example losses averaged over the data: the same
    # functions as one call per θ, without their input checks repeated hundreds of times.
    # Discrete data: each distinct outcome once, its loss weighted by how often it was seen.
    weights = None
    if model not in LOCATION_MODELS:
        yy, counts = np.unique(yy, return_counts=True)
        weights = counts / counts.sum()
    pred = np.broadcast_to(t[:, None], (t.size, yy.size))
    target = np.broadcast_to(yy, pred.shape)
    per_example = {
        "gaussian": lambda: losses.mse(target, pred, reduction="none"),
        "laplace": lambda: losses.mae(target, pred, reduction="none"),
        "quantile": lambda: losses.quantile(target, pred, tau=tau, reduction="none"),
        "bernoulli": lambda: losses.binary_cross_entropy(target, pred, reduction="none"),
    }
    if model == "bernoulli":
        return per_example[model]() @ weights
    if model in per_example:
        return per_example[model]().mean(axis=1)
    probs = categorical_probabilities(t)
    out = np.empty(t.size)
    labels = yy.astype(int)
    positive = (probs > 0).all(axis=1)
    if positive.any():  # every θ with finite logits in one call: (θ, outcome) pairs
        logits = np.log(probs[positive])
        per = losses.softmax_cross_entropy(
            np.tile(labels, logits.shape[0]), np.repeat(logits, labels.size, axis=0),
            reduction="none",
        ).reshape(-1, labels.size)  # fmt: skip
        out[positive] = per @ weights
    for i in np.flatnonzero(~positive):  # a logit of −∞: the softmax gives that class 0
        q = probs[i]
        present = np.isin(np.flatnonzero(q == 0), labels).any()
        out[i] = math.inf if present else _ce_without(labels, q, weights)
    return out


def _ce_without(y: NDArray, q: NDArray, weights: NDArray) -> float:
    """Softmax cross-entropy over the classes of positive probability only (the rest unseen).

    The outcomes `y` are weighted by `weights`.
    """
    keep = np.flatnonzero(q > 0)
    index = {c: i for i, c in enumerate(keep)}
    labels = np.array([index[int(c)] for c in y])
    if keep.size == 1:
        return 0.0
    per = losses.softmax_cross_entropy(
        labels, np.tile(np.log(q[keep]), (y.size, 1)), reduction="none"
    )
    return float(per @ weights)


def affine(model: str, *, scale: float = 1.0, tau: float = 0.5) -> tuple[float, float]:
    """``(a, b)`` with ``mean NLL(θ) = a · L(θ) + b`` for every θ: scale and constant.

    Gaussian: ``a = 1/(2σ²)``, ``b = ½ log(2πσ²)``. Laplace: ``a = 1/b``,
    ``b = log 2b``. Asymmetric Laplace: ``a = 1/b``, ``b = log(b / (τ(1−τ)))``.
    Bernoulli and categorical: ``a = 1``, ``b = 0`` (the loss *is* the NLL).

    Examples
    --------
    >>> a, b = affine("gaussian", scale=1.0)
    >>> a, round(b, 4)
    (0.5, 0.9189)
    >>> affine("bernoulli")
    (1.0, 0.0)
    """
    model, scale, tau = _model(model), _scale(scale), _tau(tau)
    if model == "gaussian":
        return 1 / (2 * scale**2), 0.5 * math.log(2 * math.pi * scale**2)
    if model == "laplace":
        return 1 / scale, math.log(2 * scale)
    if model == "quantile":
        return 1 / scale, math.log(scale / (tau * (1 - tau)))
    return 1.0, 0.0


def closed_form(model: str, y: ArrayLike, *, tau: float = 0.5) -> tuple[float, float]:
    """The textbook minimiser: mean, median, τ-quantile or frequency, as an interval.

    Returns ``(low, high)``: every θ in it minimises the loss. It is a single point
    except for the median of an even number of observations and the τ-quantile
    when ``nτ`` is whole, where the loss is flat between two data points.

    Examples
    --------
    >>> closed_form("gaussian", [1.0, 2.0, 6.0])
    (3.0, 3.0)
    >>> closed_form("laplace", [1.0, 2.0, 6.0, 7.0])
    (2.0, 6.0)
    >>> closed_form("bernoulli", [0.0, 1.0, 1.0, 1.0])
    (0.75, 0.75)
    """
    model = _model(model)
    yy = _data(model, y)
    tau = _tau(tau)
    if model == "gaussian":
        m = float(np.mean(yy))
        return m, m
    if model in ("bernoulli", "categorical"):
        f = float(np.mean(yy == (1 if model == "bernoulli" else 0)))
        return f, f
    level = 0.5 if model == "laplace" else tau
    s = np.sort(yy)
    k = level * s.size  # the level-quantile is s[ceil(k) − 1]; flat up to s[k] when k is whole
    if abs(k - round(k)) < 1e-9 and 0 < round(k) < s.size:
        return float(s[round(k) - 1]), float(s[round(k)])
    q = float(np.quantile(yy, level, method="inverted_cdf"))
    return q, q


def model_pmf_or_pdf(
    model: str, theta: float, x: ArrayLike, *, scale: float = 1.0, tau: float = 0.5
) -> NDArray:
    """The model's density (or probability mass) at `x` for parameter `theta`.

    Examples
    --------
    >>> model_pmf_or_pdf("bernoulli", 0.3, [0, 1])
    array([0.7, 0.3])
    """
    model = _model(model)
    t = float(_theta(model, theta))
    xx = np.asarray(x, dtype=np.float64)
    scale, tau = _scale(scale), _tau(tau)
    if model == "gaussian":
        return stats.norm.pdf(xx, t, scale)
    if model == "laplace":
        return stats.laplace.pdf(xx, t, scale)
    if model == "quantile":
        return _asymmetric_laplace(t, scale, tau).pdf(xx)
    if model == "bernoulli":
        return stats.bernoulli.pmf(xx, t)
    return categorical_probabilities(t)[xx.astype(int)]


def parameter_grid(
    model: str, y: ArrayLike, theta: float, *, tau: float = 0.5, points: int = 301
) -> NDArray:
    """Parameter values to draw: around the bulk of the data, the true θ and the estimate.

    For a location, the grid spans the 5 % to 95 % quantiles of the data, the true θ
    and the closed-form minimiser, with a margin (a long tail of the asymmetric
    Laplace would otherwise squash the interesting part); for a probability, (0, 1).

    Examples
    --------
    >>> g = parameter_grid("bernoulli", [0.0, 1.0], 0.5, points=5)
    >>> g.round(3)
    array([0.002, 0.251, 0.5  , 0.749, 0.998])
    """
    model = _model(model)
    yy = _data(model, y)
    if model not in LOCATION_MODELS:
        return np.linspace(0.002, 0.998, points)
    q05, q95 = np.quantile(yy, [0.05, 0.95])
    low, high = closed_form(model, yy, tau=tau)
    lo, hi = min(q05, theta, low), max(q95, theta, high)
    margin = 0.15 * (hi - lo) + 0.5
    return np.linspace(lo - margin, hi + margin, points)


# --------------------------------------------------------------------------- fitting


def _argmin(f, model: str, y: NDArray, grid: NDArray | None = None, values=None) -> float:
    """Minimise a convex criterion of θ: exactly over the data when it is piecewise linear.

    A convex function's values at sorted points fall, then rise: the minimisers are found
    by binary search on that slope (``O(log n)`` evaluations, not one per data point), and
    a smooth one by Brent's method inside the bracket its values on `grid` give.
    """
    if model in ("laplace", "quantile"):  # kinks at the data: the minimum is on a data point
        knots = np.unique(y)
        return _convex_knots_argmin(f, knots)
    edges = (float(y.min()), float(y.max())) if model == "gaussian" else (0.0, 1.0)
    lo, hi = edges
    if lo == hi:
        return lo
    if grid is not None and values is not None:  # bracket the minimum between grid points
        i = int(np.argmin(values))  # at the grid's first or last point, open to the edge
        left = float(grid[i - 1]) if i > 0 else lo
        right = float(grid[i + 1]) if i < grid.size - 1 else hi
        lo, hi = max(lo, min(left, hi)), min(hi, max(right, lo))
    if lo < hi:
        result = optimize.minimize_scalar(
            lambda t: float(f(np.array([t]))[0]),
            bounds=(lo, hi),
            method="bounded",
            options={"xatol": 1e-10},
        )
        x = float(result.x)
    else:
        x = lo
    candidates = np.array([x, *edges])  # the bounded search never lands exactly on an edge
    values_at = f(candidates)
    for edge, value in zip(edges, values_at[1:]):
        if value <= values_at[0]:
            x = edge
    return x


def _convex_knots_argmin(f, knots: NDArray) -> float:
    """Centre of the knots minimising a convex `f` (ties up to rounding), by binary search."""
    if knots.size <= 8:
        values = f(knots)
        best = values.min()
        flat = knots[values <= best + 1e-13 * (1 + abs(best))]
        return float((flat.min() + flat.max()) / 2)
    cache: dict[int, float] = {}

    def at(idx: list[int]) -> list[float]:
        new = sorted({i for i in idx if i not in cache})
        if new:
            cache.update(zip(new, f(knots[new]).tolist()))
        return [cache[i] for i in idx]

    def first(pred) -> int:  # first index i in [0, n-1] with pred(i) true (n-1 if none)
        lo, hi = 0, knots.size - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if pred(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo

    def rising(i: int) -> bool:  # f stops falling at knot i (up to rounding)
        a, b = at([i, i + 1])
        return b >= a - 1e-13 * (1 + abs(a))

    start = first(rising)  # the first minimiser
    best = at([start])[0]
    tol = 1e-13 * (1 + abs(best))
    end = first(lambda i: i >= start and at([i + 1])[0] > best + tol)  # the last one
    return float((knots[start] + knots[end]) / 2)


@dataclass(frozen=True)
class Fit:
    """Everything the likelihood lesson draws and reads out for one data set.

    Attributes
    ----------
    grid, nll, loss : numpy.ndarray
        Parameter values and the mean NLL and the loss at each.
    a, b : float
        ``nll = a · loss + b``.
    mle : float
        Numerical argmin of the NLL.
    loss_argmin : float
        Numerical argmin of the loss, found separately.
    nll_at_mle, loss_at_min : float
        The two minima.
    closed : (float, float)
        The closed-form minimiser (an interval when the loss is flat there).
    """

    grid: NDArray
    nll: NDArray
    loss: NDArray
    a: float
    b: float
    mle: float
    loss_argmin: float
    nll_at_mle: float
    loss_at_min: float
    closed: tuple[float, float]


def fit(
    model: str,
    y: ArrayLike,
    theta: float,
    *,
    scale: float = 1.0,
    tau: float = 0.5,
    points: int = 301,
) -> Fit:
    """Fit θ by maximum likelihood and by minimising the matching loss; compare both.

    Parameters
    ----------
    model : str
        One of :data:`MODELS`.
    y : array_like, shape (n,)
        Observations.
    theta : float
        The true parameter (only to frame the grid).
    scale, tau : float
        As in :func:`sample`.
    points : int
        Grid size of the curves.

    Returns
    -------
    Fit

    Examples
    --------
    >>> f = fit("gaussian", [1.0, 2.0, 6.0], 3.0)
    >>> round(f.mle, 6), round(f.loss_argmin, 6), f.closed
    (3.0, 3.0, (3.0, 3.0))
    >>> round(f.loss_at_min, 4)   # the variance of the data, 14/3
    4.6667
    """
    model = _model(model)
    yy = _data(model, y)
    grid = parameter_grid(model, yy, theta, tau=tau, points=points)
    nll = lambda t: nll_curve(model, yy, t, scale=scale, tau=tau)  # noqa: E731
    loss = lambda t: loss_curve(model, yy, t, tau=tau)  # noqa: E731
    nll_grid, loss_grid = nll(grid), loss(grid)
    mle = _argmin(nll, model, yy, grid, nll_grid)
    loss_argmin = _argmin(loss, model, yy, grid, loss_grid)
    a, b = affine(model, scale=scale, tau=tau)
    return Fit(
        grid=grid,
        nll=nll_grid,
        loss=loss_grid,
        a=a,
        b=b,
        mle=mle,
        loss_argmin=loss_argmin,
        nll_at_mle=float(nll(np.array([mle]))[0]),
        loss_at_min=float(loss(np.array([loss_argmin]))[0]),
        closed=closed_form(model, yy, tau=tau),
    )


# --------------------------------------------------------------------------- drawing data


def data_view(model: str, y: ArrayLike, *, bins: int = 20) -> tuple[NDArray, NDArray, NDArray]:
    """What the data panel draws: ``(x, height, width)`` of histogram bars.

    Real observations give a density histogram (the bars' area is 1, comparable with a
    density); 0/1 and class data give the frequency of each outcome (bars of width 0.6).

    Examples
    --------
    >>> data_view("bernoulli", [1.0, 0.0, 1.0, 1.0])
    (array([0., 1.]), array([0.25, 0.75]), array([0.6, 0.6]))
    """
    model = _model(model)
    yy = _data(model, y)
    if model not in LOCATION_MODELS:
        k = 2 if model == "bernoulli" else N_CLASSES
        return (
            np.arange(k, dtype=float),
            np.bincount(yy.astype(int), minlength=k) / yy.size,
            np.full(k, 0.6),
        )
    heights, edges = np.histogram(yy, bins=min(bins, max(5, yy.size // 2)), density=True)
    return (edges[:-1] + edges[1:]) / 2, heights, np.diff(edges)


def scrub_frames(
    model: str,
    y: ArrayLike,
    grid: ArrayLike,
    *,
    scale: float = 1.0,
    tau: float = 0.5,
    count: int = 41,
    points: int = 200,
) -> dict[str, NDArray]:
    """Values for the in-figure slider: for each candidate θ, the model curve and both criteria.

    Returns a dict with ``theta`` (count,), ``x`` (points,) or the outcomes,
    ``density`` (count, len(x)), ``nll`` and ``loss`` (count,).

    Examples
    --------
    >>> f = scrub_frames("bernoulli", [0.0, 1.0], [0.1, 0.9], count=3)
    >>> f["theta"], f["density"][1]
    (array([0.1, 0.5, 0.9]), array([0.5, 0.5]))
    """
    model = _model(model)
    yy = _data(model, y)
    g = np.asarray(grid, dtype=np.float64)
    theta = np.linspace(g.min(), g.max(), count)
    if model in LOCATION_MODELS:  # the data's whole range, and the grid's
        x = np.linspace(min(g.min(), yy.min()), max(g.max(), yy.max()), points)
    else:
        x = np.arange(2 if model == "bernoulli" else N_CLASSES, dtype=float)
    if model in LOCATION_MODELS:  # a location family, f(x; θ) = f(x − θ; 0): one call for all θ
        density = model_pmf_or_pdf(model, 0.0, x[None, :] - theta[:, None], scale=scale, tau=tau)
    else:
        density = np.array([model_pmf_or_pdf(model, t, x, scale=scale, tau=tau) for t in theta])
    return {
        "theta": theta,
        "x": x,
        "density": density,
        "nll": nll_curve(model, yy, theta, scale=scale, tau=tau),
        "loss": loss_curve(model, yy, theta, tau=tau),
    }
