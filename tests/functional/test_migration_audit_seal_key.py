"""Migration 0024 on an audit trail sealed before seals were keyed: the seals stay (plain, no key
id), the tables stay append-only, and the keyed chain goes on from the last plain seal."""

from datetime import UTC, datetime, timedelta

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from portal import clock
from portal.extensions import db
from portal.models import AuditSeal
from portal.services import audit, audit_seal
from tests.conftest import PG_URL, fresh_postgres_database, make_app

NINE = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def _plain_seal(session) -> None:
    """One audit row and the plain seal the code before 0024 made of its hour (the seal written
    with the columns 0023 has: the model already names key_id)."""
    with clock.frozen(NINE + timedelta(minutes=1)):
        audit.record(session, actor_id=None, actor_role="system", citizen_id=None, action="x")
    session.flush()
    count, digest = audit_seal.batch_digest(session, NINE, NINE + HOUR)
    session.execute(
        AuditSeal.__table__.insert().values(
            batch_start=NINE,
            batch_end=NINE + HOUR,
            row_count=count,
            digest=digest,
            previous_hash=audit_seal.GENESIS,
            seal_hash=audit_seal.seal_hash(audit_seal.GENESIS, NINE, NINE + HOUR, count, digest),
            sealed_at=NINE + HOUR,
        )
    )
    session.commit()


def _check(url: str) -> None:
    app = make_app(url)
    keys = app.config["AUDIT_SEAL_KEYS"]
    with app.app_context():
        upgrade(revision="0023")
        _plain_seal(db.session)
        db.session.remove()
        upgrade(revision="0024")
        columns = {c["name"] for c in inspect(db.engine).get_columns("audit_seal")}
        assert "key_id" in columns
        verdict = audit_seal.verify(db.session, keys)
        assert verdict.complete and (verdict.batches, verdict.plain) == (1, 1), verdict.reason
        # Still append-only: adding the column left the triggers in place.
        with pytest.raises(DBAPIError), db.engine.begin() as conn:
            conn.execute(text("UPDATE audit_seal SET key_id = 'x'"))
        with clock.frozen(NINE + HOUR + timedelta(minutes=1)):
            audit.record(
                db.session, actor_id=None, actor_role="system", citizen_id=None, action="x"
            )
        [keyed] = audit_seal.seal_closed_batches(db.session, NINE + 3 * HOUR, keys)
        db.session.commit()
        plain_hash = db.session.execute(
            text("SELECT seal_hash FROM audit_seal WHERE key_id IS NULL")
        ).scalar_one()
        assert (keyed.key_id, keyed.previous_hash) == ("dev", plain_hash)
        verdict = audit_seal.verify(db.session, keys)
        assert verdict.complete and (verdict.batches, verdict.plain) == (2, 1)
        db.session.remove()
        downgrade(revision="0023")
        columns = {c["name"] for c in inspect(db.engine).get_columns("audit_seal")}
        assert "key_id" not in columns
        db.engine.dispose()


def test_plain_seals_survive_migration_0024_on_sqlite(tmp_path):
    _check(f"sqlite:///{tmp_path / 'm.sqlite3'}")


def test_plain_seals_survive_migration_0024_on_postgresql():
    if not PG_URL:
        return  # nothing to check without a server; CI always has one
    for url in fresh_postgres_database(PG_URL):
        _check(url)
