"""Lesson: entropy, the average surprise, and its meaning as the length of the best code."""

import numpy as np
import pyarrow as pa
import streamlit as st
from scipy.special import entr

from lossviz import coding, examples, info, ui
from lossviz.charts import information as charts
from lossviz.charts import style


def _label(symbol: str, message: str) -> str:
    """A visible name for a character: a space shows as ␣ unless the text has a real ␣."""
    if symbol == " " and "␣" not in message:
        return "␣"
    return repr(symbol)[1:-1]


ui.header("entropy")
unit = ui.unit()


@st.fragment
def distribution_section() -> None:
    """The editor of p and all that depends on it: readouts, charts, formula, Huffman code.

    A fragment: releasing a weight reruns this section only, not the page frame.
    """
    presets = {  # the running examples every lesson shares, then two extremes
        **ui.example_presets(),
        ui.t("entropy.preset_certain"): [1, 0, 0, 0],
        ui.t("entropy.preset_uniform"): lambda k: [1] * k,
    }
    controls, readouts = st.columns([3, 2])
    with controls:
        p = ui.distribution(
            "p",
            key="entropy_p",
            label=ui.t("entropy.dist_label"),
            default=list(examples.FOUR_OUTCOMES),
            presets=presets,
            k_range=(2, 10),
        )
    k = len(p)
    names = [f"x{i + 1}" for i in range(k)]
    h = info.entropy(p, base=unit.base)
    h_max = info.entropy(np.full(k, 1 / k), base=unit.base)
    contributions = entr(p) / np.log(unit.base)  # −p log p per outcome, with 0 log 0 = 0

    with readouts:
        ui.metric(ui.t("entropy.metric"), ui.quantity(h))
        ui.metric(
            ui.t("entropy.metric_max"),
            ui.quantity(h_max),
            help=ui.t("entropy.metric_max_help", k=k),
        )
        st.markdown(ui.t("entropy.reading", ratio=f"{100 * h / h_max:.0f}" if h_max > 0 else "0"))

    left, right = st.columns(2)
    with left:
        fig = charts.probability_bars(
            names,
            [(ui.t("entropy.series_p"), p, style.P)],
            title=ui.t("entropy.bars_p_title"),
            x_title=ui.t("entropy.outcome"),
            y_title=ui.t("entropy.probability"),
        )
        ui.chart(
            fig,
            key="entropy_bars_p",
            answer=False,
            alt=ui.t("entropy.alt_p", values=", ".join(f"{n} {v:.3f}" for n, v in zip(names, p))),
        )
    with right:
        fig = charts.probability_bars(
            names,
            [(ui.t("entropy.series_contribution"), contributions, style.THIRD)],
            title=ui.t("entropy.bars_h_title", total=ui.quantity(h)),
            x_title=ui.t("entropy.outcome"),
            y_title=ui.t("entropy.contribution", unit=unit.label),
        )
        ui.chart(
            fig,
            key="entropy_bars_h",
            alt=ui.t(
                "entropy.alt_h",
                total=ui.quantity(h),
                values=", ".join(f"{n} {v:.3f}" for n, v in zip(names, contributions, strict=True)),
            ),
        )

    st.latex(
        r"H(p) = -\sum_i p_i \log p_i = "
        + " + ".join(f"{c:.3f}" for c in contributions)
        + rf" = {h:.3f}\ \text{{{unit.label}}}"
    )

    if k == 2:
        grid = np.linspace(0, 1, 401)
        fig = charts.binary_entropy_curve(
            grid,
            info.binary_entropy(grid, base=unit.base),
            p[0],
            h,
            title=ui.t("entropy.binary_title"),
            x_title=ui.t("entropy.binary_x"),
            y_title=ui.t("entropy.binary_y", unit=unit.label),
            point_label=ui.t("entropy.current"),
        )
        ui.chart(
            fig,
            key="entropy_binary",
            alt=ui.t("entropy.alt_binary", p=f"{p[0]:.3f}", value=ui.quantity(h)),
        )

    st.header(ui.t("entropy.coding_title"))
    st.markdown(ui.t("entropy.coding_intro"))
    code = coding.huffman_code(p, names)
    lengths = np.array([len(word) for _, _, word in code])
    probs = np.array([q for _, q, _ in code])
    avg = coding.average_length(probs, lengths)
    h_bits = info.entropy(p, base=2)
    st.dataframe(
        pa.table(
            {
                ui.t("entropy.outcome"): [s for s, _, _ in code],
                ui.t("entropy.probability"): [f"{q:.3f}" for q in probs],
                ui.t("entropy.codeword"): [w for _, _, w in code],
                ui.t("entropy.length"): lengths,
                ui.t("entropy.surprise_bits"): [
                    f"{s:.3f}" for s in info.self_information(probs, base=2)
                ],
            }
        ),
        hide_index=True,
        key="entropy_code",
    )
    fixed = int(np.ceil(np.log2(k)))
    fig = charts.length_vs_entropy(
        [ui.t("entropy.bar_entropy"), ui.t("entropy.bar_huffman"), ui.t("entropy.bar_fixed")],
        [h_bits, avg, fixed],
        [style.THIRD, style.Q, style.GREY],
        title=ui.t("entropy.lengths_title"),
        y_title=ui.t("entropy.bits_per_symbol"),
    )
    ui.chart(
        fig,
        key="entropy_lengths",
        alt=ui.t("entropy.alt_lengths", h=f"{h_bits:.3f}", l=f"{avg:.3f}", fixed=fixed),
    )
    st.latex(rf"H = {h_bits:.3f} \le L = {avg:.3f} < H + 1 = {h_bits + 1:.3f}\ \text{{bits}}")
    st.caption(ui.t("entropy.coding_note"))


