"""Lesson: cross-entropy H(p, q), the average surprise of a model q on data drawn from p."""

import numpy as np
import pyarrow as pa
import streamlit as st
from scipy.special import entr, xlogy

from lossviz import divergences, examples, fmt, info, ui
from lossviz.charts import divergences as charts
from lossviz.charts import information as bars
from lossviz.charts import style


def t(key: str, **values) -> str:  # this lesson's catalogue
    return ui.t(f"cross_entropy.{key}", **values)


def tex(x: float, digits: int = 3) -> str:  # a number for st.latex, ∞ as \infty
    return fmt.format_number(x, digits).replace("∞", r"\infty")


MEANS = np.linspace(-5, 5, 41)  # q's means scrubbed inside the figure: one frame each
WIDTHS = np.geomspace(0.02, 3, 25)  # bin widths of the Δ chart


@st.cache_resource(max_entries=32, show_spinner=False)
def sweep(mu_p, sigma_p, sigma_q, base):
    """Curves for each of q's means (41 quadratures): shared by every active frame."""
    x = np.linspace(
        min(mu_p - 4 * sigma_p, -5 - 3 * sigma_q), max(mu_p + 4 * sigma_p, 5 + 3 * sigma_q), 241
    )
    return divergences.cross_entropy_sweep(x, mu_p, sigma_p, MEANS, sigma_q, base=base)


@st.cache_resource(max_entries=64, show_spinner=False)
def scrubber(mu_p, sigma_p, sigma_q, active, base, names, titles):
    """The Gaussian scrubber figure and the range of its h(p, q) curve; never mutated."""
    curves = sweep(mu_p, sigma_p, sigma_q, base)
    h_gauss = info.gaussian_entropy(sigma_p, base=base)
    fig = charts.gaussian_scrubber(
        curves.x,
        curves.p,
        curves.mu_q,
        curves.q,
        curves.integrand,
        curves.closed_form,
        curves.numeric,
        h_gauss,
        active=active,
        names=names,
        **titles,
    )
    return fig, float(np.min(curves.closed_form)), float(np.max(curves.closed_form))


@st.cache_data(max_entries=64, show_spinner=False)
def binned_curve(mu_p, sigma_p, mu_q, sigma_q, base):
    """Discrete cross-entropy at each of WIDTHS (25 binnings)."""
    return np.array(
        [
            divergences.discretised_cross_entropy(mu_p, sigma_p, mu_q, sigma_q, width=w, base=base)
            for w in WIDTHS
        ]
    )


numeric_cross_entropy = st.cache_data(
    divergences.numeric_cross_entropy, max_entries=64, show_spinner=False
)


ui.header("cross_entropy")
unit = ui.unit()
b = {"bits": "2", "nats": "e", "hartleys": "10"}[unit.name]  # the logarithm's base, for formulas


