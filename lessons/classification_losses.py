"""Lesson: classification losses — margins, cross-entropy, and which points each loss weighs."""

import numpy as np
import streamlit as st
from scipy.special import logit

from lossviz import estimators, losses, ui
from lossviz.charts import losses as charts
from lossviz.charts import style

T = "classification_losses"
ui.header(T)


@st.cache_resource(max_entries=128, show_spinner=False)  # 32 or fewer of each kind of result
def cl_memo(key: tuple, _make):
    """Results and figures shared by every session: `key` holds all they depend on.

    A slider release of one student mostly hits what another student already built.
    The figures are never mutated afterwards (``ui.chart`` draws a copy).
    """
    return _make()


def slider(param, lo, hi, default, step, fmt):
    return ui.number(
        param, key=f"cl_{param}", label=ui.t(f"{T}.{param}_label"), min_value=lo, max_value=hi,
        default=default, step=step, format=fmt, help=ui.t(f"{T}.{param}_help"),
    )  # fmt: skip


# --------------------------------------------------------------------------- margin losses
@st.fragment  # its controls change only this section: a release reruns only it
def margin_section():
    names = ("zero_one", "hinge", "squared_hinge", "logistic", "exponential", "focal_with_logits")
    params = dict(zip(names, ("zeroone", "hinge", "sqhinge", "logistic", "exp", "focal")))
    shown = {}
    # two rows of three: in one row of six, each name had a sixth of the width ("H…")
    rows = [column for _ in range(2) for column in st.columns(3)]
    for column, name in zip(rows, names):
        with column:
            default = name != "squared_hinge"
            label = ui.t(f"{T}.name_{name}")
            shown[name] = ui.toggle(
                params[name], key=f"cl_show_{name}", label=label, default=default
            )
    gamma = slider("gamma", 0.0, 5.0, 2.0, 0.25, "%.2f")
    m = np.linspace(-3, 3, 301)  # the margin y·s, with y = +1 (label 1 for the focal loss)

    def curve(name, **o):
        return losses.REGISTRY[name].loss(1.0, m, reduction="none", **o)

    def legend(name):
        return ui.t(f"{T}.name_{name}") + (
            f" (γ = {gamma:.2f})" if name == "focal_with_logits" else ""
        )

    focal = {"gamma": gamma}
    key = (tuple(n for n in names if shown[n]), gamma, ui.lang())

    def curves_and_figure():
        curves = [(n, legend(n), curve(n, **(focal if n == names[-1] else {}))) for n in key[0]]
        grid = np.arange(0, 5.01, 0.25)  # the γ slider's own values: 21 frames
        scrub = (
            names[-1], [f"{g:.2f}" for g in grid],
            cl_memo(("frames",), lambda: [curve(names[-1], gamma=g) for g in grid]),
            int(np.argmin(np.abs(grid - gamma))), "γ",
        )  # fmt: skip
        return curves, charts.margin_losses(
            m, curves, title=ui.t(f"{T}.margin_chart"), x_title=ui.t(f"{T}.margin_axis"),
            y_title=ui.t(f"{T}.loss_axis"), y_max=4.0, scrub=scrub,
        )  # fmt: skip

    curves, fig = cl_memo(("margin", *key), curves_and_figure)  # built on a cache miss only
    if shown[names[-1]]:
        st.caption(ui.t(f"{T}.scrub_note"))
    if not curves:
        st.info(ui.t(f"{T}.none_shown"))
    i_neg, i_pos = int(np.argmin(np.abs(m + 1))), int(np.argmin(np.abs(m - 2)))
    alt = "; ".join(f"{lbl}: {v[i_neg]:.3f}, {v[i_pos]:.3f}" for _, lbl, v in curves) or "—"
    ui.chart(fig, key="cl_margin", alt=ui.t(f"{T}.alt_margin", values=alt))
    st.markdown(ui.t(f"{T}.margin_reading"))
    f0 = losses.focal_with_logits(1.0, 0.0, gamma=gamma)
    st.latex(
        rf"\mathrm{{focal}}_{{\gamma={gamma:.2f}}}(m) = -\bigl(1-\sigma(m)\bigr)^{{{gamma:.2f}}}"
        rf"\log\sigma(m),\qquad m = 0:\ (\tfrac12)^{{{gamma:.2f}}}\log 2 = {f0:.3f}"
    )


