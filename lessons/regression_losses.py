"""Lesson: regression losses — which number each loss picks, and why its gradient decides."""

import numpy as np
import streamlit as st

from lossviz import estimators, losses, ui
from lossviz.charts import losses as charts

T = "regression_losses"
ui.header(T)


@st.cache_resource(max_entries=128, show_spinner=False)  # ~32 of each of its 4 kinds of figure
def rl_memo(key: tuple, _make):
    """Results and figures shared by every session: `key` holds all they depend on.

    A slider release of one student mostly hits what another student already built.
    The figures are never mutated afterwards (``ui.chart`` draws a copy).
    """
    return _make()


DELTAS = np.geomspace(0.05, 30, 60)  # the δ axis of the Huber path


# One small array per outlier value (81 of them, 60 Huber fits each, ~13 ms): all kept.
@st.cache_resource(max_entries=128, show_spinner=False)
def huber_path(outlier: float) -> np.ndarray:
    return estimators.huber_path(estimators.outlier_data(outlier)[1], DELTAS)


def slider(param, lo, hi, default, step, fmt):
    return ui.number(
        param, key=f"rl_{param}", label=ui.t(f"{T}.{param}_label"), min_value=lo, max_value=hi,
        default=default, step=step, format=fmt, help=ui.t(f"{T}.{param}_help"),
    )  # fmt: skip


# --------------------------------------------------------------------------- the outlier lab
st.subheader(ui.t(f"{T}.lab_title"))
st.markdown(ui.t(f"{T}.lab_intro"))


@st.fragment  # δ and τ move the lab and the curves below: both are drawn inside
def losses_section():
    a, b, c = st.columns(3)
    with b:
        delta = slider("delta", 0.1, 3.0, 1.0, 0.1, "%.1f")
    with c:
        tau = slider("tau", 0.05, 0.95, 0.75, 0.05, "%.2f")
    outlier_lab(a, delta, tau)  # the outlier's slider goes in the first column
    curves_and_identity(delta, tau)


@st.cache_resource(max_entries=256, show_spinner=False)
def estimate(outlier: float, loss: str, option: float | None) -> float:
    """One loss's constant for the lab's data, with δ or τ as its option.

    Cached per loss: a release of δ recomputes only Huber's, one of τ only the quantile's.
    """
    options = {"huber": {"delta": option}, "quantile": {"tau": option}}.get(loss, {})
    return estimators.best_constant(estimators.outlier_data(outlier)[1], loss, **options)


def estimates(outlier: float, delta: float, tau: float) -> tuple[dict, dict]:
    """Each loss's constant for the data, and for the data with the outlier back on the line."""
    option = {"mse": None, "mae": None, "huber": delta, "quantile": tau}
    return tuple(
        {loss: estimate(at, loss, value) for loss, value in option.items()} for at in (outlier, 5.0)
    )


