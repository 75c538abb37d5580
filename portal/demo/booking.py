"""Demo conversations: Sofie books her own, Jens is exempted and summoned, Hanne (or Mads for
her) books one before her meeting, Gitte asked the job centre to book for her.

Anders and Rikke publish slots on the coming working days. Sofie has an open deadline window
with free slots and two past conversations; Jens is exempted with a summons and needs a sign
language interpreter; Gitte has a window and a "Jeg kan ikke booke selv" request that waits on
Rikke's worklist. Dates are relative to today and skip weekends and holidays. Running it again
rebuilds these rows for the demo people.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from portal import clock
from portal.models import (
    Booking,
    BookingHelpRequest,
    BookingKind,
    BookingStatus,
    CallbackRequest,
    DeadlineWindow,
    Exemption,
    Person,
    Slot,
)
from portal.org import DEMO, Organisation
from portal.services.working_days import is_working_day

TIMES = ((9, 0), (9, 30), (10, 0), (10, 30), (13, 0))
ALL_FORMS = "fremmoede,telefon,video"


def working_days(start: date, count: int, step: int = 1) -> list[date]:
    """`count` working days (holidays skipped) from `start` (excluded) forwards (step 1) or
    backwards (step -1)."""
    days, day = [], start
    while len(days) < count:
        day += timedelta(days=step)
        if is_working_day(day):
            days.append(day)
    return days


def _wipe(session: Session, citizens: list[int], caseworkers: list[int]) -> None:
    slots = select(Slot.id).where(Slot.caseworker_id.in_(caseworkers))
    session.execute(delete(BookingHelpRequest).where(BookingHelpRequest.citizen_id.in_(citizens)))
    session.execute(
        delete(Booking).where(or_(Booking.citizen_id.in_(citizens), Booking.slot_id.in_(slots)))
    )
    session.execute(delete(CallbackRequest).where(CallbackRequest.citizen_id.in_(citizens)))
    session.execute(delete(DeadlineWindow).where(DeadlineWindow.citizen_id.in_(citizens)))
    session.execute(delete(Exemption).where(Exemption.citizen_id.in_(citizens)))
    session.execute(delete(Slot).where(Slot.caseworker_id.in_(caseworkers)))
    session.flush()


def place(org: Organisation) -> str:
    """Where the demo conversations in person take place: the job centre's address."""
    return f"{org.jobcenter}, {org.address}, 1. sal"


def _slot(caseworker: Person, day: date, hour: int, minute: int, place: str) -> Slot:
    starts = clock.at_local(day, hour, minute)
    return Slot(
        caseworker_id=caseworker.id,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        forms=ALL_FORMS,
        place=place,
        created_at=clock.at_local(day - timedelta(days=21), 8),
    )


def _past_booking(session, citizen, caseworker, day, kind, form, topic, place, note=None) -> None:
    slot = _slot(caseworker, day, 10, 0, place)
    session.add(slot)
    session.flush()
    session.add(
        Booking(
            slot_id=slot.id,
            citizen_id=citizen.id,
            kind=kind,
            status=BookingStatus.ACTIVE,
            form=form,
            topic=topic,
            note=note,
            booked_by_id=citizen.id if kind == BookingKind.SELF else caseworker.id,
            booked_at=clock.at_local(day - timedelta(days=7), 12),
        )
    )


