"""Source coding: Huffman codes, average code length and character frequencies.

Entropy is a limit on compression: no binary prefix code for outcomes drawn from
``p`` has an average length below ``H(p)`` bits, and a Huffman code comes within one
bit of it, ``H(p) <= L < H(p) + 1``. This module builds such codes so that a lesson
can put the two numbers side by side.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

# The validation helpers of lossviz.info, so that both modules check and word errors alike.
from lossviz.info import _as_distribution, _as_float_array, _check_finite, _check_vector, _first

__all__ = ["average_length", "char_frequencies", "huffman_code"]


def huffman_code(
    p: ArrayLike, symbols: Sequence[Hashable] | None = None
) -> list[tuple[Hashable, float, str]]:
    """Return an optimal binary prefix code (a Huffman code) for distribution `p`.

    Huffman's algorithm: repeatedly merge the two least probable subtrees into
    one, until a single tree remains; each outcome's codeword spells the path from
    the root to its leaf (``0`` for one branch, ``1`` for the other). The
    result minimises the average length ``L = Σ p_i l_i`` over all binary prefix
    codes, and ``H(p) <= L < H(p) + 1`` bits.

    Parameters
    ----------
    p : array_like, shape (k,)
        Probabilities of the k outcomes; must sum to 1 (use
        :func:`lossviz.info.normalize` for counts).
    symbols : sequence of length k, optional
        Distinct names of the outcomes, e.g. characters. Defaults to the
        indices ``0, 1, ..., k - 1``.

    Returns
    -------
    list of (symbol, probability, codeword)
        One entry per outcome with ``p_i > 0``, in input order; the codeword is a
        string of ``"0"`` and ``"1"``.

    Raises
    ------
    ValueError
        If `p` is not a valid distribution (see :func:`lossviz.info.entropy`),
        or if `symbols` does not have one distinct entry per probability.

    Notes
    -----
    Conventions. Outcomes with probability 0 are left out of the code: they never
    occur, and giving them a codeword would only take code space from outcomes
    that do. A distribution with a single possible outcome gets the codeword
    ``"0"`` (length 1), although its entropy is 0: a code needs at least one bit
    to send anything, so there ``L = H + 1`` and the strict bound above does not
    hold.

    Ties are broken deterministically, so the same input always gives the same
    code. Among subtrees of equal probability the one created first is merged
    first, single outcomes (in input order) before merged subtrees; this is the
    variant that keeps codeword lengths as even as possible. When two subtrees
    are merged, the first taken (the less probable) gets the ``0`` branch.

    For a dyadic distribution (every ``p_i`` a power of 1/2) each codeword is
    exactly ``-log2 p_i`` bits long and ``L = H(p)``.

    Examples
    --------
    >>> huffman_code([0.5, 0.25, 0.125, 0.125], symbols="abcd")
    [('a', 0.5, '0'), ('b', 0.25, '10'), ('c', 0.125, '110'), ('d', 0.125, '111')]
    >>> huffman_code([1.0, 0.0])  # one possible outcome; the impossible one is left out
    [(0, 1.0, '0')]

    The characters of a word, coded by their frequencies:

    >>> from lossviz.info import normalize
    >>> letters, counts = char_frequencies("HELLO")
    >>> for letter, prob, word in huffman_code(normalize(counts), letters):
    ...     print(letter, prob, word)
    L 0.4 11
    E 0.2 00
    H 0.2 01
    O 0.2 10
    """
    probs = _as_distribution(p)
    if symbols is None:
        symbols = range(probs.size)
    elif len(symbols) != probs.size:
        raise ValueError(
            f"`symbols` must have one entry per probability (got {len(symbols)} "
            f"symbols for {probs.size} probabilities); name every outcome once"
        )
    elif len(set(symbols)) != len(symbols):
        raise ValueError("`symbols` must be distinct; a code cannot tell repeated names apart")

    present = [int(i) for i in np.flatnonzero(probs > 0)]
    codewords = {i: "" for i in present}
    if len(present) == 1:
        codewords[present[0]] = "0"
    # Heap entries are (probability, creation order, leaves below): the creation
    # order breaks ties, and leaves get the smallest numbers, in input order.
    heap = [(float(probs[i]), order, [i]) for order, i in enumerate(present)]
    heapq.heapify(heap)
    created = len(heap)
    while len(heap) > 1:
        p0, _, leaves0 = heapq.heappop(heap)
        p1, _, leaves1 = heapq.heappop(heap)
        # Merging puts both subtrees one level deeper: prefix a bit to each codeword.
        for i in leaves0:
            codewords[i] = "0" + codewords[i]
        for i in leaves1:
            codewords[i] = "1" + codewords[i]
        heapq.heappush(heap, (p0 + p1, created, leaves0 + leaves1))
        created += 1
    return [(symbols[i], float(probs[i]), codewords[i]) for i in present]


def average_length(p: ArrayLike, lengths: ArrayLike) -> float:
    r"""Return the average codeword length of a code: the expected bits per outcome.

    .. math:: L = \sum_i p_i \, l_i

    Parameters
    ----------
    p : array_like, shape (k,)
        Probabilities of the k outcomes; must sum to 1.
    lengths : array_like, shape (k,)
        Length of each outcome's codeword, in symbols of the code alphabet
        (bits for a binary code). Non-negative and finite; they need not be
        integers, so ideal lengths ``-log2 p_i`` are accepted too.

    Returns
    -------
    float
        The average length ``L``. For a prefix code it is at least the entropy
        of `p` in the same unit.

    Raises
    ------
    ValueError
        If `p` is not a valid distribution, or `lengths` is not a 1-D vector of
        non-negative finite numbers of the same length as `p`.

    Notes
    -----
    Conventions. An outcome with ``p_i = 0`` contributes nothing, whatever its
    length: it is never sent.

    Examples
    --------
    >>> average_length([0.5, 0.25, 0.25], [1, 2, 2])  # equals the entropy: 1.5 bits
    1.5
    >>> average_length([0.5, 0.5], [1, 1])  # one bit per fair coin toss
    1.0
    """
    probs = _as_distribution(p)
    ls = _as_float_array(lengths, "lengths")
    fix = "give one non-negative length per outcome"
    _check_vector(ls, "lengths", fix)
    _check_finite(ls, "lengths", fix)
    if ls.shape != probs.shape:
        raise ValueError(
            f"`lengths` must have the same length as `p` (got {ls.size} and {probs.size}); {fix}"
        )
    if (ls < 0).any():
        raise ValueError(f"`lengths` must be non-negative (got {_first(ls, ls < 0)}); {fix}")
    return float(probs @ ls)


def char_frequencies(text: str) -> tuple[list[str], NDArray[np.int64]]:
    """Count how often each character occurs in `text`.

    Parameters
    ----------
    text : str
        Any text. Every Unicode code point counts as one character, spaces and
        punctuation included.

    Returns
    -------
    symbols : list of str, length k
        The distinct characters, most frequent first; characters with the same
        count are in code-point order (so ``"A"`` before ``"B"`` before ``"a"``).
    counts : ndarray of int, shape (k,)
        How often each character occurs; they add up to ``len(text)``.
        Both are empty for empty text.

    Raises
    ------
    TypeError
        If `text` is not a string.

    Notes
    -----
    Conventions. Characters are not normalised: ``"e"`` and ``"E"`` are
    different symbols, and a letter written with a combining accent is two
    code points. Pass ``counts`` to :func:`lossviz.info.normalize` to get the
    empirical distribution of the characters.

    Examples
    --------
    >>> symbols, counts = char_frequencies("HELLO")  # L appears twice
    >>> symbols
    ['L', 'E', 'H', 'O']
    >>> counts
    array([2, 1, 1, 1])
    """
    if not isinstance(text, str):
        raise TypeError(f"`text` must be a string (got {type(text).__name__}); pass str(text)")
    ranked = sorted(Counter(text).items(), key=lambda item: (-item[1], item[0]))
    symbols = [symbol for symbol, _ in ranked]
    counts = np.array([count for _, count in ranked], dtype=np.int64)
    return symbols, counts
