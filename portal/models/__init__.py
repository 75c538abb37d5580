"""All models, imported here so Alembic and the app see one metadata."""

from portal.models.audit import AuditEvent
from portal.models.delegation import Fuldmagt, FuldmagtEvent, FuldmagtEventKind
from portal.models.people import Course, Person, PersonKind
from portal.models.plan import (
    ChangeKind,
    Department,
    Effort,
    EffortStatus,
    Law,
    Payer,
    Plan,
    PlanChange,
)

__all__ = [
    "AuditEvent",
    "ChangeKind",
    "Course",
    "Department",
    "Effort",
    "EffortStatus",
    "Fuldmagt",
    "FuldmagtEvent",
    "FuldmagtEventKind",
    "Law",
    "Payer",
    "Person",
    "PersonKind",
    "Plan",
    "PlanChange",
]
