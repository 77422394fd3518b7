"""Continuous views of cross-entropy and KL divergence, for the lessons that compare distributions.

The discrete measures live in :mod:`lossviz.info`; this module adds what the
lessons need around them:

- Gaussian densities and the integrand ``-p(x) log q(x)`` on a grid, and its
  numeric integral (:func:`scipy.integrate.quad`) to set beside the closed form;
- a sweep of q's mean, precomputed for a figure that scrubs it in the browser;
- discretisation with bin width Δ, linking discrete and differential
  cross-entropy (``H_Δ(p, q) ≈ h(p, q) - log Δ``);
- a two-Gaussian mixture and the single Gaussian that best fits it by forward
  (``D(p‖q)``: moment matching, exact) or reverse (``D(q‖p)``: found with
  :func:`scipy.optimize.minimize` on the quadrature) KL;
- the KL divergence between two coins over a grid of their biases.

Means, standard deviations and bases are checked with the helpers of
:mod:`lossviz.info`, so errors read the same in every module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import integrate, optimize, stats
from scipy.special import log_ndtr, logsumexp, rel_entr

# The validation helpers of lossviz.info, so that both modules check and word errors alike.
from lossviz.coding import average_length, huffman_code
from lossviz.info import (
    _as_float_array,
    _as_mu,
    _as_pair,
    _as_probabilities,
    _as_sigma,
    _check_finite,
    _check_vector,
    _in_base,
    gaussian_cross_entropy,
)

__all__ = [
    "CodeCost",
    "CrossEntropySweep",
    "GaussianFit",
    "bernoulli_kl_grid",
    "cross_entropy_integrand",
    "cross_entropy_sweep",
    "discretised_cross_entropy",
    "forward_kl_fit",
    "gaussian_density",
    "huffman_cost",
    "mixture_density",
    "mixture_kl",
    "numeric_cross_entropy",
    "reverse_kl_fit",
    "two_gaussian_mixture",
]

#: Half-width, in standard deviations, of the interval the numeric integrals cover.
#: Beyond 12 σ a Gaussian's mass is below 1e-32: nothing a float sum would notice.
LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)
SPAN = 12.0
_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def _scalar_mu(mu: float, name: str) -> float:
    arr = _as_mu(mu, name)
    if arr.ndim:
        raise ValueError(f"`{name}` must be a single number (got shape {arr.shape}); pass a float")
    return float(arr)


def _scalar_sigma(sigma: float, name: str) -> float:
    arr = _as_sigma(sigma, name)
    if arr.ndim:
        raise ValueError(f"`{name}` must be a single number (got shape {arr.shape}); pass a float")
    return float(arr)


def _grid(x: ArrayLike) -> NDArray[np.float64]:
    arr = _as_float_array(x, "x")
    _check_vector(arr, "x", "pass the points as a flat, non-empty list")
    _check_finite(arr, "x", "pass finite points")
    return arr


# --------------------------------------------------------------------------- the coding reading


@dataclass(frozen=True)
class CodeCost:
    """What a Huffman code built for q costs on data from p.

    Attributes
    ----------
    words : list of str or None
        q's codeword for each outcome; None where ``q_i = 0`` (no codeword at all).
    on_p : float
        Average length, in bits, of q's code on outcomes drawn from p; ``inf`` when
        p produces an outcome that has no codeword.
    own : float
        Average length, in bits, of the Huffman code built for p itself.
    """

    words: list[str | None]
    on_p: float
    own: float


def huffman_cost(p: ArrayLike, q: ArrayLike) -> CodeCost:
    r"""Build a Huffman code for the model q and measure it on data from p.

    The coding reading of cross-entropy: a code with lengths ``-log2 q_i`` costs
    ``H(p, q)`` bits per outcome on data from p, ``D(p‖q)`` more than the best
    code for p. Huffman codes have whole-bit lengths, so the two averages only
    approximate ``H(p, q)`` and ``H(p)`` (the code for p comes within a bit of
    ``H(p)``); they equal them exactly when p and q are dyadic.

    Parameters
    ----------
    p : array_like, shape (k,)
        True distribution, summing to 1.
    q : array_like, shape (k,)
        Model distribution the code is built for, summing to 1.

    Returns
    -------
    CodeCost

    Raises
    ------
    ValueError
        If `p` or `q` is not a valid distribution, or they differ in length.

    Notes
    -----
    Conventions. An outcome with ``q_i = 0`` gets no codeword; if p can produce
    it, q's code cannot send it at all and the cost is ``inf``, as is ``H(p, q)``.

    Examples
    --------
    >>> cost = huffman_cost([0.5, 0.25, 0.125, 0.125], [0.25, 0.25, 0.25, 0.25])
    >>> cost.words, cost.on_p, cost.own  # 2 bits against H(p) = 1.75: D(p‖q) = 0.25
    (['00', '01', '10', '11'], 2.0, 1.75)
    >>> huffman_cost([0.5, 0.5], [1.0, 0.0]).on_p
    inf
    """
    p, q = _as_pair(p, q)
    code_q = {i: w for i, _, w in huffman_code(q)}
    code_p = {i: w for i, _, w in huffman_code(p)}
    words = [code_q.get(i) for i in range(q.size)]
    if any(w is None and pi > 0 for w, pi in zip(words, p)):
        on_p = math.inf
    else:
        on_p = average_length(p, [len(w or "") for w in words])
    own = average_length(p, [len(code_p.get(i, "")) for i in range(p.size)])
    return CodeCost(words, on_p, own)


# --------------------------------------------------------------------------- Gaussian cross-entropy


def gaussian_density(x: ArrayLike, mu: float, sigma: float) -> NDArray[np.float64]:
    r"""The density of N(μ, σ²) at the points `x`.

    .. math:: p(x) = \frac{1}{\sigma \sqrt{2\pi}} e^{-(x - \mu)^2 / (2 \sigma^2)}

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite points.
    mu : float
        Mean, finite.
    sigma : float
        Standard deviation, finite and > 0.

    Returns
    -------
    ndarray, shape (n,)
        The density at each point (per unit of x, so it can exceed 1).

    Raises
    ------
    ValueError
        If `x` is not a finite 1-D array, `mu` is not finite or `sigma` is not > 0.

    Examples
    --------
    >>> round(float(gaussian_density([0.0], 0, 1)[0]), 4)  # 1 / √(2π)
    0.3989
    >>> float(gaussian_density([0.0], 0, 0.1)[0]) > 1  # a narrow density exceeds 1
    True
    """
    return stats.norm.pdf(_grid(x), _scalar_mu(mu, "mu"), _scalar_sigma(sigma, "sigma"))


def cross_entropy_integrand(
    x: ArrayLike, mu_p: float, sigma_p: float, mu_q: float, sigma_q: float, *, base: float = 2
) -> NDArray[np.float64]:
    r"""The integrand of the differential cross-entropy, ``-p(x) log_b q(x)``, at the points `x`.

    Its area is :func:`lossviz.info.gaussian_cross_entropy`.

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite points.
    mu_p, sigma_p : float
        Mean and standard deviation of the true distribution p.
    mu_q, sigma_q : float
        Mean and standard deviation of the model q.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    ndarray, shape (n,)
        The integrand, in units per unit of x.

    Raises
    ------
    ValueError
        If `x` is not finite and 1-D, a mean is not finite, a standard deviation
        is not > 0, or `base` is not a valid logarithm base.

    Notes
    -----
    Conventions. ``log q`` is taken from :func:`scipy.stats.norm.logpdf`, never
    as the log of a density that has underflowed to 0, so far in the tails the
    integrand is ``p(x)`` times a large but finite surprise. Where ``q(x) > 1``
    (a model narrower than about 0.4) the surprise is negative and so is the
    integrand: a density is not a probability.

    Examples
    --------
    >>> values = cross_entropy_integrand([0.0, 1.0], 0, 1, 0, 1, base=math.e)
    >>> [round(float(v), 4) for v in values]  # p(0)·½ln(2π), p(1)·(½ln(2π) + ½)
    [0.3666, 0.3433]
    """
    x = _grid(x)
    mu_p, sigma_p = _scalar_mu(mu_p, "mu_p"), _scalar_sigma(sigma_p, "sigma_p")
    mu_q, sigma_q = _scalar_mu(mu_q, "mu_q"), _scalar_sigma(sigma_q, "sigma_q")
    nats = -stats.norm.pdf(x, mu_p, sigma_p) * stats.norm.logpdf(x, mu_q, sigma_q)
    return _in_base(nats, base)


def numeric_cross_entropy(
    mu_p: float, sigma_p: float, mu_q: float, sigma_q: float, *, base: float = 2
) -> float:
    r"""The differential cross-entropy ``-∫ p log_b q dx`` by adaptive quadrature.

    .. math:: h(p, q) = -\int_{\mu_p - 12\sigma_p}^{\mu_p + 12\sigma_p} p(x) \log_b q(x)\,dx

    A check, computed without the closed form, on
    :func:`lossviz.info.gaussian_cross_entropy`.

    Parameters
    ----------
    mu_p, sigma_p : float
        Mean and standard deviation of the true distribution p.
    mu_q, sigma_q : float
        Mean and standard deviation of the model q.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float
        The integral (:func:`scipy.integrate.quad`, absolute error below 1e-9).

    Raises
    ------
    ValueError
        If a mean is not finite, a standard deviation is not > 0, or `base` is
        not a valid logarithm base.

    Notes
    -----
    Conventions. The interval is p's mean ± 12 σ_p, with a break point at q's
    mean when it falls inside; p's mass outside is below 1e-32.

    Examples
    --------
    >>> round(numeric_cross_entropy(0, 1, 0, 1, base=math.e), 4)  # ½ ln(2πe)
    1.4189
    >>> round(numeric_cross_entropy(0, 1, 1, 1, base=math.e), 4)  # + ½ for a 1 σ shift
    1.9189
    """
    mu_p, sigma_p = _scalar_mu(mu_p, "mu_p"), _scalar_sigma(sigma_p, "sigma_p")
    mu_q, sigma_q = _scalar_mu(mu_q, "mu_q"), _scalar_sigma(sigma_q, "sigma_q")
    lo, hi = mu_p - SPAN * sigma_p, mu_p + SPAN * sigma_p
    points = [mu_p] + ([mu_q] if lo < mu_q < hi else [])
    # The integrand in plain float arithmetic: quad calls it hundreds of times, and
    # scipy.stats' pdf/logpdf cost ~40 µs a call in argument checks (a sweep of 41
    # means took ~0.5 s that way, ~20 ms this way). Still log q evaluated pointwise.
    p_scale, log_q_norm = 1 / (sigma_p * math.sqrt(2 * math.pi)), -math.log(sigma_q) - LOG_SQRT_2PI

    def integrand(x: float) -> float:
        zp, zq = (x - mu_p) / sigma_p, (x - mu_q) / sigma_q
        return -p_scale * math.exp(-0.5 * zp * zp) * (log_q_norm - 0.5 * zq * zq)

    nats, _ = integrate.quad(
        integrand,
        lo,
        hi,
        points=points,
        epsabs=1e-11,
        epsrel=1e-11,
        limit=200,
    )
    return _in_base(nats, base)


@dataclass(frozen=True)
class CrossEntropySweep:
    """Curves for a range of q's means: one row per mean, one column per grid point.

    Attributes
    ----------
    x : ndarray, shape (n,)
        The grid.
    p : ndarray, shape (n,)
        p's density on the grid.
    mu_q : ndarray, shape (m,)
        The means of q.
    q : ndarray, shape (m, n)
        q's density on the grid, for each mean.
    integrand : ndarray, shape (m, n)
        ``-p(x) log_b q(x)`` on the grid, for each mean.
    closed_form : ndarray, shape (m,)
        ``h(p, q)`` from the closed form.
    numeric : ndarray, shape (m,)
        ``h(p, q)`` by adaptive quadrature.
    """

    x: NDArray[np.float64]
    p: NDArray[np.float64]
    mu_q: NDArray[np.float64]
    q: NDArray[np.float64]
    integrand: NDArray[np.float64]
    closed_form: NDArray[np.float64]
    numeric: NDArray[np.float64]


def cross_entropy_sweep(
    x: ArrayLike,
    mu_p: float,
    sigma_p: float,
    mu_q_values: ArrayLike,
    sigma_q: float,
    *,
    base: float = 2,
) -> CrossEntropySweep:
    """Precompute q, the integrand and ``h(p, q)`` for each of several means of q.

    What a figure needs to move q's mean in the browser without asking the
    server: one frame per entry of `mu_q_values`.

    Parameters
    ----------
    x : array_like, shape (n,)
        Grid on which the curves are drawn.
    mu_p, sigma_p : float
        Mean and standard deviation of p (fixed across the sweep).
    mu_q_values : array_like, shape (m,)
        The means of q, one frame each.
    sigma_q : float
        Standard deviation of q (fixed across the sweep).
    base : float, default 2
        Logarithm base.

    Returns
    -------
    CrossEntropySweep

    Raises
    ------
    ValueError
        As :func:`cross_entropy_integrand`, or if `mu_q_values` is not a finite 1-D array.

    Examples
    --------
    >>> sweep = cross_entropy_sweep(np.linspace(-4, 4, 81), 0, 1, [-1, 0, 1], 1, base=math.e)
    >>> sweep.q.shape, [round(float(v), 3) for v in sweep.closed_form]
    ((3, 81), [1.919, 1.419, 1.919])
    """
    x = _grid(x)
    means = _as_float_array(mu_q_values, "mu_q_values")
    _check_vector(means, "mu_q_values", "pass the means of q as a flat, non-empty list")
    _check_finite(means, "mu_q_values", "pass finite means")
    sigma_q = _scalar_sigma(sigma_q, "sigma_q")
    q = stats.norm.pdf(x[None, :], means[:, None], sigma_q)
    integrand = np.array(
        [cross_entropy_integrand(x, mu_p, sigma_p, m, sigma_q, base=base) for m in means]
    )
    closed = np.asarray(gaussian_cross_entropy(mu_p, sigma_p, means, sigma_q, base=base))
    numeric = np.array([numeric_cross_entropy(mu_p, sigma_p, m, sigma_q, base=base) for m in means])
    p = gaussian_density(x, mu_p, sigma_p)
    return CrossEntropySweep(x, p, means, q, integrand, closed, numeric)


def _log_bin_mass(edges: NDArray[np.float64], mu: float, sigma: float) -> NDArray[np.float64]:
    """``log(Φ(b) - Φ(a))`` for each bin [a, b] of N(μ, σ²), accurate deep in either tail."""
    z = (edges - mu) / sigma
    a, b = z[:-1], z[1:]
    upper = a > 0  # in the upper tail use Φ(b) - Φ(a) = Φ(-a) - Φ(-b): no cancellation
    hi = np.where(upper, log_ndtr(-a), log_ndtr(b))
    lo = np.where(upper, log_ndtr(-b), log_ndtr(a))
    with np.errstate(divide="ignore"):  # a bin of zero width in float: log 0 = -inf
        return hi + np.log1p(-np.exp(lo - hi))


def discretised_cross_entropy(
    mu_p: float, sigma_p: float, mu_q: float, sigma_q: float, *, width: float, base: float = 2
) -> float:
    r"""The discrete cross-entropy of two Gaussians binned into intervals of width Δ.

    .. math:: H_\Delta(p, q) = -\sum_i P_i \log_b Q_i \approx h(p, q) - \log_b \Delta,

    where ``P_i`` and ``Q_i`` are the masses of bin ``[iΔ, (i+1)Δ)``.

    Parameters
    ----------
    mu_p, sigma_p : float
        Mean and standard deviation of the true distribution p.
    mu_q, sigma_q : float
        Mean and standard deviation of the model q.
    width : float
        Bin width Δ, > 0 (any size, as long as the densities span at most
        200 000 bins).
    base : float, default 2
        Logarithm base.

    Returns
    -------
    float
        ``H_Δ(p, q)``; always finite and > 0, and close to ``h(p, q) - log_b Δ``
        when Δ is small against both standard deviations.

    Raises
    ------
    ValueError
        If a mean is not finite, a standard deviation or `width` is not > 0,
        the bins would be too many, or `base` is not a valid logarithm base.

    Notes
    -----
    Conventions. Bins are aligned on multiples of Δ over both means ± 12 σ; the
    two end bins reach to ±∞, so both sets of masses sum to 1. Masses are kept
    as logarithms (:func:`scipy.special.log_ndtr`), so a bin where q is
    astronomically small costs a large but finite surprise, as it should: a
    Gaussian model never rules anything out.

    The ``- log Δ`` is why differential and discrete cross-entropy differ: the
    finer the bins, the more bits it takes to say which bin, without bound.

    Examples
    --------
    >>> h = 0.5 * math.log2(2 * math.pi * math.e)  # h(p, p) for N(0, 1), in bits
    >>> round(discretised_cross_entropy(0, 1, 0, 1, width=0.01) - (h - math.log2(0.01)), 4)
    0.0
    """
    mu_p, sigma_p = _scalar_mu(mu_p, "mu_p"), _scalar_sigma(sigma_p, "sigma_p")
    mu_q, sigma_q = _scalar_mu(mu_q, "mu_q"), _scalar_sigma(sigma_q, "sigma_q")
    width = _scalar_sigma(width, "width")
    lo = min(mu_p - SPAN * sigma_p, mu_q - SPAN * sigma_q)
    hi = max(mu_p + SPAN * sigma_p, mu_q + SPAN * sigma_q)
    first, last = math.floor(lo / width), math.ceil(hi / width)
    if last - first > 200_000:
        raise ValueError(
            f"`width` is too small for these densities ({last - first} bins); "
            "use a bin width of at least 1/10 000 of the distance the densities span"
        )
    edges = np.arange(first, last + 1) * width
    edges[0], edges[-1] = -np.inf, np.inf
    log_p = _log_bin_mass(edges, mu_p, sigma_p)
    log_q = _log_bin_mass(edges, mu_q, sigma_q)
    mass_p = np.exp(log_p)
    nats = -np.sum(mass_p * log_q, where=mass_p > 0)  # a bin p never reaches costs nothing
    return _in_base(nats, base)


# --------------------------------------------------------------------------- mixtures and fits


def two_gaussian_mixture(
    separation: float, weight: float, *, sigma: float = 1.0
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Weights, means and standard deviations of a mixture of two Gaussians around 0.

    The left component is N(-separation/2, σ²) with weight `weight`, the right
    one N(+separation/2, σ²) with weight ``1 - weight``.

    Parameters
    ----------
    separation : float
        Distance between the two means, finite and >= 0.
    weight : float
        Weight of the left component, in [0, 1].
    sigma : float, default 1
        Standard deviation of both components, > 0.

    Returns
    -------
    weights, mus, sigmas : ndarray, shape (2,)

    Raises
    ------
    ValueError
        If `separation` is negative or not finite, `weight` is not in [0, 1],
        or `sigma` is not > 0.

    Examples
    --------
    >>> weights, mus, sigmas = two_gaussian_mixture(4, 0.3)
    >>> weights.tolist(), mus.tolist(), sigmas.tolist()
    ([0.3, 0.7], [-2.0, 2.0], [1.0, 1.0])
    """
    d = _scalar_mu(separation, "separation")
    if d < 0:
        raise ValueError(f"`separation` must be >= 0 (got {d:g}); it is a distance between means")
    w = float(_as_probabilities(weight, "weight"))
    s = _scalar_sigma(sigma, "sigma")
    return np.array([w, 1 - w]), np.array([-d / 2, d / 2]), np.array([s, s])


