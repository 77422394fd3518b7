"""The Streamlit layer of lossviz: translations, URL-bound controls, readouts, charts.

This is the only module of the package that imports Streamlit. Pages call these
helpers and get plain values back (a float, a numpy array), so that a page reads
like the maths it computes::

    p = ui.distribution("p", key="entropy_p", default=[0.5, 0.25, 0.25], label=...)
    h = info.entropy(p, base=ui.unit().base)

URL state
---------
Every control is mirrored in the query string under a short, language-neutral
parameter name (DESIGN.md fixes them per page), so a copied link reopens the same
state. The URL is read once, on the first run of a browser session (a pasted or
edited link always opens a new session); after that the widgets are the source of
truth and each run writes their values back. A bad value in a link is never an
error: the control falls back to its default and the page shows a short notice
naming the parameter and what was wrong with it.

We keep this binding ourselves rather than use Streamlit's ``bind="query-params"``
because (1) a distribution is several sliders behind one parameter (``p=1,1,2``),
(2) Streamlit drops invalid values silently, where a teacher needs to be told what
was ignored, and (3) parameter names must stay fixed while widget keys carry the
page prefix.
"""

from __future__ import annotations

import asyncio
import collections
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from lossviz import charts, course, examples, fmt, i18n, info, serving
from lossviz.charts import style

# Session-state keys used by the frame (the underscore keeps them apart from widgets).
_NEW_VISIT = "_ui_new_visit"  # True on the first run of a page visit: links are read then
_WRITTEN = "_ui_written"  # {param: value} this session last wrote to the URL
_PARAMS = "_ui_params"  # parameter names owned by controls in this run
_NOTICES = "_ui_notices"  # (param, value, reason) triples shown at the top of the page
_WRITTEN_NOW = "_ui_written_now"  # the same, collected during this run
_PAGE = "_ui_page"  # url path of the page visited by the last run
_UNIT = "_ui_unit"  # the information unit, kept while a page without the switch is open
_CHOICES = "_ui_choices"  # {widget key: its language-neutral options}
_REVEALED = "_ui_revealed"  # predict-then-reveal: the student pressed Reveal on this visit
_PAGE_PARAMS = "_ui_page_params"  # {url_path: params its controls used}, for the teacher panel

MAX_RAW_LENGTH = 200  # longer URL values are refused outright (and never echoed in full)
FRAME_PARAMS = ("lang", "unit", "hide", "predict", "projector")
PARAM_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")

PLOTLY_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
# The toolbar's camera button saves one format; the sidebar's "Chart downloads" picks it.
IMAGE_FORMATS = ("png", "svg")
_PLOTLY_CONFIGS = {
    fmt_: {**PLOTLY_CONFIG, "toImageButtonOptions": {"format": fmt_, "scale": 2}}
    for fmt_ in IMAGE_FORMATS
}
_IMAGE_FORMAT = "frame_image_format"


class InvalidParam(ValueError):
    """A URL value that cannot be used; `reason` is a catalogue key under ``common.bad``."""

    def __init__(self, reason: str, **values: object):
        super().__init__(reason)
        self.reason = reason
        self.values = values


@dataclass(frozen=True)
class Unit:
    """An information unit: its URL name, logarithm base, and translated label."""

    name: str
    base: float
    label: str


# --------------------------------------------------------------------------- language


# The language, read once per script run: ui.t() is called ~50 times a release and each
# session-state read costs ~10 µs. Each run executes on its script runner's thread, a
# run may reuse the thread of the session's last one, and only a full run (never a
# fragment's) can change the language: begin() and every write of it clear the value.
_run_local = threading.local()


def lang() -> str:
    """Return the language code of this session (``"en"`` or ``"zh"``)."""
    cached = getattr(_run_local, "lang", None)
    if cached is not None:
        return cached
    value = st.session_state.get("frame_lang")
    value = value if value in i18n.LANGUAGES else _browser_language()
    _run_local.lang = value
    return value


def t(key: str, /, **values: object) -> str:
    """Return the string `key` of the catalogue in the session's language."""
    return i18n.translate(key, lang(), **values)


def _browser_language() -> str:
    locale = ""
    try:
        locale = st.context.locale or ""
    except Exception:  # no browser context (bare script runs)
        locale = ""
    return "zh" if locale.lower().startswith("zh") else i18n.DEFAULT_LANGUAGE


# --------------------------------------------------------------------------- URL state


