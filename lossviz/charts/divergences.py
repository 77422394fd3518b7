"""Charts of the lessons on cross-entropy and KL divergence.

Builders draw the arrays they are given (computed in :mod:`lossviz.divergences`
and :mod:`lossviz.info`); p is vermillion, q blue, derived quantities green.
Infinite values are drawn at a cap and labelled ∞; the maths keeps ∞.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lossviz.charts import style

THIRD_FILL = "rgba(0, 158, 115, 0.28)"  # style.THIRD, translucent: the shaded area


def _short(values: np.ndarray, digits: int = 4) -> np.ndarray:
    """Rounded float32 arrays: small to send and cheap to copy.

    Plotly sends numpy arrays to the browser as compact base64, and copying one (plotly
    deep-copies a figure before serialising it) is a single memcpy, unlike a list.
    """
    return np.round(np.asarray(values, dtype=float), digits).astype(np.float32)


def _fmt(v: float) -> str:
    return "∞" if np.isinf(v) else f"{v:.3f}"


def _merge(base: dict, extra: dict) -> dict:
    """`base` updated by `extra`, nested dicts merged key by key (as ``update_layout``)."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _layout(*, title: str, height: int, axes: dict[str, str], **extra) -> dict:
    """The shared look of :func:`style.figure` as a plain dict; `axes` maps axis → title."""
    layout = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": style.FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 60, "b": 55},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        "hoverlabel": {"font": {"size": 14}},
        "colorway": list(style.SEQUENCE),
    }
    for axis, text in axes.items():
        zero = not axis.startswith("x")
        layout[axis] = {"title": {"text": text}, "showgrid": True, "zeroline": zero}
    return _merge(layout, extra)


_figure = style.spec_figure


def cross_entropy_split(
    entropy: float,
    divergence: float,
    *,
    labels: tuple[str, str],
    row_label: str,
    title: str,
    x_title: str,
) -> style.SpecFigure:
    """One stacked horizontal bar: H(p) (vermillion) then D(p‖q) (green), together H(p, q).

    An infinite divergence is drawn as long as the entropy (at least 1) and labelled ∞.
    """
    shown_d = max(entropy, 1.0) if np.isinf(divergence) else divergence
    data = [
        {
            "type": "bar",
            "x": [float(drawn)],
            "y": [row_label],
            "orientation": "h",
            "name": f"{name} = {_fmt(value)}",
            "marker": {"color": colour},
            "text": [_fmt(value)],
            "textposition": "inside",
            "insidetextanchor": "middle",
            "textfont": {"color": "white", "size": 16},
            "hovertemplate": f"{name}: {_fmt(value)}<extra></extra>",
        }
        for name, value, drawn, colour in (
            (labels[0], entropy, entropy, style.P),
            (labels[1], divergence, shown_d, style.THIRD),
        )
    ]
    layout = _layout(
        title=title,
        height=250,
        axes={"xaxis": x_title, "yaxis": ""},
        barmode="stack",
        # the legend above the bar: below it, in large type, it covered the axis title
        legend={"y": 1.02, "yanchor": "bottom", "x": 0, "xanchor": "left"},
        margin={"t": 55, "b": 70},
        xaxis={"rangemode": "tozero"},
    )
    return _figure(data, layout)


