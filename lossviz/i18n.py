"""String catalogues: every visible string of the app, in English and Simplified Chinese.

Each language has a folder ``locales/<lang>/`` with one JSON file per topic
(``common.json``, ``entropy.json``, ...). A key ``"entropy.title"`` names the entry
``"title"`` of ``entropy.json``. Values are :py:meth:`str.format` templates.

This module is pure (no Streamlit): :func:`lossviz.ui.t` binds it to the session's
language, and tests use it directly to check that both catalogues are complete.
"""

from __future__ import annotations

import json
import string
from functools import cache
from pathlib import Path

LOCALES_DIR = Path(__file__).with_name("locales")
LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Return the flat catalogue ``{"topic.key": template}`` of one language.

    Parameters
    ----------
    lang : {"en", "zh"}
        Language code.

    Returns
    -------
    dict of str to str
        Every template of that language, keyed ``"<file stem>.<key>"``.

    Raises
    ------
    ValueError
        If `lang` is not one of :data:`LANGUAGES`.

    Examples
    --------
    >>> catalogue("en")["common.unit.bits"]
    'bits'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"`lang` must be one of {sorted(LANGUAGES)} (got {lang!r})")
    flat: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.json")):
        entries = json.loads(path.read_text(encoding="utf-8"))
        for key, value in entries.items():
            flat[f"{path.stem}.{key}"] = value
    return flat


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """Return the string `key` in `lang`, with ``{placeholders}`` filled from `values`.

    A key missing from the catalogue is returned as itself, so that a gap shows up
    on the page (and in the completeness tests) instead of crashing it.

    Examples
    --------
    >>> translate("common.unit.nats", "zh")
    '奈特'
    """
    template = catalogue(lang).get(key, key)
    return template.format(**values) if values else template


def placeholders(template: str) -> set[str]:
    """Return the names of the ``{placeholders}`` in a template.

    Examples
    --------
    >>> sorted(placeholders("{value} of {name}"))
    ['name', 'value']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