def _escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation character, so URL text renders literally."""
    return "".join("\\" + c if (c.isascii() and not c.isalnum() and c != " ") else c for c in text)


def _notice(param: str, raw: str, reason: str, **values: object) -> None:
    shown = raw if len(raw) <= 40 else raw[:37] + "…"
    notices = st.session_state.setdefault(_NOTICES, [])
    if (param, shown, reason, values) not in notices:  # a value may be read twice in a run
        notices.append((param, shown, reason, values))


def _register(param: str) -> None:
    st.session_state.setdefault(_PARAMS, set()).add(param)


def _fresh_url_value(param: str) -> bool:
    """Whether the URL carries a value for `param` that this session did not write.

    That is a value from a link (a new session, or a test driving one), to be read
    once when a page visit starts. A value the previous page wrote and the browser
    kept across a page switch is stale, and is not read.
    """
    if not st.session_state.get(_NEW_VISIT, True) or param not in st.query_params:
        return False
    return st.query_params.get_all(param) != [st.session_state.get(_WRITTEN, {}).get(param)]


def _seed(param: str, parse: Callable[[str], Any], default: Any) -> Any:
    """Return the link's value for `param` when there is a fresh one, else `default`."""
    if not _fresh_url_value(param):
        return default
    values = st.query_params.get_all(param)
    raw = values[-1] if values else ""
    try:
        if len(values) > 1:
            raise InvalidParam("repeated")
        if len(raw) > MAX_RAW_LENGTH:
            raise InvalidParam("too_long", limit=MAX_RAW_LENGTH)
        return parse(raw.strip())
    except InvalidParam as bad:
        _notice(param, raw, bad.reason, **bad.values)
        return default


def _init(key: str, param: str, parse: Callable[[str], Any], default: Any) -> None:
    """Give widget `key` its starting value: a fresh link value, else keep or default."""
    if _fresh_url_value(param) or key not in st.session_state:
        st.session_state[key] = _seed(param, parse, st.session_state.get(key, default))
        _run_local.lang = None  # it may have been the language


def hidden(param: str) -> bool:
    """Whether a teacher link hides the control of `param` (``hide=p,q`` or ``hide=all``)."""
    chosen = st.session_state.get("frame_hide") or []
    return param not in FRAME_PARAMS and ("all" in chosen or param in chosen)


def _hidden_value(key: str, param: str, parse: Callable[[str], Any], default: Any) -> Any:
    """The value of a hidden control: from the link, else the widget's last value."""
    store = f"_ui_hidden::{key}"
    _init(store, param, parse, st.session_state.get(key, default))
    return st.session_state[store]


def _write(param: str, text: str) -> None:
    _register(param)
    st.session_state.setdefault(_WRITTEN_NOW, {})[param] = text
    # A fragment rerun never reaches finish(): record the write at once as well, so a
    # value a fragment wrote is never mistaken for a link's after a page switch.
    st.session_state.setdefault(_WRITTEN, {})[param] = text
    if st.query_params.get(param) != text:
        st.query_params[param] = text


def _write_optional(param: str, text: str | None) -> None:
    """Write `param`, or remove it from the URL when `text` is None (an option left off)."""
    if text is not None:
        _write(param, text)
        return
    _register(param)
    if param in st.query_params:
        del st.query_params[param]


def _number_text(x: float) -> str:
    return format(float(x), ".6g")


def parse_float(raw: str, lo: float, hi: float) -> float:
    """Parse a URL number that must lie in ``[lo, hi]``; raise :class:`InvalidParam`."""
    try:
        x = float(raw)
    except ValueError:
        raise InvalidParam("not_a_number") from None
    if not math.isfinite(x):
        raise InvalidParam("not_finite")
    if not lo <= x <= hi:
        raise InvalidParam("out_of_range", min=_number_text(lo), max=_number_text(hi))
    return x


def parse_int(raw: str, lo: int, hi: int) -> int:
    """Parse a URL integer that must lie in ``[lo, hi]``; raise :class:`InvalidParam`."""
    x = parse_float(raw, lo, hi)
    if x != int(x):
        raise InvalidParam("not_an_integer")
    return int(x)


def parse_weights(raw: str, k_min: int, k_max: int, k: int | None = None) -> list[float]:
    """Parse comma-separated non-negative weights, e.g. ``1,1,2``; raise :class:`InvalidParam`."""
    parts = raw.split(",")
    if k is not None and len(parts) != k:
        raise InvalidParam("wrong_length", expected=k, got=len(parts))
    if not k_min <= len(parts) <= k_max:
        raise InvalidParam("bad_length", min=k_min, max=k_max, got=len(parts))
    weights = []
    for part in parts:
        try:
            w = float(part)
        except ValueError:
            raise InvalidParam("not_a_number") from None
        if not math.isfinite(w):
            raise InvalidParam("not_finite")
        if w < 0:
            raise InvalidParam("negative_weight")
        weights.append(w)
    top = max(weights)
    if top == 0:
        raise InvalidParam("all_zero")
    if top > WEIGHT_MAX:  # same distribution, brought into the sliders' range
        weights = [w * WEIGHT_MAX / top for w in weights]
    return weights


def notices_area() -> None:
    """Show the notices about ignored URL values (called by the frame after the page)."""
    for param, raw, reason, values in st.session_state.get(_NOTICES, []):
        why = t(f"common.bad.{reason}", **values)
        # a parameter name from the URL sits in a code span: keep only safe characters
        name = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "?" for c in param[:30])
        st.warning(
            t("common.notice", param=name, value=_escape_markdown(raw), reason=why),
            icon="⚠️",
        )


# --------------------------------------------------------------------------- controls


