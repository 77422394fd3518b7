"""Lesson: self-information, the surprise −log p of an event of probability p."""

import numpy as np
import pyarrow as pa
import streamlit as st

from lossviz import examples, info, ui
from lossviz.charts import information as charts

P_GRID = np.linspace(0.001, 1, 400)
# values the in-figure slider steps through: dense where the curve is steep
SCRUB_P = np.r_[np.geomspace(0.001, 0.05, 12), np.linspace(0.06, 1, 48)]


@st.cache_resource(max_entries=32, show_spinner=False)
def curve(p: float, base: float, texts: tuple[str, ...]):
    """The surprise curve with p marked and scrubbable; shared, never mutated."""
    title, x_title, y_title, point_label, scrub_label = texts
    return charts.surprise_curve(
        P_GRID,
        info.self_information(P_GRID, base=base),
        p,
        info.self_information(p, base=base),
        title=title,
        x_title=x_title,
        y_title=y_title,
        point_label=point_label,
        scrub=(SCRUB_P, info.self_information(SCRUB_P, base=base)),
        scrub_label=scrub_label,
    )


ui.header("self_information")
unit = ui.unit()


@st.fragment
def main_section() -> None:
    """The p slider and everything that follows it: readouts, curve, formula.

    A fragment: releasing the slider reruns this section only, not the page frame.
    """
    p = ui.number(
        "p",
        key="si_p",
        label=ui.t("self_information.p_label"),
        min_value=0.001,
        max_value=1.0,
        default=examples.RAREST_OF_FOUR,  # x3 of the four-outcome source: 3 bits
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
                bits=ui.quantity(coin_flips, ui.t("common.unit.bits")),
                nats=ui.quantity(info.self_information(p, base=np.e), ui.t("common.unit.nats")),
                hartleys=ui.quantity(
                    info.self_information(p, base=10), ui.t("common.unit.hartleys")
                ),
            )
        )
        st.caption(ui.t("self_information.units_note"))
    with right:
        fig = curve(
            p,
            unit.base,
            (
                ui.t("self_information.chart_title"),
                ui.t("self_information.x_title"),
                ui.t("self_information.y_title", unit=unit.label),
                ui.t("self_information.point"),
                ui.t("self_information.scrub_label"),
            ),
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


main_section()
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
    pa.table(
        {
            ui.t("self_information.col_event"): [
                ui.t(f"self_information.event_{k}") for k in events
            ],
            ui.t("self_information.col_probability"): [
                f"1/{round(1 / q):,}" if q < 1 else "1" for q in probabilities
            ],
            ui.t("self_information.col_surprise", unit=unit.label): [
                ui.quantity(s, "") for s in info.self_information(probabilities, base=unit.base)
            ],
        }
    ),
    hide_index=True,
    key="si_events",
)
st.caption(ui.t("self_information.events_note"))