def _mixture(weights: ArrayLike, mus: ArrayLike, sigmas: ArrayLike):
    w = _as_probabilities(weights, "weights")
    _check_vector(w, "weights", "pass one weight per component")
    if abs(w.sum() - 1) > 1e-6:
        raise ValueError(f"`weights` must sum to 1 (got {w.sum():.10g}); normalise them first")
    m, s = _as_mu(mus, "mus"), _as_sigma(sigmas, "sigmas")
    if not (w.shape == m.shape == s.shape):
        raise ValueError(
            f"`weights`, `mus` and `sigmas` must have the same length (got {w.size}, {m.size} "
            f"and {s.size}); give each component a weight, a mean and a standard deviation"
        )
    return w, m, s


def _mixture_logpdf(x, w, m, s):
    with np.errstate(divide="ignore"):  # a component of weight 0: log 0 = -inf drops it
        log_w = np.log(w)
    return logsumexp(log_w + stats.norm.logpdf(np.asarray(x)[..., None], m, s), axis=-1)


def mixture_density(
    x: ArrayLike, weights: ArrayLike, mus: ArrayLike, sigmas: ArrayLike
) -> NDArray[np.float64]:
    r"""The density of a Gaussian mixture ``Σ_k w_k N(x; μ_k, σ_k²)`` at the points `x`.

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite points.
    weights : array_like, shape (c,)
        Component weights, non-negative, summing to 1.
    mus, sigmas : array_like, shape (c,)
        Component means (finite) and standard deviations (> 0).

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    ValueError
        If the weights are not probabilities summing to 1, the three arrays
        differ in length, a mean is not finite or a standard deviation not > 0.

    Examples
    --------
    >>> float(mixture_density([0.0], [0.5, 0.5], [-1, 1], [1, 1])[0]) == float(
    ...     gaussian_density([1.0], 0, 1)[0])
    True
    """
    w, m, s = _mixture(weights, mus, sigmas)
    return np.exp(_mixture_logpdf(_grid(x), w, m, s))


