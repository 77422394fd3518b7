"""Information measures: self-information, entropy, cross-entropy, KL and JS divergence.

Every function takes the logarithm base as the keyword-only option ``base``:
``2`` gives bits (the default), ``math.e`` nats and ``10`` hartleys (see
:data:`UNITS`). Discrete distributions are 1-D array-likes of probabilities that
sum to 1; ``p`` is always the true (data) distribution and ``q`` the model's.

The edge cases of the logarithm (``0 log 0``, ``log 0``) are handled once, by the
SciPy primitives :func:`scipy.special.entr`, :func:`scipy.special.xlogy` and
:func:`scipy.special.rel_entr`, never by adding a small epsilon or clipping: an
infinite answer is the right answer when the maths says so.

Invalid input raises :class:`ValueError` with a message that names the argument
and says how to fix it. Nothing is renormalised silently; use :func:`normalize`
to turn non-negative weights into probabilities explicitly.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import entr, rel_entr, xlog1py, xlogy

__all__ = [
    "UNITS",
    "binary_entropy",
    "cross_entropy",
    "entropy",
    "gaussian_cross_entropy",
    "gaussian_entropy",
    "gaussian_kl",
    "js_divergence",
    "kl_divergence",
    "normalize",
    "self_information",
]

#: Logarithm base of each unit of information, keyed by the name shown to users.
UNITS: dict[str, float] = {"bits": 2.0, "nats": math.e, "hartleys": 10.0}

#: How far from 1 the sum of a distribution may be (rounding in the caller's arithmetic).
SUM_TOLERANCE = 1e-6

_BASE_HINT = "use 2 for bits, math.e for nats or 10 for hartleys"


# --------------------------------------------------------------------------- validation
# Every public function checks its input through these helpers, so each rule and
# its error message is written exactly once.


def _as_float_array(x: ArrayLike, name: str) -> NDArray[np.float64]:
    """Convert `x` to a float array, refusing text, complex numbers and ragged lists."""
    try:
        arr = np.asarray(x)
    except ValueError:  # ragged nested lists
        raise ValueError(
            f"`{name}` must be a rectangular array of real numbers; "
            "check that every row has the same length"
        ) from None
    if arr.dtype.kind in "biuf":
        return arr.astype(np.float64)
    if arr.dtype.kind == "O":  # e.g. fractions.Fraction or decimal.Decimal entries
        try:
            return arr.astype(np.float64)
        except (TypeError, ValueError):
            pass
    got = {"U": "text", "S": "bytes", "c": "complex numbers"}.get(arr.dtype.kind, str(arr.dtype))
    raise ValueError(f"`{name}` must contain real numbers (got {got}); convert it to numbers first")


def _first(arr: NDArray[np.float64], bad: NDArray[np.bool_]) -> str:
    """Describe the first entry of `arr` flagged in `bad`, e.g. ``-0.1 at index 2``."""
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    value = f"{arr[bad].flat[0]:.10g}"
    if not index:  # a scalar
        return value
    return f"{value} at index {index[0] if len(index) == 1 else index}"


def _check_finite(arr: NDArray[np.float64], name: str, fix: str) -> None:
    if np.isnan(arr).any():
        raise ValueError(f"`{name}` must not contain NaN (got {_first(arr, np.isnan(arr))}); {fix}")
    if np.isinf(arr).any():
        raise ValueError(f"`{name}` must be finite (got {_first(arr, np.isinf(arr))}); {fix}")


def _check_vector(arr: NDArray[np.float64], name: str, fix: str) -> None:
    if arr.ndim != 1:
        raise ValueError(f"`{name}` must be 1-D (got shape {arr.shape}); {fix}")
    if arr.size == 0:
        raise ValueError(f"`{name}` must not be empty; {fix}")


def _as_probabilities(p: ArrayLike, name: str = "p") -> NDArray[np.float64]:
    """Check that every entry of `p` (any shape) is a probability in [0, 1]."""
    arr = _as_float_array(p, name)
    fix = "probabilities lie between 0 and 1"
    _check_finite(arr, name, fix)
    if (arr < 0).any():
        raise ValueError(f"`{name}` must be non-negative (got {_first(arr, arr < 0)}); {fix}")
    if (arr > 1).any():
        raise ValueError(f"`{name}` must be at most 1 (got {_first(arr, arr > 1)}); {fix}")
    return arr


def _as_distribution(p: ArrayLike, name: str = "p") -> NDArray[np.float64]:
    """Check that `p` is a 1-D, non-empty vector of probabilities summing to 1."""
    arr = _as_float_array(p, name)
    _check_vector(arr, name, "pass one distribution as a flat list of probabilities")
    arr = _as_probabilities(arr, name)
    total = arr.sum()
    if abs(total - 1) > SUM_TOLERANCE:
        raise ValueError(
            f"`{name}` must sum to 1 (got {total:.10g}); normalise it first, "
            "e.g. with lossviz.info.normalize"
        )
    return arr


def _as_pair(p: ArrayLike, q: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Check two distributions over the same outcomes: the data's `p`, the model's `q`."""
    p, q = _as_distribution(p, "p"), _as_distribution(q, "q")
    if p.shape != q.shape:
        raise ValueError(
            f"`p` and `q` must have the same length (got {p.size} and {q.size}); "
            "give both distributions over the same outcomes, in the same order"
        )
    return p, q


