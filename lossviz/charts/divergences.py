"""Charts of the lessons on cross-entropy and KL divergence.

Builders draw the arrays they are given (computed in :mod:`lossviz.divergences`
and :mod:`lossviz.info`); p is vermillion, q blue, derived quantities green.
Infinite values are drawn at a cap and labelled ∞; the maths keeps ∞.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lossviz.charts import style

#: Animation settings of one scrub step: jump straight to the frame, no tween, no redraw.
INSTANT = {
    "frame": {"duration": 0, "redraw": False},
    "mode": "immediate",
    "transition": {"duration": 0},
}
PLAY = {
    "frame": {"duration": 90, "redraw": False},
    "fromcurrent": True,
    "transition": {"duration": 0},
}
THIRD_FILL = "rgba(0, 158, 115, 0.28)"  # style.THIRD, translucent: the shaded area


def _short(values: np.ndarray, digits: int = 4) -> list[float]:
    """Frames travel to the browser as JSON: float32-rounded lists keep them small."""
    return np.round(np.asarray(values, dtype=np.float32), digits).tolist()


def _fmt(v: float) -> str:
    return "∞" if np.isinf(v) else f"{v:.3f}"


def cross_entropy_split(
    entropy: float,
    divergence: float,
    *,
    labels: tuple[str, str],
    row_label: str,
    title: str,
    x_title: str,
) -> go.Figure:
    """One stacked horizontal bar: H(p) (vermillion) then D(p‖q) (green), together H(p, q).

    An infinite divergence is drawn as long as the entropy (at least 1) and labelled ∞.
    """
    shown_d = max(entropy, 1.0) if np.isinf(divergence) else divergence
    fig = go.Figure()
    for name, value, drawn, colour in (
        (labels[0], entropy, entropy, style.P),
        (labels[1], divergence, shown_d, style.THIRD),
    ):
        fig.add_bar(
            x=[drawn],
            y=[row_label],
            orientation="h",
            name=f"{name} = {_fmt(value)}",
            marker_color=colour,
            text=[_fmt(value)],
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": "white", "size": 16},
            hovertemplate=f"{name}: {_fmt(value)}<extra></extra>",
        )
    style.base_layout(fig, title=title, x_title=x_title, y_title="", height=250)
    fig.update_layout(
        barmode="stack",
        legend={"y": -0.5, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"t": 50, "b": 90},
    )
    fig.update_xaxes(rangemode="tozero")
    return fig


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
) -> go.Figure:
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
    """
    fig = make_subplots(
        rows=2,
        cols=2,
        specs=[[{}, {"rowspan": 2}], [{}, None]],
        column_widths=[0.66, 0.34],
        horizontal_spacing=0.1,
        vertical_spacing=0.08,
        shared_xaxes=True,
    )
    top = 1.12 * float(max(p_density.max(), q_density.max()))
    lo, hi = float(min(integrand.min(), 0.0)), float(integrand.max())
    pad = 0.1 * (hi - lo)
    caption_y = hi + 1.2 * pad

    def moving(i: int) -> list[go.Scatter]:
        caption = names["caption"].format(closed=_fmt(closed_form[i]), numeric=_fmt(numeric[i]))
        return [  # only what changes: a frame's y replaces the trace's y, x stays
            go.Scatter(y=_short(q_density[i], 3)),
            go.Scatter(y=_short(integrand[i], 3)),
            go.Scatter(x=[float(mu_q[i])], y=[float(closed_form[i])], text=[_fmt(closed_form[i])]),
            go.Scatter(x=[float(x[0])], y=[caption_y], text=[caption]),
        ]

    start = moving(active)
    wide = {"width": style.LINE_WIDTH}
    fig.add_scatter(
        x=_short(x, 3),
        y=_short(p_density),
        name=names["p"],
        mode="lines",
        line={"color": style.P, **wide},
        row=1,
        col=1,
    )
    fig.add_trace(
        start[0].update(
            x=_short(x, 3), name=names["q"], mode="lines", line={"color": style.Q, **wide}
        ),
        row=1,
        col=1,
    )
    integrand_style = {"fill": "tozeroy", "fillcolor": THIRD_FILL, "mode": "lines"}
    fig.add_trace(
        start[1].update(
            x=_short(x, 3),
            name=names["integrand"],
            line={"color": style.THIRD, "width": 2},
            **integrand_style,
        ),
        row=2,
        col=1,
    )
    fig.add_scatter(
        x=_short(mu_q, 3),
        y=_short(closed_form),
        name=names["curve"],
        mode="lines",
        line={"color": style.THIRD, "width": 2},
        showlegend=False,
        row=1,
        col=2,
    )
    fig.add_trace(
        start[2].update(
            name=names["current"],
            mode="markers+text",
            marker={"color": style.THIRD, "size": 14, "line": {"color": "white", "width": 2}},
            textposition="top center",
            textfont={"size": 15, "color": style.THIRD},
            cliponaxis=False,
            showlegend=False,
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        start[3].update(
            name=names["caption_name"],
            mode="text",
            textposition="middle right",
            textfont={"size": 15},
            showlegend=False,
            hoverinfo="skip",
        ),
        row=2,
        col=1,
    )
    fig.add_hline(
        y=entropy_p,
        line={"color": style.GREY, "dash": "dash", "width": 1.5},
        annotation_text=names["entropy"],
        annotation_position="bottom right",
        row=1,
        col=2,
    )
    fig.frames = [
        go.Frame(name=f"{m:.2f}", data=moving(i), traces=[1, 2, 4, 5]) for i, m in enumerate(mu_q)
    ]
    steps = [
        {"label": f"{m:.2f}", "method": "animate", "args": [[f"{m:.2f}"], INSTANT]} for m in mu_q
    ]
    style.base_layout(fig, title=title, x_title="", y_title="", height=600)
    fig.update_layout(
        margin={"l": 70, "r": 20, "t": 80, "b": 130},
        legend={"x": 0, "xanchor": "left", "y": 1.02},
        sliders=[
            {
                "active": active,
                "steps": steps,
                "x": 0.24,
                "len": 0.76,
                "y": -0.1,
                "yanchor": "top",
                "pad": {"t": 30},
                "currentvalue": {
                    "prefix": names["slider"],
                    "font": {"size": 16, "color": "#31333F"},
                    "xanchor": "left",
                },
                "font": {"color": "rgba(0,0,0,0)"},  # a label per step would overlap: hide them
                "ticklen": 3,
                "minorticklen": 0,
            }
        ],
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0.0,
                "y": -0.1,
                "xanchor": "left",
                "yanchor": "top",
                "pad": {"t": 55},
                "showactive": False,
                "buttons": [
                    {"label": names["play"], "method": "animate", "args": [None, PLAY]},
                    {"label": names["pause"], "method": "animate", "args": [[None], INSTANT]},
                ],
            }
        ],
    )
    fig.update_xaxes(range=[float(x[0]), float(x[-1])], col=1)
    fig.update_xaxes(title_text="x", row=2, col=1)
    fig.update_yaxes(title_text=density_title, range=[0, top], row=1, col=1)
    fig.update_yaxes(title_text=integrand_title, range=[lo - pad, hi + 2.2 * pad], row=2, col=1)
    ce_lo, ce_hi = float(min(closed_form.min(), entropy_p)), float(closed_form.max())
    ce_pad = 0.1 * (ce_hi - ce_lo) + 1e-9
    fig.update_yaxes(title_text=ce_axis, range=[ce_lo - ce_pad, ce_hi + 1.5 * ce_pad], row=1, col=2)
    fig.update_xaxes(title_text=names["q_mean_axis"], row=1, col=2)
    return fig


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
) -> go.Figure:
    """Discrete cross-entropy against bin width Δ, and the line h(p, q) − log Δ.

    Green dots: the binned densities' cross-entropy at each Δ (log axis); blue
    dashes: h(p, q) − log Δ; a large green dot: the current Δ.
    """
    fig = go.Figure()
    fig.add_scatter(
        x=widths,
        y=approx,
        name=names[0],
        mode="lines",
        line={"color": style.Q, "dash": "dash", "width": 2},
    )
    fig.add_scatter(
        x=widths,
        y=discrete,
        name=names[1],
        mode="markers",
        marker={"color": style.THIRD, "size": 8},
    )
    fig.add_scatter(
        x=[width],
        y=[value],
        name=names[2],
        mode="markers+text",
        text=[f"{value:.3f}"],
        textposition="top right",
        cliponaxis=False,
        marker={"color": style.THIRD, "size": 16, "line": {"color": "white", "width": 2}},
    )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=380)
    fig.update_xaxes(type="log")
    fig.update_layout(margin={"t": 90})
    return fig


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
) -> go.Figure:
    """Heatmap of D(Bern(a)‖Bern(b)) with the current pair of coins marked.

    `a` across, `b` up, colour capped at `cap` (top tick "≥ cap"; the hover says ∞
    where infinite); the diagonal a = b (zero) dotted; the current (a, b) a cross.
    """
    drawn = np.minimum(kl, cap)
    text = np.where(np.isinf(kl), "∞", np.char.mod("%.3f", np.where(np.isinf(kl), 0, kl)))
    fig = go.Figure(
        go.Heatmap(
            x=_short(a, 3),
            y=_short(b, 3),
            z=_short(drawn, 3),
            text=text,
            name=colour_title,
            zmin=0,
            zmax=cap,
            colorscale="Viridis",
            colorbar={
                "title": {"text": colour_title, "side": "right"},
                "tickvals": [0, cap / 2, cap],
                "ticktext": ["0", f"{cap / 2:g}", f"≥ {cap:g}"],
            },
            hovertemplate="a = %{x}<br>b = %{y}<br>D = %{text}<extra></extra>",
        )
    )
    diagonal = [0.0, 1.0]
    fig.add_scatter(
        x=diagonal,
        y=diagonal,
        mode="lines",
        line={"color": "white", "dash": "dot"},
        showlegend=False,
    )
    if point is not None:
        fig.add_scatter(
            x=[point[0]],
            y=[point[1]],
            name=point_label,
            mode="markers",
            marker={
                "color": style.P,
                "size": 16,
                "symbol": "x",
                "line": {"color": "white", "width": 2},
            },
        )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=460)
    fig.update_xaxes(range=[0, 1], constrain="domain", showgrid=False)
    fig.update_yaxes(range=[0, 1], scaleanchor="x", showgrid=False, zeroline=False)
    fig.update_layout(legend={"x": 0, "xanchor": "left"})
    return fig


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
) -> go.Figure:
    """The mixture p and the Gaussians q fitted to it.

    p is vermillion and shaded; each fit ``(name, density, dash)`` is a blue line
    in its own dash style; a blue triangle on the axis marks the reverse fit's start.
    """
    fig = go.Figure()
    fig.add_scatter(
        x=_short(x, 3),
        y=_short(p_density),
        name=p_name,
        mode="lines",
        fill="tozeroy",
        fillcolor="rgba(213, 94, 0, 0.15)",
        line={"color": style.P, "width": style.LINE_WIDTH},
    )
    for name, density, dash in fits:
        fig.add_scatter(
            x=_short(x, 3),
            y=_short(density),
            name=name,
            mode="lines",
            line={"color": style.Q, "width": style.LINE_WIDTH, "dash": dash},
        )
    fig.add_scatter(
        x=[start],
        y=[0],
        name=start_name,
        mode="markers",
        marker={"color": style.Q, "size": 14, "symbol": "triangle-up"},
        cliponaxis=False,
    )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=420)
    fig.update_layout(margin={"t": 100})
    fig.update_yaxes(rangemode="tozero")
    return fig


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
) -> go.Figure:
    """The loss −log q against the probability q given to the true class.

    A blue line over `q_grid`; the current prediction is a large vermillion point.
    An infinite loss (q = 0) is drawn at the top of the axis and labelled ∞.
    """
    top = float(np.max(loss_grid[np.isfinite(loss_grid)]))
    shown = top if np.isinf(loss) else loss
    fig = go.Figure()
    fig.add_scatter(
        x=q_grid,
        y=loss_grid,
        name=y_title,
        mode="lines",
        line={"color": style.Q, "width": style.LINE_WIDTH},
        hovertemplate="q = %{x:.3f}<br>%{y:.3f}<extra></extra>",
    )
    fig.add_scatter(
        x=[q_true],
        y=[shown],
        name=point_label,
        mode="markers+text",
        text=[_fmt(loss)],
        textposition="top right" if q_true < 0.8 else "top left",
        textfont={"size": 16},
        cliponaxis=False,
        marker={"color": style.P, "size": 16, "line": {"color": "white", "width": 2}},
    )
    style.base_layout(fig, title=title, x_title=x_title, y_title=y_title, height=360)
    fig.update_xaxes(range=[0, 1.02])
    fig.update_yaxes(range=[0, 1.12 * top])
    return fig
