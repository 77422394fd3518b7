"""Page tests (AppTest) of the lesson "Classification losses".

References: scikit-learn's SVC and LogisticRegression fitted to the same points, and
scipy's bounded minimisation of the expected cross-entropy.
"""

import json

import numpy as np
import pytest
from conftest import first_number, metrics, open_page
from scipy.optimize import minimize_scalar
from scipy.special import xlog1py, xlogy
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC

from lossviz import estimators


def optimum_reference(pi, w, eps):
    t1, t0 = 1 - eps / 2, eps / 2

    def loss(p):
        def bce(t):
            return -(w * xlogy(t, p) + xlog1py(1 - t, -p))

        return pi * bce(t1) + (1 - pi) * bce(t0)

    return minimize_scalar(loss, bounds=(1e-9, 1 - 1e-9), method="bounded",
                           options={"xatol": 1e-10}).x  # fmt: skip


def test_default_page_readouts():
    at = open_page("classification_losses")
    assert not at.exception
    m = metrics(at)
    assert m["Base rate"] == "0.100"
    assert first_number(m["Optimal probability"]) == pytest.approx(
        optimum_reference(0.1, 3.0, 0.1), abs=1e-3
    )
    X, y = estimators.classifier_points(1.2, 1.0)
    svc = SVC(kernel="linear", C=1.0, tol=1e-10).fit(X, y)
    assert int(m["Support vectors"]) == len(svc.support_)
    assert m["Moved point: SVM pull"] == "0.000"  # beyond the margin: ignored by the hinge
    lr = LogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(X, y)
    assert first_number(m["Moved point: logistic pull"]) == pytest.approx(
        1 - lr.predict_proba(X[-1:])[0, 1], abs=1e-3
    )
    assert first_number(m["Moved point: logistic pull"]) > 0  # every point counts


@pytest.mark.parametrize(
    ("pi", "w", "eps"), [("0.1", "9", "0"), ("0.5", "1", "0.3"), ("0.9", "0.25", "0.5")]
)
def test_weights_and_smoothing_move_the_optimum(pi, w, eps):
    at = open_page("classification_losses", pi=pi, w=w, eps=eps)
    p = first_number(metrics(at)["Optimal probability"])
    assert p == pytest.approx(optimum_reference(float(pi), float(w), float(eps)), abs=1e-3)
    assert first_number(metrics(at)["Optimal logit"]) == pytest.approx(
        np.log(p / (1 - p)), abs=5e-3
    )


def test_moving_the_point_into_the_margin_makes_it_a_support_vector():
    at = open_page("classification_losses")
    at.slider(key="cl_px").set_value(-0.5).run()
    at.slider(key="cl_py").set_value(-0.5).run()
    m = metrics(at)
    X, y = estimators.classifier_points(-0.5, -0.5)
    svc = SVC(kernel="linear", C=1.0, tol=1e-10).fit(X, y)
    assert len(y) - 1 in svc.support_
    assert first_number(m["Moved point: SVM pull"]) > 0
    assert int(m["Support vectors"]) == len(svc.support_)
    assert at.query_params["px"] in ("-0.5", ["-0.5"])


def test_margin_figure_scrubs_gamma_in_the_browser():
    at = open_page("classification_losses", gamma="1")
    spec = json.loads(
        next(c for c in at.get("plotly_chart") if '"frames"' in c.proto.spec).proto.spec
    )
    assert 1 < len(spec["frames"]) <= 60
    slider = spec["layout"]["sliders"][0]
    assert slider["active"] == 4  # γ = 1.0 in 0, 0.25, …
    step = slider["steps"][0]["args"][1]
    assert step["transition"] == {"duration": 0} and step["frame"]["redraw"] is False
    # frame γ = 0 is plain cross-entropy: log(1 + e^(−m)) (reference: numpy.logaddexp)
    frame0 = spec["frames"][0]["data"][0]["y"]
    m = np.linspace(-3, 3, 301)
    np.testing.assert_allclose(frame0, np.logaddexp(0, -m), atol=1e-3)


@pytest.mark.parametrize(
    "params",
    [
        {"gamma": "0", "eps": "0", "pi": "0.01", "w": "10", "px": "-4", "py": "-4", "c": "0.1"},
        {"gamma": "5", "eps": "0.5", "pi": "0.99", "w": "0.25", "px": "4", "py": "-4", "c": "10"},
        {"zeroone": "0", "hinge": "0", "logistic": "0", "exp": "0", "focal": "0"},
        {"sqhinge": "1", "px": "0", "py": "0"},
    ],
)
def test_extremes_raise_nothing(params):
    at = open_page("classification_losses", **params)
    assert not at.exception
    assert {"Optimal probability", "Support vectors"} <= set(metrics(at))


def test_no_smoothing_says_the_logit_goes_to_infinity():
    at = open_page("classification_losses", eps="0")
    assert any("∞" in md.value for md in at.markdown)


def test_bad_gamma_in_link_falls_back_with_notice():
    at = open_page("classification_losses", gamma="-3")
    assert not at.exception
    assert any("`gamma`" in w.value for w in at.warning)


def test_chinese_page_uses_chinese_labels():
    at = open_page("classification_losses", lang="zh")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "支持向量数" in labels and "最优概率" in labels
