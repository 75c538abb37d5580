"""/healthz and /readyz: public, tiny, never audited, no session; /readyz says "not ready" when
the database is behind the newest migration or a configured Redis does not answer."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditEvent, WebSession
from tests.conftest import app_variant


def _counts(read_db):
    return read_db(
        lambda s: (
            s.scalar(select(func.count()).select_from(AuditEvent)),
            s.scalar(select(func.count()).select_from(WebSession)),
        )
    )


def test_health_and_readiness_answer_without_session_or_audit(client, read_db):
    before = _counts(read_db)
    healthy = client.get("/healthz")
    ready = client.get("/readyz")
    assert (healthy.status_code, healthy.get_json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.get_json()) == (200, {"status": "ready"})
    for response in (healthy, ready):
        assert "Set-Cookie" not in response.headers
    assert _counts(read_db) == before


def test_a_database_behind_the_newest_migration_is_not_ready(tmp_path):
    url = f"sqlite:///{tmp_path / 'behind.sqlite3'}"
    with app_variant(url) as app:
        with app.app_context():
            upgrade(revision="0013")
            db.session.remove()
        answer = app.test_client().get("/readyz")
    assert answer.status_code == 503
    [problem] = answer.get_json()["problems"]
    assert problem.startswith("database: at revision 0013, head is ")


def test_a_configured_redis_that_does_not_answer_is_not_ready(database_url, demo_data):
    with app_variant(database_url, REDIS_URL="redis://127.0.0.1:1/0") as app:
        answer = app.test_client().get("/readyz")
    assert answer.status_code == 503
    assert answer.get_json()["problems"] == ["redis: ConnectionError"]
