"""lossviz: the router and the frame (language, unit). Run with ``streamlit run app.py``."""

import streamlit as st

from lossviz import course, serving, ui

# A teacher link (projector mode, hidden controls) opens with the sidebar folded away.
classroom = any(st.query_params.get(name) for name in ("projector", "hide"))
st.set_page_config(
    page_title="lossviz",
    page_icon="📉",
    layout="wide",
    initial_sidebar_state="collapsed" if classroom else "auto",
)

ui.begin()
overview = st.Page(
    "lessons/overview.py", title=ui.t("overview.title"), icon=":material/map:", default=True
)
lesson_of = {id(overview): course.OVERVIEW}  # page → lesson (url_path is "" for the default)
sections: dict[str, list] = {"": [overview]}
for lesson in course.LESSONS:
    page = st.Page(
        lesson.script,
        title=ui.t(f"{lesson.url_path}.title"),
        icon=lesson.icon,
        url_path=lesson.url_path,
    )
    lesson_of[id(page)] = lesson
    sections.setdefault(ui.t(f"common.section.{lesson.section}"), []).append(page)
page = st.navigation(sections)
lesson = lesson_of[id(page)]
ui.frame(lesson.url_path)
notices = st.container()
if lesson is not course.OVERVIEW:
    # once per process, on a thread of its own: warm imports, gc.freeze (README: Serving
    # a class). The lessons' charts and tables need them: a lesson waits for them.
    serving.apply(background=True)
    serving.wait_ready()
page.run()
ui.quizzes(lesson.url_path)
ui.course_links(lesson.url_path)
ui.finish(lesson.url_path)
with notices:
    ui.notices_area()
# The overview needs none of it: a cold server paints it first, then warms up while
# the overview is read (started during the run, the imports slowed it by ~0.3 s).
serving.apply(background=True)
