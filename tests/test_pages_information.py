"""Page tests (AppTest) of the lessons self-information and entropy."""

import math

import pytest
from conftest import first_number, metrics, open_page


def test_self_information_deep_link_sets_readout():
    at = open_page("self_information", p="0.125")
    assert not at.exception
    assert metrics(at)["Self-information"] == "3.000 bits"


@pytest.mark.parametrize(
    ("unit", "expected"), [("nats", 3 * math.log(2)), ("hartleys", 3 * math.log10(2))]
)
def test_self_information_unit_switch_rescales(unit, expected):
    at = open_page("self_information", p="0.125", unit=unit)
    value = metrics(at)["Self-information"]
    assert first_number(value) == pytest.approx(expected, abs=5e-4)
    assert value.endswith(unit)


def test_self_information_slider_changes_readout_and_url():
    at = open_page("self_information")
    at.slider(key="si_p").set_value(0.5).run()
    assert metrics(at)["Self-information"] == "1.000 bits"
    assert at.query_params["p"] == ["0.5"] or at.query_params["p"] == "0.5"


@pytest.mark.parametrize("p", ["0.001", "1"])
def test_self_information_extremes_raise_nothing(p):
    at = open_page("self_information", p=p)
    assert not at.exception
    assert first_number(metrics(at)["Self-information"]) == pytest.approx(
        -math.log2(float(p)), abs=5e-4
    )


@pytest.mark.parametrize(
    "bad", ["abc", "0", "-1", "nan", "inf", "1e308", "<script>alert(1)</script>"]
)
def test_self_information_bad_link_value_falls_back_with_notice(bad):
    at = open_page("self_information", p=bad)
    assert not at.exception
    assert metrics(at)["Self-information"] == "3.000 bits"  # the default p = 0.125
    assert any("`p`" in w.value for w in at.warning)
    assert not any("<script>" in w.value for w in at.warning)  # escaped, never markup


def test_entropy_deep_link_sets_readouts():
    at = open_page("entropy", p="1,1,2", unit="bits")
    assert not at.exception
    m = metrics(at)
    assert m["Entropy"] == "1.500 bits"
    assert m["Maximum entropy"] == "1.585 bits"


def test_entropy_moving_a_weight_changes_entropy():
    at = open_page("entropy", p="1,1,2")
    at.slider(key="entropy_p_2").set_value(1.0).run()
    assert metrics(at)["Entropy"] == "1.585 bits"
    assert at.query_params["p"] in ("1,1,1", ["1,1,1"])


def test_entropy_changing_k_resizes_the_distribution():
    at = open_page("entropy", p="1,1")
    at.number_input(key="entropy_p_k").set_value(4).run()
    assert metrics(at)["Entropy"] == "2.000 bits"
    assert metrics(at)["Maximum entropy"] == "2.000 bits"


def test_entropy_preset_fair_die():
    at = open_page("entropy")
    at.button_group(key="entropy_p_preset").set_value("Fair die").run()
    assert metrics(at)["Entropy"] == f"{math.log2(6):.3f} bits"


def test_entropy_certain_outcome_has_zero_entropy():
    at = open_page("entropy", p="1,0,0,0")
    assert metrics(at)["Entropy"] == "0.000 bits"


def test_entropy_all_zero_weights_by_sliders_warns_and_raises_nothing():
    at = open_page("entropy", p="1,1")
    at.slider(key="entropy_p_0").set_value(0.0).run()
    at.slider(key="entropy_p_1").set_value(0.0).run()
    assert not at.exception
    assert at.warning


@pytest.mark.parametrize("bad", ["1,-1", "0,0", "a,b", "1", ",".join(["1"] * 11), "1,nan"])
def test_entropy_bad_weights_fall_back_with_notice(bad):
    at = open_page("entropy", p=bad)
    assert not at.exception
    assert metrics(at)["Entropy"] == "1.750 bits"  # the default 4,2,1,1
    assert any("`p`" in w.value for w in at.warning)


