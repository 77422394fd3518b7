"""The pure core under arbitrary input: a correct value or a clear ValueError, nothing else.

Every public function of ``lossviz.info`` and every loss (and gradient) of
``lossviz.losses.REGISTRY`` is fed finite and non-finite numbers, wrong shapes and bad
options. It must either return a value with no NaN in it (``inf`` is allowed where the
maths diverges) or raise ``ValueError`` whose message names an argument in backticks.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lossviz import info, losses

EXAMPLES = 300
anything = st.floats(allow_nan=True, allow_infinity=True, width=64)
vectors = st.lists(anything, min_size=0, max_size=6)
scalars_or_vectors = st.one_of(anything, vectors)
bases = st.one_of(st.sampled_from([2, math.e, 10]), anything)
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(call):
    """Run `call`; check it returned a NaN-free value or raised a clear ValueError."""
    try:
        value = call()
    except ValueError as error:
        assert "`" in str(error), f"unclear message: {error}"
        return None
    assert not np.any(np.isnan(np.asarray(value, dtype=float))), value
    return value


@fuzz
@given(p=scalars_or_vectors, base=bases)
def test_self_information_and_binary_entropy_are_nan_free_or_refuse(p, base):
    _outcome(lambda: info.self_information(p, base=base))
    _outcome(lambda: info.binary_entropy(p, base=base))


@fuzz
@given(p=vectors, base=bases)
def test_entropy_is_nan_free_or_refuses(p, base):
    value = _outcome(lambda: info.entropy(p, base=base))
    if value is not None and base > 1:  # accepted: p was a distribution, and H ≥ 0
        assert value >= -1e-12


@fuzz
@given(p=vectors, q=vectors, base=bases)
def test_pairwise_measures_are_nan_free_or_refuse(p, q, base):
    for f in (info.cross_entropy, info.kl_divergence, info.js_divergence):
        value = _outcome(lambda f=f: f(p, q, base=base))
        if value is not None and base > 1:
            assert value >= -1e-6  # Gibbs, up to the 1e-6 tolerance on the sums


@fuzz
@given(mu_p=anything, s_p=anything, mu_q=anything, s_q=anything, base=bases)
def test_gaussian_measures_are_nan_free_or_refuse(mu_p, s_p, mu_q, s_q, base):
    _outcome(lambda: info.gaussian_entropy(s_p, base=base))
    _outcome(lambda: info.gaussian_cross_entropy(mu_p, s_p, mu_q, s_q, base=base))
    value = _outcome(lambda: info.gaussian_kl(mu_p, s_p, mu_q, s_q, base=base))
    if value is not None and base > 1:  # a base below 1 flips every sign
        assert value >= 0


@fuzz
@given(w=vectors)
def test_normalize_is_nan_free_or_refuses(w):
    p = _outcome(lambda: info.normalize(w))
    if p is not None:
        assert abs(float(np.sum(p)) - 1) < 1e-9


PAIRWISE = [name for name, entry in losses.REGISTRY.items() if entry.kind != "multiclass"]
pairs = st.integers(1, 5).flatmap(
    lambda n: st.tuples(
        st.lists(anything, min_size=n, max_size=n), st.lists(anything, min_size=n, max_size=n)
    )
)
labels = st.integers(1, 5).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from([0.0, 1.0, -1.0]), min_size=n, max_size=n),
        st.lists(anything, min_size=n, max_size=n),
    )
)
options = st.one_of(st.none(), anything)
reductions = st.sampled_from(["mean", "sum", "none", "batchmean", ""])


@pytest.mark.parametrize("name", PAIRWISE)
@fuzz
@given(data=st.one_of(pairs, labels), option=options, reduction=reductions)
def test_every_loss_and_gradient_is_nan_free_or_refuses(name, data, option, reduction):
    entry = losses.REGISTRY[name]
    y, pred = data
    kwargs = {"reduction": reduction}
    if option is not None and entry.options:
        kwargs[next(iter(entry.options))] = option
    _outcome(lambda: entry.loss(y, pred, **kwargs))
    _outcome(lambda: entry.grad(y, pred, **kwargs))


@fuzz
@given(
    n=st.integers(0, 4),
    k=st.integers(0, 4),
    y=st.lists(st.one_of(st.integers(-2, 5), anything), max_size=4),
    z=st.lists(anything, max_size=16),
    smoothing=anything,
)
def test_softmax_cross_entropy_is_nan_free_or_refuses(n, k, y, z, smoothing):
    logits = np.resize(np.asarray(z, dtype=float), (n, k)) if z and n and k else np.zeros((n, k))
    entry = losses.REGISTRY["softmax_cross_entropy"]
    _outcome(lambda: entry.loss(y, logits, label_smoothing=smoothing))
    _outcome(lambda: entry.grad(y, logits, label_smoothing=smoothing))