st.subheader(ui.t(f"{T}.margin_title"))  # static: drawn once, outside the fragment
st.markdown(ui.t(f"{T}.margin_intro"))
margin_section()


# --------------------------------------------------------------------------- cross-entropy in p
@st.fragment  # ε, π and w change only these two sections
def cross_entropy_and_weights():
    eps = slider("eps", 0.0, 0.5, 0.1, 0.01, "%.2f")
    p = np.linspace(0, 1, 401)
    t1, t0 = 1 - eps / 2, eps / 2  # smoothed targets
    bce = losses.binary_cross_entropy
    pair = lambda: [  # noqa: E731
        (ui.t(f"{T}.bce_y1"), bce(1.0, p, reduction="none"), style.Q, "solid"),
        (ui.t(f"{T}.bce_y0"), bce(0.0, p, reduction="none"), style.Q, "dash"),
        (ui.t(f"{T}.bce_s1", t=f"{t1:.3f}"), bce(t1, p, reduction="none"), style.SKY, "solid"),
        (ui.t(f"{T}.bce_s0", t=f"{t0:.3f}"), bce(t0, p, reduction="none"), style.SKY, "dash"),
    ]
    floor = bce(t1, t1)  # the smoothed loss's minimum: the entropy of the soft target, not 0
    minima = [
        (ui.t(f"{T}.bce_min"), t1, floor, style.SKY),
        (ui.t(f"{T}.bce_min"), t0, floor, style.SKY),
    ]
    fig = cl_memo(("bce", eps, ui.lang()), lambda: charts.bce_pair(
        p, pair(), minima, cap=5.0, title=ui.t(f"{T}.bce_chart"), x_title=ui.t(f"{T}.p_axis"),
        y_title=ui.t(f"{T}.loss_axis"),
    ))  # fmt: skip
    alt = ui.t(f"{T}.alt_bce", eps=f"{eps:.2f}", t1=f"{t1:.3f}", floor=f"{floor:.3f}")
    ui.chart(fig, key="cl_bce", alt=alt)
    z_star = "∞" if eps == 0 else f"{logit(t1):.3f}"
    st.markdown(ui.t(f"{T}.bce_reading", t1=f"{t1:.3f}", floor=f"{floor:.3f}", z=z_star))

    # --------------------------------------------------------------------------- class weights
    st.subheader(ui.t(f"{T}.weights_title"))
    st.markdown(ui.t(f"{T}.weights_intro"))
    a, b = st.columns(2)
    with a:
        pi = slider("pi", 0.01, 0.99, 0.1, 0.01, "%.2f")
    with b:
        w = slider("w", 0.25, 10.0, 3.0, 0.25, "%.2f")
    best = cl_memo(
        ("best", pi, w, eps), lambda: estimators.bce_optimum(pi, pos_weight=w, label_smoothing=eps)
    )
    c1, c2, c3 = st.columns(3)
    ui.metric_in(c1, ui.t(f"{T}.metric_base_rate"), ui.quantity(pi, ""))
    with c2:
        ui.metric(ui.t(f"{T}.metric_p"), ui.quantity(best, ""))
    with c3:
        ui.metric(ui.t(f"{T}.metric_z"), ui.quantity(logit(best), ""))
    q = np.linspace(0.002, 0.998, 400)

    def weights_chart():
        plain = estimators.expected_bce(q, pi)
        yours = estimators.expected_bce(q, pi, pos_weight=w, label_smoothing=eps)
        at_best = float(estimators.expected_bce(best, pi, pos_weight=w, label_smoothing=eps))
        return charts.bce_pair(
            q,
            [(ui.t(f"{T}.plain"), plain, style.GREY, "dash"),
             (ui.t(f"{T}.yours"), yours, style.Q, "solid")],
            [(ui.t(f"{T}.plain_min"), pi, float(estimators.expected_bce(pi, pi)), style.GREY),
             (ui.t(f"{T}.yours_min"), best, at_best, style.Q)],
            cap=5.0, title=ui.t(f"{T}.weights_chart"), x_title=ui.t(f"{T}.const_axis"),
            y_title=ui.t(f"{T}.expected_axis"),
        )  # fmt: skip

    fig = cl_memo(("weights", pi, w, eps, ui.lang()), weights_chart)
    alt = ui.t(f"{T}.alt_weights", pi=f"{pi:.2f}", w=f"{w:.2f}", eps=f"{eps:.2f}", p=f"{best:.3f}")
    ui.chart(fig, key="cl_weights", alt=alt)
    pt = pi * t1 + (1 - pi) * t0
    st.latex(
        rf"p^\star = \frac{{w\,\bar t}}{{w\,\bar t + 1 - \bar t}} = "
        rf"\frac{{{w:.2f}\cdot{pt:.3f}}}{{{w:.2f}\cdot{pt:.3f} + {1 - pt:.3f}}} = {best:.3f},"
        rf"\qquad \bar t = \pi(1-\tfrac\varepsilon2) + (1-\pi)\tfrac\varepsilon2 = {pt:.3f}"
    )


