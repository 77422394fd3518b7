"""Lesson: numerics of softmax and log-losses, and what PyTorch's loss classes compute."""

import math

import numpy as np
import pyarrow as pa
import streamlit as st
from scipy.special import expit, log_softmax, softmax

from lossviz import info, losses, numerics, ui
from lossviz.charts import information as info_charts
from lossviz.charts import numerics as charts
from lossviz.charts import style


def t(key: str, **values: object) -> str:
    return ui.t(f"numerics.{key}", **values)


def slider(param: str, lo: float, hi: float, default: float, step: float, fmt: str) -> float:
    return ui.number(
        param,
        key=f"num_{param}",
        label=t(param),
        min_value=lo,
        max_value=hi,
        default=default,
        step=step,
        format=fmt,
        help=t(f"{param}_help"),
    )


def readouts(values: dict[str, str]) -> None:
    for column, (label, value) in zip(st.columns(len(values)), values.items()):
        ui.metric_in(column, label, value)


def num(x: float) -> str:
    """4 significant digits; NaN and ∞ spelled out, since showing them is the lesson."""
    return "NaN" if math.isnan(x) else ("∞" if x > 0 else "-∞") if math.isinf(x) else f"{x:.4g}"


def tex(x: float) -> str:
    """The same number for LaTeX: ∞ as infinity, 1.2e+43 as 1.2 × 10⁴³."""
    mantissa, _, exponent = num(x).replace("∞", r"\infty").partition("e")
    return rf"{mantissa}\times 10^{{{int(exponent)}}}" if exponent else mantissa


def signed_sum(values) -> str:
    """Terms of a sum for LaTeX: ``0 - 175 + 0`` rather than ``0 + -175 + 0``."""
    terms = [tex(values[0])] + [("- " + tex(-v)) if v < 0 else ("+ " + tex(v)) for v in values[1:]]
    return " ".join(terms)


def nats(x: float) -> str:
    return ui.quantity(x, ui.t("common.unit.nats"))


KL_CALLS = {  # code, not prose: the same in every language
    "batchmean": "KLDivLoss(reduction='batchmean')(q.log(), p)",
    "mean": "KLDivLoss(reduction='mean')(q.log(), p)",
    "swapped": "KLDivLoss(reduction='batchmean')(p.log(), q)",
    "probs": "KLDivLoss(reduction='batchmean')(q, p)",
}

ui.header("numerics")


@st.cache_resource(max_entries=32, show_spinner=False)
def softmax_curves(shift: float, dtype: str):
    """Top-class probability along the scale axis, naive and stable (shared, read-only)."""
    grid = np.geomspace(0.1, 500, 401)
    naive, stable = numerics.top_class_probability(
        numerics.BATCH_LOGITS[0], grid, shift=shift, dtype=dtype
    )
    return grid, naive, stable


@st.cache_resource(max_entries=32, show_spinner=False)
def softmax_figure(scale: float, shift: float, dtype: str, lang: str):
    """The softmax figure (labelled in `lang`) and the span where the naive route fails.

    Shared by every session and never mutated afterwards.
    """
    grid, naive, stable = softmax_curves(shift, dtype)
    fig = charts.softmax_breakdown(
        grid, naive, stable, scale, title=t("softmax_title", dtype=dtype), x_title=t("scale"),
        y_title=t("softmax_y"), naive_name=t("naive_name"), stable_name=t("stable_name"),
        nan_label=t("nan_band"), current_label=t("current"),
    )  # fmt: skip
    broken = grid[np.isnan(naive)]
    return fig, f"{broken.min():.1f}–{broken.max():.1f}" if broken.size else t("nowhere")


@st.cache_resource(max_entries=32, show_spinner=False)
def bce_figure(z1: float, y1: float, dtype: str, lang: str):
    """Both BCE curves around z, and the figure (in `lang`); never mutated afterwards."""
    exact = losses.binary_cross_entropy_with_logits([y1], [z1])
    clamped = numerics.bce_after_sigmoid([y1], [z1], dtype=dtype)
    zg = np.linspace(-max(40.0, 1.2 * abs(z1)), max(40.0, 1.2 * abs(z1)), 401)
    yg = np.full_like(zg, y1)
    return charts.bce_curves(
        zg,
        losses.binary_cross_entropy_with_logits(yg, zg, reduction="none"),
        numerics.bce_after_sigmoid(yg, zg, dtype=dtype, reduction="none"),
        z1, exact, clamped, title=t("bce_title", y=f"{y1:g}", dtype=dtype), x_title=t("z"),
        y_title=t("loss_nats"), logits_name=t("metric_bce_logits"),
        sigmoid_name=t("bce_sigmoid_name", dtype=dtype),
    )  # fmt: skip


