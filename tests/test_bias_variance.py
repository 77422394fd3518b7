"""The bias–variance Monte Carlo against closed forms and direct measurements."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.polynomial import Polynomial

from lossviz import bias_variance as bv


def cubic(x):
    return 20 * (x - 0.2) * (x - 0.5) * (x - 0.9)  # a degree-3 truth: degree-3 fits are unbiased


def exact_polynomial_terms(degree, noise, n, f=bv.true_function):
    """Bias² and variance of least squares on the fixed design, from linear algebra.

    With y = f(X) + σε the fit is f̂(x) = s(x)·y for a row s(x) of the smoother, so
    E f̂(x) = s(x)·f(X) and Var f̂(x) = σ² |s(x)|². The smoother is built column by
    column by fitting unit vectors with numpy's own Polynomial.fit (monomial basis).
    """
    x_train, x_grid = bv.design(n), bv.grid()
    smoother = np.column_stack(
        [Polynomial.fit(x_train, e, degree)(x_grid) for e in np.eye(n)]
    )  # (G, n)
    bias2 = np.mean((smoother @ f(x_train) - f(x_grid)) ** 2)
    variance = noise**2 * np.mean(np.sum(smoother**2, axis=1))
    return bias2, variance


@pytest.mark.parametrize(("degree", "n"), [(0, 10), (1, 30), (3, 30), (5, 20)])
def test_polynomial_bias_and_variance_match_the_closed_form(degree, n):
    d = bv.decompose(degree, 0.5, n, repeats=4000, seed=1)
    bias2, variance = exact_polynomial_terms(degree, 0.5, n)
    assert d.variance == pytest.approx(variance, rel=0.08)
    # the Monte Carlo bias² carries an extra variance/R on average
    assert d.bias2 == pytest.approx(bias2, rel=0.02, abs=5 * variance / 4000)


def test_knn_variance_is_sigma_squared_over_k_and_bias_averages_the_neighbours():
    noise, n, k = 0.4, 40, 4
    d = bv.decompose(0, noise, n, model="knn", k=k, repeats=4000, seed=2)
    assert d.variance == pytest.approx(noise**2 / k, rel=0.06)
    # independent reference: neighbours by a full sort of all distances
    x_train, x_grid = bv.design(n), bv.grid()
    nearest = np.argsort(np.abs(x_grid[:, None] - x_train[None, :]), axis=1, kind="stable")[:, :k]
    bias2 = np.mean(
        (bv.true_function(x_train)[nearest].mean(axis=1) - bv.true_function(x_grid)) ** 2
    )
    assert d.bias2 == pytest.approx(bias2, rel=0.05, abs=5 * noise**2 / k / 4000)


SETTINGS = [
    ("poly", 0, 0.3, 30),
    ("poly", 1, 0.3, 30),
    ("poly", 3, 0.1, 10),
    ("poly", 12, 0.3, 30),
    ("poly", 15, 1.0, 200),
    ("poly", 9, 0.3, 10),  # interpolation threshold: the variance peaks
    ("poly", 15, 0.3, 5),  # more coefficients than points: minimum-norm interpolant
    ("knn", 1, 0.3, 30),
    ("knn", 10, 0.8, 50),
]


@pytest.mark.parametrize(("model", "complexity", "noise", "n"), SETTINGS)
def test_bias2_plus_variance_plus_noise_matches_measured_test_mse(model, complexity, noise, n):
    d = bv.decompose(complexity, noise, n, model=model, k=complexity, seed=3)
    assert d.noise == pytest.approx(noise**2)
    assert d.expected == pytest.approx(d.bias2 + d.variance + d.noise)
    assert abs(d.expected - d.measured) < 4 * d.measured_se
    assert abs(d.relative_difference) < 0.05


@pytest.mark.parametrize(("degree", "n"), [(12, 30), (9, 10), (15, 200)])
def test_the_measurement_is_sharp_enough_to_catch_a_missing_variance(degree, n):
    d = bv.decompose(degree, 0.3, n, seed=3)
    assert abs(d.bias2 + d.noise - d.measured) > 4 * d.measured_se


def test_bias_vanishes_when_the_degree_matches_a_polynomial_truth():
    right = bv.decompose(3, 0.3, 30, f=cubic, seed=4)
    too_low = bv.decompose(2, 0.3, 30, f=cubic, seed=4)
    assert right.bias2 < 0.01 * right.variance  # only the Monte Carlo's variance / R is left
    # 20x³ = P̃₃ + lower terms (shifted Legendre); a quadratic misses ‖P̃₃‖² = 1/7 on U(0, 1)
    assert too_low.bias2 == pytest.approx(1 / 7, rel=0.03)
    assert too_low.bias2 > 10 * too_low.variance


def test_linear_fit_bias_tends_to_the_l2_distance_from_the_sine():
    # best line for sin(2πx) on U(0, 1): slope −6/π, so bias² = ½ − 3/π²
    d = bv.decompose(1, 0.3, 400, seed=5)
    assert d.bias2 == pytest.approx(0.5 - 3 / np.pi**2, rel=0.01)


def test_variance_of_a_large_sample_is_sigma_squared_times_parameters_over_n():
    d = bv.decompose(3, 0.5, 400, repeats=2000, seed=6)
    assert d.variance == pytest.approx(0.25 * 4 / 400, rel=0.1)


def test_variance_grows_with_degree_at_fixed_n():
    curve = bv.complexity_curve(range(12), 0.3, 30, seed=7)
    assert np.all(np.diff(curve.variance) > 0)


def test_variance_peaks_at_the_interpolation_threshold_and_falls_beyond_it():
    curve = bv.complexity_curve(range(16), 0.3, 10, seed=7)
    assert int(np.argmax(curve.variance)) == 9  # degree n - 1: one exact interpolant
    assert curve.variance[15] < curve.variance[9] / 10  # minimum-norm: double descent


def test_variance_falls_as_k_grows():
    curve = bv.complexity_curve([1, 2, 4, 8, 16], 0.3, 30, model="knn", seed=7)
    assert np.all(np.diff(curve.variance) < 0)
    assert np.all(np.diff(curve.bias2) > 0)


def test_curve_point_equals_the_single_decomposition_with_the_same_seed():
    curve = bv.complexity_curve([1, 4, 12], 0.3, 30, seed=8)
    single = bv.decompose(4, 0.3, 30, seed=8)
    assert curve.expected[1] == single.expected
    assert curve.measured[1] == single.measured


def test_the_error_curve_is_u_shaped_for_the_default_setting():
    curve = bv.complexity_curve(range(16), 0.3, 30, seed=0)
    best = int(np.argmin(curve.expected))
    assert 0 < best < 15
    assert curve.expected[0] > 2 * curve.expected[best] < curve.expected[15]


def test_same_seed_reproduces_and_another_seed_differs_by_little():
    a, b = bv.decompose(5, 0.3, 30, seed=9), bv.decompose(5, 0.3, 30, seed=9)
    c = bv.decompose(5, 0.3, 30, seed=10)
    assert a.measured == b.measured and np.array_equal(a.fits, b.fits)
    assert a.measured != c.measured
    assert c.expected == pytest.approx(a.expected, rel=0.05)


def test_high_degree_interpolates_noiseless_points_with_the_minimum_norm_solution():
    x, y = bv.design(5), bv.true_function(bv.design(5))
    coefficients = bv.polynomial_coefficients(x, y, 15)
    assert np.all(np.isfinite(coefficients))
    assert np.allclose(bv.legendre_basis(x, 15) @ coefficients, y)
    minimum_norm = np.linalg.lstsq(bv.legendre_basis(x, 15), y, rcond=None)[0]
    assert np.allclose(coefficients, minimum_norm)


def test_degree_0_predicts_the_training_mean():
    y = np.array([[1.0, 2.0, 6.0], [0.0, 0.0, 3.0]])
    coefficients = bv.polynomial_coefficients(bv.design(3), y, 0)
    assert np.allclose(coefficients[:, 0], [3.0, 1.0])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=30, unique=True),
    st.lists(st.floats(-0.5, 1.5, allow_nan=False), min_size=1, max_size=10),
    st.integers(1, 30),
)
# the farthest neighbours tie (1 − 2e-60 == 1.0) while the near ends differ: keep the 0
@example([0.0, 1.0, 0.5, 0.75, 0.625, 0.25, 0.375, 2e-60], [1.0], 7)
def test_nearest_neighbours_agree_with_a_full_sort(train, queries, k):
    x_train, x_query = np.sort(train), np.array(queries)
    k = min(k, len(x_train))
    found = bv.nearest_neighbours(x_train, x_query, k)
    distance = np.abs(x_train[None, :] - x_query[:, None])
    reference = np.sort(distance, axis=1)[:, :k]
    assert np.allclose(np.sort(np.take_along_axis(distance, found, axis=1), axis=1), reference)
    assert all(len(set(row)) == k for row in found)  # no neighbour counted twice


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"degree": -1}, "`degree` must be an integer ≥ 0"),
        ({"degree": 2.5}, "`degree` must be an integer"),
        ({"noise": -0.1}, "`noise` must be a number ≥ 0"),
        ({"noise": float("nan")}, "`noise` must be a number"),
        ({"n": 1}, "`n` must be an integer ≥ 2"),
        ({"model": "tree"}, "`model` must be one of"),
        ({"model": "knn", "k": 31}, "`k` must be an integer between 1 and 30"),
        ({"repeats": 1}, "`repeats` must be an integer ≥ 2"),
    ],
)
def test_invalid_arguments_raise_value_errors_that_name_them(kwargs, message):
    arguments = {"degree": 3, "noise": 0.3, "n": 30} | kwargs
    with pytest.raises(ValueError, match=message):
        bv.decompose(**arguments)


@pytest.mark.parametrize("model", ["poly", "knn"])
def test_a_decomposition_holds_no_view_of_the_monte_carlo_arrays(model):
    # Results are cached for many sessions: an array that is a view would keep the whole
    # repeats × grid array it was sliced from alive (MBs each).
    d = bv.decompose(5, 0.3, 30, model=model, k=5, seed=0)
    arrays = {k: v for k, v in vars(d).items() if isinstance(v, np.ndarray)}
    assert arrays and all(v.base is None for v in arrays.values()), [
        k for k, v in arrays.items() if v.base is not None
    ]
    assert sum(v.nbytes for v in arrays.values()) < 100_000
