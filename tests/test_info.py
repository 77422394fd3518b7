"""Tests of lossviz.info against independent references: SciPy, closed forms, quadrature."""

from __future__ import annotations

import math
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.spatial.distance import jensenshannon
from scipy.stats import norm
from strategies import positive_prob_vectors, prob_vector_pairs, prob_vectors

from lossviz import info

BASES = [2, math.e, 10, 0.5, 3]
LN2 = math.log(2)
# A property that holds in exact arithmetic holds here up to this much rounding.
ATOL = 1e-12

means = st.floats(-5, 5)
sigmas = st.floats(0.05, 20)


# --------------------------------------------------------------------------- self-information


def test_self_information_of_a_fair_coin_outcome_is_one_bit():
    assert info.self_information(0.5) == 1.0


def test_self_information_of_a_certain_event_is_positive_zero():
    result = info.self_information(1.0)
    assert result == 0.0
    assert math.copysign(1, result) == 1  # not -0.0, which would read "-0 bits"


def test_self_information_of_an_impossible_event_is_inf():
    assert info.self_information(0.0) == math.inf


@pytest.mark.parametrize("base", BASES)
def test_self_information_matches_minus_log_in_any_base(base):
    p = np.array([0.9, 0.5, 0.1, 1e-10])
    np.testing.assert_allclose(info.self_information(p, base=base), -np.log(p) / np.log(base))


def test_self_information_of_a_scalar_is_a_python_float():
    assert type(info.self_information(0.25)) is float
    assert type(info.self_information(np.float64(0.25))) is float


def test_self_information_is_elementwise_and_keeps_shape():
    p = np.array([[1.0, 0.5], [0.25, 0.0]])
    result = info.self_information(p)
    assert isinstance(result, np.ndarray)
    np.testing.assert_array_equal(result, [[0.0, 1.0], [2.0, math.inf]])


@given(st.floats(1e-150, 1), st.floats(1e-150, 1))
def test_self_information_of_independent_events_adds(a, b):
    joint = info.self_information(a * b)
    assert joint == pytest.approx(info.self_information(a) + info.self_information(b), abs=1e-9)


# --------------------------------------------------------------------------- entropy


def test_entropy_of_a_fair_coin_is_one_bit():
    assert info.entropy([0.5, 0.5]) == 1.0


def test_entropy_of_a_fair_die_is_log2_of_6():
    assert info.entropy([1 / 6] * 6) == pytest.approx(math.log2(6), rel=1e-15)


@pytest.mark.parametrize("k", [1, 2, 3, 7, 100])
@pytest.mark.parametrize("base", BASES)
def test_entropy_of_uniform_over_k_outcomes_is_log_k(k, base):
    assert info.entropy(np.full(k, 1 / k), base=base) == pytest.approx(
        math.log(k, base), rel=1e-12, abs=ATOL
    )


def test_entropy_of_a_certain_outcome_is_positive_zero():
    result = info.entropy([0.0, 1.0, 0.0])
    assert result == 0.0
    assert math.copysign(1, result) == 1


def test_entropy_counts_zero_probability_outcomes_as_nothing():
    assert info.entropy([0.5, 0.25, 0.25, 0.0, 0.0]) == info.entropy([0.5, 0.25, 0.25])


def test_entropy_returns_a_python_float():
    assert type(info.entropy([0.5, 0.5])) is float


@given(prob_vectors(), st.sampled_from(BASES))
def test_entropy_matches_scipy_stats_entropy(p, base):
    assert info.entropy(p, base=base) == pytest.approx(
        scipy.stats.entropy(p, base=base), rel=1e-12, abs=ATOL
    )


@given(prob_vectors())
def test_entropy_lies_between_zero_and_log_k(p):
    h = info.entropy(p, base=math.e)
    assert -ATOL <= h <= math.log(p.size) + ATOL


@given(prob_vectors(), st.randoms(use_true_random=False))
def test_entropy_does_not_depend_on_the_order_of_outcomes(p, rng):
    shuffled = list(p)
    rng.shuffle(shuffled)
    assert info.entropy(shuffled) == pytest.approx(info.entropy(p), rel=1e-12, abs=ATOL)


