"""Charts of the lesson MSE vs cross-entropy: losses, gradient factors, the race, surfaces.

One colour per loss on every chart: MSE is orange (``style.FIFTH``), cross-entropy
blue (``style.Q``); the label / target is vermillion (``style.P``). Scrubbable
figures carry one precomputed frame per value and a slider that animates
between them in the browser (no server round trip). Builders take the lesson's
translated strings as `names` (keys of ``locales/<lang>/mse_vs_ce.json``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from lossviz.charts import style
from lossviz.neuron import Factors, LossView, Race, SoftmaxView, Surface

MSE_COLOUR = style.FIFTH
CE_COLOUR = style.Q

# Every figure here is built from plain dicts in one go, without plotly's per-property
# validation (it cost most of a rerun: ~90 % of the page's server time). The tests
# check the specs (traces, frames, slider steps) instead.


_figure = style.spec_figure


def _title(text: str, x: float, y: float) -> dict:
    """A subplot title, as ``make_subplots`` places it: centred above its panel."""
    return {
        "font": {"size": 16}, "showarrow": False, "text": text, "x": x, "xanchor": "center",
        "xref": "paper", "y": y, "yanchor": "bottom", "yref": "paper",
    }  # fmt: skip


def _grid(titles: Sequence[str], rows: int, cols: int, spacing: float) -> dict:
    """The axes domains and subplot titles of ``make_subplots``, as a plain dict.

    One row of `cols` panels `spacing` apart, or (``rows=2``, the race) one panel
    across the top (42 % of the height) over two panels, 0.16 apart vertically: the
    same numbers ``make_subplots`` computes, without building a figure to get them.
    """
    width = (1 - spacing * (cols - 1)) / cols
    columns = [[c * (width + spacing), c * (width + spacing) + width] for c in range(cols)]
    if rows == 2:
        bottom = 0.58 * (1 - 0.16)  # row_heights [0.42, 0.58], vertical_spacing 0.16
        cells = [([0.0, 1.0], [bottom + 0.16, 1.0])] + [(x, [0.0, bottom]) for x in columns]
    else:
        cells = [(x, [0.0, 1.0]) for x in columns]
    layout: dict = {"annotations": []}
    for i, (text, (x, y)) in enumerate(zip(titles, cells), start=1):
        k = "" if i == 1 else str(i)
        layout["xaxis" + k] = {"anchor": "y" + k, "domain": x}
        layout["yaxis" + k] = {"anchor": "x" + k, "domain": y}
        layout["annotations"].append(_title(text, (x[0] + x[1]) / 2, y[1]))
    return layout


def _layout(
    titles: Sequence[str],
    *,
    rows: int = 1,
    cols: int = 2,
    spacing: float = 0.1,
    height: int,
    top: int,
    bottom: int = 55,
    legend_y: float,
    axes: Mapping[str, dict],
    **more: object,
) -> dict:
    """The shared look (``style.base_layout``) with the legend above the subplot titles."""
    grid = _grid(titles, rows, cols, spacing)
    for name in [k for k in grid if k.startswith(("xaxis", "yaxis"))]:
        shared = {"title": {"text": ""}, "showgrid": True, "zeroline": name.startswith("y")}
        grid[name] = {**grid[name], **shared, **axes.get(name, {})}
    return {
        **grid,
        "title": {"text": "", "x": 0, "xanchor": "left"},
        "font": style.FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": top, "b": bottom},
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": legend_y,
                   "yanchor": "bottom"},
        "hoverlabel": {"font": {"size": 14}},
        "colorway": list(style.SEQUENCE),
        **more,
    }  # fmt: skip


def _axis(title: str, **more: object) -> dict:
    return {"title": {"text": title}, **more}


def _scrubber(
    frames: Sequence[str], active: int, prefix: str, names: Mapping[str, str]
) -> dict[str, list[dict]]:
    """Layout entries: a slider over the named `frames` and Play/Pause, run in the browser."""
    return style.scrubber(
        frames,
        prefix=prefix,
        active=active,
        play="▶ " + names["play"],
        pause="❚❚ " + names["pause"],
        frame_ms=80,
        top=85,  # below the axis title, however large (projector mode)
    )


def _point(
    x: float, y: float, colour: str, name: str, symbol: str = "circle", axes: str = ""
) -> dict:
    return {
        "type": "scatter",
        "x": [float(x)],
        "y": [float(y)],
        "mode": "markers",
        "name": name,
        "showlegend": False,
        "marker": {
            "color": colour,
            "size": 14,
            "symbol": symbol,
            "line": {"color": "white", "width": 2},
        },
        "hovertemplate": "%{x:.3f}, %{y:.3f}<extra>" + name + "</extra>",
        "xaxis": "x" + axes,
        "yaxis": "y" + axes,
    }


def _frames(names: Sequence[str], indices: Sequence[int], series: list, first: int) -> list[dict]:
    """One frame per name: the markers of `series` (pairs of xs, ys) at each index."""
    traces = list(range(first, first + len(series)))
    columns = [(np.asarray(xs).tolist(), np.asarray(ys).tolist()) for xs, ys in series]
    return [
        {
            "name": name,
            "data": [{"type": "scatter", "x": [xs[k]], "y": [ys[k]]} for xs, ys in columns],
            "traces": traces,
        }
        for name, k in zip(names, indices)
    ]


def _f32(values: np.ndarray) -> np.ndarray:
    """Half the bytes of float64; plenty for a line or a contour on screen."""
    return np.asarray(values, dtype=np.float32)


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
    panels = [
        ("", view.x, _capped(view.mse, y_cap), _capped(view.ce, y_cap)),
        ("2", view.z, view.mse_grad, view.ce_grad),
    ]
    data = []
    for axes, xs, mse, ce in panels:
        for values, colour, name in ((mse, MSE_COLOUR, names["mse"]), (ce, CE_COLOUR, names["ce"])):
            data.append(
                {
                    "type": "scatter",
                    "x": _f32(xs),
                    "y": _f32(values),
                    "mode": "lines",
                    "name": name,
                    "legendgroup": name,
                    "showlegend": axes == "",
                    "line": {"color": colour, "width": style.LINE_WIDTH},
                    "hovertemplate": "%{x:.3f}, %{y:.4f}<extra>" + name + "</extra>",
                    "xaxis": "x" + axes,
                    "yaxis": "y" + axes,
                }
            )
    annotations = [
        {"x": float(x_inf), "y": y_cap, "text": "∞", "showarrow": False, "xanchor": "left",
         "yanchor": "top", "font": {"size": 20, "color": CE_COLOUR}, "xshift": 6,
         "xref": "x", "yref": "y"}
        for x_inf in np.asarray(view.x)[np.isinf(view.ce)][:1]  # where the maths says ∞
    ]  # fmt: skip
    s = view.scrub
    points = [
        (s["x"], s["mse"], MSE_COLOUR, names["mse"], ""),
        (s["x"], s["ce"], CE_COLOUR, names["ce"], ""),
        (s["z"], s["mse_grad"], MSE_COLOUR, names["mse"], "2"),
        (s["z"], s["ce_grad"], CE_COLOUR, names["ce"], "2"),
    ]
    first = len(data)
    for xs, ys, colour, name, axes in points:
        data.append(_point(xs[view.active], ys[view.active], colour, name, axes=axes))
    frame_names = [f"{z:.2f}" for z in s["z"]]
    frames = _frames(frame_names, range(len(frame_names)), [p[:2] for p in points], first)
    layout = _layout(
        (names["title_loss"], names["title_grad"]),
        height=535,
        top=100,
        bottom=165,
        legend_y=1.1,
        axes={
            "xaxis": _axis(names["x_title"]),
            "xaxis2": _axis(names["x_z"]),
            "yaxis": _axis(names["y_loss"], range=[0, y_cap]),
            "yaxis2": _axis(names["y_grad"], range=[-1.08, 1.08]),
        },
        **_scrubber(frame_names, view.active, names["scrub_prefix"], names),
    )
    layout["annotations"] = layout["annotations"] + annotations
    return _figure(data, layout, frames)


def factor_bars(f: Factors, *, names: Mapping[str, str]) -> go.Figure:
    """Horizontal bars: the size |·| of each factor of ∂L/∂z (log axis), signed values as labels.

    One group per factor (∂L/∂a, σ'(z), ∂L/∂z), one bar per loss. On a log axis a
    product is a sum of lengths: MSE's ∂L/∂z is short when σ'(z) is, while
    cross-entropy's ∂L/∂a grows exactly as σ'(z) shrinks and the two cancel.
    `names`: ``mse``, ``ce``, ``factor_da``, ``factor_slope``, ``factor_dz``,
    ``factors_title``, ``factors_x``.
    """
    factor_names = [names["factor_da"], names["factor_slope"], names["factor_dz"]]
    data = []
    for values, colour, name in (
        ([f.mse_da, f.sigmoid_slope, f.mse_dz], MSE_COLOUR, names["mse"]),
        ([f.ce_da, f.sigmoid_slope, f.ce_dz], CE_COLOUR, names["ce"]),
    ):
        values = np.asarray(values, dtype=float)
        data.append(
            {
                "type": "bar",
                "y": factor_names,
                "x": np.abs(values).tolist(),
                "orientation": "h",
                "name": name,
                "marker": {"color": colour},
                "text": [f"{v:.4g}" for v in values],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{text}<extra>" + name + "</extra>",
            }
        )
    layout = {
        "title": {"text": names["factors_title"], "x": 0, "xanchor": "left"},
        "font": style.FONT,
        "height": 340,
        "margin": {"l": 140, "r": 70, "t": 90, "b": 55},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        "hoverlabel": {"font": {"size": 14}},
        "colorway": list(style.SEQUENCE),
        "barmode": "group",
        "xaxis": {"title": {"text": names["factors_x"]}, "showgrid": True, "zeroline": False,
                  "type": "log", "exponentformat": "power"},
        "yaxis": {"title": {"text": ""}, "showgrid": True, "zeroline": False,
                  "autorange": "reversed"},
    }  # fmt: skip
    return _figure(data, layout)


def softmax_bars(
    classes: Sequence[str], view: SoftmaxView, *, names: Mapping[str, str]
) -> go.Figure:
    """Left: the one-hot label and the softmax probabilities per class (grouped bars).

    Right: the gradient of each loss with respect to each logit (grouped bars, MSE
    orange, cross-entropy blue). `names`: ``series_target``, ``series_softmax``,
    ``mse``, ``ce``, ``softmax_p_title``, ``softmax_grad_title``, ``class_axis``,
    ``probability``, ``gradient``.
    """
    panels = [
        ("", "legend", [(names["series_target"], view.target, style.P),
                        (names["series_softmax"], view.p, style.Q)]),
        ("2", "legend2", [(names["mse"], view.mse_grad, MSE_COLOUR),
                          (names["ce"], view.ce_grad, CE_COLOUR)]),
    ]  # fmt: skip
    data = [
        {
            "type": "bar",
            "x": list(classes),
            "y": np.asarray(values, dtype=float).tolist(),
            "name": name,
            "marker": {"color": colour},
            "text": [f"{v:.3f}" for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{x}: %{y:.4f}<extra>" + name + "</extra>",
            "legend": legend,  # one legend above each panel
            "xaxis": "x" + axes,
            "yaxis": "y" + axes,
        }
        for axes, legend, series in panels
        for name, values, colour in series
    ]
    layout = _layout(
        (names["softmax_p_title"], names["softmax_grad_title"]),
        height=450,
        top=110,
        legend_y=1.12,
        axes={
            "xaxis": _axis(names["class_axis"]),
            "xaxis2": _axis(names["class_axis"]),
            "yaxis": _axis(names["probability"], range=[0, 1.15]),
            "yaxis2": _axis(names["gradient"], range=[-1.25, 1.25]),
        },
        barmode="group",
    )
    layout["legend"]["font"] = {"size": 14}
    layout["legend2"] = {**layout["legend"], "x": 0.55}
    return _figure(data, layout)


def training_race(race: Race, *, names: Mapping[str, str]) -> go.Figure:
    """Top: each run's loss ÷ its starting loss against the epoch (lines).

    Bottom: the MSE and the cross-entropy surface of the one example over (w, b)
    (filled contours), both runs' paths (lines) and their positions at the scrubbed
    epoch (markers: circle MSE, diamond cross-entropy). One frame per epoch of
    ``race.frames``; the last is shown first. `names`: ``mse``, ``ce``, ``epoch``,
    ``title_race_loss``, ``title_race_mse``, ``title_race_ce``, ``y_norm``,
    ``surface``, ``epoch_prefix``, ``play``, ``pause``.
    """
    epochs = np.arange(len(race.runs["mse"].loss), dtype=np.int32)
    runs = [
        (race.runs["mse"], MSE_COLOUR, names["mse"], "circle"),
        (race.runs["ce"], CE_COLOUR, names["ce"], "diamond"),
    ]
    data = [
        {
            "type": "scatter",
            "x": epochs,
            "y": _f32(run.loss / run.loss[0]),
            "customdata": _f32(run.loss),
            "mode": "lines",
            "name": name,
            "line": {"color": colour, "width": style.LINE_WIDTH},
            "hovertemplate": f"{names['epoch']} %{{x}}: %{{y:.3f}} (%{{customdata:.4f}})"
            f"<extra>{name}</extra>",
            "xaxis": "x",
            "yaxis": "y",
        }
        for run, colour, name, _ in runs
    ]
    for axes, (key, colour) in zip("23", (("mse", MSE_COLOUR), ("ce", CE_COLOUR))):
        data.append(_contour(race.grid, race.surfaces[key], colour, names["surface"], axes))
        for run, run_colour, name, _ in runs[::-1]:  # MSE's shorter path drawn over CE's
            data.append(
                {
                    "type": "scatter",
                    "x": _f32(run.w),
                    "y": _f32(run.b),
                    "mode": "lines",
                    "name": name,
                    "showlegend": False,
                    "line": {"color": run_colour, "width": 6 if run_colour == CE_COLOUR else 2.5},
                    "hovertemplate": "w %{x:.2f}, b %{y:.2f}<extra>" + name + "</extra>",
                    "xaxis": "x" + axes,
                    "yaxis": "y" + axes,
                }
            )
    placements = [(epochs, r.loss / r.loss[0], c, n, m, "") for r, c, n, m in runs]
    placements += [(r.w, r.b, c, n, m, axes) for axes in "23" for r, c, n, m in runs]
    first, last = len(data), race.frames[-1]
    for xs, ys, colour, name, symbol, axes in placements:
        data.append(_point(xs[last], ys[last], colour, name, symbol, axes))
    frame_names = [str(int(t)) for t in race.frames]
    frames = _frames(frame_names, race.frames, [p[:2] for p in placements], first)
    span = _axis("", range=[float(race.grid[0]), float(race.grid[-1])])
    layout = _layout(
        (names["title_race_loss"], names["title_race_mse"], names["title_race_ce"]),
        rows=2,
        height=845,
        top=100,
        bottom=165,
        legend_y=1.06,
        axes={
            "xaxis": _axis(names["epoch"]),
            "yaxis": _axis(names["y_norm"], range=[0, 1.05]),
            **{f"{xy}axis{k}": {**span, "title": {"text": xy.replace("x", "w").replace("y", "b")}}
               for xy in "xy" for k in "23"},
        },
        **_scrubber(frame_names, len(frame_names) - 1, names["epoch_prefix"], names),
    )  # fmt: skip
    return _figure(data, layout, frames)


def _contour(grid: np.ndarray, values: np.ndarray, colour: str, name: str, axes: str) -> dict:
    """Filled contours from white (low) to the loss's colour (high), without a colour bar."""
    return {
        "type": "contour",
        "x": _f32(grid),
        "y": _f32(grid),
        "z": _f32(values),  # half the bytes; plenty for a contour
        "colorscale": [[0, "white"], [1, colour]],
        "showscale": False,
        "ncontours": 16,
        "line": {"width": 0.6, "color": "rgba(0,0,0,0.35)"},
        "hovertemplate": "w %{x:.2f}, b %{y:.2f}: %{z:.3f}<extra></extra>",
        "name": name,
        "showlegend": False,
        "xaxis": "x" + axes,
        "yaxis": "y" + axes,
    }


def convexity_surfaces(
    grid: np.ndarray, surfaces: Mapping[str, Surface], *, names: Mapping[str, str]
) -> go.Figure:
    """One panel per loss surface over (w, b) on the axis `grid`.

    Filled contours of the loss (blue for cross-entropy, orange for MSE), grey
    shading where the smallest Hessian eigenvalue is negative, and a star at the
    minimum. `names`: ``surface_<kind>``, ``surface``, ``negative``, ``minimum``.
    """
    kinds = list(surfaces)
    data, axes_specs = [], {}
    span = [float(grid[0]), float(grid[-1])]
    for col, kind in enumerate(kinds, start=1):
        s, axes = surfaces[kind], "" if col == 1 else str(col)
        colour = CE_COLOUR if kind == "ce" else MSE_COLOUR
        data.append(_contour(grid, s.loss, colour, names["surface"], axes))
        data.append(
            {  # plotly fills where the constraint fails: here λ_min < 0
                "type": "contour",
                "x": _f32(grid),
                "y": _f32(grid),
                "z": _f32(s.lam_min),
                "contours": {"type": "constraint", "operation": ">", "value": 0},
                "fillcolor": "rgba(60,60,60,0.35)",
                "line": {"color": "rgba(40,40,40,0.9)", "width": 1.5},
                "hoverinfo": "skip",
                "name": names["negative"],
                "showlegend": col == 2,
                "xaxis": "x" + axes,
                "yaxis": "y" + axes,
            }
        )
        data.append(
            {
                "type": "scatter",
                "x": [float(s.minimum[0])],
                "y": [float(s.minimum[1])],
                "mode": "markers",
                "name": names["minimum"],
                "showlegend": col == 1,
                "marker": {"symbol": "star", "size": 17, "color": style.P,
                           "line": {"color": "white"}},
                "hovertemplate": "w %{x:.2f}, b %{y:.2f}<extra>" + names["minimum"] + "</extra>",
                "xaxis": "x" + axes,
                "yaxis": "y" + axes,
            }
        )  # fmt: skip
        axes_specs["xaxis" + axes] = _axis("w", range=span)
        axes_specs["yaxis" + axes] = _axis("b" if col == 1 else "", range=span)
    layout = _layout(
        [names[f"surface_{k}"] for k in kinds],
        cols=len(kinds),
        spacing=0.06,
        height=470,
        top=110,
        legend_y=1.12,
        axes=axes_specs,
    )
    return _figure(data, layout)
