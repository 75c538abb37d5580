"""Starting a server (gunicorn, or the development server) as a subprocess in a test: a free
port, and waiting until it answers."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import requests

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process, log: Path) -> None:
    """Until `url` answers (any status), failing with the server's log when it stops or is slow."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped: {log.read_text()[-2000:]}")
        try:
            requests.get(url, timeout=15)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise AssertionError(f"the server did not answer within 60 s: {log.read_text()[-2000:]}")
