"""What several test files share: where the sample files are, and the network guard.

Module-level uses (``parametrize`` lists, file lists built at import) take the
constants (``from conftest import SAMPLES``); test functions can ask for the
``samples`` fixture instead.
"""

from __future__ import annotations

import socket
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