def _as_sigma(sigma: ArrayLike, name: str) -> NDArray[np.float64]:
    """Check a standard deviation: finite and strictly positive."""
    arr = _as_float_array(sigma, name)
    fix = "a standard deviation is a finite number > 0"
    _check_finite(arr, name, fix)
    if (arr <= 0).any():
        raise ValueError(f"`{name}` must be positive (got {_first(arr, arr <= 0)}); {fix}")
    return arr


def _as_mu(mu: ArrayLike, name: str) -> NDArray[np.float64]:
    """Check a mean: any finite real number."""
    arr = _as_float_array(mu, name)
    _check_finite(arr, name, "a mean is a finite real number")
    return arr


def _log_base(base: float) -> float:
    """Return ``ln(base)`` after checking that `base` is a valid logarithm base."""
    if isinstance(base, bool) or not isinstance(base, numbers.Real):
        raise ValueError(f"`base` must be a real number (got {base!r}); {_BASE_HINT}")
    b = float(base)
    if not math.isfinite(b) or b <= 0 or b == 1:
        raise ValueError(f"`base` must be positive, finite and not 1 (got {b:g}); {_BASE_HINT}")
    return math.log(b)


def _in_base(nats: NDArray[np.float64] | float, base: float) -> NDArray[np.float64] | float:
    """Convert a value in nats to `base` and return a float for 0-d results.

    ``+ 0.0`` turns IEEE negative zero into zero, so that a certain event carries
    ``0.0`` bits rather than ``-0.0`` (``-log 1`` is ``-0.0`` in floating point).
    """
    out = np.asarray(nats) / _log_base(base) + 0.0
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------- public API


def normalize(weights: ArrayLike) -> NDArray[np.float64]:
    r"""Turn non-negative weights into probabilities that sum to 1.

    .. math:: p_i = w_i / \sum_j w_j

    Parameters
    ----------
    weights : array_like, shape (k,)
        Non-negative, finite weights, not all zero (for example slider positions
        or counts).

    Returns
    -------
    ndarray, shape (k,)
        The probabilities ``weights / weights.sum()``.

    Raises
    ------
    ValueError
        If `weights` is empty or not 1-D, contains NaN, an infinity or a negative
        number, or is all zeros.

    Notes
    -----
    The information measures in this module never renormalise their input: a
    vector that does not sum to 1 is usually a mistake worth seeing. Call this
    function when normalising is what you mean, and tell the reader you did.

    The weights are divided by the largest one before summing, so huge weights
    cannot overflow the sum; a weight more than about 1e308 times smaller than
    the largest still underflows to probability 0.

    Examples
    --------
    >>> normalize([1, 1, 2])
    array([0.25, 0.25, 0.5 ])
    >>> normalize([3, 0, 1])  # counts of outcomes work too
    array([0.75, 0.  , 0.25])
    """
    w = _as_float_array(weights, "weights")
    _check_vector(w, "weights", "pass one weight per outcome as a flat list")
    fix = "weights must be finite numbers >= 0"
    _check_finite(w, "weights", fix)
    if (w < 0).any():
        raise ValueError(f"`weights` must be non-negative (got {_first(w, w < 0)}); {fix}")
    largest = w.max()
    if largest == 0:
        raise ValueError("`weights` must not all be zero; give at least one outcome a weight > 0")
    # Scaling by the largest weight first keeps the sum finite even for weights near 1e308.
    w = w / largest
    return w / w.sum()