@st.fragment
def text_section() -> None:
    """The entropy and Huffman code of a typed message (independent of p)."""
    st.subheader(ui.t("entropy.text_title"))
    message = ui.text(
        "text", key="entropy_text", label=ui.t("entropy.text_label"), default="HELLO", max_chars=120
    )
    if message:
        symbols, counts = coding.char_frequencies(message)
        freq = np.asarray(counts, dtype=float) / sum(counts)
        h_text = info.entropy(freq, base=2)
        text_code = coding.huffman_code(freq, [_label(s, message) for s in symbols])
        text_avg = coding.average_length(freq, [len(w) for _, _, w in text_code])
        a, b, c = st.columns(3)
        bits = ui.t("common.unit.bits")
        with a:
            ui.metric(ui.t("entropy.text_entropy"), ui.quantity(h_text, bits))
        with b:
            ui.metric(ui.t("entropy.text_huffman"), ui.quantity(text_avg, bits))
        with c:
            ui.metric(ui.t("entropy.text_ascii"), ui.quantity(8, bits))
        st.dataframe(
            pa.table(
                {
                    ui.t("entropy.character"): [s for s, _, _ in text_code],
                    ui.t("entropy.count"): [round(q * sum(counts)) for _, q, _ in text_code],
                    ui.t("entropy.codeword"): [w for _, _, w in text_code],
                }
            ),
            hide_index=True,
            key="entropy_text_code",
        )
        st.markdown(
            ui.t(
                "entropy.text_reading",
                n=len(message),
                total=f"{text_avg * len(message):.0f}",
                ascii=8 * len(message),
            )
        )
    else:
        st.info(ui.t("entropy.text_empty"))


distribution_section()
text_section()

st.subheader(ui.t("entropy.weather_title"))
weather_uniform = np.full(8, 1 / 8)
weather_skewed = np.array([32, 16, 8, 4, 1, 1, 1, 1]) / 64
st.markdown(
    ui.t(
        "entropy.weather_text",
        uniform=f"{info.entropy(weather_uniform):.3f}",
        skewed=f"{info.entropy(weather_skewed):.3f}",
    )
)
st.dataframe(
    pa.table(
        {
            ui.t("entropy.weather_state"): [ui.t(f"entropy.weather_{i}") for i in range(8)],
            ui.t("entropy.weather_uniform_p"): [f"{q:.4f}" for q in weather_uniform],
            ui.t("entropy.weather_skewed_p"): [f"{q:.4f}" for q in weather_skewed],
            ui.t("entropy.codeword"): [
                w for _, _, w in coding.huffman_code(weather_skewed, list("01234567"))
            ],
        }
    ),
    hide_index=True,
    key="entropy_weather",
)
