"""Lesson: why classifiers train with cross-entropy, not MSE (gradient saturation)."""

import functools

import numpy as np
import streamlit as st
from scipy.special import expit

from lossviz import fmt, i18n, neuron, ui
from lossviz.charts import neuron as charts

TOPIC = "mse_vs_ce."
LANG = ui.lang()
NATS = ui.t("common.unit.nats")


def tr(key: str, **values: object) -> str:
    return ui.t(TOPIC + key, **values)


def n(x: float, digits: int = 3) -> str:
    return fmt.format_number(x, digits)


def slider(param: str, lo: float, hi: float, default: float, **options) -> float:
    label = options.pop("label", None) or tr(param)
    options = {"step": 0.1, "format": "%.1f", **options}
    return ui.number(
        param,
        key=f"mvc_{param}",
        label=label,
        min_value=lo,
        max_value=hi,
        default=default,
        **options,
    )


@functools.cache  # the figures' strings, read once (a cache miss of a figure needs them)
def names_of(lang: str) -> dict[str, str]:
    return {k[len(TOPIC) :]: v for k, v in i18n.catalogue(lang).items() if k.startswith(TOPIC)}


# Figures and runs are cached across reruns and sessions, keyed by what they depend on
# (the language included); ui.chart never changes the figure it is given.
@st.cache_resource(max_entries=32, show_spinner=False)
def loss_figure(y: int, z: float, axis: str, lang: str, labels: tuple) -> object:
    view = neuron.loss_view(y, z, axis=axis)
    return charts.loss_and_gradient(view, names={**names_of(lang), **dict(labels)})


@st.cache_resource(max_entries=32, show_spinner=False)
def factors_figure(y: int, z: float, lang: str) -> object:
    return charts.factor_bars(neuron.gradient_factors(y, z), names=names_of(lang))


@st.cache_resource(max_entries=32, show_spinner=False)
def race_and_figure(w0, b0, policy, epochs, etas: tuple, lang: str) -> tuple:
    race = neuron.race(w0, b0, policy=policy, epochs=epochs, **dict(etas))
    return race, charts.training_race(race, names=names_of(lang))


@st.cache_resource(max_entries=4, show_spinner=False)
def convexity_and_figure(lang: str) -> tuple:
    grid = np.linspace(-6, 6, 41)  # 41 × 41 is plenty for a contour
    surfaces = neuron.convexity(grid)
    return surfaces, charts.convexity_surfaces(grid, surfaces, names=names_of(lang))


@st.cache_resource(max_entries=32, show_spinner=False)
def softmax_and_figure(logits: tuple, label: int, classes: tuple, lang: str) -> tuple:
    sv = neuron.softmax_view(list(logits), label)
    return sv, charts.softmax_bars(list(classes), sv, names=names_of(lang))


def radio(param: str, options: list[str], default: str, **more) -> str:
    more.setdefault("format_func", lambda o: tr(f"{param}_{o}"))
    return ui.choice(
        param,
        key=f"mvc_{param}",
        label=tr(f"{param}_label"),
        options=options,
        default=default,
        **more,
    )


ui.header("mse_vs_ce")
st.caption(tr("colours"))
neuron_box = st.container()  # the neuron's controls and readouts, drawn above the tabs
tabs = st.tabs([tr(f"tab_{k}") for k in ("loss", "race", "convex", "softmax", "backprop")])


