"""Every page against hostile links and against every control at its extremes and at random.

The pages and their parameters are discovered, not listed: each lesson of the course is
opened with its defaults, and the parameters it writes to the URL are the ones attacked.
A new lesson is covered as soon as it is in ``lossviz.course``.
"""

from __future__ import annotations

import math
import os
import random
import re

import pytest
from conftest import open_page

from lossviz import course, i18n, ui

PAGES = [lesson.url_path for lesson in (course.OVERVIEW, *course.LESSONS)]
SWEEP = int(os.environ.get("LOSSVIZ_SWEEP", "120"))  # random combinations per page

HOSTILE = [
    "",
    " ",
    "abc",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e308",
    "-1e308",
    "-1",
    "0",
    "-0",
    "1e-320",
    "0x10",
    "1,1",
    "-1,2",
    "0,0,0",
    "1,nan",
    "1;2",
    ",".join(["1"] * 10_000),
    "1," * 40,
    "<script>alert(1)</script>",
    "<b>bold</b><img src=x onerror=alert(1)>",
    "**bold** _it_",
    "[link](javascript:alert(1))",
    r"$\frac{1}{0}$",
    "é中文🙂",
    "x" * 5000,
    "%00",
    "../../etc/passwd",
]
FRAME_HOSTILE = {"lang": ["fr", "", "<b>zh</b>", "EN"], "unit": ["bytes", "", "BITS", "nat"]}
# Readouts whose whole point is to show a naive formula failing with NaN (labelled so).
NAN_DEMOS = {i18n.translate("numerics.metric_naive", lang) for lang in i18n.LANGUAGES}
MARKUP = re.compile(r"(?<!\\)<\s*(script|b|img|iframe)\b", re.IGNORECASE)  # unescaped tags


def _notices(at) -> str:
    return " ".join(w.value for w in at.warning)


def _readouts(at) -> list[str]:
    return [m.value for m in at.metric]


def _assert_healthy(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    for metric in at.metric:
        if metric.label not in NAN_DEMOS:
            assert "nan" not in metric.value.lower(), (metric.label, metric.value)
    for element in (*at.markdown, *at.warning, *at.caption, *at.info):
        assert not MARKUP.search(element.value), element.value


def _page_params(url_path: str) -> tuple[list[str], list[str]]:
    at = open_page(url_path)
    return sorted(set(at.query_params) - set(ui.FRAME_PARAMS)), _readouts(at)


@pytest.mark.parametrize("page", PAGES)
def test_hostile_values_never_break_a_page(page):
    """Every parameter of the page gets each hostile value at once, in one link."""
    params, default_readouts = _page_params(page)
    tried = 0
    for value in HOSTILE:
        at = open_page(page, **dict.fromkeys(params, value))
        _assert_healthy(at)
        notices = _notices(at)
        ignored = [p for p in params if f"`{p}`" in notices]
        for param in set(params) - set(ignored):
            # accepted: a valid value for that parameter, now in the URL in canonical form
            assert param in at.query_params, (param, value)
        if len(ignored) == len(params):  # everything ignored: exactly the defaults
            assert _readouts(at) == default_readouts, value
        tried += len(params)
    print(f"{page}: {len(HOSTILE)} hostile links, {tried} parameter values")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("param", "values"), list(FRAME_HOSTILE.items()))
def test_bad_language_or_unit_falls_back_with_a_notice(page, param, values):
    for value in values:
        at = open_page(page, **{param: value})
        _assert_healthy(at)
        assert f"`{param}`" in _notices(at), value


@pytest.mark.parametrize("page", PAGES)
def test_unknown_and_repeated_parameters_are_named_and_dropped(page):
    at = open_page(page, zzz="1", **{"<b>": "x"})
    _assert_healthy(at)
    assert "`zzz`" in _notices(at)
    assert "zzz" not in at.query_params


def _controls(at):
    """The page's own widgets (not the frame's, not the quizzes)."""
    own = lambda w: w.key and not w.key.startswith(("frame_", "quiz_"))  # noqa: E731
    return (
        [w for w in at.slider if own(w)],
        [w for w in at.number_input if own(w)],
        [w for w in at.radio if own(w)],
        [w for w in at.toggle if own(w)],
        [w for w in at.selectbox if own(w)],
    )


def _slider_values(w):
    lo, hi, step = w.proto.min, w.proto.max, w.proto.step or 1
    is_int = w.proto.data_type == 0
    return lo, hi, step, is_int


def _set_random(at, rng: random.Random, mode: str) -> None:
    sliders, numbers, radios, toggles, selects = _controls(at)
    for w in sliders:
        if isinstance(w.value, tuple):
            continue
        lo, hi, step, is_int = _slider_values(w)
        if mode == "min":
            v = lo
        elif mode == "max":
            v = hi
        else:
            v = lo + step * rng.randint(0, max(0, math.floor((hi - lo) / step)))
            v = min(v, hi)
        w.set_value(round(v) if is_int else float(v))
    for w in numbers:
        lo = w.proto.min if w.proto.has_min else 0
        hi = w.proto.max if w.proto.has_max else lo + 10
        v = lo if mode == "min" else hi if mode == "max" else rng.randint(int(lo), int(hi))
        w.set_value(int(v) if w.proto.data_type == 0 else float(v))
    for w in (*radios, *selects):
        options = list(w.options)
        if options:
            w.set_value(_option_value(at, w, rng.randrange(len(options))))
    for w in toggles:
        w.set_value(mode == "max" if mode != "random" else rng.random() < 0.5)


def _option_value(at, w, index):
    """The raw option (e.g. ``"poly"``) behind a radio's translated label."""
    raw = at.session_state["_ui_choices"].get(w.key) if "_ui_choices" in at.session_state else None
    return raw[index] if raw else w.options[index]


@pytest.mark.parametrize("page", PAGES)
def test_every_control_at_its_extremes_and_at_random(page):
    at = open_page(page)
    rng = random.Random(20261125)
    tried = 0
    for mode in ["min", "max"] + ["random"] * SWEEP:
        _set_random(at, rng, mode)
        at.run()
        _assert_healthy(at)
        tried += 1
    print(f"{page}: {tried} widget combinations")
