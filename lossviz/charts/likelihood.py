"""Chart of the likelihood lesson: the data with the model, and the NLL next to the loss."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lossviz.charts import style


def nll_and_loss(
    data: tuple[np.ndarray, np.ndarray, np.ndarray],
    grid: np.ndarray,
    nll: np.ndarray,
    loss: np.ndarray,
    rescaled: np.ndarray,
    frames: Mapping[str, np.ndarray],
    *,
    true_theta: float,
    mle: float,
    active: int,
    discrete: bool,
    text: Mapping[str, str],
    outcome_labels: list[str] | None = None,
) -> go.Figure:
    """Two panels sharing θ: the data with the model at θ, and the criteria against θ.

    Left: the data as bars ``(x, height, width)`` and the model's density (a line, or
    diamonds for discrete outcomes) at the candidate θ of the current frame. Right: the
    mean NLL (solid blue), the loss (solid vermillion) and ``a · loss + b`` (dashed
    green, lying on the NLL), the MLE as a dashed line, and markers at the candidate θ.
    The true θ is a dotted line (on both panels when θ is a location); the labels of
    the two vertical lines sit on their outer sides, so they never overlap. ``frames``
    (``theta``, ``x``, ``density``, ``nll``, ``loss``) drive an in-figure slider that
    moves the model and the two markers.
    `text` holds the translated ``left``, ``right``, ``x_data``, ``y_data``, ``x_theta``,
    ``y_theta``, ``data``, ``model``, ``nll``, ``loss``, ``rescaled``, ``true``, ``mle``
    and ``slider`` labels.
    """
    fig = make_subplots(
        rows=1, cols=2, subplot_titles=(text["left"], text["right"]), horizontal_spacing=0.1
    )
    nll, loss, rescaled = (np.where(np.isfinite(v), v, np.nan) for v in (nll, loss, rescaled))
    x, height, width = data
    fig.add_bar(
        x=x,
        y=height,
        width=width,
        name=text["data"],
        marker_color=style.GREY,
        opacity=0.55,
        hovertemplate="%{x:.2f}: %{y:.3f}<extra></extra>",
        row=1,
        col=1,
    )
    start = {k: v[active] for k, v in frames.items() if k in ("theta", "density", "nll", "loss")}
    fig.add_scatter(
        x=frames["x"],
        y=start["density"],
        name=text["model"],
        mode="markers" if discrete else "lines",
        marker={"color": style.Q, "size": 16, "symbol": "diamond"},
        line={"color": style.Q, "width": style.LINE_WIDTH},
        row=1,
        col=1,
    )
    fig.add_scatter(
        x=grid,
        y=nll,
        name=text["nll"],
        mode="lines",
        line={"color": style.Q, "width": style.LINE_WIDTH + 2},
        hovertemplate="θ = %{x:.3f}: %{y:.3f}<extra></extra>",
        row=1,
        col=2,
    )
    fig.add_scatter(
        x=grid,
        y=loss,
        name=text["loss"],
        mode="lines",
        line={"color": style.P, "width": style.LINE_WIDTH},
        hovertemplate="θ = %{x:.3f}: %{y:.3f}<extra></extra>",
        row=1,
        col=2,
    )
    fig.add_scatter(
        x=grid,
        y=rescaled,
        name=text["rescaled"],
        mode="lines",
        line={"color": style.THIRD, "width": 3, "dash": "dash"},
        hoverinfo="skip",
        row=1,
        col=2,
    )
    fig.add_scatter(
        x=[start["theta"], start["theta"]],
        y=[start["nll"], start["loss"]],
        mode="markers",
        showlegend=False,
        marker={"color": [style.Q, style.P], "size": 14, "line": {"color": "white", "width": 2}},
        hovertemplate="θ = %{x:.3f}: %{y:.3f}<extra></extra>",
        row=1,
        col=2,
    )
    for col in (1, 2) if not discrete else (2,):  # on the data axis only where θ is a location
        fig.add_vline(
            x=true_theta,
            line={"color": style.GREY, "dash": "dot", "width": 2},
            row=1,
            col=col,
            annotation_text=text["true"],
            annotation_position="top left" if mle >= true_theta else "top right",
        )
    fig.add_vline(
        x=mle,
        line={"color": style.FOURTH, "dash": "dash", "width": 2},
        row=1,
        col=2,
        annotation_text=text["mle"],
        annotation_position="top right" if mle >= true_theta else "top left",
    )
    style.base_layout(fig, title="", x_title="", y_title="", height=430)
    fig.update_xaxes(title_text=text["x_data"], row=1, col=1)
    fig.update_yaxes(title_text=text["y_data"], rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text=text["x_theta"], row=1, col=2)
    fig.update_yaxes(title_text=text["y_theta"], row=1, col=2)
    if discrete:
        ticks = outcome_labels or [f"{v:g}" for v in frames["x"]]
        fig.update_xaxes(tickvals=list(frames["x"]), ticktext=ticks, row=1, col=1)
        fig.update_yaxes(range=[0, 1.05], row=1, col=1)
    else:
        top = max(float(np.max(height)), float(np.max(frames["density"])))
        fig.update_yaxes(range=[0, 1.1 * top], row=1, col=1)
    finite = np.concatenate([nll[np.isfinite(nll)], loss[np.isfinite(loss)]])
    low, high = float(finite.min()), float(np.quantile(finite, 0.9))
    fig.update_yaxes(range=[min(0.0, low), high + 0.1 * (high - low) + 0.1], row=1, col=2)
    fig.update_layout(  # the legend above the subplot titles, clear of them
        margin={"t": 110}, legend={"y": 1.1, "yanchor": "bottom", "x": 0, "xanchor": "left"}
    )
    names = [f"{v:.2f}" for v in frames["theta"]]
    fig.frames = [
        go.Frame(
            name=name,
            traces=[1, 5],
            data=[
                go.Scatter(x=frames["x"], y=frames["density"][i]),
                go.Scatter(x=[frames["theta"][i]] * 2, y=[frames["nll"][i], frames["loss"][i]]),
            ],
        )
        for i, name in enumerate(names)
    ]
    style.add_scrubber(fig, names, label=text["slider"], active=active)
    return fig
