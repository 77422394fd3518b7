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
