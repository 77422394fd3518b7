"""Page tests (AppTest) of the lesson on KL divergence."""

import math

import numpy as np
import pytest
from conftest import first_number, metrics, open_page
from scipy import stats
from scipy.spatial.distance import jensenshannon

from lossviz import divergences


def test_deep_link_with_support_mismatch_shows_one_bit_and_infinity():
    at = open_page("kl_divergence", p="1,0", q="1,1")
    assert not at.exception
    m = metrics(at)
    assert m["KL(p‖q)"] == "1.000 bits"
    assert m["KL(q‖p)"] == "∞ bits"
    assert any("x2" in w.value and "∞" in w.value for w in at.warning)  # says which outcome


def test_readouts_match_scipy_in_both_directions_and_js():
    at = open_page("kl_divergence", p="5,3,2", q="2,2,6", unit="nats")
    p, q = np.array([5, 3, 2]) / 10, np.array([2, 2, 6]) / 10
    m = metrics(at)
    assert first_number(m["KL(p‖q)"]) == pytest.approx(stats.entropy(p, q), abs=5e-4)
    assert first_number(m["KL(q‖p)"]) == pytest.approx(stats.entropy(q, p), abs=5e-4)
    assert first_number(m["JS divergence"]) == pytest.approx(jensenshannon(p, q) ** 2, abs=5e-4)
    assert m["KL(p‖q)"].endswith("nats")


def test_swapping_p_and_q_swaps_the_two_directions_and_keeps_js():
    one = metrics(open_page("kl_divergence", p="9,1", q="1,1"))
    two = metrics(open_page("kl_divergence", p="1,1", q="9,1"))
    assert one["KL(p‖q)"] == two["KL(q‖p)"] == "0.531 bits"
    assert one["KL(q‖p)"] == two["KL(p‖q)"] == "0.737 bits"
    assert one["JS divergence"] == two["JS divergence"]


def test_disjoint_supports_give_infinite_kl_both_ways_and_js_of_one_bit():
    m = metrics(open_page("kl_divergence", p="1,0", q="0,1"))
    assert m["KL(p‖q)"] == m["KL(q‖p)"] == "∞ bits"
    assert m["JS divergence"] == "1.000 bits"


def test_moving_a_p_weight_updates_readouts_and_url():
    at = open_page("kl_divergence", p="9,1", q="1,1")
    at.slider(key="kl_p_0").set_value(1.0).run()
    m = metrics(at)
    assert m["KL(p‖q)"] == m["KL(q‖p)"] == m["JS divergence"] == "0.000 bits"
    assert at.query_params["p"] in ("1,1", ["1,1"])


def _fit_table(at):
    frame = next(df.value for df in at.dataframe if "μ" in df.value.columns)
    return {column: list(frame[column]) for column in frame.columns}


def test_fit_table_shows_moment_matching_forward_fit_and_a_reverse_fit_on_one_mode():
    at = open_page("kl_divergence", sep="8", w="0.3", start="-3")
    assert not at.exception
    table = _fit_table(at)
    w, m, s = divergences.two_gaussian_mixture(8, 0.3)
    mean = w @ m
    assert float(table["μ"][0]) == pytest.approx(mean, abs=2e-3)
    assert float(table["σ"][0]) == pytest.approx(math.sqrt(w @ (s**2 + m**2) - mean**2), abs=2e-3)
    assert float(table["μ"][1]) == pytest.approx(-4, abs=0.05)  # the left mode, near the start


def test_reverse_fit_start_on_the_other_side_picks_the_other_mode():
    at = open_page("kl_divergence", sep="8", w="0.3", start="3")
    assert float(_fit_table(at)["μ"][1]) == pytest.approx(4, abs=0.05)


def test_coin_map_marks_the_current_pair_only_for_two_outcomes():
    assert not any("outcomes" in c.value for c in open_page("kl_divergence", p="1,3").caption)
    at = open_page("kl_divergence", p="1,1,1", q="1,2,3")
    assert any("3 outcomes" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "params",
    [
        {"sep": "0", "w": "0.05", "start": "-6"},
        {"sep": "10", "w": "0.95", "start": "6"},
        {"sep": "10", "w": "0.5", "start": "0"},
        {"p": "10,0,0,0,0,0,0,0", "q": "0,0,0,0,0,0,0,10", "unit": "hartleys"},
    ],
)
def test_extreme_settings_raise_nothing(params):
    at = open_page("kl_divergence", **params)
    assert not at.exception


@pytest.mark.parametrize(("param", "bad"), [("p", "1,-1"), ("sep", "20"), ("start", "nan")])
def test_bad_link_values_fall_back_with_a_notice(param, bad):
    at = open_page("kl_divergence", **{param: bad})
    assert not at.exception
    assert any(f"`{param}`" in w.value for w in at.warning)


def test_chinese_page_keeps_the_symbolic_labels_and_translates_js():
    m = metrics(open_page("kl_divergence", p="1,0", q="1,1", lang="zh"))
    assert m["KL(p‖q)"] == "1.000 比特"
    assert m["KL(q‖p)"] == "∞ 比特"
    assert "JS 散度" in m
