"""lossviz.divergences against independent references: closed forms, scipy, finite differences."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats
from scipy.optimize import minimize
from strategies import prob_vector_pairs

from lossviz import divergences as dv
from lossviz import info
from lossviz.charts import divergences as charts
from lossviz.charts import style

means = st.floats(-5, 5)
sigmas = st.floats(0.1, 5)
bases = st.sampled_from([2, math.e, 10])


def test_gaussian_density_matches_the_textbook_formula():
    x = np.linspace(-5, 7, 121)
    expected = np.exp(-((x - 1.5) ** 2) / (2 * 0.7**2)) / (0.7 * math.sqrt(2 * math.pi))
    np.testing.assert_allclose(dv.gaussian_density(x, 1.5, 0.7), expected, rtol=1e-12)


@given(means, sigmas, means, sigmas, bases)
@settings(max_examples=40, deadline=None)
def test_numeric_cross_entropy_agrees_with_the_closed_form(mu_p, s_p, mu_q, s_q, base):
    numeric = dv.numeric_cross_entropy(mu_p, s_p, mu_q, s_q, base=base)
    closed = info.gaussian_cross_entropy(mu_p, s_p, mu_q, s_q, base=base)
    assert numeric == pytest.approx(closed, rel=1e-8, abs=1e-8)


def test_integrand_area_by_trapezoid_is_the_closed_form():
    x = np.linspace(-14, 16, 30_001)
    area = np.trapezoid(dv.cross_entropy_integrand(x, 1, 1.2, 0.3, 0.8), x)
    assert area == pytest.approx(info.gaussian_cross_entropy(1, 1.2, 0.3, 0.8), rel=1e-9)


def test_narrow_densities_have_negative_differential_cross_entropy():
    # Densities above 1 give negative surprise: the "area" is below zero, unlike the discrete case.
    value = dv.numeric_cross_entropy(0, 0.1, 0, 0.1)
    assert value < 0
    assert value == pytest.approx(0.5 * math.log2(2 * math.pi * math.e * 0.01), rel=1e-9)
    x = np.linspace(-0.3, 0.3, 61)
    assert (dv.cross_entropy_integrand(x, 0, 0.1, 0, 0.1)[25:36] < 0).all()


def test_sweep_has_one_row_per_mean_and_its_minimum_at_p_mean():
    x = np.linspace(-8, 8, 301)
    means_q = np.linspace(-3, 3, 31)
    sweep = dv.cross_entropy_sweep(x, 0.6, 1.1, means_q, 0.9, base=math.e)
    assert sweep.q.shape == sweep.integrand.shape == (31, 301)
    np.testing.assert_allclose(sweep.numeric, sweep.closed_form, rtol=1e-8)
    np.testing.assert_allclose(np.trapezoid(sweep.q, x, axis=1), 1, atol=1e-6)
    assert means_q[np.argmin(sweep.closed_form)] == pytest.approx(0.6)
    # Each row's integrand is −p log q for that mean: its area is the closed form of that row.
    np.testing.assert_allclose(
        np.trapezoid(sweep.integrand, x, axis=1), sweep.closed_form, rtol=1e-5
    )


def _binned_reference(mu_p, s_p, mu_q, s_q, width, base):
    """Discrete cross-entropy from scipy.stats bin masses and lossviz.info.cross_entropy."""
    edges = np.arange(-40, 40 + width / 2, width)
    edges[0], edges[-1] = -np.inf, np.inf
    mass_p = np.diff(stats.norm.cdf(edges, mu_p, s_p))
    mass_q = np.diff(stats.norm.cdf(edges, mu_q, s_q))
    return info.cross_entropy(mass_p / mass_p.sum(), mass_q / mass_q.sum(), base=base)


@pytest.mark.parametrize("width", [0.1, 0.5, 2.0, 5.0])
def test_discretised_cross_entropy_matches_cross_entropy_of_bin_masses(width):
    got = dv.discretised_cross_entropy(0.5, 1.0, -0.5, 1.5, width=width)
    assert got == pytest.approx(_binned_reference(0.5, 1.0, -0.5, 1.5, width, 2), rel=1e-9)


def test_discretised_cross_entropy_tends_to_differential_minus_log_width():
    h = info.gaussian_cross_entropy(0.3, 1, -0.4, 1.3)
    gaps = [
        abs(dv.discretised_cross_entropy(0.3, 1, -0.4, 1.3, width=w) - (h - math.log2(w)))
        for w in (0.4, 0.2, 0.1)
    ]
    assert gaps[0] < 0.01
    assert gaps[1] < gaps[0] / 3 and gaps[2] < gaps[1] / 3  # shrinks like Δ²


def test_discretised_cross_entropy_stays_finite_when_q_is_far_from_p():
    # q's bin masses under p's bulk underflow to 0 in linear space; in log space they are fine.
    h = info.gaussian_cross_entropy(0, 1, 40, 0.5)
    got = dv.discretised_cross_entropy(0, 1, 40, 0.5, width=0.001)
    assert math.isfinite(got)
    # log q is steep here (slope ≈ 160 per unit), so the Δ² error needs a fine bin to vanish.
    assert got == pytest.approx(h - math.log2(0.001), abs=0.01)


def test_mixture_density_integrates_to_one_and_weights_its_components():
    w, m, s = [0.2, 0.5, 0.3], [-3, 0, 4], [0.5, 1, 2]
    area, _ = integrate.quad(lambda x: dv.mixture_density([x], w, m, s)[0], -30, 30, limit=200)
    assert area == pytest.approx(1, abs=1e-9)
    x = np.linspace(-6, 8, 57)
    expected = sum(wk * stats.norm.pdf(x, mk, sk) for wk, mk, sk in zip(w, m, s))
    np.testing.assert_allclose(dv.mixture_density(x, w, m, s), expected, rtol=1e-12)


@given(means, sigmas, means, sigmas, st.booleans())
@settings(max_examples=30, deadline=None)
def test_mixture_kl_of_one_component_is_the_gaussian_closed_form(mu_p, s_p, mu_q, s_q, reverse):
    got = dv.mixture_kl([1.0], [mu_p], [s_p], mu_q, s_q, reverse=reverse)
    expected = (
        info.gaussian_kl(mu_q, s_q, mu_p, s_p)
        if reverse
        else info.gaussian_kl(mu_p, s_p, mu_q, s_q)
    )
    assert got == pytest.approx(expected, rel=1e-7, abs=1e-8)


@pytest.mark.parametrize(("separation", "weight"), [(0.0, 0.5), (2.0, 0.5), (4.0, 0.3), (7.0, 0.8)])
@pytest.mark.parametrize("start", [(-3.0, 0.5), (2.0, 3.0)])
def test_forward_fit_is_where_a_numerical_search_of_the_divergence_ends(separation, weight, start):
    # Reference: Nelder–Mead on the adaptive quadrature of D(p‖q), from the same start.
    w, m, s = dv.two_gaussian_mixture(separation, weight)
    fit = dv.forward_kl_fit(w, m, s, start=start)
    ref = minimize(
        lambda th: dv.mixture_kl(w, m, s, th[0], math.exp(th[1]), base=math.e),
        [start[0], math.log(start[1])],
        method="Nelder-Mead",
        options={"xatol": 1e-7, "fatol": 1e-12, "maxiter": 4000},
    )
    assert fit.mu == pytest.approx(ref.x[0], abs=1e-4)
    assert fit.sigma == pytest.approx(math.exp(ref.x[1]), abs=1e-4)
    assert fit.divergence <= dv.mixture_kl(w, m, s, ref.x[0], math.exp(ref.x[1])) + 1e-9
    assert fit.start == start


@pytest.mark.parametrize("fit", [dv.forward_kl_fit, dv.reverse_kl_fit])
def test_a_unimodal_p_is_fitted_exactly_by_both_directions(fit):
    result = fit([0.4, 0.6], [1.5, 1.5], [0.8, 0.8], start=(-1.0, 2.0))
    assert result.mu == pytest.approx(1.5, abs=1e-4)
    assert result.sigma == pytest.approx(0.8, abs=1e-4)
    assert result.divergence == pytest.approx(0, abs=1e-7)


@pytest.mark.parametrize(("start", "mode"), [(-4.0, 0), (-1.0, 0), (1.0, 1), (5.0, 1)])
def test_reverse_fit_settles_on_the_mode_nearest_its_start(start, mode):
    w, m, s = dv.two_gaussian_mixture(12, 0.3)
    fit = dv.reverse_kl_fit(w, m, s, start=(start, 1.0))
    assert fit.mu == pytest.approx(m[mode], abs=1e-3)
    assert fit.sigma == pytest.approx(1, abs=1e-3)
    # Ignoring the other mode costs the surprise of the chosen mode's weight.
    assert fit.divergence == pytest.approx(-math.log2(w[mode]), abs=1e-3)


def test_each_fit_is_best_by_its_own_divergence():
    w, m, s = dv.two_gaussian_mixture(6, 0.3)
    forward = dv.forward_kl_fit(w, m, s)
    reverse = dv.reverse_kl_fit(w, m, s, start=(3.0, 1.0))
    assert forward.divergence < dv.mixture_kl(w, m, s, reverse.mu, reverse.sigma)
    assert reverse.divergence < dv.mixture_kl(w, m, s, forward.mu, forward.sigma, reverse=True)
    assert forward.sigma > 2 * reverse.sigma  # mode-covering is wide, mode-seeking narrow


def test_reverse_fit_is_a_stationary_point_by_finite_differences():
    w, m, s = dv.two_gaussian_mixture(6, 0.3)
    fit = dv.reverse_kl_fit(w, m, s, start=(-2.0, 1.0))
    h = 1e-4
    d_mu = (
        dv.mixture_kl(w, m, s, fit.mu + h, fit.sigma, reverse=True)
        - dv.mixture_kl(w, m, s, fit.mu - h, fit.sigma, reverse=True)
    ) / (2 * h)
    d_sigma = (
        dv.mixture_kl(w, m, s, fit.mu, fit.sigma + h, reverse=True)
        - dv.mixture_kl(w, m, s, fit.mu, fit.sigma - h, reverse=True)
    ) / (2 * h)
    assert abs(d_mu) < 1e-3 and abs(d_sigma) < 1e-3


def test_bernoulli_kl_grid_matches_scipy_entropy():
    a, b = np.linspace(0.05, 0.95, 7), np.linspace(0.1, 0.9, 5)
    grid = dv.bernoulli_kl_grid(a, b, base=math.e)
    assert grid.shape == (5, 7)
    for j, bj in enumerate(b):
        for i, ai in enumerate(a):
            assert grid[j, i] == pytest.approx(stats.entropy([ai, 1 - ai], [bj, 1 - bj]))


def test_bernoulli_kl_is_zero_on_the_diagonal_and_inf_for_a_sure_model():
    a = np.linspace(0, 1, 11)
    grid = dv.bernoulli_kl_grid(a, a)
    np.testing.assert_allclose(np.diag(grid), 0, atol=1e-12)
    assert np.isinf(dv.bernoulli_kl_grid([0.5], [0.0, 1.0])).all()
    assert dv.bernoulli_kl_grid([1.0], [1.0])[0, 0] == 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dv.gaussian_density([0.0], 0, 0), "`sigma` must be positive"),
        (lambda: dv.gaussian_density([[0.0]], 0, 1), "`x` must be 1-D"),
        (lambda: dv.gaussian_density([np.nan], 0, 1), "`x` must not contain NaN"),
        (lambda: dv.gaussian_density([0.0], [0, 1], 1), "`mu` must be a single number"),
        (lambda: dv.cross_entropy_integrand([0.0], np.inf, 1, 0, 1), "`mu_p` must be finite"),
        (lambda: dv.numeric_cross_entropy(0, 1, 0, -1), "`sigma_q` must be positive"),
        (lambda: dv.numeric_cross_entropy(0, 1, 0, 1, base=1), "`base` must be positive"),
        (lambda: dv.cross_entropy_sweep([0.0], 0, 1, [np.nan], 1), "`mu_q_values` must not"),
        (lambda: dv.discretised_cross_entropy(0, 1, 0, 1, width=0), "`width` must be positive"),
        (lambda: dv.discretised_cross_entropy(0, 1, 0, 1, width=1e-6), "`width` is too small"),
        (lambda: dv.two_gaussian_mixture(-1, 0.5), "`separation` must be >= 0"),
        (lambda: dv.two_gaussian_mixture(2, 1.5), "`weight` must be at most 1"),
        (lambda: dv.mixture_density([0.0], [0.5, 0.6], [0, 1], [1, 1]), "`weights` must sum"),
        (lambda: dv.mixture_density([0.0], [0.5, 0.5], [0], [1, 1]), "same length"),
        (lambda: dv.mixture_kl([1.0], [0], [1], 0, 0), "`sigma_q` must be positive"),
        (lambda: dv.forward_kl_fit([1.0], [0], [1], start=(0, 0)), r"`start\[1\]` must be"),
        (lambda: dv.reverse_kl_fit([1.0], [0], [1], start=(np.nan, 1)), r"`start\[0\]` must"),
        (lambda: dv.bernoulli_kl_grid([1.2], [0.5]), "`a` must be at most 1"),
        (lambda: dv.bernoulli_kl_grid([0.5], [[0.5]]), "`b` must be 1-D"),
    ],
)
def test_invalid_input_raises_a_value_error_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_huffman_cost_of_dyadic_distributions_is_cross_entropy_and_entropy():
    p, q = [0.5, 0.25, 0.125, 0.125], [0.125, 0.125, 0.25, 0.5]
    cost = dv.huffman_cost(p, q)
    assert [len(w) for w in cost.words] == [3, 3, 2, 1]  # −log2 q exactly
    assert cost.on_p == pytest.approx(info.cross_entropy(p, q))
    assert cost.own == pytest.approx(info.entropy(p))


@given(prob_vector_pairs(2, 8))
@settings(max_examples=40, deadline=None)
def test_no_code_for_q_beats_the_huffman_code_for_p_on_data_from_p(pair):
    p, q = pair
    cost = dv.huffman_cost(p, q)
    assert cost.on_p == math.inf or np.isfinite(info.cross_entropy(p, q))
    assert cost.own <= cost.on_p + 1e-12  # Huffman is optimal for p among prefix codes
    assert info.entropy(p) - 1e-9 <= cost.own < info.entropy(p) + 1 + 1e-9


def test_huffman_cost_rejects_distributions_of_different_lengths():
    with pytest.raises(ValueError, match="same length"):
        dv.huffman_cost([0.5, 0.5], [1 / 3] * 3)


# --------------------------------------------------------------------------- the figures


def _scrubber(active=12):
    x = np.linspace(-8, 8, 201)
    sweep = dv.cross_entropy_sweep(x, 0, 1, np.linspace(-5, 5, 41), 1)
    keys = "p q integrand curve entropy current caption_name slider q_mean_axis play pause"
    names = {k: k for k in keys.split()}
    names["caption"] = "h = {closed} (quad {numeric})"
    fig = charts.gaussian_scrubber(
        sweep.x,
        sweep.p,
        sweep.mu_q,
        sweep.q,
        sweep.integrand,
        sweep.closed_form,
        sweep.numeric,
        info.gaussian_entropy(1),
        active=active,
        names=names,
        title="t",
        density_title="d",
        integrand_title="i",
        ce_axis="c",
    )
    return fig, sweep


def test_scrubber_has_one_frame_per_mean_of_q_with_the_moving_traces():
    fig, sweep = _scrubber()
    assert len(fig.frames) == 41
    for frame, m, row, value in zip(fig.frames, sweep.mu_q, sweep.q, sweep.closed_form):
        assert frame.name == f"{m:.2f}"
        assert list(frame.traces) == [1, 2, 4, 5]  # q, integrand, current point, caption
        np.testing.assert_allclose(frame.data[0].y, row, atol=6e-4)  # rounded to 3 decimals
        assert frame.data[2].y[0] == pytest.approx(value)
        assert frame.data[3].text[0] == f"h = {value:.3f} (quad {value:.3f})"
    assert fig.data[2].fill == "tozeroy"  # the integrand's area is shaded


def test_scrubber_slider_animates_each_frame_instantly_and_starts_at_active():
    fig, sweep = _scrubber(active=30)
    slider = fig.layout.sliders[0]
    assert slider.active == 30
    assert [s.args[0][0] for s in slider.steps] == [f.name for f in fig.frames]
    for step in slider.steps:
        assert step.method == "animate"
        assert step.args[1] == {
            "frame": {"duration": 0, "redraw": False},
            "mode": "immediate",
            "transition": {"duration": 0},
        }
    np.testing.assert_allclose(fig.data[1].y, sweep.q[30], atol=6e-4)  # drawn at frame 30
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["play", "pause"]
    assert buttons[0].args[0] is None and list(buttons[1].args[0]) == [None]


def test_scrubber_keeps_p_vermillion_and_q_blue():
    fig, _ = _scrubber()
    assert fig.data[0].line.color == style.P
    assert fig.data[1].line.color == style.Q
    assert fig.data[2].line.color == style.THIRD


def test_split_bar_draws_an_infinite_divergence_at_a_cap_labelled_infinity():
    fig = charts.cross_entropy_split(
        1.0, math.inf, labels=("H", "D"), row_label="r", title="t", x_title="bits"
    )
    assert fig.data[1].x[0] == 1.0 and fig.data[1].text[0] == "∞"
    assert [bar.marker.color for bar in fig.data] == [style.P, style.THIRD]


def test_kl_map_caps_infinite_cells_and_marks_the_current_coins():
    a = np.linspace(0, 1, 11)
    fig = charts.kl_map(
        a,
        a,
        dv.bernoulli_kl_grid(a, a),
        (1.0, 0.5),
        cap=4,
        title="t",
        x_title="a",
        y_title="b",
        colour_title="D",
        point_label="now",
    )
    z = np.asarray(fig.data[0].z, dtype=float)
    assert np.isfinite(z).all() and z.max() == 4
    assert fig.data[0].text[0][5] == "∞"  # b = 0 under a = 0.5
    assert (fig.data[-1].x[0], fig.data[-1].y[0]) == (1.0, 0.5)