@st.fragment  # y, z and the axis rerun only what they move: the readouts and the first tab
def neuron_section(loss_tab) -> None:
    left, right = st.columns([1, 3])
    with left:
        y = int(radio("y", ["0", "1"], "1", format_func=str, help=tr("y_help")))
    with right:
        z = slider("z", -8.0, 8.0, -4.0, label=tr("z_label"), help=tr("z_help"))
    a, f = float(expit(z)), neuron.gradient_factors(y, z)
    mse, ce = float(neuron.mse_of_z(y, z)), float(neuron.cross_entropy_of_z(y, z))
    cols = st.columns(4)
    ui.metric_in(cols[0], tr("metric_mse"), ui.quantity(mse, ""), help=tr("metric_mse_help"))
    ui.metric_in(cols[1], tr("metric_ce"), ui.quantity(ce, NATS), help=tr("metric_ce_help"))
    grad_help = tr("metric_grad_help")
    ui.metric_in(cols[2], tr("metric_mse_grad"), ui.quantity(f.mse_dz, ""), help=grad_help)
    ui.metric_in(cols[3], tr("metric_ce_grad"), ui.quantity(f.ce_dz, ""), help=grad_help)
    nums = {  # the current numbers, for the prose, the alt texts and the formulas
        "y": y, "z": f"{z:.1f}", "a": n(a), "mse": n(mse), "ce": n(ce), "g_mse": n(f.mse_dz),
        "g_ce": n(f.ce_dz), "mse_da": n(f.mse_da), "ce_da": n(f.ce_da),
        "slope": n(f.sigmoid_slope, 4), "mse_dz": n(f.mse_dz, 4), "ce_dz": n(f.ce_dz),
        "ratio": f"{1 / (2 * f.sigmoid_slope):.1f}",
    }  # fmt: skip
    status = "wrong" if abs(a - y) > 0.9 else "right" if abs(a - y) < 0.1 else "unsure"
    st.markdown(tr("reading", **nums) + " " + tr(f"status_{status}"))
    with loss_tab:  # a container outside the fragment: redrawn in place on each of its reruns
        axis = radio("axis", ["z", "a"], "z")
        labels = (("title_loss", tr("title_loss", y=y)), ("x_title", tr(f"x_{axis}")))
        fig = loss_figure(y, z, axis, LANG, labels)
        alt = tr("alt_curves", axis=tr(f"axis_{axis}"), **nums)
        ui.chart(fig, key="mvc_curves", alt=alt)
        infinity = " " + tr("infinity_note", a_bad=1 - y) if axis == "a" else ""
        st.caption(tr("scrub_note") + infinity)
        # the whole width: in 3/5 of an 800 px page the bars had 60 px and their ticks met
        ui.chart(factors_figure(y, z, LANG), key="mvc_factors", alt=tr("alt_factors", **nums))
        st.markdown(tr("factors_note"))
        st.latex(
            rf"\begin{{aligned}}\frac{{\partial\,\mathrm{{MSE}}}}{{\partial z}} &= 2(a-y)\,a(1-a)"
            rf" = 2({a:.3f}-{y})({a:.3f})({1 - a:.3f}) = {f.mse_dz:.4f}\\"
            rf"\frac{{\partial\,\mathrm{{CE}}}}{{\partial z}} &= \frac{{a-y}}{{a(1-a)}}\cdot a(1-a)"
            rf" = a - y = {a:.3f} - {y} = {f.ce_dz:.3f}\end{{aligned}}"
        )


with neuron_box:
    neuron_section(tabs[0])

PRESETS = {"good": (0.6, 0.9), "saturated": (2.0, 2.0)}


def apply_preset() -> None:
    if (chosen := st.session_state.get("mvc_preset")) in PRESETS:
        st.session_state["mvc_w0"], st.session_state["mvc_b0"] = PRESETS[chosen]
    st.session_state["mvc_preset"] = None


@st.fragment  # the race's controls rerun only the race and the backprop tab that follows it
def race_section(backprop_tab) -> None:
    st.markdown(tr("race_intro"))
    st.pills(
        tr("presets"),
        list(PRESETS),
        key="mvc_preset",
        on_change=apply_preset,
        format_func=lambda k: tr(f"preset_{k}"),
    )
    c1, c2, c3 = st.columns(3)
    with c1:
        w0, b0 = slider("w0", -4.0, 4.0, 2.0), slider("b0", -4.0, 4.0, 2.0)
    with c2:
        policy = radio("lr", ["same", "own"], "same")
        rate = {"step": 0.01, "format": "%.2f"}
        if policy == "same":
            etas = {"eta": slider("eta", 0.01, 5.0, 0.15, **rate)}
        else:
            etas = {
                "eta_mse": slider("eta_mse", 0.01, 5.0, 2.0, **rate),
                "eta_ce": slider("eta_ce", 0.01, 5.0, 0.15, **rate),
            }
    with c3:
        epochs = slider("epochs", 10, 600, 300, step=10, format=None, integer=True)
    race, race_fig = race_and_figure(w0, b0, policy, epochs, tuple(etas.items()), LANG)
    shown = {
        k: str(v) if v is not None else tr("not_within", n=epochs) for k, v in race.reach.items()
    }
    m1, m2 = st.columns(2)
    ui.metric_in(m1, tr("reach_label", loss=tr("mse")), shown["mse"])
    ui.metric_in(m2, tr("reach_label", loss=tr("ce")), shown["ce"])
    if policy == "own":
        st.info(tr("apples"), icon="🍎")
    norm = {k: r.loss[-1] / r.loss[0] for k, r in race.runs.items()}
    alt = tr(
        "alt_race",
        w0=f"{w0:.1f}",
        b0=f"{b0:.1f}",
        eta_mse=f"{race.etas['mse']:.2f}",
        eta_ce=f"{race.etas['ce']:.2f}",
        n=epochs,
        norm_mse=n(norm["mse"]),
        norm_ce=n(norm["ce"]),
        reach_mse=shown["mse"],
        reach_ce=shown["ce"],
    )
    ui.chart(race_fig, key="mvc_race", alt=alt)
    outputs = {f"a_{k}": n(r.output[-1]) for k, r in race.runs.items()}
    st.markdown(tr("race_reading", n=epochs, **outputs) + " " + tr("race_note"))
    with backprop_tab:
        backprop(w0, b0, race.etas)


