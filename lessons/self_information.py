"""Lesson: self-information, the surprise −log p of an event of probability p."""

import numpy as np
import streamlit as st

from lossviz import info, ui
from lossviz.charts import information as charts

ui.header("self_information")
unit = ui.unit()

p = ui.number(
    "p",
    key="si_p",
    label=ui.t("self_information.p_label"),
    min_value=0.001,
    max_value=1.0,
    default=0.125,
    step=0.001,
    format="%.3f",
    help=ui.t("self_information.p_help"),
)
surprise = info.self_information(p, base=unit.base)

left, right = st.columns([1, 2])
with left:
    ui.metric(ui.t("self_information.metric"), ui.quantity(surprise))
    coin_flips = info.self_information(p, base=2)
    st.markdown(ui.t("self_information.coins", n=f"{coin_flips:.2f}"))
    st.markdown(
        ui.t(
            "self_information.units_line",
            bits=ui.quantity(info.self_information(p, base=2), ui.t("common.unit.bits")),
            nats=ui.quantity(info.self_information(p, base=np.e), ui.t("common.unit.nats")),
            hartleys=ui.quantity(info.self_information(p, base=10), ui.t("common.unit.hartleys")),
        )
    )
    st.caption(ui.t("self_information.units_note"))
with right:
    p_grid = np.linspace(0.001, 1, 400)
    # values the in-figure slider steps through: dense where the curve is steep
    scrub_p = np.r_[np.geomspace(0.001, 0.05, 12), np.linspace(0.06, 1, 48)]
    fig = charts.surprise_curve(
        p_grid,
        info.self_information(p_grid, base=unit.base),
        p,
        surprise,
        title=ui.t("self_information.chart_title"),
        x_title=ui.t("self_information.x_title"),
        y_title=ui.t("self_information.y_title", unit=unit.label),
        point_label=ui.t("self_information.point"),
        scrub=(scrub_p, info.self_information(scrub_p, base=unit.base)),
        scrub_label=ui.t("self_information.scrub_label"),
    )
    st.caption(ui.t("self_information.scrub_note"))
    ui.chart(
        fig,
        key="si_curve",
        alt=ui.t("self_information.alt", p=f"{p:.3f}", value=ui.quantity(surprise)),
    )

st.subheader(ui.t("common.formula"))
st.latex(
    rf"I(p) = -\log_{{{ui.t('self_information.base_' + unit.name)}}} p"
    rf" = -\log_{{{ui.t('self_information.base_' + unit.name)}}} {p:.3f}"
    rf" = {surprise:.3f}\ \text{{{unit.label}}}"
)
st.markdown(ui.t("self_information.why_log"))

st.subheader(ui.t("self_information.events_title"))
events = {  # event key → probability
    "coin": 1 / 2,
    "die": 1 / 6,
    "card": 1 / 52,
    "storm": 1 / 100,
    "lottery": 1 / 13_983_816,  # 6 numbers out of 49
    "sunrise": 1.0,
}
probabilities = np.array(list(events.values()))
st.dataframe(
    {
        ui.t("self_information.col_event"): [ui.t(f"self_information.event_{k}") for k in events],
        ui.t("self_information.col_probability"): [
            f"1/{round(1 / q):,}" if q < 1 else "1" for q in probabilities
        ],
        ui.t("self_information.col_surprise", unit=unit.label): [
            ui.quantity(s, "") for s in info.self_information(probabilities, base=unit.base)
        ],
    },
    hide_index=True,
    key="si_events",
)
st.caption(ui.t("self_information.events_note"))
