"""The schema is built from empty by the migrations alone, and matches the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from portal.extensions import db
from tests.conftest import PG_URL, fresh_postgres_database, make_app


def _check_upgrade_from_empty(url: str) -> None:
    app = make_app(url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        tables = set(inspect(db.engine).get_table_names())
        assert {
            "person",
            "plan",
            "effort",
            "plan_change",
            "audit_event",
            "outcome",
            "outcome_version",
            "outcome_receipt",
            "fuldmagt",
            "fuldmagt_event",
            "meeting",
            "meeting_member",
            "consent_record",
            "participation_record",
            "preparation",
            "preparation_sending",
            "slot",
            "deadline_window",
            "booking",
            "booking_exemption",
            "callback_request",
        } <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        db.engine.dispose()


def test_upgrade_from_empty_on_sqlite(tmp_path):
    _check_upgrade_from_empty(f"sqlite:///{tmp_path / 'empty.sqlite3'}")


def test_upgrade_from_empty_on_postgresql():
    if not PG_URL:
        # Nothing to check without a server; CI always has one (see .ci/run).
        return
    for url in fresh_postgres_database(PG_URL):
        _check_upgrade_from_empty(url)