@st.fragment
def discrete_section() -> None:
    """The editors of p and q, readouts, bar charts and Huffman codes."""
    left, right = st.columns(2)
    with left:
        p = ui.distribution(
            "p",
            key="ce_p",
            label=t("p_label"),
            default=list(examples.FOUR_OUTCOMES),
            presets=ui.example_presets(),  # the running examples every lesson shares
        )
    with right:
        presets = {
            "uniform": lambda k: [1] * k,
            "same": lambda k: list(p),
            "reversed": lambda k: list(p[::-1]),
            "rules_out": lambda k: [0] + [1] * (k - 1),
        }
        q = ui.distribution(
            "q",
            key="ce_q",
            label=t("q_label"),
            default=[1, 1, 1, 1],
            k=len(p),
            presets={t(f"preset_{k}"): w for k, w in presets.items()},
        )
    st.info(t("order_note"), icon=":material/swap_horiz:")

    names = [f"x{i + 1}" for i in range(len(p))]
    h_pq, h_p = info.cross_entropy(p, q, base=unit.base), info.entropy(p, base=unit.base)
    d_pq = info.kl_divergence(p, q, base=unit.base)
    for column, key, value in zip(st.columns(3), ("ce", "h", "kl"), (h_pq, h_p, d_pq)):
        with column:
            ui.metric(t(f"metric_{key}"), ui.quantity(value))
    if np.isinf(h_pq):
        ruled_out = ", ".join(n for n, pi, qi in zip(names, p, q) if pi > 0 and qi == 0)
        st.warning(t("infinite", outcomes=ruled_out), icon="♾️")

    fig = charts.cross_entropy_split(
        h_p,
        d_pq,
        labels=(t("metric_h"), t("metric_kl")),
        row_label="H(p, q)",
        title=t("split_title", total=ui.quantity(h_pq)),
        x_title=unit.label,
    )
    alt = t("alt_split", h=ui.quantity(h_p), d=ui.quantity(d_pq), ce=ui.quantity(h_pq))
    ui.chart(fig, key="ce_split", alt=alt)
    st.markdown(t("split_note"))
    surprise_q = -xlogy(p, q) / np.log(unit.base)  # −p log q per outcome: ∞ where p > 0 = q
    surprise_p = entr(p) / np.log(unit.base)  # −p log p per outcome, with 0 log 0 = 0
    series = [(t("series_pq"), surprise_q, style.Q), (t("series_pp"), surprise_p, style.P)]
    y_title = t("bars_y", unit=unit.label)
    fig = bars.probability_bars(
        names, series, title=t("bars_title"), x_title=t("outcome"), y_title=y_title
    )
    pairs = zip(names, surprise_q, surprise_p)
    values = "; ".join(f"{n}: {fmt.format_number(a)} / {fmt.format_number(b)}" for n, a, b in pairs)
    ui.chart(fig, key="ce_bars", alt=t("alt_bars", values=values))
    st.latex(
        rf"H(p,q) = -\sum_i p_i \log_{{{b}}} q_i = "
        + " + ".join(tex(v) for v in surprise_q)
        + f" = {tex(h_pq)}"
    )
    st.latex(
        rf"H(p,q) = H(p) + D(p\|q) = {h_p:.3f} + {tex(d_pq)} = {tex(h_pq)}\ \text{{{unit.label}}}"
    )

    st.subheader(t("coding_title"))
    st.markdown(t("coding_intro"))
    cost = divergences.huffman_cost(p, q)
    table = {t("outcome"): names, "p": fmt.format_list(p)[1:-1].split(", ")}
    table |= {"q": fmt.format_list(q)[1:-1].split(", "), t("col_word_q"): cost.words}
    table[t("col_ideal")] = [fmt.format_number(v) for v in info.self_information(q)]
    st.dataframe(pa.table(table), hide_index=True, key="ce_code")
    bits = ui.t("common.unit.bits")
    costs = (cost.on_p, cost.own, cost.on_p - cost.own)
    for column, key, value in zip(st.columns(3), ("code_q", "code_p", "code_extra"), costs):
        with column:
            ui.metric(t(key), ui.quantity(value, bits))
    st.caption(t("coding_note", kl=ui.quantity(info.kl_divergence(p, q), bits)))


@st.fragment
def one_hot_section() -> None:
    """Cross-entropy of a one-hot target: the log loss."""
    st.subheader(t("onehot_title"))
    st.markdown(t("onehot_intro"))
    q_true = ui.number(
        "hot",
        key="ce_hot",
        label=t("hot_label"),
        min_value=0.0,
        max_value=1.0,
        default=0.7,
        step=0.01,
        format="%.2f",
    )
    log_loss = info.cross_entropy([1, 0], [q_true, 1 - q_true], base=unit.base)
    grid = np.linspace(0.005, 1, 400)
    fig = charts.log_loss_curve(
        grid,
        info.self_information(grid, base=unit.base),
        q_true,
        log_loss,
        title=t("hot_title"),
        x_title=t("hot_x"),
        y_title=t("hot_y", unit=unit.label),
        point_label=t("hot_point"),
    )
    ui.chart(
        fig, key="ce_hot_curve", alt=t("alt_hot", q=f"{q_true:.2f}", loss=ui.quantity(log_loss))
    )
    st.latex(
        rf"H(p,q) = -1\cdot\log_{{{b}}} {q_true:.2f} - 0\cdot\log_{{{b}}} {1 - q_true:.2f}"
        rf" = {tex(log_loss)}\ \text{{{unit.label}}}"
    )
    st.caption(t("onehot_note"))


