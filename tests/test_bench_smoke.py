"""Smoke test of the classroom benchmark: 3 simulated students, 5 s, zero errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.bench, pytest.mark.timeout(90)]


def run_bench(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``bench/<script>`` with `args` from the repo root; it must exit cleanly."""
    done = subprocess.run(
        [sys.executable, f"bench/{script}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=80,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done


def last_json(done: subprocess.CompletedProcess):
    """The JSON summary a benchmark prints as its last line."""
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_load_benchmark_runs_three_students_without_errors(tmp_path):
    summary_file = tmp_path / "summary.json"
    args = "--start --students 3 --duration 5 --ramp 1 --page self_information".split()
    done = run_bench("load.py", *args, "--json-out", str(summary_file))
    summary = json.loads(summary_file.read_text())
    assert summary["errors"] == 0
    assert summary["releases"] >= 3
    assert summary["median_ms"] > 0
    assert last_json(done) == summary


def test_release_cost_benchmark_measures_a_fragment_release():
    # One page, a few releases: the bench runs, finds the page's main slider in its
    # st.fragment (a fragment rerun, as a browser would send it) and prints figures.
    args = "--moves 3 --page self_information".split()
    done = run_bench("release_cost.py", *args)
    bare, lesson = last_json(done)
    assert bare["page"] == "(bare page)" and lesson["page"] == "self_information"
    assert lesson["fragment"] is True and lesson["exceptions"] == 0
    assert lesson["cpu_ms_per_release"] > 0 and lesson["median_ms"] > 0


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_redraw_benchmark_times_every_chart_of_a_page_both_ways():
    # entropy draws three charts: each is timed redrawn anew and updated in place.
    done = run_bench("redraw.py", "--repeats", "1", "--pages", "entropy")
    page = last_json(done)["pages"]["entropy"]
    assert len(page["charts"]) == 3
    assert all(c["remount_ms"] > 0 and c["update_ms"] > 0 for c in page["charts"])
    total = sum(c["remount_ms"] for c in page["charts"])
    assert page["remount_ms"] == pytest.approx(total, abs=0.1)


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_main_thread_benchmark_profiles_the_bare_page_and_a_lesson():
    args = ["--moves", "2", "--wait", "800", "--pages", "entropy"]
    done = run_bench("main_thread.py", *args)
    pages = last_json(done)["pages"]
    assert set(pages) == {"(bare page)", "entropy"}
    for profile in pages.values():  # releases made the browser run scripts
        assert profile["busy_ms_per_move"] > 0
        assert any(source.endswith(".js") for source in profile["by_source"])
