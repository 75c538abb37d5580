"""'Hent dine oplysninger' (GDPR art. 15 and 20): everything the portal holds about a citizen,
read in a fixed number of statements, one per kind of row, whatever the amount.

Nothing is capped: the citizen has a right to all of it. The long kinds (the audit rows about
them, the messages sent to them) are each read in one statement through their citizen/recipient
index, so the cost follows this citizen's own rows, which the retention periods bound (the audit
trail 5 years, messages 1 year: portal/retention.py), never the size of the database. The file
is built in memory: a citizen's own rows are thousands at most, not millions.

Left out on purpose: the keyed hash of the CPR number (a secret-keyed fingerprint, not
information about the person), other people's data (a holder's or caseworker's own details
beyond their name), and outcome drafts the caseworker has not published (working documents the
citizen has not been sent). `portal/services/my_data_document.py` turns the rows into the
documented structure; the log-in sessions come from the web layer's session store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from portal.models import (
    AuditEvent,
    Booking,
    BookingHelpRequest,
    CallbackRequest,
    ConsentRecord,
    ContactSettings,
    DeadlineWindow,
    Exemption,
    Fuldmagt,
    LoginSubject,
    Meeting,
    Notification,
    Outcome,
    OutcomeReceipt,
    OutcomeVersion,
    ParticipationRecord,
    Person,
    Plan,
    Preparation,
    PreparationSending,
    Slot,
)


@dataclass(frozen=True)
class LoginSession:
    """One log-in of the person's that is still open, as the session store knows it."""

    started_at: datetime
    last_seen_at: datetime
    browser: str
    system: str
    this_one: bool


@dataclass
class MyData:
    person: Person
    contact: ContactSettings | None
    logins: list[LoginSubject]
    plan: Plan | None
    meetings: list[Meeting]
    consents: list[ConsentRecord]
    participations: list[ParticipationRecord]
    preparations: list[Preparation]
    sendings: list[PreparationSending]
    windows: list[DeadlineWindow]
    bookings: list[Booking]
    exemptions: list[Exemption]
    callbacks: list[CallbackRequest]
    help_requests: list[BookingHelpRequest]
    outcomes: list[Outcome]
    fuldmagter: list[Fuldmagt]
    audit: list[tuple[AuditEvent, Person | None]]
    notifications: list[Notification]
    sessions: list[LoginSession] = field(default_factory=list)
    people: dict[int, Person] = field(default_factory=dict)

    def name_of(self, person_id: int | None) -> str | None:
        person = self.people.get(person_id) if person_id is not None else None
        return person.full_name if person else None


def _meeting_rows(session: Session, model, citizen_id: int, order) -> list:
    return list(
        session.scalars(
            select(model)
            .join(Meeting, Meeting.id == model.meeting_id)
            .where(Meeting.citizen_id == citizen_id)
            .order_by(*order)
        )
    )


def _of_citizen(session: Session, model, citizen_id: int, *order) -> list:
    return list(
        session.scalars(select(model).where(model.citizen_id == citizen_id).order_by(*order))
    )


