"""The data table behind every chart: long form, one row per plotted point or cell."""

import csv
import io

import numpy as np
import plotly.graph_objects as go

from lossviz import charts


def test_figure_table_lists_every_point_of_every_trace():
    fig = go.Figure()
    fig.add_scatter(x=[0, 1, 2], y=[5.0, 6.0, 7.0], name="line")
    fig.add_bar(x=["a", "b"], y=[0.25, 0.75], name="bars")
    table = charts.figure_table(fig)
    assert table["series"] == ["line"] * 3 + ["bars"] * 2
    assert table["x"] == [0, 1, 2, "a", "b"]
    assert table["y"] == [5.0, 6.0, 7.0, 0.25, 0.75]
    assert "z" not in table


def test_figure_table_flattens_a_heatmap_cell_by_cell():
    z = np.arange(6.0).reshape(2, 3)
    fig = go.Figure(go.Heatmap(z=z, x=[10, 20, 30], y=[1, 2], name="map"))
    table = charts.figure_table(fig)
    assert len(table["series"]) == 6
    assert table["z"] == list(z.ravel())
    assert (table["x"][4], table["y"][4]) == (20, 2)  # row 1, column 1


def test_table_csv_round_trips_through_the_csv_module():
    table = {"series": ["p", "q"], "x": [1, 2], "y": [0.5, 0.25]}
    rows = list(csv.reader(io.StringIO(charts.table_csv(table))))
    assert rows == [["series", "x", "y"], ["p", "1", "0.5"], ["q", "2", "0.25"]]
