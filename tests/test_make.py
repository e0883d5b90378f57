"""The README's commands as typed: ``make lab`` starts JupyterLab, also as root (containers)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_lab_starts_jupyterlab_on_the_notebooks(tmp_path):
    port = _free_port()
    extra = (f"--no-browser --port={port} --ip=127.0.0.1 --ServerApp.token= --ServerApp.password= "
             "--LabApp.news_url=")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_DATA_DIR": str(tmp_path / "data")}
    log = tmp_path / "lab.log"
    with open(log, "w") as handle:
        # the recipe of `make lab` itself, with the interpreter running the tests (no install here)
        proc = subprocess.Popen(["make", "-C", str(ROOT), "-o", ".venv/.installed", "lab",
                                 f"BIN={Path(sys.executable).parent}", f"LAB_ARGS={extra}"], stdout=handle,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        status = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/notebooks", timeout=2) as answer:
                    status = answer.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert status is not None, log.read_text()[-2000:]
        assert "00_start_here.ipynb" in status  # serving the notebooks folder
        settings = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification"
        with urllib.request.urlopen(settings, timeout=10) as answer:
            found = json.loads(answer.read())
        defaults = {k: v.get("default") for k, v in found["schema"]["properties"].items()}
        assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False  # no news pop-up
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
