"""One active fuldmagt per citizen and holder, also when several grants are pressed at once (two
tabs, a double click that reaches the server twice): exactly one is given, every other attempt is
refused calmly and audited, and nothing else changes (portal/services/delegation.py).

Every attempt runs on its own database connection in its own thread, released together by a
barrier, against the file-based SQLite database and against PostgreSQL when configured."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import clock
from portal.extensions import db
from portal.models import AuditEvent, Fuldmagt, FuldmagtEvent, Notification
from portal.services import delegation
from portal.services.errors import DomainError
from tests.functional.delegation_support import fuldmagt_of
from tests.helpers import csrf_token, date_fields, login

RACERS = 4
BIRGIT = {"holder_name": "Birgit Holm", "holder_identifier": "990101-3002"}


def _run_together(work, count: int) -> list:
    """Run `work()` in `count` threads released at the same moment; their results."""
    barrier = threading.Barrier(count)
    results: list = []
    lock = threading.Lock()

    def attempt() -> None:
        result = work(barrier)
        with lock:
            results.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _state(read_db, citizen_id: int, holder_id: int):
    """This pair's fuldmagter (id, scopes), and the other rows a grant writes: the number of
    history entries, and what the messages are about (a receipt and a notice)."""

    def read(session):
        pair = session.execute(
            select(Fuldmagt.id, Fuldmagt.scopes).where(
                Fuldmagt.citizen_id == citizen_id, Fuldmagt.holder_id == holder_id
            )
        ).all()
        events = session.scalar(select(func.count()).select_from(FuldmagtEvent))
        keys = {":".join(k.split(":")[:3]) for k in session.scalars(select(Notification.event_key))}
        return [tuple(row) for row in pair], (events, keys)

    return read_db(read)


def _only_one_grant_happened(read_db, citizen_id, holder_id, before) -> tuple[int, str]:
    pair, (events, keys) = _state(read_db, citizen_id, holder_id)
    assert len(pair) == 1, pair
    (granted, scopes) = pair[0]
    assert events == before[0] + 1
    # messages only about the one grant (none when the demo people have no contact details)
    assert keys - before[1] <= {f"fuldmagt:{granted}:granted"}
    return granted, scopes


def test_grants_at_once_through_the_service_give_one_fuldmagt(app, read_db, demo_data):
    hanne, birgit = demo_data["Hanne"], demo_data["Birgit"]
    assert _state(read_db, hanne, birgit)[0] == []
    before = _state(read_db, hanne, birgit)[1]

    def work(barrier):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                try:
                    delegation.grant(
                        db.session,
                        citizen_id=hanne,
                        holder_id=birgit,
                        scopes=["se"],
                        ends_on=clock.today() + timedelta(days=30),
                        today=clock.today(),
                        now=clock.now(),
                    )
                    db.session.commit()
                    return "granted"
                except DomainError as error:
                    db.session.rollback()
                    return error.code
                except Exception as error:  # anything else fails the test
                    db.session.rollback()
                    return f"error: {error!r}"
            finally:
                db.session.remove()

    results = _run_together(work, RACERS)
    assert sorted(results) == ["already_holds"] * (RACERS - 1) + ["granted"], results
    _only_one_grant_happened(read_db, hanne, birgit, before)


def test_grants_pressed_at_once_in_two_browsers_give_one_and_refuse_the_other(
    app, read_db, demo_data
):
    hanne, birgit = demo_data["Hanne"], demo_data["Birgit"]
    before = _state(read_db, hanne, birgit)[1]
    audit_before = read_db(lambda s: s.scalar(select(func.max(AuditEvent.id)))) or 0
    browsers = []
    for _ in range(RACERS):
        browser = app.test_client()
        login(browser, "demo-hanne")
        form = browser.get("/fuldmagt/ny")
        terms = {
            "csrf_token": csrf_token(form),
            **BIRGIT,
            "scopes": ["se", "booke"],
            **date_fields("ends_on", clock.today() + timedelta(days=90)),
            "bekraeft": "1",
        }
        browsers.append((browser, terms))
    queue = list(browsers)
    taken = threading.Lock()

    def work(barrier):
        with taken:
            browser, terms = queue.pop()
        barrier.wait(timeout=30)
        response = browser.post("/fuldmagt/ny", data=terms)
        return response.status_code, response.get_data(as_text=True)

    answers = _run_together(work, RACERS)
    statuses = sorted(status for status, _ in answers)
    assert statuses == [302] + [400] * (RACERS - 1), statuses
    for status, body in answers:
        if status == 400:
            assert "Personen har allerede en fuldmagt fra dig." in body
    assert _only_one_grant_happened(read_db, hanne, birgit, before)[1] == "booke,se"
    rows = read_db(
        lambda s: [
            (e.action, e.outcome, e.detail)
            for e in s.scalars(
                select(AuditEvent).where(AuditEvent.id > audit_before).order_by(AuditEvent.id)
            )
            if e.action == "fuldmagt.grant"
        ]
    )
    assert sorted(outcome for _, outcome, _ in rows) == ["allowed"] + ["refused"] * (RACERS - 1)
    assert [d for _, o, d in rows if o == "refused"] == ["already_holds"] * (RACERS - 1)


def test_a_grant_whose_transaction_read_before_the_other_committed_is_refused_calmly(
    client, read_db, demo_data, monkeypatch
):
    """The request's transaction has already read when another grant for the same pair commits.
    SQLite cannot let such a transaction write ("database is locked" at once, however long it
    would wait): the unit of work answers the calm 409 "conflict". PostgreSQL reads what was
    committed at each statement, so the check itself finds the other fuldmagt."""
    hanne, birgit = demo_data["Hanne"], demo_data["Birgit"]
    before = _state(read_db, hanne, birgit)[1]
    audit_before = read_db(lambda s: s.scalar(select(func.max(AuditEvent.id)))) or 0
    login(client, "demo-hanne")
    form = client.get("/fuldmagt/ny")
    find_holder = delegation.find_holder

    def read_then_lose_the_race(session, *args):
        found = find_holder(session, *args)
        raw = session.connection().connection.dbapi_connection
        if session.get_bind().dialect.name == "sqlite" and not raw.in_transaction:
            raw.execute("BEGIN")  # as if something had opened the transaction before
        session.execute(select(Fuldmagt.id)).all()  # the transaction has read
        with Session(db.engine) as other:  # the other press, on its own connection
            delegation.grant(
                other,
                citizen_id=hanne,
                holder_id=birgit,
                scopes=["se"],
                ends_on=clock.today(),
                today=clock.today(),
                now=clock.now(),
            )
            other.commit()
        return found

    monkeypatch.setattr(delegation, "find_holder", read_then_lose_the_race)
    response = client.post(
        "/fuldmagt/ny",
        data={
            "csrf_token": csrf_token(form),
            **BIRGIT,
            "scopes": ["se", "booke"],
            **date_fields("ends_on", clock.today() + timedelta(days=90)),
            "bekraeft": "1",
        },
    )
    sqlite = read_db(lambda s: s.get_bind().dialect.name) == "sqlite"
    body = response.get_data(as_text=True)
    if sqlite:
        assert response.status_code == 409
        assert "Nogen nåede at ændre det samme lige før dig. Der er ikke ændret noget." in body
    else:
        assert response.status_code == 400
        assert "Personen har allerede en fuldmagt fra dig." in body
    assert _only_one_grant_happened(read_db, hanne, birgit, before)[1] == "se"  # the other's
    rows = read_db(
        lambda s: [
            (e.action, e.outcome, e.detail)
            for e in s.scalars(select(AuditEvent).where(AuditEvent.id > audit_before))
            if e.action == "fuldmagt.grant"
        ]
    )
    assert rows == [("fuldmagt.grant", "refused", "conflict" if sqlite else "already_holds")]


def _events_of(read_db, fuldmagt_id: int) -> list[str]:
    return read_db(
        lambda s: list(
            s.scalars(
                select(FuldmagtEvent.kind)
                .where(FuldmagtEvent.fuldmagt_id == fuldmagt_id)
                .order_by(FuldmagtEvent.id)
            )
        )
    )


def test_a_change_or_revocation_sent_several_times_at_once_is_done_once(app, read_db, demo_data):
    """A double click that reaches the server as simultaneous requests: each finds what the first
    did, so the history says it once (as for one sent twice in a row), and nobody sees an error."""
    mads = fuldmagt_of(read_db, demo_data["Mads"])
    ends_on = read_db(lambda s: s.get(Fuldmagt, mads).ends_on)
    before = _events_of(read_db, mads)
    narrower = {"scopes": ["se"], **date_fields("ends_on", ends_on), "bekraeft": "1"}
    posts = []
    for _ in range(RACERS):
        browser = app.test_client()
        login(browser, "demo-hanne")
        token = csrf_token(browser.get(f"/fuldmagt/{mads}/aendr"))
        posts.append((browser, f"/fuldmagt/{mads}/aendr", {"csrf_token": token, **narrower}))
    queue = list(posts)
    taken = threading.Lock()

    def work(barrier):
        with taken:
            browser, path, data = queue.pop()
        barrier.wait(timeout=30)
        return browser.post(path, data=data).status_code

    assert _run_together(work, RACERS) == [302] * RACERS
    assert _events_of(read_db, mads)[len(before) :] == ["changed"]
    assert read_db(lambda s: s.get(Fuldmagt, mads).scopes) == "se"

    queue = [
        (browser, f"/fuldmagt/{mads}/tilbagekald", {"csrf_token": d["csrf_token"]})
        for browser, _, d in posts
    ]
    assert _run_together(work, RACERS) == [302] * RACERS
    assert _events_of(read_db, mads)[len(before) :] == ["changed", "revoked"]
