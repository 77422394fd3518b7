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
from plotly.subplots import make_subplots

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
    """Frames travel to the browser as JSON: float32-rounded lists keep them small."""
    return np.round(np.asarray(values, dtype=np.float32), 4).tolist()


def _top_legend(fig: go.Figure, rows: int) -> None:
    """Title at the very top, the legend (`rows` lines) between it and the plot area."""
    fig.update_layout(
        title={"yref": "container", "y": 0.985, "yanchor": "top"},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        margin={"t": 48 + 24 * rows},
    )


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
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1)
    index = {}
    for name, label, loss, pull in curves:
        index[name] = len(fig.data)
        for col, values, show in ((1, loss, True), (2, pull, False)):
            fig.add_scatter(
                x=r,
                y=_short(values),
                mode="lines",
                name=label,
                legendgroup=name,
                showlegend=show,
                line=_line(name),
                hovertemplate=f"{label}<br>r = %{{x:.2f}}<br>%{{y:.3f}}<extra></extra>",
                row=1,
                col=col,
            )
    style.base_layout(fig, title=title, x_title=x_title, y_title="", height=420)
    fig.update_xaxes(title_text=x_title, zeroline=True)
    fig.update_yaxes(title_text=loss_title, row=1, col=1, rangemode="tozero")
    fig.update_yaxes(title_text=grad_title, row=1, col=2)
    _top_legend(fig, 1)
    if scrub is not None and scrub[0] in index:
        name, names, frames, active, label = scrub
        i = index[name]
        fig.frames = [
            go.Frame(
                name=n,
                traces=[i, i + 1],
                data=[go.Scatter(y=_short(loss)), go.Scatter(y=_short(pull))],
            )
            for n, (loss, pull) in zip(names, frames)
        ]
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
    fig = go.Figure()
    fig.add_scatter(x=r, y=huber, mode="lines", name=labels[0], line=_line("huber"))
    fig.add_scatter(
        x=r,
        y=smooth_l1,
        mode="lines",
        name=labels[2],
        line={**_line("smooth_l1"), "dash": "solid", "width": 6},
        opacity=0.5,
    )
    step = max(1, len(r) // 40)
    fig.add_scatter(
        x=r[::step],
        y=huber_over_beta[::step],
        mode="markers",
        name=labels[1],
        marker={"color": LOSS_STYLE["huber"][0], "size": 7, "symbol": "x"},
    )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=360)
    fig.update_yaxes(rangemode="tozero")
    _top_legend(fig, 1)
    return fig


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
    fig = go.Figure()
    mask = np.arange(len(x)) != outlier_index
    fig.add_scatter(
        x=x[mask],
        y=y[mask],
        mode="markers",
        name=labels[0],
        marker={"color": style.P, "size": 12},
        hovertemplate="x = %{x}<br>y = %{y:.2f}<extra></extra>",
    )
    fig.add_scatter(
        x=[x[outlier_index]],
        y=[y[outlier_index]],
        mode="markers",
        name=labels[1],
        marker={"color": style.P, "size": 20, "symbol": "circle-open", "line": {"width": 4}},
        hovertemplate="x = %{x}<br>y = %{y:.2f}<extra></extra>",
    )
    x_span = np.array([x.min() - 0.5, x.max() + 0.5])
    if lines:
        for name, label, a, b in lines:
            fig.add_scatter(x=x_span, y=a + b * x_span, mode="lines", name=label, line=_line(name))
    else:
        for i, (name, label, c) in enumerate(estimates):  # wide first: equal values stay visible
            fig.add_scatter(
                x=x_span,
                y=[c, c],
                mode="lines",
                name=label,
                line={**_line(name), "width": 2 + 1.5 * (len(estimates) - 1 - i)},
                hovertemplate=f"{label}: {c:.3f}<extra></extra>",
            )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=460)
    _top_legend(fig, 3)
    return fig


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
    fig = go.Figure()
    for name, label, value in references:
        fig.add_scatter(
            x=[deltas[0], deltas[-1]], y=[value, value], mode="lines", name=label, line=_line(name)
        )
    fig.add_scatter(
        x=deltas, y=path, mode="lines", name=point_label.split("(")[0], showlegend=False,
        line=_line("huber"), hovertemplate="δ = %{x:.2f}<br>%{y:.3f}<extra></extra>",
    )  # fmt: skip
    fig.add_scatter(
        x=[delta],
        y=[estimate],
        mode="markers",
        name=point_label,
        marker={
            "color": LOSS_STYLE["huber"][0],
            "size": 14,
            "line": {"color": "white", "width": 2},
        },
    )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=460)
    fig.update_xaxes(type="log", tickvals=[0.1, 0.3, 1, 3, 10, 30])
    _top_legend(fig, 3)
    return fig


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
    fig = go.Figure()
    index = {}
    for name, label, values in curves:
        index[name] = len(fig.data)
        fig.add_scatter(
            x=m,
            y=_short(values),
            mode="lines",
            name=label,
            line=_line(name),
            line_shape="hv" if name == "zero_one" else "linear",
            hovertemplate=f"{label}<br>y·s = %{{x:.2f}}<br>%{{y:.3f}}<extra></extra>",
        )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=430)
    fig.update_yaxes(range=[0, y_max])
    _top_legend(fig, 2)
    fig.update_xaxes(zeroline=True)
    if scrub is not None and scrub[0] in index:
        name, names, frames, active, label = scrub
        fig.frames = [
            go.Frame(name=n, traces=[index[name]], data=[go.Scatter(y=_short(v))])
            for n, v in zip(names, frames)
        ]
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
    fig = go.Figure()
    for label, values, colour, dash in curves:
        values = np.asarray(values, dtype=float)
        fig.add_scatter(
            x=p,
            y=np.minimum(values, cap),
            mode="lines",
            name=label,
            line={"color": colour, "dash": dash, "width": style.LINE_WIDTH},
            customdata=["∞" if np.isinf(v) else f"{v:.3f}" for v in values],
            hovertemplate=f"{label}<br>p = %{{x:.3f}}<br>%{{customdata}}<extra></extra>",
        )
    seen = set()
    for label, px, value, colour in minima:
        fig.add_scatter(
            x=[px],
            y=[value],
            mode="markers",
            name=label,
            showlegend=label not in seen,
            marker={"color": colour, "size": 13, "symbol": "diamond"},
            hovertemplate=f"{label}<br>p = {px:.3f}<br>{value:.3f}<extra></extra>",
        )
        seen.add(label)
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=420)
    _top_legend(fig, 2)
    ticks = list(np.arange(0, cap, 1.0))
    fig.update_yaxes(
        range=[0, cap * 1.04],
        tickvals=[*ticks, cap],
        ticktext=[f"{t:g}" for t in ticks] + ["∞"],
    )
    fig.update_xaxes(range=[0, 1])
    return fig


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
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[p["title"] for p in panels])
    for col, panel in enumerate(panels, start=1):
        pull = np.asarray(panel["pull"], dtype=float)
        size = 6 + 22 * np.sqrt(pull)
        for cls, label, colour, symbol in (
            (1.0, class_labels[0], style.P, "circle"),
            (-1.0, class_labels[1], NEGATIVE, "square-open"),
        ):
            mask = y == cls
            fig.add_scatter(
                x=X[mask, 0],
                y=X[mask, 1],
                mode="markers",
                name=label,
                legendgroup=label,
                showlegend=col == 1,
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "size": size[mask],
                    "opacity": np.where(pull[mask] > 0, 1.0, 0.35).tolist(),
                    "line": {"width": 2, "color": colour},
                },
                customdata=pull[mask],
                hovertemplate="(%{x:.2f}, %{y:.2f})<br>pull %{customdata:.3f}<extra></extra>",
                row=1,
                col=col,
            )
        fig.add_scatter(
            x=X[-1:, 0],
            y=X[-1:, 1],
            mode="markers",
            name=moved_label,
            showlegend=col == 1,
            marker={"size": 34, "symbol": "circle-open", "color": "#000000", "line": {"width": 2}},
            hoverinfo="skip",
            row=1,
            col=col,
        )
        colour = LOSS_STYLE[panel["loss"]][0]
        xs, ys = panel["boundary"]
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            name=panel["title"],
            line={"color": colour, "width": style.LINE_WIDTH + 1},
            row=1,
            col=col,
        )
        for xs, ys in panel.get("margins", []):
            fig.add_scatter(
                x=xs,
                y=ys,
                mode="lines",
                showlegend=False,
                line={"color": colour, "width": 2, "dash": "dash"},
                hoverinfo="skip",
                row=1,
                col=col,
            )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=470)
    fig.update_xaxes(range=[box[0], box[1]], title_text=x_title, constrain="domain")
    fig.update_yaxes(range=[box[2], box[3]], title_text=y_title)
    _top_legend(fig, 2)
    fig.update_layout(legend_y=1.09)  # above the panel titles
    return fig