@given(prob_vectors())
def test_entropy_in_nats_is_entropy_in_bits_times_ln_2(p):
    bits, nats = info.entropy(p, base=2), info.entropy(p, base=math.e)
    assert nats == pytest.approx(bits * LN2, rel=1e-12, abs=ATOL)
    assert info.entropy(p, base=10) == pytest.approx(bits * math.log10(2), rel=1e-12, abs=ATOL)


@given(prob_vectors())
def test_entropy_equals_expected_self_information(p):
    surprise = info.self_information(p[p > 0])
    assert info.entropy(p) == pytest.approx(float(p[p > 0] @ surprise), rel=1e-12, abs=ATOL)


def test_entropy_accepts_exact_fractions():
    assert info.entropy([Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)]) == 1.5


# --------------------------------------------------------------------------- cross-entropy


def test_cross_entropy_with_the_true_model_is_the_entropy():
    p = [0.5, 0.25, 0.25]
    assert info.cross_entropy(p, p) == pytest.approx(info.entropy(p), rel=1e-15)


@given(prob_vectors(), st.sampled_from(BASES))
def test_cross_entropy_against_a_uniform_model_is_log_k(p, base):
    uniform = np.full(p.size, 1 / p.size)
    assert info.cross_entropy(p, uniform, base=base) == pytest.approx(
        math.log(p.size, base), rel=1e-12, abs=ATOL
    )


def test_cross_entropy_is_inf_when_q_excludes_support_of_p():
    assert info.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf


def test_cross_entropy_ignores_outcomes_that_p_excludes_even_when_q_does_too():
    assert info.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert info.cross_entropy([0.0, 1.0], [0.5, 0.5]) == 1.0


@given(prob_vector_pairs(), st.sampled_from(BASES))
def test_cross_entropy_matches_scipy_entropy_plus_kl(pq, base):
    p, q = pq
    reference = scipy.stats.entropy(p, base=base) + scipy.stats.entropy(p, q, base=base)
    assert info.cross_entropy(p, q, base=base) == pytest.approx(reference, rel=1e-9, abs=ATOL)


@given(prob_vector_pairs())
def test_cross_entropy_is_entropy_plus_kl_divergence(pq):
    p, q = pq
    assert info.cross_entropy(p, q) == pytest.approx(
        info.entropy(p) + info.kl_divergence(p, q), rel=1e-9, abs=ATOL
    )


@given(prob_vector_pairs())
def test_cross_entropy_is_at_least_the_entropy(pq):
    p, q = pq
    assert info.cross_entropy(p, q) >= info.entropy(p) - 1e-9


@given(prob_vector_pairs())
def test_cross_entropy_in_nats_is_cross_entropy_in_bits_times_ln_2(pq):
    p, q = pq
    bits, nats = info.cross_entropy(p, q), info.cross_entropy(p, q, base=math.e)
    assert nats == pytest.approx(bits * LN2, rel=1e-12, abs=ATOL)


# --------------------------------------------------------------------------- KL divergence


def test_kl_is_inf_when_q_excludes_support_of_p():
    assert info.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf


def test_kl_is_finite_when_p_excludes_support_of_q():
    assert info.kl_divergence([1.0, 0.0], [0.5, 0.5]) == 1.0


def test_kl_is_not_symmetric():
    p, q = [0.5, 0.5], [0.9, 0.1]
    # Closed forms: ½log2(½/0.9) + ½log2(½/0.1), and 0.9log2(0.9/½) + 0.1log2(0.1/½).
    assert info.kl_divergence(p, q) == pytest.approx(0.5 * math.log2(0.25 / 0.09), rel=1e-12)
    assert info.kl_divergence(q, p) == pytest.approx(
        0.9 * math.log2(1.8) + 0.1 * math.log2(0.2), rel=1e-12
    )