def self_information(p: ArrayLike, *, base: float = 2) -> NDArray[np.float64] | float:
    r"""Return the self-information (surprise) of an event of probability `p`.

    .. math:: I(p) = -\log_b p

    Parameters
    ----------
    p : array_like, any shape
        Probabilities in [0, 1]; computed elementwise.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float or ndarray
        A float for scalar `p`, otherwise an array of the same shape as `p`.

    Raises
    ------
    ValueError
        If `p` contains NaN, an infinity, a negative number or a number above 1,
        or if `base` is not a valid logarithm base.

    Notes
    -----
    Conventions. ``I(1) = 0``: a certain event tells you nothing. ``I(0) = inf``:
    an impossible event would be infinitely surprising, which is the limit of
    ``-log p`` as ``p`` goes to 0; returning ``inf`` rather than a large finite
    number keeps that fact visible.

    Each halving of the probability adds one bit of surprise.

    Examples
    --------
    >>> self_information(0.5)  # one outcome of a fair coin toss: 1 bit
    1.0
    >>> self_information([1, 0.25, 0])  # certain, two coin tosses, impossible
    array([ 0.,  2., inf])
    >>> round(self_information(1 / 6), 4)  # one face of a fair die
    2.585
    >>> round(self_information(0.5, base=math.e), 4)  # in nats: ln 2
    0.6931
    """
    arr = _as_probabilities(p)
    # log 0 = -inf is the intended answer for an impossible event, not an accident.
    with np.errstate(divide="ignore"):
        return _in_base(-np.log(arr), base)


def entropy(p: ArrayLike, *, base: float = 2) -> float:
    r"""Return the entropy of a discrete distribution: its average surprise.

    .. math:: H(p) = -\sum_i p_i \log_b p_i

    Parameters
    ----------
    p : array_like, shape (k,)
        Probabilities of the k outcomes; must sum to 1.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float
        The entropy, between 0 (one certain outcome) and ``log_b k`` (uniform).

    Raises
    ------
    ValueError
        If `p` is not a 1-D, non-empty vector of probabilities summing to 1
        (within 1e-6), or if `base` is not a valid logarithm base.

    Notes
    -----
    Conventions. An outcome with ``p_i = 0`` contributes ``0 log 0 = 0``. This is
    the limit of ``x log x`` as ``x`` goes to 0, and it means that adding
    outcomes that never happen does not change the entropy. It is computed by
    :func:`scipy.special.entr`, which implements exactly this convention.

    Measured in bits, the entropy is the average number of yes/no questions
    needed to identify an outcome with the best strategy, and a lower bound on
    the average length of any binary code for it (see :mod:`lossviz.coding`).

    Examples
    --------
    >>> entropy([0.5, 0.5])  # a fair coin: 1 bit
    1.0
    >>> entropy([1.0, 0.0])  # a two-headed coin: no uncertainty at all
    0.0
    >>> math.isclose(entropy([1 / 6] * 6), math.log2(6))  # a fair die: log2 6 bits
    True
    >>> entropy([0.5, 0.25, 0.25])  # 1.5 questions on average
    1.5
    >>> round(entropy([0.5, 0.5], base=math.e), 4)  # the fair coin in nats
    0.6931
    """
    return _in_base(entr(_as_distribution(p)).sum(), base)


