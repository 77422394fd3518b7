"""AppTest of the numerics lesson: readouts against torch and closed forms, controls, extremes."""

import base64
import json
import math

import numpy as np
import pytest
from conftest import first_number, metrics, open_page

torch = pytest.importorskip("torch")
F = torch.nn.functional

# The lesson's batch, written out here so that the references do not reuse the page's code.
LOGITS = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [1.0, -1.0, 3.0]])
TARGETS = np.array([0, 2, 2])


def close(value: str, expected: float, digits: int = 3) -> bool:
    return first_number(value) == pytest.approx(expected, abs=0.6 * 10**-digits)


def test_default_shows_the_naive_softmax_as_nan_and_the_stable_one_as_one():
    at = open_page("numerics")
    assert not at.exception
    m = metrics(at)
    assert m["Largest logit"] == "100.000"  # scale 50 × logit 2
    assert m["Naive softmax, top class"] == "NaN"  # exp(100) overflows in float32
    assert any("overflowed" in c.value for c in at.caption)
    assert m["Stable softmax, top class"] == "1.000"
    assert close(m["log-sum-exp"], torch.logsumexp(torch.tensor([100.0, 50.0, 5.0]), 0).item())


def test_small_scale_naive_and_stable_agree_with_torch_softmax():
    at = open_page("numerics", scale="1")
    m = metrics(at)
    expected = torch.softmax(torch.tensor([2.0, 1.0, 0.1]), 0)[0].item()
    assert close(m["Naive softmax, top class"], expected)
    assert close(m["Stable softmax, top class"], expected)
    assert not any("overflowed" in c.value for c in at.caption)


def test_float64_moves_the_overflow_limit():
    at = open_page("numerics", scale="300", dtype="float64")  # largest logit 600 < 709.8
    assert metrics(at)["Naive softmax, top class"] != "NaN"
    at = open_page("numerics", scale="400", dtype="float64")  # 800 > 709.8
    assert metrics(at)["Naive softmax, top class"] == "NaN"


def test_very_negative_shift_underflows_the_naive_softmax():
    at = open_page("numerics", scale="0", shift="-1000")
    m = metrics(at)
    assert m["Naive softmax, top class"] == "NaN"
    assert any("underflowed" in c.value for c in at.caption)
    assert m["Stable softmax, top class"] == "0.333"  # all logits equal


@pytest.mark.parametrize(
    ("scale", "dtype"), [("1", "float32"), ("50", "float32"), ("500", "float64")]
)
def test_cross_entropy_readouts_match_torch(scale, dtype):
    at = open_page("numerics", scale=scale, dtype=dtype)
    m = metrics(at)
    z = torch.tensor(float(scale) * LOGITS)
    y = torch.tensor(TARGETS)
    assert close(m["CrossEntropyLoss"], F.cross_entropy(z, y).item())
    assert close(m["LogSoftmax + NLLLoss"], F.nll_loss(F.log_softmax(z, 1), y).item())
    zt = z.to(getattr(torch, dtype))
    naive = F.nll_loss(torch.log(torch.softmax(zt, 1)), y).item()
    if math.isinf(naive):
        assert m["log(softmax) + NLLLoss"] == "∞ nats"
    else:
        assert close(m["log(softmax) + NLLLoss"], naive)
    assert m["CrossEntropyLoss"].endswith("nats")


@pytest.mark.parametrize(
    ("z", "y", "dtype"),
    [
        ("20", "0", "float32"),
        ("-30", "1", "float32"),
        ("30", "0", "float64"),
        ("-1000", "0", "float32"),
        ("1000", "0", "float64"),
        ("0.5", "1", "float32"),
    ],
)
def test_bce_readouts_match_torch_including_the_clamp(z, y, dtype):
    at = open_page("numerics", z=z, y=y, dtype=dtype)
    assert not at.exception
    m = metrics(at)
    t = getattr(torch, dtype)
    zt, yt = torch.tensor([float(z)], dtype=t), torch.tensor([float(y)], dtype=t)
    exact = F.binary_cross_entropy_with_logits(zt.double(), yt.double()).item()
    clamped = F.binary_cross_entropy(torch.sigmoid(zt), yt).item()
    assert close(m["BCEWithLogitsLoss"], exact)
    assert close(m["BCELoss after a sigmoid"], clamped)
    assert float(m[f"sigmoid(z) in {dtype}"]) == pytest.approx(torch.sigmoid(zt).item(), rel=1e-6)


def test_bce_at_z_20_is_stuck_at_100_while_from_logits_it_is_20():
    m = metrics(open_page("numerics"))  # defaults: z = 20, y = 0, float32
    assert m["BCELoss after a sigmoid"] == "100.000 nats"
    assert m["BCEWithLogitsLoss"] == "20.000 nats"


@pytest.mark.filterwarnings("ignore:reduction.*'mean' divides:UserWarning")
def test_kl_readouts_match_torch_kl_div():
    m = metrics(open_page("numerics"))
    p = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]], dtype=torch.float64)
    log_q = F.log_softmax(torch.tensor(LOGITS[:2]), 1)
    assert close(m["KLDivLoss, batchmean"], F.kl_div(log_q, p, reduction="batchmean").item())
    assert close(m["KLDivLoss, mean"], F.kl_div(log_q, p, reduction="mean").item())
    by_rows = (p * (p.log() - log_q)).sum(1).mean().item()  # Σ p log p/q per row, averaged
    assert close(m["KL(p‖q), batch mean"], by_rows)


