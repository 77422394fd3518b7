"""Page tests (AppTest) of the lesson MSE vs cross-entropy."""

import json
import math

import pytest
from conftest import first_number, metrics, open_page

INSTANT = {
    "frame": {"duration": 0, "redraw": False},
    "mode": "immediate",
    "transition": {"duration": 0},
}


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def reference(y, z):
    """Closed forms, written independently of lossviz.neuron."""
    a = sigmoid(z)
    ce = math.log1p(math.exp(-z)) if y == 1 else math.log1p(math.exp(z))
    return {"MSE": (a - y) ** 2, "Cross-entropy": ce, "MSE gradient": 2 * (a - y) * a * (1 - a),
            "CE gradient": a - y}  # fmt: skip


def chart(at, key):
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(key)]
    assert found, key
    return found[0].proto


def spec(at, key):
    return json.loads(chart(at, key).spec)


def query(at, name):
    value = at.query_params[name]
    return value[-1] if isinstance(value, list) else value


def test_acceptance_link_shows_ce_gradient_and_a_saturated_mse_gradient():
    at = open_page("mse_vs_ce", y="1", z="-4")
    assert not at.exception
    m = metrics(at)
    assert m["CE gradient"] == "-0.982"
    assert abs(first_number(m["MSE gradient"])) < 0.04
    assert m["Cross-entropy"] == "4.018 nats"  # in nats, and said so


@pytest.mark.parametrize(("y", "z"), [(1, -4.0), (0, 4.0), (1, 0.0), (0, -2.5), (1, 7.3)])
def test_deep_link_readouts_match_the_closed_forms(y, z):
    m = metrics(open_page("mse_vs_ce", y=str(y), z=str(z)))
    for label, expected in reference(y, z).items():
        assert first_number(m[label]) == pytest.approx(expected, abs=5e-4), label
    assert m["Cross-entropy"].endswith(" nats")
    assert not m["CE gradient"].startswith("−")  # ASCII minus, never U+2212


def test_default_page_already_shows_the_saturated_neuron():
    m = metrics(open_page("mse_vs_ce"))
    assert m["CE gradient"] == "-0.982"
    assert abs(first_number(m["MSE gradient"])) < 0.04


def test_moving_z_changes_readouts_and_url():
    at = open_page("mse_vs_ce", y="1", z="-4")
    at.slider(key="mvc_z").set_value(0.0).run()
    m = metrics(at)
    assert m["CE gradient"] == "-0.500"
    assert m["MSE gradient"] == "-0.250"
    assert query(at, "z") == "0"


def test_switching_the_label_flips_the_gradients():
    at = open_page("mse_vs_ce", y="1", z="-4")
    at.radio(key="mvc_y").set_value("0").run()
    m = metrics(at)
    assert first_number(m["CE gradient"]) == pytest.approx(sigmoid(-4), abs=5e-4)
    assert query(at, "y") == "0"


@pytest.mark.parametrize("y", ["0", "1"])
@pytest.mark.parametrize("z", ["-8", "8"])
@pytest.mark.parametrize("axis", ["a", "z"])
def test_extremes_raise_nothing_and_stay_finite(y, z, axis):
    at = open_page("mse_vs_ce", y=y, z=z, axis=axis)
    assert not at.exception
    assert all(math.isfinite(first_number(v)) for v in metrics(at).values() if v[0] != "n")


@pytest.mark.parametrize(
    ("param", "bad"), [("z", "abc"), ("z", "9"), ("z", "nan"), ("y", "0.5"), ("y", "2"),
                       ("axis", "x"), ("lr", "fast"), ("epochs", "5"), ("l1", "<b>x</b>")],
)  # fmt: skip
def test_bad_link_value_falls_back_with_a_notice(param, bad):
    at = open_page("mse_vs_ce", **{param: bad})
    assert not at.exception
    assert metrics(at)["CE gradient"] == "-0.982"  # the defaults y = 1, z = -4
    assert any(f"`{param}`" in w.value for w in at.warning)


def test_loss_figure_scrubs_z_in_the_browser_with_frames_and_a_slider():
    fig = spec(open_page("mse_vs_ce", y="1", z="-3.7"), "mvc_curves")
    frames, slider = fig["frames"], fig["layout"]["sliders"][0]
    assert 2 <= len(frames) <= 60
    assert len(slider["steps"]) == len(frames)
    assert all(
        step["method"] == "animate" and step["args"][1] == INSTANT for step in slider["steps"]
    )
    active = slider["steps"][slider["active"]]["args"][0][0]
    assert float(active) == pytest.approx(-3.7)  # opens at the current z
    buttons = fig["layout"]["updatemenus"][0]["buttons"]
    assert [b["method"] for b in buttons] == ["animate", "animate"]
    # every frame's cross-entropy gradient marker is a − y at that frame's z (to the six
    # significant digits a drawn coordinate keeps, style.SIGNIFICANT)
    for frame in frames:
        z = float(frame["name"])
        assert frame["data"][3]["y"][0] == pytest.approx(sigmoid(z) - 1, rel=1e-5, abs=1e-12)


