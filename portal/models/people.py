"""People who use the portal: citizens, caseworkers and other persons (relatives, bisiddere)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db


class PersonKind(StrEnum):
    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    RELATIVE = "relative"  # logs in as themselves; acts for others only through a fuldmagt


class Course(StrEnum):
    """The forløb a citizen is in."""

    SICKNESS_FOLLOW_UP = "sygedagpenge"
    JOB_CLARIFICATION = "jobafklaring"
    RESOURCE_COURSE = "ressourceforloeb"
    FLEX_JOB = "fleksjob"
    EARLY_RETIREMENT = "foertidspension"


class Person(db.Model):
    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("kind IN ('citizen', 'caseworker', 'relative')", name="kind"),
        # The caseload, in name order (migration 0020)
        Index("ix_person_caseload", "caseworker_id", "kind", "first_name", "last_name", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The stable identifier the login broker hands us (MitID via OIDC; a demo key in demo mode).
    subject: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    birth_date: Mapped[date | None]
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(120))
    # Caseworkers: what they do and when they answer the phone.
    job_title: Mapped[str | None] = mapped_column(String(120))
    office_hours: Mapped[str | None] = mapped_column(String(120))
    # Citizens: the course they are in and the caseworker whose caseload holds them.
    course: Mapped[str | None] = mapped_column(String(30))
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # The language the person chose in the portal ("da" or "en"); None: never chose (Danish).
    language: Mapped[str | None] = mapped_column(String(5))
    # Matching a first log-in through OpenID Connect (portal/services/login.py) and naming a
    # fuldmagt's holder: citizens and relatives by their CPR number, kept only as a keyed hash
    # (portal/services/cpr.py), caseworkers by the staff provider's configured claim (e.g.
    # e-mail or employee id). Never shown to other people.
    cpr_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    staff_key: Mapped[str | None] = mapped_column(String(120), unique=True)

    caseworker: Mapped[Person | None] = relationship(remote_side=[id], foreign_keys=[caseworker_id])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_citizen(self) -> bool:
        return self.kind == PersonKind.CITIZEN

    @property
    def is_caseworker(self) -> bool:
        return self.kind == PersonKind.CASEWORKER


class LoginProvider(StrEnum):
    CITIZEN = "citizen"  # MitID through a broker: citizens and relatives
    STAFF = "staff"  # the municipality's identity provider: caseworkers


class LoginSubject(db.Model):
    """The subject ("sub") a provider gave a person, stored at their first log-in through it."""

    __tablename__ = "login_subject"
    __table_args__ = (
        UniqueConstraint("provider", "subject", name="uq_login_subject_provider_subject"),
        UniqueConstraint("provider", "person_id", name="uq_login_subject_provider_person"),
        CheckConstraint("provider IN ('citizen', 'staff')", name="provider"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(255))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    created_at: Mapped[datetime]

    person: Mapped[Person] = relationship()