def cross_entropy(p: ArrayLike, q: ArrayLike, *, base: float = 2) -> float:
    r"""Return the cross-entropy of model `q` on data from `p`.

    .. math:: H(p, q) = -\sum_i p_i \log_b q_i

    The average surprise of an observer who believes `q` while outcomes are
    drawn from `p`. It is the quantity minimised when a classifier is trained
    with the cross-entropy (log) loss.

    Parameters
    ----------
    p : array_like, shape (k,)
        True (data) distribution; must sum to 1.
    q : array_like, shape (k,)
        Model distribution over the same k outcomes; must sum to 1.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float
        The cross-entropy; at least ``H(p)``, with equality exactly when
        ``q == p``; ``inf`` when `q` rules out an outcome that `p` allows.

    Raises
    ------
    ValueError
        If `p` or `q` is not a 1-D, non-empty vector of probabilities summing to
        1 (within 1e-6), if they differ in length, or if `base` is not a valid
        logarithm base.

    Notes
    -----
    Conventions. Where ``p_i = 0`` the term is ``0 log q_i = 0``, even when
    ``q_i = 0`` too: an outcome that never occurs costs nothing, whatever the
    model thinks of it. Where ``p_i > 0 = q_i`` the term is ``+inf``: the model
    has declared impossible something that happens, so its surprise (its loss)
    is infinite. :func:`scipy.special.xlogy` implements both rules.

    ``H(p, q) = H(p) + D(p‖q)``: the cross-entropy is the entropy of the data
    plus the extra cost of using the wrong model (:func:`kl_divergence`).

    Examples
    --------
    >>> cross_entropy([0.5, 0.5], [0.5, 0.5])  # the right model: H(p) = 1 bit
    1.0
    >>> cross_entropy([1, 0], [0.5, 0.5])  # a sure thing, predicted as a coin toss
    1.0
    >>> cross_entropy([0.5, 0.5], [1, 0])  # a coin, predicted to always land heads
    inf
    >>> cross_entropy([1, 0], [1, 0])  # p_i = q_i = 0 contributes nothing
    0.0
    """
    p, q = _as_pair(p, q)
    return _in_base(-xlogy(p, q).sum(), base)


def kl_divergence(p: ArrayLike, q: ArrayLike, *, base: float = 2) -> float:
    r"""Return the Kullback-Leibler divergence of `q` from `p`.

    .. math:: D(p \| q) = \sum_i p_i \log_b \frac{p_i}{q_i}

    The extra surprise, on average, of believing `q` when outcomes come from `p`:
    ``D(p‖q) = H(p, q) - H(p)``.

    Parameters
    ----------
    p : array_like, shape (k,)
        True (data) distribution; must sum to 1.
    q : array_like, shape (k,)
        Model distribution over the same k outcomes; must sum to 1.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float
        The divergence: ``>= 0``, zero exactly when ``q == p`` (Gibbs'
        inequality), ``inf`` when `q` rules out an outcome that `p` allows.

    Raises
    ------
    ValueError
        If `p` or `q` is not a 1-D, non-empty vector of probabilities summing to
        1 (within 1e-6), if they differ in length, or if `base` is not a valid
        logarithm base.

    Notes
    -----
    Conventions. Where ``p_i = 0`` the term is ``0 log(0 / q_i) = 0``, including
    ``0 log(0 / 0) = 0``: outcomes that never happen carry no weight. Where
    ``p_i > 0 = q_i`` the term is ``+inf``: no finite amount of evidence makes
    up for a model that rules out what happens. :func:`scipy.special.rel_entr`
    implements both rules.

    The divergence is not symmetric, ``D(p‖q) != D(q‖p)`` in general, and is
    therefore not a distance. Note the argument order: data first, model
    second; ``torch.nn.KLDivLoss`` takes them the other way round (and the
    model as log-probabilities).

    With inputs that sum to 1 only up to rounding, the result for nearly equal
    `p` and `q` can be a tiny negative number (of the order of that rounding).

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])  # the right model costs nothing extra
    0.0
    >>> kl_divergence([0.5, 0.5], [0.25, 0.75]) > 0
    True
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1]), 4)  # not symmetric ...
    0.737
    >>> round(kl_divergence([0.9, 0.1], [0.5, 0.5]), 4)
    0.531
    >>> kl_divergence([0.5, 0.5], [1, 0])  # q rules out an outcome p allows
    inf
    """
    p, q = _as_pair(p, q)
    return _in_base(rel_entr(p, q).sum(), base)


