"""Reading conversations: windows, exemptions, free slots and the citizen's bookings. Changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import Integer, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, contains_eager, joinedload

from portal import clock
from portal.models import (
    Booking,
    BookingStatus,
    CallbackRequest,
    DeadlineWindow,
    Exemption,
    Person,
    Slot,
)
from portal.models.types import UTCDateTime
from portal.services.booking.rules import window_bounds
from portal.services.errors import NotFound


def is_exempted(session: Session, citizen_id: int) -> bool:
    latest = latest_exemption(session, citizen_id)
    return bool(latest and latest.exempted)


def latest_exemption(session: Session, citizen_id: int) -> Exemption | None:
    return session.scalar(
        select(Exemption)
        .where(Exemption.citizen_id == citizen_id)
        .order_by(Exemption.at.desc(), Exemption.id.desc())
        .limit(1)
    )


def open_window(session: Session, citizen_id: int, today: date) -> DeadlineWindow | None:
    """The deadline window that is open now (the newest one that has not closed)."""
    return session.scalar(
        select(DeadlineWindow)
        .where(DeadlineWindow.citizen_id == citizen_id, DeadlineWindow.closes_on >= today)
        .order_by(DeadlineWindow.created_at.desc(), DeadlineWindow.id.desc())
        .limit(1)
    )


@cache
def _active_on_slot():
    # Built once per process: making the alias and the clause again on every request cost more
    # than running the query (the statement itself never changes).
    other = aliased(Booking)
    return exists().where(other.slot_id == Slot.id, other.status == BookingStatus.ACTIVE)


def free_slots(
    session: Session, citizen: Person, window: DeadlineWindow, now: datetime
) -> list[Slot]:
    """Free future slots of the citizen's caseworker inside the window, the nearest first."""
    if citizen.caseworker_id is None:
        return []
    start, end = window_bounds(window)
    return list(
        session.scalars(
            select(Slot)
            .where(
                Slot.caseworker_id == citizen.caseworker_id,
                Slot.starts_at >= start,
                Slot.starts_at < end,
                Slot.starts_at > now,
                ~_active_on_slot(),
            )
            .order_by(Slot.starts_at, Slot.id)
        )
    )


def booking_of(session: Session, citizen_id: int, booking_id: int | None) -> Booking:
    """The booking, only if it is this citizen's (NotFound for anything else, also no id)."""
    found = (
        session.scalar(
            select(Booking).where(Booking.id == booking_id, Booking.citizen_id == citizen_id)
        )
        if booking_id is not None
        else None
    )
    if found is None:
        raise NotFound("booking")
    return found


def held_booking(session: Session, citizen_id: int, slot_id: int) -> Booking | None:
    """The citizen's active booking of this slot, if they hold it (a replayed form)."""
    return session.scalar(
        select(Booking).where(
            Booking.citizen_id == citizen_id,
            Booking.slot_id == slot_id,
            Booking.status == BookingStatus.ACTIVE,
        )
    )


def booking_made_by(
    session: Session, citizen_id: int, slot_id: int | None, rebooking: Booking | None
) -> Booking | None:
    """The booking a confirmed choice already made: the citizen's active booking of the slot, or
    where the moved booking went. None while the choice is still to be confirmed."""
    if slot_id is None:
        return None
    if rebooking is None:
        return held_booking(session, citizen_id, slot_id)
    moved = rebooking.replaced_by
    if rebooking.status != BookingStatus.ACTIVE and moved is not None and moved.slot_id == slot_id:
        return moved
    return None


def active_in_window(session: Session, citizen_id: int, window_id: int) -> Booking | None:
    return session.scalar(
        select(Booking).where(
            Booking.citizen_id == citizen_id,
            Booking.window_id == window_id,
            Booking.status == BookingStatus.ACTIVE,
        )
    )


def slot_holder(session: Session, slot_id: int) -> int | None:
    """The citizen holding the slot by an active booking, if anyone does."""
    return session.scalar(
        select(Booking.citizen_id).where(
            Booking.slot_id == slot_id, Booking.status == BookingStatus.ACTIVE
        )
    )


UPCOMING_SHOWN = 20
PAST_SHOWN = 10


@dataclass(frozen=True)
class Conversations:
    upcoming: list[Booking]  # soonest first, at most UPCOMING_SHOWN
    past: list[Booking]  # newest first, at most PAST_SHOWN (older than `before` when given)
    older: bool = False  # more past conversations follow the last one shown
    before: int | None = None  # the booking the past list continues after (a later page)

    def in_window(self, window: DeadlineWindow | None) -> Booking | None:
        """The active booking in the window (what `active_in_window` reads), from these rows;
        on the first page, where the newest conversations are all read."""
        if window is None:
            return None
        return next((b for b in self.upcoming + self.past if b.window_id == window.id), None)