@given(prob_vector_pairs(), st.sampled_from(BASES))
def test_kl_matches_scipy_stats_entropy_with_qk(pq, base):
    p, q = pq
    assert info.kl_divergence(p, q, base=base) == pytest.approx(
        scipy.stats.entropy(p, q, base=base), rel=1e-9, abs=ATOL
    )


@given(prob_vector_pairs())
def test_kl_is_non_negative_gibbs_inequality(pq):
    p, q = pq
    assert info.kl_divergence(p, q) >= -ATOL


@given(prob_vectors())
def test_kl_of_a_distribution_from_itself_is_exactly_zero(p):
    assert info.kl_divergence(p, p) == 0.0


@given(prob_vector_pairs(allow_zero=False))
def test_kl_in_nats_is_kl_in_bits_times_ln_2(pq):
    p, q = pq
    bits, nats = info.kl_divergence(p, q), info.kl_divergence(p, q, base=math.e)
    assert nats == pytest.approx(bits * LN2, rel=1e-12, abs=ATOL)


# --------------------------------------------------------------------------- JS divergence


def test_js_of_disjoint_distributions_is_one_bit():
    assert info.js_divergence([1.0, 0.0, 0.0], [0.0, 0.5, 0.5]) == pytest.approx(1.0, rel=1e-15)


def test_js_is_finite_where_kl_is_inf():
    p, q = [0.5, 0.5], [1.0, 0.0]
    assert info.kl_divergence(p, q) == math.inf
    assert math.isfinite(info.js_divergence(p, q))


# Bases above 1 only: with base < 1 the divergence is negative and has no real square root.
@given(prob_vector_pairs(), st.sampled_from([b for b in BASES if b > 1]))
def test_js_is_the_square_of_scipy_jensenshannon_distance(pq, base):
    p, q = pq
    assert info.js_divergence(p, q, base=base) == pytest.approx(
        jensenshannon(p, q, base=base) ** 2, rel=1e-9, abs=ATOL
    )


@given(prob_vector_pairs())
def test_js_lies_between_zero_and_one_bit(pq):
    p, q = pq
    assert -ATOL <= info.js_divergence(p, q) <= 1 + ATOL


@given(prob_vector_pairs())
def test_js_is_symmetric(pq):
    p, q = pq
    assert info.js_divergence(p, q) == pytest.approx(info.js_divergence(q, p), rel=1e-12, abs=ATOL)


@given(prob_vectors())
def test_js_of_a_distribution_with_itself_is_zero(p):
    assert info.js_divergence(p, p) == 0.0


@given(prob_vector_pairs())
def test_js_in_nats_is_js_in_bits_times_ln_2(pq):
    p, q = pq
    bits, nats = info.js_divergence(p, q), info.js_divergence(p, q, base=math.e)
    assert nats == pytest.approx(bits * LN2, rel=1e-12, abs=ATOL)


# --------------------------------------------------------------------------- binary entropy


def test_binary_entropy_of_a_fair_coin_is_one_bit():
    assert info.binary_entropy(0.5) == 1.0


@pytest.mark.parametrize("p", [0.0, 1.0])
def test_binary_entropy_of_a_certain_coin_is_positive_zero(p):
    result = info.binary_entropy(p)
    assert result == 0.0
    assert math.copysign(1, result) == 1


@given(st.floats(0, 1), st.sampled_from(BASES))
def test_binary_entropy_matches_scipy_entropy_of_two_outcomes(p, base):
    reference = scipy.stats.entropy([p, 1 - p], base=base)
    assert info.binary_entropy(p, base=base) == pytest.approx(reference, rel=1e-9, abs=ATOL)


# p in [0.5, 1] so that 1 - p is exact; for tiny p, 1 - (1 - p) is not p again.
@given(st.floats(0.5, 1))
def test_binary_entropy_is_symmetric_about_one_half(p):
    assert info.binary_entropy(p) == pytest.approx(info.binary_entropy(1 - p), rel=1e-9, abs=1e-15)