@st.fragment
def continuous_section() -> None:
    """Two Gaussians (q's mean also scrubbed inside the figure), then binning them."""
    st.subheader(t("continuous_title"))
    st.markdown(t("continuous_intro"))
    gaussian = {  # param: (min, max, default, step); q's mean is also scrubbed inside the figure
        "mup": (-3.0, 3.0, 0.0, 0.1),
        "sp": (0.2, 3.0, 1.0, 0.05),
        "sq": (0.2, 3.0, 1.0, 0.05),
        "muq": (-5.0, 5.0, 2.0, 0.25),
    }
    values = ui.number_row(gaussian, topic="cross_entropy", key_prefix="ce_")
    mu_p, sigma_p, sigma_q, mu_q = values["mup"], values["sp"], values["sq"], values["muq"]
    active = int(np.argmin(np.abs(MEANS - mu_q)))
    labels = (
        "p",
        "q",
        "integrand",
        "curve",
        "entropy",
        "current",
        "caption",
        "caption_name",
        "play",
    )
    names = {
        k: t(f"scrub_{k}", unit=unit.label) for k in (*labels, "pause", "slider", "q_mean_axis")
    }
    titles = {
        "title": t("scrub_title"),
        "density_title": t("scrub_density"),
        "integrand_title": t("scrub_integrand_axis", unit=unit.label),
        "ce_axis": t("scrub_ce_axis", unit=unit.label),
    }
    fig, ce_min, ce_max = scrubber(mu_p, sigma_p, sigma_q, active, unit.base, names, titles)
    h_gauss = info.gaussian_entropy(sigma_p, base=unit.base)
    closed = info.gaussian_cross_entropy(mu_p, sigma_p, mu_q, sigma_q, base=unit.base)
    numeric = numeric_cross_entropy(mu_p, sigma_p, mu_q, sigma_q, base=unit.base)
    low, high = ui.quantity(ce_min), ui.quantity(ce_max)
    alt = t("alt_scrub", **{k: f"{v:.2f}" for k, v in values.items()}, value=ui.quantity(closed))
    ui.chart(fig, key="ce_scrub", alt=alt + " " + t("alt_scrub_range", low=low, high=high))
    st.latex(
        rf"h(p,q) = \log_{{{b}}}\sigma_q + \tfrac12\log_{{{b}}} 2\pi"
        rf" + \frac{{\sigma_p^2 + (\mu_p-\mu_q)^2}}{{2\sigma_q^2\,\ln {b}}}"
    )
    st.latex(
        rf"= \log_{{{b}}} {sigma_q:.2f} + \tfrac12\log_{{{b}}} 2\pi"
        rf" + \frac{{{sigma_p:.2f}^2 + ({mu_p:.2f} - ({mu_q:.2f}))^2}}"
        rf"{{2\cdot{sigma_q:.2f}^2\,\ln {b}}}"
        rf" = {closed:.4f}\ \text{{{unit.label}}}"
    )
    st.markdown(
        t("numeric_line", closed=f"{closed:.6f}", numeric=f"{numeric:.6f}", unit=unit.label)
    )
    st.caption(t("negative_note", h=ui.quantity(h_gauss)))

    st.markdown(t("bins_intro"))
    width = ui.number(
        "dx",
        key="ce_dx",
        label=t("dx_label"),
        min_value=0.05,
        max_value=2.0,
        default=0.5,
        step=0.05,
    )
    h_bins = divergences.discretised_cross_entropy(
        mu_p, sigma_p, mu_q, sigma_q, width=width, base=unit.base
    )
    log_w = np.log(width) / np.log(unit.base)
    fig = charts.width_curve(
        WIDTHS,
        binned_curve(mu_p, sigma_p, mu_q, sigma_q, unit.base),
        closed - np.log(WIDTHS) / np.log(unit.base),
        width,
        h_bins,
        names=(t("bins_line"), t("bins_dots"), t("bins_current")),
        title=t("bins_title"),
        x_title=t("dx_label"),
        y_title=t("bins_y", unit=unit.label),
    )
    ui.chart(fig, key="ce_bins", alt=t("alt_bins", width=f"{width:.2f}", value=ui.quantity(h_bins)))
    st.latex(
        rf"H_\Delta(p,q) = {h_bins:.3f} \approx h(p,q) - \log_{{{b}}}\Delta"
        rf" = {closed:.3f} - ({log_w:.3f})"
        rf" = {closed - log_w:.3f}\ \text{{{unit.label}}}"
    )


discrete_section()
one_hot_section()
continuous_section()