def mixture_kl(
    weights: ArrayLike,
    mus: ArrayLike,
    sigmas: ArrayLike,
    mu_q: float,
    sigma_q: float,
    *,
    reverse: bool = False,
    base: float = 2,
) -> float:
    r"""KL divergence between a Gaussian mixture p and one Gaussian q, by quadrature.

    .. math:: D(p \| q) = \int p \log_b \frac{p}{q}\,dx \quad\text{or, with reverse=True,}\quad
              D(q \| p) = \int q \log_b \frac{q}{p}\,dx

    Parameters
    ----------
    weights, mus, sigmas : array_like, shape (c,)
        The mixture p (see :func:`mixture_density`).
    mu_q, sigma_q : float
        The Gaussian q.
    reverse : bool, default False
        False for the forward divergence ``D(p‖q)`` (the data's view: q is
        charged wherever p has mass), True for the reverse ``D(q‖p)`` (q's own
        view: q is charged wherever it puts mass that p lacks).
    base : float, default 2
        Logarithm base.

    Returns
    -------
    float
        The divergence, ``>= 0`` up to the quadrature error (about 1e-9).

    Raises
    ------
    ValueError
        As :func:`mixture_density`, or for a bad `mu_q`, `sigma_q` or `base`.

    Notes
    -----
    Conventions. Both logarithms are computed as log-densities
    (:func:`scipy.special.logsumexp` for the mixture), so the integrand stays
    finite far in the tails. The interval covers every component and q to ±12 σ,
    with break points at every mean.

    Examples
    --------
    >>> round(mixture_kl([1.0], [1.0], [1.0], 0, 1, base=math.e), 6)  # one component: ½ nat
    0.5
    """
    w, m, s = _mixture(weights, mus, sigmas)
    mu_q, sigma_q = _scalar_mu(mu_q, "mu_q"), _scalar_sigma(sigma_q, "sigma_q")
    lo = min(np.min(m - SPAN * s), mu_q - SPAN * sigma_q)
    hi = max(np.max(m + SPAN * s), mu_q + SPAN * sigma_q)
    points = sorted({float(v) for v in [*m, mu_q] if lo < v < hi})

    # Plain floats and the math module: quad calls this hundreds of times per integral.
    log_c = [math.log(wk) - math.log(sk) - _HALF_LOG_2PI for wk, sk in zip(w, s) if wk > 0]
    comps = [(float(mk), float(sk)) for wk, mk, sk in zip(w, m, s) if wk > 0]
    log_cq = -math.log(sigma_q) - _HALF_LOG_2PI

    def integrand(x: float) -> float:
        terms = [c - 0.5 * ((x - mk) / sk) ** 2 for c, (mk, sk) in zip(log_c, comps)]
        top = max(terms)
        log_p = top + math.log(sum(math.exp(t - top) for t in terms))  # log-sum-exp
        log_q = log_cq - 0.5 * ((x - mu_q) / sigma_q) ** 2
        if reverse:
            return math.exp(log_q) * (log_q - log_p)
        return math.exp(log_p) * (log_p - log_q)

    nats, _ = integrate.quad(integrand, lo, hi, points=points, epsabs=1e-10, limit=200)
    return _in_base(nats, base)


