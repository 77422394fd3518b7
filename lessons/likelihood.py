"""Lesson: minimising a loss is maximum likelihood under a noise model."""

import numpy as np
import streamlit as st

from lossviz import likelihood, ui
from lossviz.charts import likelihood as charts


def t(key: str, **values: object) -> str:
    return ui.t(f"likelihood.{key}", **values)


def val(x: float) -> str:
    return ui.quantity(x, "")


@st.cache_resource(max_entries=64, show_spinner=False)
def lik_memo(key: tuple, _make):
    """Results and figures shared by every session: `key` holds all they depend on.

    A slider release of one student mostly hits what another student already built.
    The figure is never mutated afterwards (ui.chart restyles a copy in projector mode).
    """
    return _make()


FORMULA = {  # mean NLL as a multiple of the loss plus a constant, per noise model
    "gaussian": r"\frac{1}{2\sigma^2}\,\mathrm{MSE}(\theta) + \tfrac12\log(2\pi\sigma^2)",
    "laplace": r"\frac{1}{b}\,\mathrm{MAE}(\theta) + \log 2b",
    "quantile": r"\frac{1}{b}\,\overline{\rho_\tau}(\theta) + \log\frac{b}{\tau(1-\tau)}",
    "bernoulli": r"\mathrm{BCE}(\theta)",
    "categorical": r"\mathrm{CE}\big(\log(\theta, \tfrac{1-\theta}{2}, \tfrac{1-\theta}{2})\big)",
}

ui.header("likelihood")
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
    n = ui.number(
        "n",
        key="lik_n",
        label=t("n"),
        min_value=1,
        max_value=500,
        default=20,
        step=1,
        integer=True,
        help=t("n_help"),
    )
with cols[1]:
    seed = ui.number(
        "seed",
        key="lik_seed",
        label=t("seed"),
        min_value=0,
        max_value=999,
        default=0,
        step=1,
        integer=True,
        help=t("seed_help"),
    )
with cols[2]:
    if located:
        theta = ui.number(
            "theta",
            key="lik_theta_loc",
            label=t("theta"),
            min_value=-3.0,
            max_value=3.0,
            default=1.0,
            step=0.1,
            format="%.1f",
            help=t("theta_help"),
        )
    else:
        theta = ui.number(
            "theta",
            key="lik_theta_prob",
            label=t("theta_prob"),
            min_value=0.0,
            max_value=1.0,
            default=0.3,
            step=0.05,
            format="%.2f",
            help=t(f"theta_help_{model}"),
        )
with cols[3]:
    scale = tau = None
    if located:
        scale = ui.number(
            "scale",
            key="lik_scale",
            label=t(f"scale_{model}"),
            min_value=0.2,
            max_value=3.0,
            default=1.0,
            step=0.1,
            format="%.1f",
            help=t("scale_help"),
        )
    if model == "quantile":
        tau = ui.number(
            "tau",
            key="lik_tau",
            label=t("tau"),
            min_value=0.05,
            max_value=0.95,
            default=0.9,
            step=0.05,
            format="%.2f",
            help=t("tau_help"),
        )
options = {"scale": scale or 1.0, "tau": tau or 0.5}

inputs = (model, n, seed, theta, options["scale"], options["tau"])


def sample_and_fit():
    y = likelihood.sample(model, n, theta, seed=seed, **options)
    return y, likelihood.fit(model, y, theta, **options)


y, fit = lik_memo(("fit", *inputs), sample_and_fit)
lo, hi = fit.closed
closed = val(lo) if lo == hi else t("interval", lo=val(lo), hi=val(hi))
nats = ui.t("common.unit.nats")
readouts = [
    (t("metric_mle"), val(fit.mle), t("metric_mle_help")),
    (t("metric_argmin"), val(fit.loss_argmin), t("metric_argmin_help", loss=t(f"loss_{model}"))),
    (t("metric_closed"), closed, t(f"closed_{model}")),
    (t("metric_nll"), ui.quantity(fit.nll_at_mle, nats), t("metric_nll_help")),
    (t("metric_loss_min"), val(fit.loss_at_min), t(f"loss_{model}")),
]
for column, (label, value, hint) in zip([*st.columns(3), *st.columns(3)], readouts):
    ui.metric_in(column, label, value, help=hint)

loss_name = t(f"loss_{model}")


def figure():
    frames = likelihood.scrub_frames(model, y, fit.grid, **options)
    active = int(np.argmin(np.abs(frames["theta"] - fit.mle)))
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


fig = lik_memo(("fig", *inputs, ui.lang()), figure)
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
st.markdown(t("why"))