def backprop(w0: float, b0: float, etas: dict) -> None:
    """The first gradient step of each run of the race, with its numbers."""
    z0 = w0 + b0
    a0, f0 = float(expit(z0)), neuron.gradient_factors(0, z0)
    st.markdown(tr("backprop_intro", w0=f"{w0:.1f}", b0=f"{b0:.1f}", z0=f"{z0:.1f}", a0=n(a0)))
    rules = {
        "mse": rf"2(a-y)\,a(1-a) = 2({a0:.3f})({a0:.3f})({1 - a0:.3f})",
        "ce": rf"a - y = {a0:.3f} - 0",
    }
    for k, delta in (("mse", f0.mse_dz), ("ce", f0.ce_dz)):
        eta, step = etas[k], -etas[k] * delta
        st.markdown(f"**{tr(k)}**")
        st.latex(
            rf"\begin{{aligned}}\delta &= {rules[k]} = {delta:.4f}\\ \Delta w &= -\eta\,\delta\,x"
            rf" = -({eta:.2f})({delta:.4f})(1) = {step:.4f},\quad \Delta b = {step:.4f}"
            rf"\\ w_1 &= {w0:.2f} {step:+.4f} = {w0 + step:.4f},\quad b_1 = {b0:.2f} {step:+.4f}"
            rf" = {b0 + step:.4f}\end{{aligned}}"
        )
    st.caption(tr("backprop_note"))


with tabs[1]:
    race_section(tabs[4])

with tabs[2]:
    st.markdown(tr("convex_intro"))
    surfaces, fig = convexity_and_figure(LANG)
    shares = {k: f"{100 * s.negative_share:.0f}" for k, s in surfaces.items()}
    minima = ", ".join(f"({s.minimum[0]:.2f}, {s.minimum[1]:.2f})" for s in surfaces.values())
    ui.chart(fig, key="mvc_convex", alt=tr("alt_convex", minima=minima, **shares))
    table = {
        tr("col_surface"): [tr(f"surface_{k}") for k in surfaces],
        tr("col_min_eig"): [n(s.lowest, 4) for s in surfaces.values()],
        tr("col_negative"): [f"{shares[k]} %" for k in surfaces],
        tr("col_convex"): [tr("yes" if s.lowest >= 0 else "no") for s in surfaces.values()],
    }
    st.dataframe(table, hide_index=True, key="mvc_convex_table")
    st.markdown(tr("convex_note"))


@st.fragment  # the class and the logits rerun only this tab
def softmax_tab() -> None:
    st.markdown(tr("softmax_intro"))
    classes = [tr("class_name", i=i + 1) for i in range(4)]
    label = int(radio("cls", ["1", "2", "3", "4"], "1", format_func=lambda o: classes[int(o) - 1]))
    logits = []
    for i, (col, default) in enumerate(zip(st.columns(4), (-2.0, 4.0, 1.0, 0.0))):
        with col:
            logits.append(
                slider(f"l{i + 1}", -6.0, 6.0, default, label=tr("logit", name=classes[i]))
            )
    sv, fig = softmax_and_figure(tuple(logits), label - 1, tuple(classes), LANG)
    ce_list, mse_list = fmt.format_list(sv.ce_grad), fmt.format_list(sv.mse_grad)
    values = ", ".join(f"{c} {t:.0f} / {p:.3f}" for c, t, p in zip(classes, sv.target, sv.p))
    alt = tr("alt_softmax", values=values, ce=ce_list, mse=mse_list)
    ui.chart(fig, key="mvc_softmax", alt=alt)
    st.latex(rf"\nabla_z \mathrm{{CE}} = p - y = {ce_list}")
    st.latex(rf"\nabla_z \mathrm{{MSE}} = J\,2(p - y) = {mse_list}")
    norms = {"ce_norm": n(np.linalg.norm(sv.ce_grad)), "mse_norm": n(np.linalg.norm(sv.mse_grad))}
    st.markdown(tr("softmax_reading", p_true=n(sv.p[label - 1]), ce=n(sv.ce), **norms))
    if (top := int(np.argmax(sv.p))) != label - 1 and sv.p[top] > 0.9:
        on_label = {"mse_true": n(sv.mse_grad[label - 1]), "ce_true": n(sv.ce_grad[label - 1])}
        st.warning(tr("softmax_saturated", p_top=n(sv.p[top]), **on_label))


with tabs[3]:
    softmax_tab()
