"""Lesson: KL divergence D(p‖q), its asymmetry, its infinities, and fits in either direction."""

import numpy as np
import pyarrow as pa
import streamlit as st
from scipy.special import rel_entr

from lossviz import divergences, examples, fmt, info, ui
from lossviz.charts import divergences as charts
from lossviz.charts import information as bars
from lossviz.charts import style


def t(key: str, **values) -> str:  # this lesson's catalogue
    return ui.t(f"kl_divergence.{key}", **values)


def tex(x: float) -> str:  # a number for st.latex, ∞ as \infty
    return fmt.format_number(x).replace("∞", r"\infty")


# both axes of the two-coin map: a 2 % step, fine enough for its smooth colours, and
# a quarter of the bytes of a 1 % step (the map is re-sent with every release of p or q)
COINS = np.linspace(0, 1, 51)


@st.cache_resource(max_entries=8, show_spinner=False)
def coin_heatmap(base: float, cap: float, colour_title: str) -> dict:
    """The two-coin map's heatmap trace (2 601 cells and their labels); never mutated."""
    kl = divergences.bernoulli_kl_grid(COINS, COINS, base=base)
    return charts.kl_map_heatmap(COINS, COINS, kl, cap=cap, colour_title=colour_title)


@st.cache_data(max_entries=64, show_spinner=False)
def forward_fit(separation: float, weight: float, base: float):
    """The forward fit and its D(p‖q), D(q‖p): independent of the reverse fit's start."""
    mixture = divergences.two_gaussian_mixture(separation, weight)
    f = divergences.forward_kl_fit(*mixture, base=base)
    return f, [
        divergences.mixture_kl(*mixture, f.mu, f.sigma, reverse=r, base=base) for r in (False, True)
    ]


@st.cache_data(max_entries=64, show_spinner=False)
def reverse_fit(separation: float, weight: float, start: float, base: float):
    """The reverse fit from `start` and its D(p‖q), D(q‖p)."""
    mixture = divergences.two_gaussian_mixture(separation, weight)
    f = divergences.reverse_kl_fit(*mixture, start=(start, 1.0), base=base)
    return f, [
        divergences.mixture_kl(*mixture, f.mu, f.sigma, reverse=r, base=base) for r in (False, True)
    ]


def fits(separation: float, weight: float, start: float, base: float):
    """Forward and reverse fits to the mixture and ``[[D(p‖q)...], [D(q‖p)...]]`` for them."""
    (forward, kl_f), (reverse, kl_r) = (
        forward_fit(separation, weight, base),
        reverse_fit(separation, weight, start, base),
    )
    return forward, reverse, [list(pair) for pair in zip(kl_f, kl_r)]


@st.cache_resource(max_entries=64, show_spinner=False)
def fits_figure(separation, weight, start, base, names, texts) -> style.Figure:
    """The mixture and its two fits; never mutated (see :func:`show`)."""
    mixture = divergences.two_gaussian_mixture(separation, weight)
    forward, reverse, _ = fits(separation, weight, start, base)
    half = separation / 2 + 4
    x = np.linspace(-half - 1, half + 1, 361)
    lines = [
        (name, divergences.gaussian_density(x, f.mu, f.sigma), dash)
        for name, f, dash in zip(names, (forward, reverse), ("solid", "dash"))
    ]
    return charts.mixture_fits(
        x, divergences.mixture_density(x, *mixture), lines, start, x_title="x", **texts
    )


ui.header("kl_divergence")
unit = ui.unit()
b = {"bits": "2", "nats": "e", "hartleys": "10"}[unit.name]  # the logarithm's base, for formulas