def js_divergence(p: ArrayLike, q: ArrayLike, *, base: float = 2) -> float:
    r"""Return the Jensen-Shannon divergence between `p` and `q`.

    .. math:: JS(p, q) = \tfrac12 D(p \| m) + \tfrac12 D(q \| m),
              \qquad m = \tfrac12 (p + q)

    This is the divergence itself, not its square root (the Jensen-Shannon
    distance returned by :func:`scipy.spatial.distance.jensenshannon`).

    Parameters
    ----------
    p, q : array_like, shape (k,)
        Two distributions over the same k outcomes; each must sum to 1.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float
        The divergence: symmetric in `p` and `q`, between 0 (``p == q``) and
        ``log_b 2``, i.e. 1 bit (disjoint supports). Always finite.

    Raises
    ------
    ValueError
        If `p` or `q` is not a 1-D, non-empty vector of probabilities summing to
        1 (within 1e-6), if they differ in length, or if `base` is not a valid
        logarithm base.

    Notes
    -----
    Conventions. Terms with ``p_i = 0`` (or ``q_i = 0``) are ``0 log(0 / m_i) = 0``,
    as in :func:`kl_divergence`. The support mismatch that makes the KL
    divergence infinite cannot occur here: ``m_i > 0`` wherever ``p_i > 0`` or
    ``q_i > 0``, which is why the JS divergence stays finite and bounded.

    Examples
    --------
    >>> js_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    >>> js_divergence([1, 0], [0, 1])  # nothing in common: the 1-bit maximum
    1.0
    >>> js_divergence([0.5, 0.5], [1, 0]) == js_divergence([1, 0], [0.5, 0.5])
    True
    """
    p, q = _as_pair(p, q)
    m = (p + q) / 2
    return _in_base((rel_entr(p, m).sum() + rel_entr(q, m).sum()) / 2, base)


def binary_entropy(p: ArrayLike, *, base: float = 2) -> NDArray[np.float64] | float:
    r"""Return the entropy of a coin that lands heads with probability `p`.

    .. math:: H_b(p) = -p \log_b p - (1 - p) \log_b (1 - p)

    Parameters
    ----------
    p : array_like, any shape
        Probabilities of heads in [0, 1]; computed elementwise.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float or ndarray
        A float for scalar `p`, otherwise an array of the same shape as `p`;
        symmetric about ``p = 0.5``, where it peaks at 1 bit.

    Raises
    ------
    ValueError
        If `p` contains NaN, an infinity, a negative number or a number above 1,
        or if `base` is not a valid logarithm base.

    Notes
    -----
    Conventions. ``H_b(0) = H_b(1) = 0`` by the rule ``0 log 0 = 0`` (the limit of
    ``x log x`` as ``x`` goes to 0): a coin that always lands the same way holds
    no uncertainty.

    The second term is computed as ``(1 - p) log1p(-p)`` so that it keeps full
    precision for tiny `p`, where ``1 - p`` rounds to 1 and a naive
    ``log(1 - p)`` would return 0.

    Examples
    --------
    >>> binary_entropy(0.5)  # a fair coin
    1.0
    >>> binary_entropy([0.0, 1.0])  # a coin that always lands the same way
    array([0., 0.])
    >>> round(binary_entropy(0.11), 3)  # a biased coin: about half a bit
    0.5
    """
    arr = _as_probabilities(p)
    return _in_base(entr(arr) - xlog1py(1 - arr, -arr), base)


