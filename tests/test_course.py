"""The course list: every lesson has a page and a catalogue entry, and the path is linked."""

import numpy as np
import pytest

from lossviz import course, i18n
from tests.conftest import metrics, open_page


def test_every_lesson_has_its_page_and_title():
    for lesson in course.COURSE:
        assert (course.ROOT / lesson.script).is_file(), lesson.script
        for lang in i18n.LANGUAGES:
            assert f"{lesson.url_path}.title" in i18n.catalogue(lang)


def test_the_path_runs_from_the_overview_through_every_lesson():
    seen, current = [], course.OVERVIEW.url_path
    while True:
        _, after = course.neighbours(current)
        if after is None:
            break
        seen.append(after.url_path)
        current = after.url_path
    assert seen == [lesson.url_path for lesson in course.LESSONS]


def test_every_lesson_answers_a_question_on_the_overview():
    for lesson in course.LESSONS:
        assert f"overview.answers_{lesson.url_path}" in i18n.catalogue("en")


# --------------------------------------------------------------------------- running examples


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "url_path, key",
    [
        ("entropy", "entropy_p_preset"),
        ("cross_entropy", "ce_p_preset"),
        ("kl_divergence", "kl_p_preset"),
    ],
)
def test_every_distribution_lesson_offers_the_shared_running_examples(url_path, key, lang):
    from lossviz import examples

    at = open_page(url_path, lang=lang)
    offered = at.button_group(key=key).options
    names = [i18n.catalogue(lang)[f"common.example.{n}"] for n in examples.DISTRIBUTIONS]
    assert set(names) <= set(offered)


def test_running_examples_give_the_numbers_the_lessons_build_on():
    from scipy import stats

    from lossviz import examples

    def norm(w):
        return np.asarray(w, float) / sum(w)

    four = norm(examples.FOUR_OUTCOMES)
    assert stats.entropy(four, base=2) == pytest.approx(1.75)  # code lengths 1, 2, 3, 3
    assert examples.RAREST_OF_FOUR == four.min()
    at = open_page("self_information")
    assert metrics(at)  # the default p is the rarest of the four: 3 bits
    assert any(v.startswith("3.000") for v in metrics(at).values())
    kl = stats.entropy(norm(examples.BIASED_COIN), norm(examples.FAIR_COIN), base=2)
    at = open_page("kl_divergence")
    assert any(v.startswith(f"{kl:.3f}") for v in metrics(at).values())
