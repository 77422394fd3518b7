"""Every figure every page draws is a valid plotly figure.

The chart builders skip plotly's per-property validation to keep a rerun cheap
(``style.spec_figure``). This is where that validation happens instead: each page is
run, and the JSON of each of its charts, exactly as sent to the browser, is fed back to
``plotly.graph_objects.Figure`` with validation on, which raises on any unknown
property, bad value or malformed frame.
"""

import json

import plotly.graph_objects as go
import pytest

from lossviz import course
from tests.conftest import open_page

PAGES = [lesson.url_path for lesson in course.LESSONS]


def _validated(at) -> int:
    charts = at.get("plotly_chart")
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        go.Figure(spec)  # raises ValueError on anything plotly.js would not understand
    return len(charts)


@pytest.mark.parametrize("url_path", PAGES)
def test_every_chart_of_the_page_is_a_valid_plotly_figure(url_path):
    at = open_page(url_path)
    assert not at.exception
    assert _validated(at) >= 1


@pytest.mark.parametrize("url_path", PAGES)
def test_projector_restyled_charts_are_valid_too(url_path):
    at = open_page(url_path, projector="1", lang="zh")
    assert not at.exception
    assert _validated(at) >= 1
    for chart in at.get("plotly_chart"):
        # large type, drawn without Streamlit's chart theme (which sets its own sizes)
        assert chart.proto.theme == ""
        assert json.loads(chart.proto.spec)["layout"]["font"]["size"] == 22


def test_normal_charts_use_streamlits_theme():
    at = open_page("entropy")
    assert {chart.proto.theme for chart in at.get("plotly_chart")} == {"streamlit"}


def test_validation_catches_a_bad_property():
    # the check above can fail: a misspelt property is refused
    with pytest.raises(ValueError):
        go.Figure({"data": [{"type": "scatter", "x": [1], "colour": "red"}]})


# --------------------------------------------------------------------------- drawn compactly


def test_round_significant_keeps_six_digits_and_prints_short():
    import math
    import re

    from hypothesis import given
    from hypothesis import strategies as st

    from lossviz.charts.style import SIGNIFICANT, round_significant

    magnitudes = st.floats(min_value=1e-16, max_value=1e22) | st.floats(-1e22, -1e-16)

    @given(st.lists(magnitudes | st.just(0.0), min_size=1, max_size=20))
    def check(values):
        got = round_significant(values)
        for v, g in zip(values, got.tolist()):
            if v == 0:
                assert g == 0
                continue
            unit = 10.0 ** (math.floor(math.log10(abs(v))) - SIGNIFICANT + 1)
            assert abs(g - v) <= 0.5 * unit * (1 + 1e-9)  # rounded to six digits
            # and printed with at most six (what makes the drawn JSON short)
            mantissa = re.sub(r"e.*$", "", repr(g)).replace("-", "").replace(".", "")
            assert len(mantissa.strip("0")) <= SIGNIFICANT, (v, g)
            assert float(f"{g:.{SIGNIFICANT}g}") == g

    check()


def test_round_significant_keeps_non_finite_values_and_refuses_text():
    from lossviz.charts.style import round_significant

    out = round_significant([float("inf"), float("-inf"), float("nan"), 0.0, -0.0])
    assert out[0] == float("inf") and out[1] == float("-inf") and out[2] != out[2]
    assert out[3] == 0.0
    assert round_significant([1.2345678e-200, 9.87654321e300]).tolist() == [
        1.2345678e-200,
        9.87654321e300,
    ]
    assert round_significant(["a", "b"]) is None


def test_compact_rounds_coordinates_drops_axes_no_frame_changes_and_leaves_the_spec():
    import copy

    import numpy as np

    from lossviz.charts.style import compact

    x = np.linspace(0, 1, 5) / 3
    spec = {
        "data": [{"type": "scatter", "x": x, "y": x**2, "name": "a"}, {"x": ["u", "v"]}],
        "layout": {"title": {"text": "t"}},
        "frames": [
            {"name": "0", "traces": [0], "data": [{"x": x, "y": x**2}]},
            {"name": "1", "traces": [0], "data": [{"x": x, "y": x**3}]},
        ],
    }
    before = copy.deepcopy(spec)
    out = compact(spec)
    assert json.dumps(spec, default=list) == json.dumps(before, default=list)  # untouched
    assert out["data"][0]["y"].tolist() == [float(f"{v:.6g}") for v in x**2]
    assert out["data"][1]["x"] == ["u", "v"]  # categories as they were
    frames = [f["data"][0] for f in out["frames"]]
    assert all("x" not in f for f in frames)  # no frame changes x: not repeated
    # y changes in frame 1, so frame 0 must set it back even though it equals the trace's
    assert frames[0]["y"].tolist() == out["data"][0]["y"].tolist()
    assert frames[1]["y"].tolist() == [float(f"{v:.6g}") for v in x**3]
    go.Figure(json.loads(json.dumps(out, default=lambda a: a.tolist())))  # still valid


def test_a_drawn_figure_gives_its_title_to_the_page_and_the_room_to_the_plot():
    from lossviz.charts import style

    fig = style.figure(
        [{"type": "scatter", "x": [0.0, 1.0], "y": [1.0, 2.0]}],
        title="A long title: H(p) = 1.500 bits",
        x_title="x",
        y_title="y",
    )
    drawn = style.for_drawing(fig)
    assert drawn.title == "A long title: H(p) = 1.500 bits"
    layout = drawn.to_dict()["layout"]
    assert "title" not in layout
    assert layout["margin"]["t"] == fig.layout.margin.t - style.TITLE_ROOM
    assert fig.layout.title.text == "A long title: H(p) = 1.500 bits"  # the shared figure kept it
    go.Figure(drawn.to_dict())  # still a valid figure
    untitled = style.spec_figure([{"type": "bar", "y": [1, 2]}], {"margin": {"t": 20}})
    drawn = style.for_drawing(untitled)
    assert drawn.title == "" and drawn.to_dict()["layout"]["margin"]["t"] == 20


def test_a_charts_image_is_named_after_its_title():
    from lossviz.ui import image_filename

    assert image_filename("H(p, q) = 2.000 bits", "ce_split") == "H(p, q) = 2.000 bits"
    zh = "各结果对熵的贡献（合计 1.750 比特）"
    assert image_filename(zh, "k") == zh
    assert image_filename('a/b: c? "d" <e>|f\\g', "k") == "a b c d e f g"  # no path, no reserved
    assert image_filename("x" * 100, "k") == "x" * 80
    assert image_filename("", "rl_curves") == "rl_curves"  # no title: the chart's key