st.subheader(ui.t(f"{T}.bce_title"))
st.markdown(ui.t(f"{T}.bce_intro"))
cross_entropy_and_weights()


# --------------------------------------------------------------------------- logistic vs SVM
@st.fragment  # the moved point and C change only this section
def svm_section():
    a, b, c = st.columns(3)
    with a:
        px = slider("px", -4.0, 4.0, 1.2, 0.1, "%.1f")
    with b:
        py = slider("py", -4.0, 4.0, 1.0, 0.1, "%.1f")
    with c:
        C = slider("c", 0.1, 10.0, 1.0, 0.1, "%.1f")
    X, y = estimators.classifier_points(px, py)
    w_lr, b_lr, pull_lr = cl_memo(("lr", px, py, C), lambda: estimators.fit_logistic(X, y, C=C))
    w_svm, b_svm, pull_svm = cl_memo(
        ("svm", px, py, C), lambda: estimators.fit_linear_svm(X, y, C=C)
    )
    box = (-4.5, 4.5, -4.5, 4.5)
    c1, c2, c3 = st.columns(3)
    with c1:
        ui.metric(ui.t(f"{T}.metric_sv"), str(int((pull_svm > 0).sum())))
    with c2:
        ui.metric(ui.t(f"{T}.metric_pull_lr"), ui.quantity(pull_lr[-1], ""))
    with c3:
        ui.metric(ui.t(f"{T}.metric_pull_svm"), ui.quantity(pull_svm[-1], ""))
    panels = [
        {"title": ui.t(f"{T}.panel_lr"), "loss": "logistic", "pull": pull_lr,
         "boundary": estimators.line_in_box(w_lr, b_lr, 0.0, box)},
        {"title": ui.t(f"{T}.panel_svm"), "loss": "hinge", "pull": pull_svm,
         "boundary": estimators.line_in_box(w_svm, b_svm, 0.0, box),
         "margins": [estimators.line_in_box(w_svm, b_svm, s, box) for s in (-1.0, 1.0)]},
    ]  # fmt: skip
    fig = cl_memo(("svm_fig", px, py, C, ui.lang()), lambda: charts.classifiers(
        X, y, panels, class_labels=(ui.t(f"{T}.class_pos"), ui.t(f"{T}.class_neg")),
        moved_label=ui.t(f"{T}.moved"),
        title=ui.t(f"{T}.svm_chart"), x_title="x₁", y_title="x₂", box=box,
    ))  # fmt: skip
    alt = ui.t(
        f"{T}.alt_svm", n=len(y), px=f"{px:.1f}", py=f"{py:.1f}", sv=int((pull_svm > 0).sum()),
        lr=f"{pull_lr[-1]:.3f}", svm=f"{pull_svm[-1]:.3f}",
    )  # fmt: skip
    ui.chart(fig, key="cl_svm", alt=alt)
    st.markdown(ui.t(f"{T}.svm_reading"))
    st.latex(
        rf"\mathrm{{LR}}:\ {w_lr[0]:.2f}\,x_1 {w_lr[1]:+.2f}\,x_2 {b_lr:+.2f} = 0"
        rf"\qquad \mathrm{{SVM}}:\ {w_svm[0]:.2f}\,x_1 {w_svm[1]:+.2f}\,x_2 {b_svm:+.2f} = 0"
    )


st.subheader(ui.t(f"{T}.svm_title"))
st.markdown(ui.t(f"{T}.svm_intro"))
svm_section()
