"""Lesson: minimising a loss is maximum likelihood under a noise model."""

import numpy as np
import streamlit as st

from lossviz import likelihood, ui
from lossviz.charts import likelihood as charts


def t(key: str, **values: object) -> str:
    return ui.t(f"likelihood.{key}", **values)


def val(x: float) -> str:
    return ui.quantity(x, "")


def slider(param, key, label, help, lo, hi, default, step, fmt=None):
    """A URL-bound slider: integer without a `fmt`, float with one."""
    return ui.number(
        param, key=key, label=label, min_value=lo, max_value=hi, default=default, step=step,
        format=fmt, integer=fmt is None, help=help,
    )  # fmt: skip


# Points of the drawn curves: a panel is about 300 px wide. A release of n is mostly a
# cache miss under load; 201/120 points instead of 301/200 cut its build from 7.6 to
# 6.1 ms and the figure from 112 to 74 KB (gaussian, random n).
CURVE_POINTS = 201
FRAME_POINTS = 120


@st.cache_resource(max_entries=32, show_spinner=False)
def fitted(model: str, n: int, seed: int, theta: float, scale: float, tau: float):
    """The seeded sample and its fit, shared read-only by every session."""
    y = likelihood.sample(model, n, theta, seed=seed, scale=scale, tau=tau)
    return y, likelihood.fit(model, y, theta, scale=scale, tau=tau, points=CURVE_POINTS)


@st.cache_resource(max_entries=32, show_spinner=False)
def figure(model: str, n: int, seed: int, theta: float, scale: float, tau: float, lang: str):
    """The two-panel figure with its scrubber, labelled in `lang`; never mutated afterwards.

    A slider release of one student mostly hits what another student already built
    (ui.chart restyles a copy in projector mode).
    """
    y, fit = fitted(model, n, seed, theta, scale, tau)
    frames = likelihood.scrub_frames(model, y, fit.grid, scale=scale, tau=tau, points=FRAME_POINTS)
    active = int(np.argmin(np.abs(frames["theta"] - fit.mle)))
    located, loss_name = model in likelihood.LOCATION_MODELS, t(f"loss_{model}")
    nats = ui.t("common.unit.nats")
    return charts.nll_and_loss(
        likelihood.data_view(model, y),
        fit.grid,
        fit.nll,
        fit.loss,
        fit.a * fit.loss + fit.b,
        frames,
        outcome_labels=["1", "2", "3"] if model == "categorical" else None,
        true_theta=theta,
        mle=fit.mle,
        active=active,
        discrete=not located,
        text={
            "left": t("left_title", n=n),
            "right": t("right_title"),
            "x_data": t("x_data" if located else f"x_{model}"),
            "y_data": t("y_density" if located else "y_frequency"),
            "x_theta": "θ",
            "y_theta": t("y_theta", unit=nats),
            "data": t("data"),
            "model": t("model_at_theta"),
            "nll": t("nll_name"),
            "loss": loss_name,
            "rescaled": f"{fit.a:.3g} · {loss_name} + {fit.b:.3g}",
            "true": t("true_theta"),
            "mle": t("mle_short"),
            "slider": "θ",
        },
    )


FORMULA = {  # mean NLL as a multiple of the loss plus a constant, per noise model
    "gaussian": r"\frac{1}{2\sigma^2}\,\mathrm{MSE}(\theta) + \tfrac12\log(2\pi\sigma^2)",
    "laplace": r"\frac{1}{b}\,\mathrm{MAE}(\theta) + \log 2b",
    "quantile": r"\frac{1}{b}\,\overline{\rho_\tau}(\theta) + \log\frac{b}{\tau(1-\tau)}",
    "bernoulli": r"\mathrm{BCE}(\theta)",
    "categorical": r"\mathrm{CE}\big(\log(\theta, \tfrac{1-\theta}{2}, \tfrac{1-\theta}{2})\big)",
}

ui.header("likelihood")


@st.fragment  # every control changes only this section: a release reruns only it
def lesson_section() -> None:
    model = ui.choice(
        "model",
        key="lik_model",
        label=t("model"),
        options=list(likelihood.MODELS),
        default="gaussian",
        format_func=lambda m: t(f"model_{m}"),
    )
    located = model in likelihood.LOCATION_MODELS
    cols = st.columns(4)
    with cols[0]:
        n = slider("n", "lik_n", t("n"), t("n_help"), 1, 500, 20, 1)
    with cols[1]:
        seed = slider("seed", "lik_seed", t("seed"), t("seed_help"), 0, 999, 0, 1)
    with cols[2]:
        if located:
            label, hint = t("theta"), t("theta_help")
            theta = slider("theta", "lik_theta_loc", label, hint, -3.0, 3.0, 1.0, 0.1, "%.1f")
        else:
            label, hint = t("theta_prob"), t(f"theta_help_{model}")
            theta = slider("theta", "lik_theta_prob", label, hint, 0.0, 1.0, 0.3, 0.05, "%.2f")
    with cols[3]:
        scale = tau = None
        if located:
            label = t(f"scale_{model}")
            scale = slider("scale", "lik_scale", label, t("scale_help"), 0.2, 3.0, 1.0, 0.1, "%.1f")
        if model == "quantile":
            tau = slider("tau", "lik_tau", t("tau"), t("tau_help"), 0.05, 0.95, 0.9, 0.05, "%.2f")
    options = {"scale": scale or 1.0, "tau": tau or 0.5}

    _, fit = fitted(model, n, seed, theta, options["scale"], options["tau"])
    lo, hi = fit.closed
    closed = val(lo) if lo == hi else t("interval", lo=val(lo), hi=val(hi))
    nats = ui.t("common.unit.nats")
    loss_name = t(f"loss_{model}")
    readouts = [
        (t("metric_mle"), val(fit.mle), t("metric_mle_help")),
        (t("metric_argmin"), val(fit.loss_argmin), t("metric_argmin_help", loss=loss_name)),
        (t("metric_closed"), closed, t(f"closed_{model}")),
        (t("metric_nll"), ui.quantity(fit.nll_at_mle, nats), t("metric_nll_help")),
        (t("metric_loss_min"), val(fit.loss_at_min), loss_name),
    ]
    for column, (label, value, hint) in zip([*st.columns(3), *st.columns(3)], readouts):
        ui.metric_in(column, label, value, help=hint)

    fig = figure(model, n, seed, theta, options["scale"], options["tau"], ui.lang())
    ui.chart(
        fig,
        key="lik_chart",
        alt=t(
            "alt",
            n=n,
            model=t(f"model_{model}"),
            theta=f"{theta:g}",
            loss=loss_name,
            mle=val(fit.mle),
            nll=val(fit.nll_at_mle),
            a=f"{fit.a:.3g}",
            b=f"{fit.b:.3g}",
        ),
    )
    st.caption(t("scrub_note"))

    st.subheader(ui.t("common.formula"))
    st.latex(
        rf"-\frac{{1}}{{n}}\sum_{{i=1}}^{{n}}\log f(y_i\mid\theta) = {FORMULA[model]}"
        rf" = {fit.a:.4g}\,L(\theta) + {fit.b:.4g}"
    )
    st.latex(
        rf"\hat\theta = {fit.mle:.4f}:\quad {fit.a:.4g}\cdot {fit.loss_at_min:.4f} + {fit.b:.4g}"
        rf" = {fit.nll_at_mle:.4f}\ \text{{{nats}}}"
    )
    st.markdown(t(f"text_{model}"))


lesson_section()
st.markdown(t("why"))