def test_race_figure_scrubs_epochs_with_frames_and_a_slider():
    fig = spec(open_page("mse_vs_ce", epochs="300"), "mvc_race")
    names = [frame["name"] for frame in fig["frames"]]
    assert len(names) <= 60 and names[0] == "0" and names[-1] == "300"
    slider = fig["layout"]["sliders"][0]
    assert [s["args"][0][0] for s in slider["steps"]] == names
    assert all(step["args"][1] == INSTANT for step in slider["steps"])
    assert slider["active"] == len(names) - 1


def test_race_from_saturated_start_shows_learning_slowdown():
    m = metrics(open_page("mse_vs_ce", w0="2", b0="2", lr="same", eta="0.15", epochs="300"))
    mse = int(m["MSE: epochs until |a − y| < 0.1"])
    ce = int(m["Cross-entropy: epochs until |a − y| < 0.1"])
    assert 3 * ce < mse


def test_good_start_preset_moves_the_race_start():
    at = open_page("mse_vs_ce")
    at.button_group(key="mvc_preset").set_value("good").run()
    assert at.slider(key="mvc_w0").value == pytest.approx(0.6)
    assert at.slider(key="mvc_b0").value == pytest.approx(0.9)
    assert query(at, "w0") == "0.6"


def test_own_learning_rates_show_the_apples_and_oranges_note():
    at = open_page("mse_vs_ce", lr="own", eta_mse="3", eta_ce="0.15")
    assert not at.exception
    assert any("apples and oranges" in i.value for i in at.info)
    assert at.slider(key="mvc_eta_mse").value == pytest.approx(3.0)


def test_race_that_never_arrives_says_so():
    at = open_page("mse_vs_ce", eta="0.01", epochs="10")
    assert metrics(at)["MSE: epochs until |a − y| < 0.1"] == "not within 10"


@pytest.mark.parametrize("epochs", ["10", "600"])
@pytest.mark.parametrize(
    ("w0", "b0", "eta"), [("-4", "-4", "5"), ("4", "4", "5"), ("4", "-4", "0.01")]
)
def test_race_extremes_raise_nothing(w0, b0, eta, epochs):
    at = open_page("mse_vs_ce", w0=w0, b0=b0, eta=eta, epochs=epochs)
    assert not at.exception
    assert len(spec(at, "mvc_race")["frames"]) <= 60


def test_convexity_table_says_which_surfaces_are_convex():
    at = open_page("mse_vs_ce")
    [table] = [d.value for d in at.dataframe if "Convex in (w, b)?" in d.value.columns]
    assert list(table["Convex in (w, b)?"]) == ["yes", "no", "yes"]
    assert float(table["Smallest Hessian eigenvalue on the grid"][1]) < 0


def test_softmax_saturation_warning_appears_only_when_a_wrong_class_dominates():
    at = open_page("mse_vs_ce", cls="1", l1="-2", l2="4", l3="1", l4="0")
    assert any("saturated" in w.value for w in at.warning)
    at.radio(key="mvc_cls").set_value("2").run()
    assert not any("saturated" in w.value for w in at.warning)


def test_every_chart_has_an_alt_text_with_the_current_numbers():
    at = open_page("mse_vs_ce", y="1", z="-2")
    for key in ("mvc_curves", "mvc_factors", "mvc_race", "mvc_convex", "mvc_softmax"):
        assert chart(at, key).alt, key
    assert "-2.0" in chart(at, "mvc_curves").alt
    assert f"{sigmoid(-2) - 1:.3f}" in chart(at, "mvc_curves").alt


def test_backprop_view_shows_the_first_step_of_the_race():
    at = open_page("mse_vs_ce", w0="2", b0="2", eta="0.15")
    latex = " ".join(e.value for e in at.latex)
    step = -0.15 * sigmoid(4)  # CE: δ = a − y with y = 0, x = 1
    assert f"{step:.4f}" in latex and f"{2 + step:.4f}" in latex


def test_chinese_page_uses_chinese_labels_and_nats():
    at = open_page("mse_vs_ce", y="1", z="-4", lang="zh")
    assert not at.exception
    m = metrics(at)
    assert m["交叉熵梯度"] == "-0.982"
    assert m["交叉熵"] == "4.018 奈特"
    assert set(m) >= {"均方误差", "交叉熵", "均方误差梯度", "交叉熵梯度"}