@dataclass(frozen=True)
class GaussianFit:
    """The Gaussian q that minimises a divergence, and the divergence it reaches.

    Attributes
    ----------
    mu, sigma : float
        Mean and standard deviation of the fitted q.
    divergence : float
        The minimised divergence, in the requested base.
    start : tuple of float
        ``(mu, sigma)`` where the optimiser started.
    """

    mu: float
    sigma: float
    divergence: float
    start: tuple[float, float]


def _fit(weights, mus, sigmas, start, reverse: bool, base: float) -> GaussianFit:
    w, m, s = _mixture(weights, mus, sigmas)
    mu0 = _scalar_mu(start[0], "start[0]")
    sigma0 = _scalar_sigma(start[1], "start[1]")
    if not reverse:  # the exact minimiser: q's mean and variance are the mixture's
        mu = float(w @ m)
        sigma = math.sqrt(max(float(w @ (s**2 + (m - mu) ** 2)), 0.0))
    else:
        # Optimise log σ, so every step proposes a valid σ > 0.
        result = optimize.minimize(
            lambda theta: mixture_kl(
                w, m, s, theta[0], math.exp(theta[1]), reverse=True, base=math.e
            ),
            [mu0, math.log(sigma0)],
            method="Nelder-Mead",
            options={"xatol": 1e-6, "fatol": 1e-11, "maxiter": 2000},
        )
        mu, sigma = float(result.x[0]), math.exp(result.x[1])
    divergence = mixture_kl(w, m, s, mu, sigma, reverse=reverse, base=base)
    return GaussianFit(mu, sigma, divergence, (mu0, sigma0))