def softmax_tab(z: np.ndarray, scale: float, shift: float, dtype: str) -> None:
    s = numerics.softmax_steps(z[0], dtype=dtype)
    naive_top = "NaN" if s.failure else ui.quantity(s.naive[0], "")
    readouts(
        {
            t("metric_max_logit"): ui.quantity(s.m, ""),
            t("metric_naive"): naive_top,
            t("metric_stable"): ui.quantity(s.stable[0], ""),
            t("metric_lse"): ui.quantity(s.lse, ""),
        }
    )
    if s.failure:
        st.caption(t(f"nan_{s.failure}"))
    fig, span = softmax_figure(scale, shift, dtype, ui.lang())
    alt = t(
        "alt_softmax", dtype=dtype, shift=num(shift), scale=num(scale), naive=naive_top,
        stable=f"{s.stable[0]:.4f}", broken=span,
    )  # fmt: skip
    ui.chart(fig, key="num_softmax_chart", alt=alt)
    columns = {
        "z": s.z,
        "exp(z)": s.exp_z,
        t("col_naive"): s.naive,
        "z − max z": s.z - s.m,
        "exp(z − max z)": s.exp_shifted,
        t("col_stable"): s.stable,
    }
    table = {t("col_class"): ["1", "2", "3"]} | {k: [num(v) for v in c] for k, c in columns.items()}
    st.dataframe(pa.table(table), hide_index=True, key="num_softmax_table")
    st.latex(rf"\log\sum_i e^{{z_i}} = \log {tex(s.sum_exp)} = {tex(s.naive_lse)}")
    st.latex(
        rf"\log\sum_i e^{{z_i}} = m + \log\sum_i e^{{z_i - m}} = {tex(s.m)} + \log "
        rf"{s.sum_shifted:.4f} = {tex(s.lse)}"
    )
    st.markdown(t("softmax_text"))
    st.code(numerics.softmax_snippet(s.z.astype(float).tolist(), dtype=dtype), language="python")


def cross_entropy_tab(z: np.ndarray, y: np.ndarray, dtype: str) -> None:
    ce = losses.softmax_cross_entropy(y, z)
    log_q, naive_log_q = log_softmax(z, axis=1), numerics.naive_log_softmax(z, dtype=dtype)
    readouts(
        {
            t("metric_ce"): nats(ce),
            t("metric_two_steps"): nats(numerics.nll_loss(log_q, y)),
            t("metric_naive_ce"): nats(numerics.nll_loss(naive_log_q, y)),
        }
    )
    rows = np.arange(len(y))
    table = {
        t("col_sample"): rows + 1,
        t("col_target"): y + 1,
        t("col_logsoftmax"): [num(v) for v in log_q[rows, y]],
        t("col_naive_log", dtype=dtype): [num(v) for v in naive_log_q[rows, y]],
    }
    st.dataframe(pa.table(table), hide_index=True, key="num_ce_table")
    st.latex(
        rf"\text{{CE}} = -\frac{{1}}{{3}}\sum_i \log\operatorname{{softmax}}(z_i)_{{y_i}} = "
        rf"-\frac{{1}}{{3}}({signed_sum(log_q[rows, y])}) = {ce:.4f}"
    )
    st.markdown(t("ce_text", dtype=dtype))
    st.code(numerics.cross_entropy_snippet(z, y, dtype=dtype), language="python")