@given(st.floats(0, 1))
def test_binary_entropy_is_at_most_one_bit(p):
    assert 0 <= info.binary_entropy(p) <= 1


@pytest.mark.parametrize("p", [1e-20, 1e-12, 1e-6])
def test_binary_entropy_keeps_precision_for_tiny_p(p):
    # Reference in 50-digit decimal arithmetic, where 1 - p does not round to 1.
    getcontext().prec = 50
    d = Decimal(p)
    reference = -(d * d.ln()) - (1 - d) * (1 - d).ln()
    assert info.binary_entropy(p, base=math.e) == pytest.approx(float(reference), rel=1e-13)


def test_binary_entropy_is_elementwise_and_keeps_shape():
    result = info.binary_entropy(np.array([[0.0, 0.5], [0.5, 1.0]]))
    np.testing.assert_array_equal(result, [[0.0, 1.0], [1.0, 0.0]])


def test_binary_entropy_of_a_scalar_is_a_python_float():
    assert type(info.binary_entropy(0.3)) is float


# --------------------------------------------------------------------------- Gaussians


def _quad(integrand, mu, sigma):
    """Integrate over mu ± 40 sigma, where all but ~1e-300 of the mass lies."""
    value, _ = quad(integrand, mu - 40 * sigma, mu + 40 * sigma, points=[mu], limit=200)
    return value


@settings(max_examples=30, deadline=None)
@given(means, sigmas)
def test_gaussian_entropy_matches_quadrature_of_minus_pdf_log_pdf(mu, sigma):
    dist = norm(mu, sigma)
    reference = _quad(lambda x: -dist.pdf(x) * dist.logpdf(x), mu, sigma)
    assert info.gaussian_entropy(sigma, base=math.e) == pytest.approx(reference, rel=1e-8, abs=1e-9)


@given(sigmas, st.sampled_from(BASES))
def test_gaussian_entropy_matches_scipy_norm_entropy(sigma, base):
    reference = norm(scale=sigma).entropy() / math.log(base)
    assert info.gaussian_entropy(sigma, base=base) == pytest.approx(reference, rel=1e-12, abs=ATOL)


def test_gaussian_entropy_of_the_standard_normal_is_half_log_2_pi_e():
    assert info.gaussian_entropy(1.0, base=math.e) == pytest.approx(
        0.5 * math.log(2 * math.pi * math.e), rel=1e-15
    )


def test_gaussian_entropy_is_negative_for_a_narrow_density():
    assert info.gaussian_entropy(0.1) < 0


def test_gaussian_entropy_does_not_overflow_for_huge_sigma():
    assert info.gaussian_entropy(1e200, base=math.e) == pytest.approx(
        200 * math.log(10) + 0.5 * math.log(2 * math.pi * math.e), rel=1e-15
    )


def test_gaussian_entropy_broadcasts_over_arrays():
    sigma = np.array([0.5, 1.0, 2.0])
    result = info.gaussian_entropy(sigma)
    assert isinstance(result, np.ndarray)
    assert result.shape == (3,)
    np.testing.assert_allclose(np.diff(result), [1.0, 1.0])  # doubling σ adds one bit


def test_gaussian_entropy_of_a_scalar_is_a_python_float():
    assert type(info.gaussian_entropy(1)) is float


@settings(max_examples=30, deadline=None)
@given(means, sigmas, means, sigmas)
def test_gaussian_cross_entropy_matches_quadrature_of_minus_p_log_q(mu_p, s_p, mu_q, s_q):
    p, q = norm(mu_p, s_p), norm(mu_q, s_q)
    reference = _quad(lambda x: -p.pdf(x) * q.logpdf(x), mu_p, s_p)
    result = info.gaussian_cross_entropy(mu_p, s_p, mu_q, s_q, base=math.e)
    assert result == pytest.approx(reference, rel=1e-8, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(means, sigmas, means, sigmas)
def test_gaussian_kl_matches_quadrature_of_p_log_p_over_q(mu_p, s_p, mu_q, s_q):
    p, q = norm(mu_p, s_p), norm(mu_q, s_q)
    reference = _quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)), mu_p, s_p)
    result = info.gaussian_kl(mu_p, s_p, mu_q, s_q, base=math.e)
    assert result == pytest.approx(reference, rel=1e-8, abs=1e-9)


