"""Hypothesis strategies for probability vectors, shared by every test module.

A vector is drawn as non-negative weights and divided by their sum, so each
distribution sums to 1 up to rounding (checked to 1e-9). Non-zero weights lie in
[1e-6, 1]: the smallest probability is then about 1e-7 for ten outcomes, small
enough to exercise near-impossible outcomes while keeping the properties under
test (``H(p, q) = H(p) + D(p‖q)``, ``H <= L < H + 1``, ...) clear of underflow.
Zeros are drawn on purpose, since ``0 log 0`` and support mismatches are where the
conventions matter.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import strategies as st

SUM_TOLERANCE = 1e-9


def _weights(size: int, *, allow_zero: bool) -> st.SearchStrategy[list[float]]:
    positive = st.floats(min_value=1e-6, max_value=1.0)
    entry = st.one_of(st.just(0.0), positive) if allow_zero else positive
    return st.lists(entry, min_size=size, max_size=size).filter(any)


def _normalised(weights: list[float]) -> np.ndarray:
    p = np.asarray(weights, dtype=np.float64) / math.fsum(weights)
    assert abs(p.sum() - 1) <= SUM_TOLERANCE
    return p


def prob_vectors(
    min_size: int = 1, max_size: int = 10, *, allow_zero: bool = True
) -> st.SearchStrategy[np.ndarray]:
    """Probability vectors of length `min_size` to `max_size`, with zeros unless refused."""
    return st.integers(min_size, max_size).flatmap(
        lambda k: _weights(k, allow_zero=allow_zero).map(_normalised)
    )


def positive_prob_vectors(min_size: int = 1, max_size: int = 10) -> st.SearchStrategy[np.ndarray]:
    """Probability vectors whose entries are all strictly positive."""
    return prob_vectors(min_size, max_size, allow_zero=False)


def prob_vector_pairs(
    min_size: int = 1, max_size: int = 10, *, allow_zero: bool = True
) -> st.SearchStrategy[tuple[np.ndarray, np.ndarray]]:
    """Pairs ``(p, q)`` of probability vectors of the same length."""
    return st.integers(min_size, max_size).flatmap(
        lambda k: st.tuples(
            prob_vectors(k, k, allow_zero=allow_zero), prob_vectors(k, k, allow_zero=allow_zero)
        )
    )


def dyadic_prob_vectors(max_size: int = 10) -> st.SearchStrategy[tuple[np.ndarray, list[int]]]:
    """Dyadic distributions (every entry a power of 1/2) with the depth of each entry.

    Built as the leaves of a random full binary tree: start from the root and
    split a leaf into two children until there are enough leaves. A leaf at
    depth ``d`` has probability ``2**-d``, so the entries sum to exactly 1.
    """

    def tree(splits: list[int]) -> tuple[np.ndarray, list[int]]:
        depths = [0]
        for s in splits:
            d = depths.pop(s % len(depths))
            depths += [d + 1, d + 1]
        return np.array([2.0**-d for d in depths]), depths

    return st.lists(st.integers(0, max_size), min_size=1, max_size=max_size - 1).map(tree)