def kl_tab() -> None:
    p_kl, q_kl = numerics.KL_TARGETS, softmax(numerics.BATCH_LOGITS[:2], axis=1)
    per_row = [info.kl_divergence(pi, qi, base=math.e) for pi, qi in zip(p_kl, q_kl)]
    calls = {
        "batchmean": numerics.kl_div_loss(np.log(q_kl), p_kl, reduction="batchmean"),
        "mean": numerics.kl_div_loss(np.log(q_kl), p_kl, reduction="mean"),
        "swapped": numerics.kl_div_loss(np.log(p_kl), q_kl, reduction="batchmean"),
        "probs": numerics.kl_div_loss(q_kl, p_kl, reduction="batchmean"),
    }
    readouts(
        {
            t("metric_kl"): nats(np.mean(per_row)),
            t("metric_batchmean"): nats(calls["batchmean"]),
            t("metric_kl_mean"): nats(calls["mean"]),
        }
    )
    table = {
        t("col_call"): list(KL_CALLS.values()),
        t("col_value"): [nats(v) for v in calls.values()],
        t("col_means"): [t(f"means_{k}") for k in calls],
    }
    st.dataframe(pa.table(table), hide_index=True, key="num_kl_table")
    st.latex(
        rf"\tfrac12\left[D(p_1\|q_1) + D(p_2\|q_2)\right] = \tfrac12({per_row[0]:.4f} + "
        rf"{per_row[1]:.4f}) = {np.mean(per_row):.4f};\quad \text{{mean}} = "
        rf"{calls['batchmean']:.4f} / 3 = {calls['mean']:.4f}"
    )
    st.markdown(t("kl_text"))
    st.code(numerics.kl_snippet(numerics.BATCH_LOGITS[:2], p_kl), language="python")


left, middle, right = st.columns(3)
with right:  # the dtype changes the first three tabs: a change reruns the whole page
    dtype = ui.choice(
        "dtype",
        key="num_dtype",
        label=t("dtype"),
        options=list(numerics.DTYPES),
        default="float32",
        help=t("dtype_help"),
    )
note = st.container()
tabs = st.tabs([t(f"tab_{k}") for k in ("softmax", "ce", "bce", "kl", "reduction", "smoothing")])


@st.fragment  # scale and shift change the note and the first two tabs only
def logits_section(dtype: str) -> None:
    with left:
        scale = slider("scale", 0.0, 500.0, 50.0, 0.5, "%.1f")
    with middle:
        shift = slider("shift", -1000.0, 1000.0, 0.0, 1.0, "%.0f")
    z, y = scale * numerics.BATCH_LOGITS + shift, numerics.BATCH_TARGETS
    under, over = numerics.exp_limits(dtype)
    logits = ", ".join(num(v) for v in z[0])
    with note:
        st.caption(
            t("logits_note", z=logits, dtype=dtype, over=f"{over:.1f}", under=f"{under:.1f}")
        )
    with tabs[0]:  # ------------------------------------------------ softmax overflow
        softmax_tab(z, scale, shift, dtype)
    with tabs[1]:  # ------------------------------------------------ CrossEntropyLoss
        cross_entropy_tab(z, y, dtype)


@st.fragment  # ------------------------------------------------ BCEWithLogitsLoss vs BCELoss
def bce_section(dtype: str) -> None:
    a, b = st.columns(2)
    with a:
        z1 = slider("z", -1000.0, 1000.0, 20.0, 0.5, "%.1f")
    with b:
        y1 = float(ui.choice("y", key="num_y", label=t("y"), options=["0", "1"], default="0"))
    exact = losses.binary_cross_entropy_with_logits([y1], [z1])
    clamped = numerics.bce_after_sigmoid([y1], [z1], dtype=dtype)
    p = float(expit(numerics.DTYPES[dtype](z1)))
    readouts(
        {
            t("metric_bce_logits"): nats(exact),
            t("metric_bce_sigmoid"): nats(clamped),
            t("metric_sigmoid", dtype=dtype): f"{p:.9g}",
        }
    )
    alt = t(
        "alt_bce", y=f"{y1:g}", z=num(z1), dtype=dtype, exact=f"{exact:.3f}",
        clamped=f"{clamped:.3f}",
    )  # fmt: skip
    ui.chart(bce_figure(z1, y1, dtype, ui.lang()), key="num_bce_chart", alt=alt)
    st.latex(
        rf"\ell = \log(1 + e^{{z}}) - y z = {exact:.4f}\qquad \sigma({num(z1)}) "
        rf"= {p:.9g}\ \Rightarrow\ \ell_{{\text{{BCELoss}}}} = {clamped:.4f}"
    )
    st.markdown(t("bce_text", dtype=dtype))
    st.code(numerics.bce_snippet(y1, z1, dtype=dtype), language="python")


