"""Charts of the lesson MSE vs cross-entropy: losses, gradient factors, the race, surfaces.

One colour per loss on every chart: MSE is orange (``style.FIFTH``), cross-entropy
blue (``style.Q``); the label / target is vermillion (``style.P``). Scrubbable
figures carry one precomputed ``go.Frame`` per value and a slider that animates
between them in the browser (no server round trip). Builders take the lesson's
translated strings as `names` (keys of ``locales/<lang>/mse_vs_ce.json``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lossviz.charts import style
from lossviz.neuron import Factors, LossView, Race, SoftmaxView, Surface

MSE_COLOUR = style.FIFTH
CE_COLOUR = style.Q
INSTANT = {
    "frame": {"duration": 0, "redraw": False},
    "mode": "immediate",
    "transition": {"duration": 0},
}


def _scrubber(
    fig: go.Figure, frames: Sequence[str], active: int, prefix: str, names: Mapping[str, str]
) -> None:
    """A slider over the named `frames` and a Play/Pause menu, all run in the browser."""
    steps = [{"method": "animate", "label": f, "args": [[f], INSTANT]} for f in frames]
    play = {**INSTANT, "frame": {"duration": 80, "redraw": False}}
    fig.update_layout(
        sliders=[
            {
                "active": active,
                "steps": steps,
                "currentvalue": {"prefix": prefix, "font": {"size": 15}, "xanchor": "left"},
                "pad": {"t": 75, "l": 0},
                "len": 0.78,
                "x": 0.22,
                "y": 0,
                "yanchor": "top",
            }
        ],
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "showactive": False,
                "x": 0.0,
                "xanchor": "left",
                "y": 0,
                "yanchor": "top",
                "pad": {"t": 95},
                "buttons": [
                    {"label": "▶ " + names["play"], "method": "animate", "args": [None, play]},
                    {
                        "label": "❚❚ " + names["pause"],
                        "method": "animate",
                        "args": [[None], INSTANT],
                    },
                ],
            }
        ],
    )


def _legend_above(fig: go.Figure, *, top: int, bottom: int = 55, y: float = 1.08) -> None:
    """Put the legend above the subplot titles (left-aligned), so it never covers them."""
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": y, "yanchor": "bottom"},
        margin={"l": 60, "r": 20, "t": top, "b": bottom},
    )


def _point(x: float, y: float, colour: str, name: str, symbol: str = "circle") -> go.Scatter:
    return go.Scatter(
        x=[x],
        y=[y],
        mode="markers",
        name=name,
        showlegend=False,
        marker={
            "color": colour,
            "size": 14,
            "symbol": symbol,
            "line": {"color": "white", "width": 2},
        },
        hovertemplate="%{x:.3f}, %{y:.3f}<extra>" + name + "</extra>",
    )


def _capped(values: np.ndarray, cap: float) -> np.ndarray:
    """Draw +inf far above the axis (the curve leaves the top); the maths keeps ∞."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isinf(values), 10 * cap, values)