def gaussian_scrubber(
    x: np.ndarray,
    p_density: np.ndarray,
    mu_q: np.ndarray,
    q_density: np.ndarray,
    integrand: np.ndarray,
    closed_form: np.ndarray,
    numeric: np.ndarray,
    entropy_p: float,
    *,
    active: int,
    names: dict[str, str],
    title: str,
    density_title: str,
    integrand_title: str,
    ce_axis: str,
) -> style.SpecFigure:
    """Densities p and q, the shaded integrand −p log q, and h(p, q), with q's mean on a slider.

    Top left: p (vermillion line) and q (blue line). Bottom left: the integrand
    −p log q (green line, its area shaded to zero) with a caption giving h(p, q) by
    closed form and by quadrature. Right: h(p, q) against q's mean (green curve),
    h(p) (grey dashes) and the current value (a moving green point). Row ``i`` of
    `q_density`, `integrand`, `closed_form` and `numeric` belongs to ``mu_q[i]``: one
    frame each, swapped in the browser by the figure's slider and Play button, with
    no server round trip. `names` holds the trace names ``p``, ``q``, ``integrand``,
    ``curve``, ``entropy``, ``current``, ``caption_name``, the axis title
    ``q_mean_axis``, the slider prefix ``slider``, the button labels ``play`` and
    ``pause`` and the caption template ``caption`` (``{closed}``, ``{numeric}``).

    Built from plain dicts in one go (frames via :func:`style.set_frames`): the panel
    grid is that of ``make_subplots(rows=2, cols=2, specs=[[{}, {"rowspan": 2}], [{},
    None]], column_widths=[0.66, 0.34], horizontal_spacing=0.1, vertical_spacing=0.08,
    shared_xaxes=True)``: p and q on x/y, h(p, q) on x2/y2, the integrand on x3/y3.
    """
    top = 1.12 * float(max(p_density.max(), q_density.max()))
    lo, hi = float(min(integrand.min(), 0.0)), float(integrand.max())
    pad = 0.1 * (hi - lo)
    caption_y = hi + 1.2 * pad
    q_rows, integrand_rows = _short(q_density, 3), _short(integrand, 3)

    def moving(i: int) -> list[dict]:
        caption = names["caption"].format(closed=_fmt(closed_form[i]), numeric=_fmt(numeric[i]))
        return [  # only what changes: a frame's y replaces the trace's y, x stays
            {"type": "scatter", "y": q_rows[i]},
            {"type": "scatter", "y": integrand_rows[i]},
            {
                "type": "scatter",
                "x": [float(mu_q[i])],
                "y": [float(closed_form[i])],
                "text": [_fmt(closed_form[i])],
            },
            {"type": "scatter", "x": [float(x[0])], "y": [caption_y], "text": [caption]},
        ]

    start = moving(active)
    wide = {"width": style.LINE_WIDTH}
    xs = _short(x, 3)
    data = [
        {
            "type": "scatter",
            "x": xs,
            "y": _short(p_density),
            "name": names["p"],
            "mode": "lines",
            "line": {"color": style.P, **wide},
            "xaxis": "x",
            "yaxis": "y",
        },
        start[0]
        | {
            "x": xs,
            "name": names["q"],
            "mode": "lines",
            "line": {"color": style.Q, **wide},
            "xaxis": "x",
            "yaxis": "y",
        },
        start[1]
        | {
            "x": xs,
            "name": names["integrand"],
            "line": {"color": style.THIRD, "width": 2},
            "fill": "tozeroy",
            "fillcolor": THIRD_FILL,
            "mode": "lines",
            "xaxis": "x3",
            "yaxis": "y3",
        },
        {
            "type": "scatter",
            "x": _short(mu_q, 3),
            "y": _short(closed_form),
            "name": names["curve"],
            "mode": "lines",
            "line": {"color": style.THIRD, "width": 2},
            "showlegend": False,
            "xaxis": "x2",
            "yaxis": "y2",
        },
        start[2]
        | {
            "name": names["current"],
            "mode": "markers+text",
            "marker": {"color": style.THIRD, "size": 14, "line": {"color": "white", "width": 2}},
            "textposition": "top center",
            "textfont": {"size": 15, "color": style.THIRD},
            "cliponaxis": False,
            "showlegend": False,
            "xaxis": "x2",
            "yaxis": "y2",
        },
        start[3]
        | {
            "name": names["caption_name"],
            "mode": "text",
            "textposition": "middle right",
            "textfont": {"size": 15},
            "showlegend": False,
            "hoverinfo": "skip",
            "xaxis": "x3",
            "yaxis": "y3",
        },
    ]
    left, right = [0.0, 0.5940000000000001], [0.6940000000000001, 1.0]
    x_range = [float(x[0]), float(x[-1])]
    ce_lo, ce_hi = float(min(closed_form.min(), entropy_p)), float(closed_form.max())
    ce_pad = 0.1 * (ce_hi - ce_lo) + 1e-9
    axes = ("xaxis", "yaxis", "xaxis2", "yaxis2", "xaxis3", "yaxis3")
    layout = _layout(
        title=title,
        height=600,
        axes=dict.fromkeys(axes, ""),
        margin={"l": 70, "r": 20, "t": 80, "b": 130},
        legend={"x": 0, "xanchor": "left", "y": 1.02},
        xaxis={
            "anchor": "y",
            "domain": left,
            "matches": "x3",
            "showticklabels": False,
            "range": x_range,
        },
        yaxis={
            "anchor": "x",
            "domain": [0.54, 1.0],
            "title": {"text": density_title},
            "range": [0, top],
        },
        xaxis2={"anchor": "y2", "domain": right, "title": {"text": names["q_mean_axis"]}},
        yaxis2={
            "anchor": "x2",
            "domain": [0.0, 1.0],
            "title": {"text": ce_axis},
            "range": [ce_lo - ce_pad, ce_hi + 1.5 * ce_pad],
        },
        xaxis3={"anchor": "y3", "domain": left, "title": {"text": "x"}, "range": x_range},
        yaxis3={
            "anchor": "x3",
            "domain": [0.0, 0.46],
            "title": {"text": integrand_title},
            "range": [lo - pad, hi + 2.2 * pad],
        },
        shapes=[
            {
                "type": "line",
                "line": {"color": style.GREY, "dash": "dash", "width": 1.5},
                "xref": "x2 domain",
                "x0": 0,
                "x1": 1,
                "yref": "y2",
                "y0": entropy_p,
                "y1": entropy_p,
            }
        ],
        annotations=[
            {
                "text": names["entropy"],
                "showarrow": False,
                "xref": "x2 domain",
                "x": 1,
                "xanchor": "right",
                "yref": "y2",
                "y": entropy_p,
                "yanchor": "top",
            }
        ],
        **style.scrubber(
            [f"{m:.2f}" for m in mu_q],
            prefix=names["slider"],
            active=active,
            play=names["play"],
            pause=names["pause"],
            frame_ms=90,
            top=30,
            y=-0.1,
            step_labels=False,  # a label per step would overlap: hide them
        ),
    )
    frames = [
        {"name": f"{m:.2f}", "data": moving(i), "traces": [1, 2, 4, 5]} for i, m in enumerate(mu_q)
    ]
    return _figure(data, layout, frames)


