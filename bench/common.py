"""Helpers shared by the benchmarks: start a server the README's way, watch its processes.

Every benchmark here talks to loopback only (127.0.0.0/8 or ::1): :func:`loopback_url`
refuses anything else, so a typo cannot turn a load test on another machine.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]


def loopback_url(url: str) -> str:
    """Return `url` without a trailing slash, or raise if its host is not on loopback."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SystemExit(f"--url must look like http://127.0.0.1:8501 (got {url!r})")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise SystemExit(f"cannot resolve {parts.hostname!r}: {exc}") from None
    for info in infos:
        if not ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback:
            raise SystemExit(f"refusing {url!r}: benchmarks only target loopback addresses")
    return url.rstrip("/")


def lesson_paths(pages: str | None) -> list[str]:
    """The url paths of a ``--pages a,b`` option; every lesson's when it is not given."""
    if pages:
        return pages.split(",")
    from lossviz import course

    return [lesson.url_path for lesson in course.LESSONS]


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> float:
    """Poll ``/_stcore/health`` until it answers 200; return the seconds waited."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with code {proc.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - t0
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not become healthy within {timeout:.0f} s")


@dataclass
class Server:
    """A ``streamlit run app.py`` child process on loopback."""

    proc: subprocess.Popen
    url: str
    started: float  # time.monotonic() when the process was spawned
    log: Path

    def stop(self) -> None:
        """Terminate the server (then kill it if it lingers)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def start_server(
    *,
    app: str = "app.py",
    port: int | None = None,
    extra_args: list[str] | None = None,
    env: dict[str, str] | None = None,
    wait: bool = True,
    log: Path | None = None,
) -> Server:
    """Start the app the README's way (``streamlit run app.py``, the repo's config) on loopback.

    Only the address and port are given on the command line, so the server runs with
    ``.streamlit/config.toml`` exactly as a teacher's would; `extra_args` (e.g.
    ``--runner.postScriptGC=true``) and `env` (e.g. ``LOSSVIZ_TUNING=off``) exist for
    before/after comparisons.
    """
    port = port or free_port()
    log = log or Path(os.environ.get("TMPDIR", "/tmp")) / f"lossviz-bench-{port}.log"
    cmd = [sys.executable, "-m", "streamlit", "run", app]
    cmd += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    cmd += extra_args or []
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with open(log, "wb") as out:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(proc, f"http://127.0.0.1:{port}", started, log)
    if wait:
        try:
            wait_healthy(server.url, proc=proc)
        except BaseException:
            server.stop()
            raise
    return server


def listening_pids(port: int) -> list[int]:
    """Process ids listening on TCP `port` (needs psutil; empty when it cannot tell)."""
    try:
        import psutil

        return sorted(
            {
                c.pid
                for c in psutil.net_connections(kind="tcp")
                if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid
            }
        )
    except Exception:  # psutil missing or not allowed to list sockets
        return []


@dataclass
class ProcessWatch:
    """Samples CPU (% of one core, summed) and resident memory of some processes.

    Call :meth:`start`, then :meth:`stop`; the samples are taken every `interval`
    seconds on a background thread (psutil reads /proc, it does not load the server).
    """

    pids: list[int]
    interval: float = 0.5
    cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)  # MiB
    cpu_seconds: float = 0.0  # user + system CPU time used between start() and stop()
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _procs_watched: list = field(default_factory=list)
    _cpu_start: float = 0.0

    def _procs(self):
        import psutil

        procs = []
        for pid in self.pids:
            try:
                p = psutil.Process(pid)
                procs.append(p)
                procs.extend(p.children(recursive=True))
            except psutil.NoSuchProcess:
                pass
        return procs

    @staticmethod
    def _cpu_time(procs) -> float:
        import psutil

        total = 0.0
        for p in procs:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return total

    def _sample_rss(self, procs) -> float:
        import psutil

        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total / 2**20

    def start(self) -> ProcessWatch:
        """Take the first sample and start sampling in the background."""
        try:
            import psutil  # noqa: F401
        except ImportError:
            print("psutil is not installed: no CPU/RSS figures (pip install psutil)")
            return self
        procs = self._procs()
        for p in procs:
            p.cpu_percent(None)
        self.rss.append(self._sample_rss(procs))
        self._procs_watched = procs
        self._cpu_start = self._cpu_time(procs)
        self._thread = threading.Thread(target=self._run, args=(procs,), daemon=True)
        self._thread.start()
        return self

    def _run(self, procs) -> None:
        import psutil

        while not self._stop.wait(self.interval):
            total = 0.0
            for p in procs:
                try:
                    total += p.cpu_percent(None)
                except psutil.NoSuchProcess:
                    pass
            self.cpu.append(total)
            self.rss.append(self._sample_rss(procs))

    def stop(self) -> dict[str, float | None]:
        """Stop sampling; return CPU mean/peak and RSS start/peak/end."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if not self.rss:
            return {}
        self.cpu_seconds = self._cpu_time(self._procs_watched) - self._cpu_start
        return {
            "cpu_seconds": round(self.cpu_seconds, 2),
            "cpu_mean_pct": round(statistics.fmean(self.cpu), 1) if self.cpu else None,
            "cpu_peak_pct": round(max(self.cpu), 1) if self.cpu else None,
            "rss_start_mb": round(self.rss[0], 1),
            "rss_peak_mb": round(max(self.rss), 1),
            "rss_end_mb": round(self.rss[-1], 1),
        }


def percentile(values: list[float], q: float) -> float | None:
    """The `q`-th percentile (0–100) by linear interpolation; None for no values."""
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)