def forward_kl_fit(
    weights: ArrayLike,
    mus: ArrayLike,
    sigmas: ArrayLike,
    *,
    start: tuple[float, float] = (0.0, 1.0),
    base: float = 2,
) -> GaussianFit:
    r"""The Gaussian q that minimises the forward divergence ``D(p‖q)`` from a mixture p.

    Maximum likelihood's choice (minimising ``D(p‖q)`` is minimising the
    cross-entropy ``H(p, q)``): q must cover every mode of p, so it spreads over
    all of them ("mode-covering"). Computed from the known answer (below); the tests
    check it against a numerical minimisation of :func:`mixture_kl`.

    Parameters
    ----------
    weights, mus, sigmas : array_like, shape (c,)
        The mixture p (see :func:`mixture_density`).
    start : (float, float), default (0, 1)
        Where a search would start: the answer does not depend on it (it is kept, and
        reported in the result, for symmetry with :func:`reverse_kl_fit`).
    base : float, default 2
        Logarithm base of the reported divergence.

    Returns
    -------
    GaussianFit

    Raises
    ------
    ValueError
        As :func:`mixture_kl`, or if the start has a non-finite mean or σ <= 0.

    Notes
    -----
    The exact minimiser matches moments: q's mean and variance are the
    mixture's. The forward divergence is convex in q's natural parameters, so
    the search ends there from any start.

    Examples
    --------
    >>> fit = forward_kl_fit([0.5, 0.5], [-2, 2], [1, 1])
    >>> round(fit.mu, 3), round(fit.sigma, 3)  # mean 0, variance 1 + 2² = 5
    (0.0, 2.236)
    """
    return _fit(weights, mus, sigmas, start, reverse=False, base=base)