@st.fragment  # the outlier and the line toggle rerun only the lab
def outlier_lab(column, delta, tau):
    with column:
        outlier = slider("outlier", -10.0, 30.0, 20.0, 0.5, "%.1f")
    show_line = ui.toggle("line", key="rl_line", label=ui.t(f"{T}.line_label"), default=False)

    options = {"mse": {}, "mae": {}, "huber": {"delta": delta}, "quantile": {"tau": tau}}
    x, y = estimators.outlier_data(outlier)
    est, before = estimates(outlier, delta, tau)  # `before`: the moved point back on the line
    label = {name: ui.t(f"{T}.metric_{name}") for name in options}

    for column, name in zip(st.columns(4), options):
        with column:
            moved = f"{est[name] - before[name]:+.3f}"
            ui.metric(
                label[name],
                ui.quantity(est[name], ""),
                delta=moved,
                delta_color="off",
                delta_arrow="off",
            )

    st.caption(ui.t(f"{T}.moved_note"))
    if show_line:
        fits = rl_memo(
            ("fits", outlier, delta, tau),
            lambda: {name: estimators.fit_line(x, y, name, **o) for name, o in options.items()},
        )
    left, right = st.columns([3, 2])
    with left:
        fig = rl_memo(
            ("lab", outlier, delta, tau, show_line, ui.lang()),
            lambda: charts.outlier_lab(
                x,
                y,
                estimators.OUTLIER_INDEX,
                [(n, label[n], est[n]) for n in options],
                lines=[(n, label[n], *fits[n]) for n in options] if show_line else None,
                labels=(ui.t(f"{T}.points"), ui.t(f"{T}.moved_point")),
                title=ui.t(f"{T}.lab_chart"),
                x_title="x",
                y_title="y",
            ),
        )
        alt_lines = (
            "; ".join(f"{label[n]}: y = {fits[n][0]:.2f} + {fits[n][1]:.2f}x" for n in options)
            if show_line
            else "; ".join(f"{label[n]} {est[n]:.3f}" for n in options)
        )
        alt = ui.t(f"{T}.alt_lab", outlier=f"{outlier:.1f}", values=alt_lines)
        ui.chart(fig, key="rl_lab", alt=alt)
    with right:
        path = huber_path(outlier)
        fig = rl_memo(
            ("path", outlier, delta, ui.lang()),
            lambda: charts.huber_path(
                DELTAS,
                path,
                delta,
                est["huber"],
                [(n, label[n], est[n]) for n in ("mse", "mae")],
                title=ui.t(f"{T}.path_chart"),
                x_title="δ",
                y_title=ui.t(f"{T}.estimate"),
                point_label=ui.t(f"{T}.current_delta"),
            ),
        )
        lo, hi, value = f"{path[0]:.3f}", f"{path[-1]:.3f}", f"{est['huber']:.3f}"
        alt = ui.t(f"{T}.alt_path", lo=lo, hi=hi, delta=f"{delta:.1f}", value=value)
        ui.chart(fig, key="rl_path", alt=alt)
    mean, median, q = (f"{est[n]:.3f}" for n in ("mse", "mae", "quantile"))
    moved = f"{est['mse'] - before['mse']:+.3f}"
    reading = ui.t(f"{T}.lab_reading", mean=mean, median=median, moved=moved, tau=f"{tau:.2f}", q=q)
    st.markdown(reading)
    st.latex(
        rf"\bar y = \tfrac19\textstyle\sum_i y_i = {est['mse']:.3f},\quad"
        rf"\operatorname{{median}} = y_{{(5)}} = {est['mae']:.3f},\quad"
        rf"\textstyle\sum_i \operatorname{{clip}}(y_i - c,\,\pm{delta:.1f}) = 0"
        rf"\;\Rightarrow\; c = {est['huber']:.3f}"
    )


