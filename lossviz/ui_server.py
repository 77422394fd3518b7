"""The UI layer's part of the serving tuning: changes to Streamlit's own server.

:mod:`lossviz.serving` lists the tuning items and reads ``LOSSVIZ_TUNING``; it imports
no Streamlit. The items that change how Streamlit's server passes messages live here,
in the UI layer, and :func:`apply` is called by ``app.py`` (and by the bare page of the
benchmarks, which is served the same way).

``wake``
    One event-loop wake-up per batch of messages, not three per element. Streamlit runs
    each script on a thread of its own. For every element the script draws, that thread
    hands the message to the event loop with ``loop.call_soon_threadsafe`` (a write to
    the loop's wake-up pipe and a trip round the loop), and the loop then schedules a
    second wake-up to flush the queue (``Runtime._enqueued_some_message``). A page draws
    30–70 elements per release. Here, a session's callbacks for the event loop go into
    one first-in-first-out queue, and the loop is woken only when that queue was empty,
    so the callbacks run in the order they were made, as before, in one trip round the
    loop; the flush is requested only if it is not already pending.

Each patch checks that the Streamlit internals it replaces are still there, and leaves
Streamlit as it is (with a note in :data:`applied`) if they are not:
``tests/test_serving.py`` fails then, so an upgrade of Streamlit cannot silently drop it.
"""

from __future__ import annotations

import asyncio
import collections
import threading
from collections.abc import Callable

from lossviz import serving

ITEMS = ("wake",)
applied: dict[str, str] = {}
_lock = threading.Lock()


def apply(setting: str | None = None) -> dict[str, str]:
    """Apply the Streamlit-side tuning items wanted by `setting`, once per process."""
    with _lock:
        if applied:
            return applied
        items = serving.wanted(setting)
        if "wake" in items:
            applied["wake"] = _patch_wake()
        if not applied:
            applied["off"] = "Streamlit's server as shipped"
        return applied


def _patch_wake() -> str:
    from streamlit.runtime import app_session, runtime

    session_cls = app_session.AppSession
    runtime_cls = runtime.Runtime
    missing = [
        f"{cls.__name__}.{name}"
        for cls, name in (
            (session_cls, "_call_soon_on_event_loop"),
            (runtime_cls, "_enqueued_some_message"),
            (runtime_cls, "_get_async_objs"),
        )
        if not callable(getattr(cls, name, None))
    ]
    if missing:
        return "not applied: Streamlit has no " + ", ".join(missing)
    session_cls._call_soon_on_event_loop = call_soon_on_event_loop
    runtime_cls._enqueued_some_message = enqueued_some_message
    return "a session's event-loop callbacks run in one batch per wake-up"


def call_soon_on_event_loop(session, callback: Callable[[], None]) -> None:
    """``AppSession._call_soon_on_event_loop``: queue `callback`, wake the loop if idle.

    Any thread may call it. The callbacks of one session run on its event loop
    (``session._event_loop``) in the order they were queued, as with one
    ``call_soon_threadsafe`` each; a callback queued while a batch is running runs in
    that batch. Once the loop is closed (shutdown), callbacks are dropped, as Streamlit
    does.
    """
    # Made on first use: a session's first callback comes from the thread creating it.
    state = session.__dict__.get("_lossviz_wake")
    if state is None:
        state = session.__dict__.setdefault(
            "_lossviz_wake", (collections.deque(), threading.Lock(), [False])
        )
    queue, lock, pending = state
    with lock:
        queue.append(callback)
        if pending[0]:
            return
        pending[0] = True
    loop = session._event_loop
    try:
        loop.call_soon_threadsafe(_drain, loop, state)
    except RuntimeError:
        with lock:
            queue.clear()
            pending[0] = False
        if not loop.is_closed():
            raise


def _drain(loop, state) -> None:
    """Run a session's queued callbacks in order, until the queue is empty."""
    queue, lock, pending = state
    while True:
        with lock:
            if not queue:
                pending[0] = False
                return
            batch = list(queue)
            queue.clear()
        for callback in batch:
            try:
                callback()
            except Exception as exc:  # as asyncio does for a failing callback: log, go on
                loop.call_exception_handler(
                    {"message": "Exception in a Streamlit callback", "exception": exc}
                )


def enqueued_some_message(runtime) -> None:
    """``Runtime._enqueued_some_message``: ask the loop to flush, unless it will anyway.

    The flush loop clears its ``need_send_data`` event before it takes the queued
    messages, and a message is queued before this is called: if the event is still
    set, the coming flush takes this message too.
    """
    objs = runtime._get_async_objs()
    if objs.need_send_data.is_set():
        return
    if asyncio._get_running_loop() is objs.eventloop:
        objs.need_send_data.set()  # on the loop's own thread: no wake-up needed
    else:
        objs.eventloop.call_soon_threadsafe(objs.need_send_data.set)
