"""A classroom on loopback: N simulated students speaking Streamlit's websocket protocol.

Each student is one websocket session, not a browser (a 2-core machine cannot run 60
browsers). A student opens a lesson the way the frontend does (a ``rerun_script``
BackMsg naming the page), learns the widget ids from the ForwardMsgs of that first
run, then about once a second (jittered) releases the page's first slider at a new
value: a ``rerun_script`` BackMsg carrying every widget state, exactly what the
frontend sends on a slider release. The response time of a release is from sending
that BackMsg to receiving the run's ``script_finished`` ForwardMsg.

A student has one release in flight at a time. When the server is slower than the
release schedule, the next release waits for the answer and then goes at once; those
are counted as ``late`` and the latency from the *scheduled* release time is reported
too (so a saturated server cannot hide behind fewer requests).

Usage::

    python bench/load.py --start                       # 60 students, 60 s, heaviest lesson
    python bench/load.py --start --students 20 --duration 30 --page entropy
    python bench/load.py --url http://127.0.0.1:8600 --pidfile /tmp/lossviz-local/pids
    python bench/load.py --start --env LOSSVIZ_TUNING=off       # before/after the tuning

The last line printed is a one-line JSON summary. Traffic goes to loopback only, and
the run is bounded by ``--duration`` (plus at most ``--drain`` seconds to collect the
answers in flight).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.common import (
    ProcessWatch,
    listening_pids,
    loopback_url,
    percentile,
    start_server,
)

FINISHED_OK = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
WIDGETS = ("slider", "radio", "checkbox", "number_input", "text_input", "selectbox")
RESPONSE_TIMEOUT = 30.0  # a release unanswered this long counts as an error


# --------------------------------------------------------------------------- one session


@dataclass
class Widget:
    """What the frontend would hold for one widget: its kind, proto and current value."""

    kind: str
    proto: object
    main: bool  # in the page body (delta_path starts with 0), not the sidebar
    fragment_id: str = ""  # the st.fragment drawing it: its release reruns only that


class Session:
    """One browser tab's websocket session: open a page, release sliders, read answers."""

    def __init__(self, base_url: str, page: str, query: dict[str, str]):
        self.base_url = base_url
        self.page = page
        self.query = urlencode(query)
        self.widgets: dict[str, Widget] = {}
        self.page_hash = ""
        self.cached: set[str] = set()  # hashes of cacheable messages, as the browser keeps
        self.exceptions = 0
        self.bytes_in = 0
        self._done: asyncio.Future | None = None
        self._ws = None
        self._reader: asyncio.Task | None = None

    async def open(self, timeout: float = 60.0) -> float:
        """Connect and run the page once; return the seconds until its script finished."""
        parts = urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        ws_url = f"{scheme}://{parts.netloc}{parts.path}/_stcore/stream"
        self._ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=timeout,
            compression=None,
            user_agent_header="lossviz-bench",
        )
        self._reader = asyncio.create_task(self._read())
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query
        rerun.page_name = self.page
        self._context(rerun)
        return await self._request(msg, timeout)

    def _context(self, rerun) -> None:
        rerun.context_info.timezone = "UTC"
        rerun.context_info.timezone_offset = 0
        rerun.context_info.locale = "en-US"
        rerun.context_info.url = f"{self.base_url}/{self.page}"
        rerun.cached_message_hashes.extend(self.cached)

    async def _request(self, msg: BackMsg, timeout: float) -> float:
        self._done = asyncio.get_running_loop().create_future()
        t0 = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        await asyncio.wait_for(asyncio.shield(self._done), timeout)
        return time.perf_counter() - t0

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                self.bytes_in += len(raw)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._handle(msg)
        except websockets.ConnectionClosed as exc:
            if self._done is not None and not self._done.done():
                self._done.set_exception(ConnectionError(f"websocket closed: {exc}"))
        except Exception as exc:  # a bad frame: fail the request in flight
            if self._done is not None and not self._done.done():
                self._done.set_exception(exc)

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable and msg.hash:
            self.cached.add(msg.hash)
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            ek = element.WhichOneof("type")
            if ek == "exception":
                self.exceptions += 1
            elif ek in WIDGETS:
                proto = getattr(element, ek)
                main = bool(msg.metadata.delta_path) and msg.metadata.delta_path[0] == 0
                old = self.widgets.get(proto.id)
                if old is None or proto.set_value:
                    self.widgets[proto.id] = Widget(ek, proto, main, msg.delta.fragment_id)
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "script_finished":
            status = msg.script_finished
            if status == FINISHED_EARLY:
                return  # a newer run of ours is coming
            if self._done is not None and not self._done.done():
                if status in (FINISHED_OK,) or status == 3:  # 3: a fragment run
                    self._done.set_result(status)
                else:
                    self._done.set_exception(RuntimeError(f"script finished with {status}"))

    def sliders(self) -> list[str]:
        """Ids of the page's sliders (body first), in the order they were drawn."""
        main = [i for i, w in self.widgets.items() if w.kind == "slider" and w.main]
        side = [i for i, w in self.widgets.items() if w.kind == "slider" and not w.main]
        return main + side

    def _state(self, widget_id: str, w: Widget, out) -> None:
        """Append the widget's current value as the frontend sends it (serde value types)."""
        p = w.proto
        if w.kind == "slider":
            state = out.add(id=widget_id)
            state.double_array_value.data.extend(list(p.value) or list(p.default))
        elif w.kind in ("radio", "selectbox") and p.HasField("raw_value"):
            out.add(id=widget_id, string_value=p.raw_value)
        elif w.kind == "checkbox":
            out.add(id=widget_id, bool_value=p.value if p.set_value else p.default)
        elif w.kind == "number_input" and (p.HasField("value") or p.HasField("default")):
            out.add(id=widget_id, double_value=p.value if p.HasField("value") else p.default)
        elif w.kind == "text_input" and (p.HasField("value") or p.HasField("default")):
            out.add(id=widget_id, string_value=p.value if p.HasField("value") else p.default)
        # other widgets (pills, multiselect) send nothing: the server keeps their last value

    async def release(self, slider_id: str, value: float, timeout: float) -> float:
        """Release `slider_id` at `value` (a rerun with every widget state); return seconds."""
        w = self.widgets[slider_id]
        del w.proto.value[:]
        w.proto.value.append(value)
        w.proto.set_value = True
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query
        rerun.page_script_hash = self.page_hash
        if w.fragment_id:  # as the frontend does: a widget inside a fragment reruns only it
            rerun.fragment_id = w.fragment_id
        self._context(rerun)
        for widget_id, widget in self.widgets.items():
            self._state(widget_id, widget, rerun.widget_states.widgets)
        return await self._request(msg, timeout)

    def new_value(self, slider_id: str, rng: random.Random) -> float:
        """A new value for the slider, on its step grid and different from the current one."""
        p = self.widgets[slider_id].proto
        steps = max(1, round((p.max - p.min) / (p.step or 1)))
        current = list(p.value)[:1] or [p.default[0] if p.default else p.min]
        while True:
            value = round(p.min + rng.randint(0, steps) * (p.step or 1), 10)
            if steps == 0 or abs(value - current[0]) > 1e-12:
                return value

    async def close(self) -> None:
        """Close the websocket (the server keeps the session for its reconnect TTL)."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()


# --------------------------------------------------------------------------- the class


@dataclass
class Results:
    """Everything measured during one run."""

    latencies: list[float] = field(default_factory=list)  # s, send → script_finished
    from_schedule: list[float] = field(default_factory=list)  # s, scheduled release → finished
    opens: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    late: int = 0
    exceptions: int = 0
    bytes_in: int = 0
    first_answer: float | None = None
    last_answer: float | None = None


async def student(
    i: int,
    args: argparse.Namespace,
    page: str,
    t_end: float,
    results: Results,
    rng: random.Random,
) -> None:
    """One student: open the page during the ramp, then release a slider about once a second."""
    await asyncio.sleep(rng.uniform(0, args.ramp))
    session = Session(args.url, page, dict(args.query))
    try:
        try:
            results.opens.append(await session.open())
        except Exception as exc:
            results.errors.append(f"open: {type(exc).__name__}: {exc}")
            return
        sliders = session.sliders()
        if args.slider:
            sliders = [s for s in sliders if s.endswith(args.slider)]
        if not sliders:
            results.errors.append(f"no slider on page {page!r}")
            return
        slider = sliders[0]
        interval = 1 / args.rate
        scheduled = time.perf_counter() + rng.uniform(0, interval)
        while True:
            now = time.perf_counter()
            if scheduled > now:
                await asyncio.sleep(scheduled - now)
            elif now - scheduled > 0.001:
                results.late += 1
            if time.perf_counter() >= t_end:
                break
            try:
                timeout = min(RESPONSE_TIMEOUT, args.drain + max(0.0, t_end - time.perf_counter()))
                dt = await session.release(slider, session.new_value(slider, rng), timeout)
            except Exception as exc:
                results.errors.append(f"release: {type(exc).__name__}: {exc}")
                break
            done = time.perf_counter()
            results.latencies.append(dt)
            results.from_schedule.append(done - scheduled)
            results.first_answer = min(results.first_answer or done, done)
            results.last_answer = max(results.last_answer or done, done)
            scheduled += interval * rng.uniform(1 - args.jitter, 1 + args.jitter)
    finally:
        results.exceptions += session.exceptions
        results.bytes_in += session.bytes_in
        await session.close()


async def probe_pages(url: str, pages: list[str], moves: int = 5) -> dict[str, float]:
    """Median single-user release time of each page (to pick the heaviest)."""
    rng = random.Random(0)
    medians = {}
    for page in pages:
        session = Session(url, page, {})
        try:
            await session.open()
            sliders = session.sliders()
            if not sliders:
                continue
            times = [
                await session.release(sliders[0], session.new_value(sliders[0], rng), 30)
                for _ in range(moves)
            ]
            medians[page] = statistics.median(times)
        finally:
            await session.close()
    return medians


def ms(x: float | None) -> float | None:
    return None if x is None else round(1000 * x, 1)


async def run(args: argparse.Namespace, pids: list[int]) -> dict:
    if args.page == "auto":
        from lossviz import course

        medians = await probe_pages(args.url, [lesson.url_path for lesson in course.LESSONS])
        print("single-user probe (median ms):", {k: ms(v) for k, v in medians.items()})
        page = max(medians, key=medians.get)
    else:
        page = args.page
    print(
        f"{args.students} students on /{page} at {args.rate:g} release/s each, "
        f"{args.duration:g} s, against {args.url}"
    )
    results = Results()
    load_start = os.getloadavg()[0]
    watch = ProcessWatch(pids).start()
    rng = random.Random(args.seed)
    t_start = time.perf_counter()
    t_end = t_start + args.duration
    tasks = [
        asyncio.create_task(student(i, args, page, t_end, results, random.Random(rng.random())))
        for i in range(args.students)
    ]
    await asyncio.wait(tasks, timeout=args.duration + args.drain + 5)
    for task in tasks:
        if not task.done():
            task.cancel()
            results.errors.append("student still running at the deadline")
    await asyncio.gather(*tasks, return_exceptions=True)
    proc = watch.stop()
    wall = time.perf_counter() - t_start

    n = len(results.latencies)
    span = (
        (results.last_answer - results.first_answer)
        if results.first_answer and results.last_answer
        else 0
    )
    summary = {
        "page": page,
        "url": args.url,
        "students": args.students,
        "rate_per_student": args.rate,
        "duration_s": args.duration,
        "releases": n,
        "median_ms": ms(statistics.median(results.latencies)) if n else None,
        "p95_ms": ms(percentile(results.latencies, 95)),
        "p99_ms": ms(percentile(results.latencies, 99)),
        "max_ms": ms(max(results.latencies)) if n else None,
        "p95_from_schedule_ms": ms(percentile(results.from_schedule, 95)),
        "late_releases": results.late,
        "errors": len(results.errors) + results.exceptions,
        "page_exceptions": results.exceptions,
        "reruns_per_s": round(n / span, 1) if span > 0 else None,
        "offered_per_s": round(args.students * args.rate, 1),
        "open_median_ms": ms(statistics.median(results.opens)) if results.opens else None,
        "kb_per_rerun": round(results.bytes_in / max(1, n + len(results.opens)) / 1024, 1),
        "wall_s": round(wall, 1),
        # the machine's 1-minute load average (2 cores, shared): how disturbed the run was
        "loadavg_start": round(load_start, 1),
        "loadavg_end": round(os.getloadavg()[0], 1),
        **proc,
    }
    if proc.get("cpu_seconds") is not None and n:
        # Server CPU time per run (releases + opens): the work a rerun costs, which load
        # from other processes on a shared machine disturbs far less than latency.
        summary["server_cpu_ms_per_run"] = round(
            1000 * proc["cpu_seconds"] / (n + len(results.opens)), 1
        )
    for err in sorted(set(results.errors))[:10]:
        print(f"  error ×{results.errors.count(err)}: {err}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--start", action="store_true", help="start `streamlit run app.py` here")
    where.add_argument("--url", help="a running server or proxy on loopback")
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--rate", type=float, default=1.0, help="releases per student per s")
    parser.add_argument("--jitter", type=float, default=0.3, help="± fraction of the interval")
    parser.add_argument("--ramp", type=float, default=5.0, help="students arrive over this")
    parser.add_argument("--drain", type=float, default=10.0, help="max s to await answers")
    parser.add_argument("--page", default="auto", help="url path, or auto = the heaviest")
    parser.add_argument("--slider", help="key suffix of the slider to move (default: first)")
    parser.add_argument(
        "--query",
        action="append",
        default=[],
        type=lambda s: s.split("=", 1),
        metavar="K=V",
        help="deep-link parameter for the first run",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pid", type=int, action="append", default=[], help="server pid(s)")
    parser.add_argument("--pidfile", help="file with server pids, one a line (deploy/local.sh)")
    parser.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra `streamlit run` argument with --start, e.g. "
        "--server-arg=--runner.postScriptGC=true",
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="K=V",
        help="environment for the server started with --start",
    )
    parser.add_argument("--app", default="app.py", help="script to serve with --start")
    parser.add_argument("--json-out", help="also write the summary to this file")
    args = parser.parse_args(argv)
    if args.students < 1 or args.students > 1000:
        parser.error("--students must be in 1..1000")
    if not 0 < args.duration <= 900:
        parser.error("--duration must be in (0, 900] seconds")
    if not 0 < args.rate <= 20:
        parser.error("--rate must be in (0, 20]")

    # SIGTERM ends the run like Ctrl-C: the `finally` below still stops our server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = None
    if args.start or not args.url:
        env = dict(kv.split("=", 1) for kv in args.env)
        server = start_server(app=args.app, extra_args=args.server_arg, env=env)
        args.url = server.url
        pids = [server.proc.pid]
    else:
        args.url = loopback_url(args.url)
        pids = list(args.pid)
        if args.pidfile:
            pids += [int(x) for x in Path(args.pidfile).read_text().split()]
        if not pids:
            pids = listening_pids(urlsplit(args.url).port or 80)
    try:
        summary = asyncio.run(run(args, pids))
    finally:
        if server is not None:
            server.stop()
    print(
        f"releases {summary['releases']}  median {summary['median_ms']} ms  "
        f"p95 {summary['p95_ms']} ms  (p95 from schedule {summary['p95_from_schedule_ms']} ms, "
        f"late {summary['late_releases']})  errors {summary['errors']}  "
        f"reruns/s {summary['reruns_per_s']} of {summary['offered_per_s']} offered"
    )
    if "cpu_mean_pct" in summary:
        print(
            f"server CPU mean {summary['cpu_mean_pct']}% peak {summary['cpu_peak_pct']}% "
            f"(100% = one core)  RSS start {summary['rss_start_mb']} MB  "
            f"peak {summary['rss_peak_mb']} MB  end {summary['rss_end_mb']} MB  "
            f"server CPU per run {summary.get('server_cpu_ms_per_run')} ms"
        )
    line = json.dumps(summary, ensure_ascii=False)
    if args.json_out:
        Path(args.json_out).write_text(line + "\n")
    print(line)
    return 1 if summary["errors"] or not summary["releases"] else 0


if __name__ == "__main__":
    sys.exit(main())