@st.fragment
def divergence_section() -> None:
    """The editors of p and q and all that depends on them: readouts, charts, map, formulas.

    A fragment: releasing a weight reruns this section only, not the page frame.
    """
    left, right = st.columns(2)
    with left:
        presets = {  # the running examples every lesson shares, then two of its own
            **ui.example_presets(),
            t("preset_certain"): [1, 0],
            t("preset_three"): [5, 3, 2],
        }
        p = ui.distribution(
            "p",
            key="kl_p",
            label=t("p_label"),
            default=list(examples.BIASED_COIN),
            presets=presets,
        )
    with right:
        presets = {
            "uniform": lambda k: [1] * k,
            "same": lambda k: list(p),
            "reversed": lambda k: list(p[::-1]),
            "rules_out": lambda k: [1] * (k - 1) + [0],
        }
        q = ui.distribution(
            "q",
            key="kl_q",
            label=t("q_label"),
            default=list(examples.FAIR_COIN),
            k=len(p),
            presets={t(f"preset_{k}"): w for k, w in presets.items()},
        )

    names = [f"x{i + 1}" for i in range(len(p))]
    d_pq, d_qp = info.kl_divergence(p, q, base=unit.base), info.kl_divergence(q, p, base=unit.base)
    js = info.js_divergence(p, q, base=unit.base)
    for column, key, value in zip(st.columns(3), ("pq", "qp", "js"), (d_pq, d_qp, js)):
        with column:
            ui.metric(t(f"metric_{key}"), ui.quantity(value), help=t(f"metric_{key}_help"))
    for d, (a, z), key in ((d_pq, (p, q), "pq"), (d_qp, (q, p), "qp")):
        if np.isinf(d):  # the direction that averages over a's outcomes meets one z rules out
            missing = ", ".join(n for n, ai, zi in zip(names, a, z) if ai > 0 and zi == 0)
            st.warning(t(f"infinite_{key}", outcomes=missing), icon="♾️")

    terms_pq = rel_entr(p, q) / np.log(unit.base)  # p log(p/q) per outcome; ∞ where p > 0 = q
    terms_qp = rel_entr(q, p) / np.log(unit.base)
    probs, terms = st.columns(2)
    with probs:
        series = [("p", p, style.P), ("q", q, style.Q)]
        fig = bars.probability_bars(
            names, series, title=t("bars_p_title"), x_title=t("outcome"), y_title=t("probability")
        )
        listed = "; ".join(f"{n}: {a:.3f} / {z:.3f}" for n, a, z in zip(names, p, q))
        ui.chart(fig, key="kl_bars_p", alt=t("alt_probs", values=listed), answer=False)
    with terms:
        series = [("p log(p/q)", terms_pq, style.THIRD), ("q log(q/p)", terms_qp, style.FOURTH)]
        fig = bars.probability_bars(
            names,
            series,
            title=t("bars_terms_title"),
            x_title=t("outcome"),
            y_title=t("terms_y", unit=unit.label),
        )
        pairs = zip(names, terms_pq, terms_qp)
        listed = "; ".join(
            f"{n}: {fmt.format_number(a)} / {fmt.format_number(z)}" for n, a, z in pairs
        )
        ui.chart(fig, key="kl_bars_terms", alt=t("alt_terms", values=listed))
    for sign, terms_, total in ((r"p\|q", terms_pq, d_pq), (r"q\|p", terms_qp, d_qp)):
        a, z = sign[0], sign[-1]
        st.latex(
            rf"D({sign}) = \sum_i {a}_i \log_{{{b}}} \frac{{{a}_i}}{{{z}_i}} = "
            + " + ".join(f"({tex(v)})" for v in terms_)
            + rf" = {tex(total)}\ \text{{{unit.label}}}"
        )
    st.markdown(t("asymmetry"))

    st.subheader(t("coins_title"))
    st.markdown(t("coins_intro"))
    point = (float(p[0]), float(q[0])) if len(p) == 2 else None
    cap = round(4 / np.log2(unit.base), 1)
    fig = charts.kl_map_with_point(
        coin_heatmap(unit.base, cap, t("coins_colour", unit=unit.label)),
        point,
        title=t("coins_map_title"),
        x_title=t("coins_a"),
        y_title=t("coins_b"),
        point_label=t("coins_point"),
    )
    where = (
        t("coins_alt_point", a=f"{p[0]:.2f}", b=f"{q[0]:.2f}", d=ui.quantity(d_pq)) if point else ""
    )
    ui.chart(fig, key="kl_map", alt=t("alt_map") + " " + where, table=False)
    if point is None:
        st.caption(t("coins_no_point", k=len(p)))

    st.subheader(t("same_title"))
    st.markdown(t("same_text"))
    h_p, h_pq = info.entropy(p, base=unit.base), info.cross_entropy(p, q, base=unit.base)
    st.latex(
        rf"H(p,q) = H(p) + D(p\|q) \quad\Rightarrow\quad {tex(h_pq)} = {h_p:.3f} + {tex(d_pq)}"
    )
    st.subheader(t("js_title"))
    st.markdown(t("js_text"))
    m = (p + q) / 2
    js_pm = info.kl_divergence(p, m, base=unit.base)
    js_qm = info.kl_divergence(q, m, base=unit.base)
    ceiling = np.log(2) / np.log(unit.base)  # JS ≤ log 2
    st.latex(
        rf"JS = \tfrac12 D(p\|m) + \tfrac12 D(q\|m) = \tfrac12({js_pm:.3f}) + \tfrac12({js_qm:.3f})"
        rf" = {js:.3f} \le \log_{{{b}}} 2 = {ceiling:.3f}\ \text{{{unit.label}}}"
    )


@st.fragment
def fit_section() -> None:
    """Fitting one Gaussian to a two-component mixture, in either direction."""
    st.subheader(t("fit_title"))
    st.markdown(t("fit_intro"))
    settings = {  # param: (min, max, default, step)
        "sep": (0.0, 10.0, 6.0, 0.5),
        "w": (0.05, 0.95, 0.3, 0.05),
        "start": (-6.0, 6.0, -3.0, 0.5),
    }
    values = ui.number_row(settings, topic="kl_divergence", key_prefix="kl_")
    sep, w, start = values["sep"], values["w"], values["start"]
    forward, reverse, kls = fits(sep, w, start, unit.base)
    names = (t("fit_forward"), t("fit_reverse"))
    texts = {
        "p_name": t("fit_p"),
        "start_name": t("fit_start"),
        "title": t("fit_chart_title"),
        "y_title": t("fit_density"),
    }
    fig = fits_figure(sep, w, start, unit.base, names, texts)
    alt = t(
        "alt_fits",
        sep=f"{sep:.1f}",
        w=f"{w:.2f}",
        f_mu=f"{forward.mu:.2f}",
        f_sigma=f"{forward.sigma:.2f}",
        r_mu=f"{reverse.mu:.2f}",
        r_sigma=f"{reverse.sigma:.2f}",
        start=f"{start:.1f}",
    )
    ui.chart(fig, key="kl_fits", alt=alt)
    st.dataframe(
        pa.table(
            {
                t("col_fit"): list(names),
                "μ": [f"{f.mu:.3f}" for f in (forward, reverse)],
                "σ": [f"{f.sigma:.3f}" for f in (forward, reverse)],
                f"D(p‖q) ({unit.label})": [fmt.format_number(v) for v in kls[0]],
                f"D(q‖p) ({unit.label})": [fmt.format_number(v) for v in kls[1]],
            }
        ),
        hide_index=True,
        key="kl_fit_table",
    )
    st.markdown(t("fit_reading"))


divergence_section()
st.info(t("pytorch_note"), icon=":material/swap_horiz:")
fit_section()
