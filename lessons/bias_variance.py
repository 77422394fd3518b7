"""Lesson: bias and variance, measured by Monte Carlo over many training sets, not asserted."""

from types import SimpleNamespace

import numpy as np
import streamlit as st

from lossviz import bias_variance as bv
from lossviz import fmt, ui
from lossviz.charts import bias_variance as charts

KS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50)  # k of k-NN along the U-curve
T = "bias_variance."
TERMS = ("bias2", "variance", "noise", "expected", "measured")
number = fmt.format_number


def tr(key: str, **values) -> str:
    return ui.t(T + key, **values)


# Results and figures are shared read-only by every session (never mutated): a release
# of one student mostly finds what another already built.
@st.cache_resource(max_entries=32, show_spinner=False)
def sweep(model: str, complexities: tuple, noise: float, n: int, seed: int):
    """The decomposition at every complexity of the U-curve, and the curve itself.

    The same as ``bv.complexity_curve``, keeping each decomposition: moving along the
    curve (the degree or k slider) then finds its point already measured.
    """
    # c is the degree or k: a polynomial ignores k, k-NN the degree
    at = {c: bv.decompose(c, noise, n, model=model, k=c, seed=seed) for c in complexities}
    rows = [at[c] for c in complexities]
    terms = {key: np.array([getattr(r, key) for r in rows]) for key in TERMS}
    return at, bv.Curve(complexity=np.asarray(complexities), **terms)


@st.cache_resource(max_entries=32, show_spinner=False)
def view(model: str, complexity: int, noise: float, n: int, seed: int, lang: str):
    """The measurements, the three figures and their alt texts for one setting, in `lang`."""
    poly = model == "poly"
    knn_ks = tuple(sorted({c for c in KS if c <= n} | {complexity}))
    complexities = tuple(range(16)) if poly else knn_ks
    at, c = sweep(model, complexities, noise, n, seed)
    d = at[complexity]
    v = {key: number(getattr(d, key)) for key in TERMS}
    difference = tr("percent", x=number(100 * d.relative_difference, 1))
    labels = {key: tr(f"metric_{key}") for key in v} | {"sum": tr("label_sum")}
    labels |= {"expected": tr("label_expected"), "current": tr("label_current")}
    lim = round(1.3 + 2.5 * noise, 1)
    names = {key: tr(f"legend_{key}") for key in ("truth", "fits", "mean", "data")}
    fits = charts.fits_and_truth(
        d.x_grid, d.truth, d.fits, d.mean_fit, d.x_train, d.y_example,
        title=tr("fits_title", shown=len(d.fits), repeats=d.repeats), x_title=tr("x_title"),
        y_title=tr("y_title"), names=names, y_range=(-lim, lim),
    )  # fmt: skip
    spread = {"bias": number(np.sqrt(d.bias2)), "spread": number(np.sqrt(d.variance))}
    bars = charts.decomposition_bars(
        d.bias2, d.variance, d.noise, d.measured,
        labels=labels | {"measured": tr("label_measured")}, title=tr("bars_title"),
        y_title=tr("bars_y"),
    )  # fmt: skip
    order = slice(None) if poly else slice(None, None, -1)  # simplest model first
    y_max = 1.25 * max(c.expected[order][0], d.expected)
    best = int(np.argmin(c.expected))
    axis = tr("curve_x_poly" if poly else "curve_x_knn")
    what = tr("what_poly" if poly else "what_knn")
    errors = charts.error_curve(
        c.complexity, c.bias2, c.variance, c.noise, c.expected, c.measured, complexity,
        y_max=y_max, labels=labels, title=tr("curve_title"), x_title=axis, y_title=tr("curve_y"),
        reversed_x=not poly,
    )  # fmt: skip
    ends = {
        f"{key}_{end}": number(getattr(c, key)[order][i])
        for key in ("bias2", "variance")
        for end, i in (("first", 0), ("last", -1))
    }
    where = {"best": f"{what} {c.complexity[best]}", "current": f"{what} {complexity}"}
    note = tr("curve_note", best_value=number(c.expected[best]), what=what, best=c.complexity[best])
    return SimpleNamespace(
        d=d, v=v, difference=difference, regime=bv.diagnosis(d.bias2, d.variance),
        fits=fits, fits_alt=tr("alt_fits", shown=len(d.fits), **spread),
        bars=bars, bars_alt=tr("alt_bars", **v, difference=difference),
        errors=errors, errors_alt=tr(
            "alt_curve", axis=axis, noise=v["noise"], best_value=number(c.expected[best]),
            current_value=v["expected"], **ends, **where,
        ),
        curve_note=note + (" " + tr("curve_clipped") if c.expected.max() > y_max else ""),
        double_descent=poly and n - 1 < c.complexity.max(),
    )  # fmt: skip