def reverse_kl_fit(
    weights: ArrayLike,
    mus: ArrayLike,
    sigmas: ArrayLike,
    *,
    start: tuple[float, float] = (0.0, 1.0),
    base: float = 2,
) -> GaussianFit:
    r"""The Gaussian q that minimises the reverse divergence ``D(q‖p)``, searched from `start`.

    Variational inference's choice: q is charged for every bit of mass it puts
    where p has little, so it settles inside one mode ("mode-seeking"). With
    well-separated modes there is one local minimum per mode, and which one the
    search finds depends on where it starts.

    Parameters
    ----------
    weights, mus, sigmas : array_like, shape (c,)
        The mixture p (see :func:`mixture_density`).
    start : (float, float), default (0, 1)
        Mean and standard deviation where the search starts.
    base : float, default 2
        Logarithm base of the reported divergence.

    Returns
    -------
    GaussianFit

    Raises
    ------
    ValueError
        As :func:`forward_kl_fit`.

    Notes
    -----
    When q settles on component k of a well-separated mixture, ``q ≈ N(μ_k, σ_k²)``
    and ``D(q‖p) ≈ -log w_k``: the cost of ignoring the other modes is the
    surprise of the chosen mode's weight.

    Examples
    --------
    >>> fit = reverse_kl_fit([0.5, 0.5], [-4, 4], [1, 1], start=(-3, 1))
    >>> round(fit.mu, 2), round(fit.sigma, 2), round(fit.divergence, 3)  # -log2 ½ = 1 bit
    (-4.0, 1.0, 1.0)
    """
    return _fit(weights, mus, sigmas, start, reverse=True, base=base)