def loss_and_gradient(view: LossView, *, names: Mapping[str, str], y_cap: float = 8.5) -> go.Figure:
    """Left: both losses against a or z (lines); right: both gradients ∂L/∂z against z.

    The current point is a marker on each of the four curves; the figure has one
    frame per value of ``view.scrub["z"]`` and opens at ``view.active``. Infinite
    losses are drawn far above `y_cap`, the top of the axis, so the curve visibly
    leaves the chart (the caller's note says ∞). `names` holds the translated
    ``mse``, ``ce``, ``title_loss``, ``title_grad``, ``x_title``, ``x_z``, ``y_loss``,
    ``y_grad``, ``scrub_prefix``, ``play`` and ``pause``.
    """
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(names["title_loss"], names["title_grad"]),
        horizontal_spacing=0.1,
    )
    panels = [
        (view.x, _capped(view.mse, y_cap), _capped(view.ce, y_cap)),
        (view.z, view.mse_grad, view.ce_grad),
    ]
    for col, (xs, mse, ce) in enumerate(panels, start=1):
        for values, colour, name in ((mse, MSE_COLOUR, names["mse"]), (ce, CE_COLOUR, names["ce"])):
            fig.add_scatter(
                x=xs,
                y=values,
                mode="lines",
                name=name,
                legendgroup=name,
                showlegend=col == 1,
                line={"color": colour, "width": style.LINE_WIDTH},
                hovertemplate="%{x:.3f}, %{y:.4f}<extra>" + name + "</extra>",
                row=1,
                col=col,
            )
    for x_inf in np.asarray(view.x)[np.isinf(view.ce)][:1]:  # where the maths says ∞
        fig.add_annotation(
            x=x_inf, y=y_cap, text="∞", showarrow=False, xanchor="left", yanchor="top",
            font={"size": 20, "color": CE_COLOUR}, xshift=6, row=1, col=1,
        )  # fmt: skip
    s = view.scrub
    points = [
        (s["x"], s["mse"], MSE_COLOUR, names["mse"], 1),
        (s["x"], s["ce"], CE_COLOUR, names["ce"], 1),
        (s["z"], s["mse_grad"], MSE_COLOUR, names["mse"], 2),
        (s["z"], s["ce_grad"], CE_COLOUR, names["ce"], 2),
    ]
    for xs, ys, colour, name, col in points:
        fig.add_trace(_point(xs[view.active], ys[view.active], colour, name), row=1, col=col)
    first = len(fig.data) - len(points)
    frame_names = [f"{z:.2f}" for z in s["z"]]
    fig.frames = [
        go.Frame(
            name=frame_names[k],
            data=[go.Scatter(x=[xs[k]], y=[ys[k]]) for xs, ys, *_ in points],
            traces=list(range(first, first + len(points))),
        )
        for k in range(len(frame_names))
    ]
    _scrubber(fig, frame_names, view.active, names["scrub_prefix"], names)
    style.base_layout(fig, title="", x_title="", y_title="", height=520)
    _legend_above(fig, top=100, bottom=150, y=1.1)
    fig.update_xaxes(title_text=names["x_title"], row=1, col=1)
    fig.update_xaxes(title_text=names["x_z"], row=1, col=2)
    fig.update_yaxes(title_text=names["y_loss"], range=[0, y_cap], row=1, col=1)
    fig.update_yaxes(title_text=names["y_grad"], range=[-1.08, 1.08], row=1, col=2)
    return fig


def factor_bars(f: Factors, *, names: Mapping[str, str]) -> go.Figure:
    """Horizontal bars: the size |·| of each factor of ∂L/∂z (log axis), signed values as labels.

    One group per factor (∂L/∂a, σ'(z), ∂L/∂z), one bar per loss. On a log axis a
    product is a sum of lengths: MSE's ∂L/∂z is short when σ'(z) is, while
    cross-entropy's ∂L/∂a grows exactly as σ'(z) shrinks and the two cancel.
    `names`: ``mse``, ``ce``, ``factor_da``, ``factor_slope``, ``factor_dz``,
    ``factors_title``, ``factors_x``.
    """
    factor_names = [names["factor_da"], names["factor_slope"], names["factor_dz"]]
    fig = go.Figure()
    for values, colour, name in (
        ([f.mse_da, f.sigmoid_slope, f.mse_dz], MSE_COLOUR, names["mse"]),
        ([f.ce_da, f.sigmoid_slope, f.ce_dz], CE_COLOUR, names["ce"]),
    ):
        values = np.asarray(values, dtype=float)
        fig.add_bar(
            y=factor_names,
            x=np.abs(values),
            orientation="h",
            name=name,
            marker_color=colour,
            text=[f"{v:.4g}" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra>" + name + "</extra>",
        )
    style.base_layout(
        fig, title=names["factors_title"], x_title=names["factors_x"], y_title="", height=340
    )
    fig.update_layout(barmode="group", margin={"l": 140, "r": 70, "t": 90, "b": 55})
    fig.update_xaxes(type="log", exponentformat="power")
    fig.update_yaxes(autorange="reversed", zeroline=False)
    return fig


def softmax_bars(
    classes: Sequence[str], view: SoftmaxView, *, names: Mapping[str, str]
) -> go.Figure:
    """Left: the one-hot label and the softmax probabilities per class (grouped bars).

    Right: the gradient of each loss with respect to each logit (grouped bars, MSE
    orange, cross-entropy blue). `names`: ``series_target``, ``series_softmax``,
    ``mse``, ``ce``, ``softmax_p_title``, ``softmax_grad_title``, ``class_axis``,
    ``probability``, ``gradient``.
    """
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(names["softmax_p_title"], names["softmax_grad_title"]),
        horizontal_spacing=0.1,
    )
    panels = [
        [
            (names["series_target"], view.target, style.P),
            (names["series_softmax"], view.p, style.Q),
        ],
        [(names["mse"], view.mse_grad, MSE_COLOUR), (names["ce"], view.ce_grad, CE_COLOUR)],
    ]
    for col, series in enumerate(panels, start=1):
        for name, values, colour in series:
            fig.add_bar(
                x=list(classes),
                y=values,
                name=name,
                marker_color=colour,
                text=[f"{v:.3f}" for v in values],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x}: %{y:.4f}<extra>" + name + "</extra>",
                legend="legend" if col == 1 else "legend2",  # one legend above each panel
                row=1,
                col=col,
            )
    style.base_layout(fig, title="", x_title="", y_title="", height=450)
    fig.update_layout(barmode="group")
    _legend_above(fig, top=110, y=1.12)
    fig.update_layout(legend2={**fig.layout.legend.to_plotly_json(), "x": 0.55})
    fig.update_layout(legend_font_size=14, legend2_font_size=14)
    fig.update_xaxes(title_text=names["class_axis"])
    fig.update_yaxes(title_text=names["probability"], range=[0, 1.15], row=1, col=1)
    fig.update_yaxes(title_text=names["gradient"], range=[-1.25, 1.25], row=1, col=2)
    return fig


