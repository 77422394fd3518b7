"""The course overview: the path through the lessons and what each one answers."""

import streamlit as st

from lossviz import course, ui

ui.header("overview")
for number, lesson in enumerate(course.LESSONS, start=1):
    with st.container(border=True):
        st.page_link(
            lesson.script,
            label=f"{number}. {ui.t(f'{lesson.url_path}.title')}",
            icon=lesson.icon,
        )
        st.markdown(ui.t(f"overview.answers_{lesson.url_path}"))
st.caption(ui.t("overview.how_to"))