# --------------------------------------------------------------------------- the curves
@st.fragment  # the toggles and β change only these two sections (δ, τ come from the lab)
def curves_and_identity(delta, tau):
    st.subheader(ui.t(f"{T}.curves_title"))
    st.markdown(ui.t(f"{T}.curves_intro"))
    names = ("mse", "mae", "huber", "smooth_l1", "log_cosh", "quantile")
    params = {
        "mse": "mse",
        "mae": "mae",
        "huber": "huber",
        "smooth_l1": "smoothl1",
        "log_cosh": "logcosh",
        "quantile": "quantile",
    }
    shown = {}
    # two rows of three: in one row of six, each name had a sixth of the width ("H…")
    rows = [column for _ in range(2) for column in st.columns(3)]
    for column, name in zip(rows, names):
        with column:
            shown[name] = ui.toggle(
                params[name],
                key=f"rl_show_{name}",
                label=ui.t(f"{T}.name_{name}"),
                default=name in ("mse", "mae", "huber"),
            )
    beta = slider("beta", 0.1, 3.0, 2.0, 0.1, "%.1f")
    opts = {"huber": {"delta": delta}, "smooth_l1": {"beta": beta}, "quantile": {"tau": tau}}
    # residual r = y − ŷ (y = 0, ŷ = −r), 0.05 apart: under 2 px on a panel, even for the
    # steps of the MAE and quantile pulls (each Huber frame of the δ scrubber repeats it)
    r = np.linspace(-4, 4, 161)

    def curve(name, **o):
        spec = losses.REGISTRY[name]
        return spec.loss(0.0, -r, reduction="none", **o), -spec.grad(0.0, -r, reduction="none", **o)

    def legend(name):
        value = {
            "huber": f"δ = {delta:.1f}",
            "smooth_l1": f"β = {beta:.1f}",
            "quantile": f"τ = {tau:.2f}",
        }
        return ui.t(f"{T}.name_{name}") + (f" ({value[name]})" if name in value else "")

    key = (tuple(n for n in names if shown[n]), delta, beta, tau, ui.lang())
    curves = rl_memo(
        ("curves", *key), lambda: [(n, legend(n), *curve(n, **opts.get(n, {}))) for n in key[0]]
    )
    grid = np.round(np.arange(0.1, 3.01, 0.1), 1)  # the δ slider's own values: ≤ 30 frames

    def curves_figure():
        scrub = (
            "huber",
            [f"{d:.1f}" for d in grid],
            rl_memo(("frames",), lambda: [curve("huber", delta=d) for d in grid]),
            int(np.argmin(np.abs(grid - delta))),
            "δ",
        )
        return charts.loss_and_gradient(
            r,
            curves,
            title=ui.t(f"{T}.curves_chart"),
            x_title=ui.t(f"{T}.residual"),
            loss_title=ui.t(f"{T}.loss_axis"),
            grad_title=ui.t(f"{T}.pull_axis"),
            scrub=scrub,
        )

    fig = rl_memo(("curves_fig", *key), curves_figure)
    at = int(np.argmin(np.abs(r - 3.0)))
    alt = "; ".join(f"{lbl}: {v[at]:.3f}, {g[at]:.3f}" for _, lbl, v, g in curves) or "—"
    if shown["huber"]:
        st.caption(ui.t(f"{T}.scrub_note"))
    if not curves:
        st.info(ui.t(f"{T}.none_shown"))
    ui.chart(fig, key="rl_curves", alt=ui.t(f"{T}.alt_curves", values=alt))
    st.markdown(ui.t(f"{T}.curves_reading"))
    TEX = {"mse": "MSE", "mae": "MAE", "huber": "Huber", "smooth_l1": "SmoothL1",
           "log_cosh": "LogCosh", "quantile": "Pinball"}  # fmt: skip
    latex = {
        "mse": r"r^2",
        "mae": r"\lvert r\rvert",
        "huber": rf"\begin{{cases}}\tfrac12 r^2 & \lvert r\rvert\le {delta:.1f}\\ {delta:.1f}"
        rf"\,(\lvert r\rvert-\tfrac12\cdot{delta:.1f}) & \text{{else}}\end{{cases}}",
        "smooth_l1": rf"\begin{{cases}}\tfrac12 r^2/{beta:.1f} & \lvert r\rvert<{beta:.1f}\\"
        rf" \lvert r\rvert-\tfrac12\cdot{beta:.1f} & \text{{else}}\end{{cases}}",
        "log_cosh": r"\log\cosh r",
        "quantile": rf"\max({tau:.2f}\,r,\ {tau - 1:.2f}\,r)",
    }
    for name, _, _, _ in curves:
        v = losses.REGISTRY[name].loss(0.0, -2.0, **opts.get(name, {}))
        st.latex(rf"\mathrm{{{TEX[name]}}}(r) = {latex[name]},\qquad r = 2:\ {v:.3f}")

    # ----------------------------------------------------------------------- smooth L1 = Huber / β
    st.subheader(ui.t(f"{T}.identity_title"))
    st.markdown(ui.t(f"{T}.identity_intro"))

    def identity_figure():
        h = losses.huber(0.0, -r, delta=beta, reduction="none")
        s = losses.smooth_l1(0.0, -r, beta=beta, reduction="none")
        fig = charts.smooth_l1_identity(
            r,
            h,
            h / beta,
            s,
            labels=(
                f"{ui.t(f'{T}.name_huber')} (δ = {beta:.1f})",
                f"{ui.t(f'{T}.name_huber')} (δ = {beta:.1f}) / {beta:.1f}",
                f"{ui.t(f'{T}.name_smooth_l1')} (β = {beta:.1f})",
            ),
            title=ui.t(f"{T}.identity_chart"),
            x_title=ui.t(f"{T}.residual"),
            y_title=ui.t(f"{T}.loss_axis"),
        )
        return fig, float(np.max(np.abs(h / beta - s)))

    fig, gap = rl_memo(("identity", beta, ui.lang()), identity_figure)
    ui.chart(
        fig, key="rl_identity", alt=ui.t(f"{T}.alt_identity", beta=f"{beta:.1f}", gap=f"{gap:.1e}")
    )
    h2 = losses.huber(0.0, 2.0, delta=beta)
    st.latex(
        rf"\text{{smooth}}_{{L1,\beta={beta:.1f}}}(2) = "
        rf"\frac{{\text{{Huber}}_{{\delta={beta:.1f}}}(2)}}{{{beta:.1f}}}"
        rf" = \frac{{{h2:.3f}}}{{{beta:.1f}}} = {h2 / beta:.3f}"
    )
    st.caption(ui.t(f"{T}.identity_note", gap=f"{gap:.1e}"))


losses_section()
