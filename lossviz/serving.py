"""Server tuning for a classroom, applied once per process by ``app.py``.

``app.py`` imports this module first thing, so whoever starts the app the README's way
(``streamlit run app.py``) gets the tuning, not only the benchmarks. Streamlit
re-executes ``app.py`` on every run, but Python runs a module's body once per process,
and :func:`apply` is idempotent on top of that.

What it does, and why (figures from ``bench/load.py``; see README "Serving a class"):

``warm``
    Import the heavy libraries the pages use (numpy, scipy.special, pandas, pyarrow,
    orjson) before any lesson runs. ``app.py`` starts this on a thread of its own before
    a lesson, and waits for it; on the overview, at the end of the run, so a cold server
    paints its first page before the libraries load (started during that run, the
    imports took the GIL from it: first run 0.83 → 0.42 s, spawn to overview painted
    2.66 → 2.36 s, medians of 5 with ``bench/latency.py --cold 5``). Streamlit runs each
    session's script on its own thread; when a class opens the link at once, several
    threads reach plotly's array check, which peeks at ``sys.modules["pandas"]`` while
    another thread is still importing it, and a student gets ``AttributeError:
    partially initialized module 'pandas'`` instead of a chart (seen with 3 simulated
    students on a cold server). Importing them here, under the import lock of this
    module, means every run sees them complete.
``freeze``
    ``gc.collect()`` once, then ``gc.freeze()``: the objects of the imported libraries
    (hundreds of thousands) move to the permanent generation, so no later collection,
    automatic or forced, walks them again.

``json``
    Serialise each drawn figure once: ``st.plotly_chart`` turns its figure into JSON on
    every rerun, and figures are cached and shared, so the same string was made again
    and again. Applied by the UI layer (``lossviz.ui`` calls
    ``charts.style.serialise_once`` when this item is wanted), since this module imports
    no plotly.

``wake``
    One event-loop wake-up per batch of a session's messages instead of two per
    element drawn. Applied by the UI layer when it is imported (``lossviz.ui``), since
    it replaces two methods of Streamlit's server. 60 students on kl_divergence
    (``bench/load.py``, 40 s runs alternating ``LOSSVIZ_TUNING=-wake`` and ``on``, 5
    each, medians): server CPU per run 16.5 → 13.8 ms, p95 988 → 340 ms.

Two more settings live where Streamlit and plotly expect them, not here (this module
stays free of streamlit and plotly imports, like every module but the UI layer):

- ``runner.postScriptGC = false`` in ``.streamlit/config.toml`` turns off Streamlit's
  forced ``gc.collect(2)`` after every script run (``ScriptRunner._on_script_finished``),
  which held the GIL for tens of milliseconds per rerun. Python's automatic collector
  still reclaims cyclic garbage, cheaply thanks to ``freeze``.
- plotly serialises figures with orjson when it can import it (``plotly.io`` engine
  ``"auto"``), and orjson is in ``requirements.txt``; ``warm`` imports it up front.

Nagle's algorithm needs no change: Streamlit 1.67 serves with uvicorn on an asyncio
selector loop, and asyncio sets ``TCP_NODELAY`` on every TCP connection it accepts
(``_SelectorSocketTransport.__init__`` → ``base_events._set_nodelay``); tests check it.

The environment variable ``LOSSVIZ_TUNING`` switches this module's items for
before/after measurements: unset or ``on`` applies all four, ``off`` none, and a comma
list such as ``-freeze`` all but the named items.
"""

from __future__ import annotations

import gc
import importlib
import os
import threading

ITEMS = ("warm", "freeze", "json", "wake")
ENV = "LOSSVIZ_TUNING"
WARM_MODULES = (
    "numpy",
    "scipy.special",
    "pandas",
    "pyarrow",
    "orjson",
)

applied: dict[str, str] = {}  # item → what was done; empty until apply() has run
_lock = threading.Lock()  # held by apply() for the whole of the work
_ready = threading.Event()  # set once the tuning is done
_start_lock = threading.Lock()  # only for starting the background thread: never held long
_started: list[bool] = [False]


def wanted(setting: str | None = None) -> tuple[str, ...]:
    """The tuning items selected by `setting` (default: the ``LOSSVIZ_TUNING`` variable).

    Examples
    --------
    >>> wanted("off")
    ()
    >>> wanted("-freeze")
    ('warm', 'json', 'wake')
    >>> wanted("on")
    ('warm', 'freeze', 'json', 'wake')
    """
    setting = (os.environ.get(ENV, "on") if setting is None else setting).strip().lower()
    if setting in ("", "on", "1", "true"):
        return ITEMS
    if setting in ("off", "0", "false"):
        return ()
    skipped = {part.strip().lstrip("-") for part in setting.split(",")}
    return tuple(item for item in ITEMS if item not in skipped)


def apply(setting: str | None = None, *, background: bool = False) -> dict[str, str]:
    """Apply the tuning once per process; return what was done (item → note).

    Later calls return the first call's result without doing anything again. With
    `background`, the work runs on a thread of its own and this returns at once (with
    what is done so far): the first page of a cold server is painted while the
    libraries load. Call :func:`wait_ready` before anything that needs them.
    """
    if background:
        # Not under `_lock`: the background thread holds it while it works, and a
        # second call made meanwhile would wait for the whole warm-up.
        with _start_lock:
            if not (_started[0] or _ready.is_set()):
                _started[0] = True
                threading.Thread(target=apply, args=(setting,), name=_THREAD, daemon=True).start()
        return applied
    with _lock:
        try:
            return _apply(setting)
        finally:
            _ready.set()


_THREAD = "lossviz-serving-warm"


def wait_ready(timeout: float = 60.0) -> bool:
    """Wait until :func:`apply` has finished (at once if it has); False on timeout."""
    return _ready.wait(timeout)


def _apply(setting: str | None) -> dict[str, str]:
    if applied:
        return applied
    items = wanted(setting)
    if "warm" in items:
        loaded = []
        for name in WARM_MODULES:
            try:
                importlib.import_module(name)
                loaded.append(name)
            except ImportError:
                pass
        applied["warm"] = ", ".join(loaded)
    if "freeze" in items:
        gc.collect()
        gc.freeze()
        applied["freeze"] = f"{gc.get_freeze_count()} objects frozen"
    if "json" in items:
        applied["json"] = "drawn figures serialised once (lossviz.ui)"
    if "wake" in items:
        applied["wake"] = "one event-loop wake-up per batch of messages (lossviz.ui)"
    if not applied:
        applied["off"] = f"{ENV}={os.environ.get(ENV, '')}"
    return applied