@given(means, sigmas, means, sigmas, st.sampled_from(BASES))
def test_gaussian_cross_entropy_is_entropy_plus_kl(mu_p, s_p, mu_q, s_q, base):
    assert info.gaussian_cross_entropy(mu_p, s_p, mu_q, s_q, base=base) == pytest.approx(
        info.gaussian_entropy(s_p, base=base) + info.gaussian_kl(mu_p, s_p, mu_q, s_q, base=base),
        rel=1e-9,
        abs=1e-9,
    )


@given(means, sigmas, means, sigmas)
def test_gaussian_kl_is_non_negative(mu_p, s_p, mu_q, s_q):
    assert info.gaussian_kl(mu_p, s_p, mu_q, s_q) >= 0


@given(means, sigmas)
def test_gaussian_kl_of_a_distribution_from_itself_is_exactly_zero(mu, sigma):
    assert info.gaussian_kl(mu, sigma, mu, sigma) == 0.0


def test_gaussian_kl_of_a_one_sigma_shift_is_half_a_nat():
    assert info.gaussian_kl(1.0, 1.0, 0.0, 1.0, base=math.e) == 0.5


@pytest.mark.parametrize("eps", [1e-4, 1e-6, 1e-8])
def test_gaussian_kl_is_accurate_when_sigmas_nearly_equal(eps):
    # Series of -ln(1 + e) + ((1 + e)² - 1) / 2 = e² - e³/3 + e⁴/4 - ..., with e = r - 1 exactly.
    e = (1 + eps) / 1.0 - 1
    reference = e**2 - e**3 / 3 + e**4 / 4
    assert info.gaussian_kl(0.0, 1 + eps, 0.0, 1.0, base=math.e) == pytest.approx(
        reference, rel=1e-6
    )


@given(means, sigmas, means, sigmas)
def test_gaussian_kl_in_nats_is_gaussian_kl_in_bits_times_ln_2(mu_p, s_p, mu_q, s_q):
    bits = info.gaussian_kl(mu_p, s_p, mu_q, s_q)
    nats = info.gaussian_kl(mu_p, s_p, mu_q, s_q, base=math.e)
    assert nats == pytest.approx(bits * LN2, rel=1e-12, abs=ATOL)


def test_gaussian_kl_broadcasts_and_returns_float_for_scalars():
    result = info.gaussian_kl(np.array([0.0, 1.0, 2.0]), 1.0, 0.0, 1.0, base=math.e)
    np.testing.assert_allclose(result, [0.0, 0.5, 2.0])
    assert type(info.gaussian_kl(0, 1, 0, 1)) is float
    assert type(info.gaussian_cross_entropy(0, 1, 0, 1)) is float


# --------------------------------------------------------------------------- units and normalize


def test_units_map_names_to_logarithm_bases():
    assert info.UNITS == {"bits": 2.0, "nats": math.e, "hartleys": 10.0}


@pytest.mark.parametrize(
    ("unit", "expected"), [("bits", 1.0), ("nats", LN2), ("hartleys", 0.30103)]
)
def test_a_fair_coin_in_each_unit(unit, expected):
    assert info.entropy([0.5, 0.5], base=info.UNITS[unit]) == pytest.approx(expected, rel=1e-5)


def test_normalize_divides_weights_by_their_sum():
    np.testing.assert_array_equal(info.normalize([1, 1, 2]), [0.25, 0.25, 0.5])


@given(st.lists(st.floats(0, 1e308), min_size=1, max_size=10).filter(any))
def test_normalize_gives_a_valid_distribution(weights):
    p = info.normalize(weights)
    assert p.sum() == pytest.approx(1.0, abs=1e-12)
    assert info.entropy(p) >= 0  # accepted by the strict validation
    assert (p[np.asarray(weights) == 0] == 0).all()