def gaussian_entropy(sigma: ArrayLike, *, base: float = 2) -> NDArray[np.float64] | float:
    r"""Return the differential entropy of a normal distribution N(μ, σ²).

    .. math:: h(\mathcal N(\mu, \sigma^2)) = \tfrac12 \log_b (2 \pi e \sigma^2)

    Parameters
    ----------
    sigma : array_like, any shape
        Standard deviations, finite and > 0; computed elementwise.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float or ndarray
        A float for scalar `sigma`, otherwise an array of the same shape.

    Raises
    ------
    ValueError
        If `sigma` is not finite and positive, or if `base` is not a valid
        logarithm base.

    Notes
    -----
    Conventions. The mean does not appear: shifting a distribution does not
    change its uncertainty. ``sigma = 0`` is refused rather than answered with
    ``-inf``: a point mass has no density, so its differential entropy is not
    defined (``-inf`` is only the limit as ``sigma`` goes to 0).

    Unlike the entropy of a discrete distribution, differential entropy can be
    negative (for ``sigma < 1 / sqrt(2 pi e)``, about 0.242) and depends on the
    unit in which ``x`` is measured: it is not a count of questions.

    It is computed as ``log sigma + (1 + log 2π) / 2``, which never squares
    `sigma` and so cannot overflow.

    Examples
    --------
    >>> round(gaussian_entropy(1.0), 4)  # the standard normal, in bits
    2.0471
    >>> round(gaussian_entropy(1.0, base=math.e), 4)  # in nats: (1 + ln 2π) / 2
    1.4189
    >>> round(gaussian_entropy(2.0) - gaussian_entropy(1.0), 12)  # doubling σ adds 1 bit
    1.0
    >>> gaussian_entropy(0.1) < 0  # a narrow density has negative entropy
    True
    """
    s = _as_sigma(sigma, "sigma")
    return _in_base(np.log(s) + (1 + math.log(2 * math.pi)) / 2, base)


def _gaussian_pair(
    mu_p: ArrayLike, sigma_p: ArrayLike, mu_q: ArrayLike, sigma_q: ArrayLike
) -> tuple[NDArray[np.float64], ...]:
    """Check and broadcast the parameters of two normal distributions."""
    args = (
        _as_mu(mu_p, "mu_p"),
        _as_sigma(sigma_p, "sigma_p"),
        _as_mu(mu_q, "mu_q"),
        _as_sigma(sigma_q, "sigma_q"),
    )
    try:
        return np.broadcast_arrays(*args)
    except ValueError:
        shapes = ", ".join(str(a.shape) for a in args)
        raise ValueError(
            f"`mu_p`, `sigma_p`, `mu_q` and `sigma_q` must broadcast together "
            f"(got shapes {shapes}); pass scalars or arrays of matching shapes"
        ) from None


def gaussian_cross_entropy(
    mu_p: ArrayLike,
    sigma_p: ArrayLike,
    mu_q: ArrayLike,
    sigma_q: ArrayLike,
    *,
    base: float = 2,
) -> NDArray[np.float64] | float:
    r"""Return the differential cross-entropy of N(μ_q, σ_q²) on data from N(μ_p, σ_p²).

    .. math:: h(p, q) = -\int p(x) \log_b q(x) \, dx
              = \log_b \sigma_q + \tfrac12 \log_b (2 \pi)
              + \frac{\sigma_p^2 + (\mu_p - \mu_q)^2}{2 \sigma_q^2 \ln b}

    Minimising it over ``mu_q`` is least squares: with ``sigma_q`` fixed, the only
    term that depends on ``mu_q`` is the squared error ``(mu_p - mu_q)²``.

    Parameters
    ----------
    mu_p, sigma_p : array_like
        Mean and standard deviation of the true (data) distribution.
    mu_q, sigma_q : array_like
        Mean and standard deviation of the model distribution.
        All four broadcast together; means finite, standard deviations > 0.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float or ndarray
        A float when all four parameters are scalars, otherwise an array of
        their broadcast shape.

    Raises
    ------
    ValueError
        If a mean is not finite, a standard deviation is not finite and
        positive, the shapes do not broadcast, or `base` is not a valid
        logarithm base.

    Notes
    -----
    Conventions. Both standard deviations must be > 0 (a point mass has no
    density, see :func:`gaussian_entropy`); the result is then always finite,
    because a Gaussian model never rules anything out. Like the differential
    entropy it can be negative.

    ``h(p, q) = h(p) + D(p‖q)``, as in the discrete case.

    Examples
    --------
    >>> gaussian_cross_entropy(0, 1, 0, 1) == gaussian_entropy(1)  # the right model
    True
    >>> round(gaussian_cross_entropy(0, 1, 1, 1, base=math.e), 4)  # 1.4189 + 1/2
    1.9189
    """
    mu_p, sigma_p, mu_q, sigma_q = _gaussian_pair(mu_p, sigma_p, mu_q, sigma_q)
    # Ratios rather than squares of sigmas: no overflow for very wide or narrow densities.
    ratio, shift = sigma_p / sigma_q, (mu_p - mu_q) / sigma_q
    with np.errstate(over="ignore"):  # a density far narrower than q: +inf, honestly
        nats = np.log(sigma_q) + math.log(2 * math.pi) / 2 + (ratio**2 + shift**2) / 2
    return _in_base(nats, base)


