"""A slot can never be double-booked (ASVS 5.0, 2.3.4), also when many people press at once.

Every attempt runs on its own database connection in its own thread, released together by a
barrier, against the file-based SQLite database and against PostgreSQL when configured.
"""

from __future__ import annotations

import threading

from sqlalchemy import select

from portal import clock
from portal.demo import booking as demo_booking
from portal.extensions import db
from portal.models import Booking, BookingStatus, Person
from portal.services import booking as bookings
from tests.helpers import csrf_token, login

RACERS = 20


def _setup(app, count: int):
    """`count` citizens of Anders racing for one slot in their window; returns (ids, slot id)."""
    with app.app_context():
        anders = db.session.scalar(select(Person).where(Person.first_name == "Anders"))
        racers = demo_booking.add_contenders(db.session, count, anders, clock.today())
        window = bookings.open_window(db.session, racers[0].id, clock.today())
        slot = bookings.free_slots(db.session, racers[0], window, clock.now())[-1]
        db.session.commit()
        result = [p.id for p in racers], slot.id
        db.session.remove()
    return result


def _active_on(read_db, slot_id):
    return read_db(
        lambda s: s.scalars(
            select(Booking).where(
                Booking.slot_id == slot_id, Booking.status == BookingStatus.ACTIVE
            )
        ).all()
    )


def test_twenty_concurrent_service_calls_book_the_slot_once(app, demo_data, read_db):
    racer_ids, slot_id = _setup(app, RACERS)
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(citizen_id: int) -> None:
        with app.app_context():
            try:
                citizen = db.session.get(Person, citizen_id)
                db.session.commit()  # hand the connection back: the pool is smaller than 20
                barrier.wait(timeout=30)
                try:
                    bookings.book(
                        db.session,
                        citizen,
                        slot_id,
                        "telefon",
                        None,
                        actor_id=citizen_id,
                        now=clock.now(),
                    )
                    db.session.commit()
                    outcome = "booked"
                except bookings.SlotTaken:
                    db.session.rollback()
                    outcome = "taken"
                except Exception as error:  # anything else is a failure of the test
                    db.session.rollback()
                    outcome = f"error: {error!r}"
            finally:
                db.session.remove()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(cid,)) for cid in racer_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["booked"] + ["taken"] * (RACERS - 1), outcomes
    assert len(_active_on(read_db, slot_id)) == 1


def test_twenty_concurrent_browsers_book_the_slot_once_and_losers_see_free_times(
    app, demo_data, read_db
):
    racer_ids, slot_id = _setup(app, RACERS)
    clients = []
    for number in range(RACERS):
        client = app.test_client()
        login(client, f"contender-{number}")
        page = client.get(f"/samtaler/book/detaljer?tid={slot_id}")
        assert page.status_code == 200
        clients.append((client, csrf_token(page)))
    barrier = threading.Barrier(RACERS)
    answers: list[tuple[int, str]] = []
    lock = threading.Lock()

    def attempt(client, token) -> None:
        barrier.wait(timeout=30)
        response = client.post(
            "/samtaler/book/bekraeft",
            data={
                "csrf_token": token,
                "slot": slot_id,
                "rebook": "",
                "form": "telefon",
                "note": "",
            },
        )
        with lock:
            answers.append((response.status_code, response.get_data(as_text=True)))

    threads = [threading.Thread(target=attempt, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [a for a in answers if a[0] == 302]
    losers = [a for a in answers if a[0] == 409]
    assert len(winners) == 1 and len(losers) == RACERS - 1, [a[0] for a in answers]
    for _, body in losers:
        assert "Tiden er lige blevet taget" in body
        assert 'name="tid"' in body  # the fresh list of free times to choose from
        assert f'value="{slot_id}"' not in body
    booked = _active_on(read_db, slot_id)
    assert len(booked) == 1 and booked[0].citizen_id in racer_ids


def test_one_citizen_pressing_many_times_at_once_gets_one_booking_every_time(
    app, demo_data, read_db
):
    """A double click that reaches the server as simultaneous requests: whichever INSERT loses
    finds the winner's booking (the citizen's own) and returns it instead of refusing."""
    presses = 8
    (citizen_id,), slot_id = _setup(app, 1)
    barrier = threading.Barrier(presses)
    outcomes: list[object] = []
    lock = threading.Lock()

    def attempt() -> None:
        with app.app_context():
            try:
                citizen = db.session.get(Person, citizen_id)
                db.session.commit()
                barrier.wait(timeout=30)
                try:
                    made = bookings.book(
                        db.session,
                        citizen,
                        slot_id,
                        "telefon",
                        None,
                        actor_id=citizen_id,
                        now=clock.now(),
                    )
                    outcome = made.id
                    db.session.commit()
                except Exception as error:
                    db.session.rollback()
                    outcome = f"error: {error!r}"
            finally:
                db.session.remove()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(presses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    booked = _active_on(read_db, slot_id)
    assert len(booked) == 1 and booked[0].citizen_id == citizen_id
    assert outcomes == [booked[0].id] * presses, outcomes
