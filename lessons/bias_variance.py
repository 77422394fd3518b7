"""Lesson: bias and variance, measured by Monte Carlo over many training sets, not asserted."""

import numpy as np
import streamlit as st

from lossviz import bias_variance as bv
from lossviz import fmt, ui
from lossviz.charts import bias_variance as charts

KS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50)  # k of k-NN along the U-curve
T = "bias_variance."


@st.cache_data(max_entries=64, show_spinner=False)
def measure(model: str, complexity: int, noise: float, n: int, seed: int) -> bv.Decomposition:
    return bv.decompose(complexity, noise, n, model=model, k=complexity, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def curve(model: str, complexities: tuple, noise: float, n: int, seed: int) -> bv.Curve:
    return bv.complexity_curve(complexities, noise, n, model=model, seed=seed)


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


def tr(key: str, **values) -> str:
    return ui.t(T + key, **values)


ui.header("bias_variance")
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
complexities = tuple(range(16)) if poly else tuple(sorted({c for c in KS if c <= n} | {k}))
with st.spinner(tr("spinner", repeats=bv.REPEATS)):
    d = measure(model, complexity, float(noise), n, seed)
    c = curve(model, complexities, float(noise), n, seed)

number = fmt.format_number
v = {key: number(getattr(d, key)) for key in ("bias2", "variance", "noise", "expected", "measured")}
difference = tr("percent", x=number(100 * d.relative_difference, 1))
for column, key in zip(st.columns(4), ("bias2", "variance", "noise", "expected")):
    with column:
        ui.metric(tr(f"metric_{key}"), v[key], help=tr(f"help_{key}"))
measured, relative, verdict = st.columns([1, 1, 2])
with measured:
    se = number(d.measured_se, 4)
    ui.metric(tr("metric_measured"), v["measured"], help=tr("help_measured", m=d.test_size, se=se))
with relative:
    ui.metric(tr("metric_difference"), difference, help=tr("help_difference"))
regime, ratio = bv.diagnosis(d.bias2, d.variance)
show = {"small": st.success, "under": st.info, "over": st.warning, "balanced": st.info}[regime]
with verdict:
    show(tr(f"verdict_{regime}", ratio=number(ratio, 0) if ratio < 1000 else "> 1000"))
if poly and degree + 1 >= n:
    st.caption(tr("interpolation", p=degree + 1, n=n))

labels = {key: tr(f"metric_{key}") for key in v} | {"sum": tr("label_sum")}
labels |= {"expected": tr("label_expected"), "current": tr("label_current")}
left, right = st.columns([3, 2])
with left:
    names = {key: tr(f"legend_{key}") for key in ("truth", "fits", "mean", "data")}
    lim = round(1.3 + 2.5 * noise, 1)
    fig = charts.fits_and_truth(
        d.x_grid,
        d.truth,
        d.fits,
        d.mean_fit,
        d.x_train,
        d.y_example,
        title=tr("fits_title", shown=len(d.fits), repeats=d.repeats),
        x_title=tr("x_title"),
        y_title=tr("y_title"),
        names=names,
        y_range=(-lim, lim),
    )
    spread = {"bias": number(np.sqrt(d.bias2)), "spread": number(np.sqrt(d.variance))}
    ui.chart(fig, key="bv_fits", alt=tr("alt_fits", shown=len(d.fits), **spread))
    st.caption(tr("fits_note"))
with right:
    fig = charts.decomposition_bars(
        d.bias2,
        d.variance,
        d.noise,
        d.measured,
        labels=labels | {"measured": tr("label_measured")},
        title=tr("bars_title"),
        y_title=tr("bars_y"),
    )
    ui.chart(fig, key="bv_bars", alt=tr("alt_bars", **v, difference=difference))

st.subheader(tr("formula_title"))
st.latex(
    rf"\underbrace{{\mathbb{{E}}\big[(y-\hat f(x))^2\big]}}_{{\text{{MC}}}} = {d.measured:.4f}"
    rf"\;\approx\; \underbrace{{{d.bias2:.4f}}}_{{\mathrm{{Bias}}^2}}"
    rf" + \underbrace{{{d.variance:.4f}}}_{{\mathrm{{Var}}}}"
    rf" + \underbrace{{{d.noise:.4f}}}_{{\sigma^2}} = {d.expected:.4f}"
)
st.caption(tr("formula_note", difference=difference, se=number(d.measured_se, 4)))

order = slice(None) if poly else slice(None, None, -1)  # simplest model first
y_max = 1.25 * max(c.expected[order][0], d.expected)
best = int(np.argmin(c.expected))
axis = tr("curve_x_poly" if poly else "curve_x_knn")
fig = charts.error_curve(
    c.complexity,
    c.bias2,
    c.variance,
    c.noise,
    c.expected,
    c.measured,
    complexity,
    y_max=y_max,
    labels=labels,
    title=tr("curve_title"),
    x_title=axis,
    y_title=tr("curve_y"),
    reversed_x=not poly,
)
what = tr("what_poly" if poly else "what_knn")
ends = {
    f"{key}_{end}": number(getattr(c, key)[order][i])
    for key in ("bias2", "variance")
    for end, i in (("first", 0), ("last", -1))
}
where = {"best": f"{what} {c.complexity[best]}", "current": f"{what} {complexity}"}
alt = tr(
    "alt_curve",
    axis=axis,
    noise=v["noise"],
    best_value=number(c.expected[best]),
    current_value=v["expected"],
    **ends,
    **where,
)
ui.chart(fig, key="bv_curve", alt=alt)
note = tr("curve_note", best_value=number(c.expected[best]), what=what, best=c.complexity[best])
st.caption(note + (" " + tr("curve_clipped") if c.expected.max() > y_max else ""))
if poly and n - 1 < c.complexity.max():
    st.caption(tr("double_descent", t=n - 1))

st.subheader(tr("exact_title"))
st.markdown(tr("exact_text"))
with st.expander(tr("how_title")):
    st.markdown(tr("how_text", repeats=bv.REPEATS, grid=bv.GRID_SIZE, m=bv.TEST_SIZE))
