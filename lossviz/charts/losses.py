"""Charts of the loss-zoo lessons: regression and classification losses, what they pick.

One colour (and dash) per loss on every chart of both lessons, set once in
:data:`LOSS_STYLE`; the data and the target are vermillion (``style.P``) as on every
page. MSE is orange and the logistic / cross-entropy loss blue, as on the lesson
"MSE vs cross-entropy". Builders draw the arrays they are given and take translated
titles and labels as arguments.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from lossviz.charts import style

#: loss name (as in lossviz.losses) → (colour, dash), the same on every chart.
LOSS_STYLE: dict[str, tuple[str, str]] = {
    "mse": (style.FIFTH, "solid"),
    "mae": (style.THIRD, "solid"),
    "huber": (style.FOURTH, "solid"),
    "smooth_l1": (style.SKY, "dash"),
    "log_cosh": (style.Q, "dot"),
    "quantile": ("#000000", "dashdot"),
    "zero_one": (style.GREY, "solid"),
    "hinge": (style.THIRD, "solid"),
    "squared_hinge": (style.SKY, "solid"),
    "logistic": (style.Q, "solid"),
    "exponential": (style.FIFTH, "solid"),
    "focal_with_logits": (style.FOURTH, "solid"),
}
NEGATIVE = "#000000"  # the class −1 (open squares); the class +1 is style.P


def _short(values) -> list[float]:
    """Frames travel to the browser as JSON: values rounded to 4 decimals keep them small.

    Rounded in float64, so each prints as ``0.7883`` rather than float32's
    ``0.7882999777793884``: a third of the characters to copy, encode and send.
    """
    return np.round(np.asarray(values, dtype=np.float64), 4).tolist()


_figure = style.spec_figure


def _layout(*, title: str, x_title: str, y_title: str, height: int, rows: int, **extra) -> dict:
    """The shared look, with the title at the very top and the legend below it, as a dict.

    The legend's `rows` lines sit between the title and the plot area.
    """
    return {
        "title": {
            "text": title, "x": 0, "xanchor": "left", "yref": "container", "y": 0.985,
            "yanchor": "top",
        },
        "font": style.FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 48 + 24 * rows, "b": 55},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "hoverlabel": {"font": {"size": 14}},
        "colorway": list(style.SEQUENCE),
        "xaxis": {"title": {"text": x_title}, "showgrid": True, "zeroline": False},
        "yaxis": {"title": {"text": y_title}, "showgrid": True, "zeroline": True},
        **extra,
    }  # fmt: skip


def _line(name: str, width: float = style.LINE_WIDTH) -> dict:
    colour, dash = LOSS_STYLE[name]
    return {"color": colour, "dash": dash, "width": width}


def loss_and_gradient(
    r: np.ndarray,
    curves: Sequence[tuple[str, str, np.ndarray, np.ndarray]],
    *,
    title: str,
    x_title: str,
    loss_title: str,
    grad_title: str,
    scrub: tuple[str, list[str], list[tuple[np.ndarray, np.ndarray]], int, str] | None = None,
) -> go.Figure:
    """Two panels over the residual `r`: each loss (left) and its pull (right), one line each.

    `curves` are ``(loss name, label, loss values, pull values)``. With ``scrub = (loss
    name, frame names, [(loss, pull) per frame], active frame, slider label)`` that
    loss's two lines follow an in-figure slider, played in the browser.
    """
    data, index = [], {}
    for name, label, loss, pull in curves:
        index[name] = len(data)
        for axis, values, show in (("", loss, True), ("2", pull, False)):
            data.append({
                "type": "scatter", "x": r, "y": _short(values), "mode": "lines", "name": label,
                "legendgroup": name, "showlegend": show, "line": _line(name),
                "hovertemplate": f"{label}<br>r = %{{x:.2f}}<br>%{{y:.3f}}<extra></extra>",
                "xaxis": f"x{axis}", "yaxis": f"y{axis}",
            })  # fmt: skip
    x_axis = {"title": {"text": x_title}, "showgrid": True, "zeroline": True}
    y_axis = {"showgrid": True, "zeroline": True}
    layout = _layout(
        title=title, x_title=x_title, y_title="", height=420, rows=1,
        xaxis={**x_axis, "anchor": "y", "domain": [0.0, 0.45]},
        xaxis2={**x_axis, "anchor": "y2", "domain": [0.55, 1.0]},
        yaxis={**y_axis, "anchor": "x", "domain": [0.0, 1.0], "title": {"text": loss_title},
               "rangemode": "tozero"},
        yaxis2={**y_axis, "anchor": "x2", "domain": [0.0, 1.0], "title": {"text": grad_title}},
    )  # fmt: skip
    frames = None
    if scrub is not None and scrub[0] in index:
        name, names, frame_values, active, label = scrub
        i = index[name]
        frames = [
            {
                "name": n,
                "traces": [i, i + 1],
                "data": [
                    {"type": "scatter", "y": _short(loss)},
                    {"type": "scatter", "y": _short(pull)},
                ],
            }
            for n, (loss, pull) in zip(names, frame_values)
        ]
    fig = _figure(data, layout, frames)
    if frames is not None:
        style.add_scrubber(fig, names, label=label, active=active)
    return fig


def smooth_l1_identity(
    r: np.ndarray,
    huber: np.ndarray,
    huber_over_beta: np.ndarray,
    smooth_l1: np.ndarray,
    *,
    labels: tuple[str, str, str],
    title: str,
    x_title: str,
    y_title: str,
) -> go.Figure:
    """Huber(δ = β) (line), Huber / β (markers) and smooth L1(β) (line) over the residual."""
    step = max(1, len(r) // 40)
    data = [
        {"type": "scatter", "x": r, "y": huber, "mode": "lines", "name": labels[0],
         "line": _line("huber")},
        {"type": "scatter", "x": r, "y": smooth_l1, "mode": "lines", "name": labels[2],
         "line": {**_line("smooth_l1"), "dash": "solid", "width": 6}, "opacity": 0.5},
        {"type": "scatter", "x": r[::step], "y": huber_over_beta[::step], "mode": "markers",
         "name": labels[1],
         "marker": {"color": LOSS_STYLE["huber"][0], "size": 7, "symbol": "x"}},
    ]  # fmt: skip
    layout = _layout(title=title, x_title=x_title, y_title=y_title, height=360, rows=1)
    layout["yaxis"]["rangemode"] = "tozero"
    return _figure(data, layout)


def outlier_lab(
    x: np.ndarray,
    y: np.ndarray,
    outlier_index: int,
    estimates: Sequence[tuple[str, str, float]],
    *,
    lines: Sequence[tuple[str, str, float, float]] | None,
    labels: tuple[str, str],
    title: str,
    x_title: str,
    y_title: str,
) -> go.Figure:
    """The data (vermillion dots, the outlier a large ring) and each loss's estimate.

    `estimates` are ``(loss name, label, constant)``, each drawn as a horizontal line in
    the loss's colour and labelled at the right; `lines` (``(loss name, label,
    intercept, slope)``), when given, are drawn as the fitted lines instead.
    """
    mask = np.arange(len(x)) != outlier_index
    hover = "x = %{x}<br>y = %{y:.2f}<extra></extra>"
    data = [
        {"type": "scatter", "x": x[mask], "y": y[mask], "mode": "markers", "name": labels[0],
         "marker": {"color": style.P, "size": 12}, "hovertemplate": hover},
        {"type": "scatter", "x": [x[outlier_index]], "y": [y[outlier_index]], "mode": "markers",
         "name": labels[1],
         "marker": {"color": style.P, "size": 20, "symbol": "circle-open", "line": {"width": 4}},
         "hovertemplate": hover},
    ]  # fmt: skip
    x_span = np.array([x.min() - 0.5, x.max() + 0.5])
    if lines:
        for name, label, a, b in lines:
            data.append({"type": "scatter", "x": x_span, "y": a + b * x_span, "mode": "lines",
                         "name": label, "line": _line(name)})  # fmt: skip
    else:
        for i, (name, label, c) in enumerate(estimates):  # wide first: equal values stay visible
            data.append({
                "type": "scatter", "x": x_span, "y": [c, c], "mode": "lines", "name": label,
                "line": {**_line(name), "width": 2 + 1.5 * (len(estimates) - 1 - i)},
                "hovertemplate": f"{label}: {c:.3f}<extra></extra>",
            })  # fmt: skip
    layout = _layout(title=title, x_title=x_title, y_title=y_title, height=460, rows=3)
    return _figure(data, layout)


def huber_path(
    deltas: np.ndarray,
    path: np.ndarray,
    delta: float,
    estimate: float,
    references: Sequence[tuple[str, str, float]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    point_label: str,
) -> go.Figure:
    """The Huber estimate against δ (a purple line, log x axis) between the median and mean.

    `references` are ``(loss name, label, value)`` drawn as horizontal lines.
    """
    data = [
        {"type": "scatter", "x": [deltas[0], deltas[-1]], "y": [value, value], "mode": "lines",
         "name": label, "line": _line(name)}
        for name, label, value in references
    ]  # fmt: skip
    data.append({
        "type": "scatter", "x": deltas, "y": path, "mode": "lines",
        "name": point_label.split("(")[0], "showlegend": False, "line": _line("huber"),
        "hovertemplate": "δ = %{x:.2f}<br>%{y:.3f}<extra></extra>",
    })  # fmt: skip
    data.append({
        "type": "scatter", "x": [delta], "y": [estimate], "mode": "markers", "name": point_label,
        "marker": {"color": LOSS_STYLE["huber"][0], "size": 14,
                   "line": {"color": "white", "width": 2}},
    })  # fmt: skip
    layout = _layout(title=title, x_title=x_title, y_title=y_title, height=460, rows=3)
    # three ticks: in a narrow column, six of them ran into each other
    layout["xaxis"].update(type="log", tickvals=[0.1, 1, 10])
    return _figure(data, layout)


def margin_losses(
    m: np.ndarray,
    curves: Sequence[tuple[str, str, np.ndarray]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    y_max: float,
    scrub: tuple[str, list[str], list[np.ndarray], int, str] | None = None,
) -> go.Figure:
    """Each margin loss against the margin ``y·s`` (one line per loss), y axis capped at `y_max`.

    With ``scrub = (loss name, frame names, [values per frame], active, slider label)``
    that loss's line follows an in-figure slider.
    """
    data, index = [], {}
    for name, label, values in curves:
        index[name] = len(data)
        data.append({
            "type": "scatter", "x": m, "y": _short(values), "mode": "lines", "name": label,
            "line": {**_line(name), "shape": "hv" if name == "zero_one" else "linear"},
            "hovertemplate": f"{label}<br>y·s = %{{x:.2f}}<br>%{{y:.3f}}<extra></extra>",
        })  # fmt: skip
    layout = _layout(title=title, x_title=x_title, y_title=y_title, height=430, rows=2)
    layout["yaxis"]["range"] = [0, y_max]
    layout["xaxis"]["zeroline"] = True
    frames = None
    if scrub is not None and scrub[0] in index:
        name, names, frame_values, active, label = scrub
        frames = [
            {"name": n, "traces": [index[name]], "data": [{"type": "scatter", "y": _short(v)}]}
            for n, v in zip(names, frame_values)
        ]
    fig = _figure(data, layout, frames)
    if frames is not None:
        style.add_scrubber(fig, names, label=label, active=active)
    return fig


def bce_pair(
    p: np.ndarray,
    curves: Sequence[tuple[str, np.ndarray, str, str]],
    minima: Sequence[tuple[str, float, float, str]],
    *,
    cap: float,
    title: str,
    x_title: str,
    y_title: str,
) -> go.Figure:
    """Cross-entropy against the predicted probability, one line per curve.

    `curves` are ``(label, values, colour, dash)``; values above `cap` (including ∞)
    are drawn at the cap, whose tick reads "∞". Each ``(label, p, value, colour)`` of
    `minima` is a diamond marker.
    """
    data = []
    for label, values, colour, dash in curves:
        values = np.asarray(values, dtype=float)
        data.append({
            "type": "scatter", "x": p, "y": np.minimum(values, cap), "mode": "lines",
            "name": label, "line": {"color": colour, "dash": dash, "width": style.LINE_WIDTH},
            "customdata": np.where(np.isinf(values), "∞", np.char.mod("%.3f", values)).tolist(),
            "hovertemplate": f"{label}<br>p = %{{x:.3f}}<br>%{{customdata}}<extra></extra>",
        })  # fmt: skip
    seen = set()
    for label, px, value, colour in minima:
        data.append({
            "type": "scatter", "x": [px], "y": [value], "mode": "markers", "name": label,
            "showlegend": label not in seen,
            "marker": {"color": colour, "size": 13, "symbol": "diamond"},
            "hovertemplate": f"{label}<br>p = {px:.3f}<br>{value:.3f}<extra></extra>",
        })  # fmt: skip
        seen.add(label)
    ticks = list(np.arange(0, cap, 1.0))
    layout = _layout(title=title, x_title=x_title, y_title=y_title, height=420, rows=2)
    layout["yaxis"].update(
        range=[0, cap * 1.04], tickvals=[*ticks, cap], ticktext=[f"{t:g}" for t in ticks] + ["∞"]
    )
    layout["xaxis"]["range"] = [0, 1]
    return _figure(data, layout)


def classifiers(
    X: np.ndarray,
    y: np.ndarray,
    panels: Sequence[dict],
    *,
    class_labels: tuple[str, str],
    moved_label: str,
    title: str,
    x_title: str,
    y_title: str,
    box: tuple[float, float, float, float],
) -> go.Figure:
    """Side-by-side panels of the same points, one per classifier.

    Each panel dict has ``title``, ``loss`` (a key of :data:`LOSS_STYLE`), ``pull`` (per
    point, in [0, 1]: drawn as marker size, with the value in the hover), ``boundary``
    ``(xs, ys)`` (a solid line) and ``margins`` (a list of ``(xs, ys)``, dashed).
    Points with zero pull are drawn small and faded: the loss ignores them. The last
    point (the one the user moves) gets a black ring.
    """
    cols = len(panels)
    gap = 0.2 / cols  # make_subplots' default spacing
    width = (1 - gap * (cols - 1)) / cols
    data = []
    layout = _layout(title=title, x_title=x_title, y_title=y_title, height=470, rows=2)
    layout["legend"]["y"] = 1.09  # above the panel titles
    layout["annotations"] = []
    for col, panel in enumerate(panels, start=1):
        axis = "" if col == 1 else str(col)
        lo = (width + gap) * (col - 1)
        layout[f"xaxis{axis}"] = {
            "title": {"text": x_title}, "showgrid": True, "zeroline": False,
            "anchor": f"y{axis}", "domain": [lo, lo + width], "range": [box[0], box[1]],
            "constrain": "domain",
        }  # fmt: skip
        layout[f"yaxis{axis}"] = {
            "title": {"text": y_title}, "showgrid": True, "zeroline": True,
            "anchor": f"x{axis}", "domain": [0.0, 1.0], "range": [box[2], box[3]],
        }  # fmt: skip
        layout["annotations"].append({
            "font": {"size": 16}, "showarrow": False, "text": panel["title"],
            "x": lo + width / 2, "xanchor": "center", "xref": "paper",
            "y": 1.0, "yanchor": "bottom", "yref": "paper",
        })  # fmt: skip
        on = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
        pull = np.asarray(panel["pull"], dtype=float)
        size = 6 + 22 * np.sqrt(pull)
        for cls, label, colour, symbol in (
            (1.0, class_labels[0], style.P, "circle"),
            (-1.0, class_labels[1], NEGATIVE, "square-open"),
        ):
            mask = y == cls
            data.append({
                "type": "scatter", "x": X[mask, 0], "y": X[mask, 1], "mode": "markers",
                "name": label, "legendgroup": label, "showlegend": col == 1,
                "marker": {
                    "color": colour, "symbol": symbol, "size": size[mask],
                    "opacity": np.where(pull[mask] > 0, 1.0, 0.35).tolist(),
                    "line": {"width": 2, "color": colour},
                },
                "customdata": pull[mask],
                "hovertemplate": "(%{x:.2f}, %{y:.2f})<br>pull %{customdata:.3f}<extra></extra>",
                **on,
            })  # fmt: skip
        data.append({
            "type": "scatter", "x": X[-1:, 0], "y": X[-1:, 1], "mode": "markers",
            "name": moved_label, "showlegend": col == 1,
            "marker": {"size": 34, "symbol": "circle-open", "color": "#000000",
                       "line": {"width": 2}},
            "hoverinfo": "skip", **on,
        })  # fmt: skip
        colour = LOSS_STYLE[panel["loss"]][0]
        xs, ys = panel["boundary"]
        data.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines", "name": panel["title"],
            "line": {"color": colour, "width": style.LINE_WIDTH + 1}, **on,
        })  # fmt: skip
        for xs, ys in panel.get("margins", []):
            data.append({
                "type": "scatter", "x": xs, "y": ys, "mode": "lines", "showlegend": False,
                "line": {"color": colour, "width": 2, "dash": "dash"}, "hoverinfo": "skip",
                **on,
            })  # fmt: skip
    return _figure(data, layout)
