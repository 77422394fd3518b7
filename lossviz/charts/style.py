"""One palette and one layout for every chart, so p and q look the same on every page.

Colours are the Okabe–Ito palette, distinguishable with the common colour-vision
deficiencies. p (the true distribution) is always vermillion, q (the model) always
blue; a third quantity (an integrand, a contribution) is bluish green.
"""

from __future__ import annotations

import copy
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
) -> SpecFigure:
    """A single-panel figure with the shared layout, built from plain dicts in one go.

    The same look as :func:`base_layout`, several times cheaper (see :func:`spec_figure`).
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
    return spec_figure(data, spec_layout)


class SpecFigure:
    """A plotly figure kept as its plain-dict specification until someone looks inside.

    Drawing needs only the dict: ``st.plotly_chart`` serialises it as it is, so a
    figure that is only drawn never builds plotly's object tree (validating every
    property, every number of every array and copying the default template took most
    of a rerun). Anything else (``fig.data``, ``fig.layout.title.text``,
    ``fig.update_layout(...)``) is answered by a real, validated ``go.Figure`` built
    from the specification on first use; from then on that figure is the truth, edits
    included.
    """

    def __init__(self, spec: dict):
        self._spec = spec
        self._figure: go.Figure | None = None

    @property
    def figure(self) -> go.Figure:
        """The validated plotly figure (built once, on first use)."""
        if self._figure is None:
            self._figure = go.Figure(self._spec)
        return self._figure

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_spec", "_figure"):
            raise AttributeError(name)
        return getattr(self.figure, name)

    def to_dict(self) -> dict:
        """The specification to draw (the real figure's, once it exists)."""
        return self._figure.to_dict() if self._figure is not None else self._spec

    def to_plotly_json(self) -> dict:
        """The same as :meth:`to_dict` (plotly's name for it in JSON encoders)."""
        return self.to_dict()

    def __repr__(self) -> str:
        return f"SpecFigure({len(self._spec.get('data', []))} traces)"


Figure = go.Figure | SpecFigure  # what the chart builders return


def spec_figure(data: list[dict], layout: dict, frames: list[dict] | None = None) -> SpecFigure:
    """A figure from plain dicts, without plotly's per-property validation.

    The builders' output is validated by the tests instead
    (``tests/test_charts_valid.py`` feeds every figure every page draws back to a
    validating ``go.Figure``).
    """
    spec = {"data": data, "layout": layout}
    if frames is not None:
        spec["frames"] = frames
    return SpecFigure(spec)


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
    if isinstance(fig, SpecFigure) and fig._figure is None:
        fig._spec["frames"] = frames
        return fig
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
    if isinstance(fig, SpecFigure) and fig._figure is None:
        layout = fig._spec["layout"]
        sliders, menus = _scrubber(names, label, active, instant, play)
        layout["sliders"], layout["updatemenus"] = sliders, menus
        layout["height"] = (layout.get("height") or 380) + 110
        layout["margin"] = {**layout.get("margin", {}), "b": 150}
        return fig
    with _unvalidated(fig):  # one step per frame: plain data, checked by the tests
        _scrubber_layout(fig, names, label, active, instant, play)
    height = fig.layout.height or 380
    fig.update_layout(height=height + 110, margin={"b": 150})
    return fig


def _scrubber_layout(fig, names, label, active, instant, play) -> None:
    sliders, menus = _scrubber(names, label, active, instant, play)
    fig.update_layout(sliders=sliders, updatemenus=menus)


def _scrubber(names, label, active, instant, play) -> tuple[list[dict], list[dict]]:
    """The layout's ``sliders`` and ``updatemenus`` of an in-figure scrubber."""
    return (
        [
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
        [
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


class _Drawn(go.Figure):
    """A figure reduced to its finished plotly dict: it can be drawn, not changed.

    ``st.plotly_chart`` asks a figure for ``to_dict()``, a deep copy of every trace and
    frame, on every rerun; for a cached figure that copy was the largest cost of drawing
    it. A drawn figure hands out the dict made once instead.
    """

    def __init__(self, spec: dict):  # no plotly state at all: nothing here can be edited
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def for_drawing(fig: go.Figure, *, variant: str = "", restyle=None) -> go.Figure:
    """The figure to hand to ``st.plotly_chart``: its dict made once per figure (and variant).

    `fig` must not be changed after it was first drawn (figures are cached and shared
    between sessions, so they never are). With `restyle` (a function editing a copy in
    place), the variant named `variant` is a restyled copy, made once as well.
    """
    attr = f"_lossviz_drawn{variant}"
    drawn = fig.__dict__.get(attr)
    if drawn is None:
        source = fig
        if restyle is not None:
            source = copy.deepcopy(fig.figure if isinstance(fig, SpecFigure) else fig)
            restyle(source)
        drawn = _Drawn(source.to_dict())
        setattr(fig, attr, drawn)  # a private attribute: plotly stores it as is
    return drawn
