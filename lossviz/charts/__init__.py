"""Plotly figure builders: they draw arrays they are given and never import Streamlit."""

from __future__ import annotations

import csv
import io

import numpy as np


def figure_table(fig) -> dict[str, list]:
    """The data behind a figure in long form: one row per plotted point.

    Columns: ``series`` (the trace name), ``x``, ``y`` and, for heatmaps and
    contours, ``z``. Used for the data table and CSV download behind every chart.
    """
    rows: dict[str, list] = {"series": [], "x": [], "y": []}
    zs: list = []
    for i, trace in enumerate(fig.data):
        name = trace.name if getattr(trace, "name", None) else f"trace {i + 1}"
        z = getattr(trace, "z", None)
        if z is not None:  # a grid: one row per cell
            z = np.asarray(z, dtype=float)
            xs = np.asarray(trace.x if trace.x is not None else np.arange(z.shape[1]))
            ys = np.asarray(trace.y if trace.y is not None else np.arange(z.shape[0]))
            for r, yv in enumerate(ys):
                for c, xv in enumerate(xs):
                    rows["series"].append(name)
                    rows["x"].append(_plain(xv))
                    rows["y"].append(_plain(yv))
                    zs.append(_plain(z[r, c]))
            continue
        x, y = getattr(trace, "x", None), getattr(trace, "y", None)
        if x is None or y is None:
            continue
        for xv, yv in zip(np.asarray(x).ravel(), np.asarray(y).ravel(), strict=False):
            rows["series"].append(name)
            rows["x"].append(_plain(xv))
            rows["y"].append(_plain(yv))
            zs.append(None)
    if any(v is not None for v in zs):
        rows["z"] = zs
    return rows


def _plain(v):
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float):
        return round(v, 6)
    return v


def table_csv(table: dict[str, list]) -> str:
    """Render a column table as CSV text (header row first)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table)
    writer.writerows(zip(*table.values(), strict=True))
    return out.getvalue()