@pytest.mark.parametrize("w", ["0", "1", "4", "10"])
def test_reductions_and_class_weights_match_torch(w):
    m = metrics(open_page("numerics", w=w))
    z, y = torch.tensor(LOGITS), torch.tensor(TARGETS)
    weight = torch.tensor([1.0, 1.0, float(w)], dtype=torch.float64)
    assert close(m["Mean"], F.cross_entropy(z, y).item())
    assert close(m["Sum"], F.cross_entropy(z, y, reduction="sum").item())
    assert close(m["Weighted mean (PyTorch)"], F.cross_entropy(z, y, weight=weight).item())
    per = F.cross_entropy(z, y, reduction="none") * weight[y]
    assert close(m["Weighted sum ÷ batch size"], per.sum().item() / 3)


@pytest.mark.parametrize("eps", ["0", "0.1", "0.5", "1"])
def test_label_smoothing_matches_torch_and_its_floor_is_the_entropy_of_the_target(eps):
    m = metrics(open_page("numerics", eps=eps))
    e = float(eps)
    expected = F.cross_entropy(torch.tensor(LOGITS), torch.tensor(TARGETS), label_smoothing=e)
    assert close(m["Cross-entropy with label smoothing"], expected.item())
    assert close(m["H(smoothed target, q)"], expected.item())
    target = np.array([1 - e + e / 3, e / 3, e / 3])
    floor = -sum(p * math.log(p) for p in target if p > 0)
    assert close(m["Lowest reachable loss"], floor)


def test_moving_the_scale_slider_changes_the_readouts_and_the_url():
    at = open_page("numerics")
    at.slider(key="num_scale").set_value(10.0).run()
    m = metrics(at)
    assert m["Largest logit"] == "20.000"
    assert m["Naive softmax, top class"] != "NaN"
    assert at.query_params["scale"] in ("10", ["10"])


def test_switching_dtype_and_label_updates_the_bce_tab():
    at = open_page("numerics", z="-20")
    at.radio(key="num_y").set_value("1").run()
    assert metrics(at)["BCELoss after a sigmoid"] != "100.000 nats"  # σ(−20) ≈ 2e-9 ≠ 0
    at.slider(key="num_z").set_value(-200.0).run()
    assert metrics(at)["BCELoss after a sigmoid"] == "100.000 nats"
    at.radio(key="num_dtype").set_value("float64").run()
    assert metrics(at)["sigmoid(z) in float64"] != "0"


@pytest.mark.parametrize(
    "params",
    [
        {
            "scale": "500",
            "shift": "1000",
            "dtype": "float64",
            "z": "1000",
            "y": "1",
            "w": "0",
            "eps": "1",
        },
        {"scale": "500", "shift": "-1000", "dtype": "float32", "z": "-1000", "y": "0", "w": "10"},
        {"scale": "0", "shift": "0", "eps": "0"},
    ],
)
def test_extremes_raise_nothing_and_readouts_stay_numbers_or_labelled_nan(params):
    at = open_page("numerics", **params)
    assert not at.exception
    for label, value in metrics(at).items():
        head = value.split()[0]
        if label == "Naive softmax, top class" and head == "NaN":
            continue  # the demonstration, labelled as the naive formula
        assert head != "NaN" and head != "undefined", label
        first_number(value)


@pytest.mark.parametrize(
    ("param", "bad"),
    [
        ("scale", "abc"),
        ("scale", "-1"),
        ("shift", "1e9"),
        ("dtype", "float16"),
        ("y", "2"),
        ("eps", "nan"),
    ],
)
def test_bad_link_value_falls_back_with_a_notice(param, bad):
    at = open_page("numerics", **{param: bad})
    assert not at.exception
    assert any(f"`{param}`" in w.value for w in at.warning)
    assert metrics(at)["Largest logit"] == "100.000"


def test_page_in_chinese_has_chinese_labels_and_units():
    at = open_page("numerics", lang="zh")
    assert not at.exception
    m = metrics(at)
    assert m["朴素 softmax，最大类"] == "NaN"
    assert m["CrossEntropyLoss 交叉熵损失"].endswith("奈特")
    assert all(any("\u4e00" <= c <= "\u9fff" for c in label) for label in m)


def chart(at, key):
    found = [c for c in at.get("plotly_chart") if c.proto.id.endswith(key)]
    assert found, key
    return found[0].proto


def test_every_chart_has_an_alt_text_with_current_numbers():
    at = open_page("numerics", scale="60", z="25", eps="0.2")
    assert "60" in chart(at, "num_softmax_chart").alt
    assert "NaN" in chart(at, "num_softmax_chart").alt  # 2 × 60 > 88.7 in float32
    assert "25" in chart(at, "num_bce_chart").alt and "100.000" in chart(at, "num_bce_chart").alt
    assert "0.20" in chart(at, "num_smoothing_chart").alt


def values(v) -> np.ndarray:
    """A trace's array from the figure JSON: a list (None for NaN) or plotly's base64 form."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).astype(float)
    return np.array([np.nan if e is None else e for e in v], dtype=float)


def test_softmax_chart_draws_the_naive_curve_with_nan_past_the_overflow_limit():
    spec = json.loads(chart(open_page("numerics"), "num_softmax_chart").spec)
    stable, naive = spec["data"][0], spec["data"][1]
    scales, broken = values(stable["x"]), np.isnan(values(naive["y"]))
    np.testing.assert_array_equal(broken, 2 * scales > math.log(np.finfo(np.float32).max))
