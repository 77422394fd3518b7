"""One palette and one layout for every chart, so p and q look the same on every page.

Colours are the Okabe–Ito palette, distinguishable with the common colour-vision
deficiencies. p (the true distribution) is always vermillion, q (the model) always
blue; a third quantity (an integrand, a contribution) is bluish green.
"""

from __future__ import annotations

from contextlib import contextmanager

import plotly.graph_objects as go

P = "#D55E00"  # vermillion: the true distribution p, the data, the target
Q = "#0072B2"  # blue: the model q, the prediction
THIRD = "#009E73"  # bluish green: a derived quantity (integrand, contribution)
FOURTH = "#CC79A7"  # reddish purple
FIFTH = "#E69F00"  # orange
SKY = "#56B4E9"  # sky blue
GREY = "#7F7F7F"
BIAS = FIFTH  # orange: bias², on every chart of the decomposition
VARIANCE = FOURTH  # reddish purple: variance
NOISE = GREY  # grey: the irreducible noise
SEQUENCE = (Q, P, THIRD, FOURTH, FIFTH, SKY, GREY, "#000000")

FONT = {"family": "Noto Sans, Noto Sans CJK SC, Source Han Sans SC, sans-serif", "size": 15}
LINE_WIDTH = 3


def figure(
    data: list[dict],
    *,
    title: str,
    x_title: str,
    y_title: str,
    height: int = 380,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    **layout,
) -> go.Figure:
    """A single-panel figure with the shared layout, built from plain dicts in one go.

    The same look as :func:`base_layout`, several times cheaper: plotly validates the
    whole specification once instead of at every ``add_*`` / ``update_*`` call.
    """
    spec_layout = {
        "title": {"text": title, "x": 0, "xanchor": "left"},
        "font": FONT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 60, "b": 55},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        "hoverlabel": {"font": {"size": 14}},
        "colorway": list(SEQUENCE),
        "xaxis": {"title": {"text": x_title}, "showgrid": True, "zeroline": False, **(xaxis or {})},
        "yaxis": {"title": {"text": y_title}, "showgrid": True, "zeroline": True, **(yaxis or {})},
        **layout,
    }
    return go.Figure({"data": data, "layout": spec_layout})


def base_layout(fig: go.Figure, *, title: str, x_title: str, y_title: str, height: int = 380):
    """Apply the shared layout: title, labelled axes, legend on top, readable fonts.

    Nested dicts rather than plotly's ``title_text``-style magic names, and no
    per-property validation of these constants: this ran on every chart of every rerun
    and was the largest single cost of a simple page.
    """
    with _unvalidated(fig):
        fig.update_layout(
            {
                "title": {"text": title, "x": 0, "xanchor": "left"},
                "font": FONT,
                "height": height,
                "margin": {"l": 60, "r": 20, "t": 60, "b": 55},
                "legend": {
                    "orientation": "h",
                    "yanchor": "bottom",
                    "y": 1.0,
                    "xanchor": "right",
                    "x": 1,
                },
                "hoverlabel": {"font": {"size": 14}},
                "colorway": list(SEQUENCE),
            }
        )
    fig.update_xaxes({"title": {"text": x_title}, "showgrid": True, "zeroline": False})
    fig.update_yaxes({"title": {"text": y_title}, "showgrid": True, "zeroline": True})
    return fig


@contextmanager
def _unvalidated(fig: go.Figure):
    """Switch off plotly's per-property validation of `fig` (and its layout) for a moment."""
    saved = fig._validate, fig.layout._validate  # plotly's own switch, as its constructors take
    fig._validate = fig.layout._validate = False
    try:
        yield fig
    finally:
        fig._validate, fig.layout._validate = saved


def set_frames(fig: go.Figure, frames: list[dict]) -> go.Figure:
    """Attach animation frames given as plain dicts, skipping plotly's per-property checks.

    Frames are many small copies of the same traces; validating each property of each
    frame cost most of a rerun (60 frames: 22 ms validated, 5 ms as dicts). The frames
    are checked by the tests instead (their traces, names and values).
    """
    with _unvalidated(fig):
        fig.frames = frames
    return fig


def add_scrubber(fig: go.Figure, names: list[str], *, label: str, active: int = 0) -> go.Figure:
    """Add an in-figure slider and a Play/Pause button over the figure's `frames`.

    Each slider step shows the frame of the same name at once, in the browser, with no
    server round trip (no transition, no full redraw): scrubbing feels like Desmos.
    """
    instant = {
        "frame": {"duration": 0, "redraw": False},
        "mode": "immediate",
        "transition": {"duration": 0},
    }
    play = {**instant, "frame": {"duration": 150, "redraw": False}, "fromcurrent": True}
    with _unvalidated(fig):  # one step per frame: plain data, checked by the tests
        _scrubber_layout(fig, names, label, active, instant, play)
    height = fig.layout.height or 380
    fig.update_layout(height=height + 110, margin={"b": 150})
    return fig


def _scrubber_layout(fig, names, label, active, instant, play) -> None:
    fig.update_layout(
        sliders=[
            {
                "active": active,
                "x": 0.14,
                "len": 0.86,
                "y": 0,
                "yanchor": "top",
                "pad": {"t": 55, "b": 0},
                "currentvalue": {"prefix": f"{label} = ", "font": {"size": 14}},
                "steps": [{"label": n, "method": "animate", "args": [[n], instant]} for n in names],
            }
        ],
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "top",
                "pad": {"t": 75, "r": 0},
                "showactive": False,
                "buttons": [
                    {"label": "▶", "method": "animate", "args": [None, play]},
                    {"label": "❚❚", "method": "animate", "args": [[None], instant]},
                ],
            }
        ],
    )