# _slider_value: a keyed slider is given its session-state value as `value`. Without one,
# Streamlit builds a filtered copy of the whole session state on every slider call to
# guess whether it is a range slider: ~0.2 ms a slider with 150 keys in the session
# (measured in AppTest, 8 sliders: 5.7-6.2 → 4.3 ms a run), more as a session visits
# more pages. The value in session state still wins, as before; `.streamlit/config.toml`
# silences the log line Streamlit writes once when a widget has both.


def number(
    param: str,
    *,
    key: str,
    label: str,
    min_value: float,
    max_value: float,
    default: float,
    step: float,
    format: str | None = None,
    help: str | None = None,
    integer: bool = False,
    disabled: bool = False,
) -> float:
    """A slider for one number, mirrored in the URL as ``param``; returns its value."""
    if integer:
        parse = lambda r: parse_int(r, int(min_value), int(max_value))  # noqa: E731
        default = int(default)
    else:
        parse = lambda r: parse_float(r, min_value, max_value)  # noqa: E731
        default = float(default)
    if hidden(param):
        value = _hidden_value(key, param, parse, default)
    else:
        _init(key, param, parse, default)
        value = st.slider(
            label,
            min_value=min_value,
            max_value=max_value,
            value=st.session_state.get(key, default),  # see _slider_value
            step=step,
            key=key,
            format=format,
            help=help,
            disabled=disabled,
        )
    _write(param, str(value) if integer else _number_text(value))
    return value


def number_row(
    specs: dict[str, tuple[float, float, float, float]], *, topic: str, key_prefix: str
) -> dict[str, float]:
    """A row of sliders, one per URL parameter, side by side.

    `specs` maps each parameter to ``(min, max, default, step)``; labels and help
    come from the catalogue keys ``<topic>.label_<param>`` and ``<topic>.help_<param>``.
    Returns ``{param: value}``.
    """
    values = {}
    for column, (param, (lo, hi, default, step)) in zip(st.columns(len(specs)), specs.items()):
        with column:
            values[param] = number(
                param,
                key=f"{key_prefix}{param}",
                label=t(f"{topic}.label_{param}"),
                min_value=lo,
                max_value=hi,
                default=default,
                step=step,
                help=t(f"{topic}.help_{param}"),
            )
    return values


def choice(
    param: str,
    *,
    key: str,
    label: str,
    options: Sequence[str],
    default: str,
    format_func: Callable[[str], str] | None = None,
    horizontal: bool = True,
    help: str | None = None,
) -> str:
    """A radio choice among language-neutral `options`, mirrored in the URL; returns it."""

    def parse(raw: str) -> str:
        if raw not in options:
            raise InvalidParam("bad_choice", options=", ".join(options))
        return raw

    st.session_state.setdefault(_CHOICES, {})[key] = list(options)  # raw options, for tests
    if hidden(param):
        value = _hidden_value(key, param, parse, default)
    else:
        _init(key, param, parse, default)
        value = st.radio(
            label,
            list(options),
            key=key,
            format_func=format_func or str,
            horizontal=horizontal,
            help=help,
        )
    _write(param, value)
    return value


def toggle(param: str, *, key: str, label: str, default: bool, help: str | None = None) -> bool:
    """An on/off switch mirrored in the URL as ``1``/``0``; returns its state."""

    def parse(raw: str) -> bool:
        if raw not in ("0", "1"):
            raise InvalidParam("bad_choice", options="0, 1")
        return raw == "1"

    if hidden(param):
        value = _hidden_value(key, param, parse, default)
    else:
        _init(key, param, parse, default)
        value = st.toggle(label, key=key, help=help)
    _write(param, "1" if value else "0")
    return value


def text(
    param: str, *, key: str, label: str, default: str, max_chars: int = 120, help: str | None = None
) -> str:
    """A one-line text box mirrored in the URL; returns its text (never rendered as markup)."""

    def parse(raw: str) -> str:
        if len(raw) > max_chars:
            raise InvalidParam("too_long", limit=max_chars)
        return raw

    if hidden(param):
        value = _hidden_value(key, param, parse, default)
    else:
        _init(key, param, parse, default)
        value = st.text_input(label, key=key, max_chars=max_chars, help=help)
    _write(param, value)
    return value


WEIGHT_MAX = 10.0
WEIGHT_STEP = 0.1