def gaussian_kl(
    mu_p: ArrayLike,
    sigma_p: ArrayLike,
    mu_q: ArrayLike,
    sigma_q: ArrayLike,
    *,
    base: float = 2,
) -> NDArray[np.float64] | float:
    r"""Return the KL divergence of N(μ_q, σ_q²) from N(μ_p, σ_p²).

    .. math:: D(p \| q) = \int p(x) \log_b \frac{p(x)}{q(x)} \, dx
              = \frac{1}{\ln b} \left( \ln \frac{\sigma_q}{\sigma_p}
              + \frac{\sigma_p^2 + (\mu_p - \mu_q)^2}{2 \sigma_q^2}
              - \frac12 \right)

    Parameters
    ----------
    mu_p, sigma_p : array_like
        Mean and standard deviation of the true (data) distribution.
    mu_q, sigma_q : array_like
        Mean and standard deviation of the model distribution.
        All four broadcast together; means finite, standard deviations > 0.
    base : float, default 2
        Logarithm base: 2 for bits, ``math.e`` for nats, 10 for hartleys.

    Returns
    -------
    float or ndarray
        The divergence, ``>= 0`` and zero exactly when the two distributions
        are equal. A float when all four parameters are scalars, otherwise an
        array of their broadcast shape.

    Raises
    ------
    ValueError
        If a mean is not finite, a standard deviation is not finite and
        positive, the shapes do not broadcast, or `base` is not a valid
        logarithm base.

    Notes
    -----
    Conventions. Both standard deviations must be > 0 (see
    :func:`gaussian_entropy`). Unlike the discrete divergence, this one is
    always finite: a Gaussian density is positive everywhere, so the model
    never rules out what the data produces. Unlike differential entropy, it
    does not depend on the unit of ``x`` and is never negative.

    With ``r = σ_p / σ_q`` the formula is ``-ln r + (r² - 1) / 2 + ((μ_p - μ_q) / σ_q)² / 2``;
    ``r² - 1`` is computed as ``(r - 1)(r + 1)`` so that the result keeps its
    precision when the two standard deviations are nearly equal and the
    divergence is tiny.

    Examples
    --------
    >>> gaussian_kl(0, 1, 0, 1)  # the right model costs nothing extra
    0.0
    >>> gaussian_kl(1, 1, 0, 1, base=math.e)  # a shift by one σ: 1/2 nat
    0.5
    >>> round(gaussian_kl(0, 1, 0, 2, base=math.e), 4)  # too wide a model ...
    0.3181
    >>> round(gaussian_kl(0, 2, 0, 1, base=math.e), 4)  # ... costs less than too narrow
    0.8069
    """
    mu_p, sigma_p, mu_q, sigma_q = _gaussian_pair(mu_p, sigma_p, mu_q, sigma_q)
    ratio, shift = sigma_p / sigma_q, (mu_p - mu_q) / sigma_q
    # log σp − log σq stays finite when the ratio itself over- or underflows; the
    # quadratic term may then be +inf, which is the honest limit (never inf − inf).
    with np.errstate(over="ignore"):
        quadratic = ((ratio - 1) * (ratio + 1) + shift**2) / 2
    nats = np.log(sigma_q) - np.log(sigma_p) + quadratic
    return _in_base(nats, base)