def test_normalize_does_not_overflow_for_huge_weights():
    np.testing.assert_array_equal(info.normalize([1e308, 1e308]), [0.5, 0.5])


def test_normalize_does_not_change_a_distribution():
    p = np.array([0.5, 0.25, 0.25])
    np.testing.assert_array_equal(info.normalize(p), p)


# --------------------------------------------------------------------------- validation

DISCRETE_P = [
    pytest.param(lambda p: info.entropy(p), id="entropy"),
    pytest.param(lambda p: info.cross_entropy(p, [0.5, 0.5]), id="cross_entropy"),
    pytest.param(lambda p: info.kl_divergence(p, [0.5, 0.5]), id="kl_divergence"),
    pytest.param(lambda p: info.js_divergence(p, [0.5, 0.5]), id="js_divergence"),
]
DISCRETE_Q = [
    pytest.param(lambda q: info.cross_entropy([0.5, 0.5], q), id="cross_entropy"),
    pytest.param(lambda q: info.kl_divergence([0.5, 0.5], q), id="kl_divergence"),
    pytest.param(lambda q: info.js_divergence([0.5, 0.5], q), id="js_divergence"),
]
ELEMENTWISE = [
    pytest.param(lambda p: info.self_information(p), id="self_information"),
    pytest.param(lambda p: info.binary_entropy(p), id="binary_entropy"),
]
BAD_DISTRIBUTIONS = [
    pytest.param([0.5, math.nan], r"`{}` must not contain NaN \(got nan at index 1\)", id="nan"),
    pytest.param([0.5, math.inf], r"`{}` must be finite \(got inf", id="inf"),
    pytest.param([-math.inf, 0.5], r"`{}` must be finite \(got -inf", id="minus-inf"),
    pytest.param([1.2, -0.2], r"`{}` must be non-negative \(got -0.2 at index 1\)", id="negative"),
    pytest.param([1.5, 0.0], r"`{}` must be at most 1 \(got 1.5 at index 0\)", id="above-one"),
    pytest.param([0.5, 0.47], r"`{}` must sum to 1 \(got 0.97\); normalise it first", id="sum"),
    pytest.param([[0.5, 0.5]], r"`{}` must be 1-D \(got shape \(1, 2\)\)", id="2-d"),
    pytest.param(1.0, r"`{}` must be 1-D \(got shape \(\)\)", id="scalar"),
    pytest.param([], r"`{}` must not be empty", id="empty"),
    pytest.param(["a", "b"], r"`{}` must contain real numbers \(got text\)", id="text"),
    pytest.param([0.5 + 0j, 0.5], r"`{}` must contain real numbers \(got complex", id="complex"),
]


@pytest.mark.parametrize(("bad", "message"), BAD_DISTRIBUTIONS)
@pytest.mark.parametrize("function", DISCRETE_P)
def test_discrete_measures_reject_an_invalid_p(function, bad, message):
    with pytest.raises(ValueError, match=message.format("p")):
        function(bad)


@pytest.mark.parametrize(("bad", "message"), BAD_DISTRIBUTIONS)
@pytest.mark.parametrize("function", DISCRETE_Q)
def test_discrete_measures_reject_an_invalid_q(function, bad, message):
    with pytest.raises(ValueError, match=message.format("q")):
        function(bad)


@pytest.mark.parametrize("function", DISCRETE_Q)
def test_discrete_measures_reject_p_and_q_of_different_lengths(function):
    with pytest.raises(ValueError, match=r"`p` and `q` must have the same length \(got 2 and 3\)"):
        function([0.5, 0.25, 0.25])


@pytest.mark.parametrize("function", DISCRETE_P)
def test_discrete_measures_accept_a_sum_within_tolerance(function):
    function([0.5, 0.5 + 9e-7])


