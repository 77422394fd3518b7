"""Bias and variance of a regression model, measured by Monte Carlo over many training sets.

The setting is the textbook one: a known true function ``f`` on [0, 1], ``n`` training
inputs spread evenly over the interval (``x_i = (i + ½)/n``), and targets
``y = f(x) + ε`` with Gaussian noise ``ε ~ N(0, σ²)``. Each *training set* draws fresh
noise at those inputs; a model (a least-squares polynomial of a chosen degree, or
k-nearest neighbours) is fitted to each. At every test input ``x``, the prediction
``f̂(x)`` varies from training set to training set, and for squared loss

    E[(y - f̂(x))²] = (E f̂(x) - f(x))²  +  Var f̂(x)  +  σ²
                   =        bias²       + variance  + noise,

exactly, because the fresh noise of the test target is independent of the training
sets. :func:`decompose` estimates the three terms on a grid of test inputs, and
separately *measures* the expected test error directly, on fresh noisy test points
drawn uniformly on [0, 1] for every training set, so the identity can be checked
rather than asserted.

The inputs are fixed and only the noise is redrawn (as in Hastie, Tibshirani and
Friedman, §7.3) so that the Monte Carlo is stable: with inputs drawn at random, a
training set that leaves one end of the interval empty sends a degree-12 polynomial
to ±10⁴ there, and the variance becomes a rare-event estimate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.polynomial import legendre

MODELS = ("poly", "knn")
REPEATS = 500  # training sets per setting: the figures are stable to about 1 %
TEST_SIZE = 400  # fresh test points per training set for the direct measurement
GRID_SIZE = 1000  # test inputs at which bias² and variance are computed (k-NN fits are steps)
SHOWN_FITS = 25  # fits kept for drawing
DRAW_STEP = 5  # curves are kept on every 5th grid point: 200 points per line are plenty


def true_function(x: np.ndarray) -> np.ndarray:
    """The true regression function of the lesson, ``f(x) = sin(2πx)``.

    Parameters
    ----------
    x : array_like
        Inputs, usually in [0, 1].

    Returns
    -------
    numpy.ndarray
        ``sin(2πx)``, same shape as `x`.

    Examples
    --------
    >>> float(true_function(0.25))
    1.0
    """
    return np.sin(2 * np.pi * np.asarray(x, dtype=float))


def design(n: int) -> np.ndarray:
    """The training inputs: `n` points evenly spread over [0, 1], ``x_i = (i + ½)/n``.

    Examples
    --------
    >>> design(4)
    array([0.125, 0.375, 0.625, 0.875])
    """
    return (np.arange(n) + 0.5) / n


def grid(size: int = GRID_SIZE) -> np.ndarray:
    """Midpoints of `size` equal strips of [0, 1]: averaging over them approximates E over x."""
    return (np.arange(size) + 0.5) / size


def legendre_basis(x: np.ndarray, degree: int) -> np.ndarray:
    """Legendre polynomials ``P_0 … P_degree`` of x mapped from [0, 1] to [-1, 1].

    This basis stays well conditioned at high degree, where the monomials
    ``1, x, …, x^d`` on [0, 1] are nearly collinear.

    Parameters
    ----------
    x : array_like, any shape
        Inputs in [0, 1].
    degree : int
        Highest degree, ``≥ 0``.

    Returns
    -------
    numpy.ndarray, shape ``x.shape + (degree + 1,)``

    Examples
    --------
    >>> legendre_basis([0.0, 0.5, 1.0], 1)
    array([[ 1., -1.],
           [ 1.,  0.],
           [ 1.,  1.]])
    """
    return legendre.legvander(2 * np.asarray(x, dtype=float) - 1, degree)


def polynomial_coefficients(x_train: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    """Least-squares polynomial fits of `degree`, for many training sets at once.

    Every training set shares the inputs `x_train`, so one pseudo-inverse of the
    design matrix serves them all. When the polynomial has more coefficients than
    there are points (``degree ≥ n``) the least-squares problem has many exact
    solutions; the pseudo-inverse picks the one with the smallest coefficients (the
    minimum-norm interpolant).

    Parameters
    ----------
    x_train : array_like, shape (n,)
        Training inputs in [0, 1].
    y : array_like, shape (R, n) or (n,)
        Targets, one row per training set.
    degree : int
        Polynomial degree, ``≥ 0``.

    Returns
    -------
    numpy.ndarray, shape (R, degree + 1) or (degree + 1,)
        Coefficients in :func:`legendre_basis`.

    Examples
    --------
    The line through (0, 0) and (1, 2) is 1 + 1·P_1(2x - 1):

    >>> polynomial_coefficients([0.0, 1.0], [0.0, 2.0], 1).round(12)
    array([1., 1.])
    """
    solve = np.linalg.pinv(legendre_basis(x_train, degree), rcond=1e-12)  # (d + 1, n)
    return np.asarray(y, dtype=float) @ solve.T


def neighbour_windows(x_train: np.ndarray, x_query: np.ndarray, k: int) -> np.ndarray:
    """Where the `k` nearest training inputs of each query start, in the sorted inputs.

    In one dimension the k nearest neighbours of q are a contiguous run
    ``x_train[s : s + k]`` of the sorted inputs. Sliding the run one step right swaps
    ``x_s`` for ``x_{s+k}``, which helps exactly when ``x_{s+k}`` is closer to q:
    ``x_{s+k} - q < q - x_s``, i.e. ``x_s + x_{s+k} < 2q``. The left side is
    non-decreasing in s, so the best start is the number of runs for which it holds,
    found by one binary search per query. On a tie the lower index is kept.

    Parameters
    ----------
    x_train : array_like, shape (n,)
        Training inputs, sorted increasingly.
    x_query : array_like, any shape
        Query inputs.
    k : int
        Number of neighbours, ``1 ≤ k ≤ n``.

    Returns
    -------
    numpy.ndarray of int, shape of `x_query`
        Start ``s`` of each query's run of neighbours.

    Examples
    --------
    >>> neighbour_windows(np.array([0.1, 0.2, 0.6, 0.9]), np.array([0.5, 0.0, 1.0]), 2)
    array([1, 0, 2])
    """
    x_train = np.asarray(x_train, dtype=float)
    pair_sums = x_train[: len(x_train) - k] + x_train[k:]  # x_s + x_{s+k}, s = 0 … n-k-1
    return np.searchsorted(pair_sums, 2 * np.asarray(x_query, dtype=float), side="left")


def nearest_neighbours(x_train: np.ndarray, x_query: np.ndarray, k: int) -> np.ndarray:
    """Indices of the `k` training inputs nearest to each query (see :func:`neighbour_windows`).

    Returns
    -------
    numpy.ndarray of int, shape ``x_query.shape + (k,)``

    Examples
    --------
    >>> nearest_neighbours(np.array([0.1, 0.2, 0.6, 0.9]), np.array([0.5]), 2)
    array([[1, 2]])
    """
    return neighbour_windows(x_train, x_query, k)[..., None] + np.arange(k)


def knn_predictions(y: np.ndarray, starts: np.ndarray, k: int) -> np.ndarray:
    """Means of ``y[r, s : s + k]`` for every training set r and run start s, by cumulative sums.

    Parameters
    ----------
    y : array_like, shape (R, n)
        Targets of R training sets.
    starts : array_like of int, shape (G,) or (R, m)
        Run starts from :func:`neighbour_windows`, shared by all sets or one row per set.
    k : int
        Run length.

    Returns
    -------
    numpy.ndarray, shape (R, G) or (R, m)

    Examples
    --------
    >>> knn_predictions(np.array([[1.0, 2.0, 6.0]]), np.array([0, 1]), 2)
    array([[1.5, 4. ]])
    """
    y = np.asarray(y, dtype=float)
    totals = np.concatenate([np.zeros((len(y), 1)), np.cumsum(y, axis=1)], axis=1)
    starts = np.broadcast_to(starts, (len(y), *np.shape(starts)[-1:]))
    return (np.take_along_axis(totals, starts + k, 1) - np.take_along_axis(totals, starts, 1)) / k


@dataclass(frozen=True)
class Decomposition:
    """Monte Carlo estimates of bias², variance and noise, and the measured test error.

    Attributes
    ----------
    x_grid, truth, mean_fit, bias2_x, variance_x : numpy.ndarray, shape (G / DRAW_STEP,)
        Test inputs (every DRAW_STEP-th grid point), ``f`` there, the average fit, and
        bias² and variance at each input.
    fits : numpy.ndarray, shape (SHOWN_FITS, G / DRAW_STEP)
        The first few fitted curves, for drawing.
    x_train, y_example : numpy.ndarray, shape (n,)
        The training inputs and the targets of the first training set.
    bias2, variance, noise : float
        The three terms averaged over x (noise is σ², known exactly).
    expected : float
        ``bias2 + variance + noise``: the decomposition's expected test MSE.
    measured : float
        The test MSE measured directly on fresh noisy test points.
    measured_se : float
        Standard error of `measured` (from the spread across training sets).
    relative_difference : float
        ``(expected - measured) / measured`` (0 when both are 0).
    repeats, test_size : int
        Training sets drawn, and fresh test points per training set.
    """

    x_grid: np.ndarray
    truth: np.ndarray
    mean_fit: np.ndarray
    bias2_x: np.ndarray
    variance_x: np.ndarray
    fits: np.ndarray
    x_train: np.ndarray
    y_example: np.ndarray
    bias2: float
    variance: float
    noise: float
    expected: float
    measured: float
    measured_se: float
    relative_difference: float
    repeats: int
    test_size: int


def _check(name: str, value, lo: float, hi: float = np.inf, *, integer: bool = True) -> None:
    kind = "an integer" if integer else "a number"
    if integer and (isinstance(value, bool) or int(value) != value):
        raise ValueError(f"`{name}` must be an integer (got {value!r}); round it first")
    if not (np.isfinite(value) and lo <= value <= hi):
        bounds = f"≥ {lo}" if hi == np.inf else f"between {lo} and {hi}"
        raise ValueError(f"`{name}` must be {kind} {bounds} (got {value!r})")


def decompose(
    degree: int,
    noise: float,
    n: int,
    *,
    model: str = "poly",
    k: int = 5,
    seed: int = 0,
    repeats: int = REPEATS,
    test_size: int = TEST_SIZE,
    f=true_function,
) -> Decomposition:
    """Bias², variance and noise of a model, and its directly measured test MSE.

    Draws `repeats` training sets ``y_i = f(x_i) + σ ε_i`` at the inputs of
    :func:`design`, fits the model to each (all at once: the fit is linear in y), and

    - at the inputs of :func:`grid`: ``bias²(x) = (mean_r f̂_r(x) - f(x))²`` and
      ``variance(x) = mean_r (f̂_r(x) - mean f̂(x))²``, averaged over x; noise = σ²;
    - for each training set, draws `test_size` fresh points ``x ~ U(0, 1)``,
      ``y = f(x) + σ ε`` and averages ``(y - f̂_r(x))²``: the measured test MSE.

    Parameters
    ----------
    degree : int
        Polynomial degree (``model="poly"``), 0 or more; ignored for k-NN.
    noise : float
        Standard deviation σ of the noise, ``≥ 0``.
    n : int
        Training-set size, ``≥ 2``.
    model : {"poly", "knn"}
        Least-squares polynomial, or the average of the `k` nearest training targets.
    k : int
        Neighbours for ``model="knn"``, ``1 ≤ k ≤ n``.
    seed : int
        Seed of the random generator: the same seed gives the same training sets for
        every model and complexity (common random numbers), so curves are smooth.
    repeats : int
        Number of training sets, ``≥ 2``.
    test_size : int
        Fresh test points per training set, ``≥ 1``.
    f : callable
        True function, vectorised on arrays; :func:`true_function` by default.

    Returns
    -------
    Decomposition

    Raises
    ------
    ValueError
        If an argument is out of range (the message names it and its range).

    Notes
    -----
    The variance uses the divisor R (not R - 1), so that ``bias² + variance`` equals
    the average squared distance of the fits from f over the same training sets
    exactly; the decomposition and the measurement then differ only by the sampling
    of the test points.

    Examples
    --------
    A straight line cannot follow a sine wave: mostly bias, little variance.

    >>> d = decompose(1, 0.3, 30)
    >>> round(d.bias2, 2), d.variance < 0.01, round(d.noise, 2)
    (0.2, True, 0.09)
    >>> abs(d.relative_difference) < 0.05
    True
    """
    if model not in MODELS:
        raise ValueError(f"`model` must be one of {MODELS} (got {model!r})")
    _check("n", n, 2)
    _check("noise", noise, 0, integer=False)
    _check("repeats", repeats, 2)
    _check("test_size", test_size, 1)
    if model == "poly":
        _check("degree", degree, 0)
    else:
        _check("k", k, 1, n)
    rng = np.random.default_rng(seed)
    x_train = design(n)
    y = f(x_train) + noise * rng.standard_normal((repeats, n))  # (R, n)
    x_test = rng.uniform(size=(repeats, test_size))
    y_test = f(x_test) + noise * rng.standard_normal((repeats, test_size))
    x_grid = grid()

    if model == "poly":
        coefficients = polynomial_coefficients(x_train, y, degree)  # (R, degree + 1)
        fits = coefficients @ legendre_basis(x_grid, degree).T  # (R, G)
        # Clenshaw's recurrence per test point: no (R, m, degree + 1) Vandermonde in memory
        predictions = legendre.legval(2 * x_test.T - 1, coefficients.T, tensor=False).T
    else:
        fits = knn_predictions(y, neighbour_windows(x_train, x_grid, k), k)
        predictions = knn_predictions(y, neighbour_windows(x_train, x_test, k), k)

    truth = f(x_grid)
    mean_fit = fits.mean(axis=0)
    bias2_x = (mean_fit - truth) ** 2
    variance_x = fits.var(axis=0)
    loss_per_set = ((y_test - predictions) ** 2).mean(axis=1)  # (R,)
    bias2, variance, sigma2 = float(bias2_x.mean()), float(variance_x.mean()), float(noise**2)
    expected = bias2 + variance + sigma2
    measured = float(loss_per_set.mean())
    drawn = slice(None, None, DRAW_STEP)
    # Copies, not views: a view would keep its whole (R, G) or (R, n) array alive for as
    # long as the result is cached (MBs per result; the soak's server grew by GBs).
    return Decomposition(
        x_grid=x_grid[drawn].copy(),
        truth=truth[drawn].copy(),
        mean_fit=mean_fit[drawn].copy(),
        bias2_x=bias2_x[drawn].copy(),
        variance_x=variance_x[drawn].copy(),
        fits=fits[:SHOWN_FITS, drawn].copy(),
        x_train=x_train.copy(),
        y_example=y[0].copy(),
        bias2=bias2,
        variance=variance,
        noise=sigma2,
        expected=expected,
        measured=measured,
        measured_se=float(loss_per_set.std(ddof=1) / np.sqrt(repeats)),
        relative_difference=(expected - measured) / measured if measured > 0 else 0.0,
        repeats=repeats,
        test_size=test_size,
    )


@dataclass(frozen=True)
class Curve:
    """The decomposition along a range of complexities (one entry per complexity)."""

    complexity: np.ndarray
    bias2: np.ndarray
    variance: np.ndarray
    noise: np.ndarray
    expected: np.ndarray
    measured: np.ndarray


def complexity_curve(
    complexities,
    noise: float,
    n: int,
    *,
    model: str = "poly",
    seed: int = 0,
    repeats: int = REPEATS,
    test_size: int = TEST_SIZE,
    f=true_function,
) -> Curve:
    """:func:`decompose` at each complexity: polynomial degrees, or k for ``model="knn"``.

    The same seed means the same training sets at every complexity, so the point of
    the current setting lies exactly on the curve.

    Examples
    --------
    >>> c = complexity_curve([1, 3, 9], 0.3, 30)
    >>> bool(c.bias2[0] > c.bias2[1]), bool(c.variance[0] < c.variance[1] < c.variance[2])
    (True, True)
    """
    results = [
        decompose(
            c if model == "poly" else 0,
            noise,
            n,
            model=model,
            k=c if model == "knn" else 1,
            seed=seed,
            repeats=repeats,
            test_size=test_size,
            f=f,
        )
        for c in complexities
    ]
    return Curve(
        complexity=np.asarray(complexities),
        bias2=np.array([r.bias2 for r in results]),
        variance=np.array([r.variance for r in results]),
        noise=np.array([r.noise for r in results]),
        expected=np.array([r.expected for r in results]),
        measured=np.array([r.measured for r in results]),
    )


def diagnosis(bias2: float, variance: float, *, small: float = 0.01, factor: float = 3.0):
    """Name the regime: ``"small"``, ``"under"`` (fitting), ``"over"`` or ``"balanced"``.

    Both terms below `small` (in squared units of f, whose amplitude is 1 here): the
    model captures f. Otherwise bias² more than `factor` × the variance is underfitting,
    the variance more than `factor` × bias² is overfitting, anything between balanced.

    Returns
    -------
    (str, float)
        The regime, and how many times the larger term exceeds the smaller (∞ if the
        smaller is 0).

    Examples
    --------
    >>> diagnosis(0.196, 0.006)
    ('under', 32.666666666666664)
    >>> diagnosis(0.0002, 0.06)[0]
    'over'
    """
    high, low = max(bias2, variance), min(bias2, variance)
    ratio = high / low if low > 0 else float("inf")
    if bias2 + variance < small:
        return "small", ratio
    if ratio <= factor:
        return "balanced", ratio
    return ("under" if bias2 > variance else "over"), ratio
