"""Tests of lossviz.coding: Huffman codes against the entropy bound and a brute-force optimum."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import dyadic_prob_vectors, positive_prob_vectors, prob_vectors

from lossviz import coding
from lossviz.info import normalize


def _codewords(p, symbols=None):
    return [word for _, _, word in coding.huffman_code(p, symbols)]


def _lengths(p):
    return np.array([len(word) for word in _codewords(p)])


def _entropy_bits(p):
    return scipy.stats.entropy(p, base=2)


def _optimal_average_length(p):
    """Brute force: the least Σ p_i l_i over all integer lengths that satisfy Kraft.

    By the Kraft-McMillan theorem, lengths with Σ 2^-l_i <= 1 are exactly those of
    some binary prefix code, so this is the best any prefix code can do. Lengths
    above k - 1 are never needed.
    """
    k = len(p)
    choices = np.array(list(itertools.product(range(1, max(k, 2)), repeat=k)))
    kraft = np.sum(2.0**-choices, axis=1)
    return float(np.min(choices[kraft <= 1] @ p))


# --------------------------------------------------------------------------- Huffman codes


def test_huffman_code_of_a_dyadic_distribution_is_the_textbook_code():
    code = coding.huffman_code([0.5, 0.25, 0.125, 0.125], symbols="abcd")
    assert code == [("a", 0.5, "0"), ("b", 0.25, "10"), ("c", 0.125, "110"), ("d", 0.125, "111")]


def test_huffman_code_of_a_fair_coin_uses_one_bit_per_toss():
    assert _codewords([0.5, 0.5]) == ["0", "1"]


def test_huffman_code_of_a_single_certain_outcome_is_one_bit_long():
    assert coding.huffman_code([1.0]) == [(0, 1.0, "0")]


def test_huffman_code_leaves_out_zero_probability_outcomes():
    code = coding.huffman_code([0.0, 0.5, 0.0, 0.5], symbols="wxyz")
    assert code == [("x", 0.5, "0"), ("z", 0.5, "1")]


def test_huffman_code_of_one_possible_outcome_among_impossible_ones_is_one_bit_long():
    assert coding.huffman_code([0.0, 1.0, 0.0], symbols="abc") == [("b", 1.0, "0")]


def test_huffman_code_numbers_outcomes_when_no_symbols_are_given():
    assert [symbol for symbol, _, _ in coding.huffman_code([0.25] * 4)] == [0, 1, 2, 3]


def test_huffman_code_breaks_ties_towards_even_lengths():
    # Merging single outcomes before merged subtrees of the same probability gives
    # four 2-bit codewords here, rather than lengths 1, 2, 3, 3 with the same average.
    assert sorted(_lengths([0.4, 0.2, 0.2, 0.2])) == [2, 2, 2, 2]


def test_huffman_code_of_hello_gives_every_letter_two_bits():
    symbols, counts = coding.char_frequencies("HELLO")
    code = coding.huffman_code(normalize(counts), symbols)
    assert code == [("L", 0.4, "11"), ("E", 0.2, "00"), ("H", 0.2, "01"), ("O", 0.2, "10")]


@given(prob_vectors())
def test_huffman_code_is_deterministic(p):
    assert coding.huffman_code(p) == coding.huffman_code(p.copy())


@given(prob_vectors())
def test_huffman_code_is_prefix_free(p):
    words = _codewords(p)
    for a, b in itertools.permutations(words, 2):
        assert not b.startswith(a), f"{a!r} is a prefix of {b!r}"


@given(prob_vectors())
def test_huffman_codewords_are_binary_strings(p):
    assert all(word and set(word) <= {"0", "1"} for word in _codewords(p))


@given(prob_vectors())
def test_huffman_code_satisfies_kraft_inequality(p):
    assert math.fsum(2.0 ** -_lengths(p)) <= 1


@given(prob_vectors(min_size=2).filter(lambda p: np.count_nonzero(p) >= 2))
def test_huffman_code_fills_the_kraft_sum_exactly(p):
    # A Huffman tree is full (every inner node has two children), so Σ 2^-l = 1.
    assert math.fsum(2.0 ** -_lengths(p)) == 1


@given(prob_vectors(min_size=2).filter(lambda p: np.count_nonzero(p) >= 2))
def test_huffman_average_length_is_within_one_bit_of_entropy(p):
    code = coding.huffman_code(p)
    length = coding.average_length([q for _, q, _ in code], [len(w) for _, _, w in code])
    h = _entropy_bits(p)
    assert h - 1e-12 <= length < h + 1


def test_huffman_average_length_of_a_certain_outcome_is_entropy_plus_one():
    # The one case outside H <= L < H + 1: H = 0, but a codeword needs a bit.
    assert coding.average_length([1.0], _lengths([1.0])) == 1.0 == _entropy_bits([1.0]) + 1


@given(dyadic_prob_vectors())
def test_huffman_lengths_of_a_dyadic_distribution_are_minus_log2_p(p_depths):
    p, depths = p_depths
    assert list(_lengths(p)) == depths


@given(dyadic_prob_vectors())
def test_huffman_average_length_of_a_dyadic_distribution_equals_entropy(p_depths):
    p, _ = p_depths
    assert coding.average_length(p, _lengths(p)) == pytest.approx(_entropy_bits(p), rel=1e-14)


@settings(max_examples=60, deadline=None)
@given(positive_prob_vectors(max_size=6))
def test_huffman_average_length_matches_brute_force_optimum(p):
    assert coding.average_length(p, _lengths(p)) == pytest.approx(
        _optimal_average_length(p), rel=1e-12
    )


def test_brute_force_optimum_knows_the_textbook_answer():
    assert _optimal_average_length(np.array([0.4, 0.2, 0.2, 0.1, 0.1])) == pytest.approx(2.2)


@pytest.mark.parametrize(
    ("p", "symbols", "message"),
    [
        pytest.param([0.5, 0.5], "abc", r"`symbols` must have one entry per probability", id="len"),
        pytest.param([0.5, 0.5], "aa", r"`symbols` must be distinct", id="duplicate"),
        pytest.param([0.5, 0.4], None, r"`p` must sum to 1 \(got 0.9\)", id="sum"),
        pytest.param([1.5, -0.5], None, r"`p` must be non-negative", id="negative"),
        pytest.param([], None, r"`p` must not be empty", id="empty"),
        pytest.param([0.5, math.nan], None, r"`p` must not contain NaN", id="nan"),
    ],
)
def test_huffman_code_rejects_invalid_input(p, symbols, message):
    with pytest.raises(ValueError, match=message):
        coding.huffman_code(p, symbols)


# --------------------------------------------------------------------------- average length


def test_average_length_weights_lengths_by_probability():
    assert coding.average_length([0.5, 0.25, 0.25], [1, 2, 2]) == 1.5


def test_average_length_ignores_the_length_of_an_impossible_outcome():
    assert coding.average_length([1.0, 0.0], [1, 1000]) == 1.0


@given(positive_prob_vectors())
def test_average_length_of_ideal_lengths_is_the_entropy(p):
    ideal = -np.log2(p)
    assert coding.average_length(p, ideal) == pytest.approx(_entropy_bits(p), rel=1e-12)


@pytest.mark.parametrize(
    ("lengths", "message"),
    [
        pytest.param([1, 2], r"`lengths` must have the same length as `p` \(got 2", id="len"),
        pytest.param([1, -2, 2], r"`lengths` must be non-negative \(got -2 at index 1\)", id="neg"),
        pytest.param([1, math.inf, 2], r"`lengths` must be finite", id="inf"),
        pytest.param([1, math.nan, 2], r"`lengths` must not contain NaN", id="nan"),
        pytest.param([[1, 2, 2]], r"`lengths` must be 1-D", id="2-d"),
        pytest.param([], r"`lengths` must not be empty", id="empty"),
    ],
)
def test_average_length_rejects_invalid_lengths(lengths, message):
    with pytest.raises(ValueError, match=message):
        coding.average_length([0.5, 0.25, 0.25], lengths)


def test_average_length_rejects_an_invalid_p():
    with pytest.raises(ValueError, match=r"`p` must sum to 1"):
        coding.average_length([0.5, 0.25], [1, 2])


# --------------------------------------------------------------------------- character counts


def test_char_frequencies_of_hello_counts_l_twice():
    symbols, counts = coding.char_frequencies("HELLO")
    assert symbols == ["L", "E", "H", "O"]
    np.testing.assert_array_equal(counts, [2, 1, 1, 1])


def test_char_frequencies_counts_spaces_and_case_separately():
    symbols, counts = coding.char_frequencies("Aa a")
    assert symbols == ["a", " ", "A"]
    np.testing.assert_array_equal(counts, [2, 1, 1])


def test_char_frequencies_counts_chinese_characters():
    symbols, counts = coding.char_frequencies("你好，你好！你")
    assert symbols == ["你", "好", "！", "，"]
    np.testing.assert_array_equal(counts, [3, 2, 1, 1])


def test_char_frequencies_of_empty_text_is_empty():
    symbols, counts = coding.char_frequencies("")
    assert symbols == []
    assert counts.shape == (0,)


@given(st.text(max_size=200))
def test_char_frequencies_agree_with_str_count(text):
    symbols, counts = coding.char_frequencies(text)
    assert len(set(symbols)) == len(symbols)
    assert set(symbols) == set(text)
    assert [text.count(s) for s in symbols] == list(counts)
    assert counts.sum() == len(text)


@given(st.text(max_size=200))
def test_char_frequencies_are_sorted_by_count_then_symbol(text):
    symbols, counts = coding.char_frequencies(text)
    keys = [(-int(c), s) for s, c in zip(symbols, counts, strict=True)]
    assert keys == sorted(keys)


def test_char_frequencies_rejects_a_non_string():
    with pytest.raises(TypeError, match=r"`text` must be a string \(got bytes\)"):
        coding.char_frequencies(b"HELLO")