def load(
    session: Session, today: date, people: dict[str, Person], org: Organisation = DEMO
) -> None:
    sofie, jens, hanne = people["Sofie"], people["Jens"], people["Hanne"]
    anders, rikke = people["Anders"], people["Rikke"]
    _wipe(session, [sofie.id, jens.id, hanne.id, people["Gitte"].id], [anders.id, rikke.id])

    # Published slots for the next two working weeks.
    coming = working_days(today, 10)
    for caseworker in (anders, rikke):
        for day in coming:
            for hour, minute in TIMES:
                session.add(_slot(caseworker, day, hour, minute, place(org)))
    session.flush()

    # Sofie: an open window of two working weeks, free slots in it, two past conversations.
    session.add(
        DeadlineWindow(
            citizen_id=sofie.id,
            opened_by_id=anders.id,
            opens_on=coming[0],
            closes_on=coming[-1],
            topic="Opfølgningssamtale",
            change_cutoff_hours=24,
            created_at=clock.at_local(today - timedelta(days=3), 9),
        )
    )
    # Hanne: a conversation before her rehabilitation meeting; Mads (fuldmagt: se + booke) may
    # book it for her.
    session.add(
        DeadlineWindow(
            citizen_id=hanne.id,
            opened_by_id=anders.id,
            opens_on=coming[0],
            closes_on=coming[4],
            topic="Samtale før dit rehabiliteringsmøde",
            change_cutoff_hours=24,
            created_at=clock.at_local(today - timedelta(days=2), 9),
        )
    )
    before = working_days(today, 40, step=-1)
    _past_booking(
        session,
        sofie,
        anders,
        before[9],
        BookingKind.SELF,
        "telefon",
        "Opfølgningssamtale",
        place(org),
    )
    _past_booking(
        session,
        sofie,
        anders,
        before[29],
        BookingKind.SELF,
        "fremmoede",
        "Første opfølgningssamtale",
        place(org),
        note="Jeg tager min bisidder med.",
    )

    # Jens: exempted after his heart operation, summoned by Rikke.
    session.add(
        Exemption(
            citizen_id=jens.id,
            exempted=True,
            reason="Jens er lige blevet opereret i hjertet. Jobcentret booker for ham indtil videre.",
            actor_id=rikke.id,
            at=clock.at_local(today - timedelta(days=20), 10),
        )
    )
    summons_slot = session.scalar(
        select(Slot).where(
            Slot.caseworker_id == rikke.id, Slot.starts_at == clock.at_local(coming[2], 10, 0)
        )
    )
    session.add(
        Booking(
            slot_id=summons_slot.id,
            citizen_id=jens.id,
            kind=BookingKind.SUMMONS,
            status=BookingStatus.ACTIVE,
            form="fremmoede",
            topic="Opfølgningssamtale",
            interpreter_language="dansk tegnsprog",
            booked_by_id=rikke.id,
            booked_at=clock.at_local(today - timedelta(days=2), 11),
        )
    )
    _past_booking(
        session,
        jens,
        rikke,
        before[14],
        BookingKind.SUMMONS,
        "fremmoede",
        "Opfølgningssamtale",
        place(org),
    )
    _gitte_asks_for_help(session, people["Gitte"], rikke, today, coming)
    session.flush()


def _gitte_asks_for_help(session, gitte, rikke, today, coming) -> None:
    """Gitte has a deadline window and asked the job centre to book for her: it waits on
    Rikke's worklist, and Gitte's /samtaler shows the request's status."""
    window = DeadlineWindow(
        citizen_id=gitte.id,
        opened_by_id=rikke.id,
        opens_on=coming[0],
        closes_on=coming[7],
        topic="Opfølgningssamtale",
        change_cutoff_hours=24,
        created_at=clock.at_local(today - timedelta(days=4), 9),
    )
    session.add(window)
    session.flush()
    session.add(
        BookingHelpRequest(
            citizen_id=gitte.id,
            window_id=window.id,
            reason="no_computer",
            note="Jeg har svært ved at bruge computeren. Ring gerne om formiddagen.",
            requested_by_id=gitte.id,
            at=clock.at_local(today - timedelta(days=1), 10, 15),
        )
    )


def add_contenders(
    session: Session, count: int, caseworker: Person, today: date, prefix: str = "contender"
) -> list[Person]:
    """Extra citizens of one caseworker, each with the same open window: for contention tests
    and the booking benchmark (many people racing for few slots). Not part of the demo."""
    first, last = working_days(today, 10)[0], working_days(today, 10)[-1]
    people = []
    for number in range(count):
        person = Person(
            subject=f"{prefix}-{number}",
            kind="citizen",
            first_name=f"Borger{number}",
            last_name="Test",
            caseworker_id=caseworker.id,
        )
        session.add(person)
        people.append(person)
    session.flush()
    for person in people:
        session.add(
            DeadlineWindow(
                citizen_id=person.id,
                opened_by_id=caseworker.id,
                opens_on=first,
                closes_on=last,
                topic="Opfølgningssamtale",
                change_cutoff_hours=24,
                created_at=clock.now(),
            )
        )
    session.flush()
    return people