def distribution(
    param: str,
    *,
    key: str,
    label: str,
    default: Sequence[float],
    names: Sequence[str] | None = None,
    k: int | None = None,
    k_range: tuple[int, int] = (2, 8),
    presets: dict[str, Sequence[float] | Callable[[int], Sequence[float]]] | None = None,
) -> np.ndarray:
    """A discrete-distribution editor: one weight slider per outcome, normalised.

    The weights live in the URL as ``param=w1,w2,...`` (any non-negative numbers,
    not all zero). The returned probabilities are the weights divided by their sum;
    when that changes anything, the editor says so under the sliders.

    Parameters
    ----------
    param : str
        URL parameter name, e.g. ``"p"``.
    key : str
        Widget-key prefix, e.g. ``"entropy_p"``.
    label : str
        Heading shown above the sliders.
    default : sequence of float
        Default weights.
    names : sequence of str, optional
        Outcome names; ``x1, x2, ...`` by default.
    k : int, optional
        Fixed number of outcomes (e.g. q must match p); otherwise the user picks k
        in `k_range`.
    k_range : (int, int)
        Smallest and largest number of outcomes.
    presets : dict of str to weights, optional
        Translated preset names and their weights (or a function of the current k
        returning weights), offered as one-click buttons.

    Returns
    -------
    numpy.ndarray of shape (k,)
        Probabilities that sum to 1.
    """
    weights_key, k_key = f"{key}_weights", f"{key}_k"
    k_min, k_max = k_range
    if _fresh_url_value(param) or weights_key not in st.session_state:
        parse = lambda raw: parse_weights(raw, k_min, k_max, k)  # noqa: E731
        _set_weights(key, _seed(param, parse, st.session_state.get(weights_key, list(default))))
    weights = st.session_state[weights_key]
    if k is not None and len(weights) != k:  # the other distribution changed size
        _set_weights(key, _resized(weights, k))
        weights = st.session_state[weights_key]

    if hidden(param):
        return _probabilities(param, key)
    st.markdown(f"**{label}**")
    if presets:
        st.pills(
            t("common.dist.presets"),
            list(presets),
            key=f"{key}_preset",
            on_change=_apply_preset,
            args=(key, presets),
        )
    if k is None:
        st.session_state[k_key] = len(weights)
        st.number_input(
            t("common.dist.k"),
            min_value=k_min,
            max_value=k_max,
            step=1,
            key=k_key,
            on_change=_apply_k,
            args=(key,),
        )
    names = list(names) if names is not None else [f"x{i + 1}" for i in range(len(weights))]
    columns = st.columns(min(len(weights), 4))
    for i, w in enumerate(weights):
        slider_key = f"{key}_{i}"
        if slider_key not in st.session_state:
            st.session_state[slider_key] = float(w)
        with columns[i % len(columns)]:
            st.slider(
                t("common.dist.weight", name=names[i] if i < len(names) else f"x{i + 1}"),
                min_value=0.0,
                max_value=WEIGHT_MAX,
                value=st.session_state[slider_key],  # see _slider_value
                step=WEIGHT_STEP,
                key=slider_key,
                on_change=_apply_slider,
                args=(key, i),
            )
    return _probabilities(param, key, show_note=True)


def example_presets() -> dict[str, Sequence[float]]:
    """The shared running examples as :func:`distribution` presets, in the current language."""
    return {t(f"common.example.{name}"): w for name, w in examples.DISTRIBUTIONS.items()}


def _probabilities(param: str, key: str, show_note: bool = False) -> np.ndarray:
    """Write the weights to the URL and return them normalised (saying so if asked)."""
    weights = st.session_state[f"{key}_weights"]
    _write(param, ",".join(_number_text(w) for w in weights))
    if sum(weights) == 0:
        st.warning(t("common.dist.all_zero"))
        return np.full(len(weights), 1 / len(weights))
    p = info.normalize(weights)
    if show_note and not np.allclose(p, weights, rtol=0, atol=1e-12):
        st.caption(t("common.dist.normalised", name=param, probs=fmt.format_list(p)))
    return p


def _resized(weights: list[float], k: int) -> list[float]:
    return (list(weights) + [1.0] * k)[:k]


def _set_weights(key: str, weights: Sequence[float]) -> None:
    old = st.session_state.get(f"{key}_weights", [])
    for i in range(len(weights), len(old)):
        st.session_state.pop(f"{key}_{i}", None)
    st.session_state[f"{key}_weights"] = [float(w) for w in weights]
    for i, w in enumerate(weights):
        st.session_state[f"{key}_{i}"] = float(w)


def _apply_preset(key: str, presets: dict[str, Any]) -> None:
    chosen = st.session_state.get(f"{key}_preset")
    if chosen in presets:
        weights = presets[chosen]
        if callable(weights):  # a preset that depends on the current k, e.g. uniform over k
            weights = weights(len(st.session_state[f"{key}_weights"]))
        _set_weights(key, weights)
    st.session_state[f"{key}_preset"] = None


def _apply_k(key: str) -> None:
    _set_weights(key, _resized(st.session_state[f"{key}_weights"], st.session_state[f"{key}_k"]))


def _apply_slider(key: str, i: int) -> None:
    weights = list(st.session_state[f"{key}_weights"])
    value = st.session_state.get(f"{key}_{i}")
    if i < len(weights) and value is not None:  # k may have shrunk in the same rerun
        weights[i] = float(value)
        st.session_state[f"{key}_weights"] = weights


# --------------------------------------------------------------------------- readouts


def unit() -> Unit:
    """Return the information unit chosen in the frame (bits by default)."""
    name = st.session_state.get("frame_unit", st.session_state.get(_UNIT, "bits"))
    name = name if name in info.UNITS else "bits"
    return Unit(name, info.UNITS[name], t(f"common.unit.{name}"))


def quantity(x: float, unit_label: str | None = None, digits: int = 3) -> str:
    """Format a readout value: the number first, then the unit (``1.500 bits``, ``∞ bits``)."""
    return fmt.format_quantity(x, unit().label if unit_label is None else unit_label, digits)


