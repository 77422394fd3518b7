"""The serving tuning: applied once per process by app.py, and harmless."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import socket
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

from conftest import open_page

from lossviz import serving

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, **env: str) -> dict:
    """Run `code` in a fresh interpreter (the tuning is per process); return its JSON output."""
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_apply_warms_imports_and_freezes_the_heap_once_per_process():
    result = _run(
        "import gc, json, sys\n"
        "from lossviz import serving\n"
        "first = dict(serving.apply())\n"
        "frozen = gc.get_freeze_count()\n"
        "second = serving.apply()\n"
        "print(json.dumps({'first': first, 'second': second, 'frozen': frozen,\n"
        "    'again': gc.get_freeze_count(), 'pandas': 'pandas' in sys.modules}))",
        LOSSVIZ_TUNING="on",
    )
    assert set(result["first"]) == {"warm", "freeze", "json", "wake"}
    assert "pandas" in result["first"]["warm"] and result["pandas"]
    assert result["frozen"] > 10_000  # the libraries' objects: no collection walks them again
    assert result["second"] == result["first"]  # idempotent: nothing done the second time
    assert result["again"] == result["frozen"]


def test_tuning_can_be_switched_off_for_before_after_measurements():
    result = _run(
        "import gc, json\n"
        "from lossviz import serving\n"
        "print(json.dumps({'applied': serving.apply(), 'frozen': gc.get_freeze_count()}))",
        LOSSVIZ_TUNING="off",
    )
    assert list(result["applied"]) == ["off"]
    assert result["frozen"] == 0


def test_tuning_items_are_parsed_from_the_environment_setting():
    assert serving.wanted("on") == ("warm", "freeze", "json", "wake")
    assert serving.wanted("") == ("warm", "freeze", "json", "wake")
    assert serving.wanted("off") == ()
    assert serving.wanted("-freeze") == ("warm", "json", "wake")
    assert serving.wanted("-warm, -freeze, -json, -wake") == ()


def test_the_app_applies_the_tuning_and_still_runs():
    at = open_page("self_information", p="0.5")
    assert not at.exception
    assert serving.applied  # app.py imported lossviz.serving and applied it in this process
    assert at.metric[0].value.startswith("1.000")


def test_a_cold_overview_is_drawn_first_and_the_warm_up_follows():
    # a fresh process, as a cold server: the overview's run starts the warm-up at its
    # end (not before: the imports would slow the first page), and it completes
    result = _run(
        "import json, threading\n"
        "from streamlit.testing.v1 import AppTest\n"
        "from lossviz import serving\n"
        "at = AppTest.from_file('app.py', default_timeout=60).run()\n"
        "started = any(t.name == serving._THREAD for t in threading.enumerate())\n"
        "print(json.dumps({'exception': bool(at.exception), 'title': at.title[0].value,\n"
        "    'started': started or serving._ready.is_set(),\n"
        "    'ready': serving.wait_ready(120), 'applied': dict(serving.applied)}))",
        LOSSVIZ_TUNING="on",
    )
    assert not result["exception"] and result["title"]
    assert result["started"] and result["ready"]
    assert {"warm", "freeze"} <= set(result["applied"])


def test_config_turns_off_streamlits_forced_gc_after_every_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_streamlit_option_for_the_forced_gc_still_exists():
    from streamlit import config

    # If Streamlit renames or drops it, the setting in config.toml silently stops working.
    assert "runner.postScriptGC" in config.get_config_options()  # parsed on first use


def test_accepted_connections_send_without_nagle_delay():
    # Streamlit 1.67 serves with uvicorn on asyncio's selector loop (loop.create_server):
    # asyncio sets TCP_NODELAY on every TCP connection it accepts. Check that here.
    async def main() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def handler(reader, writer):
            sock = writer.get_extra_info("socket")
            seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handler, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        value = await asyncio.wait_for(seen, 10)
        writer.close()
        server.close()
        await server.wait_closed()
        return value

    # In a thread of its own: a worker that ran the browser tests still has Playwright's
    # event loop running in this one, and asyncio.run() refuses to nest.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, main()).result(timeout=30) != 0


def test_streamlit_serves_with_uvicorn_on_asyncio():
    from streamlit.web.server import server as st_server

    source = Path(st_server.__file__).read_text(encoding="utf-8")
    assert "UvicornServer" in source  # not tornado: the NODELAY check above is the one that applies


def test_background_apply_returns_at_once_and_is_ready_after_waiting():
    result = _run(
        "import json, sys, threading, time\n"
        "from lossviz import serving\n"
        "serving.apply(background=True)\n"
        "time.sleep(0.05)  # the thread has started its work and holds the tuning's lock\n"
        "serving.apply(background=True)  # a second call starts nothing, waits for nothing\n"
        "done_at_return = serving.wait_ready(0)\n"
        "threads = sum(t.name == serving._THREAD for t in threading.enumerate())\n"
        "ready = serving.wait_ready(120)\n"
        "print(json.dumps({'done_at_return': done_at_return,\n"
        "    'threads': threads, 'ready': ready,\n"
        "    'applied': dict(serving.applied), 'pandas': 'pandas' in sys.modules}))",
        LOSSVIZ_TUNING="on",
    )
    assert result["ready"] and result["pandas"]
    assert set(result["applied"]) == {"warm", "freeze", "json", "wake"}
    # the calls returned while the warm-up (pandas, pyarrow, scipy: a second or more) went on
    assert not result["done_at_return"]
    assert result["threads"] == 1


def test_a_drawn_figure_is_serialised_once_and_to_the_same_json():
    import plotly.io as pio

    from lossviz.charts import style

    style.serialise_once()
    wrapper = pio.to_json
    style.serialise_once()  # idempotent: one wrapper, not two
    assert pio.to_json is wrapper and wrapper.lossviz_once
    fig = style.figure(
        [{"type": "scatter", "x": [0.0, 1.0], "y": [1.0, 2.0]}], title="t", x_title="x", y_title="y"
    )
    drawn = style.for_drawing(fig).to_dict()
    first = pio.to_json(drawn, validate=False)
    assert pio.to_json(drawn, validate=False) is first  # kept, not made again
    assert first == pio.to_json(dict(drawn), validate=False)  # what plotly itself makes
    plain = {"data": [{"type": "bar", "y": [1, 2]}]}
    assert pio.to_json(plain, validate=False) == pio.to_json(dict(plain), validate=False)
    assert "uid" not in first


# --------------------------------------------------------------------------- wake (lossviz.ui)


class _Session:
    """What ``ui.call_soon_on_event_loop`` uses of an AppSession: its event loop."""

    def __init__(self, loop):
        self._event_loop = loop


class _CountingLoop(asyncio.SelectorEventLoop):
    wakeups = 0

    def call_soon_threadsafe(self, *args, **kwargs):
        self.wakeups += 1
        return super().call_soon_threadsafe(*args, **kwargs)


def _loop_in_thread():
    loop = _CountingLoop()
    ready = concurrent.futures.Future()

    def run():
        asyncio.set_event_loop(loop)
        loop.call_soon(ready.set_result, None)
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.result(timeout=10)
    return loop, thread


def _stop(loop, thread):
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
    loop.close()


def test_wake_runs_callbacks_from_many_threads_in_order_with_fewer_wakeups():
    from lossviz import ui

    loop, thread = _loop_in_thread()
    session = _Session(loop)
    seen = []
    done = concurrent.futures.Future()
    per_thread, threads = 2_000, 4
    try:

        def produce(name):
            for i in range(per_thread):
                ui.call_soon_on_event_loop(session, lambda i=i: seen.append((name, i)))

        with concurrent.futures.ThreadPoolExecutor(threads) as pool:
            list(pool.map(produce, range(threads)))
        ui.call_soon_on_event_loop(session, lambda: done.set_result(len(seen)))
        assert done.result(timeout=10) == per_thread * threads
    finally:
        _stop(loop, thread)
    # every callback ran once, and each thread's callbacks in the order it queued them
    for name in range(threads):
        assert [i for n, i in seen if n == name] == list(range(per_thread))
    # one wake-up per batch, not one per callback (the loop thread drains while they come)
    assert loop.wakeups < per_thread * threads / 2


def test_wake_keeps_order_between_a_running_batch_and_callbacks_it_queues():
    from lossviz import ui

    # both queued before the loop runs (a loop on another thread could run the first
    # before the second is queued): then FIFO fixes the order of all three
    loop = asyncio.new_event_loop()
    session = _Session(loop)
    order = []
    try:

        def first():
            order.append("first")
            ui.call_soon_on_event_loop(session, lambda: order.append("queued by first"))
            ui.call_soon_on_event_loop(session, loop.stop)

        ui.call_soon_on_event_loop(session, first)
        ui.call_soon_on_event_loop(session, lambda: order.append("second"))
        loop.run_forever()
    finally:
        loop.close()
    assert order == ["first", "second", "queued by first"]  # FIFO, as call_soon would run them


def test_wake_a_failing_callback_is_reported_and_the_rest_still_run():
    from lossviz import ui

    loop, thread = _loop_in_thread()
    reported = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
    session = _Session(loop)
    done = concurrent.futures.Future()
    try:
        ui.call_soon_on_event_loop(session, lambda: 1 / 0)
        ui.call_soon_on_event_loop(session, lambda: done.set_result("ran"))
        assert done.result(timeout=10) == "ran"
    finally:
        _stop(loop, thread)
    assert len(reported) == 1 and isinstance(reported[0], ZeroDivisionError)


def test_wake_after_an_escaping_base_exception_later_callbacks_still_run():
    from lossviz import ui

    class Stop(BaseException):
        pass

    def stop():
        raise Stop

    loop = asyncio.new_event_loop()
    try:
        session = _Session(loop)
        ran = []
        ui.call_soon_on_event_loop(session, stop)
        ui.call_soon_on_event_loop(session, lambda: ran.append("queued before"))
        try:
            loop.run_until_complete(asyncio.sleep(0.01))
        except Stop:
            pass
        ui.call_soon_on_event_loop(session, lambda: ran.append("queued after"))
        loop.run_until_complete(asyncio.sleep(0.01))
        assert ran == ["queued before", "queued after"]  # nothing lost, nothing stuck
    finally:
        loop.close()


def test_wake_drops_callbacks_once_the_loop_is_closed_and_raises_otherwise():
    from lossviz import ui

    loop = asyncio.new_event_loop()
    loop.close()
    ui.call_soon_on_event_loop(_Session(loop), lambda: None)  # shutdown: no error

    class Broken:
        def call_soon_threadsafe(self, *args):
            raise RuntimeError("not a closed loop")

        def is_closed(self):
            return False

    try:
        ui.call_soon_on_event_loop(_Session(Broken()), lambda: None)
    except RuntimeError as exc:
        assert "not a closed loop" in str(exc)
    else:
        raise AssertionError("a RuntimeError of an open loop must not be swallowed")


def test_wake_patches_the_streamlit_internals_it_replaces():
    result = _run(
        "import json\n"
        "from streamlit.runtime import app_session, runtime\n"
        "from lossviz import ui\n"
        "applied = ui.server_tuning\n"
        "print(json.dumps({'applied': applied,\n"
        "  'session': app_session.AppSession._call_soon_on_event_loop.__module__,\n"
        "  'runtime': runtime.Runtime._enqueued_some_message.__module__}))",
        LOSSVIZ_TUNING="on",
    )
    # "not applied: Streamlit has no ..." here means an upgrade moved what it replaces
    assert result["applied"]["wake"].startswith("a session's event-loop callbacks")
    assert result["session"] == result["runtime"] == "lossviz.ui"
    off = _run(
        "import json\n"
        "from streamlit.runtime import app_session\n"
        "from lossviz import ui\n"
        "print(json.dumps({'applied': ui.server_tuning,\n"
        "  'session': app_session.AppSession._call_soon_on_event_loop.__module__}))",
        LOSSVIZ_TUNING="-wake",
    )
    assert list(off["applied"]) == ["off"] and off["session"] == "streamlit.runtime.app_session"


def test_wake_flush_request_is_skipped_only_while_a_flush_is_pending():
    from types import SimpleNamespace

    from lossviz import ui

    loop, thread = _loop_in_thread()
    try:
        event = asyncio.Event()
        objs = SimpleNamespace(need_send_data=event, eventloop=loop)
        runtime = SimpleNamespace(_get_async_objs=lambda: objs)
        before = loop.wakeups
        ui.enqueued_some_message(runtime)  # from another thread: wakes the loop
        deadline = time.monotonic() + 10
        while not event.is_set():
            assert time.monotonic() < deadline
            time.sleep(0.001)
        assert loop.wakeups == before + 1
        ui.enqueued_some_message(runtime)  # already pending: nothing more
        assert loop.wakeups == before + 1
        # on the loop's own thread the event is set directly
        loop.call_soon_threadsafe(event.clear)
        fut = asyncio.run_coroutine_threadsafe(_call_async(ui, runtime), loop)
        assert fut.result(timeout=10) is True
    finally:
        _stop(loop, thread)


async def _call_async(ui, runtime):
    objs = runtime._get_async_objs()
    objs.need_send_data.clear()
    ui.enqueued_some_message(runtime)
    return objs.need_send_data.is_set()
