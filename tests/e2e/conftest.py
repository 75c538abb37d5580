"""Browser tests: a live portal on SQLite with demo data, driven by Debian's Chromium."""

from __future__ import annotations

import logging
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_migrate import upgrade
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import update
from werkzeug.serving import make_server

from portal import clock, demo
from portal.extensions import db
from portal.models import Person
from tests.conftest import database_reader, make_app

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request drowns failures


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'portal.sqlite3'}"
    app = make_app(url)
    with app.app_context():
        upgrade()
        demo.load(db.session, today=clock.today())
        db.session.commit()
        db.session.remove()
    return app


def _read_whole_body(app):
    """Werkzeug's development server runs its socket clean-up before it closes the response, so
    when the browser cancels a request (navigating on while a font loads) an open static file is
    left to the garbage collector, and its ResourceWarning fails whichever test runs then. Reading
    the body first closes the file before anything is written to the socket."""

    def wsgi(environ, start_response):
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, _read_whole_body(live_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Headless Chromium asks for English; our citizens' browsers ask for Danish.
    return {**browser_context_args, "locale": "da-DK"}


@pytest.fixture(scope="session")
def axe():
    return Axe()


def assert_accessible(axe, page) -> None:
    # A click's navigation may still be under way on a loaded machine: axe needs the page that
    # stays, not the one being left.
    page.wait_for_load_state("load")
    try:
        result = axe.run(page)
    except PlaywrightError as error:
        # A navigation still under way (a redirect after a click) replaced the page while axe
        # ran: check the page that stays, once.
        if "Execution context was destroyed" not in str(error):
            raise
        page.wait_for_load_state("load")
        result = axe.run(page)
    assert result.violations_count == 0, result.generate_report()


def fill_date(page, legend: str, day) -> None:
    """Type a date into a day / month / year field (components/forms.html date_input), found by
    its legend and its inputs' labels as a person would."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Dag", exact=True).fill(str(day.day))
    group.get_by_label("Måned", exact=True).fill(str(day.month))
    group.get_by_label("År", exact=True).fill(str(day.year))


def log_in_as(page, first_name: str) -> None:
    page.goto("/log-ind?lang=da")  # the buttons are found by their Danish names
    page.get_by_role("button", name=f"Log ind som {first_name}").click()
    page.wait_for_url(lambda url: "/log-ind" not in url)


@pytest.fixture(autouse=True)
def nobody_chose_a_language(request):
    """The browser tests share one database, and a language chosen while logged in is stored on
    the person and wins at their next log-in: every test starts with no choice stored."""
    if "live_app" not in request.fixturenames and "page" not in request.fixturenames:
        return
    app = request.getfixturevalue("live_app")
    database_reader(app)(lambda s: (s.execute(update(Person).values(language=None)), s.commit()))


@pytest.fixture
def db_read(live_app):
    return database_reader(live_app)
