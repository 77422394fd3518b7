"""The course: its sections and lessons, in the order a student takes them.

One list drives the navigation, the previous / next links and the tests that walk
every page. Adding a lesson is one entry here, one page file and its catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repository: lesson scripts live below it


@dataclass(frozen=True)
class Lesson:
    """One lesson page: its URL path (also its catalogue topic), file, section and icon."""

    url_path: str
    section: str
    icon: str
    units: bool = False  # whether the bits / nats / hartleys switch changes this page

    @property
    def script(self) -> str:
        """Path of the page script, relative to the repository root."""
        return f"lessons/{self.url_path}.py"


COURSE: tuple[Lesson, ...] = (
    Lesson("self_information", "information", ":material/bolt:", units=True),
    Lesson("entropy", "information", ":material/casino:", units=True),
    Lesson("cross_entropy", "divergences", ":material/compare_arrows:", units=True),
    Lesson("kl_divergence", "divergences", ":material/swap_horiz:", units=True),
    Lesson("mse_vs_ce", "losses", ":material/trending_down:"),
    Lesson("regression_losses", "losses", ":material/show_chart:"),
    Lesson("classification_losses", "losses", ":material/call_split:"),
    Lesson("numerics", "losses", ":material/calculate:"),
    Lesson("likelihood", "models", ":material/functions:"),
    Lesson("bias_variance", "models", ":material/target:"),
)

LESSONS = COURSE  # every lesson has its page: tests/test_course.py checks it

OVERVIEW = Lesson("overview", "", ":material/map:")  # the default page, at the site root

SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(lesson.section for lesson in LESSONS))


def lesson(url_path: str) -> Lesson:
    """The lesson (or the overview) at `url_path`."""
    return next(item for item in (OVERVIEW, *COURSE) if item.url_path == url_path)


def neighbours(url_path: str) -> tuple[Lesson | None, Lesson | None]:
    """Return the lessons before and after `url_path` on the course path.

    Examples
    --------
    >>> before, after = neighbours("entropy")
    >>> before.url_path
    'self_information'
    """
    paths = [OVERVIEW.url_path] + [lesson.url_path for lesson in LESSONS]
    i = paths.index(url_path)
    if i == 0:  # the overview leads to the first lesson
        return None, LESSONS[0] if LESSONS else None
    i -= 1
    before = LESSONS[i - 1] if i > 0 else None
    after = LESSONS[i + 1] if i + 1 < len(LESSONS) else None
    return before, after