def conversations(
    session: Session, citizen_id: int, now: datetime, before: int | None = None
) -> Conversations:
    """The citizen's active conversations: the coming ones (soonest first) and the newest past
    ones (newest first; with `before`, the ones older than that booking), each list bounded,
    read in one query (a row number per list, counted in the database)."""
    coming = Slot.ends_at > now
    rows = (
        select(
            Booking.id,
            coming.label("coming"),
            func.row_number()
            .over(partition_by=coming, order_by=(Slot.starts_at, Booking.id))
            .label("soonest"),
            func.row_number()
            .over(partition_by=coming, order_by=(Slot.starts_at.desc(), Booking.id.desc()))
            .label("newest"),
        )
        .join(Slot, Booking.slot_id == Slot.id)
        .where(Booking.citizen_id == citizen_id, Booking.status == BookingStatus.ACTIVE)
    )
    if before is not None:
        mark = aliased(Booking)
        marked_start = (
            select(Slot.starts_at)
            .join(mark, mark.slot_id == Slot.id)
            .where(mark.id == before, mark.citizen_id == citizen_id)
            .scalar_subquery()
        )
        rows = rows.where(or_(coming, Slot.starts_at < marked_start))
    ranked = rows.subquery()
    found = session.scalars(
        select(Booking)
        .join(ranked, ranked.c.id == Booking.id)
        .join(Slot, Booking.slot_id == Slot.id)
        .where(
            or_(
                and_(ranked.c.coming, ranked.c.soonest <= UPCOMING_SHOWN),
                and_(~ranked.c.coming, ranked.c.newest <= PAST_SHOWN + 1),
            )
        )
        .options(contains_eager(Booking.slot).joinedload(Slot.caseworker))
        .order_by(Slot.starts_at, Booking.id)
    ).all()
    upcoming = [b for b in found if b.slot.ends_at > now]
    past = [b for b in found if b.slot.ends_at <= now]
    past.reverse()
    return Conversations(
        upcoming=upcoming,
        past=past[:PAST_SHOWN],
        older=len(past) > PAST_SHOWN,
        before=before,
    )


ENDED_SHOWN = 10


def ended_conversations(
    session: Session, citizen_id: int, limit: int = ENDED_SHOWN
) -> list[Booking]:
    """The citizen's latest cancelled and moved bookings (newest change first), with who ended
    them and where a moved one went, in one query (each booking has one of each)."""
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.citizen_id == citizen_id, Booking.status != BookingStatus.ACTIVE)
            .options(
                joinedload(Booking.slot).joinedload(Slot.caseworker),
                joinedload(Booking.ended_by),
                joinedload(Booking.replaced_by).joinedload(Booking.slot),
            )
            .order_by(Booking.ended_at.desc(), Booking.id.desc())
            .limit(limit)
        )
    )


def replaced_booking(session: Session, booking_id: int) -> Booking | None:
    """The booking that was moved to this one, if it was a move."""
    return session.scalar(select(Booking).where(Booking.replaced_by_id == booking_id).limit(1))


def callback_in_window(session: Session, citizen_id: int, window_id: int) -> CallbackRequest | None:
    return session.scalar(
        select(CallbackRequest).where(
            CallbackRequest.citizen_id == citizen_id, CallbackRequest.window_id == window_id
        )
    )


def slot_by_id(session: Session, slot_id: int | None) -> Slot | None:
    return session.get(Slot, slot_id) if slot_id is not None else None


@cache
def _caseworker_free(limited: bool):
    # Built once per process and run with named parameters (the staff conversation page reads it
    # on every view that can summon): building it again cost more CPU than running it.
    query = (
        select(Slot)
        .where(
            Slot.caseworker_id == bindparam("caseworker_id", type_=Integer),
            Slot.starts_at > bindparam("now", type_=UTCDateTime()),
            ~_active_on_slot(),
        )
        .order_by(Slot.starts_at, Slot.id)
    )
    return query.limit(bindparam("limit", type_=Integer)) if limited else query


def caseworker_free_slots(
    session: Session, caseworker_id: int, now: datetime, limit: int | None = None
) -> list[Slot]:
    """The caseworker's free future slots, the nearest first (the first `limit` of them)."""
    parameters = {"caseworker_id": caseworker_id, "now": now}
    if limit is not None:
        parameters["limit"] = limit
    return list(session.scalars(_caseworker_free(limit is not None), parameters))


@dataclass(frozen=True)
class SlotWeek:
    monday: date  # the week shown, Monday to Sunday (Danish days)
    slots: list[Slot]  # the caseworker's slots in it that have not started, in time order
    earlier: bool  # the week before still has slots that have not started
    later: bool  # later weeks have slots

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def before(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def after(self) -> date:
        return self.monday + timedelta(days=7)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def caseworker_week(
    session: Session, caseworker_id: int, now: datetime, monday: date | None = None
) -> SlotWeek:
    """The caseworker's coming slots one week at a time (a caseworker publishes months ahead;
    the page shows a week, never all of them): this week unless `monday` names a later one."""
    this_week = monday_of(clock.local(now).date())
    monday = max(monday_of(monday), this_week) if monday else this_week
    start = max(clock.at_local(monday, 0), now)
    end = clock.at_local(monday + timedelta(days=7), 0)
    mine = Slot.caseworker_id == caseworker_id
    slots = list(
        session.scalars(
            select(Slot)
            .where(mine, Slot.starts_at > start, Slot.starts_at < end)
            .order_by(Slot.starts_at, Slot.id)
        )
    )
    later = session.scalar(select(exists().where(mine, Slot.starts_at >= end)))
    return SlotWeek(monday=monday, slots=slots, earlier=monday > this_week, later=bool(later))


def active_bookings_on(session: Session, slot_ids: list[int]) -> list[Booking]:
    if not slot_ids:
        return []
    return list(
        session.scalars(
            select(Booking).where(
                Booking.slot_id.in_(slot_ids), Booking.status == BookingStatus.ACTIVE
            )
        )
    )