def answers_hidden() -> bool:
    """Whether a predict-then-reveal link is still hiding the answers on this page.

    Pages use it to hold back prose or formulas that would give the answer away.
    """
    return bool(st.session_state.get("frame_predict")) and not st.session_state.get(_REVEALED)


def projector() -> bool:
    """Whether projector mode (large type, thick lines) is on."""
    return bool(st.session_state.get("frame_projector"))


def metric(label: str, value: str, **kwargs: Any) -> None:
    """A readout (``st.metric``); shows ``?`` while a predict-then-reveal link hides answers."""
    st.metric(label, "?" if answers_hidden() else value, **kwargs)


def metric_in(container: Any, label: str, value: str, **kwargs: Any) -> None:
    """:func:`metric` drawn in a column or other container."""
    with container:
        metric(label, value, **kwargs)


PROJECTOR_FONT = '"Source Sans", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'


def _projector_style(fig: Any) -> None:
    """Large type, thick lines and big markers, for a room reading a projected screen."""
    height = int((fig.layout.height or 400) * 1.4)
    top, bottom = 58, 140  # top: 30 px once the title is taken out to the page
    fig.update_layout(
        font={"size": 22, "family": PROJECTOR_FONT, "color": "#000000"},
        height=height,
        margin={"t": top, "b": bottom},
    )
    if not fig.layout.sliders:  # under an in-figure slider, it lay over the slider's rail
        # the legend under the axis title: a quarter of the plot's height below it, and
        # at least 85 px (on a short plot, a quarter put it over the axis title)
        below = max(0.25, 85 / max(height - top - bottom, 1))
        fig.update_layout(
            legend={"orientation": "h", "y": -below, "yanchor": "top", "x": 0, "xanchor": "left"}
        )
    # without Streamlit's chart theme, whose template gave it, axes do not make room for
    # their (now larger) labels: a category label was cut off at the chart's edge
    fig.update_xaxes(tickfont_size=20, title_font_size=22, automargin=True)
    fig.update_yaxes(tickfont_size=20, title_font_size=22, automargin=True)
    fig.update_traces(line_width=6, selector={"type": "scatter"})
    fig.update_traces(marker_size=20, selector={"mode": "markers"})


def image_filename(title: str, key: str) -> str:
    """A file name (no extension) for a chart's image: its title, else its key.

    Characters that file systems refuse or browsers replace become spaces; at most 80.
    """
    name = "".join(" " if c in '\\/:*?"<>|' or not c.isprintable() else c for c in title)
    name = " ".join(name.split())[:80].strip(" .")
    return name or key


def chart(fig: Any, *, key: str, alt: str, answer: bool = True, table: bool = True) -> None:
    """Draw a plotly figure with its ``alt`` text, toolbar settings and the data behind it.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure.
    key : str
        Element key, prefixed by the page.
    alt : str
        Text alternative generated from the data (what is plotted, current values).
    answer : bool
        Whether the chart gives away an answer: in predict-then-reveal mode such a
        chart waits for the Reveal button.
    table : bool
        Whether to offer the data table and CSV download under the chart.
    """
    if answer and answers_hidden():
        st.info(t("common.predict.chart_hidden"), icon="🙈")
        return
    # figures are cached and shared: draw the dict made once per figure (and a restyled
    # copy in projector mode), never an edited original
    if projector():
        drawn = style.for_drawing(fig, variant="_projector", restyle=_projector_style)
    else:
        drawn = style.for_drawing(fig)
    image_format = st.session_state.get(_IMAGE_FORMAT)
    config = _PLOTLY_CONFIGS.get(image_format, PLOTLY_CONFIG)
    # the title is on the page, not in the image: the saved file is named after it
    image = {**config["toImageButtonOptions"], "filename": image_filename(drawn.title, key)}
    config = {**config, "toImageButtonOptions": image}
    # Streamlit's chart theme sets its own font sizes over the figure's: the projector's
    # large type shows only without it (the figure then carries its own font and colours)
    theme = None if projector() else "streamlit"
    if drawn.title:  # as text above the chart, which wraps where plotly's title was cut off
        # in a container of its own: side by side, titles take two lines (PAGE_CSS), so a
        # title that wraps does not put its plot a line below its neighbour's
        with st.container(key=f"{TITLE_KEY}{key}"):
            st.markdown(f"**{_escape_markdown(drawn.title)}**")
    st.plotly_chart(drawn, key=key, alt=alt, config=config, theme=theme)
    if table:
        # The table is built only while its expander is open: a closed one costs nothing.
        data_box = st.expander(t("common.data"), key=f"{key}_data", on_change="rerun")
        if not data_box.open:
            return
        with data_box:
            data = charts.figure_table(fig)
            st.dataframe(data, hide_index=True, key=f"{key}_table", height=240)
            st.download_button(  # the CSV is made only when someone asks for it
                t("common.download_csv"),
                lambda: charts.table_csv(data),
                file_name=f"{key}.csv",
                mime="text/csv",
                key=f"{key}_csv",
                on_click="ignore",
            )


def header(topic: str) -> None:
    """Show a lesson's title and its introduction from the catalogue."""
    st.title(t(f"{topic}.title"))
    st.markdown(t(f"{topic}.intro"))


