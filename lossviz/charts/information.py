"""Charts of the first lessons: surprise curves, probability bars, code lengths."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lossviz.charts import style


def _capped(values: np.ndarray, cap: float) -> tuple[np.ndarray, list[str]]:
    """Replace +inf by `cap` for drawing, and label those marks ∞ (the maths keeps ∞)."""
    values = np.asarray(values, dtype=float)
    text = ["∞" if np.isinf(v) else f"{v:.3f}" for v in values]
    return np.where(np.isinf(values), cap, values), text


def surprise_curve(
    p_grid: np.ndarray,
    surprise_grid: np.ndarray,
    p: float,
    surprise: float,
    *,
    title: str,
    x_title: str,
    y_title: str,
    point_label: str,
    scrub: tuple[np.ndarray, np.ndarray] | None = None,
    scrub_label: str = "p",
) -> style.SpecFigure:
    """The curve −log p over `p_grid` (a line) with the current p as a large marker.

    With ``scrub = (p_values, surprises)`` the marker can also be dragged along the
    curve by an in-figure slider (one frame per value, played in the browser).
    """
    top = float(np.nanmax(np.where(np.isfinite(surprise_grid), surprise_grid, np.nan)))
    hover = "p = %{x:.3f}<br>%{y:.3f}<extra></extra>"
    fig = style.figure(
        [
            {
                "type": "scatter",
                "x": p_grid,
                "y": surprise_grid,
                "mode": "lines",
                "name": y_title,
                "line": {"color": style.Q, "width": style.LINE_WIDTH},
                "hovertemplate": hover,
            },
            {
                "type": "scatter",
                "x": [p],
                "y": [surprise],
                "mode": "markers+text",
                "name": point_label,
                "marker": {"color": style.P, "size": 16, "line": {"color": "white", "width": 2}},
                "text": [f"{surprise:.3f}"],
                "textposition": "top right",
                "textfont": {"size": 16},
                "hovertemplate": hover,
            },
        ],
        title=title,
        x_title=x_title,
        y_title=y_title,
        xaxis={"range": [0, 1.02]},
        yaxis={"range": [0, 1.1 * max(top, surprise)]},
    )
    if scrub is not None:
        values, surprises = scrub
        names = [f"{v:.3f}" for v in values]
        style.set_frames(
            fig,
            [
                {"name": n, "traces": [1], "data": [{"x": [v], "y": [s], "text": [f"{s:.3f}"]}]}
                for n, v, s in zip(names, values.tolist(), surprises.tolist())
            ],
        )
        active = int(np.argmin(np.abs(np.asarray(values) - p)))
        style.add_scrubber(fig, names, label=scrub_label, active=active)
    return fig


def probability_bars(
    names: Sequence[str],
    series: Sequence[tuple[str, np.ndarray, str]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    cap: float | None = None,
) -> style.SpecFigure:
    """Grouped bars, one group per outcome: each series is ``(name, values, colour)``.

    Infinite values are drawn at `cap` (default: 1.15 × the largest finite value) and
    labelled ∞.
    """
    finite = [v for _, vals, _ in series for v in np.asarray(vals, float) if np.isfinite(v)]
    top = max(finite, default=1.0)
    cap = cap if cap is not None else (1.15 * top if top > 0 else 1.0)
    bars = []
    for name, values, colour in series:
        drawn, text = _capped(values, cap)
        bars.append(
            {
                "type": "bar",
                "x": list(names),
                "y": drawn,
                "name": name,
                "marker": {"color": colour},
                "text": text,
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{x}: %{text}<extra>" + name + "</extra>",
            }
        )
    fig = style.figure(
        bars,
        title=title,
        x_title=x_title,
        y_title=y_title,
        yaxis={"rangemode": "tozero"},
        barmode="group",
        uniformtext={"minsize": 10, "mode": "hide"},
    )
    return fig


def binary_entropy_curve(
    p_grid: np.ndarray,
    h_grid: np.ndarray,
    p: float,
    h: float,
    *,
    title: str,
    x_title: str,
    y_title: str,
    point_label: str,
) -> style.SpecFigure:
    """The binary-entropy curve H(p, 1−p) as a line, with the current p marked."""
    return surprise_curve(
        p_grid,
        h_grid,
        p,
        h,
        title=title,
        x_title=x_title,
        y_title=y_title,
        point_label=point_label,
    )


def length_vs_entropy(
    labels: Sequence[str],
    values: Sequence[float],
    colours: Sequence[str],
    *,
    title: str,
    y_title: str,
) -> style.SpecFigure:
    """Horizontal bars comparing a few averages (entropy, Huffman length, fixed length)."""
    bar = {
        "type": "bar",
        "x": list(values),
        "y": list(labels),
        "orientation": "h",
        "marker": {"color": list(colours)},
        "text": [f"{v:.3f}" for v in values],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{x:.3f}<extra></extra>",
    }
    return style.figure(
        [bar],
        title=title,
        x_title=y_title,
        y_title="",
        height=260,
        xaxis={"rangemode": "tozero"},
        yaxis={"autorange": "reversed", "zeroline": False},
        showlegend=False,
    )