def width_curve(
    widths: np.ndarray,
    discrete: np.ndarray,
    approx: np.ndarray,
    width: float,
    value: float,
    *,
    names: tuple[str, str, str],
    title: str,
    x_title: str,
    y_title: str,
) -> style.SpecFigure:
    """Discrete cross-entropy against bin width Δ, and the line h(p, q) − log Δ.

    Green dots: the binned densities' cross-entropy at each Δ (log axis); blue
    dashes: h(p, q) − log Δ; a large green dot: the current Δ.
    """
    data = [
        {
            "type": "scatter",
            "x": _short(widths),
            "y": _short(approx),
            "name": names[0],
            "mode": "lines",
            "line": {"color": style.Q, "dash": "dash", "width": 2},
        },
        {
            "type": "scatter",
            "x": _short(widths),
            "y": _short(discrete),
            "name": names[1],
            "mode": "markers",
            "marker": {"color": style.THIRD, "size": 8},
        },
        {
            "type": "scatter",
            "x": [float(width)],
            "y": [float(value)],
            "name": names[2],
            "mode": "markers+text",
            "text": [f"{value:.3f}"],
            "textposition": "top right",
            "cliponaxis": False,
            "marker": {"color": style.THIRD, "size": 16, "line": {"color": "white", "width": 2}},
        },
    ]
    layout = _layout(
        title=title,
        height=380,
        axes={"xaxis": x_title, "yaxis": y_title},
        xaxis={"type": "log"},
        margin={"t": 90},
    )
    return _figure(data, layout)


def kl_map(
    a: np.ndarray,
    b: np.ndarray,
    kl: np.ndarray,
    point: tuple[float, float] | None,
    *,
    cap: float,
    title: str,
    x_title: str,
    y_title: str,
    colour_title: str,
    point_label: str,
) -> style.SpecFigure:
    """Heatmap of D(Bern(a)‖Bern(b)) with the current pair of coins marked.

    `a` across, `b` up, colour capped at `cap` (top tick "≥ cap"; the hover says ∞
    where infinite); the diagonal a = b (zero) dotted; the current (a, b) a cross.
    """
    return kl_map_with_point(
        kl_map_heatmap(a, b, kl, cap=cap, colour_title=colour_title),
        point,
        title=title,
        x_title=x_title,
        y_title=y_title,
        point_label=point_label,
    )


def kl_map_heatmap(
    a: np.ndarray, b: np.ndarray, kl: np.ndarray, *, cap: float, colour_title: str
) -> dict:
    """The heatmap trace of :func:`kl_map` as a plain dict: the costly part, worth caching.

    Never mutated by :func:`kl_map_with_point` (it copies the dict before use).
    """
    drawn = np.minimum(kl, cap)
    text = np.where(np.isinf(kl), "∞", np.char.mod("%.3f", np.where(np.isinf(kl), 0, kl)))
    return {
        "type": "heatmap",
        "x": _short(a, 3),
        "y": _short(b, 3),
        "z": _short(drawn, 3),
        "text": text,  # a numpy array: copied in one go (a list of lists: string by string)
        "name": colour_title,
        "zmin": 0,
        "zmax": cap,
        "colorscale": "Viridis",
        "colorbar": {
            "title": {"text": colour_title, "side": "right"},
            "tickvals": [0, cap / 2, cap],
            "ticktext": ["0", f"{cap / 2:g}", f"≥ {cap:g}"],
        },
        "hovertemplate": "a = %{x}<br>b = %{y}<br>D = %{text}<extra></extra>",
    }


