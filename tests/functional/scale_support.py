"""More of everything around the demo people, to show a page's statement count does not grow
with the data: slots, bookings (upcoming, past, cancelled), outcomes with versions and receipts,
plan efforts and changes, consent and participation records, fuldmagter, citizens in the
caseworker's caseload, deadline windows with call-me requests, and audit rows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal import clock
from portal.models import (
    AuditEvent,
    Booking,
    BookingKind,
    BookingStatus,
    CallbackRequest,
    ConsentRecord,
    DeadlineWindow,
    Effort,
    Fuldmagt,
    FuldmagtEvent,
    Meeting,
    Outcome,
    OutcomeReceipt,
    OutcomeVersion,
    ParticipationRecord,
    Person,
    Plan,
    PlanChange,
    Slot,
)

FORMS = "fremmoede,telefon,video"


def _slot(caseworker_id: int, starts, created) -> Slot:
    return Slot(
        caseworker_id=caseworker_id,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        forms=FORMS,
        place="Torvet 1",
        created_at=created,
    )


def grow(session, subject: str = "demo-hanne", n: int = 50) -> None:
    """Add `n` of each kind of row around the citizen `subject` and their caseworker."""
    now = clock.now()
    today = clock.today()
    citizen = session.scalar(select(Person).where(Person.subject == subject))
    worker_id = citizen.caseworker_id
    others = []
    for i in range(n):
        other = Person(
            subject=f"grown-{subject}-{i}",
            kind="citizen",
            first_name=f"Hanna{i}",
            last_name="Vækstsen",
            caseworker_id=worker_id,
            course="jobafklaring",
        )
        holder = Person(
            subject=f"grown-holder-{subject}-{i}",
            kind="relative",
            first_name=f"Kim{i}",
            last_name="Holdersen",
        )
        session.add_all([other, holder])
        others.append((other, holder))
    session.flush()
    meeting = session.scalar(select(Meeting).where(Meeting.citizen_id == citizen.id))
    plan = session.scalar(select(Plan).where(Plan.citizen_id == citizen.id))
    seq_consent = (
        len(
            session.scalars(
                select(ConsentRecord.id).where(ConsentRecord.meeting_id == meeting.id)
            ).all()
        )
        if meeting
        else 0
    )
    seq_part = (
        len(
            session.scalars(
                select(ParticipationRecord.id).where(ParticipationRecord.meeting_id == meeting.id)
            ).all()
        )
        if meeting
        else 0
    )
    for i, (other, holder) in enumerate(others):
        # Slots far ahead (free, and booked by someone else), and past ones Hanne had.
        free = _slot(worker_id, now + timedelta(days=40 + i, hours=1), now)
        taken = _slot(worker_id, now + timedelta(days=40 + i, hours=2), now)
        past = _slot(worker_id, now - timedelta(days=200 + i), now - timedelta(days=300))
        cancelled = _slot(
            worker_id, now - timedelta(days=100 + i, hours=3), now - timedelta(days=300)
        )
        session.add_all([free, taken, past, cancelled])
        session.flush()
        window = DeadlineWindow(
            citizen_id=citizen.id,
            opened_by_id=worker_id,
            opens_on=today - timedelta(days=400 + i),
            closes_on=today - timedelta(days=390 + i),
            topic="Opfølgningssamtale",
            created_at=now - timedelta(days=400 + i),
        )
        session.add(window)
        session.flush()
        session.add_all(
            [
                Booking(
                    slot_id=taken.id,
                    citizen_id=other.id,
                    kind=BookingKind.SELF,
                    status=BookingStatus.ACTIVE,
                    form="telefon",
                    topic="Samtale",
                    booked_by_id=other.id,
                    booked_at=now,
                ),
                Booking(
                    slot_id=past.id,
                    citizen_id=citizen.id,
                    kind=BookingKind.SUMMONS,
                    status=BookingStatus.ACTIVE,
                    form="telefon",
                    topic="Samtale",
                    booked_by_id=worker_id,
                    booked_at=now - timedelta(days=300),
                ),
                Booking(
                    slot_id=cancelled.id,
                    citizen_id=citizen.id,
                    kind=BookingKind.SELF,
                    status=BookingStatus.CANCELLED,
                    form="telefon",
                    topic="Samtale",
                    booked_by_id=citizen.id,
                    booked_at=now - timedelta(days=300),
                    ended_at=now - timedelta(days=150 + i),
                    ended_by_id=citizen.id,
                    cancel_reason="Syg",
                ),
                CallbackRequest(
                    citizen_id=citizen.id,
                    window_id=window.id,
                    requested_by_id=citizen.id,
                    at=now - timedelta(days=395 + i),
                    handled_at=now - timedelta(days=394 + i),
                    handled_by_id=worker_id,
                ),
            ]
        )
        outcome = Outcome(
            citizen_id=citizen.id,
            kind="indstilling",
            created_at=now - timedelta(days=500 + i),
            created_by_id=worker_id,
        )
        session.add(outcome)
        session.flush()
        for number in (1, 2):
            version = OutcomeVersion(
                outcome_id=outcome.id,
                number=number,
                title=f"Indstilling {i}",
                decided="Teamet anbefaler et forløb.",
                meaning="Det betyder, at du får hjælp.",
                next_steps="Vi ringer.",
                if_you_disagree="Ring til os.",
                formal_text="Indstilling.",
                decision_date=today - timedelta(days=500 + i),
                correction_note="Rettet dato." if number == 2 else None,
                decision_expected=today - timedelta(days=480 + i),
                author_id=worker_id,
                created_at=now - timedelta(days=500 + i),
                published_at=now - timedelta(days=500 + i - number),
                published_by_id=worker_id,
            )
            session.add(version)
            session.flush()
            session.add(
                OutcomeReceipt(
                    version_id=version.id,
                    reader_id=citizen.id,
                    read_at=now - timedelta(days=490 + i - number),
                )
            )
        if plan is not None:
            effort = Effort(
                plan_id=plan.id,
                title=f"Afsluttet kursus {i}",
                meaning="Et kursus, der er slut.",
                department="education",
                law="beskaeftigelsesloven",
                payer="municipality",
                status="done",
                start_date=today - timedelta(days=700 + i),
                end_date=today - timedelta(days=650 + i),
            )
            session.add(effort)
            session.flush()
            session.add(
                PlanChange(
                    plan_id=plan.id,
                    effort_id=effort.id,
                    at=now - timedelta(days=700 + i),
                    kind="effort_added",
                    actor_id=worker_id,
                    department="education",
                    effort_title=effort.title,
                )
            )
        if meeting is not None:
            session.add(
                ConsentRecord(
                    meeting_id=meeting.id,
                    seq=seq_consent + i + 1,
                    given=i % 2 == 0,
                    at=now - timedelta(days=30, minutes=n - i),
                    actor_id=citizen.id,
                )
            )
            session.add(
                ParticipationRecord(
                    meeting_id=meeting.id,
                    seq=seq_part + i + 1,
                    mode="fremmoede",
                    at=now - timedelta(days=30, minutes=n - i),
                    actor_id=citizen.id,
                    source="choice",
                )
            )
        fuldmagt = Fuldmagt(
            citizen_id=citizen.id,
            holder_id=holder.id,
            scopes="se",
            starts_on=today - timedelta(days=900 + i),
            ends_on=today - timedelta(days=800 + i),
            created_at=now - timedelta(days=900 + i),
        )
        session.add(fuldmagt)
        session.flush()
        session.add(
            FuldmagtEvent(
                fuldmagt_id=fuldmagt.id,
                at=fuldmagt.created_at,
                kind="granted",
                by_id=citizen.id,
                scopes="se",
                ends_on=fuldmagt.ends_on,
            )
        )
        session.add(
            Meeting(
                citizen_id=other.id,
                starts_at=now + timedelta(days=20),
                change_deadline=now + timedelta(days=18),
                created_at=now,
            )
        )
        for k in range(3):
            session.add(
                AuditEvent(
                    at=now - timedelta(days=k + i),
                    actor_id=citizen.id,
                    actor_role="citizen",
                    citizen_id=citizen.id,
                    action="plan.view",
                    outcome="allowed",
                )
            )
    session.flush()


def upcoming_booking(session, subject: str = "demo-hanne") -> int:
    """A summons to a conversation in a week, so the citizen has a booking page to open."""
    now = clock.now()
    citizen = session.scalar(select(Person).where(Person.subject == subject))
    slot = _slot(citizen.caseworker_id, now + timedelta(days=7, minutes=7), now)
    session.add(slot)
    session.flush()
    booking = Booking(
        slot_id=slot.id,
        citizen_id=citizen.id,
        kind=BookingKind.SUMMONS,
        status=BookingStatus.ACTIVE,
        form="telefon",
        topic="Opfølgningssamtale",
        booked_by_id=citizen.caseworker_id,
        booked_at=now,
    )
    session.add(booking)
    session.flush()
    return booking.id
