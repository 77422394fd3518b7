"""Smoke test of the classroom benchmark: 3 simulated students, 5 s, zero errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.bench, pytest.mark.timeout(90)]


def test_load_benchmark_runs_three_students_without_errors(tmp_path):
    summary_file = tmp_path / "summary.json"
    args = "--start --students 3 --duration 5 --ramp 1 --page self_information".split()
    done = subprocess.run(
        [sys.executable, "bench/load.py", *args, "--json-out", str(summary_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=80,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    summary = json.loads(summary_file.read_text())
    assert summary["errors"] == 0
    assert summary["releases"] >= 3
    assert summary["median_ms"] > 0
    assert json.loads(done.stdout.strip().splitlines()[-1]) == summary


def test_release_cost_benchmark_measures_a_fragment_release():
    # One page, a few releases: the bench runs, finds the page's main slider in its
    # st.fragment (a fragment rerun, as a browser would send it) and prints figures.
    args = "--moves 3 --page self_information".split()
    done = subprocess.run(
        [sys.executable, "bench/release_cost.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=80,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    bare, lesson = json.loads(done.stdout.strip().splitlines()[-1])
    assert bare["page"] == "(bare page)" and lesson["page"] == "self_information"
    assert lesson["fragment"] is True and lesson["exceptions"] == 0
    assert lesson["cpu_ms_per_release"] > 0 and lesson["median_ms"] > 0
