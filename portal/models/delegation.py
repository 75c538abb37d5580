"""Fuldmagt: a citizen lets another person see or do things for them, limited in scope and time.

The row holds the current terms; every grant, change, revocation and giving-up is also written
as an append-only `FuldmagtEvent`, so the history is kept, never overwritten.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from portal.extensions import db
from portal.models.people import Person
from portal.models.types import UTCDateTime


class FuldmagtEventKind(StrEnum):
    GRANTED = "granted"
    CHANGED = "changed"
    REVOKED = "revoked"
    GIVEN_UP = "given_up"


def join_scopes(scopes) -> str:
    return ",".join(sorted(str(s) for s in scopes))


def split_scopes(stored: str) -> frozenset[str]:
    return frozenset(s for s in stored.split(",") if s)


class Fuldmagt(db.Model):
    __tablename__ = "fuldmagt"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    scopes: Mapped[str] = mapped_column(String(40))  # "booke,se": access.Scope values
    starts_on: Mapped[date]
    ends_on: Mapped[date]  # the last day it is valid
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    given_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    citizen: Mapped[Person] = relationship(foreign_keys=[citizen_id])
    holder: Mapped[Person] = relationship(foreign_keys=[holder_id])
    events: Mapped[list[FuldmagtEvent]] = relationship(
        back_populates="fuldmagt", order_by="FuldmagtEvent.id"
    )

    @property
    def scope_set(self) -> frozenset[str]:
        return split_scopes(self.scopes)

    @property
    def ended(self) -> bool:
        """Ended by a person (revoked or given up), as opposed to running out."""
        return self.revoked_at is not None or self.given_up_at is not None

    def valid_on(self, day: date) -> bool:
        return not self.ended and self.starts_on <= day <= self.ends_on


class FuldmagtEvent(db.Model):
    __tablename__ = "fuldmagt_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    fuldmagt_id: Mapped[int] = mapped_column(ForeignKey("fuldmagt.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(String(20))
    by_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    # The terms after the event.
    scopes: Mapped[str] = mapped_column(String(40))
    ends_on: Mapped[date]

    fuldmagt: Mapped[Fuldmagt] = relationship(back_populates="events")
    by: Mapped[Person] = relationship()


class FuldmagtHistoryIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_history_rewrites(session: Session, flush_context, instances) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, FuldmagtEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise FuldmagtHistoryIsAppendOnly("fuldmagt history is never changed or deleted")