def collect(
    session: Session, citizen_id: int, sessions: list[LoginSession] | None = None
) -> MyData:
    """Every kind of row about the citizen, in one statement per kind (a plan, a meeting, an
    outcome and a fuldmagt add one for their children, loaded together for all of them)."""
    person = session.scalars(
        select(Person).options(joinedload(Person.caseworker)).where(Person.id == citizen_id)
    ).one()
    plan = session.scalars(
        select(Plan)
        .options(selectinload(Plan.efforts), selectinload(Plan.changes))
        .where(Plan.citizen_id == citizen_id)
    ).first()
    published = OutcomeVersion.published_at.is_not(None)
    own_receipt = OutcomeReceipt.reader_id == citizen_id
    data = MyData(
        person=person,
        contact=session.get(ContactSettings, citizen_id),
        logins=list(
            session.scalars(
                select(LoginSubject)
                .where(LoginSubject.person_id == citizen_id)
                .order_by(LoginSubject.id)
            )
        ),
        plan=plan,
        meetings=list(
            session.scalars(
                select(Meeting)
                .options(selectinload(Meeting.members))
                .where(Meeting.citizen_id == citizen_id)
                .order_by(Meeting.starts_at, Meeting.id)
            )
        ),
        consents=_meeting_rows(
            session, ConsentRecord, citizen_id, (ConsentRecord.meeting_id, ConsentRecord.seq)
        ),
        participations=_meeting_rows(
            session,
            ParticipationRecord,
            citizen_id,
            (ParticipationRecord.meeting_id, ParticipationRecord.seq),
        ),
        preparations=_meeting_rows(session, Preparation, citizen_id, (Preparation.meeting_id,)),
        sendings=_meeting_rows(
            session, PreparationSending, citizen_id, (PreparationSending.sent_at,)
        ),
        windows=_of_citizen(session, DeadlineWindow, citizen_id, DeadlineWindow.opens_on),
        bookings=list(
            session.scalars(
                select(Booking)
                .options(joinedload(Booking.slot).joinedload(Slot.caseworker))
                .where(Booking.citizen_id == citizen_id)
                .order_by(Booking.booked_at, Booking.id)
            )
        ),
        exemptions=_of_citizen(session, Exemption, citizen_id, Exemption.at, Exemption.id),
        callbacks=_of_citizen(session, CallbackRequest, citizen_id, CallbackRequest.at),
        help_requests=_of_citizen(session, BookingHelpRequest, citizen_id, BookingHelpRequest.at),
        outcomes=list(
            session.scalars(
                select(Outcome)
                .options(
                    selectinload(Outcome.versions.and_(published)).selectinload(
                        OutcomeVersion.receipts.and_(own_receipt)
                    )
                )
                .where(Outcome.citizen_id == citizen_id)
                .order_by(Outcome.created_at, Outcome.id)
            )
        ),
        fuldmagter=list(
            session.scalars(
                select(Fuldmagt)
                .options(selectinload(Fuldmagt.events))
                .where(or_(Fuldmagt.citizen_id == citizen_id, Fuldmagt.holder_id == citizen_id))
                .order_by(Fuldmagt.created_at, Fuldmagt.id)
            )
        ),
        audit=_audit_rows(session, citizen_id),
        notifications=list(
            session.scalars(
                select(Notification)
                .where(Notification.recipient_id == citizen_id)
                .order_by(Notification.created_at, Notification.id)
            )
        ),
        sessions=list(sessions or []),
    )
    data.people = _people(session, data)
    return data


def _audit_rows(session: Session, citizen_id: int) -> list[tuple[AuditEvent, Person | None]]:
    """Every audit row about the citizen, oldest first, with who did it (one statement through
    the (citizen_id, at) index)."""
    rows = session.execute(
        select(AuditEvent, Person)
        .outerjoin(Person, Person.id == AuditEvent.actor_id)
        .where(AuditEvent.citizen_id == citizen_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return [(event, actor) for event, actor in rows]


def _people(session: Session, data: MyData) -> dict[int, Person]:
    """The names behind every "who" in the rows, read once for all of them."""
    ids: set[int | None] = {data.person.caseworker_id}
    if data.plan:
        ids |= {c.actor_id for c in data.plan.changes}
    for rows, names in (
        (data.consents, ("actor_id",)),
        (data.participations, ("actor_id",)),
        (data.sendings, ("actor_id",)),
        (data.windows, ("opened_by_id",)),
        (data.bookings, ("booked_by_id", "ended_by_id")),
        (data.exemptions, ("actor_id",)),
        (data.callbacks, ("requested_by_id", "handled_by_id")),
        (data.help_requests, ("requested_by_id", "answered_by_id")),
        (data.fuldmagter, ("citizen_id", "holder_id")),
    ):
        ids |= {getattr(row, name) for row in rows for name in names}
    ids |= {e.by_id for f in data.fuldmagter for e in f.events}
    ids.discard(None)
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
