"""gunicorn with two workers and PROMETHEUS_MULTIPROC_DIR: a scrape adds up every worker's counts.

The server is started as in production, with gunicorn.conf.py (its hooks empty the folder at the
start and tidy up after a worker). Requests go out in concurrent batches until both workers have
answered some (read from each worker's own file in the folder), so the test proves the adding
up, not one worker's luck; then every scrape, whichever worker answers it, shows them all.
"""

from __future__ import annotations

import glob
import os
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import make_app
from tests.integration.gunicorn_support import GUNICORN, free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "workers-scrape-token"
BATCH = 12
HELP_PAGE = ("portal_http_requests_total", "pages.help")


def _help_pages_per_worker(folder: Path) -> dict[str, float]:
    """Each worker's own count of help pages, read from its file (counter_<pid>.db)."""
    counts = {}
    for path in glob.glob(str(folder / "counter_*.db")):
        pid = re.search(r"counter_(\d+)\.db$", path).group(1)
        counts[pid] = sum(
            sample.value
            for family in MultiProcessCollector.merge([path], accumulate=True)
            for sample in family.samples
            if (sample.name, sample.labels.get("endpoint")) == HELP_PAGE
        )
    return counts


def _scraped_help_pages(url: str) -> float:
    response = requests.get(
        f"{url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    )
    assert response.status_code == 200
    return sum(
        sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
        if (sample.name, sample.labels.get("endpoint")) == HELP_PAGE
    )


def test_a_scrape_adds_up_every_workers_requests(tmp_path):
    database = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    app = make_app(database)
    with app.app_context():
        from flask_migrate import upgrade

        from portal.extensions import db

        upgrade()
        db.session.remove()
        db.engine.dispose()
    folder = tmp_path / "prometheus"
    folder.mkdir()
    (folder / "counter_1.db").write_bytes(b"left by an earlier run")  # on_starting removes it
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PORTAL_ENV": "test",
        "PORTAL_DATABASE_URL": database,
        "PORTAL_METRICS_TOKEN": TOKEN,
        "PORTAL_BIND": f"127.0.0.1:{port}",
        "PORTAL_WORKERS": "2",
        "PORTAL_THREADS": "1",
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                str(GUNICORN),
                "-c",
                "gunicorn.conf.py",
                "--pid",
                str(tmp_path / "gunicorn.pid"),
                "portal:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(f"{url}/healthz", process, log)
        assert not (folder / "counter_1.db").exists()
        sent = 0
        # Long enough for the second worker to finish loading the app, if it is slow to.
        deadline = time.monotonic() + 60
        with ThreadPoolExecutor(max_workers=4) as pool:
            while time.monotonic() < deadline:
                answers = list(
                    pool.map(lambda _: requests.get(f"{url}/hjaelp", timeout=10), range(BATCH))
                )
                assert {a.status_code for a in answers} == {200}
                sent += BATCH
                if len([n for n in _help_pages_per_worker(folder).values() if n > 0]) >= 2:
                    break
        served = _help_pages_per_worker(folder)
        assert len([n for n in served.values() if n > 0]) == 2, (served, log.read_text()[-2000:])
        assert sum(served.values()) == sent
        # Each scrape sees every worker's requests, and no scrape counts itself.
        assert [_scraped_help_pages(url) for _ in range(4)] == [sent] * 4
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert "Traceback" not in log.read_text()  # the hooks ran cleanly, child_exit included
