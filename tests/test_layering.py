"""The layering rules of DESIGN.md, checked by reading the source of every module.

- The pure modules (every ``lossviz/*.py`` except the UI layer ``ui.py`` / ``ui/``
  and the chart builders ``charts*``) never import streamlit or plotly, directly
  or through the UI or chart modules.
- The chart builders never import streamlit, directly or through the UI layer.
- Pages (the lesson scripts) never import each other. They live in ``lessons/``
  (a folder named ``pages/`` would turn on Streamlit's legacy multipage mode, see
  README.md); ``pages/`` is checked too, in case it comes back.

Files are parsed, not imported, so a new module is covered the moment it exists
and a violation is reported without running the offending code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lossviz"
PAGE_DIRS = [ROOT / "lessons", ROOT / "pages"]


def imported_modules(source: str, module: str) -> set[str]:
    """Return the absolute names of the modules that `source` imports.

    `module` is the dotted name of the file itself (``lossviz.info``), used to
    resolve relative imports. ``from a import b`` yields both ``a`` and ``a.b``,
    since ``b`` may be a submodule; literal ``importlib.import_module("x")`` and
    ``__import__("x")`` calls count too.
    """
    package = module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package[: len(package) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0]
            if (
                called in {"import_module", "__import__"}
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                names.add(first.value)
    return {name for name in names if name}


def imports_any(source: str, module: str, forbidden: set[str]) -> set[str]:
    """Return the imports of `source` that are, or are inside, a `forbidden` module."""
    return {
        name
        for name in imported_modules(source, module)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    }


def module_name(path: Path) -> str:
    """Dotted name of a file; ``__init__`` is kept so relative imports resolve in its package."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def is_ui(path: Path) -> bool:
    first = path.relative_to(PACKAGE).parts[0]
    return first in {"ui.py", "ui"}


def is_chart(path: Path) -> bool:
    return path.relative_to(PACKAGE).parts[0].startswith("charts")


def package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def pure_modules() -> list[Path]:
    return [path for path in package_files() if not is_ui(path) and not is_chart(path)]


def chart_modules() -> list[Path]:
    return [path for path in package_files() if is_chart(path)]


def page_files() -> list[Path]:
    return sorted(path for folder in PAGE_DIRS if folder.is_dir() for path in folder.glob("*.py"))


def violations(paths: list[Path], forbidden: set[str]) -> list[str]:
    found = []
    for path in paths:
        bad = imports_any(path.read_text(encoding="utf-8"), module_name(path), forbidden)
        found += [f"{path.relative_to(ROOT)} imports {name}" for name in sorted(bad)]
    return found


# --------------------------------------------------------------------------- the rules


def test_pure_modules_never_import_streamlit_or_plotly():
    forbidden = {"streamlit", "plotly", "lossviz.ui", "lossviz.charts"}
    assert violations(pure_modules(), forbidden) == []


def test_chart_modules_never_import_streamlit():
    assert violations(chart_modules(), {"streamlit", "lossviz.ui"}) == []


def test_pages_never_import_each_other():
    pages = page_files()
    # A page could be reached as a module of its folder or, with the folder on sys.path,
    # by its bare name.
    folders = {folder.name for folder in PAGE_DIRS}
    found = []
    for path in pages:
        others = folders | {other.stem for other in pages if other != path}
        module = f"{path.parent.name}.{path.stem}"
        bad = imports_any(path.read_text(encoding="utf-8"), module, others)
        found += [f"{path.relative_to(ROOT)} imports {name}" for name in sorted(bad)]
    assert found == []


def test_the_layering_check_sees_the_core_modules():
    pure = {path.name for path in pure_modules()}
    assert {"info.py", "coding.py"} <= pure


@pytest.mark.parametrize(
    "source",
    [
        "import lessons.entropy",
        "from lessons import entropy",
        "from lessons.entropy import p",
        "from . import entropy",
        "import entropy",
        "from pages.entropy import p",
    ],
)
def test_checker_flags_a_page_importing_another(source):
    assert imports_any(source, "lessons.kl_divergence", {"lessons", "pages", "entropy"})


def test_checker_lets_a_page_import_the_package():
    source = "from lossviz import entropy, info, ui\nimport lossviz.charts.entropy"
    assert not imports_any(source, "lessons.entropy", {"lessons", "pages", "kl_divergence"})


# --------------------------------------------------------------------------- the checker itself


@pytest.mark.parametrize(
    "source",
    [
        "import streamlit as st",
        "import streamlit.components.v1 as components",
        "from streamlit import session_state",
        "def f():\n    import plotly.express as px",
        "from plotly import graph_objects as go",
        "import importlib\nimportlib.import_module('streamlit')",
        "__import__('plotly.io')",
        "from lossviz import ui",
        "from lossviz.ui import t",
        "from . import ui",
        "from .charts import surprise_bars",
        "if TYPE_CHECKING:\n    import streamlit",
    ],
)
def test_checker_flags_a_forbidden_import(source):
    forbidden = {"streamlit", "plotly", "lossviz.ui", "lossviz.charts"}
    assert imports_any(source, "lossviz.info", forbidden)


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np",
        "from scipy.special import entr",
        "from lossviz import info",
        "from . import fmt",
        "import streamlit_like_but_not",
        "x = 'import streamlit'",
    ],
)
def test_checker_allows_an_unrelated_import(source):
    forbidden = {"streamlit", "plotly", "lossviz.ui", "lossviz.charts"}
    assert not imports_any(source, "lossviz.info", forbidden)


def test_checker_resolves_relative_imports_from_a_subpackage():
    assert imported_modules("from .. import ui", "lossviz.charts.bars") >= {"lossviz.ui"}
    assert imported_modules("from .base import x", "lossviz.charts.bars") >= {"lossviz.charts.base"}
    assert imported_modules("from . import bars", "lossviz.charts.__init__") >= {
        "lossviz.charts.bars"
    }