def test_entropy_text_box_analyses_hello():
    at = open_page("entropy", text="HELLO")
    # H, E, L, L, O: frequencies 1/5, 1/5, 2/5, 1/5 → 1.922 bits per character
    assert metrics(at)["Entropy per character"] == "1.922 bits"


def test_unknown_parameter_is_named_in_a_notice():
    at = open_page("entropy", foo="1")
    assert any("`foo`" in w.value for w in at.warning)


@pytest.mark.parametrize("page", ["self_information", "entropy"])
def test_page_in_chinese_shows_chinese_readouts(page):
    at = open_page(page, lang="zh")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels and all(any("\u4e00" <= c <= "\u9fff" for c in label) for label in labels)
    assert all("比特" in m.value for m in at.metric)


def test_language_switch_keeps_the_state():
    at = open_page("self_information", p="0.25")
    at.radio(key="frame_lang").set_value("zh").run()
    assert at.metric[0].label == "自信息"
    assert at.metric[0].value == "2.000 比特"


def test_teacher_link_hides_the_chosen_control_but_keeps_its_value():
    at = open_page("self_information", p="0.25", hide="p")
    assert not at.exception
    assert not [s for s in at.slider if s.key == "si_p"]
    assert metrics(at)["Self-information"] == "2.000 bits"
    assert at.query_params["p"] in ("0.25", ["0.25"])


def test_hide_all_hides_every_distribution_slider():
    at = open_page("entropy", p="1,1,2", hide="all")
    assert not [s for s in at.slider if s.key and s.key.startswith("entropy_p_")]
    assert metrics(at)["Entropy"] == "1.500 bits"


def test_predict_mode_hides_readouts_until_reveal():
    at = open_page("self_information", p="0.125", predict="1")
    assert metrics(at)["Self-information"] == "?"
    at.button(key="frame_reveal").click().run()
    assert metrics(at)["Self-information"] == "3.000 bits"


def test_bad_hide_value_gives_a_notice():
    at = open_page("self_information", hide="<b>x</b>")
    assert not at.exception
    assert any("`hide`" in w.value for w in at.warning)


def test_closed_data_tables_cost_nothing():
    at = open_page("self_information")
    assert at.expander and not at.get("download_button")  # built only once opened


@pytest.mark.parametrize("page", ["self_information", "entropy"])
def test_quiz_gives_right_and_wrong_feedback(page):
    from lossviz import i18n

    at = open_page(page)
    answer = int(i18n.catalogue("en")[f"{page}.quiz1.answer"]) - 1
    wrong = (answer + 1) % 3
    at.radio(key=f"quiz_{page}_1").set_value(wrong).run()
    assert at.error and "Not quite" in at.error[0].value
    at.radio(key=f"quiz_{page}_1").set_value(answer).run()
    assert at.success and at.success[0].value.startswith("Right.")


def test_self_information_curve_has_frames_and_an_in_figure_slider():
    import json

    at = open_page("self_information")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["frames"]) == len(spec["layout"]["sliders"][0]["steps"]) >= 30
    step = spec["layout"]["sliders"][0]["steps"][0]
    assert step["method"] == "animate" and step["args"][1]["frame"]["redraw"] is False
    # every frame puts the marker on the curve: y = -log2(x), to the 6 significant
    # digits a drawn coordinate keeps (style.SIGNIFICANT)
    for frame in spec["frames"]:
        point = frame["data"][0]
        assert point["y"][0] == pytest.approx(-math.log2(point["x"][0]), rel=2e-5)


def test_entropy_text_with_space_and_visible_space_symbol_raises_nothing():
    at = open_page("entropy", text="a b␣")
    assert not at.exception
    assert metrics(at)["Entropy per character"] == "2.000 bits"


def test_projector_mode_restyles_a_copy_never_the_figure_given():
    import json

    open_page("mse_vs_ce", projector="1")  # its figures are cached and shared
    at = open_page("mse_vs_ce")
    sizes = {json.loads(c.proto.spec)["layout"]["font"]["size"] for c in at.get("plotly_chart")}
    assert sizes == {15}