@pytest.mark.parametrize("function", DISCRETE_P)
def test_discrete_measures_never_renormalise_silently(function):
    with pytest.raises(ValueError, match=r"must sum to 1 \(got 1.000002\)"):
        function([0.5, 0.5 + 2e-6])


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        pytest.param(math.nan, r"`p` must not contain NaN \(got nan\)", id="nan"),
        pytest.param(math.inf, r"`p` must be finite \(got inf\)", id="inf"),
        pytest.param(-0.1, r"`p` must be non-negative \(got -0.1\)", id="negative"),
        pytest.param([[0.5, 2.0]], r"`p` must be at most 1 \(got 2 at index \(0, 1\)\)", id="2-d"),
        pytest.param("0.5", r"`p` must contain real numbers \(got text\)", id="text"),
    ],
)
@pytest.mark.parametrize("function", ELEMENTWISE)
def test_elementwise_measures_reject_a_value_that_is_not_a_probability(function, bad, message):
    with pytest.raises(ValueError, match=message):
        function(bad)


ALL_FUNCTIONS = [
    pytest.param(lambda base: info.self_information(0.5, base=base), id="self_information"),
    pytest.param(lambda base: info.entropy([0.5, 0.5], base=base), id="entropy"),
    pytest.param(lambda base: info.cross_entropy([1], [1], base=base), id="cross_entropy"),
    pytest.param(lambda base: info.kl_divergence([1], [1], base=base), id="kl_divergence"),
    pytest.param(lambda base: info.js_divergence([1], [1], base=base), id="js_divergence"),
    pytest.param(lambda base: info.binary_entropy(0.5, base=base), id="binary_entropy"),
    pytest.param(lambda base: info.gaussian_entropy(1, base=base), id="gaussian_entropy"),
    pytest.param(
        lambda base: info.gaussian_cross_entropy(0, 1, 0, 1, base=base),
        id="gaussian_cross_entropy",
    ),
    pytest.param(lambda base: info.gaussian_kl(0, 1, 0, 1, base=base), id="gaussian_kl"),
]


@pytest.mark.parametrize(
    ("base", "message"),
    [
        pytest.param(1, r"`base` must be positive, finite and not 1 \(got 1\)", id="one"),
        pytest.param(0, r"`base` must be positive, finite and not 1 \(got 0\)", id="zero"),
        pytest.param(-2, r"`base` must be positive, finite and not 1 \(got -2\)", id="negative"),
        pytest.param(math.inf, r"`base` must be positive, finite and not 1 \(got inf\)", id="inf"),
        pytest.param(math.nan, r"`base` must be positive, finite and not 1 \(got nan\)", id="nan"),
        pytest.param("2", r"`base` must be a real number \(got '2'\)", id="text"),
        pytest.param(True, r"`base` must be a real number \(got True\)", id="bool"),
    ],
)
@pytest.mark.parametrize("function", ALL_FUNCTIONS)
def test_every_measure_rejects_an_invalid_base(function, base, message):
    with pytest.raises(ValueError, match=message + r"; use 2 for bits"):
        function(base)


@pytest.mark.parametrize("function", ALL_FUNCTIONS)
def test_every_measure_accepts_a_numpy_base(function):
    assert math.isfinite(function(np.float64(2.0)))


GAUSSIAN = [
    pytest.param(
        lambda mu_p, sigma_p, mu_q, sigma_q: info.gaussian_cross_entropy(
            mu_p, sigma_p, mu_q, sigma_q
        ),
        id="gaussian_cross_entropy",
    ),
    pytest.param(info.gaussian_kl, id="gaussian_kl"),
]


@pytest.mark.parametrize(
    ("sigma", "message"),
    [
        pytest.param(0.0, r"`sigma` must be positive \(got 0\)", id="zero"),
        pytest.param(-1.0, r"`sigma` must be positive \(got -1\)", id="negative"),
        pytest.param([1.0, -1.0], r"`sigma` must be positive \(got -1 at index 1\)", id="array"),
        pytest.param(math.inf, r"`sigma` must be finite \(got inf\)", id="inf"),
        pytest.param(math.nan, r"`sigma` must not contain NaN \(got nan\)", id="nan"),
    ],
)
def test_gaussian_entropy_rejects_an_invalid_sigma(sigma, message):
    with pytest.raises(ValueError, match=message + "; a standard deviation is a finite number > 0"):
        info.gaussian_entropy(sigma)


