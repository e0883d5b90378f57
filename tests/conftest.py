"""What several test files share: where the sample files are, the network guard, the browser.

Module-level uses (``parametrize`` lists, file lists built at import) take the
constants (``from conftest import SAMPLES``); test functions can ask for the
``samples`` fixture instead. The browser tests take the ``browser`` fixture
(Debian's Chromium, headless) and start their local server with :func:`serving`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

#: The repository root.
ROOT = Path(__file__).resolve().parent.parent
#: The committed sample files (data_samples/README.md describes them).
SAMPLES = ROOT / "data_samples"
#: The sample user's own LinkedIn archive.
EXPORT = SAMPLES / "my_linkedin_export"


@pytest.fixture
def samples() -> Path:
    """The committed sample folder, ``data_samples/``."""
    return SAMPLES


# --------------------------------------------------------------------------- network guard


class NetworkBlocked(AssertionError):
    """Raised by the network guard when code under test tries to leave the machine."""


@pytest.fixture
def no_sockets(monkeypatch) -> list[str]:
    """Block every socket connection in this process; the list records each attempt."""
    calls: list[str] = []

    def refuse(name):
        def blocked(*args, **kwargs):
            calls.append(name)
            raise NetworkBlocked(f"network access attempted: {name}{args[:2]!r}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    return calls


#: The same guard for a Jupyter kernel (run as its first cell): every connection that
#: leaves this machine is refused; localhost stays open.
KERNEL_NO_NETWORK = """
import socket as _socket

def _refuse(*args, **kwargs):
    raise OSError("refkit test: network access outside this machine is blocked")

def _local_only(original):
    def guarded(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost"):
            _refuse()
        return original(self, address, *args, **kwargs)
    return guarded

_socket.socket.connect = _local_only(_socket.socket.connect)
_socket.socket.connect_ex = _local_only(_socket.socket.connect_ex)
_socket.getaddrinfo = _refuse
_socket.create_connection = _refuse
"""
#: Prints ``blocked`` in a kernel where :data:`KERNEL_NO_NETWORK` is active.
KERNEL_NETWORK_PROBE = """
import socket as _socket
try:
    _socket.create_connection(("203.0.113.1", 80), timeout=1)
    print("open")
except OSError:
    print("blocked")
"""


# --------------------------------------------------------------------------- browser and local servers

#: Debian's Chromium (``apt-get install chromium``; .ci/run installs it): nothing downloads a browser.
CHROMIUM = "/usr/bin/chromium"
#: Headless, and nothing of Chromium's own talks to the network.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium through Playwright, one per test module."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def serving(argv: Sequence[str], *, port: int, log: Path, env: dict[str, str],
            timeout: float = 90) -> Iterator[float]:
    """Run a local server until the block ends; yield the seconds it took to listen on ``port``.

    The server runs in a process group of its own (``make`` and its children, or Jupyter and
    its kernels), its output goes to ``log``; the test fails with the log's end if it does not
    listen within ``timeout`` seconds. The whole group is stopped afterwards.
    """
    with open(log, "w") as handle:
        proc = subprocess.Popen(list(argv), stdout=handle, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
    started = time.monotonic()
    while time.monotonic() - started < timeout and proc.poll() is None and not _listening(port):
        time.sleep(0.3)

    def stop(sig: int) -> None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass

    if not _listening(port):
        stop(signal.SIGKILL)
        proc.wait()
        pytest.fail(f"{argv[0]} did not start: {log.read_text()[-2000:]}")
    try:
        yield time.monotonic() - started
    finally:
        stop(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            stop(signal.SIGKILL)
            proc.wait()