# --------------------------------------------------------------------------- two coins


def bernoulli_kl_grid(a: ArrayLike, b: ArrayLike, *, base: float = 2) -> NDArray[np.float64]:
    r"""``D(Bern(a)‖Bern(b))`` for every pair of biases: rows follow `b`, columns follow `a`.

    .. math:: D = a \log_b \frac{a}{b} + (1 - a) \log_b \frac{1 - a}{1 - b}

    Parameters
    ----------
    a : array_like, shape (n,)
        Probabilities of heads under the true coin p, in [0, 1].
    b : array_like, shape (m,)
        Probabilities of heads under the model coin q, in [0, 1].
    base : float, default 2
        Logarithm base.

    Returns
    -------
    ndarray, shape (m, n)
        ``out[j, i] = D(Bern(a[i]) ‖ Bern(b[j]))``, the layout of a heatmap
        with `a` across and `b` up.

    Raises
    ------
    ValueError
        If `a` or `b` is not a 1-D array of probabilities, or `base` is invalid.

    Notes
    -----
    Conventions (:func:`scipy.special.rel_entr`): ``0 log(0/b) = 0``, and ``inf``
    where the model coin gives probability 0 to a side the true coin can show.

    Examples
    --------
    >>> bernoulli_kl_grid([1.0, 0.5], [0.5, 0.0]).tolist()
    [[1.0, 0.0], [inf, inf]]
    """
    a = _as_probabilities(a, "a")
    b = _as_probabilities(b, "b")
    _check_vector(a, "a", "pass the biases as a flat list")
    _check_vector(b, "b", "pass the biases as a flat list")
    aa, bb = a[None, :], b[:, None]
    nats = rel_entr(aa, bb) + rel_entr(1 - aa, 1 - bb)
    return _in_base(nats, base)