@st.fragment  # ------------------------------------------------ reductions and class weights
def weights_section() -> None:
    y = numerics.BATCH_TARGETS
    w3 = slider("w", 0.0, 10.0, 4.0, 0.5, "%.1f")
    zr, weight = numerics.BATCH_LOGITS, np.array([1.0, 1.0, w3])
    per = losses.softmax_cross_entropy(y, zr, reduction="none")
    weighted = losses.softmax_cross_entropy(y, zr, weight=weight)
    readouts(
        {
            t("metric_mean"): nats(losses.softmax_cross_entropy(y, zr)),
            t("metric_sum"): nats(losses.softmax_cross_entropy(y, zr, reduction="sum")),
            t("metric_weighted"): nats(weighted),
            t("metric_by_n"): nats(np.sum(weight[y] * per) / len(y)),
        }
    )
    table = {
        t("col_sample"): np.arange(len(y)) + 1,
        t("col_target"): y + 1,
        t("col_none"): [f"{v:.4f}" for v in per],
        t("col_weight"): [f"{v:g}" for v in weight[y]],
    }
    st.dataframe(pa.table(table), hide_index=True, key="num_weights_table")
    top = " + ".join(rf"{wi:g}\cdot {li:.3f}" for wi, li in zip(weight[y], per))
    bottom = " + ".join(f"{wi:g}" for wi in weight[y])
    st.latex(
        rf"\frac{{\sum_i w_{{y_i}}\ell_i}}{{\sum_i w_{{y_i}}}} = \frac{{{top}}}{{{bottom}}}"
        rf" = {weighted:.4f}\ \text{{{ui.t('common.unit.nats')}}}"
    )
    st.markdown(t("weights_text", total=f"{weight[y].sum():g}", n=len(y)))
    st.code(numerics.weights_snippet(zr, y, weight), language="python")


@st.fragment  # ------------------------------------------------ label smoothing
def smoothing_section() -> None:
    y = numerics.BATCH_TARGETS
    eps = slider("eps", 0.0, 1.0, 0.1, 0.01, "%.2f")
    smoothed, q = numerics.smoothed_targets(y, 3, eps), softmax(numerics.BATCH_LOGITS, axis=1)
    as_ce = np.mean([info.cross_entropy(ti, qi, base=math.e) for ti, qi in zip(smoothed, q)])
    smoothed_ce = losses.softmax_cross_entropy(y, numerics.BATCH_LOGITS, label_smoothing=eps)
    readouts(
        {
            t("metric_smoothed"): nats(smoothed_ce),
            t("metric_as_ce"): nats(as_ce),
            t("metric_floor"): nats(info.entropy(smoothed[0], base=math.e)),
        }
    )
    names = [t("class_n", i=i + 1) for i in range(3)]
    fig = info_charts.probability_bars(
        names,
        [
            (t("series_onehot"), np.eye(3)[y[0]], style.GREY),
            (t("series_smoothed"), smoothed[0], style.P),
            (t("series_model"), q[0], style.Q),
        ],
        title=t("smoothing_title"),
        x_title=t("col_class"),
        y_title=t("probability"),
    )
    values = "; ".join(f"{n}: {a:.3f}, {b:.3f}" for n, a, b in zip(names, smoothed[0], q[0]))
    alt = t("alt_smoothing", eps=f"{eps:.2f}", values=values)
    ui.chart(fig, key="num_smoothing_chart", alt=alt)
    st.latex(
        rf"\tilde y_1 = (1 - {eps:.2f})\,(1, 0, 0) + \tfrac{{{eps:.2f}}}{{3}} = "
        rf"({', '.join(f'{v:.3f}' for v in smoothed[0])})"
    )
    st.markdown(t("smoothing_text"))
    st.code(numerics.label_smoothing_snippet(numerics.BATCH_LOGITS, y, eps), language="python")


logits_section(dtype)
with tabs[2]:
    bce_section(dtype)
with tabs[3]:  # ------------------------------------------------ KLDivLoss: no control
    kl_tab()
with tabs[4]:
    weights_section()
with tabs[5]:
    smoothing_section()
