"""Page tests (AppTest) of the lesson on cross-entropy."""

import math

import numpy as np
import pytest
from conftest import first_number, metrics, open_page

from lossviz import info


def test_deep_link_sets_the_three_readouts():
    at = open_page("cross_entropy", p="1,1", q="1,3")
    assert not at.exception
    m = metrics(at)
    assert m["Cross-entropy"] == "1.208 bits"
    assert m["Entropy"] == "1.000 bits"
    assert m["KL divergence"] == "0.208 bits"


def test_readouts_in_nats_match_the_core_api():
    at = open_page("cross_entropy", p="3,1,1", q="1,1,2", unit="nats")
    p, q = np.array([3, 1, 1]) / 5, np.array([1, 1, 2]) / 4
    m = metrics(at)
    assert first_number(m["Cross-entropy"]) == pytest.approx(
        info.cross_entropy(p, q, base=math.e), abs=5e-4
    )
    assert first_number(m["KL divergence"]) == pytest.approx(
        info.kl_divergence(p, q, base=math.e), abs=5e-4
    )
    assert m["Entropy"].endswith("nats")


def test_moving_a_q_weight_changes_cross_entropy_but_not_entropy():
    at = open_page("cross_entropy", p="1,1", q="1,3")
    at.slider(key="ce_q_1").set_value(1.0).run()
    m = metrics(at)
    assert m["Cross-entropy"] == "1.000 bits"  # q = p now
    assert m["KL divergence"] == "0.000 bits"
    assert m["Entropy"] == "1.000 bits"
    assert at.query_params["q"] in ("1,1", ["1,1"])


def test_q_follows_the_number_of_outcomes_of_p():
    at = open_page("cross_entropy", p="1,1", q="1,3")
    at.number_input(key="ce_p_k").set_value(3).run()
    assert not at.exception
    q = at.query_params["q"]
    assert len((q[0] if isinstance(q, list) else q).split(",")) == 3
    assert metrics(at)["Entropy"] == f"{math.log2(3):.3f} bits"  # p grew to (1, 1, 1)


def test_q_ruling_out_an_outcome_of_p_shows_infinity_and_says_why():
    at = open_page("cross_entropy", p="1,1", q="0,1")
    m = metrics(at)
    assert m["Cross-entropy"] == "∞ bits"
    assert m["KL divergence"] == "∞ bits"
    assert m["Entropy"] == "1.000 bits"
    assert any("x1" in w.value and "∞" in w.value for w in at.warning)


def test_huffman_code_for_q_costs_the_kl_divergence_in_extra_bits_on_dyadic_data():
    at = open_page("cross_entropy", p="4,2,1,1", q="1,1,2,4")
    m = metrics(at)
    assert m["Code for q, on data from p"] == "2.625 bits"
    assert m["Extra bits per symbol"] == m["KL divergence"] == "0.875 bits"


@pytest.mark.parametrize(("hot", "expected"), [("0.5", "1.000 bits"), ("1", "0.000 bits")])
def test_one_hot_slider_gives_the_log_loss(hot, expected):
    at = open_page("cross_entropy", hot=hot)
    assert not at.exception
    assert any(expected.replace(" bits", "") in e.value for e in at.latex)


def test_one_hot_with_zero_probability_for_the_truth_is_infinite():
    at = open_page("cross_entropy", hot="0")
    assert not at.exception
    assert any(r"\infty" in e.value for e in at.latex)


def test_continuous_view_shows_closed_form_and_quadrature_that_agree():
    at = open_page("cross_entropy", mup="0.5", sp="1.5", sq="0.8", muq="-1")
    assert not at.exception
    expected = info.gaussian_cross_entropy(0.5, 1.5, -1, 0.8)
    line = next(md.value for md in at.markdown if "scipy.integrate.quad" in md.value)
    assert line.count(f"{expected:.6f}") == 2


@pytest.mark.parametrize(
    "params",
    [
        {"mup": "-3", "sp": "0.2", "sq": "0.2", "muq": "5", "dx": "0.05"},
        {"mup": "3", "sp": "3", "sq": "3", "muq": "-5", "dx": "2"},
        {"p": "10,0,0,0,0,0,0,0", "q": "0,0,0,0,0,0,0,10", "hot": "0"},
        {"p": "0,0", "q": "0,5"},
    ],
)
def test_extreme_settings_raise_nothing(params):
    at = open_page("cross_entropy", **params)
    assert not at.exception


@pytest.mark.parametrize(("param", "bad"), [("q", "1,2,3"), ("muq", "9"), ("dx", "abc")])
def test_bad_link_values_fall_back_with_a_notice(param, bad):
    at = open_page("cross_entropy", **{param: bad})
    assert not at.exception
    assert any(f"`{param}`" in w.value for w in at.warning)


def test_chinese_page_uses_chinese_readout_labels():
    at = open_page("cross_entropy", p="1,1", q="1,3", lang="zh")
    m = metrics(at)
    assert m["交叉熵"].startswith("1.208")
    assert m["KL 散度"].startswith("0.208")