def kl_map_with_point(
    heatmap: dict,
    point: tuple[float, float] | None,
    *,
    title: str,
    x_title: str,
    y_title: str,
    point_label: str,
) -> style.SpecFigure:
    """The figure of :func:`kl_map` around a ready heatmap trace (see :func:`kl_map_heatmap`)."""
    data = [
        dict(heatmap),
        {
            "type": "scatter",
            "x": [0.0, 1.0],
            "y": [0.0, 1.0],
            "mode": "lines",
            "line": {"color": "white", "dash": "dot"},
            "showlegend": False,
        },
    ]
    if point is not None:
        data.append(
            {
                "type": "scatter",
                "x": [float(point[0])],
                "y": [float(point[1])],
                "name": point_label,
                "mode": "markers",
                "marker": {
                    "color": style.P,
                    "size": 16,
                    "symbol": "x",
                    "line": {"color": "white", "width": 2},
                },
            }
        )
    layout = _layout(
        title=title,
        height=460,
        axes={"xaxis": x_title, "yaxis": y_title},
        xaxis={"range": [0, 1], "constrain": "domain", "showgrid": False},
        yaxis={"range": [0, 1], "scaleanchor": "x", "showgrid": False, "zeroline": False},
        legend={"x": 0, "xanchor": "left"},
    )
    return _figure(data, layout)


def mixture_fits(
    x: np.ndarray,
    p_density: np.ndarray,
    fits: Sequence[tuple[str, np.ndarray, str]],
    start: float,
    *,
    p_name: str,
    start_name: str,
    title: str,
    x_title: str,
    y_title: str,
) -> style.SpecFigure:
    """The mixture p and the Gaussians q fitted to it.

    p is vermillion and shaded; each fit ``(name, density, dash)`` is a blue line
    in its own dash style; a blue triangle on the axis marks the reverse fit's start.
    """
    xs = _short(x, 3)
    data = [
        {
            "type": "scatter",
            "x": xs,
            "y": _short(p_density),
            "name": p_name,
            "mode": "lines",
            "fill": "tozeroy",
            "fillcolor": "rgba(213, 94, 0, 0.15)",
            "line": {"color": style.P, "width": style.LINE_WIDTH},
        }
    ]
    data += [
        {
            "type": "scatter",
            "x": xs,
            "y": _short(density),
            "name": name,
            "mode": "lines",
            "line": {"color": style.Q, "width": style.LINE_WIDTH, "dash": dash},
        }
        for name, density, dash in fits
    ]
    data.append(
        {
            "type": "scatter",
            "x": [float(start)],
            "y": [0],
            "name": start_name,
            "mode": "markers",
            "marker": {"color": style.Q, "size": 14, "symbol": "triangle-up"},
            "cliponaxis": False,
        }
    )
    layout = _layout(
        title=title,
        height=420,
        axes={"xaxis": x_title, "yaxis": y_title},
        margin={"t": 100},
        yaxis={"rangemode": "tozero"},
    )
    return _figure(data, layout)


def log_loss_curve(
    q_grid: np.ndarray,
    loss_grid: np.ndarray,
    q_true: float,
    loss: float,
    *,
    title: str,
    x_title: str,
    y_title: str,
    point_label: str,
) -> style.SpecFigure:
    """The loss −log q against the probability q given to the true class.

    A blue line over `q_grid`; the current prediction is a large vermillion point.
    An infinite loss (q = 0) is drawn at the top of the axis and labelled ∞.
    """
    top = float(np.max(loss_grid[np.isfinite(loss_grid)]))
    shown = top if np.isinf(loss) else loss
    data = [
        {
            "type": "scatter",
            "x": _short(q_grid),
            "y": _short(loss_grid),
            "name": y_title,
            "mode": "lines",
            "line": {"color": style.Q, "width": style.LINE_WIDTH},
            "hovertemplate": "q = %{x:.3f}<br>%{y:.3f}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": [float(q_true)],
            "y": [float(shown)],
            "name": point_label,
            "mode": "markers+text",
            "text": [_fmt(loss)],
            "textposition": "top right" if q_true < 0.8 else "top left",
            "textfont": {"size": 16},
            "cliponaxis": False,
            "marker": {"color": style.P, "size": 16, "line": {"color": "white", "width": 2}},
        },
    ]
    layout = _layout(
        title=title,
        height=360,
        axes={"xaxis": x_title, "yaxis": y_title},
        xaxis={"range": [0, 1.02]},
        yaxis={"range": [0, 1.12 * top]},
    )
    return _figure(data, layout)
