"""Storing a booking: the database decides who gets a slot when requests race.

A partial unique index allows one active booking per slot and one per citizen and window. The
INSERT runs in a savepoint; when another request won, only the savepoint is undone and the loser
gets `SlotTaken`, with the session still usable to look at what won.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.models import Booking
from portal.services.booking.rules import SlotTaken


def insert_booking(session: Session, booking: Booking) -> Booking:
    try:
        with session.begin_nested():
            session.add(booking)
    except IntegrityError as error:
        raise SlotTaken() from error
    return booking
