"""Charts of the bias–variance lesson: the fits, the decomposition bars, the error curve.

Bias², variance and noise have one colour each, the same on every chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lossviz.charts import style

BIAS, VARIANCE, NOISE = style.BIAS, style.VARIANCE, style.NOISE  # one palette for all pages
TOTAL = "#000000"  # black: their sum, the expected test MSE
MEASURED = style.THIRD  # bluish green: the test MSE measured directly
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.2, "xanchor": "left", "x": 0}
MARGIN_BELOW = {"l": 60, "r": 20, "t": 60, "b": 130}  # room for the legend under the plot


def fits_and_truth(
    x_grid: np.ndarray,
    truth: np.ndarray,
    fits: np.ndarray,
    mean_fit: np.ndarray,
    x_train: np.ndarray,
    y_example: np.ndarray,
    *,
    title: str,
    x_title: str,
    y_title: str,
    names: dict[str, str],
    y_range: tuple[float, float] = (-2.0, 2.0),
) -> style.Figure:
    """Each row of `fits` is a faint blue line, their mean a bold blue line, the truth vermillion.

    One training set (`x_train`, `y_example`) is drawn as grey dots. `names` gives the
    legend entries ``truth``, ``fits``, ``mean`` and ``data``. The y axis is fixed to
    `y_range` so that pictures of different settings compare; wilder fits leave it.
    """
    faint = [
        {
            "type": "scatter",
            "x": x_grid,
            "y": fit,
            "mode": "lines",
            "name": names["fits"],
            "legendgroup": "fits",
            "showlegend": i == 0,
            "line": {"color": style.Q, "width": 1},
            "opacity": 0.25,
            "hoverinfo": "skip",
        }
        for i, fit in enumerate(np.asarray(fits))
    ]
    others = [
        {
            "type": "scatter",
            "x": x_train,
            "y": y_example,
            "mode": "markers",
            "name": names["data"],
            "marker": {"color": style.GREY, "size": 7, "line": {"color": "white", "width": 1}},
            "hovertemplate": "x = %{x:.3f}<br>y = %{y:.3f}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": x_grid,
            "y": mean_fit,
            "mode": "lines",
            "name": names["mean"],
            "line": {"color": style.Q, "width": style.LINE_WIDTH + 1},
            "hovertemplate": "x = %{x:.3f}<br>%{y:.3f}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": x_grid,
            "y": truth,
            "mode": "lines",
            "name": names["truth"],
            "line": {"color": style.P, "width": style.LINE_WIDTH, "dash": "dash"},
            "hovertemplate": "x = %{x:.3f}<br>f(x) = %{y:.3f}<extra></extra>",
        },
    ]
    fig = style.figure(
        faint + others,
        title=title,
        x_title=x_title,
        y_title=y_title,
        height=500,
        xaxis={"range": [0, 1]},
        yaxis={"range": list(y_range)},
        legend=LEGEND_BELOW,
        margin=MARGIN_BELOW,
    )
    return fig


def decomposition_bars(
    bias2: float,
    variance: float,
    noise: float,
    measured: float,
    *,
    labels: dict[str, str],
    title: str,
    y_title: str,
) -> style.Figure:
    """Two columns: bias², variance and noise stacked, beside the measured test MSE.

    `labels` gives ``bias2``, ``variance``, ``noise``, ``sum`` and ``measured``
    (the legend entries and the two column names).
    """
    columns = [labels["sum"], labels["measured"]]
    bars = [
        {
            "type": "bar",
            "x": [column],
            "y": [value],
            "name": labels[key],
            "marker": {"color": colour},
            "text": [f"{value:.3f}"],
            "textposition": "inside",
            "insidetextanchor": "middle",
            "hovertemplate": f"{labels[key]}: %{{y:.4f}}<extra></extra>",
        }
        for key, value, colour, column in (
            ("bias2", bias2, BIAS, columns[0]),
            ("variance", variance, VARIANCE, columns[0]),
            ("noise", noise, NOISE, columns[0]),
            ("measured", measured, MEASURED, columns[1]),
        )
    ]
    total = bias2 + variance + noise
    return style.figure(
        bars,
        title=title,
        x_title="",
        y_title=y_title,
        height=500,
        yaxis={"range": [0, 1.15 * max(total, measured, 1e-9)]},
        # the legend above the bars: below them, the two column names (slanted in a
        # narrow column) ran into it
        xaxis={"automargin": True},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        margin={"l": 60, "r": 20, "t": 90, "b": 40},
        annotations=[
            {
                "x": columns[0],
                "y": total,
                "text": f"<b>{total:.3f}</b>",
                "showarrow": False,
                "yshift": 12,
            }
        ],
        barmode="stack",
        uniformtext={"minsize": 11, "mode": "hide"},
    )


def error_curve(
    complexity: Sequence[float],
    bias2: np.ndarray,
    variance: np.ndarray,
    noise: np.ndarray,
    expected: np.ndarray,
    measured: np.ndarray,
    current: float,
    *,
    y_max: float,
    labels: dict[str, str],
    title: str,
    x_title: str,
    y_title: str,
    reversed_x: bool = False,
) -> style.Figure:
    """Bias², variance, noise and their sum as lines against complexity; measured as dots.

    The current complexity is a vertical line. `labels` gives ``bias2``, ``variance``,
    ``noise``, ``expected``, ``measured`` and ``current``. With `reversed_x` the axis
    is logarithmic and runs right to left (for k of k-NN, where complexity grows as k
    falls). The y axis stops at `y_max`: where the variance explodes the curves leave
    the chart.
    """
    complexity = np.asarray(complexity)
    traces = [
        {
            "type": "scatter",
            "x": complexity,
            "y": values,
            "mode": "lines+markers",
            "name": labels[key],
            "line": {"color": colour, "width": style.LINE_WIDTH, **dash},
            "marker": {"size": 6},
            "hovertemplate": f"{labels[key]}: %{{y:.4f}}<extra>%{{x}}</extra>",
        }
        for key, values, colour, dash in (
            ("bias2", bias2, BIAS, {}),
            ("variance", variance, VARIANCE, {}),
            ("noise", noise, NOISE, {"dash": "dot"}),
            ("expected", expected, TOTAL, {}),
        )
    ]
    traces.append(
        {
            "type": "scatter",
            "x": complexity,
            "y": measured,
            "mode": "markers",
            "name": labels["measured"],
            "marker": {
                "color": MEASURED,
                "size": 11,
                "symbol": "diamond-open",
                "line": {"width": 2},
            },
            "hovertemplate": f"{labels['measured']}: %{{y:.4f}}<extra>%{{x}}</extra>",
        }
    )
    current_line = {
        "type": "line",
        "x0": current,
        "x1": current,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"color": style.Q, "width": 2, "dash": "dash"},
    }
    current_label = {
        "text": labels["current"],
        "font": {"color": style.Q},
        "showarrow": False,
        "x": current,
        "xanchor": "center",
        "xref": "x",
        "y": 1,
        "yanchor": "bottom",
        "yref": "y domain",
    }
    if reversed_x:  # k of k-NN: a log axis, right to left, so complexity grows to the right
        low, high = np.log10(complexity.min()), np.log10(complexity.max())
        xaxis = {"type": "log", "range": [high + 0.05, low - 0.05], "tickvals": complexity}
    else:
        xaxis = {"range": [complexity.min() - 0.5, complexity.max() + 0.5], "dtick": 1}
    return style.figure(
        traces,
        title=title,
        x_title=x_title,
        y_title=y_title,
        height=480,
        xaxis=xaxis,
        yaxis={"range": [0, y_max]},
        legend=LEGEND_BELOW,
        margin=MARGIN_BELOW,
        shapes=[current_line],
        annotations=[current_label],
    )
