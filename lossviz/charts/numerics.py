"""Charts of the numerics lesson: softmax that breaks, BCE from a saturated sigmoid."""

from __future__ import annotations

import numpy as np

from lossviz.charts import style


def _nan_runs(x: np.ndarray, y: np.ndarray) -> list[tuple[float, float]]:
    """The x-intervals over which `y` is NaN (each run of consecutive NaN samples)."""
    runs, start, previous = [], None, None
    for xi, bad in zip(x, np.isnan(y)):
        if bad and start is None:
            start = xi
        if not bad and start is not None:
            runs.append((float(start), float(previous)))
            start = None
        previous = xi
    if start is not None:
        runs.append((float(start), float(x[-1])))
    return runs


def softmax_breakdown(
    scales: np.ndarray,
    naive: np.ndarray,
    stable: np.ndarray,
    scale: float,
    *,
    title: str,
    x_title: str,
    y_title: str,
    naive_name: str,
    stable_name: str,
    nan_label: str,
    current_label: str,
) -> style.Figure:
    """Top-class probability against the logit scale, naive and stable.

    The stable route is a solid line, the naive route dashed on top of it (a gap where
    it is NaN, shaded and labelled), and the current scale a dotted vertical line.
    """
    scales = np.asarray(scales)
    shapes, annotations = [], []
    # The scale axis is logarithmic; annotations on a log axis take log10 coordinates.
    for x0, x1 in _nan_runs(scales, np.asarray(naive)):
        shapes.append(
            {"type": "rect", "x0": x0, "x1": x1, "xref": "x", "y0": 0, "y1": 1,
             "yref": "y domain", "fillcolor": style.FOURTH, "opacity": 0.15, "line": {"width": 0}}
        )  # fmt: skip
        annotations.append(
            {"x": float(np.log10(np.sqrt(x0 * x1))), "y": 0.5, "text": nan_label,
             "showarrow": False, "font": {"color": style.FOURTH, "size": 15}}
        )  # fmt: skip
    at = max(scale, float(np.min(scales)))  # a log axis has no 0: scale 0 sits at the left edge
    shapes.append(
        {"type": "line", "x0": at, "x1": at, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
         "line": {"color": style.GREY, "width": 2, "dash": "dot"}}
    )  # fmt: skip
    low, high = np.log10(np.min(scales)), np.log10(np.max(scales))
    right_half = np.log10(at) > (low + high) / 2  # the label goes on the side with room
    annotations.append(
        {"x": float(np.log10(at)), "y": 0.08, "text": current_label, "showarrow": False,
         "xanchor": "right" if right_half else "left", "xshift": -4 if right_half else 4}
    )  # fmt: skip
    hover = "%{x:.1f}: %{y:.4f}<extra></extra>"
    traces = [
        {"type": "scatter", "x": scales, "y": stable, "mode": "lines", "name": stable_name,
         "line": {"color": style.Q, "width": style.LINE_WIDTH + 2}, "hovertemplate": hover},
        {"type": "scatter", "x": scales, "y": naive, "mode": "lines", "name": naive_name,
         "line": {"color": style.P, "width": style.LINE_WIDTH, "dash": "dash"},
         "connectgaps": False, "hovertemplate": hover},
    ]  # fmt: skip
    return style.figure(
        traces,
        title=title,
        x_title=x_title,
        y_title=y_title,
        xaxis={"type": "log", "range": [low, high]},
        yaxis={"range": [0, 1.08]},
        shapes=shapes,
        annotations=annotations,
    )


def bce_curves(
    z_grid: np.ndarray,
    with_logits: np.ndarray,
    after_sigmoid: np.ndarray,
    z: float,
    value_logits: float,
    value_sigmoid: float,
    *,
    title: str,
    x_title: str,
    y_title: str,
    logits_name: str,
    sigmoid_name: str,
) -> style.Figure:
    """Binary cross-entropy against the logit z, from the logit and after a sigmoid.

    From the logit is a solid line; after a sigmoid with PyTorch's clamp a dashed line;
    the current z is a marker on each, and the clamp at 100 a dotted horizontal line.
    """
    hover = "z = %{x:.2f}: %{y:.3f}<extra></extra>"
    traces = [
        {"type": "scatter", "x": z_grid, "y": with_logits, "mode": "lines", "name": logits_name,
         "line": {"color": style.Q, "width": style.LINE_WIDTH + 2}, "hovertemplate": hover},
        {"type": "scatter", "x": z_grid, "y": after_sigmoid, "mode": "lines",
         "name": sigmoid_name, "hovertemplate": hover,
         "line": {"color": style.P, "width": style.LINE_WIDTH, "dash": "dash"}},
        {"type": "scatter", "x": [z, z], "y": [value_logits, value_sigmoid],
         "mode": "markers+text", "showlegend": False,
         "marker": {"color": [style.Q, style.P], "size": 14,
                    "line": {"color": "white", "width": 2}},
         "text": [f"{value_logits:.3f}", f"{value_sigmoid:.3f}"],
         "textposition": ["middle left", "middle right"], "textfont": {"size": 15},
         "hoverinfo": "skip"},
    ]  # fmt: skip
    clamp = {"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": 100, "y1": 100,
             "yref": "y", "line": {"color": style.GREY, "width": 1, "dash": "dot"}}  # fmt: skip
    return style.figure(
        traces,
        title=title,
        x_title=x_title,
        y_title=y_title,
        yaxis={"rangemode": "tozero"},
        shapes=[clamp],
    )
