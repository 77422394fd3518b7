"""The bare page of bench/latency.py: one slider, one small chart.

The reference every lesson's release-to-repainted time is divided by. Served the same
way as the app (``streamlit run bench/bare_app.py`` from the repository root, so with
``.streamlit/config.toml`` and the same serving tuning). ``?frames=1`` adds precomputed
plotly frames and an in-figure slider, to check the scrubbing measure on a known figure.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from lossviz import serving, ui  # noqa: F401 (importing ui applies its serving tuning)

serving.apply()

x = np.linspace(0.0, 1.0, 50)
a = st.slider("a", min_value=0.0, max_value=1.0, value=0.5, step=0.01, key="bare_a")
fig = go.Figure(go.Scatter(x=x, y=a * x, mode="lines"))
fig.update_layout(height=300, margin={"l": 40, "r": 20, "t": 20, "b": 40}, yaxis_range=[0, 1])

if st.query_params.get("frames") == "1":
    grid = np.round(np.linspace(0.0, 1.0, 41), 3)
    fig.frames = [
        go.Frame(name=f"{g:.3f}", data=[go.Scatter(x=x, y=(g * x).astype(np.float32))])
        for g in grid
    ]
    fig.update_layout(
        sliders=[
            {
                "steps": [
                    {
                        "label": f"{g:.2f}",
                        "method": "animate",
                        "args": [
                            [f"{g:.3f}"],
                            {
                                "frame": {"duration": 0, "redraw": False},
                                "mode": "immediate",
                                "transition": {"duration": 0},
                            },
                        ],
                    }
                    for g in grid
                ]
            }
        ]
    )

st.plotly_chart(fig, key="bare_chart")