def training_race(race: Race, *, names: Mapping[str, str]) -> go.Figure:
    """Top: each run's loss ÷ its starting loss against the epoch (lines).

    Bottom: the MSE and the cross-entropy surface of the one example over (w, b)
    (filled contours), both runs' paths (lines) and their positions at the scrubbed
    epoch (markers: circle MSE, diamond cross-entropy). One frame per epoch of
    ``race.frames``; the last is shown first. `names`: ``mse``, ``ce``, ``epoch``,
    ``title_race_loss``, ``title_race_mse``, ``title_race_ce``, ``y_norm``,
    ``surface``, ``epoch_prefix``, ``play``, ``pause``.
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        specs=[[{"colspan": 2}, None], [{}, {}]],
        subplot_titles=(names["title_race_loss"], names["title_race_mse"], names["title_race_ce"]),
        vertical_spacing=0.16,
        horizontal_spacing=0.1,
        row_heights=[0.42, 0.58],
    )
    epochs = np.arange(len(race.runs["mse"].loss))
    runs = [
        (race.runs["mse"], MSE_COLOUR, names["mse"], "circle"),
        (race.runs["ce"], CE_COLOUR, names["ce"], "diamond"),
    ]
    for run, colour, name, _ in runs:
        fig.add_scatter(
            x=epochs,
            y=run.loss / run.loss[0],
            customdata=run.loss,
            mode="lines",
            name=name,
            line={"color": colour, "width": style.LINE_WIDTH},
            hovertemplate=f"{names['epoch']} %{{x}}: %{{y:.3f}} (%{{customdata:.4f}})"
            f"<extra>{name}</extra>",
            row=1,
            col=1,
        )
    for col, (key, colour) in enumerate((("mse", MSE_COLOUR), ("ce", CE_COLOUR)), start=1):
        fig.add_trace(_contour(race.grid, race.surfaces[key], colour, names["surface"]), 2, col)
        for run, run_colour, name, _ in runs[::-1]:  # MSE's shorter path drawn over CE's
            fig.add_scatter(
                x=run.w,
                y=run.b,
                mode="lines",
                name=name,
                showlegend=False,
                line={"color": run_colour, "width": 6 if run_colour == CE_COLOUR else 2.5},
                hovertemplate="w %{x:.2f}, b %{y:.2f}<extra>" + name + "</extra>",
                row=2,
                col=col,
            )
    placements = [(epochs, r.loss / r.loss[0], c, n, m, 1, 1) for r, c, n, m in runs]
    placements += [(r.w, r.b, c, n, m, 2, col) for col in (1, 2) for r, c, n, m in runs]
    first, last = len(fig.data), race.frames[-1]
    for xs, ys, colour, name, symbol, row, col in placements:
        fig.add_trace(_point(xs[last], ys[last], colour, name, symbol), row=row, col=col)
    frame_names = [str(int(t)) for t in race.frames]
    fig.frames = [
        go.Frame(
            name=label,
            data=[go.Scatter(x=[xs[t]], y=[ys[t]]) for xs, ys, *_ in placements],
            traces=list(range(first, first + len(placements))),
        )
        for label, t in zip(frame_names, race.frames)
    ]
    _scrubber(fig, frame_names, len(frame_names) - 1, names["epoch_prefix"], names)
    style.base_layout(fig, title="", x_title="", y_title="", height=830)
    _legend_above(fig, top=100, bottom=150, y=1.06)
    fig.update_xaxes(title_text=names["epoch"], row=1, col=1)
    fig.update_yaxes(title_text=names["y_norm"], range=[0, 1.05], row=1, col=1)
    for col in (1, 2):
        fig.update_xaxes(title_text="w", range=[race.grid[0], race.grid[-1]], row=2, col=col)
        fig.update_yaxes(title_text="b", range=[race.grid[0], race.grid[-1]], row=2, col=col)
    return fig


def _contour(grid: np.ndarray, values: np.ndarray, colour: str, name: str) -> go.Contour:
    """Filled contours from white (low) to the loss's colour (high), without a colour bar."""
    return go.Contour(
        x=grid,
        y=grid,
        z=np.asarray(values, dtype=np.float32),  # half the bytes; plenty for a contour
        colorscale=[[0, "white"], [1, colour]],
        showscale=False,
        ncontours=16,
        line={"width": 0.6, "color": "rgba(0,0,0,0.35)"},
        hovertemplate="w %{x:.2f}, b %{y:.2f}: %{z:.3f}<extra></extra>",
        name=name,
        showlegend=False,
    )


