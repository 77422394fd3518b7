"""Chart of the likelihood lesson: the data with the model, and the NLL next to the loss."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

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
    nll, loss, rescaled = (np.where(np.isfinite(v), v, np.nan) for v in (nll, loss, rescaled))
    x, height, width = data
    start = {k: v[active] for k, v in frames.items() if k in ("theta", "density", "nll", "loss")}
    on_right = {"xaxis": "x2", "yaxis": "y2"}
    hover = "θ = %{x:.3f}: %{y:.3f}<extra></extra>"
    traces = [
        {"type": "bar", "x": x, "y": height, "width": width, "name": text["data"],
         "marker": {"color": style.GREY}, "opacity": 0.55,
         "hovertemplate": "%{x:.2f}: %{y:.3f}<extra></extra>", "xaxis": "x", "yaxis": "y"},
        {"type": "scatter", "x": frames["x"], "y": start["density"], "name": text["model"],
         "mode": "markers" if discrete else "lines",
         "marker": {"color": style.Q, "size": 16, "symbol": "diamond"},
         "line": {"color": style.Q, "width": style.LINE_WIDTH}, "xaxis": "x", "yaxis": "y"},
        {"type": "scatter", "x": grid, "y": nll, "name": text["nll"], "mode": "lines",
         "line": {"color": style.Q, "width": style.LINE_WIDTH + 2}, "hovertemplate": hover,
         **on_right},
        {"type": "scatter", "x": grid, "y": loss, "name": text["loss"], "mode": "lines",
         "line": {"color": style.P, "width": style.LINE_WIDTH}, "hovertemplate": hover,
         **on_right},
        {"type": "scatter", "x": grid, "y": rescaled, "name": text["rescaled"], "mode": "lines",
         "line": {"color": style.THIRD, "width": 3, "dash": "dash"}, "hoverinfo": "skip",
         **on_right},
        {"type": "scatter", "x": [start["theta"], start["theta"]],
         "y": [start["nll"], start["loss"]], "mode": "markers", "showlegend": False,
         "marker": {"color": [style.Q, style.P], "size": 14,
                    "line": {"color": "white", "width": 2}},
         "hovertemplate": hover, **on_right},
    ]  # fmt: skip
    annotations = [
        {"font": {"size": 14}, "showarrow": False, "text": title, "x": centre,
         "xanchor": "center", "xref": "paper", "y": 1.0, "yanchor": "bottom", "yref": "paper"}
        for title, centre in ((text["left"], 0.225), (text["right"], 0.775))
    ]  # fmt: skip
    shapes = []

    def vline(at: float, line: dict, axis: str, label: str, side: str) -> None:
        shapes.append({"line": line, "type": "line", "x0": at, "x1": at, "xref": f"x{axis}",
                       "y0": 0, "y1": 1, "yref": f"y{axis} domain"})  # fmt: skip
        annotations.append({"showarrow": False, "text": label, "x": at, "xanchor": side,
                            "xref": f"x{axis}", "y": 1, "yanchor": "top",
                            "yref": f"y{axis} domain"})  # fmt: skip

    for axis in ("", "2") if not discrete else ("2",):  # the data axis only for a location θ
        line = {"color": style.GREY, "dash": "dot", "width": 2}
        vline(true_theta, line, axis, text["true"], "right" if mle >= true_theta else "left")
    line = {"color": style.FOURTH, "dash": "dash", "width": 2}
    vline(mle, line, "2", text["mle"], "left" if mle >= true_theta else "right")
    x_data = {"title": {"text": text["x_data"]}, "showgrid": True, "zeroline": False,
              "anchor": "y", "domain": [0.0, 0.45]}  # fmt: skip
    y_data = {"title": {"text": text["y_data"]}, "showgrid": True, "zeroline": True,
              "anchor": "x", "domain": [0.0, 1.0], "rangemode": "tozero"}  # fmt: skip
    if discrete:
        ticks = outcome_labels or [f"{v:g}" for v in frames["x"]]
        x_data.update(tickvals=list(frames["x"]), ticktext=ticks)
        y_data["range"] = [0, 1.05]
    else:
        top = max(float(np.max(height)), float(np.max(frames["density"])))
        y_data["range"] = [0, 1.1 * top]
    finite = np.concatenate([nll[np.isfinite(nll)], loss[np.isfinite(loss)]])
    low, high = float(finite.min()), float(np.quantile(finite, 0.9))
    layout = {
        "title": {"text": "", "x": 0, "xanchor": "left"},
        "font": style.FONT,
        "height": 430,
        # the legend above the titles; θ's criteria have their axis on the right, so that its
        # title does not run into the data panel on a narrow screen
        "margin": {"l": 60, "r": 60, "t": 110, "b": 55},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.1, "xanchor": "left", "x": 0},
        "hoverlabel": {"font": {"size": 14}},
        "colorway": list(style.SEQUENCE),
        "xaxis": x_data,
        "yaxis": y_data,
        "xaxis2": {"title": {"text": text["x_theta"]}, "showgrid": True, "zeroline": False,
                   "anchor": "y2", "domain": [0.55, 1.0]},
        "yaxis2": {"title": {"text": text["y_theta"]}, "showgrid": True, "zeroline": True,
                   "anchor": "x2", "domain": [0.0, 1.0], "side": "right",
                   "range": [min(0.0, low), high + 0.1 * (high - low) + 0.1]},
        "annotations": annotations,
        "shapes": shapes,
    }  # fmt: skip
    names = [f"{v:.2f}" for v in frames["theta"]]
    frame_dicts = [
        {
            "name": name,
            "traces": [1, 5],
            "data": [
                {"type": "scatter", "x": frames["x"], "y": frames["density"][i]},
                {
                    "type": "scatter",
                    "x": [float(frames["theta"][i])] * 2,
                    "y": [float(frames["nll"][i]), float(frames["loss"][i])],
                },
            ],
        }
        for i, name in enumerate(names)
    ]
    fig = style.spec_figure(traces, layout, frame_dicts)
    style.add_scrubber(fig, names, label=text["slider"], active=active)
    return fig
