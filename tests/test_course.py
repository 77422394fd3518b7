"""The course list: every lesson has a page and a catalogue entry, and the path is linked."""

from lossviz import course, i18n


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
