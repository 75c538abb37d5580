"""The one plan: a citizen's goal and the efforts (indsatser) from every department, with history."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.models.people import Person
from portal.models.types import UTCDateTime


class Department(StrEnum):
    EMPLOYMENT = "employment"
    HEALTH = "health"
    SOCIAL = "social"
    EDUCATION = "education"


class Law(StrEnum):
    EMPLOYMENT = "beskaeftigelsesloven"
    HEALTH = "sundhedsloven"
    SERVICE = "serviceloven"
    COMPENSATION = "kompensationsloven"
    ACTIVE_SOCIAL_POLICY = "aktivloven"


class Payer(StrEnum):
    MUNICIPALITY = "municipality"
    REGION = "region"
    STATE = "state"


class EffortStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    PAUSED = "paused"
    DONE = "done"
    CANCELLED = "cancelled"


class ChangeKind(StrEnum):
    EFFORT_ADDED = "effort_added"
    STATUS_CHANGED = "status_changed"
    DATES_MOVED = "dates_moved"
    GOAL_CHANGED = "goal_changed"
    SENSITIVITY_CHANGED = "sensitivity_changed"  # health/social data hidden from "se" or not
    # A published meeting outcome is now, or no longer, about the effort (portal/services/
    # outcome_links.py); the outcome's title at the time is the new/old value.
    OUTCOME_LINKED = "outcome_linked"
    OUTCOME_UNLINKED = "outcome_unlinked"


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{v.value}'" for v in values)


class Plan(db.Model):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("person.id"), unique=True)
    goal: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    efforts: Mapped[list[Effort]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Effort.id"
    )
    changes: Mapped[list[PlanChange]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanChange.id"
    )


class Effort(db.Model):
    __tablename__ = "effort"
    __table_args__ = (
        CheckConstraint(f"department IN ({_in(Department)})", name="department"),
        CheckConstraint(f"law IN ({_in(Law)})", name="law"),
        CheckConstraint(f"payer IN ({_in(Payer)})", name="payer"),
        CheckConstraint(f"status IN ({_in(EffortStatus)})", name="status"),
        # Coming steps of a plan: planned efforts by start date (migration 0020)
        Index("ix_effort_plan_status_start", "plan_id", "status", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    meaning: Mapped[str] = mapped_column(Text)  # what the effort means for the citizen, plainly
    next_step: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str] = mapped_column(String(20))
    law: Mapped[str] = mapped_column(String(30))
    payer: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    contact_name: Mapped[str | None] = mapped_column(String(120))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    # Health or social treatment: shown to a fuldmagt holder only when the citizen included such
    # data (portal/services/sensitivity.py sets the default; the caseworker can change it).
    sensitive: Mapped[bool] = mapped_column(default=False, server_default=sa_false())

    plan: Mapped[Plan] = relationship(back_populates="efforts")


class PlanChange(db.Model):
    """One change to the plan, kept for good: the plan's history is never rewritten."""

    __tablename__ = "plan_change"
    __table_args__ = (CheckConstraint(f"kind IN ({_in(ChangeKind)})", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    effort_id: Mapped[int | None] = mapped_column(ForeignKey("effort.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(String(20))
    # Who changed it: a person, and the department they changed it for.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    department: Mapped[str | None] = mapped_column(String(20))
    effort_title: Mapped[str | None] = mapped_column(String(120))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # The outcome a link change is about: a fuldmagt holder who may not see that outcome (it is
    # linked to a sensitive effort) does not see the change either, whatever effort it names.
    outcome_id: Mapped[int | None] = mapped_column(ForeignKey("outcome.id"))

    plan: Mapped[Plan] = relationship(back_populates="changes")
    actor: Mapped[Person | None] = relationship()
