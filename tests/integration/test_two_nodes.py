"""Two app nodes, one person: nothing in the request cycle lives in one process's memory.

Two gunicorn processes on different ports share one PostgreSQL database and one Redis, as N app
nodes behind a proxy would. One browser (a `requests` session: cookies are per host, not per
port, so both nodes get the same cookie) logs in on one node, carries on on the other, logs out
on one and is logged out on both; the log-in limit counts attempts on both nodes together.
Skipped without PostgreSQL (PORTAL_TEST_DATABASE_URL) and Redis (PORTAL_TEST_REDIS_URL).
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup

from tests.conftest import PG_URL, fresh_postgres_database, make_app
from tests.functional.session_support import REDIS_URL, forget_prefix
from tests.integration.gunicorn_support import GUNICORN, free_port, wait_until_up

pytestmark = pytest.mark.skipif(
    not (PG_URL and REDIS_URL), reason="needs PORTAL_TEST_DATABASE_URL and PORTAL_TEST_REDIS_URL"
)
ROOT = Path(__file__).resolve().parents[2]
LOGIN_LIMIT = 6


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nodes")
    prefix = f"enplan-nodes-{uuid.uuid4().hex[:10]}"
    database = fresh_postgres_database(PG_URL)
    url = next(database)
    processes = []
    try:
        from flask_migrate import upgrade

        from portal import clock, demo
        from portal.extensions import db

        app = make_app(url)
        with app.app_context():
            upgrade()
            demo.load(db.session, today=clock.today())
            db.session.commit()
            db.session.remove()
            db.engine.dispose()
        env = {
            **os.environ,
            "PORTAL_ENV": "test",
            "PORTAL_DATABASE_URL": url,
            "PORTAL_REDIS_URL": REDIS_URL,
            "PORTAL_REDIS_PREFIX": prefix,
            "PORTAL_RATELIMIT_ENABLED": "1",
            "PORTAL_RATELIMIT_LOGIN": f"{LOGIN_LIMIT} per minute",
        }
        urls = []
        for name in ("a", "b"):
            port = free_port()
            log = folder / f"{name}.log"
            with log.open("w") as output:  # the child keeps its own copy of the handle
                process = subprocess.Popen(
                    [
                        str(GUNICORN),
                        "-w",
                        "1",
                        "-b",
                        f"127.0.0.1:{port}",
                        "--no-control-socket",
                        "--pid",
                        str(folder / f"{name}.pid"),
                        "portal:create_app()",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            processes.append(process)
            urls.append(f"http://127.0.0.1:{port}")
            wait_until_up(f"{urls[-1]}/hjaelp", process, log)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        forget_prefix(prefix)
        next(database, None)  # drops the database


def _token(response) -> str:
    page = BeautifulSoup(response.text, "html.parser")
    return page.find("input", attrs={"name": "csrf_token"})["value"]


def _log_in(browser, node: str, subject: str) -> requests.Response:
    token = _token(browser.get(f"{node}/log-ind", timeout=10))
    return browser.post(
        f"{node}/log-ind",
        data={"csrf_token": token, "subject": subject, "next": ""},
        allow_redirects=False,
        timeout=10,
    )


def _h1(response) -> str:
    return BeautifulSoup(response.text, "html.parser").h1.get_text(strip=True)


def _signed_in(browser, node: str) -> bool:
    response = browser.get(f"{node}/plan", allow_redirects=False, timeout=10)
    return response.status_code == 200


def test_one_person_served_alternately_by_two_nodes(nodes):
    a, b = nodes
    browser = requests.Session()
    assert _log_in(browser, a, "demo-hanne").status_code == 302  # the form came from a too
    assert _h1(browser.get(f"{b}/plan", timeout=10)) == "Min plan"  # carried on at b
    # A change on b with the form a showed (the CSRF token lives in the shared session).
    page = browser.get(f"{a}/plan", timeout=10)
    response = browser.post(
        f"{b}/session/forlaeng",
        data={"csrf_token": _token(page), "next": "/plan"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302 and response.headers["Location"] == "/plan"
    saved = browser.cookies.get("enplan_session")

    # Log out on b: logged out on both, and the saved cookie opens nothing on either.
    response = browser.post(
        f"{b}/log-ud",
        data={"csrf_token": _token(browser.get(f"{b}/log-ud", timeout=10))},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302
    assert not _signed_in(browser, a) and not _signed_in(browser, b)
    thief = requests.Session()
    thief.cookies.set("enplan_session", saved)
    assert not _signed_in(thief, a) and not _signed_in(thief, b)


def test_both_nodes_count_towards_one_log_in_limit(nodes):
    a, b = nodes
    browser = requests.Session()
    answers = [
        _log_in(browser, node, "nobody-at-all").status_code for node in (a, b, a, b, a, b, a, b)
    ]
    # Four attempts a node stay under the limit of each node alone: the refusals come because
    # both nodes count together (the other test's log-in, from the same address, may count too).
    assert 429 in answers
    first_refusal = answers.index(429)
    assert first_refusal in (LOGIN_LIMIT - 1, LOGIN_LIMIT)
    assert set(answers[:first_refusal]) == {400} and set(answers[first_refusal:]) == {429}
    page = BeautifulSoup(_log_in(browser, b, "demo-hanne").text, "html.parser")
    assert page.h1.get_text(strip=True) == "Vent lidt, før du prøver igen"
