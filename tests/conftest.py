"""Shared fixtures: an app per database backend, migrated from empty, with fresh demo data per test.

SQLite always; PostgreSQL too when PORTAL_TEST_DATABASE_URL points at a server (CI sets it when
one answers on 127.0.0.1:5432). Each run makes its own PostgreSQL database and drops it after.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import clock, create_app, demo
from portal.extensions import db
from portal.models import Person
from tests.page_checks import CheckingClient

os.environ.setdefault("PORTAL_ENV", "test")
PG_URL = os.environ.get("PORTAL_TEST_DATABASE_URL")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.sqlite3'}"
        return
    yield from fresh_postgres_database(PG_URL)


def fresh_postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server for this run; dropped afterwards."""
    name = f"portal_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_app(url: str, **overrides):
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url, **overrides})
    app.test_client_class = CheckingClient  # every response checked (tests/page_checks.py)
    return app


@contextmanager
def app_variant(url: str, **overrides) -> Iterator:
    """A second app on the same database with other settings; its connections closed after."""
    app = make_app(url, **overrides)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def app(database_url):
    """The app, migrated from empty. No app context stays pushed: each test client request gets
    its own, exactly as in production (a shared context would share `g` between requests)."""
    app = make_app(database_url)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def wipe(session) -> None:
    """Empty every table (tests only: the portal itself never deletes audit entries, and the
    database refuses it, so the append-only triggers are bypassed here: on PostgreSQL as the
    superuser CI connects as, on SQLite by dropping and re-creating them)."""
    with append_only_lifted(session):
        for table in reversed(db.metadata.sorted_tables):
            session.execute(table.delete())


@contextmanager
def append_only_lifted(session):
    """Tests only: switch off the audit trail's append-only triggers within this transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL session_replication_role = replica"))
        yield
        session.execute(text("SET LOCAL session_replication_role = origin"))
        return
    triggers = session.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    ).all()
    for name, _ in triggers:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for _, sql in triggers:
        session.execute(text(sql))


@pytest.fixture
def demo_data(app) -> dict[str, int]:
    """Fresh demo people and plans; returns {first_name: person id}."""
    with app.app_context():
        wipe(db.session)
        demo.load(db.session, today=clock.today())
        db.session.commit()
        ids = {p.first_name: p.id for p in db.session.query(Person).all()}
        db.session.remove()
    return ids


@pytest.fixture
def empty_session(app):
    """A database session on empty tables, for integration tests built with tests/factories."""
    with app.app_context():
        wipe(db.session)
        db.session.commit()
        yield db.session
        db.session.remove()


@pytest.fixture
def session(app, demo_data):
    """A database session for service tests (no HTTP in the same test)."""
    with app.app_context():
        yield db.session
        db.session.remove()


@pytest.fixture
def client(app, demo_data):
    return app.test_client()


def database_reader(app):
    """A function running `fn(session)` in its own app context, e.g. `read(lambda s: ...)`."""

    def run(fn):
        with app.app_context():
            try:
                return fn(db.session)
            finally:
                db.session.remove()

    return run


@pytest.fixture
def read_db(app):
    return database_reader(app)