# --------------------------------------------------------------------------- frame


def _parse_lang(raw: str) -> str:
    if raw not in i18n.LANGUAGES:
        raise InvalidParam("bad_choice", options=", ".join(i18n.LANGUAGES))
    return raw


def begin() -> None:
    """Start a run: settle the language (a link's ``lang``, else the browser's) for the router."""
    _run_local.lang = None  # a new full run: the language may have been switched
    st.session_state[_PARAMS] = set()
    st.session_state[_WRITTEN_NOW] = {}
    _init("frame_lang", "lang", _parse_lang, _browser_language())


def frame(url_path: str) -> None:
    """The controls shared by all pages (language, unit), in the sidebar and the URL.

    Call once per run after :func:`begin` and the router, before the page; call
    :func:`finish` after the page.
    """
    new_visit = st.session_state.get(_PAGE) != url_path
    st.session_state[_NEW_VISIT] = new_visit
    if new_visit:
        st.session_state[_NOTICES] = []
        st.session_state[_REVEALED] = False
        # a link opening this visit may set the language: settle it before any label
        _init("frame_lang", "lang", _parse_lang, _browser_language())
    with st.sidebar:
        choice(
            "lang",
            key="frame_lang",
            label=t("common.language"),
            options=list(i18n.LANGUAGES),
            default=_browser_language(),
            format_func=i18n.LANGUAGES.get,
        )
        if course.lesson(url_path).units:
            _init("frame_unit", "unit", _parse_unit, st.session_state.get(_UNIT, "bits"))
            st.session_state[_UNIT] = choice(
                "unit",
                key="frame_unit",
                label=t("common.unit.label"),
                options=list(info.UNITS),
                default="bits",
                format_func=lambda name: t(f"common.unit.{name}"),
                help=t("common.unit.help"),
            )
        else:  # the unit is kept (and stays in the link) for the pages that use it
            _init(_UNIT, "unit", _parse_unit, st.session_state.get(_UNIT, "bits"))
            _write("unit", st.session_state[_UNIT])
            st.caption(t("common.unit.fixed"))
        st.radio(  # a preference of this browser tab, not part of a lesson's link
            t("common.image_format.label"),
            IMAGE_FORMATS,
            format_func=str.upper,
            key=_IMAGE_FORMAT,
            horizontal=True,
            help=t("common.image_format.help"),
        )
        with st.expander(t("common.teacher.title"), icon=":material/co_present:"):
            _teacher_panel(url_path)
    st.html(PAGE_CSS)
    if projector():
        st.html(PROJECTOR_CSS)
    if st.session_state.get("frame_predict"):
        _predict_banner()


TITLE_KEY = "lvtitle_"  # key prefix of a chart title's container (class st-key-lvtitle_…)
# Nothing a reader needs is cut off or hidden out of sight:
# - Streamlit cuts a label to one line ending in "…" (readouts, toggles, tabs, pills, page
#   links: at 1024 px, "1.922 比…", "Expected test M…", a row of six toggles read "H…",
#   "S…"); here every such text wraps, and a page link grows to hold it;
# - tabs and pills that do not fit in one row scroll sideways out of sight (numerics showed
#   2 of its 6 tabs at 800 px, entropy 1 of its 7 presets at 1024 px); here they wrap;
# - a readout's value never breaks inside a number or a word ("100.00|0", "比|特"), and
#   its type shrinks with the readout's width (container query) so that it fits a line;
# - side by side (columns, which Streamlit stacks below 640 px), readout labels and chart
#   titles take at least two lines, their text at the bottom, so the values and plots
#   below them start level however the text wraps.
PAGE_CSS = """<style>
.stMarkdownEllipsis, .stMarkdownEllipsis p {
  white-space: normal; overflow: visible; text-overflow: clip; }
[data-testid="stSidebarNavLink"] { height: auto; min-height: 2rem; }
[data-testid="stSidebarNav"] p { line-height: 1.3; }
[data-testid="stTabs"] [role="tablist"], [data-testid="stButtonGroup"] > div {
  flex-wrap: wrap; overflow-x: visible; row-gap: 0.25rem; }
[data-testid="stButtonGroup"] button { max-width: 100%; height: auto; }
[data-testid="stButtonGroup"] button p { white-space: normal; }
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetric"] [data-testid="stMetricValue"] {
  font-size: clamp(1.25rem, 18cqi, 2.25rem); }
[data-testid="stMetricValue"] p { word-break: keep-all; overflow-wrap: normal; }
@media (min-width: 640px) {
  [data-testid="stColumn"] [class*="st-key-lvtitle_"] {
    min-height: 3.2rem; justify-content: flex-end; }
  [data-testid="stColumn"] [data-testid="stMetricLabel"] { min-height: 2.65rem; align-items: end; }
}
</style>"""

PROJECTOR_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 24px !important; }
[data-testid="stMetricValue"] * { font-size: clamp(1.5rem, 18cqi, 2.4rem) !important;
  font-weight: 700; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.3rem; }
h1 { font-size: 3rem !important; }
@media (min-width: 640px) {
  [data-testid="stColumn"] [class*="st-key-lvtitle_"] { min-height: 4.2rem; }
  [data-testid="stColumn"] [data-testid="stMetricLabel"] { min-height: 3.5rem; } }
