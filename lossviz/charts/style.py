"""One palette and one layout for every chart, so p and q look the same on every page.

Colours are the Okabe–Ito palette, distinguishable with the common colour-vision
deficiencies. p (the true distribution) is always vermillion, q (the model) always
blue; a third quantity (an integrand, a contribution) is bluish green.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from contextlib import contextmanager

import numpy as np
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


#: Animation settings of one scrub step: jump straight to the frame, no tween, no redraw.
INSTANT = {
    "frame": {"duration": 0, "redraw": False},
    "mode": "immediate",
    "transition": {"duration": 0},
}


def scrubber(
    names: Sequence[str],
    *,
    prefix: str,
    active: int = 0,
    play: str = "▶",
    pause: str = "❚❚",
    frame_ms: int = 150,
    top: int = 55,
    y: float = 0.0,
    step_labels: bool = True,
) -> dict[str, list[dict]]:
    """The layout's ``sliders`` and ``updatemenus`` of an in-figure scrubber.

    A slider over the frames named `names` (each step shows its frame at once, in the
    browser) and Play/Pause buttons. The buttons sit on a row of their own at the left,
    `top` px below `y` (paper: 0 is the bottom of the plot), with the current value
    (`prefix` and the step's name) at the right of that row, and the rail below both
    across the whole width: side by side, the buttons covered the start of the rail on
    a narrow chart (a phone, or a column of a wide screen). Without `step_labels` the
    steps carry no text under the rail (for many steps, whose labels would overlap).
    """
    playing = {**INSTANT, "frame": {"duration": frame_ms, "redraw": False}, "fromcurrent": True}
    slider = {
        "active": active,
        "x": 0,
        "len": 1,
        "y": y,
        "yanchor": "top",
        "pad": {"t": top + 4, "l": 0, "r": 0},
        "currentvalue": {"prefix": prefix, "font": {"size": 15},
                         "xanchor": "right", "offset": 18},
        "steps": [{"label": n, "method": "animate", "args": [[n], INSTANT]} for n in names],
    }  # fmt: skip
    if not step_labels:
        slider.update(font={"color": "rgba(0,0,0,0)"}, ticklen=3, minorticklen=0)
    menu = {
        "type": "buttons",
        "direction": "left",
        "x": 0,
        "y": y,
        "xanchor": "left",
        "yanchor": "top",
        "pad": {"t": top, "r": 0},
        "showactive": False,
        "buttons": [
            {"label": play, "method": "animate", "args": [None, playing]},
            {"label": pause, "method": "animate", "args": [[None], INSTANT]},
        ],
    }
    return {"sliders": [slider], "updatemenus": [menu]}


def add_scrubber(fig: go.Figure, names: list[str], *, label: str, active: int = 0) -> go.Figure:
    """Add an in-figure slider and a Play/Pause button over the figure's `frames`.

    Each slider step shows the frame of the same name at once, in the browser, with no
    server round trip (no transition, no full redraw): scrubbing feels like Desmos.
    """
    layout = scrubber(names, prefix=f"{label} = ", active=active)
    if isinstance(fig, SpecFigure) and fig._figure is None:
        spec = fig._spec["layout"]
        spec.update(layout)
        spec["height"] = (spec.get("height") or 380) + 110
        spec["margin"] = {**spec.get("margin", {}), "b": 150}
        return fig
    with _unvalidated(fig):  # one step per frame: plain data, checked by the tests
        fig.update_layout(**layout)
    height = fig.layout.height or 380
    fig.update_layout(height=height + 110, margin={"b": 150})
    return fig


class DrawnSpec(dict):
    """A drawn figure's dict, which keeps the JSON made of it the first time.

    Figures are cached and shared, so the same one is drawn on many reruns of many
    sessions; with :func:`serialise_once` installed it is serialised once, not on each.
    """

    __slots__ = ("json",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.json: str | None = None


def serialise_once() -> None:
    """Have ``plotly.io.to_json`` answer a :class:`DrawnSpec` from its first JSON.

    ``st.plotly_chart`` calls ``plotly.io.to_json(figure, validate=False)`` on every
    rerun; for a drawn figure (never changed once drawn) the answer is always the same
    string, so it is kept on the figure. Anything else is serialised as before.
    Idempotent.
    """
    import plotly.io as pio

    plain = pio.to_json
    if getattr(plain, "lossviz_once", False):
        return

    def to_json(fig, *args, **kwargs):
        if type(fig) is DrawnSpec and not args and kwargs == {"validate": False}:
            if fig.json is None:
                fig.json = plain(fig, validate=False)
            return fig.json
        return plain(fig, *args, **kwargs)

    to_json.lossviz_once = True
    to_json.__doc__ = plain.__doc__
    pio.to_json = to_json


class _Drawn(go.Figure):
    """A figure reduced to its finished plotly dict: it can be drawn, not changed.

    ``st.plotly_chart`` asks a figure for ``to_dict()``, a deep copy of every trace and
    frame, on every rerun; for a cached figure that copy was the largest cost of drawing
    it. A drawn figure hands out the dict made once instead. Its ``title`` is the text
    taken out of the figure (see :func:`take_title`), for the page to show above it.
    """

    def __init__(self, spec: dict, title: str = ""):  # no plotly state: nothing to edit
        self._spec = spec
        self.__dict__["title"] = title

    def to_dict(self) -> dict:
        return self._spec


TITLE_ROOM = 28  # px of top margin that a one-line title took above the plot


def take_title(spec: dict) -> str:
    """Take the title's text out of a figure's dict and return it.

    plotly draws a title on one line, clipped at the figure's edge: on a chart in a
    column on a laptop, or on a phone, a long title lost its end. The page shows it
    above the figure instead, as text that wraps at any width. The top margin the title
    took is given back to the plot. `spec`'s layout is replaced by a copy (its nested
    dicts may be the cached figure's own, which must not change).
    """
    title = (spec.get("layout") or {}).get("title")
    text = title.get("text", "") if isinstance(title, dict) else (title or "")
    if not text:
        return ""
    layout = spec["layout"] = dict(spec["layout"])  # a copy: the figure's own is shared
    del layout["title"]
    margin = layout.get("margin")
    if margin and margin.get("t", 0) > TITLE_ROOM:
        layout["margin"] = {**margin, "t": margin["t"] - TITLE_ROOM}
    return str(text)


def for_drawing(fig: go.Figure, *, variant: str = "", restyle=None) -> go.Figure:
    """The figure to hand to ``st.plotly_chart``: its dict made once per figure (and variant).

    `fig` must not be changed after it was first drawn (figures are cached and shared
    between sessions, so they never are). With `restyle` (a function editing a copy in
    place), the variant named `variant` is a restyled copy, made once as well. The
    drawn figure has no title: its ``title`` attribute holds the text, for the page to
    show above the chart (see :func:`take_title`).
    """
    attr = f"_lossviz_drawn{variant}"
    drawn = fig.__dict__.get(attr)
    if drawn is None:
        source = fig
        if restyle is not None:
            source = copy.deepcopy(fig.figure if isinstance(fig, SpecFigure) else fig)
            restyle(source)
        spec = DrawnSpec(compact(source.to_dict()))
        drawn = _Drawn(spec, take_title(spec))
        setattr(fig, attr, drawn)  # a private attribute: plotly stores it as is
    return drawn


SIGNIFICANT = 6  # digits a drawn coordinate keeps: far below a pixel, and in every hover
_COORDS = ("x", "y", "z")


def round_significant(values, digits: int = SIGNIFICANT) -> np.ndarray | None:
    """`values` rounded to `digits` significant digits (float64), or None (see :func:`_numeric`).

    Rounded this way a number prints in its shortest form (``0.320588`` rather than
    ``0.3205875634924848``): a drawn figure's JSON is about half as long, and so is
    the server's work of serialising, hashing and sending it on every rerun.
    """
    a = _numeric(values)
    if a is None or a.size == 0:
        return a
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        mag = np.floor(np.log10(np.abs(a)))
        shift = np.where(np.isfinite(mag), digits - 1 - mag, 0.0)
        # scaled by an exact power of ten (10**k for k ≤ 22), the result is correctly
        # rounded and prints short; beyond that (|x| < 1e-16 or > 1e27) x is kept as it is
        exact = np.abs(shift) <= 22
        power = 10.0 ** np.abs(np.where(exact, shift, 0.0))
        out = np.where(shift >= 0, np.round(a * power) / power, np.round(a / power) * power)
    return np.where(exact & np.isfinite(out), out, a)  # ±inf, NaN kept as they were


def _numeric(value) -> np.ndarray | None:
    """`value` as a float array; None for text, categories, typed and integer arrays."""
    if value is None or isinstance(value, (dict, str)):
        return None  # a typed array ({dtype, bdata}) or a data reference: already compact
    if isinstance(value, np.ndarray):
        return value if value.dtype.kind == "f" else None
    try:
        a = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None  # categories, text, mixed or ragged lists: left as they are
    return a


def compact(spec: dict) -> dict:
    """A copy of a figure's dict as it is drawn, lighter to serialise and send.

    Coordinates to :data:`SIGNIFICANT` digits, and no frame repeating an axis its trace
    already has. `spec` is not changed.

    All coordinates of all traces and frames are rounded in one vectorised pass (a
    figure with 60 frames of 14 traces has 840 of them).
    """
    out = dict(spec)
    traces = [dict(t) for t in spec.get("data") or []]
    out["data"] = traces
    owners: list[tuple[dict, str, dict | None]] = [
        (t, key, None) for t in traces for key in _COORDS
    ]
    if spec.get("frames"):
        frames = []
        for frame in spec["frames"]:
            frame = dict(frame)
            data = [dict(t) for t in frame.get("data") or []]
            targets = frame.get("traces") or range(len(data))
            for t, i in zip(data, targets):
                base = traces[i] if isinstance(i, int) and 0 <= i < len(traces) else None
                owners.extend((t, key, base) for key in _COORDS)
            frame["data"] = data
            frames.append(frame)
        out["frames"] = frames
    arrays, places = [], []
    for trace, key, base in owners:
        a = _numeric(trace.get(key))
        if a is not None and a.size:
            arrays.append(a.ravel())
            places.append((trace, key, base, a.shape, a.size))
    if not arrays:
        return out
    flat = round_significant(np.concatenate(arrays))
    start = 0
    for trace, key, _, shape, size in places:
        trace[key] = flat[start : start + size].reshape(shape)
        start += size
    # An axis that no frame changes (every frame sets it to its trace's value) is left out
    # of the frames: an animation keeps what a frame does not set. One that some frame
    # changes stays in all of them, or moving back to a frame would not restore it.
    repeated: dict[tuple[int, str], list[dict]] = {}
    for trace, key, base, shape, _ in places:
        if base is None:
            continue
        group = repeated.setdefault((id(base), key), [])
        if group is None:
            continue  # some frame already changes it
        theirs = base.get(key)
        if (
            isinstance(theirs, np.ndarray)
            and theirs.shape == shape
            and (theirs == trace[key]).all()
        ):
            group.append(trace)
        else:
            repeated[(id(base), key)] = None
    for (_, key), frames_traces in repeated.items():
        for trace in frames_traces or []:
            del trace[key]
    return out