def convexity_surfaces(
    grid: np.ndarray, surfaces: Mapping[str, Surface], *, names: Mapping[str, str]
) -> go.Figure:
    """One panel per loss surface over (w, b) on the axis `grid`.

    Filled contours of the loss (blue for cross-entropy, orange for MSE), grey
    shading where the smallest Hessian eigenvalue is negative, and a star at the
    minimum. `names`: ``surface_<kind>``, ``surface``, ``negative``, ``minimum``.
    """
    kinds = list(surfaces)
    fig = make_subplots(
        rows=1,
        cols=len(kinds),
        subplot_titles=[names[f"surface_{k}"] for k in kinds],
        horizontal_spacing=0.06,
    )
    for col, kind in enumerate(kinds, start=1):
        s = surfaces[kind]
        colour = CE_COLOUR if kind == "ce" else MSE_COLOUR
        fig.add_trace(_contour(grid, s.loss, colour, names["surface"]), row=1, col=col)
        fig.add_trace(
            go.Contour(  # plotly fills where the constraint fails: here λ_min < 0
                x=grid,
                y=grid,
                z=np.asarray(s.lam_min, dtype=np.float32),
                contours={"type": "constraint", "operation": ">", "value": 0},
                fillcolor="rgba(60,60,60,0.35)",
                line={"color": "rgba(40,40,40,0.9)", "width": 1.5},
                hoverinfo="skip",
                name=names["negative"],
                showlegend=col == 2,
            ),
            row=1,
            col=col,
        )
        fig.add_scatter(
            x=[s.minimum[0]],
            y=[s.minimum[1]],
            mode="markers",
            name=names["minimum"],
            showlegend=col == 1,
            marker={"symbol": "star", "size": 17, "color": style.P, "line": {"color": "white"}},
            hovertemplate="w %{x:.2f}, b %{y:.2f}<extra>" + names["minimum"] + "</extra>",
            row=1,
            col=col,
        )
        fig.update_xaxes(range=[grid[0], grid[-1]], row=1, col=col)
        fig.update_yaxes(range=[grid[0], grid[-1]], row=1, col=col)
    style.base_layout(fig, title="", x_title="", y_title="", height=470)
    _legend_above(fig, top=110, y=1.12)
    fig.update_xaxes(title_text="w")
    fig.update_yaxes(title_text="b", row=1, col=1)
    return fig
