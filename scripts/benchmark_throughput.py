"""Throughput under gunicorn (`make benchmark-scale`, `--throughput`): the portal's citizen pages
against a bare Flask page (scripts/bare_app.py) served the same way, in the same run.

Both apps run in gunicorn with one sync worker, one thread and no recycling; ApacheBench (`ab`,
Debian's apache2-utils) sends requests with 4 concurrent connections, logged in as Hanne for the
portal's pages. Each page takes one-second turns with the bare page (`seconds` turns a page), so
a change in what else runs on the machine touches both sides of its ratio alike.

Two ratios are printed for each page. Requests per second is what the issue asks for, but on a
shared machine it mostly measures how much of the CPU the worker was given. Requests per
CPU-second of the worker (its user and system time, read from /proc before and after each turn)
counts only the work the worker did, so it stays close to what a quiet machine would show.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/plan", "/samtaler", "/resultater", "/moede"]
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass(frozen=True)
class Server:
    port: int
    pid: int  # gunicorn's master; the worker is its child


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(app_spec: str, env: dict[str, str]) -> Iterator[Server]:
    port = _free_port()
    # gunicorn.conf.py (read from the working directory) asks for threads and recycles a
    # worker every ~2,000 requests: both would blur a comparison of CPU cost per request, and a
    # recycle in the middle of one page's run would count the app's start-up against it.
    settings = ["-w", "1", "-k", "sync", "--threads", "1", "--max-requests", "0"]
    process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(ROOT / ".venv/bin/gunicorn"), *settings, "-b", f"127.0.0.1:{port}", app_spec],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port)
        yield Server(port, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(port: int) -> None:
    import http.client

    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/hjaelp")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on port {port}")


def _cpu_seconds(server: Server) -> float:
    """User and system time of gunicorn's master and its worker so far."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    ticks = 0
    for pid in [server.pid, *map(int, children)]:
        # The fields after the command name: utime and stime are the 12th and 13th.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _portal_cookie(port: int, subject: str) -> str:
    """Log in over HTTP as the demo person; the session cookie to send with every request."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/log-ind")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    body = f"csrf_token={TOKEN.search(page).group(1)}&subject={subject}&next="
    conn.request(
        "POST",
        "/log-ind",
        body=body,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = conn.getresponse()
    response.read()
    assert response.status == 302, "log-in over HTTP failed"
    return response.getheader("Set-Cookie").split(";")[0]


@dataclass(frozen=True)
class Turn:
    per_second: float
    requests: int
    cpu_seconds: float


def _ab(server: Server, path: str, seconds: int, cookie: str | None = None) -> Turn:
    command = ["ab", "-q", "-t", str(seconds), "-n", "1000000", "-c", "4"]
    if cookie:
        command += ["-C", cookie]
    before = _cpu_seconds(server)
    out = subprocess.run(  # noqa: S603 - ab with arguments built here
        [*command, f"http://127.0.0.1:{server.port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    used = _cpu_seconds(server) - before
    failed = int(re.search(r"Non-2xx responses:\s+(\d+)", out).group(1)) if "Non-2xx" in out else 0
    if failed:
        raise RuntimeError(f"{path}: {failed} answers were not 200")
    return Turn(
        per_second=float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1)),
        requests=int(re.search(r"Complete requests:\s+(\d+)", out).group(1)),
        cpu_seconds=used,
    )


def _per_cpu_second(turns: list[Turn]) -> float:
    return sum(t.requests for t in turns) / max(sum(t.cpu_seconds for t in turns), 0.01)


def throughput(demo_url: str, seconds: int) -> None:
    if shutil.which("ab") is None:
        print("throughput: ApacheBench (ab) is missing: apt-get install apache2-utils")
        return
    bare_env = {"BARE_DATABASE": make_url(demo_url).database}
    portal_env = {
        "PORTAL_ENV": "production",
        "PORTAL_SECRET_KEY": "benchmark-only",
        "PORTAL_CPR_KEY": "benchmark-only-cpr",
        "PORTAL_AUDIT_SEAL_KEYS": "benchmark:benchmark-only-audit-seal-key-not-secret",
        "PORTAL_DEMO_LOGIN": "1",
        "PORTAL_DATABASE_URL": demo_url,
    }
    print(f"\nthroughput, gunicorn 1 sync worker, ab -c 4, {seconds} one-second turns a page")
    print(f"{'':22} {'requests/s':>16} {'ratio':>6}   {'per CPU-second':>20} {'ratio':>6}")
    print(f"{'':22} {'page':>8} {'bare':>7} {'':6}   {'page':>10} {'bare':>9}")
    ratios: list[tuple[float, float]] = []
    with (
        gunicorn("scripts.bare_app:app", bare_env) as bare_server,
        gunicorn("portal:create_app()", portal_env) as server,
    ):
        cookie = _portal_cookie(server.port, "demo-hanne")
        _ab(server, "/", 1, cookie)  # warm-up: templates compiled, connections opened
        _ab(bare_server, "/", 1)
        for path in PAGES:
            turns = [
                (_ab(bare_server, "/", 1), _ab(server, path, 1, cookie)) for _ in range(seconds)
            ]
            bare = statistics.mean(b.per_second for b, _ in turns)
            served = statistics.mean(p.per_second for _, p in turns)
            bare_cpu = _per_cpu_second([b for b, _ in turns])
            served_cpu = _per_cpu_second([p for _, p in turns])
            ratios.append((served / bare, served_cpu / bare_cpu))
            print(
                f"citizen {path:14} {served:8.0f} {bare:7.0f} {served / bare:6.2f}"
                f"   {served_cpu:10.0f} {bare_cpu:9.0f} {served_cpu / bare_cpu:6.2f}"
            )
    wall = statistics.mean(r for r, _ in ratios)
    cpu = statistics.mean(r for _, r in ratios)
    print(f"{'mean ratio':22} {'':16} {wall:6.2f}   {'':20} {cpu:6.2f}")
