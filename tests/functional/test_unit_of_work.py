"""The request is the unit of work (portal/web/unit_of_work.py): one audit row per change, one
refused row per refusal, whatever the route, and a lost race at commit is a calm 409."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.models import AuditEvent, Person, PersonKind
from portal.web import guard, unit_of_work
from portal.web.access import Action, requires
from tests.conftest import app_variant
from tests.functional.test_booking import _book
from tests.helpers import csrf_token, date_fields, login


def _rows_since(read_db, last: int) -> list[tuple[str, str, str | None]]:
    return read_db(
        lambda s: [
            (e.action, e.outcome, e.detail)
            for e in s.scalars(
                select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id)
            )
        ]
    )


def _last(read_db) -> int:
    return read_db(lambda s: s.scalar(select(func.max(AuditEvent.id))) or 0)


def test_a_described_change_leaves_exactly_one_row(client, read_db):
    login(client, "demo-sofie")
    last = _last(read_db)
    _book(client)
    posts = [r for r in _rows_since(read_db, last) if r[0] != Action.BOOKING_VIEW]
    assert [(action, outcome) for action, outcome, _ in posts] == [("booking.book", "allowed")]
    assert not [r for r in _rows_since(read_db, last) if r[0] == Action.BOOKING_CHANGE]


def test_a_refused_change_without_a_citizen_is_audited_too(client, read_db):
    login(client, "demo-anders")
    token = csrf_token(client.get("/medarbejder/tider"))
    last = _last(read_db)
    response = client.post(
        "/medarbejder/tider",
        data={"csrf_token": token, **date_fields("first_day", date(2030, 1, 7))},
    )
    assert response.status_code == 400
    rows = _rows_since(read_db, last)
    assert [(outcome) for _, outcome, _ in rows] == ["refused"]


def test_losing_a_race_at_commit_is_a_calm_conflict(database_url, read_db, demo_data):
    """Two rows with one unique value: the database refuses the change at commit."""

    @requires(Action.SIGNED_IN)
    def clash():
        session = unit_of_work.session()
        for _ in range(2):
            session.add(
                Person(subject="clash", kind=PersonKind.RELATIVE, first_name="A", last_name="B")
            )
        guard.describe_change("test.clash", "two rows, one subject")
        return "saved"

    with app_variant(database_url) as app:
        app.add_url_rule("/test-clash", "test_clash", unit_of_work._unit(clash), methods=["POST"])
        client = app.test_client()
        login(client, "demo-hanne")
        token = csrf_token(client.get("/log-ind"))
        last = _last(read_db)
        response = client.post("/test-clash", data={"csrf_token": token})
        assert response.status_code == 409
        assert "Nogen nåede at ændre det samme lige før dig" in response.get_data(as_text=True)
        assert _rows_since(read_db, last) == [("test.clash", "refused", "conflict")]
        assert read_db(lambda s: s.scalar(select(Person).where(Person.subject == "clash"))) is None