def slider(param: str, lo: float, hi: float, default: float, **options) -> float:
    """A URL-bound slider whose key, label and help all derive from its parameter name."""
    options = {"step": 1, "integer": True} | options
    return ui.number(
        param,
        key=f"bv_{param}",
        label=tr(f"{param}_label"),
        min_value=lo,
        max_value=hi,
        default=default,
        help=tr(f"{param}_help"),
        **options,
    )


ui.header("bias_variance")


@st.fragment  # every control changes only this section: a release reruns only it
def decomposition_section() -> None:
    left, right = st.columns(2)
    with left:
        model = ui.choice(
            "model",
            key="bv_model",
            label=tr("model_label"),
            options=bv.MODELS,
            default="poly",
            format_func=lambda m: tr(f"model_{m}"),
            help=tr("model_help"),
        )
        degree = slider("degree", 0, 15, 3)
        k_asked = slider("k", 1, 50, 5)
    with right:
        noise = slider("noise", 0.0, 1.0, 0.3, step=0.05, format="%.2f", integer=False)
        n = slider("n", 5, 200, 30)
        seed = slider("seed", 0, 100, 0)

    k = min(k_asked, n)
    if model == "knn" and k_asked > n:
        st.caption(tr("k_clamped", k=k_asked, n=n))
    poly = model == "poly"
    complexity = degree if poly else k
    with st.spinner(tr("spinner", repeats=bv.REPEATS)):
        s = view(model, complexity, float(noise), n, seed, ui.lang())
    d, v = s.d, s.v

    for column, key in zip(st.columns(4), ("bias2", "variance", "noise", "expected")):
        ui.metric_in(column, tr(f"metric_{key}"), v[key], help=tr(f"help_{key}"))
    measured, relative, verdict = st.columns([1, 1, 2])
    se = number(d.measured_se, 4)
    help_measured = tr("help_measured", m=d.test_size, se=se)
    ui.metric_in(measured, tr("metric_measured"), v["measured"], help=help_measured)
    ui.metric_in(relative, tr("metric_difference"), s.difference, help=tr("help_difference"))
    regime, ratio = s.regime
    show = {"small": st.success, "under": st.info, "over": st.warning, "balanced": st.info}[regime]
    with verdict:
        show(tr(f"verdict_{regime}", ratio=number(ratio, 0) if ratio < 1000 else "> 1000"))
    if poly and degree + 1 >= n:
        st.caption(tr("interpolation", p=degree + 1, n=n))

    left, right = st.columns([3, 2])
    with left:
        ui.chart(s.fits, key="bv_fits", alt=s.fits_alt)
        st.caption(tr("fits_note"))
    with right:
        ui.chart(s.bars, key="bv_bars", alt=s.bars_alt)

    st.subheader(tr("formula_title"))
    st.latex(
        rf"\underbrace{{\mathbb{{E}}\big[(y-\hat f(x))^2\big]}}_{{\text{{MC}}}} = {d.measured:.4f}"
        rf"\;\approx\; \underbrace{{{d.bias2:.4f}}}_{{\mathrm{{Bias}}^2}}"
        rf" + \underbrace{{{d.variance:.4f}}}_{{\mathrm{{Var}}}}"
        rf" + \underbrace{{{d.noise:.4f}}}_{{\sigma^2}} = {d.expected:.4f}"
    )
    st.caption(tr("formula_note", difference=s.difference, se=se))

    ui.chart(s.errors, key="bv_curve", alt=s.errors_alt)
    st.caption(s.curve_note)
    if s.double_descent:
        st.caption(tr("double_descent", t=n - 1))


decomposition_section()

st.subheader(tr("exact_title"))
st.markdown(tr("exact_text"))
with st.expander(tr("how_title")):
    st.markdown(tr("how_text", repeats=bv.REPEATS, grid=bv.GRID_SIZE, m=bv.TEST_SIZE))