@pytest.mark.parametrize("position", [1, 3])
@pytest.mark.parametrize(
    ("sigma", "message"),
    [
        pytest.param(0.0, r"must be positive \(got 0\)", id="zero"),
        pytest.param(-2.0, r"must be positive \(got -2\)", id="negative"),
        pytest.param(math.inf, r"must be finite \(got inf\)", id="inf"),
        pytest.param(math.nan, r"must not contain NaN", id="nan"),
    ],
)
@pytest.mark.parametrize("function", GAUSSIAN)
def test_gaussian_pair_measures_reject_an_invalid_sigma(function, position, sigma, message):
    args = [0.0, 1.0, 0.0, 1.0]
    args[position] = sigma
    name = "sigma_p" if position == 1 else "sigma_q"
    with pytest.raises(ValueError, match=f"`{name}` {message}"):
        function(*args)


@pytest.mark.parametrize("position", [0, 2])
@pytest.mark.parametrize(
    ("mu", "message"),
    [
        pytest.param(math.inf, r"must be finite \(got inf\)", id="inf"),
        pytest.param(-math.inf, r"must be finite \(got -inf\)", id="minus-inf"),
        pytest.param(math.nan, r"must not contain NaN \(got nan\)", id="nan"),
    ],
)
@pytest.mark.parametrize("function", GAUSSIAN)
def test_gaussian_pair_measures_reject_a_mean_that_is_not_finite(function, position, mu, message):
    args = [0.0, 1.0, 0.0, 1.0]
    args[position] = mu
    name = "mu_p" if position == 0 else "mu_q"
    with pytest.raises(ValueError, match=f"`{name}` {message}; a mean is a finite real number"):
        function(*args)


@pytest.mark.parametrize("function", GAUSSIAN)
def test_gaussian_pair_measures_reject_shapes_that_do_not_broadcast(function):
    with pytest.raises(
        ValueError, match=r"must broadcast together \(got shapes \(2,\), \(\), \(3,\)"
    ):
        function([0.0, 1.0], 1.0, [0.0, 1.0, 2.0], 1.0)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        pytest.param([0, 0, 0], r"`weights` must not all be zero", id="all-zero"),
        pytest.param([1, -1], r"`weights` must be non-negative \(got -1 at index 1\)", id="neg"),
        pytest.param([1, math.nan], r"`weights` must not contain NaN", id="nan"),
        pytest.param([1, math.inf], r"`weights` must be finite \(got inf", id="inf"),
        pytest.param([], r"`weights` must not be empty", id="empty"),
        pytest.param([[1, 2]], r"`weights` must be 1-D", id="2-d"),
        pytest.param(["1", "2"], r"`weights` must contain real numbers", id="text"),
    ],
)
def test_normalize_rejects_invalid_weights(weights, message):
    with pytest.raises(ValueError, match=message):
        info.normalize(weights)


@given(positive_prob_vectors())
def test_validation_accepts_every_generated_distribution(p):
    assert math.isfinite(info.entropy(p))


def test_gaussian_kl_is_inf_not_nan_when_the_sigma_ratio_overflows():
    # found by tests/test_core_fuzz.py: σp/σq = 1.8e308 once gave inf − inf = NaN
    assert info.gaussian_kl(0.0, 1.1e12, 0.0, 6.3e-297) == math.inf
    assert info.gaussian_cross_entropy(0.0, 1.1e12, 0.0, 6.3e-297) == math.inf


def test_gaussian_kl_stays_finite_when_the_sigma_ratio_underflows():
    # σp/σq underflows to 0, yet log σq − log σp is finite: KL ≈ log(σq/σp) − 1/2
    expected = math.log(1e300) - math.log(1e-20) - 0.5
    assert info.gaussian_kl(0.0, 1e-20, 0.0, 1e300, base=math.e) == pytest.approx(expected)
