"""The request is the unit of work (portal/web/unit_of_work.py): one audit row per change, one
refused row per refusal, whatever the route, and a lost race at commit is a calm 409."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from portal.models import AuditEvent, Person, PersonKind
from portal.web import guard, unit_of_work
from portal.web.access import Action, requires
from tests.conftest import app_variant
from tests.functional.delegation_support import act_for
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


@contextmanager
def _commits() -> Iterator[list[int]]:
    """Counts the commits of every database session while inside."""
    counted: list[int] = []

    def count(_session):
        counted.append(1)

    event.listen(Session, "after_commit", count)
    try:
        yield counted
    finally:
        event.remove(Session, "after_commit", count)


def test_a_page_view_by_someone_else_is_one_commit_with_its_row(client, read_db, demo_data):
    """No extra commit for the audit row of a page view: it goes with the request's own."""
    hanne = demo_data["Hanne"]
    login(client, "demo-anders")
    last = _last(read_db)
    with _commits() as commits:
        assert client.get(f"/medarbejder/borger/{hanne}").status_code == 200
    assert len(commits) == 1
    rows = read_db(
        lambda s: [
            (e.actor_id, e.actor_role, e.citizen_id, e.outcome)
            for e in s.scalars(
                select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id)
            )
        ]
    )
    assert rows == [(demo_data["Anders"], "caseworker", hanne, "allowed")]


def test_a_citizens_own_page_views_leave_no_row(client, read_db):
    login(client, "demo-hanne")
    last = _last(read_db)
    for path in ("/", "/plan", "/plan/historik", "/moede", "/samtaler", "/resultater", "/log"):
        with _commits() as commits:
            assert client.get(path).status_code == 200, path
        assert len(commits) <= 1, path
    assert _rows_since(read_db, last) == []


def test_a_page_view_that_fails_after_the_guard_leaves_a_refused_row(
    database_url, read_db, demo_data
):
    """Seen or not, a delegate's failed page view is in the trail (as refused, nothing kept)."""

    @requires(Action.PLAN_VIEW)
    def broken():
        raise RuntimeError("the page could not be built")

    with app_variant(database_url, PROPAGATE_EXCEPTIONS=False) as app:
        app.add_url_rule("/test-broken", "test_broken", unit_of_work._unit(broken))
        client = app.test_client()
        login(client, "demo-mads")
        act_for(client, demo_data["Hanne"])
        last = _last(read_db)
        assert client.get("/test-broken").status_code == 500
        assert _rows_since(read_db, last) == [("plan.view", "refused", "status 500")]