[data-testid="stAppViewContainer"] { background: #ffffff; color: #000000; }
</style>"""


def _parse_hide(raw: str) -> list[str]:
    names = [n for n in raw.split(",") if n]
    if not names or any(not set(n) <= PARAM_NAME_CHARS or len(n) > 20 for n in names):
        raise InvalidParam("bad_hide")
    return names


def _parse_unit(raw: str) -> str:
    if raw not in info.UNITS:
        raise InvalidParam("bad_choice", options=", ".join(info.UNITS))
    return raw


def _parse_flag(raw: str) -> bool:
    if raw not in ("0", "1"):
        raise InvalidParam("bad_choice", options="0, 1")
    return raw == "1"


def _teacher_panel(url_path: str) -> None:
    """Hide controls, predict-then-reveal and projector mode, all kept in the URL."""
    st.caption(t("common.teacher.help"))
    known = st.session_state.get(_PAGE_PARAMS, {}).get(url_path, [])
    _init("frame_hide", "hide", _parse_hide, [])
    options = ["all", *sorted(set(known) | set(st.session_state["frame_hide"]) - {"all"})]
    chosen = st.multiselect(
        t("common.teacher.hide"),
        options,
        key="frame_hide",
        format_func=lambda o: t("common.teacher.hide_all") if o == "all" else o,
        help=t("common.teacher.hide_help"),
    )
    _write_optional("hide", ",".join(chosen) if chosen else None)
    for param, key in (("predict", "frame_predict"), ("projector", "frame_projector")):
        _init(key, param, _parse_flag, False)
        on = st.toggle(
            t(f"common.teacher.{param}"), key=key, help=t(f"common.teacher.{param}_help")
        )
        _write_optional(param, "1" if on else None)
    st.caption(t("common.teacher.link_note"))


def _predict_banner() -> None:
    if st.session_state.get(_REVEALED):
        st.button(
            t("common.predict.hide_again"),
            key="frame_hide_again",
            on_click=lambda: st.session_state.update({_REVEALED: False}),
        )
        return
    st.info(t("common.predict.banner"), icon="🤔")
    st.button(
        t("common.predict.reveal"),
        key="frame_reveal",
        type="primary",
        on_click=lambda: st.session_state.update({_REVEALED: True}),
    )


def finish(url_path: str) -> None:
    """After the page: note unknown link parameters, drop stale ones, end the visit's start."""
    owned = st.session_state.get(_PARAMS, set())
    for param in list(st.query_params):
        if param not in owned:
            if _fresh_url_value(param):
                _notice(param, ",".join(st.query_params.get_all(param)), "unknown")
            del st.query_params[param]
    st.session_state[_WRITTEN] = st.session_state.get(_WRITTEN_NOW, {})
    st.session_state.setdefault(_PAGE_PARAMS, {})[url_path] = sorted(owned - set(FRAME_PARAMS))
    st.session_state[_PAGE] = url_path
    st.session_state[_NEW_VISIT] = False


def course_links(url_path: str) -> None:
    """Previous / next links along the course path, at the foot of a lesson."""
    before, after = course.neighbours(url_path)
    st.divider()
    left, right = st.columns(2)
    if before is not None:
        title = t(f"{before.url_path}.title")
        left.page_link(before.script, label=t("common.nav.previous", title=title), icon="⬅️")
    if after is not None:
        title = t(f"{after.url_path}.title")
        right.page_link(after.script, label=t("common.nav.next", title=title), icon="➡️")


def quiz(key: str, question: str, options: Sequence[str], correct: int, why: str) -> None:
    """One multiple-choice question with instant feedback that explains why.

    Parameters
    ----------
    key : str
        Widget key (not in the URL: a shared link must not carry a student's answers).
    question : str
        The question, possibly built from the page's current numbers.
    options : sequence of str
        The choices.
    correct : int
        Index of the right choice.
    why : str
        The explanation, shown with the verdict as soon as a choice is made.
    """
    chosen = st.radio(
        question, range(len(options)), index=None, key=key, format_func=lambda i: options[i]
    )
    if chosen is None:
        return
    if chosen == correct:
        st.success(f"{t('common.quiz.right')} {why}", icon="✅")
    else:
        st.error(f"{t('common.quiz.wrong', answer=options[correct])} {why}", icon="💡")


def quiz_count(topic: str) -> int:
    """How many catalogue questions ``<topic>.quiz<n>.*`` a lesson has."""
    catalogue = i18n.catalogue(lang())
    n = 0
    while f"{topic}.quiz{n + 1}.q" in catalogue:
        n += 1
    return n


def quizzes(topic: str) -> None:
    """The lesson's "Check your understanding" questions, from its catalogue.

    A question ``n`` is the keys ``quiz<n>.q`` (the question), ``quiz<n>.options``
    (choices separated by ``|``), ``quiz<n>.answer`` (the 1-based number of the right
    choice, the same in every language) and ``quiz<n>.why`` (the explanation).
    """
    count = quiz_count(topic)
    if not count:
        return
    st.subheader(t("common.quiz.title"), anchor="quiz")
    for n in range(1, count + 1):
        prefix = f"{topic}.quiz{n}"
        with st.container(border=True):
            quiz(
                f"quiz_{topic}_{n}",
                t(f"{prefix}.q"),
                t(f"{prefix}.options").split("|"),
                int(t(f"{prefix}.answer")) - 1,
                t(f"{prefix}.why"),
            )


# --------------------------------------------------------------------------- server tuning
# lossviz.serving lists the tuning items and reads LOSSVIZ_TUNING (it imports no
# Streamlit nor plotly); the items that change Streamlit's or plotly's own code are
# applied here, once, when the UI layer is first imported (see the end of this module).
#
# ``json``: each drawn figure serialised once (``style.serialise_once``).
# ``wake``: one event-loop wake-up per batch of messages, not two per element. Streamlit
# runs each script on a thread of its own. For every element the script draws, that
# thread hands the message to the event loop with ``loop.call_soon_threadsafe`` (a write
# to the loop's wake-up pipe and a trip round the loop), and the loop then schedules a
# second wake-up to flush the queue (``Runtime._enqueued_some_message``). A page draws
# 30–70 elements per release. Here, a session's callbacks for the event loop go into one
# first-in-first-out queue, and the loop is woken only when that queue was empty, so the
# callbacks run in the order they were made, as before, in one trip round the loop; the
# flush is requested only if it is not already pending. The patch checks that the
# Streamlit internals it replaces are still there, and leaves Streamlit as it is (with a
# note in ``server_tuning``) if they are not: ``tests/test_serving.py`` fails then, so
# an upgrade of Streamlit cannot drop it silently.


def _patch_wake() -> str:
    from streamlit.runtime import app_session, runtime

    session_cls = app_session.AppSession
    runtime_cls = runtime.Runtime
    missing = [
        f"{cls.__name__}.{name}"
        for cls, name in (
            (session_cls, "_call_soon_on_event_loop"),
            (runtime_cls, "_enqueued_some_message"),
            (runtime_cls, "_get_async_objs"),
        )
        if not callable(getattr(cls, name, None))
    ]
    if missing:
        return "not applied: Streamlit has no " + ", ".join(missing)
    session_cls._call_soon_on_event_loop = call_soon_on_event_loop
    runtime_cls._enqueued_some_message = enqueued_some_message
    return "a session's event-loop callbacks run in one batch per wake-up"


def call_soon_on_event_loop(session, callback: Callable[[], None]) -> None:
    """``AppSession._call_soon_on_event_loop``: queue `callback`, wake the loop if idle.

    Any thread may call it. The callbacks of one session run on its event loop
    (``session._event_loop``) in the order they were queued, as with one
    ``call_soon_threadsafe`` each; a callback queued while a batch is running runs in
    that batch. Once the loop is closed (shutdown), callbacks are dropped, as Streamlit
    does.
    """
    # Made on first use: a session's first callback comes from the thread creating it.
    state = session.__dict__.get("_lossviz_wake")
    if state is None:
        state = session.__dict__.setdefault(
            "_lossviz_wake", (collections.deque(), threading.Lock(), [False])
        )
    queue, lock, pending = state
    with lock:
        queue.append(callback)
        if pending[0]:
            return
        pending[0] = True
    loop = session._event_loop
    try:
        loop.call_soon_threadsafe(_drain_callbacks, loop, state)
    except RuntimeError:
        with lock:
            queue.clear()
            pending[0] = False
        if not loop.is_closed():
            raise


def _drain_callbacks(loop, state) -> None:
    """Run a session's queued callbacks in order, until the queue is empty."""
    queue, lock, pending = state
    while True:
        with lock:
            if not queue:
                pending[0] = False
                return
            batch = list(queue)
            queue.clear()
        for i, callback in enumerate(batch):
            try:
                callback()
            except Exception as exc:  # as asyncio does for a failing callback: log, go on
                loop.call_exception_handler(
                    {"message": "Exception in a Streamlit callback", "exception": exc}
                )
            except BaseException:  # leaving the loop (shutdown): the rest waits, unblocked
                with lock:
                    queue.extendleft(reversed(batch[i + 1 :]))
                    pending[0] = False
                raise


def enqueued_some_message(runtime) -> None:
    """``Runtime._enqueued_some_message``: ask the loop to flush, unless it will anyway.

    The flush loop clears its ``need_send_data`` event before it takes the queued
    messages, and a message is queued before this is called: if the event is still
    set, the coming flush takes this message too.
    """
    objs = runtime._get_async_objs()
    if objs.need_send_data.is_set():
        return
    if asyncio._get_running_loop() is objs.eventloop:
        objs.need_send_data.set()  # on the loop's own thread: no wake-up needed
    else:
        objs.eventloop.call_soon_threadsafe(objs.need_send_data.set)


_TUNING = serving.wanted()
if "json" in _TUNING:
    style.serialise_once()
server_tuning: dict[str, str] = (  # what the Streamlit-side items did, for the record
    {"wake": _patch_wake()} if "wake" in _TUNING else {"off": "Streamlit's server as shipped"}
)
