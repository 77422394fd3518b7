"""Walk every page in each language and look for text left in the other language."""

from __future__ import annotations

import re

import pytest
from conftest import open_page

from lossviz import course

PAGES = [lesson.url_path for lesson in (course.OVERVIEW, *course.LESSONS)]
HAN = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{4,}")
# Words that stay in Latin letters in Chinese text: names, code, maths and unit symbols.
KEEP = {
    "ASCII",
    "PNG",  # image formats, in the sidebar's "Chart downloads"
    "SVG",
    "HELLO",
    "Huffman",
    "Shannon",
    "PyTorch",
    "torch",
    "softmax",
    "Softmax",
    "logit",
    "logits",
    "sigmoid",
    "Sigmoid",
    "log",
    "Huber",
    "Laplace",
    "Bernoulli",
    "Gauss",
    "Gaussian",
    "Desmos",
    "batchmean",
    "mean",
    "none",
    "reduction",
    "input",
    "target",
    "weight",
    "label",
    "smoothing",
    "CrossEntropyLoss",
    "NLLLoss",
    "LogSoftmax",
    "BCELoss",
    "BCEWithLogitsLoss",
    "KLDivLoss",
    "MSELoss",
    "clamp",
    "nats",
    "bits",
    "hartleys",
    "focal",
    "hinge",
    "logcosh",
    "cosh",
    "Kullback",
    "Leibler",
    "Jensen",
    "Adam",
    "SGD",
    "sklearn",
    "scikit",
    "learn",
    "numpy",
    "scipy",
    "plotly",
    "Play",
    "Pause",
    "True",
    "False",
    "None",
    "float",
    "tensor",
    "Tensor",
    "English",  # the language switch names each language in its own script
    "Hessian",
    "BFGS",
    "AdaBoost",
    "Python",
    "logsumexp",
    "diag",
    "tanh",
    "loss",  # as a function name in formulas, loss(y, c)
    "Loss",  # the tail of SmoothL1Loss, split at the digit
    "Smooth",  # "Smooth L1", the loss's proper name
    "smooth",
}


def _visible_texts(at) -> list[str]:
    texts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "success",
        "error",
    ):
        texts += [e.value for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [m.value for m in at.metric]
    for kind in (
        "slider",
        "radio",
        "toggle",
        "number_input",
        "selectbox",
        "text_input",
        "button",
        "multiselect",
    ):
        for w in getattr(at, kind):
            texts.append(w.label)
            texts += [str(o) for o in getattr(w, "options", [])]
    return [t for t in texts if isinstance(t, str)]


def _english_words(text: str) -> list[str]:
    text = re.sub(r"`[^`]*`", "", text)  # code spans
    text = re.sub(r"\$[^$]*\$", "", text)  # inline maths
    text = re.sub(r"https?://\S+", "", text)
    camel = re.compile(r"[A-Za-z][a-z0-9]*[A-Z]")  # CamelCase is code: SmoothL1Loss, HuberLoss
    return [w for w in WORD.findall(text) if w not in KEEP and not camel.match(w)]


@pytest.mark.parametrize("page", PAGES)
def test_chinese_page_has_no_leftover_english(page):
    at = open_page(page, lang="zh")
    assert not at.exception
    leftovers = {w for text in _visible_texts(at) for w in _english_words(text)}
    assert leftovers == set()


@pytest.mark.parametrize("page", PAGES)
def test_english_page_has_no_chinese(page):
    at = open_page(page, lang="en")
    assert not at.exception
    assert [t for t in _visible_texts(at) if HAN.search(t) and t != "简体中文"] == []
