"""Hardening, checked: server settings, no raw HTML from user text, the container recipe.

No container engine runs on this machine, so the Dockerfile is verified by doing what it
does: its ``pip install`` in a fresh virtual environment, its start command as an
unprivileged user, and its own HEALTHCHECK command against the running server.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import tomllib
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_server_configuration_is_hardened():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] in ("none", False)
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["maxUploadSize"] <= 1
    assert 0 < config["server"]["disconnectedSessionTTL"] <= 600
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["enableStaticServing"] is False


def test_no_raw_html_is_enabled_anywhere():
    offenders = [
        str(path.relative_to(ROOT))
        for path in [ROOT / "app.py", *ROOT.glob("lessons/*.py"), *ROOT.glob("lossviz/**/*.py")]
        if "unsafe_allow_html=True" in path.read_text()
        or "unsafe_allow_javascript=True" in path.read_text()
    ]
    assert offenders == []


def test_dockerfile_follows_the_deployment_recipe():
    assert re.search(r"^FROM python:3\.11-slim", DOCKERFILE, re.M)
    user = re.findall(r"^USER\s+(\S+)", DOCKERFILE, re.M)
    assert user and user[-1] not in ("root", "0")
    assert re.search(r"^EXPOSE 8501$", DOCKERFILE, re.M)
    health = re.search(r"^HEALTHCHECK .*?CMD (.+)$", DOCKERFILE, re.M | re.S)
    assert health and "curl" not in health.group(1) and "/_stcore/health" in health.group(1)
    # requirements get their own layer, before the code is copied
    assert DOCKERFILE.index("COPY requirements.txt") < DOCKERFILE.index("COPY . .")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dockerfile_commands():
    install = re.search(r"^RUN (pip install .+)$", DOCKERFILE, re.M).group(1)
    entry = re.search(r"^ENTRYPOINT (\[.+\])$", DOCKERFILE, re.M).group(1)
    health = re.search(r"CMD (python -c .+)$", DOCKERFILE, re.M).group(1)
    import json

    return shlex.split(install), json.loads(entry), shlex.split(health)


@pytest.mark.slow
def test_dockerfile_install_start_and_healthcheck_work_in_a_fresh_environment():
    install, entry, health = _dockerfile_commands()
    # a world-readable scratch folder (pytest's tmp_path is private to root)
    tmp_path = Path(tempfile.mkdtemp(prefix="lossviz-docker-"))
    app = tmp_path / "app"
    shutil.copytree(
        ROOT,
        app,
        ignore=shutil.ignore_patterns(
            ".git", "tests", "bench", "artifacts", "__pycache__", ".hypothesis"
        ),
    )
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "HOME": str(tmp_path)}
    env.pop("PYTHONPATH", None)
    subprocess.run(
        [str(bin_dir / "python"), "-m", *install],
        cwd=app,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=900,
    )
    port = _free_port()
    command = [str(bin_dir / entry[0]), *entry[1:], f"--server.port={port}"]
    drop = []  # run as an unprivileged user, like the image's USER line, when we can
    if os.geteuid() == 0 and shutil.which("setpriv"):
        for path in (tmp_path, app, env_dir):
            path.chmod(0o755)
        subprocess.run(["chmod", "-R", "a+rX", str(tmp_path)], check=True)
        drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    server = subprocess.Popen(
        drop + command, cwd=app, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        probe = [str(bin_dir / "python"), *health[1:]]
        probe[-1] = probe[-1].replace("8501", str(port))
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if subprocess.run(probe, env=env, capture_output=True).returncode == 0:
                break
            assert server.poll() is None, server.stdout.read().decode()[-2000:]
            time.sleep(1)
        else:
            pytest.fail("the HEALTHCHECK command never succeeded")
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(tmp_path, ignore_errors=True)
