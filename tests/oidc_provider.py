"""A real OpenID Provider on localhost for the log-in tests: `oidc-provider-mock` (PyPI, pinned in
the test extras), started as a subprocess. (Importing it in this process would raise Authlib's
deprecation warning, which the suite's filterwarnings=error turns into a failure.)

Its log-in form has one field, `sub`; claims for a subject are set with `set_claims` before the
log-in (e.g. the CPR number the broker would release).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.request import Request, urlopen

MOCK = Path(sys.executable).with_name("oidc-provider-mock")
PANVA = Path(__file__).with_name("oidc_panva.mjs")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Provider:
    issuer: str

    def set_claims(self, subject: str, claims: dict) -> None:
        request = Request(
            f"{self.issuer}/users/{subject}",
            data=json.dumps(claims).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urlopen(request, timeout=5) as response:
            assert response.status in (200, 204)

    def settings(self, prefix: str = "OIDC") -> dict[str, str]:
        """The portal settings that point a provider (citizen "OIDC", staff "STAFF_OIDC") here."""
        return {
            f"{prefix}_ISSUER": self.issuer,
            f"{prefix}_CLIENT_ID": f"en-plan-{prefix.lower()}",
            f"{prefix}_CLIENT_SECRET": "test-secret",
        }


@contextmanager
def running_provider(*extra_args: str) -> Iterator[Provider]:
    """Start the provider (nonce required), wait for its discovery document, stop it after."""
    port = free_port()
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    command = [str(MOCK), "-p", str(port), "-n", "true", *extra_args]
    with _serving(command, env, f"http://127.0.0.1:{port}") as provider:
        yield provider


@contextmanager
def running_panva(port: int, clients: list[dict]) -> Iterator[Provider]:
    """npm oidc-provider (panva) on `port` with these registered clients (tests/oidc_panva.mjs)."""
    env = {**os.environ, "PORT": str(port), "CLIENTS": json.dumps(clients)}
    with _serving(["node", str(PANVA)], env, f"http://127.0.0.1:{port}") as provider:
        yield provider


@contextmanager
def _serving(command: list[str], env: dict, issuer: str) -> Iterator[Provider]:
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=Path(__file__).parents[1],
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urlopen(f"{issuer}/.well-known/openid-configuration", timeout=1):
                    break
            except (URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the test OpenID provider did not start") from None
                time.sleep(0.1)
        yield Provider(issuer)
    finally:
        process.terminate()
        process.wait(timeout=10)
