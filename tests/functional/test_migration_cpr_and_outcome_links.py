"""Migration 0015 on existing data: stored CPR numbers become keyed hashes (no digits left), and
existing outcomes are linked to the efforts their published text names; downgrading works with
data too (the numbers cannot come back)."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from portal.extensions import db
from portal.services import cpr
from tests.conftest import PG_URL, fresh_postgres_database, make_app

ROWS = [
    "INSERT INTO person (id, subject, kind, first_name, last_name, cpr) "
    "VALUES (1, 's-bo', 'citizen', 'Bo', 'Berg', '0101901234')",
    "INSERT INTO person (id, subject, kind, first_name, last_name) "
    "VALUES (2, 's-anne', 'caseworker', 'Anne', 'Ager')",
    "INSERT INTO plan (id, citizen_id, goal, created_at) VALUES (1, 1, 'Mål', '2026-01-05')",
    "INSERT INTO effort (id, plan_id, title, meaning, department, law, payer, status, sensitive) "
    "VALUES (1, 1, 'Alkoholbehandling', 'x', 'social', 'serviceloven', 'municipality', 'planned', "
    "TRUE), (2, 1, 'Jobafklaring', 'x', 'employment', 'beskaeftigelsesloven', 'municipality', "
    "'planned', FALSE)",
    "INSERT INTO outcome (id, citizen_id, kind, created_at) "
    "VALUES (1, 1, 'indstilling', '2026-01-05'), (2, 1, 'indstilling', '2026-01-05')",
    "INSERT INTO outcome_version (id, outcome_id, number, title, decided, meaning, next_steps, "
    "if_you_disagree, formal_text, decision_date, appeal_weeks, created_at, published_at) "
    "VALUES (1, 1, 1, 'Råd', 'a', 'b', 'c', 'd', 'Fortsat alkoholbehandling.', '2026-01-05', 4, "
    "'2026-01-05', '2026-01-06'), "
    "(2, 2, 1, 'Kladde', 'a', 'b', 'c', 'd', 'Alkoholbehandling.', '2026-01-05', 4, "
    "'2026-01-05', NULL)",
]


def _check(url: str) -> None:
    app = make_app(url)
    with app.app_context():
        upgrade(revision="0013")
        with db.engine.begin() as conn:
            for statement in ROWS:
                conn.execute(text(statement))
        upgrade(revision="0015")
        with db.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("person")}
            assert "cpr" not in columns and "cpr_hash" in columns
            stored = conn.execute(text("SELECT cpr_hash FROM person WHERE id = 1")).scalar()
            links = conn.execute(text("SELECT outcome_id, effort_id FROM outcome_effort")).all()
        assert stored == cpr.digest("010190-1234", key=app.config["CPR_KEY"])
        assert "0101901234" not in stored
        assert links == [(1, 1)]  # the draft names it too, but a draft is shown to nobody
        downgrade(revision="0013")  # with people referenced by other rows: the hash is gone
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT cpr FROM person WHERE id = 1")).scalar() is None
        db.engine.dispose()


def test_existing_cpr_numbers_and_outcomes_on_sqlite(tmp_path):
    _check(f"sqlite:///{tmp_path / 'm.sqlite3'}")


def test_existing_cpr_numbers_and_outcomes_on_postgresql():
    if not PG_URL:
        return
    for url in fresh_postgres_database(PG_URL):
        _check(url)
